//! Property tests of the link entry point: no input panics, and the verdict does not depend on
//! how a host or path happens to be spelled (case, a trailing dot, a default port,
//! percent-encoded unreserved characters) — an attacker controls the spelling.

use proptest::prelude::*;
use sellershield::{Engine, Verdict};
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
