//! The platform registry: which domains are genuinely each platform's, and the link data
//! (shorteners, redirect wrappers, abused hosting, risky endings) the link engine needs.
//!
//! The facts live in `data/*.toml`, readable and sourced; `build.rs` checks them and writes the
//! fields read here as plain length-prefixed strings (`registry.bin`), embedded here, read once
//! when an engine is built, and indexed for per-URL lookups. Reading that takes a few dozen
//! lines ([`Reader`]), where `serde_json`'s deserialisers for these types were the larger part
//! of engine start in the browser: code that runs once per service worker runs cold there.
//! Nothing here judges anything: it answers "whose is this host?" and "what kind of service is
//! this?", and the `link` module decides what that means.

use rustc_hash::FxHashMap as HashMap;

use serde::Deserialize;

/// `data/platforms.toml`, `data/links.toml` and `data/popular.toml`, as `build.rs`'s
/// `compile_registry` writes them.
static REGISTRY_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/registry.bin"));
/// Where a malformed `REGISTRY_BIN` came from, for the error.
const REGISTRY_FILES: &str = "data/platforms.toml, data/links.toml, data/popular.toml (registry.bin)";

/// A protected platform: a marketplace, a payment service, a logistics brand, an exchange.
#[derive(Clone, Debug, Deserialize)]
pub struct Platform {
    pub id: String,
    pub name: String,
    /// Platforms of one group share logins (Alibaba.com and AliExpress): a genuine domain of
    /// one is genuine for the others.
    #[serde(default)]
    pub group: Option<String>,
    pub kind: String,
    /// Registrable domains (eTLD+1) the platform owns and controls the content of.
    #[serde(default)]
    pub registrable_domains: Vec<String>,
    /// Hosts matched by suffix where the Public Suffix List cannot name the owner
    /// (`amazon.com.be`: the PSL has no `com.be` rule).
    #[serde(default)]
    pub host_suffixes: Vec<String>,
    /// Platform-owned hosts whose content any customer controls (`myshopify.com`, `paypal.me`).
    #[serde(default)]
    pub user_content_hosts: Vec<String>,
    /// Strings an impersonator puts in a hostname (`alibaba`, `aliexpress`, `sellercentral`).
    #[serde(default)]
    pub brand_tokens: Vec<String>,
    /// `host[/path]` patterns of the genuine sign-in pages.
    #[serde(default)]
    pub login_hosts: Vec<String>,
    #[serde(default)]
    pub seller_portal_hosts: Vec<String>,
    /// `host/path` patterns of the seller message centre.
    #[serde(default)]
    pub inbox_url_patterns: Vec<String>,
    /// Lowercase strings of the platform's own sign-in addresses that no other site writes
    /// and phishing kits copy (`country.x=`): an impersonation on any other host.
    #[serde(default)]
    pub kit_marks: Vec<String>,
    /// `short_name`, worked out once: reasons name the platform on nearly every link.
    #[serde(skip)]
    short: String,
}

impl Platform {
    /// A short display name ("Alibaba.com" from "Alibaba.com (International Station, B2B)").
    pub fn short_name(&self) -> &str {
        &self.short
    }

    /// The platform's main domain, used in messages ("looks like alibaba.com").
    pub fn main_domain(&self) -> &str {
        self.registrable_domains.first().map(String::as_str).unwrap_or(&self.id)
    }
}

/// A channel that moves a conversation off the platform (messengers, free webmail).
#[derive(Clone, Debug, Deserialize)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub channel: String,
    #[serde(default)]
    pub domains: Vec<String>,
}

/// A service where anyone can publish under the service's domain.
#[derive(Clone, Debug, Deserialize)]
pub struct Hosting {
    pub domain: String,
    pub category: String,
    #[serde(default)]
    pub operator: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PlatformsFile {
    #[serde(default)]
    platform: Vec<Platform>,
    #[serde(default)]
    offplatform_contact: Vec<Contact>,
    #[serde(default)]
    abused_hosting: Vec<Hosting>,
}

/// A redirect wrapper whose destination sits in a query parameter.
#[derive(Clone, Debug, Deserialize)]
pub struct Redirector {
    /// Host, or `*.suffix` for any subdomain of it.
    pub host: String,
    /// Path prefix; empty for any path.
    #[serde(default)]
    pub path: String,
    /// Query parameters that may hold the destination, in order of preference.
    pub params: Vec<String>,
}

/// The link-trick data of `data/links.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct LinkData {
    #[serde(default)]
    pub shorteners: Vec<String>,
    #[serde(default)]
    pub redirector: Vec<Redirector>,
    /// Query parameters that commonly carry a destination (open redirects, return addresses).
    #[serde(default)]
    pub redirect_params: Vec<String>,
    #[serde(default)]
    pub risky_tlds: Vec<String>,
    #[serde(default)]
    pub dangerous_extensions: Vec<String>,
    #[serde(default)]
    pub archive_extensions: Vec<String>,
    /// Words an impersonator combines with a brand (`login`, `verify`, `seller`).
    #[serde(default)]
    pub lure_words: Vec<String>,
    /// Words that name a sign-in page in a free-hosting site's name (`login`, `webmail`, `sso`).
    #[serde(default)]
    pub sign_in_names: Vec<String>,
    /// Ordinary words that contain a short brand token and must not count as embedding it.
    #[serde(default)]
    pub embedding_exempt_words: Vec<String>,
    /// Folders a site keeps its own scripts in (`/js/`, `/static/`, `/_layouts/`).
    #[serde(default)]
    pub script_folders: Vec<String>,
    /// Document types a dropper pretends to be (`Invoice.pdf.js`).
    #[serde(default)]
    pub decoy_extensions: Vec<String>,
    /// Folders whose children are named after the services a site works with: sign-in routes
    /// (`/auth/google/login`), plugins (`/wp-content/plugins/woocommerce/`).
    #[serde(default)]
    pub integration_folders: Vec<String>,
    /// Folders of a site's software where it keeps no sign-in page (`wp-includes`).
    #[serde(default)]
    pub software_folders: Vec<String>,
}

#[cfg(test)]
#[derive(Debug, Default, Deserialize)]
struct PopularFile {
    #[serde(default)]
    domains: Vec<String>,
}

/// Why the embedded data could not be loaded. Only a broken build produces these; they are
/// errors, not panics, so a broken build reports instead of crashing the service worker.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    #[error("embedded data file {file} is malformed: {why}")]
    Malformed { file: &'static str, why: String },
}

/// Reads the compact data `build.rs` writes (`Record` there): `registry.bin`, and the message
/// lexicon's language files. Every count and length is a LEB128 number, a string its bytes
/// after its length, a list its count then its strings, records a count then their fields in
/// the order the reader asks for them. Strings are borrowed from the data, which is static.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The data file(s) the bytes were written from, for errors.
    file: &'static str,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(file: &'static str, bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0, file }
    }

    // The reading functions are kept out of line: engine start calls them once per field of
    // the embedded data, and inlined into the readers of every record type (with the error
    // formatting) they made those readers tens of KB of the module.
    #[cold]
    #[inline(never)]
    pub(crate) fn error(&self, why: &str) -> RegistryError {
        RegistryError::Malformed { file: self.file, why: format!("{why} at byte {} of its compact form", self.at) }
    }

    /// Fails unless every byte was read.
    pub(crate) fn finish(&self) -> Result<(), RegistryError> {
        if self.at != self.bytes.len() {
            return Err(self.error("data after the last record"));
        }
        Ok(())
    }

    #[inline(never)]
    pub(crate) fn number(&mut self) -> Result<usize, RegistryError> {
        let mut n = 0usize;
        for shift in (0..35).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or_else(|| self.error("truncated"))?;
            self.at += 1;
            n |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(self.error("a number longer than five bytes"))
    }

    /// The next `n` bytes as they were written.
    #[inline(never)]
    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], RegistryError> {
        let raw = self.bytes.get(self.at..self.at.saturating_add(n)).ok_or_else(|| self.error("truncated"))?;
        self.at += n;
        Ok(raw)
    }

    #[inline(never)]
    pub(crate) fn str(&mut self) -> Result<&'a str, RegistryError> {
        let len = self.number()?;
        let raw = self.bytes.get(self.at..self.at.saturating_add(len)).ok_or_else(|| self.error("truncated"))?;
        let s = std::str::from_utf8(raw).map_err(|_| self.error("a string that is not UTF-8"))?;
        self.at += len;
        Ok(s)
    }

    #[inline(never)]
    fn string(&mut self) -> Result<String, RegistryError> {
        self.str().map(str::to_string)
    }

    #[inline(never)]
    fn option(&mut self) -> Result<Option<String>, RegistryError> {
        match self.number()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err(self.error("an optional string with more than one value")),
        }
    }

    #[inline(never)]
    fn list(&mut self) -> Result<Vec<String>, RegistryError> {
        self.records(Reader::string)
    }

    pub(crate) fn records<T>(&mut self, mut read: impl FnMut(&mut Reader<'a>) -> Result<T, RegistryError>) -> Result<Vec<T>, RegistryError> {
        let n = self.number()?;
        // Every record is at least a byte: a count beyond what is left is corrupt, not a
        // reason to reserve gigabytes.
        if n > self.bytes.len() - self.at {
            return Err(self.error("a count larger than the data"));
        }
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(read(self)?);
        }
        Ok(out)
    }
}

/// The three data files, from `registry.bin`'s bytes; the popular domains (lowercased by the
/// build) borrowed from them.
fn read_embedded(bytes: &'static [u8]) -> Result<(PlatformsFile, LinkData, Vec<&'static str>), RegistryError> {
    let mut r = Reader::new(REGISTRY_FILES, bytes);
    let platform = r.records(|r| {
        Ok(Platform {
            id: r.string()?,
            name: r.string()?,
            group: r.option()?,
            kind: r.string()?,
            registrable_domains: r.list()?,
            host_suffixes: r.list()?,
            user_content_hosts: r.list()?,
            brand_tokens: r.list()?,
            login_hosts: r.list()?,
            seller_portal_hosts: r.list()?,
            inbox_url_patterns: r.list()?,
            kit_marks: r.list()?,
            short: String::new(),
        })
    })?;
    let offplatform_contact = r.records(|r| Ok(Contact { id: r.string()?, name: r.string()?, channel: r.string()?, domains: r.list()? }))?;
    let abused_hosting = r.records(|r| Ok(Hosting { domain: r.string()?, category: r.string()?, operator: r.option()? }))?;
    let links = LinkData {
        shorteners: r.list()?,
        redirector: r.records(|r| Ok(Redirector { host: r.string()?, path: r.string()?, params: r.list()? }))?,
        redirect_params: r.list()?,
        risky_tlds: r.list()?,
        dangerous_extensions: r.list()?,
        archive_extensions: r.list()?,
        lure_words: r.list()?,
        sign_in_names: r.list()?,
        embedding_exempt_words: r.list()?,
        script_folders: r.list()?,
        decoy_extensions: r.list()?,
        integration_folders: r.list()?,
        software_folders: r.list()?,
    };
    let popular = r.records(Reader::str)?;
    // The lookalike detector reads them in this order and `Registry::is_popular` searches them.
    if !popular.windows(2).all(|w| w[0] < w[1]) {
        return Err(r.error("popular domains not sorted without repeats"));
    }
    r.finish()?;
    Ok((PlatformsFile { platform, offplatform_contact, abused_hosting }, links, popular))
}

/// Whose a host is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ownership {
    /// On the platform's genuine domains, content controlled by the platform.
    Genuine(usize),
    /// Platform-owned, but any customer controls the content (a store, a bucket, a pay link).
    UserContent(usize),
}

/// The loaded, indexed registry.
#[derive(Debug)]
pub struct Registry {
    pub platforms: Vec<Platform>,
    pub contacts: Vec<Contact>,
    pub hosting: Vec<Hosting>,
    pub links: LinkData,
    /// Registrable domains of popular legitimate sites: never called a lookalike. Borrowed
    /// from the embedded data, so the list holds no allocation per domain; sorted, without
    /// repeats, by `build.rs` (checked when read), so a lookup is a binary search and the
    /// module carries neither a hash set of `&str` nor a sort of them for it.
    pub popular: Vec<&'static str>,
    by_id: HashMap<String, usize>,
    by_domain: HashMap<String, Vec<usize>>,
    /// Host suffixes, each with its place in the data (the first listed wins), which indexes
    /// `suffix_platform`: a map to one number, the type of the other maps of names here, whose
    /// code the WebAssembly module then carries once.
    by_suffix: SuffixMap<usize>,
    suffix_platform: Vec<usize>,
    /// User-content hosts and their platform.
    user_content: SuffixMap<usize>,
    contact_by_domain: NameMap<usize>,
    hosting_by_domain: SuffixMap<usize>,
    /// The names hosting hosts sit under, sorted (see `runs_hosting`).
    hosting_operators: Vec<String>,
    shorteners: NameMap<()>,
    risky_tlds: rustc_hash::FxHashSet<String>,
}

impl Registry {
    /// Whether `domain` (a registrable domain, lowercase) is a popular legitimate site.
    pub fn is_popular(&self, domain: &str) -> bool {
        self.popular.binary_search(&domain).is_ok()
    }

    /// Loads the registry compiled into the binary.
    pub fn embedded() -> Result<Registry, RegistryError> {
        let (platforms, links, popular) = read_embedded(REGISTRY_BIN)?;
        Ok(Registry::new(platforms.platform, platforms.offplatform_contact, platforms.abused_hosting, links, popular))
    }

    fn new(
        mut platforms: Vec<Platform>,
        contacts: Vec<Contact>,
        hosting: Vec<Hosting>,
        mut links: LinkData,
        popular: Vec<&'static str>,
    ) -> Registry {
        for p in &mut platforms {
            p.short = crate::search::split(&p.name, " (").next().unwrap_or(&p.name).trim().to_string();
            for list in [&mut p.registrable_domains, &mut p.host_suffixes, &mut p.user_content_hosts, &mut p.brand_tokens] {
                for d in list.iter_mut() {
                    *d = d.trim().trim_end_matches('.').to_ascii_lowercase();
                }
            }
        }
        for list in [&mut links.shorteners, &mut links.risky_tlds, &mut links.lure_words] {
            for d in list.iter_mut() {
                *d = d.trim().trim_start_matches('.').to_ascii_lowercase();
            }
        }
        let mut by_id = HashMap::default();
        let mut by_domain: HashMap<String, Vec<usize>> = HashMap::default();
        let mut by_suffix = SuffixMap::default();
        let mut suffix_platform = Vec::new();
        let mut user_content = SuffixMap::default();
        for (i, p) in platforms.iter().enumerate() {
            by_id.entry(p.id.clone()).or_insert(i);
            for d in &p.registrable_domains {
                by_domain.entry(d.clone()).or_default().push(i);
            }
            for s in &p.host_suffixes {
                if by_suffix.insert(s.clone(), suffix_platform.len()) {
                    suffix_platform.push(i);
                }
            }
            for h in &p.user_content_hosts {
                user_content.insert(h.split('/').next().unwrap_or(h).to_string(), i);
            }
        }
        let mut contact_by_domain = NameMap::default();
        for (i, c) in contacts.iter().enumerate() {
            for d in &c.domains {
                contact_by_domain.insert(d.to_ascii_lowercase(), i);
            }
        }
        let mut hosting_by_domain = SuffixMap::default();
        for (i, h) in hosting.iter().enumerate() {
            // A later entry for the same domain replaces an earlier one.
            hosting_by_domain.map.remove(&h.domain.to_ascii_lowercase());
            hosting_by_domain.insert(h.domain.to_ascii_lowercase(), i);
        }
        // Every name of two labels or more a hosting host sits under (sites.google.com ->
        // google.com): the registrable domain of its operator is among them, so "does this
        // registrable domain run a hosting service" is one search. (A public suffix may be among
        // them too, co.uk; no registrable domain is one.)
        // Kept sorted by insertion: a sort of `String`s would be a few KB of module for a list of
        // a hundred or so.
        let mut hosting_operators: Vec<String> = Vec::new();
        for h in &hosting {
            let d = crate::search::trim_start(&h.domain, "*.").to_ascii_lowercase();
            let mut rest = d.as_str();
            while rest.contains('.') {
                if let Err(i) = hosting_operators.binary_search_by(|x| x.as_str().cmp(rest)) {
                    hosting_operators.insert(i, rest.to_string());
                }
                rest = rest.split_once('.').map_or("", |(_, r)| r);
            }
        }
        let mut shorteners = NameMap::default();
        for s in &links.shorteners {
            shorteners.insert(s.clone(), ());
        }
        let risky_tlds = links.risky_tlds.iter().cloned().collect();
        Registry {
            platforms,
            contacts,
            hosting,
            links,
            popular,
            by_id,
            by_domain,
            by_suffix,
            suffix_platform,
            user_content,
            contact_by_domain,
            hosting_by_domain,
            hosting_operators,
            shorteners,
            risky_tlds,
        }
    }

    /// The platform with this id.
    pub fn platform(&self, id: &str) -> Option<(usize, &Platform)> {
        self.by_id.get(id).map(|&i| (i, &self.platforms[i]))
    }

    /// Whose `host` is, given its registrable domain. User-content hosts are checked first:
    /// some sit under a genuine registrable domain (`buy.stripe.com`).
    pub fn owner(&self, host: &str, registrable: Option<&str>) -> Option<Ownership> {
        // The longest listed suffix wins, so `buy.stripe.com` beats a shorter match.
        if let Some(&i) = self.user_content.matches(host).last() {
            return Some(Ownership::UserContent(i));
        }
        if let Some(ids) = registrable.and_then(|r| self.by_domain.get(r)) {
            return Some(Ownership::Genuine(ids[0]));
        }
        self.by_suffix.matches(host).min().map(|&order| Ownership::Genuine(self.suffix_platform[order]))
    }

    /// All platforms that own this registrable domain (shared CDNs such as `alicdn.com` belong
    /// to several entries of one group).
    pub fn owners_of(&self, registrable: &str) -> &[usize] {
        self.by_domain.get(registrable).map(Vec::as_slice).unwrap_or(&[])
    }

    /// True when platforms `a` and `b` are the same or of one group.
    pub fn same_family(&self, a: usize, b: usize) -> bool {
        a == b
            || match (&self.platforms[a].group, &self.platforms[b].group) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            }
    }

    /// The off-platform contact channel at this host or registrable domain.
    pub fn contact(&self, host: &str, registrable: Option<&str>) -> Option<&Contact> {
        self.contact_by_domain
            .get(host)
            .or_else(|| registrable.and_then(|r| self.contact_by_domain.get(r)))
            .map(|&i| &self.contacts[i])
    }

    /// Whether `registrable` runs one of the listed hosting services (google.com runs
    /// sites.google.com): its operator is known, though anyone may publish on that host.
    pub fn runs_hosting(&self, registrable: &str) -> bool {
        self.hosting_operators.binary_search_by(|d| d.as_str().cmp(registrable)).is_ok()
    }

    /// Whether `registrable` is a well-known site: a popular one, or the operator of a listed
    /// hosting service. Its own pages are its own (its hosting hosts are another matter).
    pub fn is_well_known(&self, registrable: &str) -> bool {
        self.is_popular(registrable) || self.runs_hosting(registrable)
    }

    /// The hosting service `host` sits on, matched by the longest listed suffix.
    pub fn hosting(&self, host: &str) -> Option<&Hosting> {
        self.hosting_by_domain.matches(host).last().map(|&i| &self.hosting[i])
    }

    /// True when `host` is (a subdomain of) a listed URL shortener.
    pub fn is_shortener(&self, host: &str, registrable: Option<&str>) -> bool {
        self.is_shortener_on(host, registrable, self.hosting(host))
    }

    /// `is_shortener` for a caller that has looked up the host's hosting service already.
    pub fn is_shortener_on(&self, host: &str, registrable: Option<&str>, hosting: Option<&Hosting>) -> bool {
        self.shorteners.get(host).is_some()
            || registrable.is_some_and(|r| self.shorteners.get(r).is_some())
            || hosting.is_some_and(|h| h.category == "shortener")
    }

    /// True when the last label of `suffix` is a TLD heavily used for abuse.
    pub fn is_risky_tld(&self, tld: &str) -> bool {
        self.risky_tlds.contains(tld)
    }
}

/// A map from names (domains, words) to values that answers "no" for most names without
/// hashing them: it knows which lengths its names have. Most hosts and words a link check asks
/// about are not listed, and a length test is cheaper than hashing and probing.
#[derive(Debug)]
pub(crate) struct NameMap<V> {
    map: HashMap<String, V>,
    /// Bit `n` is set when some name has `n` bytes (bit 63: 63 or more).
    lengths: u64,
}

impl<V> Default for NameMap<V> {
    fn default() -> NameMap<V> {
        NameMap { map: HashMap::default(), lengths: 0 }
    }
}

impl<V> NameMap<V> {
    fn length_bit(name: &str) -> u64 {
        1 << name.len().min(63)
    }

    /// Sets a name's value, returning the one it replaces.
    pub(crate) fn insert(&mut self, name: String, value: V) -> Option<V> {
        self.lengths |= Self::length_bit(&name);
        self.map.insert(name, value)
    }

    /// The value of a name, set to the default first when the name is new.
    pub(crate) fn entry_or_default(&mut self, name: String) -> &mut V
    where
        V: Default,
    {
        self.lengths |= Self::length_bit(&name);
        self.map.entry(name).or_default()
    }

    pub(crate) fn get(&self, name: &str) -> Option<&V> {
        if self.lengths & Self::length_bit(name) == 0 {
            return None;
        }
        self.map.get(name)
    }

    pub(crate) fn remove(&mut self, name: &str) -> Option<V> {
        self.map.remove(name)
    }
}

/// Names matched against a host and its label-aligned suffixes (`a.b.c`, `b.c`, `c`).
///
/// Only suffixes with as many labels as some listed name are tried, shortest first, so a long
/// host costs as many probes as the longest name has labels, not one per label.
#[derive(Debug)]
struct SuffixMap<V> {
    map: NameMap<V>,
    min_labels: usize,
    max_labels: usize,
}

impl<V> Default for SuffixMap<V> {
    fn default() -> SuffixMap<V> {
        SuffixMap { map: NameMap::default(), min_labels: usize::MAX, max_labels: 0 }
    }
}

impl<V> SuffixMap<V> {
    /// Adds a name; the first value given for a name stays. True when the name is new.
    fn insert(&mut self, name: String, value: V) -> bool {
        let labels = name.split('.').count();
        self.min_labels = self.min_labels.min(labels);
        self.max_labels = self.max_labels.max(labels);
        if self.map.get(&name).is_some() {
            return false;
        }
        self.map.insert(name, value);
        true
    }

    /// The values of the listed suffixes of `host`, shortest suffix first.
    fn matches<'a>(&'a self, host: &'a str) -> impl Iterator<Item = &'a V> + 'a {
        let b = host.as_bytes();
        let mut end = b.len();
        let mut labels = 0;
        std::iter::from_fn(move || {
            while labels < self.max_labels && end != usize::MAX {
                // The suffix starting after the next dot from the right (or the whole host).
                let start = b[..end].iter().rposition(|&c| c == b'.');
                let from = start.map_or(0, |i| i + 1);
                end = start.unwrap_or(usize::MAX);
                labels += 1;
                if labels >= self.min_labels {
                    if let Some(v) = self.map.get(&host[from..]) {
                        return Some(v);
                    }
                }
            }
            None
        })
    }
}

/// True when `host` equals `suffix` or ends with `.suffix`.
pub fn host_has_suffix(host: &str, suffix: &str) -> bool {
    host == suffix || (host.len() > suffix.len() && host.ends_with(suffix) && host.as_bytes()[host.len() - suffix.len() - 1] == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg() -> Registry {
        Registry::embedded().expect("embedded data loads")
    }

    #[test]
    fn the_compact_form_reads_as_the_json_of_the_same_files() {
        // build.rs still writes every data file as JSON; the structs' serde derives read it.
        let platforms: PlatformsFile = serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/platforms.json"))).unwrap();
        let links: LinkData = serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/links.json"))).unwrap();
        let popular: PopularFile = serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/popular.json"))).unwrap();
        let compact = read_embedded(REGISTRY_BIN).unwrap();
        assert!(compact.0.platform.len() > 20 && compact.1.redirector.len() > 10 && compact.2.len() > 100);
        // The compact form holds them sorted without repeats.
        let popular: Vec<String> = popular.domains.iter().map(|d| d.to_ascii_lowercase()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
        assert_eq!(format!("{:?}", (platforms, links, popular)), format!("{compact:?}"));
    }

    #[test]
    fn corrupt_compact_data_is_an_error_not_a_panic() {
        let n = REGISTRY_BIN.len();
        for cut in [0, 1, 2, n / 3, n / 2, n - 1] {
            assert!(read_embedded(&REGISTRY_BIN[..cut]).is_err(), "cut at {cut}");
        }
        let longer: &'static [u8] = Vec::leak([REGISTRY_BIN, &[0]].concat());
        assert!(matches!(read_embedded(longer), Err(RegistryError::Malformed { why, .. }) if why.contains("after the last record")));
        // A count of billions, a number that never ends, a string that is not UTF-8.
        assert!(read_embedded(&[0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
        assert!(read_embedded(&[0x80; 8]).is_err());
        assert!(read_embedded(&[1, 2, 0xff, 0xfe]).is_err());
    }

    #[test]
    fn embedded_data_loads_and_has_the_core_platforms() {
        let r = reg();
        for id in ["alibaba", "aliexpress", "amazon", "ebay", "shopify", "etsy", "paypal", "payoneer", "worldfirst"] {
            let (_, p) = r.platform(id).unwrap_or_else(|| panic!("{id} missing"));
            assert!(!p.registrable_domains.is_empty(), "{id} has no domains");
            assert!(!p.brand_tokens.is_empty(), "{id} has no brand tokens");
        }
    }

    #[test]
    fn ownership_by_registrable_domain_and_suffix() {
        let r = reg();
        let (amazon, _) = r.platform("amazon").unwrap();
        assert_eq!(r.owner("www.amazon.de", Some("amazon.de")), Some(Ownership::Genuine(amazon)));
        assert_eq!(r.owner("amazon.de.evil.com", Some("evil.com")), None);
        let (shopify, _) = r.platform("shopify").unwrap();
        assert_eq!(r.owner("cool-store.myshopify.com", Some("cool-store.myshopify.com")), Some(Ownership::UserContent(shopify)));
    }

    #[test]
    fn groups_share_genuineness() {
        let r = reg();
        let (a, _) = r.platform("alibaba").unwrap();
        let (ae, _) = r.platform("aliexpress").unwrap();
        let (amz, _) = r.platform("amazon").unwrap();
        assert!(r.same_family(a, ae));
        assert!(!r.same_family(a, amz));
    }

    #[test]
    fn suffixes_brand_tlds_and_user_content() {
        let r = reg();
        let (amazon, _) = r.platform("amazon").unwrap();
        // The PSL has no `com.be` rule, so the registrable domain of amazon.com.be is com.be.
        assert_eq!(r.owner("www.amazon.com.be", Some("com.be")), Some(Ownership::Genuine(amazon)));
        assert_eq!(r.owner("evil.com.be", Some("evil.com.be")), None);
        let (dhl, _) = r.platform("dhl").unwrap();
        assert_eq!(r.owner("mydhl.express.dhl", Some("express.dhl")), Some(Ownership::Genuine(dhl)));
        let (alibaba, _) = r.platform("alibaba").unwrap();
        assert_eq!(
            r.owner("bucket.oss-cn-beijing.aliyuncs.com", Some("aliyuncs.com")),
            Some(Ownership::UserContent(alibaba))
        );
        let (lazada, _) = r.platform("lazada").unwrap();
        assert!(!r.same_family(alibaba, lazada), "Lazada does not share the Alibaba.com login");
    }

    #[test]
    fn suffix_matching_is_label_aligned() {
        assert!(host_has_suffix("a.web.app", "web.app"));
        assert!(host_has_suffix("web.app", "web.app"));
        assert!(!host_has_suffix("evilweb.app", "web.app"));
    }

    #[test]
    fn hosting_finds_the_longest_listed_suffix() {
        let r = reg();
        assert_eq!(r.hosting("alibaba-login.web.app").map(|h| h.domain.as_str()), Some("web.app"));
        assert!(r.hosting("www.alibaba.com").is_none());
    }
}
