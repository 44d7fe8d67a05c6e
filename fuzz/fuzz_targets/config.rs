//! The seller's settings, as imported or typed: `Engine::from_json`, and the domain
//! normaliser behind it.
//!
//! An input that starts with `{` is the settings JSON itself. Any other input drives
//! `arbitrary` to build settings whose JSON is valid, with platform ids and domains biased
//! towards real and near-real ones, so validation goes deep instead of stopping at the parser.
//! A config that builds an engine must answer a link: a bad setting is refused up front, not
//! found later by a panic.

#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use sellershield::config::normalize_domain;
use sellershield::Engine;
use sellershield_fuzz::{check_link_report, engine, pick_string, text};

fn build(json: &str) {
    if let Ok(e) = Engine::from_json(json) {
        for host in ["acme-widgets.com", "www.alibaba.com", "a1ibaba.com"] {
            check_link_report(&e.check_url(&format!("https://{host}/login"), None, Some("alibaba")));
        }
    }
}

fn structured(u: &mut Unstructured) -> arbitrary::Result<String> {
    let mut obj = serde_json::Map::new();
    if u.arbitrary()? {
        let ids = &engine().registry().platforms;
        let n = u.int_in_range(0..=4)?;
        let list = (0..n)
            .map(|_| Ok(if u.ratio(4, 5)? { u.choose(ids)?.id.clone() } else { pick_string(u)? }))
            .collect::<arbitrary::Result<Vec<_>>>()?;
        obj.insert("platforms".into(), list.into());
    }
    for field in ["protectedDomains", "trustedDomains"] {
        let n = u.int_in_range(0..=4)?;
        let list = (0..n).map(|_| pick_string(u)).collect::<arbitrary::Result<Vec<_>>>()?;
        for d in &list {
            let _ = normalize_domain("fuzz", d);
        }
        obj.insert(field.into(), list.into());
    }
    Ok(serde_json::Value::Object(obj).to_string())
}

fuzz_target!(|data: &[u8]| {
    if data.first() == Some(&b'{') {
        build(&text(data));
        return;
    }
    let mut u = Unstructured::new(data);
    if let Ok(json) = structured(&mut u) {
        build(&json);
    }
});
