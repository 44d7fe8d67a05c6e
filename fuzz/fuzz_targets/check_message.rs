//! A message from a hostile sender: `Engine::check_message` with arbitrary text, links, sender
//! and attachments.
//!
//! An input that starts with `{` is the message as JSON, read by the engine's own JSON reader as
//! the extension's messages are through the WebAssembly surface. Otherwise, one byte picks the inbox platform, then NUL-separated
//! parts:
//! `text NUL links NUL sender NUL attachments`. Links are lines of `href TAB shown-text`;
//! the sender is the lines `name`, `address`, `reply-to` (an empty line is "not given");
//! attachments are lines of `name TAB content-type`. Missing parts are empty.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sellershield::message::{Attachment, MessageLink, Sender};
use sellershield::MessageInput;
use sellershield_fuzz::{check_message_report, engine, platform, split_nul, text};

fn some(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(String::from)
}

fuzz_target!(|data: &[u8]| {
    if data.first() == Some(&b'{') {
        // Read as the WebAssembly surface reads it (`sellershield::json`): a bad input must be an
        // error there, never a panic, and a good one is judged.
        let Ok(json) = std::str::from_utf8(data) else { return };
        if let Ok(input) = sellershield::json::from_str::<MessageInput>(json) {
            check_message_report(&input, &engine().check_message(&input).expect("the embedded lexicon builds"));
        }
        return;
    }
    let Some((&selector, rest)) = data.split_first() else { return };
    let s = text(rest);
    let parts = split_nul(&s, 4);
    let part = |i: usize| parts.get(i).copied().unwrap_or("");
    let links = part(1)
        .lines()
        .map(|l| {
            let (href, shown) = match l.split_once('\t') {
                Some((h, t)) => (h, Some(t.to_string())),
                None => (l, None),
            };
            MessageLink { href: href.to_string(), text: shown }
        })
        .collect();
    let sender = (parts.len() > 2).then(|| {
        let mut lines = part(2).lines();
        Sender { name: some(lines.next()), address: some(lines.next()), reply_to: some(lines.next()) }
    });
    let attachments = part(3)
        .lines()
        .map(|l| {
            let (name, kind) = l.split_once('\t').map_or((l, None), |(n, k)| (n, Some(k.to_string())));
            Attachment { name: name.to_string(), content_type: kind }
        })
        .collect();
    let input = MessageInput { text: part(0).to_string(), links, platform: platform(selector).map(String::from), sender, attachments };
    check_message_report(&input, &engine().check_message(&input).expect("the embedded lexicon builds"));
});
