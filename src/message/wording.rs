//! Wording: a small linear model of how scam messages are worded, a second opinion beside the
//! cue rules.
//!
//! The cue rules ([`super::classify`]) name a scam when several hand-written cues agree, and
//! they generalise only as far as their authors foresaw: on blind sets written after the rules
//! they caught three scams in four. A logistic regression over the words a message uses, and
//! the pairs of words next to each other, catches much of the rest — the same scam worded by a
//! different hand still leans on "remittance", "kindly", "release the goods" and the like. It is
//! trained offline (`scripts/train-wording.py`, on the labelled corpus's dev and
//! retired rows only, never the holdout) with an L1 penalty, so a few hundred word features
//! carry all of it, and those are data: `data/lexicon/wording.tsv`, readable and reviewable.
//!
//! It only ever raises a caution, never a danger: a model cannot say which words prove a scam
//! the way a rule can, and a seller must not see "danger" on the word of a model alone. It is
//! asked only where a rule leans (see `check` in the parent module), whose category it names.
//! Its reason quotes the message's strongest scam-leaning words.
//!
//! Tokens are what [`tokens`] cuts the normalised text into: runs of letters and digits, each
//! run of digits read as one `0` (order numbers and amounts carry no wording), and every Han,
//! kana and Hangul character a token of its own (those scripts put no spaces between words;
//! characters and their pairs are the usual features for them).

/// The file the model is read from, and its compiled form (`build.rs`, `compile_wording`),
/// packed with the rest of the lexicon.
const WORDING: crate::packed::File = crate::packed::File("data/lexicon/wording.tsv", crate::packed::WORDING);

// A feature is found by the hash of its text (`wording_hash.rs`, shared with `build.rs`).
use super::wording_hash::{FNV_OFFSET, fnv};
/// The filter's size in 64-bit words (2,048 bits: a few hundred features set about one in eight).
const FILTER_WORDS: usize = 32;
/// Tokens quoted on each side of the strongest feature.
const CONTEXT: usize = 3;

/// The wording model as the engine holds it.
#[derive(Clone, Debug)]
pub struct Wording {
    bias: f32,
    /// The score at and above which the model speaks: the logit of the file's threshold.
    cut: f32,
    /// Each feature's hash and weight, in the order of the hashes.
    features: Vec<(u64, f32)>,
    /// One bit per hash's low bits, set for each feature: most of a message's words and pairs
    /// are no feature, and one bit test turns most of them away before a search.
    filter: [u64; FILTER_WORDS],
}

/// What the model makes of a message it finds scam-like.
#[derive(Clone, Debug, PartialEq)]
pub struct Opinion {
    /// The score (a logit: 0 is even odds).
    pub score: f32,
    /// Byte range, in the normalised text, of the feature that leaned most to scam and a few
    /// words on each side.
    pub evidence: (usize, usize),
}

/// A token of the normalised text: its byte range there and the form the model knows it by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    /// The token's text, or `"0"` for a run that holds a digit.
    pub form: &'a str,
}

/// Characters written without spaces between words, each a token of its own.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF)
}

/// Cuts a normalised text into the model's tokens, in order, as it goes: a hostile 256 KB
/// message would be ~100,000 tokens, and a list of them a few MB of linear memory that a
/// WebAssembly module never gives back.
pub fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let &(i, c) = chars.peek()?;
            chars.next();
            if is_unspaced(c) {
                return Some(Token { start: i, end: i + c.len_utf8(), form: &text[i..i + c.len_utf8()] });
            }
            if is_word(c) {
                break i;
            }
        };
        let mut digit = text[start..].starts_with(|c: char| c.is_ascii_digit());
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word(c) {
                end = i;
                break;
            }
            digit |= c.is_ascii_digit();
            chars.next();
        }
        Some(Token { start, end, form: if digit { "0" } else { &text[start..end] } })
    })
}

/// A letter or digit of a spaced script: part of a run.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric() && !is_unspaced(c))
}

fn filter_slot(h: u64) -> usize {
    (h as usize >> 6) % FILTER_WORDS
}

fn filter_bit(h: u64) -> u64 {
    1 << (h & 63)
}

impl Wording {
    /// The model compiled into the binary.
    pub fn embedded() -> Result<Wording, super::LexiconError> {
        let (file, bytes) = WORDING.get();
        Wording::read(bytes).ok_or(super::LexiconError::Malformed { file, why: "the compiled model is cut short or out of order".into() })
    }

    /// Reads the compiled form; `None` when it is cut short or out of order.
    fn read(bytes: &[u8]) -> Option<Wording> {
        let f32_at = |at: usize| Some(f32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
        let (bias, cut) = (f32_at(0)?, f32_at(4)?);
        let mut features = Vec::new();
        let mut at = 8;
        while at < bytes.len() {
            let weight = i16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?);
            let len = usize::from(*bytes.get(at + 2)?);
            let text = bytes.get(at + 3..at + 3 + len)?;
            features.push((fnv(FNV_OFFSET, text), f32::from(weight) / 1000.0));
            at += 3 + len;
        }
        // The build wrote them in hash order; a search needs that, so anything else is refused.
        let mut filter = [0u64; FILTER_WORDS];
        for &(h, _) in &features {
            filter[filter_slot(h)] |= filter_bit(h);
        }
        features.windows(2).all(|w| w[0].0 < w[1].0).then_some(Wording { bias, cut, features, filter })
    }

    /// The model's opinion of a normalised text when it reads as a scam, else `None`.
    pub fn judge(&self, text: &str) -> Option<Opinion> {
        // Each feature counts once however often it occurs; the first occurrence is quoted.
        let mut seen = vec![false; self.features.len()];
        // The strongest feature, as the token indices it spans.
        let (mut sum, mut best) = (0.0f32, None::<(f32, usize, usize)>);
        let mut hit = |h: u64, first: usize, last: usize| {
            if self.filter[filter_slot(h)] & filter_bit(h) == 0 {
                return;
            }
            let Ok(i) = self.features.binary_search_by_key(&h, |f| f.0) else { return };
            if std::mem::replace(&mut seen[i], true) {
                return;
            }
            let w = self.features[i].1;
            sum += w;
            if w > best.map_or(0.0, |b| b.0) {
                best = Some((w, first, last));
            }
        };
        let (mut count, mut prev) = (0, None);
        for (i, t) in tokens(text).enumerate() {
            let h = fnv(FNV_OFFSET, t.form.as_bytes());
            hit(h, i, i);
            if let Some(p) = prev {
                hit(fnv(fnv(p, b" "), t.form.as_bytes()), i - 1, i);
            }
            prev = Some(h);
            count = i + 1;
        }
        // A feature's value is 1/sqrt(2 * tokens), as in training: a long genuine thread does
        // not add up to a scam by its length alone.
        let score = self.bias + sum / ((2 * count).max(1) as f32).sqrt();
        let (_, first, last) = best?;
        if score < self.cut {
            return None;
        }
        // One word is no evidence a seller can judge: the quote is the words around it (found
        // by cutting the text again, up to there, rather than keeping every token).
        let from = first.saturating_sub(CONTEXT);
        let (mut start, mut end) = (0, 0);
        for (i, t) in tokens(text).enumerate().skip(from).take(last + CONTEXT + 1 - from) {
            if i == from {
                start = t.start;
            }
            end = t.end;
        }
        Some(Opinion { score, evidence: (start, end) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<&str> {
        tokens(text).map(|t| t.form).collect()
    }

    #[test]
    fn tokens_are_words_digit_runs_and_single_han_characters() {
        assert_eq!(forms("kindly pay 300usd to wallet-x9 now"), ["kindly", "pay", "0", "to", "wallet", "0", "now"]);
        assert_eq!(forms("请把货款付到新账号"), ["请", "把", "货", "款", "付", "到", "新", "账", "号"]);
        assert_eq!(forms("usdt钱包 ok"), ["usdt", "钱", "包", "ok"]);
        assert_eq!(forms(""), Vec::<&str>::new());
        assert_eq!(forms(" ,.; "), Vec::<&str>::new());
        let t: Vec<Token> = tokens("pay 你好").collect();
        assert_eq!((t[1].start, t[1].end), (4, 7));
        assert_eq!(forms("2026年 a1b 9"), ["0", "年", "0", "0"]);
    }

    #[test]
    fn the_embedded_model_reads_and_has_features_both_ways() {
        let m = Wording::embedded().unwrap();
        assert!(m.features.len() > 50, "{} features", m.features.len());
        assert!(m.features.iter().any(|f| f.1 > 0.0) && m.features.iter().any(|f| f.1 < 0.0));
        assert!(m.features.windows(2).all(|w| w[0].0 < w[1].0), "two features share a hash");
        assert!(m.cut > 0.0, "the threshold is above even odds");
    }

    #[test]
    fn a_truncated_model_is_refused() {
        let (_, bytes) = WORDING.get();
        assert!(Wording::read(&bytes[..5]).is_none());
        assert!(Wording::read(&bytes[..bytes.len() - 1]).is_none());
        assert!(Wording::read(&bytes[..8]).is_some_and(|m| m.features.is_empty()));
    }

    #[test]
    fn a_hand_made_model_scores_features_once_and_quotes_the_strongest() {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&(-1.0f32).to_le_bytes());
        bytes.extend_from_slice(&0.0f32.to_le_bytes());
        let mut list = [(4000i16, "wire transfer"), (1000, "kindly"), (-3000, "sample")];
        list.sort_by_key(|(_, f)| fnv(FNV_OFFSET, f.as_bytes()));
        // Out of hash order, the same model is refused.
        let refused = {
            let mut b = bytes.clone();
            for (w, f) in list.iter().rev() {
                b.extend_from_slice(&w.to_le_bytes());
                b.push(f.len() as u8);
                b.extend_from_slice(f.as_bytes());
            }
            b
        };
        assert!(Wording::read(&refused).is_none());
        for (w, f) in list {
            bytes.extend_from_slice(&w.to_le_bytes());
            bytes.push(f.len() as u8);
            bytes.extend_from_slice(f.as_bytes());
        }
        let m = Wording::read(&bytes).unwrap();
        // 4 tokens: (4 + 1) / sqrt(8) - 1 = 0.77.
        let o = m.judge("kindly check wire transfer").unwrap();
        assert!((o.score - 0.768).abs() < 0.01, "{}", o.score);
        assert_eq!(o.evidence, (0, 26));
        let long = "one two kindly check the wire transfer now or later";
        let around = m.judge(long).unwrap_or_else(|| panic!("{long}"));
        assert_eq!(&long[around.evidence.0..around.evidence.1], "kindly check the wire transfer now or later");
        // The same features again add nothing; more tokens dilute them.
        let twice = m.judge("kindly check wire transfer kindly check wire transfer").unwrap();
        assert!(twice.score < o.score);
        assert!(m.judge("kindly send the sample").is_none());
        assert!(m.judge("").is_none());
    }
}
