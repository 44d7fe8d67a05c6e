//! Prints the wording model's tokens of each message file named on standard input (one path a
//! line), as JSON lines `{"path": …, "tokens": […]}`: what `scripts/research/wording-model.py`
//! trains on, so the tokens the model learns are cut by the engine's own code.

use std::io::BufRead;

use sellershield::message::lexicon::Lexicon;
use sellershield::message::wording;

fn main() {
    let engine = sellershield::Engine::from_json("{}").expect("the default engine builds");
    let lex = match Lexicon::embedded(engine.registry()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("wording_tokens: the lexicon does not build: {e}");
            std::process::exit(1);
        }
    };
    for path in std::io::stdin().lock().lines().map_while(Result::ok) {
        let input = match std::fs::read(&path).map_err(|e| e.to_string()).and_then(|b| sellershield::mail::load_message(&path, &b).map_err(|e| e.to_string())) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("wording_tokens: {path}: {e}");
                continue;
            }
        };
        // The corpus's messages are far below the engine's cap on text judged (`MAX_TEXT`).
        let norm = lex.normalize(&input.text);
        let forms: Vec<&str> = wording::tokens(&norm.text).map(|t| t.form).collect();
        println!("{}", serde_json::json!({ "path": path, "tokens": forms }));
    }
}
