//! The labelled URL corpus (`tests/fixtures/urls/*.tsv`) through the link engine.
//!
//! Prints, per kind and split, how many rows got exactly the expected verdict, and danger
//! precision/recall overall, then asserts floors: a regression anywhere fails the test, and a
//! genuine or popular URL judged dangerous fails it outright (false positives are the enemy).
//! Rows: `verdict kind platform impersonates split url [shown_text]`.

use std::collections::BTreeMap;
use std::path::Path;

use sellershield::{Engine, Verdict};

struct Row {
    file: String,
    line: usize,
    verdict: Verdict,
    kind: String,
    platform: Option<String>,
    impersonates: Option<String>,
    split: String,
    url: String,
    shown: Option<String>,
}

fn parse_verdict(s: &str) -> Option<Verdict> {
    Some(match s {
        "safe" => Verdict::Safe,
        "caution" => Verdict::Caution,
        "danger" => Verdict::Danger,
        "invalid" => Verdict::Invalid,
        _ => return None,
    })
}

fn load() -> Vec<Row> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/urls");
    let mut rows = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else { return rows };
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "tsv")).collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 6, "{file}:{}: expected at least 6 columns, got {}", i + 1, cols.len());
            let opt = |s: &str| if s.is_empty() || s == "-" { None } else { Some(s.to_string()) };
            rows.push(Row {
                file: file.clone(),
                line: i + 1,
                verdict: parse_verdict(cols[0]).unwrap_or_else(|| panic!("{file}:{}: bad verdict {:?}", i + 1, cols[0])),
                kind: cols[1].to_string(),
                platform: opt(cols[2]),
                impersonates: opt(cols[3]),
                split: cols[4].to_string(),
                url: cols[5].to_string(),
                shown: cols.get(6).and_then(|s| opt(s)),
            });
        }
    }
    rows
}

/// Kinds whose `impersonates` column must be matched; on trick rows it is informational.
const LOOKALIKE_KINDS: &[&str] = &[
    "skeleton", "mixed_script", "whole_script", "edit_distance", "transposition", "tld_swap", "embedding",
    "subdomain_brand", "combosquat", "free_hosting_brand",
];

#[derive(Default, Clone, Copy)]
struct Tally {
    rows: usize,
    exact: usize,
}

#[test]
fn url_corpus() {
    let rows = load();
    if rows.is_empty() {
        panic!("no URL corpus found in tests/fixtures/urls/");
    }
    let engine = Engine::from_json("{}").unwrap();
    let mut by_kind: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut impersonation_right = (0usize, 0usize);
    let mut misses = Vec::new();
    let mut misnamed = Vec::new();
    let mut fatal = Vec::new();
    for r in &rows {
        let report = engine.check_url(&r.url, r.shown.as_deref(), r.platform.as_deref());
        let got = report.verdict;
        let t = by_kind.entry((r.kind.clone(), r.split.clone())).or_default();
        t.rows += 1;
        if got == r.verdict {
            t.exact += 1;
        } else {
            let why = report.reasons.first().map(|x| x.message.clone()).unwrap_or_default();
            misses.push(format!("{}:{} [{}] expected {:?} got {:?}: {}  ({})", r.file, r.line, r.kind, r.verdict, got, r.url, why));
        }
        match (r.verdict == Verdict::Danger, got == Verdict::Danger) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            _ => {}
        }
        if matches!(r.kind.as_str(), "genuine" | "popular") && got == Verdict::Danger {
            fatal.push(format!("{}:{} {} judged danger: {:?}", r.file, r.line, r.url, report.reasons.first().map(|x| &x.message)));
        }
        if r.verdict == Verdict::Danger {
            if let Some(want) = r.impersonates.as_ref().filter(|_| LOOKALIKE_KINDS.contains(&r.kind.as_str())) {
                impersonation_right.1 += 1;
                if report.impersonates.as_deref() == Some(want.as_str()) {
                    impersonation_right.0 += 1;
                } else if LOOKALIKE_KINDS.contains(&r.kind.as_str()) {
                    misnamed.push(format!("{}:{} {} names {:?}, expected {want}", r.file, r.line, r.url, report.impersonates));
                }
            }
        }
    }
    println!("\n{:<24} {:>12} {:>12}", "kind", "dev", "holdout");
    let kinds: std::collections::BTreeSet<&String> = by_kind.keys().map(|(k, _)| k).collect();
    let mut total = BTreeMap::<String, Tally>::new();
    for k in kinds {
        let mut cell = |split: &str| {
            let t = by_kind.get(&(k.clone(), split.to_string())).copied().unwrap_or_default();
            let e = total.entry(split.to_string()).or_default();
            e.rows += t.rows;
            e.exact += t.exact;
            if t.rows == 0 { "-".to_string() } else { format!("{}/{}", t.exact, t.rows) }
        };
        let (d, h) = (cell("dev"), cell("holdout"));
        println!("{k:<24} {d:>12} {h:>12}");
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!("danger precision {precision:.3}, recall {recall:.3} (tp {tp}, fp {fp}, fn {fn_})");
    println!("impersonated platform named correctly: {}/{}", impersonation_right.0, impersonation_right.1);
    for (split, t) in &total {
        println!("exact verdict {split}: {}/{} = {:.3}", t.exact, t.rows, t.exact as f64 / t.rows.max(1) as f64);
    }
    for m in &misnamed {
        println!("  misnamed: {m}");
    }
    if !misses.is_empty() {
        println!("\n{} rows off:", misses.len());
        for m in &misses {
            println!("  {m}");
        }
    }
    assert!(fatal.is_empty(), "genuine or popular URLs judged dangerous:\n{}", fatal.join("\n"));
    assert!(rows.len() >= 400, "the corpus must hold at least 400 URLs, has {}", rows.len());
    for (split, t) in &total {
        let acc = t.exact as f64 / t.rows.max(1) as f64;
        assert!(acc >= 0.90, "{split}: exact verdict accuracy {acc:.3} below 0.90");
    }
    assert!(precision >= 0.95, "danger precision {precision:.3} below 0.95");
    assert!(recall >= 0.90, "danger recall {recall:.3} below 0.90");
    let named = impersonation_right.0 as f64 / impersonation_right.1.max(1) as f64;
    assert!(named >= 0.90, "impersonated platform named for only {named:.3} of lookalikes");
}
