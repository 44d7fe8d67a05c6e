//! A tiny deterministic random number generator for tests that break or glue inputs at random
//! (the JSON reader's broken inputs, the hand-written matchers held to `aho-corasick`): the same
//! sequence on every run and machine, so a failure names an input that can be made again.

/// Marsaglia's xorshift64 from `seed` (non-zero): each call gives a number below `n`.
pub(crate) fn below(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}
