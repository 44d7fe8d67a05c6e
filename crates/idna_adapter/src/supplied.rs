//! The Unicode tables the program supplies, read into ICU4X's own types on the first question.
//!
//! The bytes (`sellershield_idna_tables`, written by SellerShield's `build.rs`, `compile_idna`)
//! are ICU4X's compiled data taken apart, little-endian, each table in ICU4X's field order:
//!
//! ```text
//! trie:   high_start u32, shifted12_high_start u16, index3_null_offset u16,
//!         data_null_offset u32, null_value u32, trie_type u8, index [u16], data [T]
//! [x]:    a u32 length in bytes, then the bytes
//!
//! uts46 decomposition trie (u32), its passthrough_cap u16,
//! nfd tables' scalars16 [u16] and scalars24 [char], nfkd tables' the same,
//! nfc canonical compositions [u16],
//! general category trie (u8), bidi class trie (u8), joining type trie (u8),
//! the code points whose Canonical_Combining_Class is Virama [u32], sorted
//! ```
//!
//! ICU4X checks every trie and table as it takes them (`CodePointTrie::try_new`, ULE
//! validation). Bytes that do not read are a broken build, not an input a seller can send:
//! the adapter's questions cannot answer an error, so that panics, naming the tables.

use icu_collections::char16trie::Char16Trie;
use icu_collections::codepointtrie::{CodePointTrie, CodePointTrieHeader, TrieType, TrieValue};
use icu_normalizer::provider::{
    CanonicalCompositions, DecompositionData, DecompositionTables, NormalizerNfcV1,
    NormalizerNfdTablesV1, NormalizerNfkdTablesV1, NormalizerUts46DataV1,
};
use icu_normalizer::uts46::{Uts46Mapper, Uts46MapperBorrowed};
use icu_properties::props::{BidiClass, GeneralCategory, JoiningType};
use icu_properties::{CodePointMapData, CodePointMapDataBorrowed};
use icu_provider::prelude::*;
use std::sync::OnceLock;
use zerovec::ule::AsULE;
use zerovec::ZeroVec;

extern "Rust" {
    /// The tables' bytes, as the module comment lays them out: defined by the program (SellerShield's
    /// `packed::sellershield_idna_tables`), which unpacks them on the first call.
    fn sellershield_idna_tables() -> &'static [u8];
}

/// The tables, built once and kept for the program's life (ICU4X's borrowed views point into
/// them).
pub(crate) struct Tables {
    pub(crate) mapper: Uts46MapperBorrowed<'static>,
    pub(crate) general_category: CodePointMapDataBorrowed<'static, GeneralCategory>,
    pub(crate) bidi_class: CodePointMapDataBorrowed<'static, BidiClass>,
    pub(crate) joining_type: CodePointMapDataBorrowed<'static, JoiningType>,
    /// The Virama code points, as little-endian u32s, sorted.
    viramas: &'static [u8],
}

impl Tables {
    pub(crate) fn is_virama(&self, c: char) -> bool {
        let c = u32::from(c);
        // A handful of entries: a binary search over the 4-byte records.
        let (mut lo, mut hi) = (0, self.viramas.len() / 4);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let v = u32::from_le_bytes(self.viramas[mid * 4..mid * 4 + 4].try_into().unwrap_or([0; 4]));
            match v.cmp(&c) {
                core::cmp::Ordering::Less => lo = mid + 1,
                core::cmp::Ordering::Greater => hi = mid,
                core::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// The tables, read on the first call.
pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // SAFETY: the program defines the function as the extern block declares it (a link
        // error otherwise); it has no preconditions.
        let bytes = unsafe { sellershield_idna_tables() };
        read(bytes).expect("the program's IDNA Unicode tables (build.rs compile_idna) do not read")
    })
}

/// The four tables UTS 46 mapping asks the provider for, as ICU4X's data structs.
struct Provider {
    uts46: DecompositionData<'static>,
    nfd: DecompositionTables<'static>,
    nfkd: DecompositionTables<'static>,
    nfc: CanonicalCompositions<'static>,
}

macro_rules! provide {
    ($marker:ty, $field:ident) => {
        impl DataProvider<$marker> for Provider {
            fn load(&self, _: DataRequest) -> Result<DataResponse<$marker>, DataError> {
                // The structs borrow the program's bytes: cloning copies no table.
                Ok(DataResponse { metadata: Default::default(), payload: DataPayload::from_owned(self.$field.clone()) })
            }
        }
    };
}
provide!(NormalizerUts46DataV1, uts46);
provide!(NormalizerNfdTablesV1, nfd);
provide!(NormalizerNfkdTablesV1, nfkd);
provide!(NormalizerNfcV1, nfc);

/// A reader of the bytes, front to back.
struct Reader(&'static [u8]);

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn bytes(&mut self) -> Option<&'static [u8]> {
        let n = usize::try_from(self.u32()?).ok()?;
        self.take(n)
    }
    fn vec<T: AsULE + 'static>(&mut self) -> Option<ZeroVec<'static, T>> {
        ZeroVec::parse_bytes(self.bytes()?).ok()
    }
    fn trie<T: TrieValue>(&mut self) -> Option<CodePointTrie<'static, T>> {
        let header = CodePointTrieHeader {
            high_start: self.u32()?,
            shifted12_high_start: self.u16()?,
            index3_null_offset: self.u16()?,
            data_null_offset: self.u32()?,
            null_value: self.u32()?,
            trie_type: TrieType::try_from(self.u8()?).ok()?,
        };
        let index = self.vec::<u16>()?;
        let data = self.vec::<T>()?;
        CodePointTrie::try_new(header, index, data).ok()
    }
}

fn read(bytes: &'static [u8]) -> Option<Tables> {
    let mut r = Reader(bytes);
    let uts46 = DecompositionData { trie: r.trie()?, passthrough_cap: r.u16()? };
    let nfd = DecompositionTables { scalars16: r.vec()?, scalars24: r.vec()? };
    let nfkd = DecompositionTables { scalars16: r.vec()?, scalars24: r.vec()? };
    let nfc = CanonicalCompositions { canonical_compositions: Char16Trie::new(r.vec()?) };
    let provider = Provider { uts46, nfd, nfkd, nfc };
    let mapper: &'static Uts46Mapper = Box::leak(Box::new(Uts46Mapper::try_new(&provider).ok()?));
    let general_category = map(r.trie()?);
    let bidi_class = map(r.trie()?);
    let joining_type = map(r.trie()?);
    let viramas = r.bytes()?;
    if !r.0.is_empty() || viramas.len() % 4 != 0 {
        return None;
    }
    Some(Tables { mapper: mapper.as_borrowed(), general_category, bidi_class, joining_type, viramas })
}

/// A property's map, kept for the program's life, as ICU4X's borrowed view.
fn map<T: TrieValue>(trie: CodePointTrie<'static, T>) -> CodePointMapDataBorrowed<'static, T> {
    let data: &'static CodePointMapData<T> = Box::leak(Box::new(CodePointMapData::from_code_point_trie(trie)));
    data.as_borrowed()
}
