//! The lexicons' regexes (amounts, deadlines, file names), searched with DFAs compiled by
//! `build.rs`.
//!
//! Engine start used to compile these patterns with `regex-automata`'s meta engine: most of the
//! ~200 ms the engine took to start in the browser's service worker, and ~350 KB of regex
//! compiler in a WebAssembly module whose budget is 1 MB. Now `build.rs` compiles each group's
//! patterns (joined, in data order) into one anchored, leftmost-first sparse DFA, and this module
//! only reads them in place ([`sparse::DFA::from_bytes`], which validates them) and walks their
//! transitions.
//!
//! Unanchored DFAs are not an option: the lazy gaps between keyword lists
//! (`(?:\w+ ){0,3}?`) make them blow up to megabytes. Anchored DFAs are small, but trying one at
//! every byte made a message ~3x slower. So each DFA is tried only where it can start a match:
//! for every look-behind class (start of text, word byte, other byte, ...) and every byte, the
//! set of groups whose start state does not die on that byte is computed once from the DFAs
//! themselves ([`Scanner::new`]). Since nearly every pattern starts at a word boundary or a
//! digit, a message's bytes mostly fall through one table lookup, and all groups share that one
//! pass ([`Scanner::scan`]). Each group's matches are still its own leftmost-first,
//! non-overlapping matches in order, exactly those `find_iter` of the meta engine reported:
//! the tests below hold the DFAs to that engine, compiled from the same text, on the message
//! corpus and on generated input.

use regex_automata::dfa::{Automaton, sparse};
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;
use regex_automata::Anchored;

/// One DFA `build.rs` compiled: where it lies in the blob, and the pattern it was made from (so
/// the lexicon can check it is the pattern its data files now join).
#[derive(Clone, Copy, Debug)]
pub struct Compiled {
    /// The group's name, or what the pattern is for.
    pub name: &'static str,
    /// The joined pattern as written in the data files (before the ASCII class translation).
    pub source: &'static str,
    at: usize,
    len: usize,
    /// The bytes that can be second in a match (a bit set over byte values), from `build.rs`.
    second: [u64; 4],
}

include!(concat!(env!("OUT_DIR"), "/lexicon_regex.rs"));

/// Why a compiled DFA could not be used: only a build that does not match this code can cause it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReError {
    #[error("the DFA of {name} does not deserialise: {why}")]
    Deserialize { name: &'static str, why: String },
    #[error("the DFA of {name} has no anchored start state: {why}")]
    Start { name: &'static str, why: String },
}

/// Number of look-behind values: every byte, and "no byte" (the start of the text) as 256.
const LOOK_BEHINDS: usize = 257;

/// Several DFAs searched in one pass over a text (one DFA is a [`Scanner`] too).
#[derive(Clone, Debug)]
pub struct Scanner {
    dfas: Vec<sparse::DFA<&'static [u8]>>,
    /// The class of each look-behind value (index 256: none); look-behinds of one class give
    /// every DFA the same start state.
    class_of: [u8; LOOK_BEHINDS],
    /// Start state of DFA `g` after a look-behind of class `c`: `starts[c * dfas.len() + g]`.
    starts: Vec<StateID>,
    /// Which DFAs can start a match on a byte after a look-behind class, as a bit set of
    /// `words` words: `first[((c * 256) + byte) * words + w]`.
    first: Vec<u64>,
    /// Which DFAs can have a byte second in a match, in the same form: `second[byte * words +
    /// w]`; row 256, for a first byte that ends the text, has every DFA.
    second: Vec<u64>,
    words: usize,
}

/// One regex with a capture group around a file name, found without capture machinery (see
/// [`FileNames::names`]).
#[derive(Clone, Debug)]
pub struct FileNames(Scanner);

impl Compiled {
    /// Looks up a lexicon group's DFA by name.
    pub fn group(name: &str) -> Option<&'static Compiled> {
        GROUPS.iter().find(|c| c.name == name)
    }

    fn dfa(&self) -> Result<sparse::DFA<&'static [u8]>, ReError> {
        let bytes = DFAS.get(self.at..self.at + self.len).unwrap_or(&[]);
        sparse::DFA::from_bytes(bytes)
            .map(|(dfa, _)| dfa)
            .map_err(|e| ReError::Deserialize { name: self.name, why: e.to_string() })
    }
}

impl Scanner {
    /// Reads the DFAs and works out, from their start states, where each can start a match.
    pub fn new(compiled: &[&Compiled]) -> Result<Scanner, ReError> {
        let dfas = compiled.iter().map(|c| c.dfa()).collect::<Result<Vec<_>, _>>()?;
        let n = dfas.len();
        let words = n.div_ceil(64).max(1);
        let mut second = vec![0u64; 257 * words];
        for (g, c) in compiled.iter().enumerate() {
            for b in 0..256 {
                if c.second[b / 64] & (1 << (b % 64)) != 0 {
                    second[b * words + g / 64] |= 1 << (g % 64);
                }
            }
            second[256 * words + g / 64] |= 1 << (g % 64);
        }
        if n == 0 {
            return Ok(Scanner { dfas, class_of: [0; LOOK_BEHINDS], starts: Vec::new(), first: vec![0; 256 * words], second, words });
        }
        // Each look-behind's start states; look-behinds with equal ones share a class (a DFA
        // distinguishes at most start of text, `\n`, `\r`, word byte and other byte).
        let mut class_of = [0u8; LOOK_BEHINDS];
        let mut starts: Vec<StateID> = Vec::new();
        for lb in 0..LOOK_BEHINDS {
            let look_behind = (lb < 256).then_some(lb as u8);
            let config = start::Config::new().anchored(Anchored::Yes).look_behind(look_behind);
            let mut these = Vec::with_capacity(n);
            for (dfa, c) in dfas.iter().zip(compiled) {
                these.push(dfa.start_state(&config).map_err(|e| ReError::Start { name: c.name, why: e.to_string() })?);
            }
            let class = match starts.chunks(n).position(|s| s == these.as_slice()) {
                Some(class) => class,
                None => {
                    starts.extend_from_slice(&these);
                    starts.len() / n - 1
                }
            };
            class_of[lb] = class as u8;
        }
        let classes = starts.len() / n;
        let mut first = vec![0u64; classes * 256 * words];
        for c in 0..classes {
            for (g, dfa) in dfas.iter().enumerate() {
                let sid = starts[c * n + g];
                for b in 0..=255u8 {
                    if !dfa.is_dead_state(dfa.next_state(sid, b)) {
                        first[(c * 256 + b as usize) * words + g / 64] |= 1 << (g % 64);
                    }
                }
            }
        }
        Ok(Scanner { dfas, class_of, starts, first, second, words })
    }

    pub fn len(&self) -> usize {
        self.dfas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dfas.is_empty()
    }

    /// Every DFA's non-overlapping, leftmost-first matches in `haystack`, in one pass: calls
    /// `found(g, start, end)` for each match of DFA `g`, in order of position, for at most
    /// `limits[g]` matches of each (a limit of 0 skips the DFA). The pass ends when every DFA
    /// has reached its limit.
    pub fn scan(&self, haystack: &str, limits: &mut [usize], mut found: impl FnMut(usize, usize, usize)) {
        let n = self.dfas.len();
        let words = self.words;
        let mut active = [0u64; 4];
        let mut active_big;
        let active: &mut [u64] = if words <= 4 {
            &mut active[..words]
        } else {
            active_big = vec![0u64; words];
            &mut active_big
        };
        let mut left = 0;
        for (g, &limit) in limits.iter().enumerate().take(n) {
            if limit > 0 {
                active[g / 64] |= 1 << (g % 64);
                left += 1;
            }
        }
        // Where each DFA may next start: after its last match (matches do not overlap).
        let mut next_start = vec![0usize; n];
        let bytes = haystack.as_bytes();
        let mut class = self.class_of[256] as usize;
        let mut at = 0;
        while left > 0 && at < bytes.len() {
            let b = bytes[at];
            let row = (class * 256 + b as usize) * words;
            let row2 = bytes.get(at + 1).map_or(256, |&b| b as usize) * words;
            for w in 0..words {
                let mut bits = self.first[row + w] & self.second[row2 + w] & active[w];
                while bits != 0 {
                    let g = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if at < next_start[g] {
                        continue;
                    }
                    let Some(end) = self.run(g, bytes, at, self.starts[class * n + g]) else { continue };
                    next_start[g] = end;
                    found(g, at, end);
                    limits[g] -= 1;
                    if limits[g] == 0 {
                        active[w] &= !(1 << (g % 64));
                        left -= 1;
                    }
                }
            }
            class = self.class_of[b as usize] as usize;
            at += 1;
        }
    }

    /// The leftmost-first match of DFA `g` starting at `at` (from start state `sid`): its end.
    /// Matches are reported one byte late by the DFA, so a match state entered on byte `i`
    /// means a match ending at `i`; `build.rs` rejects DFAs that can match empty text.
    fn run(&self, g: usize, bytes: &[u8], at: usize, mut sid: StateID) -> Option<usize> {
        let dfa = &self.dfas[g];
        let mut end = None;
        for (i, &b) in bytes.iter().enumerate().skip(at) {
            sid = dfa.next_state(sid, b);
            if dfa.is_special_state(sid) {
                if dfa.is_match_state(sid) {
                    end = Some(i);
                } else if dfa.is_dead_state(sid) {
                    return end;
                }
                // No quit bytes are configured and accelerators are off: nothing else is special.
            }
        }
        if dfa.is_match_state(dfa.next_eoi_state(sid)) {
            end = Some(bytes.len());
        }
        end
    }

    /// The first match of DFA `g` alone that starts at or after `from` (a char boundary).
    pub fn find_at(&self, g: usize, haystack: &str, from: usize) -> Option<(usize, usize)> {
        let n = self.dfas.len();
        let bytes = haystack.as_bytes();
        let (w, bit) = (g / 64, 1u64 << (g % 64));
        let mut class = if from == 0 { self.class_of[256] } else { self.class_of[bytes[from - 1] as usize] } as usize;
        for (at, &b) in bytes.iter().enumerate().skip(from) {
            let second = bytes.get(at + 1).map_or(256, |&b| b as usize);
            if self.first[(class * 256 + b as usize) * self.words + w] & self.second[second * self.words + w] & bit != 0 {
                if let Some(end) = self.run(g, bytes, at, self.starts[class * n + g]) {
                    return Some((at, end));
                }
            }
            class = self.class_of[b as usize] as usize;
        }
        None
    }

    /// The matches of DFA `g` alone, as byte ranges, in order.
    pub fn find_iter<'h>(&'h self, g: usize, haystack: &'h str) -> impl Iterator<Item = (usize, usize)> + 'h {
        let mut from = 0;
        std::iter::from_fn(move || {
            let (s, e) = self.find_at(g, haystack, from)?;
            from = e;
            Some((s, e))
        })
    }

    /// Whether DFA `g` matches anywhere in `haystack`.
    pub fn is_match(&self, g: usize, haystack: &str) -> bool {
        self.find_at(g, haystack, 0).is_some()
    }
}

impl FileNames {
    /// The file-name pattern `compiled` (made by `re_syntax::filename_pattern`).
    pub fn new(compiled: &Compiled) -> Result<FileNames, ReError> {
        Scanner::new(&[compiled]).map(FileNames)
    }

    /// The file names (capture group 1) of the matches, in order.
    ///
    /// The pattern is `(?:^|[^\w.@])(NAME)(?:$|[^\w/.]|\.(?:\s|$))` where NAME starts with one of
    /// `[\w()\[\]]` and ends with an ASCII letter or digit, so the group's edges follow from the
    /// match's: it ends after the match's last word character (nothing after NAME is one), and
    /// it starts where the match does when the match starts the text with a NAME character
    /// (leftmost-first prefers `^` then, and when `^` cannot lead to a match from 0 neither can
    /// the other branch from 1, as NAME would take the first character too), else one
    /// character later. The tests check this against the meta engine's captures.
    pub fn names<'h>(&'h self, haystack: &'h str) -> impl Iterator<Item = (usize, usize)> + 'h {
        let word = |c: char| !c.is_ascii() || c.is_ascii_alphanumeric() || c == '_';
        self.0.find_iter(0, haystack).map(move |(s, e)| {
            let text = &haystack[s..e];
            let starts_name = s == 0 && text.chars().next().is_some_and(|c| word(c) || "()[]".contains(c));
            let gs = if starts_name { s } else { s + text.chars().next().map_or(0, char::len_utf8) };
            let ge = text.char_indices().filter(|&(_, c)| word(c)).last().map_or(e, |(i, c)| s + i + c.len_utf8());
            (gs, ge.max(gs))
        })
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.0.is_match(0, haystack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::re_syntax::{ascii_classes, escape};
    use proptest::prelude::*;
    use regex_automata::meta;
    use regex_automata::nfa::thompson::WhichCaptures;

    /// The engine the lexicon used before the DFAs, configured as it was: the oracle.
    fn oracle(source: &str, captures: bool) -> meta::Regex {
        let which = if captures { WhichCaptures::All } else { WhichCaptures::Implicit };
        meta::Regex::builder()
            .configure(meta::Regex::config().match_kind(regex_automata::MatchKind::LeftmostFirst).auto_prefilter(false).which_captures(which))
            .build(&ascii_classes(source))
            .unwrap_or_else(|e| panic!("{source}: {e}"))
    }

    /// Every group's DFA in one scanner, and each group's oracle; built once for all tests.
    fn all_groups() -> &'static (Scanner, Vec<meta::Regex>) {
        static ALL: std::sync::LazyLock<(Scanner, Vec<meta::Regex>)> = std::sync::LazyLock::new(|| {
            let compiled: Vec<&Compiled> = GROUPS.iter().collect();
            let oracles = GROUPS.iter().map(|c| oracle(c.source, false)).collect();
            (Scanner::new(&compiled).unwrap(), oracles)
        });
        &ALL
    }

    /// Every group's matches from the one shared pass, against the meta engine's `find_iter`.
    fn assert_same(scanner: &Scanner, oracles: &[meta::Regex], text: &str) {
        let mut limits = vec![usize::MAX; scanner.len()];
        let mut got = vec![Vec::new(); scanner.len()];
        scanner.scan(text, &mut limits, |g, s, e| got[g].push((s, e)));
        for (g, re) in oracles.iter().enumerate() {
            let want: Vec<(usize, usize)> = re.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(got[g], want, "group {} on {text:?}", GROUPS[g].name);
        }
    }

    fn assert_same_names(text: &str) {
        for c in [&RISKY_FILENAME, &ARCHIVE_FILENAME] {
            let names = FileNames::new(c).unwrap();
            let re = oracle(c.source, true);
            let want: Vec<(usize, usize)> =
                re.captures_iter(text).map(|caps| caps.get_group(1).map(|s| (s.start, s.end)).expect("group 1 always takes part")).collect();
            assert_eq!(names.names(text).collect::<Vec<_>>(), want, "{} on {text:?}", c.name);
        }
    }

    fn corpus() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/messages");
        let mut out = Vec::new();
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(text) = std::fs::read_to_string(&p) {
                    out.push(text);
                }
            }
        }
        assert!(out.len() > 100, "the message corpus is where it should be");
        out
    }

    #[test]
    fn the_dfas_find_what_the_meta_engine_finds_on_every_corpus_message() {
        let (scanner, oracles) = all_groups();
        let registry = crate::registry::Registry::embedded().unwrap();
        let lex = crate::message::Lexicon::embedded(&registry).unwrap();
        for raw in corpus() {
            // The lexicon runs on normalised text; the raw text is a harder test still.
            let norm = lex.normalize(&raw).text;
            for text in [norm.as_str(), raw.as_str()] {
                assert_same(&scanner, &oracles, text);
                assert_same_names(text);
            }
        }
    }

    #[test]
    fn the_dfas_agree_on_edges_and_hostile_shapes() {
        let (scanner, oracles) = all_groups();
        let cases = [
            "",
            "1",
            "usd",
            "we have paid the money",
            "within 24 hours\nwithin 3 days\r\n48h",
            "pay usd 150 now or us$ 2000, 300 元, 50.5 usdt, ¥300, 300¥",
            "+86 138 0013 8000 13800138000x13800138000",
            "@abc @ab id: wxid_1234 微信号:abcd1234",
            "a.exe (b).exe [c].scr x@y.exe ./d.js e.html. f.html.\tg.htm",
            "订单查看器.exe 1.exe.zip invoice.pdf.exe",
            "é1 usd é 24 hours_24 hours",
            "the payment will take 3 to 5 business days to reach your account",
        ];
        for text in cases {
            assert_same(&scanner, &oracles, text);
            assert_same_names(text);
        }
        let long = "we have already paid ".repeat(2000) + &"1".repeat(5000) + " usd";
        assert_same(&scanner, &oracles, &long);
        assert_same_names(&long);
    }

    #[test]
    fn limits_stop_each_group_and_skip_others() {
        let money = GROUPS.iter().position(|c| c.name == "money").expect("a money group");
        let (scanner, _) = all_groups();
        let mut limits = vec![0; scanner.len()];
        limits[money] = 2;
        let mut got = Vec::new();
        scanner.scan("usd 1; usd 2; usd 3 within 24 hours", &mut limits, |g, s, e| got.push((g, s, e)));
        assert_eq!(got, vec![(money, 0, 5), (money, 7, 12)]);
    }

    #[test]
    fn file_names_are_found_but_domains_are_not() {
        let risky = FileNames::new(&RISKY_FILENAME).unwrap();
        assert!(risky.is_match("please open invoice.pdf.exe now"));
        assert!(!risky.is_match("visit alibaba.com today"));
        assert_eq!(risky.names("open (1)invoice.pdf.exe. now").collect::<Vec<_>>(), vec![(5, 23)]);
        let source = format!("^{}$", escape("a.b"));
        assert_eq!(source, r"^a\.b$");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Text made of the pieces the patterns are made of, in any order and number.
        #[test]
        fn the_dfas_agree_on_generated_text(parts in proptest::collection::vec(prop_oneof![
            Just(" "), Just("\n"), Just("."), Just(","), Just("$"), Just("@"), Just("%"), Just("("), Just(")"), Just("/"),
            Just("1"), Just("24"), Just("13800138000"), Just("+86"), Just("usd"), Just("us$"), Just("元"), Just("小时"),
            Just("内"), Just("within"), Just("hours"), Just("days"), Just("we"), Just("have"), Just("paid"), Just("the"),
            Just("payment"), Just("to"), Just("reach"), Just("a"), Just("exe"), Just("zip"), Just("pdf"), Just("é"),
            Just("订单"), Just("wx"), Just(":"), Just("pcs"), Just("fob"), Just("%"), Just("daily"), Just("gb82"), Just("west"),
            Just("_"), Just("\t"), Just("\r"), Just("bank"), Just("details"), Just("have been"), Just("changed"),
        ], 0..40)) {
            let text: String = parts.concat();
            let (scanner, oracles) = all_groups();
            assert_same(&scanner, &oracles, &text);
            assert_same_names(&text);
        }

        /// Any text at all.
        #[test]
        fn the_dfas_agree_on_any_text(text in "\\PC{0,200}") {
            let (scanner, oracles) = all_groups();
            assert_same(&scanner, &oracles, &text);
            assert_same_names(&text);
        }
    }
}
