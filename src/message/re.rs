//! The regex engine behind the lexicons' few patterns (amounts, deadlines, file names).
//!
//! The `regex` crate, built without its Unicode class tables: with them it was ~300 KB more of
//! a WebAssembly module whose whole budget is 1 MB, and `regex-lite` (tried instead) made a
//! 10 KB message take 12 ms in the browser where the lazy DFA takes a fraction of one. The
//! lexicons run on text the normaliser already folded to plain lowercase, so `compile` spells
//! `\w`, `\d` and `\s` out as explicit sets and makes `\b` an ASCII boundary; a test checks that
//! the result matches what a plain reading of each pattern shape would.

pub use regex::{Regex, escape};

/// Size limit for one compiled pattern: a bad pattern must not cost the engine megabytes.
const SIZE_LIMIT: usize = 1 << 22;

/// Compiles a lexicon pattern, with ASCII semantics for `\b` in both engines.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    regex::RegexBuilder::new(&ascii_classes(pattern)).size_limit(SIZE_LIMIT).build().map_err(|e| e.to_string())
}

/// Spells the Perl classes out as explicit sets (`\w` → ASCII word characters plus every
/// non-ASCII character; `\d`, `\s` ASCII; inside a class without the brackets) and makes `\b`
/// an ASCII boundary. The regex crate is built without its Unicode
/// class tables (~300 KB of WebAssembly), where `\w`, `\d` and `\s` would be refused; the
/// lexicons run on text already folded to plain lowercase, so ASCII is what they mean.
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut in_class = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(n) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let set = match n {
                    // Every non-ASCII character counts as a word character, as Unicode's `\w`
                    // counts letters of every script (`订单查看器.exe` is one file name).
                    'w' => Some("0-9A-Za-z_\\x{80}-\\x{10FFFF}"),
                    'd' => Some("0-9"),
                    's' => Some("\\t\\n\\x0B\\x0C\\r "),
                    _ => None,
                };
                match (set, n) {
                    (Some(set), _) if in_class => out.push_str(set),
                    (Some(set), _) => {
                        out.push('[');
                        out.push_str(set);
                        out.push(']');
                    }
                    (None, 'b') if !in_class => out.push_str("(?-u:\\b)"),
                    (None, 'B') if !in_class => out.push_str("(?-u:\\B)"),
                    (None, n) => {
                        out.push('\\');
                        out.push(n);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A `]` or `^]` right after the opening bracket is a literal, not the end.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap_or(']'));
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lite engine, compiled natively here, must agree with the full one on lexicon shapes.
    #[test]
    fn both_engines_agree_on_lexicon_shapes() {
        let cases = [
            (r"\b(usd|us\$|\$)\s?\d{2,6}\b", "pay usd 150 now or us$ 2000"),
            (r"\bwithin \d{1,3} (hours|days)\b", "within 24 hours, within 3 days"),
            (r"\d+(\.\d+)?\s?(元|美元|usdt)", "支付 300 元 或 50.5 usdt"),
            (r"\bpo[ _-]?\d+\.(exe|scr)\b", "open po_7781.exe today"),
            (r"\bé\b", "café é"),
        ];
        for (pattern, text) in cases {
            let full = compile(pattern).unwrap();
            let lite = regex_lite::RegexBuilder::new(pattern).build().unwrap();
            let a: Vec<(usize, usize)> = full.find_iter(text).map(|m| (m.start(), m.end())).collect();
            let b: Vec<(usize, usize)> = lite.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(a, b, "{pattern} on {text:?}");
        }
    }
}
