//! Turns the readable data files in `data/` into JSON the engine embeds.
//!
//! The registry and keyword lists are TOML so people can read, comment and review them.
//! Parsing TOML inside the WebAssembly module would cost ~150 KB of code and start-up time,
//! so the build does it once: every `data/**/*.toml` becomes `$OUT_DIR/<path with / as ->.json`.
//! A malformed data file fails the build with the file name and TOML's own message.
//!
//! The Public Suffix List is compiled too: its ~10,000 rules, converted to their ASCII (punycode)
//! form, become a compact trie of labels (`$OUT_DIR/psl_trie.bin`, see `psl_table`) that the
//! engine indexes with one pass at start-up (parsing the list's text took ~8 ms natively, and
//! loading it into a `HashMap` ~1 ms, against a 30 ms budget for all of engine start in the
//! browser, where cold WebAssembly runs ~10x slower).
//!
//! The UTS #39 confusables are compiled the same way: for every character whose skeleton (with
//! diacritics stripped) is plain ASCII, `$OUT_DIR/confusables.rs` records that ASCII. The
//! `unicode-security` crate's own tables, with the normalisation tables its skeleton needs, were
//! ~270 KB of WebAssembly; the lookalike detector only ever compares against ASCII brand names,
//! so ~10 KB of delta-coded code points and their ASCII answer the same question.
//!
//! The message lexicon's regexes are compiled here too, each group's patterns joined into one
//! anchored DFA (`$OUT_DIR/lexicon_dfas.bin`, indexed by `$OUT_DIR/lexicon_regex.rs`, sizes in
//! `$OUT_DIR/lexicon_dfas.txt`), so the WebAssembly module carries no regex code (the compiler
//! stack was ~330 KB of it) and engine start compiles nothing. The DFAs are stored compactly
//! (`encode_table`: each state's row as changes to a similar row, targets relative to the state,
//! in three streams that gzip well): dense ones serialised were
//! ~1.4 MB, mostly transitions to the dead state on the many byte classes the Chinese literals
//! make. A pattern that does not compile, that could match empty
//! text or whose DFA outgrows [`DFA_SIZE_LIMIT`] fails the build, naming the file and group.
//!
//! The lexicon's compact files and DFAs, which the engine needs only for its first message,
//! are then joined and compressed with LZMA (`$OUT_DIR/lexicon.lzma`, see `pack`):
//! ~13% smaller than the module's own gzip makes them; `src/packed.rs` unpacks them once. So
//! are the page vocabulary, the confusables and the scripts (`$OUT_DIR/tables.lzma`), needed
//! on the first page check or non-ASCII host.

use std::collections::BTreeMap;
use std::{env, fs, path::Path};

use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::start;
use regex_automata::{Anchored, MatchKind};

#[path = "src/message/re_syntax.rs"]
#[allow(dead_code)]
mod re_syntax;

/// The language files of the message lexicon, in the order the engine reads them (the order
/// their regexes join in, which decides leftmost-first priority). A new language is a file in
/// `data/lexicon/` and a line here.
const LANGUAGES: &[&str] = &["en", "zh"];

/// Language files whose phrases join another language's word list, as (file, host): Spanish and
/// Portuguese (`es.toml`) are Latin-script words matched at word boundaries like English, so they
/// ride in English's phrase trie. As a language of their own they cost the inbox batch a second
/// pass over every Latin word start (+7.6 M instructions of 142 M by callgrind); inside English's
/// trie, a few hundred more phrases cost almost nothing.
const JOINED_LANGUAGES: &[(&str, &str)] = &[("es", "en")];

/// Largest table one regex group's DFA may expand to in memory (a u16 per state and byte
/// class). The biggest group today is ~170 KB; a pattern that needs more is almost always a
/// lazy repeat the DFA has to unroll, which should be written differently rather than cost
/// every engine the memory.
const DFA_SIZE_LIMIT: usize = 512 * 1024;
/// Largest DFA determinisation may build on the way, before minimisation.
const DETERMINIZE_LIMIT: usize = 8 << 20;

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    compile_psl(&out);
    compile_confusables(&out);
    compile_scripts(&out);
    compile_case(&out);
    compile_idna(&out);
    compile_lexicon_regexes(&out);
    compile_registry(&out);
    compile_pages(&out);
    compile_lexicon_tables(&out);
    compile_wording(&out);
    pack(&out, "lexicon", LEXICON_PARTS);
    pack(&out, "tables", TABLE_PARTS);
    // Read on the first Σ only (`compile_case`): a stream of its own, so that no other first
    // use unpacks it.
    pack(&out, "case", &["case_classes.bin"]);
    // Read on the first host with a non-ASCII or `xn--` label only (`compile_idna`).
    pack(&out, "idna", &["idna_tables.bin"]);
    println!("cargo:rerun-if-changed=data");
    let mut stack = vec![Path::new("data").to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                println!("cargo:rerun-if-changed={}", path.display());
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                continue;
            }
            println!("cargo:rerun-if-changed={}", path.display());
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let value: toml::Value = toml::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()));
            let rel = path.strip_prefix("data").unwrap().with_extension("json");
            let name = rel.to_string_lossy().replace(['/', '\\'], "-");
            let mut value = value;
            // The JSON the tests hold the compact language records to is of the language as the
            // engine gets it: with the phrases of the files joined to it (JOINED_LANGUAGES).
            if let Some(code) = name.strip_prefix("lexicon-").and_then(|n| n.strip_suffix(".json")) {
                join_languages(code, &mut value);
            }
            let value = strip_prose(value);
            let json = serde_json::to_string(&value).expect("TOML values are JSON-representable");
            fs::write(Path::new(&out).join(name), json).expect("OUT_DIR is writable");
        }
    }
}

/// Writes `psl.rs`: `PSL_RULES`, `PSL_WILDCARDS` (the part after `*.`) and `PSL_EXCEPTIONS`
/// (the part after `!`), each sorted, ASCII, lowercase.
fn compile_psl(out: &str) {
    let path = Path::new("data/public_suffix_list.dat");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path).expect("data/public_suffix_list.dat is readable");
    let (mut rules, mut wild, mut except) = (Vec::new(), Vec::new(), Vec::new());
    for line in text.lines() {
        let rule = line.split_whitespace().next().unwrap_or("");
        if rule.is_empty() || rule.starts_with("//") {
            continue;
        }
        let (list, rest) = if let Some(r) = rule.strip_prefix('!') {
            (&mut except, r)
        } else if let Some(r) = rule.strip_prefix("*.") {
            (&mut wild, r)
        } else {
            (&mut rules, rule)
        };
        let ascii = idna::domain_to_ascii(rest).unwrap_or_else(|e| panic!("PSL rule {rule:?} is not a domain: {e:?}"));
        list.push(ascii);
    }
    // The plain lists are only for the unit test that checks the table against the list's own
    // algorithm: the engine searches `PSL_TABLE`, so the lists stay out of the WebAssembly.
    let mut code = String::from("// Generated by build.rs from data/public_suffix_list.dat.\n");
    for (name, list) in [("PSL_RULES", &mut rules), ("PSL_WILDCARDS", &mut wild), ("PSL_EXCEPTIONS", &mut except)] {
        list.sort();
        list.dedup();
        code.push_str(&format!("#[cfg(test)]\npub(crate) static {name}: &str = {:?};\n", list.join("\n")));
    }
    code.push_str(&psl_table(&rules, &wild, &except, out));
    fs::write(Path::new(out).join("psl.rs"), code).expect("OUT_DIR is writable");
}

/// The PSL trie's marks (shared with `src/domain.rs`, which reads the layout).
#[path = "src/domain/psl_hash.rs"]
#[allow(dead_code)]
mod psl_hash;
/// The wording model's feature hash (shared with `src/message/wording.rs`, which searches by it).
#[path = "src/message/wording_hash.rs"]
mod wording_hash;

/// Lays the list out as the compact, compressible trie `src/domain.rs` indexes at start-up
/// (`psl_trie.bin`).
///
/// Every name the list mentions, and every label-aligned suffix of one, gets flags (`RULE` 1,
/// `WILDCARD` 2 for the parent of `*.name`, `EXCEPTION` 4, `INNER` 8 when a longer name ends
/// with `.name`, so exactly the names with children in the trie). A name is stored as its first
/// label only, its parent implied by the order: names come breadth-first, the root's children
/// (the top-level names) first, then the children of each name with `INNER`, in the order those
/// names came, each group sorted. Each name is its label's bytes followed by one byte under 32
/// (no label byte is): its flags, plus `LAST_CHILD` on the last name of a group.
///
/// The hash table this replaced stored a parent reference per name and spread the names over
/// buckets in hash order: 127 KB of module that gzipped to 68 KB. Sorted labels under their
/// parent are less than two thirds of that raw and compress like the list's own text; the
/// price is an index built at start (see `Psl::embedded`).
fn psl_table(rules: &[String], wild: &[String], except: &[String], out: &str) -> String {
    use std::collections::BTreeMap;
    let mut names: BTreeMap<&str, u8> = BTreeMap::new();
    for (list, flag) in [(rules, 1u8), (wild, 2), (except, 4)] {
        for name in list {
            *names.entry(name).or_default() |= flag;
            let mut rest = name.as_str();
            while let Some(i) = rest.find('.') {
                rest = &rest[i + 1..];
                *names.entry(rest).or_default() |= 8;
            }
        }
    }
    // Children by parent ("" for the root), each list sorted because `names` is.
    let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for &name in names.keys() {
        let parent = name.split_once('.').map_or("", |(_, p)| p);
        children.entry(parent).or_default().push(name);
    }
    let mut trie: Vec<u8> = Vec::new();
    let mut queue = std::collections::VecDeque::from([""]);
    let mut count = 0usize;
    while let Some(parent) = queue.pop_front() {
        let Some(kids) = children.get(parent) else { continue };
        for (i, &name) in kids.iter().enumerate() {
            let flags = names[name];
            let label = name.split('.').next().unwrap_or(name);
            assert!(
                !label.is_empty() && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'),
                "PSL name {name:?} has a label the table cannot hold"
            );
            assert_eq!(flags & 8 != 0, children.contains_key(name), "PSL name {name:?}: INNER must mean it has children");
            trie.extend_from_slice(label.as_bytes());
            trie.push(flags | if i + 1 == kids.len() { psl_hash::LAST_CHILD } else { 0 });
            queue.push_back(name);
            count += 1;
        }
    }
    assert_eq!(count, names.len());
    assert!(count < usize::from(u16::MAX), "PSL names must be numbered below u16::MAX");
    fs::write(Path::new(out).join("psl_trie.bin"), &trie).expect("OUT_DIR is writable");
    format!(
        "pub(crate) const PSL_NAMES: usize = {count};\n\
         pub(crate) static PSL_TRIE: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/psl_trie.bin\"));\n"
    )
}

/// Drops the keys written for people (`notes`, `note`, `sources`, `unverified`, the `[sources]`
/// table): the engine never reads them, and they would be ~35 KB of the WebAssembly.
fn strip_prose(value: toml::Value) -> toml::Value {
    match value {
        toml::Value::Table(t) => toml::Value::Table(
            t.into_iter()
                .filter(|(k, _)| !matches!(k.as_str(), "notes" | "note" | "sources" | "unverified" | "generated"))
                .map(|(k, v)| (k, strip_prose(v)))
                .collect(),
        ),
        toml::Value::Array(a) => toml::Value::Array(a.into_iter().map(strip_prose).collect()),
        other => other,
    }
}

/// Writes `confusables.bin` and `confusables.rs`. The confusable code points that read as some
/// ASCII, sorted, and the ASCII each one reads as; the characters that read as nothing
/// (combining marks, joiners, variation selectors, tags), two thirds of the confusables, as
/// inclusive ranges, since they come in blocks (all of U+E0000..U+E0FFF alone). The blob, in
/// the numbers of [`Record`]:
///
/// ```text
/// count n, n code points each as its distance from the one before,
/// n bytes: how long each one's ASCII is, the ASCII of all n one after the other,
/// count m, m ranges each as (first - the last before, last - first)
/// ```
///
/// `src/confusable.rs` expands it into sorted tables on the first lookup. Sorted code points
/// are mostly a step or two apart: as distances the table gzips to 3.1 KB, where the `u16`
/// code points and `u16` ends into the ASCII that `src/confusable.rs` searched in place took
/// 17.4 KB, 12.7 KB gzipped. `ASCII_SKELETON` (in `confusables.rs`, joined, with where each
/// ends: an array of 128 `&str` was 1 KB of pointers and lengths) is the skeleton of each
/// ASCII character, lowercased, so a plain ASCII host needs no search at all.
fn compile_confusables(out: &str) {
    let mut chars: Vec<(u32, String)> = Vec::new();
    let mut nothing: Vec<(u32, u32)> = Vec::new();
    // Hosts are nearly always plain ASCII: their skeleton is one table step per byte, without
    // the binary search over the whole table.
    let mut ascii_skeleton: Vec<String> = (0u8..128).map(|b| (b as char).to_ascii_lowercase().to_string()).collect();
    for cp in 0u32..=0x10FFFF {
        let Some(c) = char::from_u32(cp) else { continue };
        let mut buf = [0u8; 4];
        let reads: String = unicode_security::skeleton(c.encode_utf8(&mut buf))
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect();
        let own: String = c.to_lowercase().collect();
        let plain = reads.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        if reads == own || !plain {
            continue;
        }
        if cp < 128 {
            ascii_skeleton[cp as usize] = reads.clone();
        }
        if reads.is_empty() {
            match nothing.last_mut() {
                Some((_, end)) if *end + 1 == cp => *end = cp,
                _ => nothing.push((cp, cp)),
            }
            continue;
        }
        chars.push((cp, reads));
    }
    let mut w = Record::default();
    w.number(chars.len());
    let mut before = 0;
    for &(cp, _) in &chars {
        w.number((cp - before) as usize);
        before = cp;
    }
    for (_, reads) in &chars {
        w.bytes.push(u8::try_from(reads.len()).expect("a confusable reads as fewer than 256 letters"));
    }
    for (_, reads) in &chars {
        w.bytes.extend_from_slice(reads.as_bytes());
    }
    w.number(nothing.len());
    let mut before = 0;
    for &(first, last) in &nothing {
        w.number((first - before) as usize);
        w.number((last - first) as usize);
        before = last;
    }
    fs::write(Path::new(out).join("confusables.bin"), &w.bytes).expect("OUT_DIR is writable");
    let code = format!(
        "// Generated by build.rs from the unicode-security crate's UTS #39 data.\n\
         pub(crate) const CONFUSABLES: crate::packed::Part = crate::packed::CONFUSABLES;\n\
         #[cfg(test)]\npub(crate) const CONFUSABLE_CHARS: usize = {n};\n\
         #[cfg(test)]\npub(crate) const CONFUSABLE_RANGES: usize = {nn};\n\
         pub(crate) const ASCII_SKELETON: &str = {joined:?};\n\
         pub(crate) const ASCII_SKELETON_ENDS: [u8; 128] = {ends:?};\n",
        joined = ascii_skeleton.concat(),
        ends = ascii_skeleton.iter().scan(0usize, |end, s| {
            *end += s.len();
            Some(u8::try_from(*end).expect("the ASCII skeletons fit in 255 bytes"))
        }).collect::<Vec<u8>>(),
        n = chars.len(),
        nn = nothing.len(),
    );
    fs::write(Path::new(out).join("confusables.rs"), code).expect("OUT_DIR is writable");
}

/// Writes `scripts.bin` and `scripts.rs`: the Unicode Script property of every code point, as
/// the `unicode-script` crate answers it, for `src/confusable.rs` to look up without linking
/// the crate's table. That table is ~2,300 `(char, char, Script)` ranges, 12 bytes each (27.9
/// KB of the module, 10 KB gzipped), many of them neighbours with the same script. Merged into
/// runs, the blob is, in the numbers of [`Record`]: a count n, n run lengths (the first run
/// starts at U+0000, the last ends at U+10FFFF; the surrogates, never a `char`, join the run
/// before them), then n bytes, each run's script as an index into `SCRIPT_VALUES`, which lists
/// the scripts in the order they first come. The crate stays a dependency for the `Script`
/// type and its names.
fn compile_scripts(out: &str) {
    use unicode_script::{Script, UnicodeScript};
    let mut runs: Vec<(u32, Script)> = Vec::new();
    for cp in 0u32..=0x10FFFF {
        let script = match char::from_u32(cp) {
            Some(c) => c.script(),
            // A surrogate, never a `char`: it joins the run before it.
            None => runs.last().expect("U+0000 is a char").1,
        };
        match runs.last_mut() {
            Some((len, s)) if *s == script => *len += 1,
            _ => runs.push((1, script)),
        }
    }
    let mut values: Vec<Script> = Vec::new();
    let mut w = Record::default();
    w.number(runs.len());
    let mut start = 0u32;
    for &(len, _) in &runs {
        w.number(len as usize);
        start += len;
    }
    assert_eq!(start, 0x110000, "the script runs cover every code point");
    for &(_, script) in &runs {
        let i = values.iter().position(|&v| v == script).unwrap_or_else(|| {
            values.push(script);
            values.len() - 1
        });
        w.bytes.push(u8::try_from(i).expect("fewer than 256 scripts"));
    }
    fs::write(Path::new(out).join("scripts.bin"), &w.bytes).expect("OUT_DIR is writable");
    let names: Vec<String> = values.iter().map(|v| format!("Script::{v:?}")).collect();
    // Their full names joined, and where each ends: the crate's `full_name` is two 256-entry
    // tables (pointer, length) of 4-byte entries.
    let mut full = String::new();
    let mut ends = Vec::new();
    for v in &values {
        full.push_str(v.full_name());
        ends.push(u16::try_from(full.len()).expect("the script names fit in 64 KB"));
    }
    let code = format!(
        "// Generated by build.rs from the unicode-script crate's Script data.\n\
         pub(crate) const SCRIPTS: crate::packed::Part = crate::packed::SCRIPTS;\n\
         pub(crate) static SCRIPT_VALUES: [Script; {n}] = [{list}];\n\
         pub(crate) static SCRIPT_NAMES: &str = {full:?};\n\
         pub(crate) static SCRIPT_NAME_ENDS: [u16; {n}] = {ends:?};\n",
        n = values.len(),
        list = names.join(", "),
    );
    fs::write(Path::new(out).join("scripts.rs"), code).expect("OUT_DIR is writable");
}

/// Writes `case.rs` and `case_classes.bin`: lowercase as the standard library's
/// `char::to_lowercase` and `str::to_lowercase` give it, asked of the standard library itself
/// for every code point, for `src/case.rs`. The library's own table is 1,434 (char, char) pairs
/// (11.7 KB of the module); they fall into ~180 runs whose letters each lower by the same
/// distance, one after the other (A–Z) or every second one (Latin Extended-A's pairs).
///
/// `case.rs`: `LOWER_RUNS`, a run per entry as `start << 11 | (len - 1) << 1 | (step - 1)`,
/// sorted, with `LOWER_DELTAS` beside it; `LOWER_LONG`, the few characters that lower to two.
///
/// `case_classes.bin` (packed alone, ~0.5 KB): what `str::to_lowercase` asks of the
/// characters around a Σ to choose σ or word-final ς, as runs in the numbers of [`Record`]: a
/// count n, n run lengths from U+0000, then n bytes, each run's class (0 neither, 1 case
/// ignorable, 2 cased and not case ignorable; std skips ignorable characters first, so
/// whether one is also cased never counts). The classes are found by asking the library to
/// lowercase `"{c}Σ"` (ς only after a cased character that is not ignorable) and `"A{c}Σ"`
/// (ς when `c` is ignorable or cased).
fn compile_case(out: &str) {
    let mut single: Vec<(u32, u32)> = Vec::new();
    let mut long: Vec<(u32, [u32; 2])> = Vec::new();
    let mut classes: Vec<(u32, u8)> = Vec::new();
    for cp in 0u32..=0x10FFFF {
        let class = match char::from_u32(cp) {
            Some(c) => {
                let lower: Vec<char> = c.to_lowercase().collect();
                match lower[..] {
                    [l] if l == c => {}
                    [l] => single.push((cp, l as u32)),
                    [a, b] => long.push((cp, [a as u32, b as u32])),
                    _ => panic!("U+{cp:04X} lowers to {} characters; src/case.rs takes two at most", lower.len()),
                }
                let word_final = |s: String| s.to_lowercase().ends_with('ς');
                if word_final(format!("{c}Σ")) {
                    2
                } else if word_final(format!("A{c}Σ")) {
                    1
                } else {
                    0
                }
            }
            // A surrogate, never a `char`: it joins the run before it.
            None => classes.last().expect("U+0000 is a char").1,
        };
        match classes.last_mut() {
            Some((len, k)) if *k == class => *len += 1,
            _ => classes.push((1, class)),
        }
    }
    let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new(); // start, len, step, delta
    for &(cp, l) in &single {
        let delta = i64::from(l) - i64::from(cp);
        if let Some((start, len, step, d)) = runs.last_mut() {
            let last = *start + (*len - 1) * *step;
            let gap = cp - last;
            if *d == delta && ((*len == 1 && matches!(gap, 1 | 2)) || gap == *step) && *len < 1024 {
                if *len == 1 {
                    *step = gap;
                }
                *len += 1;
                continue;
            }
        }
        runs.push((cp, 1, 1, delta));
    }
    let keys: Vec<String> = runs.iter().map(|&(start, len, step, _)| (start << 11 | (len - 1) << 1 | (step - 1)).to_string()).collect();
    let deltas: Vec<String> = runs.iter().map(|r| r.3.to_string()).collect();
    let long: Vec<String> = long.iter().map(|(c, [a, b])| format!("({c}, {a}, {b})")).collect();
    let code = format!(
        "// Generated by build.rs (compile_case) from the standard library's lowercase mapping.\n\
         pub(crate) static LOWER_RUNS: [u32; {n}] = [{keys}];\n\
         pub(crate) static LOWER_DELTAS: [i32; {n}] = [{deltas}];\n\
         pub(crate) static LOWER_LONG: [(u32, u32, u32); {m}] = [{long}];\n\
         pub(crate) const CASE_CLASSES: crate::packed::Part = crate::packed::CASE_CLASSES;\n",
        n = runs.len(),
        keys = keys.join(", "),
        deltas = deltas.join(", "),
        m = long.len(),
        long = long.join(", "),
    );
    fs::write(Path::new(out).join("case.rs"), code).expect("OUT_DIR is writable");
    let mut w = Record::default();
    w.number(classes.len());
    let mut start = 0u32;
    for &(len, _) in &classes {
        w.number(len as usize);
        start += len;
    }
    assert_eq!(start, 0x110000, "the case classes cover every code point");
    w.bytes.extend(classes.iter().map(|&(_, class)| class));
    fs::write(Path::new(out).join("case_classes.bin"), &w.bytes).expect("OUT_DIR is writable");
}

/// Writes `registry.bin`: the records of `data/platforms.toml`, `data/links.toml` and
/// `data/popular.toml` that `src/registry.rs` reads, in the order it reads them, as plain
/// length-prefixed strings (see [`Record`]). Engine start reads them with a few dozen lines
/// of code instead of `serde_json`: its deserialisers for these types were the larger part of
/// starting an engine in the browser, where they run cold (compiled lazily, once per worker).
/// Keys the engine does not read (notes, sources, fields for the fixture checks) are left out,
/// as serde left them; a required field that is missing or not a string fails the build.
fn compile_registry(out: &str) {
    use Field::{List, Opt, Str};
    const PLATFORM: &[(&str, Field)] = &[
        ("id", Str),
        ("name", Str),
        ("group", Opt),
        ("kind", Str),
        ("registrable_domains", List),
        ("host_suffixes", List),
        ("user_content_hosts", List),
        ("brand_tokens", List),
        ("login_hosts", List),
        ("seller_portal_hosts", List),
        ("inbox_url_patterns", List),
        ("kit_marks", List),
    ];
    const CONTACT: &[(&str, Field)] = &[("id", Str), ("name", Str), ("channel", Str), ("domains", List)];
    const HOSTING: &[(&str, Field)] = &[("domain", Str), ("category", Str), ("operator", Opt)];
    const REDIRECTOR: &[(&str, Field)] = &[("host", Str), ("path", Field::StrOrEmpty), ("params", List)];
    const LINK_LISTS: &[&str] = &[
        "shorteners",
        "redirect_params",
        "risky_tlds",
        "dangerous_extensions",
        "archive_extensions",
        "lure_words",
        "sign_in_names",
        "embedding_exempt_words",
        "script_folders",
        "decoy_extensions",
        "integration_folders",
        "software_folders",
    ];
    let mut w = Record::default();
    let file = "data/platforms.toml";
    let platforms = read_toml(file);
    w.records(file, &platforms, "platform", PLATFORM);
    w.records(file, &platforms, "offplatform_contact", CONTACT);
    w.records(file, &platforms, "abused_hosting", HOSTING);
    let file = "data/links.toml";
    let links = read_toml(file);
    for key in &LINK_LISTS[..1] {
        w.list(file, &links, key);
    }
    w.records(file, &links, "redirector", REDIRECTOR);
    for key in &LINK_LISTS[1..] {
        w.list(file, &links, key);
    }
    let file = "data/popular.toml";
    let popular = read_toml(file);
    // Lowercased here, so the engine keeps them borrowed from its data as they are; sorted
    // and without repeats, so it searches them as they are (`Registry::is_popular`).
    let domains: std::collections::BTreeSet<String> = string_list(file, &popular, "domains").iter().map(|d| d.to_ascii_lowercase()).collect();
    w.number(domains.len());
    for d in &domains {
        w.string(d);
    }
    fs::write(Path::new(out).join("registry.bin"), &w.bytes).expect("OUT_DIR is writable");
}

/// A language file of the message lexicon in the compact form `src/message/lexicon.rs` reads:
/// `language`, `word_boundaries` (0 or 1), `script`, `negation_window`, then `groups` and
/// `regex`, each a count of (name, list of strings) in name order. The engine refuses unknown
/// keys in these files, so the build does.
/// Joins to the language `code`'s file (`value`) every file [`JOINED_LANGUAGES`] joins to it.
fn join_languages(code: &str, value: &mut toml::Value) {
    for (joined, host) in JOINED_LANGUAGES {
        if *host == code {
            let file = format!("data/lexicon/{joined}.toml");
            join_groups(&file, value, &read_toml(&file));
        }
    }
}

/// Appends the lists of `extra`'s `[groups]` and `[regex]` to `value`'s (a list that is new to
/// `value` is added; an entry both files list is kept once). The regex patterns then follow the
/// host's own in each group, which is the order the DFAs are compiled in.
fn join_groups(file: &str, value: &mut toml::Value, extra: &toml::Value) {
    for table in ["groups", "regex"] {
        join_table(file, value, extra, table);
    }
}

fn join_table(file: &str, value: &mut toml::Value, extra: &toml::Value, table: &str) {
    let Some(extra_groups) = extra.get(table).and_then(|g| g.as_table()) else { return };
    let host = value.as_table_mut().unwrap_or_else(|| panic!("{file}: the host language is not a table"));
    let groups = host
        .entry(table)
        .or_insert_with(|| toml::Value::Table(Default::default()))
        .as_table_mut()
        .unwrap_or_else(|| panic!("{file}: the host language's [{table}] is not a table"));
    for (name, list) in extra_groups {
        let items = list.as_array().unwrap_or_else(|| panic!("{file}: group {name} must be a list"));
        let into = groups.entry(name.clone()).or_insert_with(|| toml::Value::Array(Vec::new()));
        let into = into.as_array_mut().unwrap_or_else(|| panic!("{file}: group {name} must be a list in its host too"));
        for item in items {
            if !into.contains(item) {
                into.push(item.clone());
            }
        }
    }
}

fn language_record(file: &str, value: &toml::Value) -> Vec<u8> {
    let mut w = Record::default();
    w.known(file, value, &["language", "word_boundaries", "script", "negation_window", "groups", "regex"]);
    let text = |key: &str| value.get(key).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("{file}: {key} must be a string"));
    w.string(text("language"));
    let wb = value.get("word_boundaries").is_some_and(|v| v.as_bool().unwrap_or_else(|| panic!("{file}: word_boundaries must be true or false")));
    w.number(usize::from(wb));
    w.string(text("script"));
    let window = value.get("negation_window").and_then(|v| v.as_integer()).unwrap_or_else(|| panic!("{file}: negation_window must be a number"));
    w.number(usize::try_from(window).unwrap_or_else(|_| panic!("{file}: negation_window must not be negative")));
    w.front_coded_lists(file, value, "groups");
    w.regex_names(file, value, "regex");
    w.bytes
}

/// The keys of `data/pages.toml`'s `[fields]` and `[identity.words]`, in the order
/// `src/page.rs` (`PagesFile::read`) reads their lists.
const PAGE_FIELDS: &[&str] = &[
    "not_credential",
    "password",
    "password_stems",
    "one_time_code",
    "one_time_code_stems",
    "card",
    "card_stems",
    "identifier",
    "sign_in_action",
    "not_sign_in",
];
const PAGE_WORDS: &[&str] = &["sign_in", "badge", "mention_before", "decoration", "other_brands"];

/// Writes `pages.bin`, `data/pages.toml` in the compact form `src/page.rs` reads
/// (`PagesFile::read`): the `[fields]` lists in [`PAGE_FIELDS`] order, `generic_tokens`,
/// `[identity.aliases]` (a count of (platform, list of names)), the `[identity.words]` lists in
/// [`PAGE_WORDS`] order. Reading JSON here took `serde_json` code for each of the file's four
/// tables into the module (~23 KB before wasm-opt). A missing list is empty; an unknown key
/// fails the build, naming it.
fn compile_pages(out: &str) {
    let file = "data/pages.toml";
    let value = strip_prose(read_toml(file));
    let mut w = Record::default();
    w.known(file, &value, &["fields", "identity"]);
    let fields = table_or_empty(file, &value, "fields");
    w.known(file, &fields, PAGE_FIELDS);
    for key in PAGE_FIELDS {
        w.list(file, &fields, key);
    }
    let identity = table_or_empty(file, &value, "identity");
    w.known(file, &identity, &["generic_tokens", "aliases", "words"]);
    w.list(file, &identity, "generic_tokens");
    w.named_lists(file, &identity, "aliases", false);
    let words = table_or_empty(file, &identity, "words");
    w.known(file, &words, PAGE_WORDS);
    for key in PAGE_WORDS {
        w.list(file, &words, key);
    }
    fs::write(Path::new(out).join("pages.bin"), &w.bytes).expect("OUT_DIR is writable");
}

/// Writes `wording.bin`: the wording model of `data/lexicon/wording.tsv` (trained by
/// `scripts/train-wording.py`) in the form `src/message/wording.rs` reads: the bias and the
/// threshold's logit as little-endian `f32`, then each feature as its weight in thousandths
/// (`i16`), its length (`u8`) and its text, in the order of their hashes. Parsing decimals in the module would pull in float
/// parsing for a few hundred numbers; a malformed line fails the build here, naming it.
fn compile_wording(out: &str) {
    let file = "data/lexicon/wording.tsv";
    println!("cargo:rerun-if-changed={file}");
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    let (mut bias, mut threshold) = (None, None);
    let mut features: Vec<(String, i16)> = Vec::new();
    for (n, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |why: &str| -> ! { panic!("{file}:{n}: {why}: {line:?}") };
        let Some((key, value)) = line.split_once('\t') else { bad("not `feature<TAB>weight`") };
        let Ok(value) = value.parse::<f64>() else { bad("the weight is not a number") };
        match key {
            "bias" => bias = Some(value),
            "threshold" if value > 0.0 && value < 1.0 => threshold = Some(value),
            "threshold" => bad("the threshold is a probability between 0 and 1"),
            _ => {
                let words: Vec<&str> = key.split(' ').collect();
                if words.len() > 2 || words.iter().any(|w| w.is_empty() || !w.chars().all(char::is_alphanumeric)) {
                    bad("a feature is one or two tokens (letters or digits) with one space between");
                }
                if key.len() > usize::from(u8::MAX) {
                    bad("the feature is too long");
                }
                if features.iter().any(|(k, _)| k == key) {
                    bad("the feature is listed twice");
                }
                let milli = (value * 1000.0).round();
                if !(f64::from(i16::MIN)..=f64::from(i16::MAX)).contains(&milli) {
                    bad("the weight is out of range (|w| < 32.7)");
                }
                features.push((key.to_string(), milli as i16));
            }
        }
    }
    let (Some(bias), Some(threshold)) = (bias, threshold) else { panic!("{file}: `bias` and `threshold` lines are required") };
    // In the order of the engine's hash of each text, so the engine searches them as they
    // come: sorting at start-up was ~2 KB of the module's code.
    let fnv = |text: &str| wording_hash::fnv(wording_hash::FNV_OFFSET, text.as_bytes());
    features.sort_by_key(|(key, _)| fnv(key));
    if features.windows(2).any(|w| fnv(&w[0].0) == fnv(&w[1].0)) {
        panic!("{file}: two features have the same hash; rename one");
    }
    let mut bytes = Vec::new();
    bytes.extend_from_slice(&(bias as f32).to_le_bytes());
    bytes.extend_from_slice(&((threshold / (1.0 - threshold)).ln() as f32).to_le_bytes());
    for (key, milli) in &features {
        bytes.extend_from_slice(&milli.to_le_bytes());
        bytes.push(key.len() as u8);
        bytes.extend_from_slice(key.as_bytes());
    }
    fs::write(Path::new(out).join("wording.bin"), bytes).expect("OUT_DIR is writable");
}

/// Writes `lexicon-rules.bin`, `lexicon-brands.bin` and `lexicon-files.bin`: `rules.toml`,
/// `brands.toml` and `files.toml` of `data/lexicon/` in the compact form
/// `src/message/lexicon.rs` reads (`RulesFile::read`, `BrandsFile::read`, `Files::read`), for
/// the same reason as [`compile_pages`] (their JSON deserialisers were ~40 KB of the module).
/// The engine refused unknown keys and missing required ones in these files; the build does.
fn compile_lexicon_tables(out: &str) {
    use Field::{Flag, List, Lists, Number, NumberOrZero, Pair, Str, Table};
    let file = "data/lexicon/rules.toml";
    let rules = strip_prose(read_toml(file));
    let mut w = Record::default();
    w.known(file, &rules, &["shared_regex", "negatable", "derived", "outranked", "signal", "category"]);
    w.regex_names(file, &rules, "shared_regex");
    w.list(file, &rules, "negatable");
    w.strict_records(file, &rules, "derived", &[("id", Str), ("near", Pair), ("window", Number), ("same_sentence", Flag(true))]);
    w.strict_records(file, &rules, "outranked", &[("groups", List), ("by", Str)]);
    w.strict_records(file, &rules, "signal", &[("group", Str), ("code", Str), ("severity", Str), ("weight", Number), ("message", Str)]);
    const CATEGORY: &[(&str, Field)] = &[
        ("id", Str),
        ("severity", Str),
        ("weight", Number),
        ("need", Number),
        ("message", Str),
        ("cues", Table),
        ("require", Lists),
        ("sufficient", List),
        ("veto", List),
        ("veto_at", NumberOrZero),
        ("block", List),
    ];
    w.strict_records(file, &rules, "category", CATEGORY);
    fs::write(Path::new(out).join("lexicon-rules.bin"), &w.bytes).expect("OUT_DIR is writable");

    let file = "data/lexicon/brands.toml";
    let brands = strip_prose(read_toml(file));
    let mut w = Record::default();
    w.known(file, &brands, &["names"]);
    w.named_lists(file, &brands, "names", true);
    fs::write(Path::new(out).join("lexicon-brands.bin"), &w.bytes).expect("OUT_DIR is writable");

    let file = "data/lexicon/files.toml";
    let files = strip_prose(read_toml(file));
    let mut w = Record::default();
    const FILES: &[&str] = &["document_endings", "dangerous_types", "file_endings_not_sites", "in_text_not_files"];
    w.known(file, &files, FILES);
    for key in FILES {
        if files.get(key).is_none() {
            panic!("{file}: {key} is missing");
        }
        w.list(file, &files, key);
    }
    fs::write(Path::new(out).join("lexicon-files.bin"), &w.bytes).expect("OUT_DIR is writable");
}

/// The lexicon's compact files, in the order [`pack`] joins them.
const LEXICON_PARTS: &[&str] = &[
    "lexicon_dfas.bin",
    "lexicon-en.bin",
    "lexicon-zh.bin",
    "lexicon-zh-hant.bin",
    "lexicon-rules.bin",
    "lexicon-brands.bin",
    "lexicon-files.bin",
    "wording.bin",
];

/// The tables the engine reads on its first page check or its first look at a non-ASCII
/// host, but not at start: the page vocabulary, the confusables and the scripts.
const TABLE_PARTS: &[&str] = &["pages.bin", "confusables.bin", "scripts.bin"];

/// The Rust name of a packed part: `lexicon-zh-hant.bin` is `LEXICON_ZH_HANT`.
fn packed_name(file: &str) -> String {
    file.trim_end_matches(".bin").replace(['-', '_'], "_").to_uppercase()
}

/// Writes `{stream}.lzma` and `{stream}_packed.rs`: the compact files `parts` (already in
/// `out`), one after the other, compressed with LZMA at its strongest setting, and where each
/// lies once unpacked (`src/packed.rs` unpacks a stream on the first use of any of its parts).
/// gzip, which the module is shipped with, finds repeats only within 32 KB and codes them
/// with whole-byte Huffman codes; LZMA's window holds all of a stream and its range coder
/// predicts each bit from the bytes before: the lexicon's 184 KB are 79 KB by `gzip -9`, 69 KB
/// this way. Only data the engine does not need at start is packed: unpacking costs ~17 ns a
/// byte natively.
fn pack(out: &str, stream: &str, parts: &[&str]) {
    use std::io::Write;
    let upper = stream.to_uppercase();
    let mut joined = Vec::new();
    let mut code = String::from("// Generated by build.rs (pack).\n");
    for file in parts {
        let bytes = fs::read(Path::new(out).join(file)).expect("the compact files were written");
        let name = packed_name(file);
        let part = format!("Part {{ stream: Stream::{}{}, at: {}, len: {} }}", &stream[..1].to_uppercase(), &stream[1..], joined.len(), bytes.len());
        code.push_str(&format!("pub(crate) const {name}: Part = {part};\n"));
        joined.extend(bytes);
    }
    code.push_str(&format!("/// The unpacked data's length.\nconst {upper}_LEN: usize = {};\n", joined.len()));
    code.push_str(&format!("/// The compact files, LZMA-compressed.\nstatic {upper}_LZMA: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{stream}.lzma\"));\n"));
    let compress = |nice_len: u32| {
        // Preset 9 with liblzma's LZMA_PRESET_EXTREME flag (`xz -9e`), which `xz2` does not name.
        let mut options = xz2::stream::LzmaOptions::new_preset(9 | 1 << 31).expect("a valid preset");
        // A dictionary as large as the data (no match is out of reach) and literals coded in the
        // context of the top two bits of the byte before them (three: +127 B, four: +371 B on the
        // lexicon); no position context (the data is bytes, not words: the default pb=2 is +335 B).
        options.dict_size((joined.len() as u32).next_power_of_two().max(4096)).literal_context_bits(2).literal_position_bits(0).position_bits(0);
        options.nice_len(nice_len);
        let encoder = xz2::stream::Stream::new_lzma_encoder(&options).expect("an LZMA encoder");
        let mut packed = xz2::write::XzEncoder::new_stream(Vec::new(), encoder);
        packed.write_all(&joined).expect("compressing in memory");
        packed.finish().expect("compressing in memory")
    };
    // The match length the encoder settles for moves the result by ~0.1% either way, and which
    // length is best changes with the data: the smallest of a few (~0.2 s each) is kept. The
    // decoder reads any of them the same way.
    let packed = [273, 192, 128, 96, 64].into_iter().map(compress).min_by_key(Vec::len).expect("a length was tried");
    fs::write(Path::new(out).join(format!("{stream}.lzma")), &packed).expect("OUT_DIR is writable");
    fs::write(Path::new(out).join(format!("{stream}_packed.rs")), code).expect("OUT_DIR is writable");
}

/// Table `key` of `value`, or an empty one when it is missing.
fn table_or_empty(file: &str, value: &toml::Value, key: &str) -> toml::Value {
    match value.get(key) {
        None => toml::Value::Table(toml::value::Table::new()),
        Some(t @ toml::Value::Table(_)) => t.clone(),
        Some(_) => panic!("{file}: [{key}] is not a table"),
    }
}

/// How a registry field is stored (see [`Record`]).
#[derive(Clone, Copy)]
enum Field {
    /// A required string.
    Str,
    /// A string that may be missing: a list of zero or one.
    Opt,
    /// A string that is `""` when missing.
    StrOrEmpty,
    /// A list of strings, empty when missing.
    List,
    /// A required non-negative integer, as a number.
    Number,
    /// The same, 0 when missing.
    NumberOrZero,
    /// A true or false, as 1 or 0; the given value when missing.
    Flag(bool),
    /// A required list of exactly two strings, as the two strings.
    Pair,
    /// A required table of string lists, as a count of (name, list) in name order.
    Table,
    /// A list of lists of strings, empty when missing.
    Lists,
}

/// `registry.bin` as it is written: every count and length a LEB128 number, every string its
/// UTF-8 bytes after its length, a list its count then its strings, records a count then
/// each record's fields in order. What `src/registry.rs`'s `Reader` reads.
#[derive(Default)]
struct Record {
    bytes: Vec<u8>,
}

impl Record {
    fn number(&mut self, mut n: usize) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    fn string(&mut self, s: &str) {
        self.number(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// Fails the build on a key of `table` not in `keys`.
    fn known(&self, file: &str, table: &toml::Value, keys: &[&str]) {
        for key in table.as_table().unwrap_or_else(|| panic!("{file}: not a table")).keys() {
            if !keys.contains(&key.as_str()) {
                panic!("{file}: unknown key {key:?} (the engine reads {keys:?})");
            }
        }
    }

    fn list(&mut self, file: &str, table: &toml::Value, key: &str) {
        let list = string_list(file, table, key);
        self.number(list.len());
        for s in &list {
            self.string(s);
        }
    }

    fn records(&mut self, file: &str, table: &toml::Value, key: &str, fields: &[(&str, Field)]) {
        let empty = Vec::new();
        let list = match table.get(key) {
            None => &empty,
            Some(v) => v.as_array().unwrap_or_else(|| panic!("{file}: {key} is not an array of tables")),
        };
        self.number(list.len());
        for (i, record) in list.iter().enumerate() {
            let what = format!("{file}: {key}[{i}]");
            for &(name, field) in fields {
                let value = record.get(name);
                let text = |v: &toml::Value| v.as_str().unwrap_or_else(|| panic!("{what}: {name} is not a string")).to_string();
                match (field, value) {
                    (Field::Str, Some(v)) => self.string(&text(v)),
                    (Field::Str, None) => panic!("{what}: {name} is missing"),
                    (Field::StrOrEmpty, v) => self.string(&v.map(text).unwrap_or_default()),
                    (Field::Opt, None) => self.number(0),
                    (Field::Opt, Some(v)) => {
                        self.number(1);
                        self.string(&text(v));
                    }
                    (Field::List, _) => self.list(&what, record, name),
                    (Field::NumberOrZero, None) => self.number(0),
                    (Field::Number | Field::NumberOrZero, Some(v)) => {
                        let n = v.as_integer().and_then(|n| usize::try_from(n).ok());
                        self.number(n.unwrap_or_else(|| panic!("{what}: {name} is not a non-negative integer")));
                    }
                    (Field::Number | Field::Pair | Field::Table, None) => panic!("{what}: {name} is missing"),
                    (Field::Flag(default), v) => {
                        let flag = v.map_or(default, |v| v.as_bool().unwrap_or_else(|| panic!("{what}: {name} must be true or false")));
                        self.number(usize::from(flag));
                    }
                    (Field::Pair, Some(v)) => match v.as_array().map(Vec::as_slice) {
                        Some([a, b]) => {
                            self.string(&text(a));
                            self.string(&text(b));
                        }
                        _ => panic!("{what}: {name} is not a list of two strings"),
                    },
                    (Field::Table, Some(_)) => self.named_lists(&what, record, name, true),
                    (Field::Lists, v) => {
                        let lists = v.map(|v| v.as_array().unwrap_or_else(|| panic!("{what}: {name} is not a list of lists")));
                        let lists = lists.map_or(&[][..], Vec::as_slice);
                        self.number(lists.len());
                        for (j, list) in lists.iter().enumerate() {
                            let list = list.as_array().unwrap_or_else(|| panic!("{what}: {name}[{j}] is not a list"));
                            self.number(list.len());
                            for s in list {
                                self.string(&text(s));
                            }
                        }
                    }
                }
            }
        }
    }

    /// [`Record::records`], failing the build on a key of a record not in `fields`.
    fn strict_records(&mut self, file: &str, table: &toml::Value, key: &str, fields: &[(&str, Field)]) {
        let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
        for (i, record) in table.get(key).and_then(toml::Value::as_array).into_iter().flatten().enumerate() {
            self.known(&format!("{file}: {key}[{i}]"), record, &names);
        }
        self.records(file, table, key, fields);
    }

    /// Table `key` of phrase lists, in name order, each list sorted and front-coded, in two
    /// parts: a count of (name, count of phrases, per phrase the length in bytes it shares
    /// with the one before, cut back to a character boundary), then one string of every
    /// phrase's rest, each ended by a newline. The phrases are most of the module's lexicon,
    /// and a group's phrases share their heads ("release your package", "release your
    /// parcel"): 94 KB of phrases take 76 KB so. The numbers apart from the text, and the text
    /// as plain lines, gzip better than each rest behind its length (`lexicon-en.bin`, with its
    /// regexes: 27.9 KB gzip -9 interleaved, 24.8 KB so). A group's phrases are a set to the lexicon
    /// (its trie is built from them sorted), so their order in the file is free.
    fn front_coded_lists(&mut self, file: &str, value: &toml::Value, key: &str) {
        let empty = toml::value::Table::new();
        let table = match value.get(key) {
            None => &empty,
            Some(t) => t.as_table().unwrap_or_else(|| panic!("{file}: [{key}] is not a table")),
        };
        let sorted: BTreeMap<&String, &toml::Value> = table.iter().collect();
        self.number(sorted.len());
        let mut text = String::new();
        for (name, list) in sorted {
            let list = list.as_array().unwrap_or_else(|| panic!("{file}: [{key}] {name} is not a list"));
            let mut phrases: Vec<&str> = list.iter().map(|p| p.as_str().unwrap_or_else(|| panic!("{file}: [{key}] {name} holds a non-string"))).collect();
            phrases.sort_unstable();
            self.string(name);
            self.number(phrases.len());
            let mut before = "";
            for p in phrases {
                assert!(!p.contains('\n'), "{file}: [{key}] {name}: a phrase holds a line break: {p:?}");
                let mut shared = before.bytes().zip(p.bytes()).take_while(|(a, b)| a == b).count();
                while !p.is_char_boundary(shared) {
                    shared -= 1;
                }
                self.number(shared);
                text.push_str(&p[shared..]);
                text.push('\n');
                before = p;
            }
        }
        self.string(&text);
    }

    /// List `key` of strings of character pairs (from, to, from, to...) as the pairs sorted by
    /// their first character, the first of a duplicate kept (as `normalize::Fold::new` keeps
    /// it): the count, then each first character as its distance from the one before, then
    /// each second one as the zigzag of its distance from the one before. The ~3,200
    /// Traditional-to-Simplified pairs were 19.9 KB of UTF-8 that gzipped to 14.3 KB: two
    /// rising sequences of code points in the same few blocks take 9.2 KB so, 7.4 KB gzipped.
    fn fold_pairs(&mut self, file: &str, value: &toml::Value, key: &str) {
        let mut pairs = Vec::new();
        for s in string_list(file, value, key) {
            let chars: Vec<char> = s.chars().collect();
            if chars.len() % 2 != 0 {
                panic!("{file}: {key}: odd number of characters in {s:?}");
            }
            pairs.extend(chars.chunks(2).map(|p| (p[0], p[1])));
        }
        pairs.sort_by_key(|p| p.0);
        pairs.dedup_by_key(|p| p.0);
        self.number(pairs.len());
        let mut before = 0;
        for &(from, _) in &pairs {
            self.number(from as usize - before);
            before = from as usize;
        }
        let mut before = 0i64;
        for &(_, to) in &pairs {
            let d = i64::from(u32::from(to)) - before;
            self.number(if d >= 0 { 2 * d } else { -2 * d - 1 } as usize);
            before = i64::from(u32::from(to));
        }
    }

    /// The names of table `key`'s regex groups that have patterns, sorted, as a list: the
    /// engine uses the DFAs compiled from them (`compile_lexicon_regexes`), so the patterns
    /// themselves (~4 KB of the module gzipped) stay out.
    fn regex_names(&mut self, file: &str, value: &toml::Value, key: &str) {
        let names: Vec<&String> = match value.get(key) {
            None => Vec::new(),
            Some(t) => {
                let t = t.as_table().unwrap_or_else(|| panic!("{file}: [{key}] is not a table"));
                let sorted: BTreeMap<&String, &toml::Value> = t.iter().collect();
                sorted.into_iter().filter(|(_, v)| v.as_array().is_some_and(|a| !a.is_empty())).map(|(n, _)| n).collect()
            }
        };
        self.number(names.len());
        for n in names {
            self.string(n);
        }
    }

    /// Table `key` of string lists as a count of (name, list), in name order; a missing table
    /// is empty unless `required`.
    fn named_lists(&mut self, file: &str, value: &toml::Value, key: &str, required: bool) {
        let table = match value.get(key) {
            None if required => panic!("{file}: {key} is missing"),
            None => {
                self.number(0);
                return;
            }
            Some(t) => t.as_table().unwrap_or_else(|| panic!("{file}: [{key}] is not a table")),
        };
        let sorted: BTreeMap<&String, &toml::Value> = table.iter().collect();
        self.number(sorted.len());
        for (name, list) in sorted {
            let list = list.as_array().unwrap_or_else(|| panic!("{file}: [{key}] {name} is not a list"));
            self.string(name);
            self.number(list.len());
            for s in list {
                self.string(s.as_str().unwrap_or_else(|| panic!("{file}: [{key}] {name} holds a non-string")));
            }
        }
    }
}

/// A TOML file of `data/`, parsed, or the build fails naming it.
fn read_toml(path: &str) -> toml::Value {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path} is not valid TOML: {e}"))
}

/// A table of pattern lists (`[regex]`, `[shared_regex]`), each pattern with its file.
fn pattern_table<'a>(file: &'a str, value: &toml::Value, key: &str, into: &mut BTreeMap<String, Vec<(&'a str, String)>>) {
    let Some(table) = value.get(key) else { return };
    let table = table.as_table().unwrap_or_else(|| panic!("{file}: [{key}] is not a table"));
    for (group, list) in table {
        let list = list.as_array().unwrap_or_else(|| panic!("{file}: [{key}] {group} is not a list"));
        for p in list {
            let p = p.as_str().unwrap_or_else(|| panic!("{file}: [{key}] {group} holds a non-string"));
            into.entry(group.clone()).or_default().push((file, p.to_string()));
        }
    }
}

fn string_list(file: &str, value: &toml::Value, key: &str) -> Vec<String> {
    let Some(list) = value.get(key) else { return Vec::new() };
    let list = list.as_array().unwrap_or_else(|| panic!("{file}: {key} is not a list"));
    list.iter().map(|v| v.as_str().unwrap_or_else(|| panic!("{file}: {key} holds a non-string")).to_string()).collect()
}

/// Writes `lexicon_languages.rs` (the language files the engine embeds, in [`LANGUAGES`]
/// order), and `lexicon_dfas.bin` with `lexicon_regex.rs`: every regex group's patterns
/// (`[shared_regex]` of `rules.toml`, then each language's `[regex]`) joined and compiled to one
/// anchored, leftmost-first dense DFA, plus the two file-name patterns made from
/// `data/links.toml`'s extensions. The runtime only ever searches these DFAs from positions
/// where a match can start, so unanchored DFAs (which blow up on the lazy `(?:\w+ ){0,4}?`
/// gaps) are never needed.
fn compile_lexicon_regexes(out: &str) {
    let rules_file = "data/lexicon/rules.toml";
    let rules = read_toml(rules_file);
    let mut groups: BTreeMap<String, Vec<(&str, String)>> = BTreeMap::new();
    pattern_table(rules_file, &rules, "shared_regex", &mut groups);
    let lang_files: Vec<String> = LANGUAGES.iter().map(|l| format!("data/lexicon/{l}.toml")).collect();
    for (file, l) in lang_files.iter().zip(LANGUAGES) {
        let mut value = read_toml(file);
        // The joined files' patterns follow the host's own in each group (`join_groups`).
        join_languages(l, &mut value);
        pattern_table(file, &value, "regex", &mut groups);
        let bin = language_record(file, &strip_prose(value));
        fs::write(Path::new(out).join(format!("lexicon-{l}.bin")), bin).expect("OUT_DIR is writable");
    }
    let mut code = String::from("// Generated by build.rs from data/lexicon/*.toml.\n");
    code.push_str(&format!("const LANGUAGES: [crate::packed::File; {}] = [\n", LANGUAGES.len()));
    for l in LANGUAGES {
        let part = packed_name(&format!("lexicon-{l}.bin"));
        code.push_str(&format!("    crate::packed::File(\"data/lexicon/{l}.toml\", crate::packed::{part}),\n"));
    }
    code.push_str("];\n");
    fs::write(Path::new(out).join("lexicon_languages.rs"), code).expect("OUT_DIR is writable");
    let folds = "data/lexicon/zh-hant.toml";
    let value = strip_prose(read_toml(folds));
    let mut w = Record::default();
    w.known(folds, &value, &["pairs"]);
    w.fold_pairs(folds, &value, "pairs");
    fs::write(Path::new(out).join("lexicon-zh-hant.bin"), w.bytes).expect("OUT_DIR is writable");

    let links = read_toml("data/links.toml");
    let files = read_toml("data/lexicon/files.toml");
    let not_files = string_list("data/lexicon/files.toml", &files, "in_text_not_files");
    let risky = re_syntax::filename_pattern(&string_list("data/links.toml", &links, "dangerous_extensions"), &not_files);
    let archive = re_syntax::filename_pattern(&string_list("data/links.toml", &links, "archive_extensions"), &not_files);

    let mut bin: Vec<u8> = Vec::new();
    let mut sizes = String::new();
    let mut entry = |what: &str, files: &[&str], source: &str, bin: &mut Vec<u8>| -> String {
        let dfa = compile_dfa(what, files, source);
        let at = bin.len();
        bin.extend(encode_table(what, &dfa));
        let len = bin.len() - at;
        sizes.push_str(&format!("{what}\t{len}\n"));
        let hash = re_syntax::source_hash(source);
        format!("Compiled {{ name: {what:?}, source_hash: {hash:#x}, #[cfg(test)] source: {source:?}, at: {at}, len: {len} }}")
    };
    let mut code = String::from("// Generated by build.rs from data/lexicon/*.toml and data/links.toml.\n");
    code.push_str("pub(crate) static GROUPS: &[Compiled] = &[\n");
    for (name, list) in &groups {
        let patterns: Vec<&str> = list.iter().map(|(_, p)| p.as_str()).collect();
        let mut in_files: Vec<&str> = list.iter().map(|(f, _)| *f).collect();
        in_files.dedup();
        let e = entry(name, &in_files, &re_syntax::join(&patterns), &mut bin);
        code.push_str(&format!("    {e},\n"));
    }
    code.push_str("];\n");
    let e = entry("risky file name", &["data/links.toml"], &risky, &mut bin);
    code.push_str(&format!("pub(crate) static RISKY_FILENAME: Compiled = {e};\n"));
    let e = entry("archive file name", &["data/links.toml"], &archive, &mut bin);
    code.push_str(&format!("pub(crate) static ARCHIVE_FILENAME: Compiled = {e};\n"));
    code.push_str("/// Every lexicon DFA in `re::Dfa`'s encoding, one after the other.\n");
    code.push_str("const DFAS: crate::packed::Part = crate::packed::LEXICON_DFAS;\n");
    fs::write(Path::new(out).join("lexicon_dfas.bin"), &bin).expect("OUT_DIR is writable");
    fs::write(Path::new(out).join("lexicon_regex.rs"), code).expect("OUT_DIR is writable");
    fs::write(Path::new(out).join("lexicon_dfas.txt"), sizes).expect("OUT_DIR is writable");
}

/// One group's joined pattern as an anchored, leftmost-first DFA, or a build failure that names
/// the group, its files and, when one pattern is at fault, that pattern.
fn compile_dfa(what: &str, files: &[&str], source: &str) -> dense::DFA<Vec<u32>> {
    let build = |pattern: &str| {
        dense::Builder::new()
            .configure(
                dense::DFA::config()
                    .start_kind(StartKind::Anchored)
                    .match_kind(MatchKind::LeftmostFirst)
                    .minimize(true)
                    // The runtime walks states itself and never uses accelerators.
                    .accelerate(false)
                    .dfa_size_limit(Some(DETERMINIZE_LIMIT))
                    .determinize_size_limit(Some(DETERMINIZE_LIMIT)),
            )
            .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
            .build(&re_syntax::ascii_classes(pattern))
            .map_err(|e| e.to_string())
            .and_then(|dfa| {
                // Its size as the runtime expands it: a u16 where this DFA has a u32.
                let size = dfa.memory_usage() / 2;
                if size > DFA_SIZE_LIMIT { Err(format!("its DFA is {size} bytes, over the limit of {DFA_SIZE_LIMIT}")) } else { Ok(dfa) }
            })
    };
    let dfa = build(source).unwrap_or_else(|e| {
        // Say which of the group's patterns is at fault when one alone fails.
        for alt in split_alternatives(source) {
            if let Err(e) = build(alt) {
                panic!("{}: regex group {what:?}: the pattern {alt:?} cannot be used: {e}", files.join(", "));
            }
        }
        panic!("{}: regex group {what:?} (its patterns joined) cannot be used: {e}", files.join(", "))
    });
    // A match of no text would make every position a hit; the scan has no use for one and the
    // runtime relies on every match being at least one byte long.
    let mut lookbehind: Vec<Option<u8>> = vec![None];
    lookbehind.extend((0..=255).map(Some));
    for lb in lookbehind {
        let config = start::Config::new().anchored(Anchored::Yes).look_behind(lb);
        let sid = dfa.start_state(&config).unwrap_or_else(|e| panic!("{what}: no anchored start state: {e}"));
        let empty = dfa.is_match_state(dfa.next_eoi_state(sid)) || (0..=255).any(|b| dfa.is_match_state(dfa.next_state(sid, b)));
        if empty {
            panic!("{}: regex group {what:?} can match empty text ({source:?}); every lexicon pattern must match at least one character", files.join(", "));
        }
    }
    dfa
}


/// A DFA in the encoding `re::Dfa::decode` reads, all numbers little-endian:
///
/// ```text
/// u16 states, u16 first match state, u16 classes (K), [u8; 256] class of each byte,
/// [u16; 5] start state per look-behind class, ceil(states / 8) bytes: which states match
/// at the end of the text, u32 length of the operations, then three streams that together
/// give the row of K transitions of every state but the dead one:
///   references, a byte per row: the row is written against state (this one - back)'s, or the
///     dead state's for 0
///   operations, per row until its K classes are covered, in class order:
///     0nnnnnnn            n (1..=127) classes go where the reference row's go
///     1rrrrhhh            r + 1 (1..=16) classes go to the state of code hhh << 8 | (the next
///                         target byte) when hhh < 7, or of the next two target bytes (u16)
///   targets, the rest: the low bytes of those codes
/// ```
///
/// A code is 0 for the dead state, else 1 + the zigzag of (target - this state): most targets
/// are a few states on (the lazy gaps unroll into chains), so the same small codes recur where
/// the states' own numbers did not, and gzip finds them. Each kind of byte in its own stream
/// compresses better than the three interleaved: 38.7 KB gzip -9 for the DFAs so, 24.0 KB with
/// relative codes in three streams (the raw size is the same).
///
/// States are renumbered: 0 is the dead state, then the states that are not match states, then
/// the match states, so the search tells them apart by comparing numbers. The runtime expands
/// the rows into a dense table, whose transitions cost one lookup where a sparse DFA's cost a
/// search. Stored, most rows are a few changes to a row just before them: the lazy gaps
/// `(?:\w+ ){0,4}?` unroll into chains of states that differ in a class or two. Written
/// against the best of the 255 rows before it (or the dead row, for plain runs), a row takes
/// ~4 bytes where its runs of `(u8 length, u16 next)` took ~30 (256 KB in all, now ~56 KB).
fn encode_table(what: &str, dfa: &dense::DFA<Vec<u32>>) -> Vec<u8> {
    use regex_automata::util::primitives::StateID;
    let classes = dfa.byte_classes();
    let k = classes.alphabet_len();
    // Class representatives: one byte per class (the EOI class, last, has none).
    let mut rep: Vec<Option<u8>> = vec![None; k];
    for b in (0..=255u8).rev() {
        rep[usize::from(classes.get(b))] = Some(b);
    }
    let mut starts = [None::<StateID>; 5];
    for lb in std::iter::once(None).chain((0..=255).map(Some)) {
        let config = start::Config::new().anchored(Anchored::Yes).look_behind(lb);
        let sid = dfa.start_state(&config).unwrap_or_else(|e| panic!("{what}: no anchored start state: {e}"));
        let c = re_syntax::look_behind_class(lb);
        match starts[c] {
            None => starts[c] = Some(sid),
            Some(s) if s == sid => {}
            Some(_) => panic!("{what}: the DFA's start state depends on more than the look-behind classes re.rs knows"),
        }
    }
    // Every state reachable from a start, in a stable order.
    let mut order: Vec<StateID> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut queue: std::collections::VecDeque<StateID> = starts.iter().map(|s| s.expect("every class has a start")).collect();
    while let Some(sid) = queue.pop_front() {
        if !seen.insert(sid) {
            continue;
        }
        order.push(sid);
        for b in rep.iter().flatten() {
            let next = dfa.next_state(sid, *b);
            assert!(!dfa.is_quit_state(next), "{what}: the DFA has quit states");
            if !seen.contains(&next) {
                queue.push_back(next);
            }
        }
    }
    let (matching, plain): (Vec<StateID>, Vec<StateID>) =
        order.into_iter().filter(|&s| !dfa.is_dead_state(s)).partition(|&s| dfa.is_match_state(s));
    let mut number = std::collections::HashMap::new();
    for (i, &s) in plain.iter().chain(&matching).enumerate() {
        // A transition is stored relative to its state, as a u16 twice the distance.
        assert!(i + 1 <= 0x7fff, "{what}: more than 32,767 DFA states");
        number.insert(s, (i + 1) as u16);
    }
    let id = |s: StateID| if dfa.is_dead_state(s) { 0 } else { number[&s] };
    let states = plain.len() + matching.len() + 1;
    let mut out = Vec::new();
    let u16le = |out: &mut Vec<u8>, v: usize| out.extend_from_slice(&u16::try_from(v).expect("fits in u16").to_le_bytes());
    u16le(&mut out, states);
    u16le(&mut out, plain.len() + 1);
    u16le(&mut out, k);
    out.extend((0..=255u8).map(|b| classes.get(b)));
    for s in starts {
        u16le(&mut out, usize::from(id(s.expect("every class has a start"))));
    }
    let mut eoi = vec![0u8; states.div_ceil(8)];
    let all: Vec<Option<StateID>> = std::iter::once(None).chain(plain.iter().chain(&matching).map(|&s| Some(s))).collect();
    for (i, s) in all.iter().enumerate() {
        if let Some(s) = s {
            if dfa.is_match_state(dfa.next_eoi_state(*s)) {
                eoi[i / 8] |= 1 << (i % 8);
            }
        }
    }
    out.extend(eoi);
    let rows: Vec<Vec<u16>> = all
        .iter()
        .map(|s| {
            // The dead state's row: every class back to itself. The EOI class is never looked up.
            (0..k)
                .map(|c| match (s, rep[c]) {
                    (Some(s), Some(b)) => id(dfa.next_state(*s, b)),
                    _ => 0,
                })
                .collect()
        })
        .collect();
    let (mut backs, mut ops, mut targets) = (Vec::new(), Vec::new(), Vec::new());
    for (i, row) in rows.iter().enumerate().skip(1) {
        let (back, (o, t)) = std::iter::once(0)
            .chain(1..i.min(256))
            .map(|back| (back, row_against(i, row, &rows[if back == 0 { 0 } else { i - back }])))
            .min_by_key(|(_, (o, t))| o.len() + t.len())
            .expect("the dead row is always a candidate");
        backs.push(back as u8);
        ops.extend(o);
        targets.extend(t);
    }
    out.extend_from_slice(&u32::try_from(ops.len()).expect("fits in u32").to_le_bytes());
    out.extend(backs);
    out.extend(ops);
    out.extend(targets);
    out
}

/// The operations and target bytes that turn `reference` into `row`, the row of state `state`
/// (see [`encode_table`]).
fn row_against(state: usize, row: &[u16], reference: &[u16]) -> (Vec<u8>, Vec<u8>) {
    let (mut ops, mut targets) = (Vec::new(), Vec::new());
    let mut c = 0;
    while c < row.len() {
        let mut n = 1;
        if row[c] == reference[c] {
            while c + n < row.len() && n < 127 && row[c + n] == reference[c + n] {
                n += 1;
            }
            ops.push(n as u8);
        } else {
            while c + n < row.len() && n < 16 && row[c + n] == row[c] && row[c + n] != reference[c + n] {
                n += 1;
            }
            let code = match row[c] {
                0 => 0,
                next => {
                    let d = i64::from(next) - state as i64;
                    1 + if d >= 0 { 2 * d } else { -2 * d - 1 }
                }
            };
            let [lo, hi] = u16::try_from(code).expect("a transition's code fits in u16").to_le_bytes();
            if hi < 7 {
                ops.push(0x80 | ((n - 1) as u8) << 3 | hi);
                targets.push(lo);
            } else {
                ops.push(0x80 | ((n - 1) as u8) << 3 | 7);
                targets.extend([lo, hi]);
            }
        }
        c += n;
    }
    (ops, targets)
}

/// The top-level alternatives `re_syntax::join` made, for error messages only.
fn split_alternatives(joined: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start, mut escaped, mut in_class) = (0i32, 0, false, false);
    for (i, c) in joined.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => depth -= 1,
            '|' if !in_class && depth == 0 => {
                out.push(&joined[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&joined[start..]);
    out.into_iter().map(|a| a.strip_prefix("(?:").and_then(|a| a.strip_suffix(')')).unwrap_or(a)).collect()
}

/// Writes `idna_tables.bin`: the Unicode tables `idna` asks its back end about (UTS 46 mapping and
/// normalisation, general category, bidi class, joining type, the Virama code points), taken from
/// ICU4X's compiled data in the layout `crates/idna_adapter/src/supplied.rs` reads. The engine's
/// copy of `idna_adapter` builds ICU4X's own types from them on the first non-ASCII host, so the
/// module carries them LZMA-packed (~30 KB) rather than as ICU4X's ~130 KB of `static` tries
/// (~49 KB by Chromium's zlib). The data is ICU4X's byte for byte; only its packing changes.
fn compile_idna(out: &str) {
    use icu_normalizer::provider::{Baked, NormalizerNfcV1, NormalizerNfdTablesV1, NormalizerNfkdTablesV1, NormalizerUts46DataV1};
    use icu_properties::props::{BidiClass, GeneralCategory, JoiningType};
    use icu_provider::prelude::*;
    fn bytes(b: &mut Vec<u8>, v: &[u8]) {
        b.extend((v.len() as u32).to_le_bytes());
        b.extend(v);
    }
    // A trie through its serde form (its fields are private): header, index, data as numbers.
    fn trie<T: icu_collections::codepointtrie::TrieValue + serde::Serialize>(b: &mut Vec<u8>, t: &icu_collections::codepointtrie::CodePointTrie<'_, T>, width: usize) {
        let v = serde_json::to_value(t).expect("a trie serialises");
        let h = &v["header"];
        let n = |k: &str| h[k].as_u64().unwrap_or_else(|| panic!("trie header field {k}: {h}"));
        b.extend((n("high_start") as u32).to_le_bytes());
        b.extend((n("shifted12_high_start") as u16).to_le_bytes());
        b.extend((n("index3_null_offset") as u16).to_le_bytes());
        b.extend((n("data_null_offset") as u32).to_le_bytes());
        b.extend((n("null_value") as u32).to_le_bytes());
        b.push(match h["trie_type"].as_str() {
            Some("Fast") => 0,
            Some("Small") => 1,
            other => panic!("trie type {other:?}"),
        });
        let nums = |k: &str, w: usize| -> Vec<u8> {
            v[k].as_array().unwrap_or_else(|| panic!("trie {k}: not a list"))
                .iter()
                .flat_map(|x| x.as_u64().expect("a number").to_le_bytes()[..w].to_vec())
                .collect()
        };
        bytes(b, &nums("index", 2));
        bytes(b, &nums("data", width));
    }
    let mut b = Vec::new();
    let uts46: DataResponse<NormalizerUts46DataV1> = Baked.load(Default::default()).expect("compiled UTS 46 data");
    trie(&mut b, &uts46.payload.get().trie, 4);
    b.extend(uts46.payload.get().passthrough_cap.to_le_bytes());
    let nfd: DataResponse<NormalizerNfdTablesV1> = Baked.load(Default::default()).expect("compiled NFD tables");
    let nfkd: DataResponse<NormalizerNfkdTablesV1> = Baked.load(Default::default()).expect("compiled NFKD tables");
    for t in [nfd.payload.get(), nfkd.payload.get()] {
        bytes(&mut b, t.scalars16.as_bytes());
        bytes(&mut b, t.scalars24.as_bytes());
    }
    let nfc: DataResponse<NormalizerNfcV1> = Baked.load(Default::default()).expect("compiled NFC data");
    bytes(&mut b, nfc.payload.get().canonical_compositions.data.as_bytes());
    // The property values are one byte each (their ULE); the trie is written as u8s.
    fn property<T>(b: &mut Vec<u8>)
    where
        T: icu_properties::props::EnumeratedProperty + icu_collections::codepointtrie::TrieValue,
    {
        let owned = icu_properties::CodePointMapData::<T>::new().static_to_owned();
        let t = owned.to_code_point_trie().try_into_converted::<u8>().expect("a property of one-byte values");
        trie(b, &t, 1);
    }
    property::<GeneralCategory>(&mut b);
    property::<BidiClass>(&mut b);
    property::<JoiningType>(&mut b);
    let ccc = icu_normalizer::properties::CanonicalCombiningClassMapBorrowed::new();
    let viramas: Vec<u8> = (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| ccc.get_u8(c) == 9).flat_map(|c| u32::from(c).to_le_bytes()).collect();
    bytes(&mut b, &viramas);
    fs::write(Path::new(out).join("idna_tables.bin"), &b).expect("OUT_DIR is writable");
}
