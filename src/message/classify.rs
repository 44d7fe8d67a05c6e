//! Categories from cues: the counted rules of `data/lexicon/rules.toml` applied to a hit table.
//!
//! A single scary word proves nothing — genuine platform notices say "payment", "verify" and
//! "suspended" too — so a category is named only when several *independent* cues agree (a
//! payment pretext, a request to log in, and a link to do it with), like SpamAssassin's meta
//! rules. Real buyers leave evidence too: quantities, specifications, a destination, a company;
//! rules for the mild categories are vetoed by enough of it. Each named category becomes one
//! headline `lure` reason whose span is the decisive words, plus zero-weight `lure` reasons
//! pointing at the other cues so the seller sees all the evidence highlighted.

use super::Category;
use super::lexicon::{CategoryRule, Cue, Lexicon};
use super::scan::{Hit, Hits};
use crate::reason::{Code, Findings, Reason, Severity, text};

/// Longest quote of evidence put in a reason message.
const QUOTE_CHARS: usize = 80;

/// Weight of a near miss: a danger rule whose required cues all hit, one cue short.
const NEAR_MISS_WEIGHT: u8 = 20;

/// What one rule makes of the hits.
enum Outcome {
    /// The category is named.
    Named(Vec<Reason>),
    /// A danger category's required cues are all there but one more cue is missing: not named,
    /// but worth a caution (the scam we have not seen yet is worded a little differently).
    NearMiss(Reason),
}

/// Names the categories the hits add up to, and pushes their reasons and the signal reasons.
pub fn classify(lex: &Lexicon, text: &str, hits: &Hits, f: &mut Findings) -> Vec<Category> {
    let mut out = Vec::new();
    let mut near: Vec<(Category, Reason)> = Vec::new();
    for rule in &lex.categories {
        // A category may have several rules (shapes of one scam); the first that fires speaks.
        if out.contains(&rule.category) {
            continue;
        }
        match evaluate(rule, text, hits) {
            Some(Outcome::Named(reasons)) => {
                out.push(rule.category);
                for r in reasons {
                    f.push(r);
                }
            }
            Some(Outcome::NearMiss(r)) if !near.iter().any(|(c, _)| *c == rule.category) => {
                near.push((rule.category, r));
            }
            _ => {}
        }
    }
    // One near miss is enough to say "careful"; a named category says more.
    if out.is_empty() {
        if let Some((_, r)) = near.into_iter().next() {
            f.push(r);
        }
    }
    for s in &lex.signals {
        let Some(hit) = hits.get(s.group).iter().find(|h| h.span.is_some()) else { continue };
        let (a, b) = hit.span.expect("filtered above");
        let q = quote(text, a, b);
        f.push(Reason::new(s.code, s.severity, s.weight, text!(s.message, ": “", q, "”")).param("evidence", q).span(a, b));
    }
    sort_few(&mut out);
    out
}

/// Categories the wording model never names. A file's danger is in the file (its type, an
/// archive, a macro), which words cannot tell: "please kindly check the attached PO" is what
/// every buyer writes, and a model trained on scam wording leans on it.
const NOT_FROM_WORDING: &[Category] = &[Category::MaliciousAttachment];

/// The category of the rule that found the most cues, if it found at least `min`, among the
/// rules nothing blocked or vetoed, of a category the model may name (the first such rule on a
/// tie): where the message leans in the rules' own terms, named or not. A category one of whose
/// rules was blocked is settled by that fact ("the fee will be deducted from the payment"),
/// whatever its other rules found.
pub fn leaning(lex: &Lexicon, hits: &Hits, min: usize) -> Option<Category> {
    let settled: Vec<Category> = lex.categories.iter().filter(|r| blocked(r, hits)).map(|r| r.category).collect();
    let mut most = (min.saturating_sub(1), None);
    for rule in &lex.categories {
        if settled.contains(&rule.category) || NOT_FROM_WORDING.contains(&rule.category) || vetoed(rule, hits) {
            continue;
        }
        let n = cues_hit(rule, hits);
        if n > most.0 {
            most = (n, Some(rule.category));
        }
    }
    most.1
}

/// A hit of one of the rule's `block` groups: a fact that settles it.
fn blocked(rule: &CategoryRule, hits: &Hits) -> bool {
    rule.block.iter().any(|g| hits.has(*g))
}

/// `veto_at` or more of the rule's `veto` groups hit: a real buyer's evidence.
fn vetoed(rule: &CategoryRule, hits: &Hits) -> bool {
    rule.veto_at > 0 && rule.veto.iter().filter(|g| hits.has(**g)).count() >= rule.veto_at
}

/// How many of the rule's distinct cues hit.
fn cues_hit(rule: &CategoryRule, hits: &Hits) -> usize {
    rule.cues.iter().filter(|c| c.groups.iter().any(|g| hits.has(*g))).count()
}

/// Sorts a list a handful long (a message's categories) by insertion: the standard stable
/// sort was ~4 KB of the WebAssembly module for this one element type.
fn sort_few<T: Ord>(list: &mut [T]) {
    for i in 1..list.len() {
        let mut j = i;
        while j > 0 && list[j - 1] > list[j] {
            list.swap(j - 1, j);
            j -= 1;
        }
    }
}

fn evaluate<'a>(rule: &'a CategoryRule, text: &str, hits: &'a Hits) -> Option<Outcome> {
    if blocked(rule, hits) || vetoed(rule, hits) {
        return None;
    }
    // Most rules meet nothing in most messages: decide that from the hits alone, and gather
    // the cues' hits (a list per rule and message) only for a rule that speaks.
    let hit_of = |c: &'a Cue| -> Option<&'a Hit> {
        let mut any = None;
        for g in &c.groups {
            let list = hits.get(*g);
            // Prefer a hit the seller can see highlighted.
            if let Some(h) = list.iter().find(|h| h.span.is_some()).or(list.first()) {
                if any.is_none_or(|a: &Hit| a.span.is_none() && h.span.is_some()) {
                    any = Some(h);
                }
            }
        }
        any
    };
    let has = |c: &Cue| c.groups.iter().any(|g| hits.has(*g));
    let sufficient = rule.sufficient.iter().find_map(|g| hits.get(*g).first());
    let count = cues_hit(rule, hits);
    let required = rule.require.iter().all(|set| set.iter().any(|&i| has(&rule.cues[i])));
    let met = count >= rule.need && required;
    let near = required && rule.severity == Severity::Danger && rule.need >= 3 && count + 1 == rule.need;
    if sufficient.is_none() && !met && !near {
        return None;
    }
    let cue_hit: Vec<Option<&Hit>> = rule.cues.iter().map(hit_of).collect();
    if sufficient.is_none() && !met {
        return near_miss(rule, text, &cue_hit);
    }
    // The headline is the decisive evidence: what made it sufficient, else the first required
    // cue that hit, else the first cue.
    let headline_idx = rule.require.first().and_then(|set| set.iter().copied().find(|&i| cue_hit[i].is_some_and(|h| h.span.is_some())));
    let headline = sufficient
        .copied()
        .or_else(|| headline_idx.and_then(|i| cue_hit[i].copied()))
        .or_else(|| cue_hit.iter().flatten().find(|h| h.span.is_some()).map(|h| **h))
        .or_else(|| cue_hit.iter().flatten().next().map(|h| **h));
    let name = rule.category.as_str();
    let mut reasons = Vec::new();
    let r = match headline.and_then(|h| h.span) {
        Some((a, b)) => {
            let q = quote(text, a, b);
            Reason::new(Code::Lure, rule.severity, rule.weight, text!(rule.message, ": “", q, "”")).param("evidence", q).span(a, b)
        }
        None => Reason::new(Code::Lure, rule.severity, rule.weight, rule.message.as_str()),
    };
    reasons.push(r.param("category", name).param("cues", cue_names(rule, &cue_hit)));
    let headline_span = headline.and_then(|h| h.span);
    for (cue, hit) in rule.cues.iter().zip(&cue_hit) {
        let Some((a, b)) = hit.and_then(|h| h.span) else { continue };
        if Some((a, b)) == headline_span {
            continue;
        }
        let q = quote(text, a, b);
        // "{cue} ({category}): “{q}”", the names' underscores as spaces, in one allocation.
        let mut message = String::with_capacity(cue.name.len() + name.len() + q.len() + 12);
        for part in [cue.name.as_str(), " (", name, "): “"] {
            for (i, piece) in part.split('_').enumerate() {
                if i > 0 {
                    message.push(' ');
                }
                message.push_str(piece);
            }
        }
        message.push_str(&q);
        message.push('”');
        reasons.push(
            Reason::new(Code::Lure, Severity::Info, 0, message)
                .param("category", name)
                .param("cue", cue.name.as_str())
                .param("evidence", q)
                .span(a, b),
        );
    }
    Some(Outcome::Named(reasons))
}

fn near_miss(rule: &CategoryRule, text: &str, cue_hit: &[Option<&Hit>]) -> Option<Outcome> {
    let name = rule.category.as_str();
    let hit = rule.require.first().and_then(|set| set.iter().find_map(|&i| cue_hit[i].filter(|h| h.span.is_some())))?;
    let (a, b) = hit.span?;
    let q = quote(text, a, b);
    Some(Outcome::NearMiss(
        Reason::new(Code::Lure, Severity::Caution, NEAR_MISS_WEIGHT, text!("partly reads like ", rule.message, ": “", q, "”"))
            .param("category", name)
            .param("cues", cue_names(rule, cue_hit))
            .param("partial", "true")
            .param("evidence", q)
            .span(a, b),
    ))
}

/// The names of the rule's cues that hit, joined with commas.
fn cue_names(rule: &CategoryRule, cue_hit: &[Option<&Hit>]) -> String {
    let mut names = String::new();
    for (cue, _) in rule.cues.iter().zip(cue_hit).filter(|(_, h)| h.is_some()) {
        if !names.is_empty() {
            names.push(',');
        }
        names.push_str(&cue.name);
    }
    names
}

/// The original words, whitespace collapsed, cut at a character boundary.
pub(super) fn quote(text: &str, a: usize, b: usize) -> String {
    let raw = text.get(a..b).unwrap_or("");
    let mut q = String::with_capacity(raw.len().min(QUOTE_CHARS * 4) + '…'.len_utf8());
    let mut chars = 0;
    for word in raw.split_whitespace() {
        if chars > 0 {
            if chars == QUOTE_CHARS {
                q.push('…');
                return q;
            }
            q.push(' ');
            chars += 1;
        }
        for c in word.chars() {
            if chars == QUOTE_CHARS {
                q.push('…');
                return q;
            }
            q.push(c);
            chars += 1;
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_few_sorts_as_the_standard_sort() {
        // Every list of up to six values from three, repeats included.
        for len in 0..=6u32 {
            for code in 0..3u32.pow(len) {
                let list: Vec<u32> = (0..len).map(|i| code / 3u32.pow(i) % 3).collect();
                let (mut got, mut want) = (list.clone(), list.clone());
                sort_few(&mut got);
                want.sort();
                assert_eq!(got, want, "{list:?}");
            }
        }
    }

    #[test]
    fn quotes_are_collapsed_and_cut() {
        assert_eq!(quote("a  b\n c", 0, 7), "a b c");
        let long = "x".repeat(200);
        assert_eq!(quote(&long, 0, 200).chars().count(), QUOTE_CHARS + 1);
        assert_eq!(quote("abc", 5, 9), "");
    }

    /// The quote written in one pass says what collapsing, joining and cutting said.
    #[test]
    fn quotes_match_collapse_join_and_cut() {
        fn by_steps(text: &str) -> String {
            let mut q: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if q.chars().count() > QUOTE_CHARS {
                q = q.chars().take(QUOTE_CHARS).collect::<String>() + "…";
            }
            q
        }
        let mut below = crate::xorshift::below(7);
        let alphabet = ['a', 'é', '付', ' ', ' ', '\n', '\t', '\u{3000}'];
        for _ in 0..2000 {
            let len = below(200);
            let text: String = (0..len).map(|_| alphabet[below(alphabet.len())]).collect();
            assert_eq!(quote(&text, 0, text.len()), by_steps(&text), "{text:?}");
        }
        for n in [79, 80, 81] {
            let text = format!("{} tail", "x".repeat(n));
            assert_eq!(quote(&text, 0, text.len()), by_steps(&text));
        }
    }
}
