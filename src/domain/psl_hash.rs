//! What `build.rs` (which lays the Public Suffix List's trie out) and `src/domain.rs` (which
//! indexes and searches it) must agree on: the mark that ends a group of siblings, and the hash
//! the start-up index files names under. There is one definition, included by both.
//!
//! A name is hashed label by label from the right (`com`, then `example` with the hash of
//! `com` as its seed), so a lookup that walks a host's suffixes from the shortest hashes each
//! byte once, and the index can file each name by its first label under its parent. The mix
//! is a multiply-rotate over four-byte words (the shape of FxHash) on `u32`, which WebAssembly
//! does natively; the top bits of the product pick the slot.

/// Set on the byte after a name's label (the name's flags otherwise) when it is the last child
/// of its parent.
pub(crate) const LAST_CHILD: u8 = 0x10;

/// The hash of the name `label.parent`, given the hash of `parent` (0 for the root: `label` is
/// then a top-level name). Labels are lowercase ASCII.
#[inline]
pub(crate) fn psl_hash(parent: u32, label: &[u8]) -> u32 {
    const K: u32 = 0x9E37_79B9;
    let mut h: u32 = (parent ^ label.len() as u32).wrapping_mul(K);
    let mut words = label.chunks_exact(4);
    for w in &mut words {
        h = (h.rotate_left(5) ^ u32::from_le_bytes([w[0], w[1], w[2], w[3]])).wrapping_mul(K);
    }
    let mut tail = 0u32;
    for (i, &b) in words.remainder().iter().enumerate() {
        tail |= u32::from(b) << (8 * i);
    }
    (h.rotate_left(5) ^ tail).wrapping_mul(K)
}

/// The slot of a hash in a table of `1 << bits` slots: the top bits, which the multiplication
/// mixes best.
#[inline]
pub(crate) fn psl_slot(hash: u32, bits: u32) -> usize {
    (hash >> (32 - bits)) as usize
}
