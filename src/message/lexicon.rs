//! The lexicon: cue groups per language, how they combine into categories, compiled once.
//!
//! The words live in `data/lexicon/`: one file per language (`en.toml`, `zh.toml`) fills named
//! cue groups with short phrases and a few regexes; `rules.toml` says, for every language at
//! once, which groups make up each category's cues and how many distinct cues must agree
//! (SpamAssassin-style counted meta rules); `brands.toml` names each protected platform in
//! every language. Adding a language is adding a file and one line in `build.rs`'s `LANGUAGES`.
//!
//! Building compiles one phrase trie per language ([`Phrases`]) and a matcher of brand names
//! ([`Needles`]), and reads each group's regex DFA, which `build.rs` compiled from the same files
//! ([`re`](super::re)), so checking a message afterwards is a handful of linear scans. An engine
//! builds its lexicon on the first message it is asked about (or when the extension sees an
//! inbox page open), not at start, but that is still on the way to a seller's first answer,
//! so it is kept cheap: the language files are embedded in a compact form whose phrases are
//! borrowed, not parsed from JSON; phrases already written in normal form are not normalised
//! again; and no regex is compiled at all.
//! Every name a rule refers to must exist and every group a language fills must be used: a
//! typo in a data file is a build-time [`LexiconError`], not a silently dead rule.

use std::borrow::Cow;
#[cfg(test)]
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use crate::message::re::{Compiled, FileNames, ReError, Scanner};
use crate::lookalike::Needles;
use crate::packed;
use crate::message::re_syntax;
#[cfg(test)]
use serde::Deserialize;

use super::Category;
use super::normalize::{Fold, Normalized};
use super::phrases::Phrases;
use crate::reason::{Code, Severity};
use crate::registry::{Reader, Registry, RegistryError};

// The language files compiled in, as `LANGUAGES: [packed::File; N]` (file, compact form):
// `build.rs` lists them, since it joins their regexes in that order, and writes them in the form
// `registry::Reader` reads, so their ~6,000 phrases are borrowed from the unpacked data
// (`crate::packed`) instead of parsed from JSON and copied one allocation each. A new language
// is a data file plus a line in `build.rs`.
include!(concat!(env!("OUT_DIR"), "/lexicon_languages.rs"));
// The rules, brand names and file lists in the same compact form (`build.rs`,
// `compile_lexicon_tables`): reading them as JSON took a `serde_json` deserialiser for each of
// their record types into the module, ~40 KB of it.
// All of them are unpacked on the lexicon's first build (`crate::packed`: LZMA).
const RULES: packed::File = packed::File("data/lexicon/rules.toml", packed::LEXICON_RULES);
const BRANDS: packed::File = packed::File("data/lexicon/brands.toml", packed::LEXICON_BRANDS);
const FILES: packed::File = packed::File("data/lexicon/files.toml", packed::LEXICON_FILES);
/// The folds' `pairs`, as a list in the same compact form.
const FOLDS: packed::File = packed::File("data/lexicon/zh-hant.toml", packed::LEXICON_ZH_HANT);

/// Hits kept per group: enough to find pairs and quote evidence, bounded for hostile input.
pub const MAX_HITS_PER_GROUP: usize = 24;

/// Groups the message checker fills from structure rather than words (links, sender,
/// attachments). Rules refer to them by these names.
pub const STRUCTURAL: &[&str] = &[
    "@link",
    "@dangerous_link",
    "@contact_link",
    "@unknown_link",
    "@own_links",
    "@platform_notice",
    "@service_sender",
    "@attachment",
    "@risky_attachment",
    "@archive_attachment",
    "@risky_filename",
    "@archive_filename",
    "@risky_download",
    "@archive_download",
    "@short_text",
    "@freemail_address",
    "@free_mail_sender",
    "@sender_mismatch",
    "@reply_to_mismatch",
];

/// The group every language fills with negating words (`never`, `do not`, `请勿`).
const NEGATOR: &str = "negator";
/// The group brand names from `brands.toml` land in.
const BRAND: &str = "brand";
/// The group of words that make a following negation part of a condition ("if you do not").
const CONDITIONAL: &str = "conditional";
/// The group of words that make a negation ending in a colon an encouragement ("don't worry:",
/// "no need to wait:"), not the header of a list of things never done.
const NOT_A_LIST: &str = "not_a_list";

/// Index of a cue group.
pub type GroupId = u16;

/// Why the embedded lexicon could not be built. Only a broken data file produces these.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LexiconError {
    #[error("{file} is malformed: {why}")]
    Malformed { file: &'static str, why: String },
    #[error("{file}: group {group:?} has a bad regex: {why}")]
    BadRegex { file: &'static str, group: String, why: String },
    #[error("the regex DFAs compiled into the engine cannot be read: {0}")]
    Dfa(#[from] ReError),
    #[error("{file}: {what} refers to unknown group {group:?}")]
    UnknownGroup { file: &'static str, what: String, group: String },
    #[error("{file}: group {group:?} is filled but no rule uses it")]
    UnusedGroup { file: &'static str, group: String },
    #[error("{file}: {what}")]
    BadRule { file: &'static str, what: String },
}

// --- the data files, as written ---------------------------------------------------------------

/// A data file's table of named lists (`[groups]`, a category's `cues`), in name order, each
/// name once: the build writes them so. A sorted list where a B-tree map was: each key and
/// value type of a B-tree is ~5 KB of the module's code, and these are only ever walked.
#[derive(Debug, PartialEq)]
struct Table<K, V>(Vec<(K, V)>);

impl<K, V> Default for Table<K, V> {
    fn default() -> Table<K, V> {
        Table(Vec::new())
    }
}

impl<K, V> Table<K, V> {
    fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.len()
    }
}

impl<'t, K, V> IntoIterator for &'t Table<K, V> {
    type Item = &'t (K, V);
    type IntoIter = std::slice::Iter<'t, (K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Read from JSON (the tests) as the map it is written as.
#[cfg(test)]
impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Deserialize<'de> for Table<K, V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Table(BTreeMap::<K, V>::deserialize(d)?.into_iter().collect()))
    }
}

/// A count of (name, list), read as a [`Table`]: names must come in order, each once.
fn table<'a, V>(r: &mut Reader<'a>, list: impl Fn(&mut Reader<'a>) -> Result<V, RegistryError>) -> Result<Table<&'a str, V>, RegistryError> {
    let rows = r.records(|r| Ok((r.str()?, list(r)?)))?;
    if rows.windows(2).any(|w| w[0].0 >= w[1].0) {
        return Err(r.error("a table's names out of order"));
    }
    Ok(Table(rows))
}

#[derive(Debug, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(deny_unknown_fields))]
struct LanguageFile {
    language: String,
    #[cfg_attr(test, serde(default))]
    word_boundaries: bool,
    /// Unicode script name (`Latin`, `Han`) a message must contain for this file to be tried.
    script: String,
    negation_window: usize,
    /// Borrowed from the compact form compiled in; owned when read from JSON (tests).
    #[cfg_attr(test, serde(default))]
    groups: Table<Cow<'static, str>, Vec<Cow<'static, str>>>,
    /// A group's patterns; `None` in the compact form compiled in, which names the groups
    /// only: their DFAs were compiled by `build.rs` from these very files.
    #[cfg_attr(test, serde(default))]
    regex: Table<Cow<'static, str>, Option<Vec<Cow<'static, str>>>>,
}

impl LanguageFile {
    /// A language file from its compact form (`build.rs`, `language_record`): language,
    /// word boundaries (0 or 1), script, negation window, then the groups (each list of phrases
    /// sorted and front-coded, [`front_coded`]), then the names of its regex groups ([`regex_names`]).
    fn read(file: &'static str, bytes: &'static [u8]) -> Result<LanguageFile, LexiconError> {
        let mut r = Reader::new(file, bytes);
        let mut read = || -> Result<LanguageFile, RegistryError> {
            let language = r.str()?.to_string();
            let word_boundaries = match r.number()? {
                0 => false,
                1 => true,
                _ => return Err(r.error("word_boundaries neither 0 nor 1")),
            };
            let script = r.str()?.to_string();
            let negation_window = r.number()?;
            let groups = front_coded(&mut r)?.0;
            let groups = Table(groups.into_iter().map(|(name, list)| (Cow::Borrowed(name), list.into_iter().map(Cow::Owned).collect())).collect());
            let regex = regex_names(&mut r)?;
            let regex = Table(regex.0.into_iter().map(|(name, none)| (Cow::Owned(name), none)).collect());
            r.finish()?;
            Ok(LanguageFile { language, word_boundaries, script, negation_window, groups, regex })
        };
        read().map_err(|RegistryError::Malformed { file, why }| LexiconError::Malformed { file, why })
    }
}

#[derive(Debug, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(deny_unknown_fields))]
struct RulesFile {
    #[cfg_attr(test, serde(default))]
    /// As [`LanguageFile::regex`].
    shared_regex: Table<String, Option<Vec<String>>>,
    #[cfg_attr(test, serde(default))]
    negatable: Vec<String>,
    #[cfg_attr(test, serde(default))]
    derived: Vec<DerivedDef>,
    #[cfg_attr(test, serde(default))]
    outranked: Vec<OutrankDef>,
    #[cfg_attr(test, serde(default))]
    signal: Vec<SignalDef>,
    #[cfg_attr(test, serde(default))]
    category: Vec<CategoryDef>,
}

#[derive(Debug, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(deny_unknown_fields))]
struct DerivedDef {
    id: String,
    near: (String, String),
    window: usize,
    #[cfg_attr(test, serde(default = "yes"))]
    same_sentence: bool,
}

#[derive(Debug, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(deny_unknown_fields))]
struct OutrankDef {
    groups: Vec<String>,
    by: String,
}

#[cfg(test)]
fn yes() -> bool {
    true
}

#[derive(Debug, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(deny_unknown_fields))]
struct SignalDef {
    group: String,
    code: String,
    severity: String,
    weight: u8,
    message: String,
}

#[derive(Debug, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(deny_unknown_fields))]
struct CategoryDef {
    id: Category,
    severity: String,
    weight: u8,
    need: usize,
    message: String,
    cues: Table<String, Vec<String>>,
    #[cfg_attr(test, serde(default))]
    require: Vec<Vec<String>>,
    #[cfg_attr(test, serde(default))]
    sufficient: Vec<String>,
    #[cfg_attr(test, serde(default))]
    veto: Vec<String>,
    #[cfg_attr(test, serde(default))]
    veto_at: usize,
    #[cfg_attr(test, serde(default))]
    block: Vec<String>,
}

#[derive(Debug, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(deny_unknown_fields))]
struct BrandsFile {
    names: Table<String, Vec<String>>,
}

/// File names and types in messages (`data/lexicon/files.toml`).
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(deny_unknown_fields))]
pub struct Files {
    /// Endings a second, real extension hides behind (`invoice.pdf.exe`).
    pub document_endings: Vec<String>,
    /// MIME types that run or render whatever the file is called.
    pub dangerous_types: Vec<String>,
    /// Endings that are top-level domains too but in running text name files.
    pub file_endings_not_sites: Vec<String>,
    /// Dangerous or archive extensions that in running text are words or domain endings.
    pub in_text_not_files: Vec<String>,
}

/// Reads a data file's compact form, or says what is wrong with it, naming the file.
fn read_compact<T>((file, bytes): (&'static str, &'static [u8]), read: impl FnOnce(&mut Reader<'static>) -> Result<T, RegistryError>) -> Result<T, LexiconError> {
    let mut r = Reader::new(file, bytes);
    read(&mut r).and_then(|t| r.finish().map(|()| t)).map_err(|RegistryError::Malformed { file, why }| LexiconError::Malformed { file, why })
}

/// The phrase groups as `build.rs` front-codes them (`Record::front_coded_lists`): a count of
/// (name, count of phrases, per phrase the number of bytes it shares with the phrase before),
/// then one string of every phrase's rest, each ended by a newline.
fn front_coded<'a>(r: &mut Reader<'a>) -> Result<Table<&'a str, Vec<String>>, RegistryError> {
    let shapes = table(r, |r| r.records(Reader::number))?;
    let text = r.str()?;
    if !text.is_empty() && !text.ends_with('\n') {
        return Err(r.error("phrases that do not end with a line break"));
    }
    let mut rests = text.split_terminator('\n');
    let mut groups = Vec::with_capacity(shapes.0.len());
    for (name, shared) in shapes.0 {
        let mut before = String::new();
        let mut phrases = Vec::with_capacity(shared.len());
        for n in shared {
            let rest = rests.next().ok_or_else(|| r.error("fewer phrases than counted"))?;
            if n > before.len() || !before.is_char_boundary(n) {
                return Err(r.error("a phrase that shares more than the phrase before it"));
            }
            let mut phrase = String::with_capacity(n + rest.len());
            phrase.push_str(&before[..n]);
            phrase.push_str(rest);
            before.clone_from(&phrase);
            phrases.push(phrase);
        }
        groups.push((name, phrases));
    }
    if rests.next().is_some() {
        return Err(r.error("more phrases than counted"));
    }
    Ok(Table(groups))
}

/// The character folds as `build.rs` writes them (`Record::fold_pairs`): a count, each pair's
/// first character as its distance from the first before, then each second character as the
/// zigzag of its distance from the second before.
fn fold_pairs(r: &mut Reader<'_>) -> Result<Vec<(char, char)>, RegistryError> {
    let n = r.number()?;
    let mut pairs = Vec::new();
    let mut from = 0u32;
    for _ in 0..n {
        let d = u32::try_from(r.number()?).map_err(|_| r.error("a character out of range"))?;
        from = from.checked_add(d).ok_or_else(|| r.error("a character out of range"))?;
        pairs.push((char::from_u32(from).ok_or_else(|| r.error("not a character"))?, '\0'));
    }
    let mut to = 0i64;
    for pair in &mut pairs {
        let z = r.number()? as i64;
        to += if z % 2 == 0 { z / 2 } else { -(z + 1) / 2 };
        pair.1 = u32::try_from(to).ok().and_then(char::from_u32).ok_or_else(|| r.error("not a character"))?;
    }
    Ok(pairs)
}

fn strings(r: &mut Reader<'_>) -> Result<Vec<String>, RegistryError> {
    r.records(|r| r.str().map(str::to_string))
}

/// A count of (name, list of strings), as a [`Table`].
fn named_lists(r: &mut Reader<'_>) -> Result<Table<String, Vec<String>>, RegistryError> {
    Ok(Table(table(r, strings)?.0.into_iter().map(|(name, list)| (name.to_string(), list)).collect()))
}

/// The names of a file's regex groups, as `build.rs` writes them (`Record::regex_names`): a
/// sorted list. The patterns stay out of the module: each group's DFA is compiled in.
fn regex_names<T>(r: &mut Reader<'_>) -> Result<Table<String, Option<T>>, RegistryError> {
    let names = strings(r)?;
    if names.windows(2).any(|w| w[0] >= w[1]) {
        return Err(r.error("regex group names out of order"));
    }
    Ok(Table(names.into_iter().map(|n| (n, None)).collect()))
}

fn weight(r: &mut Reader<'_>) -> Result<u8, RegistryError> {
    let n = r.number()?;
    u8::try_from(n).map_err(|_| r.error(&format!("weight {n} is over 255")))
}

fn flag(r: &mut Reader<'_>) -> Result<bool, RegistryError> {
    match r.number()? {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(r.error("a flag neither 0 nor 1")),
    }
}

impl RulesFile {
    /// `rules.toml` from its compact form (`build.rs`, `compile_lexicon_tables`): its tables in
    /// the order of the fields here, a record's fields in their order, a missing optional
    /// field written as its default.
    fn read(file: (&'static str, &'static [u8])) -> Result<RulesFile, LexiconError> {
        read_compact(file, |r| {
            Ok(RulesFile {
                shared_regex: regex_names(r)?,
                negatable: strings(r)?,
                derived: r.records(|r| {
                    Ok(DerivedDef {
                        id: r.str()?.to_string(),
                        near: (r.str()?.to_string(), r.str()?.to_string()),
                        window: r.number()?,
                        same_sentence: flag(r)?,
                    })
                })?,
                outranked: r.records(|r| Ok(OutrankDef { groups: strings(r)?, by: r.str()?.to_string() }))?,
                signal: r.records(|r| {
                    Ok(SignalDef {
                        group: r.str()?.to_string(),
                        code: r.str()?.to_string(),
                        severity: r.str()?.to_string(),
                        weight: weight(r)?,
                        message: r.str()?.to_string(),
                    })
                })?,
                category: r.records(|r| {
                    let id = r.str()?;
                    Ok(CategoryDef {
                        id: Category::ALL.iter().copied().find(|c| c.as_str() == id).ok_or_else(|| r.error(&format!("unknown category {id:?}")))?,
                        severity: r.str()?.to_string(),
                        weight: weight(r)?,
                        need: r.number()?,
                        message: r.str()?.to_string(),
                        cues: named_lists(r)?,
                        require: r.records(strings)?,
                        sufficient: strings(r)?,
                        veto: strings(r)?,
                        veto_at: r.number()?,
                        block: strings(r)?,
                    })
                })?,
            })
        })
    }
}

impl BrandsFile {
    fn read(file: (&'static str, &'static [u8])) -> Result<BrandsFile, LexiconError> {
        read_compact(file, |r| Ok(BrandsFile { names: named_lists(r)? }))
    }
}

impl Files {
    fn read(file: (&'static str, &'static [u8])) -> Result<Files, LexiconError> {
        read_compact(file, |r| {
            Ok(Files {
                document_endings: strings(r)?,
                dangerous_types: strings(r)?,
                file_endings_not_sites: strings(r)?,
                in_text_not_files: strings(r)?,
            })
        })
    }
}

// --- compiled ---------------------------------------------------------------------------------

/// One compiled language.
#[derive(Debug)]
pub struct Language {
    pub code: String,
    pub word_boundaries: bool,
    pub script: unicode_script::Script,
    pub negation_window: usize,
    /// The language's phrases and the brand names written in its script.
    pub phrases: Phrases,
    /// For each phrase: the groups it fills and whether it is a stem (`suspend*`).
    pub patterns: Vec<PatternInfo>,
    /// Every pattern's groups, one after the other (one list instead of one allocation each).
    pub group_list: Vec<GroupId>,
}

impl Language {
    /// The groups phrase `info` fills, in the order the files name them.
    pub fn groups(&self, info: &PatternInfo) -> &[GroupId] {
        &self.group_list[info.groups.0 as usize..info.groups.1 as usize]
    }
}

#[derive(Clone, Debug, Default)]
pub struct PatternInfo {
    /// The groups it fills: `Language::group_list[groups.0..groups.1]` (see [`Language::groups`]).
    pub groups: (u32, u32),
    /// A stem: no word boundary required after it.
    pub stem: bool,
    /// The platform a brand name names (a hit of the `brand` group).
    pub platform: Option<usize>,
}

/// Brand names of protected platforms, in every language, found in a sender's name.
#[derive(Debug, Default)]
pub struct Brands {
    /// The names, normalised. Not an automaton: a few dozen names searched in one short
    /// name per message, where building one cost more than every search (see [`Needles`]).
    names: Needles,
    /// Registry index of the platform each name names.
    platform: Vec<usize>,
}

impl Brands {
    /// The brand names in `text` as a leftmost-longest search finds them (a longer name hides
    /// the shorter ones inside it): `(start, end, platform)`.
    pub fn find(&self, text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.names.leftmost_longest(text).into_iter().map(|m| (m.start, m.end, self.platform[m.pattern]))
    }
}

/// The endings (`.exe`, `.zip`) of the file-name regexes: when none occurs in a message,
/// neither regex can match and both scans are skipped, which most messages are.
#[derive(Debug, Default)]
pub struct FileEndings {
    /// Each ending with its dot, lowercase, filed by the byte after the dot: those starting
    /// with byte `b` are `endings[heads[b]..heads[b + 1]]`. A dot in a text is then checked
    /// against the few endings that could start there (a domain's `.com` against `.cab`,
    /// `.chm`, `.cmd`...), not all of them.
    endings: Vec<String>,
    heads: Vec<u16>,
}

impl FileEndings {
    fn new(mut endings: Vec<String>) -> FileEndings {
        endings.retain(|e| e.len() > 1);
        let second = |e: &String| usize::from(e.as_bytes()[1]);
        // Filed by counting (a few dozen endings; no sort needed).
        let mut heads = vec![0u16; 257];
        for e in &endings {
            heads[second(e) + 1] += 1;
        }
        for b in 0..256 {
            heads[b + 1] += heads[b];
        }
        let mut next = heads.clone();
        let mut filed = vec![String::new(); endings.len()];
        for e in endings {
            let slot = &mut next[second(&e)];
            filed[usize::from(*slot)] = e;
            *slot += 1;
        }
        FileEndings { endings: filed, heads }
    }

    /// True when some ending occurs in `text` (normalised, so lowercase).
    pub fn occur_in(&self, text: &str) -> bool {
        let b = text.as_bytes();
        memchr::memchr_iter(b'.', b).any(|i| {
            let Some(&n) = b.get(i + 1) else { return false };
            let (lo, hi) = (usize::from(self.heads[usize::from(n)]), usize::from(self.heads[usize::from(n) + 1]));
            self.endings[lo..hi].iter().any(|e| b[i..].starts_with(e.as_bytes()))
        })
    }
}

/// A group that holds where two others occur close together (`send` near `verification code`).
#[derive(Clone, Debug)]
pub struct Derived {
    pub id: GroupId,
    pub left: GroupId,
    pub right: GroupId,
    /// Largest gap, in characters of normalised text, between the two hits.
    pub window: usize,
    /// Whether the two hits must be in one sentence.
    pub same_sentence: bool,
}

/// Groups whose hits are dropped where a hit of `by` covers them: the longer phrase says who
/// does it. `provide` asks for a code, `we will provide` announces one; `发送给` asks, `发送给您`
/// tells the seller what the platform sends.
#[derive(Clone, Debug)]
pub struct Outranked {
    pub groups: Vec<GroupId>,
    pub by: GroupId,
}

/// A group whose hits are worth a reason of their own (urgency, threats, money).
#[derive(Clone, Debug)]
pub struct SignalRule {
    pub group: GroupId,
    pub code: Code,
    pub severity: Severity,
    pub weight: u8,
    pub message: String,
}

/// A cue: one independent piece of evidence, filled by any of several groups.
#[derive(Clone, Debug)]
pub struct Cue {
    pub name: String,
    pub groups: Vec<GroupId>,
}

/// How a category is recognised: at least `need` distinct cues, every `require` set met,
/// not vetoed by `veto_at` or more of the `veto` groups nor by any one `block` group; or any
/// `sufficient` group alone (a block stops that too).
///
/// Vetoes are counted because a real buyer's details add up (a quantity alone proves little,
/// a quantity, a specification and a destination do); a block is one fact that on its own
/// settles it (the writer is the one issuing the invitation letter), which a count could only
/// fake by listing the group several times.
#[derive(Clone, Debug)]
pub struct CategoryRule {
    pub category: Category,
    pub severity: Severity,
    pub weight: u8,
    pub need: usize,
    pub message: String,
    pub cues: Vec<Cue>,
    /// Indexes into `cues`; each inner list needs at least one hit.
    pub require: Vec<Vec<usize>>,
    pub sufficient: Vec<GroupId>,
    pub veto: Vec<GroupId>,
    pub veto_at: usize,
    /// Groups any one hit of which stops the rule.
    pub block: Vec<GroupId>,
}

/// The compiled keyword lists of every language and the rules that combine them.
#[derive(Debug)]
pub struct Lexicon {
    names: Vec<String>,
    /// Group ids by name, as `usize`: the registry's map of platform ids has that type, and one
    /// map type is one copy of its code in the WebAssembly module.
    by_name: FxHashMap<String, usize>,
    pub negatable: Vec<bool>,
    /// Groups a derived rule pairs with others: every hit matters, not just the first.
    pub paired: Vec<bool>,
    pub languages: Vec<Language>,
    /// One regex DFA per group, joining the shared patterns and every language's: each
    /// group's patterns are specific to their script, so one scan serves all languages, and
    /// all groups share one pass over the text.
    pub regexes: Scanner,
    /// The group of each of `regexes`' DFAs.
    pub regex_groups: Vec<GroupId>,
    pub brands: Brands,
    pub derived: Vec<Derived>,
    pub outranked: Vec<Outranked>,
    pub signals: Vec<SignalRule>,
    pub categories: Vec<CategoryRule>,
    pub negator: GroupId,
    pub conditional: GroupId,
    pub not_a_list: GroupId,
    pub brand: GroupId,
    /// File names with an extension that runs or renders, mentioned in the text.
    pub risky_filename: FileNames,
    /// Archive file names (`.zip`, `.rar`, `.7z`) mentioned in the text.
    pub archive_filename: FileNames,
    /// `.ext` for every extension of the two above: when none occurs, neither regex can match
    /// and both scans are skipped.
    pub file_endings: FileEndings,
    /// Character folds from data (Traditional to Simplified Chinese).
    pub fold: Fold,
    /// File names and types.
    pub files: Files,
    /// The wording model: a second opinion when no rule speaks.
    pub wording: super::wording::Wording,
}

impl Lexicon {
    /// Builds the lexicon compiled into the binary. Brand names resolve against `registry`.
    pub fn embedded(registry: &Registry) -> Result<Lexicon, LexiconError> {
        let rules = RulesFile::read(RULES.get())?;
        let brands = BrandsFile::read(BRANDS.get())?;
        let files = Files::read(FILES.get())?;
        let pairs = read_compact(FOLDS.get(), fold_pairs)?;
        let fold = Fold::from_sorted(pairs).ok_or(LexiconError::Malformed { file: FOLDS.0, why: "fold pairs out of order".into() })?;
        let mut langs = Vec::new();
        for (file, bytes) in LANGUAGES.map(packed::File::get) {
            langs.push((file, LanguageFile::read(file, bytes)?));
        }
        Lexicon::build(registry, rules, brands, fold, files, langs)
    }

    fn build(
        registry: &Registry,
        rules: RulesFile,
        brands: BrandsFile,
        fold: Fold,
        files: Files,
        langs: Vec<(&'static str, LanguageFile)>,
    ) -> Result<Lexicon, LexiconError> {
        let rf = RULES.0;
        let mut lex = Lexicon {
            names: Vec::new(),
            by_name: FxHashMap::default(),
            negatable: Vec::new(),
            paired: Vec::new(),
            languages: Vec::new(),
            regexes: Scanner::new(&[])?,
            regex_groups: Vec::new(),
            brands: Brands::default(),
            derived: Vec::new(),
            outranked: Vec::new(),
            signals: Vec::new(),
            categories: Vec::new(),
            negator: 0,
            conditional: 0,
            not_a_list: 0,
            brand: 0,
            risky_filename: filename_regex(&registry.links.dangerous_extensions, &files, &crate::message::re::RISKY_FILENAME)?,
            archive_filename: filename_regex(&registry.links.archive_extensions, &files, &crate::message::re::ARCHIVE_FILENAME)?,
            file_endings: file_endings(registry, &files),
            fold,
            files,
            wording: super::wording::Wording::embedded()?,
        };
        // Every group a rule may name: structural ones, the two built-ins, derived ids, shared
        // regex groups, and whatever the languages fill.
        for s in STRUCTURAL {
            lex.intern(s);
        }
        lex.negator = lex.intern(NEGATOR);
        lex.conditional = lex.intern(CONDITIONAL);
        lex.not_a_list = lex.intern(NOT_A_LIST);
        lex.brand = lex.intern(BRAND);
        for d in &rules.derived {
            lex.intern(&d.id);
        }
        for name in rules.shared_regex.keys() {
            lex.intern(name);
        }
        for (_, l) in &langs {
            for name in l.groups.keys().chain(l.regex.keys()) {
                lex.intern(name);
            }
        }
        let mut used = vec![false; lex.names.len()];
        used[lex.negator as usize] = true;
        used[lex.conditional as usize] = true;
        used[lex.not_a_list as usize] = true;

        for d in &rules.derived {
            let id = lex.id(&d.id).expect("interned above");
            let left = lex.lookup(rf, &format!("derived {}", d.id), &d.near.0)?;
            let right = lex.lookup(rf, &format!("derived {}", d.id), &d.near.1)?;
            used[left as usize] = true;
            used[right as usize] = true;
            lex.derived.push(Derived { id, left, right, window: d.window, same_sentence: d.same_sentence });
        }
        for o in &rules.outranked {
            let what = format!("outranked by {}", o.by);
            let by = lex.lookup(rf, &what, &o.by)?;
            used[by as usize] = true;
            let groups = o.groups.iter().map(|g| lex.lookup(rf, &what, g)).collect::<Result<Vec<_>, _>>()?;
            lex.outranked.push(Outranked { groups, by });
        }
        // Each group's patterns with their files, by group id, and whether a compact file
        // named it without them.
        let mut patterns: Vec<Vec<(&'static str, &str)>> = vec![Vec::new(); lex.names.len()];
        let mut named: Vec<Option<&'static str>> = vec![None; lex.names.len()];
        for (name, list) in &rules.shared_regex {
            let id = lex.id(name).expect("interned above") as usize;
            match list {
                Some(list) => patterns[id].extend(list.iter().map(|re| (rf, re.as_str()))),
                None => named[id] = Some(rf),
            }
        }
        for (file, l) in &langs {
            for (name, list) in &l.regex {
                let id = lex.id(name).expect("interned above") as usize;
                match list {
                    Some(list) => patterns[id].extend(list.iter().map(|re| (*file, re.as_ref()))),
                    None => named[id] = Some(*file),
                }
            }
        }
        // Each group's DFA was compiled by build.rs from the data files. The compact files
        // compiled in name their groups only (the patterns, ~4 KB of the module gzipped, are
        // the DFAs' source and nothing else); data with patterns (as the tests build) must
        // join to the pattern the DFA was compiled from.
        let mut compiled = Vec::new();
        for (id, (list, named)) in patterns.into_iter().zip(named).enumerate().filter(|(_, (list, named))| !list.is_empty() || named.is_some()) {
            let id = id as GroupId;
            let name = &lex.names[id as usize];
            let joined = re_syntax::join(&list.iter().map(|(_, r)| *r).collect::<Vec<&str>>());
            let file = list.first().map(|(f, _)| *f).or(named).unwrap_or(rf);
            match (Compiled::group(name), named) {
                (Some(c), Some(_)) if list.is_empty() => compiled.push(c),
                (Some(c), None) if c.compiled_from(&joined) => compiled.push(c),
                (None, Some(_)) => {
                    let why = "build.rs compiled no DFA for it".to_string();
                    return Err(LexiconError::BadRegex { file, group: name.clone(), why });
                }
                _ => {
                    let why = format!("{joined:?} is not the pattern build.rs compiled for it (only data/lexicon's regexes are compiled)");
                    return Err(LexiconError::BadRegex { file, group: name.clone(), why });
                }
            }
            lex.regex_groups.push(id);
        }
        lex.regexes = Scanner::new(&compiled)?;
        lex.paired = vec![false; lex.names.len()];
        for d in &lex.derived {
            lex.paired[d.left as usize] = true;
            lex.paired[d.right as usize] = true;
        }
        lex.negatable = vec![false; lex.names.len()];
        for name in &rules.negatable {
            let id = lex.lookup(rf, "negatable", name)?;
            lex.negatable[id as usize] = true;
        }
        for s in &rules.signal {
            let group = lex.lookup(rf, "signal", &s.group)?;
            used[group as usize] = true;
            let code = Code::ALL
                .iter()
                .copied()
                .find(|c| c.as_str() == s.code)
                .ok_or_else(|| LexiconError::BadRule { file: rf, what: format!("signal {}: unknown reason code {:?}", s.group, s.code) })?;
            let severity = severity(rf, &s.severity)?;
            lex.signals.push(SignalRule { group, code, severity, weight: s.weight, message: s.message.clone() });
        }
        for c in &rules.category {
            let what = format!("category {:?}", c.id);
            let mut cues = Vec::new();
            for (name, groups) in &c.cues {
                let mut ids = Vec::new();
                for g in groups {
                    let id = lex.lookup(rf, &what, g)?;
                    used[id as usize] = true;
                    ids.push(id);
                }
                cues.push(Cue { name: name.clone(), groups: ids });
            }
            let mut require = Vec::new();
            for set in &c.require {
                let mut idx = Vec::new();
                for name in set {
                    let i = cues.iter().position(|q| &q.name == name).ok_or_else(|| LexiconError::BadRule {
                        file: rf,
                        what: format!("{what}: require names unknown cue {name:?}"),
                    })?;
                    idx.push(i);
                }
                require.push(idx);
            }
            let mut ids = |list: &[String]| -> Result<Vec<GroupId>, LexiconError> {
                list.iter()
                    .map(|g| {
                        let id = lex.lookup(rf, &what, g)?;
                        used[id as usize] = true;
                        Ok(id)
                    })
                    .collect()
            };
            let sufficient = ids(&c.sufficient)?;
            let veto = ids(&c.veto)?;
            let block = ids(&c.block)?;
            if c.need == 0 || c.need > cues.len() {
                return Err(LexiconError::BadRule { file: rf, what: format!("{what}: need {} of {} cues", c.need, cues.len()) });
            }
            // A veto that can never trip, or a group counted twice, says the writer meant a
            // block: both are errors rather than silently different weights.
            if !veto.is_empty() && (c.veto_at == 0 || c.veto_at > veto.len()) {
                let why = format!("{what}: veto_at {} with {} veto groups", c.veto_at, veto.len());
                return Err(LexiconError::BadRule { file: rf, what: why });
            }
            if let Some(g) = veto.iter().enumerate().find_map(|(i, g)| veto[..i].contains(g).then_some(g)) {
                let why = format!("{what}: veto lists {:?} twice (one hit that should stop the rule belongs in `block`)", lex.names[*g as usize]);
                return Err(LexiconError::BadRule { file: rf, what: why });
            }
            lex.categories.push(CategoryRule {
                category: c.id,
                severity: severity(rf, &c.severity)?,
                weight: c.weight,
                need: c.need,
                message: c.message.clone(),
                cues,
                require,
                sufficient,
                veto,
                veto_at: c.veto_at,
                block,
            });
        }
        // A derived or shared group used by nothing is as dead as an unused word list (and is
        // how a key that TOML put in the wrong table shows up).
        let shared = rules.derived.iter().map(|d| &d.id).chain(rules.shared_regex.keys());
        for name in shared {
            if !used[lex.id(name).expect("interned above") as usize] {
                return Err(LexiconError::UnusedGroup { file: rf, group: name.clone() });
            }
        }
        lex.brands = compile_brands(registry, &brands, &lex.fold)?;
        let brand_names = brand_names(registry, &brands, &lex.fold)?;
        for (file, l) in langs {
            for name in l.groups.keys().chain(l.regex.keys()) {
                let id = lex.id(name).expect("interned above");
                if !used[id as usize] {
                    return Err(LexiconError::UnusedGroup { file, group: name.to_string() });
                }
            }
            let language = lex.compile_language(file, &l, &brand_names)?;
            lex.languages.push(language);
        }
        Ok(lex)
    }

    /// Normalises text the way the lexicon's phrases were: built-in folding plus data folds.
    pub fn normalize(&self, text: &str) -> Normalized {
        Normalized::with_fold(text, &self.fold)
    }

    /// A phrase's normalised text. Most phrases are written normalised already (lowercase
    /// ASCII and Han characters no fold changes, single spaces between), which normalising
    /// would copy unchanged: those are borrowed.
    fn normalize_phrase<'a>(&self, raw: &'a str) -> Cow<'a, str> {
        let mut prev_space = true;
        let plain = raw.chars().all(|c| {
            let ok = match c {
                ' ' => !prev_space,
                '!'..='~' => c != '-' && !c.is_ascii_uppercase(),
                '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => self.fold.get(c).is_none(),
                _ => false,
            };
            prev_space = c == ' ';
            ok
        }) && !prev_space;
        if plain { Cow::Borrowed(raw) } else { Cow::Owned(self.normalize(raw).text) }
    }

    fn intern(&mut self, name: &str) -> GroupId {
        if let Some(&id) = self.by_name.get(name) {
            return id as GroupId;
        }
        let id = self.names.len() as GroupId;
        self.names.push(name.to_string());
        self.by_name.insert(name.to_string(), usize::from(id));
        id
    }

    /// The id of a group, if any file or rule defines it.
    pub fn id(&self, name: &str) -> Option<GroupId> {
        self.by_name.get(name).map(|&id| id as GroupId)
    }

    fn lookup(&self, file: &'static str, what: &str, name: &str) -> Result<GroupId, LexiconError> {
        self.id(name).ok_or_else(|| LexiconError::UnknownGroup { file, what: what.to_string(), group: name.to_string() })
    }

    /// The name of group `id`.
    pub fn name(&self, id: GroupId) -> &str {
        &self.names[id as usize]
    }

    /// How many groups there are (the size of a hit table).
    pub fn group_count(&self) -> usize {
        self.names.len()
    }

    /// Compiles one language's phrases, plus the brand names written in its script, into one
    /// trie (brands ride along so a message is not scanned once more for them).
    fn compile_language(&self, file: &'static str, l: &LanguageFile, brands: &[(String, usize)]) -> Result<Language, LexiconError> {
        // The script named, found among the characters of the language's own phrases: naming
        // it back from its name (`Script::from_full_name`) would bring unicode-script's table
        // of every script's name, 6 KB of module, for this one lookup.
        let script = l
            .groups
            .0
            .iter()
            .flat_map(|(_, phrases)| phrases.iter())
            .flat_map(|p| p.chars())
            .map(|c| crate::confusable::UnicodeScript::script(&c))
            .find(|&s| crate::confusable::script_name(s) == l.script)
            .ok_or_else(|| LexiconError::Malformed { file, why: format!("no phrase is written in its script {:?}", l.script) })?;
        // Every (group, phrase, stem, platform) the file and the brand names give, normalised
        // first so the index below can borrow them.
        let mut entries: Vec<(GroupId, Cow<'_, str>, bool, Option<usize>)> = Vec::new();
        for (name, phrases) in &l.groups {
            let id = self.id(name).expect("interned");
            for raw in phrases {
                let stem = raw.ends_with('*');
                let norm = self.normalize_phrase(raw.trim_end_matches('*'));
                if norm.is_empty() {
                    return Err(LexiconError::Malformed { file, why: format!("group {name:?} has an empty phrase") });
                }
                entries.push((id, norm, stem, None));
            }
        }
        for (name, platform) in brands {
            let in_script = if script == unicode_script::Script::Latin {
                name.is_ascii()
            } else {
                use crate::confusable::UnicodeScript;
                name.chars().any(|c| c.script() == script)
            };
            if in_script {
                entries.push((self.brand, Cow::Borrowed(name.as_str()), false, Some(*platform)));
            }
        }
        // One pattern per distinct normalised phrase; a phrase listed in several groups fills
        // all of them from one match (its first brand names the platform).
        let mut index: FxHashMap<(&str, bool), u32> = FxHashMap::default();
        let mut patterns: Vec<(&str, bool)> = Vec::new();
        let mut infos: Vec<PatternInfo> = Vec::new();
        let mut pattern_of = Vec::with_capacity(entries.len());
        let mut counts: Vec<u32> = Vec::new();
        for (_, norm, stem, platform) in &entries {
            let i = *index.entry((norm, *stem)).or_insert_with(|| {
                patterns.push((norm, *stem));
                infos.push(PatternInfo { groups: (0, 0), stem: *stem, platform: None });
                counts.push(0);
                infos.len() as u32 - 1
            });
            let info = &mut infos[i as usize];
            if info.platform.is_none() {
                info.platform = *platform;
            }
            counts[i as usize] += 1;
            pattern_of.push(i);
        }
        let mut at = 0;
        for (info, n) in infos.iter_mut().zip(&counts) {
            info.groups = (at, at);
            at += n;
        }
        let mut group_list = vec![0; at as usize];
        for ((id, ..), &i) in entries.iter().zip(&pattern_of) {
            let info = &mut infos[i as usize];
            let (start, end) = info.groups;
            if !group_list[start as usize..end as usize].contains(id) {
                group_list[end as usize] = *id;
                info.groups.1 += 1;
            }
        }
        let phrases = Phrases::new(&patterns);
        Ok(Language {
            code: l.language.clone(),
            word_boundaries: l.word_boundaries,
            script,
            negation_window: l.negation_window,
            phrases,
            patterns: infos,
            group_list,
        })
    }
}

fn severity(file: &'static str, s: &str) -> Result<Severity, LexiconError> {
    match s {
        "info" => Ok(Severity::Info),
        "caution" => Ok(Severity::Caution),
        "danger" => Ok(Severity::Danger),
        other => Err(LexiconError::BadRule { file, what: format!("unknown severity {other:?}") }),
    }
}

/// Every brand name, normalised, with the registry index of its platform.
fn brand_names(registry: &Registry, brands: &BrandsFile, fold: &Fold) -> Result<Vec<(String, usize)>, LexiconError> {
    let mut out = Vec::new();
    for (id, names) in &brands.names {
        let (i, _) = registry
            .platform(id)
            .ok_or_else(|| LexiconError::BadRule { file: BRANDS.0, what: format!("{id:?} is not a platform of data/platforms.toml") })?;
        for n in names {
            out.push((Normalized::with_fold(n, fold).text, i));
        }
    }
    Ok(out)
}

fn compile_brands(registry: &Registry, brands: &BrandsFile, fold: &Fold) -> Result<Brands, LexiconError> {
    let file = BRANDS.0;
    let mut patterns = Vec::new();
    let mut platform = Vec::new();
    for (id, names) in &brands.names {
        let (i, _) = registry
            .platform(id)
            .ok_or_else(|| LexiconError::BadRule { file, what: format!("{id:?} is not a platform of data/platforms.toml") })?;
        for n in names {
            let norm = Normalized::with_fold(n, fold).text;
            if norm.is_empty() {
                return Err(LexiconError::Malformed { file, why: format!("{id}: empty name") });
            }
            patterns.push(norm);
            platform.push(i);
        }
    }
    Ok(Brands { names: Needles::new(patterns.iter().map(String::as_str)), platform })
}

fn file_endings(registry: &Registry, files: &Files) -> FileEndings {
    let links = &registry.links;
    let endings: Vec<String> = links
        .dangerous_extensions
        .iter()
        .chain(&links.archive_extensions)
        .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
        .filter(|e| !e.is_empty() && !files.in_text_not_files.contains(e))
        .map(|e| format!(".{e}"))
        .collect();
    FileEndings::new(endings)
}

/// `name.ext` for one of `extensions` (from `data/links.toml`), as written in running text,
/// except the endings `files.toml` says are not files there: the DFA `build.rs` compiled from
/// the same files, checked to be of the same pattern.
fn filename_regex(extensions: &[String], files: &Files, compiled: &Compiled) -> Result<FileNames, LexiconError> {
    let pattern = re_syntax::filename_pattern(extensions, &files.in_text_not_files);
    if !compiled.compiled_from(&pattern) {
        let why = format!("the {} pattern {pattern:?} is not the one build.rs compiled", compiled.name);
        return Err(LexiconError::BadRegex { file: "data/links.toml", group: compiled.name.to_string(), why });
    }
    Ok(FileNames::new(compiled)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        Registry::embedded().unwrap()
    }

    #[test]
    fn embedded_lexicon_builds_and_every_category_has_a_rule() {
        let lex = Lexicon::embedded(&registry()).expect("embedded lexicon compiles");
        for c in Category::ALL {
            assert!(lex.categories.iter().any(|r| r.category == *c), "{c:?} has no rule in data/lexicon/rules.toml");
        }
        assert!(lex.languages.iter().any(|l| l.code == "en"));
        assert!(lex.languages.iter().any(|l| l.code == "zh"));
    }

    /// A regex table as the compact form has it: the groups with patterns, by name only.
    fn without_patterns<K, T>(table: Table<K, Option<Vec<T>>>) -> Table<K, Option<Vec<T>>> {
        Table(table.0.into_iter().filter(|(_, list)| list.as_ref().is_some_and(|l| !l.is_empty())).map(|(name, _)| (name, None)).collect())
    }

    #[test]
    fn the_data_files_patterns_are_what_the_compiled_dfas_were_made_from() {
        // The compact files name their regex groups only; built from the JSON of the same
        // files, with the patterns, every group's pattern must join to its DFA's source.
        fn json<T: for<'de> Deserialize<'de>>(name: &str) -> T {
            let path = std::path::Path::new(env!("OUT_DIR")).join(name);
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
        }
        let langs: Vec<(&'static str, LanguageFile)> = LANGUAGES
            .iter()
            .map(|&packed::File(file, _)| {
                let code = file.trim_start_matches("data/lexicon/").trim_end_matches(".toml");
                (file, json::<LanguageFile>(&format!("lexicon-{code}.json")))
            })
            .collect();
        let registry = registry();
        let rules: RulesFile = json("lexicon-rules.json");
        assert!(rules.shared_regex.0.iter().all(|(_, l)| l.is_some()));
        let from_json = Lexicon::build(&registry, rules, BrandsFile::read(BRANDS.get()).unwrap(), Fold::default(), Files::read(FILES.get()).unwrap(), langs).unwrap();
        let embedded = Lexicon::embedded(&registry).unwrap();
        let names = |lex: &Lexicon| lex.regex_groups.iter().map(|&g| lex.names[g as usize].clone()).collect::<Vec<_>>();
        assert_eq!(names(&from_json), names(&embedded));
        assert!(names(&embedded).len() >= 20);
        // A compact file that names a group the build compiled no DFA for is an error.
        let mut lang = LanguageFile::read(LANGUAGES[0].0, LANGUAGES[0].get().1).unwrap();
        lang.regex.0.push((Cow::Borrowed("zz.no_such_group"), None));
        let rules = RulesFile::read(RULES.get()).unwrap();
        // Every language goes in (a rule may name a group only one language fills), the first one
        // carrying the bad group.
        let mut langs: Vec<(&'static str, LanguageFile)> =
            LANGUAGES.iter().skip(1).map(|f| (f.0, LanguageFile::read(f.0, f.get().1).unwrap())).collect();
        langs.insert(0, (LANGUAGES[0].0, lang));
        let err = Lexicon::build(&registry, rules, BrandsFile::read(BRANDS.get()).unwrap(), Fold::default(), Files::read(FILES.get()).unwrap(), langs);
        assert!(matches!(&err, Err(LexiconError::BadRegex { group, .. }) if group == "zz.no_such_group"), "{err:?}");
    }

    #[test]
    fn the_compact_language_files_read_as_their_json() {
        // build.rs still writes every data file as JSON, which the serde derive reads.
        for (file, bytes) in LANGUAGES.map(packed::File::get) {
            let code = file.trim_start_matches("data/lexicon/").trim_end_matches(".toml");
            let json = std::fs::read_to_string(std::path::Path::new(env!("OUT_DIR")).join(format!("lexicon-{code}.json"))).unwrap();
            let mut from_json: LanguageFile = serde_json::from_str(&json).unwrap();
            // The compact form keeps a group's phrases sorted (front-coded); the file's order
            // means nothing to the lexicon.
            for (_, phrases) in &mut from_json.groups.0 {
                phrases.sort_unstable();
            }
            // It names the regex groups that have patterns, without them.
            from_json.regex = without_patterns(from_json.regex);
            let compact = LanguageFile::read(file, bytes).unwrap();
            assert!(compact.groups.len() > 10, "{file}");
            assert_eq!(format!("{compact:?}"), format!("{from_json:?}"));
            // Cut short or run on, it is an error naming the file, not a panic.
            for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
                assert!(matches!(LanguageFile::read(file, &bytes[..cut]), Err(LexiconError::Malformed { file: f, .. }) if f == file));
            }
            let longer: &'static [u8] = Vec::leak([bytes, &[0]].concat());
            assert!(LanguageFile::read(file, longer).is_err());
        }
    }

    #[test]
    fn front_coded_phrases_read_back_and_refuse_a_prefix_they_do_not_have() {
        // One group "g" of 3: "release" (shares 0), "release your" (shares 7), "relay"
        // (shares 3); then the rests, a line each.
        let good: &[u8] = b"\x01\x01g\x03\x00\x07\x03\x11release\n your\nay\n";
        let groups = front_coded(&mut Reader::new("t", good)).unwrap();
        assert_eq!(groups.0, [("g", vec!["release".to_string(), "release your".into(), "relay".into()])]);
        for bad in [
            // The second phrase claims 9 bytes of a 7-byte phrase; then 1 byte of "é", inside it.
            &b"\x01\x01g\x02\x00\x09\x0arelease\nx\n"[..],
            &"\x01\x01g\x02\x00\x01\x05é\nx\n".as_bytes()[..],
            // Fewer lines than phrases, more, and a last one not ended.
            &b"\x01\x01g\x02\x00\x00\x02a\n"[..],
            &b"\x01\x01g\x01\x00\x04a\nb\n"[..],
            &b"\x01\x01g\x01\x00\x01a"[..],
        ] {
            assert!(front_coded(&mut Reader::new("t", bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_compact_folds_are_the_json_pairs_as_fold_keeps_them() {
        #[derive(Deserialize)]
        struct Folds {
            pairs: Vec<String>,
        }
        let path = std::path::Path::new(env!("OUT_DIR")).join("lexicon-zh-hant.json");
        let json: Folds = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let chars: Vec<char> = json.pairs.concat().chars().collect();
        let pairs: Vec<(char, char)> = chars.chunks(2).map(|p| (p[0], p[1])).collect();
        let compact = read_compact(FOLDS.get(), fold_pairs).unwrap();
        assert!(compact.len() > 3000);
        let want = Fold::new(pairs);
        assert_eq!(compact.len(), want.len());
        for &(from, to) in &compact {
            assert_eq!(want.get(from), Some(to), "{from}");
        }
        assert_eq!(compact.iter().find(|p| p.0 == '匯'), Some(&('匯', '汇')));
        // The embedded table is taken as it comes only when sorted, each character once.
        assert!(Fold::from_sorted(compact.clone()).is_some_and(|f| f.len() == want.len() && f.get('匯') == Some('汇')));
        assert!(Fold::from_sorted(vec![('b', 'x'), ('a', 'y')]).is_none());
        assert!(Fold::from_sorted(vec![('a', 'x'), ('a', 'y')]).is_none());
        // Cut short, or a character past U+10FFFF: an error, not a panic.
        assert!(read_compact(("f", &FOLDS.get().1[..FOLDS.get().1.len() - 1]), fold_pairs).is_err());
        assert!(read_compact(("f", &[1, 0xff, 0xff, 0xff, 0x7f, 0]), fold_pairs).is_err());
    }

    #[test]
    fn the_compact_rules_brands_and_files_read_as_their_json() {
        fn json<T: for<'de> Deserialize<'de>>(name: &str) -> T {
            let path = std::path::Path::new(env!("OUT_DIR")).join(name);
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
        }
        let rules = RulesFile::read(RULES.get()).unwrap();
        let mut want = json::<RulesFile>("lexicon-rules.json");
        want.shared_regex = without_patterns(want.shared_regex);
        assert_eq!(rules, want);
        assert!(rules.category.len() >= Category::ALL.len() && !rules.derived.is_empty() && !rules.signal.is_empty());
        assert!(rules.derived.iter().any(|d| !d.same_sentence) && rules.derived.iter().any(|d| d.same_sentence));
        assert!(rules.category.iter().any(|c| !c.require.is_empty() && c.veto_at > 0));
        assert_eq!(BrandsFile::read(BRANDS.get()).unwrap(), json::<BrandsFile>("lexicon-brands.json"));
        assert_eq!(Files::read(FILES.get()).unwrap(), json::<Files>("lexicon-files.json"));
        // Cut short or run on, it is an error naming the file, not a panic.
        type Read = fn((&'static str, &'static [u8])) -> Option<LexiconError>;
        let readers: [((&'static str, &'static [u8]), Read); 3] = [
            (RULES.get(), |f| RulesFile::read(f).err()),
            (BRANDS.get(), |f| BrandsFile::read(f).err()),
            (FILES.get(), |f| Files::read(f).err()),
        ];
        for ((file, bytes), read) in readers {
            for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
                let error = read((file, &bytes[..cut]));
                assert!(matches!(error, Some(LexiconError::Malformed { file: f, .. }) if f == file), "{file} cut at {cut}: {error:?}");
            }
            assert!(read((file, Vec::leak([bytes, &[0]].concat()))).is_some(), "{file} with a byte more");
        }
    }

    #[test]
    fn a_compact_table_with_names_out_of_order_or_twice_is_an_error() {
        // Two names, each with an empty list.
        let read = |bytes: &'static [u8]| table(&mut Reader::new("t.toml", bytes), |r| r.records(Reader::str)).map(|t| t.0.len());
        assert_eq!(read(&[2, 1, b'a', 0, 1, b'b', 0]), Ok(2));
        assert!(read(&[2, 1, b'b', 0, 1, b'a', 0]).is_err());
        assert!(read(&[2, 1, b'a', 0, 1, b'a', 0]).is_err());
    }

    fn tiny(rules: &str, lang: &str) -> Result<Lexicon, LexiconError> {
        let rules: RulesFile = toml_json(rules);
        let lang: LanguageFile = toml_json(lang);
        let brands = BrandsFile { names: Table::default() };
        // The embedded file list: the file-name DFAs were compiled with its exceptions.
        let files = Files::read(FILES.get()).unwrap();
        Lexicon::build(&registry(), rules, brands, Fold::default(), files, vec![("test.toml", lang)])
    }

    fn toml_json<T: for<'de> Deserialize<'de>>(s: &str) -> T {
        // The test data is written as JSON: the crate has no TOML parser outside build.rs.
        serde_json::from_str(s).unwrap()
    }

    const LANG: &str = r#"{"language":"xx","script":"Latin","word_boundaries":true,"negation_window":20,
        "groups":{"a":["alpha"],"b":["beta"]}}"#;

    #[test]
    fn unknown_groups_in_rules_are_errors() {
        let rules = r#"{"category":[{"id":"extortion","severity":"danger","weight":50,"need":1,"message":"m",
            "cues":{"x":["a","nope"]}}]}"#;
        assert!(matches!(tiny(rules, LANG), Err(LexiconError::UnknownGroup { group, .. }) if group == "nope"));
    }

    #[test]
    fn groups_no_rule_uses_are_errors() {
        let rules = r#"{"category":[{"id":"extortion","severity":"danger","weight":50,"need":1,"message":"m",
            "cues":{"x":["a"]}}]}"#;
        assert!(matches!(tiny(rules, LANG), Err(LexiconError::UnusedGroup { group, .. }) if group == "b"));
    }

    #[test]
    fn bad_regexes_and_impossible_rules_are_errors() {
        let lang = r#"{"language":"xx","script":"Latin","negation_window":20,"groups":{"a":["alpha"]},"regex":{"a":["("]}}"#;
        let rules = r#"{"category":[{"id":"extortion","severity":"danger","weight":50,"need":1,"message":"m","cues":{"x":["a"]}}]}"#;
        assert!(matches!(tiny(rules, lang), Err(LexiconError::BadRegex { .. })));
        let rules = r#"{"category":[{"id":"extortion","severity":"danger","weight":50,"need":3,"message":"m","cues":{"x":["a","b"]}}]}"#;
        assert!(matches!(tiny(rules, LANG), Err(LexiconError::BadRule { .. })));
        let rules = r#"{"category":[{"id":"extortion","severity":"fatal","weight":50,"need":1,"message":"m","cues":{"x":["a","b"]}}]}"#;
        assert!(matches!(tiny(rules, LANG), Err(LexiconError::BadRule { .. })));
    }

    /// The categories a tiny lexicon names for `text`.
    fn named(lex: &Lexicon, text: &str) -> Vec<Category> {
        let norm = lex.normalize(text);
        let mut hits = crate::message::scan::scan(lex, text, &norm);
        crate::message::scan::derive(lex, &norm.text, &mut hits);
        crate::message::classify::classify(lex, text, &hits, &mut crate::reason::Findings::default())
    }

    const VETO_LANG: &str = r#"{"language":"xx","script":"Latin","word_boundaries":true,"negation_window":20,
        "groups":{"a":["alpha"],"b":["beta"],"c":["gamma"],"d":["delta"],"h":["host"]}}"#;

    #[test]
    fn one_block_hit_stops_a_rule_that_vetoes_need_several_to_stop() {
        let rules = r#"{"category":[{"id":"extortion","severity":"danger","weight":50,"need":1,"message":"m",
            "cues":{"x":["a"]},"veto":["b","c","d"],"veto_at":2,"block":["h"]}]}"#;
        let lex = tiny(rules, VETO_LANG).unwrap();
        assert_eq!(named(&lex, "alpha"), [Category::Extortion]);
        assert_eq!(named(&lex, "alpha beta"), [Category::Extortion], "one veto of two is not enough");
        assert!(named(&lex, "alpha beta gamma").is_empty());
        assert!(named(&lex, "alpha host").is_empty(), "one block hit is");
    }

    #[test]
    fn a_block_stops_a_sufficient_group_too() {
        let rules = r#"{"category":[{"id":"extortion","severity":"danger","weight":50,"need":2,"message":"m",
            "cues":{"x":["a"],"y":["b","c","d"]},"sufficient":["a"],"block":["h"]}]}"#;
        let lex = tiny(rules, VETO_LANG).unwrap();
        assert_eq!(named(&lex, "alpha"), [Category::Extortion]);
        assert!(named(&lex, "host alpha").is_empty());
    }

    #[test]
    fn a_veto_listed_twice_or_that_cannot_trip_is_an_error() {
        let rule = |veto: &str, at: usize| {
            format!(r#"{{"category":[{{"id":"extortion","severity":"danger","weight":50,"need":1,"message":"m",
                "cues":{{"x":["a"],"y":["b","c","d","h"]}},"veto":{veto},"veto_at":{at}}}]}}"#)
        };
        assert!(tiny(&rule(r#"["b","c"]"#, 2), VETO_LANG).is_ok());
        let twice = tiny(&rule(r#"["b","h","h"]"#, 2), VETO_LANG);
        assert!(matches!(&twice, Err(LexiconError::BadRule { what, .. }) if what.contains("block")), "{twice:?}");
        assert!(matches!(tiny(&rule(r#"["b","c"]"#, 0), VETO_LANG), Err(LexiconError::BadRule { .. })));
        assert!(matches!(tiny(&rule(r#"["b","c"]"#, 3), VETO_LANG), Err(LexiconError::BadRule { .. })));
    }

    #[test]
    fn a_longer_phrase_of_an_outranking_group_drops_the_words_inside_it() {
        let lang = r#"{"language":"xx","script":"Latin","word_boundaries":true,"negation_window":20,
            "groups":{"a":["provide"],"b":["code"],"w":["we will provide"]}}"#;
        let rules = r#"{"outranked":[{"groups":["a"],"by":"w"}],"category":[{"id":"account_takeover","severity":"danger",
            "weight":50,"need":2,"message":"m","cues":{"x":["a"],"y":["b"]}}]}"#;
        let lex = tiny(rules, lang).unwrap();
        assert_eq!(named(&lex, "please provide the code"), [Category::AccountTakeover]);
        assert!(named(&lex, "we will provide the code").is_empty());
        // Only the words inside the longer phrase: another "provide" still counts.
        assert_eq!(named(&lex, "we will provide a code. now provide it"), [Category::AccountTakeover]);
        let bad = r#"{"outranked":[{"groups":["a"],"by":"nope"}],"category":[{"id":"account_takeover","severity":"danger",
            "weight":50,"need":2,"message":"m","cues":{"x":["a"],"y":["b"]}}]}"#;
        assert!(matches!(tiny(bad, lang), Err(LexiconError::UnknownGroup { group, .. }) if group == "nope"));
    }

    #[test]
    fn a_phrase_in_two_groups_is_one_pattern_filling_both() {
        let lang = r#"{"language":"xx","script":"Latin","negation_window":20,"groups":{"a":["Alpha"],"b":["alpha"]}}"#;
        let rules = r#"{"category":[{"id":"extortion","severity":"danger","weight":50,"need":1,"message":"m","cues":{"x":["a","b"]}}]}"#;
        let lex = tiny(rules, lang).unwrap();
        let lang = &lex.languages[0];
        assert_eq!(lang.patterns.len(), 1);
        assert_eq!(lang.phrases.len(), 1);
        assert_eq!(lang.groups(&lang.patterns[0]), [lex.id("a").unwrap(), lex.id("b").unwrap()]);
    }

    /// Texts glued from pieces of `patterns` and separators, for holding a matcher to the
    /// `aho-corasick` search it replaced.
    fn glued(patterns: &[&str], count: usize) -> Vec<String> {
        let mut next = crate::xorshift::below(0x9e37_79b9_7f4a_7c15_u64);
        let extras = [" ", ".", "x", "-", "é", "客", ". ", "1", ""];
        (0..count)
            .map(|_| {
                let mut hay = String::new();
                for _ in 0..next(7) {
                    if next(3) > 0 {
                        let p = patterns[next(patterns.len())];
                        let cut = (0..=p.len()).filter(|&i| p.is_char_boundary(i)).nth(next(p.chars().count() + 1)).unwrap_or(0);
                        hay.push_str(match next(3) {
                            0 => &p[..cut],
                            1 => &p[cut..],
                            _ => p,
                        });
                    } else {
                        hay.push_str(extras[next(extras.len())]);
                    }
                }
                hay
            })
            .collect()
    }

    #[test]
    fn brand_names_are_found_as_the_leftmost_longest_automaton_found_them() {
        let registry = registry();
        let brands = BrandsFile::read(BRANDS.get()).unwrap();
        let fold = Lexicon::embedded(&registry).unwrap().fold;
        let compiled = compile_brands(&registry, &brands, &fold).unwrap();
        let names: Vec<String> = brands.names.0.iter().flat_map(|(_, v)| v).map(|n| Normalized::with_fold(n, &fold).text).collect();
        let patterns: Vec<&str> = names.iter().map(String::as_str).collect();
        assert!(patterns.len() > 20 && patterns.iter().any(|p| !p.is_ascii()));
        let ac = aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostLongest).build(&patterns).unwrap();
        let mut found = 0;
        for hay in glued(&patterns, 5_000) {
            let want: Vec<_> = ac.find_iter(&hay).map(|m| (m.start(), m.end(), compiled.platform[m.pattern().as_usize()])).collect();
            found += want.len();
            assert_eq!(compiled.find(&hay).collect::<Vec<_>>(), want, "{hay:?}");
        }
        assert!(found > 2_000, "the texts hold brand names ({found})");
    }

    #[test]
    fn file_endings_occur_where_the_automaton_found_them() {
        let registry = registry();
        let lex = Lexicon::embedded(&registry).unwrap();
        let endings = &lex.file_endings.endings;
        assert!(endings.iter().any(|e| e == ".exe") && endings.iter().any(|e| e == ".zip"));
        let ac = aho_corasick::AhoCorasick::new(endings).unwrap();
        let mut pieces: Vec<&str> = endings.iter().map(String::as_str).collect();
        pieces.extend(["alibaba.com", "invoice", "see the file.", ".", "e", "x"]);
        let mut matched = 0;
        for hay in glued(&pieces, 5_000) {
            let want = ac.is_match(&hay);
            matched += usize::from(want);
            assert_eq!(lex.file_endings.occur_in(&hay), want, "{hay:?}");
        }
        assert!(matched > 1_000 && matched < 4_900, "both answers are tried ({matched})");
        assert!(lex.file_endings.occur_in("open invoice.pdf.exe"));
        assert!(!lex.file_endings.occur_in("visit alibaba.com. thanks."));
        assert!(!lex.file_endings.occur_in("ends in a dot."));
    }

    #[test]
    fn risky_filenames_are_found_but_domains_are_not() {
        let lex = Lexicon::embedded(&registry()).unwrap();
        let re = &lex.risky_filename;
        assert!(lex.archive_filename.is_match("all in samples.rar, open it"));
        assert!(re.is_match("please open invoice.pdf.exe now"));
        assert!(re.is_match("see remittance_advice.html"));
        assert!(!re.is_match("visit alibaba.com today"));
        assert!(re.is_match("download/订单查看器.exe"), "a file at the end of a path still counts");
        assert!(!re.is_match("see the attached invoice.pdf"));
    }
}
