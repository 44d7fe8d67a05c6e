//! Data the build compressed harder than the module's own gzip can, unpacked once on first use.
//!
//! The message lexicon's compact files (its phrases, rules, Traditional folds and regex DFAs,
//! ~184 KB) are the largest data the module carries that is not needed at engine start: the
//! lexicon is built on the first message. `build.rs` (`pack`) joins them and compresses them
//! with LZMA, which codes them ~13% smaller than the `gzip -9` the module ships with (a window
//! over all of them, and a range coder that predicts each bit from the bytes before). The page
//! vocabulary, the confusables and the scripts (~20 KB, needed on the first page check or
//! non-ASCII host) are a second stream, and the case classes the word-final sigma needs
//! (`crate::case`, on the first Σ) a third. A stream is unpacked ([`crate::lzma`]) on the first
//! use of any of its parts, into one allocation that lives as long as the program, so its
//! readers go on borrowing from it as they did from the module's data. The price is the
//! unpacking, once: ~17 ns a byte natively (3.1 ms for the lexicon, 0.35 ms for the tables),
//! about 25 ns in V8's baseline tier.
//!
//! Unpacking cannot fail unless the build wrote a broken stream; if it did, every part reads as
//! empty and the readers report their file as malformed, never a panic. Data needed at engine
//! start (the registry, the Public Suffix List) stays as it was: unpacking it would add to
//! every engine's start what it saves in bytes.

use std::sync::OnceLock;

/// Where one compact file lies in its unpacked stream.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Part {
    stream: Stream,
    at: usize,
    len: usize,
}

/// The packed streams, each unpacked on the first use of any of its parts.
#[derive(Clone, Copy, Debug)]
enum Stream {
    Lexicon,
    Tables,
    Case,
}

/// A data file the build packed: the file it was made from (which errors name) and its part.
#[derive(Clone, Copy, Debug)]
pub(crate) struct File(pub &'static str, pub Part);

include!(concat!(env!("OUT_DIR"), "/lexicon_packed.rs"));
include!(concat!(env!("OUT_DIR"), "/tables_packed.rs"));
include!(concat!(env!("OUT_DIR"), "/case_packed.rs"));

impl Part {
    /// The part's bytes, unpacked; empty if the packed data is broken.
    pub(crate) fn bytes(self) -> &'static [u8] {
        static LEXICON: OnceLock<Vec<u8>> = OnceLock::new();
        static TABLES: OnceLock<Vec<u8>> = OnceLock::new();
        static CASE: OnceLock<Vec<u8>> = OnceLock::new();
        let data = match self.stream {
            Stream::Lexicon => LEXICON.get_or_init(|| unpack(LEXICON_LZMA, LEXICON_LEN).unwrap_or_default()),
            Stream::Tables => TABLES.get_or_init(|| unpack(TABLES_LZMA, TABLES_LEN).unwrap_or_default()),
            Stream::Case => CASE.get_or_init(|| unpack(CASE_LZMA, CASE_LEN).unwrap_or_default()),
        };
        slice(data, self)
    }
}

impl File {
    /// The file's name and its bytes, unpacked.
    pub(crate) fn get(self) -> (&'static str, &'static [u8]) {
        (self.0, self.1.bytes())
    }
}

fn slice(data: &[u8], part: Part) -> &[u8] {
    data.get(part.at..part.at + part.len).unwrap_or(&[])
}

/// `packed` (an LZMA stream with its header) unpacked, if it unpacks to `len` bytes.
fn unpack(packed: &[u8], len: usize) -> Option<Vec<u8>> {
    crate::lzma::decode(packed, len).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_unpacks_to_the_file_the_build_wrote() {
        for (name, part) in [
            ("lexicon_dfas.bin", LEXICON_DFAS),
            ("lexicon-en.bin", LEXICON_EN),
            ("lexicon-zh.bin", LEXICON_ZH),
            ("lexicon-zh-hant.bin", LEXICON_ZH_HANT),
            ("lexicon-rules.bin", LEXICON_RULES),
            ("lexicon-brands.bin", LEXICON_BRANDS),
            ("lexicon-files.bin", LEXICON_FILES),
        ] {
            let file = std::fs::read(std::path::Path::new(env!("OUT_DIR")).join(name)).unwrap();
            assert!(!file.is_empty(), "{name}");
            assert_eq!(part.bytes(), &file[..], "{name}");
        }
        for (name, part) in [("pages.bin", PAGES), ("confusables.bin", CONFUSABLES), ("scripts.bin", SCRIPTS), ("case_classes.bin", CASE_CLASSES)] {
            let file = std::fs::read(std::path::Path::new(env!("OUT_DIR")).join(name)).unwrap();
            assert!(!file.is_empty(), "{name}");
            assert_eq!(part.bytes(), &file[..], "{name}");
        }
    }

    #[test]
    fn a_broken_stream_unpacks_to_nothing() {
        assert!(unpack(&LEXICON_LZMA[..LEXICON_LZMA.len() / 2], LEXICON_LEN).is_none());
        assert!(unpack(&[], LEXICON_LEN).is_none());
        assert!(unpack(LEXICON_LZMA, LEXICON_LEN + 1).is_none());
        let whole = unpack(LEXICON_LZMA, LEXICON_LEN).unwrap();
        let mut flipped = LEXICON_LZMA.to_vec();
        flipped[LEXICON_LZMA.len() / 3] ^= 0x55;
        assert_ne!(unpack(&flipped, LEXICON_LEN), Some(whole));
    }
}
