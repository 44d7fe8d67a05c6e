//! How the lexicon's regex text becomes the pattern that is compiled: shared, word for word, by
//! `build.rs` (which compiles the patterns to DFAs) and by the tests that hold those DFAs to the
//! `regex-automata` meta engine as an oracle.
//!
//! The lexicons run on text the normaliser already folded to plain lowercase, so the Perl
//! classes are spelled out as explicit ASCII sets (`\w` keeps every non-ASCII character, as
//! Unicode's `\w` counts letters of every script) and `\b` is an ASCII boundary. Besides being
//! what the patterns mean, this keeps the DFAs small: a Unicode `\b` cannot be compiled into a
//! DFA at all, and Unicode `\w` is a few hundred states of UTF-8 ranges.
//!
//! This file is included by `build.rs` with `#[path]`, so it uses nothing but `std`.

/// How many look-behind classes [`look_behind_class`] tells apart.
pub const LOOK_BEHIND_CLASSES: usize = 5;

/// The class of the byte before a position (`None` at the start of the text): start of text,
/// `\n`, `\r`, an ASCII word byte, any other byte. A lexicon DFA's start state depends on
/// nothing else (`build.rs` checks it for every byte), so `build.rs` records start states and
/// the runtime picks them by this one numbering.
pub const fn look_behind_class(b: Option<u8>) -> usize {
    match b {
        None => 0,
        Some(b'\n') => 1,
        Some(b'\r') => 2,
        Some(b) if b.is_ascii_alphanumeric() || b == b'_' => 3,
        Some(_) => 4,
    }
}

/// A 64-bit FNV-1a hash of a joined pattern: how the module knows which pattern each DFA of
/// build.rs was compiled from without carrying the patterns (a check against a build whose
/// data and DFAs disagree, not against an adversary).
pub fn source_hash(pattern: &str) -> u64 {
    pattern.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The patterns of one group as one regex: each alternative in a group of its own, in order,
/// so leftmost-first priority follows the order the data files list them in.
pub fn join<S: AsRef<str>>(patterns: &[S]) -> String {
    patterns.iter().map(|p| format!("(?:{})", p.as_ref())).collect::<Vec<String>>().join("|")
}

/// `text` as a pattern that matches it literally.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$' | '#' | '&' | '-' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The pattern of `name.ext` for one of `extensions`, as written in running text, except the
/// endings in `not_files` (words or domain endings there). Capture group 1 is the file name;
/// its edges are recovered without captures (see `re::FileNames`), which relies on this
/// shape: the name ends with an ASCII letter or digit and nothing after it in a match is a
/// word character.
pub fn filename_pattern(extensions: &[String], not_files: &[String]) -> String {
    let exts: Vec<String> = extensions
        .iter()
        .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
        .filter(|e| !e.is_empty() && !not_files.contains(e))
        .map(|e| escape(&e))
        .collect();
    if exts.is_empty() {
        r"[^\s\S]".to_string()
    } else {
        format!(r"(?:^|[^\w.@])([\w()\[\]]+(?:\.[a-z0-9]{{1,5}})?\.(?:{}))(?:$|[^\w/.]|\.(?:\s|$))", exts.join("|"))
    }
}

/// Spells the Perl classes out as explicit sets (`\w` → ASCII word characters plus every
/// non-ASCII character; `\d`, `\s` ASCII; inside a class without the brackets) and makes `\b`
/// an ASCII boundary.
#[cfg_attr(not(test), allow(dead_code))]
pub fn ascii_classes(pattern: &str) -> String {
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
