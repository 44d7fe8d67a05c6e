//! The WebAssembly face of the engine, for the extension's service worker.
//!
//! One `Engine` is built when the service worker starts and answers batches: the content
//! script sends every link of a page, or every new message, in one call, so the cost of
//! crossing into WebAssembly is paid per page, not per link. Values cross as JSON text: the
//! browser's native `JSON.parse`/`JSON.stringify` build and read whole object trees in one call,
//! where walking them field by field through the JS boundary (serde-wasm-bindgen) cost more than
//! judging the link itself. It also keeps one meaning for settings everywhere: unknown keys are
//! refused here exactly as the CLI refuses them. Errors cross as JS `Error`s with the engine's
//! message, never as panics.
//!
//! The batch entry points answer with the lean views of `answer.rs` (no echoed input, no English
//! sentences), except `checkMessages`, which keeps the full reports for callers that want them.
//! `checkInbox` takes its messages as JSON text (what the inbox page sends: one string crosses
//! the browser's messaging and the JS boundary in one copy) and answers with JSON text the
//! service worker passes on to the page unparsed.
//! A batch answer is written and handed over a slice at a time ([`to_js_batch`]): linear memory
//! never shrinks, so a 10,000-link answer held whole (the reports, then their JSON text, then
//! the text's doubling buffer) would leave the module at ~30 MB for the rest of its life.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use std::borrow::Cow;

use crate::answer::{InboxBatch, LinkAnswer, verdict_str};
use crate::config::Config;
use crate::json::{self, FromJson, JsonError, Parser};
use crate::message::MessageInput;
use crate::page::PageFacts;
use crate::password::{self, Fingerprint};

/// How much JSON text a batch answer gathers before the browser parses it: big enough that
/// the crossings do not count, small enough that the buffer stays a rounding error of memory.
const BATCH_SLICE_BYTES: usize = 64 * 1024;

/// Why an answer could not be written. Writing one of the engine's own types into memory
/// cannot fail, so `serde_json`'s error is not formatted: its `Display` brought `std::io`'s
/// error texts into the module (~4 KB).
const WRITE_FAILED: &str = "the engine could not write its answer as JSON";

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|_| JsError::new(WRITE_FAILED))?;
    parse_text(&text)
}

fn parse_text(text: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(text).map_err(|_| JsError::new("the engine produced JSON the browser could not read"))
}

/// A JS array of the items, in order, judged and serialised one at a time: only one slice of
/// JSON text (and one report) is alive at once, whatever the batch size. Each item writes its
/// own JSON (so it may serialise a view borrowed from a report it owns).
fn to_js_batch<W>(items: impl Iterator<Item = W>) -> Result<JsValue, JsError>
where
    W: FnOnce(&mut Vec<u8>) -> Result<(), String>,
{
    let slices = js_sys::Array::new();
    let mut buf: Vec<u8> = Vec::with_capacity(BATCH_SLICE_BYTES + BATCH_SLICE_BYTES / 4);
    let flush = |buf: &mut Vec<u8>| -> Result<(), JsError> {
        buf.push(b']');
        let text = std::str::from_utf8(buf).map_err(|e| JsError::new(&e.to_string()))?;
        slices.push(&parse_text(text)?);
        buf.clear();
        Ok(())
    };
    for item in items {
        buf.push(if buf.is_empty() { b'[' } else { b',' });
        item(&mut buf).map_err(|e| JsError::new(&e))?;
        if buf.len() >= BATCH_SLICE_BYTES {
            flush(&mut buf)?;
        }
    }
    if !buf.is_empty() {
        flush(&mut buf)?;
    }
    Ok(match slices.length() {
        0 => js_sys::Array::new().into(),
        1 => slices.get(0),
        _ => slices.flat(1).into(),
    })
}

fn json_text(value: &JsValue, what: &str) -> Result<String, String> {
    js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()).ok_or_else(|| format!("{what}: not representable as JSON"))
}

/// The value's JSON text read as a `T` (`crate::json`: one parser for every input type, where
/// `serde_json`'s deserialiser was a copy per type), or an error starting with `what`.
fn parse_js<T: for<'a> FromJson<'a>>(value: &JsValue, what: &str) -> Result<T, String> {
    parse_text_as(&json_text(value, what)?, what)
}

fn parse_text_as<T: for<'a> FromJson<'a>>(text: &str, what: &str) -> Result<T, String> {
    json::from_str(text).map_err(|e| format!("{what}: {e}"))
}

fn from_js<T: for<'a> FromJson<'a>>(value: JsValue, what: &str) -> Result<T, JsError> {
    parse_js(&value, what).map_err(|e| JsError::new(&e))
}

/// A link to check, as a batch sends it: borrowed from the request's JSON text where no escape
/// forces a copy.
struct LinkQuery<'a> {
    url: Cow<'a, str>,
    text: Option<Cow<'a, str>>,
    platform: Option<Cow<'a, str>>,
}

impl<'a> FromJson<'a> for LinkQuery<'a> {
    fn read(p: &mut Parser<'a>) -> Result<LinkQuery<'a>, JsonError> {
        let (mut url, mut text, mut platform) = (None, None, None);
        p.object(&mut |p, key| {
            let value = |p: &mut Parser<'a>| if p.null() { Ok(None) } else { p.string().map(Some) };
            match key {
                "url" => url = Some(p.string()?),
                "text" => text = value(p)?,
                "platform" => platform = value(p)?,
                _ => p.skip()?,
            }
            Ok(())
        })?;
        let url = url.ok_or_else(|| p.error("missing field `url`"))?;
        Ok(LinkQuery { url, text, platform })
    }
}

/// The engine, as JavaScript sees it.
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    inner: crate::Engine,
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// `new Engine(config)`: throws an `Error` naming the bad setting.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<WasmEngine, JsError> {
        let config: Config = if config.is_undefined() || config.is_null() { Config::default() } else { from_js(config, "settings")? };
        let inner = crate::Engine::new(&config).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(WasmEngine { inner })
    }

    /// One link: `{input, verdict, score, platform, impersonates, reasons, host, destination}`.
    #[wasm_bindgen(js_name = checkUrl)]
    pub fn check_url(&self, url: &str, text: Option<String>, platform: Option<String>) -> Result<JsValue, JsError> {
        to_js(&self.inner.check_url(url, text.as_deref(), platform.as_deref()))
    }

    /// Many links at once: `[{url, text?, platform?}]` in, one answer each out, in order:
    /// `{verdict, score, platform?, impersonates?, host?, destination?, reasons:[{code,
    /// severity, params?}]}` (see `answer.rs`: no echo of the URL, no English sentences; the UI
    /// words reasons from `_locales` by code and parameters, `checkUrl` has the full report).
    #[wasm_bindgen(js_name = checkLinks)]
    pub fn check_links(&self, links: JsValue) -> Result<JsValue, JsError> {
        let text = json_text(&links, "links").map_err(|e| JsError::new(&e))?;
        let links: Vec<LinkQuery> = json::from_str(&text).map_err(|e| JsError::new(&format!("links: {e}")))?;
        to_js_batch(links.iter().map(|l| {
            let report = self.inner.check_url(&l.url, l.text.as_deref(), l.platform.as_deref());
            move |buf: &mut Vec<u8>| {
                LinkAnswer::new(&report).write(buf);
                Ok(())
            }
        }))
    }

    /// One message: `{text, links:[{href,text}], platform, sender, attachments}`.
    #[wasm_bindgen(js_name = checkMessage)]
    pub fn check_message(&self, message: JsValue) -> Result<JsValue, JsError> {
        let input: MessageInput = from_js(message, "message")?;
        to_js(&self.inner.check_message(&input).map_err(|e| JsError::new(&e.to_string()))?)
    }

    /// Many messages at once.
    #[wasm_bindgen(js_name = checkMessages)]
    pub fn check_messages(&self, messages: JsValue) -> Result<JsValue, JsError> {
        let inputs: Vec<MessageInput> = from_js(messages, "messages")?;
        to_js_batch(inputs.iter().map(|m| {
            let report = self.inner.check_message(m);
            move |buf: &mut Vec<u8>| match report {
                Ok(report) => serde_json::to_writer(buf, &report).map_err(|_| WRITE_FAILED.to_string()),
                Err(e) => Err(e.to_string()),
            }
        }))
    }

    /// A batch of an inbox page's messages (`[{text, links:[{href, text?}], sender?,
    /// attachments?}]`, as JSON text or as values), in the inbox of `platform`, which is the
    /// page's and replaces any a message names. Answers `{verdicts, markedLinks, answer}`: each
    /// message's verdict and the count of caution and danger links (what the service worker
    /// decides with), and `answer`, the JSON text the page draws from (`answer.rs`,
    /// [`InboxBatch`]), for the worker to pass on as it is.
    #[wasm_bindgen(js_name = checkInbox)]
    pub fn check_inbox(&self, messages: JsValue, platform: Option<String>) -> Result<JsValue, JsError> {
        let mut inputs: Vec<MessageInput> = match messages.as_string() {
            Some(text) => parse_text_as(&text, "messages").map_err(|e| JsError::new(&e))?,
            None => from_js(messages, "messages")?,
        };
        // One batch for the engine too: the messages' hosts repeat (`Engine::batch`).
        let judging = self.inner.batch();
        let mut batch = InboxBatch::new(self.inner.registry());
        for m in &mut inputs {
            m.platform.clone_from(&platform);
            let report = self.inner.check_message(m).map_err(|e| JsError::new(&e.to_string()))?;
            batch.push(m, &report);
        }
        drop(judging);
        let done = batch.finish();
        let verdicts: js_sys::Array = done.verdicts.iter().map(|v| JsValue::from_str(verdict_str(*v))).collect();
        let out = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(k), v).map(|_| ()).map_err(|_| JsError::new("could not build the answer"));
        set("verdicts", &verdicts)?;
        set("markedLinks", &JsValue::from_f64(done.marked_links as f64))?;
        set("answer", &JsValue::from_str(&done.text))?;
        Ok(out.into())
    }

    /// Builds the message lexicon now, if this engine has not yet (the first message would
    /// otherwise wait for it): the worker calls it when an inbox page opens, so the build runs
    /// while the page's messages are gathered. `true` when this call built it, `false` when it
    /// was built already; throws the error a message check would.
    #[wasm_bindgen(js_name = prepareMessages)]
    pub fn prepare_messages(&self) -> Result<bool, JsError> {
        let built = self.inner.messages_prepared();
        self.inner.prepare_messages().map_err(|e| JsError::new(&e.to_string()))?;
        Ok(!built)
    }

    /// A page's facts: `{verdict: allow|warn|block, score, platform, impersonates, reasons}`.
    #[wasm_bindgen(js_name = checkPage)]
    pub fn check_page(&self, facts: JsValue) -> Result<JsValue, JsError> {
        let facts: PageFacts = from_js(facts, "page facts")?;
        to_js(&self.inner.check_page(&facts))
    }

    /// Where a URL is: `{platform, platformName, genuine, userContent, inbox, login, trusted}`.
    #[wasm_bindgen(js_name = pageContext)]
    pub fn page_context(&self, url: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.page_context(url))
    }

    /// The protected platforms, for the options page: `[{id, name, kind}]`.
    pub fn platforms(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct P<'a> {
            id: &'a str,
            name: &'a str,
            kind: &'a str,
            domain: &'a str,
        }
        let list: Vec<P> = self
            .inner
            .registry()
            .platforms
            .iter()
            .map(|p| P { id: &p.id, name: p.short_name(), kind: &p.kind, domain: p.main_domain() })
            .collect();
        to_js(&list)
    }

    /// A password fingerprint for enrolment: the salt is 16+ random bytes as hex, made by the
    /// extension with `crypto.getRandomValues`. The password itself is not kept.
    #[wasm_bindgen(js_name = enrollPassword)]
    pub fn enroll_password(&self, password: &str, salt_hex: &str, platform: &str) -> Result<JsValue, JsError> {
        let fp = password::enroll(password, salt_hex, platform).map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&fp)
    }

    /// Whether the end of the typed text is an enrolled password: the matching fingerprint's
    /// platform id, or `null`.
    #[wasm_bindgen(js_name = checkTyped)]
    pub fn check_typed(&self, typed: &str, fingerprints: JsValue) -> Result<JsValue, JsError> {
        let fps: Vec<Fingerprint> = from_js(fingerprints, "fingerprints")?;
        Ok(match password::find_reuse(typed, &fps) {
            Some(fp) => JsValue::from_str(&fp.platform),
            None => JsValue::NULL,
        })
    }
}

/// Checks settings without building an engine (no matchers, no lexicons: the options page asks
/// on every change): `null` when valid, else the message.
#[wasm_bindgen(js_name = validateConfig)]
pub fn validate_config(config: JsValue) -> JsValue {
    let config: Config = match parse_js(&config, "settings") {
        Ok(c) => c,
        Err(e) => return JsValue::from_str(&e),
    };
    match crate::engine::validate_config(&config) {
        Ok(()) => JsValue::NULL,
        Err(e) => JsValue::from_str(&e.to_string()),
    }
}

/// The engine's version, for the options page and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
