//! Data the build compressed harder than the module's own gzip can, unpacked once on first use.
//!
//! The message lexicon's compact files (its phrases, rules, Traditional folds and regex DFAs,
//! ~184 KB) are the largest data the module carries that is not needed at engine start: the
//! lexicon is built on the first message. `build.rs` (`pack`) joins them and compresses them
//! with LZMA, which codes them ~13% smaller than the `gzip -9` the module ships with (a window
//! over all of them, and a range coder that predicts each bit from the bytes before). The page
//! vocabulary, the confusables and the scripts (~20 KB, needed on the first page check or
//! non-ASCII host) are a second stream, the case classes the word-final sigma needs
//! (`crate::case`, on the first Σ) a third, and the Unicode tables of `idna`'s back end
//! (ICU4X's data for UTS 46, ~105 KB, read by `crates/idna_adapter` on the first host with a
//! non-ASCII or `xn--` label: [`sellershield_idna_tables`]) a fourth. A stream is unpacked ([`crate::lzma`]) on the first
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
    Idna,
}

/// A data file the build packed: the file it was made from (which errors name) and its part.
#[derive(Clone, Copy, Debug)]
pub(crate) struct File(pub &'static str, pub Part);

include!(concat!(env!("OUT_DIR"), "/lexicon_packed.rs"));
include!(concat!(env!("OUT_DIR"), "/tables_packed.rs"));
include!(concat!(env!("OUT_DIR"), "/case_packed.rs"));
include!(concat!(env!("OUT_DIR"), "/idna_packed.rs"));

impl Part {
    /// The part's bytes, unpacked; empty if the packed data is broken.
    pub(crate) fn bytes(self) -> &'static [u8] {
        static LEXICON: OnceLock<Vec<u8>> = OnceLock::new();
        static TABLES: OnceLock<Vec<u8>> = OnceLock::new();
        static CASE: OnceLock<Vec<u8>> = OnceLock::new();
        static IDNA: OnceLock<Vec<u8>> = OnceLock::new();
        let data = match self.stream {
            Stream::Lexicon => LEXICON.get_or_init(|| unpack(LEXICON_LZMA, LEXICON_LEN).unwrap_or_default()),
            Stream::Tables => TABLES.get_or_init(|| unpack(TABLES_LZMA, TABLES_LEN).unwrap_or_default()),
            Stream::Case => CASE.get_or_init(|| unpack(CASE_LZMA, CASE_LEN).unwrap_or_default()),
            Stream::Idna => IDNA.get_or_init(|| unpack(IDNA_LZMA, IDNA_LEN).unwrap_or_default()),
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

/// The Unicode tables `idna` asks its back end about, for the engine's copy of `idna_adapter`
/// (`crates/idna_adapter`, which declares this function and calls it on its first question:
/// a host with a non-ASCII or `xn--` label). ICU4X's compiled data would be ~130 KB of the
/// module's least compressible bytes; packed here they are ~30 KB, unpacked once (~2 ms
/// natively) and only by the few inputs that need them.
///
/// The name is unmangled so that the adapter, which `idna` depends on and which cannot depend on
/// this crate, finds it at link time; in the WebAssembly module it is one more (unused) export.
#[unsafe(no_mangle)]
pub fn sellershield_idna_tables() -> &'static [u8] {
    IDNA_TABLES.bytes()
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
        for (name, part) in [("pages.bin", PAGES), ("confusables.bin", CONFUSABLES), ("scripts.bin", SCRIPTS), ("case_classes.bin", CASE_CLASSES), ("idna_tables.bin", IDNA_TABLES)] {
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

    /// The IDNA tables the engine supplies to its copy of `idna_adapter` answer as ICU4X's
    /// compiled data (what upstream's adapter reads) for every code point: each property `idna`
    /// asks about, and the UTS 46 mapping and normalisation of the code point alone.
    #[test]
    fn the_idna_tables_answer_as_icu4x_compiled_data_for_every_code_point() {
        use icu_properties::props::{BidiClass, GeneralCategory, JoiningType};
        use icu_properties::CodePointMapData;
        let gc = CodePointMapData::<GeneralCategory>::new();
        let bc = CodePointMapData::<BidiClass>::new();
        let jt = CodePointMapData::<JoiningType>::new();
        let ccc = icu_normalizer::properties::CanonicalCombiningClassMapBorrowed::new();
        let uts46 = icu_normalizer::uts46::Uts46MapperBorrowed::new();
        let adapter = idna_adapter::Adapter::new();
        let mut viramas = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(idna_adapter::raw::general_category(c), gc.get(c), "{c:?}");
            assert_eq!(idna_adapter::raw::bidi_class(c), bc.get(c), "{c:?}");
            assert_eq!(idna_adapter::raw::joining_type(c), jt.get(c), "{c:?}");
            assert_eq!(adapter.is_virama(c), ccc.get_u8(c) == 9, "{c:?}");
            viramas += usize::from(adapter.is_virama(c));
            let one = || std::iter::once(c);
            assert!(adapter.map_normalize(one()).eq(uts46.map_normalize(one())), "{c:?}");
            assert!(adapter.normalize_validate(one()).eq(uts46.normalize_validate(one())), "{c:?}");
        }
        assert!(viramas > 50, "{viramas} Virama code points");
    }

    /// The same for 200,000 generated labels, where characters meet: composition (Hangul jamo,
    /// Latin letters and combining marks), reordering of marks, compatibility forms, joiners,
    /// viramas, right-to-left scripts, and any code point at all.
    #[test]
    fn the_idna_tables_map_and_normalise_generated_labels_as_icu4x_compiled_data() {
        let uts46 = icu_normalizer::uts46::Uts46MapperBorrowed::new();
        let adapter = idna_adapter::Adapter::new();
        let pools: &[(u32, u32)] = &[
            (0x61, 0x7A), (0x41, 0x5A), (0x30, 0x39), (0x2D, 0x2E), (0xC0, 0x24F), (0x300, 0x36F),
            (0x1100, 0x1112), (0x1161, 0x1175), (0x11A8, 0x11C2), (0xAC00, 0xD7A3), (0x900, 0x97F),
            (0xD80, 0xDFF), (0x600, 0x6FF), (0x5D0, 0x5EA), (0x200C, 0x200D), (0xFF01, 0xFF5E),
            (0xFB00, 0xFB06), (0x3300, 0x33FF), (0x370, 0x3FF), (0x400, 0x4FF), (0x4E00, 0x4E40),
            (0x1F600, 0x1F64F), (0x0, 0x10FFFF),
        ];
        let mut next = crate::xorshift::below(0x1DEA_5EED);
        let mut text = String::new();
        for _ in 0..200_000 {
            text.clear();
            for _ in 0..1 + next(12) {
                let (lo, hi) = pools[next(pools.len())];
                if let Some(c) = char::from_u32(lo + next((hi - lo + 1) as usize) as u32) {
                    text.push(c);
                }
            }
            assert!(adapter.map_normalize(text.chars()).eq(uts46.map_normalize(text.chars())), "{text:?}");
            assert!(adapter.normalize_validate(text.chars()).eq(uts46.normalize_validate(text.chars())), "{text:?}");
        }
    }
}
