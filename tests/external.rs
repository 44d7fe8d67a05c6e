//! The link engine on lists nobody on the team wrote (`tests/fixtures/external/`, sources and
//! licences in its README): real phishing URLs from public feeds that name a protected brand,
//! popular legitimate domains, and genuine platform URLs copied from the platforms' own pages.
//!
//! Real phishing URLs that name no protected brand (`phishing-generic.tsv`: Microsoft, Apple,
//! banks, wallets, webmail, free hosting) are split into `dev` and `holdout` by a hash of the URL;
//! the link engine's rules are tuned on `dev` only, and `holdout` says how well they generalise.
//!
//! Prints recall on the phishing feeds (danger, and danger-or-caution) and the false-danger and
//! false-caution rates on the legitimate lists, then asserts floors: no legitimate domain may be
//! dangerous, no genuine platform URL may be anything but safe on its own platform, and recall
//! may not fall below what was measured when the floor was set.

use std::collections::BTreeMap;
use std::path::Path;

use sellershield::{Code, Engine, Verdict};

fn lines(file: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/external").join(file);
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

fn engine() -> Engine {
    Engine::from_json("{}").unwrap()
}

fn first_reason(r: &sellershield::LinkReport) -> &str {
    r.reasons.first().map(|r| r.message.as_str()).unwrap_or("no reason")
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { 100.0 * n as f64 / d as f64 }
}

#[test]
fn popular_and_allowlisted_sites_are_never_dangerous() {
    let engine = engine();
    for file in ["top-sites.txt", "metamask-whitelist.txt", "top-domains.txt"] {
        let list = lines(file);
        assert!(list.len() > 400, "{file} is too short");
        let mut caution = Vec::new();
        let mut danger = Vec::new();
        for d in &list {
            let r = engine.check_url(&format!("https://{d}/"), None, None);
            match r.verdict {
                Verdict::Danger => danger.push(format!("{d}: {}", first_reason(&r))),
                Verdict::Caution => caution.push(format!("{d}: {}", first_reason(&r))),
                _ => {}
            }
        }
        println!(
            "{file}: {} domains, {} caution ({:.1}%), {} danger ({:.2}%)",
            list.len(),
            caution.len(),
            pct(caution.len(), list.len()),
            danger.len(),
            pct(danger.len(), list.len())
        );
        if std::env::var_os("SHOW_CAUTION").is_some() {
            for c in &caution {
                println!("  caution {c}");
            }
        }
        assert!(danger.is_empty(), "{file}: legitimate sites judged dangerous:\n{}", danger.join("\n"));
    }
}

/// Genuine URLs copied from the platforms' own pages: never dangerous without context, and safe
/// on their own platform (the platform the engine says they belong to must be the one named).
#[test]
fn genuine_platform_urls_are_safe() {
    let engine = engine();
    let list = lines("genuine-platform-urls.txt");
    let mut bad = Vec::new();
    let mut unknown = Vec::new();
    for url in &list {
        let r = engine.check_url(url, None, None);
        match (&r.verdict, &r.platform) {
            (Verdict::Danger, _) => bad.push(format!("{url}: danger: {}", first_reason(&r))),
            // A platform's user-content host (`buy.stripe.com`) is a caution by policy, and a
            // company site kept in `data/popular.toml` (`amazon.jobs`) is safe without being
            // the marketplace; anything else the registry should know.
            (Verdict::Safe, None) => {}
            (Verdict::Caution, None) if r.reasons.iter().any(|x| x.code == Code::UserContentHost) => {}
            (_, None) => unknown.push(format!("{url}: {:?}: {}", r.verdict, first_reason(&r))),
            (_, Some(p)) => {
                let on = engine.check_url(url, None, Some(p));
                if on.verdict != Verdict::Safe {
                    bad.push(format!("{url}: {:?} on its own platform {p}: {}", on.verdict, first_reason(&on)));
                }
            }
        }
    }
    println!("genuine-platform-urls.txt: {} URLs, {} misjudged, {} not recognised", list.len(), bad.len(), unknown.len());
    for u in &unknown {
        println!("  not recognised: {u}");
    }
    assert!(bad.is_empty(), "genuine platform URLs misjudged:\n{}", bad.join("\n"));
    assert!(unknown.is_empty(), "genuine platform URLs the registry does not know:\n{}", unknown.join("\n"));
}

/// Recall on real phishing URLs that name a protected brand, per feed.
#[test]
fn real_phishing_urls_naming_a_protected_brand() {
    let engine = engine();
    let mut per_feed: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    let mut total = (0, 0, 0);
    for line in lines("phishing-brands.tsv") {
        let mut cols = line.split('\t');
        let url = cols.next().unwrap();
        let feed = cols.next().unwrap_or("-").to_string();
        let r = engine.check_url(url, None, None);
        let e = per_feed.entry(feed).or_default();
        e.0 += 1;
        total.0 += 1;
        match r.verdict {
            Verdict::Danger => {
                e.1 += 1;
                e.2 += 1;
                total.1 += 1;
                total.2 += 1;
            }
            Verdict::Caution => {
                e.2 += 1;
                total.2 += 1;
                missed.push(format!("caution {url}: {}", first_reason(&r)));
            }
            v => missed.push(format!("{v:?} {url}: {}", first_reason(&r))),
        }
    }
    for (feed, (n, d, dc)) in &per_feed {
        println!("phishing {feed}: {n} URLs, danger {d} ({:.1}%), danger or caution {dc} ({:.1}%)", pct(*d, *n), pct(*dc, *n));
    }
    println!(
        "phishing all: {} URLs, danger {} ({:.1}%), danger or caution {} ({:.1}%)",
        total.0,
        total.1,
        pct(total.1, total.0),
        total.2,
        pct(total.2, total.0)
    );
    for m in &missed {
        println!("  not danger: {m}");
    }
    // Floors: what the engine reached when they were set. Raise them as recall improves.
    assert!(pct(total.2, total.0) >= 99.1, "danger-or-caution recall fell");
    assert!(pct(total.1, total.0) >= 85.9, "danger recall fell");
}

/// Judges every URL of a `url <TAB> feed <TAB> split` list and returns (split, feed) -> (URLs,
/// danger, danger or caution), with "all" as the feed of each split's totals. Prints the counts;
/// `SHOW_MISSED=1` lists the dev URLs that are not danger (holdout ones are never listed).
fn recall_by_split_and_feed(engine: &Engine, file: &str, label: &str) -> BTreeMap<(String, String), (usize, usize, usize)> {
    let mut per: BTreeMap<(String, String), (usize, usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    for line in lines(file) {
        let mut cols = line.split('\t');
        let url = cols.next().unwrap();
        let feed = cols.next().unwrap_or("-").to_string();
        let split = cols.next().unwrap_or("-").to_string();
        let r = engine.check_url(url, None, None);
        for key in [(split.clone(), feed.clone()), (split.clone(), "all".to_string())] {
            let e = per.entry(key).or_default();
            e.0 += 1;
            e.1 += usize::from(r.verdict == Verdict::Danger);
            e.2 += usize::from(r.verdict != Verdict::Safe);
        }
        if split == "dev" && r.verdict != Verdict::Danger {
            missed.push(format!("{:?} {url}: {}", r.verdict, first_reason(&r)));
        }
    }
    for ((split, feed), (n, d, dc)) in &per {
        println!("{label} {split} {feed}: {n} URLs, danger {d} ({:.1}%), danger or caution {dc} ({:.1}%)", pct(*d, *n), pct(*dc, *n));
    }
    if std::env::var_os("SHOW_MISSED").is_some() {
        for m in &missed {
            println!("  dev, not danger: {m}");
        }
    }
    per
}

/// Recall on real phishing URLs that name no protected brand, per split and feed. The link
/// engine sees only the URL, so many of these (a hacked shop's page, a bare hostname) are out of
/// its reach; the floors hold what the mechanism-level rules reached, on both splits.
#[test]
fn real_phishing_urls_naming_no_protected_brand() {
    let per = recall_by_split_and_feed(&engine(), "phishing-generic.tsv", "generic phishing");
    let all = |split: &str| per[&(split.to_string(), "all".to_string())];
    for split in ["dev", "holdout"] {
        let (n, d, dc) = all(split);
        assert!(n > 100, "{split} split is too small");
        // Floors: what the engine reached when they were set (dev 19.6% / 61.0%, holdout
        // 18.2% / 54.0%, 18.8% / 54.7% after H41's rules on other feeds; before H34's round, popular names joined by hyphens, four-letter and
        // misspelt names, file shares, 18.3% / 54.7% and 17.1% / 49.9%; before the
        // popular-name rules 10.1% / 15.3% and 8.5% / 12.0%). Raise them as recall improves.
        let (fd, fdc) = if split == "dev" { (19.5, 60.9) } else { (18.5, 54.5) };
        assert!(pct(dc, n) >= fdc, "{split}: danger-or-caution recall fell");
        assert!(pct(d, n) >= fd, "{split}: danger recall fell");
    }
}

/// Recall on phishing URLs from feeds no rule was written against (`phishing-fresh.tsv`, H41:
/// PhishTank/OpenPhish URLs of 2025 and the Phishing.Database domain list), per split and feed.
/// Every URL of the feed is here, named brand or not, so this is the closest to the world's mix.
#[test]
fn real_phishing_urls_from_fresh_feeds() {
    let per = recall_by_split_and_feed(&engine(), "phishing-fresh.tsv", "fresh phishing");
    for split in ["dev", "holdout"] {
        let (n, d, dc) = per[&(split.to_string(), "all".to_string())];
        assert!(n > 400, "{split} split is too small");
        // Floors: a little under what the engine reached when they were set (dev 9.8% / 36.9%,
        // holdout 10.9% / 31.5% after H45's folder rules; 35.4% and 30.0% after H41's rules,
        // servers named after their IP address and free sites named for signing in; first
        // measure, before any rule looked at this set, dev 8.9% / 26.0%, holdout 10.4% / 21.8%).
        let (fd, fdc) = if split == "dev" { (9.5, 36.5) } else { (10.5, 31.0) };
        assert!(pct(dc, n) >= fdc, "{split}: danger-or-caution recall fell");
        assert!(pct(d, n) >= fd, "{split}: danger recall fell");
    }
}

/// Judges every URL of a legitimate list: returns (URLs, cautions) and the dangerous ones.
/// `SHOW_CAUTION=1` lists the cautions.
fn judge_legitimate(engine: &Engine, file: &str) -> (usize, Vec<String>, Vec<String>) {
    let list = lines(file);
    let mut caution = Vec::new();
    let mut danger = Vec::new();
    for url in &list {
        let r = engine.check_url(url, None, None);
        match r.verdict {
            Verdict::Danger => danger.push(format!("{url}: {}", first_reason(&r))),
            Verdict::Caution => caution.push(format!("{url}: {}", first_reason(&r))),
            _ => {}
        }
    }
    println!("{file}: {} URLs, {} caution ({:.1}%), {} danger", list.len(), caution.len(), pct(caution.len(), list.len()), danger.len());
    if std::env::var_os("SHOW_CAUTION").is_some() {
        for c in &caution {
            println!("  caution {c}");
        }
    }
    (list.len(), caution, danger)
}

/// Legitimate URLs with paths from a list nobody on the team chose (`legit-pages.txt`): never
/// dangerous; cautions are printed (`SHOW_CAUTION=1` lists them) and held under a ceiling.
#[test]
fn legitimate_pages_with_paths_are_never_dangerous() {
    let (n, caution, danger) = judge_legitimate(&engine(), "legit-pages.txt");
    assert!(n > 500, "legit-pages.txt is too short");
    assert!(danger.is_empty(), "legitimate pages judged dangerous:\n{}", danger.join("\n"));
    // First measure: 2 cautions of 590 (a shop on myshopify.com, a `.su` site).
    assert!(pct(caution.len(), n) <= 1.0, "legitimate pages: cautions rose past 1%");
}

/// Recall on PhishTank's verified-online list of May 2020 (`phishing-phishtank-2020.tsv`, H45:
/// a year and a feed no rule was written against; every brand, named or not), per split.
#[test]
fn real_phishing_urls_from_phishtank_2020() {
    let per = recall_by_split_and_feed(&engine(), "phishing-phishtank-2020.tsv", "phishtank 2020");
    for split in ["dev", "holdout"] {
        let (n, d, dc) = per[&(split.to_string(), "all".to_string())];
        assert!(n > 250, "{split} split is too small");
        // Floors: a little under what the engine reached when they were set (dev 7.2% / 23.1%,
        // holdout 8.8% / 32.8% after H45's rules: kit folders named after any site's host or a
        // popular name, sign-in pages in WordPress's folders; first measure, before any rule
        // looked at this set: dev 3.8% / 12.1%, holdout 4.2% / 17.5%).
        let (fd, fdc) = if split == "dev" { (7.0, 22.5) } else { (8.5, 32.0) };
        assert!(pct(dc, n) >= fdc, "{split}: danger-or-caution recall fell");
        assert!(pct(d, n) >= fd, "{split}: danger recall fell");
    }
}

/// Legitimate URLs with paths from the benign half of ISCX-URL-2016 (`legit-pages-unb.txt`,
/// H45): news, shops, banks' public pages, torrent and adult sites of 2015. Never dangerous;
/// cautions are printed and held under a ceiling.
#[test]
fn legitimate_pages_of_2015_are_never_dangerous() {
    let (n, caution, danger) = judge_legitimate(&engine(), "legit-pages-unb.txt");
    assert!(n > 500, "legit-pages-unb.txt is too short");
    // First measure: 0 cautions, 7 dangerous, every one a site's own script (`.js`) file that the
    // download rule took for a dropper; since H45's script rule, 1 caution (a script file under
    // no script folder) and none dangerous.
    assert!(danger.is_empty(), "legitimate pages judged dangerous:\n{}", danger.join("\n"));
    assert!(pct(caution.len(), n) <= 1.0, "legitimate pages of 2015: cautions rose past 1%");
}
