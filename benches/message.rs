//! Native benchmark of `Engine::check_message`: a ~10 KB message (a genuine RFQ thread with a
//! phishing lure, written links, an e-mail address and Chinese text, so every scanner and the
//! link engine run) and a short inquiry. Budget: a 10 KB message in at most 0.2 ms median.
//! Also the engine's construction (`engine_new`) and the message lexicon (`lexicon_new`),
//! which the engine builds on the first message, not at start: engine start in the browser has
//! a 30 ms budget, and the lexicon is paid by the first message of an inbox page. `regex_scan 10 KB` is the
//! lexicon regexes' one pass over the same message, alone; `wording 10 KB` the wording model's.
//!
//! `cargo bench --bench message`

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use sellershield::message::Lexicon;
use sellershield::registry::Registry;
use sellershield::{Engine, MessageInput};

/// A realistic long message: quoted thread history, an RFQ, a lure and links.
fn ten_kb_message() -> String {
    let block = "Dear Nancy,\n\nThank you for the quotation of 12 March. We would like to order 2,400 pcs of the LED panel \
600x600 36W (CE, RoHS), packed 4 pcs per carton, FOB Ningbo, delivery to Hamburg port. Please confirm the lead time \
and the sample cost. Our company, Lichtwerk Handels GmbH, is an importer and distributor in Germany (www.lichtwerk-example.de).\n\n\
> On 12 March you wrote: the price is USD 11.50 per piece for 2,000 pcs and above, payment 30% deposit by T/T.\n\n\
Also, we have made the wire transfer for the deposit. Please find the remittance slip via the link below and log in with \
your email password to view it: http://remit-view.example-docs.top/slip?id=88213 . Contact me on WhatsApp +49 151 2345 6789 \
or write to lichtwerk.buyer@gmail.com.\n\n您好，请确认交期和包装规格，谢谢。\n\n";
    let mut text = String::new();
    while text.len() < 10 * 1024 {
        text.push_str(block);
    }
    text
}

fn bench(c: &mut Criterion) {
    let engine = Engine::from_json("{}").expect("engine builds");
    let long = MessageInput { text: ten_kb_message(), platform: Some("alibaba".into()), ..MessageInput::default() };
    let short = MessageInput {
        text: "Hi, please quote 500 pcs of item A12, CIF Rotterdam. Thanks, Jan".into(),
        platform: Some("alibaba".into()),
        ..MessageInput::default()
    };
    let report = engine.check_message(&long).unwrap();
    assert!(!report.categories.is_empty(), "the benchmark message exercises the classifier");
    c.bench_function("check_message 10 KB", |b| b.iter(|| engine.check_message(black_box(&long)).unwrap()));
    c.bench_function("check_message short inquiry", |b| b.iter(|| engine.check_message(black_box(&short)).unwrap()));
    // Hostile: 256 KB (the cap) where a regex could start at every other byte and run to the
    // end (`\b\d[\d,.]*…` on `1.1.1.…`). Bounded work, not a verdict, is what is measured.
    let hostile = MessageInput { text: "1.".repeat(128 * 1024), ..MessageInput::default() };
    c.bench_function("check_message hostile 256 KB", |b| b.iter(|| engine.check_message(black_box(&hostile)).unwrap()));
    // Engine start, and the message lexicon alone (built on the first message's need).
    c.bench_function("engine_new", |b| b.iter(|| Engine::from_json(black_box("{}")).unwrap()));
    let registry = Registry::embedded().expect("registry builds");
    c.bench_function("lexicon_new", |b| b.iter(|| Lexicon::embedded(black_box(&registry)).unwrap()));
    // The lexicon regexes alone: every group's every match in the normalised 10 KB message
    // (more than a check asks for: it stops most groups at their first match).
    let lexicon = Lexicon::embedded(&registry).expect("lexicon builds");
    let text = lexicon.normalize(&long.text).text;
    c.bench_function("regex_scan 10 KB", |b| {
        b.iter(|| {
            let mut limits = vec![usize::MAX; lexicon.regexes.len()];
            let mut found = 0;
            lexicon.regexes.scan(black_box(&text), &mut limits, |_, _, _| found += 1);
            found
        })
    });
    // The wording model over the same text, as when a rule leans but none speaks.
    c.bench_function("wording 10 KB", |b| b.iter(|| lexicon.wording.judge(black_box(&text)).map(|o| o.score)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
