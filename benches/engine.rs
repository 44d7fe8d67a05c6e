//! Native benchmarks of the link engine: a mixed 10,000-URL corpus (the labelled fixtures plus
//! generated genuine, foreign, lookalike and trick URLs), and the worst case the per-URL bounds
//! allow. Run with `cargo bench --bench engine`; criterion's "thrpt" line gives URLs per second
//! and the time line divided by 10,000 the median per URL.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sellershield::domain::Psl;
use sellershield::engine::Settings;
use sellershield::lookalike::Lookalikes;
use sellershield::message::Lexicon;
use sellershield::registry::Registry;
use sellershield::trick::TrickMatchers;
use sellershield::Engine;
use std::hint::black_box;

fn corpus() -> Vec<(String, Option<String>)> {
    let mut urls = Vec::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/urls");
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                let cols: Vec<&str> = line.split('\t').collect();
                if cols.len() >= 6 {
                    urls.push((cols[5].to_string(), cols.get(6).filter(|s| !s.is_empty()).map(|s| s.to_string())));
                }
            }
        }
    }
    let genuine = ["www.alibaba.com", "message.alibaba.com", "sellercentral.amazon.com", "www.amazon.de", "www.ebay.co.uk", "admin.shopify.com", "www.paypal.com", "shopee.co.id"];
    let foreign = ["example-buyer.de", "widgets-import.com", "tradeco.co.uk", "www.google.com", "github.com", "docs.google.com", "kaufhaus-mueller.de", "shenzhen-parts.cn"];
    let evil = ["a1ibaba.com", "alibaba.com-verify.top", "amazon-seller-verify.pages.dev", "paypa1.com", "secure.alibaba.com.login.cn", "xn--libaba-2nf.com", "ebay-resolution.example", "bit.ly"];
    let mut i = 0u32;
    while urls.len() < 10_000 {
        let pick = |set: &[&str]| set[(i as usize * 7 + urls.len()) % set.len()].to_string();
        let url = match i % 5 {
            0 | 1 => format!("https://{}/product-detail/item_{i}.html?spm=a2700.{i}", pick(&genuine)),
            2 => format!("https://{}/catalog/{i}/specs.pdf", pick(&foreign)),
            3 => format!("https://{}/login?session={i}&next=/account", pick(&evil)),
            _ => format!("http://{}.{}.example/redirect?url=https%3A%2F%2F{}%2Flogin", i % 97, pick(&foreign), pick(&evil)),
        };
        urls.push((url, None));
        i += 1;
    }
    urls.truncate(10_000);
    urls
}

fn bench(c: &mut Criterion) {
    let engine = Engine::from_json("{}").unwrap();
    let urls = corpus();
    let mut group = c.benchmark_group("check_url");
    group.throughput(Throughput::Elements(urls.len() as u64));
    group.bench_function("mixed_10k", |b| {
        b.iter(|| {
            for (u, text) in &urls {
                black_box(engine.check_url(black_box(u), text.as_deref(), Some("alibaba")));
            }
        })
    });
    group.finish();
    // The per-URL work is bounded: a hostile 100 KB URL costs about as much as the capped 4 KB.
    let huge = format!("https://{}.evil.example/{}", "a-".repeat(40), "x%41".repeat(25_000));
    c.bench_function("check_url/hostile_100kb", |b| b.iter(|| black_box(engine.check_url(black_box(&huge), None, Some("alibaba")))));
    // Engine start, which no longer builds the message lexicon; then start with the lexicon
    // built ahead (what an inbox page costs the worker before its first message).
    c.bench_function("engine/new", |b| b.iter(|| black_box(Engine::from_json("{}").unwrap())));
    c.bench_function("engine/new+prepare_messages", |b| {
        b.iter(|| {
            let e = Engine::from_json("{}").unwrap();
            e.prepare_messages().unwrap();
            black_box(e)
        })
    });
    // The parts of engine start and of the lexicon build, to see where they go.
    let registry = Registry::embedded().unwrap();
    let settings = Settings { enabled: (0..registry.platforms.len()).collect(), ..Settings::default() };
    c.bench_function("engine/new/registry", |b| b.iter(|| black_box(Registry::embedded().unwrap())));
    c.bench_function("engine/new/psl", |b| b.iter(|| black_box(Psl::embedded().unwrap())));
    c.bench_function("engine/new/lookalikes", |b| b.iter(|| black_box(Lookalikes::new(&registry, &settings))));
    c.bench_function("engine/new/tricks", |b| b.iter(|| black_box(TrickMatchers::new(&registry, &settings.enabled))));
    c.bench_function("engine/new/lexicon", |b| b.iter(|| black_box(Lexicon::embedded(&registry).unwrap())));
}

criterion_group!(benches, bench);
criterion_main!(benches);
