//! The engine: built once from the seller's config, then asked many questions.
//!
//! Building parses the embedded registry and the Public Suffix List and compiles the link
//! matchers, so each question afterwards is lookups and automata only. The message lexicon is
//! the exception: it is most of what building costs (its phrase tries and keyword automata),
//! and only messages need it, while the service worker that hosts the engine is woken far more
//! often to judge a link or a navigation. So it is built on the first question about a message
//! (or ahead of it, by [`Engine::prepare_messages`], when an inbox page opens), once per engine.
//! The same object serves the CLI, the tests, the benchmarks and (through `wasm`) the extension.
//!
//! A batch of an inbox's messages names the same few hosts again and again (the benchmark's 2,000
//! links have 222), and the lookalike search is the costliest part of judging a link. So
//! [`Engine::batch`] keeps each host's lookalike answer for the length of one batch: an
//! engine's settings never change, so an answer is as true for the batch's last link as for
//! its first, and the memo goes with the batch, so a long-lived engine holds nothing.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashSet as HashSet;

use serde::Serialize;

use crate::config::{Config, ConfigError, MAX_DOMAINS, normalize_domain};
use crate::domain::{HostInfo, Psl};
use crate::link::{self, LinkReport};
use crate::lookalike::{Lookalike, Lookalikes};
use crate::message::{self, Lexicon, LexiconError, MessageInput, MessageReport};
use crate::page::{self, PageFacts, PageReport};
use crate::registry::{Ownership, Registry, RegistryError, host_has_suffix};
use crate::trick::TrickMatchers;

/// Why an engine could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
}

/// The validated config, in the form the detectors use.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Indexes into `Registry::platforms` of the platforms protected.
    pub enabled: Vec<usize>,
    pub protected_domains: Vec<String>,
    pub trusted_domains: HashSet<String>,
}

/// What the extension needs to know about the page it runs on before gathering anything.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageContext {
    /// The protected platform this URL genuinely belongs to.
    pub platform: Option<String>,
    pub platform_name: Option<String>,
    /// On the platform's genuine domains (or a trusted one): no password-reuse watch here.
    pub genuine: bool,
    /// A genuine platform host whose content a customer controls (a store, a pay link).
    pub user_content: bool,
    /// A seller message centre of `platform`: judge its messages.
    pub inbox: bool,
    /// A genuine sign-in page of `platform`: password enrolment is offered here.
    pub login: bool,
    /// The seller trusts this domain.
    pub trusted: bool,
}

/// The engine.
#[derive(Debug)]
pub struct Engine {
    pub(crate) registry: Registry,
    pub(crate) psl: Psl,
    pub(crate) settings: Settings,
    pub(crate) lookalikes: Lookalikes,
    pub(crate) tricks: TrickMatchers,
    /// Built on first need (see the module doc). A failed build is kept too: the data it reads
    /// is compiled in, so trying again would fail the same way.
    lexicon: OnceLock<Result<Lexicon, LexiconError>>,
    /// Answers kept while a batch is judged ([`Engine::batch`]), else `None`. A mutex only so
    /// that the engine stays `Sync` (tests share one); in WebAssembly it is a plain cell.
    memo: Mutex<Option<BatchMemo>>,
}

/// Answers about hosts, kept for one batch.
#[derive(Debug, Default)]
struct BatchMemo {
    /// Places in `lookalikes` by host (`HostInfo::ascii`). std's seeded hash, not FxHash: the
    /// keys are hosts a sender chose, who must not be able to make the table quadratic; and
    /// the type of `answer.rs`'s tables, so the module carries no hash table code for this.
    hosts: HashMap<Vec<u8>, usize>,
    lookalikes: Vec<Option<Lookalike>>,
}

/// A batch being judged ([`Engine::batch`]): the memo lives until this is dropped.
#[must_use = "the memo ends when the batch is dropped"]
pub struct Batch<'e> {
    /// The engine whose memo this batch started, or `None` inside another batch.
    engine: Option<&'e Engine>,
}

impl Engine {
    /// Builds an engine from a config.
    pub fn new(config: &Config) -> Result<Engine, EngineError> {
        let registry = Registry::embedded()?;
        let psl = Psl::embedded()?;
        let settings = validate(config, &registry, &psl)?;
        let lookalikes = Lookalikes::new(&registry, &settings);
        let tricks = TrickMatchers::new(&registry, &settings.enabled);
        Ok(Engine { registry, psl, settings, lookalikes, tricks, lexicon: OnceLock::new(), memo: Mutex::new(None) })
    }

    /// Builds an engine from config JSON (`{}` protects every platform).
    pub fn from_json(text: &str) -> Result<Engine, EngineError> {
        Engine::new(&Config::from_json(text)?)
    }

    /// Judges one URL, with the text it was shown with and the platform the seller is on.
    pub fn check_url(&self, url: &str, shown_text: Option<&str>, platform: Option<&str>) -> LinkReport {
        link::check(self, url, shown_text, platform)
    }

    /// Judges one message and every link in it. The first message an engine judges builds
    /// its lexicon, unless [`Engine::prepare_messages`] did; an error is the lexicon's.
    pub fn check_message(&self, input: &MessageInput) -> Result<MessageReport, EngineError> {
        Ok(message::check(self, self.lexicon()?, input))
    }

    /// Starts a batch of questions (an inbox's messages): until the returned [`Batch`] is
    /// dropped, each host's lookalike answer is worked out once and kept (see the module doc).
    /// Answers are the same as without; a batch inside a batch shares the outer one's memo.
    pub fn batch(&self) -> Batch<'_> {
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        if memo.is_some() {
            return Batch { engine: None };
        }
        *memo = Some(BatchMemo::default());
        Batch { engine: Some(self) }
    }

    /// The lookalike answer for a host whose answer depends on its name alone: kept from an
    /// earlier link of the batch, else `find`'s (and kept, in a batch).
    pub(crate) fn lookalike_of(&self, host: &str, find: impl FnOnce() -> Option<Lookalike>) -> Option<Lookalike> {
        {
            let memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
            match memo.as_ref() {
                None => {
                    drop(memo);
                    return find();
                }
                Some(m) => {
                    if let Some(&k) = m.hosts.get(host.as_bytes()) {
                        return m.lookalikes[k].clone();
                    }
                }
            }
        }
        // Not held while finding: the search may judge another link (it does not today).
        let found = find();
        if let Some(m) = self.memo.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            m.hosts.insert(host.as_bytes().to_vec(), m.lookalikes.len());
            m.lookalikes.push(found.clone());
        }
        found
    }

    /// Builds the message lexicon now, if it is not built yet, so that the first message does
    /// not wait for it (the extension calls this when an inbox page opens, while the page's
    /// messages are still being read). Reports the error a message check would.
    pub fn prepare_messages(&self) -> Result<(), EngineError> {
        self.lexicon().map(|_| ())
    }

    /// Whether the message lexicon is built (by a message, or [`Engine::prepare_messages`]).
    pub fn messages_prepared(&self) -> bool {
        self.lexicon.get().is_some_and(Result::is_ok)
    }

    /// The message lexicon, built on first call.
    pub(crate) fn lexicon(&self) -> Result<&Lexicon, EngineError> {
        self.lexicon.get_or_init(|| Lexicon::embedded(&self.registry)).as_ref().map_err(|e| EngineError::Lexicon(e.clone()))
    }

    /// Judges a page that may ask for credentials.
    pub fn check_page(&self, facts: &PageFacts) -> PageReport {
        page::check(self, facts)
    }

    /// Where a URL is, for the content script's first decision.
    pub fn page_context(&self, url: &str) -> PageContext {
        let Ok(parsed) = url::Url::parse(url.trim()) else { return PageContext::default() };
        let Some(host) = parsed.host_str() else { return PageContext::default() };
        let info = HostInfo::new(&self.psl, host);
        let mut ctx = PageContext { trusted: self.is_trusted(&info), ..PageContext::default() };
        ctx.genuine = ctx.trusted;
        let Some(owner) = self.registry.owner(&info.ascii, info.registrable.as_deref()) else { return ctx };
        let (idx, user_content) = match owner {
            Ownership::Genuine(i) => (i, false),
            Ownership::UserContent(i) => (i, true),
        };
        let p = &self.registry.platforms[idx];
        ctx.platform = Some(p.id.clone());
        ctx.platform_name = Some(p.short_name().to_string());
        ctx.user_content = user_content;
        ctx.genuine = !user_content;
        if !user_content {
            let path = parsed.path();
            // Any platform of the family may host the inbox (AliExpress sellers chat on
            // alibaba.com hosts), so patterns of every owner of the domain count.
            let owners = info.registrable.as_deref().map(|r| self.registry.owners_of(r)).unwrap_or(&[]);
            let candidates = std::iter::once(idx).chain(owners.iter().copied());
            for i in candidates {
                let p = &self.registry.platforms[i];
                if p.inbox_url_patterns.iter().any(|pat| pattern_matches(pat, &info, path)) {
                    ctx.inbox = true;
                }
                if p.login_hosts.iter().any(|pat| pattern_matches(pat, &info, path)) {
                    ctx.login = true;
                }
            }
        }
        ctx
    }

    /// The registry, for callers that list platforms.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The Public Suffix List, for callers that analyse hosts themselves.
    pub fn psl(&self) -> &Psl {
        &self.psl
    }

    /// True when the seller trusts this host's registrable domain (or the host itself).
    pub(crate) fn is_trusted(&self, info: &HostInfo) -> bool {
        let t = &self.settings.trusted_domains;
        !t.is_empty() && (t.contains(&info.ascii) || info.registrable.as_ref().is_some_and(|r| t.contains(r)))
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if let Some(e) = self.engine {
            *e.memo.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }
}

/// Checks a config as [`Engine::new`] would, without building the matchers: the same errors,
/// at the cost of loading the registry and the Public Suffix List only. Nothing else an engine
/// builds depends on the config in a way that can fail.
pub fn validate_config(config: &Config) -> Result<(), EngineError> {
    let registry = Registry::embedded()?;
    let psl = Psl::embedded()?;
    validate(config, &registry, &psl)?;
    Ok(())
}

/// Matches a registry `host[/path]` pattern. A `*` host label matches one label, but the match
/// only counts when the host's registrable domain is one the pattern's own suffix names, so
/// `sellercentral.amazon.*` never matches `sellercentral.amazon.evil.com` (the caller only asks
/// about hosts already known to be genuine). A `*` in the path matches anything.
pub(crate) fn pattern_matches(pattern: &str, info: &HostInfo, path: &str) -> bool {
    let (phost, ppath) = match pattern.find('/') {
        Some(i) => (&pattern[..i], &pattern[i..]),
        None => (pattern, "/*"),
    };
    let plabels: Vec<&str> = phost.split('.').collect();
    let hlabels: Vec<&str> = info.ascii.split('.').collect();
    let host_ok = if phost.starts_with("*.") && !phost[2..].contains('*') {
        host_has_suffix(&info.ascii, &phost[2..])
    } else {
        plabels.len() == hlabels.len() && plabels.iter().zip(&hlabels).all(|(p, h)| *p == "*" || p.eq_ignore_ascii_case(h))
    };
    host_ok && glob(ppath, path)
}

/// A `*`-only glob, iterative so a hostile pattern cannot blow the stack.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] != b'*' && p[pi].eq_ignore_ascii_case(&t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            pi += 1;
            mark = ti;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

fn validate(config: &Config, registry: &Registry, psl: &Psl) -> Result<Settings, ConfigError> {
    let enabled = match &config.platforms {
        None => (0..registry.platforms.len()).collect(),
        Some(ids) => {
            let mut v = Vec::new();
            for id in ids {
                let (i, _) = registry.platform(id).ok_or_else(|| ConfigError::UnknownPlatform(id.clone()))?;
                v.push(i);
            }
            v
        }
    };
    let domains = |field: &'static str, list: &[String]| -> Result<Vec<String>, ConfigError> {
        if list.len() > MAX_DOMAINS {
            return Err(ConfigError::TooMany { field, max: MAX_DOMAINS });
        }
        let mut out = Vec::new();
        for raw in list {
            let d = normalize_domain(field, raw)?;
            if psl.registrable(&d).is_none() {
                return Err(ConfigError::PublicSuffix { field, value: raw.clone() });
            }
            if !out.contains(&d) {
                out.push(d);
            }
        }
        Ok(out)
    };
    let protected_domains = domains("protectedDomains", &config.protected_domains)?;
    let trusted_domains = domains("trustedDomains", &config.trusted_domains)?.into_iter().collect();
    Ok(Settings { enabled, protected_domains, trusted_domains })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::from_json("{}").unwrap()
    }

    #[test]
    fn config_errors_are_reported_not_panicked() {
        assert!(matches!(Engine::from_json("not json"), Err(EngineError::Config(ConfigError::Json(_)))));
        assert!(matches!(
            Engine::from_json(r#"{"platforms":["nope"]}"#),
            Err(EngineError::Config(ConfigError::UnknownPlatform(_)))
        ));
        assert!(matches!(
            Engine::from_json(r#"{"trustedDomains":["co.uk"]}"#),
            Err(EngineError::Config(ConfigError::PublicSuffix { .. }))
        ));
        assert!(Engine::from_json(r#"{"platforms":["alibaba"],"trustedDomains":["Example.com"]}"#).is_ok());
    }

    #[test]
    fn the_lexicon_is_built_on_first_message_need_once() {
        let e = engine();
        assert!(!e.messages_prepared(), "a new engine has not built its lexicon");
        // Links and pages never need it.
        e.check_url("https://alibaba.com.verify-account.top/login", None, Some("alibaba"));
        e.page_context("https://message.alibaba.com/message/messenger.htm");
        assert!(!e.messages_prepared());
        let input = MessageInput { text: "Please send me the 6-digit verification code you received".into(), ..MessageInput::default() };
        let report = e.check_message(&input).unwrap();
        assert!(e.messages_prepared());
        let first = e.lexicon().unwrap() as *const Lexicon;
        e.prepare_messages().unwrap();
        assert_eq!(first, e.lexicon().unwrap() as *const Lexicon, "built once, not again");
        // Building ahead of time changes no answer.
        let ahead = engine();
        ahead.prepare_messages().unwrap();
        assert!(ahead.messages_prepared());
        let again = ahead.check_message(&input).unwrap();
        assert_eq!(serde_json::to_string(&report).unwrap(), serde_json::to_string(&again).unwrap());
        assert!(!report.categories.is_empty(), "the probe message is a scam the lexicon names");
    }

    #[test]
    fn a_batch_answers_as_single_questions_do_and_keeps_nothing_after() {
        let e = engine();
        // Hosts repeated with other paths and shown texts; on free hosting and bare addresses
        // the path decides, so those must not be answered from the first link's host.
        let links: &[(&str, Option<&str>)] = &[
            ("https://a1ibaba-secure-login.com/login", None),
            ("https://a1ibaba-secure-login.com/help", Some("www.alibaba.com")),
            ("https://www.acme-industrial.de/rfq", None),
            ("https://WWW.ACME-INDUSTRIAL.DE./rfq?alibaba=1", None),
            ("https://shop-7.web.app/", None),
            ("https://shop-7.web.app/alibaba/login", None),
            ("http://185.22.1.10/", None),
            ("http://185.22.1.10/alibaba/login.php", None),
            ("https://www.google.com/url?q=https%3A%2F%2Fa1ibaba-secure-login.com%2Fx", None),
        ];
        let alone: Vec<String> =
            links.iter().map(|(u, t)| serde_json::to_string(&e.check_url(u, *t, Some("alibaba"))).unwrap()).collect();
        assert_ne!(alone[4], alone[5], "the path on free hosting changes the answer");
        assert_ne!(alone[6], alone[7], "the path on a bare address changes the answer");
        let judge = || -> Vec<String> { links.iter().map(|(u, t)| serde_json::to_string(&e.check_url(u, *t, Some("alibaba"))).unwrap()).collect() };
        {
            let _batch = e.batch();
            // Twice, so the second round is answered from the memo, and a batch inside it.
            let first = judge();
            assert!(e.memo.lock().unwrap().as_ref().is_some_and(|m| !m.hosts.is_empty()), "hosts are kept in a batch");
            {
                let _inner = e.batch();
                assert_eq!(first, judge());
            }
            assert!(e.memo.lock().unwrap().is_some(), "an inner batch leaves the outer one's memo");
            assert_eq!(alone, first);
            assert_eq!(alone, judge());
        }
        assert!(e.memo.lock().unwrap().is_none(), "nothing is kept after the batch");
        // A message's links go the same way.
        let input = MessageInput { text: "Log in at https://a1ibaba-secure-login.com/login to see the payment".into(), ..MessageInput::default() };
        let report = serde_json::to_string(&e.check_message(&input).unwrap()).unwrap();
        let _batch = e.batch();
        assert_eq!(report, serde_json::to_string(&e.check_message(&input).unwrap()).unwrap());
    }

    #[test]
    fn validate_config_agrees_with_building_an_engine() {
        for json in [
            "{}",
            r#"{"platforms":["nope"]}"#,
            r#"{"platforms":["alibaba","ebay"],"protectedDomains":["acme.de"]}"#,
            r#"{"trustedDomains":["co.uk"]}"#,
            r#"{"protectedDomains":["not a domain"]}"#,
            r#"{"trustedDomains":["Example.com","example.com"]}"#,
        ] {
            let config = Config::from_json(json).unwrap();
            let built = Engine::new(&config).map(|_| ()).map_err(|e| e.to_string());
            assert_eq!(validate_config(&config).map_err(|e| e.to_string()), built, "{json}");
        }
    }

    #[test]
    fn page_context_knows_inboxes_and_logins() {
        let e = engine();
        let c = e.page_context("https://message.alibaba.com/message/messenger.htm");
        assert_eq!(c.platform.as_deref(), Some("alibaba"));
        assert!(c.genuine && c.inbox && !c.login);
        let c = e.page_context("https://login.alibaba.com/newlogin/icbuLogin.htm");
        assert!(c.genuine && c.login && !c.inbox);
        let c = e.page_context("https://alibaba.com.verify-account.top/login");
        assert!(!c.genuine && c.platform.is_none());
        let c = e.page_context("not a url");
        assert!(!c.genuine);
    }

    #[test]
    fn glob_matches_stars_anywhere() {
        assert!(glob("/message/*", "/message/messenger.htm"));
        assert!(glob("/*", "/"));
        assert!(!glob("/message/*", "/msg"));
        assert!(glob("/a*b*c", "/axxbyyc"));
    }
}
