//! Scanning: which cue groups occur in a message, and where.
//!
//! The result is a hit table, one short list per group, filled from four sources: the phrase
//! tries of the languages whose script the message contains (whole words, so `pay` never fires
//! inside `paypal`), each language's few regexes (amounts, deadlines; every group in one pass),
//! brand names, and — added by the
//! caller — structural facts about links, sender and attachments.
//! Negated cues (`we will never ask for your password`) are dropped, then derived groups record
//! where two groups occur close together. Hits keep both the normalised range (for distances)
//! and the original one (for the span the seller sees).

use super::lexicon::{GroupId, Language, Lexicon, MAX_HITS_PER_GROUP};
use super::normalize::Normalized;

/// One occurrence of a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Range in the normalised text; `None` for structural facts that are not words.
    pub norm: Option<(usize, usize)>,
    /// Range in the original text, when there is one to highlight.
    pub span: Option<(usize, usize)>,
    /// The platform a brand hit names (registry index).
    pub platform: Option<usize>,
}

impl Hit {
    /// A fact with no place in the text (an attachment, the sender).
    pub fn fact() -> Hit {
        Hit { norm: None, span: None, platform: None }
    }

    /// A fact with a place in the original text (a link written in it).
    pub fn at(start: usize, end: usize) -> Hit {
        Hit { norm: None, span: Some((start, end)), platform: None }
    }
}

/// Every group's hits for one message.
///
/// A table is a list per group (a few hundred), of which a message fills dozens: a batch of
/// messages reuses the last message's emptied table (`SPARE`) rather than allocating and
/// freeing those lists again for every message.
#[derive(Clone, Debug, Default)]
pub struct Hits {
    groups: Vec<Vec<Hit>>,
    /// Negator hits (start, end) with the window their language gives them.
    negators: Vec<(usize, usize, usize)>,
    /// Where conditional and question words ("if", "unless", "能不能") are.
    conditionals: Vec<(usize, usize)>,
}

thread_local! {
    static SPARE: std::cell::Cell<Option<Hits>> = const { std::cell::Cell::new(None) };
}

impl Hits {
    pub fn new(groups: usize) -> Hits {
        match SPARE.try_with(|s| s.take()).ok().flatten() {
            Some(mut spare) if spare.groups.len() == groups => {
                // Emptied when it was put back; `take` left `None` for a table still in use.
                spare.negators.clear();
                spare.conditionals.clear();
                spare
            }
            _ => Hits { groups: vec![Vec::new(); groups], negators: Vec::new(), conditionals: Vec::new() },
        }
    }

    /// Records a hit; beyond `MAX_HITS_PER_GROUP` further hits of the group are ignored.
    pub fn add(&mut self, group: GroupId, hit: Hit) {
        let list = &mut self.groups[group as usize];
        if list.len() < MAX_HITS_PER_GROUP && !list.contains(&hit) {
            list.push(hit);
        }
    }

    pub fn get(&self, group: GroupId) -> &[Hit] {
        &self.groups[group as usize]
    }

    pub fn has(&self, group: GroupId) -> bool {
        !self.groups[group as usize].is_empty()
    }

    /// Whether the group the lexicon calls `name` has a hit (false for a name no file fills).
    pub fn has_named(&self, lex: &Lexicon, name: &str) -> bool {
        lex.id(name).is_some_and(|g| self.has(g))
    }

    /// Drops every hit of `group`.
    pub fn clear(&mut self, group: GroupId) {
        self.groups[group as usize].clear();
    }
}

impl Drop for Hits {
    fn drop(&mut self) {
        if self.groups.is_empty() {
            return;
        }
        // At the thread's end (the waiting table's own drop) there is nowhere to put it back.
        let _ = SPARE.try_with(|spare| {
            // One table waiting is enough; this one is freed as usual.
            let waiting = spare.take();
            if waiting.is_some() {
                spare.set(waiting);
                return;
            }
            for list in &mut self.groups {
                list.clear();
            }
            spare.set(Some(std::mem::take(self)));
        });
    }
}

/// Scans `norm`, the normalised `original`, with every applicable language (its phrases and
/// brand names) and the group regexes, then drops negated hits. Derived groups are computed
/// later by [`derive`], after the caller has added structural facts a derived group may pair
/// with.
pub fn scan(lex: &Lexicon, original: &str, norm: &Normalized) -> Hits {
    let mut hits = Hits::new(lex.group_count());
    let text = norm.text.as_str();
    let scripts = scripts_present(text, lex);
    for (i, lang) in lex.languages.iter().enumerate() {
        if !scripts[i] {
            continue;
        }
        scan_language(lex, lang, norm, &mut hits);
    }
    let limits = add_regex_hits(lex, norm, &mut hits);
    drop_negated(lex, original, norm, &mut hits);
    let lost = drop_outranked(lex, &mut hits);
    rescan_outranked(lex, norm, &limits, lost, &mut hits);
    hits
}

/// Drops hits that a longer phrase of an outranking group covers (`provide` inside `we will
/// provide`): the same words, said by the other side. Returns the groups that lost a hit.
fn drop_outranked(lex: &Lexicon, hits: &mut Hits) -> Vec<GroupId> {
    let mut lost = Vec::new();
    for o in &lex.outranked {
        if !hits.has(o.by) {
            continue;
        }
        let covers: Vec<(usize, usize)> = hits.get(o.by).iter().filter_map(|h| h.norm).collect();
        for &g in &o.groups {
            let list = &mut hits.groups[g as usize];
            let before = list.len();
            list.retain(|h| !h.norm.is_some_and(|(s, e)| covers.iter().any(|&(a, b)| a <= s && e <= b)));
            if list.len() < before && !lost.contains(&g) {
                lost.push(g);
            }
        }
    }
    lost
}

/// A group whose pattern scan was cut short (skipped because a phrase had found the group, or
/// stopped at the first match) and which then lost hits to an outranking group is scanned
/// again in full: the phrase "bank slip" dropped inside "upload the bank slip" must not hide
/// the claim "i have pay" that only a pattern finds. Rare, so the common path pays nothing.
fn rescan_outranked(lex: &Lexicon, norm: &Normalized, limits: &[usize], lost: Vec<GroupId>, hits: &mut Hits) {
    let mut again: Vec<usize> = vec![0; limits.len()];
    let mut any = false;
    for (i, &group) in lex.regex_groups.iter().enumerate() {
        if limits[i] < MAX_HITS_PER_GROUP && lost.contains(&group) {
            again[i] = MAX_HITS_PER_GROUP;
            any = true;
        }
    }
    if !any {
        return;
    }
    lex.regexes.scan(&norm.text, &mut again, |g, start, end| {
        let (s, e) = norm.to_original(start, end);
        hits.add(lex.regex_groups[g], Hit { norm: Some((start, end)), span: Some((s, e)), platform: None });
    });
    // The groups scanned again are neither negatable nor paired (those always scan in full), so
    // only the outranking applies to their new hits.
    drop_outranked(lex, hits);
}

fn scan_language(lex: &Lexicon, lang: &Language, norm: &Normalized, hits: &mut Hits) {
    let text = norm.text.as_str();
    if lang.phrases.is_empty() {
        return;
    }
    let mut found = Vec::new();
    // A Latin-script lexicon reads the whole text. Another script's phrases have no spaces
    // and always contain that script, so only the space-separated stretches containing it are
    // read: a Chinese line in an English thread costs its own length, not the thread's.
    if lang.script == unicode_script::Script::Latin {
        lang.phrases.find(text, 0, text.len(), lang.word_boundaries, &mut found);
    } else {
        use crate::confusable::UnicodeScript;
        let mut at = 0;
        for word in text.split(' ') {
            let (start, end) = (at, at + word.len());
            at = end + 1;
            if !word.is_ascii() && word.chars().any(|c| c.script() == lang.script) {
                lang.phrases.find(text, start, end, lang.word_boundaries, &mut found);
            }
        }
    }
    for m in found {
        let (start, end) = (m.start as usize, m.end as usize);
        let info = &lang.patterns[m.pattern as usize];
        let (s, e) = norm.to_original(start, end);
        let hit = Hit { norm: Some((start, end)), span: Some((s, e)), platform: info.platform };
        for &g in lang.groups(info) {
            if g == lex.negator {
                hits.negators.push((start, end, lang.negation_window));
            } else if g == lex.conditional {
                hits.conditionals.push((start, end));
            } else {
                hits.add(g, hit);
            }
        }
    }
}

/// Every regex group's hits, from one pass over the text shared by all groups.
/// Returns the limit each regex group was scanned with (see [`rescan_outranked`]).
fn add_regex_hits(lex: &Lexicon, norm: &Normalized, hits: &mut Hits) -> Vec<usize> {
    // A group no derived rule pairs only needs to be seen once (and its first hit quoted), so
    // its scan stops at the first match, and is skipped when a phrase already found it; a
    // paired group needs its hits to measure distances.
    let limits: Vec<usize> = lex
        .regex_groups
        .iter()
        .map(|&group| {
            let (negatable, paired) = (lex.negatable[group as usize], lex.paired[group as usize]);
            if paired || negatable {
                MAX_HITS_PER_GROUP
            } else if hits.has(group) {
                0
            } else {
                1
            }
        })
        .collect();
    let mut left = limits.clone();
    lex.regexes.scan(&norm.text, &mut left, |g, start, end| {
        let (s, e) = norm.to_original(start, end);
        hits.add(lex.regex_groups[g], Hit { norm: Some((start, end)), span: Some((s, e)), platform: None });
    });
    limits
}

/// For each language, whether the text has a character of its script (a Chinese lexicon is
/// not run over an all-Latin message). One pass, stopping once every language is found; ASCII
/// is looked up without the script tables.
fn scripts_present(text: &str, lex: &Lexicon) -> Vec<bool> {
    use crate::confusable::UnicodeScript;
    use unicode_script::Script;
    let mut found = vec![false; lex.languages.len()];
    let mut left = found.len();
    let mut ascii_done = false;
    for c in text.chars() {
        if left == 0 {
            break;
        }
        let script = if c.is_ascii() {
            if ascii_done || !c.is_ascii_alphabetic() {
                continue;
            }
            ascii_done = true;
            Script::Latin
        } else {
            c.script()
        };
        for (i, lang) in lex.languages.iter().enumerate() {
            if !found[i] && lang.script == script {
                found[i] = true;
                left -= 1;
            }
        }
    }
    found
}

/// A letter or digit of a script written with spaces between words. Han, Kana, Hangul and Thai
/// are written without them, so a phrase next to one of those is still a whole phrase.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    !is_unspaced_script(c) && c.is_alphanumeric()
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF        // Thai, Lao
        | 0x1100..=0x11FF      // Hangul Jamo
        | 0x2E80..=0x2FDF      // CJK radicals
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3100..=0x312F      // Bopomofo
        | 0x3130..=0x318F      // Hangul compatibility Jamo
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified
        | 0xAC00..=0xD7AF      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility
        | 0x20000..=0x3134F)   // CJK extensions B..G
}

/// How many negation windows a negator reaches along a list of alternatives joined by "or":
/// "we will never ask you to pay for verification or to share your password or two-step code"
/// negates every item, each of them a window or less after the "or" before it.
const COORDINATED_REACH: usize = 3;

/// Words that join alternatives under one negator ("never ... or ...", "不会……或……"), in
/// normalised text.
const OR_WORDS: &[&str] = &[" or ", " nor ", "或", " o ", " ou "];

/// Bytes from the end of the last "or" in `between` (the text from a negator to a hit) to its
/// end; `usize::MAX` when there is none.
fn after_last_or(between: &str) -> usize {
    OR_WORDS
        .iter()
        .filter_map(|w| crate::search::starts(between, w).last().map(|i| between.len() - (i + w.len())))
        .min()
        .unwrap_or(usize::MAX)
}

/// Characters that end a clause: a negation never reaches across one.
fn is_clause_break(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '。' | '\n' | '(' | ')')
}

fn drop_negated(lex: &Lexicon, original: &str, norm: &Normalized, hits: &mut Hits) {
    if hits.negators.is_empty() {
        return;
    }
    let text = norm.text.as_str();
    // "If you do not log in..." is a threat, not a warning, and "能不能" (can or cannot) is a
    // question: a negator inside or right after a conditional word cancels nothing.
    let conditionals = &hits.conditionals;
    let negators: Vec<(usize, usize, usize)> = std::mem::take(&mut hits.negators)
        .into_iter()
        .filter(|&(ns, _, _)| !conditionals.iter().any(|&(cs, ce)| cs <= ns && ce + 12 >= ns))
        .collect();
    let not_a_list: Vec<usize> = hits.get(lex.not_a_list).iter().filter_map(|h| h.norm.map(|n| n.0)).collect();
    let lists: Vec<(usize, usize)> =
        negators.iter().filter_map(|&(_, ne, _)| negated_list(original, norm, ne, &not_a_list)).collect();
    for (g, list) in hits.groups.iter_mut().enumerate() {
        if !lex.negatable[g] {
            continue;
        }
        list.retain(|h| {
            let Some((start, _)) = h.norm else { return true };
            let near = negators.iter().any(|&(_, neg_end, window)| {
                neg_end <= start && !text[neg_end..start].chars().any(is_clause_break) && {
                    let gap = start - neg_end;
                    gap <= window || (gap <= COORDINATED_REACH * window && after_last_or(&text[neg_end..start]) <= window)
                }
            });
            let listed = h.span.is_some_and(|(s, _)| lists.iter().any(|&(a, b)| a <= s && s < b));
            !near && !listed
        });
    }
    hits.negators = negators;
}

/// Longest header, in bytes of normalised text, from a negator to the colon that ends it
/// ("PayPal will never do in an email communication:").
const LIST_HEADER: usize = 80;
/// Most items, and bytes of original text, a negated list runs to: a header cannot silence
/// the rest of a long message.
const LIST_ITEMS: usize = 12;
const LIST_BYTES: usize = 2_000;

/// The list a negating header introduces, as a range of the original text: a negator whose
/// clause ends in a colon ("We will never ask you to:", "请勿进行以下操作：") negates the list
/// items on the lines below, up to a blank line or a line that is not an item. Only marked
/// items count (bullets, numbers): a plain line after the colon may be the writer's own
/// request ("don't tell anyone: send me the code"), and that must still be read. A header
/// with a `not_a_list` word ("don't worry:", "no need to wait:") encourages what follows.
fn negated_list(original: &str, norm: &Normalized, neg_end: usize, not_a_list: &[usize]) -> Option<(usize, usize)> {
    let text = norm.text.as_str();
    let rest = text.get(neg_end..)?;
    let (at, c) = rest.char_indices().take_while(|&(i, _)| i <= LIST_HEADER).find(|&(_, c)| is_clause_break(c))?;
    if c != ':' || not_a_list.iter().any(|&w| neg_end <= w && w < neg_end + at) {
        return None;
    }
    let (_, colon_end) = norm.to_original(neg_end + at, neg_end + at + 1);
    // The list starts on the line after the colon's.
    let line_end = original.get(colon_end..)?.find('\n').map(|i| colon_end + i + 1)?;
    let mut end = line_end;
    let mut items = 0;
    let mut in_item = false;
    for line in original[line_end..].split_inclusive('\n') {
        let body = line.trim();
        if body.is_empty() || end - line_end + line.len() > LIST_BYTES {
            break;
        }
        if is_list_item(body) {
            items += 1;
            if items > LIST_ITEMS {
                break;
            }
            in_item = true;
        } else if !(in_item && line.starts_with([' ', '\t'])) {
            // An indented line goes on with the item above it; anything else ends the list.
            break;
        }
        end += line.len();
    }
    (items > 0).then_some((line_end, end))
}

/// Whether a trimmed line starts with a list marker: a bullet, or a number or letter followed
/// by `.`, `)` or `、` ("1.", "2)", "a)", "一、", "①").
fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else { return false };
    if matches!(first, '-' | '*' | '+' | '•' | '·' | '●' | '○' | '◦' | '▪' | '■' | '□' | '►' | '▶' | '→' | '✓' | '✔' | '✗' | '✘' | '❌' | '–' | '—' | '※')
        || ('\u{2460}'..='\u{2473}').contains(&first)
    {
        return true;
    }
    let head: String = line.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')).take(4).collect();
    let after = line[head.len()..].chars().next();
    let numbered = !head.is_empty() && (head.chars().all(|c| c.is_ascii_digit()) && head.len() <= 2 || head.chars().count() == 1);
    numbered && matches!(after, Some('.' | ')' | '、' | '）' | '．'))
        || matches!(first, '(' | '（') && line[first.len_utf8()..].chars().next().is_some_and(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
}

/// Fills derived groups in rule order (a derived group may use an earlier one): a hit wherever
/// a hit of `left` and one of `right` lie within `window` bytes of each other, in either order,
/// in the same sentence.
pub fn derive(lex: &Lexicon, text: &str, hits: &mut Hits) {
    for d in &lex.derived {
        let mut found = Vec::new();
        for l in hits.get(d.left) {
            for r in hits.get(d.right) {
                let (Some(ln), Some(rn)) = (l.norm, r.norm) else { continue };
                let (first, second) = if ln.0 <= rn.0 { (ln, rn) } else { (rn, ln) };
                // Overlapping hits are one phrase read twice, not two cues side by side.
                if second.0 < first.1 {
                    continue;
                }
                // The window counts characters, so it means the same in Chinese as in English.
                // (A character is at most four bytes, so a longer gap is out without counting.)
                let between = text.get(first.1..second.0).unwrap_or("");
                if between.len() > 4 * d.window || between.len() > d.window && between.chars().count() > d.window {
                    continue;
                }
                if d.same_sentence && between.contains(['.', '!', '?', '。', ';']) {
                    continue;
                }
                let span = match (l.span, r.span) {
                    (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
                    (a, b) => a.or(b),
                };
                found.push(Hit { norm: Some((first.0, first.1.max(second.1))), span, platform: l.platform.or(r.platform) });
            }
        }
        for h in found {
            hits.add(d.id, h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Registry;

    fn lex() -> Lexicon {
        Lexicon::embedded(&Registry::embedded().unwrap()).unwrap()
    }

    fn hits_for(lex: &Lexicon, text: &str) -> (Normalized, Hits) {
        let n = lex.normalize(text);
        let mut h = scan(lex, text, &n);
        derive(lex, &n.text, &mut h);
        (n, h)
    }

    /// A phrase hit dropped as outranked leaves the group's pattern hits in place: the pattern
    /// scan was not skipped because the phrase had already found the group.
    #[test]
    fn an_outranked_phrase_does_not_hide_a_pattern_hit_of_its_group() {
        let lex = lex();
        let paid = lex.id("fpp.paid").unwrap();
        // "bank slip" alone is a payment claim (a phrase of fpp.paid)...
        let (_, h) = hits_for(&lex, "Here is the bank slip.");
        assert!(h.has(paid));
        // ...asked for, it is none ("upload the bank slip" outranks it)...
        let (_, h) = hits_for(&lex, "Please upload the bank slip.");
        assert!(!h.has(paid));
        // ...and the claim only a pattern finds ("i have pay") survives beside it.
        let (_, h) = hits_for(&lex, "I have pay for the order. I cannot upload the bank slip here.");
        assert!(h.has(paid));
    }

    /// A table handed on to the next message comes empty, and tables alive together (one
    /// message judged inside another's work) are each dropped once.
    #[test]
    fn a_reused_table_starts_empty() {
        let mut a = Hits::new(3);
        a.add(1, Hit::at(0, 4));
        a.negators.push((0, 1, 2));
        let mut b = Hits::new(3);
        b.add(2, Hit::fact());
        drop(a);
        drop(b);
        let c = Hits::new(3);
        assert!((0..3).all(|g| !c.has(g)) && c.negators.is_empty() && c.conditionals.is_empty());
        // A table of another lexicon's size is not reused.
        assert_eq!(Hits::new(5).groups.len(), 5);
    }

    #[test]
    fn negated_requests_do_not_count() {
        let l = lex();
        let g = l.id("ato.ask").unwrap();
        let (_, h) = hits_for(&l, "Please send me the verification code you received.");
        assert!(h.has(g));
        let (_, h) = hits_for(&l, "Alibaba.com will never ask you to send the verification code to anyone.");
        assert!(!h.has(g), "{:?}", h.get(g));
        let (_, h) = hits_for(&l, "请勿向任何人透露验证码。");
        assert!(!h.has(g));
        let (_, h) = hits_for(&l, "请把你收到的验证码发给我");
        assert!(h.has(g));
    }

    #[test]
    fn a_negation_reaches_every_alternative_joined_by_or() {
        let l = lex();
        let g = l.id("ato.ask").unwrap();
        // The request is the third alternative under one "never": far from the negator, near its "or".
        let (_, h) = hits_for(&l, "Amazon will never ask you to pay for verification or to reschedule by email or to share your password.");
        assert!(!h.has(g), "{:?}", h.get(g));
        // Without the "or", the same distance is beyond the negator's reach.
        let (_, h) = hits_for(&l, "We never ask you to pay for verification by email, but please share your password here now.");
        assert!(h.has(g));
        let (_, h) = hits_for(&l, "We will never ask for anything today but you must share your password with me now to keep it.");
        assert!(h.has(g));
    }

    #[test]
    fn a_negating_header_with_a_colon_negates_the_list_below_it() {
        let l = lex();
        let g = l.id("ato.request").unwrap();
        let tips = "To keep your account safe, remember that Alibaba.com staff will never ask you to:\n\
                    - share the verification code we text you\n\
                    - tell us your password over the phone\n\
                    \n\
                    Thank you for selling with us.";
        let (_, h) = hits_for(&l, tips);
        assert!(!h.has(g), "{:?}", h.get(g));
        let zh = "为保障账户安全，平台工作人员绝不会要求您进行以下操作：\n1. 提供短信验证码\n2. 告诉我们您的登录密码\n\n谢谢。";
        let (_, h) = hits_for(&l, zh);
        assert!(!h.has(g), "{:?}", h.get(g));
        let numbered = "Things PayPal will never do in an email:\n1) Ask you to provide your password\n   or your security code\n2) Ask you to download a file";
        let (_, h) = hits_for(&l, numbered);
        assert!(!h.has(g), "an indented line goes on with its item: {:?}", h.get(g));
    }

    #[test]
    fn the_list_ends_where_the_items_end() {
        let l = lex();
        let g = l.id("ato.ask").unwrap();
        // The ask is after the list, on a plain line: it is the writer's own request.
        let scam = "Never share this code with anyone:\n- not your friends\n- not your family\nNow send me the verification code you received.";
        let (_, h) = hits_for(&l, scam);
        assert!(h.has(g));
        // A plain line right after the colon is not a list item.
        let scam = "Do not tell anyone about this:\nsend me the verification code you just received.";
        let (_, h) = hits_for(&l, scam);
        assert!(h.has(g));
        // A blank line ends the list too.
        let scam = "We never ask for:\n* card numbers\n\n* Send me the verification code now.";
        let (_, h) = hits_for(&l, scam);
        assert!(h.has(g));
        // Encouragement is not a list of things never done.
        for header in ["Don't worry:", "Do not delay:", "No need to wait:", "不用担心："] {
            let scam = format!("{header}\n1. send me the verification code\n2. wait");
            let (_, h) = hits_for(&l, &scam);
            assert!(h.has(g), "{scam:?}");
        }
        // A colon only starts a list when it ends the negator's own clause.
        let scam = "Do not worry, it is easy. Here is what to do:\n1. send me the verification code\n2. wait";
        let (_, h) = hits_for(&l, scam);
        assert!(h.has(g));
    }

    #[test]
    fn list_markers() {
        for item in ["- a", "* a", "• a", "1. a", "12) a", "a) a", "一、提供", "①提供", "(3) a", "（a）x"] {
            assert!(is_list_item(item), "{item:?}");
        }
        for line in ["send me the code", "2024. was a year", "Note: x", "e-mail us", "你好", "123. a"] {
            assert!(!is_list_item(line), "{line:?}");
        }
    }

    #[test]
    fn a_condition_keeps_the_negated_words() {
        let l = lex();
        let g = l.id("cred.action").unwrap();
        let (_, h) = hits_for(&l, "Never log in from a link in an e-mail.");
        assert!(!h.has(g));
        let (_, h) = hits_for(&l, "If you do not log in within 24 hours, your store will be closed.");
        assert!(h.has(g));
    }

    #[test]
    fn spans_point_at_the_original_words() {
        let l = lex();
        let text = "Dear seller,  please ＬＯＧ ＩＮ to   verify your account.";
        let (_, h) = hits_for(&l, text);
        let g = l.id("cred.action").unwrap();
        let hit = h.get(g).first().copied().expect("cred.action hit");
        let (s, e) = hit.span.unwrap();
        assert!(text[s..e].contains("ＬＯＧ") || text[s..e].contains("verify"), "{:?}", &text[s..e]);
    }

    #[test]
    fn brands_carry_their_platform() {
        let l = lex();
        let (_, h) = hits_for(&l, "This is the Amazon Seller Support team.");
        let b = h.get(l.brand);
        assert!(!b.is_empty());
        assert!(b.iter().all(|x| x.platform.is_some()));
        let (_, h) = hits_for(&l, "我们是亚马逊平台客服");
        assert!(h.has(l.brand));
    }
}
