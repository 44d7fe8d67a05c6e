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

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use crate::link::LinkReport;
use crate::message::{Category, MessageInput, MessageReport};
use crate::reason::{Code, Params, Reason, Severity, Span, Verdict};

/// One link of a batch, in the order asked.
#[derive(Serialize)]
pub struct LinkAnswer<'a> {
    verdict: Verdict,
    score: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    platform: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    impersonates: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    destination: Option<&'a str>,
    reasons: Reasons<'a>,
}

/// One message of an inbox, as its page draws it.
#[derive(Serialize)]
pub struct InboxAnswer<'a> {
    verdict: Verdict,
    links: Vec<LinkSlot<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    categories: Option<&'a [Category]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reasons: Option<Reasons<'a>>,
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

/// Reasons written as `{code, severity, params?, span?}`.
struct Reasons<'a> {
    reasons: &'a [Reason],
    /// The text the spans point into, when spans are written (as UTF-16 offsets).
    text: Option<&'a str>,
}

#[derive(Serialize)]
struct ReasonView<'a> {
    code: Code,
    severity: Severity,
    #[serde(skip_serializing_if = "params_empty")]
    params: &'a Params,
    #[serde(skip_serializing_if = "Option::is_none")]
    span: Option<Span>,
}

#[derive(Serialize)]
struct MarkedLink<'a> {
    verdict: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    impersonates: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    destination: Option<&'a str>,
    reasons: Reasons<'a>,
}

impl<'a> LinkAnswer<'a> {
    pub fn new(r: &'a LinkReport) -> LinkAnswer<'a> {
        LinkAnswer {
            verdict: r.verdict,
            score: r.score,
            platform: r.platform.as_deref(),
            impersonates: r.impersonates.as_deref(),
            host: r.host.as_deref(),
            destination: r.destination.as_deref(),
            reasons: Reasons { reasons: &r.reasons, text: None },
        }
    }
}

impl<'a> InboxAnswer<'a> {
    /// The answer to `input`, whose report is `report`.
    pub fn new(input: &'a MessageInput, report: &'a MessageReport) -> InboxAnswer<'a> {
        let flagged = is_flagged(report.verdict);
        InboxAnswer {
            verdict: report.verdict,
            links: link_slots(input, report),
            categories: flagged.then_some(report.categories.as_slice()),
            reasons: flagged.then_some(Reasons { reasons: &report.reasons, text: Some(&input.text) }),
        }
    }
}

fn is_flagged(v: Verdict) -> bool {
    matches!(v, Verdict::Caution | Verdict::Danger)
}

fn params_empty(p: &&Params) -> bool {
    p.is_empty()
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

impl Serialize for Reasons<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // ASCII text, the usual case: a byte offset is a UTF-16 offset.
        let convert = self.text.filter(|t| !t.is_ascii());
        let mut seq = serializer.serialize_seq(Some(self.reasons.len()))?;
        for r in self.reasons {
            let span = match (self.text, r.span) {
                (None, _) | (_, None) => None,
                (Some(_), Some(s)) => Some(match convert {
                    Some(t) => Span { start: utf16_offset(t, s.start), end: utf16_offset(t, s.end) },
                    None => s,
                }),
            };
            seq.serialize_element(&ReasonView { code: r.code, severity: r.severity, params: &r.params, span })?;
        }
        seq.end()
    }
}

impl Serialize for LinkSlot<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            LinkSlot::None => serializer.serialize_none(),
            LinkSlot::Same(k) => serializer.serialize_u64(*k as u64),
            LinkSlot::Verdict(v) => v.serialize(serializer),
            LinkSlot::Marked(r) => MarkedLink {
                verdict: r.verdict,
                host: r.host.as_deref(),
                impersonates: r.impersonates.as_deref(),
                destination: r.destination.as_deref(),
                reasons: Reasons { reasons: &r.reasons, text: None },
            }
            .serialize(serializer),
        }
    }
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

    #[test]
    fn a_link_answer_has_no_echo_and_no_sentences() {
        let e = engine();
        let r = e.check_url("https://a1ibaba-secure-login.com/login", None, Some("alibaba"));
        assert_eq!(r.verdict, Verdict::Danger);
        let v = serde_json::to_value(LinkAnswer::new(&r)).unwrap();
        assert_eq!(v["verdict"], "danger");
        assert_eq!(v["impersonates"], "alibaba");
        assert_eq!(v["host"], "a1ibaba-secure-login.com");
        assert!(v.get("input").is_none());
        let reasons = v["reasons"].as_array().unwrap();
        assert_eq!(reasons.len(), r.reasons.len());
        for (a, full) in reasons.iter().zip(&r.reasons) {
            assert_eq!(a["code"], full.code.as_str());
            assert!(a.get("message").is_none() && a.get("weight").is_none());
            assert_eq!(a.get("params").is_some(), !full.params.is_empty());
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
        ];
        let inp = input("Please see the product page and log in to confirm the order.", &hrefs);
        let rep = e.check_message(&inp);
        let v = serde_json::to_value(InboxAnswer::new(&inp, &rep)).unwrap();
        let links = v["links"].as_array().unwrap();
        assert_eq!(links.len(), hrefs.len());
        assert_eq!(links[0], "safe");
        assert_eq!(links[1]["verdict"], "danger", "matched after trimming, as the engine trims");
        assert!(links[1]["reasons"][0]["code"].is_string() && links[1]["reasons"][0].get("message").is_none());
        assert_eq!(links[2], json!(0), "a repeated link points at its first answer");
        assert_eq!(links[3], Value::Null, "an empty link is not judged");
    }

    #[test]
    fn a_safe_message_carries_only_its_verdicts() {
        let e = engine();
        let inp = input("Hello, what is the MOQ for the 304 flange? Thanks", &["https://www.alibaba.com/product-detail/x_1.html"]);
        let rep = e.check_message(&inp);
        assert_eq!(rep.verdict, Verdict::Safe);
        let v = serde_json::to_value(InboxAnswer::new(&inp, &rep)).unwrap();
        assert_eq!(v, json!({"verdict": "safe", "links": ["safe"]}));
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
        let rep = e.check_message(&inp);
        assert!(is_flagged(rep.verdict));
        let v = serde_json::to_value(InboxAnswer::new(&inp, &rep)).unwrap();
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
