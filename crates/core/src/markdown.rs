//! Escaping user text for Markdown and HTML, once for every export (status reports, minutes,
//! the report's HTML): what the user typed is shown as text, never as markup.

/// Escapes one line of user text for inline Markdown (a table cell, a list item, a heading's
/// text): backslashes, backticks, emphasis and link characters and pipes get a backslash, `<`,
/// `>` and `&` become entities, and line breaks become spaces. Characters that are markup only
/// after one of these (`(` after `]`, `!` before `[`) or at a line's start (`#`, `-`, `1.`: see
/// [`line_start`]) stay as typed: the text is pasted into chats that show a backslash as is.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// [`inline`] of text that ends a heading line: a run of `#` at its end after a space would be read
/// as the heading's closing sequence and dropped ("課題 #" → "課題"), so its first `#` is escaped.
pub fn heading_end(s: &str) -> String {
    let mut out = inline(s);
    let body = out.trim_end_matches('#');
    if body.len() < out.len() && (body.is_empty() || body.ends_with([' ', '\t'])) {
        out.insert(body.len(), '\\');
    }
    out
}

/// [`inline`] of a line that starts a Markdown block: a leading `#`, `-`, `+`, `=` or a
/// number followed by `.` or `)` is escaped too, so it stays text instead of a heading or list.
pub fn line_start(s: &str) -> String {
    // Leading spaces would make an indented code block: they are dropped.
    let trimmed = s.trim_start();
    let body = inline(trimmed);
    let first = trimmed.chars().next();
    let needs = match first {
        Some('#' | '-' | '+' | '=') => true,
        Some(c) if c.is_ascii_digit() => {
            let rest = trimmed.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with('.') || rest.starts_with(')')
        }
        _ => false,
    };
    if !needs {
        return body;
    }
    if let Some(c) = first.filter(|c| !c.is_ascii_digit()) {
        return format!("\\{c}{}", &body[c.len_utf8()..]);
    }
    // "1. x" → "1\. x"
    let digits = trimmed.chars().take_while(|c| c.is_ascii_digit()).count();
    format!("{}\\{}", &body[..digits], &body[digits..])
}

/// Escapes a block of text the user wrote on several lines: each line keeps its own line (a hard
/// break), lines written as list items (`- `, `* `, `・`, `1. `) stay list items, and nothing else
/// the user typed becomes markup (headings, quotes, code blocks, HTML).
pub fn block(s: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_list = false;
    for line in s.lines() {
        let t = line.trim();
        if t.is_empty() {
            if !out.last().is_some_and(|l| l.is_empty()) && !out.is_empty() {
                out.push(String::new());
            }
            in_list = false;
            continue;
        }
        let bullet = ["- ", "* ", "+ ", "・", "• "].iter().find_map(|b| t.strip_prefix(b));
        let numbered =
            t.split_once(". ").filter(|(n, _)| !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()));
        if let Some(rest) = bullet {
            if !in_list && out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            out.push(format!("- {}", inline(rest.trim())));
            in_list = true;
        } else if let Some((n, rest)) = numbered {
            if !in_list && out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            out.push(format!("{n}. {}", inline(rest.trim())));
            in_list = true;
        } else {
            if in_list {
                out.push(String::new());
                in_list = false;
            }
            // A line that starts like a block (heading, list, numbered list, underline) stays text.
            let e = line_start(t);
            // A hard line break when the next line follows in the same paragraph.
            if let Some(prev) = out.last_mut().filter(|l| !l.is_empty()) {
                prev.push_str("  ");
            }
            out.push(e);
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// HTML-escapes text for element content and quoted attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_special_characters_stay_text() {
        assert_eq!(
            inline("a|b `c` <d> *e* [f](g) & h\nnext"),
            "a\\|b \\`c\\` &lt;d&gt; \\*e\\* \\[f\\](g) &amp; h next"
        );
        assert_eq!(line_start("# title"), "\\# title");
        assert_eq!(line_start("- item"), "\\- item");
        assert_eq!(line_start("12. x"), "12\\. x");
        assert_eq!(line_start("  > quote"), "&gt; quote");
        assert_eq!(line_start("plain"), "plain");
        assert_eq!(line_start("3) x"), "3\\) x");
        assert_eq!(heading_end("課題 #"), "課題 \\#");
        assert_eq!(heading_end("C#"), "C#");
        assert_eq!(heading_end("##"), "\\##");
        assert_eq!(heading_end("第3回 (#12)"), "第3回 (#12)");
        assert_eq!(line_start("## x"), "\\## x");
        assert_eq!(inline("課題 #7 (顧客) ![x]"), "課題 #7 (顧客) !\\[x\\]");
    }

    #[test]
    fn html_special_characters_become_entities() {
        assert_eq!(
            html("<script>alert('x')</script> & \""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;"
        );
    }

    #[test]
    fn inline_text_cannot_become_markup() {
        assert_eq!(inline("*重要* <b>x</b> | a_b"), "\\*重要\\* &lt;b&gt;x&lt;/b&gt; \\| a\\_b");
        assert_eq!(inline("[link](javascript:x)"), "\\[link\\](javascript:x)");
        assert_eq!(inline("two\nlines"), "two lines");
    }

    #[test]
    fn blocks_keep_lines_and_lists_but_not_headings() {
        assert_eq!(block("# 見出し\n> 引用\n    code"), "\\# 見出し  \n&gt; 引用  \ncode");
        assert_eq!(block("前文\n- 項目1\n・項目2\n後文"), "前文\n\n- 項目1\n- 項目2\n\n後文");
        assert_eq!(block("1. 一\n2. 二"), "1. 一\n2. 二");
        assert_eq!(block("2025.4 の件\n---"), "2025\\.4 の件  \n\\---");
        assert_eq!(block("a\n\n\nb\n"), "a\n\nb");
    }
}
