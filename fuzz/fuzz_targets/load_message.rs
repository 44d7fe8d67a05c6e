//! A message file from a hostile sender: `sellershield::mail::load_message` (MIME, HTML or
//! plain text), then `Engine::check_message` on what it read.
//!
//! Layout: one byte picks the file name (and so the format the loader assumes), one the inbox
//! platform; the rest is the file's bytes, undecoded.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sellershield_fuzz::{check_message_report, engine, platform};

const NAMES: &[&str] = &["message.eml", "message.txt", "message.html", "message", "MESSAGE.EML", "-", "msg.htm"];

fuzz_target!(|data: &[u8]| {
    let [name, plat, bytes @ ..] = data else { return };
    let name = NAMES[*name as usize % NAMES.len()];
    let Ok(mut input) = sellershield::mail::load_message(name, bytes) else { return };
    if input.platform.is_none() {
        input.platform = platform(*plat).map(String::from);
    }
    check_message_report(&input, &engine().check_message(&input).expect("the embedded lexicon builds"));
});
