//! Any bytes as a link: `Engine::check_url` with a shown text and a context platform, and
//! `Engine::page_context` on the same address.
//!
//! Layout: one byte picks the platform (see `sellershield_fuzz::platform`), then the URL, then
//! optionally a NUL and the text the link was shown with.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sellershield_fuzz::{check_link_report, engine, platform, split_nul, text};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let s = text(rest);
    let parts = split_nul(&s, 2);
    let (url, shown) = (parts[0], parts.get(1).copied());
    let e = engine();
    check_link_report(&e.check_url(url, shown, platform(selector)));
    let _ = e.page_context(url);
});
