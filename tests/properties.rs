//! Property tests of every entry point. No input panics; answers keep their contract (a score
//! of 0–100, evidence spans that are byte ranges of the judged text on character boundaries,
//! page facts that survive the JSON trip to the engine with the same verdict); and a link's
//! verdict does not depend on how a host or path happens to be spelled (case, a trailing dot,
//! a default port, percent-encoded unreserved characters) — an attacker controls the spelling.
//! The fuzz targets in `fuzz/` push the same properties much further (`scripts/fuzz.sh`).

use proptest::prelude::*;
use sellershield::message::{Attachment, MessageLink, Sender};
use sellershield::{Engine, MessageInput, PageFacts, Reason, Verdict};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::from_json(r#"{"protectedDomains":["acme-widgets.com"]}"#).unwrap())
}

/// Hosts that exercise every detector: genuine, lookalike, hosting, IP, IDN, popular.
const HOSTS: &[&str] = &[
    "www.alibaba.com",
    "message.alibaba.com",
    "sellercentral.amazon.de",
    "a1ibaba.com",
    "alibaba.com.verify-account.top",
    "alibaba-login.web.app",
    "amazon.seller-support.info",
    "paypal-resolution-center.com",
    "xn--libaba-2nf.com",
    "example-buyer.de",
    "www.google.com",
    "bit.ly",
    "192.168.10.20",
    "wa.me",
    "acme-widgets.co",
    "shop.myshopify.com",
];

fn verdict(url: &str, platform: Option<&str>) -> Verdict {
    engine().check_url(url, None, platform).verdict
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,300}", text in proptest::option::of("\\PC{0,80}")) {
        let r = engine().check_url(&s, text.as_deref(), Some("alibaba"));
        prop_assert!(r.score <= 100);
    }

    #[test]
    fn arbitrary_url_shapes_never_panic(
        scheme in "(https?|ftp|javascript|data|mailto|file|blob)",
        user in proptest::option::of("[a-z0-9.@:%]{0,20}"),
        host in "[a-zA-Z0-9.\\-\\u{430}-\\u{44f}\\u{3b1}-\\u{3c9}]{0,70}",
        port in proptest::option::of(0u32..70000),
        path in "[a-zA-Z0-9/._%?=&#\\-]{0,120}",
    ) {
        let mut url = format!("{scheme}://");
        if let Some(u) = user { url.push_str(&u); url.push('@'); }
        url.push_str(&host);
        if let Some(p) = port { url.push_str(&format!(":{p}")); }
        url.push('/');
        url.push_str(&path);
        let r = engine().check_url(&url, None, None);
        prop_assert!(r.score <= 100);
    }

    #[test]
    fn verdict_ignores_host_case_trailing_dot_and_default_port(
        h in 0..HOSTS.len(),
        upper in proptest::collection::vec(any::<bool>(), 40),
        dot in any::<bool>(),
        port in any::<bool>(),
        https in any::<bool>(),
        platform in proptest::option::of(prop_oneof![Just("alibaba"), Just("amazon"), Just("ebay")]),
    ) {
        let host = HOSTS[h];
        let scheme = if https { "https" } else { "http" };
        let base = format!("{scheme}://{host}/path/page");
        let spelled: String = host.chars().zip(upper.iter().cycle()).map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c }).collect();
        let mut variant = format!("{scheme}://{spelled}");
        if dot { variant.push('.'); }
        if port { variant.push_str(if https { ":443" } else { ":80" }); }
        variant.push_str("/path/page");
        prop_assert_eq!(verdict(&base, platform), verdict(&variant, platform), "{} vs {}", base, variant);
    }

    #[test]
    fn verdict_ignores_percent_encoding_of_unreserved_characters(
        h in 0..HOSTS.len(),
        path in "[a-zA-Z0-9._~\\-]{1,30}",
        mask in proptest::collection::vec(any::<bool>(), 30),
    ) {
        let host = HOSTS[h];
        let plain = format!("https://{host}/{path}");
        let encoded_path: String = path.chars().zip(mask.iter().cycle()).map(|(c, &e)| if e { format!("%{:02X}", c as u32) } else { c.to_string() }).collect();
        let encoded = format!("https://{host}/{encoded_path}");
        prop_assert_eq!(verdict(&plain, Some("alibaba")), verdict(&encoded, Some("alibaba")), "{} vs {}", plain, encoded);
    }
}

/// Text that mixes arbitrary characters with the things the message and page detectors read:
/// URLs on the hosts above, sign-in and payment words, Chinese, right-to-left and zero-width
/// characters, combining marks and line breaks.
fn mixed_text(max_pieces: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "\\PC{0,30}",
        (0..HOSTS.len(), "[a-z/]{0,12}").prop_map(|(h, p)| format!(" https://{}/{p} ", HOSTS[h])),
        prop::sample::select(vec![
            " password ", " log in ", " verify your account ", " wire transfer ", " remittance ",
            " invitation letter ", " WhatsApp +1 555 0100 ", " USDT ", " 登录 ", " 密码 ", " 汇款 ",
            "\u{202e}", "\u{200b}", "\u{301}", "\r\n", "\n\n", "é", "👍🏽",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..max_pieces).prop_map(|v| v.concat())
}

fn any_link() -> impl Strategy<Value = MessageLink> {
    (
        prop_oneof![(0..HOSTS.len()).prop_map(|h| format!("https://{}/login", HOSTS[h])), "\\PC{0,60}"],
        proptest::option::of(prop_oneof![(0..HOSTS.len()).prop_map(|h| HOSTS[h].to_string()), "\\PC{0,30}"]),
    )
        .prop_map(|(href, text)| MessageLink { href, text })
}

fn any_message() -> impl Strategy<Value = MessageInput> {
    (
        mixed_text(24),
        prop::collection::vec(any_link(), 0..4),
        proptest::option::of(prop_oneof![Just("alibaba"), Just("amazon"), Just("ebay"), Just("no-such-platform")]),
        proptest::option::of((
            proptest::option::of(prop_oneof![Just("Alibaba Security Team".to_string()), "\\PC{0,30}"]),
            proptest::option::of("[a-z0-9.@\\-]{0,30}"),
            proptest::option::of("\\PC{0,30}"),
        )),
        prop::collection::vec(("\\PC{0,20}(\\.(exe|pdf|html|zip))?", proptest::option::of("[a-z/\\-]{0,30}")), 0..3),
    )
        .prop_map(|(text, links, platform, sender, attachments)| MessageInput {
            text,
            links,
            platform: platform.map(String::from),
            sender: sender.map(|(name, address, reply_to)| Sender { name, address, reply_to }),
            attachments: attachments.into_iter().map(|(name, content_type)| Attachment { name, content_type }).collect(),
        })
}

/// Spans are byte offsets the UI slices the judged text with.
fn spans_fit(reasons: &[Reason], text: &str) -> Result<(), TestCaseError> {
    for r in reasons {
        if let Some(s) = &r.span {
            prop_assert!(s.start <= s.end && s.end <= text.len(), "{:?} span {:?} outside {} bytes", r.code, s, text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{:?} span {:?} cuts a character", r.code, s);
        }
    }
    Ok(())
}

/// Tag soup from the pieces a login page (real or fake) is made of.
fn markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "<form action='https://collect.example.net/p' method=post>", "<form>", "</form>",
            "<input type=password name=pw>", "<input type=email name=login>", "<input name=otp autocomplete=one-time-code>",
            "<input name=cc-number>", "<label for=pw>Password</label>", "<button>Sign in</button>",
            "<title>Alibaba.com Sign In</title>", "<title>Amazon Sign-In</title>", "<h1>Sign in</h1>",
            "<img alt='Alibaba.com logo' src='/logo.png'>", "<link rel=icon href='https://www.paypal.com/favicon.ico'>",
            "<meta property='og:site_name' content='Example Shop'>", "<div style='display:none'>", "</div>",
            "<iframe src='https://login.alibaba.com/x'></iframe>", "<iframe srcdoc='<form><input type=password></form>'></iframe>",
            "<base href='https://elsewhere.example.org/'>", "<table>", "<td>", "<svg><title>eBay</title></svg>",
        ])
        .prop_map(String::from),
        "\\PC{0,16}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_messages_never_panic_and_spans_fit(input in any_message()) {
        let r = engine().check_message(&input).unwrap();
        prop_assert!(r.score <= 100);
        spans_fit(&r.reasons, &input.text)?;
        for l in &r.links {
            prop_assert!(l.score <= 100);
        }
        prop_assert!(serde_json::to_string(&r).is_ok());
    }

    #[test]
    fn arbitrary_message_files_never_panic(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..600),
            mixed_text(20).prop_map(|t| format!("From: \"Alibaba\" <a@b.example>\r\nSubject: =?utf-8?B?5rGH5qy+?=\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>{t}</p>").into_bytes()),
        ],
        name in prop::sample::select(vec!["m.eml", "m.txt", "m.html", "m", "-"]),
    ) {
        if let Ok(input) = sellershield::mail::load_message(name, &bytes) {
            let r = engine().check_message(&input).unwrap();
            prop_assert!(r.score <= 100);
            spans_fit(&r.reasons, &input.text)?;
        }
    }

    #[test]
    fn pages_from_any_markup_are_judged_the_same_after_the_json_trip(
        html in markup(),
        url in prop_oneof![(0..HOSTS.len()).prop_map(|h| format!("https://{}/signin", HOSTS[h])), "\\PC{0,30}"],
        inbox in proptest::option::of(prop_oneof![Just("alibaba"), Just("paypal")]),
    ) {
        let mut facts = sellershield::html::page_facts(&url, &html);
        facts.opened_from_inbox = inbox.map(String::from);
        let r = engine().check_page(&facts);
        prop_assert!(r.score <= 100);
        let back: PageFacts = serde_json::from_str(&serde_json::to_string(&facts).unwrap()).unwrap();
        let again = engine().check_page(&back);
        prop_assert_eq!(r.verdict, again.verdict);
        prop_assert_eq!(r.score, again.score);
    }

    #[test]
    fn arbitrary_page_facts_json_is_refused_or_judged(json in "\\{\"(url|title|forms|frames|headings|logos|topFrame)\":(\"\\PC{0,20}\"|\\[\\]|\\[\\{\\}\\]|true|null|1e400|-1)\\}") {
        if let Ok(facts) = serde_json::from_str::<PageFacts>(&json) {
            prop_assert!(engine().check_page(&facts).score <= 100);
        }
    }
}

proptest! {
    // Each case builds an engine (registry, Public Suffix List): few cases.
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_configs_build_an_engine_or_say_why(
        platforms in proptest::option::of(prop::collection::vec(prop_oneof![Just("alibaba".to_string()), "\\PC{0,12}"], 0..3)),
        protected in prop::collection::vec(prop_oneof![(0..HOSTS.len()).prop_map(|h| HOSTS[h].to_string()), "\\PC{0,40}"], 0..3),
        trusted in prop::collection::vec(prop_oneof![(0..HOSTS.len()).prop_map(|h| HOSTS[h].to_string()), "\\PC{0,40}"], 0..3),
    ) {
        let json = serde_json::json!({"platforms": platforms, "protectedDomains": protected, "trustedDomains": trusted}).to_string();
        match Engine::from_json(&json) {
            Ok(e) => prop_assert!(e.check_url("https://a1ibaba.com/login", None, Some("alibaba")).score <= 100),
            Err(err) => prop_assert!(!err.to_string().is_empty()),
        }
    }
}
