//! Reasons and verdicts: the evidence behind every answer the engine gives.
//!
//! A seller must understand in one glance *why* something is dangerous, and the UI must be able
//! to say it in the seller's language. So every finding is a [`Reason`] with a stable
//! snake_case [`Code`] (the UI localises by code; `docs/reasons.md` documents each one), an
//! English message, named parameters, and — where it points at the input — a byte [`Span`] the
//! UI can highlight. Verdicts are computed from reasons in one place ([`Findings`]) so links,
//! messages and pages grade evidence the same way.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// How bad one piece of evidence is on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Context worth showing, never a warning by itself.
    Info,
    /// Enough for a yellow warning.
    Caution,
    /// Enough for a red warning or a block.
    Danger,
}

/// The verdict on a link or a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Safe,
    Caution,
    Danger,
    /// The input could not be understood (an unparsable URL); the reasons say why.
    Invalid,
}

/// The verdict on a page that may ask for credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageVerdict {
    Allow,
    Warn,
    Block,
}

/// A half-open byte range `[start, end)` into the text a reason is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Stable identifiers of every reason the engine can give. Never rename one: the extension's
/// locales and users' scripts key on them. Each is documented in `docs/reasons.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    // --- links: where it goes ------------------------------------------------------------------
    InvalidUrl,
    GenuinePlatform,
    TrustedDomain,
    OffPlatform,
    UserContentHost,
    // --- links: lookalikes ----------------------------------------------------------------------
    LookalikeSkeleton,
    LookalikeEditDistance,
    LookalikeTransposition,
    LookalikeTldSwap,
    TargetEmbedding,
    BrandInSubdomain,
    Combosquatting,
    BrandOnFreeHosting,
    SignInOnFreeHosting,
    MixedScript,
    WholeScriptConfusable,
    Punycode,
    ProtectedDomainLookalike,
    BrandInName,
    // --- links: tricks --------------------------------------------------------------------------
    Userinfo,
    IpHost,
    UnusualPort,
    DangerousScheme,
    Shortener,
    Redirect,
    FreeHosting,
    Obfuscated,
    RiskyTld,
    DangerousDownload,
    ArchiveDownload,
    OffPlatformContact,
    ShownTextMismatch,
    BrandInPath,
    /// A sign-in page kept where a site's software keeps none (`/wp-includes/.../login.php`).
    KitPath,
    // --- messages -------------------------------------------------------------------------------
    Lure,
    Urgency,
    Threat,
    MoneyAmount,
    PlatformClaim,
    FreeMailSender,
    SenderBrandMismatch,
    ReplyToMismatch,
    DangerousLink,
    SuspiciousLink,
    DangerousAttachment,
    // --- pages ----------------------------------------------------------------------------------
    CredentialForm,
    ImpersonatedPage,
    BrandedPageOffPlatform,
    FormPostsElsewhere,
    OpenedFromInbox,
    CrossOriginLoginFrame,
    GenuineLogin,
    AccountNameForm,
    // --- password reuse -------------------------------------------------------------------------
    PasswordReuse,
}

/// Written as its name: the derive wrote a match of every variant of its own, ~0.9 KB of the
/// WebAssembly module beside `as_str`'s (a test holds the two to the same names).
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Code {
    /// The snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidUrl => "invalid_url",
            Code::GenuinePlatform => "genuine_platform",
            Code::TrustedDomain => "trusted_domain",
            Code::OffPlatform => "off_platform",
            Code::UserContentHost => "user_content_host",
            Code::LookalikeSkeleton => "lookalike_skeleton",
            Code::LookalikeEditDistance => "lookalike_edit_distance",
            Code::LookalikeTransposition => "lookalike_transposition",
            Code::LookalikeTldSwap => "lookalike_tld_swap",
            Code::TargetEmbedding => "target_embedding",
            Code::BrandInSubdomain => "brand_in_subdomain",
            Code::Combosquatting => "combosquatting",
            Code::BrandOnFreeHosting => "brand_on_free_hosting",
            Code::SignInOnFreeHosting => "sign_in_on_free_hosting",
            Code::MixedScript => "mixed_script",
            Code::WholeScriptConfusable => "whole_script_confusable",
            Code::Punycode => "punycode",
            Code::ProtectedDomainLookalike => "protected_domain_lookalike",
            Code::BrandInName => "brand_in_name",
            Code::Userinfo => "userinfo",
            Code::IpHost => "ip_host",
            Code::UnusualPort => "unusual_port",
            Code::DangerousScheme => "dangerous_scheme",
            Code::Shortener => "shortener",
            Code::Redirect => "redirect",
            Code::FreeHosting => "free_hosting",
            Code::Obfuscated => "obfuscated",
            Code::RiskyTld => "risky_tld",
            Code::DangerousDownload => "dangerous_download",
            Code::ArchiveDownload => "archive_download",
            Code::OffPlatformContact => "off_platform_contact",
            Code::ShownTextMismatch => "shown_text_mismatch",
            Code::BrandInPath => "brand_in_path",
            Code::KitPath => "kit_path",
            Code::Lure => "lure",
            Code::Urgency => "urgency",
            Code::Threat => "threat",
            Code::MoneyAmount => "money_amount",
            Code::PlatformClaim => "platform_claim",
            Code::FreeMailSender => "free_mail_sender",
            Code::SenderBrandMismatch => "sender_brand_mismatch",
            Code::ReplyToMismatch => "reply_to_mismatch",
            Code::DangerousLink => "dangerous_link",
            Code::SuspiciousLink => "suspicious_link",
            Code::DangerousAttachment => "dangerous_attachment",
            Code::CredentialForm => "credential_form",
            Code::ImpersonatedPage => "impersonated_page",
            Code::BrandedPageOffPlatform => "branded_page_off_platform",
            Code::FormPostsElsewhere => "form_posts_elsewhere",
            Code::OpenedFromInbox => "opened_from_inbox",
            Code::CrossOriginLoginFrame => "cross_origin_login_frame",
            Code::GenuineLogin => "genuine_login",
            Code::AccountNameForm => "account_name_form",
            Code::PasswordReuse => "password_reuse",
        }
    }

    /// Every code, for documentation checks.
    pub const ALL: &'static [Code] = &[
        Code::InvalidUrl,
        Code::GenuinePlatform,
        Code::TrustedDomain,
        Code::OffPlatform,
        Code::UserContentHost,
        Code::LookalikeSkeleton,
        Code::LookalikeEditDistance,
        Code::LookalikeTransposition,
        Code::LookalikeTldSwap,
        Code::TargetEmbedding,
        Code::BrandInSubdomain,
        Code::Combosquatting,
        Code::BrandOnFreeHosting,
        Code::SignInOnFreeHosting,
        Code::MixedScript,
        Code::WholeScriptConfusable,
        Code::Punycode,
        Code::ProtectedDomainLookalike,
        Code::BrandInName,
        Code::Userinfo,
        Code::IpHost,
        Code::UnusualPort,
        Code::DangerousScheme,
        Code::Shortener,
        Code::Redirect,
        Code::FreeHosting,
        Code::Obfuscated,
        Code::RiskyTld,
        Code::DangerousDownload,
        Code::ArchiveDownload,
        Code::OffPlatformContact,
        Code::ShownTextMismatch,
        Code::BrandInPath,
        Code::KitPath,
        Code::Lure,
        Code::Urgency,
        Code::Threat,
        Code::MoneyAmount,
        Code::PlatformClaim,
        Code::FreeMailSender,
        Code::SenderBrandMismatch,
        Code::ReplyToMismatch,
        Code::DangerousLink,
        Code::SuspiciousLink,
        Code::DangerousAttachment,
        Code::CredentialForm,
        Code::ImpersonatedPage,
        Code::BrandedPageOffPlatform,
        Code::FormPostsElsewhere,
        Code::OpenedFromInbox,
        Code::CrossOriginLoginFrame,
        Code::GenuineLogin,
        Code::AccountNameForm,
        Code::PasswordReuse,
    ];
}

/// The named values of a reason. A reason has a handful at most, so they live in one small
/// vector (one allocation) rather than a tree of nodes; lookups are by name, and they
/// serialise as a map in name order, like the `BTreeMap` they replace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(Vec<(&'static str, String)>);

impl Params {
    /// The value named `key`.
    pub fn get(&self, key: &str) -> Option<&String> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, returning the value it replaces. Kept in name order, so that reading them
    /// in order is a walk, not a search for the next name at every step.
    pub fn insert(&mut self, key: &'static str, value: String) -> Option<String> {
        match self.0.binary_search_by(|(k, _)| (*k).cmp(key)) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Name and value pairs, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &String)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One piece of evidence.
#[derive(Clone, Debug, Serialize)]
pub struct Reason {
    pub code: Code,
    pub severity: Severity,
    /// Contribution to the 0–100 score.
    pub weight: u8,
    /// Plain English, for the CLI and as the UI's fallback when a locale lacks the code.
    pub message: String,
    /// Named values the UI substitutes into its localised text (`domain`, `target`, ...).
    #[serde(skip_serializing_if = "Params::is_empty")]
    pub params: Params,
    /// Where in the input the evidence is, for highlighting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Reason {
    pub fn new(code: Code, severity: Severity, weight: u8, message: impl Into<String>) -> Reason {
        Reason { code, severity, weight, message: message.into(), params: Params::default(), span: None }
    }

    pub fn param(mut self, key: &'static str, value: impl Into<String>) -> Reason {
        self.params.insert(key, value.into());
        self
    }

    pub fn span(mut self, start: usize, end: usize) -> Reason {
        self.span = Some(Span { start, end });
        self
    }
}

/// Joins the parts of a reason's text, allocating once at the exact size: `text!(domain, " is a
/// genuine ", name, " domain")`. `format!` does the same at several times the cost (its
/// machinery, and a buffer regrown as it goes), and every link answer carries a few texts.
macro_rules! text {
    ($($part:expr),+ $(,)?) => {
        $crate::reason::join(&[$(::core::convert::AsRef::<str>::as_ref(&$part)),+])
    };
}
pub(crate) use text;

/// The parts, one after the other.
pub fn join(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// Score at or above which evidence adds up to a danger verdict even when no single reason is
/// dangerous on its own (several independent lures in one message, say).
pub const DANGER_SCORE: u8 = 80;
/// Score at or above which evidence adds up to a caution verdict.
pub const CAUTION_SCORE: u8 = 30;

/// A growing list of reasons and the verdict they add up to.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    pub reasons: Vec<Reason>,
}

impl Findings {
    pub fn push(&mut self, reason: Reason) {
        self.reasons.push(reason);
    }

    pub fn has(&self, code: Code) -> bool {
        self.reasons.iter().any(|r| r.code == code)
    }

    /// The highest single severity among the reasons.
    pub fn max_severity(&self) -> Severity {
        self.reasons.iter().map(|r| r.severity).max().unwrap_or(Severity::Info)
    }

    /// The 0–100 score: weights add up, saturating at 100, and never below what the worst
    /// single reason implies, so a lone danger reason still reads as a high score.
    pub fn score(&self) -> u8 {
        let sum: u32 = self.reasons.iter().map(|r| u32::from(r.weight)).sum();
        let floor = match self.max_severity() {
            Severity::Danger => DANGER_SCORE,
            Severity::Caution => CAUTION_SCORE,
            Severity::Info => 0,
        };
        (sum.min(100) as u8).max(floor)
    }

    /// Safe / caution / danger from the worst reason and the total score.
    pub fn verdict(&self) -> Verdict {
        let score = self.score();
        if self.max_severity() == Severity::Danger || score >= DANGER_SCORE {
            Verdict::Danger
        } else if self.max_severity() == Severity::Caution || score >= CAUTION_SCORE {
            Verdict::Caution
        } else {
            Verdict::Safe
        }
    }

    /// Worst reasons first, so the first reason is the headline.
    pub fn sorted(mut self) -> Vec<Reason> {
        // A stable insertion sort: a finding has a handful of reasons, and the standard stable
        // sort was ~4 KB of the WebAssembly module for this one element type.
        let rank = |r: &Reason| (r.severity, r.weight);
        for i in 1..self.reasons.len() {
            let mut j = i;
            while j > 0 && rank(&self.reasons[j - 1]) < rank(&self.reasons[j]) {
                self.reasons.swap(j - 1, j);
                j -= 1;
            }
        }
        self.reasons
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_serialises_as_its_name() {
        // The name is the variant's in snake_case (what serde's `rename_all` wrote before
        // `Serialize` went through `as_str`).
        let snake = |name: &str| {
            let mut out = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        };
        for code in Code::ALL {
            assert_eq!(code.as_str(), snake(&format!("{code:?}")));
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn every_code_is_documented() {
        let doc = include_str!("../docs/reasons.md");
        for code in Code::ALL {
            assert!(doc.contains(&format!("`{}`", code.as_str())), "{} missing from docs/reasons.md", code.as_str());
        }
    }

    #[test]
    fn text_joins_its_parts() {
        let name = String::from("Alibaba.com");
        assert_eq!(text!("alibaba.com", " is a genuine ", name, " domain"), "alibaba.com is a genuine Alibaba.com domain");
        assert_eq!(text!("one"), "one");
    }

    #[test]
    fn params_keep_name_order_and_the_last_value() {
        let r = Reason::new(Code::Redirect, Severity::Info, 0, "m").param("via", "a").param("destination", "b").param("via", "c");
        assert_eq!(r.params.get("via").map(String::as_str), Some("c"));
        assert!(r.params.contains_key("destination") && !r.params.contains_key("host"));
        assert_eq!(r.params.len(), 2);
        assert_eq!(r.params.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["destination", "via"]);
        assert_eq!(serde_json::to_string(&r.params).unwrap(), r#"{"destination":"b","via":"c"}"#);
        // Any order of setting gives the names' order.
        let names = ["why", "url", "host", "genuine", "domain", "a"];
        let mut sorted = names;
        sorted.sort_unstable();
        for turn in 0..names.len() {
            let mut r = Reason::new(Code::Redirect, Severity::Info, 0, "m");
            for k in names.iter().cycle().skip(turn).take(names.len()) {
                r = r.param(*k, *k);
            }
            assert_eq!(r.params.iter().map(|(k, v)| (k, v.as_str())).collect::<Vec<_>>(), sorted.map(|k| (k, k)));
        }
    }

    #[test]
    fn sorted_puts_the_worst_first_and_keeps_the_order_of_equals() {
        // Held to the standard stable sort it replaced, over every order of a few reasons
        // with equal ranks among them.
        let ranks = [(Severity::Info, 15), (Severity::Danger, 40), (Severity::Caution, 30), (Severity::Danger, 40), (Severity::Caution, 50), (Severity::Info, 15)];
        let mut order: Vec<usize> = (0..ranks.len()).collect();
        let mut seen = 0;
        loop {
            let mut f = Findings::default();
            for &i in &order {
                f.push(Reason::new(Code::Urgency, ranks[i].0, ranks[i].1, i.to_string()));
            }
            let mut want = f.reasons.clone();
            want.sort_by(|a, b| b.severity.cmp(&a.severity).then(b.weight.cmp(&a.weight)));
            let got = f.sorted();
            assert_eq!(got.iter().map(|r| &r.message).collect::<Vec<_>>(), want.iter().map(|r| &r.message).collect::<Vec<_>>(), "{order:?}");
            seen += 1;
            // The next permutation, in lexicographic order.
            let Some(k) = (0..order.len() - 1).rev().find(|&k| order[k] < order[k + 1]) else { break };
            let l = (k + 1..order.len()).rev().find(|&l| order[k] < order[l]).unwrap();
            order.swap(k, l);
            order[k + 1..].reverse();
        }
        assert_eq!(seen, 720);
        assert!(Findings::default().sorted().is_empty());
    }

    #[test]
    fn verdict_follows_worst_reason_and_score() {
        let mut f = Findings::default();
        assert_eq!(f.verdict(), Verdict::Safe);
        assert_eq!(f.score(), 0);
        f.push(Reason::new(Code::Urgency, Severity::Info, 15, "u"));
        assert_eq!(f.verdict(), Verdict::Safe);
        f.push(Reason::new(Code::OffPlatform, Severity::Caution, 30, "o"));
        assert_eq!(f.verdict(), Verdict::Caution);
        f.push(Reason::new(Code::Lure, Severity::Caution, 40, "l"));
        assert_eq!(f.score(), 85);
        assert_eq!(f.verdict(), Verdict::Danger, "independent evidence adds up");
        let mut g = Findings::default();
        g.push(Reason::new(Code::Userinfo, Severity::Danger, 10, "x"));
        assert_eq!(g.score(), DANGER_SCORE);
        assert_eq!(g.verdict(), Verdict::Danger);
    }
}
