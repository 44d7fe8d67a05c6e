//! Lowercase exactly as the standard library's `to_lowercase` gives it, from smaller tables.
//!
//! The engine lowercases hosts' shown text, paths, page words and messages. std's
//! `char::to_lowercase` searches a table of 1,434 (char, char) pairs, 11.7 KB of the module
//! (~4 KB gzipped), and `str::to_lowercase` reads two Unicode properties more for the one
//! mapping that depends on context: Σ is ς at the end of a word. Most of the pairs are runs,
//! letters that each lower by the same distance one after another (A–Z, Cyrillic) or every
//! second one (Latin Extended-A): `build.rs` (`compile_case`) asks the standard library for
//! every code point and writes the ~180 runs. The two properties are asked only about the
//! characters around a Σ, so they ride in a packed stream of their own (`crate::packed`),
//! unpacked on the first Σ. A test holds every code point, and texts with Σ in every kind of
//! company, to the standard library's answers.
//!
//! Use these, not the standard library's: one call of either links its tables back in.

mod table {
    include!(concat!(env!("OUT_DIR"), "/case.rs"));
}

/// The lowercase of one character: one character, or (for a few, such as İ) two.
#[derive(Clone, Debug)]
pub struct Lower {
    chars: [char; 2],
    at: u8,
    len: u8,
}

/// What `str::to_lowercase` asks of a character beside a Σ (see `build.rs`, `compile_case`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Other,
    /// Case_Ignorable: passed over when looking for the letter before or after.
    Ignorable,
    /// Cased and not Case_Ignorable.
    Cased,
}

/// The class runs, expanded on the first Σ.
struct Classes {
    /// Where each run starts, ascending from 0.
    starts: Vec<u32>,
    classes: &'static [u8],
}

impl Iterator for Lower {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = *self.chars.get(usize::from(self.at)).filter(|_| self.at < self.len)?;
        self.at += 1;
        Some(c)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.len - self.at);
        (n, Some(n))
    }
}

impl ExactSizeIterator for Lower {}

impl Classes {
    fn get() -> &'static Classes {
        static CLASSES: std::sync::OnceLock<Classes> = std::sync::OnceLock::new();
        CLASSES.get_or_init(|| Classes::read(table::CASE_CLASSES.bytes()))
    }

    /// Reads the blob; a cut or corrupt one (only a `build.rs` out of step with this code can
    /// make one, which a test rules out) gives no runs, never a panic.
    fn read(bytes: &'static [u8]) -> Classes {
        match crate::confusable::read_runs("the case classes", bytes) {
            Ok((starts, classes)) => Classes { starts, classes },
            Err(_) => Classes { starts: Vec::new(), classes: &[] },
        }
    }

    fn of(&self, c: char) -> Class {
        let i = self.starts.partition_point(|&s| s <= c as u32);
        match i.checked_sub(1).and_then(|i| self.classes.get(i)) {
            Some(1) => Class::Ignorable,
            Some(2) => Class::Cased,
            _ => Class::Other,
        }
    }
}

/// `c.to_lowercase()`.
pub fn lower(c: char) -> Lower {
    let one = |c| Lower { chars: [c, '\0'], at: 0, len: 1 };
    if c.is_ascii() {
        return one(c.to_ascii_lowercase());
    }
    let cp = c as u32;
    let i = table::LOWER_RUNS.partition_point(|&k| k >> 11 <= cp);
    if let Some(i) = i.checked_sub(1) {
        let key = table::LOWER_RUNS[i];
        let (start, len, step) = (key >> 11, (key >> 1 & 0x3ff) + 1, (key & 1) + 1);
        let off = cp - start;
        if off % step == 0 && off / step < len {
            let lowered = cp.wrapping_add_signed(table::LOWER_DELTAS[i]);
            return one(char::from_u32(lowered).unwrap_or(c));
        }
    }
    for &(from, a, b) in &table::LOWER_LONG {
        if from == cp {
            if let (Some(a), Some(b)) = (char::from_u32(a), char::from_u32(b)) {
                return Lower { chars: [a, b], at: 0, len: 2 };
            }
        }
    }
    one(c)
}

/// Appends `c.to_lowercase()` to `out`: a character or two pushed, where `extend` with the
/// iterator reserved room first.
pub fn push_lower(out: &mut String, c: char) {
    let l = lower(c);
    out.push(l.chars[0]);
    if l.len == 2 {
        out.push(l.chars[1]);
    }
}

/// `s.to_lowercase()`.
pub fn to_lowercase(s: &str) -> String {
    // Nearly every text is ASCII, which `is_ascii` tells a word at a time.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let ascii = s.bytes().position(|b| !b.is_ascii()).unwrap_or(s.len());
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..ascii]);
    out.make_ascii_lowercase();
    for (i, c) in s[ascii..].char_indices() {
        if c == 'Σ' {
            out.push(sigma(s, ascii + i));
        } else {
            push_lower(&mut out, c);
        }
    }
    out
}

/// The lowercase of the Σ at `at` of `s`: ς when it ends a word (Unicode's Final_Sigma: a
/// cased letter before it and none after, case-ignorable characters passed over), else σ.
fn sigma(s: &str, at: usize) -> char {
    let classes = Classes::get();
    let cased_beside = |chars: &mut dyn Iterator<Item = char>| {
        for c in chars {
            match classes.of(c) {
                Class::Ignorable => {}
                class => return class == Class::Cased,
            }
        }
        false
    };
    let (before, after) = (&s[..at], &s[at + 'Σ'.len_utf8()..]);
    if cased_beside(&mut before.chars().rev()) && !cased_beside(&mut after.chars()) { 'ς' } else { 'σ' }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_lowers_as_the_standard_library_lowers_it() {
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            assert!(lower(c).eq(c.to_lowercase()), "U+{:04X}", c as u32);
            assert_eq!(lower(c).len(), c.to_lowercase().len(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn push_lower_appends_what_to_lowercase_gives() {
        for c in ['A', 'a', 'İ', 'Σ', 'Ω', '中', 'Ａ', '𐐀', '1'] {
            let mut out = String::from("x");
            push_lower(&mut out, c);
            assert_eq!(out, format!("x{}", c.to_lowercase()), "{c:?}");
        }
    }

    #[test]
    fn the_classes_are_what_the_standard_library_asks_beside_a_sigma() {
        let classes = Classes::get();
        assert!(classes.starts.len() > 100, "{}", classes.starts.len());
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            let word_final = |s: String| s.to_lowercase().ends_with('ς');
            let want = if word_final(format!("{c}Σ")) {
                Class::Cased
            } else if word_final(format!("A{c}Σ")) {
                Class::Ignorable
            } else {
                Class::Other
            };
            assert_eq!(classes.of(c), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn texts_lower_as_the_standard_library_lowers_them() {
        let cases = [
            "",
            "PayPal",
            "ΣΑΣ",
            "ὈΔΥΣΣΕΎΣ",
            "Σ",
            "AΣ",
            "ΑΣ.",
            "ΑΣ'Β",
            "ΑΣ'",
            "Α'Σ",
            "Α\u{301}Σ b",
            "ΑΣ\u{301}",
            "ΑΣ\u{301}Β",
            "ʰΣ",
            "ǅΣ ǅ",
            "1Σ",
            "İSTANBUL",
            "ÀÉÎÕÜ ĀĂĄ Ωμέγα ǄǅǆǇ ⅧⅫ ⒶⓏ ＡＢＣ 𐐀𐐧 𞤀",
            "ΣΣΣ ΣΣ Σ",
            "a\u{10FFFF}Σ",
        ];
        for s in cases {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s:?}");
        }
        // Every pair and triple of a few characters of each class around a Σ.
        let around = ['A', 'a', 'Σ', 'ǅ', 'ʰ', '\'', '.', '\u{301}', '\u{200D}', ' ', '1', '中', 'İ', 'ς'];
        for &x in &around {
            for &y in &around {
                for &z in &around {
                    for s in [format!("{x}{y}Σ{z}"), format!("{x}Σ{y}{z}"), format!("{x}{y}{z}Σ"), format!("Σ{x}{y}{z}")] {
                        assert_eq!(to_lowercase(&s), s.to_lowercase(), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn random_texts_lower_as_the_standard_library_lowers_them() {
        let mut below = crate::xorshift::below(0x5eed_ca5e);
        let pool: Vec<char> = "AaZzΣσςΑΩωİıǅʰ'.:\u{301}\u{200D} -1中ÀÉßẞＫ𐐀𞤀Ⅷ".chars().collect();
        for _ in 0..20_000 {
            let len = below(12);
            let s: String = (0..len).map(|_| pool[below(pool.len())]).collect();
            assert_eq!(to_lowercase(&s), s.to_lowercase(), "{s:?}");
        }
    }
}
