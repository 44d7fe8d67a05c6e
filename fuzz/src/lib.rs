//! What every fuzz target shares: the one engine, the input encodings, and the invariants each
//! answer must keep.
//!
//! The targets read simple byte layouts rather than `arbitrary`'s opaque encoding wherever a
//! layout is natural, so `fuzz/seed_corpus.py` can write the repository's fixtures (URLs,
//! messages, pages) straight into each corpus and libFuzzer starts from real scams instead of
//! from nothing. Where a structure is deep (page facts), `arbitrary` builds it, and the
//! strings it picks are biased towards the words the engine reacts to, taken from the engine's
//! own registry and `data/pages.toml`, so mutations reach the brand and credential rules.
//!
//! The invariants are the contracts of `docs/ARCHITECTURE.md`: a score is 0–100, every span
//! is a byte range of the judged text on character boundaries (the UI slices the text with
//! it), every report serialises to JSON (the CLI and the extension send it as JSON), and no
//! input panics. A violated invariant aborts like a panic, so libFuzzer records the input.

use std::borrow::Cow;
use std::sync::OnceLock;

use arbitrary::{Result, Unstructured};
use sellershield::page::{FieldFacts, FormFacts, FrameFacts};
use sellershield::{Engine, LinkReport, MessageInput, MessageReport, PageFacts, PageReport, Reason};

/// The settings the shared engine is built with: a protected and a trusted domain, so the
/// seller-configured paths run too, besides every platform of the registry.
pub const CONFIG: &str = r#"{"protectedDomains":["acme-widgets.com"],"trustedDomains":["example-buyer.de"]}"#;

/// Words the engine reacts to, for the structured targets.
pub struct Tokens {
    /// Platform ids, names, registrable domains and brand tokens from the registry, and every
    /// quoted word of `data/pages.toml` (field and sign-in vocabulary, in every language).
    pub words: Vec<String>,
    /// Hosts: genuine ones, and lookalike-shaped ones made from them.
    pub hosts: Vec<String>,
}

/// The engine, built once per fuzzing process: building parses the registry and the Public
/// Suffix List, far more work than one check.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::from_json(CONFIG).expect("the fuzzing config is valid"))
}

/// The interesting words, gathered once.
pub fn tokens() -> &'static Tokens {
    static TOKENS: OnceLock<Tokens> = OnceLock::new();
    TOKENS.get_or_init(|| {
        let mut words = Vec::new();
        let mut hosts = Vec::new();
        for p in &engine().registry().platforms {
            words.push(p.id.clone());
            words.push(p.short_name().to_string());
            words.extend(p.brand_tokens.iter().cloned());
            for d in &p.registrable_domains {
                hosts.push(d.clone());
                hosts.push(format!("login.{d}"));
                hosts.push(format!("{d}.verify-account.top"));
                hosts.push(format!("{}-login.web.app", p.id));
            }
        }
        words.extend(quoted_strings(include_str!("../../data/pages.toml")));
        hosts.extend(["acme-widgets.com", "acme-widgets.co", "example-buyer.de", "bit.ly", "192.168.0.1", "xn--libaba-2nf.com"].map(String::from));
        words.sort();
        words.dedup();
        Tokens { words, hosts }
    })
}

/// The double-quoted strings of a TOML file, without a TOML parser: the fuzz crate only needs
/// the vocabulary, and a missed escape costs one odd token, not a failure.
fn quoted_strings(toml: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in toml.lines() {
        let line = line.trim_start();
        if line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('"');
        parts.next();
        while let (Some(inside), Some(_)) = (parts.next(), parts.next()) {
            if !inside.is_empty() && inside.len() < 64 {
                out.push(inside.to_string());
            }
        }
    }
    out
}

/// A platform id picked by one byte: every registry id, no platform, or an id the registry
/// does not know (the extension may pass a stale one).
pub fn platform(selector: u8) -> Option<&'static str> {
    let ids = &engine().registry().platforms;
    let i = selector as usize % (ids.len() + 2);
    match i {
        i if i < ids.len() => Some(ids[i].id.as_str()),
        i if i == ids.len() => None,
        _ => Some("not-a-platform"),
    }
}

/// Bytes as the text a browser would hand over (it always has valid UTF-16, so valid UTF-8).
pub fn text(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// A string biased towards the engine's vocabulary: a known word, a host, a URL on a host, or
/// arbitrary text, sometimes glued together.
pub fn pick_string(u: &mut Unstructured) -> Result<String> {
    let t = tokens();
    let s = match u.int_in_range(0..=5u8)? {
        0 => u.choose(&t.words)?.clone(),
        1 => u.choose(&t.hosts)?.clone(),
        2 => format!("https://{}/{}", u.choose(&t.hosts)?, String::arbitrary_take(u, 24)?),
        3 => format!("{} {}", u.choose(&t.words)?, u.choose(&t.words)?),
        _ => String::arbitrary_take(u, 200)?,
    };
    Ok(s)
}

/// An arbitrary string of at most `max` bytes.
trait ArbitraryTake {
    fn arbitrary_take(u: &mut Unstructured, max: usize) -> Result<String>;
}

impl ArbitraryTake for String {
    fn arbitrary_take(u: &mut Unstructured, max: usize) -> Result<String> {
        let s: &str = u.arbitrary()?;
        let mut end = s.len().min(max);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        Ok(s[..end].to_string())
    }
}

fn pick_list(u: &mut Unstructured, max: usize) -> Result<Vec<String>> {
    let n = u.int_in_range(0..=max)?;
    (0..n).map(|_| pick_string(u)).collect()
}

fn field(u: &mut Unstructured) -> Result<FieldFacts> {
    const KINDS: &[&str] = &["password", "text", "email", "tel", "number", "hidden", "select", "textarea", "search", ""];
    let kind = if u.ratio(3, 4)? { u.choose(KINDS)?.to_string() } else { pick_string(u)? };
    Ok(FieldFacts {
        kind,
        name: pick_string(u)?,
        id: pick_string(u)?,
        autocomplete: pick_string(u)?,
        placeholder: pick_string(u)?,
        label: pick_string(u)?,
        visible: u.arbitrary()?,
    })
}

fn form(u: &mut Unstructured) -> Result<FormFacts> {
    let n = u.int_in_range(0..=6)?;
    Ok(FormFacts {
        action: pick_string(u)?,
        method: if u.arbitrary()? { "post".into() } else { pick_string(u)? },
        fields: (0..n).map(|_| field(u)).collect::<Result<_>>()?,
        submit_text: pick_string(u)?,
    })
}

/// Page facts with every field drawn from the input: what a hostile page can make the
/// content script send.
pub fn page_facts(u: &mut Unstructured) -> Result<PageFacts> {
    let forms = (0..u.int_in_range(0..=4)?).map(|_| form(u)).collect::<Result<_>>()?;
    let frames = (0..u.int_in_range(0..=3)?)
        .map(|_| {
            let n = u.int_in_range(0..=2)?;
            Ok(FrameFacts { src: pick_string(u)?, visible: u.arbitrary()?, forms: (0..n).map(|_| form(u)).collect::<Result<_>>()? })
        })
        .collect::<Result<_>>()?;
    Ok(PageFacts {
        url: pick_string(u)?,
        title: pick_string(u)?,
        top_frame: u.arbitrary()?,
        referrer: pick_string(u)?,
        opened_from_inbox: platform(u.arbitrary()?).map(String::from),
        forms,
        headings: pick_list(u, 4)?,
        logos: pick_list(u, 4)?,
        favicon: pick_string(u)?,
        site_name: pick_string(u)?,
        text_sample: pick_string(u)?,
        frames,
    })
}

/// Splits the input at NUL bytes into at most `n` parts (the last keeps any further NULs).
pub fn split_nul(s: &str, n: usize) -> Vec<&str> {
    s.splitn(n, '\0').collect()
}

fn assert_score(score: u8, what: &str) {
    assert!(score <= 100, "{what} score {score} is over 100");
}

fn assert_spans(reasons: &[Reason], judged: &str, what: &str) {
    for r in reasons {
        if let Some(s) = &r.span {
            assert!(s.start <= s.end && s.end <= judged.len(), "{what}: span {s:?} of {:?} is outside the {} bytes judged", r.code, judged.len());
            assert!(
                judged.is_char_boundary(s.start) && judged.is_char_boundary(s.end),
                "{what}: span {s:?} of {:?} cuts a character",
                r.code
            );
        }
    }
}

/// The link contract: a bounded score and JSON out.
pub fn check_link_report(r: &LinkReport) {
    assert_score(r.score, "link");
    serde_json::to_string(r).expect("a link report serialises");
}

/// The message contract: bounded score, spans inside the text, JSON out.
pub fn check_message_report(input: &MessageInput, r: &MessageReport) {
    assert_score(r.score, "message");
    assert_spans(&r.reasons, &input.text, "message");
    for l in &r.links {
        check_link_report(l);
    }
    serde_json::to_string(r).expect("a message report serialises");
}

/// The page contract: bounded score, JSON out.
pub fn check_page_report(r: &PageReport) {
    assert_score(r.score, "page");
    serde_json::to_string(r).expect("a page report serialises");
}
