// Fails when the modules of a crate read each other in a circle (issue 9: each layer reads only
// the layers below it). For each crate root given (a `src` directory with lib.rs), every module is
// a node and every path it names — `crate::…`, `super::…`, `self::…`, a child module, `use` trees
// with their groups — an edge to the module that defines the item, following `pub use` re-exports
// (also `*`), so `crate::Project` counts as `model`. Not counted: comments and strings, what is
// compiled for tests only (`#[cfg(test)]` items and files), and paths written inside
// `macro_rules!` bodies (they belong to whichever module expands the macro, which a reader of text
// cannot tell; the compiler still checks them), and a child module's reading of its ancestors
// (a child is a part of its parent; see `levels`). Prints every cycle with its edges and the lines
// that make them. Run by `make lint`; `node scripts/check-cycles.mjs DIR…` (default: every crate).
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname, basename } from 'node:path';

/** The text with comments removed and string and char literals emptied (braces kept). */
export function clean(text) {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      let depth = 0;
      do {
        if (text[i] === '/' && text[i + 1] === '*') (depth++, (i += 2));
        else if (text[i] === '*' && text[i + 1] === '/') (depth--, (i += 2));
        else i++;
      } while (i < n && depth > 0);
      out += ' ';
    } else if ((c === 'r' || (c === 'b' && next === 'r')) && /^b?r#*"/.test(text.slice(i, i + 40)) && !/\w/.test(text[i - 1] ?? '')) {
      const m = /^b?r(#*)"/.exec(text.slice(i));
      const end = text.indexOf(`"${m[1]}`, i + m[0].length);
      i = end < 0 ? n : end + 1 + m[1].length;
      out += '""';
    } else if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      out += '""';
    } else if (c === "'" && /^'(\\(u\{[0-9a-fA-F]+\}|x..|.)|[^\\'])'/u.test(text.slice(i, i + 12))) {
      const m = /^'(\\(u\{[0-9a-fA-F]+\}|x..|.)|[^\\'])'/u.exec(text.slice(i, i + 12));
      i += m[0].length;
      out += "' '";
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The end (exclusive) of the item starting at `from`: after its `;` or its balanced `{…}`. */
function itemEnd(text, from) {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      depth--;
      if (depth === 0 && c === '}') return i + 1;
    } else if (c === ';' && depth === 0) return i + 1;
  }
  return text.length;
}

/** Removes `#[cfg(test)]` items and `macro_rules!` definitions; returns [text, test-only child modules]. */
export function strip(text) {
  const testMods = [];
  for (;;) {
    const at = text.search(/#\[cfg\(test\)\]/);
    if (at < 0) break;
    let i = at + '#[cfg(test)]'.length;
    let path = null;
    for (;;) {
      const rest = text.slice(i);
      const attr = /^\s*#\[([^\]]*)\]/.exec(rest);
      if (!attr) break;
      const p = /path\s*=\s*"([^"]*)"/.exec(attr[1]);
      if (p) path = p[1];
      i += attr[0].length;
    }
    const end = itemEnd(text, i);
    const decl = /^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;/.exec(text.slice(i, end));
    if (decl) testMods.push(path ?? decl[1]);
    text = text.slice(0, at) + ' ' + text.slice(end);
  }
  for (;;) {
    const m = /macro_rules!\s*\w+\s*/.exec(text);
    if (!m) break;
    const end = itemEnd(text, m.index + m[0].length);
    text = text.slice(0, m.index) + ' ' + text.slice(end);
  }
  return [text, testMods];
}

/** The paths of a `use` tree, as lists of segments, with the name each brings in. */
export function useTree(tree) {
  tree = tree.replace(/\s+/g, '');
  const out = [];
  const walk = (prefix, t) => {
    const brace = t.indexOf('{');
    if (brace < 0) {
      const [path, alias] = t.split(/as(?=[A-Za-z_]\w*$)/);
      const segs = [...prefix, ...path.split('::').filter(Boolean)];
      if (segs.at(-1) === 'self') segs.pop();
      out.push({ segs, name: alias ?? segs.at(-1) });
      return;
    }
    const head = t.slice(0, brace).split('::').filter(Boolean);
    const body = t.slice(brace + 1, t.lastIndexOf('}'));
    let depth = 0;
    let start = 0;
    for (let i = 0; i <= body.length; i++) {
      const c = body[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if ((c === ',' && depth === 0) || i === body.length) {
        const part = body.slice(start, i);
        if (part) walk([...prefix, ...head], part);
        start = i + 1;
      }
    }
  };
  walk([], tree);
  return out;
}

/** Every module of the crate whose root is `dir/lib.rs` (or `main.rs`), by its path (`a::b`). */
function modules(dir) {
  const mods = new Map();
  const visit = (file, path) => {
    const [text, testMods] = strip(clean(readFileSync(file, 'utf8')));
    const here = basename(file) === 'mod.rs' || path.length === 0 ? dirname(file) : join(dirname(file), basename(file, '.rs'));
    const children = [];
    for (const m of text.matchAll(/(?:^|[\s;}])(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;/g)) {
      if (testMods.includes(m[1])) continue;
      const f = [join(here, `${m[1]}.rs`), join(here, m[1], 'mod.rs')].find(existsSync);
      if (f) children.push([m[1], f]);
    }
    mods.set(path.join('::'), { file, path, text, children: children.map(([c]) => c) });
    for (const [c, f] of children) visit(f, [...path, c]);
  };
  const root = ['lib.rs', 'main.rs'].map((f) => join(dir, f)).find(existsSync);
  if (root) visit(root, []);
  return mods;
}

/** The graph of one crate: module → Map(module → [lines that name it]). */
export function graph(dir) {
  const mods = modules(dir);
  for (const m of mods.values()) {
    m.uses = [];
    for (const u of m.text.matchAll(/(?:^|[\s;{}])((?:pub(?:\([^)]*\))?\s+)?)use\s+([^;]+);/g)) {
      const line = m.text.slice(0, u.index).split('\n').length;
      for (const p of useTree(u[2])) m.uses.push({ ...p, pub: u[1].trim() !== '', line });
    }
    m.defines = new Set([...m.text.matchAll(/\b(?:struct|enum|fn|trait|type|const|static|union|mod)\s+(\w+)/g)].map((x) => x[1]));
  }
  const key = (path) => path.join('::');
  /** The module that defines what `segs` (said in module `from`) names, following re-exports. */
  const resolve = (from, segs, seen = new Set()) => {
    let cur;
    let i = 0;
    if (segs[0] === 'crate') (cur = []), (i = 1);
    else if (segs[0] === 'self') (cur = [...from]), (i = 1);
    else if (segs[0] === 'super') {
      cur = [...from];
      while (segs[i] === 'super') (cur = cur.slice(0, -1)), i++;
    } else if (mods.get(key(from))?.children.includes(segs[0])) cur = [...from];
    else return null;
    while (i < segs.length && mods.get(key(cur))?.children.includes(segs[i])) cur = [...cur, segs[i++]];
    if (i >= segs.length) return key(cur);
    const m = mods.get(key(cur));
    const tag = `${key(cur)}#${segs[i]}`;
    if (m && !seen.has(tag)) {
      seen.add(tag);
      const re = m.uses.find((u) => u.pub && u.name === segs[i]);
      if (re) return resolve(cur, [...re.segs, ...segs.slice(i + 1)], seen) ?? key(cur);
      if (!m.defines.has(segs[i])) {
        for (const g of m.uses.filter((u) => u.pub && u.name === '*')) {
          const target = resolve(cur, g.segs, seen);
          if (target !== null && mods.get(target)?.defines.has(segs[i])) return resolve(cur, [...g.segs, ...segs.slice(i)], seen);
        }
      }
    }
    return key(cur);
  };
  const g = new Map();
  for (const [name, m] of mods) {
    if (m.path.length === 0) continue; // the crate root only declares and re-exports
    const edges = new Map();
    const add = (target, line) => {
      if (target === null || target === '' || name === target) return;
      if (!edges.has(target)) edges.set(target, []);
      edges.get(target).push(line);
    };
    for (const u of m.uses) add(resolve(m.path, u.segs), u.line);
    const body = m.text.replace(/(?:^|[\s;{}])(?:pub(?:\([^)]*\))?\s+)?use\s+[^;]+;/g, (s) => s.replace(/[^\n]/g, ' '));
    for (const p of body.matchAll(/(?<![\w:$])((?:crate|self|super|[a-z_]\w*)(?:::(?:super|\w+))+)/g)) {
      const line = body.slice(0, p.index).split('\n').length;
      add(resolve(m.path, p[1].split('::')), line);
    }
    g.set(name, { file: m.file, edges });
  }
  return g;
}

/**
 * The graph one level of the tree at a time: for each module `L`, its own code and its children
 * (each with everything below it) are the nodes, and an edge `a -> b` of the crate counts there
 * between the nodes under `L` that hold `a` and `b` — so `x -> p::c` and `p -> x` make the cycle
 * `x, p` one level up. A module reading one of its ancestors is not counted: a child is a part of
 * its parent (an `impl` split into files reads the parent's private helpers).
 */
export function levels(g) {
  const out = new Map();
  const segs = (m) => (m === '' ? [] : m.split('::'));
  for (const [a, { edges }] of g) {
    for (const [b, lines] of edges) {
      const [sa, sb] = [segs(a), segs(b)];
      let k = 0;
      while (k < sa.length && k < sb.length && sa[k] === sb[k]) k++;
      if (k === sb.length) continue; // b is an ancestor of a
      const level = sa.slice(0, k).join('::');
      const node = (s) => s.slice(0, k + 1).join('::') || '(crate)';
      const from = k === sa.length ? `${level} itself` : node(sa);
      const to = node(sb);
      if (!out.has(level)) out.set(level, new Map());
      const lg = out.get(level);
      if (!lg.has(from)) lg.set(from, { edges: new Map() });
      if (!lg.has(to)) lg.set(to, { edges: new Map() });
      if (!lg.get(from).edges.has(to)) lg.get(from).edges.set(to, []);
      lg.get(from).edges.get(to).push({ a, b, lines });
    }
  }
  return out;
}

/** The strongly connected components of more than one node (Tarjan). */
export function cycles(g) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v)?.edges.keys() ?? []) {
      if (!g.has(w)) continue;
      if (!idx.has(w)) (visit(w), low.set(v, Math.min(low.get(v), low.get(w))));
      else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do (w = stack.pop()), on.delete(w), comp.push(w);
      while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...g.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  const dirs = process.argv.slice(2);
  const roots = dirs.length ? dirs : ['src', ...readdirSync('crates').map((c) => join('crates', c, 'src'))];
  let bad = 0;
  for (const dir of roots.filter((d) => existsSync(d) && statSync(d).isDirectory())) {
    const g = graph(dir);
    let found = 0;
    for (const [level, lg] of levels(g)) {
      for (const comp of cycles(lg)) {
        found++;
        console.error(`${dir}: modules that read each other in a circle${level ? ` (in ${level})` : ''}: ${comp.join(', ')}`);
        // Each edge between them, with up to three of the places that make it (the fewest places
        // are usually the edge to undo).
        for (const x of comp) {
          for (const [y, via] of lg.get(x).edges) {
            if (!comp.includes(y)) continue;
            const places = via.map(({ a, b, lines }) => `${a} -> ${b} (${relative('.', g.get(a).file)}:${[...new Set(lines)].join(',')})`);
            const more = places.length > 3 ? `, and ${places.length - 3} more` : '';
            console.error(`  ${x} -> ${y}: ${places.slice(0, 3).join('; ')}${more}`);
          }
        }
      }
    }
    bad += found;
    if (!found) console.log(`${dir}: ${g.size} modules, no cycle`);
  }
  if (bad) process.exit(1);
}
