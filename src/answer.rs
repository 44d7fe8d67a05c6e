//! Batch answers as the browser reads them: the reports reduced to what a UI uses.
//!
//! A full report ([`LinkReport`], [`MessageReport`]) is the CLI's contract: it echoes the input,
//! and every reason carries its weight and an English sentence. In the extension a batch
//! answer is serialised to JSON and parsed by the browser, and an inbox's answer is also sent
//! from the service worker to the page; the echoed URLs and the sentences were most of the
//! bytes, and the UI words its texts from `_locales` by reason code and parameters anyway. So
//! the batch entry points of the wasm module (`checkLinks`, `checkInbox`) write these views
//! instead, borrowed from the reports and written straight into a JSON buffer.
//!
//! - [`LinkAnswer`]: `{verdict, score, platform?, impersonates?, host?, destination?,
//!   reasons:[{code, severity, params?}]}`, in the order of the links asked about.
//! - [`InboxBatch`]: a batch of an inbox's messages as the inbox page draws them, one JSON text
//!   that the service worker passes on untouched (a string crosses the browser's messaging
//!   in one copy; 200 messages of objects were ~0.5 MB serialised twice) and the page words in
//!   its own language. Which reasons a banner, a mark and a stopped click show is decided here
//!   (the same rules for every page); the wording is the page's, once per distinct reason.
//!
//! The inbox text (`docs/ARCHITECTURE.md` has it too):
//!
//! ```text
//! {"reasons":[{"code", "params"?}, ...],          distinct reasons, by index
//!  "links":[{"verdict", "host"?, "why":[reason], "imitates"?, "destination"?}, ...],
//!                                                  distinct marked links, by index
//!  "messages":[{"verdict", "links":[slot, ...],    one slot per link the page sent
//!               "categories"?, "advice"?, "headline"?, "lines"?:[[reason, evidence]],
//!               "cues"?:[text], "spans"?:[[start, end, danger]]}, ...]}
//! ```
//!
//! A link slot is the verdict alone (`"safe"`, `"invalid"`) when nothing is drawn for the link,
//! `null` when the engine did not judge it (an empty link, or one it took as a repeat of
//! another), else the index of its entry in `links` (a caution or danger link: its mark, its
//! tooltip and, for danger, the dialog of a stopped click). Only a caution or danger message has
//! the banner's parts: `advice` is its categories most harmful first, `lines` the reasons worth
//! a line (with whether their evidence is highlighted), `cues` the words of info-level cues
//! (quoted together on one line), `spans` the evidence in UTF-16 offsets of the text sent (what
//! a JS string indexes). The page words each reason by `reason_<code>` and its parameters, and
//! drops lines whose wording repeats and those past the fifth.
//!
//! Neither carries the English sentences: every reason code has a text in every locale, worded
//! from the reason's parameters (tests/wasm/locales.test.mjs checks that over the corpora).

use std::collections::HashMap;

use crate::link::LinkReport;
use crate::message::{Category, MessageInput, MessageReport};
use crate::reason::{Code, Reason, Severity, Span, Verdict};
use crate::registry::Registry;

/// One link of a batch, in the order asked.
pub struct LinkAnswer<'a> {
    report: &'a LinkReport,
}

/// The answer to a batch of an inbox's messages, built one message at a time (see the module
/// doc for its text).
pub struct InboxBatch<'e> {
    registry: &'e Registry,
    reasons: Table,
    links: Table,
    messages: Vec<u8>,
    verdicts: Vec<Verdict>,
    marked: usize,
    /// Scratch for one table entry, reused.
    entry: Vec<u8>,
}

/// What an [`InboxBatch`] hands back: the text for the page, and what the service worker
/// decides with (the badge's counts, which messages it must look up as dismissed).
pub struct InboxText {
    /// The verdict of each message, in order.
    pub verdicts: Vec<Verdict>,
    /// Caution and danger links, each counted once per message it is in.
    pub marked_links: usize,
    pub text: String,
}

/// Distinct JSON values, each written once into a JSON array and referred to by index.
#[derive(Default)]
struct Table {
    // std's seeded SipHash, not FxHash (~1.5% of a batch faster): the entries carry the
    // messages' own text (addresses, names), and a sender must not be able to craft colliding
    // entries that make a batch quadratic.
    index: HashMap<Vec<u8>, usize>,
    json: Vec<u8>,
}

/// What the page is told about one link it sent.
enum LinkSlot<'a> {
    /// The engine did not judge it.
    None,
    /// Judged, nothing to draw: the verdict alone.
    Verdict(Verdict),
    /// Judged caution or danger: what the mark, its tooltip and a stopped click show.
    Marked(&'a LinkReport),
}

/// Scam categories, most harmful first: the first one present names the banner, and the advice
/// follows this order.
const CATEGORY_ORDER: [Category; 11] = [
    Category::CredentialPhishing,
    Category::AccountTakeover,
    Category::FakePaymentProof,
    Category::BankDetailChange,
    Category::MaliciousAttachment,
    Category::Extortion,
    Category::FeeScam,
    Category::InvestmentScam,
    Category::InvitationLetter,
    Category::OffPlatformContact,
    Category::CompetitorProbe,
];

/// Reasons that explain a verdict but are not a warning of their own: never a banner line or a
/// mark's summary.
const QUIET_CODES: [Code; 4] = [Code::GenuinePlatform, Code::TrustedDomain, Code::Redirect, Code::Punycode];

/// Parameters no UI text words (the English explanation, the link echoed, the lexicon's own
/// names for cues and categories): left out of an inbox's reasons, where they were a third of
/// the bytes. tests/wasm/locales.test.mjs words every reason of the corpora from what is left.
const UNWORDED_PARAMS: [&str; 8] = ["category", "cue", "cues", "detail", "partial", "target", "url", "why"];

/// A danger link's dialog lists this many reasons; a caution mark says one.
const DIALOG_REASONS: usize = 3;

/// JSON written straight into a buffer. The answers have a fixed shape whose names and enum
/// values need no escaping, so only the strings that come from the input (hosts, parameters)
/// go through [`Json::str`]; serde's derived maps spent more on their machinery than on the
/// bytes (a profile of `checkLinks` in Chromium: serialising was 16% of the call).
struct Json<'b> {
    out: &'b mut Vec<u8>,
}

impl<'a> LinkAnswer<'a> {
    pub fn new(report: &'a LinkReport) -> LinkAnswer<'a> {
        LinkAnswer { report }
    }

    /// `{verdict, score, platform?, impersonates?, host?, destination?, reasons}`.
    pub fn write(&self, out: &mut Vec<u8>) {
        let r = self.report;
        let mut j = Json { out };
        j.raw("{\"verdict\":");
        j.name(verdict_str(r.verdict));
        j.raw(",\"score\":");
        j.uint(usize::from(r.score));
        j.opt(",\"platform\":", r.platform.as_deref());
        j.opt(",\"impersonates\":", r.impersonates.as_deref());
        j.opt(",\"host\":", r.host.as_deref());
        j.opt(",\"destination\":", r.destination.as_deref());
        j.raw(",\"reasons\":");
        j.reasons(&r.reasons);
        j.raw("}");
    }
}

impl<'e> InboxBatch<'e> {
    /// An empty batch; `registry` names the platforms a dangerous link imitates.
    pub fn new(registry: &'e Registry) -> InboxBatch<'e> {
        InboxBatch {
            registry,
            reasons: Table::default(),
            links: Table::default(),
            messages: Vec::new(),
            verdicts: Vec::new(),
            marked: 0,
            entry: Vec::new(),
        }
    }

    /// Adds the answer to `input`, whose report is `report`.
    pub fn push(&mut self, input: &MessageInput, report: &MessageReport) {
        let mut msg = std::mem::take(&mut self.messages);
        msg.push(if self.verdicts.is_empty() { b'[' } else { b',' });
        msg.extend_from_slice(b"{\"verdict\":");
        Json { out: &mut msg }.name(verdict_str(report.verdict));
        msg.extend_from_slice(b",\"links\":[");
        // Distinct marked links of this message, for the badge.
        let mut marked: Vec<usize> = Vec::new();
        for (i, slot) in link_slots(input, report).enumerate() {
            if i > 0 {
                msg.push(b',');
            }
            match slot {
                LinkSlot::None => msg.extend_from_slice(b"null"),
                LinkSlot::Verdict(v) => Json { out: &mut msg }.name(verdict_str(v)),
                LinkSlot::Marked(r) => {
                    let k = self.link(r);
                    if !marked.contains(&k) {
                        marked.push(k);
                    }
                    Json { out: &mut msg }.uint(k);
                }
            }
        }
        msg.push(b']');
        if is_flagged(report.verdict) {
            self.banner(&mut msg, input, report);
        }
        msg.push(b'}');
        self.messages = msg;
        self.verdicts.push(report.verdict);
        self.marked += marked.len();
    }

    /// The text for the page, and the verdicts and counts for the worker.
    pub fn finish(self) -> InboxText {
        let mut out = Vec::with_capacity(self.reasons.json.len() + self.links.json.len() + self.messages.len() + 40);
        out.extend_from_slice(b"{\"reasons\":");
        self.reasons.write(&mut out);
        out.extend_from_slice(b",\"links\":");
        self.links.write(&mut out);
        out.extend_from_slice(b",\"messages\":");
        if self.messages.is_empty() {
            out.extend_from_slice(b"[]");
        } else {
            out.extend_from_slice(&self.messages);
            out.push(b']');
        }
        out.push(b'}');
        // Every piece was copied whole from a `&str` or is ASCII, so this never replaces.
        let text = String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        InboxText { verdicts: self.verdicts, marked_links: self.marked, text }
    }

    /// The index of a reason in the batch's table: `{code, params?}`, less the parameters no
    /// text words.
    fn reason(&mut self, r: &Reason) -> usize {
        self.entry.clear();
        let mut j = Json { out: &mut self.entry };
        j.raw("{\"code\":");
        j.name(r.code.as_str());
        let mut first = true;
        for (name, value) in r.params.iter().filter(|(n, _)| !UNWORDED_PARAMS.contains(n)) {
            j.raw(if first { ",\"params\":{" } else { "," });
            first = false;
            j.name(name);
            j.raw(":");
            j.str(value);
        }
        if !first {
            j.raw("}");
        }
        j.raw("}");
        self.reasons.intern(&self.entry)
    }

    /// The index of a marked link in the batch's table: its verdict, host, the reasons its mark
    /// (the first) and a danger dialog (all) show, the platform it imitates and the host a
    /// redirect really leads to.
    fn link(&mut self, r: &LinkReport) -> usize {
        let danger = r.verdict == Verdict::Danger;
        let mut shown: Vec<&Reason> = r.reasons.iter().filter(|x| warns(x)).collect();
        if shown.is_empty() {
            shown.extend(r.reasons.first());
        }
        shown.truncate(if danger { DIALOG_REASONS } else { 1 });
        let why: Vec<usize> = shown.into_iter().map(|x| self.reason(x)).collect();
        self.entry.clear();
        let mut j = Json { out: &mut self.entry };
        j.raw("{\"verdict\":");
        j.name(verdict_str(r.verdict));
        j.opt(",\"host\":", r.host.as_deref());
        j.raw(",\"why\":[");
        for (i, k) in why.iter().enumerate() {
            if i > 0 {
                j.raw(",");
            }
            j.uint(*k);
        }
        j.raw("]");
        if danger {
            if let Some(id) = r.impersonates.as_deref() {
                // A platform by its name; a protected domain (or a platform this build does not
                // know) by the genuine address its reasons name, else as it is.
                let name = match self.registry.platform(id) {
                    Some((_, p)) => p.short_name(),
                    None => r.reasons.iter().find_map(|x| x.params.get("genuine")).map_or(id, String::as_str),
                };
                j.raw(",\"imitates\":");
                j.str(name);
            }
            if let Some(d) = r.destination.as_deref() {
                if let Some(h) = url_host(d).as_deref().or(r.host.as_deref()) {
                    j.raw(",\"destination\":");
                    j.str(h);
                }
            }
        }
        j.raw("}");
        self.links.intern(&self.entry)
    }

    /// A flagged message's banner: categories, advice, headline, lines, cues and evidence.
    fn banner(&mut self, msg: &mut Vec<u8>, input: &MessageInput, report: &MessageReport) {
        // Every caution or danger reason once, in the engine's order; info-level cues that
        // point at words are highlighted and quoted together, not a line each.
        let mut lines: Vec<(usize, bool)> = Vec::new();
        let mut cues: Vec<&str> = Vec::new();
        for r in &report.reasons {
            if QUIET_CODES.contains(&r.code) {
                continue;
            }
            if r.severity == Severity::Info {
                if let Some(ev) = r.params.get("evidence").filter(|e| !e.is_empty() && !cues.contains(&e.as_str())) {
                    cues.push(ev);
                }
                continue;
            }
            let k = self.reason(r);
            if !lines.iter().any(|(x, _)| *x == k) {
                lines.push((k, r.span.is_some()));
            }
        }
        let advice: Vec<Category> = CATEGORY_ORDER.iter().copied().filter(|c| report.categories.contains(c)).collect();
        let mut j = Json { out: msg };
        j.raw(",\"categories\":[");
        for (i, c) in report.categories.iter().enumerate() {
            if i > 0 {
                j.raw(",");
            }
            j.name(c.as_str());
        }
        j.raw("],\"advice\":[");
        for (i, c) in advice.iter().enumerate() {
            if i > 0 {
                j.raw(",");
            }
            j.name(c.as_str());
        }
        j.raw("],\"headline\":\"headline_");
        j.raw(match advice.first().or(report.categories.first()) {
            Some(c) => c.as_str(),
            None if report.reasons.iter().any(|r| r.code == Code::DangerousLink) => "dangerous_link",
            None if report.verdict == Verdict::Danger => "danger",
            None => "caution",
        });
        j.raw("\",\"lines\":[");
        for (i, (k, ev)) in lines.iter().enumerate() {
            if i > 0 {
                j.raw(",");
            }
            j.raw("[");
            j.uint(*k);
            j.raw(if *ev { ",1]" } else { ",0]" });
        }
        j.raw("],\"cues\":[");
        for (i, c) in cues.iter().enumerate() {
            if i > 0 {
                j.raw(",");
            }
            j.str(c);
        }
        j.raw("],\"spans\":[");
        // Evidence to highlight, each span and severity once, in UTF-16 offsets (what the page's
        // strings count in) unless the text is ASCII. The offsets are converted in text order,
        // in one pass over the text: a span's reasons come in no particular order.
        let spans: Vec<(Span, bool)> = report.reasons.iter().filter_map(|r| r.span.filter(|s| s.end > s.start).map(|s| (s, r.severity == Severity::Danger))).collect();
        let converted: Vec<(usize, usize)> = match Some(input.text.as_str()).filter(|t| !t.is_ascii()) {
            Some(t) if !spans.is_empty() => {
                // Kept sorted and distinct as it is built: a message has a few spans, and a
                // sort of its own for these offsets was ~4 KB of the WebAssembly module.
                let mut at: Vec<usize> = Vec::with_capacity(2 * spans.len());
                for b in spans.iter().flat_map(|(s, _)| [s.start, s.end]) {
                    if let Err(i) = at.binary_search(&b) {
                        at.insert(i, b);
                    }
                }
                let mut c = Utf16Cursor::new(t);
                at.into_iter().map(|b| (b, c.at(b))).collect()
            }
            _ => Vec::new(),
        };
        let utf16 = |b: usize| converted.binary_search_by_key(&b, |&(k, _)| k).map_or(b, |i| converted[i].1);
        let mut seen: Vec<(usize, usize, bool)> = Vec::new();
        for &(s, danger) in &spans {
            let s = Span { start: utf16(s.start), end: utf16(s.end) };
            let key = (s.start, s.end, danger);
            if seen.contains(&key) {
                continue;
            }
            if !seen.is_empty() {
                j.raw(",");
            }
            seen.push(key);
            j.raw("[");
            j.uint(s.start);
            j.raw(",");
            j.uint(s.end);
            j.raw(if key.2 { ",1]" } else { ",0]" });
        }
        j.raw("]");
    }
}

impl Table {
    /// The index of `entry`, added when new.
    fn intern(&mut self, entry: &[u8]) -> usize {
        if let Some(&k) = self.index.get(entry) {
            return k;
        }
        let k = self.index.len();
        self.json.push(if k == 0 { b'[' } else { b',' });
        self.json.extend_from_slice(entry);
        self.index.insert(entry.to_vec(), k);
        k
    }

    fn write(&self, out: &mut Vec<u8>) {
        if self.json.is_empty() {
            out.extend_from_slice(b"[]");
        } else {
            out.extend_from_slice(&self.json);
            out.push(b']');
        }
    }
}

impl Json<'_> {
    fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    /// A string known to need no escaping (a field name, an enum value).
    fn name(&mut self, s: &str) {
        self.out.push(b'"');
        self.out.extend_from_slice(s.as_bytes());
        self.out.push(b'"');
    }

    /// Any string, escaped as JSON requires (quote, backslash, control characters).
    fn str(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bytes = s.as_bytes();
        self.out.reserve(bytes.len() + 2);
        self.out.push(b'"');
        // Hosts, names and words almost never need escaping: one pass without branches (which
        // the compiler vectorises) says so, and the string is copied whole.
        if !bytes.iter().fold(false, |any, &b| any | (b < 0x20) | (b == b'"') | (b == b'\\')) {
            self.out.extend_from_slice(bytes);
            self.out.push(b'"');
            return;
        }
        let mut from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let short: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0..=0x1f => b"",
                _ => continue,
            };
            self.out.extend_from_slice(&bytes[from..i]);
            if short.is_empty() {
                self.out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]);
            } else {
                self.out.extend_from_slice(short);
            }
            from = i + 1;
        }
        self.out.extend_from_slice(&bytes[from..]);
        self.out.push(b'"');
    }

    fn uint(&mut self, mut n: usize) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    /// `key` (with its comma and colon) and the value, when there is one.
    fn opt(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.raw(key);
            self.str(v);
        }
    }

    /// `[{code, severity, params?}]`.
    fn reasons(&mut self, reasons: &[Reason]) {
        self.raw("[");
        for (i, r) in reasons.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.raw("{\"code\":");
            self.name(r.code.as_str());
            self.raw(",\"severity\":");
            self.name(severity_str(r.severity));
            if !r.params.is_empty() {
                self.raw(",\"params\":{");
                for (k, (name, value)) in r.params.iter().enumerate() {
                    if k > 0 {
                        self.raw(",");
                    }
                    self.name(name);
                    self.raw(":");
                    self.str(value);
                }
                self.raw("}");
            }
            self.raw("}");
        }
        self.raw("]");
    }
}

pub(crate) fn verdict_str(v: Verdict) -> &'static str {
    match v {
        Verdict::Safe => "safe",
        Verdict::Caution => "caution",
        Verdict::Danger => "danger",
        Verdict::Invalid => "invalid",
    }
}

fn severity_str(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Caution => "caution",
        Severity::Danger => "danger",
    }
}

fn is_flagged(v: Verdict) -> bool {
    matches!(v, Verdict::Caution | Verdict::Danger)
}

/// A reason that is a warning of its own (what a mark or a dialog says).
fn warns(r: &Reason) -> bool {
    !QUIET_CODES.contains(&r.code) && r.severity != Severity::Info
}

/// One slot per link the page sent. The engine answers each distinct link once, under the
/// address it judged (the href trimmed), and adds links written in the text; the page needs
/// its own links back by position. A message has at most `message::links::MAX_LINKS` judged
/// links, so each is looked for along them: a map of them (std's seeded hash, a copy of each
/// address as its key, per message) was 2% of the benchmark's batch.
fn link_slots<'a>(input: &'a MessageInput, report: &'a MessageReport) -> impl Iterator<Item = LinkSlot<'a>> + 'a {
    input.links.iter().map(|l| {
        let href = l.href.trim();
        match report.links.iter().find(|r| r.input == href) {
            None => LinkSlot::None,
            Some(r) if is_flagged(r.verdict) => LinkSlot::Marked(r),
            Some(r) => LinkSlot::Verdict(r.verdict),
        }
    })
}

/// `host[:port]` of a URL, as a browser's `URL.host` gives it (no default port).
fn url_host(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?;
    Some(match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    })
}

/// UTF-16 offsets of byte offsets into one text. Each conversion counts on from the one
/// before when it lies further on, so a message's spans, converted in text order, are one pass
/// over its text, not one pass per span: counting from the start each time was a quarter of a
/// 200-message batch whose messages are not plain ASCII.
struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    units: usize,
}

impl<'a> Utf16Cursor<'a> {
    fn new(text: &'a str) -> Utf16Cursor<'a> {
        Utf16Cursor { text, byte: 0, units: 0 }
    }

    /// The UTF-16 offset of byte offset `byte`; an offset inside a character counts from that
    /// character's start, one past the end is the end.
    fn at(&mut self, byte: usize) -> usize {
        let mut b = byte.min(self.text.len());
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        if b < self.byte {
            self.byte = 0;
            self.units = 0;
        }
        self.units += utf16_len(&self.text.as_bytes()[self.byte..b]);
        self.byte = b;
        self.units
    }
}

/// The UTF-16 length of whole characters of UTF-8: one unit per character (every byte but a
/// continuation byte starts one), two for those of four bytes. A byte count the compiler
/// vectorises, where `encode_utf16().count()` decodes character by character.
fn utf16_len(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::MessageLink;
    use serde_json::{Value, json};

    fn engine() -> crate::Engine {
        crate::Engine::new(&crate::Config::default()).unwrap()
    }

    fn input(text: &str, hrefs: &[&str]) -> MessageInput {
        MessageInput {
            text: text.to_string(),
            links: hrefs.iter().map(|h| MessageLink { href: h.to_string(), text: None }).collect(),
            platform: Some("alibaba".into()),
            sender: None,
            attachments: vec![],
        }
    }

    fn link_json(r: &LinkReport) -> Value {
        let mut buf = Vec::new();
        LinkAnswer::new(r).write(&mut buf);
        serde_json::from_slice(&buf).expect("the writer writes JSON")
    }

    /// The batch's text for these messages, parsed, and what the worker is told.
    fn batch(e: &crate::Engine, inputs: &[MessageInput]) -> (Value, InboxText) {
        let mut b = InboxBatch::new(e.registry());
        for inp in inputs {
            b.push(inp, &e.check_message(inp).unwrap());
        }
        let done = b.finish();
        (serde_json::from_str(&done.text).expect("the batch is JSON"), done)
    }

    /// The reason at index `k` of the batch's table.
    fn reason_at(v: &Value, k: &Value) -> Value {
        v["reasons"][k.as_u64().unwrap() as usize].clone()
    }

    /// The full report as serde writes it, less what a batch answer leaves out.
    fn lean(report: &LinkReport) -> Value {
        let mut v = serde_json::to_value(report).unwrap();
        let o = v.as_object_mut().unwrap();
        o.remove("input");
        o.retain(|_, x| !x.is_null());
        for r in o["reasons"].as_array_mut().unwrap() {
            let r = r.as_object_mut().unwrap();
            r.remove("message");
            r.remove("weight");
            r.remove("span");
        }
        v
    }

    #[test]
    fn a_link_answer_is_the_report_without_echo_weights_and_sentences() {
        let e = engine();
        let cases: &[(&str, Option<&str>)] = &[
            ("https://a1ibaba-secure-login.com/login", None),
            ("https://www.alibaba.com/product-detail/x_1.html", Some("flange")),
            ("https://www.acme-industrial.de/rfq", Some("www.alibaba.com")),
            ("https://www.\u{430}libaba.com/login", None),
            ("https://click.example.net/ls/click?upn=https%3A%2F%2Fa1ibaba.top%2F%22x%22", None),
            ("http://185.22.1.10:8080/alibaba/login.php", None),
            ("https://www.alibaba.com@secure-6.xyz/remittance", None),
            ("mailto:buyer@gmail.com", None),
            ("not a url \"quoted\" \\ \u{1}", None),
        ];
        for (url, shown) in cases {
            let r = e.check_url(url, *shown, Some("alibaba"));
            assert_eq!(link_json(&r), lean(&r), "{url}");
        }
        let danger = link_json(&e.check_url("https://a1ibaba-secure-login.com/login", None, Some("alibaba")));
        assert_eq!(danger["verdict"], "danger");
        assert!(danger.get("input").is_none() && danger["reasons"][0].get("message").is_none());
    }

    #[test]
    fn strings_are_escaped_as_json_requires() {
        let nasty = "a\"b\\c\nd\re\tf\u{1}g\u{1f}h\u{7f}i\u{2028}j“k”𝐀";
        let mut buf = Vec::new();
        Json { out: &mut buf }.str(nasty);
        assert_eq!(serde_json::from_slice::<String>(&buf).unwrap(), nasty);
        for n in [0usize, 7, 10, 255, 1_000_000, usize::MAX] {
            let mut buf = Vec::new();
            Json { out: &mut buf }.uint(n);
            assert_eq!(buf, n.to_string().as_bytes());
        }
    }

    #[test]
    fn inbox_links_are_answered_by_position() {
        let e = engine();
        let hrefs = [
            "https://www.alibaba.com/product-detail/x_1.html",
            " https://a1ibaba-secure-login.com/login ",
            "https://www.alibaba.com/product-detail/x_1.html",
            "",
            " https://a1ibaba-secure-login.com/login",
        ];
        let inp = input("Please see the product page and log in to confirm the order.", &hrefs);
        let (v, done) = batch(&e, std::slice::from_ref(&inp));
        let links = v["messages"][0]["links"].as_array().unwrap();
        assert_eq!(links.len(), hrefs.len());
        assert_eq!(links[0], "safe");
        let k = links[1].as_u64().expect("a marked link is an index into the batch's links") as usize;
        let marked = &v["links"][k];
        assert_eq!(marked["verdict"], "danger", "matched after trimming, as the engine trims");
        assert_eq!(marked["host"], "a1ibaba-secure-login.com");
        assert_eq!(marked["imitates"], "Alibaba.com", "the platform by its name");
        assert!(marked.get("reasons").is_none() && marked.get("impersonates").is_none());
        let why = marked["why"].as_array().unwrap();
        assert!(!why.is_empty() && why.len() <= DIALOG_REASONS);
        assert!(reason_at(&v, &why[0])["code"].is_string() && reason_at(&v, &why[0]).get("message").is_none());
        assert_eq!(links[2], "safe", "a repeated link gets its verdict again");
        assert_eq!(links[3], Value::Null, "an empty link is not judged");
        assert_eq!(links[4], links[1], "a repeated marked link points at the same entry");
        assert_eq!(done.marked_links, 1, "counted once in its message");
    }

    #[test]
    fn a_safe_message_carries_only_its_verdicts() {
        let e = engine();
        let inp = input("Hello, what is the MOQ for the 304 flange? Thanks", &["https://www.alibaba.com/product-detail/x_1.html"]);
        let (v, done) = batch(&e, &[inp]);
        assert_eq!(v, json!({"reasons": [], "links": [], "messages": [{"verdict": "safe", "links": ["safe"]}]}));
        assert_eq!(done.verdicts, [Verdict::Safe]);
        assert_eq!(done.marked_links, 0);
    }

    #[test]
    fn an_empty_batch_is_an_empty_answer() {
        let e = engine();
        let (v, done) = batch(&e, &[]);
        assert_eq!(v, json!({"reasons": [], "links": [], "messages": []}));
        assert!(done.verdicts.is_empty());
    }

    #[test]
    fn a_flagged_message_carries_its_banner() {
        let e = engine();
        let inp = input(
            "Your account will be suspended within 24 hours unless you verify your password here: https://a1ibaba-secure-login.com/login",
            &[],
        );
        let rep = e.check_message(&inp).unwrap();
        assert!(is_flagged(rep.verdict));
        let (v, done) = batch(&e, std::slice::from_ref(&inp));
        assert_eq!(done.verdicts, [rep.verdict]);
        let m = &v["messages"][0];
        let full = serde_json::to_value(&rep).unwrap();
        assert_eq!(m["categories"], full["categories"]);
        // Advice and headline follow the order of harm, whatever the engine's order.
        let advice: Vec<&str> = m["advice"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        let rank = |c: &str| CATEGORY_ORDER.iter().position(|x| x.as_str() == c).unwrap();
        assert!(advice.windows(2).all(|w| rank(w[0]) < rank(w[1])));
        assert_eq!(m["headline"], format!("headline_{}", advice[0]));
        // Lines: the warning reasons, each once; cues: the words of info-level reasons.
        let lines: Vec<Value> = m["lines"].as_array().unwrap().iter().map(|l| reason_at(&v, &l[0])).collect();
        let warning: Vec<&Reason> = rep.reasons.iter().filter(|r| warns(r)).collect();
        assert!(!lines.is_empty());
        for l in &lines {
            assert!(warning.iter().any(|r| r.code.as_str() == l["code"]), "{l}");
        }
        for r in rep.reasons.iter().filter(|r| r.severity == Severity::Info && !QUIET_CODES.contains(&r.code)) {
            if let Some(ev) = r.params.get("evidence") {
                assert!(m["cues"].as_array().unwrap().contains(&json!(ev)), "cue {ev}");
            }
        }
        assert!(!m["spans"].as_array().unwrap().is_empty(), "the evidence is highlighted");
    }

    #[test]
    fn reasons_and_marked_links_are_written_once_per_batch() {
        let e = engine();
        let phish = "https://a1ibaba-secure-login.com/login";
        let a = input("Please log in to confirm the order.", &[phish, "https://www.acme-industrial.de/rfq"]);
        let b = input("Log in here to see the payment.", &[phish]);
        let (v, done) = batch(&e, &[a, b]);
        let (la, lb) = (&v["messages"][0]["links"], &v["messages"][1]["links"]);
        assert_eq!(la[0], lb[0], "the same link in two messages is one entry");
        assert_eq!(v["links"].as_array().unwrap().len(), 2);
        assert_eq!(done.marked_links, 3, "the badge counts it in each message");
        let reasons = v["reasons"].as_array().unwrap();
        let distinct: std::collections::HashSet<String> = reasons.iter().map(|r| r.to_string()).collect();
        assert_eq!(distinct.len(), reasons.len(), "each reason once");
    }

    #[test]
    fn reasons_leave_out_the_parameters_no_text_words() {
        let e = engine();
        let inp = input("Your account will be suspended, verify your password here: https://a1ibaba-secure-login.com/login", &[]);
        let rep = e.check_message(&inp).unwrap();
        assert!(rep.reasons.iter().any(|r| r.params.contains_key("url") || r.params.contains_key("why")), "the report has them");
        let (v, _) = batch(&e, &[inp]);
        for r in v["reasons"].as_array().unwrap() {
            for name in UNWORDED_PARAMS {
                assert!(r["params"].get(name).is_none(), "{r}");
            }
        }
        let link = reason_at(&v, &v["messages"][0]["lines"][0][0]);
        assert!(link["params"].as_object().is_some_and(|p| !p.is_empty()), "the worded ones stay: {link}");
    }

    #[test]
    fn a_redirect_shows_the_host_it_leads_to() {
        assert_eq!(url_host("https://alibaba.com.verify-account3.top:8443/login").as_deref(), Some("alibaba.com.verify-account3.top:8443"));
        assert_eq!(url_host("https://www.example.com:443/x").as_deref(), Some("www.example.com"), "no default port");
        assert_eq!(url_host("mailto:a@b.c"), None);
        let e = engine();
        let wrapped = "https://www.google.com/url?q=https%3A%2F%2Fa1ibaba-secure-login.com%3A8443%2Flogin";
        let r = e.check_url(wrapped, None, Some("alibaba"));
        assert_eq!(r.verdict, Verdict::Danger);
        assert!(r.destination.as_deref().is_some_and(|d| d.contains(":8443")), "{:?}", r.destination);
        let (v, _) = batch(&e, &[input("Please log in to see the order.", &[wrapped])]);
        let k = v["messages"][0]["links"][0].as_u64().unwrap() as usize;
        assert_eq!(v["links"][k]["destination"], "a1ibaba-secure-login.com:8443");
    }

    #[test]
    fn spans_are_utf16_offsets_of_the_text() {
        // "“" is 3 bytes and 1 UTF-16 unit; "𝐀" is 4 bytes and 2 units.
        let text = "“𝐀” urgent: verify your account";
        let at = text.find("urgent").unwrap();
        let mut c = Utf16Cursor::new(text);
        assert_eq!(c.at(at), 5);
        assert_eq!(c.at(1), 0, "inside a character: its start (and counted again from the start)");
        assert_eq!(c.at(text.len()), text.encode_utf16().count());
        assert_eq!(c.at(text.len() + 5), text.encode_utf16().count());
        assert_eq!(c.at(at + 6), 11);
        // Every byte offset, forwards, backwards and from a fresh cursor, against the decoder.
        let want = |b: usize| text[..(0..=b).rev().find(|&i| text.is_char_boundary(i)).unwrap()].encode_utf16().count();
        for b in (0..=text.len()).chain((0..=text.len()).rev()) {
            assert_eq!(c.at(b), want(b), "byte {b}");
            assert_eq!(Utf16Cursor::new(text).at(b), want(b), "byte {b}, fresh");
        }
        let e = engine();
        let inp = input(&format!("“Notice” {}", "Your account will be suspended within 24 hours unless you verify your password here: https://a1ibaba-secure-login.com/login"), &[]);
        let rep = e.check_message(&inp).unwrap();
        assert!(is_flagged(rep.verdict));
        let (v, _) = batch(&e, std::slice::from_ref(&inp));
        let utf16: Vec<u16> = inp.text.encode_utf16().collect();
        let byte_spans: Vec<&str> = rep.reasons.iter().filter_map(|r| r.span).map(|s| &inp.text[s.start..s.end]).collect();
        let spans = v["messages"][0]["spans"].as_array().unwrap();
        assert!(!spans.is_empty(), "the message has evidence to highlight");
        for s in spans {
            let (a, b) = (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize);
            let shown = String::from_utf16(&utf16[a..b]).unwrap();
            assert!(byte_spans.contains(&shown.as_str()), "{shown}");
        }
    }
}
