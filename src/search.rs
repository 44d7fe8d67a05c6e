//! Substring search for the engine's `&str` patterns, in place of the standard library's.
//!
//! Every `find`, `contains`, `replace`, `match_indices` or `trim_start_matches` given a `&str`
//! pattern builds core's Two-Way searcher (`StrSearcher`: ~3 KB of code in the module, ~1.2 KB
//! gzipped), which also factorises the needle on every call and has no SIMD path in
//! WebAssembly. The engine's needles are short (a brand, a word, a link's text) and its
//! haystacks a host, a path or a message, so each function here finds the needle's first byte
//! with `memchr` and compares the rest; after [`TRIES`] false starts (a text full of that byte)
//! memchr's own searcher takes over, which bounds the comparing at `TRIES` needle lengths. The
//! answers are the standard library's, empty needles included (the unit tests hold them to it):
//! the module only sheds `StrSearcher` if no call site is left, so every site in the engine
//! goes through here.

/// False starts after which [`find`] hands over to memchr's searcher.
const TRIES: usize = 16;

/// Where `needle` first occurs in `hay`, as `hay.find(needle)`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    find_bytes(hay.as_bytes(), needle.as_bytes())
}

/// Whether `needle` occurs in `hay`, as `hay.contains(needle)`.
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// Where `needle` first occurs in `hay`. A match of a whole UTF-8 needle in UTF-8 text always
/// lies on character boundaries, so the byte search answers for the text.
pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let Some(&first) = needle.first() else { return Some(0) };
    for (tried, i) in memchr::memchr_iter(first, hay).enumerate() {
        if hay[i..].starts_with(needle) {
            return Some(i);
        }
        if tried == TRIES {
            return memchr::memmem::find(&hay[i..], needle).map(|j| i + j);
        }
    }
    None
}

/// Where each occurrence of `needle` in `hay` starts, left to right and not overlapping, as
/// `hay.match_indices(needle)` (an empty needle occurs at every character boundary).
pub fn starts<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut at = Some(0);
    std::iter::from_fn(move || {
        let from = at?;
        let found = if needle.is_empty() { (from <= hay.len()).then_some(from) } else { find(&hay[from..], needle).map(|i| from + i) };
        at = found.map(|i| match needle.len() {
            0 => i + hay[i..].chars().next().map_or(1, char::len_utf8),
            n => i + n,
        });
        found
    })
}

/// The pieces of `hay` between the occurrences of `sep`, as `hay.split(sep)` for a `sep` that is
/// not empty.
pub fn split<'a>(hay: &'a str, sep: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    debug_assert!(!sep.is_empty(), "an empty separator splits between characters");
    let mut from = Some(0);
    std::iter::from_fn(move || {
        let at = from?;
        let (piece, next) = match find(&hay[at..], sep) {
            Some(i) => (&hay[at..at + i], Some(at + i + sep.len())),
            None => (&hay[at..], None),
        };
        from = next;
        Some(piece)
    })
}

/// `hay` with every occurrence of `from` replaced by `to`, as `hay.replace(from, to)`.
pub fn replace(hay: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(hay.len());
    let mut copied = 0;
    for i in starts(hay, from) {
        out.push_str(&hay[copied..i]);
        out.push_str(to);
        copied = i + from.len();
    }
    out.push_str(&hay[copied..]);
    out
}

/// `s` without any repeats of `prefix` it starts with, as `s.trim_start_matches(prefix)`.
pub fn trim_start<'a>(mut s: &'a str, prefix: &str) -> &'a str {
    if prefix.is_empty() {
        return s;
    }
    while let Some(rest) = s.strip_prefix(prefix) {
        s = rest;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Haystacks with repeats, false starts past [`TRIES`], multi-byte characters and ends.
    fn hays() -> Vec<String> {
        let mut long = "aaab aab ab a — Klick hier: https://example.com/x?y=1 ünd mehr aaaaaaaaaaaaaaaaaaab".to_string();
        long.push_str(&"a".repeat(100));
        long.push_str("ab end");
        vec![String::new(), "a".into(), "ab".into(), "*.*.x.*.".into(), "ababab".into(), "ünd ünd".into(), long]
    }

    const NEEDLES: &[&str] = &["", "a", "ab", "aab", "aaab", "b a", "—", "ünd", "n", "*.", "Klick hier", "https://example.com/x?y=1",
        "aaaaaaaaaaaaaaaaaaab", "aaaaaaaaaaaaaaaaaaaab", "missing", "https://example.com/x?y=2", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab end",
        "ab end", "end", "abab"];

    #[test]
    fn answers_as_the_standard_library() {
        let mut long_needle = "a".repeat(120);
        long_needle.push('b');
        for hay in hays() {
            for needle in NEEDLES.iter().copied().chain([long_needle.as_str()]) {
                assert_eq!(find(&hay, needle), hay.find(needle), "{hay:?} {needle:?}");
                assert_eq!(contains(&hay, needle), hay.contains(needle), "{hay:?} {needle:?}");
                let want: Vec<usize> = hay.match_indices(needle).map(|(i, _)| i).collect();
                assert_eq!(starts(&hay, needle).collect::<Vec<_>>(), want, "{hay:?} {needle:?}");
                assert_eq!(replace(&hay, needle, "<>"), hay.replace(needle, "<>"), "{hay:?} {needle:?}");
                assert_eq!(trim_start(&hay, needle), hay.trim_start_matches(needle), "{hay:?} {needle:?}");
                if !needle.is_empty() {
                    assert_eq!(split(&hay, needle).collect::<Vec<_>>(), hay.split(needle).collect::<Vec<_>>(), "{hay:?} {needle:?}");
                }
            }
        }
    }
}
