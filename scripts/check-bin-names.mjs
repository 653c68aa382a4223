// Fails when two binary targets of the workspace share a name: cargo would then write both to one
// `target/<profile>/<name>` (a "output filename collision" warning) and keep whichever finished
// last — once the web app's wasm binary in place of the CLI. Run by `make test-native`.
import { execFileSync } from 'node:child_process';

const meta = JSON.parse(execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline'], { encoding: 'utf8' }));
const seen = new Map();
let bad = 0;
for (const pkg of meta.packages) {
  for (const t of pkg.targets.filter((t) => t.kind.includes('bin'))) {
    if (seen.has(t.name)) {
      console.error(`two binaries named "${t.name}": in ${seen.get(t.name)} and ${pkg.name}`);
      bad++;
    } else seen.set(t.name, pkg.name);
  }
}
if (seen.get('mieruka') !== 'mieruka-cli') {
  console.error(`the binary "mieruka" must be the CLI's (it is ${seen.get('mieruka') ?? 'missing'})`);
  bad++;
}
if (bad) process.exit(1);
console.log(`bin names: ${[...seen.keys()].sort().join(', ')} — each once, "mieruka" is the CLI`);
