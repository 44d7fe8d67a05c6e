//! Links: is this URL genuine, off-platform, or an impersonation — and why.
//!
//! A link is judged in three layers. First *where it goes*: the host's owner per the registry
//! (genuine platform, platform-owned user content, trusted by the seller, or foreign). Then
//! *what it pretends*: lookalikes of protected domains (`lookalike`). Then *how it is built*:
//! tricks that hide the destination (userinfo, IP hosts, shorteners, redirect wrappers,
//! dangerous schemes and downloads, off-platform messengers, shown text that names another
//! domain). The context platform only changes the first layer: on platform P a foreign domain
//! is "leads off P". All work per URL is bounded: the input is capped, redirect unwrapping is
//! one level deep, and every scan is linear in the (capped) length.

use std::borrow::Cow;

use serde::Serialize;

use crate::domain::{HostInfo, HostKind};
use crate::engine::Engine;
use crate::lookalike::{Lookalike, LookalikeKind};
use crate::reason::{Code, Findings, Reason, Severity, Verdict, text};
use crate::registry::Ownership;

/// Redirect wrappers unwrapped at most, so a hostile chain costs bounded work.
const MAX_UNWRAP: u8 = 3;
/// URLs longer than this are judged on their first `MAX_URL_LEN` bytes and flagged: no
/// legitimate inbox link needs more, and the cap bounds the engine's work per link.
pub const MAX_URL_LEN: usize = 4096;

/// The answer about one link, in the shape of the CLI contract.
#[derive(Clone, Debug, Serialize)]
pub struct LinkReport {
    pub input: String,
    pub verdict: Verdict,
    pub score: u8,
    /// The genuine platform the URL belongs to.
    pub platform: Option<String>,
    /// The platform (or protected domain) a non-genuine URL pretends to be.
    pub impersonates: Option<String>,
    pub reasons: Vec<Reason>,
    /// The host as a person should read it (Unicode, decoded), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Where a redirect wrapper really leads, when it was unwrapped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// The judged page's host in ASCII and its registrable domain, as the link engine worked
    /// them out, for the message checker's own questions about the site (not part of the
    /// answer).
    #[serde(skip)]
    pub site: Option<Site>,
}

/// A link's host as the engine read it.
#[derive(Clone, Debug)]
pub struct Site {
    pub ascii: String,
    pub registrable: Option<String>,
}

impl LinkReport {
    fn invalid(input: &str, why: String) -> LinkReport {
        let reason = Reason::new(Code::InvalidUrl, Severity::Info, 0, format!("not a valid URL: {why}")).param("error", why);
        LinkReport {
            input: input.to_string(),
            verdict: Verdict::Invalid,
            score: 0,
            platform: None,
            impersonates: None,
            reasons: vec![reason],
            host: None,
            destination: None,
            site: None,
        }
    }
}

/// Judges one link. `shown_text` is what the message displayed for it; `platform` is the id of
/// the platform whose page the link sits on.
pub fn check(engine: &Engine, input: &str, shown_text: Option<&str>, platform: Option<&str>) -> LinkReport {
    check_depth(engine, input, shown_text, platform, 0)
}

fn check_depth(engine: &Engine, input: &str, shown_text: Option<&str>, platform: Option<&str>, depth: u8) -> LinkReport {
    let raw = crate::bounds::cap(input.trim(), MAX_URL_LEN);
    if raw.is_empty() {
        return LinkReport::invalid(input, "it is empty".into());
    }
    let mut f = Findings::default();
    let context = platform.and_then(|id| engine.registry.platform(id)).map(|(i, _)| i);
    let parsed: url::Url;
    let url = match Address::plain(raw) {
        Some(address) => address,
        None => {
            parsed = match parse(raw) {
                Ok(u) => u,
                Err(why) => return LinkReport::invalid(input, why),
            };
            match parsed.scheme() {
                "http" | "https" => {}
                "mailto" => {
                    // A mail address is judged like its domain: a platform address is fine, a
                    // free mail or foreign address moves the talk off the platform.
                    return check_mailto(engine, input, &parsed, context);
                }
                "tel" | "sms" => {
                    return finish(input, f, None, None, None, None, None);
                }
                s => {
                    let dangerous = matches!(s, "javascript" | "data" | "vbscript" | "file" | "blob" | "filesystem" | "ms-msdt" | "search-ms" | "ms-search");
                    let (sev, w) = if dangerous { (Severity::Danger, 90) } else { (Severity::Caution, 40) };
                    f.push(
                        Reason::new(Code::DangerousScheme, sev, w, format!("the link uses the `{s}:` scheme, which does not open a web page"))
                            .param("scheme", s),
                    );
                    return finish(input, f, None, None, None, None, None);
                }
            }
            Address::of(&parsed)
        }
    };

    let Some(host) = url.host_str() else {
        return LinkReport::invalid(input, "it has no host".into());
    };
    let info = HostInfo::new(engine.psl(), host);
    // Looked up once: the lookalike and trick checks all ask whether this is free hosting.
    let hosting = engine.registry.hosting(&info.ascii);
    let redirect = if depth < MAX_UNWRAP { crate::trick::redirect_target(engine, &url, &info) } else { None };

    // A known redirect wrapper is only a hop: judge where the seller really lands, and say so.
    // Wrappers nest (a search redirect around a mail safe-link), so a few levels are unwrapped.
    if let Some((dest, true)) = &redirect {
        let dest = dest.as_str();
        {
            let mut inner = check_depth(engine, dest, shown_text, platform, depth + 1);
            if inner.verdict != Verdict::Invalid {
                let mut f = Findings { reasons: std::mem::take(&mut inner.reasons) };
                crate::trick::check_url_tricks(engine, raw, &url, &info, hosting, Some(0), true, &mut f);
                f.push(
                    Reason::new(Code::Redirect, Severity::Info, 0, text!(info.site(), " redirects to ", inner.host.as_deref().unwrap_or(dest)))
                        .param("via", info.site())
                        .param("destination", inner.host.clone().unwrap_or_else(|| dest.to_string())),
                );
                let mut report = finish(input, f, inner.platform, inner.impersonates, inner.host, Some(dest.to_string()), inner.site);
                report.input = input.to_string();
                return report;
            }
        }
    }

    // --- where it goes ----------------------------------------------------------------------
    let owner = if matches!(info.kind, HostKind::Domain) {
        engine.registry.owner(&info.ascii, info.registrable.as_deref())
    } else {
        None
    };
    let trusted = engine.is_trusted(&info);
    let mut genuine_platform = None;
    match owner {
        Some(Ownership::Genuine(i)) => {
            genuine_platform = Some(i);
            let p = &engine.registry.platforms[i];
            // A host matched by suffix (`amazon.com.be`, where the PSL only knows `be`) is named
            // by that suffix, not by the list's registrable domain.
            let domain = p.host_suffixes.iter().find(|s| crate::registry::host_has_suffix(&info.ascii, s)).map(String::as_str).unwrap_or(info.site());
            f.push(
                Reason::new(Code::GenuinePlatform, Severity::Info, 0, text!(domain, " is a genuine ", p.short_name(), " domain"))
                    .param("domain", domain)
                    .param("platform", p.short_name()),
            );
        }
        Some(Ownership::UserContent(i)) => {
            let p = &engine.registry.platforms[i];
            f.push(
                Reason::new(
                    Code::UserContentHost,
                    Severity::Caution,
                    35,
                    text!(info.unicode, " belongs to ", p.short_name(), ", but anyone can publish there: it is not ", p.short_name(), " speaking"),
                )
                .param("host", &info.unicode)
                .param("platform", p.short_name()),
            );
        }
        None if trusted => {
            f.push(Reason::new(Code::TrustedDomain, Severity::Info, 0, text!("you trust ", info.site())).param("domain", info.site()));
        }
        None => {
            if let Some(ctx) = context {
                let p = &engine.registry.platforms[ctx];
                f.push(
                    Reason::new(
                        Code::OffPlatform,
                        Severity::Caution,
                        30,
                        text!("leads off ", p.short_name(), ": ", info.site(), " is not one of its domains"),
                    )
                    .param("platform", p.short_name())
                    .param("domain", info.site()),
                );
            }
        }
    }
    // A genuine domain of another platform family is still off *this* platform, but it is
    // not an impersonation, so caution at most.
    if let (Some(g), Some(ctx)) = (genuine_platform, context) {
        if !engine.registry.same_family(g, ctx) {
            let p = &engine.registry.platforms[ctx];
            f.push(
                Reason::new(Code::OffPlatform, Severity::Caution, 30, text!("leads off ", p.short_name(), " to ", engine.registry.platforms[g].short_name()))
                    .param("platform", p.short_name())
                    .param("domain", info.site()),
            );
        }
    }

    // --- what it pretends -------------------------------------------------------------------
    let mut impersonates = None;
    if genuine_platform.is_none() && !trusted {
        let user_content = matches!(owner, Some(Ownership::UserContent(_)));
        let find = || engine.lookalikes.find(engine, &info, hosting, url.path(), user_content);
        // A named host where nobody else publishes is judged by its name alone, so a batch
        // judges it once (`Engine::batch`); on hosting, user content and bare addresses the
        // path counts too.
        let by_name = matches!(info.kind, HostKind::Domain) && hosting.is_none() && !user_content;
        let found = if by_name { engine.lookalike_of(&info.ascii, find) } else { find() };
        if let Some(mut l) = found {
            // A popular site's name alone on free hosting is raised the same way (not one in a
            // subdomain: a company's tenant on a service has its sign-in page there).
            let weak_popular = l.platform.is_none() && l.kind == LookalikeKind::FreeHosting;
            if !l.strong && (l.kind == LookalikeKind::BrandInName || weak_popular) {
                // A popular name on a free site named for signing in (`bridge-ttrezor--sso`)
                // is that site's sign-in copied, as a sign-in path makes it.
                let named_sign_in = hosting.and_then(|h| crate::trick::hosted_sign_in_name(engine, &info, h).0);
                raise_brand_in_name(engine, &mut l, context, url.path(), named_sign_in);
            }
            let reason = lookalike_reason(engine, &info, &l);
            if l.strong {
                impersonates = reason.params.get("target").cloned();
            }
            f.push(reason);
        }
    }

    // --- how it is built ----------------------------------------------------------------------
    if genuine_platform.is_none() && !trusted {
        crate::trick::check_host_tricks(engine, raw, &info, hosting, impersonates.is_some(), &mut f);
    }
    crate::trick::check_url_tricks(engine, raw, &url, &info, hosting, genuine_platform, trusted, &mut f);
    if genuine_platform.is_none() && !trusted && !f.has(Code::BrandInPath) {
        if let Some(r) = page_named_after(engine, &info, url.path()) {
            f.push(r);
        }
    }
    // A platform named in the address's user part or path (a kit's folder, its sign-in
    // address copied), dangerously: the link imitates that platform.
    if impersonates.is_none() && f.reasons.iter().any(|r| r.severity == Severity::Danger && matches!(r.code, Code::Userinfo | Code::BrandInPath)) {
        if let Some(p) = f.reasons.iter().find_map(|r| r.params.get("platform")) {
            impersonates = engine.registry.platforms.iter().find(|x| x.short_name() == p).map(|x| x.id.clone());
        }
    }
    if let Some(text) = shown_text {
        crate::trick::check_shown_text(engine, text, &info, genuine_platform, &mut impersonates, &mut f);
    }

    // --- a destination hidden in a parameter (open redirects, login return addresses) ------------
    let mut destination = None;
    if depth == 0 {
        if let Some((dest, false)) = redirect {
            let inner = check_depth(engine, &dest, None, platform, depth + 1);
            // Only a dangerous destination counts: return addresses to ordinary sites are common.
            if inner.verdict == Verdict::Danger {
                f.push(
                    Reason::new(
                        Code::Redirect,
                        Severity::Caution,
                        30,
                        text!("the link carries a second address, ", inner.host.as_deref().unwrap_or(&dest), ", that it may forward you to"),
                    )
                    .param("via", info.site())
                    .param("destination", inner.host.clone().unwrap_or_else(|| dest.clone())),
                );
                for mut r in inner.reasons.into_iter().filter(|r| r.severity == Severity::Danger) {
                    r.message.push_str(" (in the forwarding address)");
                    f.push(r);
                }
                if impersonates.is_none() {
                    impersonates = inner.impersonates;
                }
                destination = Some(dest);
            }
        }
    }

    let platform_id = genuine_platform.map(|i| engine.registry.platforms[i].id.clone());
    let site = Site { ascii: info.ascii, registrable: info.registrable };
    finish(input, f, platform_id, impersonates, Some(info.unicode), destination, Some(site))
}

fn finish(
    input: &str,
    f: Findings,
    platform: Option<String>,
    impersonates: Option<String>,
    host: Option<String>,
    destination: Option<String>,
    site: Option<Site>,
) -> LinkReport {
    // A link is as bad as its worst single finding: several mild oddities of one address (an
    // IP host, a port, a login in the userinfo) are not an impersonation. Messages, where
    // independent lures do add up, use the score as well.
    let verdict = match f.max_severity() {
        Severity::Danger => Verdict::Danger,
        Severity::Caution => Verdict::Caution,
        Severity::Info => Verdict::Safe,
    };
    let score = f.score();
    LinkReport { input: input.to_string(), verdict, score, platform, impersonates, reasons: f.sorted(), host, destination, site }
}

fn check_mailto(engine: &Engine, input: &str, url: &url::Url, context: Option<usize>) -> LinkReport {
    let mut f = Findings::default();
    let addr = percent_encoding::percent_decode_str(url.path()).decode_utf8_lossy().to_string();
    let domain = addr.rsplit('@').next().unwrap_or("").split('?').next().unwrap_or("").trim().to_ascii_lowercase();
    let info = HostInfo::new(engine.psl(), &domain);
    let owner = engine.registry.owner(&info.ascii, info.registrable.as_deref());
    let free_mail = engine.registry.contact(&info.ascii, info.registrable.as_deref()).is_some_and(|c| c.channel == "email");
    if free_mail && owner.is_none() && !engine.is_trusted(&info) {
        f.push(
            Reason::new(Code::OffPlatformContact, Severity::Caution, 35, format!("asks you to write to a private mail address, {addr}"))
                .param("channel", "email")
                .param("address", &addr),
        );
    } else if let (Some(ctx), None) = (context, owner) {
        if !engine.is_trusted(&info) {
            let p = &engine.registry.platforms[ctx];
            f.push(
                Reason::new(
                    Code::OffPlatformContact,
                    Severity::Caution,
                    35,
                    format!("asks you to write to {addr} outside {}", p.short_name()),
                )
                .param("channel", "email")
                .param("platform", p.short_name()),
            );
        }
    }
    let platform = match owner {
        Some(Ownership::Genuine(i)) => Some(engine.registry.platforms[i].id.clone()),
        _ => None,
    };
    finish(input, f, platform, None, Some(info.unicode), None, None)
}

/// A set of bytes, as a table: one load per byte of a link.
struct ByteSet([bool; 256]);

impl ByteSet {
    const fn of(alphanumeric: bool, lowercase_only: bool, others: &[u8]) -> ByteSet {
        let mut table = [false; 256];
        let mut b = 0u8;
        while b < 128 {
            let letter = b.is_ascii_lowercase() || (!lowercase_only && b.is_ascii_uppercase());
            table[b as usize] = alphanumeric && (letter || b.is_ascii_digit());
            b += 1;
        }
        let mut i = 0;
        while i < others.len() {
            table[others[i] as usize] = true;
            i += 1;
        }
        ByteSet(table)
    }

    fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b)]
    }
}

/// Host name bytes `Address::plain` reads itself.
const HOST_CHARS: ByteSet = ByteSet::of(true, true, b"-.");
/// Path bytes it reads itself: RFC 3986's, without `%` and `'`.
const PATH_CHARS: ByteSet = ByteSet::of(true, false, b"-._~!$&()*+,;=:@/");
/// Query and fragment bytes it reads itself.
const QUERY_CHARS: ByteSet = ByteSet::of(true, false, b"-._~!$&()*+,;=:@/?%");

/// The parts of a web address the checks read, borrowed from the input when it is plain, or
/// from the `url` crate's parse otherwise. The accessors answer as `url::Url`'s do.
#[derive(Clone, Debug, PartialEq)]
pub struct Address<'a> {
    scheme: &'a str,
    username: &'a str,
    password: Option<&'a str>,
    host: Option<&'a str>,
    port: Option<u16>,
    path: &'a str,
    query: Option<Cow<'a, str>>,
}

impl<'a> Address<'a> {
    /// The parts of a parsed URL (after `parse`'s normalisation).
    pub fn of(url: &'a url::Url) -> Address<'a> {
        Address {
            scheme: url.scheme(),
            username: url.username(),
            password: url.password(),
            host: url.host_str(),
            port: url.port(),
            path: url.path(),
            query: url.query().map(Cow::Borrowed),
        }
    }

    /// Reads the common, plain shape of a web link without the full WHATWG parser: `http(s)://`,
    /// a lowercase ASCII host name, and a path, query and fragment of characters that parser
    /// keeps as they are. Anything else (capitals, a port, a login, an IP address, punycode,
    /// escapes or dot segments in the path, spaces, non-ASCII) is `None`, and `parse` decides:
    /// for every input read here, the result is what `parse` gives.
    pub fn plain(raw: &'a str) -> Option<Address<'a>> {
        let (scheme, rest) = if let Some(r) = raw.strip_prefix("https://") {
            ("https", r)
        } else {
            ("http", raw.strip_prefix("http://")?)
        };
        // One pass over the bytes: host, path, query, fragment, each of characters the parser
        // keeps as written; any other byte hands the input to the parser.
        let b = rest.as_bytes();
        let span = |from: usize, set: &ByteSet| from + b[from..].iter().take_while(|&&c| set.contains(c)).count();
        let host_end = span(0, &HOST_CHARS);
        let host = &rest[..host_end];
        // A last label starting with a digit may be read as an IPv4 number (`0x7f`, `1`);
        // `xn--` labels are checked and decoded by IDNA.
        let last = crate::domain::last_label(host);
        if !matches!(b.get(host_end), None | Some(b'/' | b'?' | b'#'))
            || host.is_empty()
            || host.starts_with('.')
            || host.ends_with('.')
            || crate::domain::has_empty_label(host)
            || last.starts_with(|c: char| c.is_ascii_digit())
            || crate::domain::has_punycode_label(host)
        {
            return None;
        }
        // RFC 3986 path characters, without `%`: escapes and dot segments are normalised by the
        // parser (and then by `decode_unreserved`).
        let path_end = span(host_end, &PATH_CHARS);
        let path = &rest[host_end..path_end];
        if path.as_bytes().windows(2).any(|w| w == b"/.") && path.split('/').any(|seg| seg == "." || seg == "..") {
            return None;
        }
        let mut end = path_end;
        let mut query = None;
        if b.get(end) == Some(&b'?') {
            let q_end = span(end + 1, &QUERY_CHARS);
            query = Some(&rest[end + 1..q_end]);
            end = q_end;
        }
        if b.get(end) == Some(&b'#') {
            end = span(end + 1, &QUERY_CHARS);
        }
        if end != b.len() {
            return None;
        }
        let query = query.map(decode_unreserved);
        let path = if path.is_empty() { "/" } else { path };
        Some(Address { scheme, username: "", password: None, host: Some(host), port: None, path, query })
    }

    pub fn scheme(&self) -> &str {
        self.scheme
    }

    pub fn username(&self) -> &str {
        self.username
    }

    pub fn password(&self) -> Option<&str> {
        self.password
    }

    pub fn host_str(&self) -> Option<&str> {
        self.host
    }

    pub fn port(&self) -> Option<u16> {
        self.port
    }

    pub fn path(&self) -> &str {
        self.path
    }

    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// The query's `name=value` pairs as written, split as `url::Url::query_pairs` splits them
    /// (on `&`, empty pieces skipped, at the first `=`). `form_decode` decodes a part: most
    /// checks look at a few names only, and most names and values need no decoding at all.
    pub fn query_parts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.query().unwrap_or("").split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, "")))
    }

    /// The path's `/`-separated segments, when the path starts with `/`.
    pub fn path_segments(&self) -> Option<std::str::Split<'_, char>> {
        self.path.strip_prefix('/').map(|p| p.split('/'))
    }
}

/// A query name or value decoded as `application/x-www-form-urlencoded` (`+` is a space, then
/// percent-escapes, invalid UTF-8 replaced), copied only when there is something to decode.
pub fn form_decode(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(|b| b == b'+' || b == b'%') {
        return Cow::Borrowed(s);
    }
    let spaced = s.replace('+', " ");
    Cow::Owned(percent_encoding::percent_decode_str(&spaced).decode_utf8_lossy().into_owned())
}

/// Parses a URL the way a browser would from an inbox: scheme-less `www.` links get `http://`.
/// Percent-escapes of unreserved characters are decoded (RFC 3986 §6.2.2.2 makes them
/// equivalent), so spelling a path with escapes changes nothing about the verdict.
fn parse(raw: &str) -> Result<url::Url, String> {
    let mut url = match url::Url::parse(raw) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) if looks_like_bare_host(raw) => {
            url::Url::parse(&format!("http://{raw}")).map_err(|e| e.to_string())?
        }
        Err(e) => return Err(e.to_string()),
    };
    if url.path().contains('%') {
        let path = decode_unreserved(url.path()).into_owned();
        url.set_path(&path);
    }
    if let Some(q) = url.query().filter(|q| q.contains('%')) {
        let q = decode_unreserved(q).into_owned();
        url.set_query(Some(&q));
    }
    Ok(url)
}

/// Decodes `%XX` escapes of `A-Z a-z 0-9 - . _ ~` and leaves every other escape alone.
fn decode_unreserved(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16);
    let unreserved = |i: usize| -> Option<u8> {
        let (h, l) = (hex(b[i + 1])?, hex(b[i + 2])?);
        let c = (h * 16 + l) as u8;
        (c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~')).then_some(c)
    };
    // Most escapes in links are of reserved characters (`%3A`, `%2F`), which stay.
    let Some(first) = (0..b.len()).find(|&i| b[i] == b'%' && i + 2 < b.len() && unreserved(i).is_some()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut i = first;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(c) = unreserved(i) {
                out.push(c as char);
                i += 3;
                continue;
            }
        }
        let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(ch);
        i += ch.len_utf8().max(1);
    }
    Cow::Owned(out)
}

fn looks_like_bare_host(raw: &str) -> bool {
    let host = raw.split(['/', '?', '#']).next().unwrap_or("");
    host.contains('.') && !host.contains(' ') && !host.starts_with('.')
}


/// A name that only carries a brand (`ebaymevip.com`) is a caution: honest sites talk about
/// brands in their names too (`amazonwatch.org`). A second signal makes it an impersonation:
/// the link sits in the inbox of the very platform it names, where a seller takes a page with
/// the platform's name for the platform's own; or its path is a sign-in page, which no fan,
/// news or tools site names after somebody else's brand.
fn raise_brand_in_name(engine: &Engine, l: &mut Lookalike, context: Option<usize>, path: &str, named_sign_in: Option<&str>) {
    if let (Some(p), Some(ctx)) = (l.platform, context) {
        if engine.registry.same_family(p, ctx) {
            l.strong = true;
            l.detail = Some(text!("a link in a message on ", engine.registry.platforms[ctx].short_name()));
            return;
        }
    }
    if let Some(w) = crate::trick::sign_in_word(path) {
        l.strong = true;
        l.detail = Some(text!("its page is a sign-in page (`", w, "`)"));
    } else if let Some(w) = named_sign_in {
        l.strong = true;
        l.detail = Some(text!("its name is a sign-in page's (`", w, "`)"));
    }
}

/// A page named after a popular site or a file share with lure words (`/wetransferteam.html`,
/// `/inv/Adobe_Installer.html`) on a site that is not it: a caution, as a kit's folder named
/// after a platform is (`trick.rs`), since the site's own pages about that service could be
/// named so too.
fn page_named_after(engine: &Engine, info: &HostInfo, path: &str) -> Option<Reason> {
    // Most paths name no web page: they stop at their last bytes, before any search or copy.
    let b = path.as_bytes();
    let tail = |ext: &[u8]| b.len() > ext.len() && b[b.len() - ext.len()..].eq_ignore_ascii_case(ext);
    if !(tail(b".html") || tail(b".htm") || tail(b".php")) {
        return None;
    }
    let page = path.rsplit('/').next().filter(|p| p.len() > 5)?.to_ascii_lowercase();
    let domain = engine.lookalikes.page_named_after(&page)?;
    if info.registrable.as_deref().is_some_and(|r| r == domain || engine.registry().is_well_known(r)) {
        return None;
    }
    Some(
        Reason::new(Code::BrandInPath, Severity::Caution, 35, text!("`", page, "` names `", domain, "` in the path, but the site is ", info.site()))
            .param("domain", &domain)
            .param("site", info.site()),
    )
}

/// The reason for a lookalike, with the character-level difference spelled out.
fn lookalike_reason(engine: &Engine, info: &HostInfo, l: &Lookalike) -> Reason {
    let target = l.target_label(engine);
    let code = match l.kind {
        LookalikeKind::Skeleton => Code::LookalikeSkeleton,
        LookalikeKind::EditDistance => Code::LookalikeEditDistance,
        LookalikeKind::Transposition => Code::LookalikeTransposition,
        LookalikeKind::TldSwap => Code::LookalikeTldSwap,
        LookalikeKind::Embedding => Code::TargetEmbedding,
        LookalikeKind::BrandInSubdomain => Code::BrandInSubdomain,
        LookalikeKind::Combosquat => Code::Combosquatting,
        LookalikeKind::FreeHosting => Code::BrandOnFreeHosting,
        LookalikeKind::MixedScript => Code::MixedScript,
        LookalikeKind::WholeScript => Code::WholeScriptConfusable,
        LookalikeKind::ProtectedDomain => Code::ProtectedDomainLookalike,
        LookalikeKind::BrandInName => Code::BrandInName,
    };
    let (sev, w) = if l.strong { (Severity::Danger, 90) } else { (Severity::Caution, 40) };
    let mut r = Reason::new(code, sev, w, l.explain(info))
        .param("host", &info.unicode)
        .param("target", target)
        .param("genuine", &l.genuine_domain);
    if let Some(d) = &l.detail {
        r = r.param("detail", d);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::from_json("{}").unwrap()
    }

    #[test]
    fn genuine_platform_links_are_safe_in_context() {
        let e = engine();
        for url in [
            "https://www.alibaba.com/product-detail/x.html",
            "https://message.alibaba.com/message/messenger.htm",
            "https://sellercentral.amazon.co.uk/home",
            "https://www.amazon.de/dp/B000",
            "www.alibaba.com",
        ] {
            let r = e.check_url(url, None, Some("alibaba"));
            if url.contains("amazon") {
                assert_eq!(r.verdict, Verdict::Caution, "{url}: another platform is off this one");
            } else {
                assert_eq!(r.verdict, Verdict::Safe, "{url}: {:?}", r.reasons);
                assert_eq!(r.platform.as_deref(), Some("alibaba"));
            }
        }
    }

    #[test]
    fn foreign_links_lead_off_the_platform() {
        let e = engine();
        let r = e.check_url("https://www.example-buyer.de/catalog.pdf", None, Some("alibaba"));
        assert_eq!(r.verdict, Verdict::Caution);
        assert!(r.reasons.iter().any(|x| x.code == Code::OffPlatform && x.message.contains("leads off Alibaba.com")));
        let r = e.check_url("https://www.example-buyer.de/", None, None);
        assert_eq!(r.verdict, Verdict::Safe, "no context, no evidence");
    }

    /// A server's default name spelt from its IP address is a bare address by another name; a
    /// number in an ordinary name is not one.
    #[test]
    fn hosts_named_after_their_ip_address() {
        let e = engine();
        for url in ["http://34-125-197-109.plesk.page/", "http://brave-ramanujan.34-125-197-109.plesk.page/", "http://109.197.125.34.bc.googleusercontent.com/", "https://50-6-207-244.cprapid.com/?signin2"] {
            let r = e.check_url(url, None, None);
            assert_eq!(r.verdict, Verdict::Caution, "{url}");
            assert!(r.reasons.iter().any(|x| x.code == Code::IpHost), "{url}");
        }
        for url in ["https://www.sale-2024-12-31.de/", "https://shop-365.example.com/", "https://v1-2-3.docs.example.org/", "https://www.1-800-flowers.com/"] {
            let r = e.check_url(url, None, None);
            assert!(!r.reasons.iter().any(|x| x.code == Code::IpHost), "{url}");
        }
    }

    /// A site on free hosting named for signing in is a caution, a kit's name of two such words
    /// danger; the same service's other sites, and words that merely hold one, are not.
    #[test]
    fn sign_in_names_on_free_hosting() {
        let e = engine();
        for url in ["https://attofficialvalidation.weebly.com/", "http://webmail-update.weebly.com/", "https://microtouch-sign-in-now.vercel.app/", "https://loginoo.weebly.com/"] {
            let r = e.check_url(url, None, None);
            assert_eq!(r.verdict, Verdict::Caution, "{url}");
            assert!(r.reasons.iter().any(|x| x.code == Code::SignInOnFreeHosting), "{url}");
        }
        for url in ["http://signin-auth-blockfi.webflow.io/", "https://portal-sso-nav-cdn-auth.webflow.io/", "https://secure-login-verify.pages.dev/"] {
            assert_eq!(e.check_url(url, None, None).verdict, Verdict::Danger, "{url}");
        }
        // A popular name there is raised by a sign-in word in the name, as by a sign-in path.
        for url in ["https://instagram-sso.vercel.app/", "https://bridge-m-ttrezor--sso.webflow.io/"] {
            assert_eq!(e.check_url(url, None, None).verdict, Verdict::Danger, "{url}");
        }
        assert_eq!(e.check_url("https://instagram-fan.vercel.app/", None, None).verdict, Verdict::Caution);
        for url in ["https://designinspiration.weebly.com/", "https://mybloginfo.blogspot.com/", "https://authorsite.weebly.com/", "https://espresso-bar.webflow.io/", "https://jane-doe.github.io/login-page-demo/"] {
            let r = e.check_url(url, None, None);
            assert_eq!(r.verdict, Verdict::Safe, "{url}");
        }
    }

    #[test]
    fn unparsable_urls_are_invalid_not_panics() {
        let e = engine();
        for bad in ["", "   ", "http://", "https://exa mple.com/", "http://[::1", "::::"] {
            let r = e.check_url(bad, None, None);
            assert_eq!(r.verdict, Verdict::Invalid, "{bad:?}");
            assert_eq!(r.reasons[0].code, Code::InvalidUrl);
        }
    }

    /// Inputs built from pieces that sit on both sides of every line `Address::plain` draws.
    fn address_like_inputs() -> Vec<String> {
        let schemes = ["https://", "http://", "HTTP://", "https:/", "https:///", "ftp://", ""];
        let hosts = [
            "example.com", "www.alibaba.com", "a-b.c-d.example", "-x-.example", "Example.com", "example.com.", "a..b", ".a.b",
            "xn--libaba-2nf.com", "a.xn--p1ai", "127.0.0.1", "1.2.3", "a.0x7f", "a.09", "a.b9", "user@example.com",
            "example.com:8080", "example.com:443", "[::1]", "ex%61mple.com", "exa mple.com", "éxample.com", "", "a",
            "a_b.example", "a.b.c.d.e.f.g.h.example",
        ];
        let paths = [
            "", "/", "/a/b.html", "/a/./b", "/a/../b", "/./", "/..", "/a%2e%2e/b", "/%41%42", "/a b", "/a\\b", "/a|b", "/a^b",
            "/a'b", "/a\"b", "/{x}", "/`x`", "/~user/$&()*+,;=:@", "//double//slash", "/é", "/a\tb",
        ];
        let queries = ["", "?", "?a=1&b=2", "?url=https%3A%2F%2Fevil.example%2Flogin", "?q=%41%7e%2F", "?a='b'", "?a b", "?a=\"x\"", "?x=%", "?%zz", "?a?b"];
        let fragments = ["", "#", "#top", "#a%20b", "#a b", "#`x`", "#a#b"];
        let mut out = Vec::new();
        for (i, scheme) in schemes.iter().enumerate() {
            for (j, host) in hosts.iter().enumerate() {
                for (k, path) in paths.iter().enumerate() {
                    // Every host with every path; queries and fragments rotate through.
                    let q = queries[(i + j + k) % queries.len()];
                    let fr = fragments[(j * 3 + k) % fragments.len()];
                    out.push(format!("{scheme}{host}{path}{q}{fr}"));
                }
                for q in queries {
                    out.push(format!("{scheme}{host}{q}"));
                }
            }
        }
        out
    }

    #[test]
    fn plain_addresses_read_as_the_full_parser_reads_them() {
        let mut plain = 0;
        for input in address_like_inputs() {
            if let Some(fast) = Address::plain(&input) {
                plain += 1;
                let full = parse(&input).unwrap_or_else(|e| panic!("{input:?}: read as plain, but the parser says {e}"));
                assert_eq!(fast, Address::of(&full), "{input:?}");
            }
        }
        assert!(plain > 100, "the plain reading covers the common shapes ({plain})");
    }

    #[test]
    fn query_parts_decode_as_the_form_decoder_does() {
        for query in ["a=1&b=2", "&&a=&=b&c", "url=https%3A%2F%2Fx.example%2F&q=a+b%2Bc", "x=%zz%E9%41&y==z", "name=%F0%9F%98%80+%FF"] {
            let url = url::Url::parse(&format!("https://x.example/?{query}")).unwrap();
            let ours: Vec<(String, String)> =
                Address::of(&url).query_parts().map(|(k, v)| (form_decode(k).into_owned(), form_decode(v).into_owned())).collect();
            let theirs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
            assert_eq!(ours, theirs, "{query}");
        }
    }

    /// A name that only carries a brand is a caution; a sign-in path, or the inbox of the
    /// platform it names, makes it an impersonation. Another platform's inbox adds nothing, and
    /// a popular site is never one.
    #[test]
    fn brand_in_name_is_raised_only_by_a_second_signal() {
        let e = engine();
        let judge = |url: &str, platform: Option<&str>| {
            let r = e.check_url(url, None, platform);
            let code = r.reasons.iter().find(|x| x.code == Code::BrandInName).map(|x| x.severity);
            (r.verdict, code, r.impersonates)
        };
        assert_eq!(judge("https://ebayfinds.net/", None), (Verdict::Caution, Some(Severity::Caution), None));
        assert_eq!(judge("https://ebayfinds.net/item/123", None), (Verdict::Caution, Some(Severity::Caution), None));
        assert_eq!(judge("https://ebayfinds.net/signin.php", None), (Verdict::Danger, Some(Severity::Danger), Some("ebay".into())));
        assert_eq!(judge("https://ebayfinds.net/Account/LogIn", None), (Verdict::Danger, Some(Severity::Danger), Some("ebay".into())));
        assert_eq!(judge("https://ebayfinds.net/", Some("ebay")), (Verdict::Danger, Some(Severity::Danger), Some("ebay".into())));
        // Alibaba.com, AliExpress and 1688 share one login: one family.
        assert_eq!(judge("https://alibababuyers.org/", Some("aliexpress")).0, Verdict::Danger);
        assert_eq!(judge("https://ebayfinds.net/", Some("amazon")), (Verdict::Caution, Some(Severity::Caution), None));
        // A popular site carrying a brand's name (the river's NGO) is quiet, in that inbox too.
        assert_eq!(judge("https://amazonwatch.org/", None), (Verdict::Safe, None, None));
        assert_eq!(judge("https://amazonwatch.org/wp-login.php", Some("amazon")), (Verdict::Caution, None, None));
    }

    #[test]
    fn dangerous_schemes() {
        let e = engine();
        assert_eq!(e.check_url("javascript:alert(1)", None, None).verdict, Verdict::Danger);
        assert_eq!(e.check_url("data:text/html;base64,PGgxPg==", None, None).verdict, Verdict::Danger);
        assert_eq!(e.check_url("file:///C:/x.exe", None, None).verdict, Verdict::Danger);
    }
}
