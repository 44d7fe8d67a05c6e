//! The regex engine behind the lexicons' few patterns (amounts, deadlines, file names).
//!
//! `regex-automata`'s meta engine (the engine inside the `regex` crate), built without its
//! Unicode class tables: with them it was ~300 KB more of a WebAssembly module whose whole
//! budget is 1 MB, and `regex-lite` (tried instead) made a 10 KB message take 12 ms in the
//! browser where the lazy DFA takes a fraction of one. The lexicons run on text the normaliser
//! already folded to plain lowercase, so `compile` spells `\w`, `\d` and `\s` out as explicit
//! sets and makes `\b` an ASCII boundary; a test checks that the result matches what a plain
//! reading of each pattern shape would.
//!
//! The engine is used directly, not through `regex`, for one setting: no literal prefilters.
//! Building them (literal extraction, then an Aho-Corasick automaton per regex) was more than
//! half of the lexicon's start-up cost, and on messages they did not pay: the lexicon's
//! patterns start with digits or common letters, where a prefilter finds a candidate every few
//! bytes. Whether a group can match at all is answered for every group at once by one
//! multi-pattern scan ([`Set`]) instead.

use std::sync::OnceLock;

use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::{Input, MatchKind, PatternSet, meta};

/// Size limit for one compiled pattern: a bad pattern must not cost the engine megabytes.
const SIZE_LIMIT: usize = 1 << 22;

/// One compiled lexicon pattern.
#[derive(Clone, Debug)]
pub struct Regex(meta::Regex);

/// A pattern compiled the first time it is needed, for the few that most messages never
/// need (their scan is gated on a cheap test): their share of building an engine is saved.
#[derive(Debug)]
pub struct Lazy {
    pattern: String,
    groups: bool,
    compiled: OnceLock<Option<Regex>>,
}

impl Lazy {
    /// `pattern` as [`compile`] or, with `groups`, [`compile_with_groups`] would take it.
    pub fn new(pattern: String, groups: bool) -> Lazy {
        Lazy { pattern, groups, compiled: OnceLock::new() }
    }

    /// The compiled pattern; `None` if it does not compile (only a pattern over the size
    /// limit could fail: the lazy ones are built from escaped words).
    pub fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| if self.groups { compile_with_groups(&self.pattern) } else { compile(&self.pattern) }.ok())
            .as_ref()
    }
}

/// Several patterns scanned together, to learn which of them match anywhere.
#[derive(Clone, Debug)]
pub struct Set(meta::Regex);

impl Regex {
    /// Non-overlapping matches, leftmost first, as byte ranges.
    pub fn find_iter<'h>(&'h self, haystack: &'h str) -> impl Iterator<Item = (usize, usize)> + 'h {
        self.0.find_iter(haystack).map(|m| (m.start(), m.end()))
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.0.is_match(haystack)
    }

    /// For each non-overlapping match, the range of its capture group `group`, if it took part.
    pub fn group_iter<'h>(&'h self, haystack: &'h str, group: usize) -> impl Iterator<Item = Option<(usize, usize)>> + 'h {
        self.0.captures_iter(haystack).map(move |c| c.get_group(group).map(|s| (s.start, s.end)))
    }
}

impl Set {
    /// Compiles patterns into one set; pattern `i` of the answer is `patterns[i]`.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<Set, String> {
        let translated: Vec<String> = patterns.iter().map(|p| ascii_classes(p.as_ref())).collect();
        // No capture groups: the set is only asked which patterns match, never where.
        builder(MatchKind::All, WhichCaptures::None).build_many(&translated).map(Set).map_err(|e| e.to_string())
    }

    /// Which patterns match somewhere in `haystack`; `found` must have room for all of them.
    /// One pass, ending early once every pattern has matched.
    pub fn matching(&self, haystack: &str, found: &mut PatternSet) {
        found.clear();
        self.0.which_overlapping_matches(&Input::new(haystack), found);
    }

    pub fn len(&self) -> usize {
        self.0.pattern_len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn builder(kind: MatchKind, captures: WhichCaptures) -> meta::Builder {
    let mut b = meta::Regex::builder();
    b.configure(
        meta::Regex::config().match_kind(kind).auto_prefilter(false).nfa_size_limit(Some(SIZE_LIMIT)).which_captures(captures),
    );
    b
}

/// Compiles a lexicon pattern, with ASCII semantics for `\b` in both engines. Only where each
/// match is, not its groups: see [`compile_with_groups`].
pub fn compile(pattern: &str) -> Result<Regex, String> {
    builder(MatchKind::LeftmostFirst, WhichCaptures::Implicit).build(&ascii_classes(pattern)).map(Regex).map_err(|e| e.to_string())
}

/// Compiles a pattern whose capture groups are read ([`Regex::group_iter`]).
pub fn compile_with_groups(pattern: &str) -> Result<Regex, String> {
    builder(MatchKind::LeftmostFirst, WhichCaptures::All).build(&ascii_classes(pattern)).map(Regex).map_err(|e| e.to_string())
}

/// `text` as a pattern that matches it literally.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
            let a: Vec<(usize, usize)> = full.find_iter(text).collect();
            let b: Vec<(usize, usize)> = lite.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(a, b, "{pattern} on {text:?}");
        }
    }

    #[test]
    fn escaped_text_matches_itself() {
        for text in ["ps1", "a.b", "c++", "(x)|[y]{2}^$#&-~*?\\"] {
            let re = compile(&format!("^{}$", escape(text))).unwrap();
            assert!(re.is_match(text), "{text}");
            assert!(!re.is_match(&format!("{text}x")));
        }
    }

    #[test]
    fn a_set_says_which_patterns_match_anywhere() {
        let set = Set::new(&[r"\bwithin \d+ hours\b", r"\d+ usd", r"never"]).unwrap();
        let mut found = PatternSet::new(set.len());
        set.matching("pay 50 usd within 24 hours", &mut found);
        assert_eq!(found.iter().map(|p| p.as_usize()).collect::<Vec<_>>(), vec![0, 1]);
        set.matching("within 24 hoursx", &mut found);
        assert!(found.is_empty());
    }
}
