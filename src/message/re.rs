//! The lexicons' regexes (amounts, deadlines, file names), searched with DFAs compiled by
//! `build.rs`.
//!
//! Engine start used to compile these patterns with `regex-automata`'s meta engine: most of the
//! ~200 ms the engine took to start in the browser's service worker, and ~350 KB of regex
//! compiler in a WebAssembly module whose budget is 1 MB. Now `build.rs` compiles each group's
//! patterns (joined, in data order) into one anchored, leftmost-first DFA and stores each
//! state's transitions as changes to a similar state's; this module expands them into a dense
//! table ([`Dfa`]) and walks it, one lookup per byte. There is no regex code in the module at all.
//!
//! Unanchored DFAs are not an option: the lazy gaps between keyword lists
//! (`(?:\w+ ){0,3}?`) make them blow up to megabytes. Anchored DFAs are small, but trying one at
//! every byte made a message ~3x slower. So each DFA is tried only where it can start a match:
//! for every look-behind class (start of text, word byte, other byte, ...) and every byte, the
//! groups whose start state survives that byte, and for every pair of bytes, the groups a
//! match can start with, are worked out once from the DFAs ([`Scanner::new`]). Nearly every
//! pattern starts at a word boundary, a digit or a currency sign, and the few that do not
//! (`(?:usd|eur|…)`, `(?:^|[^\d])1[3-9]…`) rarely survive two bytes, so most bytes of a message
//! fall through two table lookups, and all groups share that one pass ([`Scanner::scan`]).
//! Each group's matches are still its own leftmost-first, non-overlapping matches in order,
//! exactly those `find_iter` of the meta engine reported: the tests below hold the DFAs to that
//! engine, compiled from the same text, on the message corpus and on generated input.

use super::re_syntax::{LOOK_BEHIND_CLASSES, look_behind_class};

/// One DFA `build.rs` compiled: where it lies in the blob, and which pattern it was made from (so
/// the lexicon can check it is the pattern its data files now join).
#[derive(Clone, Copy, Debug)]
pub struct Compiled {
    /// The group's name, or what the pattern is for.
    pub name: &'static str,
    /// [`re_syntax::source_hash`] of the joined pattern as written in the data files (before the
    /// ASCII class translation). The lexicon checks its own join against it; the patterns
    /// themselves, ~9 KB, stay out of the module.
    pub source_hash: u64,
    /// The pattern itself, for the tests' oracle.
    #[cfg(test)]
    pub source: &'static str,
    at: usize,
    len: usize,
}

impl Compiled {
    /// True when `pattern` is the joined pattern this DFA was compiled from.
    pub fn compiled_from(&self, pattern: &str) -> bool {
        self.source_hash == super::re_syntax::source_hash(pattern)
    }
}

include!(concat!(env!("OUT_DIR"), "/lexicon_regex.rs"));

/// Why a compiled DFA could not be used: only a build whose `build.rs` does not match this
/// code can cause it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReError {
    #[error("the DFA of {name} is malformed: {why}")]
    Malformed { name: &'static str, why: &'static str },
}


/// One anchored DFA, expanded: state 0 is dead, states from `match_from` on are match states
/// (entered one byte after a match ends), and `table[state * classes + class[byte]]` is the
/// next state.
#[derive(Clone, Debug)]
pub struct Dfa {
    class: [u8; 256],
    classes: usize,
    starts: [u16; LOOK_BEHIND_CLASSES],
    match_from: u16,
    /// Which states match at the end of the text.
    eoi: Vec<bool>,
    table: Vec<u16>,
    /// For each class of a match's second byte, the third bytes that can follow it (a 256-bit
    /// set; all of them after a second byte that ends a match): see [`Dfa::may_start`].
    thirds: Vec<[u64; 4]>,
}

/// Several DFAs searched in one pass over a text (one DFA is a [`Scanner`] too).
#[derive(Clone, Debug)]
pub struct Scanner {
    dfas: Vec<Dfa>,
    /// Which DFAs can start a match on a byte after a look-behind class, as a bit set of
    /// `words` words: `first[((c * 256) + byte) * words + w]`.
    first: Vec<u64>,
    /// Which DFAs can have a match start with two given bytes (from any look-behind), in the
    /// same form: `pairs[(first * 257 + second) * words + w]`; second byte 256 stands for the
    /// end of the text, after which every DFA is tried.
    pairs: Vec<u64>,
    words: usize,
}

/// One regex with a capture group around a file name, found without capture machinery (see
/// [`FileNames::names`]).
#[derive(Clone, Debug)]
pub struct FileNames(Scanner);

impl Compiled {
    /// Looks up a lexicon group's DFA by name.
    pub fn group(name: &str) -> Option<&'static Compiled> {
        GROUPS.iter().find(|c| c.name == name)
    }

    fn dfa(&self) -> Result<Dfa, ReError> {
        let bytes = DFAS.bytes().get(self.at..self.at + self.len).unwrap_or(&[]);
        Dfa::decode(bytes).map_err(|why| ReError::Malformed { name: self.name, why })
    }
}

/// `look_behind_class` of every byte, for the scan loop.
const CLASS_OF: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = look_behind_class(Some(b as u8)) as u8;
        b += 1;
    }
    t
};

impl Dfa {
    /// Reads the encoding `build.rs`'s `encode_table` writes (described there), checking every
    /// number so a malformed blob is an error, not an out-of-bounds state later.
    fn decode(bytes: &[u8]) -> Result<Dfa, &'static str> {
        let mut at = 0;
        let u16_at = |at: &mut usize| -> Result<u16, &'static str> {
            let v = bytes.get(*at..*at + 2).ok_or("truncated")?;
            *at += 2;
            Ok(u16::from_le_bytes([v[0], v[1]]))
        };
        let states = usize::from(u16_at(&mut at)?);
        let match_from = u16_at(&mut at)?;
        let classes = usize::from(u16_at(&mut at)?);
        if states == 0 || usize::from(match_from) > states || classes == 0 || classes > 257 {
            return Err("bad header");
        }
        let mut class = [0u8; 256];
        class.copy_from_slice(bytes.get(at..at + 256).ok_or("truncated")?);
        at += 256;
        if class.iter().any(|&c| usize::from(c) >= classes) {
            return Err("byte class out of range");
        }
        let mut starts = [0u16; LOOK_BEHIND_CLASSES];
        for s in &mut starts {
            *s = u16_at(&mut at)?;
            if usize::from(*s) >= states {
                return Err("start state out of range");
            }
        }
        let eoi_bytes = bytes.get(at..at + states.div_ceil(8)).ok_or("truncated")?;
        let eoi = (0..states).map(|i| eoi_bytes[i / 8] & (1 << (i % 8)) != 0).collect();
        at += states.div_ceil(8);
        let ops_len = bytes.get(at..at + 4).ok_or("truncated")?;
        let ops_len = u32::from_le_bytes([ops_len[0], ops_len[1], ops_len[2], ops_len[3]]) as usize;
        at += 4;
        // The three streams: a reference per row, the rows' operations, their targets' bytes.
        let backs = bytes.get(at..at + states - 1).ok_or("truncated")?;
        at += states - 1;
        let ops = bytes.get(at..at.saturating_add(ops_len)).ok_or("truncated")?;
        let targets = &bytes[at + ops_len..];
        let (mut o, mut t) = (0, 0);
        let next_of = |bytes: &[u8], at: &mut usize| -> Result<u8, &'static str> {
            let b = *bytes.get(*at).ok_or("truncated")?;
            *at += 1;
            Ok(b)
        };
        // Row 0, the dead state's, is all 0 and not stored; every other row is copied from an
        // earlier one and patched.
        let mut table: Vec<u16> = Vec::with_capacity(states * classes);
        table.resize(classes, 0);
        for (s, &back) in (1..states).zip(backs) {
            let reference = match back {
                0 => 0,
                _ => s.checked_sub(usize::from(back)).filter(|&r| r > 0).ok_or("reference row out of range")?,
            };
            let row = s * classes;
            table.extend_from_within(reference * classes..reference * classes + classes);
            let mut c = 0;
            while c < classes {
                let op = next_of(ops, &mut o)?;
                let n = if op & 0x80 == 0 { usize::from(op) } else { usize::from(op >> 3 & 0xf) + 1 };
                if n == 0 || c + n > classes {
                    return Err("bad row operation");
                }
                if op & 0x80 != 0 {
                    let lo = next_of(targets, &mut t)?;
                    let hi = if op & 7 == 7 { next_of(targets, &mut t)? } else { op & 7 };
                    // 0 is the dead state, else 1 + the zigzag of the distance from this state.
                    let next = match usize::from(u16::from_le_bytes([lo, hi])) {
                        0 => Some(0),
                        code if code % 2 == 1 => s.checked_add((code - 1) / 2),
                        code => s.checked_sub(code / 2),
                    };
                    let next = next.filter(|&n| n < states).ok_or("transition out of range")?;
                    table[row + c..row + c + n].fill(next as u16);
                }
                c += n;
            }
        }
        if o != ops.len() || t != targets.len() {
            return Err("rows do not end with the DFA");
        }
        Ok(Dfa { class, classes, starts, match_from, eoi, table, thirds: Vec::new() })
    }

    /// The byte classes that keep `state` alive (into a live or a match state), as a bit set
    /// (at most 257 classes).
    fn live_classes(&self, state: u16) -> [u64; 5] {
        let row = &self.table[usize::from(state) * self.classes..][..self.classes];
        let mut set = [0u64; 5];
        for (c, &next) in row.iter().enumerate() {
            if next != 0 {
                set[c / 64] |= 1 << (c % 64);
            }
        }
        set
    }

    /// The bytes that keep `state` alive (into a live or a match state), as a 256-bit set.
    fn live_bytes(&self, state: u16) -> [u64; 4] {
        let row = &self.table[usize::from(state) * self.classes..][..self.classes];
        let mut set = [0u64; 4];
        for b in 0..256 {
            if row[usize::from(self.class[b])] != 0 {
                set[b / 64] |= 1 << (b % 64);
            }
        }
        set
    }

    /// Whether a match can start at `at` as far as its third byte says: the scan's first-byte
    /// and pair tables have admitted the first two, and most runs they admit die on the third
    /// (a word's first two letters fit `\b[a-z]{2}\d{2}`, then a letter comes). A run that
    /// dies there records nothing (see [`Dfa::run`]), so skipping it changes no answer.
    #[inline(always)]
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        match (bytes.get(at + 1), bytes.get(at + 2)) {
            (Some(&b1), Some(&b2)) => self.thirds[usize::from(self.class[usize::from(b1)])][usize::from(b2 >> 6)] >> (b2 & 63) & 1 != 0,
            _ => true,
        }
    }

    #[inline(always)]
    fn next(&self, state: u16, b: u8) -> u16 {
        self.table[usize::from(state) * self.classes + usize::from(self.class[usize::from(b)])]
    }

    /// The leftmost-first match starting at `at` after a look-behind of class `lb`: its end.
    /// Matches are reported one byte late, so a match state entered on byte `i` means a match
    /// ending at `i`; `build.rs` rejects DFAs that can match empty text.
    ///
    /// A run still alive [`UNTRACED`] bytes in goes on recording what it learns in
    /// `traces[g]`, and stops early where an earlier run recorded the same state: runs are
    /// short on real text, and only long ones can make a text's runs cost its length squared.
    #[inline]
    fn run(&self, bytes: &[u8], at: usize, lb: usize, traces: &mut Vec<Trace>, g: usize) -> Option<usize> {
        let mut state = self.starts[lb];
        let mut end = None;
        let untraced = bytes.len().min(at + UNTRACED);
        for (j, &b) in bytes[at..untraced].iter().enumerate() {
            state = self.next(state, b);
            if state >= self.match_from {
                end = Some(at + j);
            } else if state == 0 {
                return end;
            }
        }
        if untraced == bytes.len() {
            return if self.eoi[usize::from(state)] { Some(bytes.len()) } else { end };
        }
        if bytes.len() >= NO_END as usize {
            // Too long to record ends in a u32 (never so for a capped message): walk on.
            for (i, &b) in bytes.iter().enumerate().skip(untraced) {
                state = self.next(state, b);
                if state >= self.match_from {
                    end = Some(i);
                } else if state == 0 {
                    return end;
                }
            }
            return if self.eoi[usize::from(state)] { Some(bytes.len()) } else { end };
        }
        if traces.len() <= g {
            traces.resize_with(g + 1, Trace::default);
        }
        let trace = &mut traces[g];
        trace.start(untraced);
        let mut i = untraced;
        let mut tail = None;
        while i < bytes.len() {
            state = self.next(state, bytes[i]);
            if let Some(known) = trace.at(i, state) {
                // Same byte, same state: the rest of the run is the recorded one's.
                tail = Some(known);
                break;
            }
            trace.record(i, state);
            if state >= self.match_from {
                end = Some(i);
            } else if state == 0 {
                break;
            }
            i += 1;
        }
        // The bytes this run recorded: up to the one it died on, or to the end of the text, or
        // up to the one where it met a recorded run.
        let recorded = match tail {
            Some(known) => {
                end = known.or(end);
                i
            }
            None if i == bytes.len() => {
                if self.eoi[usize::from(state)] {
                    end = Some(bytes.len());
                }
                i
            }
            None => i + 1,
        };
        trace.answer(untraced, recorded, end);
        end
    }
}

/// Bytes a run reads before it starts to record them (see [`Dfa::run`]).
const UNTRACED: usize = 16;

/// The [`Trace`]s of one text's scan. A batch of messages hands the buffers of one message's
/// scan on to the next (`SPARE_TRACES`), emptied: grown from nothing for every message, with
/// their copies, they were ~3% of an inbox batch.
struct Traces(Vec<Trace>);

/// Positions a trace may keep in its buffers between scans (a hostile message's longer ones
/// are freed, not kept for the rest of the worker's life).
const SPARE_TRACE: usize = 4096;

thread_local! {
    static SPARE_TRACES: std::cell::Cell<Vec<Trace>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Traces {
    fn new() -> Traces {
        let mut list = SPARE_TRACES.try_with(std::cell::Cell::take).unwrap_or_default();
        for t in &mut list {
            // An empty trace records afresh from the first run that reaches it.
            t.states.clear();
            t.ends.clear();
        }
        Traces(list)
    }
}

impl Drop for Traces {
    fn drop(&mut self) {
        let mut list = std::mem::take(&mut self.0);
        for t in &mut list {
            if t.states.capacity() > SPARE_TRACE {
                *t = Trace::default();
            }
        }
        // A scan inside a scan (none today) would find the spare taken; the later drop's wins.
        let _ = SPARE_TRACES.try_with(|spare| spare.set(list));
    }
}

/// What the runs of one DFA over one text learned, by position: the state a run was in after
/// each byte, and the match end its run found at or after that byte. A run's future depends
/// only on its position and state, so a later run that reaches a recorded (position, state)
/// stops there and takes the recorded answer. Without this, a pattern like `\b\d[\d,.]*…`
/// tried at every digit of `1.1.1.1…` reads the rest of the text from each (quadratic time on
/// a hostile message); with it, each run stops a few bytes into what the one before recorded.
///
/// Only the stretch of text the current chain of overlapping runs covers is kept, at most
/// [`TRACE_LIMIT`] positions, so memory stays small whatever the text.
#[derive(Clone, Debug, Default)]
struct Trace {
    /// The position `states[0]` and `ends[0]` are about.
    base: usize,
    /// The state after each byte (runs walk byte by byte, so the stretch has no gaps).
    states: Vec<u16>,
    /// The end of the match the run through that byte found at or after it ([`NO_END`]: none).
    ends: Vec<u32>,
}

/// Positions a [`Trace`] keeps (at most 192 KB per DFA, and only for runs that go that far:
/// on hostile text, a run walks on unrecorded past them, once per half of this).
const TRACE_LIMIT: usize = 1 << 15;

/// No match in [`Trace::ends`].
const NO_END: u32 = u32::MAX;

impl Trace {
    /// Makes room for a run starting at `at`: runs start in increasing order, so what lies
    /// before `at` is dropped, and a run past everything recorded starts afresh.
    fn start(&mut self, at: usize) {
        if at < self.base || at >= self.base + self.states.len() {
            self.base = at;
            self.states.clear();
            self.ends.clear();
        } else if at - self.base >= TRACE_LIMIT / 2 {
            let drop = at - self.base;
            self.states.drain(..drop);
            self.ends.drain(..drop);
            self.base = at;
        }
    }

    /// The recorded answer of a run in `state` after byte `i`, if one was there.
    #[inline(always)]
    fn at(&self, i: usize, state: u16) -> Option<Option<usize>> {
        let k = i.wrapping_sub(self.base);
        (k < self.states.len() && self.states[k] == state).then(|| Some(self.ends[k] as usize).filter(|_| self.ends[k] != NO_END))
    }

    #[inline(always)]
    fn record(&mut self, i: usize, state: u16) {
        let k = i - self.base;
        if k < self.states.len() {
            self.states[k] = state;
        } else if k < TRACE_LIMIT {
            // Runs walk byte by byte from inside the recorded stretch, so this is its next.
            self.states.push(state);
            self.ends.push(NO_END);
        }
    }

    /// Records the answer of the run from `at` for the bytes `at..to` it recorded: for each,
    /// the run's match end if it lies at or after that byte (the run keeps its latest match,
    /// and a match ending before a byte is no part of that byte's future).
    fn answer(&mut self, at: usize, to: usize, end: Option<usize>) {
        let to = to.min(self.base + self.states.len());
        for i in at..to {
            self.ends[i - self.base] = end.filter(|&e| e >= i).map_or(NO_END, |e| e as u32);
        }
    }
}

impl Scanner {
    /// Reads the DFAs and works out, from their start states, where each can start a match.
    pub fn new(compiled: &[&Compiled]) -> Result<Scanner, ReError> {
        let mut dfas = compiled.iter().map(|c| c.dfa()).collect::<Result<Vec<_>, _>>()?;
        let words = dfas.len().div_ceil(64).max(1);
        let mut first = vec![0u64; LOOK_BEHIND_CLASSES * 256 * words];
        let mut pairs = vec![0u64; 256 * 257 * words];
        for (g, dfa) in dfas.iter_mut().enumerate() {
            let (w, bit) = (g / 64, 1u64 << (g % 64));
            // For each state one byte into a match, the bytes that keep it alive (as a bit set,
            // worked out once per state: few distinct states follow a start).
            let mut live_after: Vec<Option<[u64; 4]>> = vec![None; dfa.eoi.len()];
            for b0 in 0..=255u8 {
                let mut seconds = [0u64; 4];
                for (lb, &start) in dfa.starts.iter().enumerate() {
                    let next = dfa.next(start, b0);
                    if next == 0 {
                        continue;
                    }
                    first[(lb * 256 + usize::from(b0)) * words + w] |= bit;
                    let live = live_after[usize::from(next)].get_or_insert_with(|| dfa.live_bytes(next));
                    for (s, l) in seconds.iter_mut().zip(live.iter()) {
                        *s |= l;
                    }
                }
                if seconds == [0; 4] && (0..LOOK_BEHIND_CLASSES).all(|lb| first[(lb * 256 + usize::from(b0)) * words + w] & bit == 0) {
                    continue;
                }
                let base = usize::from(b0) * 257;
                for (i, mut word) in seconds.into_iter().enumerate() {
                    while word != 0 {
                        let b1 = i * 64 + word.trailing_zeros() as usize;
                        word &= word - 1;
                        pairs[(base + b1) * words + w] |= bit;
                    }
                }
                pairs[(base + 256) * words + w] |= bit;
            }
            // The states one byte in are those `live_after` was worked out for; from each, every
            // second byte and the third bytes that can follow it, worked out in the DFA's byte
            // classes (the bytes of a class lead to the same state), then made bytes.
            let mut classes_after = vec![[0u64; 5]; dfa.classes];
            let mut live_then: Vec<Option<[u64; 5]>> = vec![None; dfa.eoi.len()];
            for (s1, _) in live_after.iter().enumerate().skip(1).filter(|(_, l)| l.is_some()) {
                for (c, acc) in classes_after.iter_mut().enumerate() {
                    let s2 = dfa.table[s1 * dfa.classes + c];
                    // A match after two bytes is found whatever the third is.
                    let live = match s2 {
                        0 => continue,
                        s2 if s2 >= dfa.match_from => [u64::MAX; 5],
                        s2 => *live_then[usize::from(s2)].get_or_insert_with(|| dfa.live_classes(s2)),
                    };
                    for (a, l) in acc.iter_mut().zip(live) {
                        *a |= l;
                    }
                }
            }
            let mut bytes_of = vec![[0u64; 4]; dfa.classes];
            for b in 0..256 {
                bytes_of[usize::from(dfa.class[b])][b / 64] |= 1 << (b % 64);
            }
            dfa.thirds = vec![[0u64; 4]; dfa.classes];
            for (c, set) in classes_after.iter().enumerate() {
                for (w, &word) in set.iter().enumerate() {
                    let mut word = word;
                    while word != 0 {
                        let of = bytes_of.get(w * 64 + word.trailing_zeros() as usize).copied().unwrap_or_default();
                        word &= word - 1;
                        for (t, o) in dfa.thirds[c].iter_mut().zip(of) {
                            *t |= o;
                        }
                    }
                }
            }
        }
        Ok(Scanner { dfas, first, pairs, words })
    }

    pub fn len(&self) -> usize {
        self.dfas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dfas.is_empty()
    }

    /// Every DFA's non-overlapping, leftmost-first matches in `haystack`, in one pass: calls
    /// `found(g, start, end)` for each match of DFA `g`, in order of position, for at most
    /// `limits[g]` matches of each (a limit of 0 skips the DFA). The pass ends when every DFA
    /// has reached its limit.
    // The word index `w` picks the same word of three bit sets, one of them changed in the loop.
    #[allow(clippy::needless_range_loop)]
    pub fn scan(&self, haystack: &str, limits: &mut [usize], mut found: impl FnMut(usize, usize, usize)) {
        if self.words == 1 {
            return self.scan_one_word(haystack.as_bytes(), limits, found);
        }
        let n = self.dfas.len();
        let words = self.words;
        let mut active = [0u64; 4];
        let mut active_big;
        let active: &mut [u64] = if words <= 4 {
            &mut active[..words]
        } else {
            active_big = vec![0u64; words];
            &mut active_big
        };
        let mut left = 0;
        for (g, &limit) in limits.iter().enumerate().take(n) {
            if limit > 0 {
                active[g / 64] |= 1 << (g % 64);
                left += 1;
            }
        }
        // Where each DFA may next start: after its last match (matches do not overlap).
        let mut next_start = vec![0usize; n];
        let mut traces = Traces::new();
        let bytes = haystack.as_bytes();
        let mut class = look_behind_class(None);
        let mut at = 0;
        while left > 0 && at < bytes.len() {
            let b = bytes[at];
            let row = (class * 256 + b as usize) * words;
            for w in 0..words {
                // The first-byte table is small and usually says no; the pair table is large
                // (cache misses), so it is read only when the first byte says yes.
                let mut bits = self.first[row + w] & active[w];
                if bits != 0 {
                    let pair = usize::from(b) * 257 + bytes.get(at + 1).map_or(256, |&b| usize::from(b));
                    bits &= self.pairs[pair * words + w];
                }
                while bits != 0 {
                    let g = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if at < next_start[g] {
                        continue;
                    }
                    let Some(end) = self.dfas[g].run(bytes, at, class, &mut traces.0, g) else { continue };
                    next_start[g] = end;
                    found(g, at, end);
                    limits[g] -= 1;
                    if limits[g] == 0 {
                        active[w] &= !(1 << (g % 64));
                        left -= 1;
                    }
                }
            }
            class = usize::from(CLASS_OF[usize::from(b)]);
            at += 1;
        }
    }

    /// [`Scanner::scan`] for at most 64 DFAs (the lexicon has 19), whose bit sets are one word:
    /// this loop runs at every byte of a message, and with one word it is a few instructions
    /// per byte, where the general loop pays for its loop over words and their bounds checks.
    fn scan_one_word(&self, bytes: &[u8], limits: &mut [usize], mut found: impl FnMut(usize, usize, usize)) {
        let n = self.dfas.len();
        debug_assert!(self.words == 1 && n <= 64);
        let mut active = 0u64;
        for (g, &limit) in limits.iter().enumerate().take(n) {
            if limit > 0 {
                active |= 1 << g;
            }
        }
        let mut next_start = [0usize; 64];
        let mut traces = Traces::new();
        let mut class = look_behind_class(None);
        for (at, &b) in bytes.iter().enumerate() {
            if active == 0 {
                break;
            }
            let lb = class;
            class = usize::from(CLASS_OF[usize::from(b)]);
            let mut bits = self.first[lb * 256 + usize::from(b)] & active;
            if bits == 0 {
                continue;
            }
            let pair = usize::from(b) * 257 + bytes.get(at + 1).map_or(256, |&b| usize::from(b));
            bits &= self.pairs[pair];
            while bits != 0 {
                let g = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if at < next_start[g] || !self.dfas[g].may_start(bytes, at) {
                    continue;
                }
                let Some(end) = self.dfas[g].run(bytes, at, lb, &mut traces.0, g) else { continue };
                next_start[g] = end;
                found(g, at, end);
                limits[g] -= 1;
                if limits[g] == 0 {
                    active &= !(1 << g);
                }
            }
        }
    }

    /// The first match of DFA `g` alone that starts at or after `from` (a char boundary), with
    /// what earlier searches of the same text recorded in `traces`.
    fn find_at(&self, g: usize, haystack: &str, from: usize, traces: &mut Vec<Trace>) -> Option<(usize, usize)> {
        let bytes = haystack.as_bytes();
        let (w, bit) = (g / 64, 1u64 << (g % 64));
        let mut class = look_behind_class(from.checked_sub(1).map(|i| bytes[i]));
        for (at, &b) in bytes.iter().enumerate().skip(from) {
            let pair = usize::from(b) * 257 + bytes.get(at + 1).map_or(256, |&b| usize::from(b));
            if self.first[(class * 256 + b as usize) * self.words + w] & self.pairs[pair * self.words + w] & bit != 0 {
                if let Some(end) = self.dfas[g].run(bytes, at, class, traces, g) {
                    return Some((at, end));
                }
            }
            class = usize::from(CLASS_OF[usize::from(b)]);
        }
        None
    }

    /// The matches of DFA `g` alone, as byte ranges, in order.
    pub fn find_iter<'h>(&'h self, g: usize, haystack: &'h str) -> impl Iterator<Item = (usize, usize)> + 'h {
        let mut from = 0;
        let mut traces = Vec::new();
        std::iter::from_fn(move || {
            let (s, e) = self.find_at(g, haystack, from, &mut traces)?;
            from = e;
            Some((s, e))
        })
    }

    /// Whether DFA `g` matches anywhere in `haystack`.
    pub fn is_match(&self, g: usize, haystack: &str) -> bool {
        self.find_at(g, haystack, 0, &mut Vec::new()).is_some()
    }
}

impl FileNames {
    /// The file-name pattern `compiled` (made by `re_syntax::filename_pattern`).
    pub fn new(compiled: &Compiled) -> Result<FileNames, ReError> {
        Scanner::new(&[compiled]).map(FileNames)
    }

    /// The file names (capture group 1) of the matches, in order.
    ///
    /// The pattern is `(?:^|[^\w.@])(NAME)(?:$|[^\w/.]|\.(?:\s|$))` where NAME starts with one of
    /// `[\w()\[\]]` and ends with an ASCII letter or digit, so the group's edges follow from the
    /// match's: it ends after the match's last word character (nothing after NAME is one), and
    /// it starts where the match does when the match starts the text with a NAME character
    /// (leftmost-first prefers `^` then, and when `^` cannot lead to a match from 0 neither can
    /// the other branch from 1, as NAME would take the first character too), else one
    /// character later. The tests check this against the meta engine's captures.
    pub fn names<'h>(&'h self, haystack: &'h str) -> impl Iterator<Item = (usize, usize)> + 'h {
        let word = |c: char| !c.is_ascii() || c.is_ascii_alphanumeric() || c == '_';
        self.0.find_iter(0, haystack).map(move |(s, e)| {
            let text = &haystack[s..e];
            let starts_name = s == 0 && text.chars().next().is_some_and(|c| word(c) || matches!(c, '(' | ')' | '[' | ']'));
            let gs = if starts_name { s } else { s + text.chars().next().map_or(0, char::len_utf8) };
            let ge = text.char_indices().rfind(|&(_, c)| word(c)).map_or(e, |(i, c)| s + i + c.len_utf8());
            (gs, ge.max(gs))
        })
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.0.is_match(0, haystack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::re_syntax::{ascii_classes, escape};
    use proptest::prelude::*;
    use regex_automata::meta;
    use regex_automata::nfa::thompson::WhichCaptures;

    /// The engine the lexicon used before the DFAs, configured as it was: the oracle.
    fn oracle(source: &str, captures: bool) -> meta::Regex {
        let which = if captures { WhichCaptures::All } else { WhichCaptures::Implicit };
        meta::Regex::builder()
            .configure(meta::Regex::config().match_kind(regex_automata::MatchKind::LeftmostFirst).auto_prefilter(false).which_captures(which))
            .build(&ascii_classes(source))
            .unwrap_or_else(|e| panic!("{source}: {e}"))
    }

    /// Every group's DFA in one scanner, and each group's oracle; built once for all tests.
    fn all_groups() -> &'static (Scanner, Vec<meta::Regex>) {
        static ALL: std::sync::LazyLock<(Scanner, Vec<meta::Regex>)> = std::sync::LazyLock::new(|| {
            let compiled: Vec<&Compiled> = GROUPS.iter().collect();
            let oracles = GROUPS.iter().map(|c| oracle(c.source, false)).collect();
            (Scanner::new(&compiled).unwrap(), oracles)
        });
        &ALL
    }

    /// Every group's matches from the one shared pass, against the meta engine's `find_iter`.
    fn assert_same(scanner: &Scanner, oracles: &[meta::Regex], text: &str) {
        let mut limits = vec![usize::MAX; scanner.len()];
        let mut got = vec![Vec::new(); scanner.len()];
        scanner.scan(text, &mut limits, |g, s, e| got[g].push((s, e)));
        for (g, re) in oracles.iter().enumerate() {
            let want: Vec<(usize, usize)> = re.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(got[g], want, "group {} on {text:?}", GROUPS[g].name);
        }
    }

    fn assert_same_names(text: &str) {
        for c in [&RISKY_FILENAME, &ARCHIVE_FILENAME] {
            let names = FileNames::new(c).unwrap();
            let re = oracle(c.source, true);
            let want: Vec<(usize, usize)> =
                re.captures_iter(text).map(|caps| caps.get_group(1).map(|s| (s.start, s.end)).expect("group 1 always takes part")).collect();
            assert_eq!(names.names(text).collect::<Vec<_>>(), want, "{} on {text:?}", c.name);
        }
    }

    fn corpus() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/messages");
        let mut out = Vec::new();
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(text) = std::fs::read_to_string(&p) {
                    out.push(text);
                }
            }
        }
        assert!(out.len() > 100, "the message corpus is where it should be");
        out
    }

    #[test]
    fn the_dfas_find_what_the_meta_engine_finds_on_every_corpus_message() {
        let (scanner, oracles) = all_groups();
        let registry = crate::registry::Registry::embedded().unwrap();
        let lex = crate::message::Lexicon::embedded(&registry).unwrap();
        for raw in corpus() {
            // The lexicon runs on normalised text; the raw text is a harder test still.
            let norm = lex.normalize(&raw).text;
            for text in [norm.as_str(), raw.as_str()] {
                assert_same(scanner, oracles, text);
                assert_same_names(text);
            }
        }
    }

    #[test]
    fn the_dfas_agree_on_edges_and_hostile_shapes() {
        let (scanner, oracles) = all_groups();
        let cases = [
            "",
            "1",
            "usd",
            "we have paid the money",
            "within 24 hours\nwithin 3 days\r\n48h",
            "pay usd 150 now or us$ 2000, 300 元, 50.5 usdt, ¥300, 300¥",
            "+86 138 0013 8000 13800138000x13800138000",
            "@abc @ab id: wxid_1234 微信号:abcd1234",
            "a.exe (b).exe [c].scr x@y.exe ./d.js e.html. f.html.\tg.htm",
            "订单查看器.exe 1.exe.zip invoice.pdf.exe",
            "é1 usd é 24 hours_24 hours",
            "the payment will take 3 to 5 business days to reach your account",
        ];
        for text in cases {
            assert_same(scanner, oracles, text);
            assert_same_names(text);
        }
        // Long runs, and runs that overlap at every byte (what the trace of earlier runs is for).
        let long = "we have already paid ".repeat(2000) + &"1".repeat(5000) + " usd";
        for text in [long, "1.".repeat(5000), "1.".repeat(20_000) + "1 pcs", "1.".repeat(3000) + "1 pcs", "(".repeat(5000) + "a.exe", "usd1,".repeat(3000), "(".repeat(3000) + " 1.1"] {
            assert_same(scanner, oracles, &text);
            assert_same_names(&text);
        }
    }

    /// A scan takes over the traces of the scan before it (`SPARE_TRACES`): what that one
    /// recorded (here: from this state at this byte, a match ends at the " pcs") must not
    /// answer for the same positions of the next text, where no match follows.
    #[test]
    fn a_scan_after_another_starts_with_empty_traces() {
        let (scanner, oracles) = all_groups();
        for _ in 0..2 {
            assert_same(scanner, oracles, &("1.".repeat(100) + "1 pcs"));
            assert_same(scanner, oracles, &("1.".repeat(100) + "1 xyz"));
            assert_same(scanner, oracles, &("1.".repeat(40)));
        }
    }

    /// Past 64 groups the bit sets take more than one word and `scan` takes its general loop:
    /// the lexicon's groups four times over must each find what the one-word loop finds, with
    /// and without limits.
    #[test]
    fn the_general_loop_agrees_with_the_one_word_loop() {
        let (one, _) = all_groups();
        let compiled: Vec<&Compiled> = GROUPS.iter().cycle().take(GROUPS.len() * 4).collect();
        let many = Scanner::new(&compiled).unwrap();
        assert!(one.words == 1 && many.words > 1, "{} and {} words", one.words, many.words);
        let mut texts = corpus();
        texts.extend(["1.".repeat(3000) + "1 pcs", "usd1,".repeat(3000), "within 24 hours, pay usd 150 now".into()]);
        for text in &texts {
            for limit in [usize::MAX, 1] {
                let scan = |scanner: &Scanner| {
                    let mut limits = vec![limit; scanner.len()];
                    let mut got = vec![Vec::new(); scanner.len()];
                    scanner.scan(text, &mut limits, |g, s, e| got[g].push((s, e)));
                    got
                };
                let (want, got) = (scan(one), scan(&many));
                for (g, matches) in got.iter().enumerate() {
                    assert_eq!(matches, &want[g % one.len()], "group {} (copy {}) on {text:?}", GROUPS[g % one.len()].name, g / one.len());
                }
            }
        }
    }

    #[test]
    fn a_cut_or_corrupt_dfa_is_an_error_not_a_panic() {
        let c = GROUPS.iter().max_by_key(|c| c.len).unwrap();
        let bytes = &DFAS.bytes()[c.at..c.at + c.len];
        assert!(Dfa::decode(bytes).is_ok());
        for cut in (0..bytes.len()).step_by(7) {
            assert!(Dfa::decode(&bytes[..cut]).is_err(), "{} cut at {cut}", c.name);
        }
        // The first row's reference before the first state.
        let states = usize::from(u16::from_le_bytes([bytes[0], bytes[1]]));
        let mut bad = bytes.to_vec();
        bad[6 + 256 + 2 * LOOK_BEHIND_CLASSES + states.div_ceil(8) + 4] = 1;
        assert!(Dfa::decode(&bad).is_err());
    }

    #[test]
    fn limits_stop_each_group_and_skip_others() {
        let money = GROUPS.iter().position(|c| c.name == "money").expect("a money group");
        let (scanner, _) = all_groups();
        let mut limits = vec![0; scanner.len()];
        limits[money] = 2;
        let mut got = Vec::new();
        scanner.scan("usd 1; usd 2; usd 3 within 24 hours", &mut limits, |g, s, e| got.push((g, s, e)));
        assert_eq!(got, vec![(money, 0, 5), (money, 7, 12)]);
    }

    #[test]
    fn file_names_are_found_but_domains_are_not() {
        let risky = FileNames::new(&RISKY_FILENAME).unwrap();
        assert!(risky.is_match("please open invoice.pdf.exe now"));
        assert!(!risky.is_match("visit alibaba.com today"));
        assert_eq!(risky.names("open (1)invoice.pdf.exe. now").collect::<Vec<_>>(), vec![(5, 23)]);
        let source = format!("^{}$", escape("a.b"));
        assert_eq!(source, r"^a\.b$");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Text made of the pieces the patterns are made of, in any order and number.
        #[test]
        fn the_dfas_agree_on_generated_text(parts in proptest::collection::vec(prop_oneof![
            Just(" "), Just("\n"), Just("."), Just(","), Just("$"), Just("@"), Just("%"), Just("("), Just(")"), Just("/"),
            Just("1"), Just("24"), Just("13800138000"), Just("+86"), Just("usd"), Just("us$"), Just("元"), Just("小时"),
            Just("内"), Just("within"), Just("hours"), Just("days"), Just("we"), Just("have"), Just("paid"), Just("the"),
            Just("payment"), Just("to"), Just("reach"), Just("a"), Just("exe"), Just("zip"), Just("pdf"), Just("é"),
            Just("订单"), Just("wx"), Just(":"), Just("pcs"), Just("fob"), Just("%"), Just("daily"), Just("gb82"), Just("west"),
            Just("_"), Just("\t"), Just("\r"), Just("bank"), Just("details"), Just("have been"), Just("changed"),
        ], 0..40)) {
            let text: String = parts.concat();
            let (scanner, oracles) = all_groups();
            assert_same(scanner, oracles, &text);
            assert_same_names(&text);
        }

        /// Any text at all.
        #[test]
        fn the_dfas_agree_on_any_text(text in "\\PC{0,200}") {
            let (scanner, oracles) = all_groups();
            assert_same(scanner, oracles, &text);
            assert_same_names(&text);
        }
    }
}
