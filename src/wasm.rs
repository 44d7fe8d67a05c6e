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

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::config::Config;
use crate::message::MessageInput;
use crate::page::PageFacts;
use crate::password::{self, Fingerprint};

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("the engine produced JSON the browser could not read"))
}

fn parse_js<T: for<'de> Deserialize<'de>>(value: &JsValue, what: &str) -> Result<T, String> {
    let text = js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()).ok_or_else(|| format!("{what}: not representable as JSON"))?;
    serde_json::from_str(&text).map_err(|e| format!("{what}: {e}"))
}

fn from_js<T: for<'de> Deserialize<'de>>(value: JsValue, what: &str) -> Result<T, JsError> {
    parse_js(&value, what).map_err(|e| JsError::new(&e))
}

/// Small, rarely made values (the platform list, a fingerprint) go through serde-wasm-bindgen,
/// which needs no JSON text; the hot batch paths use JSON (see the module comment).
fn to_js_small<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let ser = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true).serialize_missing_as_null(true);
    value.serialize(&ser).map_err(|e| JsError::new(&e.to_string()))
}

/// A link to check, as the content script sends it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LinkQuery {
    url: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    platform: Option<String>,
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

    /// Many links at once: `[{url, text?, platform?}]` in, one report each out, in order.
    #[wasm_bindgen(js_name = checkLinks)]
    pub fn check_links(&self, links: JsValue) -> Result<JsValue, JsError> {
        let links: Vec<LinkQuery> = from_js(links, "links")?;
        let reports: Vec<_> = links.iter().map(|l| self.inner.check_url(&l.url, l.text.as_deref(), l.platform.as_deref())).collect();
        to_js(&reports)
    }

    /// One message: `{text, links:[{href,text}], platform, sender, attachments}`.
    #[wasm_bindgen(js_name = checkMessage)]
    pub fn check_message(&self, message: JsValue) -> Result<JsValue, JsError> {
        let input: MessageInput = from_js(message, "message")?;
        to_js(&self.inner.check_message(&input))
    }

    /// Many messages at once.
    #[wasm_bindgen(js_name = checkMessages)]
    pub fn check_messages(&self, messages: JsValue) -> Result<JsValue, JsError> {
        let inputs: Vec<MessageInput> = from_js(messages, "messages")?;
        let reports: Vec<_> = inputs.iter().map(|m| self.inner.check_message(m)).collect();
        to_js(&reports)
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
        to_js_small(&list)
    }

    /// A password fingerprint for enrolment: the salt is 16+ random bytes as hex, made by the
    /// extension with `crypto.getRandomValues`. The password itself is not kept.
    #[wasm_bindgen(js_name = enrollPassword)]
    pub fn enroll_password(&self, password: &str, salt_hex: &str, platform: &str) -> Result<JsValue, JsError> {
        let fp = password::enroll(password, salt_hex, platform).map_err(|e| JsError::new(&e.to_string()))?;
        to_js_small(&fp)
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

/// Checks settings without building an engine: `null` when valid, else the message.
#[wasm_bindgen(js_name = validateConfig)]
pub fn validate_config(config: JsValue) -> JsValue {
    let config: Config = match parse_js(&config, "settings") {
        Ok(c) => c,
        Err(e) => return JsValue::from_str(&e),
    };
    match crate::Engine::new(&config) {
        Ok(_) => JsValue::NULL,
        Err(e) => JsValue::from_str(&e.to_string()),
    }
}

/// The engine's version, for the options page and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
