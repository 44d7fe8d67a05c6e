//! What `build.rs` (which writes the wording model's features in hash order) and
//! `src/message/wording.rs` (which searches them by that order) must agree on: the hash of a
//! feature's text. There is one definition, included by both.
//!
//! FNV-1a, 64-bit: a pair's hash continues its first word's (`fnv(fnv(fnv(OFFSET, a), b" "), b)`
//! is the hash of `"a b"`), so the engine looks a word pair up without copying either word.

/// FNV-1a's offset basis: the hash of nothing.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The hash `h` continued over `bytes`.
#[inline]
pub(crate) fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}
