//! Saved HTML from a hostile page: `sellershield::html::page_facts`, then `Engine::check_page`.
//!
//! Layout: `URL NUL HTML`. Without a NUL the whole input is the HTML, served from an
//! unrelated host (where branding and foreign form actions matter most).

#![no_main]

use libfuzzer_sys::fuzz_target;
use sellershield_fuzz::{check_page_report, engine, split_nul, text};

const DEFAULT_URL: &str = "https://account-check.example-phish.test/login";

fuzz_target!(|data: &[u8]| {
    let s = text(data);
    let parts = split_nul(&s, 2);
    let (url, html) = match parts[..] {
        [url, html] => (url, html),
        _ => (DEFAULT_URL, parts[0]),
    };
    let facts = sellershield::html::page_facts(url, html);
    check_page_report(&engine().check_page(&facts));
});
