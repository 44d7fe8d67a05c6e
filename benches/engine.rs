//! Native benchmarks of the engine (being written).
use criterion::{Criterion, criterion_group, criterion_main};
fn bench(_c: &mut Criterion) {}
criterion_group!(benches, bench);
criterion_main!(benches);
