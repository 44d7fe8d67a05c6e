//! The regex engine behind the lexicons' few patterns (amounts, deadlines, file names).
//!
//! Natively it is the `regex` crate, whose lazy DFA keeps a 10 KB message well inside its time
//! budget. In WebAssembly it is `regex-lite`, by the same author and with the same syntax for what
//! the lexicons use: the full crate brought ~500 KB of automata and Unicode tables into a module
//! whose whole budget is 1 MB, and the lexicons only ever need ASCII classes and word boundaries
//! (their regexes run on text the normaliser has already folded to plain lowercase). Both engines
//! take `\b`, `\d` and `\s` as ASCII, so a pattern matches the same text in the CLI and in the
//! browser; `tests` below checks that on the shapes the lexicons use.

#[cfg(not(target_arch = "wasm32"))]
pub use regex::{Regex, escape};
#[cfg(target_arch = "wasm32")]
pub use regex_lite::{Regex, escape};

/// Size limit for one compiled pattern: a bad pattern must not cost the engine megabytes.
const SIZE_LIMIT: usize = 1 << 22;

/// Compiles a lexicon pattern, with ASCII semantics for `\b` in both engines.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    #[cfg(not(target_arch = "wasm32"))]
    let built = regex::RegexBuilder::new(&pattern.replace(r"\b", r"(?-u:\b)")).size_limit(SIZE_LIMIT).build();
    #[cfg(target_arch = "wasm32")]
    let built = regex_lite::RegexBuilder::new(pattern).size_limit(SIZE_LIMIT).build();
    built.map_err(|e| e.to_string())
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
