//! Host names: normalisation, internationalised names, and the registrable domain.
//!
//! Whether two hosts belong to one owner is decided by the registrable domain (eTLD+1) from the
//! Public Suffix List, never by splitting on dots: `amazon.co.uk` and `shop.myshopify.com` are
//! registrable domains, `co.uk` and `myshopify.com` are suffixes anyone can register under.
//! The list is `data/public_suffix_list.dat` (Mozilla, MPL-2.0), compiled by `build.rs` into a
//! compact trie of labels, which an engine indexes in one pass when it starts (a `HashMap` of
//! the names' strings cost ~1 ms natively, ~10 ms in cold WebAssembly; the flat index far less).
//!
//! The lookup is written here rather than taken from a crate because of the browser's budgets:
//! the `psl` crate's compiled-in matcher is ~900 KB of WebAssembly (nearly the whole size
//! budget), and the `publicsuffix` crate parses the list text into a trie at start-up (~8 ms
//! natively, most of the engine's start). The algorithm is the list's own, from
//! publicsuffix.org: the longest matching rule wins, a wildcard matches one label, an exception
//! rule beats both, and with no rule the last label is the suffix.

use crate::registry::RegistryError;

mod ip;
mod psl_hash;

mod rules {
    include!(concat!(env!("OUT_DIR"), "/psl.rs"));
}

/// What the list says about one name, as bit flags.
const RULE: u8 = 1;
/// The name is the parent of a wildcard rule (`ck` for `*.ck`).
const WILDCARD: u8 = 2;
/// The name is an exception rule (`www.ck` for `!www.ck`).
const EXCEPTION: u8 = 4;
/// A longer rule, wildcard or exception ends with `.name`: the lookup must go on.
const INNER: u8 = 8;

/// The Public Suffix List, ready for lookups.
///
/// Every name the list mentions, and every label-aligned suffix of one, has flags saying what
/// the list says about it. `build.rs` stores them as a compact trie (labels under their parent,
/// sorted, which compresses like the list's text); [`Psl::embedded`] indexes it in one pass into
/// an open-addressed hash table. A lookup walks a host's labels from the last (`com`) and stops
/// at the first name no rule reaches beyond, so most hosts cost two or three probes.
pub struct Psl {
    /// The names, in the trie's order (a name's number is its place here).
    names: Vec<Entry>,
    /// Open addressing with linear probing: a name's number plus one, or [`EMPTY`] (0, so the
    /// table starts as zeroed memory: filling it with another value was a fifth of the index's
    /// time in cold WebAssembly). A power of two long, at most a third full, so a miss (most
    /// probes: `example` under `com`) ends quickly.
    slots: Vec<u16>,
    /// The trie: each name's label, then its flags byte.
    trie: &'static [u8],
}

/// One name of the list, as the index keeps it (8 bytes: its hash is only needed while the
/// index is built, and a lookup's probes are told apart by parent and label).
#[derive(Clone, Copy)]
struct Entry {
    /// Where its label starts in the trie.
    start: u32,
    /// The number of its parent, [`ROOT_PLACE`] for a top-level name.
    parent: u16,
    len: u8,
    flags: u8,
}

/// A name found in the table: its flags, the hash and number its children are looked up under.
#[derive(Clone, Copy)]
struct Node {
    flags: u8,
    hash: u32,
    place: u16,
}

/// The number of the root, the parent of the top-level names.
const ROOT_PLACE: u16 = u16::MAX;
/// An unused slot of the index.
const EMPTY: u16 = 0;
/// The root: the parent of the top-level names.
const ROOT: Node = Node { flags: INNER, hash: 0, place: ROOT_PLACE };

impl std::fmt::Debug for Psl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Psl({} names)", self.names.len())
    }
}

impl Psl {
    /// The list compiled into the binary, indexed.
    ///
    /// The index is built here rather than at build time because a hash table laid out in the
    /// module does not compress (its order is the hash's): this pass over ~80 KB costs ~50 µs
    /// natively and up to ~1 ms in cold WebAssembly, where the stored table cost ~35 KB more of
    /// the gzipped module.
    pub fn embedded() -> Result<Psl, RegistryError> {
        Psl::index(rules::PSL_TRIE, rules::PSL_NAMES)
    }

    /// Indexes a trie in `build.rs`'s layout holding `count` names.
    fn index(trie: &'static [u8], count: usize) -> Result<Psl, RegistryError> {
        let malformed = |why: &str| RegistryError::Malformed { file: "data/public_suffix_list.dat", why: why.into() };
        if count == 0 || count >= usize::from(ROOT_PLACE) {
            return Err(malformed("no rules, or more names than the index can number"));
        }
        let mut names: Vec<Entry> = Vec::with_capacity(count);
        let bits = (count * 3).next_power_of_two().trailing_zeros();
        let mask = (1usize << bits) - 1;
        // (`count` < `ROOT_PLACE`, so a number + 1 fits.)
        let mut slots = vec![EMPTY; 1 << bits];
        // The names with children, with their hashes, in order: the groups of the trie belong
        // to them in turn, after the root's.
        let mut parents: Vec<(u16, u32)> = Vec::new();
        let mut group = 0usize;
        let mut start = 0usize;
        while let Some(end) = first_mark(&trie[start..]).map(|i| start + i) {
            let b = trie[end];
            let (parent, parent_hash) = match group.checked_sub(1) {
                None => (ROOT_PLACE, 0),
                Some(g) => *parents.get(g).ok_or_else(|| malformed("a group of names without a parent"))?,
            };
            let label = &trie[start..end];
            let len = u8::try_from(label.len()).ok().filter(|&l| l > 0).ok_or_else(|| malformed("a label empty or too long"))?;
            let flags = b & !psl_hash::LAST_CHILD;
            // Below `count`, so the slots (three times as many) never fill up.
            let place = u16::try_from(names.len()).ok().filter(|&p| usize::from(p) < count).ok_or_else(|| malformed("more names than its count"))?;
            let hash = psl_hash::psl_hash(parent_hash, label);
            if flags & INNER != 0 {
                parents.push((place, hash));
            }
            if b & psl_hash::LAST_CHILD != 0 {
                group += 1;
            }
            names.push(Entry { start: start as u32, parent, len, flags });
            let mut s = psl_hash::psl_slot(hash, bits);
            while slots[s] != EMPTY {
                s = (s + 1) & mask;
            }
            slots[s] = place + 1;
            start = end + 1;
        }
        if names.len() != count || start != trie.len() || group != parents.len() + 1 {
            return Err(malformed("the table does not match its count"));
        }
        Ok(Psl { names, slots, trie })
    }

    /// The name `label.parent`, if the list mentions it.
    #[inline]
    fn child(&self, parent: Node, label: &str) -> Option<Node> {
        let hash = psl_hash::psl_hash(parent.hash, label.as_bytes());
        let mask = self.slots.len() - 1;
        let mut s = psl_hash::psl_slot(hash, mask.count_ones());
        loop {
            let place = self.slots.get(s)?.checked_sub(1)?;
            let e = self.names.get(usize::from(place))?;
            if e.parent == parent.place && usize::from(e.len) == label.len() {
                let start = e.start as usize;
                if self.trie.get(start..start + label.len()) == Some(label.as_bytes()) {
                    return Some(Node { flags: e.flags, hash, place });
                }
            }
            s = (s + 1) & mask;
        }
    }

    /// The public suffix of a lowercase ASCII host, and whether a rule of the list (rather than
    /// the default "last label" rule) named it.
    pub fn suffix<'a>(&self, host: &'a str) -> Option<(&'a str, bool)> {
        let host = host.trim_end_matches('.');
        if host.is_empty() || host.starts_with('.') || has_empty_label(host) {
            return None;
        }
        // Candidate suffixes from the shortest (`com`) towards the whole host; the longest
        // matching rule wins, an exception ends the search.
        let mut best: Option<usize> = None;
        let mut parent_wildcard = false;
        let mut end = host.len();
        let mut parent = ROOT;
        loop {
            let start = rfind_byte(&host[..end], b'.').map_or(0, |i| i + 1);
            let node = self.child(parent, &host[start..end]);
            let flags = node.map_or(0, |n| n.flags);
            if flags & EXCEPTION != 0 {
                // An exception rule names a registrable domain: the suffix is its parent.
                let parent = if end == host.len() { host.len() } else { end + 1 };
                return Some((&host[parent..], true));
            }
            if flags & RULE != 0 || parent_wildcard {
                best = Some(start);
            }
            if start == 0 || flags & (INNER | WILDCARD) == 0 {
                break;
            }
            parent_wildcard = flags & WILDCARD != 0;
            end = start - 1;
            // Reached only with INNER or WILDCARD set, so the name was found.
            let Some(n) = node else { break };
            parent = n;
        }
        match best {
            Some(s) => Some((&host[s..], true)),
            None => {
                let last = rfind_byte(host, b'.').map_or(0, |i| i + 1);
                Some((&host[last..], false))
            }
        }
    }

    /// The registrable domain (eTLD+1) of a lowercase ASCII host, or `None` when the host is
    /// itself a public suffix or has a single label.
    pub fn registrable<'a>(&self, host: &'a str) -> Option<&'a str> {
        let host = host.trim_end_matches('.');
        let (suffix, _) = self.suffix(host)?;
        registrable_of(host, suffix)
    }
}

/// The position of the first byte under 32 (the flags after a label) in `bytes`, eight bytes
/// at a time: the index runs this over the whole list at every engine start, where a loop per
/// byte is ~80,000 rounds of cold WebAssembly. The bytes before the mark are ASCII, so the
/// lowest byte the word test flags is the first mark.
fn first_mark(bytes: &[u8]) -> Option<usize> {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        let marks = w.wrapping_sub(SPACES) & !w & HIGH;
        if marks != 0 {
            return Some(at + (marks.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words.remainder().iter().position(|&b| b < 32).map(|i| at + i)
}

// Host names are a few dozen bytes, and the standard searchers (`memchr`, two-way) cost more
// to set up than these plain byte loops cost to run, several times per link.

/// The position of the last `b` in `s`.
pub(crate) fn rfind_byte(s: &str, b: u8) -> Option<usize> {
    s.bytes().rposition(|c| c == b)
}

/// The last dot-separated label of `host` (`com` of `www.example.com`).
pub(crate) fn last_label(host: &str) -> &str {
    rfind_byte(host, b'.').map_or(host, |i| &host[i + 1..])
}

/// The dot-separated labels of `host`, in order.
pub(crate) fn labels(host: &str) -> impl Iterator<Item = &str> + Clone {
    let mut rest = Some(host);
    std::iter::from_fn(move || {
        let cur = rest?;
        match cur.bytes().position(|c| c == b'.') {
            Some(i) => {
                rest = Some(&cur[i + 1..]);
                Some(&cur[..i])
            }
            None => {
                rest = None;
                Some(cur)
            }
        }
    })
}

/// True when `host` has two dots in a row.
pub(crate) fn has_empty_label(host: &str) -> bool {
    host.as_bytes().windows(2).any(|w| w == b"..")
}

/// True when some label of `host` is punycode (`xn--`).
pub(crate) fn has_punycode_label(host: &str) -> bool {
    let b = host.as_bytes();
    b.starts_with(b"xn--") || b.windows(5).any(|w| w == b".xn--")
}

/// The registrable domain of `host` given its public suffix (a suffix of `host`).
fn registrable_of<'a>(host: &'a str, suffix: &str) -> Option<&'a str> {
    if suffix.len() >= host.len() {
        return None;
    }
    let rest = &host[..host.len() - suffix.len() - 1];
    let label_start = rfind_byte(rest, b'.').map_or(0, |i| i + 1);
    Some(&host[label_start..])
}

/// What kind of host a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    Domain,
    Ipv4,
    Ipv6,
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
    /// Whether the list knows the public suffix (see `suffix`).
    pub suffix_known: bool,
    /// The length of the public suffix at the end of `ascii`: it is a slice of it, so it needs
    /// no copy of its own.
    suffix_len: Option<usize>,
    /// True when any label is punycode (`xn--`).
    pub is_idn: bool,
}

impl HostInfo {
    /// Analyses a host as the `url` crate serialises it (lowercase, punycode, IPv6 in brackets).
    pub fn new(psl: &Psl, host: &str) -> HostInfo {
        let trimmed = host.trim_end_matches('.');
        let bare = trimmed.trim_start_matches('[').trim_end_matches(']');
        // Only an address with a colon can be IPv6, and only digits and dots IPv4: names skip
        // both parsers.
        if bare.contains(':') && ip::is_ipv6(bare) {
            return HostInfo::ip(host, HostKind::Ipv6);
        }
        if bare.bytes().all(|b| b.is_ascii_digit() || b == b'.') && ip::is_ipv4(bare) {
            return HostInfo::ip(host, HostKind::Ipv4);
        }
        let ascii = trimmed.to_ascii_lowercase();
        let is_idn = has_punycode_label(&ascii);
        let unicode = if is_idn {
            let (u, res) = idna::domain_to_unicode(&ascii);
            if res.is_ok() { u } else { ascii.clone() }
        } else {
            ascii.clone()
        };
        let (registrable, suffix_len, suffix_known) = match psl.suffix(&ascii) {
            Some((s, known)) => (registrable_of(&ascii, s).map(str::to_string), Some(s.len()), known),
            None => (None, None, false),
        };
        HostInfo { ascii, unicode, kind: HostKind::Domain, registrable, suffix_known, suffix_len, is_idn }
    }

    fn ip(host: &str, kind: HostKind) -> HostInfo {
        HostInfo {
            ascii: host.to_string(),
            unicode: host.to_string(),
            kind,
            registrable: None,
            suffix_known: false,
            suffix_len: None,
            is_idn: false,
        }
    }

    /// The registrable domain, or the whole host when there is none.
    pub fn site(&self) -> &str {
        self.registrable.as_deref().unwrap_or(&self.ascii)
    }

    /// The public suffix (ASCII).
    pub fn suffix(&self) -> Option<&str> {
        self.ascii.get(self.ascii.len().checked_sub(self.suffix_len?)?..)
    }

    /// The label just left of the public suffix (`alibaba` of `www.alibaba.com`), ASCII.
    pub fn e2ld_label(&self) -> Option<&str> {
        let reg = self.registrable.as_deref()?;
        let suffix = self.suffix()?;
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

    /// The list's algorithm written plainly: every suffix of the host against three sets.
    fn reference_suffix(sets: &[std::collections::HashSet<&str>; 3], host: &str) -> Option<(String, bool)> {
        let [rules, wild, except] = sets;
        if host.is_empty() || host.starts_with('.') || host.contains("..") {
            return None;
        }
        let labels: Vec<&str> = host.split('.').collect();
        let mut best = None;
        for n in 1..=labels.len() {
            let cand = labels[labels.len() - n..].join(".");
            if except.contains(cand.as_str()) {
                return Some((labels[labels.len() - n + 1..].join("."), true));
            }
            let parent = labels[labels.len() - n + 1..].join(".");
            if rules.contains(cand.as_str()) || (n > 1 && wild.contains(parent.as_str())) {
                best = Some(cand);
            }
        }
        Some(best.map(|b| (b, true)).unwrap_or_else(|| (labels[labels.len() - 1].to_string(), false)))
    }

    #[test]
    fn the_indexed_lookup_agrees_with_the_plain_algorithm() {
        let p = psl();
        let mut hosts: Vec<String> = Vec::new();
        for rule in rules::PSL_RULES.lines().chain(rules::PSL_WILDCARDS.lines()).chain(rules::PSL_EXCEPTIONS.lines()) {
            for prefix in ["", "a.", "x.y.", "www.b."] {
                hosts.push(format!("{prefix}{rule}"));
            }
        }
        hosts.extend(["com", "example.com", "a.b.c.d.example.co.uk", "nosuchtld", "a.nosuchtld", "www.ck", "x.www.ck", "b.ck"].map(String::from));
        let sets = [rules::PSL_RULES, rules::PSL_WILDCARDS, rules::PSL_EXCEPTIONS].map(|l| l.lines().collect());
        for h in &hosts {
            assert_eq!(p.suffix(h).map(|(s, k)| (s.to_string(), k)), reference_suffix(&sets, h), "{h}");
        }
    }

    #[test]
    fn the_mark_after_a_label_is_found_in_any_place_of_a_word() {
        let mut bytes = b"abcdefghijklmnopqrstuvwxyz-0123456789".to_vec();
        assert_eq!(first_mark(&bytes), None);
        assert_eq!(first_mark(b""), None);
        for at in 0..bytes.len() {
            let mut b = bytes.clone();
            b[at] = 0x19;
            // A later mark does not hide the first.
            b.push(1);
            assert_eq!(first_mark(&b), Some(at), "{at}");
        }
        bytes.push(31);
        assert_eq!(first_mark(&bytes), Some(bytes.len() - 1));
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
        assert!(matches!(HostInfo::new(&p, "127.0.0.1").kind, HostKind::Ipv4));
        assert!(matches!(HostInfo::new(&p, "[::1]").kind, HostKind::Ipv6));
        assert_eq!(HostInfo::new(&p, "10.0.0.1").registrable, None);
    }
}
