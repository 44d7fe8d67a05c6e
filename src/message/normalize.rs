//! Text normalisation for matching, with a byte map back to the original.
//!
//! Scam mails dodge keyword filters with the cheap tricks a reader never notices: full-width
//! letters (`ｖｅｒｉｆｙ`), curly quotes, zero-width spaces inside words, Cyrillic `а` in a Latin
//! word, mathematical bold letters, runs of spaces and line breaks in the middle of a phrase.
//! Matching runs on a normalised copy where all of those read as plain lowercase text, but a
//! seller must see the evidence highlighted in the message they actually received, so every
//! byte of the copy remembers the original character it came from.
//!
//! The mapping is per character: compatibility folding (full-width forms by arithmetic; ligatures,
//! mathematical and circled letters, accents through the compiled UTS #39 table of
//! `crate::confusable`, which replaced the normalisation crate's ~100 KB of WebAssembly
//! tables), lowercasing, quote and dash
//! folding, removal of invisible characters, whitespace collapsing. Dashes become spaces so that
//! `log-in`, `log in` and `log  in` are one phrase; URLs and e-mail addresses are found on the
//! original text (see `links`), so they never depend on this folding.

use crate::confusable::UnicodeScript;
use unicode_script::Script;

/// Character folds loaded from data (Traditional Chinese to Simplified), applied after
/// width folding, before compatibility decomposition. Sorted for binary search.
#[derive(Clone, Debug, Default)]
pub struct Fold {
    pairs: Vec<(char, char)>,
}

impl Fold {
    /// Builds a fold table from `(from, to)` pairs; later duplicates are ignored.
    pub fn new(mut pairs: Vec<(char, char)>) -> Fold {
        pairs.sort_by_key(|p| p.0);
        pairs.dedup_by_key(|p| p.0);
        Fold { pairs }
    }

    /// A fold table from pairs already sorted by their first character, each first character
    /// once (as `build.rs` writes the embedded folds), or `None` when they are not: no sort,
    /// whose code for these pairs was a few KB of the WebAssembly module.
    pub fn from_sorted(pairs: Vec<(char, char)>) -> Option<Fold> {
        pairs.windows(2).all(|w| w[0].0 < w[1].0).then_some(Fold { pairs })
    }

    pub(crate) fn get(&self, c: char) -> Option<char> {
        self.pairs.binary_search_by_key(&c, |p| p.0).ok().map(|i| self.pairs[i].1)
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// A normalised copy of a text and the map back to the original's bytes.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    /// Lowercase, folded text; single spaces; no leading or trailing space.
    pub text: String,
    /// The byte map, as the places where it stops following the previous rule. A per-byte
    /// table cost eight bytes written per byte of text, the larger part of normalising;
    /// the map is only read for the few hits a message has, by binary search here.
    pieces: Vec<Piece>,
}

/// From normalised byte `at` on (until the next piece), where each byte came from.
#[derive(Clone, Copy, Debug)]
struct Piece {
    at: u32,
    start: u32,
    /// [`COPIED`]: bytes copied unchanged from `start` on (ASCII lowercased), so each byte
    /// came from the character it is part of, and each space is an empty range at the character
    /// after it (a single whitespace character collapsed to itself). Otherwise every byte of
    /// the piece came from the original range `start..end`.
    end: u32,
}

/// The `end` of a piece of bytes copied one for one.
const COPIED: u32 = u32::MAX;

/// Builds the normalised text and its pieces.
struct Builder {
    text: Vec<u8>,
    pieces: Vec<Piece>,
    pending_space: bool,
    /// While the last piece is [`COPIED`]: the original byte the next copied byte must come
    /// from to continue it. Otherwise [`COPIED`].
    copy_next: u32,
}

impl Builder {
    /// Whether the text so far is empty (a space is only ever put between two characters).
    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends `run`, printable ASCII other than the dash (with single spaces between) or
    /// whole characters kept as they are, copied from original byte `i` on.
    #[inline]
    fn copy(&mut self, run: &[u8], i: u32) {
        self.flush_space(i);
        if self.copy_next != i {
            self.pieces.push(Piece { at: self.text.len() as u32, start: i, end: COPIED });
        }
        // Byte by byte into reserved room: a word is too short for a copy call to pay.
        self.text.extend(run.iter().map(u8::to_ascii_lowercase));
        self.copy_next = i + run.len() as u32;
    }

    #[inline]
    fn flush_space(&mut self, at: u32) {
        if self.pending_space {
            self.pending_space = false;
            // A collapsed run of spaces maps to an empty range at the next character, so a span
            // never starts or ends inside whitespace the seller cannot see highlighted. One
            // whitespace character between copied ones is what a copied piece says of a space.
            if self.copy_next != COPIED && self.copy_next + 1 == at {
                self.copy_next = at;
            } else {
                self.pieces.push(Piece { at: self.text.len() as u32, start: at, end: at });
                self.copy_next = COPIED;
            }
            self.text.push(b' ');
        }
    }

    /// Appends `c`, which stands for the original character at `o_start..o_end`.
    fn push(&mut self, c: char, o_start: u32, o_end: u32) {
        self.flush_space(o_start);
        self.copy_next = COPIED;
        let at = self.text.len() as u32;
        if !self.pieces.last().is_some_and(|p| p.end != COPIED && p.start == o_start && p.end == o_end) {
            self.pieces.push(Piece { at, start: o_start, end: o_end });
        }
        let mut buf = [0u8; 4];
        self.text.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

impl Normalized {
    /// Normalises `original` with no character folds.
    pub fn new(original: &str) -> Normalized {
        Normalized::with_fold(original, &Fold::default())
    }

    /// Normalises `original`, applying `fold` to characters the built-in folding leaves alone.
    /// Linear in its length; allocates the copy and a short map.
    pub fn with_fold(original: &str, fold: &Fold) -> Normalized {
        let mut n = Builder { text: Vec::with_capacity(original.len()), pieces: Vec::new(), pending_space: false, copy_next: COPIED };
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: most of any message is ASCII. A run of printable characters other than
            // the dash is copied lowercased in one go, whitespace and the dash become one space,
            // and control characters vanish (as `is_invisible` says for them below).
            let b = bytes[i];
            if b.is_ascii() {
                match b {
                    b'-' | b'\t'..=b'\r' | b' ' => n.pending_space = !n.is_empty(),
                    b'!'..=b'~' => {
                        // The run goes on through single spaces between such characters: a
                        // space copied as it is reads the same as one collapsed to itself.
                        let copied = |c: u8| c.is_ascii_graphic() && c != b'-';
                        let mut end = i + 1;
                        while end < bytes.len() {
                            if copied(bytes[end]) {
                                end += 1;
                            } else if bytes[end] == b' ' && bytes.get(end + 1).is_some_and(|&c| copied(c)) {
                                end += 2;
                            } else {
                                break;
                            }
                        }
                        n.copy(&bytes[i..end], i as u32);
                        i = end;
                        continue;
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            let c = original[i..].chars().next().expect("i is at a character boundary");
            let (o_start, o_end) = (i as u32, (i + c.len_utf8()) as u32);
            i += c.len_utf8();
            // Han ideographs: no case, no confusable, no compatibility form; only the data
            // folds (Traditional to Simplified) apply. Most of a Chinese message.
            if matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}') {
                match fold.get(c) {
                    Some(f) => n.push(f, o_start, o_end),
                    None => n.copy(&bytes[o_start as usize..o_end as usize], o_start),
                }
                continue;
            }
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() || is_dash(c) {
                n.pending_space = !n.is_empty();
                continue;
            }
            let folded = fold_quote(c).or_else(|| fold_fullwidth(c));
            if let Some(f) = folded {
                n.push(f.to_ascii_lowercase(), o_start, o_end);
                continue;
            }
            if let Some(latin) = confusable_latin(c) {
                let prev_latin = n.text.last().is_some_and(u8::is_ascii_alphabetic);
                if prev_latin || next_word_has_latin(original, o_end as usize) {
                    n.push(latin, o_start, o_end);
                    continue;
                }
            }
            if let Some(f) = fold.get(c) {
                n.push(f, o_start, o_end);
                continue;
            }
            // Compatibility folding: full-width forms shift to ASCII; ligatures, mathematical
            // and circled letters and accented Latin read as their plain letters; marks and
            // invisible characters vanish so they do not split words. Letters of other scripts
            // keep their own shape (Cyrillic stays Cyrillic unless it hides in a Latin word,
            // handled above).
            if let Some(w) = full_width(c) {
                n.push(w.to_ascii_lowercase(), o_start, o_end);
                continue;
            }
            let plain = matches!(c.script(), Script::Latin | Script::Common | Script::Inherited);
            match crate::confusable::reads_as(c).filter(|_| plain) {
                Some("") => {}
                Some(r) => {
                    for b in r.chars() {
                        n.push(b, o_start, o_end);
                    }
                }
                None => {
                    for l in crate::case::lower(c) {
                        n.push(l, o_start, o_end);
                    }
                }
            }
        }
        // Every byte pushed is ASCII or a whole character's UTF-8, so this cannot fail.
        let text = String::from_utf8(n.text).unwrap_or_default();
        Normalized { text, pieces: n.pieces }
    }

    /// Where normalised byte `j` (inside the text) came from.
    fn map(&self, j: usize) -> (usize, usize) {
        let k = self.pieces.partition_point(|p| p.at as usize <= j).saturating_sub(1);
        let Some(p) = self.pieces.get(k) else { return (0, 0) };
        if p.end != COPIED {
            return (p.start as usize, p.end as usize);
        }
        let o = p.start as usize + (j - p.at as usize);
        let bytes = self.text.as_bytes();
        if bytes[j] == b' ' {
            return (o + 1, o + 1);
        }
        // The character byte `j` is part of, by the UTF-8 lead bytes around it (the piece holds
        // the same bytes as the original, and never half a character).
        let mut cs = j;
        while cs > p.at as usize && bytes[cs] & 0xC0 == 0x80 {
            cs -= 1;
        }
        let mut ce = j + 1;
        while ce < bytes.len() && bytes[ce] & 0xC0 == 0x80 {
            ce += 1;
        }
        (o - (j - cs), o + (ce - j))
    }

    /// The original byte range of normalised range `[start, end)`. Out-of-range input is clamped,
    /// so a caller's arithmetic slip yields a short span, never a panic.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let len = self.text.len();
        if len == 0 {
            return (0, 0);
        }
        let s = start.min(len - 1);
        let e = end.clamp(s + 1, len);
        let os = self.map(s).0;
        let oe = self.map(e - 1).1;
        (os, oe.max(os))
    }
}

/// Characters that render as nothing: zero-width spaces and joiners, direction marks, the
/// soft hyphen, word joiners, the BOM, variation selectors, and control characters.
/// The ASCII character a full-width form (`ｖ`, `！`) stands for.
fn full_width(c: char) -> Option<char> {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E007F}')
        || (c.is_control() && !c.is_whitespace())
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' | '\u{2E3A}' | '\u{2E3B}')
}

fn fold_quote(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' | '\u{02BC}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' | '\u{00AB}' | '\u{00BB}' => Some('"'),
        _ => None,
    }
}

/// Full-width ASCII (U+FF01..U+FF5E) is how Chinese input methods type Latin letters and digits.
fn fold_fullwidth(c: char) -> Option<char> {
    let u = c as u32;
    if (0xFF01..=0xFF5E).contains(&u) { char::from_u32(u - 0xFEE0) } else { None }
}

/// Cyrillic and Greek letters drawn like Latin ones. Only folded inside a word that also has
/// Latin letters (`pаypal` with a Cyrillic `а`), so real Russian or Greek text is left alone.
fn confusable_latin(c: char) -> Option<char> {
    Some(match c {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'в' | 'В' | 'β' | 'Β' => 'b',
        'с' | 'С' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' | 'ε' | 'Ε' => 'e',
        'һ' | 'Һ' | 'Η' => 'h',
        'і' | 'І' | 'ι' | 'Ι' | 'ӏ' => 'i',
        'ј' | 'Ј' => 'j',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'м' | 'М' | 'Μ' => 'm',
        'п' | 'Ν' | 'η' => 'n',
        'о' | 'О' | 'ο' | 'Ο' | 'σ' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ԛ' => 'q',
        'г' => 'r',
        'ѕ' | 'Ѕ' => 's',
        'т' | 'Т' | 'τ' | 'Τ' => 't',
        'υ' | 'ս' => 'u',
        'ν' | 'ѵ' => 'v',
        'ԝ' | 'ω' => 'w',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'у' | 'У' | 'γ' | 'Υ' => 'y',
        'Ζ' => 'z',
        _ => return None,
    })
}

/// True when the rest of the word starting at byte `from` contains an ASCII letter. Bounded:
/// a word longer than 48 characters is not a word a lure is written in.
fn next_word_has_latin(text: &str, from: usize) -> bool {
    text.get(from..)
        .unwrap_or("")
        .chars()
        .take(48)
        .take_while(|c| c.is_alphabetic() || is_invisible(*c))
        .any(|c| c.is_ascii_alphabetic())
}

/// The byte-per-byte normaliser this module replaced, kept to show the new one agrees with it.
#[cfg(test)]
mod reference {
    use super::*;

    pub struct Reference {
        pub text: String,
        pub start: Vec<u32>,
        pub end: Vec<u32>,
    }

    impl Reference {
    pub fn with_fold(original: &str, fold: &Fold) -> Reference {
        let mut n = Reference {
            text: String::with_capacity(original.len()),
            start: Vec::with_capacity(original.len()),
            end: Vec::with_capacity(original.len()),
        };
        let mut pending_space = false;
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: a run of printable ASCII other than the dash is copied lowercased in
            // one go; most of any message is such runs.
            let run = bytes[i..].iter().take_while(|b| b.is_ascii_graphic() && **b != b'-').count();
            if run > 0 {
                n.flush_space(&mut pending_space, i as u32);
                n.text.push_str(&original[i..i + run]);
                let len = n.text.len();
                n.text[len - run..].make_ascii_lowercase();
                n.start.extend(i as u32..(i + run) as u32);
                n.end.extend(i as u32 + 1..(i + run) as u32 + 1);
                i += run;
                continue;
            }
            let c = original[i..].chars().next().expect("i is at a character boundary");
            let (o_start, o_end) = (i as u32, (i + c.len_utf8()) as u32);
            i += c.len_utf8();
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() || is_dash(c) {
                pending_space = !n.text.is_empty();
                continue;
            }
            let folded = fold_quote(c).or_else(|| fold_fullwidth(c));
            if let Some(f) = folded {
                n.flush_space(&mut pending_space, o_start);
                n.push(f.to_ascii_lowercase(), o_start, o_end);
                continue;
            }
            if let Some(latin) = confusable_latin(c) {
                let prev_latin = n.text.as_bytes().last().is_some_and(u8::is_ascii_alphabetic);
                if prev_latin || next_word_has_latin(original, o_end as usize) {
                    n.flush_space(&mut pending_space, o_start);
                    n.push(latin, o_start, o_end);
                    continue;
                }
            }
            if let Some(f) = fold.get(c) {
                n.flush_space(&mut pending_space, o_start);
                n.push(f, o_start, o_end);
                continue;
            }
            // Compatibility folding: full-width forms shift to ASCII; ligatures, mathematical
            // and circled letters and accented Latin read as their plain letters; marks and
            // invisible characters vanish so they do not split words. Letters of other scripts
            // keep their own shape (Cyrillic stays Cyrillic unless it hides in a Latin word,
            // handled above).
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() || c == '\u{3000}' {
                pending_space = !n.text.is_empty();
                continue;
            }
            if let Some(w) = full_width(c) {
                n.flush_space(&mut pending_space, o_start);
                n.push(w.to_ascii_lowercase(), o_start, o_end);
                continue;
            }
            let plain = matches!(c.script(), Script::Latin | Script::Common | Script::Inherited);
            match crate::confusable::reads_as(c).filter(|_| plain) {
                Some("") => {}
                Some(r) => {
                    n.flush_space(&mut pending_space, o_start);
                    for b in r.chars() {
                        n.push(b, o_start, o_end);
                    }
                }
                None => {
                    for l in crate::case::lower(c) {
                        n.flush_space(&mut pending_space, o_start);
                        n.push(l, o_start, o_end);
                    }
                }
            }
        }
        n
    }

    fn flush_space(&mut self, pending: &mut bool, at: u32) {
        if *pending {
            self.text.push(' ');
            // A collapsed run of spaces maps to an empty range at the next character, so a span
            // never starts or ends inside whitespace the seller cannot see highlighted.
            self.start.push(at);
            self.end.push(at);
            *pending = false;
        }
    }

    fn push(&mut self, c: char, o_start: u32, o_end: u32) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.start.push(o_start);
            self.end.push(o_end);
        }
    }

    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalized::new(s).text
    }

    #[test]
    fn folds_case_width_quotes_dashes_and_spaces() {
        assert_eq!(norm("  Please   LOG-IN\n\tnow "), "please log in now");
        assert_eq!(norm("ｖｅｒｉｆｙ　ｙｏｕｒ"), "verify your");
        assert_eq!(norm("don\u{2019}t \u{201C}click\u{201D}"), "don't \"click\"");
        assert_eq!(norm("log\u{2014}in"), "log in");
    }

    #[test]
    fn removes_invisible_characters_inside_words() {
        assert_eq!(norm("pass\u{200B}word ver\u{00AD}ify"), "password verify");
    }

    #[test]
    fn folds_lookalike_letters_only_inside_latin_words() {
        // Cyrillic а and о inside Latin words.
        assert_eq!(norm("p\u{0430}ssw\u{043E}rd"), "password");
        // A Russian word stays Russian.
        assert_eq!(norm("привет"), "привет");
        // Mathematical bold letters fold through compatibility decomposition.
        assert_eq!(norm("\u{1D42F}\u{1D41E}\u{1D42B}\u{1D422}\u{1D41F}\u{1D432}"), "verify");
    }

    #[test]
    fn chinese_is_kept_and_fullwidth_punctuation_folded() {
        assert_eq!(norm("请点击链接，登录账户！"), "请点击链接,登录账户!");
    }

    #[test]
    fn data_folds_apply_to_characters_and_keep_the_byte_map() {
        let fold = Fold::new(vec![('匯', '汇'), ('驗', '验'), ('證', '证'), ('碼', '码')]);
        let original = "請匯款，驗證碼";
        let n = Normalized::with_fold(original, &fold);
        assert_eq!(n.text, "請汇款,验证码");
        let at = n.text.find("验证码").unwrap();
        let (s, e) = n.to_original(at, at + "验证码".len());
        assert_eq!(&original[s..e], "驗證碼");
    }

    #[test]
    fn byte_map_points_into_the_original() {
        let original = "Dear  ｖｅｒｉｆｙ now";
        let n = Normalized::new(original);
        let at = n.text.find("verify").unwrap();
        let (s, e) = n.to_original(at, at + "verify".len());
        assert_eq!(&original[s..e], "ｖｅｒｉｆｙ");
        let at = n.text.find("now").unwrap();
        let (s, e) = n.to_original(at, at + 3);
        assert_eq!(&original[s..e], "now");
    }

    #[test]
    fn byte_map_spans_removed_characters_between_kept_ones() {
        let original = "pass\u{200B}word";
        let n = Normalized::new(original);
        let (s, e) = n.to_original(0, n.text.len());
        assert_eq!((s, e), (0, original.len()));
    }

    #[test]
    fn to_original_clamps_instead_of_panicking() {
        let n = Normalized::new("abc");
        assert_eq!(n.to_original(2, 99), (2, 3));
        assert_eq!(n.to_original(99, 1), (2, 3));
        assert_eq!(Normalized::new("").to_original(0, 5), (0, 0));
    }

    /// Every byte of the normalised text maps where the byte-per-byte normaliser mapped it.
    fn agrees_with_reference(original: &str, fold: &Fold) {
        let new = Normalized::with_fold(original, fold);
        let old = reference::Reference::with_fold(original, fold);
        assert_eq!(new.text, old.text, "{original:?}");
        for j in 0..new.text.len() {
            assert_eq!(new.map(j), (old.start[j] as usize, old.end[j] as usize), "byte {j} of {:?} from {original:?}", new.text);
        }
    }

    #[test]
    fn the_sparse_map_agrees_with_the_byte_table() {
        let fold = Fold::new(vec![('匯', '汇'), ('驗', '验'), ('證', '证'), ('碼', '码')]);
        for text in [
            "",
            " ",
            "  Please   LOG-IN\n\tnow ",
            "a\r\nb\n\nc  d\u{200B}e\u{7}f",
            "ｖｅｒｉｆｙ　ｙｏｕｒ \u{1D42F}\u{1D41E} p\u{0430}ssw\u{043E}rd café",
            "請匯款，驗證碼 请点击链接，登录账户！ -x- \u{2014}y",
            "x\u{3000}\u{3000}y",
        ] {
            agrees_with_reference(text, &fold);
        }
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
            #[test]
            fn any_text_maps_as_the_byte_table_did(text in "(\\PC|[ \\t\\n\\r-]|[a-zA-Z]|[驗證碼汇]|\u{200B}|ｖ|а){0,60}") {
                let fold = Fold::new(vec![('驗', '验'), ('證', '证'), ('碼', '码')]);
                agrees_with_reference(&text, &fold);
            }
        }
    }
}
