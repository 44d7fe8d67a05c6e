//! Prints every cue group a message's text hits, with the words that hit: what a lexicon
//! author needs to see why a rule fired or did not (the CLI shows only the reasons).
//!
//! `cargo run --release --example cues -- FILE...` (plain text; for an .eml, the text part as
//! the CLI reads it is not rebuilt here: paste the body into a file).

use sellershield::message::lexicon::Lexicon;
use sellershield::message::scan;

fn main() {
    let engine = sellershield::Engine::from_json("{}").expect("the default engine builds");
    let lex = match Lexicon::embedded(engine.registry()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cues: the lexicon does not build: {e}");
            std::process::exit(1);
        }
    };
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("cues: {path}: {e}");
                continue;
            }
        };
        let norm = lex.normalize(&text);
        let mut hits = scan::scan(&lex, &text, &norm);
        scan::derive(&lex, &norm.text, &mut hits);
        println!("== {path}");
        for g in (0..lex.group_count()).filter_map(|g| u16::try_from(g).ok()) {
            let list = hits.get(g);
            if list.is_empty() {
                continue;
            }
            let words: Vec<&str> = list.iter().filter_map(|h| h.norm).map(|(a, b)| norm.text.get(a..b).unwrap_or("?")).collect();
            println!("  {:<24} {}", lex.name(g), words.join(" | "));
        }
    }
}
