//! What characters look like: UTS #39 skeletons and the script checks of Chromium's IDN policy.
//!
//! Lookalike detection compares hosts with ASCII brand names, so the only question asked of a
//! character is "which plain letters does it read as?". `build.rs` answers it for every code
//! point once, from the Unicode confusables data (via the `unicode-security` crate at build
//! time), and this module looks the answer up; see build.rs for why the crate is not linked
//! into the WebAssembly. Script questions (is this label one writing system? is the mix one
//! Chromium allows?) use the `unicode-script` crate's Script data, compiled by `build.rs` into
//! a compact table the same way ([`UnicodeScript`]): the crate's own table was 28 KB of the
//! module.

use crate::registry::{Reader, RegistryError};
use unicode_script::Script;

mod table {
    use unicode_script::Script;
    include!(concat!(env!("OUT_DIR"), "/confusables.rs"));
    include!(concat!(env!("OUT_DIR"), "/scripts.rs"));
}

/// The Script property of a character, as `unicode_script::UnicodeScript` gives it, from the
/// table `build.rs` compiled from that crate (`compile_scripts`). Use this trait, not the
/// crate's: one call of the crate's `script` links its 28 KB table back into the module.
pub trait UnicodeScript {
    fn script(&self) -> Script;
}

impl UnicodeScript for char {
    fn script(&self) -> Script {
        let t = Scripts::get();
        let cp = *self as u32;
        let i = t.starts.partition_point(|&s| s <= cp);
        i.checked_sub(1).and_then(|i| table::SCRIPT_VALUES.get(usize::from(t.scripts[i]))).copied().unwrap_or(Script::Unknown)
    }
}

/// The full name of a script (`Latin`, `Cyrillic`), as `Script::full_name` gives it, from
/// `build.rs`'s table of the scripts [`UnicodeScript`] answers with; `Unknown` for any other.
pub fn script_name(script: Script) -> &'static str {
    let Some(i) = table::SCRIPT_VALUES.iter().position(|&s| s == script) else { return "Unknown" };
    let start = if i == 0 { 0 } else { usize::from(table::SCRIPT_NAME_ENDS[i - 1]) };
    table::SCRIPT_NAMES.get(start..usize::from(table::SCRIPT_NAME_ENDS[i])).unwrap_or("Unknown")
}

/// The script runs `build.rs` wrote, expanded for binary search.
struct Scripts {
    /// Where each run starts, ascending from 0.
    starts: Vec<u32>,
    /// Each run's script, an index into `SCRIPT_VALUES`.
    scripts: &'static [u8],
}

impl Scripts {
    /// The runs, expanded on first use (~1,000 numbers).
    fn get() -> &'static Scripts {
        static TABLES: std::sync::OnceLock<Scripts> = std::sync::OnceLock::new();
        TABLES.get_or_init(|| Scripts::read(table::SCRIPTS.bytes()))
    }

    /// Reads the blob; a cut or corrupt one gives no runs (every character Unknown, which a
    /// test rules out), never a panic.
    fn read(bytes: &'static [u8]) -> Scripts {
        Scripts::parse(bytes).unwrap_or(Scripts { starts: Vec::new(), scripts: &[] })
    }

    fn parse(bytes: &'static [u8]) -> Result<Scripts, RegistryError> {
        let (starts, scripts) = read_runs("the script table", bytes)?;
        Ok(Scripts { starts, scripts })
    }
}

/// Reads a table of runs as `build.rs` writes them (the script table, the case classes): a
/// count, each run's length, then one byte per run. Gives each run's first code point and the
/// bytes.
pub(crate) fn read_runs(name: &'static str, bytes: &'static [u8]) -> Result<(Vec<u32>, &'static [u8]), RegistryError> {
    let mut r = Reader::new(name, bytes);
    let n = r.number()?;
    let mut starts = Vec::with_capacity(n.min(bytes.len()));
    let mut start = 0u32;
    for _ in 0..n {
        starts.push(start);
        start = start.saturating_add(u32::try_from(r.number()?).unwrap_or(u32::MAX));
    }
    let values = r.bytes(starts.len())?;
    r.finish()?;
    Ok((starts, values))
}

/// The confusables `build.rs` wrote (`compile_confusables`), expanded for binary search.
struct Confusables {
    /// The code points that read as some ASCII, sorted.
    chars: Vec<u32>,
    /// Where each one's ASCII ends in `ascii`.
    ends: Vec<u32>,
    ascii: &'static str,
    /// Inclusive ranges of the code points that read as nothing, sorted.
    nothing: Vec<(u32, u32)>,
}

impl Confusables {
    /// The tables, expanded on first use (a few microseconds): stored as distances they are
    /// a quarter the size in the module, gzipped, of sorted `u16`s searched in place.
    fn get() -> &'static Confusables {
        static TABLES: std::sync::OnceLock<Confusables> = std::sync::OnceLock::new();
        TABLES.get_or_init(|| Confusables::read(table::CONFUSABLES.bytes()))
    }

    /// Reads the blob; a cut or corrupt one (only a `build.rs` out of step with this code can
    /// make one, and a test checks the counts) gives the tables read so far, never a panic.
    fn read(bytes: &'static [u8]) -> Confusables {
        let mut t = Confusables { chars: Vec::new(), ends: Vec::new(), ascii: "", nothing: Vec::new() };
        let mut r = Reader::new("the confusables table", bytes);
        let number = |r: &mut Reader| r.number().ok().and_then(|n| u32::try_from(n).ok());
        let Some(n) = number(&mut r) else { return t };
        let mut cp = 0u32;
        for _ in 0..n {
            let Some(d) = number(&mut r) else { return t };
            cp = cp.saturating_add(d);
            t.chars.push(cp);
        }
        let Ok(lens) = r.bytes(t.chars.len()) else { return Confusables { chars: Vec::new(), ..t } };
        let mut end = 0u32;
        t.ends = lens
            .iter()
            .map(|&l| {
                end += u32::from(l);
                end
            })
            .collect();
        let ascii = r.bytes(end as usize).ok().and_then(|a| std::str::from_utf8(a).ok());
        let Some(ascii) = ascii.filter(|a| a.is_ascii()) else { return Confusables { chars: Vec::new(), ends: Vec::new(), ..t } };
        t.ascii = ascii;
        let Some(m) = number(&mut r) else { return t };
        let mut last = 0u32;
        for _ in 0..m {
            let (Some(gap), Some(len)) = (number(&mut r), number(&mut r)) else { return t };
            let first = last.saturating_add(gap);
            last = first.saturating_add(len);
            t.nothing.push((first, last));
        }
        t
    }
}

/// What one character reads as: `Some("")` for marks that read as nothing, `Some(ascii)` for a
/// confusable of plain letters, `None` when it reads only as itself.
pub fn reads_as(c: char) -> Option<&'static str> {
    let cp = c as u32;
    let t = Confusables::get();
    let Ok(i) = t.chars.binary_search(&cp) else {
        let nothing = t.nothing.binary_search_by(|&(first, last)| {
            if last < cp {
                std::cmp::Ordering::Less
            } else if first > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        });
        return nothing.is_ok().then_some("");
    };
    let start = if i == 0 { 0 } else { t.ends[i - 1] as usize };
    t.ascii.get(start..t.ends[i] as usize)
}

/// The skeleton of a string, lowercased, diacritics dropped: `a1ibaba`, `аlibаbа` and
/// `alíbaba` all read `alibaba`; `m` reads `rn`.
pub fn skeleton(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    push_skeleton(&mut out, s);
    out
}

/// The ASCII bytes that read as themselves (lowercase letters and most punctuation).
const READS_AS_ITSELF: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let start = if b == 0 { 0 } else { table::ASCII_SKELETON_ENDS[b - 1] as usize };
        table[b] = table::ASCII_SKELETON_ENDS[b] as usize == start + 1 && table::ASCII_SKELETON.as_bytes()[start] == b as u8;
        b += 1;
    }
    table
};

/// The skeleton of an ASCII byte (lowercased).
fn ascii_skeleton(b: u8) -> &'static str {
    let b = usize::from(b & 0x7f);
    let start = if b == 0 { 0 } else { usize::from(table::ASCII_SKELETON_ENDS[b - 1]) };
    table::ASCII_SKELETON.get(start..usize::from(table::ASCII_SKELETON_ENDS[b])).unwrap_or("")
}

/// Appends the skeleton of `s` to `out`.
pub fn push_skeleton(out: &mut String, s: &str) {
    if s.is_ascii() {
        // Copy runs of bytes that read as themselves whole; map the others one by one.
        out.reserve(s.len());
        let mut run = 0;
        for (i, b) in s.bytes().enumerate() {
            if !READS_AS_ITSELF[usize::from(b)] {
                out.push_str(&s[run..i]);
                out.push_str(ascii_skeleton(b));
                run = i + 1;
            }
        }
        out.push_str(&s[run..]);
        return;
    }
    for c in s.chars() {
        if c.is_ascii() {
            out.push_str(ascii_skeleton(c as u8));
            continue;
        }
        match reads_as(c) {
            Some(r) => out.push_str(r),
            None => crate::case::push_lower(out, c),
        }
    }
}

/// The scripts a character counts for, ignoring Common and Inherited (digits, hyphens,
/// combining marks), with Han-using scripts widened the way UTS #39 augments them.
fn scripts(c: char) -> Option<Script> {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        s => Some(s),
    }
}

/// True when every letter of `label` belongs to one writing system (Japanese kana with Han,
/// Korean Hangul with Han, Chinese Bopomofo with Han count as one, as UTS #39 says).
pub fn is_single_script(label: &str) -> bool {
    let mut seen: Vec<Script> = Vec::new();
    for c in label.chars() {
        if let Some(s) = scripts(c) {
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
    }
    let others: Vec<&Script> = seen.iter().filter(|s| !matches!(s, Script::Han)).collect();
    match others.as_slice() {
        [] | [_] => true,
        [a, b] => matches!((a, b), (Script::Hiragana, Script::Katakana) | (Script::Katakana, Script::Hiragana)),
        _ => false,
    }
}

/// True when the label passes Chromium's "highly restrictive" rule: one script, or Latin with
/// Han and Japanese kana, Latin with Han and Bopomofo, or Latin with Han and Hangul.
pub fn is_highly_restrictive(label: &str) -> bool {
    if is_single_script(label) {
        return true;
    }
    let mut seen: Vec<Script> = Vec::new();
    for c in label.chars() {
        if let Some(s) = scripts(c) {
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
    }
    let allowed = |set: &[Script]| seen.iter().all(|s| set.contains(s));
    allowed(&[Script::Latin, Script::Han, Script::Hiragana, Script::Katakana])
        || allowed(&[Script::Latin, Script::Han, Script::Bopomofo])
        || allowed(&[Script::Latin, Script::Han, Script::Hangul])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_read_lookalikes_as_plain_letters() {
        assert_eq!(skeleton("a1ibaba"), "alibaba");
        assert_eq!(skeleton("amazon"), "arnazon");
        assert_eq!(skeleton("аlibаbа"), "alibaba");
        assert_eq!(skeleton("alíbaba"), "alibaba");
        assert_eq!(skeleton("ＰａｙＰａｌ"), "paypal");
        assert_eq!(skeleton("pay\u{200d}pal"), "paypal");
        assert_eq!(skeleton("ebay"), "ebay");
        assert_eq!(skeleton("淘宝"), "淘宝");
    }

    #[test]
    fn the_compiled_table_agrees_with_uts39_for_plain_results() {
        // Spot-check against the crate the table was compiled from (a dev-dependency only).
        for c in ['а', 'е', 'о', 'р', 'с', 'ӏ', 'ı', 'ℓ', '𝐚', 'Ꭺ', 'ɑ', '0', '1', 'I', 'm'] {
            let want: String = unicode_security::skeleton(&c.to_string()).flat_map(char::to_lowercase).collect();
            assert_eq!(skeleton(&c.to_string()), want, "{c:?}");
        }
    }

    #[test]
    fn the_compact_table_reads_whole_and_a_cut_one_reads_short() {
        let t = Confusables::get();
        assert_eq!(t.chars.len(), table::CONFUSABLE_CHARS);
        assert_eq!(t.ends.len(), table::CONFUSABLE_CHARS);
        assert_eq!(t.nothing.len(), table::CONFUSABLE_RANGES);
        assert!(t.chars.windows(2).all(|w| w[0] < w[1]));
        assert!(t.nothing.windows(2).all(|w| w[0].1 + 1 < w[1].0));
        assert_eq!(t.ends.last().map(|&e| e as usize), Some(t.ascii.len()));
        for cut in [0, 1, 100, table::CONFUSABLES.bytes().len() / 2, table::CONFUSABLES.bytes().len() - 1] {
            let short = Confusables::read(&table::CONFUSABLES.bytes()[..cut]);
            assert!(short.chars.len() < t.chars.len() || short.nothing.len() < t.nothing.len(), "{cut}");
        }
    }

    #[test]
    fn characters_that_read_as_nothing_are_found_by_their_range() {
        // A combining acute, a zero-width joiner, a variation selector, the ends of the tags
        // block: each inside one of the ranges, at its edge or in its middle.
        for c in ['\u{301}', '\u{200d}', '\u{fe0f}', '\u{e0000}', '\u{e0041}', '\u{e0fff}'] {
            assert_eq!(reads_as(c), Some(""), "{c:?}");
            assert_eq!(skeleton(&format!("pay{c}pal")), "paypal", "{c:?}");
        }
        // Just past the last range, and letters that read as themselves or as letters.
        assert_eq!(reads_as('\u{e1000}'), None);
        assert_eq!(reads_as('ж'), None);
        assert_eq!(reads_as('é'), Some("e"));
        assert_eq!(reads_as('а'), Some("a"));
        assert_eq!(skeleton("pay\u{e1000}pal"), "pay\u{e1000}pal");
    }

    #[test]
    fn the_ascii_table_agrees_with_the_full_lookup() {
        for b in 0u8..128 {
            let c = b as char;
            let want: String = reads_as(c).map(str::to_string).unwrap_or_else(|| c.to_lowercase().collect());
            assert_eq!(skeleton(&c.to_string()), want, "{c:?}");
            assert_eq!(skeleton(&format!("é{c}")), format!("e{want}"), "{c:?} after a non-ASCII letter");
            // The lookalike detector relies on this to find label boundaries by their dots.
            assert!(c == '.' || !want.contains('.'), "{c:?} reads as a dot");
        }
    }

    #[test]
    fn the_compact_scripts_are_the_crates_for_every_code_point() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = UnicodeScript::script(&c);
            assert_eq!(s, unicode_script::UnicodeScript::script(&c), "U+{:04X}", c as u32);
            assert_eq!(script_name(s), s.full_name(), "U+{:04X}", c as u32);
        }
        assert_eq!(script_name(Script::Cyrillic), "Cyrillic");
        assert_eq!(script_name(Script::Unknown), "Unknown");
        let t = Scripts::get();
        assert!(t.starts.len() > 500 && t.starts.len() == t.scripts.len());
        for cut in [0, 1, table::SCRIPTS.bytes().len() / 2, table::SCRIPTS.bytes().len() - 1] {
            assert!(Scripts::read(&table::SCRIPTS.bytes()[..cut]).starts.is_empty(), "{cut}");
        }
    }

    #[test]
    fn script_mixing() {
        assert!(is_single_script("alibaba"));
        assert!(is_single_script("аррӏе"));
        assert!(!is_single_script("аlibaba"));
        assert!(is_single_script("ひらがなカタカナ漢字"));
        assert!(is_highly_restrictive("taobao淘宝"));
        assert!(!is_highly_restrictive("аlibaba"));
        assert!(is_single_script("shop-123"));
    }
}
