//! An LZMA decoder for the data `build.rs` compressed (see [`crate::packed`]).
//!
//! It reads the `.lzma` ("LZMA alone") format liblzma writes and follows the reference decoder
//! of the LZMA SDK's specification (`LzmaSpec.cpp`, public domain) step for step, with one
//! simplification: the whole output stays in memory, so the output is the dictionary and a
//! match is a copy from earlier in it. Written here rather than taken from `lzma-rs`, because
//! that crate decodes through `std::io` streams into a circular dictionary, generic over both:
//! in the module it was ~24 KB of code (~9 KB gzipped), which ate nearly all of the ~10 KB
//! gzipped that compressing the lexicon saves. This is one function of ~6 KB in the module.
//!
//! Input is trusted (the module's own data) but still checked: a truncated or corrupt stream
//! is an [`LzmaError`], never a panic or an out-of-bounds read.

/// Why a stream could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LzmaError {
    #[error("the LZMA header is malformed")]
    Header,
    #[error("the LZMA stream is corrupt")]
    Corrupt,
    #[error("the LZMA stream ends early")]
    Truncated,
    #[error("the LZMA stream holds {found} bytes, not {expected}")]
    Size { expected: usize, found: usize },
}

/// Probabilities are 11-bit numbers; a new model starts at one half.
const PROB_INIT: u16 = 1 << 10;
const STATES: usize = 12;
const POS_STATES_MAX: usize = 1 << 4;
/// Distances below this (slot 14) are coded with their own bit models; above, direct bits.
const END_POS_MODEL_INDEX: u32 = 14;
const FULL_DISTANCES: usize = 1 << (END_POS_MODEL_INDEX >> 1);
const ALIGN_BITS: u32 = 4;
const LEN_TO_POS_STATES: usize = 4;
const MATCH_MIN_LEN: usize = 2;

/// The range decoder: the arithmetic-coded bits of the stream. Its steps, and the models'
/// decoders built on them, are `#[inline(always)]`, so the whole decoder is one loop whose state lives in
/// locals: V8 runs the one long call in its baseline tier, which inlines nothing (the lexicon's
/// stream took 6.9 ms there as calls, 4.6 ms inlined, +211 B gzipped).
struct RangeDecoder<'a> {
    input: &'a [u8],
    at: usize,
    range: u32,
    code: u32,
}

/// The lengths of matches (or of repeated matches: a second set of models).
struct LenDecoder {
    choice: u16,
    choice2: u16,
    low: [[u16; 1 << 3]; POS_STATES_MAX],
    mid: [[u16; 1 << 3]; POS_STATES_MAX],
    high: [u16; 1 << 8],
}

/// Every adaptive model of a stream.
struct Models {
    literal: Vec<u16>,
    pos_slot: [[u16; 1 << 6]; LEN_TO_POS_STATES],
    pos: [u16; 1 + FULL_DISTANCES - END_POS_MODEL_INDEX as usize],
    align: [u16; 1 << ALIGN_BITS],
    is_match: [u16; STATES << 4],
    is_rep: [u16; STATES],
    is_rep_g0: [u16; STATES],
    is_rep_g1: [u16; STATES],
    is_rep_g2: [u16; STATES],
    is_rep0_long: [u16; STATES << 4],
    len: LenDecoder,
    rep_len: LenDecoder,
}

impl<'a> RangeDecoder<'a> {
    fn new(input: &'a [u8]) -> Result<RangeDecoder<'a>, LzmaError> {
        let mut rc = RangeDecoder { input, at: 0, range: u32::MAX, code: 0 };
        let first = rc.byte();
        for _ in 0..4 {
            rc.code = rc.code << 8 | u32::from(rc.byte());
        }
        if first != 0 || rc.code == rc.range {
            return Err(LzmaError::Corrupt);
        }
        Ok(rc)
    }

    /// The next input byte; past the end, zeros (and [`RangeDecoder::overrun`] says so).
    #[inline(always)]
    fn byte(&mut self) -> u8 {
        let b = self.input.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn overrun(&self) -> bool {
        self.at > self.input.len()
    }

    #[inline(always)]
    fn normalize(&mut self) {
        if self.range < 1 << 24 {
            self.range <<= 8;
            self.code = self.code << 8 | u32::from(self.byte());
        }
    }

    /// One bit coded with the adaptive model `prob`, which learns from it.
    #[inline(always)]
    fn bit(&mut self, prob: &mut u16) -> usize {
        let bound = (self.range >> 11) * u32::from(*prob);
        let bit = if self.code < bound {
            *prob += ((1 << 11) - *prob) >> 5;
            self.range = bound;
            0
        } else {
            *prob -= *prob >> 5;
            self.code -= bound;
            self.range -= bound;
            1
        };
        self.normalize();
        bit
    }

    /// `count` bits coded at even odds.
    #[inline(always)]
    fn direct(&mut self, count: u32) -> u32 {
        let mut value = 0u32;
        for _ in 0..count {
            self.range >>= 1;
            self.code = self.code.wrapping_sub(self.range);
            let t = 0u32.wrapping_sub(self.code >> 31);
            self.code = self.code.wrapping_add(self.range & t);
            self.normalize();
            value = (value << 1).wrapping_add(t.wrapping_add(1));
        }
        value
    }

    /// A `bits`-bit number, high bit first, through the tree of models `probs` (index 1 up).
    #[inline(always)]
    fn tree(&mut self, probs: &mut [u16], bits: u32) -> usize {
        let mut m = 1;
        for _ in 0..bits {
            m = (m << 1) + self.bit(&mut probs[m]);
        }
        m - (1 << bits)
    }

    /// A `bits`-bit number, low bit first, through the tree of models `probs` (index 1 up).
    #[inline(always)]
    fn reverse(&mut self, probs: &mut [u16], bits: u32) -> u32 {
        let (mut m, mut value) = (1, 0);
        for i in 0..bits {
            let bit = self.bit(&mut probs[m]);
            m = (m << 1) + bit;
            value |= (bit as u32) << i;
        }
        value
    }
}

impl LenDecoder {
    fn new() -> LenDecoder {
        LenDecoder {
            choice: PROB_INIT,
            choice2: PROB_INIT,
            low: [[PROB_INIT; 8]; POS_STATES_MAX],
            mid: [[PROB_INIT; 8]; POS_STATES_MAX],
            high: [PROB_INIT; 256],
        }
    }

    /// A match length less [`MATCH_MIN_LEN`]: 0..=271.
    #[inline(always)]
    fn decode(&mut self, rc: &mut RangeDecoder, pos_state: usize) -> usize {
        if rc.bit(&mut self.choice) == 0 {
            rc.tree(&mut self.low[pos_state], 3)
        } else if rc.bit(&mut self.choice2) == 0 {
            8 + rc.tree(&mut self.mid[pos_state], 3)
        } else {
            16 + rc.tree(&mut self.high, 8)
        }
    }
}

impl Models {
    fn new(lc: u32, lp: u32) -> Models {
        Models {
            literal: vec![PROB_INIT; 0x300 << (lc + lp)],
            pos_slot: [[PROB_INIT; 64]; LEN_TO_POS_STATES],
            pos: [PROB_INIT; 1 + FULL_DISTANCES - END_POS_MODEL_INDEX as usize],
            align: [PROB_INIT; 1 << ALIGN_BITS],
            is_match: [PROB_INIT; STATES << 4],
            is_rep: [PROB_INIT; STATES],
            is_rep_g0: [PROB_INIT; STATES],
            is_rep_g1: [PROB_INIT; STATES],
            is_rep_g2: [PROB_INIT; STATES],
            is_rep0_long: [PROB_INIT; STATES << 4],
            len: LenDecoder::new(),
            rep_len: LenDecoder::new(),
        }
    }

    /// A match's distance less one, given its length less [`MATCH_MIN_LEN`]; `u32::MAX` is
    /// the end marker.
    #[inline(always)]
    fn distance(&mut self, rc: &mut RangeDecoder, len: usize) -> u32 {
        let slot = rc.tree(&mut self.pos_slot[len.min(LEN_TO_POS_STATES - 1)], 6) as u32;
        if slot < 4 {
            return slot;
        }
        let direct = (slot >> 1) - 1;
        let mut dist = (2 | (slot & 1)) << direct;
        if slot < END_POS_MODEL_INDEX {
            // The reference indexes its models from `dist - slot`, one before the tree's root.
            let base = (dist - slot) as usize;
            dist += rc.reverse(&mut self.pos[base..], direct);
        } else {
            dist = dist.wrapping_add(rc.direct(direct - ALIGN_BITS) << ALIGN_BITS);
            dist = dist.wrapping_add(rc.reverse(&mut self.align, ALIGN_BITS));
        }
        dist
    }
}

/// Decodes `packed`, a `.lzma` stream (13-byte header, then the range-coded data), which must
/// hold exactly `len` bytes. An end marker after them is accepted, and so is none.
pub fn decode(packed: &[u8], len: usize) -> Result<Vec<u8>, LzmaError> {
    let header = packed.get(..13).ok_or(LzmaError::Header)?;
    let mut props = u32::from(header[0]);
    if props >= 9 * 5 * 5 {
        return Err(LzmaError::Header);
    }
    let lc = props % 9;
    props /= 9;
    let (lp, pb) = (props % 5, props / 5);
    let declared = u64::from_le_bytes(header[5..13].try_into().map_err(|_| LzmaError::Header)?);
    if declared != u64::MAX && declared != len as u64 {
        return Err(LzmaError::Size { expected: len, found: declared as usize });
    }
    let mut rc = RangeDecoder::new(&packed[13..])?;
    let mut m = Models::new(lc, lp);
    let mut out: Vec<u8> = Vec::with_capacity(len);
    let (lp_mask, pb_mask) = ((1usize << lp) - 1, (1usize << pb) - 1);
    let mut state = 0usize;
    let mut reps = [0u32; 4];
    loop {
        if out.len() == len && rc.code == 0 {
            break;
        }
        if rc.overrun() {
            return Err(LzmaError::Truncated);
        }
        let pos_state = out.len() & pb_mask;
        if rc.bit(&mut m.is_match[(state << 4) + pos_state]) == 0 {
            if out.len() == len {
                return Err(LzmaError::Size { expected: len, found: len + 1 });
            }
            // A literal, coded in the context of the byte before it (and, right after a match,
            // of the byte the match would have continued with).
            let prev = out.last().copied().unwrap_or(0);
            let ctx = ((out.len() & lp_mask) << lc) + (usize::from(prev) >> (8 - lc));
            let probs = &mut m.literal[0x300 * ctx..0x300 * (ctx + 1)];
            let mut symbol = 1usize;
            if state >= 7 {
                let mut matched = usize::from(out[out.len() - reps[0] as usize - 1]);
                while symbol < 0x100 {
                    let match_bit = (matched >> 7) & 1;
                    matched <<= 1;
                    let bit = rc.bit(&mut probs[((1 + match_bit) << 8) + symbol]);
                    symbol = symbol << 1 | bit;
                    if match_bit != bit {
                        break;
                    }
                }
            }
            while symbol < 0x100 {
                symbol = symbol << 1 | rc.bit(&mut probs[symbol]);
            }
            out.push(symbol as u8);
            state = if state < 4 { 0 } else if state < 10 { state - 3 } else { state - 6 };
            continue;
        }
        let len_code;
        if rc.bit(&mut m.is_rep[state]) != 0 {
            if out.is_empty() {
                return Err(LzmaError::Corrupt);
            }
            if rc.bit(&mut m.is_rep_g0[state]) == 0 {
                if rc.bit(&mut m.is_rep0_long[(state << 4) + pos_state]) == 0 {
                    // A "short rep": one byte from the last distance.
                    if out.len() == len {
                        return Err(LzmaError::Size { expected: len, found: len + 1 });
                    }
                    state = if state < 7 { 9 } else { 11 };
                    out.push(out[out.len() - reps[0] as usize - 1]);
                    continue;
                }
            } else {
                let dist;
                if rc.bit(&mut m.is_rep_g1[state]) == 0 {
                    dist = reps[1];
                } else {
                    if rc.bit(&mut m.is_rep_g2[state]) == 0 {
                        dist = reps[2];
                    } else {
                        dist = reps[3];
                        reps[3] = reps[2];
                    }
                    reps[2] = reps[1];
                }
                reps[1] = reps[0];
                reps[0] = dist;
            }
            len_code = m.rep_len.decode(&mut rc, pos_state);
            state = if state < 7 { 8 } else { 11 };
        } else {
            reps = [0, reps[0], reps[1], reps[2]];
            len_code = m.len.decode(&mut rc, pos_state);
            state = if state < 7 { 7 } else { 10 };
            reps[0] = m.distance(&mut rc, len_code);
            if reps[0] == u32::MAX {
                // The end marker.
                if rc.code != 0 || rc.overrun() {
                    return Err(LzmaError::Corrupt);
                }
                break;
            }
            if reps[0] as usize >= out.len() {
                return Err(LzmaError::Corrupt);
            }
        }
        let n = len_code + MATCH_MIN_LEN;
        if out.len() + n > len {
            return Err(LzmaError::Size { expected: len, found: out.len() + n });
        }
        let from = out.len() - reps[0] as usize - 1;
        if from + n <= out.len() {
            out.extend_from_within(from..from + n);
        } else {
            // The match overlaps what it writes (a run): byte by byte.
            for i in from..from + n {
                out.push(out[i]);
            }
        }
    }
    if out.len() != len {
        return Err(LzmaError::Size { expected: len, found: out.len() });
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `data` compressed as `build.rs` compresses (liblzma, `xz --format=lzma -9e`).
    pub(crate) fn packed(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut options = xz2::stream::LzmaOptions::new_preset(9 | 1 << 31).unwrap();
        options.literal_context_bits(2).literal_position_bits(0).position_bits(0);
        let stream = xz2::stream::Stream::new_lzma_encoder(&options).unwrap();
        let mut w = xz2::write::XzEncoder::new_stream(Vec::new(), stream);
        w.write_all(data).unwrap();
        w.finish().unwrap()
    }

    #[test]
    fn decodes_what_liblzma_encodes() {
        let mut below = crate::xorshift::below(7);
        let mut inputs: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"a".to_vec(),
            b"abababababababababababababababababab".to_vec(),
            vec![0; 100_000],
            "the seller's 账户 was changed; the seller's account was changed".repeat(300).into_bytes(),
        ];
        // Random bytes (literals only), and random words (matches at every distance).
        inputs.push((0..20_000).map(|_| below(256) as u8).collect());
        let words = ["login", "verify", "账户", "payment", "\0\0", "x"];
        inputs.push((0..30_000).flat_map(|_| words[below(words.len())].bytes()).collect());
        for input in inputs {
            let packed = packed(&input);
            assert_eq!(decode(&packed, input.len()).as_deref(), Ok(&input[..]), "{} bytes", input.len());
        }
    }

    #[test]
    fn broken_streams_are_errors() {
        let input = "the seller's 账户 was changed; payment ".repeat(200).into_bytes();
        let packed = packed(&input);
        assert_eq!(decode(&packed, input.len() + 1), Err(LzmaError::Size { expected: input.len() + 1, found: input.len() }));
        assert!(decode(&packed, input.len() - 1).is_err());
        assert_eq!(decode(&packed[..12], input.len()), Err(LzmaError::Header));
        let mut bad = packed.clone();
        bad[0] = 225;
        assert_eq!(decode(&bad, input.len()), Err(LzmaError::Header));
        for cut in [13, 14, 20, packed.len() / 2, packed.len() - 6] {
            assert!(decode(&packed[..cut], input.len()).is_err(), "cut at {cut}");
        }
        // Every single flipped byte of the data is an error or different output, never a panic.
        for at in 13..packed.len() {
            let mut bad = packed.clone();
            bad[at] ^= 0xa5;
            assert_ne!(decode(&bad, input.len()).as_deref(), Ok(&input[..]), "flip at {at}");
        }
    }
}
