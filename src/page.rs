//! Pages: does this page phish for the seller's credentials?
//!
//! Every scam in the seeds ends the same way: the seller types a platform password, a one-time
//! code or a card number into a page the scammer controls. The browser shows the engine what
//! the seller sees — the address, the title, the forms and their fields, logos, headings, the
//! favicon, a sample of the text, frames — as [`PageFacts`], and the engine answers
//! `allow`, `warn` or `block` ([`PageReport`]).
//!
//! Nothing is judged unless the page asks for a secret in a field the seller can see (or, on an
//! impersonating page, for the account name that starts a two-step sign-in): a page without a
//! password, code or card field cannot steal one, whatever it looks like, and the content
//! script asks again when a hidden step appears. When it does ask, the rules are:
//!
//! - on a genuine domain of a protected platform, or one the seller trusts: **allow**, unless a
//!   credential form there sends its fields to a domain outside the platform;
//! - the host impersonates a protected platform (the link engine's lookalike verdict): **block**;
//! - the page presents itself as platform P — P is the page's identity in its title, logo,
//!   favicon or main heading, not a mere mention — and is not on P's domains: **block**;
//! - a credential form posts to a registrable domain that is neither the page's own nor a
//!   protected platform's: **block** for passwords and codes (card fields legitimately go to
//!   payment gateways, so they only add to the score);
//! - opened from a platform message link, on a foreign site: **block** when the page names that
//!   platform (in its title, logo, headings or favicon; in its text too unless the site names
//!   itself), **warn** otherwise;
//! - a cross-origin frame holding a login: **warn** (its contents also count as the page's);
//! - a popular legitimate site (`data/popular.toml`, not a hosting service) is never taken for
//!   a fake platform page: Alibaba Cloud is Alibaba's sister, not its impersonator.
//!
//! "Presents itself as P" is where false positives live: seller tools, forums and blogs about
//! Amazon have their own logins, and shop checkouts show PayPal badges beside their card
//! fields. So a brand counts as the page's *identity* only when a title segment, logo or
//! heading is the brand and little else ("Amazon Sign-In", "阿里巴巴国际站 - 登录"), not "Profit
//! analytics for Amazon sellers"; a row of several brands' logos is a badge row; a page that
//! names its own site (its domain's name, its `og:site_name`) needs twice the evidence; and a
//! payment brand on a card-only page must be the page's title or favicon. The vocabulary lives
//! in `data/pages.toml`.


// Fx sets, as the engine's other sets of names (trick, registry, engine): one hash set type
// for all of them in the WebAssembly module. Their names come from the embedded data.
use rustc_hash::FxHashSet as HashSet;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::domain::HostInfo;
use crate::engine::{Engine, PageContext};
use crate::lookalike::Needles;
use crate::reason::{Code, Findings, PageVerdict, Reason, Severity, Verdict};
use crate::registry::{Ownership, Reader, Registry, RegistryError};

/// `data/pages.toml` in the compact form `build.rs` writes (`compile_pages`): reading it is a
/// few loops, where a JSON deserialiser for its four tables was ~23 KB of the module.
const PAGES: crate::packed::File = crate::packed::File("data/pages.toml", crate::packed::PAGES);

/// Bounds on the work one page can cause: the facts come from a hostile page through the
/// content script, so every list and string is capped before it is looked at.
const MAX_FORMS: usize = 64;
const MAX_FIELDS_PER_FORM: usize = 128;
const MAX_FRAMES: usize = 32;
const MAX_SLOTS: usize = 32;
const MAX_SLOT_LEN: usize = 512;
const MAX_URL_LEN: usize = 4096;
/// The text sample is read up to this many bytes; the content script sends about 4 KB.
pub const MAX_TEXT_SAMPLE: usize = 8192;

/// Points a brand earns per kind of evidence; a page presents itself as a platform at
/// [`PRESENTS_AT`] points, or twice that when it also names its own site.
const TITLE_POINTS: u8 = 3;
const LOGO_POINTS: u8 = 3;
const FAVICON_POINTS: u8 = 3;
const HEADING_POINTS: u8 = 2;
const MENTION_POINTS: u8 = 1;
const PRESENTS_AT: u8 = 3;
/// Unknown words a title segment or heading may hold beside the brand and sign-in vocabulary
/// and still be the brand's identity ("Amazon Seller Tools Login" yes, "Profit analytics for
/// Amazon sellers" no).
const MAX_UNKNOWN_WORDS: usize = 1;

const DANGER_WEIGHT: u8 = 90;
const CAUTION_WEIGHT: u8 = 35;
const INFO_WEIGHT: u8 = 10;

// ------------------------------------------------------------------------------------------
// The contract: what the content script sends, what the engine answers.
// ------------------------------------------------------------------------------------------

/// One form field as the content script sees it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FieldFacts {
    /// The input `type` (`password`, `text`, `email`, `tel`, ...), or `select`/`textarea`.
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub id: String,
    pub autocomplete: String,
    pub placeholder: String,
    /// Text of the associated `<label>` (by `for=` or wrapping), or `aria-label`.
    pub label: String,
    /// False when the field cannot be seen (`type=hidden`, `hidden`, `display:none` on it or
    /// an ancestor). Defaults to true: a caller that does not know must not hide a field.
    pub visible: bool,
}

impl Default for FieldFacts {
    fn default() -> FieldFacts {
        FieldFacts {
            kind: String::new(),
            name: String::new(),
            id: String::new(),
            autocomplete: String::new(),
            placeholder: String::new(),
            label: String::new(),
            visible: true,
        }
    }
}

/// One form (or a group of fields outside any form).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FormFacts {
    /// The resolved `action` URL (or a submit button's `formaction`); empty when the form
    /// posts to the page itself or has none.
    pub action: String,
    pub method: String,
    pub fields: Vec<FieldFacts>,
    /// The text of the form's submit button ("Sign in", "Subscribe", "登录").
    pub submit_text: String,
}

/// A frame embedded in the page.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FrameFacts {
    /// The resolved `src` (`about:srcdoc` for inline frames).
    pub src: String,
    /// Defaults to true, like a field's.
    pub visible: bool,
    /// The frame's own forms, when known: the extension's content script in the frame reports
    /// them and the service worker attaches them here (see [`PageFacts::attach_frame`]); the
    /// native parser fills them for `srcdoc` frames. Their actions are resolved against `src`.
    pub forms: Vec<FormFacts>,
}

impl Default for FrameFacts {
    fn default() -> FrameFacts {
        FrameFacts { src: String::new(), visible: true, forms: Vec::new() }
    }
}

/// What the content script (or the native HTML parser) gathers about a page.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PageFacts {
    pub url: String,
    pub title: String,
    pub top_frame: bool,
    pub referrer: String,
    /// The platform id whose inbox link opened this page, when the extension knows it.
    pub opened_from_inbox: Option<String>,
    pub forms: Vec<FormFacts>,
    /// `h1`–`h3` texts, in document order.
    pub headings: Vec<String>,
    /// Alt texts and image URLs (or file names) of images that look like logos.
    pub logos: Vec<String>,
    pub favicon: String,
    /// The site's own name as it declares it (`og:site_name`, `application-name`).
    pub site_name: String,
    /// A bounded sample of visible text (the content script caps it at about 4 KB).
    pub text_sample: String,
    pub frames: Vec<FrameFacts>,
}

impl Default for PageFacts {
    fn default() -> PageFacts {
        PageFacts {
            url: String::new(),
            title: String::new(),
            top_frame: true,
            referrer: String::new(),
            opened_from_inbox: None,
            forms: Vec::new(),
            headings: Vec::new(),
            logos: Vec::new(),
            favicon: String::new(),
            site_name: String::new(),
            text_sample: String::new(),
            frames: Vec::new(),
        }
    }
}

impl PageFacts {
    /// Attaches the forms a frame's own content script saw to the frame of this page whose
    /// `src` is `child.url`, so the frame's login is judged as part of this page. Returns false
    /// when no frame of this page has that address.
    pub fn attach_frame(&mut self, child: &PageFacts) -> bool {
        let want = normalize_url(&child.url);
        match self.frames.iter_mut().find(|f| normalize_url(&f.src) == want) {
            Some(frame) => {
                frame.forms = child.forms.clone();
                frame.forms.extend(child.frames.iter().flat_map(|f| f.forms.iter().cloned()));
                true
            }
            None => false,
        }
    }
}

/// The answer about one page, in the shape of the CLI contract.
#[derive(Clone, Debug, Serialize)]
pub struct PageReport {
    pub verdict: PageVerdict,
    pub score: u8,
    /// The protected platform whose genuine (or user-content) domain the page is on.
    pub platform: Option<String>,
    /// The platform (or protected domain) the page pretends to be.
    pub impersonates: Option<String>,
    pub reasons: Vec<Reason>,
}

// ------------------------------------------------------------------------------------------
// What a field asks for.
// ------------------------------------------------------------------------------------------

/// A secret a field asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Secret {
    Password,
    OneTimeCode,
    CardNumber,
}

impl Secret {
    fn describe(self) -> &'static str {
        match self {
            Secret::Password => "password",
            Secret::OneTimeCode => "one-time code",
            Secret::CardNumber => "card number",
        }
    }
}

/// A small enum whose values fit the bits of a [`Few`].
trait Member: Copy + 'static {
    /// Every value, in order.
    const ALL: &'static [Self];
    fn index(self) -> usize;
}

impl Member for Secret {
    const ALL: &'static [Secret] = &[Secret::Password, Secret::OneTimeCode, Secret::CardNumber];
    fn index(self) -> usize {
        self as usize
    }
}

/// A set of a few enum values as bits, iterated in the enum's order (what a `BTreeSet` of them
/// was: each element type of a B-tree is another ~5 KB of the module's code).
struct Few<T: Member> {
    bits: u8,
    of: std::marker::PhantomData<T>,
}

impl<T: Member> Few<T> {
    fn new() -> Few<T> {
        Few { bits: 0, of: std::marker::PhantomData }
    }

    fn insert(&mut self, x: T) -> bool {
        let new = !self.contains(&x);
        self.bits |= 1 << x.index();
        new
    }

    fn remove(&mut self, x: &T) -> bool {
        let had = self.contains(x);
        self.bits &= !(1 << x.index());
        had
    }

    fn contains(&self, x: &T) -> bool {
        self.bits & 1 << x.index() != 0
    }

    fn is_empty(&self) -> bool {
        self.bits == 0
    }

    fn iter(&self) -> impl Iterator<Item = &'static T> + use<T> {
        let bits = self.bits;
        T::ALL.iter().filter(move |x| bits & 1 << x.index() != 0)
    }
}

impl<T: Member> Default for Few<T> {
    fn default() -> Few<T> {
        Few::new()
    }
}

impl<T: Member> Clone for Few<T> {
    fn clone(&self) -> Few<T> {
        Few { bits: self.bits, of: std::marker::PhantomData }
    }
}

impl<T: Member + fmt::Debug> fmt::Debug for Few<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: Member> Extend<T> for Few<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for x in items {
            self.insert(x);
        }
    }
}

/// What one field asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Secret(Secret),
    /// An account name: user name, e-mail, phone.
    Identifier,
}

/// What one form asks for, and where it sends it.
#[derive(Clone, Debug)]
struct FormView<'a> {
    form: &'a FormFacts,
    secrets: Few<Secret>,
    identifier: bool,
    /// The form reads as a sign-in (its button says so, or nothing says it is a newsletter).
    sign_in: bool,
    /// The frame holding the form, when it is not the page's own.
    frame: Option<&'a FrameFacts>,
}

impl FormView<'_> {
    /// Passwords and codes; card numbers alone are checkout business.
    fn asks_login(&self) -> bool {
        self.secrets.contains(&Secret::Password) || self.secrets.contains(&Secret::OneTimeCode)
    }
}

/// One page being judged: its facts and what was worked out about it once.
struct Scene<'a> {
    facts: &'a PageFacts,
    page_url: Option<url::Url>,
    host: Option<HostInfo>,
    /// The registrable domain (or "this page" for a page without a host).
    page_site: String,
    ctx: PageContext,
    /// The platform whose genuine or user-content domain the page is on.
    page_platform: Option<usize>,
    views: Vec<FormView<'a>>,
    secrets: Few<Secret>,
    /// The secrets in words, for messages ("password and one-time code").
    asks: String,
    /// On a popular legitimate domain that is not a hosting service.
    popular: bool,
}

// ------------------------------------------------------------------------------------------
// The vocabulary (data/pages.toml), compiled once.
// ------------------------------------------------------------------------------------------

#[derive(Debug, Default, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(default))]
struct PagesFile {
    fields: FieldWords,
    identity: IdentityWords,
}

#[derive(Debug, Default, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(default))]
struct FieldWords {
    not_credential: Vec<String>,
    password: Vec<String>,
    password_stems: Vec<String>,
    one_time_code: Vec<String>,
    one_time_code_stems: Vec<String>,
    card: Vec<String>,
    card_stems: Vec<String>,
    identifier: Vec<String>,
    sign_in_action: Vec<String>,
    not_sign_in: Vec<String>,
}

#[derive(Debug, Default, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(default))]
struct IdentityWords {
    generic_tokens: Vec<String>,
    /// Each platform id with its aliases, in id order: a list, as it is only searched once
    /// per platform when the vocabulary is built, and a hash map type of its own (std's, with
    /// its hasher) was code the module carried for that alone.
    #[cfg_attr(test, serde(deserialize_with = "pairs_by_name"))]
    aliases: Vec<(String, Vec<String>)>,
    words: BrandWords,
}

/// A JSON object of lists (the tests read `pages.json`) as the compact form holds it: pairs
/// in name order.
#[cfg(test)]
fn pairs_by_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, Vec<String>)>, D::Error> {
    let map: std::collections::BTreeMap<String, Vec<String>> = Deserialize::deserialize(d)?;
    Ok(map.into_iter().collect())
}

#[derive(Debug, Default, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(default))]
struct BrandWords {
    sign_in: Vec<String>,
    badge: Vec<String>,
    mention_before: Vec<String>,
    decoration: Vec<String>,
    other_brands: Vec<String>,
}

impl PagesFile {
    /// The file from its compact form (`build.rs`, `compile_pages`): the `[fields]` lists,
    /// `generic_tokens`, the aliases as a count of (platform, list), the `[identity.words]`
    /// lists, each in the order of the fields here.
    fn read((file, bytes): (&'static str, &[u8])) -> Result<PagesFile, RegistryError> {
        let mut r = Reader::new(file, bytes);
        let list = |r: &mut Reader<'_>| r.records(|r| r.str().map(str::to_string));
        let fields = FieldWords {
            not_credential: list(&mut r)?,
            password: list(&mut r)?,
            password_stems: list(&mut r)?,
            one_time_code: list(&mut r)?,
            one_time_code_stems: list(&mut r)?,
            card: list(&mut r)?,
            card_stems: list(&mut r)?,
            identifier: list(&mut r)?,
            sign_in_action: list(&mut r)?,
            not_sign_in: list(&mut r)?,
        };
        let generic_tokens = list(&mut r)?;
        let aliases = r.records(|r| Ok((r.str()?.to_string(), list(r)?)))?;
        let words = BrandWords {
            sign_in: list(&mut r)?,
            badge: list(&mut r)?,
            mention_before: list(&mut r)?,
            decoration: list(&mut r)?,
            other_brands: list(&mut r)?,
        };
        r.finish()?;
        Ok(PagesFile { fields, identity: IdentityWords { generic_tokens, aliases, words } })
    }
}

/// A list of words and phrases matched against normalised text (see [`words`]): Latin entries
/// as whole words, entries in other scripts anywhere.
#[derive(Debug, Default)]
struct Phrases {
    latin: Vec<String>,
    other: Vec<String>,
    stems: Vec<String>,
}

impl Phrases {
    fn new(list: &[String], stems: &[String]) -> Phrases {
        let mut p = Phrases::default();
        for w in list {
            let w = crate::case::to_lowercase(w.trim());
            if w.is_empty() {
                continue;
            }
            if w.is_ascii() {
                p.latin.push(format!(" {} ", words(&w).trim()));
            } else {
                p.other.push(w);
            }
        }
        p.stems = stems.iter().map(|s| crate::case::to_lowercase(s.trim())).filter(|s| !s.is_empty()).collect();
        p
    }

    /// `normalized` is the output of [`words`]; `squashed` the same without spaces.
    fn find(&self, normalized: &str, squashed: &str) -> bool {
        self.latin.iter().any(|w| crate::search::contains(normalized, w))
            || self.other.iter().any(|w| crate::search::contains(normalized, w))
            || self.stems.iter().any(|w| crate::search::contains(squashed, w))
    }
}

/// Whose name a brand-matcher pattern is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Named {
    Platform(usize),
    /// A card scheme, wallet or social network: never protected, but it makes a logo row.
    Other(usize),
}

/// The compiled vocabulary.
#[derive(Debug)]
struct Vocabulary {
    not_credential: Phrases,
    password: Phrases,
    one_time_code: Phrases,
    card: Phrases,
    identifier: Phrases,
    sign_in_action: Phrases,
    not_sign_in: Phrases,
    badge: Phrases,
    /// Words that, right before a brand, make it a means rather than the page ("Login with
    /// Amazon", "Powered by Shopify", "使用支付宝").
    mention_before: Vec<String>,
    /// Latin words that may stand beside a brand in an identity slot.
    known: HashSet<String>,
    /// The same in other scripts, longest first (removed as substrings).
    known_other: Vec<String>,
    decoration: Vec<String>,
    /// Brand names: platform names, tokens and aliases, and the other brands (a few hundred
    /// short names, matched in short texts: no automaton, see [`Needles`]).
    brands: Needles,
    brand_of: Vec<Named>,
    /// Alphanumeric-only platform names, for telling a site's own name from a brand.
    squashed_brands: Vec<String>,
}

static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();

impl Vocabulary {
    /// The vocabulary built from the embedded registry and `data/pages.toml`. Every engine
    /// embeds the same registry, so one copy serves all of them.
    fn get(registry: &Registry) -> &'static Vocabulary {
        VOCABULARY.get_or_init(|| {
            // A malformed data file is a broken build, caught by the unit tests; the engine
            // still judges with the registry's names rather than failing the page.
            let file = load_pages_file().unwrap_or_default();
            Vocabulary::new(registry, &file)
        })
    }

    fn new(registry: &Registry, file: &PagesFile) -> Vocabulary {
        let f = &file.fields;
        let w = &file.identity.words;
        let generic: HashSet<String> = file.identity.generic_tokens.iter().map(|t| crate::case::to_lowercase(t)).collect();
        let mut names: Vec<(String, Named)> = Vec::new();
        for (i, p) in registry.platforms.iter().enumerate() {
            let mut own: Vec<String> = Vec::new();
            // "Mercado Libre / Mercado Livre", "Alipay / Alipay+"
            for part in crate::search::split(p.short_name(), " / ") {
                own.push(crate::case::to_lowercase(part.trim_end_matches('+')));
            }
            own.extend(p.brand_tokens.iter().filter(|t| !generic.contains(*t)).cloned());
            if let Some((_, aliases)) = file.identity.aliases.iter().find(|(id, _)| *id == p.id) {
                own.extend(aliases.iter().map(|a| crate::case::to_lowercase(a)));
            }
            for n in own {
                let n = n.trim().to_string();
                if n.chars().count() >= 3 && !generic.contains(&n) {
                    names.push((n, Named::Platform(i)));
                }
            }
        }
        // Only ever searched through, so not sorted: a few hundred names, kept once each.
        let mut squashed_brands: Vec<String> = Vec::new();
        let tokens = registry.platforms.iter().flat_map(|p| &p.brand_tokens);
        for b in names.iter().map(|(n, _)| squash(n)).chain(tokens.map(|t| squash(t))) {
            if b.len() >= 4 && !squashed_brands.contains(&b) {
                squashed_brands.push(b);
            }
        }
        for (i, b) in w.other_brands.iter().enumerate() {
            names.push((crate::case::to_lowercase(b), Named::Other(i)));
        }
        // Each name once, as its first owner's. Their order does not matter: two matches that
        // start and end together are the same name.
        let mut seen = HashSet::default();
        names.retain(|(n, _)| seen.insert(n.clone()));
        let brands = Needles::new(names.iter().map(|(n, _)| n.as_str()));
        let brand_of = names.iter().map(|(_, id)| *id).collect();

        let mut known = HashSet::default();
        let mut known_other = Vec::new();
        for word in w.sign_in.iter().chain(&registry.links.lure_words) {
            let word = crate::case::to_lowercase(word.trim());
            if word.is_ascii() {
                known.insert(word);
            } else if !word.is_empty() {
                known_other.push(word);
            }
        }
        longest_first(&mut known_other);
        let mut decoration: Vec<String> = w.decoration.iter().map(|d| crate::case::to_lowercase(d)).collect();
        longest_first(&mut decoration);
        known.extend(decoration.iter().cloned());
        Vocabulary {
            not_credential: Phrases::new(&f.not_credential, &[]),
            password: Phrases::new(&f.password, &f.password_stems),
            one_time_code: Phrases::new(&f.one_time_code, &f.one_time_code_stems),
            card: Phrases::new(&f.card, &f.card_stems),
            identifier: Phrases::new(&f.identifier, &[]),
            sign_in_action: Phrases::new(&f.sign_in_action, &[]),
            not_sign_in: Phrases::new(&f.not_sign_in, &[]),
            badge: Phrases::new(&w.badge, &[]),
            mention_before: w.mention_before.iter().map(|m| crate::case::to_lowercase(m.trim())).filter(|m| !m.is_empty()).collect(),
            known,
            known_other,
            decoration,
            brands,
            brand_of,
            squashed_brands,
        }
    }
}

/// Puts longer strings first, keeping the order of equal lengths: by insertion, as these lists
/// hold a few dozen words and the standard sort would be one more ~5 KB copy of its code in
/// the module.
fn longest_first(list: &mut [String]) {
    for i in 1..list.len() {
        let mut k = i;
        while k > 0 && list[k - 1].len() < list[k].len() {
            list.swap(k - 1, k);
            k -= 1;
        }
    }
}

fn load_pages_file() -> Result<PagesFile, RegistryError> {
    PagesFile::read(PAGES.get())
}

// ------------------------------------------------------------------------------------------
// Brand presentation.
// ------------------------------------------------------------------------------------------

/// Where on the page a brand was seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Title,
    Logo,
    Favicon,
    Heading,
    Text,
}

impl Member for Slot {
    const ALL: &'static [Slot] = &[Slot::Title, Slot::Logo, Slot::Favicon, Slot::Heading, Slot::Text];
    fn index(self) -> usize {
        self as usize
    }
}

impl Slot {
    fn describe(self) -> &'static str {
        match self {
            Slot::Title => "title",
            Slot::Logo => "logo",
            Slot::Favicon => "favicon",
            Slot::Heading => "heading",
            Slot::Text => "text",
        }
    }
}

/// How a slot names a platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// Named among other things, or as one of several brands.
    Mention,
    /// The slot *is* the brand (plus sign-in words).
    Identity,
}

/// The evidence that a page presents itself as one platform.
#[derive(Clone, Debug, Default)]
struct Presentation {
    identity: Few<Slot>,
    mention: Few<Slot>,
}

impl Presentation {
    fn points(&self) -> u8 {
        let id = |s: Slot, p: u8| if self.identity.contains(&s) { p } else { 0 };
        let strong = id(Slot::Title, TITLE_POINTS) + id(Slot::Logo, LOGO_POINTS) + id(Slot::Favicon, FAVICON_POINTS) + id(Slot::Heading, HEADING_POINTS);
        let weak = self.mention.iter().filter(|s| !self.identity.contains(s)).count() as u8 * MENTION_POINTS;
        strong + weak.min(2 * MENTION_POINTS)
    }

    fn any(&self) -> bool {
        !self.identity.is_empty() || !self.mention.is_empty()
    }

    fn named_outside_text(&self) -> bool {
        self.identity.iter().chain(self.mention.iter()).any(|s| *s != Slot::Text)
    }

    fn signals(&self) -> String {
        let v: Vec<&str> = self.identity.iter().map(|s| s.describe()).collect();
        if v.is_empty() { self.mention.iter().map(|s| s.describe()).collect::<Vec<_>>().join(", ") } else { v.join(", ") }
    }
}

/// Brands seen on the page, per platform index, and whether it names its own site.
#[derive(Debug, Default)]
struct Branding {
    /// By platform index, in order (see [`entry`]).
    by_platform: Vec<(usize, Presentation)>,
    own_site: bool,
}

struct Judge<'a> {
    engine: &'a Engine,
    vocab: &'static Vocabulary,
}

impl<'a> Judge<'a> {
    /// True when platform `i` is protected by the seller's config.
    fn enabled(&self, i: usize) -> bool {
        self.engine.settings.enabled.contains(&i)
    }

    /// Every brand named in `text`: `(named, start, end)`, with Latin names only at word edges.
    fn brands_in(&self, text: &str) -> Vec<(Named, usize, usize)> {
        let bytes = text.as_bytes();
        let edge = |i: usize| i >= bytes.len() || !bytes[i].is_ascii_alphanumeric();
        self.vocab
            .brands
            .leftmost_longest(text)
            .into_iter()
            .filter(|m| {
                let (s, e) = (m.start, m.end);
                let first_ascii = bytes[s].is_ascii_alphanumeric();
                let last_ascii = bytes[e - 1].is_ascii_alphanumeric();
                (!first_ascii || s == 0 || edge(s - 1)) && (!last_ascii || edge(e))
            })
            .map(|m| (self.vocab.brand_of[m.pattern], m.start, m.end))
            .filter(|(n, _, _)| match n {
                Named::Platform(i) => self.enabled(*i),
                Named::Other(_) => true,
            })
            .collect()
    }

    /// How a short text (a title, heading, logo alt or file name) names platforms.
    fn analyse(&self, raw: &str) -> Vec<(usize, Strength)> {
        let text = crate::case::to_lowercase(crate::bounds::cap(raw, MAX_SLOT_LEN));
        let all = self.brands_in(&text);
        let platforms = platforms_of(&all);
        if platforms.is_empty() {
            return Vec::new();
        }
        let others = all.iter().any(|(n, _, _)| matches!(n, Named::Other(_)));
        let reg = self.engine.registry();
        let families = platforms.iter().filter(|&&i| !platforms.iter().any(|&j| j < i && reg.same_family(i, j))).count();
        let normalized = words(&text);
        let mention_only = others || families > 1 || self.vocab.badge.find(&normalized, &squash(&text));
        let mut out: Vec<(usize, Strength)> = platforms.iter().map(|&i| (i, Strength::Mention)).collect();
        if mention_only {
            return out;
        }
        for segment in segments(&text) {
            let found: Vec<(Named, usize, usize)> = self.brands_in(segment).into_iter().filter(|(_, s, _)| !self.means_before(&segment[..*s])).collect();
            if found.is_empty() {
                continue;
            }
            let mut rest = segment.to_string();
            // Blank out the names (from the end, so offsets stay valid).
            for (_, s, e) in found.iter().rev() {
                rest.replace_range(*s..*e, " ");
            }
            if self.unknown_words(&rest) <= MAX_UNKNOWN_WORDS {
                for (n, _, _) in &found {
                    if let Named::Platform(i) = n {
                        match out.binary_search_by_key(i, |(k, _)| *k) {
                            Ok(at) => out[at].1 = Strength::Identity,
                            Err(at) => out.insert(at, (*i, Strength::Identity)),
                        }
                    }
                }
            }
        }
        out
    }

    /// True when `before` (the text preceding a brand) ends with a word that makes the brand a
    /// means: "login with", "powered by", "for".
    fn means_before(&self, before: &str) -> bool {
        let before = before.trim_end();
        self.vocab.mention_before.iter().any(|w| {
            before.ends_with(w.as_str()) && (!w.is_ascii() || before[..before.len() - w.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        })
    }

    /// Words in `text` that are neither sign-in vocabulary nor decoration nor numbers; runs of
    /// Chinese or Japanese characters count one word per two characters left after removing
    /// known words.
    fn unknown_words(&self, text: &str) -> usize {
        let mut unknown = 0;
        for run in runs(text) {
            if run.chars().next().is_some_and(is_cjk) {
                let mut rest = run.to_string();
                for w in &self.vocab.known_other {
                    if crate::search::contains(&rest, w) {
                        rest = crate::search::replace(&rest, w, " ");
                    }
                }
                unknown += rest.split(' ').map(|p| p.chars().count().div_ceil(2)).sum::<usize>();
            } else if run.chars().count() > 1 && !run.chars().any(|c| c.is_ascii_digit()) && !self.vocab.known.contains(run) {
                unknown += 1;
            }
        }
        unknown
    }

    /// Splits glued decoration off an image file name: `amazonlogo_white@2x.png` → `amazon
    /// logo white 2x png`.
    fn file_words(&self, file: &str) -> String {
        let mut s: String = crate::case::to_lowercase(file).chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
        for d in &self.vocab.decoration {
            if d.len() >= 4 && crate::search::contains(&s, d) {
                s = crate::search::replace(&s, d, &format!(" {d} "));
            }
        }
        s
    }

    /// The platform whose genuine (not user-content) domain `url` is on.
    fn genuine_owner(&self, url: &str) -> Option<usize> {
        let u = url::Url::parse(crate::bounds::cap(url.trim(), MAX_URL_LEN)).ok()?;
        let host = u.host_str()?;
        let info = HostInfo::new(self.engine.psl(), host);
        match self.engine.registry().owner(&info.ascii, info.registrable.as_deref())? {
            Ownership::Genuine(i) => Some(i),
            Ownership::UserContent(_) => None,
        }
    }

    /// Reads an image reference (an alt text, a URL or a file name) as brand evidence.
    /// A favicon served from a platform's domain is that platform's identity: no other site
    /// uses it.
    fn analyse_image(&self, entry: &str, favicon: bool) -> Vec<(usize, Strength)> {
        let entry = entry.trim();
        if entry.starts_with("data:") {
            return Vec::new();
        }
        let looks_like_url = entry.contains('/') || url::Url::parse(entry).is_ok_and(|u| u.has_host());
        if !looks_like_url && !has_image_extension(entry) {
            return self.analyse(entry);
        }
        let file = file_stem(entry);
        let file_text = self.file_words(file);
        let mut found = self.analyse(&file_text);
        // An image served from a platform's own domain is that platform's picture: a logo
        // when its name says so, a badge otherwise (PayPal's acceptance marks).
        if let Some(i) = self.genuine_owner(entry).filter(|i| self.enabled(*i)) {
            let strength = if favicon || crate::search::contains(&words(&file_text), " logo ") { Strength::Identity } else { Strength::Mention };
            match found.iter_mut().find(|(p, _)| self.engine.registry().same_family(*p, i)) {
                Some(f) => f.1 = f.1.max(strength),
                None => found.push((i, strength)),
            }
        }
        found
    }

    /// Gathers the brand evidence of a page.
    fn branding(&self, facts: &PageFacts, host: Option<&HostInfo>) -> Branding {
        let mut b = Branding::default();
        let note = |b: &mut Branding, slot: Slot, found: Vec<(usize, Strength)>| {
            for (i, s) in found {
                let p = entry(&mut b.by_platform, i);
                match s {
                    Strength::Identity => p.identity.insert(slot),
                    Strength::Mention => p.mention.insert(slot),
                };
            }
        };
        note(&mut b, Slot::Title, self.analyse(&facts.title));
        let site_name = self.analyse(&facts.site_name);
        let declares_own_name = !facts.site_name.trim().is_empty() && site_name.is_empty();
        note(&mut b, Slot::Title, site_name);
        for h in facts.headings.iter().take(MAX_SLOTS) {
            note(&mut b, Slot::Heading, self.analyse(h));
        }
        // Logos: a platform's logo beside other brands' logos is a badge row (payment
        // methods, social sign-in, "follow us"), so it only mentions the platform.
        let logos: Vec<Vec<(usize, Strength)>> = facts.logos.iter().take(MAX_SLOTS).map(|l| self.analyse_image(l, false)).collect();
        let other_brand_logo = facts.logos.iter().take(MAX_SLOTS).any(|l| {
            let t = if l.contains('/') { self.file_words(file_stem(l)) } else { crate::case::to_lowercase(l) };
            self.brands_in(&t).iter().any(|(n, _, _)| matches!(n, Named::Other(_)))
        });
        let mut families: Vec<usize> = Vec::new();
        for &(i, _) in logos.iter().flatten() {
            if !families.iter().any(|&j| self.engine.registry().same_family(i, j)) {
                families.push(i);
            }
        }
        let badge_row = other_brand_logo || families.len() > 1;
        for found in logos {
            let found = found.into_iter().map(|(i, s)| (i, if badge_row { Strength::Mention } else { s })).collect();
            note(&mut b, Slot::Logo, found);
        }
        if !facts.favicon.trim().is_empty() {
            note(&mut b, Slot::Favicon, self.analyse_image(&facts.favicon, true));
        }
        let text = crate::case::to_lowercase(crate::bounds::cap(&facts.text_sample, MAX_TEXT_SAMPLE));
        let in_text = platforms_of(&self.brands_in(&text));
        note(&mut b, Slot::Text, in_text.into_iter().map(|i| (i, Strength::Mention)).collect());
        b.own_site = declares_own_name || self.title_names_a_site(&facts.title) || host.is_some_and(|h| self.names_own_site(facts, h));
        b
    }

    /// True when the page shows its own domain's name (`Sellerboard` on sellerboard.com) —
    /// a site that names itself is not pretending to be another. Names made only of brand or
    /// sign-in words (`alibaba-login`, `secure-signin`) say nothing about the owner.
    fn names_own_site(&self, facts: &PageFacts, host: &HostInfo) -> bool {
        let Some(label) = host.e2ld_label() else { return false };
        if label.starts_with("xn--") {
            return false;
        }
        let label = squash(label);
        if label.len() < 4 || self.vocab.squashed_brands.iter().any(|b| crate::search::contains(&label, b)) || self.is_vocabulary(&label) {
            return false;
        }
        let mut places = vec![squash(&facts.title), squash(&facts.favicon)];
        places.extend(facts.headings.iter().take(MAX_SLOTS).map(|h| squash(h)));
        places.extend(facts.logos.iter().take(MAX_SLOTS).map(|l| squash(if l.contains('/') { file_stem(l) } else { l })));
        places.iter().any(|p| crate::search::contains(p, &label))
    }

    /// True when the title follows the "page | site" convention with a site name that is no
    /// platform's: a first or last segment of one to three words, not all of them sign-in
    /// vocabulary, at most two of them unknown ("Sellerboard | Profit analytics for Amazon
    /// sellers", "领星ERP - 亚马逊ERP").
    fn title_names_a_site(&self, title: &str) -> bool {
        let title = crate::case::to_lowercase(crate::bounds::cap(title, MAX_SLOT_LEN));
        let segs: Vec<&str> = segments(&title).into_iter().filter(|s| !s.trim().is_empty()).collect();
        if segs.len() < 2 {
            return false;
        }
        // A name is short: a tagline ("Suppliers, Manufacturers, Exporters & Importers") is not.
        [segs[0], segs[segs.len() - 1]].iter().any(|seg| {
            let named = self.brands_in(seg).iter().any(|(n, _, _)| matches!(n, Named::Platform(_)));
            !named && runs(seg).len() <= 3 && (1..=2).contains(&self.unknown_words(seg))
        })
    }

    /// True when `label` is nothing but known words glued together (`secureloginverify`).
    fn is_vocabulary(&self, label: &str) -> bool {
        let n = label.len();
        let mut ok = vec![false; n + 1];
        ok[0] = true;
        for end in 1..=n {
            ok[end] = (0..end).any(|start| ok[start] && label.is_char_boundary(start) && label.is_char_boundary(end) && {
                let w = &label[start..end];
                (w.len() >= 2 && self.vocab.known.contains(w)) || w.bytes().all(|b| b.is_ascii_digit())
            });
        }
        ok[n]
    }

    /// The platform the page presents itself as, if the evidence is enough.
    fn presents_as(&self, branding: &Branding, secrets: &Few<Secret>) -> Option<(usize, u8)> {
        let reg = self.engine.registry();
        let need = if branding.own_site { 2 * PRESENTS_AT } else { PRESENTS_AT };
        let card_only = !secrets.is_empty() && secrets.iter().all(|s| *s == Secret::CardNumber);
        let mut best: Option<(usize, u8)> = None;
        let mut tie = false;
        for &(i, ref p) in &branding.by_platform {
            // A checkout shows payment brands beside its card fields; only a page whose title
            // or favicon is the payment brand pretends to be it.
            if card_only && reg.platforms[i].kind == "payments" && !p.identity.contains(&Slot::Title) && !p.identity.contains(&Slot::Favicon) {
                continue;
            }
            let points = p.points();
            if points < need {
                continue;
            }
            match best {
                Some((j, bp)) if points == bp && !reg.same_family(i, j) => tie = true,
                Some((_, bp)) if points <= bp => {}
                _ => {
                    best = Some((i, points));
                    tie = false;
                }
            }
        }
        if tie { None } else { best }
    }

    // --------------------------------------------------------------------------------------
    // Fields and forms.
    // --------------------------------------------------------------------------------------

    fn classify(&self, field: &FieldFacts) -> Option<FieldKind> {
        let kind = field.kind.trim().to_ascii_lowercase();
        let text_like = matches!(kind.as_str(), "" | "text" | "password" | "email" | "tel" | "number");
        if !text_like {
            return None;
        }
        // A field nobody can see cannot be typed in. Two-step kits reveal the password after
        // the e-mail: the content script judges the page again when it appears.
        if !field.visible {
            return None;
        }
        let auto = field.autocomplete.to_ascii_lowercase();
        let auto = auto.split_ascii_whitespace().collect::<Vec<_>>();
        let desc = [&field.name, &field.id, &field.placeholder, &field.label].map(|s| crate::bounds::cap(s, MAX_SLOT_LEN)).join(" ");
        let normalized = words(&desc);
        let squashed = squash(&desc);
        let v = self.vocab;
        if kind != "password" && v.not_credential.find(&normalized, &squashed) {
            return None;
        }
        if auto.iter().any(|a| matches!(*a, "cc-number" | "cc-csc" | "cc-exp" | "cc-exp-month" | "cc-exp-year"))
            || v.card.find(&normalized, &squashed)
            || looks_like_card_placeholder(&field.placeholder)
        {
            return Some(FieldKind::Secret(Secret::CardNumber));
        }
        if auto.contains(&"one-time-code") || v.one_time_code.find(&normalized, &squashed) {
            return Some(FieldKind::Secret(Secret::OneTimeCode));
        }
        if kind == "password" || auto.iter().any(|a| *a == "current-password" || *a == "new-password") || v.password.find(&normalized, &squashed) {
            return Some(FieldKind::Secret(Secret::Password));
        }
        if kind == "email" || auto.iter().any(|a| matches!(*a, "username" | "email" | "tel")) || v.identifier.find(&normalized, &squashed) {
            return Some(FieldKind::Identifier);
        }
        None
    }

    fn view<'f>(&self, form: &'f FormFacts, frame: Option<&'f FrameFacts>) -> FormView<'f> {
        let mut secrets = Few::new();
        let mut identifier = false;
        for field in form.fields.iter().take(MAX_FIELDS_PER_FORM) {
            match self.classify(field) {
                Some(FieldKind::Secret(s)) => {
                    secrets.insert(s);
                }
                Some(FieldKind::Identifier) => identifier = true,
                None => {}
            }
        }
        // A "security code" beside a card number is the card's CVC, not a sign-in code.
        if secrets.contains(&Secret::CardNumber) && !secrets.contains(&Secret::Password) {
            secrets.remove(&Secret::OneTimeCode);
        }
        let submit = crate::bounds::cap(&form.submit_text, MAX_SLOT_LEN);
        let (normalized, squashed) = (words(submit), squash(submit));
        let sign_in = !self.vocab.not_sign_in.find(&normalized, &squashed)
            && (submit.trim().is_empty() || self.vocab.sign_in_action.find(&normalized, &squashed));
        FormView { form, secrets, identifier, sign_in, frame }
    }

    // --------------------------------------------------------------------------------------
    // The verdict.
    // --------------------------------------------------------------------------------------

    fn check(&self, facts: &PageFacts) -> PageReport {
        let engine = self.engine;
        let reg = engine.registry();
        let page_url = url::Url::parse(crate::bounds::cap(facts.url.trim(), MAX_URL_LEN)).ok();
        let host = page_url.as_ref().and_then(|u| u.host_str()).map(|h| HostInfo::new(engine.psl(), h));
        let ctx = engine.page_context(&facts.url);

        let mut views: Vec<FormView> = facts.forms.iter().take(MAX_FORMS).map(|f| self.view(f, None)).collect();
        for frame in facts.frames.iter().take(MAX_FRAMES).filter(|f| f.visible) {
            views.extend(frame.forms.iter().take(MAX_FORMS).map(|f| self.view(f, Some(frame))));
        }
        let secrets = secrets_of(views.iter());
        let sign_in_step = secrets.is_empty() && views.iter().any(|v| v.identifier && v.sign_in);
        if secrets.is_empty() && !sign_in_step {
            return finish(Findings::default(), ctx.platform, None);
        }
        let popular = host.as_ref().is_some_and(|h| h.registrable.as_ref().is_some_and(|r| reg.is_popular(r)) && reg.hosting(&h.ascii).is_none());
        let scene = Scene {
            facts,
            page_site: host.as_ref().map(|h| h.site().to_string()).unwrap_or_else(|| "this page".to_string()),
            page_platform: ctx.platform.as_deref().and_then(|id| reg.platform(id)).map(|(i, _)| i),
            page_url,
            host,
            asks: describe(&secrets),
            secrets,
            views,
            popular,
            ctx,
        };
        let mut f = Findings::default();

        if scene.ctx.genuine {
            self.judge_genuine(&scene, &mut f);
            return finish(f, scene.ctx.platform, None);
        }
        let branding = self.branding(facts, scene.host.as_ref());
        let mut impersonates = self.judge_host(&scene, &mut f);
        if let Some(p) = self.judge_branding(&scene, &branding, &mut f) {
            impersonates.get_or_insert(p);
        }
        let plain = self.is_plain_site(&scene, &branding, &f);
        for v in scene.views.iter().filter(|v| !v.secrets.is_empty()) {
            self.form_destination(v, scene.page_url.as_ref(), scene.host.as_ref(), None, plain, &mut f);
        }
        if let Some(p) = self.judge_frames(&scene, &mut f) {
            impersonates.get_or_insert(p);
        }
        if !scene.secrets.is_empty() {
            if let Some(p) = self.judge_inbox(&scene, &branding, &mut f) {
                impersonates.get_or_insert(p);
            }
            f.push(Reason::new(Code::CredentialForm, Severity::Info, INFO_WEIGHT, format!("the page asks for your {}", scene.asks)).param("asks", scene.asks.as_str()));
        }
        finish(f, scene.ctx.platform, impersonates)
    }

    /// A genuine (or trusted) host: allowed, unless a credential form there hands its fields
    /// to a site outside the platform (an injected or tampered form).
    fn judge_genuine(&self, scene: &Scene, f: &mut Findings) {
        let site = scene.page_site.as_str();
        if !scene.secrets.is_empty() {
            let r = match &scene.ctx.platform_name {
                Some(name) => Reason::new(Code::GenuineLogin, Severity::Info, 0, format!("{site} is a genuine {name} domain")).param("platform", name.as_str()),
                None => Reason::new(Code::TrustedDomain, Severity::Info, 0, format!("you trust {site}")),
            };
            f.push(r.param("domain", site));
        }
        for v in scene.views.iter().filter(|v| !v.secrets.is_empty()) {
            self.form_destination(v, scene.page_url.as_ref(), scene.host.as_ref(), scene.page_platform, false, f);
        }
    }

    /// The page's own address imitates a platform (the link engine's lookalike verdict).
    /// Returns what it imitates. Popular legitimate sites are not asked about.
    fn judge_host(&self, scene: &Scene, f: &mut Findings) -> Option<String> {
        if scene.popular {
            return None;
        }
        let link = self.engine.check_url(&scene.facts.url, None, None);
        let target = link.impersonates.clone()?;
        let shown = link.host.clone().unwrap_or_else(|| scene.page_site.clone());
        let name = platform_name(self.engine, &target);
        if scene.secrets.is_empty() {
            f.push(account_name_reason(&shown, &name, &target));
            return Some(target);
        }
        let (sev, w) = if link.verdict == Verdict::Danger { (Severity::Danger, DANGER_WEIGHT) } else { (Severity::Caution, CAUTION_WEIGHT) };
        let how = link.reasons.iter().find(|r| r.params.contains_key("target")).map(|r| r.code.as_str()).unwrap_or("lookalike");
        f.push(
            Reason::new(Code::ImpersonatedPage, sev, w, format!("{shown} imitates {name} and asks for your {}", scene.asks))
                .param("host", shown.as_str())
                .param("target", target.as_str())
                .param("how", how),
        );
        Some(target)
    }

    /// The page presents itself as a platform it is not on; or, on free hosting, names one
    /// in its title, headings or logos. Returns the platform id presented.
    fn judge_branding(&self, scene: &Scene, branding: &Branding, f: &mut Findings) -> Option<String> {
        let reg = self.engine.registry();
        let site = scene.page_site.as_str();
        let asks = scene.asks.as_str();
        let presents = if scene.popular { None } else { self.presents_as(branding, &scene.secrets) };
        if let Some((i, points)) = presents {
            let p = &reg.platforms[i];
            if scene.secrets.is_empty() {
                if !f.has(Code::AccountNameForm) {
                    f.push(account_name_reason(site, p.short_name(), &p.id));
                }
                return Some(p.id.clone());
            }
            let on_own_user_content = scene.ctx.user_content && scene.page_platform.is_some_and(|j| reg.same_family(i, j));
            let what = if on_own_user_content { format!("it is on {site}, where anyone can publish") } else { format!("it is on {site}, not on {}", p.main_domain()) };
            let signals = branding.by_platform.iter().find(|(j, _)| *j == i).map(|(_, p)| p.signals()).unwrap_or_default();
            f.push(
                Reason::new(
                    Code::BrandedPageOffPlatform,
                    Severity::Danger,
                    DANGER_WEIGHT,
                    format!("the page presents itself as {} ({signals}) and asks for your {asks}, but {what}", p.short_name()),
                )
                .param("platform", p.short_name())
                .param("domain", site)
                .param("genuine", p.main_domain())
                .param("signals", signals.as_str())
                .param("points", points.to_string()),
            );
            return Some(p.id.clone());
        }
        // A brand named in the title, a heading or a logo, though not as the page's identity,
        // on hosting anyone can publish on: the "shared document" lure. A site that names
        // itself (a seller tool on a hosting service) is only talking about the brand.
        let hosted = scene.host.as_ref().and_then(|h| reg.hosting(&h.ascii)).is_some();
        if scene.secrets.is_empty() || !hosted || scene.ctx.user_content || branding.own_site || scene.popular {
            return None;
        }
        let &(i, ref pr) = branding.by_platform.iter().find(|(_, pr)| pr.named_outside_text())?;
        let p = &reg.platforms[i];
        f.push(
            Reason::new(
                Code::BrandedPageOffPlatform,
                Severity::Caution,
                CAUTION_WEIGHT,
                format!("the page names {} ({}) and asks for your {asks} on free hosting, not on {}", p.short_name(), pr.signals(), p.main_domain()),
            )
            .param("platform", p.short_name())
            .param("domain", site)
            .param("genuine", p.main_domain())
            .param("signals", pr.signals()),
        );
        None
    }

    /// Logins inside visible frames from other sites (not a protected platform's, not trusted).
    /// Returns what a frame's address imitates, if it does.
    fn judge_frames(&self, scene: &Scene, f: &mut Findings) -> Option<String> {
        let engine = self.engine;
        let mut imitated = None;
        for frame in scene.facts.frames.iter().take(MAX_FRAMES).filter(|fr| fr.visible) {
            let secrets = secrets_of(scene.views.iter().filter(|v| v.frame.is_some_and(|x| std::ptr::eq(x, frame))));
            // Card fields in a payment provider's frame are how checkouts work.
            if !secrets.iter().any(|s| *s != Secret::CardNumber) {
                continue;
            }
            let Some(fu) = url::Url::parse(crate::bounds::cap(frame.src.trim(), MAX_URL_LEN)).ok().filter(|u| u.has_host()) else { continue };
            let fh = HostInfo::new(engine.psl(), fu.host_str().unwrap_or(""));
            if fh.site() == scene.page_site || self.genuine_owner(fu.as_str()).is_some() || engine.is_trusted(&fh) {
                continue;
            }
            let asks = describe(&secrets);
            f.push(
                Reason::new(Code::CrossOriginLoginFrame, Severity::Caution, CAUTION_WEIGHT, format!("a frame from {} asks for your {asks} inside this page", fh.site()))
                    .param("domain", fh.site()),
            );
            let link = engine.check_url(fu.as_str(), None, None);
            if let (Some(target), Verdict::Danger) = (link.impersonates, link.verdict) {
                let name = platform_name(engine, &target);
                f.push(
                    Reason::new(Code::ImpersonatedPage, Severity::Danger, DANGER_WEIGHT, format!("the frame's address {} imitates {name} and asks for your {asks}", fh.unicode))
                        .param("host", fh.unicode.as_str())
                        .param("target", target.as_str()),
                );
                imitated.get_or_insert(target);
            }
        }
        imitated
    }

    /// Opened from a platform message on a foreign site: block when the page names that
    /// platform (it asks for that platform's login), warn otherwise. Returns the platform id
    /// when it blocks.
    fn judge_inbox(&self, scene: &Scene, branding: &Branding, f: &mut Findings) -> Option<String> {
        let reg = self.engine.registry();
        let site = scene.page_site.as_str();
        let asks = scene.asks.as_str();
        let inbox = self.inbox_platform(scene.facts)?;
        let Some((i, p)) = reg.platform(&inbox) else {
            f.push(
                Reason::new(Code::OpenedFromInbox, Severity::Caution, CAUTION_WEIGHT, format!("you opened this page from a message link, and {site} asks for your {asks}"))
                    .param("domain", site),
            );
            return None;
        };
        let name = p.short_name();
        // Named in the title, a heading, a logo or the favicon; in the text only when the
        // site does not name itself (a buyer's own site may say "we source on Alibaba.com").
        let named = branding.by_platform.iter().any(|&(j, ref pr)| reg.same_family(i, j) && (pr.named_outside_text() || (pr.any() && !branding.own_site)));
        if named && !scene.popular {
            f.push(
                Reason::new(
                    Code::OpenedFromInbox,
                    Severity::Danger,
                    DANGER_WEIGHT,
                    format!("you opened this page from a message on {name}, and it asks for your {name} {asks} on {site}, which is not {name}"),
                )
                .param("platform", name)
                .param("domain", site),
            );
            return Some(p.id.clone());
        }
        f.push(
            Reason::new(Code::OpenedFromInbox, Severity::Caution, CAUTION_WEIGHT, format!("you opened this page from a message on {name}; {site} is not {name} and asks for your {asks}"))
                .param("platform", name)
                .param("domain", site),
        );
        None
    }

    /// The platform whose inbox opened the page: as the extension says, or as the referrer
    /// shows (browsers send the referring origin, which is enough to recognise a message centre).
    fn inbox_platform(&self, facts: &PageFacts) -> Option<String> {
        if let Some(id) = facts.opened_from_inbox.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            return Some(crate::bounds::cap(id, 64).to_string());
        }
        if facts.referrer.trim().is_empty() {
            return None;
        }
        let ctx = self.engine.page_context(crate::bounds::cap(&facts.referrer, MAX_URL_LEN));
        if ctx.inbox { ctx.platform } else { None }
    }

    /// An ordinary web site, as far as this page shows: it has an address of its own (not free
    /// hosting) that raised nothing, names no platform anywhere, and was not opened from a message. Such a site may post its
    /// login to another site of its own choosing (a credit union's home page to its
    /// online-banking provider, a company page to its customer portal's host), and no
    /// platform's password is asked for; a saved attachment (`file:`) has no site to trust.
    fn is_plain_site(&self, scene: &Scene, branding: &Branding, f: &Findings) -> bool {
        scene.host.as_ref().is_some_and(|h| self.engine.registry().hosting(&h.ascii).is_none())
            && branding.by_platform.is_empty()
            && f.max_severity() == Severity::Info
            && self.inbox_platform(scene.facts).is_none()
            && self.engine.check_url(&scene.facts.url, None, None).verdict == Verdict::Safe
    }

    /// Flags a credential form whose action leaves the page's site for one that is not a
    /// protected platform's nor trusted. `genuine` is the platform whose genuine page this is:
    /// its forms may only post within its own family. On a plain site (see
    /// [`Judge::is_plain_site`]) a destination that raises nothing itself is only noted.
    fn form_destination(&self, v: &FormView, page_url: Option<&url::Url>, page_host: Option<&HostInfo>, genuine: Option<usize>, plain: bool, f: &mut Findings) {
        let action = crate::bounds::cap(v.form.action.trim(), MAX_URL_LEN);
        if action.is_empty() {
            return;
        }
        let base = match v.frame {
            Some(fr) => url::Url::parse(crate::bounds::cap(fr.src.trim(), MAX_URL_LEN)).ok(),
            None => page_url.cloned(),
        };
        let dest = match &base {
            Some(b) => b.join(action).ok(),
            None => url::Url::parse(action).ok(),
        };
        let Some(dest) = dest.filter(|d| matches!(d.scheme(), "http" | "https")) else { return };
        let Some(dhost) = dest.host_str() else { return };
        let dinfo = HostInfo::new(self.engine.psl(), dhost);
        let from_site = match (v.frame, page_host) {
            (Some(fr), _) => url::Url::parse(crate::bounds::cap(fr.src.trim(), MAX_URL_LEN)).ok().and_then(|u| u.host_str().map(|h| HostInfo::new(self.engine.psl(), h).site().to_string())),
            (None, Some(h)) => Some(h.site().to_string()),
            (None, None) => None,
        };
        if from_site.as_deref() == Some(dinfo.site()) || self.engine.is_trusted(&dinfo) {
            return;
        }
        let reg = self.engine.registry();
        let dest_owner = match reg.owner(&dinfo.ascii, dinfo.registrable.as_deref()) {
            Some(Ownership::Genuine(i)) => Some(i),
            _ => None,
        };
        // Sending to a protected platform's own domain hands the secret to the platform.
        // On a platform's genuine page only its own family counts.
        let fine = match (genuine, dest_owner) {
            (Some(p), Some(d)) => reg.same_family(p, d),
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if fine {
            return;
        }
        let asks = describe(&v.secrets);
        let from = from_site.unwrap_or_else(|| "this page".to_string());
        // A collector on free hosting, an address without a name, a lookalike: never plain.
        let plain = plain && reg.hosting(&dinfo.ascii).is_none() && dinfo.registrable.is_some() && self.engine.check_url(dest.as_str(), None, None).verdict == Verdict::Safe;
        let (sev, w) = if v.asks_login() && !plain { (Severity::Danger, DANGER_WEIGHT) } else { (Severity::Info, INFO_WEIGHT) };
        f.push(
            Reason::new(Code::FormPostsElsewhere, sev, w, format!("the {asks} typed here is sent to {}, not to {from}", dinfo.site()))
                .param("destination", dinfo.site())
                .param("domain", from.as_str()),
        );
    }
}

/// Judges a page.
pub fn check(engine: &Engine, facts: &PageFacts) -> PageReport {
    let judge = Judge { engine, vocab: Vocabulary::get(engine.registry()) };
    judge.check(facts)
}

/// The value of key `i` in a list kept in key order, made (the default) when missing. Page
/// maps hold a platform or two: a sorted list instead of a B-tree map, whose code is ~5 KB of
/// the module per key and value type.
fn entry<V: Default>(list: &mut Vec<(usize, V)>, i: usize) -> &mut V {
    let at = match list.binary_search_by_key(&i, |(k, _)| *k) {
        Ok(at) => at,
        Err(at) => {
            list.insert(at, (i, V::default()));
            at
        }
    };
    &mut list[at].1
}

/// The platforms among brands found, in order, each once.
fn platforms_of(found: &[(Named, usize, usize)]) -> Vec<usize> {
    let mut set: Vec<usize> = Vec::new();
    for (n, _, _) in found {
        if let Named::Platform(i) = n
            && let Err(at) = set.binary_search(i)
        {
            set.insert(at, *i);
        }
    }
    set
}

/// Every secret the forms ask for.
fn secrets_of<'v, 'a: 'v>(views: impl Iterator<Item = &'v FormView<'a>>) -> Few<Secret> {
    let mut set = Few::new();
    for v in views {
        set.extend(v.secrets.iter().copied());
    }
    set
}

fn finish(f: Findings, platform: Option<String>, impersonates: Option<String>) -> PageReport {
    let verdict = match f.verdict() {
        Verdict::Danger => PageVerdict::Block,
        Verdict::Caution => PageVerdict::Warn,
        Verdict::Safe | Verdict::Invalid => PageVerdict::Allow,
    };
    let score = f.score();
    PageReport { verdict, score, platform, impersonates, reasons: f.sorted() }
}

fn account_name_reason(host: &str, name: &str, target: &str) -> Reason {
    Reason::new(
        Code::AccountNameForm,
        Severity::Caution,
        CAUTION_WEIGHT,
        format!("{host} imitates {name} and asks for your account name; the password usually comes next"),
    )
    .param("host", host)
    .param("target", target)
}

/// A platform id's display name, or the protected domain itself.
fn platform_name(engine: &Engine, target: &str) -> String {
    engine.registry().platform(target).map(|(_, p)| p.short_name().to_string()).unwrap_or_else(|| target.to_string())
}

/// "password and one-time code".
fn describe(secrets: &Few<Secret>) -> String {
    let v: Vec<&str> = secrets.iter().map(|s| s.describe()).collect();
    match v.as_slice() {
        [] => "account name".to_string(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

// ------------------------------------------------------------------------------------------
// Text helpers.
// ------------------------------------------------------------------------------------------


/// Lowercase words of a field name or label, camelCase and snake_case split, padded with
/// spaces so a phrase can be matched as ` phrase `: `loginPassword2` → ` login password 2 `.
fn words(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(' ');
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if let Some(p) = prev {
                let camel = p.is_lowercase() && c.is_uppercase();
                let digit = p.is_alphabetic() && c.is_ascii_digit();
                if camel || digit {
                    out.push(' ');
                }
            }
            crate::case::push_lower(&mut out, c);
            prev = Some(c);
        } else {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            prev = None;
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Lowercase letters and digits only: `Jungle-Scout` → `junglescout`.
fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(crate::case::lower).collect()
}

/// Title segments: `Sign in | Alibaba.com - Suppliers` → `Sign in `, ` Alibaba.com `, ` Suppliers`.
fn segments(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let sep = matches!(c, '|' | '–' | '—' | '·' | '•' | '｜' | '－' | '>' | '»' | '«' | '<' | '：' | '‹' | '›')
            || (matches!(c, '-' | ':' | '/') && prev.is_none_or(char::is_whitespace) && next.is_none_or(char::is_whitespace))
            || (c == ':' && next.is_none_or(char::is_whitespace));
        if sep {
            out.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&s[start..]);
    out
}

/// Runs of letters and digits, split where Chinese/Japanese/Korean script meets other text.
fn runs(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    // The start of the current run and whether it is CJK.
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in s.char_indices() {
        let word = c.is_alphanumeric() || c == '\'';
        let continues = word && start.is_some_and(|(_, cjk)| cjk == is_cjk(c));
        if continues {
            continue;
        }
        if let Some((st, _)) = start {
            out.push(&s[st..i]);
        }
        start = if word { Some((i, is_cjk(c))) } else { None };
    }
    if let Some((st, _)) = start {
        out.push(&s[st..]);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}')
}

/// The last path segment of an image URL or file name, percent-decoded, without extension.
fn file_stem(s: &str) -> &str {
    let s = s.split(['?', '#']).next().unwrap_or(s);
    let name = s.rsplit('/').next().unwrap_or(s);
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

fn has_image_extension(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    [".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".avif"].iter().any(|e| l.ends_with(e))
}

/// A card-number placeholder: 13–19 digits, bullets or x's in groups (`1234 5678 9012 3456`).
fn looks_like_card_placeholder(p: &str) -> bool {
    let p = p.trim();
    let marks = p.chars().filter(|c| c.is_ascii_digit() || matches!(c, '•' | '*' | 'x' | 'X' | '·' | '●')).count();
    let only = p.chars().all(|c| c.is_ascii_digit() || matches!(c, '•' | '*' | 'x' | 'X' | '·' | '●' | ' ' | '-'));
    only && (13..=19).contains(&marks) && p.contains([' ', '-'])
}

/// A URL as compared for frame matching: parsed and serialised, fragment dropped.
fn normalize_url(s: &str) -> String {
    match url::Url::parse(crate::bounds::cap(s.trim(), MAX_URL_LEN)) {
        Ok(mut u) => {
            u.set_fragment(None);
            u.to_string()
        }
        Err(_) => s.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::from_json("{}").unwrap()
    }

    fn field(kind: &str, name: &str) -> FieldFacts {
        FieldFacts { kind: kind.into(), name: name.into(), ..FieldFacts::default() }
    }

    fn login_form(action: &str) -> FormFacts {
        FormFacts {
            action: action.into(),
            method: "post".into(),
            fields: vec![field("text", "loginId"), field("password", "password")],
            submit_text: "Sign in".into(),
        }
    }

    fn page(url: &str, title: &str) -> PageFacts {
        PageFacts { url: url.into(), title: title.into(), forms: vec![login_form("")], ..PageFacts::default() }
    }

    fn codes(r: &PageReport) -> Vec<&'static str> {
        r.reasons.iter().map(|x| x.code.as_str()).collect()
    }

    #[test]
    fn a_few_is_the_btree_set_it_replaced() {
        let mut seed = 0x1234_5678_9abc_def1_u64;
        for _ in 0..2_000 {
            let (mut few, mut set) = (Few::<Slot>::new(), std::collections::BTreeSet::new());
            for _ in 0..6 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let slot = Slot::ALL[(seed % 5) as usize];
                if seed % 7 == 0 {
                    assert_eq!(few.remove(&slot), set.remove(&slot));
                } else {
                    assert_eq!(few.insert(slot), set.insert(slot));
                }
                assert_eq!(few.iter().collect::<Vec<_>>(), set.iter().collect::<Vec<_>>());
                assert_eq!(few.is_empty(), set.is_empty());
                assert!(Slot::ALL.iter().all(|s| few.contains(s) == set.contains(s)));
            }
        }
        assert!(Secret::ALL.iter().zip(Secret::ALL.iter().skip(1)).all(|(a, b)| a < b) && Slot::ALL.iter().zip(&Slot::ALL[1..]).all(|(a, b)| a < b));
    }

    #[test]
    fn embedded_vocabulary_loads() {
        let file = load_pages_file().expect("data/pages.toml parses");
        assert!(!file.fields.password.is_empty());
        assert!(file.identity.aliases.iter().any(|(id, _)| id == "alibaba"));
        let e = engine();
        for (id, _) in &file.identity.aliases {
            assert!(e.registry().platform(id).is_some(), "alias for unknown platform {id}");
        }
    }

    #[test]
    fn the_compact_vocabulary_reads_as_its_json() {
        // build.rs still writes every data file as JSON, which the serde derive reads.
        let json = std::fs::read_to_string(std::path::Path::new(env!("OUT_DIR")).join("pages.json")).unwrap();
        let from_json: PagesFile = serde_json::from_str(&json).unwrap();
        assert_eq!(load_pages_file().unwrap(), from_json);
        assert!(from_json.identity.words.other_brands.len() > 3 && from_json.fields.card_stems.len() > 3);
        // Cut short or run on, it is an error naming the file, not a panic.
        let (file, bytes) = PAGES.get();
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert!(matches!(PagesFile::read((file, &bytes[..cut])), Err(RegistryError::Malformed { file: f, .. }) if f == file));
        }
        assert!(PagesFile::read((file, &[bytes, &[0]].concat())).is_err());
    }

    #[test]
    fn fields_are_classified_from_type_name_label_and_autocomplete() {
        let e = engine();
        let j = Judge { engine: &e, vocab: Vocabulary::get(e.registry()) };
        let k = |f: FieldFacts| j.classify(&f);
        let pw = Some(FieldKind::Secret(Secret::Password));
        let otp = Some(FieldKind::Secret(Secret::OneTimeCode));
        let card = Some(FieldKind::Secret(Secret::CardNumber));
        assert_eq!(k(field("password", "x")), pw);
        // Kits that draw a password with CSS in a text field still name it.
        assert_eq!(k(field("text", "loginPassword")), pw);
        assert_eq!(k(field("text", "user_pass")), pw);
        assert_eq!(k(FieldFacts { label: "登录密码".into(), ..field("text", "f2") }), pw);
        assert_eq!(k(FieldFacts { placeholder: "请输入密码".into(), ..field("text", "") }), pw);
        assert_eq!(k(FieldFacts { autocomplete: "one-time-code".into(), ..field("text", "c") }), otp);
        assert_eq!(k(FieldFacts { placeholder: "短信验证码".into(), ..field("text", "c") }), otp);
        assert_eq!(k(FieldFacts { label: "动态码".into(), ..field("tel", "c") }), otp);
        assert_eq!(k(field("text", "otp")), otp);
        assert_eq!(k(FieldFacts { autocomplete: "cc-number".into(), ..field("text", "n") }), card);
        assert_eq!(k(field("tel", "cardNumber")), card);
        assert_eq!(k(FieldFacts { placeholder: "1234 5678 9012 3456".into(), ..field("text", "n") }), card);
        assert_eq!(k(FieldFacts { label: "卡号".into(), ..field("text", "n") }), card);
        assert_eq!(k(field("email", "email")), Some(FieldKind::Identifier));
        assert_eq!(k(FieldFacts { label: "账号".into(), ..field("text", "a") }), Some(FieldKind::Identifier));
        // Not credentials.
        assert_eq!(k(field("hidden", "password")), None, "hidden inputs cannot be typed in");
        assert_eq!(k(field("search", "q")), None);
        assert_eq!(k(FieldFacts { placeholder: "Search password managers".into(), ..field("text", "q") }), None);
        assert_eq!(k(FieldFacts { placeholder: "图形验证码".into(), ..field("text", "captcha") }), None);
        assert_eq!(k(field("text", "passport_number")), None, "a passport is not a pass");
        assert_eq!(k(field("text", "company")), None);
        assert_eq!(k(FieldFacts { label: "PIN code".into(), ..field("text", "pincode") }), None, "an Indian postal PIN code");
        assert_eq!(k(FieldFacts { visible: false, ..field("text", "otp") }), None);
        assert_eq!(k(FieldFacts { visible: false, ..field("password", "pw") }), None, "a hidden login modal asks nothing yet");
    }

    #[test]
    fn no_credential_field_is_allowed_whatever_the_page_looks_like() {
        let e = engine();
        let mut p = page("https://secure-verify-4412.top/", "Amazon Sign-In");
        p.forms = vec![FormFacts { fields: vec![field("search", "q")], ..FormFacts::default() }];
        let r = e.check_page(&p);
        assert_eq!(r.verdict, PageVerdict::Allow);
        assert!(r.reasons.is_empty());
        assert_eq!(e.check_page(&PageFacts::default()).verdict, PageVerdict::Allow);
    }

    #[test]
    fn genuine_login_hosts_are_allowed() {
        let e = engine();
        for (url, title) in [
            ("https://login.alibaba.com/newlogin/icbuLogin.htm", "Alibaba.com - Sign in"),
            ("https://sellercentral.amazon.com/ap/signin", "Amazon Sign-In"),
            ("https://signin.ebay.com/ws/eBayISAPI.dll?SignIn", "Sign in or Register | eBay"),
            ("https://accounts.shopify.com/store-login", "Log in — Shopify"),
            ("https://www.paypal.com/signin", "Log in to your PayPal account"),
            ("https://login.aliexpress.com/", "AliExpress 登录"),
        ] {
            let r = e.check_page(&page(url, title));
            assert_eq!(r.verdict, PageVerdict::Allow, "{url}: {:?}", r.reasons);
            assert!(codes(&r).contains(&"genuine_login"), "{url}");
            assert!(r.platform.is_some());
        }
    }

    #[test]
    fn a_page_presenting_itself_as_a_platform_off_its_domains_is_blocked() {
        let e = engine();
        for (url, title, target) in [
            ("https://secure-verify-4412.top/signin.php", "Amazon Sign-In", "amazon"),
            ("https://docs-view.example.net/", "Alibaba.com - Sign in", "alibaba"),
            ("https://example.org/wp-content/x/", "阿里巴巴国际站 - 登录", "alibaba"),
            ("https://example.org/ppl/", "Log in to your PayPal account", "paypal"),
            ("https://cool-store.myshopify.com/admin", "Log in — Shopify", "shopify"),
        ] {
            let r = e.check_page(&page(url, title));
            assert_eq!(r.verdict, PageVerdict::Block, "{title} on {url}: {:?}", r.reasons);
            assert!(codes(&r).contains(&"branded_page_off_platform"));
            assert_eq!(r.impersonates.as_deref(), Some(target));
        }
    }

    #[test]
    fn logos_headings_and_favicons_present_a_brand() {
        let e = engine();
        let mut p = page("https://account-review.example.net/", "Sign in");
        p.logos = vec!["https://account-review.example.net/img/aliexpress-logo@2x.png".into()];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Block, "logo file name");
        let mut p = page("https://account-review.example.net/", "Sign in");
        p.favicon = "https://www.paypalobjects.com/webstatic/icon/pp196.png".into();
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Block, "favicon hot-linked from PayPal");
        let mut p = page("https://account-review.example.net/", "Sign in");
        p.headings = vec!["Sign in to Seller Central".into()];
        p.text_sample = "Amazon Seller Central. Enter your e-mail and password.".into();
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Block, "heading plus text");
        let mut p = page("https://account-review.example.net/", "Sign in");
        p.headings = vec!["Sign in to Seller Central".into()];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow, "a heading alone is not enough");
    }

    #[test]
    fn mentioning_a_platform_is_not_presenting_as_it() {
        let e = engine();
        for title in [
            "Sellerboard | Profit analytics for Amazon sellers",
            "How to sell on Amazon in 2025: the complete guide",
            "Compare Amazon, eBay and Shopify fees",
            "知无不言跨境电商社区 - 亚马逊卖家论坛",
        ] {
            let mut p = page("https://seller-tools.example.com/login", title);
            p.text_sample = "We help Amazon and eBay sellers grow.".into();
            let r = e.check_page(&p);
            assert_eq!(r.verdict, PageVerdict::Allow, "{title}: {:?}", r.reasons);
        }
        // Text alone is weak.
        let mut p = page("https://blog.example.com/", "My blog");
        p.text_sample = "Today Amazon announced new fees for Seller Central. Amazon says ...".into();
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow);
    }

    #[test]
    fn a_site_that_names_itself_needs_more_than_one_brand_signal() {
        let e = engine();
        let mut p = page("https://www.sellerboard.com/login", "Sellerboard – Login");
        p.logos = vec!["Amazon".into()];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow, "own name in the title, a partner logo");
        let mut p = page("https://www.sellerboard.com/login", "Amazon Sign-In");
        p.favicon = "https://www.sellerboard.com/amazon-icon.ico".into();
        p.logos = vec!["sellerboard-logo.svg".into()];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Block, "title and favicon are the brand");
        // A domain name made of sign-in words is no identity.
        let mut p = page("https://secure-login-verify.com/", "Secure Login Verify | Amazon");
        p.logos = vec![];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Block);
    }

    #[test]
    fn a_brand_offered_as_a_means_is_not_the_pages_identity() {
        let e = engine();
        // Third-party logins offering "Login with Amazon" / "Continue with PayPal".
        let mut p = page("https://www.bookshop-example.com/signin", "Sign in");
        p.logos = vec!["Login with Amazon".into(), "https://images-na.ssl-images-amazon.com/images/G/01/lwa/btnLWA_gold_156x32.png".into()];
        p.headings = vec!["Sign in or continue with PayPal".into()];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow, "{:?}", e.check_page(&p).reasons);
        // But "with your Alibaba.com account" is still the brand asking.
        let mut p = page("https://viewer.example-share.com/d", "Secure viewer");
        p.headings = vec!["Sign in with your Alibaba.com account".into()];
        p.logos = vec!["Alibaba.com".into()];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Block);
    }

    #[test]
    fn seller_tools_and_sister_brands_on_their_own_sites_are_allowed() {
        let e = engine();
        // A Chinese seller ERP whose title names its own product first.
        let r = e.check_page(&page("https://erp.lingxing-example.com/login", "领星ERP - 亚马逊ERP"));
        assert_eq!(r.verdict, PageVerdict::Allow, "{:?}", r.reasons);
        // A platform's sister brand on a popular domain of its own.
        let r = e.check_page(&page("https://account.alibabacloud.com/login/login.htm", "Alibaba Cloud Sign In"));
        assert_eq!(r.verdict, PageVerdict::Allow, "{:?}", r.reasons);
        let mut p = page("https://account.alibabacloud.com/login/login.htm", "Alibaba Cloud Sign In");
        p.opened_from_inbox = Some("alibaba".into());
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Warn, "popular, but opened from an inbox link");
        // A copied tagline is not a site name.
        let mut p = page("https://supplier-portal.example-phish.net/", "Alibaba Manufacturer Directory - Suppliers, Manufacturers, Exporters & Importers");
        p.logos = vec!["Alibaba.com".into()];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Block, "{:?}", e.check_page(&p).reasons);
        // The same title on an unknown domain is a fake.
        let r = e.check_page(&page("https://cloud-console.example-phish.net/", "Alibaba Cloud Sign In"));
        assert_eq!(r.verdict, PageVerdict::Block, "{:?}", r.reasons);
    }

    #[test]
    fn a_buyers_own_site_opened_from_the_inbox_is_only_a_warning() {
        let e = engine();
        let mut p = page("https://www.hollinshomeware.example/account", "Customer login | Hollins Homeware");
        p.text_sample = "Hollins Homeware imports kitchenware. We source from suppliers on Alibaba.com.".into();
        p.opened_from_inbox = Some("alibaba".into());
        let r = e.check_page(&p);
        assert_eq!(r.verdict, PageVerdict::Warn, "{:?}", r.reasons);
        // A hidden login modal asks for nothing.
        let mut p = page("https://www.hollinshomeware.example/", "Hollins Homeware");
        p.forms[0].fields[1].visible = false;
        p.opened_from_inbox = Some("alibaba".into());
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow);
    }

    #[test]
    fn checkout_card_fields_beside_payment_badges_are_allowed() {
        let e = engine();
        let p = PageFacts {
            url: "https://shop.example-store.com/checkout".into(),
            title: "Checkout – Example Store".into(),
            logos: vec![
                "https://www.paypalobjects.com/webstatic/mktg/logo/pp_cc_mark_37x23.jpg".into(),
                "Visa".into(),
                "Mastercard".into(),
                "PayPal".into(),
            ],
            headings: vec!["Pay with PayPal".into(), "Payment".into()],
            forms: vec![FormFacts {
                action: "https://payments.gateway-example.com/charge".into(),
                fields: vec![
                    FieldFacts { autocomplete: "cc-number".into(), ..field("text", "number") },
                    FieldFacts { label: "Security code".into(), ..field("text", "cvc") },
                ],
                submit_text: "Pay now".into(),
                ..FormFacts::default()
            }],
            ..PageFacts::default()
        };
        let r = e.check_page(&p);
        assert_eq!(r.verdict, PageVerdict::Allow, "{:?}", r.reasons);
    }

    #[test]
    fn a_credential_form_posting_to_another_site_is_blocked() {
        let e = engine();
        // An ordinary site naming no platform: posting its login to another site is how some
        // sites work (a bank's home page to its online-banking provider). Noted, allowed.
        let mut p = page("https://www.harbourline-cu.org/", "Harbourline Credit Union");
        p.forms = vec![login_form("https://harbourline.onlinebanking-provider.com/login")];
        let r = e.check_page(&p);
        assert_eq!(r.verdict, PageVerdict::Allow, "{:?}", r.reasons);
        assert!(codes(&r).contains(&"form_posts_elsewhere"));
        // ... unless the page was opened from a platform's message,
        p.opened_from_inbox = Some("alibaba".into());
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Block);
        // names a platform,
        let mut p = page("https://forum.example.org/login", "Sign in with your PayPal account");
        p.forms = vec![login_form("https://collect.example-phish.net/gate.php")];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Block);
        // or the login goes to free hosting, a bare address or a lookalike.
        for action in ["https://collect.web.app/gate", "http://203.0.113.9/gate.php", "https://paypa1-secure.com/gate"] {
            let mut p = page("https://forum.example.org/login", "Example forum");
            p.forms = vec![login_form(action)];
            let r = e.check_page(&p);
            assert_eq!(r.verdict, PageVerdict::Block, "{action}: {:?}", r.reasons);
            assert!(codes(&r).contains(&"form_posts_elsewhere"), "{action}");
        }
        // Same site, relative, or to a platform's own domain: fine.
        for action in ["/session", "https://auth.example.org/login", "https://passport.alibaba.com/newlogin/login.do"] {
            let mut p = page("https://forum.example.org/login", "Example forum");
            p.forms = vec![login_form(action)];
            assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow, "{action}");
        }
        // Even on a genuine host, a login sent out of the platform is blocked.
        let mut p = page("https://login.alibaba.com/newlogin/icbuLogin.htm", "Alibaba.com - Sign in");
        p.forms = vec![login_form("https://collect.example-phish.net/gate.php")];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Block);
        let mut p = page("https://login.aliexpress.com/", "AliExpress");
        p.forms = vec![login_form("https://passport.alibaba.com/newlogin/login.do")];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow, "one login for the Alibaba group");
        // A saved HTML attachment (file:) posting anywhere.
        let mut p = page("file:///C:/Users/me/Downloads/remittance.html", "Remittance");
        p.forms = vec![login_form("https://collect.example-phish.net/gate.php")];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Block);
    }

    #[test]
    fn card_forms_posting_to_a_gateway_only_add_to_the_score() {
        let e = engine();
        let p = PageFacts {
            url: "https://shop.example-store.com/checkout".into(),
            forms: vec![FormFacts { action: "https://secure.gateway-example.net/pay".into(), fields: vec![field("text", "cardnumber")], ..FormFacts::default() }],
            ..PageFacts::default()
        };
        let r = e.check_page(&p);
        assert_eq!(r.verdict, PageVerdict::Allow, "{:?}", r.reasons);
        assert!(codes(&r).contains(&"form_posts_elsewhere"));
    }

    #[test]
    fn opened_from_inbox_warns_without_brand_and_blocks_with_it() {
        let e = engine();
        let mut p = page("https://files.example-share.com/view", "Document viewer");
        p.opened_from_inbox = Some("alibaba".into());
        let r = e.check_page(&p);
        assert_eq!(r.verdict, PageVerdict::Warn, "{:?}", r.reasons);
        assert!(codes(&r).contains(&"opened_from_inbox"));
        p.text_sample = "Sign in with your Alibaba.com account to view the remittance".into();
        let r = e.check_page(&p);
        assert_eq!(r.verdict, PageVerdict::Block, "{:?}", r.reasons);
        assert_eq!(r.impersonates.as_deref(), Some("alibaba"));
        // The referrer tells the same when the extension does not.
        let mut p = page("https://files.example-share.com/view", "Document viewer");
        p.referrer = "https://message.alibaba.com/".into();
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Warn);
        // A genuine platform page opened from an inbox is fine.
        let mut p = page("https://www.paypal.com/signin", "PayPal");
        p.opened_from_inbox = Some("alibaba".into());
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow);
        // Without a credential field nothing is asked.
        let mut p = page("https://files.example-share.com/view", "Document viewer");
        p.forms.clear();
        p.opened_from_inbox = Some("alibaba".into());
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow);
    }

    #[test]
    fn ordinary_sites_own_logins_are_allowed() {
        let e = engine();
        for (url, title) in [
            ("https://github.com/login", "Sign in to GitHub · GitHub"),
            ("https://forum.example.org/login", "Log in | Example Forum"),
            ("https://login.examplebank.example/", "Online banking"),
            ("https://my-app.vercel.app/login", "Login"),
        ] {
            let r = e.check_page(&page(url, title));
            assert_eq!(r.verdict, PageVerdict::Allow, "{url}: {:?}", r.reasons);
            assert!(codes(&r).contains(&"credential_form"));
        }
    }

    #[test]
    fn a_login_in_a_cross_origin_frame_counts() {
        let e = engine();
        let frame = FrameFacts { src: "https://collector.example-phish.net/f.html".into(), visible: true, forms: vec![login_form("")] };
        let mut p = PageFacts { url: "https://docs.example.net/".into(), title: "Alibaba.com - Sign in".into(), frames: vec![frame.clone()], ..PageFacts::default() };
        let r = e.check_page(&p);
        assert_eq!(r.verdict, PageVerdict::Block, "{:?}", r.reasons);
        assert!(codes(&r).contains(&"cross_origin_login_frame"));
        p.title = "Our documents".into();
        let r = e.check_page(&p);
        assert_eq!(r.verdict, PageVerdict::Warn, "unbranded page, foreign login frame: {:?}", r.reasons);
        // A payment provider's card frame on a checkout is ordinary.
        let card = FrameFacts {
            src: "https://js.stripe.com/v3/elements-inner-card.html".into(),
            visible: true,
            forms: vec![FormFacts { fields: vec![FieldFacts { autocomplete: "cc-number".into(), ..field("text", "cardnumber") }], ..FormFacts::default() }],
        };
        let p = PageFacts { url: "https://shop.example-store.com/checkout".into(), frames: vec![card], ..PageFacts::default() };
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow);
        // An invisible frame cannot be typed in.
        let p = PageFacts { url: "https://x.example.net/".into(), title: "Alibaba.com - Sign in".into(), frames: vec![FrameFacts { visible: false, ..frame }], ..PageFacts::default() };
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow);
    }

    #[test]
    fn attach_frame_finds_the_frame_by_address() {
        let mut top = PageFacts { frames: vec![FrameFacts { src: "https://a.example/f.html#x".into(), ..FrameFacts::default() }], ..PageFacts::default() };
        let child = PageFacts { url: "https://a.example/f.html".into(), forms: vec![login_form("")], ..PageFacts::default() };
        assert!(top.attach_frame(&child));
        assert_eq!(top.frames[0].forms.len(), 1);
        let other = PageFacts { url: "https://b.example/".into(), ..PageFacts::default() };
        assert!(!top.attach_frame(&other));
    }

    #[test]
    fn an_email_first_step_on_a_branded_page_is_a_warning() {
        let e = engine();
        let p = PageFacts {
            url: "https://signin-review.example.net/ap".into(),
            title: "Amazon Sign-In".into(),
            forms: vec![FormFacts { fields: vec![field("email", "email")], submit_text: "Continue".into(), ..FormFacts::default() }],
            ..PageFacts::default()
        };
        let r = e.check_page(&p);
        assert_eq!(r.verdict, PageVerdict::Warn, "{:?}", r.reasons);
        assert!(codes(&r).contains(&"account_name_form"));
        // A branded newsletter box is not a sign-in.
        let p = PageFacts {
            url: "https://deals.example.net/".into(),
            title: "Amazon deals".into(),
            forms: vec![FormFacts { fields: vec![field("email", "email")], submit_text: "Subscribe".into(), ..FormFacts::default() }],
            ..PageFacts::default()
        };
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow);
    }

    #[test]
    fn brand_named_on_free_hosting_with_a_login_is_a_warning() {
        let e = engine();
        let mut p = page("https://shared-docs-7731.netlify.app/", "Shared document");
        p.headings = vec!["View the Alibaba.com remittance document shared with you".into()];
        let r = e.check_page(&p);
        assert!(r.verdict >= PageVerdict::Warn, "{:?}", r.reasons);
        // A store on its own platform's hosting naming that platform is ordinary.
        let mut p = page("https://cool-store.myshopify.com/account/login", "Account – Cool Store");
        p.text_sample = "Powered by Shopify".into();
        p.headings = vec!["Login".into()];
        assert_eq!(e.check_page(&p).verdict, PageVerdict::Allow);
    }

    #[test]
    fn only_enabled_platforms_are_recognised() {
        let e = Engine::from_json(r#"{"platforms":["alibaba"]}"#).unwrap();
        assert_eq!(e.check_page(&page("https://secure-verify-4412.top/", "Amazon Sign-In")).verdict, PageVerdict::Allow);
        assert_eq!(e.check_page(&page("https://secure-verify-4412.top/", "Alibaba.com - Sign in")).verdict, PageVerdict::Block);
    }

    #[test]
    fn trusted_domains_are_allowed() {
        let e = Engine::from_json(r#"{"trustedDomains":["example-erp.com"]}"#).unwrap();
        let r = e.check_page(&page("https://login.example-erp.com/", "Amazon Seller Central - Sign in"));
        assert_eq!(r.verdict, PageVerdict::Allow, "{:?}", r.reasons);
    }

    #[test]
    fn old_callers_without_new_fields_still_parse_and_fields_default_visible() {
        let json = r#"{"url":"https://x.example/","forms":[{"fields":[{"type":"password"}]}],"frames":[{"src":"https://y.example/"}]}"#;
        let facts: PageFacts = serde_json::from_str(json).unwrap();
        assert!(facts.top_frame);
        assert!(facts.forms[0].fields[0].visible);
        assert!(facts.frames[0].visible);
    }

    #[test]
    fn text_helpers() {
        assert_eq!(words("loginPassword2"), " login password 2 ");
        assert_eq!(words("cc-number"), " cc number ");
        assert_eq!(words("登录密码"), " 登录密码 ");
        assert_eq!(squash("Jungle-Scout!"), "junglescout");
        assert_eq!(segments("Sign in | Alibaba.com - Suppliers: x"), vec!["Sign in ", " Alibaba.com ", " Suppliers", " x"]);
        assert_eq!(segments("Amazon Sign-In"), vec!["Amazon Sign-In"]);
        assert_eq!(runs("seller登录 ok"), vec!["seller", "登录", "ok"]);
        assert_eq!(file_stem("https://x/a/amazon-logo.svg?v=2"), "amazon-logo");
        assert_eq!(crate::bounds::cap("密码", 4), "密");
        assert!(looks_like_card_placeholder("1234 5678 9012 3456"));
        assert!(!looks_like_card_placeholder("+1 555 123 4567"));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn any_field() -> impl Strategy<Value = FieldFacts> {
            (".{0,12}", ".{0,16}", ".{0,8}", ".{0,16}", ".{0,24}", ".{0,24}", any::<bool>()).prop_map(|(kind, name, id, autocomplete, placeholder, label, visible)| FieldFacts {
                kind,
                name,
                id,
                autocomplete,
                placeholder,
                label,
                visible,
            })
        }

        fn any_form() -> impl Strategy<Value = FormFacts> {
            (prop_oneof![Just(String::new()), ".{0,40}", "https?://[a-z.]{1,20}/.{0,10}"], prop::collection::vec(any_field(), 0..6), ".{0,12}")
                .prop_map(|(action, fields, submit_text)| FormFacts { action, method: "post".into(), fields, submit_text })
        }

        fn any_facts() -> impl Strategy<Value = PageFacts> {
            (
                prop_oneof![".{0,40}", "https?://[a-z0-9.-]{1,30}/.{0,10}", Just("https://login.alibaba.com/newlogin/x".to_string())],
                prop_oneof![".{0,60}", Just("Amazon Sign-In".to_string()), Just("阿里巴巴 - 登录".to_string())],
                prop::option::of(prop_oneof![".{0,10}", Just("alibaba".to_string())]),
                prop::collection::vec(any_form(), 0..3),
                prop::collection::vec(".{0,40}", 0..3),
                prop::collection::vec(".{0,40}", 0..3),
                ".{0,40}",
                ".{0,200}",
                prop::collection::vec((".{0,40}", any::<bool>(), prop::collection::vec(any_form(), 0..2)), 0..2),
            )
                .prop_map(|(url, title, inbox, forms, headings, logos, favicon, text_sample, frames)| PageFacts {
                    url,
                    title,
                    opened_from_inbox: inbox,
                    forms,
                    headings,
                    logos,
                    favicon,
                    text_sample,
                    frames: frames.into_iter().map(|(src, visible, forms)| FrameFacts { src, visible, forms }).collect(),
                    ..PageFacts::default()
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
            #[test]
            fn arbitrary_page_facts_never_panic(facts in any_facts()) {
                static ENGINE: std::sync::LazyLock<Engine> = std::sync::LazyLock::new(|| Engine::from_json("{}").unwrap());
                let r = ENGINE.check_page(&facts);
                prop_assert!(r.score <= 100);
                let has_secret = r.reasons.iter().any(|x| x.code == Code::CredentialForm || x.code == Code::GenuineLogin || x.code == Code::TrustedDomain);
                if r.verdict == PageVerdict::Block {
                    prop_assert!(has_secret || r.reasons.iter().any(|x| x.code == Code::FormPostsElsewhere), "blocked without a secret: {:?}", r.reasons);
                }
            }
        }
    }
}
