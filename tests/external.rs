//! False positives on legitimate sites nobody on the team chose: the Moz top 500 and MetaMask's
//! list of legitimate domains (`tests/fixtures/external/`, sources in each file's first line).
//! Without a context platform none of them may be judged dangerous. Cautions are allowed (a
//! messenger or a shortener is a caution by policy) and their count is printed.

use sellershield::{Engine, Verdict};

fn domains(file: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/external").join(file);
    std::fs::read_to_string(path).unwrap().lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.trim().to_string()).collect()
}

#[test]
fn popular_and_allowlisted_sites_are_never_dangerous() {
    let engine = Engine::from_json("{}").unwrap();
    for file in ["top-sites.txt", "metamask-whitelist.txt"] {
        let list = domains(file);
        assert!(list.len() > 400, "{file} is too short");
        let mut caution = 0;
        let mut danger = Vec::new();
        for d in &list {
            let r = engine.check_url(&format!("https://{d}/"), None, None);
            match r.verdict {
                Verdict::Danger => danger.push(format!("{d}: {}", r.reasons[0].message)),
                Verdict::Caution => caution += 1,
                _ => {}
            }
        }
        println!("{file}: {} domains, {caution} caution, {} danger", list.len(), danger.len());
        assert!(danger.is_empty(), "{file}: legitimate sites judged dangerous:\n{}", danger.join("\n"));
    }
}
