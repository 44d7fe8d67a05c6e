//! Page facts from a hostile page: `Engine::check_page`, and `PageFacts::attach_frame`.
//!
//! An input that starts with `{` is parsed as the JSON the content script sends (most such
//! inputs are not valid facts; the ones that are get judged). Any other input drives
//! `arbitrary` to build facts field by field, with strings biased towards brands, hosts and
//! sign-in words, and a child frame's facts to attach. Either way the facts must survive a
//! JSON round trip with the same verdict: the extension sends them as JSON.

#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use sellershield::PageFacts;
use sellershield_fuzz::{check_page_report, engine, page_facts};

fn judge(facts: &PageFacts) {
    let report = engine().check_page(facts);
    check_page_report(&report);
    let json = serde_json::to_string(facts).expect("page facts serialise");
    let back: PageFacts = sellershield::json::from_str(&json).expect("serialised page facts parse");
    let again = engine().check_page(&back);
    assert_eq!(report.verdict, again.verdict, "the verdict changed over a JSON round trip: {json}");
    assert_eq!(report.score, again.score, "the score changed over a JSON round trip: {json}");
}

fuzz_target!(|data: &[u8]| {
    if data.first() == Some(&b'{') {
        // Read as the WebAssembly surface reads page facts (`sellershield::json`).
        let Ok(json) = std::str::from_utf8(data) else { return };
        if let Ok(facts) = sellershield::json::from_str::<PageFacts>(json) {
            judge(&facts);
        }
        return;
    }
    let mut u = Unstructured::new(data);
    let Ok(mut facts) = page_facts(&mut u) else { return };
    judge(&facts);
    let Ok(mut child) = page_facts(&mut u) else { return };
    if let Some(frame) = facts.frames.first() {
        child.url = frame.src.clone();
    }
    if facts.attach_frame(&child) {
        judge(&facts);
    }
});
