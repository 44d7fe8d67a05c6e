//! Link tricks: the ways a URL hides where it really goes.
//!
//! These are the checks mail filters have long made (SpamAssassin's URI tests, Rspamd's
//! `url_suspect` and phishing modules): text before `@` that looks like the host, raw IP hosts
//! in odd notations, unusual ports, dangerous schemes, shorteners and redirect wrappers, files
//! that run when opened, very long or heavily encoded addresses, messenger links that move the
//! conversation off the platform, and anchor text that names one site while the link goes to
//! another. Each check is a linear scan of a length-capped URL.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use crate::domain::{HostInfo, HostKind};
use crate::engine::Engine;
use crate::link::{Address, form_decode};
use crate::lookalike::Needles;
use crate::reason::{Code, Findings, Reason, Severity, text};
use crate::registry::{Hosting, Ownership, host_has_suffix};

/// Beyond this length a URL is itself a sign of obfuscation (Rspamd uses 2048).
const LONG_URL: usize = 2048;
/// More host labels than this is a sign of obfuscation (Rspamd's limit is 6 dots).
const MANY_LABELS: usize = 7;
/// Query pairs examined for a redirect destination.
const MAX_QUERY_PAIRS: usize = 32;
/// Ports a web link may use without remark (the parser already drops a scheme's default).
const ORDINARY_PORTS: &[u16] = &[80, 443];
/// Words in a path that say "this is a sign-in page".
const LOGIN_WORDS: &[&str] = &["login", "logon", "signin", "sign-in", "sign_in", "verify", "account", "password", "passport", "auth", "secure", "webscr", "wp-", ".php", "session"];
/// Words of a path that name a sign-in page and nothing else: narrower than `LOGIN_WORDS`,
/// whose `account`, `secure` and `.php` are in every shop's addresses.
const SIGN_IN_WORDS: &[&str] = &["login", "log-in", "logon", "signin", "sign-in", "sign_in", "verify", "verification", "password", "webscr", "authenticate"];
/// Extensions of pages a server renders or sends as they are: what a phishing kit's entry
/// page is (`index.html`, `signin.php`).
const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp"];
/// Extensions that are ordinary web pages or scripts when they appear in a link's path;
/// dangerous as attachments, not as addresses.
const WEB_PAGE_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "com", "pif", "url", "svg"];
/// Page types that render as a page, and so are dangerous when served from storage.
const RENDERED_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "xhtml", "svg"];
/// Hosting categories where nobody stands behind the content: tunnels to a home machine,
/// anonymous buckets, throwaway serverless apps.
const ANONYMOUS_HOSTING: &[&str] = &["tunnel", "dynamic-dns", "object-storage", "file-host", "file-share", "serverless", "app-hosting"];
/// Hosting categories where files are stored rather than sites operated.
const STORAGE_CATEGORIES: &[&str] = &["object-storage", "file-share", "file-host", "cdn", "docs-forms"];

/// Pre-built matchers for the trick checks, part of the engine.
#[derive(Debug, Default)]
pub struct TrickMatchers {
    /// Genuine registrable domains of the enabled platforms, for "brand domain in the path".
    platform_domains: Needles,
    platform_domain_owner: Vec<usize>,
    /// The enabled platforms' `kit_marks` and whose each is.
    kit_marks: Needles,
    kit_mark_owner: Vec<usize>,
    /// `links.toml`'s file extensions, as sets.
    dangerous_extensions: FxHashSet<String>,
    archive_extensions: FxHashSet<String>,
}

impl TrickMatchers {
    pub fn new(engine_registry: &crate::registry::Registry, enabled: &[usize]) -> TrickMatchers {
        let mut pats = Vec::new();
        let mut owner = Vec::new();
        for &i in enabled {
            for d in &engine_registry.platforms[i].registrable_domains {
                // Only brand-named domains: a CDN name in a path means nothing to a reader.
                if engine_registry.platforms[i].brand_tokens.iter().any(|t| t.len() >= 4 && d.starts_with(t.as_str())) {
                    pats.push(d.clone());
                    owner.push(i);
                }
            }
        }
        let (mut marks, mut mark_owner) = (Vec::new(), Vec::new());
        for &i in enabled {
            for m in &engine_registry.platforms[i].kit_marks {
                marks.push(m.to_ascii_lowercase());
                mark_owner.push(i);
            }
        }
        let links = &engine_registry.links;
        TrickMatchers {
            kit_marks: Needles::new(marks.iter().map(String::as_str)),
            kit_mark_owner: mark_owner,
            // No automaton: its build was a large share of engine start in WebAssembly (see
            // `Needles`), and paths are short.
            platform_domains: Needles::new(pats.iter().map(String::as_str)),
            platform_domain_owner: owner,
            dangerous_extensions: links.dangerous_extensions.iter().cloned().collect(),
            archive_extensions: links.archive_extensions.iter().cloned().collect(),
        }
    }
}

/// Checks of the host that matter only when it is not a genuine or trusted one.
pub fn check_host_tricks(engine: &Engine, raw: &str, info: &HostInfo, hosting: Option<&Hosting>, impersonation: bool, f: &mut Findings) {
    let written = raw_host(raw);
    match info.kind {
        HostKind::Ipv4 | HostKind::Ipv6 => {
            let odd = matches!(info.kind, HostKind::Ipv4) && !is_dotted_decimal(written);
            let mut r = Reason::new(
                Code::IpHost,
                Severity::Caution,
                45,
                if odd {
                    format!("the link goes to a bare IP address written in disguise (`{written}` is {})", info.ascii)
                } else {
                    format!("the link goes to a bare IP address ({}), not to a named site", info.ascii)
                },
            )
            .param("ip", &info.ascii);
            if odd {
                r.weight = 60;
                r = r.param("written", written);
            }
            f.push(r);
        }
        // A server's default name spelt from its address (`34-125-197-109.plesk.page`,
        // `50-6-207-244.cprapid.com`, `109.197.125.34.bc.googleusercontent.com`): a hosting
        // panel gives one to every rented machine before it has a domain, and a kit put up in a
        // hurry lives there. It names no site, as a bare address does not.
        HostKind::Domain => {
            if let Some(ip) = address_in_name(&info.ascii) {
                f.push(
                    Reason::new(Code::IpHost, Severity::Caution, 40, text!("the link goes to a server named after its IP address (", ip, "), not to a site with a name of its own"))
                        .param("ip", ip),
                );
            }
        }
    }
    if info.is_idn && !impersonation {
        f.push(
            Reason::new(Code::Punycode, Severity::Info, 5, text!("the address is an international name, shown as `", info.unicode, "`"))
                .param("host", &info.unicode)
                .param("ascii", &info.ascii),
        );
    }
    let registrable = info.registrable.as_deref();
    if let Some(c) = engine.registry().contact(&info.ascii, registrable) {
        if c.channel == "messenger" {
            f.push(
                Reason::new(
                    Code::OffPlatformContact,
                    Severity::Caution,
                    40,
                    text!("opens ", c.name, ": the conversation would leave the platform, which no longer records or protects it"),
                )
                .param("channel", &c.name),
            );
        }
    }
    let user_content = f.has(Code::UserContentHost);
    if engine.registry().is_shortener_on(&info.ascii, registrable, hosting) {
        f.push(
            Reason::new(Code::Shortener, Severity::Caution, 35, text!(info.site(), " is a link shortener: the real destination is hidden"))
                .param("domain", info.site()),
        );
    } else if let Some(h) = hosting {
        // A site there named for signing in (`webmail-login.weebly.com`): no service keeps its
        // sign-in on a stranger's free page, so it is a caution with no brand named, and two
        // such words (`signin-auth-x.webflow.io`, a kit's name) are danger.
        let (first, words) = if impersonation || user_content { (None, 0) } else { hosted_sign_in_name(engine, info, h) };
        if let Some(word) = first {
            let (sev, w) = if words >= 2 { (Severity::Danger, 80) } else { (Severity::Caution, 40) };
            f.push(
                Reason::new(
                    Code::SignInOnFreeHosting,
                    sev,
                    w,
                    text!(info.unicode, " is a page on ", h.domain, " named for signing in (`", word, "`): no real service keeps its sign-in there"),
                )
                .param("host", &info.unicode)
                .param("word", word),
            );
        } else if !impersonation && !user_content && info.ascii != h.domain {
            // A tunnel to somebody's machine or an anonymous bucket is a caution; project pages
            // on github.io or a shared document are everyday links, so there it is only context
            // (in an inbox the link is already off-platform, and this adds to that).
            let (sev, w) = if ANONYMOUS_HOSTING.contains(&h.category.as_str()) { (Severity::Caution, 35) } else { (Severity::Info, 20) };
            f.push(
                Reason::new(
                    Code::FreeHosting,
                    sev,
                    w,
                    text!(info.unicode, " is on ", h.domain, ", where anyone can publish a page"),
                )
                .param("service", &h.domain),
            );
        }
    }
    if let Some(suffix) = info.suffix() {
        let tld = crate::domain::last_label(suffix);
        if engine.registry().is_risky_tld(tld) {
            let (sev, w) = if impersonation { (Severity::Info, 10) } else { (Severity::Caution, 30) };
            f.push(Reason::new(Code::RiskyTld, sev, w, text!("the `.", tld, "` ending is heavily used for scams")).param("tld", tld));
        }
    }
    let labels = info.ascii.bytes().filter(|&b| b == b'.').count() + 1;
    if labels > MANY_LABELS {
        f.push(
            Reason::new(Code::Obfuscated, Severity::Caution, 30, format!("the address has {labels} parts, a way to push the real domain out of sight"))
                .param("labels", labels.to_string()),
        );
    } else if written.contains('%') {
        f.push(Reason::new(Code::Obfuscated, Severity::Caution, 40, "the host name is percent-encoded to hide it".to_string()));
    }
}

/// Checks of how the URL is built, for every host.
#[allow(clippy::too_many_arguments)]
pub fn check_url_tricks(
    engine: &Engine,
    raw: &str,
    url: &Address,
    info: &HostInfo,
    hosting: Option<&Hosting>,
    genuine: Option<usize>,
    trusted: bool,
    f: &mut Findings,
) {
    // Text before `@` is shown first but the browser goes to what follows it.
    if !url.username().is_empty() || url.password().is_some() {
        let user = percent_encoding::percent_decode_str(url.username()).decode_utf8_lossy().to_string();
        let looks_like_domain = user.contains('.') || engine.registry().platforms.iter().any(|p| p.brand_tokens.iter().any(|t| t.len() >= 4 && crate::search::contains(&user.to_ascii_lowercase(), t)));
        let (sev, w) = if looks_like_domain { (Severity::Danger, 90) } else { (Severity::Caution, 40) };
        f.push(
            Reason::new(
                Code::Userinfo,
                sev,
                w,
                format!("the address starts with `{user}@`, but the browser goes to {}", info.unicode),
            )
            .param("shown", user)
            .param("host", &info.unicode),
        );
    }
    if let Some(port) = url.port() {
        if !ORDINARY_PORTS.contains(&port) {
            f.push(Reason::new(Code::UnusualPort, Severity::Caution, 30, format!("the link uses the unusual port {port}")).param("port", port.to_string()));
        }
    }
    if raw.len() > LONG_URL {
        f.push(Reason::new(Code::Obfuscated, Severity::Caution, 30, format!("the address is {} characters long, hiding where it goes", raw.len())));
    } else if ascii_encoded_share(url.path()) > 0.5 && url.path().len() > 24 {
        f.push(Reason::new(Code::Obfuscated, Severity::Caution, 30, "most of the address is percent-encoded to hide what it says".to_string()));
    }
    if genuine.is_some() || trusted {
        return;
    }
    // A page addressed by its IPFS content id: any of the many gateways serves it, under
    // `/ipfs/<cid>` or as `<cid>.ipfs.<gateway>`; anyone can publish one and nobody can take it
    // down, which is why phishing kits are kept there. The shape says so, not a gateway list.
    if !f.has(Code::FreeHosting) && is_ipfs(url.path(), &info.ascii) {
        f.push(
            Reason::new(Code::FreeHosting, Severity::Caution, 35, text!(info.unicode, " serves a page from IPFS, where anyone can publish a page"))
                .param("service", "IPFS"),
        );
    }
    // Files that run or open as a page when downloaded. An HTML page stored in a bucket or a
    // file share is a page nobody operates: the classic home of a phishing form.
    if let Some(ext) = file_extension(url) {
        let stored = hosting.is_some_and(|h| STORAGE_CATEGORIES.contains(&h.category.as_str()));
        // `eBayISAPI.dll?ViewItem`: a server endpoint answering a query, not a file to run.
        let endpoint = ext == "dll" && url.query().is_some();
        let page_like = WEB_PAGE_EXTENSIONS.contains(&ext.as_str()) && !(stored && RENDERED_EXTENSIONS.contains(&ext.as_str()));
        let script = ext == "js" && !stored;
        if script && !script_poses_as_document(engine, url) {
            // A `.js` file opens in a browser as text; it runs only when saved and opened on
            // Windows. A site's own script (under a script folder, or asked for with a query)
            // is no warning; any other is a caution. One named as a document a seller opens
            // (`Payment_Slip.js`, `Invoice.pdf.js`) is a dropper, and dangerous below.
            if !is_site_script(engine, url) {
                f.push(
                    Reason::new(Code::DangerousDownload, Severity::Caution, 35, "the link opens a `.js` script file, which runs if it is saved and opened".to_string())
                        .param("extension", &ext),
                );
            }
        } else if engine.tricks.dangerous_extensions.contains(&ext) && !page_like && !endpoint {
            f.push(
                Reason::new(Code::DangerousDownload, Severity::Danger, 85, format!("the link downloads a `.{ext}` file, which runs or opens a page when opened"))
                    .param("extension", &ext),
            );
        } else if engine.tricks.archive_extensions.contains(&ext) {
            f.push(
                Reason::new(Code::ArchiveDownload, Severity::Caution, 35, format!("the link downloads a `.{ext}` archive; its contents cannot be seen before opening"))
                    .param("extension", &ext),
            );
        }
    }
    // A platform's domain written into the path of an unrelated host. Phishing kits are
    // unpacked into a folder named after the host they imitate (`/js/login.alibaba.com/`), so a
    // whole platform *host* as a path segment, or a platform domain next to sign-in words, is
    // an impersonation; a bare domain in a path is how directories and archives cite a site.
    let path = lowercase(decode(url.path()));
    let popular = || info.registrable.as_deref().is_some_and(|r| engine.registry().is_popular(r));
    // Every registrable domain has a dot, so a path without one (most, and the hostile
    // `%41%41…`) is passed over at memchr's speed.
    if path.contains('.') {
        if let Some(m) = engine.tricks.platform_domains.find_all(&path).find(|m| {
            let b = path.as_bytes();
            (m.start == 0 || !b[m.start - 1].is_ascii_alphanumeric()) && (m.end == b.len() || !b[m.end].is_ascii_alphanumeric())
        }) {
            let bytes = path.as_bytes();
            {
                let p = &engine.registry().platforms[engine.tricks.platform_domain_owner[m.pattern]];
                let seg_start = path[..m.start].rfind('/').map(|i| i + 1).unwrap_or(0);
                // `/web/2024/https://www.alibaba.com/` cites a whole address (archives, proxies).
                let cited = path[..seg_start].ends_with("http://") || path[..seg_start].ends_with("https://") || path[..seg_start].ends_with("http:/") || path[..seg_start].ends_with("https:/");
                let host_segment = m.start > seg_start && bytes[m.start - 1] == b'.' && !cited;
                let login = LOGIN_WORDS.iter().any(|w| crate::search::contains(&path, w));
                if !popular() {
                    f.push(brand_in_path((login && !cited) || host_segment, false, &path[m.start..m.end], p.short_name(), info));
                }
            }
        }
    }
    if !f.has(Code::BrandInPath) {
        if let Some(r) = brand_folder(engine, &path, info).filter(|_| !popular()) {
            f.push(r);
        }
    }
    if !f.has(Code::BrandInPath) && path.contains('.') && !popular() {
        if let Some(r) = popular_host_folder(engine, &path, info) {
            f.push(r);
        }
    }
    if !f.has(Code::BrandInPath) && !popular() {
        if let Some(r) = popular_name_folder(engine, &path, info) {
            f.push(r);
        }
    }
    // A sign-in page inside a site software's own folders (`/wp-includes/fonts/login.php`,
    // `/wp-content/themes/x/amex/sett.php?cmd=login_submit`): the software keeps none there, so
    // it is a kit unpacked on a hacked site, whatever it imitates.
    if !f.has(Code::BrandInPath) && !popular() {
        let folder = engine.registry().links.software_folders.iter().find_map(|d| {
            let b = path.as_bytes();
            let i = crate::search::find(&path, d.as_str())?;
            let edged = i > 0 && b[i - 1] == b'/' && b.get(i + d.len()) == Some(&b'/');
            edged.then_some(i + d.len())
        });
        if let Some(rest) = folder {
            let kit_query = url.query().is_some_and(|q| contains_ignore_case(q, "login_submit"));
            if kit_query || sign_in_word(&path[rest..]).is_some() {
                f.push(Reason::new(Code::KitPath, Severity::Caution, 40, text!("the link opens a sign-in page hidden in the software folders of ", info.site())).param("site", info.site()));
            }
        }
    }
    // A platform's own sign-in address copied onto another host: a kit that kept the genuine
    // page's path or parameters (`/myaccount/signin/?country.x=US&locale.x=en_US`).
    if !f.has(Code::BrandInPath) && !popular() && genuine.is_none() {
        // Most queries are searched as written; only one with capitals is copied to fold them.
        let query = url.query().map(|q| if q.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(q.to_ascii_lowercase()) } else { Cow::Borrowed(q) });
        let hit = |text: &str| engine.tricks.kit_marks.find_all(text).next();
        if let Some((m, text)) = hit(&path).map(|m| (m, path.as_ref())).or_else(|| query.as_deref().and_then(|q| hit(q).map(|m| (m, q)))) {
            let reg = engine.registry();
            let i = engine.tricks.kit_mark_owner[m.pattern];
            // The platform's own user-content hosts serve its addresses too
            // (`vi.vipr.ebaydesc.com/ws/eBayISAPI.dll?ViewItemDescV4`).
            let own = match reg.owner(&info.ascii, info.registrable.as_deref()) {
                Some(crate::registry::Ownership::Genuine(o) | crate::registry::Ownership::UserContent(o)) => reg.same_family(o, i),
                None => false,
            };
            if !own {
                f.push(brand_in_path(true, false, &text[m.start..m.end], reg.platforms[i].short_name(), info));
            }
        }
    }
}

/// True when `path` starts with `/ipfs/` or `/ipns/` followed by more, or a label of `host` is
/// `ipfs` or `ipns` after a content id (a first label of 32 characters or more).
fn is_ipfs(path: &str, host: &str) -> bool {
    let p = path.as_bytes();
    let in_path = p.len() > 6 && (p[..6].eq_ignore_ascii_case(b"/ipfs/") || p[..6].eq_ignore_ascii_case(b"/ipns/"));
    let mut labels = host.split('.');
    let in_host = labels.next().is_some_and(|cid| cid.len() >= 32) && labels.next().is_some_and(|l| l == "ipfs" || l == "ipns");
    in_path || in_host
}

/// A site's host name as a folder that holds a page (`/dev01/www.netflix.com/index.php`): the
/// kit for that site unpacked into a folder named after the host it imitates, as
/// `/js/login.alibaba.com/` is for the platforms (step above). Only a full host name counts
/// (`www.` or a sub-domain before the registrable domain), not a bare domain
/// (`/reviews/netflix.com/`, how directories name a site), and only with a page after it. A
/// caution, for a popular site or any other (a bank on no list); danger when the path names a
/// sign-in page.
fn popular_host_folder(engine: &Engine, path: &str, info: &HostInfo) -> Option<Reason> {
    let (dirs, _) = path.strip_prefix('/')?.rsplit_once('/')?;
    let sign_in = sign_in_word(path);
    if !ends_in_page(path) && sign_in.is_none() {
        return None;
    }
    // `/web/2024/https://www.netflix.com/x.html` cites a whole address (archives, proxies).
    if crate::search::contains(dirs, "http:/") || crate::search::contains(dirs, "https:/") {
        return None;
    }
    // A full host name of any site counts (`/https/34.237.113.113/sucursalpersonas.
    // transaccionesbancolombia.com/mua/index.html`, H45): a folder named after a host with its
    // sub-domain is how a kit for that host is unpacked, not how a site files its pages. One
    // under the host's own domain is the site's own (`/sites/www.cs.example.edu/`).
    let (seg, popular) = dirs.split('/').take(16).find_map(|seg| {
        let labels = seg.split('.').count();
        if !((seg.starts_with("www.") || labels >= 3)
            && labels <= 6
            && seg.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')
            && seg.bytes().last().is_some_and(|c| c.is_ascii_alphabetic()))
        {
            return None;
        }
        let host = HostInfo::new(engine.psl(), seg);
        let r = host.registrable.filter(|r| host.suffix_known && info.registrable.as_deref() != Some(r.as_str()))?;
        // A bare domain under a two-label ending (`mweb.co.za`) names a site, as `netflix.com` does.
        let full = seg.starts_with("www.") || labels > r.split('.').count();
        full.then(|| (seg, engine.registry().is_popular(&r)))
    })?;
    let (sev, w) = match (sign_in.is_some(), popular) {
        (true, _) => (Severity::Danger, 85),
        (false, true) => (Severity::Caution, 35),
        (false, false) => (Severity::Caution, 30),
    };
    Some(
        Reason::new(Code::BrandInPath, sev, w, text!("`", seg, "` appears in the path, but the site is ", info.site()))
            .param("domain", seg)
            .param("site", info.site()),
    )
}

/// A folder named after a popular site or file share, its name alone or with lure words
/// glued or joined on, followed by a sign-in page (`/wp-content/themes/hub/chase/login/
/// auth.php`, `/upload/bankofamerica/login/sign-in/process.html`, `/Chasebank/login.php`, H45):
/// the kit for that site unpacked on a host that is not it. Danger. A name with lure words
/// holding a page (`/icloud-archivos/code2022esp.php`) is a caution. A name alone without a
/// sign-in word after it says nothing (`/apple/recipes.html`, `/discover/index.html` are
/// sections of sites), and after a site's own "sign in with ..." folder (`/auth/google/login`)
/// it is a route.
fn popular_name_folder(engine: &Engine, path: &str, info: &HostInfo) -> Option<Reason> {
    let page = ends_in_page(path);
    if !page && sign_in_word(path).is_none() {
        return None;
    }
    let (dirs, _) = path.strip_prefix('/')?.rsplit_once('/')?;
    let routes = &engine.registry().links.integration_folders;
    let mut prev = "";
    let mut offset = 1;
    for seg in dirs.split('/').take(16) {
        offset += seg.len() + 1;
        // The words of the folder, joined, a kit's number tag aside (`chase2020`).
        let after_route = routes.iter().any(|r| r == prev);
        prev = seg;
        if after_route || !seg.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_') {
            continue;
        }
        let word: String = seg.chars().filter(char::is_ascii_lowercase).collect();
        let Some(domain) = engine.lookalikes.popular_named(&word) else { continue };
        if info.registrable.as_deref() == Some(domain) {
            continue;
        }
        let with_lures = domain.split('.').next().is_some_and(|name| name != word);
        let sev = if sign_in_word(&path[offset.min(path.len())..]).is_some() {
            (Severity::Danger, 85)
        } else if with_lures && page {
            (Severity::Caution, 35)
        } else {
            continue;
        };
        return Some(
            Reason::new(Code::BrandInPath, sev.0, sev.1, text!("`", seg, "` appears in the path, but the site is ", info.site()))
                .param("domain", domain)
                .param("site", info.site()),
        );
    }
    None
}

/// True when `path` ends in a web page's name (`.html`, `.php`, ...), read from its last few
/// bytes only.
fn ends_in_page(path: &str) -> bool {
    let b = path.as_bytes();
    let tail = &b[b.len().saturating_sub(6)..];
    tail.iter().rposition(|&c| c == b'.').is_some_and(|dot| PAGE_EXTENSIONS.iter().any(|e| e.as_bytes() == &tail[dot + 1..]))
}

/// A folder named after a platform that holds a page (`/paypal/8xgzenct.html`,
/// `/loading_page/paypal/paypal_cf_3/index.html`). A phishing kit is an archive named after
/// its target, unpacked as it is on whatever host the attacker has (a hacked site, a cheap
/// server), and the link opens its entry page or a copy renamed at random to dodge block lists;
/// a kit's version tag may follow the name (`paypal_cf_3`, `amazon-v2`). A caution: a site's
/// own pages about a brand can sit in such a folder (`/docs/paypal/index.html`); danger when
/// the page is a sign-in page. A shop's payment callback (`/checkout/paypal/return`) names no
/// page, and a page merely named after a brand (`/go-fedex.html`) is how articles and
/// redirects are named, so neither counts.
fn brand_folder(engine: &Engine, path: &str, info: &HostInfo) -> Option<Reason> {
    // The ending first: most paths name no page and stop here.
    if !ends_in_page(path) {
        return None;
    }
    let (dirs, page) = path.strip_prefix('/')?.rsplit_once('/')?;
    if page.len() < 2 || page.starts_with('.') {
        return None;
    }
    let found = dirs.split('/').take(16).find_map(|seg| {
        let end = seg.find(|c: char| !c.is_ascii_lowercase()).unwrap_or(seg.len());
        let (word, tag) = seg.split_at(end);
        let tag_like = tag.len() <= 6
            && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && tag.bytes().filter(u8::is_ascii_alphabetic).count() <= 2;
        if !tag_like {
            return None;
        }
        engine.lookalikes.platform_named(word).map(|p| (p, seg))
    });
    let (p, folder) = found?;
    Some(brand_in_path(sign_in_word(page).is_some(), true, folder, engine.registry().platforms[p].short_name(), info))
}

/// The `brand_in_path` reason for `shown` (a platform's domain, or a folder named after it):
/// danger when `danger`, else a caution for a kit's folder (`folder`) or a mere mention.
fn brand_in_path(danger: bool, folder: bool, shown: &str, platform: &str, info: &HostInfo) -> Reason {
    let (sev, w) = match (danger, folder) {
        (true, _) => (Severity::Danger, 85),
        (false, true) => (Severity::Caution, 35),
        (false, false) => (Severity::Info, 15),
    };
    Reason::new(Code::BrandInPath, sev, w, text!("`", shown, "` appears in the path, but the site is ", info.site()))
        .param("domain", shown)
        .param("platform", platform)
        .param("site", info.site())
}

/// The first word of `path` that names a sign-in page (`login`, `signin`, `verify`...).
pub(crate) fn sign_in_word(path: &str) -> Option<&'static str> {
    SIGN_IN_WORDS.iter().copied().find(|w| contains_ignore_case(path, w))
}

/// Compares the anchor text with the real destination (Rspamd's phishing check).
pub fn check_shown_text(engine: &Engine, text: &str, info: &HostInfo, genuine: Option<usize>, impersonates: &mut Option<String>, f: &mut Findings) {
    let text = truncate_chars(text.trim(), 512);
    let Some(shown_host) = domain_in_text(text) else {
        return;
    };
    // A link that shows its own address (the commonest shown text with a dot) is passed over
    // before the shown host is analysed: `domain_in_text` writes it as `HostInfo` would.
    if shown_host == info.ascii {
        return;
    }
    let shown = HostInfo::new(engine.psl(), &shown_host);
    let Some(shown_reg) = shown.registrable.as_deref() else { return };
    if info.registrable.as_deref() == Some(shown_reg) || info.ascii == shown.ascii {
        return;
    }
    let shown_owner = engine.registry().owner(&shown.ascii, Some(shown_reg));
    match shown_owner {
        Some(Ownership::Genuine(p)) => {
            // Showing one platform domain and linking another of the same family is normal.
            if genuine.is_some_and(|g| engine.registry().same_family(g, p)) {
                return;
            }
            let platform = &engine.registry().platforms[p];
            f.push(
                Reason::new(
                    Code::ShownTextMismatch,
                    Severity::Danger,
                    90,
                    text!("the link shows `", shown.unicode, "` but goes to ", info.unicode),
                )
                .param("shown", &shown.unicode)
                .param("host", &info.unicode)
                .param("platform", platform.short_name()),
            );
            if impersonates.is_none() {
                *impersonates = Some(platform.id.clone());
            }
        }
        _ => {
            if engine.is_trusted(info) || genuine.is_some() {
                return;
            }
            f.push(
                Reason::new(Code::ShownTextMismatch, Severity::Caution, 40, text!("the link shows `", shown.unicode, "` but goes to ", info.unicode))
                    .param("shown", &shown.unicode)
                    .param("host", &info.unicode),
            );
        }
    }
}

/// The destination of a redirect wrapper: `(url, listed)`, where `listed` means a known
/// redirector (its own host is only a hop) rather than a destination-looking parameter.
pub fn redirect_target(engine: &Engine, url: &Address, info: &HostInfo) -> Option<(String, bool)> {
    // Every destination we unwrap sits in the query; most links have none or a short one
    // without a second address in it.
    let query = url.query()?;
    if !query.as_bytes().windows(4).any(|w| w == b"http" || w == b"HTTP") {
        return None;
    }
    let links = &engine.registry().links;
    let path = url.path();
    for r in &links.redirector {
        let host_ok = match r.host.strip_prefix("*.") {
            Some(suffix) => host_has_suffix(&info.ascii, suffix),
            None => info.ascii == r.host,
        };
        if host_ok && path.starts_with(r.path.as_str()) {
            for (k, v) in url.query_parts().take(MAX_QUERY_PAIRS) {
                let k = form_decode(k);
                if r.params.iter().any(|p| p.eq_ignore_ascii_case(&k)) {
                    if let Some(dest) = absolute_url(&form_decode(v)) {
                        return Some((dest, true));
                    }
                }
            }
        }
    }
    for (k, v) in url.query_parts().take(MAX_QUERY_PAIRS) {
        let k = form_decode(k);
        if links.redirect_params.iter().any(|p| p.eq_ignore_ascii_case(&k)) {
            if let Some(dest) = absolute_url(&form_decode(v)) {
                return Some((dest, false));
            }
        }
    }
    None
}

/// A value that is an absolute web address (possibly percent-encoded once more).
fn absolute_url(value: &str) -> Option<String> {
    let v = value.trim();
    let decoded;
    let v = if v.starts_with("http%3A") || v.starts_with("https%3A") || v.starts_with("http%3a") || v.starts_with("https%3a") {
        decoded = percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned();
        decoded.as_str()
    } else {
        v
    };
    let lower = v.get(..8).unwrap_or(v).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Some(v.to_string())
    } else {
        None
    }
}

/// The first thing in the text that reads as a web address or a domain name.
fn domain_in_text(text: &str) -> Option<String> {
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '(' | ')' | '[' | ']' | ',')) {
        let w = word.trim_matches(|c: char| matches!(c, '.' | ':' | ';' | '!' | '?'));
        // A domain has a dot between two labels: most shown texts ("View order", "link 3") are
        // words without one, and are passed over before anything is copied.
        if !w.contains('.') {
            continue;
        }
        let lower = crate::case::to_lowercase(w);
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or(&lower);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit('@').next().unwrap_or(host);
        let host = host.split(':').next().unwrap_or(host);
        let tld = host.rsplit('.').next().unwrap_or("");
        if host.contains('.')
            && host.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
            && tld.len() >= 2
            && tld.chars().all(char::is_alphabetic)
        {
            let ascii = idna::domain_to_ascii(host).ok()?;
            return Some(ascii);
        }
    }
    None
}

/// The host exactly as written in the raw URL (before the parser normalised it).
fn raw_host(raw: &str) -> &str {
    let after = raw.as_bytes().windows(3).position(|w| w == b"://").map_or(raw, |i| &raw[i + 3..]);
    let authority = after.split(['/', '?', '#', '\\']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or(authority);
    if host.starts_with('[') {
        return host.split(']').next().unwrap_or(host);
    }
    host.rsplit_once(':').map(|(h, p)| if p.bytes().all(|b| b.is_ascii_digit()) { h } else { host }).unwrap_or(host)
}

/// The sign-in word in the customer's part of a host on hosting `h` (`sign_in_name`).
pub(crate) fn hosted_sign_in_name<'e>(engine: &'e Engine, info: &HostInfo, h: &Hosting) -> (Option<&'e str>, usize) {
    let own = info.ascii.strip_suffix(h.domain.as_str()).and_then(|o| o.strip_suffix('.')).unwrap_or("");
    sign_in_name(&engine.registry().links.sign_in_names, own)
}

/// The first word of `names` that names a sign-in page in `own`, and how many of them do. A
/// word of five letters or more counts at the start or the end of a word of `own` (`loginpage`,
/// `officialvalidation`, `sign-in` as written), a shorter one as a whole word only (`auth`, not
/// `author`); one merely inside a word is another word (`designing`).
fn sign_in_name<'a>(names: &'a [String], own: &str) -> (Option<&'a str>, usize) {
    let b = own.as_bytes();
    let letter = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    let mut first = None;
    let mut count = 0;
    for n in names {
        let edge = |i: usize| {
            let (starts, ends) = (i == 0 || !letter(i - 1), !letter(i + n.len()));
            if n.len() < 5 { starts && ends } else { starts || ends }
        };
        if crate::search::starts(own, n).any(edge) {
            first.get_or_insert(n.as_str());
            count += 1;
        }
    }
    (first, count)
}

/// The IPv4 address a host name is spelt from, if any: four numbers of 0-255 in a row, joined by
/// hyphens inside one label (`ec2-54-12-3-4`) or as four labels of their own (`4.3.2.1.bc.`).
/// A date or a phone number in a name has a part over 255 or fewer parts. Given as written.
fn address_in_name(host: &str) -> Option<&str> {
    let b = host.as_bytes();
    // The current part (where it starts, its value, digits, whether all digits) and the run of
    // numbers before it (where it starts, how many, the separator between them).
    let (mut part, mut value, mut digits, mut plain) = (0, 0u16, 0, true);
    let (mut start, mut run, mut sep, mut before) = (0, 0, 0u8, 0u8);
    for i in 0..=b.len() {
        let c = b.get(i).copied().unwrap_or(b'.');
        if c != b'.' && c != b'-' {
            plain &= c.is_ascii_digit();
            digits += 1;
            value = value.saturating_mul(10).saturating_add(u16::from(c.wrapping_sub(b'0')));
            continue;
        }
        if !(plain && (1..=3).contains(&digits) && value <= 255) {
            run = 0;
        } else if run == 1 || (run > 1 && before == sep) {
            sep = before;
            run += 1;
        } else {
            (run, start) = (1, part);
        }
        if run == 4 {
            return Some(&host[start..i]);
        }
        (part, value, digits, plain, before) = (i + 1, 0, 0, true, c);
    }
    None
}

fn is_dotted_decimal(host: &str) -> bool {
    let parts: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    parts.len() == 4 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) && (p.len() == 1 || !p.starts_with('0')))
}

/// The share of a path written as `%XX` escapes of ASCII characters. Escaped UTF-8 (`%E9%98%BF`)
/// is how every non-Latin path is written, so only escapes of plain characters count.
fn ascii_encoded_share(path: &str) -> f32 {
    if path.is_empty() {
        return 0.0;
    }
    let hex = |c: u8| (c as char).to_digit(16);
    let escapes = path
        .as_bytes()
        .windows(3)
        .filter(|w| w[0] == b'%' && matches!((hex(w[1]), hex(w[2])), (Some(h), Some(_)) if h < 8))
        .count();
    (escapes * 3) as f32 / path.len() as f32
}

/// The lowercase extension of the file a link names, from its last path segment or a
/// `filename=` style parameter.
/// Whether a word of a file name is one of `words`: words are the runs of ASCII letters, split
/// also where a lower-case letter meets a capital (`Payment_SlipCopy2`: `Payment`, `Slip`,
/// `Copy`). ASCII only: lure words are, and Unicode's case tables would cost the module
/// kilobytes.
fn name_has_word(name: &str, words: &[String]) -> bool {
    let b = name.as_bytes();
    let mut start = 0;
    for i in 0..=b.len() {
        let split = i == b.len() || !b[i].is_ascii_alphabetic() || (i > start && b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase());
        if split {
            let w = &name[start..i];
            if w.len() >= 3 && words.iter().any(|l| l.eq_ignore_ascii_case(w)) {
                return true;
            }
            start = if i < b.len() && b[i].is_ascii_alphabetic() { i } else { i + 1 };
        }
    }
    false
}

/// The stem of the link's last path segment (`Invoice.pdf` for `/x/Invoice.pdf.js`).
fn last_stem(url: &Address) -> String {
    let last = decode(url.path_segments().and_then(|mut s| s.next_back()).unwrap_or(""));
    last.rsplit_once('.').map(|(stem, _)| stem.to_string()).unwrap_or_default()
}

/// A script named as what a seller opens: a lure word as a whole word of its name
/// (`Payment_Slip`, `invoice2024`), or a document's extension before its own (`scan.pdf.js`).
fn script_poses_as_document(engine: &Engine, url: &Address) -> bool {
    let links = &engine.registry().links;
    let stem = last_stem(url);
    if stem.rsplit_once('.').is_some_and(|(_, inner)| links.decoy_extensions.iter().any(|d| inner.eq_ignore_ascii_case(d))) {
        return true;
    }
    name_has_word(&stem, &links.lure_words)
}

/// A site's own script: asked for with a query (a version, `?ver=9.7.1`, or parameters a
/// server answers) or kept under a script folder (`/static/js/`, `/_layouts/15/`).
fn is_site_script(engine: &Engine, url: &Address) -> bool {
    if url.query().is_some_and(|q| !q.is_empty()) {
        return true;
    }
    let folders = &engine.registry().links.script_folders;
    let dirs = url.path().rsplit_once('/').map_or("", |(d, _)| d);
    dirs.split('/').any(|seg| folders.iter().any(|f| seg.eq_ignore_ascii_case(f)))
}

fn file_extension(url: &Address) -> Option<String> {
    let from_name = |name: &str| -> Option<String> {
        let name = name.trim().trim_end_matches('/');
        let (stem, ext) = name.rsplit_once('.')?;
        if stem.is_empty() || ext.is_empty() || ext.len() > 12 || !ext.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        Some(ext.to_ascii_lowercase())
    };
    let last = url.path_segments().and_then(|mut s| s.next_back()).unwrap_or("");
    let in_path = from_name(&decode(last));
    if let Some(e) = &in_path {
        if !WEB_PAGE_EXTENSIONS.contains(&e.as_str()) {
            return in_path;
        }
    }
    // A download script (`dl.php?filename=PO.iso`) names the file in a parameter. Most queries
    // plainly have no such name, and need no decoding to see it.
    let query = url.query().unwrap_or("");
    if !query.contains('%') && !["file", "name", "attachment", "download"].iter().any(|k| contains_ignore_case(query, k)) {
        return in_path;
    }
    url.query_parts()
        .take(MAX_QUERY_PAIRS)
        .find(|(k, _)| {
            let k = form_decode(k);
            ["filename", "file", "name", "attachment", "download"].iter().any(|n| k.eq_ignore_ascii_case(n))
        })
        .and_then(|(_, v)| from_name(&form_decode(v)))
        .or(in_path)
}

/// `s` percent-decoded (invalid UTF-8 replaced), copied only when it has escapes.
fn decode(s: &str) -> Cow<'_, str> {
    if s.contains('%') { percent_encoding::percent_decode_str(s).decode_utf8_lossy() } else { Cow::Borrowed(s) }
}

/// True when `needle` (lowercase ASCII, starting with a letter) occurs in `hay` in any ASCII
/// case. A window's first byte is compared on its own before the rest (a letter in either case
/// is that letter `| 0x20`): most windows of a tracking link's query of a few hundred bytes
/// begin with another letter.
fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    hay.as_bytes().windows(n.len()).any(|w| w[0] | 0x20 == n[0] && w.eq_ignore_ascii_case(n))
}

/// `s` in ASCII lowercase, copied only when it has capitals.
fn lowercase(s: Cow<str>) -> Cow<str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(s.to_ascii_lowercase()) } else { s }
}

fn truncate_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_names_on_hosting() {
        let names: Vec<String> = ["login", "signin", "sign-in", "verification", "validation", "webmail", "auth", "sso"].iter().map(|s| s.to_string()).collect();
        assert_eq!(sign_in_name(&names, "attofficialvalidation"), (Some("validation"), 1));
        assert_eq!(sign_in_name(&names, "webmailxfcshaw0xjbn"), (Some("webmail"), 1));
        assert_eq!(sign_in_name(&names, "microtouch-sign-in-now"), (Some("sign-in"), 1));
        assert_eq!(sign_in_name(&names, "loginoo"), (Some("login"), 1));
        assert_eq!(sign_in_name(&names, "signin-auth-blockfi"), (Some("signin"), 2));
        assert_eq!(sign_in_name(&names, "portal-sso-ndax-nav-c-cdn-auth"), (Some("auth"), 2));
        // Ordinary words that hold one in the middle, and short ones inside a word, do not.
        assert_eq!(sign_in_name(&names, "designinspiration"), (None, 0));
        assert_eq!(sign_in_name(&names, "mybloginfo"), (None, 0));
        assert_eq!(sign_in_name(&names, "authorsite"), (None, 0));
        assert_eq!(sign_in_name(&names, "espresso-bar"), (None, 0));
        assert_eq!(sign_in_name(&names, "my-portfolio"), (None, 0));
    }

    #[test]
    fn addresses_spelt_in_host_names() {
        assert_eq!(address_in_name("34-125-197-109.plesk.page"), Some("34-125-197-109"));
        assert_eq!(address_in_name("brave-ramanujan.34-125-197-109.plesk.page"), Some("34-125-197-109"));
        assert_eq!(address_in_name("ec2-54-12-3-4.compute-1.amazonaws.com"), Some("54-12-3-4"));
        assert_eq!(address_in_name("109.197.125.34.bc.googleusercontent.com"), Some("109.197.125.34"));
        // Dates, phone numbers, versions and numbered shops are no addresses.
        assert_eq!(address_in_name("sale-2024-12-31.example.com"), None);
        assert_eq!(address_in_name("call-1-800-555-1234.example.com"), None);
        assert_eq!(address_in_name("v1-2-3.example.com"), None);
        assert_eq!(address_in_name("shop-365.example.com"), None);
        assert_eq!(address_in_name("1.2.3.example.com"), None);
    }

    #[test]
    fn raw_host_is_what_was_written() {
        assert_eq!(raw_host("http://0x7f.1/x"), "0x7f.1");
        assert_eq!(raw_host("http://user:pw@3232235777:8080/"), "3232235777");
        assert_eq!(raw_host("http://[::1]/"), "[::1");
        assert!(is_dotted_decimal("192.168.1.1"));
        assert!(!is_dotted_decimal("3232235777"));
        assert!(!is_dotted_decimal("0300.0250.1.1"));
    }

    #[test]
    fn domains_are_found_in_anchor_text() {
        assert_eq!(domain_in_text("https://www.alibaba.com/trade").as_deref(), Some("www.alibaba.com"));
        assert_eq!(domain_in_text("Visit alibaba.com now").as_deref(), Some("alibaba.com"));
        assert_eq!(domain_in_text("Click here to view the remittance"), None);
        assert_eq!(domain_in_text("v1.2 release"), None);
        // Words without a dot are passed over; the domain after them still counts, trimmed of
        // its sentence's full stop, in whatever case it is written.
        assert_eq!(domain_in_text("Track it on DHL.com."), Some("dhl.com".into()));
        assert_eq!(domain_in_text("(see https://Sub.Example.co.uk:8443/x?y=1)"), Some("sub.example.co.uk".into()));
        assert_eq!(domain_in_text("link 3"), None);
        assert_eq!(domain_in_text("a..b and .com"), None);
    }

    /// A popular site's full host name as a folder holding a page is a caution, danger with a
    /// sign-in page; a bare domain, a host as the last part and a cited address are not.
    /// A page on IPFS by its shape, on any gateway; the word in an ordinary path or host is not.
    #[test]
    fn ipfs_pages_by_shape() {
        assert!(is_ipfs("/ipfs/QmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco/index.html", "ipfs.io"));
        assert!(is_ipfs("/ipns/example.eth/", "gw.example.org"));
        assert!(is_ipfs("/", "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi.ipfs.dweb.link"));
        assert!(!is_ipfs("/ipfs/", "ipfs.io"));
        assert!(!is_ipfs("/docs/ipfs/intro", "docs.example.com"));
        assert!(!is_ipfs("/", "ipfs.tech"));
        assert!(!is_ipfs("/", "shop.ipfs.example.com"));
        let e = crate::Engine::from_json("{}").unwrap();
        let r = e.check_url("https://gateway.example.net/ipfs/QmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco/", None, None);
        assert_eq!(r.verdict, crate::reason::Verdict::Caution);
        assert!(r.reasons.iter().any(|x| x.code == Code::FreeHosting));
        assert_eq!(e.check_url("https://docs.ipfs.tech/concepts/what-is-ipfs/", None, None).verdict, crate::reason::Verdict::Safe);
    }

    #[test]
    fn popular_host_folders_holding_pages() {
        let e = crate::engine::Engine::from_json("{}").unwrap();
        let code = |url: &str| {
            let r = e.check_url(url, None, None);
            r.reasons.iter().find(|x| x.code == Code::BrandInPath).map(|x| (x.severity, x.params.get("domain").cloned().unwrap_or_default()))
        };
        assert_eq!(code("http://bakery.example.org/dev01/www.netflix.com/index.php"), Some((Severity::Caution, "www.netflix.com".into())));
        // A sign-in host as the folder names the sign-in page too.
        assert_eq!(code("http://bakery.example.org/x/login.microsoftonline.com/common/oauth2.php"), Some((Severity::Danger, "login.microsoftonline.com".into())));
        assert_eq!(code("http://bakery.example.org/kit/www.netflix.com/signin.php"), Some((Severity::Danger, "www.netflix.com".into())));
        // Any site's full host name as the folder (H45): the kit for a bank that is on no list.
        let bank = "sucursalpersonas.transaccionesbancolombia.com";
        assert_eq!(code(&format!("http://bakery.example.org/2/https/34.237.113.11/{bank}/mua/index.html")), Some((Severity::Caution, bank.into())));
        assert_eq!(code("http://bakery.example.org/kit/online.examplebank.co.uk/logon.php"), Some((Severity::Danger, "online.examplebank.co.uk".into())));
        for url in [
            // A site's own host under its folders (a multi-site server), a bare domain under a
            // two-label ending, and a host whose ending no list knows.
            "https://www.cs.example.edu/sites/www.cs.example.edu/files/index.html",
            "https://mirror.example.org/images/Icons/mweb.co.za/index.html",
            "https://mirror.example.org/x/build.local.internal/index.html",
        ] {
            assert_eq!(code(url), None, "{url}");
        }
        for url in [
            // A bare domain names a site (directories, SEO tools); a host as the last part is a
            // file or a lookup, not a folder holding a page; an archive cites a whole address.
            "https://reviews.example.org/site/netflix.com/index.html",
            "https://tools.example.org/lookup/www.netflix.com",
            "https://shots.example.org/img/www.netflix.com.png",
            "https://archive.example.org/web/2024/https://www.netflix.com/index.html",
            // The site itself, and a popular site's own paths.
            "https://www.netflix.com/www.netflix.com/index.html",
            "https://www.bing.com/www.netflix.com/index.html",
        ] {
            assert_eq!(code(url), None, "{url}");
        }
    }

    /// A platform's sign-in address kept by a kit on another host is danger imitating it; on
    /// the platform's own hosts, or with the platform switched off, it is not.
    #[test]
    fn a_platforms_sign_in_address_copied_onto_another_host() {
        let e = crate::engine::Engine::from_json("{}").unwrap();
        let judge = |url: &str| {
            let r = e.check_url(url, None, None);
            (r.verdict, r.impersonates)
        };
        use crate::reason::Verdict;
        let danger = |p: &str| (Verdict::Danger, Some(p.to_string()));
        // A PayPal kit keeps the sign-in address's parameters and its own folder names.
        assert_eq!(judge("http://bakery.example.org/wp-includes/logn/myaccount/signin/?country.x=NL&locale.x=en_NL"), danger("paypal"));
        assert_eq!(judge("http://bakery.example.org/x/customer_center/customer-IDPP00C341/myaccount/settings"), danger("paypal"));
        assert_eq!(judge("http://bakery.example.org/ws/eBayISAPI.dll?SignIn"), danger("ebay"));
        assert_eq!(judge("http://bakery.example.org/newlogin/icbuLogin.htm"), danger("alibaba"));
        // On the platforms' own hosts they are the genuine addresses; on its user-content hosts
        // the customer's content is judged for what it is, not for the platform's address.
        for url in ["https://www.paypal.com/signin?country.x=US&locale.x=en_US", "https://signin.ebay.com/ws/eBayISAPI.dll?SignIn", "https://login.alibaba.com/newlogin/icbuLogin.htm"] {
            assert_eq!(judge(url).0, Verdict::Safe, "{url}");
        }
        assert_eq!(judge("https://vi.vipr.ebaydesc.com/ws/eBayISAPI.dll?ViewItemDescV4&item=285123456789").0, Verdict::Caution);
        // A platform that is switched off is not looked for.
        let off = crate::engine::Engine::from_json(r#"{"platforms":["alibaba","ebay"]}"#).unwrap();
        assert_ne!(off.check_url("http://bakery.example.org/signin/?country.x=NL", None, None).impersonates.as_deref(), Some("paypal"));
    }

    /// A folder named after a platform (alone or with a kit's version tag) holding a page is a
    /// caution, danger when the page is a sign-in page; callbacks, articles, folders of longer
    /// names and ordinary words that begin with a short name are not; nor is a popular site.
    #[test]
    fn brand_folders_holding_pages() {
        let e = crate::engine::Engine::from_json("{}").unwrap();
        let code = |url: &str| {
            let r = e.check_url(url, None, None);
            r.reasons.iter().find(|x| x.code == Code::BrandInPath).map(|x| (x.severity, x.params.get("platform").cloned().unwrap_or_default()))
        };
        let caution = |p: &str| Some((Severity::Caution, p.to_string()));
        assert_eq!(code("https://bakery.example.org/paypal/index.html"), caution("PayPal"));
        assert_eq!(code("https://bakery.example.org/wp-content/uploads/amazon/x8k2q.htm"), caution("Amazon"));
        assert_eq!(code("https://bakery.example.org/kits/paypal_cf_3/index.php"), caution("PayPal"));
        assert_eq!(code("https://bakery.example.org/a/ebay-v2/home.html"), caution("eBay"));
        assert_eq!(code("https://bakery.example.org/paypal/signin.php"), Some((Severity::Danger, "PayPal".into())));
        for url in [
            "https://shop.example.org/checkout/paypal/return",
            "https://shop.example.org/paypal/ipn",
            "https://shop.example.org/paypal/",
            "https://blog.example.org/2024/how-to-sell-on-amazon.html",
            "https://blog.example.org/go-fedex.html",
            "https://blog.example.org/amazon-deals/today.html",
            "https://blog.example.org/paypal/logo.png",
            "https://blog.example.org/ups/index.html",
            "https://blog.example.org/upstream/index.html",
            "https://www.bing.com/paypal/index.html",
        ] {
            assert_eq!(code(url), None, "{url}");
        }
    }

    /// A `.js` file named as a document a seller opens, or kept in a file share, is a dropper:
    /// danger. A site's own script (a script folder, a version query) is nothing; any other
    /// script file is a caution (H45: seven sites' scripts of ISCX-URL-2016 were called
    /// dangerous).
    #[test]
    fn script_files_by_what_they_pose_as() {
        let e = crate::engine::Engine::from_json("{}").unwrap();
        let judge = |url: &str| e.check_url(url, None, None).reasons.iter().find(|x| x.code == Code::DangerousDownload).map(|x| x.severity);
        for url in [
            "https://drive-share.example.org/Payment_Slip.js",
            "https://bakery.example.org/wp-content/uploads/Invoice2024.js",
            "https://bakery.example.org/files/scan_0012.pdf.js",
            "https://bakery.example.org/js/RemittanceAdvice.js",
        ] {
            assert_eq!(judge(url), Some(Severity::Danger), "{url}");
        }
        for url in [
            "http://lenovo.com/ISS_Static/WW/site/scripts/fancybox/jquery.fancybox-1.3.4.pack.js",
            "http://elitedaily.com/wp-content/themes/strangelove/js/strangelove.min.js?ver=9.7.1",
            "http://caixa.gov.br/_layouts/15/clienttemplates.js?rev=y3xh0qyJB62CM2ZD4nL8tw%3D%3D",
            "http://duckduckgo.com/d.js?q=Hardware%20restriction&t=A",
            "https://shop.example.org/static/js/lib/prototype-effects-1.6.0.2.js",
        ] {
            assert_eq!(judge(url), None, "{url}");
        }
        assert_eq!(judge("http://graphicriver.net/category/presentation-templates/keynote-templates/linkid.js"), Some(Severity::Caution));
        assert_eq!(judge("https://bakery.example.org/wp-content/uploads/r8812x.js"), Some(Severity::Caution));
        let words = ["slip".to_string()];
        assert!(name_has_word("Payment_SlipCopy2", &words) && name_has_word("x-slip", &words));
        assert!(!name_has_word("Slipper", &words) && !name_has_word("payslip", &words));
    }

    /// A folder named after a popular site or file share, followed by a sign-in page, is a
    /// kit's folder: danger (H45: `/chase/login/auth.php`, `/bankofamerica/login.php` on hacked
    /// sites). A folder so named without a sign-in word after it, a site's own "sign in with"
    /// route, a word that begins with a name, and the site itself are not.
    #[test]
    fn popular_names_as_folders_before_a_sign_in_page() {
        let e = crate::engine::Engine::from_json("{}").unwrap();
        let code = |url: &str| {
            let r = e.check_url(url, None, None);
            r.reasons.iter().find(|x| x.code == Code::BrandInPath).map(|x| (x.severity, x.params.get("domain").cloned().unwrap_or_default()))
        };
        let danger = |d: &str| Some((Severity::Danger, d.to_string()));
        assert_eq!(code("http://bakery.example.org/wp-content/themes/hub/chase/chase/login/auth.php"), danger("chase.com"));
        assert_eq!(code("https://bakery.example.org/upload/bankofamerica/login/sign-in/process.html"), danger("bankofamerica.com"));
        assert_eq!(code("https://bakery.example.org/chase/Chasebank/login.php?cmd=login_submit"), danger("chase.com"));
        assert_eq!(code("https://bakery.example.org/scss/godaddy/godaddy_signin/"), danger("godaddy.com"));
        assert_eq!(code("http://bakery.example.org/vendor/test/b/hotmail/login.php"), danger("hotmail.com"));
        assert_eq!(code("https://bakery.example.org/icloud-archivos/code2022esp.php"), Some((Severity::Caution, "icloud.com".into())));
        assert_eq!(code("https://bakery.example.org/x/netflix_account/index.html"), Some((Severity::Caution, "netflix.com".into())));
        for url in [
            "https://bakery.example.org/apple/recipes.html",
            "https://bakery.example.org/discover/index.html",
            "https://bakery.example.org/chase/index.php",
            "https://bakery.example.org/netflix-series/index.html",
            "https://bakery.example.org/icloud-archivos/",
            "https://app.example.org/auth/google/login",
            "https://app.example.org/accounts/facebook/login/callback/",
            "https://shop.example.org/wp-content/plugins/woocommerce/templates/myaccount/form-login.php",
            "https://bakery.example.org/chasewood/login.php",
            "https://bakery.example.org/login.php",
            "https://www.chase.com/chase/login/index.html",
            "https://www.bing.com/chase/login.php",
        ] {
            assert_eq!(code(url), None, "{url}");
        }
    }

    /// A sign-in page inside WordPress's own folders is a kit on a hacked site: a caution
    /// (H45). WordPress's own sign-in page, pages there without a sign-in word, and a folder
    /// that merely begins with the name are not.
    #[test]
    fn sign_in_pages_in_software_folders() {
        let e = crate::engine::Engine::from_json("{}").unwrap();
        let code = |url: &str| e.check_url(url, None, None).reasons.iter().find(|x| x.code == Code::KitPath).map(|x| x.severity);
        for url in [
            "https://bakery.example.org/wp-includes/Requests/Response/login.php",
            "http://bakery.example.org/wp-content/uploads/2020/03/login.php",
            "https://bakery.example.org/wp-content/plugins/woocommerce/vendor/x/onlinebanking/authenticate.html",
            "http://bakery.example.org/wp-content/themes/sketch/x/sett.php?cmd=login_submit&id=1",
        ] {
            assert_eq!(code(url), Some(Severity::Caution), "{url}");
        }
        for url in [
            "https://bakery.example.org/wp-login.php",
            "https://bakery.example.org/wp-admin/index.php",
            "https://bakery.example.org/wp-content/uploads/2020/03/menu.pdf",
            "https://bakery.example.org/wp-content/themes/x/js/app.min.js?ver=9.7.1",
            "https://bakery.example.org/my-wp-content-notes/login.php",
        ] {
            assert_eq!(code(url), None, "{url}");
        }
    }

    #[test]
    fn a_link_showing_its_own_address() {
        let e = crate::Engine::from_json("{}").unwrap();
        let codes = |url: &str, shown: &str| e.check_url(url, Some(shown), Some("alibaba")).reasons.iter().map(|r| r.code).collect::<Vec<_>>();
        // Its own host, as written or in capitals: nothing shown is hidden.
        for shown in ["https://www.acme-weber.ca/products/24", "WWW.ACME-WEBER.CA", "see www.acme-weber.ca."] {
            assert!(!codes("https://www.acme-weber.ca/products/24", shown).contains(&Code::ShownTextMismatch), "{shown}");
        }
        // Another host, or another name of the same site, is still read.
        assert!(codes("https://www.acme-weber.ca/products/24", "https://www.acme-weber.com/").contains(&Code::ShownTextMismatch));
        assert!(codes("https://www.acme-weber.ca/", "https://www.alibaba.com/acme").contains(&Code::ShownTextMismatch));
        assert!(!codes("https://www.acme-weber.ca/", "https://shop.acme-weber.ca/").contains(&Code::ShownTextMismatch));
    }

    #[test]
    fn words_in_any_case() {
        assert!(contains_ignore_case("dl.php?FileName=PO.iso", "file"));
        assert!(contains_ignore_case("x=1&NAME", "name"));
        assert!(contains_ignore_case("download", "download"));
        // Windows that start like the word and go on otherwise, or a text too short.
        assert!(!contains_ignore_case("upn=AAAAFAAAfilAAAnamAAAdownloaAAA", "file"));
        assert!(!contains_ignore_case("upn=AAAAFAAAfilAAAnamAAAdownloaAAA", "download"));
        assert!(!contains_ignore_case("nam", "name"));
        assert!(!contains_ignore_case("", "name"));
    }

    #[test]
    fn file_extensions_from_path_and_params() {
        let u = url::Url::parse("https://x.example/files/Invoice.PDF.exe").unwrap();
        let u = Address::of(&u);
        assert_eq!(file_extension(&u).as_deref(), Some("exe"));
        let u = url::Url::parse("https://x.example/dl.php?filename=PO_7781.iso").unwrap();
        let u = Address::of(&u);
        assert_eq!(file_extension(&u).as_deref(), Some("iso"));
        let u = url::Url::parse("https://x.example/page.html").unwrap();
        let u = Address::of(&u);
        assert_eq!(file_extension(&u).as_deref(), Some("html"));
        let u = url::Url::parse("https://x.example/").unwrap();
        let u = Address::of(&u);
        assert_eq!(file_extension(&u), None);
    }
}
