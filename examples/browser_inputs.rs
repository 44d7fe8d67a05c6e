//! The in-browser benchmark's own inputs, judged natively: the 10,000 links of `checkLinks` and
//! the 10 KB messages of `checkMessage` (tests/e2e/bench/inputs.mjs), so the wasm timings can be
//! held against native ones on the same work. The criterion benches use other corpora (a
//! 10,000-URL mix, a message without HTML links), which cost less per item than these.
//!
//!   node tests/e2e/bench/engine-ab.mjs --dump DIR      writes DIR/links.json, DIR/messages.json
//!   cargo run --release --example browser_inputs -- links DIR/links.json 5
//!   cargo run --release --example browser_inputs -- messages DIR/messages.json 50
//!   cargo run --release --example browser_inputs -- inbox DIR/inbox.json 20    (a checkInbox batch)
//!
//! Prints the time per item; under `valgrind --tool=callgrind` the instruction counts are the
//! measure the machine's load does not move (run with 0 rounds for the fixed cost of start).
//! `SELLERSHIELD_PRINT_ANSWER=1` prints each inbox answer, or each link's report and lean answer
//! (to compare two builds' output).

use sellershield::{Engine, MessageInput};

#[derive(serde::Deserialize)]
struct Link {
    url: String,
    text: Option<String>,
    platform: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: browser_inputs links|messages|inbox FILE ROUNDS";
    let (what, file, rounds) = match (args.next(), args.next(), args.next()) {
        (Some(w), Some(f), Some(r)) => (w, f, r.parse::<usize>()?),
        _ => return Err(usage.into()),
    };
    let text = std::fs::read_to_string(&file)?;
    let engine = Engine::from_json("{}")?;
    let start = std::time::Instant::now();
    // Reasons counted so the work cannot be optimised away.
    let mut reasons = 0;
    let items = match what.as_str() {
        "links" => {
            let links: Vec<Link> = serde_json::from_str(&text)?;
            let print = std::env::var_os("SELLERSHIELD_PRINT_ANSWER").is_some();
            for _ in 0..rounds {
                for l in &links {
                    let report = engine.check_url(&l.url, l.text.as_deref(), l.platform.as_deref());
                    reasons += report.reasons.len();
                    // The full report and `checkLinks`' lean answer, to hold a change's output
                    // byte-identical to before's (the reasons' English texts are in the first).
                    if print {
                        let mut lean = Vec::new();
                        sellershield::answer::LinkAnswer::new(&report).write(&mut lean);
                        println!("{}\n{}", serde_json::to_string(&report)?, String::from_utf8_lossy(&lean));
                    }
                }
            }
            links.len() * rounds
        }
        "messages" => {
            let messages: Vec<MessageInput> = serde_json::from_str(&text)?;
            for _ in 0..rounds {
                for m in &messages {
                    reasons += engine.check_message(m)?.reasons.len();
                }
            }
            messages.len() * rounds
        }
        "inbox" => {
            // As `checkInbox` does it: the batch's JSON text read by the engine's reader, every
            // message judged, the compact answer written.
            let registry = engine.registry();
            for _ in 0..rounds {
                let mut messages: Vec<MessageInput> = sellershield::json::from_str(&text)?;
                let judging = engine.batch();
                let mut batch = sellershield::answer::InboxBatch::new(registry);
                for m in &mut messages {
                    m.platform = Some("alibaba".into());
                    let report = engine.check_message(m)?;
                    reasons += report.reasons.len();
                    batch.push(m, &report);
                }
                drop(judging);
                let answer = batch.finish();
                reasons += answer.text.len();
                // The answer itself, to hold a change's output byte-identical to before's.
                if std::env::var_os("SELLERSHIELD_PRINT_ANSWER").is_some() {
                    println!("{}", answer.text);
                }
            }
            rounds
        }
        _ => return Err(usage.into()),
    };
    let per = start.elapsed().as_secs_f64() * 1e6 / items.max(1) as f64;
    println!("{what}: {items} judged, {per:.2} µs each ({reasons} reasons)");
    Ok(())
}
