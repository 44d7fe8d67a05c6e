//! Batch answers as the browser reads them: the reports reduced to what a UI uses.
//!
//! A full report ([`LinkReport`], [`MessageReport`]) is the CLI's contract: it echoes the input,
//! and every reason carries its weight and an English sentence. In the extension a batch
//! answer is serialised to JSON, parsed by the browser, and (for an inbox) copied between
//! processes; at 10,000 links the echoed URLs and the sentences were most of the bytes, and
//! the UI formats its texts from `_locales` by reason code and parameters anyway. So the batch
//! entry points of the wasm module (`checkLinks`, `checkInbox`) write these views instead:
//! borrowed from the reports, written straight into the JSON buffer, nothing copied.
//!
//! - [`LinkAnswer`]: `{verdict, score, platform?, impersonates?, host?, destination?,
//!   reasons:[{code, severity, params?}]}`, in the order of the links asked about.
//! - [`InboxAnswer`]: one message as the inbox page draws it: `{verdict, links, categories?,
//!   reasons?}`. `links` has one entry per link the page sent, by position: the verdict alone
//!   (`"safe"`, `"invalid"`) when nothing is drawn for it, `null` when the engine did not judge
//!   it (an empty link, or one the engine took as a repeat of another), the index of an
//!   earlier entry when the page sent the same link twice, else `{verdict, host?,
//!   impersonates?, destination?, reasons}` for a link that gets a mark. A flagged message's
//!   reasons carry their spans in UTF-16 code units of the text sent (what a JS string
//!   indexes).
//!
//! Neither carries the English sentences: every reason code has a text in every locale, worded
//! from the reason's parameters (tests/wasm/locales.test.mjs checks that over the corpora).

use std::collections::HashMap;

use crate::link::LinkReport;
use crate::message::{MessageInput, MessageReport};
use crate::reason::{Reason, Severity, Span, Verdict};

/// One link of a batch, in the order asked.
pub struct LinkAnswer<'a> {
    report: &'a LinkReport,
}

/// One message of an inbox, as its page draws it.
pub struct InboxAnswer<'a> {
    input: &'a MessageInput,
    report: &'a MessageReport,
}

/// What the page is told about one link it sent.
enum LinkSlot<'a> {
    /// The engine did not judge it.
    None,
    /// The same link as the entry at this index.
    Same(usize),
    /// Judged, nothing to draw: the verdict alone.
    Verdict(Verdict),
    /// Judged caution or danger: what the mark, its tooltip and a stopped click show.
    Marked(&'a LinkReport),
}

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
        j.reasons(&r.reasons, None);
        j.raw("}");
    }
}

impl<'a> InboxAnswer<'a> {
    /// The answer to `input`, whose report is `report`.
    pub fn new(input: &'a MessageInput, report: &'a MessageReport) -> InboxAnswer<'a> {
        InboxAnswer { input, report }
    }

    /// `{verdict, links, categories?, reasons?}`.
    pub fn write(&self, out: &mut Vec<u8>) {
        let report = self.report;
        let mut j = Json { out };
        j.raw("{\"verdict\":");
        j.name(verdict_str(report.verdict));
        j.raw(",\"links\":[");
        for (i, slot) in link_slots(self.input, report).iter().enumerate() {
            if i > 0 {
                j.raw(",");
            }
            match slot {
                LinkSlot::None => j.raw("null"),
                LinkSlot::Same(k) => j.uint(*k),
                LinkSlot::Verdict(v) => j.name(verdict_str(*v)),
                LinkSlot::Marked(r) => {
                    j.raw("{\"verdict\":");
                    j.name(verdict_str(r.verdict));
                    j.opt(",\"host\":", r.host.as_deref());
                    j.opt(",\"impersonates\":", r.impersonates.as_deref());
                    j.opt(",\"destination\":", r.destination.as_deref());
                    j.raw(",\"reasons\":");
                    j.reasons(&r.reasons, None);
                    j.raw("}");
                }
            }
        }
        j.raw("]");
        if is_flagged(report.verdict) {
            j.raw(",\"categories\":[");
            for (i, c) in report.categories.iter().enumerate() {
                if i > 0 {
                    j.raw(",");
                }
                j.name(c.as_str());
            }
            j.raw("],\"reasons\":");
            j.reasons(&report.reasons, Some(&self.input.text));
        }
        j.raw("}");
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

    /// `[{code, severity, params?, span?}]`; spans only when `text` is given, as UTF-16
    /// offsets into it.
    fn reasons(&mut self, reasons: &[Reason], text: Option<&str>) {
        // ASCII text, the usual case: a byte offset is a UTF-16 offset.
        let convert = text.filter(|t| !t.is_ascii());
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
            if let (Some(_), Some(s)) = (text, r.span) {
                let s = match convert {
                    Some(t) => Span { start: utf16_offset(t, s.start), end: utf16_offset(t, s.end) },
                    None => s,
                };
                self.raw(",\"span\":{\"start\":");
                self.uint(s.start);
                self.raw(",\"end\":");
                self.uint(s.end);
                self.raw("}");
            }
            self.raw("}");
        }
        self.raw("]");
    }
}

fn verdict_str(v: Verdict) -> &'static str {
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

/// One slot per link the page sent. The engine answers each distinct link once, under the
/// address it judged (the href trimmed), and adds links written in the text; the page needs
/// its own links back by position.
fn link_slots<'a>(input: &MessageInput, report: &'a MessageReport) -> Vec<LinkSlot<'a>> {
    let mut judged: HashMap<&str, usize> = HashMap::with_capacity(report.links.len());
    for (j, l) in report.links.iter().enumerate() {
        judged.entry(l.input.as_str()).or_insert(j);
    }
    // Report index -> the first slot that answered it.
    let mut first: HashMap<usize, usize> = HashMap::new();
    input
        .links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let Some(&j) = judged.get(l.href.trim()) else { return LinkSlot::None };
            if let Some(&k) = first.get(&j) {
                return LinkSlot::Same(k);
            }
            first.insert(j, i);
            let r = &report.links[j];
            if is_flagged(r.verdict) { LinkSlot::Marked(r) } else { LinkSlot::Verdict(r.verdict) }
        })
        .collect()
}

/// The UTF-16 offset of byte offset `byte` of `text`; an offset inside a character counts
/// from that character's start, one past the end is the end.
fn utf16_offset(text: &str, byte: usize) -> usize {
    if byte >= text.len() {
        return text.encode_utf16().count();
    }
    let mut b = byte;
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].encode_utf16().count()
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

    fn inbox_json(inp: &MessageInput, r: &MessageReport) -> Value {
        let mut buf = Vec::new();
        InboxAnswer::new(inp, r).write(&mut buf);
        serde_json::from_slice(&buf).expect("the writer writes JSON")
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
        let rep = e.check_message(&inp).unwrap();
        let v = inbox_json(&inp, &rep);
        let links = v["links"].as_array().unwrap();
        assert_eq!(links.len(), hrefs.len());
        assert_eq!(links[0], "safe");
        assert_eq!(links[1]["verdict"], "danger", "matched after trimming, as the engine trims");
        assert_eq!(links[1]["impersonates"], "alibaba");
        assert!(links[1]["reasons"][0]["code"].is_string() && links[1]["reasons"][0].get("message").is_none());
        assert_eq!(links[2], json!(0), "a repeated link points at its first answer");
        assert_eq!(links[3], Value::Null, "an empty link is not judged");
        assert_eq!(links[4], json!(1));
    }

    #[test]
    fn a_safe_message_carries_only_its_verdicts() {
        let e = engine();
        let inp = input("Hello, what is the MOQ for the 304 flange? Thanks", &["https://www.alibaba.com/product-detail/x_1.html"]);
        let rep = e.check_message(&inp).unwrap();
        assert_eq!(rep.verdict, Verdict::Safe);
        assert_eq!(inbox_json(&inp, &rep), json!({"verdict": "safe", "links": ["safe"]}));
    }

    #[test]
    fn a_flagged_message_carries_its_categories_and_reasons() {
        let e = engine();
        let inp = input(
            "Your account will be suspended within 24 hours unless you verify your password here: https://a1ibaba-secure-login.com/login",
            &[],
        );
        let rep = e.check_message(&inp).unwrap();
        assert!(is_flagged(rep.verdict));
        let v = inbox_json(&inp, &rep);
        let full = serde_json::to_value(&rep).unwrap();
        assert_eq!(v["categories"], full["categories"]);
        let codes = |x: &Value| x.as_array().unwrap().iter().map(|r| r["code"].clone()).collect::<Vec<_>>();
        assert_eq!(codes(&v["reasons"]), codes(&full["reasons"]));
        for (a, b) in v["reasons"].as_array().unwrap().iter().zip(full["reasons"].as_array().unwrap()) {
            assert_eq!(a.get("params"), b.get("params"));
            assert_eq!(a.get("span"), b.get("span"), "ASCII text: byte and UTF-16 offsets agree");
        }
    }

    #[test]
    fn spans_are_utf16_offsets_of_the_text() {
        // "“" is 3 bytes and 1 UTF-16 unit; "𝐀" is 4 bytes and 2 units.
        let text = "“𝐀” urgent: verify your account";
        let at = text.find("urgent").unwrap();
        assert_eq!(utf16_offset(text, at), 5);
        assert_eq!(utf16_offset(text, 1), 0, "inside a character: its start");
        assert_eq!(utf16_offset(text, text.len()), text.encode_utf16().count());
        assert_eq!(utf16_offset(text, text.len() + 5), text.encode_utf16().count());
        let e = engine();
        let inp = input(&format!("“Notice” {}", "Your account will be suspended within 24 hours unless you verify your password here: https://a1ibaba-secure-login.com/login"), &[]);
        let rep = e.check_message(&inp).unwrap();
        assert!(is_flagged(rep.verdict));
        let v = inbox_json(&inp, &rep);
        let utf16: Vec<u16> = inp.text.encode_utf16().collect();
        let mut spans = 0;
        for (view, full) in v["reasons"].as_array().unwrap().iter().zip(&rep.reasons) {
            let Some(s) = full.span else { continue };
            let (a, b) = (view["span"]["start"].as_u64().unwrap() as usize, view["span"]["end"].as_u64().unwrap() as usize);
            assert_eq!(String::from_utf16(&utf16[a..b]).unwrap(), &inp.text[s.start..s.end]);
            spans += 1;
        }
        assert!(spans > 0, "the message has evidence to highlight");
    }
}
