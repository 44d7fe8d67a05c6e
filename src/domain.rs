//! Host names: normalisation, internationalised names, and the registrable domain.
//!
//! Whether two hosts belong to one owner is decided by the registrable domain (eTLD+1) from the
//! Public Suffix List, never by splitting on dots: `amazon.co.uk` and `shop.myshopify.com` are
//! registrable domains, `co.uk` and `myshopify.com` are suffixes anyone can register under.
//! The list is `data/public_suffix_list.dat` (Mozilla, MPL-2.0), compiled by `build.rs` into
//! sorted arrays and loaded into hash sets when an engine is built.
//!
//! The lookup is written here rather than taken from a crate because of the browser's budgets:
//! the `psl` crate's compiled-in matcher is ~900 KB of WebAssembly (nearly the whole size
//! budget), and the `publicsuffix` crate parses the list text into a trie at start-up (~8 ms
//! natively, most of the engine's start). The algorithm is the list's own, from
//! publicsuffix.org: the longest matching rule wins, a wildcard matches one label, an exception
//! rule beats both, and with no rule the last label is the suffix.

use std::net::{Ipv4Addr, Ipv6Addr};

use rustc_hash::FxHashSet;

use crate::registry::RegistryError;

mod rules {
    include!(concat!(env!("OUT_DIR"), "/psl.rs"));
}

/// The Public Suffix List, ready for lookups.
pub struct Psl {
    rules: FxHashSet<&'static str>,
    wildcards: FxHashSet<&'static str>,
    exceptions: FxHashSet<&'static str>,
}

impl std::fmt::Debug for Psl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Psl({} rules)", self.rules.len() + self.wildcards.len() + self.exceptions.len())
    }
}

impl Psl {
    /// Loads the list compiled into the binary.
    pub fn embedded() -> Result<Psl, RegistryError> {
        let set = |list: &'static str| -> FxHashSet<&'static str> { list.lines().filter(|l| !l.is_empty()).collect() };
        let psl = Psl { rules: set(rules::PSL_RULES), wildcards: set(rules::PSL_WILDCARDS), exceptions: set(rules::PSL_EXCEPTIONS) };
        if psl.rules.is_empty() {
            return Err(RegistryError::Malformed { file: "data/public_suffix_list.dat", why: "no rules".into() });
        }
        Ok(psl)
    }

    /// The public suffix of a lowercase ASCII host, and whether a rule of the list (rather than
    /// the default "last label" rule) named it.
    pub fn suffix<'a>(&self, host: &'a str) -> Option<(&'a str, bool)> {
        let host = host.trim_end_matches('.');
        if host.is_empty() || host.starts_with('.') || host.contains("..") {
            return None;
        }
        // Candidate suffixes from the shortest (`com`) to the whole host.
        let mut best: Option<usize> = None;
        let mut end = host.len();
        loop {
            let start = host[..end].rfind('.').map(|i| i + 1).unwrap_or(0);
            let cand = &host[start..];
            if self.exceptions.contains(cand) {
                // An exception rule names a registrable domain: the suffix is its parent.
                let parent = cand.find('.').map(|i| start + i + 1).unwrap_or(host.len());
                return Some((&host[parent..], true));
            }
            let parent = cand.find('.').map(|i| &cand[i + 1..]);
            if self.rules.contains(cand) || parent.is_some_and(|p| self.wildcards.contains(p)) {
                best = Some(start);
            }
            if start == 0 {
                break;
            }
            end = start - 1;
        }
        match best {
            Some(s) => Some((&host[s..], true)),
            None => {
                let last = host.rfind('.').map(|i| i + 1).unwrap_or(0);
                Some((&host[last..], false))
            }
        }
    }

    /// The registrable domain (eTLD+1) of a lowercase ASCII host, or `None` when the host is
    /// itself a public suffix or has a single label.
    pub fn registrable<'a>(&self, host: &'a str) -> Option<&'a str> {
        let host = host.trim_end_matches('.');
        let (suffix, _) = self.suffix(host)?;
        if suffix.len() >= host.len() {
            return None;
        }
        let rest = &host[..host.len() - suffix.len() - 1];
        let label_start = rest.rfind('.').map(|i| i + 1).unwrap_or(0);
        Some(&host[label_start..])
    }
}

/// What kind of host a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    Domain,
    Ipv4(Ipv4Addr),
    Ipv6(Ipv6Addr),
}

/// Everything the detectors need to know about one host, computed once per URL.
#[derive(Clone, Debug)]
pub struct HostInfo {
    /// Lowercase ASCII (punycode) form, without a trailing dot.
    pub ascii: String,
    /// Unicode form for display and confusable checks; equals `ascii` when not an IDN.
    pub unicode: String,
    pub kind: HostKind,
    /// The registrable domain (ASCII), when there is one.
    pub registrable: Option<String>,
    /// The public suffix (ASCII) and whether the list knows it.
    pub suffix: Option<String>,
    pub suffix_known: bool,
    /// True when any label is punycode (`xn--`).
    pub is_idn: bool,
}

impl HostInfo {
    /// Analyses a host as the `url` crate serialises it (lowercase, punycode, IPv6 in brackets).
    pub fn new(psl: &Psl, host: &str) -> HostInfo {
        let trimmed = host.trim_end_matches('.');
        let bare = trimmed.trim_start_matches('[').trim_end_matches(']');
        if let Ok(v6) = bare.parse::<Ipv6Addr>() {
            return HostInfo::ip(host, HostKind::Ipv6(v6));
        }
        if let Ok(v4) = bare.parse::<Ipv4Addr>() {
            return HostInfo::ip(host, HostKind::Ipv4(v4));
        }
        let ascii = trimmed.to_ascii_lowercase();
        let is_idn = ascii.split('.').any(|l| l.starts_with("xn--"));
        let unicode = if is_idn {
            let (u, res) = idna::domain_to_unicode(&ascii);
            if res.is_ok() { u } else { ascii.clone() }
        } else {
            ascii.clone()
        };
        let registrable = psl.registrable(&ascii).map(str::to_string);
        let (suffix, suffix_known) = match psl.suffix(&ascii) {
            Some((s, known)) => (Some(s.to_string()), known),
            None => (None, false),
        };
        HostInfo { ascii, unicode, kind: HostKind::Domain, registrable, suffix, suffix_known, is_idn }
    }

    fn ip(host: &str, kind: HostKind) -> HostInfo {
        HostInfo {
            ascii: host.to_string(),
            unicode: host.to_string(),
            kind,
            registrable: None,
            suffix: None,
            suffix_known: false,
            is_idn: false,
        }
    }

    /// The registrable domain, or the whole host when there is none.
    pub fn site(&self) -> &str {
        self.registrable.as_deref().unwrap_or(&self.ascii)
    }

    /// The label just left of the public suffix (`alibaba` of `www.alibaba.com`), ASCII.
    pub fn e2ld_label(&self) -> Option<&str> {
        let reg = self.registrable.as_deref()?;
        let suffix = self.suffix.as_deref()?;
        reg.len().checked_sub(suffix.len() + 1).map(|n| &reg[..n])
    }

    /// Labels left of the registrable domain (`a.b` of `a.b.example.com`), ASCII.
    pub fn subdomain(&self) -> &str {
        match self.registrable.as_deref() {
            Some(reg) if self.ascii.len() > reg.len() => &self.ascii[..self.ascii.len() - reg.len() - 1],
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn psl() -> Psl {
        Psl::embedded().unwrap()
    }

    #[test]
    fn registrable_domain_uses_the_list_not_dots() {
        let p = psl();
        assert_eq!(p.registrable("www.amazon.co.uk"), Some("amazon.co.uk"));
        assert_eq!(p.registrable("message.alibaba.com"), Some("alibaba.com"));
        assert_eq!(p.registrable("store.myshopify.com"), Some("store.myshopify.com"));
        assert_eq!(p.registrable("evil.pages.dev"), Some("evil.pages.dev"));
        assert_eq!(p.registrable("co.uk"), None);
        assert_eq!(p.registrable("com"), None);
    }

    #[test]
    fn wildcard_and_exception_rules() {
        let p = psl();
        // `*.ck` with the exception `!www.ck` (from the list itself).
        assert_eq!(p.suffix("a.b.ck").map(|s| s.0), Some("b.ck"));
        assert_eq!(p.registrable("a.b.ck"), Some("a.b.ck"));
        assert_eq!(p.suffix("www.ck").map(|s| s.0), Some("ck"));
        assert_eq!(p.registrable("www.ck"), Some("www.ck"));
        // Unknown endings fall back to the last label.
        assert_eq!(p.suffix("shop.example.test"), Some(("test", false)));
        assert_eq!(p.registrable("shop.example.test"), Some("example.test"));
        // Unicode rules are matched in their punycode form.
        assert_eq!(p.registrable("www.example.xn--55qx5d.cn"), Some("example.xn--55qx5d.cn"));
        assert_eq!(p.suffix(""), None);
        assert_eq!(p.suffix("a..b"), None);
    }

    #[test]
    fn host_info_decodes_idn_and_finds_parts() {
        let p = psl();
        let h = HostInfo::new(&p, "xn--80ak6aa92e.com");
        assert!(h.is_idn);
        assert_eq!(h.unicode, "аррӏе.com");
        let h = HostInfo::new(&p, "secure.alibaba.com.login.cn.");
        assert_eq!(h.ascii, "secure.alibaba.com.login.cn");
        assert_eq!(h.registrable.as_deref(), Some("login.cn"));
        assert_eq!(h.e2ld_label(), Some("login"));
        assert_eq!(h.subdomain(), "secure.alibaba.com");
    }

    #[test]
    fn ip_hosts_are_recognised() {
        let p = psl();
        assert!(matches!(HostInfo::new(&p, "127.0.0.1").kind, HostKind::Ipv4(_)));
        assert!(matches!(HostInfo::new(&p, "[::1]").kind, HostKind::Ipv6(_)));
        assert_eq!(HostInfo::new(&p, "10.0.0.1").registrable, None);
    }
}
