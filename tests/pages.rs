//! Whole fixture pages through the native HTML reader and the page verdict.
//!
//! `tests/fixtures/pages/cases.tsv` serves each fixture page under several addresses: genuine
//! platform hosts (allow), lookalike, free-hosting and unrelated hosts (block), inbox-opened
//! foreign logins (warn), and ordinary sites' own pages (allow). Each case is read with
//! `html::page_facts` exactly as `sellershield check-page` reads a saved page, and judged by
//! `Engine::check_page`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sellershield::html::page_facts;
use sellershield::{Engine, PageFacts, PageVerdict};

struct Case {
    line: usize,
    file: String,
    url: String,
    inbox: Option<String>,
    expected: PageVerdict,
    note: String,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages")
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join("cases.tsv")).expect("cases.tsv is readable");
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "cases.tsv line {}: want file, url, opened_from_inbox, expected, note", i + 1);
        let expected = match cols[3] {
            "allow" => PageVerdict::Allow,
            "warn" => PageVerdict::Warn,
            "block" => PageVerdict::Block,
            other => panic!("cases.tsv line {}: unknown verdict {other:?}", i + 1),
        };
        out.push(Case {
            line: i + 1,
            file: cols[0].to_string(),
            url: cols[1].to_string(),
            inbox: (cols[2] != "-").then(|| cols[2].to_string()),
            expected,
            note: cols[4].to_string(),
        });
    }
    out
}

fn read(file: &str) -> String {
    std::fs::read_to_string(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The page's facts as the extension would assemble them: the page's own, plus the forms of
/// any frame whose address names another fixture (the frame's own content script reports them).
fn facts_for(case: &Case) -> PageFacts {
    let mut facts = page_facts(&case.url, &read(&case.file));
    facts.opened_from_inbox = case.inbox.clone();
    let frames: Vec<String> = facts.frames.iter().map(|f| f.src.clone()).collect();
    for src in frames {
        let name = src.split(['?', '#']).next().unwrap_or("").rsplit('/').next().unwrap_or("");
        if !name.is_empty() && dir().join(name).is_file() {
            let child = page_facts(&src, &read(name));
            assert!(facts.attach_frame(&child), "{}: frame {src} not attached", case.file);
        }
    }
    facts
}

fn verdict_name(v: PageVerdict) -> &'static str {
    match v {
        PageVerdict::Allow => "allow",
        PageVerdict::Warn => "warn",
        PageVerdict::Block => "block",
    }
}

#[test]
fn every_case_in_the_manifest_gets_its_verdict() {
    let engine = Engine::from_json("{}").unwrap();
    let mut failures = Vec::new();
    let all = cases();
    for case in &all {
        let report = engine.check_page(&facts_for(case));
        if report.verdict != case.expected {
            let reasons: Vec<String> = report.reasons.iter().map(|r| format!("{}: {}", r.code.as_str(), r.message)).collect();
            failures.push(format!(
                "line {} {} at {} (inbox {:?}): want {}, got {} — {}\n    {}",
                case.line,
                case.file,
                case.url,
                case.inbox,
                verdict_name(case.expected),
                verdict_name(report.verdict),
                case.note,
                reasons.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), all.len(), failures.join("\n"));
}

#[test]
fn blocked_pages_say_what_they_imitate_and_why() {
    let engine = Engine::from_json("{}").unwrap();
    for case in cases().iter().filter(|c| c.expected == PageVerdict::Block) {
        let report = engine.check_page(&facts_for(case));
        if report.verdict != PageVerdict::Block {
            continue; // reported by the manifest test
        }
        let headline = &report.reasons[0];
        assert!(
            matches!(
                headline.code.as_str(),
                "impersonated_page" | "branded_page_off_platform" | "form_posts_elsewhere" | "opened_from_inbox" | "cross_origin_login_frame"
            ),
            "{} at {}: headline {:?}",
            case.file,
            case.url,
            headline.code
        );
        assert!(!headline.message.is_empty());
        if headline.code.as_str() != "form_posts_elsewhere" {
            assert!(report.impersonates.is_some(), "{} at {}: no impersonated platform named", case.file, case.url);
        }
    }
}

#[test]
fn genuine_logins_of_the_major_platforms_are_covered_and_allowed() {
    let all = cases();
    for host in ["login.alibaba.com", "sellercentral.amazon.com", "signin.ebay.com", "accounts.shopify.com", "www.paypal.com", "login.payoneer.com", "portal.worldfirst.com"] {
        assert!(
            all.iter().any(|c| c.expected == PageVerdict::Allow && url::Url::parse(&c.url).ok().and_then(|u| u.host_str().map(str::to_string)).as_deref() == Some(host)),
            "no allow case served from {host}"
        );
    }
}

#[test]
fn every_fixture_is_used_and_self_contained() {
    let used: BTreeSet<String> = cases().into_iter().map(|c| c.file).collect();
    let mut seen = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        seen += 1;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(used.contains(&name), "{name} is not in cases.tsv");
        // The end-to-end tests serve these pages in Chromium without network: nothing may load
        // from elsewhere, and nothing may need a script. Frames may only point at other
        // fixtures, under the test host names.
        let html = std::fs::read_to_string(&path).unwrap().to_ascii_lowercase();
        assert!(!html.contains("<script"), "{name} has a script");
        for attr in ["src=\"", "href=\"", "src='", "href='"] {
            for (i, _) in html.match_indices(attr) {
                let value = &html[i + attr.len()..];
                let external = value.starts_with("http:") || value.starts_with("https:") || value.starts_with("//");
                let frame_fixture = value.starts_with("//login-frame.example-phish.test/pages/");
                assert!(!external || frame_fixture, "{name} loads {}", &value[..value.len().min(60)]);
            }
        }
        assert!(!html.contains("url(http") && !html.contains("@import"), "{name} loads CSS from elsewhere");
    }
    assert!(seen >= 20, "fixtures went missing: {seen}");
}

#[test]
fn the_checkout_card_form_is_seen_as_cards_only() {
    // A guard for the false positive the checkout case protects against: if the card fields
    // were read as a login, its PayPal badges could turn it into a "fake PayPal page".
    let engine = Engine::from_json("{}").unwrap();
    let facts = page_facts("https://www.mapleandthread.example/checkout", &read("shop-checkout.html"));
    let report = engine.check_page(&facts);
    let asks = report.reasons.iter().find(|r| r.code.as_str() == "credential_form").map(|r| r.params.get("asks").cloned().unwrap_or_default());
    assert_eq!(asks.as_deref(), Some("card number"));
}
