//! The phrase matcher: where each lexicon phrase occurs in a normalised text.
//!
//! A language's phrases (a few thousand, tens of kilobytes) are matched as whole words: a phrase
//! that starts with a letter or digit can only start where a word starts. So instead of an
//! Aho-Corasick automaton, which reads every byte through failure transitions and took ~4 ms to
//! build for the English lexicon (the larger part of starting an engine), this is a plain trie
//! walked from each place a phrase may start: word starts, and characters that are not letters
//! of a spaced script (Han, punctuation). A walk ends as soon as the text leaves every phrase,
//! after a few bytes, so a text costs about one trie step per byte of its words' beginnings.
//! The trie is built from the sorted phrases in one depth-first pass, children of a node side
//! by side, in well under a millisecond.
//!
//! What it reports is exactly what an overlapping Aho-Corasick search followed by the word
//! boundary check reported, in the same order (by end, longer first, then by pattern), which
//! the unit tests check against the `aho-corasick` crate on the real lexicon.

use super::scan::is_word_char;

/// No node: a missing child in the root table.
const NONE: u32 = u32::MAX;

/// One phrase as the matcher needs it.
#[derive(Clone, Copy, Debug)]
struct Pattern {
    /// A stem (`suspend*`): no word boundary needed after it.
    stem: bool,
    /// Whether its last character is a word character (so a word boundary must follow it).
    ends_in_word: bool,
}

/// A trie node. Its children are the nodes `child..child + children`, numbered side by side
/// when the node was laid out, so their bytes are `labels[child..child + children]` (sorted);
/// the phrases ending here are `outputs[out..out + outs]`.
#[derive(Clone, Copy, Debug)]
struct Node {
    child: u32,
    out: u32,
    /// For a node with more than [`NARROW`] children, where its row of children by byte
    /// starts in `rows`; otherwise [`NONE`].
    row: u32,
    children: u16,
    outs: u8,
    /// The first child's byte: most nodes have one child, found without reading `labels`.
    first: u8,
}

impl Default for Node {
    fn default() -> Node {
        Node { child: 0, out: 0, row: NONE, children: 0, outs: 0, first: 0 }
    }
}

/// Most children a node's bytes are searched one by one for; a wider node (a few dozen of
/// them, near the root) gets a row indexed by byte.
const NARROW: usize = 6;

/// A match: pattern `pattern` at normalised bytes `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    // Field order is the report order: by end, then longer first, then by pattern.
    pub end: u32,
    pub start: u32,
    pub pattern: u32,
}

/// A set of phrases compiled for matching.
#[derive(Clone, Debug)]
pub struct Phrases {
    /// The root's child for each first byte (the root has many; every other node has few).
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// The byte leading into each node (the root's is never read).
    labels: Vec<u8>,
    /// 256 children per wide node, by byte ([`NONE`] for none).
    rows: Vec<u32>,
    outputs: Vec<u32>,
    patterns: Vec<Pattern>,
}

impl Phrases {
    /// Compiles `patterns` (normalised text, stem); a pattern's index is its id in [`Found`].
    /// Empty patterns never match.
    pub fn new<S: AsRef<str>>(patterns: &[(S, bool)]) -> Phrases {
        let bytes: Vec<&[u8]> = patterns.iter().map(|(p, _)| p.as_ref().as_bytes()).collect();
        let info = patterns
            .iter()
            .map(|(p, stem)| Pattern { stem: *stem, ends_in_word: p.as_ref().chars().next_back().is_some_and(is_word_char) })
            .collect();
        // Sorted by bytes (then id), comparing each phrase's first eight bytes as one number
        // first: most comparisons end there, and sorting was the larger part of building.
        let head = |p: &[u8]| {
            let mut k = [0u8; 8];
            let n = p.len().min(8);
            k[..n].copy_from_slice(&p[..n]);
            u64::from_be_bytes(k)
        };
        let order: Vec<(u64, u32)> =
            (0..bytes.len() as u32).filter(|&i| !bytes[i as usize].is_empty()).map(|i| (head(bytes[i as usize]), i)).collect();
        let order = sort_phrases(order, &bytes);

        // One node per distinct prefix, plus the root: in sorted order, each phrase adds the
        // bytes past what it shares with the one before. Counted exactly, the tables are
        // allocated once at their size (an upper bound, one node per byte of the phrases, was
        // nearly twice it: a megabyte touched and then copied to shrink, on every engine).
        let common = |a: &[u8], b: &[u8]| a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let most = 1 + order
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let p = bytes[i as usize];
                p.len() - if k == 0 { 0 } else { common(bytes[order[k - 1] as usize], p) }
            })
            .sum::<usize>();
        let mut nodes = Vec::with_capacity(most);
        nodes.push(Node::default());
        let mut labels = Vec::with_capacity(most);
        labels.push(0);
        let mut t = Phrases {
            root: Box::new([NONE; 256]),
            nodes,
            labels,
            rows: Vec::new(),
            outputs: Vec::with_capacity(patterns.len()),
            patterns: info,
        };
        // Depth first over ranges of the sorted patterns sharing a prefix of length `depth`:
        // those that end there come first, the rest group by their next byte into children.
        // Depth first, a walk along a phrase reads the node table forwards, mostly one node
        // after the other (most nodes have one child).
        let mut stack = vec![(0u32, 0u32, order.len() as u32, 0u32)];
        while let Some((node, lo, hi, depth)) = stack.pop() {
            let (lo, hi, depth) = (lo as usize, hi as usize, depth as usize);
            let mut k = lo;
            let out = t.outputs.len() as u32;
            while k < hi && bytes[order[k] as usize].len() == depth {
                t.outputs.push(order[k]);
                k += 1;
            }
            let child = t.nodes.len() as u32;
            while k < hi {
                let b = bytes[order[k] as usize][depth];
                let mut m = k + 1;
                while m < hi && bytes[order[m] as usize][depth] == b {
                    m += 1;
                }
                let id = t.nodes.len() as u32;
                t.nodes.push(Node::default());
                t.labels.push(b);
                if node == 0 {
                    t.root[b as usize] = id;
                }
                stack.push((id, k as u32, m as u32, depth as u32 + 1));
                k = m;
            }
            let count = t.nodes.len() - child as usize;
            let mut row = NONE;
            if count > NARROW {
                row = t.rows.len() as u32;
                t.rows.resize(t.rows.len() + 256, NONE);
                for id in child..child + count as u32 {
                    t.rows[row as usize + t.labels[id as usize] as usize] = id;
                }
            }
            t.nodes[node as usize] = Node {
                child,
                out,
                row,
                // At most 256 children (one per byte) and a handful of outputs (a phrase twice,
                // as a stem and not): both fit.
                children: count as u16,
                outs: (t.outputs.len() as u32 - out) as u8,
                first: t.labels.get(child as usize).copied().filter(|_| count > 0).unwrap_or(0),
            };
        }
        debug_assert_eq!(t.nodes.len(), most, "the count of distinct prefixes is the trie's size");
        t
    }

    /// How many patterns there are.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    #[inline]
    fn child(&self, n: &Node, b: u8) -> u32 {
        if n.first == b && n.children > 0 {
            return n.child;
        }
        if n.row != NONE {
            return self.rows[n.row as usize + b as usize];
        }
        let (lo, hi) = (n.child as usize + 1, n.child as usize + n.children as usize);
        match self.labels.get(lo..hi).and_then(|l| l.iter().position(|&l| l == b)) {
            Some(i) => (lo + i) as u32,
            None => NONE,
        }
    }

    /// Appends to `found` every occurrence inside `text[from..to]` of every pattern, in report
    /// order. With `word_boundaries`, a pattern that starts (ends) with a word character must
    /// not have one just before (after) it in `text`, unless it is a stem, which may run on.
    /// `from` and `to` must be character boundaries of `text`.
    pub fn find(&self, text: &str, from: usize, to: usize, word_boundaries: bool, found: &mut Vec<Found>) {
        let before = found.len();
        let bytes = text.as_bytes();
        let seg = &text[from..to];
        let mut prev_word = word_boundaries && text[..from].chars().next_back().is_some_and(is_word_char);
        let mut at = 0;
        while at < seg.len() {
            let b = seg.as_bytes()[at];
            let (word, width) = if b.is_ascii() {
                (b.is_ascii_alphanumeric() || b == b'_', 1)
            } else {
                let c = seg[at..].chars().next().unwrap_or(' ');
                (is_word_char(c), c.len_utf8())
            };
            let start = from + at;
            // A phrase starting here starts with this character: a word character inside a
            // word cannot begin one.
            let inside_word = word && prev_word;
            prev_word = word_boundaries && word;
            at += width;
            if inside_word {
                // The rest of an ASCII word is passed over in a loop of its own (most of a
                // text's bytes are inside words).
                while at < seg.len() && matches!(seg.as_bytes()[at], b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_') {
                    at += 1;
                }
                continue;
            }
            let mut node = self.root[b as usize];
            let mut end = start + 1;
            while node != NONE {
                let n = &self.nodes[node as usize];
                if n.outs > 0 {
                    for &p in &self.outputs[n.out as usize..n.out as usize + n.outs as usize] {
                        let pat = self.patterns[p as usize];
                        let runs_on =
                            word_boundaries && !pat.stem && pat.ends_in_word && text[end..].chars().next().is_some_and(is_word_char);
                        if !runs_on {
                            // Into report order by insertion: walks go by start, so a match
                            // moves back only past earlier ones that contain it and end later.
                            // (The standard sort was one more ~5 KB copy of its code.)
                            let m = Found { end: end as u32, start: start as u32, pattern: p };
                            let mut at = found.len();
                            while at > before && found[at - 1] > m {
                                at -= 1;
                            }
                            found.insert(at, m);
                        }
                    }
                }
                if end >= to || n.children == 0 {
                    break;
                }
                node = self.child(n, bytes[end]);
                end += 1;
            }
        }
    }
}

/// `order` (each phrase's first eight bytes as a big-endian number, and its id) put in the
/// order of the phrases' bytes, then of their ids, as ids. A merge sort of its own rather than
/// `sort_unstable_by`: the standard sort's generic code (pattern-defeating quicksort, heapsort,
/// small-sort networks) was ~7 KB of the module for this one call. It merges the runs the
/// phrases come in (each group's are sorted), so it takes fewer passes than a sort that does
/// not look for them, and most comparisons are decided by the numbers.
fn sort_phrases(order: Vec<(u64, u32)>, bytes: &[&[u8]]) -> Vec<u32> {
    // Ids are distinct, so no two entries compare equal and the order is total.
    let before = |x: (u64, u32), y: (u64, u32)| {
        x.0.cmp(&y.0).then_with(|| bytes[x.1 as usize].cmp(bytes[y.1 as usize])).then(x.1.cmp(&y.1)).is_lt()
    };
    let n = order.len();
    // Where each run in order starts.
    let mut runs: Vec<usize> = (0..n).filter(|&i| i == 0 || !before(order[i - 1], order[i])).collect();
    let mut from = order;
    let mut to = vec![(0, 0); n];
    while runs.len() > 1 {
        // Runs two by two into one; an odd last run is copied as it is.
        let mut merged = Vec::with_capacity(runs.len() / 2 + 1);
        for k in (0..runs.len()).step_by(2) {
            let (lo, mid, hi) = (runs[k], runs.get(k + 1).copied().unwrap_or(n), runs.get(k + 2).copied().unwrap_or(n));
            let (mut l, mut r) = (lo, mid);
            for slot in &mut to[lo..hi] {
                // Take from the right run only while it holds the smaller entry.
                if r < hi && (l == mid || before(from[r], from[l])) {
                    *slot = from[r];
                    r += 1;
                } else {
                    *slot = from[l];
                    l += 1;
                }
            }
            merged.push(lo);
        }
        runs = merged;
        std::mem::swap(&mut from, &mut to);
    }
    from.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::lexicon::Lexicon;
    use crate::registry::Registry;
    use aho_corasick::{AhoCorasick, MatchKind};

    impl Phrases {
        /// Every pattern's text, read back out of the trie, by id.
        fn texts(&self) -> Vec<String> {
            let mut out = vec![String::new(); self.patterns.len()];
            let mut stack = vec![(0u32, Vec::new())];
            while let Some((node, prefix)) = stack.pop() {
                let n = &self.nodes[node as usize];
                for &p in &self.outputs[n.out as usize..(n.out + n.outs as u32) as usize] {
                    out[p as usize] = String::from_utf8(prefix.clone()).unwrap();
                }
                for i in n.child as usize..n.child as usize + n.children as usize {
                    let mut next = prefix.clone();
                    next.push(self.labels[i]);
                    stack.push((i as u32, next));
                }
            }
            out
        }
    }

    /// The boundary check the scanner applied to each Aho-Corasick match.
    fn bounded(text: &str, start: usize, end: usize, stem: bool) -> bool {
        let phrase = &text[start..end];
        let first = phrase.chars().next();
        let last = phrase.chars().next_back();
        if first.is_some_and(is_word_char) && text[..start].chars().next_back().is_some_and(is_word_char) {
            return false;
        }
        !(!stem && last.is_some_and(is_word_char) && text[end..].chars().next().is_some_and(is_word_char))
    }

    /// What the overlapping Aho-Corasick search with boundary checks reported.
    fn reference(ac: &AhoCorasick, stems: &[bool], text: &str, from: usize, to: usize, wb: bool) -> Vec<Found> {
        ac.find_overlapping_iter(&text[from..to])
            .map(|m| (m.pattern().as_usize(), from + m.start(), from + m.end()))
            .filter(|&(p, s, e)| !wb || bounded(text, s, e, stems[p]))
            .map(|(p, s, e)| Found { end: e as u32, start: s as u32, pattern: p as u32 })
            .collect()
    }

    fn found(t: &Phrases, text: &str, wb: bool) -> Vec<Found> {
        let mut out = Vec::new();
        t.find(text, 0, text.len(), wb, &mut out);
        out
    }

    #[test]
    fn phrases_sort_as_the_standard_sort_sorts_them() {
        // Phrases that share their first eight bytes and more, that are prefixes of each other,
        // repeat under other ids, or hold bytes above 0x7f and zeros: every tie-break is used.
        let pieces: [&[u8]; 7] = [b"a", b"ab", b"pay ", b"payment ", b"\0", "\u{4ed8}".as_bytes(), b"z"];
        let mut below = crate::xorshift::below(0x50_47_7e);
        for round in 0..300 {
            let n = below(if round % 10 == 0 { 400 } else { 40 });
            let mut phrases: Vec<Vec<u8>> = (0..n).map(|_| (0..1 + below(6)).flat_map(|_| pieces[below(pieces.len())].to_vec()).collect()).collect();
            // As the lexicon gives them, in sorted runs (its groups), one round in three.
            if round % 3 == 1 {
                phrases.chunks_mut(1 + below(50)).for_each(<[Vec<u8>]>::sort);
            }
            let bytes: Vec<&[u8]> = phrases.iter().map(Vec::as_slice).collect();
            let head = |p: &[u8]| {
                let mut k = [0u8; 8];
                k[..p.len().min(8)].copy_from_slice(&p[..p.len().min(8)]);
                u64::from_be_bytes(k)
            };
            let order: Vec<(u64, u32)> = (0..n as u32).map(|i| (head(bytes[i as usize]), i)).collect();
            let mut expected: Vec<u32> = (0..n as u32).collect();
            expected.sort_by(|&a, &b| bytes[a as usize].cmp(bytes[b as usize]).then(a.cmp(&b)));
            assert_eq!(sort_phrases(order, &bytes), expected, "{phrases:?}");
        }
    }

    #[test]
    fn words_bound_latin_phrases_but_not_han_ones() {
        let t = Phrases::new(&[("pay", false), ("suspend", true), ("验证码", false), ("pay now", false)]);
        let ids = |text: &str| found(&t, text, true).iter().map(|f| f.pattern).collect::<Vec<_>>();
        assert_eq!(ids("to pay now"), vec![0, 3]);
        assert!(ids("paypal").is_empty());
        assert_eq!(ids("suspended"), vec![1], "a stem runs on");
        assert!(ids("unsuspended").is_empty(), "but not backwards");
        assert_eq!(ids("请pay"), vec![0], "Han next to Latin is a boundary");
        assert_eq!(ids("发验证码给我"), vec![2]);
        assert_eq!(found(&t, "paypal", false).len(), 1, "without word boundaries a phrase is a substring");
    }

    #[test]
    fn a_phrase_and_its_stem_both_match_in_pattern_order() {
        let t = Phrases::new(&[("log in", true), ("log", false), ("log in", false), ("", false), ("log", true)]);
        let f = found(&t, "please log in now, login", true);
        let got: Vec<(u32, u32, u32)> = f.iter().map(|f| (f.start, f.end, f.pattern)).collect();
        assert_eq!(got, vec![(7, 10, 1), (7, 10, 4), (7, 13, 0), (7, 13, 2), (19, 22, 4)]);
    }

    #[test]
    fn the_trie_has_one_node_per_distinct_prefix_allocated_once() {
        // Prefixes a, ab, abc, abd, b, plus the root; the duplicate and the empty phrase add none.
        let t = Phrases::new(&[("abc", false), ("ab", false), ("b", true), ("abd", false), ("ab", true), ("", false)]);
        assert_eq!(t.nodes.len(), 6);
        assert_eq!((t.nodes.capacity(), t.labels.capacity()), (6, 6));
        assert!(Phrases::new::<&str>(&[]).nodes.len() == 1 && Phrases::new(&[("", false)]).nodes.len() == 1);
        let ids = |text: &str| found(&t, text, true).iter().map(|f| f.pattern).collect::<Vec<_>>();
        // The stem `ab*` runs on into `abd`; the word `ab` does not.
        assert_eq!(ids("abd b ab"), vec![4, 3, 2, 1, 4]);
    }

    /// Texts made of the lexicon's own phrases, cut and joined in every way a message could.
    fn salad(seed: u64, words: &[String]) -> String {
        let mut x = seed | 1;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let glue = [" ", "", ", ", "-", "\n", "x", "请", "。", " 1 ", "ing ", "s "];
        let mut text = String::new();
        for _ in 0..(next() % 60) {
            let w = &words[(next() as usize) % words.len()];
            let cut = (next() as usize) % 4;
            let w: String = if cut == 0 { w.chars().skip(1).collect() } else { w.clone() };
            text.push_str(&w);
            text.push_str(glue[(next() as usize) % glue.len()]);
        }
        text
    }

    #[test]
    fn reports_what_aho_corasick_with_boundary_checks_reported_on_the_real_lexicon() {
        let lex = Lexicon::embedded(&Registry::embedded().unwrap()).unwrap();
        for lang in &lex.languages {
            let texts = lang.phrases.texts();
            let stems: Vec<bool> = lang.patterns.iter().map(|p| p.stem).collect();
            let ac = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&texts).unwrap();
            for seed in 0..400u64 {
                let raw = salad(seed, &texts);
                let text = lex.normalize(&raw).text;
                for wb in [true, false] {
                    let mut got = Vec::new();
                    lang.phrases.find(&text, 0, text.len(), wb, &mut got);
                    assert_eq!(got, reference(&ac, &stems, &text, 0, text.len(), wb), "{} on {text:?}", lang.code);
                }
                // A stretch in the middle: boundaries still look outside it.
                let mid: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
                let (from, to) = (mid[mid.len() / 3], mid[2 * mid.len() / 3]);
                let mut got = Vec::new();
                lang.phrases.find(&text, from, to, true, &mut got);
                assert_eq!(got, reference(&ac, &stems, &text, from, to, true), "{} on {text:?} {from}..{to}", lang.code);
            }
        }
    }
}
