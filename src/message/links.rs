//! Links in a message: finding the ones written in the text, and letting the link engine judge
//! every one.
//!
//! A message's HTML gives some links with the text they were shown as; many more are written
//! out in plain text (`www.alibaba-verify.top/login`, `https://…`) or as bare e-mail addresses.
//! The finder here is deliberately small and bounded — one linear pass, at most [`MAX_FOUND`]
//! results, each capped at the link engine's length limit — and works on the original text, so
//! spans point at exactly what the seller sees. Every link then goes through
//! `Engine::check_url` with the inbox's platform, and its verdict becomes message evidence:
//! a dangerous link is a danger reason; a link that only leaves the platform is context, not a
//! warning, because genuine buyers link their own websites all the time.

use super::lexicon::Lexicon;
use super::scan::{Hit, Hits};
use super::{MessageInput, MessageLink};
use crate::engine::Engine;
use crate::link::{LinkReport, MAX_URL_LEN};
use crate::reason::{Code, Findings, Reason, Severity, Verdict, text};

/// Most URLs and addresses taken from one text; a message with more is judged on the first.
pub const MAX_FOUND: usize = 64;
/// Most links judged per message (HTML links and written ones together).
pub const MAX_LINKS: usize = 64;

/// What a written token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Url,
    Email,
}

/// A URL or e-mail address written in the text, by byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Finds URLs and e-mail addresses written in `text`. Every one has a dot, so the search
/// starts from the dots (a few per sentence) and grows each into its whole token, instead of
/// classifying every word.
pub fn find_written(engine: &Engine, lex: &Lexicon, text: &str) -> Vec<Written> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(off) = memchr::memchr(b'.', &bytes[from..]) {
        let dot = from + off;
        let start = text[..dot].char_indices().rev().take_while(|&(_, c)| is_token_char(c)).last().map_or(dot, |(i, _)| i);
        let end = text[dot..].char_indices().find(|&(_, c)| !is_token_char(c)).map_or(text.len(), |(i, _)| dot + i);
        if let Some(w) = classify(engine, lex, text, start, end) {
            out.push(w);
            if out.len() >= MAX_FOUND {
                break;
            }
        }
        from = end.max(dot + 1);
    }
    out
}

/// Characters a written link is made of. Han text and full-width punctuation end a link even
/// without a space (`请点击https://x.top/a。`).
fn is_token_char(c: char) -> bool {
    if c.is_whitespace() || c.is_control() {
        return false;
    }
    if c.is_ascii() {
        return !matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^');
    }
    // Internationalised host names are letters of spaced scripts; Han text, CJK and full-width
    // punctuation, curly quotes and zero-width characters all end the link.
    super::scan::is_word_char(c)
}

fn classify(engine: &Engine, lex: &Lexicon, text: &str, s: usize, e: usize) -> Option<Written> {
    // Most tokens are words: without a dot there is no host name, so nothing to do.
    if !text.as_bytes()[s..e].contains(&b'.') {
        return None;
    }
    let (s, e) = trim(text, s, e);
    if s >= e || !text.as_bytes()[s..e].contains(&b'.') {
        return None;
    }
    let tok = &text[s..e];
    let lower = tok.to_ascii_lowercase();
    for scheme in ["https://", "http://"] {
        if let Some(p) = crate::search::find(&lower, scheme) {
            let (s2, e2) = trim(text, s + p, e);
            return (e2 > s2 + scheme.len()).then(|| Written { start: s2, end: cap(text, s2, e2), kind: Kind::Url });
        }
    }
    if let Some(at) = tok.rfind('@') {
        let local_start = if lower.starts_with("mailto:") { 7 } else { 0 };
        let local = &tok[local_start..at];
        let domain = &tok[at + 1..];
        let local_ok = !local.is_empty() && local.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'));
        return (local_ok && bare_host(engine, lex, domain, false)).then_some(Written { start: s + local_start, end: e, kind: Kind::Email });
    }
    if lower.starts_with("www.") && tok.len() > 4 {
        return Some(Written { start: s, end: cap(text, s, e), kind: Kind::Url });
    }
    let host_end = tok.find(['/', '?', '#']).unwrap_or(tok.len());
    let has_path = host_end < tok.len() && tok.len() > host_end + 1;
    if !has_path && (greeted(text, s, e) || store_field(text, s)) {
        return None;
    }
    if bare_host(engine, lex, &tok[..host_end], has_path) {
        return Some(Written { start: s, end: cap(text, s, e), kind: Kind::Url });
    }
    None
}

/// Whether the name at `s..e` is the one a greeting addresses ("Hi vintage.finds.store,"): a
/// marketplace user name often reads as a host name, and a greeting's name is no link.
fn greeted(text: &str, s: usize, e: usize) -> bool {
    const GREETINGS: &[&str] = &["hi", "hello", "hey", "dear", "hi there", "hello there", "good morning", "good afternoon", "good evening"];
    let line = line_before(text, s).trim_end();
    let after = text[e..].trim_start();
    GREETINGS.iter().any(|g| line.eq_ignore_ascii_case(g))
        && (after.starts_with(',') || after.starts_with('!') || after.starts_with('\n') || after.is_empty())
}

/// Whether the name at `s` fills a notice's store field ("Store: sage-and-stone.myshopify.com"):
/// a platform's bill or report names the reader's own shop by its address on the platform's
/// hosting, where any other mention of that hosting would count as someone else's page. Only
/// a bare host: a field with a path is a page to open, and judged as one.
fn store_field(text: &str, s: usize) -> bool {
    const FIELDS: &[&str] = &["store:", "shop:", "store url:", "shop url:", "store name:", "your store:", "店铺：", "店铺:", "店铺地址：", "店铺地址:"];
    let line = line_before(text, s).trim();
    FIELDS.iter().any(|f| line.eq_ignore_ascii_case(f))
}

/// What stands on the same line before byte `s`: the greeting or the field label a name follows.
fn line_before(text: &str, s: usize) -> &str {
    text[..s].rsplit('\n').next().unwrap_or("")
}

/// Trims the punctuation a sentence puts around a link: leading brackets and quotes, trailing
/// full stops, commas, and closing brackets that the link did not open.
fn trim(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e {
        let c = text[s..e].chars().next().unwrap_or(' ');
        if matches!(c, '(' | '[' | '\'' | '*' | ',' | '.' | ':' | ';' | '!' | '?') {
            s += c.len_utf8();
        } else {
            break;
        }
    }
    while s < e {
        let c = text[s..e].chars().next_back().unwrap_or(' ');
        let unbalanced = match c {
            ')' => text[s..e].matches('(').count() < text[s..e].matches(')').count(),
            ']' => text[s..e].matches('[').count() < text[s..e].matches(']').count(),
            _ => false,
        };
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*') || unbalanced {
            e -= c.len_utf8();
        } else {
            break;
        }
    }
    (s, e)
}

fn cap(text: &str, s: usize, e: usize) -> usize {
    let mut end = e.min(s + MAX_URL_LEN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// A host name written without a scheme (`alibaba-verify.top`): dot-separated labels of
/// letters, digits and hyphens, ending in a top-level domain the Public Suffix List knows and
/// that is not a file extension. Without a path the name before the ending must be at least
/// three characters (`Co.Ltd` is a company, not a site) and the ending must not be a
/// capitalised word (`goods.Thanks` is a missing space).
fn bare_host(engine: &Engine, lex: &Lexicon, host: &str, has_path: bool) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || host.len() > 253 {
        return false;
    }
    if labels.iter().any(|l| l.is_empty() || l.len() > 63 || l.starts_with('-') || l.ends_with('-') || !l.chars().all(|c| c.is_alphanumeric() || c == '-')) {
        return false;
    }
    let tld = labels[labels.len() - 1];
    if !(tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()) || tld.starts_with("xn--")) {
        return false;
    }
    let tld_lower = tld.to_ascii_lowercase();
    if lex.files.file_endings_not_sites.contains(&tld_lower) {
        return false;
    }
    let mut chars = tld.chars();
    let capitalised = chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_lowercase());
    if !has_path && (capitalised || labels[labels.len() - 2].chars().count() < 3) {
        return false;
    }
    let ascii = match idna::domain_to_ascii(host) {
        Ok(a) => a,
        Err(_) => return false,
    };
    matches!(engine.psl().suffix(&ascii), Some((_, true)))
}

/// Judges every link of the message: the HTML ones with their shown text, then the ones written
/// in the text. Adds link evidence to `f` and structural hits to `hits`; returns the reports.
pub fn judge(
    engine: &Engine,
    lex: &Lexicon,
    input: &MessageInput,
    text: &str,
    written: &[Written],
    hits: &mut Hits,
    f: &mut Findings,
) -> Vec<LinkReport> {
    let platform = input.platform.as_deref();
    let mut reports = Vec::new();
    // Links already judged, by `dedupe_key`, compared without regard to ASCII case.
    let mut seen: Vec<&str> = Vec::new();
    let mut all_genuine = true;
    let link_group = |name: &str| lex.id(name).expect("structural groups are always interned");
    let (g_link, g_danger, g_contact, g_freemail) =
        (link_group("@link"), link_group("@dangerous_link"), link_group("@contact_link"), link_group("@freemail_address"));

    let html_links = input.links.iter().filter(|l| !l.href.trim().is_empty()).take(MAX_LINKS);
    let mut judged: Vec<(LinkReport, Option<(usize, usize)>)> = Vec::new();
    for l in html_links {
        let href = l.href.trim();
        let key = dedupe_key(href);
        if seen.iter().any(|s| s.eq_ignore_ascii_case(key)) {
            continue;
        }
        seen.push(key);
        let report = engine.check_url(href, l.text.as_deref().filter(|t| !t.trim().is_empty()), platform);
        judged.push((report, span_of(text, l)));
    }
    for w in written {
        if judged.len() >= MAX_LINKS {
            break;
        }
        let raw = &text[w.start..w.end];
        match w.kind {
            Kind::Email => {
                let domain = raw.rsplit('@').next().unwrap_or("").to_ascii_lowercase();
                let info = crate::domain::HostInfo::new(engine.psl(), &domain);
                if engine.registry().contact(&info.ascii, info.registrable.as_deref()).is_some_and(|c| c.channel == "email") {
                    hits.add(g_freemail, Hit::at(w.start, w.end));
                }
            }
            Kind::Url => {
                let key = dedupe_key(raw);
                if seen.iter().any(|s| s.eq_ignore_ascii_case(key)) {
                    continue;
                }
                seen.push(key);
                judged.push((engine.check_url(raw, None, platform), Some((w.start, w.end))));
            }
        }
    }

    // Which links lead where the engine knows nothing of the site, asked only of a message that
    // reads like a service's notice (a voicemail, a fax, a secure message, an invoice or a
    // document to view): the sender's own domain, the platforms, popular sites, hosting,
    // messengers and shorteners are all known.
    let notice = hits.has_named(lex, "notice.service") || hits.has_named(lex, "notice.document");
    let unknown = notice.then(|| UnknownSites::new(engine, input));
    let g_unknown = link_group("@unknown_link");

    for (report, span) in judged {
        let hit = span.map(|(s, e)| Hit::at(s, e)).unwrap_or_else(Hit::fact);
        if let Some(u) = &unknown {
            if report.verdict != Verdict::Danger && u.is_unknown(&report) {
                hits.add(g_unknown, hit);
            }
        }
        let genuine = report.verdict == Verdict::Safe
            && (report.platform.is_some() || report.reasons.iter().any(|r| r.code == Code::TrustedDomain));
        // A popular site's own page (iforgot.apple.com, account.live.com) is where a real notice
        // of that site sends the reader, and no phisher can publish there: it is no way to
        // deliver a lure. Its hosting hosts (sites.google.com) are judged by the link engine.
        // So is another platform's genuine page, which the link engine marks only for leaving the
        // inbox's platform (a Payoneer receipt read in an Amazon inbox links to payoneer.com).
        let genuine = genuine
            || (report.verdict != Verdict::Danger
                && only_leaves_platform(&report)
                && (report.platform.is_some() || popular_site(engine, &report)));
        if report.verdict == Verdict::Invalid {
            reports.push(report);
            continue;
        }
        if !genuine {
            all_genuine = false;
            hits.add(g_link, hit);
        }
        let shown = report.host.as_deref().unwrap_or(&report.input);
        match report.verdict {
            Verdict::Danger => {
                hits.add(g_danger, hit);
                if report.reasons.iter().any(|r| r.code == Code::DangerousDownload) {
                    hits.add(link_group("@risky_download"), hit);
                }
                let why = report.reasons.iter().find(|r| r.severity == Severity::Danger).map(|r| r.message.clone()).unwrap_or_default();
                f.push(with_span(
                    Reason::new(Code::DangerousLink, Severity::Danger, 60, text!("a link to ", shown, " is dangerous: ", why))
                        .param("url", truncate(&report.input, 200))
                        .param("host", shown)
                        .param("why", why),
                    span,
                ));
            }
            Verdict::Caution => {
                if report.reasons.iter().any(|r| r.code == Code::OffPlatformContact) {
                    hits.add(g_contact, hit);
                }
                if report.reasons.iter().any(|r| r.code == Code::ArchiveDownload) {
                    hits.add(link_group("@archive_download"), hit);
                }
                // Leaving the platform is what every buyer's own website does; only a link with
                // something more (a shortener, a messenger, a risky ending) is worth a warning.
                // A file on a file-sharing service (a Dropbox folder, a colleague's SharePoint
                // file) is how buyers and colleagues send artwork and packing lists; the file is
                // not a page that asks for a password, and the lure around it is judged by the
                // rules. Alone it is context, as a buyer's own website is.
                let shared_file = |r: &Reason| {
                    r.code == Code::FreeHosting
                        && report.host.as_deref().and_then(|h| engine.registry().hosting(h)).is_some_and(|h| h.category == "file-share")
                };
                let tricks: Vec<&Reason> = report
                    .reasons
                    .iter()
                    .filter(|r| r.severity >= Severity::Caution && r.code != Code::OffPlatform && !shared_file(r))
                    .collect();
                let (severity, weight, why) = match tricks.first() {
                    Some(r) => (Severity::Caution, 25, r.message.clone()),
                    None => (
                        Severity::Info,
                        4,
                        report.reasons.iter().find(|r| r.code == Code::OffPlatform).map(|r| r.message.clone()).unwrap_or_default(),
                    ),
                };
                f.push(with_span(
                    Reason::new(Code::SuspiciousLink, severity, weight, text!("a link to ", shown, ": ", why))
                        .param("url", truncate(&report.input, 200))
                        .param("host", shown)
                        .param("why", why),
                    span,
                ));
            }
            _ => {}
        }
        reports.push(report);
    }
    // "Click the link below" points at whatever link the message has; when every link is the
    // platform's own (or a popular site's own page), the phrase is a genuine notification's, not
    // a lure's, and the message says so to the rest of the checker (@own_links).
    if !reports.is_empty() && all_genuine {
        if let Some(g) = lex.id("link.ref") {
            hits.clear(g);
        }
        hits.add(link_group("@own_links"), Hit::fact());
    }
    reports
}

/// Tells a link to a site the engine knows nothing of: not the sender's own registrable domain,
/// not a platform's, not a popular site, not a hosting service or its operator, not a messenger
/// or shortener.
struct UnknownSites<'a> {
    engine: &'a Engine,
    sender: Option<String>,
}

impl<'a> UnknownSites<'a> {
    fn new(engine: &'a Engine, input: &MessageInput) -> UnknownSites<'a> {
        let sender = input
            .sender
            .as_ref()
            .and_then(|s| s.address.as_deref())
            .and_then(super::sender::domain_of)
            .and_then(|d| crate::domain::HostInfo::new(engine.psl(), &d).registrable);
        UnknownSites { engine, sender }
    }

    fn is_unknown(&self, report: &LinkReport) -> bool {
        let Some(site) = &report.site else { return false };
        let Some(reg) = site.registrable.as_deref() else { return false };
        let (ascii, registry) = (site.ascii.as_str(), self.engine.registry());
        self.sender.as_deref() != Some(reg)
            && !registry.is_well_known(reg)
            && registry.owner(ascii, Some(reg)).is_none()
            && registry.hosting(ascii).is_none()
            && registry.contact(ascii, Some(reg)).is_none()
            && !registry.is_shortener(ascii, Some(reg))
    }
}

/// Nothing in the report but, at most, that the link leaves the inbox's platform.
fn only_leaves_platform(report: &LinkReport) -> bool {
    report.reasons.iter().all(|r| r.code == Code::OffPlatform || r.severity < Severity::Caution)
}

/// The link's site is a popular one (`data/popular.toml`) or runs a listed hosting service
/// (google.com runs sites.google.com), and the link is not on one of the hosting hosts: the
/// site's own page.
fn popular_site(engine: &Engine, report: &LinkReport) -> bool {
    let Some(site) = &report.site else { return false };
    let registry = engine.registry();
    site.registrable.as_deref().is_some_and(|r| registry.is_well_known(r)) && registry.hosting(&site.ascii).is_none()
}

fn with_span(r: Reason, span: Option<(usize, usize)>) -> Reason {
    match span {
        Some((s, e)) => r.span(s, e),
        None => r,
    }
}

/// Links that differ only in case of scheme/host or a trailing slash are one link: this, compared
/// with `eq_ignore_ascii_case` (no lowercased copy of every link).
fn dedupe_key(url: &str) -> &str {
    url.trim().trim_end_matches('/')
}

/// Where an HTML link shows in the text: its shown text, else its address.
fn span_of(text: &str, l: &MessageLink) -> Option<(usize, usize)> {
    let shown = l.text.as_deref().map(str::trim).filter(|t| t.len() >= 2);
    for needle in shown.into_iter().chain(std::iter::once(l.href.trim())) {
        if needle.is_empty() {
            continue;
        }
        // A match of a whole UTF-8 needle always lies on character boundaries.
        if let Some(i) = crate::search::find(text, needle) {
            return Some((i, i + needle.len()));
        }
    }
    None
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::from_json("{}").unwrap()
    }

    fn found(text: &str) -> Vec<(&str, Kind)> {
        let e = engine();
        find_written(&e, e.lexicon().unwrap(), text).into_iter().map(|w| (&text[w.start..w.end], w.kind)).collect()
    }

    #[test]
    fn a_greeted_user_name_is_no_link() {
        assert!(found("Hi vintage.finds.store,\n\nWe noticed a sign-in.").is_empty());
        assert!(found("Dear kitchen.deals.shop,\nthanks").is_empty());
        // Anywhere else the same name is a link, and so is a greeted one with a path.
        assert_eq!(found("Log in at vintage.finds.store now.").len(), 1);
        assert_eq!(found("Hi secure-login.store/verify, thanks").len(), 1);
    }

    #[test]
    fn a_store_field_is_no_link() {
        assert!(found("Your Shopify bill is ready\nStore: sage-and-stone.myshopify.com\nAmount: $105.00").is_empty());
        // In a sentence, or with a path, the same host is a link.
        assert_eq!(found("Open sage-and-stone.myshopify.com now").len(), 1);
        assert_eq!(found("Store: sage-and-stone.myshopify.com/admin/login").len(), 1);
    }

    #[test]
    fn finds_urls_with_and_without_scheme() {
        assert_eq!(found("Click (https://alibaba.com.verify-id.top/login?id=1)."), vec![("https://alibaba.com.verify-id.top/login?id=1", Kind::Url)]);
        assert_eq!(found("visit www.example.com, thanks"), vec![("www.example.com", Kind::Url)]);
        assert_eq!(found("go to alibaba-secure.top/login now"), vec![("alibaba-secure.top/login", Kind::Url)]);
        assert_eq!(found("官网：https://seller-verify.xyz/a。请尽快"), vec![("https://seller-verify.xyz/a", Kind::Url)]);
    }

    #[test]
    fn finds_email_addresses() {
        assert_eq!(found("write to john.smith@gmail.com."), vec![("john.smith@gmail.com", Kind::Email)]);
        assert_eq!(found("mailto:a@b-c.de"), vec![("a@b-c.de", Kind::Email)]);
    }

    #[test]
    fn ordinary_words_with_dots_are_not_links() {
        for text in [
            "Shenzhen Trading Co.Ltd",
            "see catalogue.pdf and prices.xlsx",
            "the goods.Thanks for your help",
            "weight 3.5kg, size 1.2m",
            "e.g. this, i.e. that",
            "version 2.0 of model No.5",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn finder_is_bounded() {
        let text = "http://a.example.com/ ".repeat(500);
        let e = engine();
        let lex = e.lexicon().unwrap();
        assert_eq!(find_written(&e, lex, &text).len(), MAX_FOUND);
        let long = format!("https://x.example.com/{}", "a".repeat(10_000));
        let w = find_written(&e, lex, &long);
        assert!(w[0].end - w[0].start <= MAX_URL_LEN);
    }
}
