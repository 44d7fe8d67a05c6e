//! Lookalikes: hosts made to be mistaken for a protected platform's (or the seller's own) domain.
//!
//! Chromium's lookalike-URL checks are the reference, adapted to a small, known target set
//! (the brands of the protected platforms and the seller's own domains) instead of a top-sites
//! list, which lets SellerShield act where Chromium only measures:
//!
//! - **skeletons** (UTS #39 confusables via `unicode-security`, diacritics stripped): `a1ibaba`,
//!   `arnazon` and Cyrillic `аlibаbа` all share `alibaba`'s skeleton;
//! - **mixed-script** and **whole-script-confusable** labels (a Latin name written in Cyrillic);
//! - **edit distance one** and **adjacent transposition** on skeletons, for names of five or more
//!   characters (transpositions from four), with Chromium's false-positive filters: only the first
//!   character differs, or only trailing digits;
//! - **TLD swaps** (`alibaba.net`), **target embedding** (`alibaba.com-verify.top`,
//!   `alibabacom.xyz`, `secure.alibaba.com.login.cn`), **brand in a subdomain**
//!   (`amazon.seller-support.info`), **combosquatting** (brand + `login`, `verify`, `seller`...),
//!   and **brand on free hosting** (`alibaba-login.web.app`);
//! - **brand in name**, the weakest: the brand glued to a word of its own (`ebaymevip.com`,
//!   `gameofamazon.com`), in a name the brand does not own. Honest sites talk about brands
//!   this way too (`amazonwatch.org`), so alone it is a caution; the link layer raises it to
//!   danger on a second signal (a sign-in path, the inbox of the very platform it names).
//!
//! Popular legitimate domains (`data/popular.toml`) are never called lookalikes. Brand tokens
//! shorter than five characters (`ebay`, `etsy`, `temu`) only match as whole tokens between
//! separators, because as substrings they hide inside ordinary words; only the weak brand in
//! name also takes them at the start of a word (`ebaymevip`), where they hide in none.

use std::borrow::Cow;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::domain::HostInfo;
use crate::engine::{Engine, Settings};
use crate::reason::text;
use crate::registry::{Hosting, NameMap, Registry};

/// Shortest name for which one edit counts (Chromium's `kMinLengthForEditDistance`).
const MIN_EDIT_LEN: usize = 5;
/// Shortest name for which a swap of two neighbours counts.
const MIN_SWAP_LEN: usize = 4;
/// The shortest first word of a popular domain looked for embedded in another host.
const MIN_POPULAR_EMBED_LEN: usize = 4;
/// Shortest popular site name looked for inside another host's words (`netflix` in
/// `secure-netflix-billing`): shorter ones (`apple`, `chase`, `yahoo`) are ordinary words too,
/// and count only as a whole label in disguise (`app1e.com`).
const MIN_POPULAR_BRAND_LEN: usize = 6;
/// Shortest popular site name looked for as a whole word of another host beside a lure word
/// (`apple-id-unlock`, `chase-secure-alert`): shorter ones (`zoom`, `visa`, `wise`) name too
/// many ordinary things even then.
const MIN_POPULAR_TOKEN_LEN: usize = 5;
/// Endings that turn a lure word into another word (`support` + `ers`).
const INFLECTIONS: &[&str] = &["s", "es", "er", "ers", "ing", "ings", "ed", "ly", "ive", "ful", "ion", "ions", "al"];
/// Shortest brand token matched as a substring of a label.
const MIN_SUBSTRING_LEN: usize = 5;
/// Short names that are ordinary English words and begin many more (`ups` in `upset` and
/// `ups.acme-power.com`, `wish` in `wishlist`): alone or glued to another word they name
/// no brand, so they count only beside a lure word, as before.
const ORDINARY_WORD_NAMES: &[&str] = &["ups", "wish"];
/// Popular sites' four-letter names that are ordinary words and begin many more (`meta` in
/// `metamail`, `live` in `livesupport`, `visa` in `visa-services`): never read as the
/// company's beside a lure word (`Lookalikes::popular_hit`).
const ORDINARY_FOUR_LETTER_NAMES: &[&str] = &["bill", "bing", "goto", "grab", "line", "live", "mail", "meta", "noon", "otto", "ring", "toss", "trip", "visa", "wise", "wish", "zoom"];
/// Labels longer than this are not skeletonised (Chromium caps hosts at 32 characters for its
/// skeleton work; hostile 63-byte labels cost nothing then).
const MAX_SKELETON_LABEL: usize = 63;
/// Country endings where a whole-Cyrillic label is ordinary (Chromium's exemption list).
const CYRILLIC_TLDS: &[&str] = &["bg", "by", "kz", "ru", "su", "ua", "uz", "mk", "rs", "mn", "xn--p1ai", "xn--j1amh", "xn--90ais", "xn--d1alf", "xn--90a3ac", "xn--80ao21a", "xn--l1acc"];
/// Country endings where a whole-Greek label is ordinary.
const GREEK_TLDS: &[&str] = &["gr", "cy", "xn--qxam", "xn--qxa6a"];

/// How a host imitates its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookalikeKind {
    Skeleton,
    EditDistance,
    Transposition,
    TldSwap,
    Embedding,
    BrandInSubdomain,
    Combosquat,
    FreeHosting,
    MixedScript,
    WholeScript,
    ProtectedDomain,
    /// The brand's name inside a name of another word (`ebaymevip.com`): weak unless raised.
    BrandInName,
}

/// A found lookalike.
#[derive(Clone, Debug)]
pub struct Lookalike {
    pub kind: LookalikeKind,
    /// The imitated platform, or `None` for one of the seller's own protected domains.
    pub platform: Option<usize>,
    /// The genuine domain it imitates (`alibaba.com`).
    pub genuine_domain: String,
    /// The character-level difference, for people (`` `1` in place of `l` ``).
    pub detail: Option<String>,
    /// True when the evidence is strong enough for danger; weaker brand use is caution.
    pub strong: bool,
}

impl Lookalike {
    /// The id reported as `impersonates`: the platform id, or the protected domain.
    pub fn target_label(&self, engine: &Engine) -> String {
        match self.platform {
            Some(i) => engine.registry().platforms[i].id.clone(),
            None => self.genuine_domain.clone(),
        }
    }

    /// One plain-English sentence saying what was seen.
    pub fn explain(&self, info: &HostInfo) -> String {
        let host = &info.unicode;
        let g = &self.genuine_domain;
        // `: detail`, or nothing.
        let (colon, detail) = match self.detail.as_deref() {
            Some(d) => (": ", d),
            None => ("", ""),
        };
        match self.kind {
            LookalikeKind::Skeleton | LookalikeKind::EditDistance | LookalikeKind::Transposition => {
                text!("`", host, "` looks like `", g, "`", colon, detail)
            }
            LookalikeKind::MixedScript => text!("`", host, "` imitates `", g, "` by mixing writing systems", colon, detail),
            LookalikeKind::WholeScript => text!("`", host, "` imitates `", g, "` in another alphabet", colon, detail),
            LookalikeKind::TldSwap => text!("`", host, "` uses the name of `", g, "` with an ending it does not own"),
            LookalikeKind::Embedding => text!("`", host, "` hides `", g, "` inside a different domain, `", info.site(), "`"),
            LookalikeKind::BrandInSubdomain => text!("`", host, "` puts the name of `", g, "` in front of an unrelated domain, `", info.site(), "`"),
            LookalikeKind::Combosquat if self.strong => text!("`", host, "` joins the name of `", g, "` to a lure word", colon, detail, ": it is not `", g, "`"),
            LookalikeKind::Combosquat => text!("`", host, "` uses the name of `", g, "` but is not `", g, "`"),
            LookalikeKind::FreeHosting => text!("`", host, "` uses the name of `", g, "` on a free hosting service anyone can publish on"),
            LookalikeKind::ProtectedDomain => text!("`", host, "` looks like your domain `", g, "`", colon, detail),
            // Not "is not X": a company's own domain missing from the registry carries its name
            // too, and the engine only knows the domains listed there.
            LookalikeKind::BrandInName => text!("`", host, "` carries the name of `", g, "` but is none of its known sites", colon, detail),
        }
    }
}

/// A popular site's name found in a host, with what came with it (`Lookalikes::popular_hit`).
#[derive(Clone, Copy, Debug)]
struct PopularHit {
    /// The popular site's domain (`netflix.com`).
    site: &'static str,
    /// The name is in the skeleton but not as written (`rnicrosoft`).
    disguised: bool,
    /// The name is six letters or more (`netflix`), not a short word (`apple`).
    long: bool,
    /// Lure words beside it or glued to it.
    lures: usize,
    /// The rest is a tag of digits or a letter or two (`netflix6`).
    junk: bool,
    /// Another word joined to it by a hyphen (`holdings-coinbase`, `whatsapp-dp-images`).
    joined: bool,
    /// Letters glued to it that are no ending of it (`icloudweb`, `facebookqq`; not `coinbased`).
    glued: bool,
}

impl PopularHit {
    fn into_lookalike(self, kind: LookalikeKind, strong: bool) -> Lookalike {
        Lookalike { kind, platform: None, genuine_domain: self.site.to_string(), detail: None, strong }
    }
}

/// One name an impersonator imitates.
#[derive(Clone, Debug)]
struct Target {
    /// The name as written (`alibaba`), ASCII.
    name: String,
    /// Its skeleton.
    skeleton: String,
    platform: Option<usize>,
    genuine: String,
}

/// Buckets of [`Needles`]: patterns are filed by their last two bytes, folded to five bits each
/// (the 26 letters stay apart), so a text position looks at the few patterns that end like it.
const NEEDLE_BUCKETS: usize = 1 << 10;

/// A small set of strings (brand skeletons, lure words, platform domains), found wherever they
/// occur in a short text, in the order an overlapping Aho-Corasick search reports them: by the
/// end of the match, then longest first, then in the order the patterns were given.
///
/// Written by hand rather than taken from `aho-corasick`, which these searches used before:
/// building an automaton runs a great deal of distinct code exactly once, the worst case for
/// WebAssembly, which V8 compiles function by function on first call. That build was most of
/// the engine's start in the browser (docs/performance.md, "Link matchers without automata").
/// This is one sort and one counting pass to build, and at most a few hundred patterns of
/// hosts, labels and paths of a few dozen bytes to search, where looking up the patterns that
/// end in each pair of bytes costs about what an automaton's transition does.
#[derive(Clone, Debug, Default)]
pub(crate) struct Needles {
    /// Every pattern, one after the other; pattern `i` ends at `ends[i]`.
    text: String,
    ends: Vec<u32>,
    /// Bucket `b` holds the ids `order[heads[b]..heads[b + 1]]`, longest first, then by id.
    heads: Vec<u16>,
    order: Vec<u16>,
    /// One-byte patterns (none in the data today), `(byte, id)` by id: they end a match after
    /// every longer one.
    ones: Vec<(u8, u16)>,
}

/// One occurrence of a pattern of [`Needles`] in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Needle {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// Targets by the length of a name, keyed by the name's first byte and, separately, by its
/// last: one edit, swap or doubled letter always leaves one end of a name of three or more
/// characters in place, so only names sharing an end with the text are candidates. Each
/// carries a byte-set mask too: such a change adds or removes at most two distinct bytes.
/// Candidates come out in the order the targets were added, as a scan of all of them would.
#[derive(Debug, Default)]
struct ByLen {
    by_first: HashMap<(usize, u8), Vec<Candidate>>,
    by_last: HashMap<(usize, u8), Vec<Candidate>>,
}

#[derive(Clone, Copy, Debug)]
struct Candidate {
    target: usize,
    /// `byte_set` of an ASCII name; `None` for others.
    bytes: Option<u64>,
}

impl ByLen {
    fn add(&mut self, name: &str, target: usize) {
        let (Some(&first), Some(&last)) = (name.as_bytes().first(), name.as_bytes().last()) else { return };
        let c = Candidate { target, bytes: name.is_ascii().then(|| byte_set(name)) };
        self.by_first.entry((name.len(), first)).or_default().push(c);
        self.by_last.entry((name.len(), last)).or_default().push(c);
    }

    /// The targets whose name has `len` bytes and may be one change away from `text`.
    fn near<'a>(&'a self, len: usize, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        let b = text.as_bytes();
        let list = |map: &'a HashMap<(usize, u8), Vec<Candidate>>, end: Option<&u8>| -> &'a [Candidate] {
            end.and_then(|&e| map.get(&(len, e))).map_or(&[], Vec::as_slice)
        };
        let (mut xs, mut ys) = (list(&self.by_first, b.first()), list(&self.by_last, b.last()));
        let text_bytes = text.is_ascii().then(|| byte_set(text));
        // Both lists are in target order: merge them, once each.
        std::iter::from_fn(move || {
            let next = match (xs.first(), ys.first()) {
                (Some(x), Some(y)) if x.target == y.target => {
                    (xs, ys) = (&xs[1..], &ys[1..]);
                    *x
                }
                (Some(x), Some(y)) if x.target < y.target => {
                    xs = &xs[1..];
                    *x
                }
                (_, Some(y)) => {
                    ys = &ys[1..];
                    *y
                }
                (Some(x), None) => {
                    xs = &xs[1..];
                    *x
                }
                (None, None) => return None,
            };
            Some(next)
        })
        .filter(move |c| match (text_bytes, c.bytes) {
            (Some(x), Some(y)) => (x ^ y).count_ones() <= 2,
            _ => true,
        })
        .map(|c| c.target)
    }
}

impl Needles {
    /// Files the patterns; their ids are their places in `patterns`. An empty pattern would
    /// match everywhere and is never found (none of the engine's sets has one).
    pub(crate) fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Needles {
        let mut n = Needles::default();
        for p in patterns {
            n.text.push_str(p);
            n.ends.push(u32::try_from(n.text.len()).expect("pattern text under 4 GiB"));
        }
        let count = u16::try_from(n.ends.len()).expect("under 65,536 patterns");
        let mut heads = vec![0u16; NEEDLE_BUCKETS + 1];
        for i in 0..usize::from(count) {
            if let [.., a, b] = *n.pattern(i) {
                heads[needle_bucket(a, b) + 1] += 1;
            }
        }
        for b in 0..NEEDLE_BUCKETS {
            heads[b + 1] += heads[b];
        }
        // Filed in id order, so each bucket starts out by id.
        let mut next = heads.clone();
        let mut order = vec![0; usize::from(heads[NEEDLE_BUCKETS])];
        for i in 0..count {
            match *n.pattern(usize::from(i)) {
                [.., a, b] => {
                    let slot = &mut next[needle_bucket(a, b)];
                    order[usize::from(*slot)] = i;
                    *slot += 1;
                }
                [a] => n.ones.push((a, i)),
                [] => {}
            }
        }
        // Then longest first, ties kept by id: an insertion sort, as a bucket holds a handful of
        // patterns (and the standard sorts' generic code would be kilobytes of the module).
        for b in 0..NEEDLE_BUCKETS {
            let bucket = &mut order[usize::from(heads[b])..usize::from(heads[b + 1])];
            for j in 1..bucket.len() {
                let mut k = j;
                while k > 0 && n.pattern_len(bucket[k - 1]) < n.pattern_len(bucket[k]) {
                    bucket.swap(k - 1, k);
                    k -= 1;
                }
            }
        }
        n.order = order;
        n.heads = heads;
        n
    }

    fn pattern_len(&self, i: u16) -> usize {
        self.pattern(usize::from(i)).len()
    }

    fn pattern(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text.as_bytes()[start..self.ends[i] as usize]
    }

    /// Every occurrence of every pattern in `hay`, overlapping ones too, by end, then longest
    /// first, then by pattern id.
    pub(crate) fn find_all<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = Needle> + 'h {
        let hay = hay.as_bytes();
        let (mut end, mut at, mut stop, mut ones) = (0, 0, 0, self.ones.len());
        std::iter::from_fn(move || loop {
            // The bucket's patterns ending at `end`, then the one-byte ones.
            while at < stop {
                let id = usize::from(self.order[at]);
                at += 1;
                let p = self.pattern(id);
                if p.len() <= end && &hay[end - p.len()..end] == p {
                    return Some(Needle { start: end - p.len(), end, pattern: id });
                }
            }
            while ones < self.ones.len() {
                let (b, id) = self.ones[ones];
                ones += 1;
                if hay[end - 1] == b {
                    return Some(Needle { start: end - 1, end, pattern: usize::from(id) });
                }
            }
            if end == hay.len() || self.ends.is_empty() {
                return None;
            }
            end += 1;
            ones = 0;
            (at, stop) = match end {
                1 => (0, 0),
                _ => {
                    let b = needle_bucket(hay[end - 2], hay[end - 1]);
                    (usize::from(self.heads[b]), usize::from(self.heads[b + 1]))
                }
            };
        })
    }

    /// The matches a leftmost-longest search reports (`aho-corasick`'s `LeftmostLongest`,
    /// which the page vocabulary and the lexicon's sender brands used before): of the matches
    /// starting first, the longest (then the first pattern), and the search goes on after its
    /// end. The callers drop matches inside words afterwards, so which shorter matches a
    /// longer one hides is part of their verdicts, and is kept as it was.
    pub(crate) fn leftmost_longest(&self, hay: &str) -> Vec<Needle> {
        // Into start order (longest first, then by pattern) by insertion: the matches come by
        // end, so each moves back only past the overlapping ones that end before it, and the
        // standard sort would be one more copy of its code in the module.
        let mut all: Vec<Needle> = Vec::new();
        let key = |m: &Needle| (m.start, usize::MAX - m.end, m.pattern);
        for m in self.find_all(hay) {
            let mut at = all.len();
            while at > 0 && key(&all[at - 1]) > key(&m) {
                at -= 1;
            }
            all.insert(at, m);
        }
        let mut from = 0;
        all.retain(|m| {
            let keep = m.start >= from;
            if keep {
                from = m.end;
            }
            keep
        });
        all
    }
}

/// The bucket of the patterns whose last two bytes are `a`, `b`.
fn needle_bucket(a: u8, b: u8) -> usize {
    (usize::from(a & 31) << 5) | usize::from(b & 31)
}

/// The set of bytes in `s`, folded into 64 bits. Folding only merges bits, so two strings'
/// masks never differ in more places than their byte sets do.
fn byte_set(s: &str) -> u64 {
    s.bytes().fold(0, |m, b| m | 1 << (b & 63))
}

/// A genuine registrable domain, split on dots, for embedding checks.
#[derive(Clone, Debug)]
struct Embedded {
    tokens: Vec<String>,
    target: usize,
}

/// The lookalike detector, built once per engine.
#[derive(Debug, Default)]
pub struct Lookalikes {
    targets: Vec<Target>,
    by_skeleton: HashMap<String, Vec<usize>>,
    /// Targets by skeleton length and by name length (bytes; both are ASCII).
    by_len: ByLen,
    by_name_len: ByLen,
    /// Names shorter than `MIN_SUBSTRING_LEN`, which only count as whole tokens.
    short_targets: Vec<usize>,
    /// Skeletons of every target, for finding a brand inside a label (pattern = target).
    finder: Needles,
    /// Genuine domains keyed by their first token, for embedding: places in `embeddings` (a
    /// map to a list of numbers, the type of `by_skeleton` and the registry's `by_domain`, is
    /// one copy of the hash table's code in the WebAssembly module rather than one more).
    embedded: NameMap<Vec<usize>>,
    embeddings: Vec<Embedded>,
    /// Genuine domains written without separators (`alibabacom`), for embedding.
    joined: NameMap<usize>,
    /// The same, keyed by their first four bytes (to a character boundary, [`prefix4`]), for
    /// the prefix check: places in `joined_list`, in the type of `embedded`, so the module
    /// carries no hash table type for this alone.
    joined_by_prefix: NameMap<Vec<usize>>,
    joined_list: Vec<(String, usize)>,
    /// Skeletons of the lure words.
    lure: Needles,
    exempt: Vec<String>,
    /// Names made only of digits (`1688`), with their platform and genuine domain.
    digit_names: Vec<(String, usize, String)>,
    /// Two-letter country endings each platform has a registrable domain under (only those
    /// are asked about), sorted: a few hundred, built once, a hash set type of their own before.
    country_endings: Vec<(usize, [u8; 2])>,
    /// Platform names shorter than `MIN_SUBSTRING_LEN` letters as written that read as the
    /// brand when another word is glued after them (`ebay` in `ebaymevip`): none of them begins
    /// an ordinary word that is not an exempt one (`dhlaw`, `temuco`).
    glue_targets: Vec<usize>,
    /// The first letters of their skeletons (bit `b & 31`, a letter's place in the alphabet):
    /// most words begin otherwise and are passed over at once.
    glue_firsts: u32,
    /// Platform names of four or more letters, as written, for brand folders in paths.
    by_name: NameMap<usize>,
    /// Popular sites' registrable domains (`usps.com`) as skeleton tokens, keyed by the first,
    /// for the same embedding trick played on sites that are not protected platforms: places
    /// in `popular_embeddings`, whose `target` is a place in `popular_names` (the types of
    /// `embedded`, so no more hash table code in the module).
    popular_embedded: NameMap<Vec<usize>>,
    popular_embeddings: Vec<Embedded>,
    popular_names: Vec<&'static str>,
    /// Popular sites' names (the first label as a skeleton, [`MIN_POPULAR_EMBED_LEN`] letters
    /// or more; those under [`MIN_POPULAR_BRAND_LEN`] only count as a whole label in disguise)
    /// for the combosquat, disguise and free-hosting tricks played on them: pattern `i` names
    /// `popular_names[popular_brand_site[i]]`.
    popular_brands: Needles,
    popular_brand_site: Vec<usize>,
    /// The names of [`MIN_POPULAR_BRAND_LEN`] letters or more that hold an `i` or an `l`, each
    /// `l` read as `i`: a label that reads so and is spelt otherwise (`lnstagram`, `1nstagram`:
    /// `1` is already `l` in a skeleton) is the name in disguise. `l` for `i` is no confusable
    /// in Unicode's data, but in the sans-serif fonts of address bars a capital `I` and an `l`
    /// are one stroke. Pattern `i` names `popular_names[popular_folded_site[i]]`.
    popular_folded: Needles,
    popular_folded_site: Vec<usize>,
    /// Bit `n` set when a folded name is `n` letters long: most labels are no name's length,
    /// and the test costs less than folding them.
    popular_folded_lens: u64,
    /// The halves of the popular names of [`MIN_POPULAR_BRAND_LEN`] letters or more: one edit
    /// leaves one half of a name as it was, so a misspelt name (`outloook`, `facebok`) holds
    /// one of them. Pattern `i` is a half of `popular_long[i / 2]`, the first when `i` is even.
    popular_halves: Needles,
    /// Those names (skeletons) with their place in `popular_names`.
    popular_long: Vec<(String, usize)>,
    /// The file-sharing services' own names, six letters or more (`sharepoint`, `dropbox`,
    /// `wetransfer`, first labels of the hosting list's file shares), with their domains:
    /// shared-document lures name them on somebody else's hosting.
    share_names: Vec<(String, String)>,
}

impl Lookalikes {
    /// Indexes the names of the enabled platforms and the seller's protected domains.
    pub fn new(registry: &Registry, settings: &Settings) -> Lookalikes {
        let mut l = Lookalikes::default();
        let mut seen = HashSet::default();
        // One buffer for the skeletons of the domains' first labels, most of which name no brand.
        let mut first = String::new();
        for &i in &settings.enabled {
            let p = &registry.platforms[i];
            let genuine = p.main_domain().to_string();
            let main_label = genuine.split('.').next().unwrap_or("").to_string();
            for name in p.brand_tokens.iter().chain(std::iter::once(&main_label)) {
                let name = name.trim().to_ascii_lowercase();
                // Digit-only names (`1688`) collide with phone numbers and prices: they are
                // kept apart and only count as a whole word among lure words.
                if name.len() >= 3 && name.bytes().all(|b| b.is_ascii_digit()) {
                    if seen.insert(name.clone()) {
                        l.digit_names.push((name, i, genuine.clone()));
                    }
                    continue;
                }
                if name.len() < 3 || !seen.insert(name.clone()) {
                    continue;
                }
                l.add_target(name, Some(i), genuine.clone());
            }
            for d in &p.registrable_domains {
                l.add_embedded(d, Some(i), &mut first);
                if let &[a, b] = crate::domain::last_label(d).as_bytes() {
                    if let Err(at) = l.country_endings.binary_search(&(i, [a, b])) {
                        l.country_endings.insert(at, (i, [a, b]));
                    }
                }
            }
        }
        for d in &settings.protected_domains {
            let label = d.split('.').next().unwrap_or("").to_string();
            if label.len() >= 3 && seen.insert(label.clone()) {
                l.add_target(label, None, d.clone());
                l.add_embedded(d, None, &mut first);
            }
        }
        for (i, t) in l.targets.iter().enumerate() {
            if t.platform.is_none() || ORDINARY_WORD_NAMES.contains(&t.name.as_str()) {
                continue;
            }
            if t.name.len() < MIN_SUBSTRING_LEN {
                l.glue_targets.push(i);
                l.glue_firsts |= first_letter_bit(&t.skeleton);
            }
            if t.name.len() >= MIN_SWAP_LEN && l.by_name.get(&t.name).is_none() {
                l.by_name.insert(t.name.clone(), i);
            }
        }
        l.finder = Needles::new(l.targets.iter().map(|t| t.skeleton.as_str()));
        // Lure words are matched against skeletons, so they are stored as skeletons too.
        let lure: Vec<String> = registry.links.lure_words.iter().filter(|w| w.len() >= 2).map(|w| skeleton(w)).collect();
        l.lure = Needles::new(lure.iter().map(String::as_str));
        l.exempt = registry.links.embedding_exempt_words.iter().map(|w| skeleton(&w.to_ascii_lowercase())).collect();
        // In a fixed order (the registry's, sorted): which of two overlapping domains is named
        // must not depend on a set's iteration order.
        let mut brands: Vec<String> = Vec::new();
        for &d in &registry.popular {
            let tokens: Vec<String> = d.split(['.', '-']).map(skeleton).collect();
            // A first word of three letters or fewer (`bbc.co.uk`, `qq.com`) is too short to
            // tell an embedded address from a company's own abbreviation.
            if tokens.len() >= 2 && tokens[0].len() >= MIN_POPULAR_EMBED_LEN {
                // A name kept once (`google` of google.com and google.de), and never a protected
                // platform's (those are the steps above). The list is sorted, so the domains of
                // one name (`google-…`, `google.…`) come together: only the last name is compared.
                if brands.last() == Some(&tokens[0]) {
                    // `google.com` rather than `google.ca` when both are listed, and either
                    // rather than a domain of more words (`google-analytics.com`).
                    let words = |d: &str| d.split('.').next().is_some_and(|l| l.contains('-'));
                    let kept = l.popular_names[*l.popular_brand_site.last().expect("a name was kept")];
                    if !words(d) && (d.ends_with(".com") || words(kept)) {
                        *l.popular_brand_site.last_mut().expect("a name was kept") = l.popular_names.len();
                    }
                } else if !l.exempt.contains(&tokens[0])
                    && !l.by_skeleton.contains_key(tokens[0].as_str())
                    && tokens[0].bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                    && tokens[0].starts_with(|c: char| c.is_ascii_lowercase())
                {
                    brands.push(tokens[0].clone());
                    l.popular_brand_site.push(l.popular_names.len());
                }
                l.popular_embedded.entry_or_default(tokens[0].clone()).push(l.popular_embeddings.len());
                l.popular_embeddings.push(Embedded { tokens, target: l.popular_names.len() });
                l.popular_names.push(d);
            }
        }
        l.popular_brands = Needles::new(brands.iter().map(String::as_str));
        let mut folded = Vec::new();
        for (b, &site) in brands.iter().zip(&l.popular_brand_site) {
            if b.len() >= MIN_POPULAR_BRAND_LEN && b.contains(['i', 'l']) {
                folded.push(b.replace('l', "i"));
                l.popular_folded_site.push(site);
                l.popular_folded_lens |= 1u64.checked_shl(b.len() as u32).unwrap_or(0);
            }
        }
        l.popular_folded = Needles::new(folded.iter().map(String::as_str));
        for h in registry.hosting.iter().filter(|h| h.category == "file-share") {
            let name = h.domain.split('.').next().unwrap_or("");
            if name.len() >= MIN_POPULAR_BRAND_LEN && name.bytes().all(|b| b.is_ascii_lowercase()) {
                l.share_names.push((skeleton(name), h.domain.clone()));
            }
        }
        // Built as the other needles are (one copy of `Needles::new` in the module).
        let mut halves = Vec::new();
        for (b, &site) in brands.iter().zip(&l.popular_brand_site) {
            if b.len() >= MIN_POPULAR_BRAND_LEN {
                let (x, y) = b.split_at(b.len() / 2);
                halves.push(x.to_string());
                halves.push(y.to_string());
                l.popular_long.push((b.clone(), site));
            }
        }
        l.popular_halves = Needles::new(halves.iter().map(String::as_str));
        l
    }

    fn add_target(&mut self, name: String, platform: Option<usize>, genuine: String) {
        let skeleton = skeleton(&name);
        let idx = self.targets.len();
        self.by_skeleton.entry(skeleton.clone()).or_default().push(idx);
        self.by_len.add(&skeleton, idx);
        self.by_name_len.add(&name, idx);
        if skeleton.len() < MIN_SUBSTRING_LEN {
            self.short_targets.push(idx);
        }
        self.targets.push(Target { name, skeleton, platform, genuine });
    }

    /// Registers a genuine registrable domain for embedding checks. Only domains whose first
    /// label is a brand name count: `alibaba.com` embedded is an attack, `alicdn.com` embedded
    /// is noise nobody recognises.
    fn add_embedded(&mut self, domain: &str, platform: Option<usize>, first: &mut String) {
        // Stored as skeletons: the host is compared in skeleton form (`m` reads as `rn`).
        first.clear();
        crate::confusable::push_skeleton(first, domain.split('.').next().unwrap_or(""));
        let Some(&target) = self.by_skeleton.get(first.as_str()).and_then(|v| v.iter().find(|&&t| self.targets[t].platform == platform)) else {
            return;
        };
        // `dhl.com` written as two tokens is unmistakable even for a three-letter name.
        if first.len() < 3 {
            return;
        }
        let tokens: Vec<String> = domain.split('.').map(skeleton).collect();
        let first_skel = first.clone();
        let joined = tokens.concat();
        if let Some(key) = prefix4(&joined) {
            self.joined_by_prefix.entry_or_default(key.to_string()).push(self.joined_list.len());
            self.joined_list.push((joined.clone(), target));
        }
        self.joined.insert(joined, target);
        self.embedded.entry_or_default(first_skel).push(self.embeddings.len());
        self.embeddings.push(Embedded { tokens, target });
    }

    /// Looks for an imitation of a protected name in a host that is not genuine. `path` is the
    /// URL's path: on hosts whose owner lets anyone publish, the attacker names the brand there.
    /// `user_content` says the host is a platform's own user-content host (`paypal.me`,
    /// `*.s3.amazonaws.com`): its name is genuine, only the customer's part can imitate.
    /// `hosting` is the free-hosting service the host sits on (`Registry::hosting`).
    pub fn find(&self, engine: &Engine, info: &HostInfo, hosting: Option<&Hosting>, path: &str, user_content: bool) -> Option<Lookalike> {
        // Where anyone can publish (free hosting, tunnels, storage buckets, a bare IP address),
        // the brand in the customer's part of the name or in the path is the impersonation.
        let nameless = matches!(info.kind, crate::domain::HostKind::Ipv4 | crate::domain::HostKind::Ipv6);
        if nameless {
            if let Some((t, _)) = self.find_brand(&skeleton(&bounded_path(path))) {
                return Some(self.hit(LookalikeKind::FreeHosting, t, None, true));
            }
            return None;
        }
        let host = HostSkeleton::new(info);
        if hosting.is_some() || user_content {
            let own_part = match hosting {
                Some(h) if info.ascii.len() > h.domain.len() => &info.ascii[..info.ascii.len() - h.domain.len() - 1],
                _ if user_content => info.subdomain(),
                _ => "",
            };
            let own = host.leading(label_count(own_part));
            // Digits pad a short brand (`0000000dhl`), and a skeleton reads them as letters
            // (`0` as `o`), so the brand no longer stands alone: look again with the digits
            // as separators.
            let padded = || {
                let spaced = own_part.bytes().any(|b| b.is_ascii_digit()).then(|| skeleton(&own_part.replace(|c: char| c.is_ascii_digit(), "-")));
                spaced.and_then(|s| self.find_brand(&s))
            };
            if let Some((t, _)) = self.find_brand(own).or_else(padded) {
                return Some(self.hit(LookalikeKind::FreeHosting, t, None, true));
            }
            // The brand misspelt by one letter where anyone can publish (`payqal-2020` on a
            // hosting service): nobody names a site that way by chance.
            if hosting.is_some() {
                if let Some((t, tok)) = self.misspelt_brand(own, MIN_EDIT_LEN) {
                    let detail = text!("`", tok, "` for `", self.targets[t].name, "`");
                    return Some(self.hit(LookalikeKind::FreeHosting, t, Some(detail), true));
                }
            }
            let path_skel = skeleton(&bounded_path(path));
            if let Some((t, _)) = self.find_brand(&path_skel) {
                return Some(self.hit(LookalikeKind::FreeHosting, t, None, true));
            }
            if user_content {
                return None;
            }
            // A popular site's name beside a lure word where anyone can publish
            // (`secure-netflix-billing.pages.dev`, `microsoft-365-login.firebaseapp.com`,
            // `facebookloginpage2.blogspot.com`): no such site keeps its sign-in on a stranger's
            // free page. The name alone (`instagram-fe.vercel.app`) is a caution: fan pages and
            // students' clones look the same, and a sign-in path raises it (`link.rs`). The
            // hosting operator's own name on its own service (`my-vercel-demo.vercel.app`) is
            // how its customers name their projects.
            if let Some(hit) = self.popular_hit(own, None, own_part) {
                let first = site_name(hit.site);
                let operator = |h: &Hosting| h.domain.starts_with(first) || h.operator.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(first));
                // Exactly the name (`microsoft.github.io`, `google.github.io`) is the company's
                // own account there as often as not.
                let strong = hit.lures >= 1;
                if strong || (hit.long && own_part != first && !hosting.is_some_and(operator)) {
                    return Some(hit.into_lookalike(LookalikeKind::FreeHosting, strong));
                }
            } else if let Some(found) = self.misspelt_popular_near_lures(own, LookalikeKind::FreeHosting) {
                return Some(found);
            }
            // A file share's name on another service (`po-docs-sharepoint-review.pages.dev`):
            // a caution, with a lure word danger, as a popular name is; its own service is
            // where its customers' files are.
            if let Some((domain, lure)) = self.file_share_name(own).filter(|(d, _)| hosting.is_some_and(|h| h.domain != *d)) {
                return Some(Lookalike { kind: LookalikeKind::FreeHosting, platform: None, genuine_domain: domain.to_string(), detail: None, strong: lure });
            }
            // On a service whose pages live in the path (`sites.google.com/view/<site>`), the
            // path is the customer's part; on any other the path names the page, and a popular
            // name there beside a lure word or a sign-in word is its impersonation
            // (`someone.github.io/Login-Instagram/`), where the name alone is a clone or a fan
            // page (`someone.github.io/clon-spotify`).
            if let Some(hit) = self.popular_hit(&path_skel, None, "") {
                if hit.lures >= 1 || (!own_part.is_empty() && crate::trick::sign_in_word(path).is_some()) {
                    return Some(hit.into_lookalike(LookalikeKind::FreeHosting, true));
                }
            }
        }
        let registrable = info.registrable.as_deref()?;
        if engine.registry().is_popular(registrable) {
            return None;
        }
        let e2ld = info.e2ld_label()?;
        let suffix = info.suffix().unwrap_or("");
        let sub = info.subdomain();
        let unicode_e2ld = unicode_label(info, e2ld);
        let e2ld_skel = if unicode_e2ld.len() <= MAX_SKELETON_LABEL * 4 { host.label(label_count(sub)) } else { "" };

        // 1. The registrable label itself, against each name.
        if let Some(mut found) = self.match_label(&unicode_e2ld, e2ld_skel, suffix) {
            // The exact name under the ending of a country the platform has no site in
            // (`alibaba.ir`, a travel agency) is as often a local business of that name as an
            // impersonation: names are registered per country. Endings that are slips for
            // `.com` (`.cm`, `.co`) and endings used mostly for abuse stay dangerous.
            if found.kind == LookalikeKind::TldSwap && !is_risky_ending(engine, suffix) && self.foreign_country_ending(found.platform, suffix) {
                found.strong = false;
            }
            return Some(found);
        }
        // 3. A genuine domain embedded in the host (`alibaba.com-verify.top`, `alibabacom.xyz`).
        if let Some(found) = self.embedding(info, &host.text) {
            return Some(found);
        }
        // 3b. The same with a popular site that is no protected platform (`usps.com-track.info`).
        if let Some(found) = self.popular_embedding(&host.text, host.leading(label_count(sub)), is_risky_ending(engine, suffix)) {
            return Some(found);
        }
        // The brand named with no lure beside it, met on the way: reported when nothing
        // stronger is found.
        let mut named = None;
        // 4. A brand as a subdomain label of an unrelated domain.
        if !sub.is_empty() {
            if let Some((t, whole)) = self.find_brand(host.leading(label_count(sub))) {
                // A whole token (`amazon.seller-support.info`) is an impersonation; a brand
                // merely inside a longer subdomain word is one too when a lure word joins it.
                // Short names (`ups`, `dhl`) are also ordinary words in company subdomains
                // (`ups.acme-power.com`): they need a lure word beside them.
                let short = self.targets[t].skeleton.len() < MIN_SUBSTRING_LEN;
                // The brand glued to a lure word in one subdomain word (`paypalverification`)
                // counts as well as a lure word standing apart.
                let glued = || {
                    let own = host.leading(label_count(sub));
                    self.lure_at_edge(&remove_once(own, &self.targets[t].skeleton)).is_some()
                };
                if (whole && !short) || self.has_lure(&host.text) || (!short && glued()) {
                    return Some(self.hit(LookalikeKind::BrandInSubdomain, t, None, true));
                }
                if self.names_the_brand(t, whole) {
                    named = Some(t);
                }
            }
        }
        // 4b. The brand misspelt in a subdomain, beside a lure word (`paypai-accounts.mp2.io`).
        if !sub.is_empty() {
            let own = host.leading(label_count(sub));
            if let Some((t, tok)) = self.misspelt_brand(own, MIN_EDIT_LEN) {
                let lure_beside = own.split(|c: char| !c.is_alphabetic()).any(|w| w != tok && w.len() >= 3 && self.composed_of_lures(w));
                if lure_beside {
                    let detail = text!("`", tok, "` for `", self.targets[t].name, "`, with a lure word");
                    return Some(self.hit(LookalikeKind::BrandInSubdomain, t, Some(detail), true));
                }
            }
        }
        // 5. Combosquatting: a brand inside the registrable label plus a lure word, or under an
        // ending used mostly for abuse. A brand next to an ordinary word (`aboutamazon.net`,
        // `fedexbeta.com`) is how honest sites talk about a brand too, so it alone is no
        // combosquat: step 7 reports it as a name that carries the brand, a caution.
        let risky = is_risky_ending(engine, suffix);
        if let Some((t, whole)) = self.find_brand(e2ld_skel) {
            let rest = remove_once(e2ld_skel, &self.targets[t].skeleton);
            let lure = self.lure_word(&rest).or_else(|| self.lure_at_edge(&rest));
            if lure.is_some() || risky {
                let detail = lure.map(|w| text!("`", self.targets[t].name, "` + `", w, "`"));
                return Some(self.hit(LookalikeKind::Combosquat, t, detail, true));
            }
            // Two names of one platform side by side (`amazon-sellercentral.net`: the brand and
            // its own product's name) on a domain the platform does not own: each is the other's
            // lure word.
            let platform = self.targets[t].platform;
            if let Some((t2, _)) = self.find_brand(&rest).filter(|&(t2, _)| t2 != t && platform.is_some() && self.targets[t2].platform == platform) {
                let detail = text!("`", self.targets[t].name, "` + `", self.targets[t2].name, "`");
                return Some(self.hit(LookalikeKind::Combosquat, t, Some(detail), true));
            }
            // A brand with a tag of digits or a letter or two (`alibaba66`, `binanceaa`,
            // `ebay-c`) names no business of its own: it is a spare copy of the brand's name.
            if self.targets[t].name.len() >= MIN_SWAP_LEN && is_junk_tag(&rest) {
                let detail = text!("`", self.targets[t].name, "` + `", rest.trim_matches('-'), "`");
                return Some(self.hit(LookalikeKind::Combosquat, t, Some(detail), true));
            }
            if self.names_the_brand(t, whole) {
                named = Some(t);
            }
        }
        // 5b. A name made of digits (`1688`) as a whole word of the label, every other word a
        // lure word (`1688-member-login`): digits alone are a phone number or a price, but
        // digits dressed in sign-in words name the site.
        if let Some(found) = self.digit_name_with_lures(e2ld) {
            return Some(found);
        }
        // 6. The same with the brand itself misspelt (`amazn-verify`, `paypai-security`), or a
        // short brand glued to a lure word (`ebayverify`, `temuseller`), where the brand is not
        // found as written.
        // Whether the label holds a word made of lure words, for the misspelt popular names.
        let mut any_lure = false;
        'lures: {
            const MAX_TOKENS: usize = 8;
            let mut tokens = [""; MAX_TOKENS];
            let mut n = 0;
            for tok in e2ld_skel.split(|c: char| !c.is_alphabetic()).filter(|t| !t.is_empty()) {
                if n == MAX_TOKENS {
                    // More words than this are not searched for a misspelt brand (hostile labels).
                    break 'lures;
                }
                tokens[n] = tok;
                n += 1;
            }
            let tokens = &tokens[..n];
            let mut lures = [false; MAX_TOKENS];
            for (l, tok) in lures.iter_mut().zip(tokens) {
                *l = self.composed_of_lures(tok);
                any_lure |= *l;
            }
            for (i, tok) in tokens.iter().enumerate() {
                let lure_beside = risky || lures[..n].iter().enumerate().any(|(j, &l)| j != i && l);
                if lure_beside && tok.len() >= MIN_SWAP_LEN {
                    if let Some(t) = self.near_name(tok) {
                        let detail = text!("`", tok, "` for `", self.targets[t].name, "`, with a lure word");
                        return Some(self.hit(LookalikeKind::Combosquat, t, Some(detail), true));
                    }
                }
                if let Some((t, w)) = self.short_brand_glued(tok) {
                    return Some(self.hit(LookalikeKind::Combosquat, t, Some(text!("`", self.targets[t].name, "` + `", w, "`")), true));
                }
            }
        }
        // 6b. A popular site's name in disguise in the registrable label (`rnicrosoft.com`,
        // `faceb00k-login.com`): danger. Written plainly beside two lure words
        // (`coinbase-login-help.com`), or one under an abused ending: a caution, since the
        // engine knows only one domain of each such site (`citibankonline.com` is Citi's own),
        // danger under the abused ending.
        //
        // Otherwise the name with its company: two lure words (`microsoft-login-verify`), or
        // one under an abused ending, are danger; one lure word (`netflix-billing`,
        // `apple-id-unlock`) or a tag of digits or a letter or two (`netflix6`, `google1208`,
        // `283674-coinbase`) a caution, which a sign-in path raises (`link.rs`). The engine
        // knows one domain of each popular site, and companies own more of them
        // (`citibankonline.com`), so one such sign is not an impersonation on its own.
        if named.is_none() {
            if let Some(mut hit) = self.popular_hit(e2ld_skel, Some(e2ld), e2ld) {
                if hit.disguised {
                    return Some(hit.into_lookalike(LookalikeKind::Skeleton, true));
                }
                // `www-google.cn`, `wwww-linkedin.be`, `www-app-google.com`: the dot of `www.`
                // written as a hyphen, in front of the name as a word of its own.
                let name = site_name(hit.site);
                let www = ["www-", "wwww-", "ww-"].iter().find_map(|w| e2ld.strip_prefix(w));
                if www.is_some_and(|r| r.split('-').any(|t| t == name)) {
                    return Some(hit.into_lookalike(LookalikeKind::Embedding, true));
                }
                // The name as the whole label under another ending: the company's own as often
                // as not (`yahoo.com.tw`, `google.com.pk`, `santander.co.uk`: over the top lists
                // in tests/fixtures/external, 80 such domains, most of them the companies' own,
                // banks among them, whose sign-in pages must stay quiet), and as often a copy
                // that reads as its address (`coinbase.com.lc`, `roblox.com.kz`). Only under an
                // ending used mostly for abuse is it told apart: danger, for a name of six
                // letters or more. Not a customer's name on a service (`microsoft.github.io`,
                // `youtube.googleapis.com`): that ending is no other ending of the name.
                if e2ld == name && hit.long && risky && hosting.is_none() && !engine.registry().is_well_known(suffix) {
                    return Some(hit.into_lookalike(LookalikeKind::BrandInName, true));
                }
                if e2ld == name {
                    hit.lures = 0;
                    hit.junk = false;
                }
                // On hosting the customer's part was judged above, as hosting names are made.
                let company = hit.lures + usize::from(hit.junk || hit.joined && hosting.is_none()) > 0;
                hit.lures += usize::from(company) * self.subdomain_lures(host.leading(label_count(sub)));
                // Under an abused ending any company counts, letters glued on too (`icloudweb`).
                if hit.lures >= 2 || (risky && (company || hit.glued)) {
                    return Some(hit.into_lookalike(LookalikeKind::Combosquat, true));
                }
                if company {
                    return Some(hit.into_lookalike(LookalikeKind::BrandInName, false));
                }
            }
            if let Some(found) = self.popular_name_folded(e2ld_skel, e2ld) {
                return Some(found);
            }
            // Only beside a lure word here (`outloook-login`): the search is not paid for the
            // many names with none.
            if any_lure && !e2ld.starts_with("xn--") {
                if let Some(found) = self.misspelt_popular_near_lures(e2ld_skel, LookalikeKind::BrandInName) {
                    return Some(found);
                }
            }
            // 6c. A popular site's name as a whole label of the subdomain of a domain it does
            // not own (`netflix.vpnuse.eu.org`, `office365.internal-alerts.com`): a caution, as
            // the same shape is a company's tenant on a service (`netflix.service-now.com`,
            // whose sign-in page is the tenant's own); danger under an abused ending, or beside
            // two lure words. On hosting, the customer's part was judged above.
            // A domain that runs a hosting service is a big company's (`outlook.office.com`).
            if !sub.is_empty() && hosting.is_none() && !engine.registry().runs_hosting(registrable) {
                if let Some(hit) = self.popular_label(host.leading(label_count(sub)), sub) {
                    let lures = host.text.split(|c: char| !c.is_alphabetic()).filter(|t| t.len() >= 4 && self.composed_of_lures(t)).count();
                    let strong = risky || lures >= 2;
                    return Some(hit.into_lookalike(LookalikeKind::BrandInSubdomain, strong));
                }
            }
        }
        // 7. The brand named, with nothing more in the name: a short name glued to a word of
        // its own counts as well as a long one (`ebaymevip`, `ebaymclaren-austin`).
        let t = named.or_else(|| self.glued_name(e2ld_skel)).or_else(|| self.glued_name(host.leading(label_count(sub))))?;
        // Under an ending used mostly for abuse it is danger, as a brand in the registrable label
        // is in step 5 (the link says which ending).
        Some(self.hit(LookalikeKind::BrandInName, t, None, risky))
    }

    /// True when finding target `t`'s name (as a whole token or not) names the brand on its
    /// own: a platform's name of five or more letters anywhere, a shorter one as a whole token,
    /// and never a short name that is an ordinary word (`ups`).
    fn names_the_brand(&self, t: usize, whole: bool) -> bool {
        let target = &self.targets[t];
        target.platform.is_some()
            && !ORDINARY_WORD_NAMES.contains(&target.name.as_str())
            && (whole || target.name.len() >= MIN_SUBSTRING_LEN)
    }

    /// A short platform name at the start of a word of `text` (a skeleton), glued to more
    /// letters (`ebaymevip`): `find_brand` takes short names only standing alone, as most of
    /// them hide inside ordinary words when they come last or in the middle (`betsy`), but
    /// these begin no ordinary word save the exempt ones.
    fn glued_name(&self, text: &str) -> Option<usize> {
        let b = text.as_bytes();
        // Each word's start, in bytes: the names and the words they begin are ASCII.
        (0..b.len()).filter(|&i| (i == 0 || !b[i - 1].is_ascii_alphabetic()) && (1 << (b[i] & 31)) & self.glue_firsts != 0).find_map(|i| {
            let word = &b[i..i + b[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count()];
            for &t in &self.glue_targets {
                let name = self.targets[t].skeleton.as_bytes();
                if word.len() > name.len() && word.starts_with(name) && !self.exempt.iter().any(|w| w.as_bytes() == word) {
                    return Some(t);
                }
            }
            None
        })
    }

    /// The platform whose name, as written, is `word` (four letters or more, never an
    /// ordinary word): a folder of a path named after a brand.
    pub(crate) fn platform_named(&self, word: &str) -> Option<usize> {
        self.by_name.get(word).and_then(|&t| self.targets[t].platform)
    }

    /// The popular site or file share a folder of a path (`word`, lowercase letters) is named
    /// after: its name as written, alone or with lure words glued on (`chase`, `chasebank`,
    /// `bankofamerica`, `wetransfer`). A word that merely begins with a name is another word.
    pub(crate) fn popular_named(&self, word: &str) -> Option<&str> {
        if word.len() < MIN_POPULAR_TOKEN_LEN || word.len() > 40 {
            return None;
        }
        let sk = skeleton(word);
        let glued = |end: usize| end == sk.len() || self.composed_of_lures(&sk[end..]);
        if let Some(m) = self.popular_brands.find_all(&sk).find(|m| m.start == 0 && m.end >= MIN_POPULAR_TOKEN_LEN && glued(m.end)) {
            return Some(self.popular_names[self.popular_brand_site[m.pattern]]);
        }
        self.share_names.iter().find(|(name, _)| sk.starts_with(name.as_str()) && glued(name.len())).map(|(_, d)| d.as_str())
    }

    /// The name `tok` is one edit, one swap or one doubled letter away from.
    fn near_name(&self, tok: &str) -> Option<usize> {
        let n = tok.len();
        for len in [n.saturating_sub(1), n, n + 1] {
            for t in self.by_len.near(len, tok) {
                let name = self.targets[t].skeleton.as_str();
                if tok == name {
                    continue;
                }
                // The length rules count the name as written: `temu`'s skeleton `ternu` has
                // five characters, but a four-letter name is still too short for one edit
                // (`temp` would read as `temu`).
                let tn = self.targets[t].name.len();
                if (tn >= MIN_SWAP_LEN && (is_one_swap(tok, name) || is_doubled_letter(tok, name)))
                    || (tn >= MIN_EDIT_LEN && is_one_edit(tok, name) && !edit_is_benign(tok, name))
                {
                    return Some(t);
                }
            }
        }
        None
    }

    /// True when `suffix` ends in a two-letter country code the platform owns no domain
    /// under and that is not a slip of the finger for `.com` or `.net`.
    fn foreign_country_ending(&self, platform: Option<usize>, suffix: &str) -> bool {
        const SLIPS: &[&str] = &["cm", "co", "om", "ne"];
        let tld = crate::domain::last_label(suffix);
        let Some(p) = platform else { return false };
        tld.len() == 2 && tld.bytes().all(|b| b.is_ascii_lowercase()) && !SLIPS.contains(&tld) && self.country_endings.binary_search(&(p, [tld.as_bytes()[0], tld.as_bytes()[1]])).is_err()
    }

    fn digit_name_with_lures(&self, label: &str) -> Option<Lookalike> {
        if self.digit_names.is_empty() || !label.contains('-') {
            return None;
        }
        let (name, t, genuine) = self.digit_names.iter().find(|(name, _, _)| label.split('-').any(|w| w == name))?;
        let others: Vec<&str> = label.split('-').filter(|w| w != name).collect();
        if others.is_empty() || !others.iter().all(|w| self.composed_of_lures(&skeleton(w))) {
            return None;
        }
        Some(Lookalike {
            kind: LookalikeKind::Combosquat,
            platform: Some(*t),
            genuine_domain: genuine.clone(),
            detail: Some(text!("`", name, "` + `", others.join("-"), "`")),
            strong: true,
        })
    }

    /// The first word of `text` (a skeleton) of at least `min` letters that is one edit, swap
    /// or doubled letter away from a name, with that name.
    fn misspelt_brand<'t>(&self, text: &'t str, min: usize) -> Option<(usize, &'t str)> {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() >= min)
            .take(8)
            .find_map(|w| self.near_name(w).map(|t| (t, w)))
    }

    /// A short brand written together with lure words (`ebayverify`, `securetemu`).
    fn short_brand_glued(&self, tok: &str) -> Option<(usize, String)> {
        for &t in &self.short_targets {
            let name = self.targets[t].skeleton.as_str();
            if tok.len() <= name.len() {
                continue;
            }
            let rest = if let Some(r) = tok.strip_prefix(name) {
                r
            } else if let Some(r) = tok.strip_suffix(name) {
                r
            } else {
                continue;
            };
            if rest.len() >= 3 && self.composed_of_lures(rest) {
                return Some((t, rest.to_string()));
            }
        }
        None
    }

    /// True when `word` is made entirely of lure words (`sellerverify` = `seller` + `verify`).
    fn composed_of_lures(&self, word: &str) -> bool {
        if word.is_empty() || word.len() > 64 {
            return false;
        }
        // Overlapping matches arrive in order of their end, so every way to reach a match's
        // start is known when the match is seen.
        let mut reach = [false; 65];
        reach[0] = true;
        for m in self.lure.find_all(word).filter(|m| m.end - m.start >= 3) {
            if reach[m.start] {
                reach[m.end] = true;
            }
        }
        reach[word.len()]
    }

    /// Checks one label against every name: skeleton equality, script tricks, one edit, a swap,
    /// and the exact name under another ending.
    fn match_label(&self, label: &str, skel: &str, suffix: &str) -> Option<Lookalike> {
        if skel.is_empty() {
            return None;
        }
        let is_ascii = label.is_ascii();
        if let Some(ts) = self.by_skeleton.get(skel) {
            let t = ts[0];
            let target = &self.targets[t];
            if label == target.name {
                // Three-letter names (`ups`, `dhl`) are somebody else's ordinary domain too.
                if target.name.len() < MIN_SWAP_LEN {
                    return None;
                }
                return Some(self.hit(self.kind_for(t, LookalikeKind::TldSwap), t, None, true));
            }
            let kind = if is_ascii {
                LookalikeKind::Skeleton
            } else if !crate::confusable::is_single_script(label) {
                LookalikeKind::MixedScript
            } else if label.chars().all(|c| !c.is_ascii()) {
                LookalikeKind::WholeScript
            } else {
                LookalikeKind::Skeleton
            };
            return Some(self.hit(self.kind_for(t, kind), t, Some(difference(label, &target.name)), true));
        }
        // Hyphens inserted into a brand (`ali-baba`) fool the eye as well as a swapped letter.
        if skel.contains('-') {
            // Only a name of that length and first letter can be it: most hyphenated labels
            // (`nordic-trading`) are none, and are passed over before a copy is made.
            let len = skel.bytes().filter(|&b| b != b'-').count();
            let first = skel.bytes().find(|&b| b != b'-');
            let joined: String = if first.is_some_and(|f| self.by_len.by_first.get(&(len, f)).is_some()) { skel.chars().filter(|&c| c != '-').collect() } else { String::new() };
            if let Some(ts) = self.by_skeleton.get(&joined) {
                let t = ts[0];
                return Some(self.hit(self.kind_for(t, LookalikeKind::EditDistance), t, Some(difference(label, &self.targets[t].name)), true));
            }
        }
        // One edit or one swap, on skeletons and on the label as written (`m` reads as `rn`,
        // so `tmeu` is a swap of `temu` only before skeletons are taken). Lengths index the
        // candidates, and one edit leaves the first or the last character in place, which
        // rules out nearly every name before any real comparison.
        let n = skel.len();
        let raw: Cow<str> = if label.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(label.to_ascii_lowercase()) } else { Cow::Borrowed(label) };
        for (text, by_len, is_raw) in [(skel, &self.by_len, false), (&*raw, &self.by_name_len, true)] {
            let n = if is_raw { text.len() } else { n };
            for len in [n.saturating_sub(1), n, n + 1] {
                for t in by_len.near(len, text) {
                    let target = &self.targets[t];
                    let name = if is_raw { target.name.as_str() } else { target.skeleton.as_str() };
                    let tn = target.name.len();
                    if tn >= MIN_SWAP_LEN && is_one_swap(text, name) {
                        return Some(self.hit(self.kind_for(t, LookalikeKind::Transposition), t, Some(difference(label, &target.name)), true));
                    }
                    if tn >= MIN_EDIT_LEN && is_one_edit(text, name) && !edit_is_benign(text, name) {
                        return Some(self.hit(self.kind_for(t, LookalikeKind::EditDistance), t, Some(difference(label, &target.name)), true));
                    }
                    // A doubled letter (`ebbay`, `temmu`) is the commonest slip of the finger,
                    // and an attacker's favourite for short names where other edits are noisy.
                    if is_raw && tn >= MIN_SWAP_LEN && is_doubled_letter(text, name) {
                        return Some(self.hit(self.kind_for(t, LookalikeKind::EditDistance), t, Some(difference(label, &target.name)), true));
                    }
                }
            }
        }
        // A non-ASCII label that fails Chromium's "highly restrictive" script mix, or a whole
        // label in a Latin-looking foreign alphabet, is a spoof even when we do not know whose.
        if !is_ascii {
            if !crate::confusable::is_highly_restrictive(label) && confusable_with_latin(label) {
                return None.or_else(|| self.unknown_target_script(label, LookalikeKind::MixedScript));
            }
            if is_whole_script_confusable(label, suffix) {
                return self.unknown_target_script(label, LookalikeKind::WholeScript);
            }
        }
        None
    }

    /// A script spoof whose target is not a protected name: still a strong signal, reported
    /// against the closest-looking name when there is one within one edit, else generically.
    fn unknown_target_script(&self, label: &str, kind: LookalikeKind) -> Option<Lookalike> {
        Some(Lookalike {
            kind,
            platform: None,
            genuine_domain: skeleton(label),
            detail: Some(describe_scripts(label)),
            strong: true,
        })
    }

    /// `skel` is the skeleton of the whole host.
    fn embedding(&self, info: &HostInfo, skel: &str) -> Option<Lookalike> {
        let reg_tokens = info.registrable.as_deref().map(|r| r.split(['.', '-']).count()).unwrap_or(0);
        let mut tokens = skel.split(['.', '-']).filter(|t| !t.is_empty());
        while let Some(tok) = tokens.next() {
            if let Some(list) = self.embedded.get(tok) {
                for e in list.iter().map(|&k| &self.embeddings[k]) {
                    // The genuine domain's tokens, starting at this one?
                    let mut rest = tokens.clone();
                    if e.tokens[1..].iter().all(|b| rest.next() == Some(b.as_str())) {
                        // The genuine domain sitting exactly at the end is the host itself.
                        if rest.next().is_none() && e.tokens.len() >= reg_tokens {
                            continue;
                        }
                        return Some(self.hit(LookalikeKind::Embedding, e.target, None, true));
                    }
                }
            }
            if tok.len() >= 6 {
                if let Some(&t) = self.joined.get(tok) {
                    return Some(self.hit(LookalikeKind::Embedding, t, None, true));
                }
                // `alibabacom-secure`: the joined form at the start of a longer token.
                let candidates = prefix4(tok).and_then(|k| self.joined_by_prefix.get(k));
                for &(ref joined, t) in candidates.into_iter().flatten().map(|&i| &self.joined_list[i]) {
                    if tok.len() > joined.len()
                        && tok.starts_with(joined.as_str())
                        && self.lure_word(&tok[joined.len()..]).is_some_and(|w| tok[joined.len()..].starts_with(w.as_str()))
                    {
                        return Some(self.hit(LookalikeKind::Embedding, t, None, true));
                    }
                }
            }
        }
        None
    }

    /// A popular site's whole address starting in the subdomain of another domain
    /// (`usps.com-track-redelivery.info`, `www.netflix.com.billing-help.net`): nobody writes
    /// another site's full address in front of their own but to pass for it. `skel` is the
    /// host's skeleton, `sub` its subdomain's. Only a caution on its own: the same shape comes
    /// from proxies and CDN names (`www-example-com.translate.goog`); danger beside a lure word
    /// or under an ending used mostly for abuse. The platforms' own domains are step 3's.
    fn popular_embedding(&self, skel: &str, sub: &str, risky: bool) -> Option<Lookalike> {
        const MAX_TOKENS: usize = 16;
        let in_sub = sub.split(['.', '-']).filter(|t| !t.is_empty()).count();
        let mut tokens = [""; MAX_TOKENS];
        let mut n = 0;
        for t in skel.split(['.', '-']).filter(|t| !t.is_empty()) {
            if n == MAX_TOKENS {
                return None;
            }
            tokens[n] = t;
            n += 1;
        }
        let tokens = &tokens[..n];
        for i in 0..in_sub.min(n) {
            let Some(list) = self.popular_embedded.get(tokens[i]) else { continue };
            for e in list.iter().map(|&k| &self.popular_embeddings[k]) {
                let d = &e.tokens;
                if tokens.len() < i + d.len() || tokens[i..i + d.len()].iter().zip(d).any(|(a, b)| *a != b.as_str()) {
                    continue;
                }
                let lure = tokens[..i].iter().chain(&tokens[i + d.len()..]).any(|t| self.composed_of_lures(t));
                let genuine_domain = self.popular_names[e.target].to_string();
                return Some(Lookalike { kind: LookalikeKind::Embedding, platform: None, genuine_domain, detail: None, strong: lure || risky });
            }
        }
        None
    }

    /// A popular site's name in `own` (a skeleton of the part of a host its owner chose), with
    /// what comes with it: the lure words of four letters or more beside it or glued to it (`my`,
    /// `id` and `pay` are too short to tell), and whether the rest is a tag of digits or a letter
    /// or two. `raw` is the same part as written (a skeleton reads digits as letters).
    ///
    /// A name of six letters or more counts anywhere; a shorter one (`apple`, `chase`) only as a
    /// whole word beside a lure word, or as a whole label in disguise: inside a longer word it is
    /// as often the word itself. With `written` (the registrable label as written), the name in
    /// disguise is marked too: in the skeleton but not in the label as written (`rnicrosoft`,
    /// `app1e`, `faceb00k-login`); nobody spells a well-known name with a digit for a letter but to
    /// pass for it. Only in ASCII labels: a Cyrillic word under `.ru` that reads as `apple` is a
    /// Russian word, which the script checks decide.
    fn popular_hit(&self, own: &str, written: Option<&str>, raw: &str) -> Option<PopularHit> {
        let written = written.filter(|w| !w.starts_with("xn--"));
        let b = own.as_bytes();
        for m in self.popular_brands.find_all(own) {
            let site = self.popular_names[self.popular_brand_site[m.pattern]];
            let name = site_name(site);
            let disguised = written.is_some_and(|w| !crate::search::contains(w, name));
            let whole = m.start == 0 && m.end == own.len();
            let rest = [&own[..m.start], &own[m.end..]];
            let mut lures = rest.iter().flat_map(|r| r.split(|c: char| !c.is_alphabetic())).filter(|t| self.lure_token(t)).count();
            // Another popular name beside it (`outlook-office365`): each is the other's lure.
            lures += rest.iter().filter(|r| r.len() >= MIN_POPULAR_BRAND_LEN && self.popular_brands.find_all(r).any(|m| m.end - m.start >= MIN_POPULAR_BRAND_LEN)).count();
            // Glued on (`facebookloginpage`, `instagramlogin124`): the word the name touches.
            let glued = |i: usize| i < b.len() && b[i].is_ascii_alphabetic();
            // After the name the lure word begins the word (`loginpage2`); before it the lure
            // word ends it (`securefacebook`).
            let after = glued(m.end) && self.lure_lead(own, m.end);
            let before = m.start > 0 && glued(m.start - 1) && {
                let word = &own[..m.start];
                // After the character that ends the word before, which may be wider than a byte
                // (`aδazim`: a panic on a hostile host before).
                let start = word.char_indices().rfind(|&(_, c)| !c.is_ascii_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
                self.lure.find_all(&word[start..]).any(|l| start + l.end == m.start && l.end - l.start >= 5)
            };
            if lures == 0 && (after || before) {
                lures = 1;
            }
            let long = m.end - m.start >= MIN_POPULAR_BRAND_LEN;
            if disguised {
                if whole || (long && lures >= 1) {
                    return Some(PopularHit { site, disguised, long, lures, junk: false, joined: false, glued: false });
                }
                continue;
            }
            let sep = |i: usize| i >= b.len() || !b[i].is_ascii_alphabetic();
            let apart = (m.start == 0 || sep(m.start - 1)) && sep(m.end);
            let token = apart && m.end - m.start >= MIN_POPULAR_TOKEN_LEN;
            let short_word = token && lures >= 1 && !self.exempt.iter().any(|w| w == &own[m.start..m.end]);
            // A four-letter name (`usps`, `hsbc`) is an abbreviation as often as the company's:
            // only in the registrable label, standing apart or first in it, with a lure word of
            // five letters or more touching it, which may share the name's last letter
            // (`uspsecured`: `usps` + `secured`).
            let four = written.is_some()
                && name.len() == MIN_POPULAR_EMBED_LEN
                && !ORDINARY_FOUR_LETTER_NAMES.contains(&name)
                && (m.start == 0 || sep(m.start - 1))
                && (after || (glued(m.end) && self.lure_lead(own, m.end - 1)) || (sep(m.end) && lures >= 1));
            if four {
                lures = lures.max(1);
            }
            if !(long || short_word || four) {
                continue;
            }
            // Letters glued to the name make words (`coinbased`): only digits, a part of its
            // own, or the name's last letter doubled (`facebookk`) are a tag.
            let junk = crate::search::find(raw, name).is_some_and(|i| {
                let (before, after) = (&raw[..i], &raw[i + name.len()..]);
                let apart = (before.is_empty() || before.ends_with('-')) && (after.is_empty() || after.starts_with('-'));
                let doubled = before.is_empty() && after.len() == 1 && name.ends_with(after);
                let tag = |r: &str| r.trim_matches('-').bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
                let (len, letters) = (before.len() + after.len(), before.bytes().chain(after.bytes()).filter(u8::is_ascii_alphabetic).count());
                let digits = len > letters + before.matches('-').count() + after.matches('-').count();
                // Letters alone are an abbreviation as often (`linkedin-ei`).
                len > 0 && len <= 8 && letters <= 2 && tag(before) && tag(after) && (doubled || digits && (apart || letters == 0))
            });
            // The name apart, joined by hyphens to a word of three letters or more: company
            // of any kind, which other people's honest sites seldom give it (`holdings-coinbase`,
            // `apk-google`, `whatsapp-dp-images`). Letters only: digits are a tag, read above,
            // and two letters an abbreviation as often (`linkedin-ei`).
            let joined = crate::search::find(raw, name).is_some_and(|i| {
                let (before, after) = (&raw[..i], &raw[i + name.len()..]);
                (before.ends_with('-') || after.starts_with('-'))
                    && before.split('-').chain(after.split('-')).any(|w| w.len() >= 3 && w.bytes().all(|c| c.is_ascii_alphabetic()))
            });
            let glued = glued(m.end) && {
                let end = own[m.end..].find(|c: char| !c.is_ascii_alphabetic()).map_or(own.len(), |i| m.end + i);
                end - m.end >= 2 && !INFLECTIONS.contains(&&own[m.end..end])
            };
            return Some(PopularHit { site, disguised, long, lures, junk, joined, glued });
        }
        None
    }

    /// True when `t`, a word of a host, is a lure word of four letters or more beside a popular
    /// name: made of lure words (`sellerverify`), one of five letters or more with an ending
    /// (`notifications`), or one leading a compound (`securedsupport`). Shorter lure words
    /// begin ordinary words (`wire` in `wireless`, `team` in `teams`), and one ending a compound
    /// is often the company's own shop or press (`microsoftpressstore`).
    fn lure_token(&self, t: &str) -> bool {
        t.len() >= 4
            && (self.composed_of_lures(t)
                || INFLECTIONS.iter().any(|i| t.strip_suffix(i).is_some_and(|r| r.len() >= 5 && self.composed_of_lures(r)))
                || self.lure_lead(t, 0))
    }

    /// True when a lure word of five letters or more begins `t` at `at` and does not go on with
    /// an ending (`login` in `loginpage2`, not `supporters`).
    fn lure_lead(&self, t: &str, at: usize) -> bool {
        t.len() <= 64 && self.lure.find_all(&t[at..]).any(|m| m.start == 0 && m.end >= 5 && !INFLECTIONS.contains(&&t[at + m.end..]))
    }

    /// Lure words in the labels of `sub` (a skeleton) other than a mail server's own names
    /// (`mail.`, `webmail.`, `cpanel.`), which hosting panels give every domain.
    fn subdomain_lures(&self, sub: &str) -> usize {
        const SERVER_LABELS: &[&str] = &["mail", "webmail", "cpanel", "autoconfig", "autodiscover", "webdisk", "smtp", "imap", "pop", "www"];
        // Labels are skeletons (`mail` reads `rnail`), so the names are compared as skeletons.
        sub.split('.').filter(|l| !SERVER_LABELS.iter().any(|s| skeleton(s) == *l)).flat_map(|l| l.split(|c: char| !c.is_alphabetic())).filter(|t| self.lure_token(t)).count()
    }

    /// A popular site's name (six letters or more) as a whole label of `sub` (a skeleton; `raw`
    /// as written), with a tag of digits (`google32.`), or as a whole word of one beside a lure
    /// word (`login-microsoftonline.`).
    fn popular_label(&self, sub: &str, raw: &str) -> Option<PopularHit> {
        sub.split('.').zip(raw.split('.')).find_map(|(label, raw)| {
            let hit = self.popular_hit(label, None, raw)?;
            let whole = self.popular_brands.find_all(label).any(|m| m.start == 0 && m.end == label.len());
            (hit.long && (whole || hit.lures >= 1 || hit.junk)).then_some(hit)
        })
    }

    /// A popular site's name of six letters or more misspelt by one letter (one edit, a swap of
    /// neighbours, a letter doubled) in a word of `text` (a skeleton), at the start or the end
    /// of that word (`fileoutloook`, `facebok`): the site's domain, the word and the misspelt
    /// name in it. The edits that
    /// make other words are left out: the first letter changed (`switch` is not `twitch`), a
    /// letter added at the end (`youtuber`), and, where the name only begins a word, any
    /// change of its last letter, where the next word starts.
    fn misspelt_popular<'t>(&self, text: &'t str) -> Option<(&'static str, &'t str, &'t str)> {
        let b = text.as_bytes();
        if b.len() > 64 {
            return None;
        }
        let alpha = |i: usize| i < b.len() && b[i].is_ascii_alphabetic();
        for m in self.popular_halves.find_all(text) {
            let (name, site) = &self.popular_long[m.pattern / 2];
            let n = name.len();
            let guess = if m.pattern % 2 == 0 { m.start } else { m.start.saturating_sub(n / 2) };
            for s in guess.saturating_sub(1)..=guess + 1 {
                for len in n - 1..=n + 1 {
                    let e = s + len;
                    if e > b.len() || !b[s..e].iter().all(u8::is_ascii_alphabetic) {
                        continue;
                    }
                    let (starts, ends) = (s == 0 || !alpha(s - 1), !alpha(e));
                    let word = &text[s..e];
                    if !(starts || ends) || word == name {
                        continue;
                    }
                    let at = first_difference(word, name);
                    let last_changed = at + 1 >= len.min(n);
                    let added_at_end = len == n + 1 && word.starts_with(name.as_str());
                    if (last_changed && !ends) || added_at_end && !is_doubled_letter(word, name) {
                        continue;
                    }
                    // One edit, swap or doubled letter before the last two letters leaves the
                    // last in place: most words the halves bring up end otherwise.
                    if at + 2 < len.min(n) && b[e - 1] != name.as_bytes()[n - 1] {
                        continue;
                    }
                    if !(is_one_swap(word, name) || is_doubled_letter(word, name) || (is_one_edit(word, name) && !edit_is_benign(word, name))) {
                        continue;
                    }
                    // The whole word, or the name glued to a lure word (`fileoutloook`): a
                    // word that merely begins like a name is another word (`openscad`).
                    let word_end = e + b[e..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
                    let word_start = s - b[..s].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
                    let glued = (starts && self.composed_of_lures(&text[e..word_end])) || (ends && self.composed_of_lures(&text[word_start..s]));
                    if starts && ends || glued {
                        return Some((self.popular_names[*site], &text[word_start..word_end], word));
                    }
                }
            }
        }
        None
    }

    /// The domain of the popular site or file share a web page's file name (`page`, the last
    /// segment of a path, lowercase) is named after, with lure words: `wetransferteam.html`,
    /// `adobe_installer.html`. A phishing or fake-installer page copied onto whatever host the
    /// attacker has keeps the name of what it imitates; the name alone (`google.html`,
    /// `go-fedex.html`) is how articles and redirects are named, and a name that is a word of a
    /// longer one is another word.
    pub(crate) fn page_named_after(&self, page: &str) -> Option<String> {
        let (stem, ext) = page.rsplit_once('.')?;
        if !matches!(ext, "html" | "htm" | "php") || stem.len() > 40 {
            return None;
        }
        let stem = skeleton(&stem.replace('_', "-"));
        let (domain, end) = match self.popular_brands.find_all(&stem).find(|m| m.start == 0 && m.end >= MIN_POPULAR_TOKEN_LEN) {
            Some(m) => (self.popular_names[self.popular_brand_site[m.pattern]].to_string(), m.end),
            None => self.share_names.iter().find(|(name, _)| stem.starts_with(name.as_str())).map(|(name, d)| (d.clone(), name.len()))?,
        };
        // The words after the name, a tag of digits aside: lure words, every one.
        let mut words = stem[end..].split(['.', '-']).map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit())).filter(|w| !w.is_empty()).peekable();
        (words.peek().is_some() && words.all(|w| self.composed_of_lures(w))).then_some(domain)
    }

    /// A file-sharing service's own name in `text` (a skeleton), standing apart or glued to
    /// lure words (`sharepointdocs`), with the service's domain and whether a lure word is
    /// beside it or glued on. A word that merely holds the name is another word.
    pub(crate) fn file_share_name(&self, text: &str) -> Option<(&str, bool)> {
        self.share_names.iter().find_map(|(name, domain)| {
            let i = crate::search::find(text, name.as_str())?;
            let word = text[..i].rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("").len();
            let word = &text[i - word..];
            let word = &word[..word.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(word.len())];
            let glued = remove_once(word, name);
            if !glued.is_empty() && !self.composed_of_lures(&glued) {
                return None;
            }
            Some((domain.as_str(), !glued.is_empty() || self.has_lure(&remove_once(text, name))))
        })
    }

    /// A misspelt popular name in `text` (`misspelt_popular`) beside a lure word or glued to
    /// one (`fileoutloook`): a misspelling and a lure are two signs, danger. Where anyone can
    /// publish (`FreeHosting`) the misspelt name alone is a caution, as the name itself is
    /// there; elsewhere it is nothing, even under an abused ending: over the top lists in
    /// tests/fixtures/external, a word one letter from a popular name is another company's
    /// (`openset`, `opensee`, and near-names MetaMask allows, `xfinite.xyz` among them).
    fn misspelt_popular_near_lures(&self, text: &str, kind: LookalikeKind) -> Option<Lookalike> {
        let (site, word, cand) = self.misspelt_popular(text)?;
        let strong = word.len() > cand.len() || self.has_lure(&remove_once(text, word));
        if !strong && kind != LookalikeKind::FreeHosting {
            return None;
        }
        let kind = if kind == LookalikeKind::BrandInName { LookalikeKind::Combosquat } else { kind };
        let name = site_name(site);
        Some(Lookalike { kind, platform: None, genuine_domain: site.to_string(), detail: Some(text!("`", cand, "` for `", name, "`")), strong })
    }

    /// A popular site's name as the whole registrable label `own` (a skeleton), spelt with an
    /// `l` (or a `1`) for an `i` (`lnstagram.com`, `linkedln.com`): danger, as any disguise of
    /// the name is. Only the whole label, and only names of six letters or more:
    /// over the 6,800 domains of the top lists in tests/fixtures/external none reads as another
    /// popular name this way.
    fn popular_name_folded(&self, own: &str, written: &str) -> Option<Lookalike> {
        let of_a_length = own.len() < 64 && self.popular_folded_lens & 1 << own.len() != 0;
        if !of_a_length || written.starts_with("xn--") || !own.contains('l') {
            return None;
        }
        let folded = own.replace('l', "i");
        let m = self.popular_folded.find_all(&folded).find(|m| m.start == 0 && m.end == folded.len())?;
        let site = self.popular_names[self.popular_folded_site[m.pattern]];
        // The site's own name (in skeleton, as `own` is: `m` reads `rn` there) is no disguise.
        (own != skeleton(site_name(site)))
            .then(|| Lookalike { kind: LookalikeKind::Skeleton, platform: None, genuine_domain: site.to_string(), detail: None, strong: true })
    }

    /// The first brand found in `text` (a skeleton): `(target, whole_token)`. Short names only
    /// count as whole tokens; long ones also inside words, unless an exempt ordinary word
    /// (`amazonia`, `stripes`) covers them.
    fn find_brand(&self, text: &str) -> Option<(usize, bool)> {
        let bytes = text.as_bytes();
        let mut best: Option<(usize, bool)> = None;
        for m in self.finder.find_all(text) {
            let (t, s, e) = (m.pattern, m.start, m.end);
            let sep = |i: usize| i >= bytes.len() || matches!(bytes[i], b'.' | b'-' | b'_' | b'/') || bytes[i].is_ascii_digit();
            let whole = (s == 0 || sep(s - 1)) && sep(e);
            let len = self.targets[t].skeleton.len();
            if !whole && (len < MIN_SUBSTRING_LEN || self.exempt_covers(text, s, e)) {
                continue;
            }
            match best {
                Some((bt, bw)) if (bw && !whole) || (bw == whole && self.targets[bt].skeleton.len() >= len) => {}
                _ => best = Some((t, whole)),
            }
        }
        best
    }

    /// True when an ordinary word that contains the brand (`amazonia`) covers the match and
    /// stands as a whole token itself; inside a longer run (`amazonsellerverify`) it does not.
    fn exempt_covers(&self, text: &str, s: usize, e: usize) -> bool {
        let b = text.as_bytes();
        let sep = |i: usize| i >= b.len() || matches!(b[i], b'.' | b'-' | b'_' | b'/');
        self.exempt.iter().any(|w| {
            crate::search::starts(text, w).any(|i| i <= s && i + w.len() >= e && (i == 0 || sep(i - 1)) && sep(i + w.len()))
        })
    }

    fn has_lure(&self, text: &str) -> bool {
        self.lure_word(text).is_some()
    }

    /// The first lure word of `text` that stands as a whole token, or a token made only of lure
    /// words (`sellerverify`); a lure word inside an ordinary word (`pay` in `display`) is not one.
    fn lure_word(&self, text: &str) -> Option<String> {
        for tok in text.split(|c: char| !c.is_alphabetic()).filter(|t| !t.is_empty()) {
            if tok.len() <= 64 && self.composed_of_lures(tok) {
                // The whole token: the first match would be its shortest head (`se` of
                // `seller`, a country code), and the seller reads the word as written.
                return Some(tok.to_string());
            }
            if tok.len() <= 3 {
                // Short lure tokens (`id`, `ip`, `jp`) count only standing alone.
                if self.lure.find_all(tok).next().is_some_and(|m| m.start == 0 && m.end == tok.len()) {
                    return Some(tok.to_string());
                }
            }
        }
        None
    }

    /// A lure word of four or more letters that begins or ends a word of `text`, where the
    /// brand was cut out: `verifycentral` (`paypalverifycentral`), `careservice`
    /// (`amazoncareservice`). The word the brand was glued to is the one that touches it, so a
    /// lure at the edge is the word the impersonator chose; the rest is padding.
    fn lure_at_edge(&self, text: &str) -> Option<String> {
        for tok in text.split(|c: char| !c.is_alphabetic()).filter(|t| !t.is_empty()) {
            if tok.len() > 64 {
                continue;
            }
            for m in self.lure.find_all(tok) {
                let (start, end) = (m.start, m.end);
                // A word that begins with a lure and goes on with an ending (`supporters`,
                // `helping`) is another word; one that ends with a short lure (`dreamteam`,
                // `workshop`) is too often an ordinary compound.
                let leads = start == 0 && end - start >= 4 && !INFLECTIONS.contains(&&tok[end..]);
                // ...and a lure after one or two letters is the tail of another word
                // (`preview`, `prepay`), not a word of its own.
                let trails = end == tok.len() && end - start >= 5 && (start == 0 || start >= 3);
                if leads || trails {
                    return Some(tok[start..end].to_string());
                }
            }
        }
        None
    }

    fn kind_for(&self, t: usize, kind: LookalikeKind) -> LookalikeKind {
        if self.targets[t].platform.is_none() { LookalikeKind::ProtectedDomain } else { kind }
    }

    fn hit(&self, kind: LookalikeKind, t: usize, detail: Option<String>, strong: bool) -> Lookalike {
        let target = &self.targets[t];
        let kind = if target.platform.is_none() && kind != LookalikeKind::FreeHosting { LookalikeKind::ProtectedDomain } else { kind };
        Lookalike { kind, platform: target.platform, genuine_domain: target.genuine.clone(), detail, strong }
    }
}

/// A popular site's name: the first word of its domain (`google` of `google-analytics.com`),
/// as its names are indexed (`Lookalikes::new`).
fn site_name(site: &str) -> &str {
    site.split(['.', '-']).next().unwrap_or(site)
}

/// The UTS #39 skeleton with diacritics removed and lowercased, as one string.
pub fn skeleton(s: &str) -> String {
    crate::confusable::skeleton(s)
}

/// A bit for the first byte of `s` (its low five bits: a letter's place in the alphabet).
fn first_letter_bit(s: &str) -> u32 {
    s.as_bytes().first().map_or(0, |&b| 1 << (b & 31))
}

/// The first four bytes of `s`, or up to the first character boundary after them. A name that
/// starts with another shares its head to that boundary, so the two fall in the same bucket.
fn prefix4(s: &str) -> Option<&str> {
    (4..=s.len()).find(|&i| s.is_char_boundary(i)).map(|i| &s[..i])
}

/// The skeleton of a whole host, taken label by label (punycode labels decoded one by one).
/// Skeletons are taken character by character and `.` reads as itself, so the skeleton of the
/// first labels, or of one label, is a slice of this one string.
struct HostSkeleton {
    text: String,
    /// Where each label's skeleton ends in `text`, kept only when some label's skeleton has a
    /// dot of its own (a character that reads as `.`); otherwise the dots in `text` are the
    /// label boundaries.
    ends: Vec<usize>,
}

impl HostSkeleton {
    fn new(info: &HostInfo) -> HostSkeleton {
        let mut text = String::with_capacity(info.ascii.len() + 8);
        if !info.is_idn && info.ascii.is_ascii() {
            // No label to decode, and no ASCII character reads as a dot: one pass, and the dots
            // are the label boundaries.
            crate::confusable::push_skeleton(&mut text, &info.ascii);
            return HostSkeleton { text, ends: Vec::new() };
        }
        let mut ends = Vec::new();
        let mut dotted = false;
        for (i, label) in crate::domain::labels(&info.ascii).enumerate() {
            if i > 0 {
                text.push('.');
            }
            let start = text.len();
            crate::confusable::push_skeleton(&mut text, &unicode_label(info, label));
            if !dotted && text.as_bytes()[start..].contains(&b'.') {
                // Until this label, each dot ended one.
                dotted = true;
                ends = text.bytes().take(start).enumerate().filter(|&(_, b)| b == b'.').map(|(j, _)| j).collect();
            }
            if dotted {
                ends.push(text.len());
            }
        }
        HostSkeleton { text, ends }
    }

    /// Where label `i` ends in `text`, if there is such a label.
    fn end_of(&self, i: usize) -> Option<usize> {
        if !self.ends.is_empty() {
            return self.ends.get(i).copied();
        }
        let mut seen = 0;
        for (j, b) in self.text.bytes().enumerate() {
            if b == b'.' {
                if seen == i {
                    return Some(j);
                }
                seen += 1;
            }
        }
        // The last label ends the text; there is none beyond it.
        (seen == i).then_some(self.text.len())
    }

    /// The skeleton of the first `n` labels.
    fn leading(&self, n: usize) -> &str {
        match n.checked_sub(1).and_then(|i| self.end_of(i)) {
            Some(end) => &self.text[..end],
            None => "",
        }
    }

    /// The skeleton of label `i`.
    fn label(&self, i: usize) -> &str {
        let Some(end) = self.end_of(i) else { return "" };
        let start = if i == 0 { 0 } else { self.end_of(i - 1).map_or(self.text.len(), |e| e + 1) };
        &self.text[start..end]
    }
}

/// The number of labels in a part of a host (`a.b` has two, the empty part none).
fn label_count(part: &str) -> usize {
    if part.is_empty() { 0 } else { part.bytes().filter(|&b| b == b'.').count() + 1 }
}

/// The Unicode form of one label of the ASCII host.
fn unicode_label<'a>(info: &HostInfo, ascii_label: &'a str) -> Cow<'a, str> {
    if info.is_idn && ascii_label.starts_with("xn--") {
        Cow::Owned(idna::domain_to_unicode(ascii_label).0)
    } else {
        Cow::Borrowed(ascii_label)
    }
}

fn is_risky_ending(engine: &Engine, suffix: &str) -> bool {
    engine.registry().is_risky_tld(crate::domain::last_label(suffix))
}

/// Where `a` and `b` first differ, as a byte offset on a character boundary of both (their
/// common prefix is the same bytes): the shorter one's length when it is a prefix of the other.
fn first_difference(a: &str, b: &str) -> usize {
    let mut i = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    // Back to the start of the character the first different byte is in: the bytes before it
    // are the same in both, so it is a boundary of both.
    while !a.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `s` without its first character.
fn after_first(s: &str) -> &str {
    let mut c = s.chars();
    c.next();
    c.as_str()
}

/// True when `a` becomes `b` by one insertion, deletion or substitution. Characters are
/// compared on the strings themselves, ASCII or not: one code path, no copies.
fn is_one_edit(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let i = first_difference(a, b);
    let (ra, rb) = (&a[i..], &b[i..]);
    after_first(ra) == after_first(rb) || ra == after_first(rb) || after_first(ra) == rb
}

/// True when `a` is `b` with exactly one pair of neighbouring characters swapped.
fn is_one_swap(a: &str, b: &str) -> bool {
    let i = first_difference(a, b);
    let (mut x, mut y) = (a[i..].chars(), b[i..].chars());
    let (Some(a0), Some(a1), Some(b0), Some(b1)) = (x.next(), x.next(), y.next(), y.next()) else { return false };
    a0 == b1 && a1 == b0 && a1 != b1 && x.as_str() == y.as_str()
}

/// True when `a` is `b` with one of its letters written twice.
fn is_doubled_letter(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() + 1 {
        return false;
    }
    let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    i > 0 && a[i] == a[i - 1] && a[i + 1..] == b[i..]
}

/// The start of a path, lowercased and decoded, where a phishing kit names its target.
fn bounded_path(path: &str) -> String {
    let end = path.char_indices().nth(256).map(|(i, _)| i).unwrap_or(path.len());
    crate::case::to_lowercase(&percent_encoding::percent_decode_str(&path[..end]).decode_utf8_lossy())
}

/// Chromium's filters for edit-distance matches that are usually legitimate: only the first
/// character differs (`binance`/`finance`), or only trailing digits differ (`site1`/`site`).
fn edit_is_benign(a: &str, b: &str) -> bool {
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ac.len() == bc.len() && ac[0] != bc[0] && ac[1..] == bc[1..] {
        return true;
    }
    // The same with the first letter added or dropped (`licdn` and `alicdn`): people read a
    // name by its start, so a change there makes a different word, not a disguise.
    if ac.len() + 1 == bc.len() && ac[..] == bc[1..] || bc.len() + 1 == ac.len() && bc[..] == ac[1..] {
        return true;
    }
    let at = a.trim_end_matches(|c: char| c.is_ascii_digit());
    let bt = b.trim_end_matches(|c: char| c.is_ascii_digit());
    at == bt
}

/// A whole label written in Cyrillic or Greek letters that all look Latin, outside the
/// countries where that alphabet is ordinary.
fn is_whole_script_confusable(label: &str, suffix: &str) -> bool {
    use crate::confusable::UnicodeScript;
    use unicode_script::Script;
    let tld = crate::domain::last_label(suffix);
    let mut script = None;
    for c in label.chars() {
        if c == '-' || c.is_ascii_digit() {
            continue;
        }
        let s = c.script();
        match script {
            None => script = Some(s),
            Some(p) if p != s => return false,
            _ => {}
        }
    }
    let exempt = match script {
        Some(Script::Cyrillic) => CYRILLIC_TLDS.contains(&tld),
        Some(Script::Greek) => GREEK_TLDS.contains(&tld),
        Some(Script::Armenian | Script::Cherokee) => false,
        _ => return false,
    };
    !exempt && confusable_with_latin(label) && skeleton(label).chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// True when some letter of the label is a confusable of a Latin letter.
fn confusable_with_latin(label: &str) -> bool {
    label.chars().any(|c| !c.is_ascii() && skeleton(&c.to_string()).chars().all(|s| s.is_ascii_alphanumeric()))
}

/// "Cyrillic `а` (U+0430)" for every non-ASCII letter, for the reason's detail.
fn describe_scripts(label: &str) -> String {
    use crate::confusable::UnicodeScript;
    let parts: Vec<String> = label
        .chars()
        .filter(|c| !c.is_ascii())
        .take(4)
        .map(|c| format!("{} `{}` (U+{:04X})", crate::confusable::script_name(c.script()), c, c as u32))
        .collect();
    parts.join(", ")
}

/// True when what is left of a label once the brand is cut out is a tag, not a word: digits
/// (`66`, `2024`), or one or two letters with or without digits (`aa`, `c`, `uz`, `v2`).
fn is_junk_tag(rest: &str) -> bool {
    let rest = rest.trim_matches('-');
    if rest.is_empty() || rest.len() > 6 || !rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return false;
    }
    rest.bytes().filter(u8::is_ascii_alphabetic).count() <= 2
}

/// `text` with the first occurrence of `part` removed.
fn remove_once(text: &str, part: &str) -> String {
    match crate::search::find(text, part) {
        Some(i) => text!(&text[..i], &text[i + part.len()..]),
        None => text.to_string(),
    }
}

/// The character-level difference between a shown label and the genuine one, for people:
/// `` `1` in place of `l` ``, `` `b` added ``, `` `ab` swapped ``, with script names for
/// non-ASCII letters.
pub fn difference(shown: &str, genuine: &str) -> String {
    let s: Vec<char> = shown.chars().collect();
    let g: Vec<char> = genuine.chars().collect();
    let show = |c: char| {
        if c.is_ascii() {
            format!("`{c}`")
        } else {
            use crate::confusable::UnicodeScript;
            format!("{} `{c}` (U+{:04X})", crate::confusable::script_name(c.script()), c as u32)
        }
    };
    if s.len() == g.len() {
        let diffs: Vec<usize> = (0..s.len()).filter(|&i| s[i] != g[i]).collect();
        if diffs.len() == 2 && diffs[1] == diffs[0] + 1 && s[diffs[0]] == g[diffs[1]] && s[diffs[1]] == g[diffs[0]] {
            return format!("`{}{}` swapped", g[diffs[0]], g[diffs[1]]);
        }
        if !diffs.is_empty() && diffs.len() <= 4 {
            let mut parts: Vec<String> = Vec::new();
            for &i in &diffs {
                let p = format!("{} in place of `{}`", show(s[i]), g[i]);
                if !parts.contains(&p) {
                    parts.push(p);
                }
            }
            return parts.join(", ");
        }
    }
    let prefix = s.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let suffix = s[prefix..].iter().rev().zip(g[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    let sm: String = s[prefix..s.len() - suffix].iter().collect();
    let gm: String = g[prefix..g.len() - suffix].iter().collect();
    match (sm.is_empty(), gm.is_empty()) {
        (true, true) => "identical".to_string(),
        (false, true) => format!("`{sm}` added"),
        (true, false) => format!("`{gm}` left out"),
        (false, false) => {
            let shown_part = if sm.chars().count() == 1 { show(sm.chars().next().unwrap()) } else { format!("`{sm}`") };
            format!("{shown_part} in place of `{gm}`")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;

    fn engine() -> Engine {
        Engine::from_json(r#"{"protectedDomains":["mycompany-industrial.com"]}"#).unwrap()
    }

    /// What the lookalike check finds for `host` with an empty path.
    fn found_for(e: &Engine, host: &str) -> Option<Lookalike> {
        let info = HostInfo::new(e.psl(), host);
        e.lookalikes.find(e, &info, e.registry().hosting(&info.ascii), "/", false)
    }

    fn kind_of(e: &Engine, host: &str) -> Option<LookalikeKind> {
        found_for(e, host).map(|l| l.kind)
    }

    /// The kind found when it is strong enough for danger; a caution is `None`.
    fn strong_kind_of(e: &Engine, host: &str) -> Option<LookalikeKind> {
        found_for(e, host).filter(|l| l.strong).map(|l| l.kind)
    }

    /// What a name that only carries a brand is found as: `(kind, strong)`.
    fn weak_or_none(e: &Engine, host: &str) -> Option<(LookalikeKind, bool)> {
        found_for(e, host).map(|l| (l.kind, l.strong))
    }

    /// What an overlapping Aho-Corasick search (the matcher `Needles` replaced) reports.
    fn aho_corasick(patterns: &[&str], hay: &str) -> Vec<Needle> {
        let ac = aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::Standard).build(patterns).unwrap();
        ac.find_overlapping_iter(hay).map(|m| Needle { start: m.start(), end: m.end(), pattern: m.pattern().as_usize() }).collect()
    }

    /// What a leftmost-longest Aho-Corasick search reports.
    fn aho_corasick_leftmost_longest(patterns: &[&str], hay: &str) -> Vec<Needle> {
        let ac = aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostLongest).build(patterns).unwrap();
        ac.find_iter(hay).map(|m| Needle { start: m.start(), end: m.end(), pattern: m.pattern().as_usize() }).collect()
    }

    /// `Needles` reports what Aho-Corasick did, in the same order (the lookalike checks take the
    /// first match that passes, so the order decides verdicts): on the engine's real pattern
    /// sets, with duplicates, patterns inside patterns and one-byte patterns, over texts glued
    /// from pieces of the patterns, separators, digits and non-ASCII letters.
    #[test]
    fn needles_find_what_aho_corasick_found_in_its_order() {
        let e = engine();
        let registry = e.registry();
        let mut sets: Vec<Vec<String>> = vec![
            e.lookalikes.targets.iter().map(|t| t.skeleton.clone()).collect(),
            registry.links.lure_words.iter().filter(|w| w.len() >= 2).map(|w| skeleton(w)).collect(),
            registry.platforms.iter().flat_map(|p| p.registrable_domains.clone()).collect(),
            ["ab", "b", "abab", "ba", "ab", "a", "bab", "é", "xé", "ééé"].map(String::from).to_vec(),
            Vec::new(),
        ];
        let first = sets[0][0].clone();
        sets[0].push(first);
        let mut next = crate::xorshift::below(0x2545_f491_4f6c_dd1d_u64);
        let extras = ["-", ".", "/", "0", "7", "é", "ß", "x", "", "ab"];
        for set in &sets {
            let patterns: Vec<&str> = set.iter().map(String::as_str).collect();
            let needles = Needles::new(patterns.iter().copied());
            assert_eq!(needles.find_all("").count(), 0);
            for _ in 0..3_000 {
                let mut hay = String::new();
                for _ in 0..next(6) {
                    if !patterns.is_empty() && next(3) > 0 {
                        let p = patterns[next(patterns.len())];
                        // A whole pattern, or its head or tail (on a character boundary).
                        let cut = (0..=p.len()).filter(|&i| p.is_char_boundary(i)).nth(next(p.chars().count() + 1)).unwrap_or(0);
                        hay.push_str(match next(3) { 0 => &p[..cut], 1 => &p[cut..], _ => p });
                    } else {
                        hay.push_str(extras[next(extras.len())]);
                    }
                }
                assert_eq!(needles.find_all(&hay).collect::<Vec<_>>(), aho_corasick(&patterns, &hay), "{hay:?}");
                assert_eq!(needles.leftmost_longest(&hay), aho_corasick_leftmost_longest(&patterns, &hay), "{hay:?}");
            }
        }
    }

    #[test]
    fn a_popular_sites_address_in_front_of_another_domain() {
        let e = engine();
        let found = |h: &str| found_for(&e, h).filter(|l| l.kind == LookalikeKind::Embedding).map(|l| (l.genuine_domain, l.strong));
        // Alone a caution, with a lure word or an abused ending danger.
        assert_eq!(found("usps.com-track-redelivery.info"), Some(("usps.com".into(), false)));
        assert_eq!(found("www.usps.com.track-redelivery.info"), Some(("usps.com".into(), false)));
        assert_eq!(found("netflix.com-billing-update.info"), Some(("netflix.com".into(), true)));
        assert_eq!(found("www.netflix.com.account-review.top"), Some(("netflix.com".into(), true)));
        assert_eq!(found("support.apple.com.cdn-edge.net"), Some(("apple.com".into(), true)));
        // The site itself, its country domains, a word that only starts like the ending, a
        // short first word, the domain as the registrable part of another ending: none.
        for host in ["www.usps.com", "apple.com.cn", "www.apple.com.cn", "mail.yahoo.co.jp", "usps.community-garden.org", "cnn.com.example.net", "tools.usps-comparison.net"] {
            assert_eq!(found(host), None, "{host}");
        }
    }

    #[test]
    fn skeleton_maps_confusables() {
        assert_eq!(skeleton("a1ibaba"), skeleton("alibaba"));
        assert_eq!(skeleton("arnazon"), skeleton("amazon"));
        assert_eq!(skeleton("аlibаbа"), "alibaba");
        assert_eq!(skeleton("alíbaba"), "alibaba");
        assert_eq!(skeleton("paypa1"), skeleton("paypal"));
    }

    /// Combosquats from public phishing feeds (tests/fixtures/external): the brand glued to a
    /// word that begins or ends with a lure word, and the brand with a tag of digits or a letter
    /// or two. The same shapes with an ordinary word stay quiet.
    #[test]
    fn lure_at_the_edge_and_junk_tags_are_combosquats() {
        let e = engine();
        for host in ["paypalverifycentral.com", "amazoncareservice.com", "paypalonlineweb.net", "shopifysupportdesk.com"] {
            assert_eq!(kind_of(&e, host), Some(LookalikeKind::Combosquat), "{host}");
        }
        for host in ["alibaba66.co", "alibaba666.app", "binanceaa.com", "binanceuz.co", "ebay-c.com", "fedexsv.com", "amazon-2024.shop", "paypal12.com"] {
            assert_eq!(kind_of(&e, host), Some(LookalikeKind::Combosquat), "{host}");
        }
        // Shopify's theme previews: `preview` ends in `review` but is its own word.
        assert_eq!(strong_kind_of(&e, "shopifypreview.com"), None);
        assert_eq!(kind_of(&e, "shopifyreview.com"), Some(LookalikeKind::Combosquat));
        // A brand with a word of its own is how honest sites talk about a brand, and how some
        // phishing names itself: it carries the name (a caution), it is no combosquat.
        for host in ["aboutamazon.net", "alibabarest.com", "fedexbeta.com", "shopifyexperts.com"] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::BrandInName, false)), "{host}");
        }
        // ...unless it is a popular site (data/popular.toml): Amazon Watch is about the river.
        assert_eq!(kind_of(&e, "amazonwatch.org"), None);
        // A tag is short: a longer rest is a word, and three-letter names need more than a tag.
        assert_eq!(weak_or_none(&e, "amazonfactory.com"), Some((LookalikeKind::BrandInName, false)));
        assert_eq!(weak_or_none(&e, "dhl2.com"), Some((LookalikeKind::BrandInName, false)));
        // `ups` is an English word: beside anything but a lure word it names nothing.
        assert_eq!(kind_of(&e, "ups-a.com"), None);
    }

    /// The lure word a reason quotes is the word as written: `seller`, not its head `se`
    /// (a country code that is also a lure word), `login`, not `log`.
    #[test]
    fn the_quoted_lure_word_is_the_whole_word() {
        let e = engine();
        for (host, quoted) in [
            ("amazon-seller.com", "`amazon` + `seller`"),
            ("paypal-login.com", "`paypal` + `login`"),
            ("alibaba-trade-verify.com", "`alibaba` + `trade`"),
            ("ebay-sellerverify.net", "`ebay` + `sellerverify`"),
        ] {
            assert_eq!(found_for(&e, host).and_then(|l| l.detail).as_deref(), Some(quoted), "{host}");
        }
    }

    /// A brand glued to a lure word in one subdomain word of an unrelated domain.
    #[test]
    fn brand_glued_to_a_lure_in_a_subdomain() {
        let e = engine();
        assert_eq!(kind_of(&e, "paypa1verification.goldensealstudio.com"), Some(LookalikeKind::BrandInSubdomain));
        assert_eq!(kind_of(&e, "amazonsupport.example-mail.com"), Some(LookalikeKind::BrandInSubdomain));
        assert_eq!(kind_of(&e, "amazonian.rainforest-trust.org"), None);
        // The brand with a word of its own: it carries the name, and that is all.
        assert_eq!(weak_or_none(&e, "paypalfans.example.com"), Some((LookalikeKind::BrandInName, false)));
    }

    /// A name made of digits counts only as a whole word among lure words.
    #[test]
    fn digit_names_only_among_lure_words() {
        let e = engine();
        assert_eq!(kind_of(&e, "1688-member-login.com"), Some(LookalikeKind::Combosquat));
        assert_eq!(kind_of(&e, "secure-1688-verify.top"), Some(LookalikeKind::Combosquat));
        assert_eq!(kind_of(&e, "1688-kitchen.com"), None);
        assert_eq!(kind_of(&e, "call-1688.com"), None);
        assert_eq!(kind_of(&e, "516881688.com"), None);
        assert_eq!(kind_of(&e, "1688.co.uk"), None);
    }

    /// A brand misspelt by one letter on free hosting, or in a subdomain beside a lure word.
    #[test]
    fn misspelt_brands_on_hosting_and_in_subdomains() {
        let e = engine();
        assert_eq!(kind_of(&e, "payqal-2020.wpdevcloud.com"), Some(LookalikeKind::FreeHosting));
        assert_eq!(kind_of(&e, "amazom-login.netlify.app"), Some(LookalikeKind::FreeHosting));
        assert_eq!(kind_of(&e, "paypai-accounts.mp2.io"), Some(LookalikeKind::BrandInSubdomain));
        assert_eq!(kind_of(&e, "alibabba-verify.example.com"), Some(LookalikeKind::BrandInSubdomain));
        // Ordinary site names on hosting, and a misspelling with no lure beside it.
        assert_eq!(kind_of(&e, "my-portfolio.netlify.app"), None);
        assert_eq!(kind_of(&e, "paypai.example.com"), None);
        assert_eq!(kind_of(&e, "amazing-accounts.example.com"), None);
    }

    /// A short brand padded with digits where anyone can publish (a real feed's
    /// `0000000dhl.000webhostapp.com`): the digits separate it, they are not letters of it.
    /// Digits and a word that only contains the letters stay quiet.
    #[test]
    fn digit_padded_brands_on_hosting() {
        let e = engine();
        for host in ["0000000dhl.000webhostapp.com", "dhl2024.weebly.com", "ups0001.netlify.app"] {
            assert_eq!(kind_of(&e, host), Some(LookalikeKind::FreeHosting), "{host}");
        }
        for host in ["00000000.000webhostapp.com", "odhl2024.weebly.com", "cups2024.netlify.app"] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
        // Off hosting, the name standing in a subdomain only carries the brand.
        assert_eq!(weak_or_none(&e, "dhl2024.example.com"), Some((LookalikeKind::BrandInName, false)));
    }

    /// The exact name under another country's ending is a caution, not a danger, unless the
    /// ending is a slip for `.com`, is mostly abused, or is one the platform uses.
    #[test]
    fn tld_swaps_in_other_countries_are_weaker() {
        let e = engine();
        let strong = |h: &str| {
            let info = HostInfo::new(e.psl(), h);
            e.lookalikes.find(&e, &info, None, "/", false).map(|l| (l.kind, l.strong))
        };
        // A travel agency in Iran (a false alarm on the top domains list).
        assert_eq!(strong("alibaba.ir"), Some((LookalikeKind::TldSwap, false)));
        assert_eq!(strong("alibaba.co.ir"), Some((LookalikeKind::TldSwap, false)));
        assert_eq!(strong("alibaba.net"), Some((LookalikeKind::TldSwap, true)));
        assert_eq!(strong("paypal.cm"), Some((LookalikeKind::TldSwap, true)));
        assert_eq!(strong("ebay.co"), Some((LookalikeKind::TldSwap, true)));
        assert_eq!(strong("amazon.tk"), Some((LookalikeKind::TldSwap, true)), "an ending used mostly for abuse");
        // Amazon sells in Poland: `amazon.com.pl` is not a local namesake.
        assert_eq!(strong("amazon.com.pl"), Some((LookalikeKind::TldSwap, true)));
        let r = e.check_url("https://alibaba.ir/", None, None);
        assert_eq!(r.verdict, crate::reason::Verdict::Caution);
    }

    /// A popular name spelt with `l` for `i` (or `1`, which the skeleton reads as `l`) as the
    /// whole registrable label: danger. (`i` for `l` is left alone: a dotted `i` does not pass
    /// for an `l`, and every label holding an `i` would pay for the search.) The site's own other domains
    /// (`telegram.me` beside `telegram.org`; the skeleton reads its `m` as `rn`) and names the
    /// swap does not make stay quiet.
    #[test]
    fn popular_names_with_l_for_i() {
        let e = engine();
        for (host, site) in [("lnstagram.com", "instagram.com"), ("1nstagram.net", "instagram.com"), ("linkedln.com", "linkedin.com")] {
            let l = found_for(&e, host).unwrap_or_else(|| panic!("{host}"));
            assert_eq!((l.kind, l.strong, l.genuine_domain.as_str()), (LookalikeKind::Skeleton, true, site), "{host}");
        }
        for host in ["telegram.me", "mozilla.com", "instagram.com", "linkedin.com", "lnstagram-fans.com", "iinkedin.com", "mall.com", "billing.com"] {
            assert!(!found_for(&e, host).is_some_and(|l| l.strong), "{host}");
        }
    }

    /// Two names of one platform side by side in a label it does not own (the brand and its own
    /// product's name) are a combosquat, as a lure word beside the brand is; two platforms'
    /// names, or one name beside an ordinary word, are not this.
    #[test]
    fn two_names_of_one_platform_in_one_label() {
        let e = engine();
        for host in ["amazon-sellercentral.net", "amazon-sellercentral.com"] {
            let found = found_for(&e, host).unwrap_or_else(|| panic!("{host} not found"));
            assert_eq!((found.kind, found.strong), (LookalikeKind::Combosquat, true), "{host}");
        }
        assert_eq!(weak_or_none(&e, "amazonfactory.com"), Some((LookalikeKind::BrandInName, false)));
    }

    /// A popular site that is no protected platform, named beside lure words: where anyone can
    /// publish (one lure word is enough), or in a registrable label (two, or one under an abused
    /// ending). The sites' own variant domains and ordinary words that are also site names stay
    /// quiet; a clone on free hosting and one lure word in a name are cautions.
    #[test]
    fn popular_sites_named_beside_lure_words() {
        let e = engine();
        for host in [
            "secure-netflix-billing.pages.dev",
            "microsoft-365-login.firebaseapp.com",
            "coinbase-login-help.vercel.app",
            "netflixlogin.web.app",
        ] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::FreeHosting, true)), "{host}");
        }
        // The name in disguise, alone or beside a lure word.
        for host in ["netf1ix.com", "rnicrosoft.com", "faceb00k-login.com", "instagrarn.com", "wellsfarg0.com", "app1e.com", "g00gle.com"] {
            assert_eq!(found_for(&e, host).map(|l| l.strong), Some(true), "{host}");
        }
        // google.com itself is not listed (it hosts Docs and Sites): one of its country sites is named.
        assert!(found_for(&e, "g00gle.com").is_some_and(|l| l.genuine_domain.starts_with("google.")));
        assert_eq!(found_for(&e, "micr0soft.com").map(|l| l.genuine_domain), Some("microsoft.com".to_string()));
        for host in ["netflixfans.com", "facebookbrand.com", "g00d-times.com", "appletree.com", "z00keeper.com"] {
            assert!(!found_for(&e, host).is_some_and(|l| l.strong), "{host}");
        }
        // A service whose pages live in the path: the path is the customer's part.
        let in_path = |host: &str, path: &str| {
            let info = HostInfo::new(e.psl(), host);
            e.lookalikes.find(&e, &info, e.registry().hosting(host), path, false).map(|l| (l.kind, l.strong))
        };
        assert_eq!(in_path("sites.google.com", "/view/wellsfargo-verify"), Some((LookalikeKind::FreeHosting, true)));
        assert_eq!(in_path("sites.google.com", "/view/wellsfargo-fans"), None);
        assert_eq!(weak_or_none(&e, "coinbase-login-help.com"), Some((LookalikeKind::Combosquat, true)));
        assert_eq!(weak_or_none(&e, "coinbase-verify.com"), Some((LookalikeKind::BrandInName, false)));
        assert_eq!(weak_or_none(&e, "coinbase-verify.xyz"), Some((LookalikeKind::Combosquat, true)));
        assert_eq!(found_for(&e, "coinbase-login-help.com").map(|l| l.genuine_domain), Some("coinbase.com".to_string()));
        assert_eq!(weak_or_none(&e, "netflix-clone.vercel.app"), Some((LookalikeKind::FreeHosting, false)));
        for host in [
            "citibankonline.com",
            "microsoftstore.com.cn",
            "mycrypto.com",
            "ledgerwallet.com",
            "hotel-booking-login.com",
        ] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
    }

    /// A popular name with company in a registrable label: one lure word (written apart, glued
    /// on, or with an ending) or a tag of digits is a caution, two lure words or an abused
    /// ending danger, `www-` in front of it a disguised address. A word glued on that is no lure
    /// (`coinbased`, `netflixtechblog`) and the name as the whole label under another ending
    /// (a company's own, or google.com, kept out of the list as a hosting operator) stay quiet.
    #[test]
    fn popular_names_with_company_in_a_registrable_label() {
        let e = engine();
        for host in ["netflix-billing.com", "apple-verify.us", "icloudnotify.help", "netflix6.com", "google1208.com", "283674-coinbase.com", "facebookk.com", "notifications-microsoft.com", "securedsupport-coinbase.com"] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::BrandInName, false)), "{host}");
        }
        for host in ["microsoft-login-verify.com", "chase-secure-alert.com", "apple-id-unlock-support.com", "netflix6.xyz", "outlook-office365-login.com"] {
            assert_eq!(found_for(&e, host).map(|l| l.strong), Some(true), "{host}");
        }
        assert_eq!(weak_or_none(&e, "www-google.cn"), Some((LookalikeKind::Embedding, true)));
        assert_eq!(weak_or_none(&e, "wwww-linkedin.be"), Some((LookalikeKind::Embedding, true)));
        // Lure words in the subdomain count with one in the name, a mail server's names do not.
        assert_eq!(weak_or_none(&e, "security.m365-microsoft-alerts.com"), Some((LookalikeKind::Combosquat, true)));
        assert_eq!(weak_or_none(&e, "webmail.netflix-billing.com"), Some((LookalikeKind::BrandInName, false)));
        for host in [
            "coinbased.xyz",
            "netflixtechblog.com",
            "googleadservices.com",
            "google-analytics.com",
            "accounts.google.com",
            "mail.google.com",
            "yahoo.com.tw",
            "apple-pie-recipes.com",
            "chase-the-dream.com",
            "microsoftjk.com",
            // False cautions found by hand, the companies' own: a short lure word beginning an
            // ordinary word (`wire`less), a lure word ending one (press`store`), letters that
            // are an abbreviation (`-ei`).
            "verizonwireless.com",
            "microsoftpressstore.com",
            "linkedin-ei.com",
        ] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
    }

    /// A popular name alone where anyone can publish is a caution, beside a lure word (glued on
    /// too) danger; the company's own account there (`microsoft.github.io`) and the hosting
    /// operator's own name (`vercel`) are quiet. In a path on such a host it needs a lure or a
    /// sign-in word.
    #[test]
    fn popular_names_on_free_hosting() {
        let e = engine();
        for host in ["instagram-fe.vercel.app", "facebook-22.blogspot.com", "metamask-web.vercel.app", "docusign-server.github.io"] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::FreeHosting, false)), "{host}");
        }
        for host in ["facebookloginpage2.blogspot.com", "instagramlogin124.blogspot.com", "instagram-verifications.blogspot.com", "coinbaseloginhelp.gitbook.io", "github-verify.github.io"] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::FreeHosting, true)), "{host}");
        }
        for host in ["microsoft.github.io", "facebook.github.io", "my-vercel-demo.vercel.app", "github-stats.github.io", "microsoft.sharepoint.com", "contoso.sharepoint.com", "jane-doe.github.io", "my-portfolio.pages.dev"] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
        let on = |host: &str, path: &str| {
            let info = HostInfo::new(e.psl(), host);
            e.lookalikes.find(&e, &info, e.registry().hosting(host), path, false).map(|l| (l.kind, l.strong))
        };
        assert_eq!(on("kauadosantos.github.io", "/Login-Instagram/"), Some((LookalikeKind::FreeHosting, true)));
        assert_eq!(on("someone.github.io", "/instagram-verify/"), Some((LookalikeKind::FreeHosting, true)));
        assert_eq!(on("emilycaputi.github.io", "/pagina-spotify/"), None);
        assert_eq!(on("acme-dashboard.vercel.app", "/login"), None);
    }

    /// A popular name apart, joined by hyphens to a word of three letters or more, is a caution
    /// (company of any kind: `holdings-`, `apk-`, `-dp-images`), raised by lure words in the
    /// subdomain as one lure word is; `www-` anywhere before it is a disguised address; under an
    /// abused ending any company counts, letters glued on too. Two letters are an abbreviation,
    /// an ending glued on is a word, and the companies' own such domains are listed.
    #[test]
    fn popular_names_joined_to_other_words() {
        let e = engine();
        for host in ["holdings-netflix.com", "apk-microsoft.cn", "instagram-dp-photos.in", "alerts.microsoft-ssl.net", "mirror-google.com"] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::BrandInName, false)), "{host}");
        }
        assert_eq!(weak_or_none(&e, "www-app-netflix.com"), Some((LookalikeKind::Embedding, true)));
        assert_eq!(weak_or_none(&e, "verify.alerts-microsoft-ssl.net"), Some((LookalikeKind::Combosquat, true)));
        for host in ["netflixweb-ext41.click", "instagramqq.vip", "holdings-coinbase.top"] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::Combosquat, true)), "{host}");
        }
        for host in ["coinbased.xyz", "linkedin-ei.com", "be-netflix.com", "google-analytics.com", "www.youtube-nocookie.com", "cvws.icloud-content.com", "canadapost-postescanada.ca", "my-vercel-demo.vercel.app", "netflixtechblog.com"] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
    }

    /// A four-letter popular name counts only with a lure word of five letters or more beside
    /// it or glued on, which may share its last letter (`usps` + `secure`); never an ordinary
    /// word's name (`meta`, `live`, `visa`), and never the name beside words of a trade
    /// (`usps-stamps-collector.com`: a collectors' shop names the post and asks for nothing).
    #[test]
    fn four_letter_popular_names_need_a_lure_word() {
        let e = engine();
        for host in ["uspsecurelogin.com", "usps-delivery.net", "hsbcverification.com"] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::BrandInName, false)), "{host}");
        }
        assert_eq!(weak_or_none(&e, "usps-delivery-update.net"), Some((LookalikeKind::Combosquat, true)));
        for host in ["usps-stamps-collector.com", "uspsa.org", "metamail.app", "livesupport.com", "visa-services.com", "mitcrypto.tech", "hsbc.co.uk"] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
    }

    /// A popular name as the whole label under another ending is quiet (companies own their
    /// names under many endings, banks too, sign-in pages and all: `santander.co.uk`,
    /// `google.com.pk`); under an abused ending it is danger. A customer's name on a service is
    /// no ending of it.
    #[test]
    fn popular_names_under_other_endings() {
        let e = engine();
        assert_eq!(found_for(&e, "netflix.xyz").map(|l| l.strong), Some(true));
        for host in ["netflix.com.lc", "santander.co.uk", "microsoft.github.io", "youtube.googleapis.com", "yahoo.com.tw", "google.com.pk"] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
        let verdict = |url: &str| e.check_url(url, None, None).verdict;
        assert_eq!(verdict("https://www.santander.co.uk/personal/login"), crate::Verdict::Safe);
        assert_eq!(verdict("https://tripadvisor.it/"), crate::Verdict::Safe);
        assert_eq!(verdict("https://netflix.xyz/"), crate::Verdict::Danger);
    }

    /// A popular name of six letters or more misspelt by one letter: beside a lure word or glued
    /// to one, danger; alone on free hosting a caution, as the name itself is there; alone in a
    /// registrable name nothing, as words one letter from a name are other companies' (the top
    /// lists' `openscad`, `opensee`, `xfinite`, `marketwatch`).
    #[test]
    fn misspelt_popular_names() {
        let e = engine();
        assert_eq!(weak_or_none(&e, "fileoutlok.netlify.app"), Some((LookalikeKind::FreeHosting, true)));
        assert_eq!(weak_or_none(&e, "facebok.github.io"), Some((LookalikeKind::FreeHosting, false)));
        for host in ["outloook-login.com", "instagarm-verify.net", "netfliix-billing.com"] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::Combosquat, true)), "{host}");
        }
        assert!(found_for(&e, "outloook-login.com").is_some_and(|l| l.genuine_domain == "outlook.com"));
        for host in ["openscad.org", "opensee.io", "xfinite.xyz", "marketwatch.com", "dexinity.com", "youtuber.com", "switch-login.com", "facebok.com", "webchat.net"] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
    }

    /// A non-ASCII letter right before a popular name glued to it (`aδazim`, where the skeleton
    /// reads `amazon`'s start): the word before is cut after the whole character.
    #[test]
    fn a_wide_character_before_a_glued_popular_name() {
        let e = engine();
        for host in ["aδazim.a", "xδamazon.com", "éfacebook.com", "ßnetflixlogin.com"] {
            let _ = found_for(&e, host);
            let _ = e.check_url(&format!("http://{host}/"), None, Some("alibaba"));
        }
        // ASCII before the name reads as before: a lure word glued in front.
        assert!(found_for(&e, "securefacebook.com").is_some());
    }

    /// One edit, swap or doubled letter anywhere but the first letter (and but a swap across the
    /// middle), the last two included, is found beside a lure word (the search passes over words
    /// whose last letter tells them apart early); two edits are not.
    #[test]
    fn misspelt_popular_names_at_every_place() {
        let e = engine();
        let l = &e.lookalikes;
        for name in ["instagram", "facebook", "netflix"] {
            // The search reads skeletons (`m` as `rn`).
            let skel = skeleton(name);
            let b = skel.as_bytes();
            let mut words = Vec::new();
            for i in 1..b.len() {
                let sub = if b[i] == b'q' { b'z' } else { b'q' };
                words.push([&b[..i], &[sub], &b[i + 1..]].concat());
                words.push([&b[..i], &b[i + 1..]].concat());
                words.push([&b[..=i], &b[i..]].concat());
                // A swap across the halves' seam breaks both, and is not looked for.
                if i + 1 < b.len() && b[i] != b[i + 1] && i + 1 != b.len() / 2 {
                    words.push([&b[..i], &[b[i + 1], b[i]], &b[i + 2..]].concat());
                }
            }
            for w in words {
                let w = String::from_utf8(w).unwrap();
                let site = l.misspelt_popular(&format!("{w}-login")).map(|(site, _, _)| site);
                assert_eq!(site.map(site_name), Some(name), "{w}");
            }
        }
        for text in ["instaqraq-login", "facebxxk-login", "netfqiq-login"] {
            assert_eq!(l.misspelt_popular(text).map(|(site, _, _)| site), None, "{text}");
        }
    }

    /// A file share's name on somebody else's hosting is a caution, with a lure word danger;
    /// on its own service it is its customers' (`contoso.sharepoint.com`), and a word that
    /// merely holds it is another word.
    #[test]
    fn file_share_names_on_other_hosting() {
        let e = engine();
        assert_eq!(weak_or_none(&e, "acme-docs-sharepoint-review.pages.dev"), Some((LookalikeKind::FreeHosting, true)));
        assert_eq!(weak_or_none(&e, "wetransferfiles.web.app"), Some((LookalikeKind::FreeHosting, true)));
        assert_eq!(weak_or_none(&e, "dropbox-clone.vercel.app"), Some((LookalikeKind::FreeHosting, false)));
        assert!(found_for(&e, "acme-docs-sharepoint-review.pages.dev").is_some_and(|l| l.genuine_domain == "sharepoint.com"));
        for host in ["contoso.sharepoint.com", "contoso-my.sharepoint.com", "dropboxers-club.github.io", "my-portfolio.pages.dev"] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
    }

    /// A page's file name: a popular site's or a file share's name first, lure words after it.
    #[test]
    fn pages_named_after_a_service_with_lure_words() {
        let e = engine();
        let l = &e.lookalikes;
        assert_eq!(l.page_named_after("wetransferteam.html").as_deref(), Some("wetransfer.com"));
        assert_eq!(l.page_named_after("adobe_installer.html").as_deref(), Some("adobe.com"));
        assert_eq!(l.page_named_after("netflix-login2.php").as_deref(), Some("netflix.com"));
        for page in ["google.html", "go-fedex.html", "adobe_inz.html", "netflixandchill.html", "adobe-photoshop-review-2024.html", "spotify-wrapped.htm", "wetransfer.png", "adobe-installer.exe"] {
            assert_eq!(l.page_named_after(page), None, "{page}");
        }
        let verdict = |url: &str| e.check_url(url, None, None).verdict;
        assert_eq!(verdict("https://cdn.example-assets.net/v3/a1/wetransferteam.html"), crate::Verdict::Caution);
        assert_eq!(verdict("https://shop.example.org/inv/Adobe_Installer.html"), crate::Verdict::Caution);
        assert_eq!(verdict("https://helpx.adobe.com/download/adobe_installer.html"), crate::Verdict::Safe);
        assert_eq!(verdict("https://blog.example.org/2024/google.html"), crate::Verdict::Safe);
    }

    /// A popular name as a whole subdomain label of a domain it does not own is a caution (a
    /// company's tenant on a service looks the same), danger beside two lure words or under an
    /// abused ending; never on a hosting operator's own domain.
    #[test]
    fn popular_names_in_a_subdomain() {
        let e = engine();
        for host in ["netflix.vpnuse.eu.org", "docusign.bkinterim.com", "netflix.service-now.com", "office365.internal-alerts.com", "netflix07.streams-hub.ink"] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::BrandInSubdomain, false)), "{host}");
        }
        for host in ["outlook.webmail-verify-alert.com", "login-microsoftonline.secure-auth.xyz", "netflix.account-update.top"] {
            assert_eq!(found_for(&e, host).map(|l| l.strong), Some(true), "{host}");
        }
        // A popular operator's own domain (`zendesk.com`) is never a lookalike.
        for host in ["outlook.office.com", "youtube.googleapis.com", "spotify.zendesk.com", "m.sub.example.com"] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
    }

    /// False positives on the top domains of a popularity list, each now a test.
    #[test]
    fn popular_names_near_short_or_cdn_names_are_not_lookalikes() {
        let e = engine();
        // `temp` reads as `temu` only through the skeleton (`m` as `rn`); four letters are too
        // few for one edit, counted as written.
        assert_eq!(kind_of(&e, "temp-mail.org"), None);
        assert_eq!(kind_of(&e, "temp-mail.io"), None);
        // LinkedIn's CDN is `alicdn` without its first letter: a change at the start makes
        // a different word, as Chromium's first-character filter says.
        assert_eq!(kind_of(&e, "licdn.com"), None);
        // ...while the same edit elsewhere still counts.
        assert_eq!(kind_of(&e, "alicdnn.com"), Some(LookalikeKind::EditDistance));
        assert_eq!(kind_of(&e, "alibab.com"), Some(LookalikeKind::EditDistance));
        // ByteDance's own infrastructure domain is TikTok's, not a TLD swap.
        let r = e.check_url("https://sf16-website-login.bytedance.net/", None, None);
        assert_eq!((r.verdict, r.platform.as_deref()), (crate::reason::Verdict::Safe, Some("tiktok-shop")));
        assert_eq!(kind_of(&e, "bytedance.xyz"), Some(LookalikeKind::TldSwap));
    }

    #[test]
    fn each_kind_is_found() {
        let e = engine();
        assert_eq!(kind_of(&e, "a1ibaba.com"), Some(LookalikeKind::Skeleton));
        assert_eq!(kind_of(&e, "arnazon.com"), Some(LookalikeKind::Skeleton));
        assert_eq!(kind_of(&e, "xn--libaba-2nf.com"), Some(LookalikeKind::MixedScript), "Cyrillic а + Latin");
        assert_eq!(kind_of(&e, "alibabba.com"), Some(LookalikeKind::EditDistance));
        assert_eq!(kind_of(&e, "amazom.com"), Some(LookalikeKind::EditDistance));
        assert_eq!(kind_of(&e, "alibaab.com"), Some(LookalikeKind::Transposition));
        assert_eq!(kind_of(&e, "shopfiy.com"), Some(LookalikeKind::Transposition));
        assert_eq!(kind_of(&e, "alibaba.net"), Some(LookalikeKind::TldSwap));
        assert_eq!(kind_of(&e, "alibaba.com-verify.top"), Some(LookalikeKind::Embedding));
        assert_eq!(kind_of(&e, "alibaba.com.verify-account.top"), Some(LookalikeKind::Embedding));
        assert_eq!(kind_of(&e, "secure.alibaba.com.login.cn"), Some(LookalikeKind::Embedding));
        assert_eq!(kind_of(&e, "alibabacom.xyz"), Some(LookalikeKind::Embedding));
        assert_eq!(kind_of(&e, "amazon.seller-support.info"), Some(LookalikeKind::BrandInSubdomain));
        assert_eq!(kind_of(&e, "alibaba-login.com"), Some(LookalikeKind::Combosquat));
        assert_eq!(kind_of(&e, "amazonsellerverify.net"), Some(LookalikeKind::Combosquat));
        assert_eq!(kind_of(&e, "alibaba-verify.web.app"), Some(LookalikeKind::FreeHosting));
        assert_eq!(kind_of(&e, "mycompany-industria1.com"), Some(LookalikeKind::ProtectedDomain));
        assert_eq!(kind_of(&e, "ebbay.com"), Some(LookalikeKind::EditDistance));
        assert_eq!(kind_of(&e, "tmeu.com"), Some(LookalikeKind::Transposition));
        assert_eq!(kind_of(&e, "worldfirst-remittance.com"), Some(LookalikeKind::Combosquat));
        assert_eq!(kind_of(&e, "amazn-verify.com"), Some(LookalikeKind::Combosquat));
        assert_eq!(kind_of(&e, "paypai-security.com"), Some(LookalikeKind::Combosquat));
        assert_eq!(kind_of(&e, "ebayverify.com"), Some(LookalikeKind::Combosquat));
        // `amazon.jp` is Amazon's too, so `amazon-jp` embeds a genuine domain.
        assert_eq!(kind_of(&e, "amazon-jp.com"), Some(LookalikeKind::Embedding));
        assert_eq!(kind_of(&e, "amazon-mx.com"), Some(LookalikeKind::Combosquat));
    }

    #[test]
    fn ordinary_and_popular_domains_are_not_lookalikes() {
        let e = engine();
        for host in [
            "spotify.com",
            "www.google.com",
            "github.com",
            "example-buyer.de",
            "amazonia.org",
            "amazonwatch.org",
            "amazonconservation.org",
            "ebay-kleinanzeigen.de",
            "pinstripes.com",
            "wishlist.example",
            "bestbuy.com",
            "finance.example",
            "paypay.ne.jp",
            "shopper.com",
            "debay.example",
            "temuco.cl",
            "ups.acme-power.com",
            "mail.qq.com",
            "my-shop.example",
            "globalshop.example",
            "xn--80ak6aa92e.ru",
        ] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
        for host in ["amazondisplay.com", "ebayer.example", "paypalsupporters.example"] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::BrandInName, false)), "{host}");
        }
    }

    /// A protected name inside a name of another word carries the brand and no more: a long
    /// name anywhere in the label or a subdomain word, a short one standing alone or glued in
    /// front of another word (`ebay` begins no ordinary word). Under an ending used mostly for
    /// abuse it is danger. Short names inside words, ordinary words that begin with a short
    /// name (`upstream`, `wishlist`, the exempt `temuco`, `dhlaw`) and popular sites stay quiet.
    #[test]
    fn brands_with_a_word_of_their_own_carry_the_name() {
        let e = engine();
        for host in [
            "ebayfinds.net",
            "ebay-picks.com",
            "etsycrafters.org",
            "temufinds.com",
            "binancenews.net",
            "walmartdeals.org",
            "bestofaliexpress.net",
            "lazadafans.example.com",
            "ebayclassics.events-platform.app",
            "parts.dhlfreight-museum.org",
            "ebay-motors-club.de",
        ] {
            assert_eq!(weak_or_none(&e, host), Some((LookalikeKind::BrandInName, false)), "{host}");
        }
        assert_eq!(weak_or_none(&e, "ebayfinds.top"), Some((LookalikeKind::BrandInName, true)));
        assert_eq!(weak_or_none(&e, "walmartdeals.xyz"), Some((LookalikeKind::Combosquat, true)), "a long name under a risky ending was a combosquat");
        for host in ["upstream.com", "wishlist.com", "wishbone.example.com", "temuco.cl", "dhlaw.com", "betsy.com", "debay.net", "cups.example.org", "spotify.com"] {
            assert_eq!(kind_of(&e, host), None, "{host}");
        }
        // The seller's own protected domains keep their own rules: a name with a word of its
        // own beside theirs is nobody's brand.
        assert_eq!(kind_of(&e, "mycompany-industrial-fans.com"), None);
    }

    #[test]
    fn whole_script_confusables_outside_their_countries() {
        let e = engine();
        // аррӏе in Cyrillic: a spoof under .com, ordinary under .ru.
        assert_eq!(kind_of(&e, "xn--80ak6aa92e.com"), Some(LookalikeKind::WholeScript));
        assert_eq!(kind_of(&e, "xn--80ak6aa92e.ru"), None);
    }

    #[test]
    fn host_skeleton_slices_match_skeletons_of_the_parts() {
        let e = engine();
        // U+2024 (one dot leader) reads as `.`: its label's skeleton has a dot of its own.
        assert_eq!(skeleton("\u{2024}"), ".");
        for ascii in ["www.a1ibaba.com", "a.b\u{2024}c.d.example", "x\u{2024}y.z", "single", "a.b.c.d.e.f.g.h.i.j.k"] {
            let mut info = HostInfo::new(e.psl(), "example.com");
            info.ascii = ascii.to_string();
            info.is_idn = !ascii.is_ascii();
            let host = HostSkeleton::new(&info);
            let labels: Vec<&str> = ascii.split('.').collect();
            assert_eq!(host.text, skeleton(ascii), "{ascii}");
            for n in 0..=labels.len() + 1 {
                let want = if n <= labels.len() { skeleton(&labels[..n].join(".")) } else { String::new() };
                assert_eq!(host.leading(n), want, "{ascii}: first {n} labels");
                let want = labels.get(n).map(|l| skeleton(l)).unwrap_or_default();
                assert_eq!(host.label(n), want, "{ascii}: label {n}");
            }
        }
    }

    #[test]
    fn differences_are_spelled_out() {
        assert_eq!(difference("a1ibaba", "alibaba"), "`1` in place of `l`");
        assert_eq!(difference("alibabba", "alibaba"), "`b` added");
        assert_eq!(difference("alibaa", "alibaba"), "`b` left out");
        assert_eq!(difference("alibaab", "alibaba"), "`ba` swapped");
        assert_eq!(difference("arnazon", "amazon"), "`rn` in place of `m`");
        assert!(difference("аlibaba", "alibaba").contains("Cyrillic `а` (U+0430) in place of `a`"));
    }

    /// The string forms of one edit and one swap answer as the textbook definitions on
    /// character arrays do, on ASCII and non-ASCII words near one another.
    #[test]
    fn edits_on_strings_match_edits_on_characters() {
        fn one_edit(a: &[char], b: &[char]) -> bool {
            let (la, lb) = (a.len(), b.len());
            if la.abs_diff(lb) > 1 || a == b {
                return false;
            }
            let (short, long) = if la <= lb { (a, b) } else { (b, a) };
            let i = short.iter().zip(long).take_while(|(x, y)| x == y).count();
            if la == lb { short[i + 1..] == long[i + 1..] } else { short[i..] == long[i + 1..] }
        }
        fn one_swap(a: &[char], b: &[char]) -> bool {
            if a.len() != b.len() || a == b {
                return false;
            }
            let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 1] != b[i + 1] && a[i + 2..] == b[i + 2..]
        }
        let words = ["", "a", "ab", "ba", "abc", "acb", "bac", "abcd", "abdc", "aabc", "abbc", "alibaba", "alibabba", "alibaab", "alibab", "аlibaba", "alíbaba", "alibabа", "ébay", "èbay", "ebay", "eaby", "éé", "é", "è", "ée", "éè", "бa", "вa"];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                assert_eq!(is_one_edit(a, b), one_edit(&ca, &cb), "edit {a:?} {b:?}");
                assert_eq!(is_one_swap(a, b), one_swap(&ca, &cb), "swap {a:?} {b:?}");
            }
        }
    }

    #[test]
    fn edit_helpers() {
        assert!(is_one_edit("alibabba", "alibaba"));
        assert!(is_one_edit("alibaha", "alibaba"));
        assert!(!is_one_edit("alibaba", "alibaba"));
        assert!(!is_one_edit("aliexpress", "alibaba"));
        assert!(is_one_swap("alibaab", "alibaba"));
        assert!(!is_one_swap("alibaba", "alibaba"));
        assert!(edit_is_benign("binance", "finance"));
        assert!(edit_is_benign("amazon1", "amazon"));
        assert!(is_doubled_letter("ebbay", "ebay"));
        assert!(is_doubled_letter("temmu", "temu"));
        assert!(!is_doubled_letter("ebay", "ebay"));
        assert!(!is_doubled_letter("ebaay", "ebya"));
    }
}
