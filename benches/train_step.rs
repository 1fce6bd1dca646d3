//! Criterion over one full dense-GPT training step (forward, loss, backward, clipping, AdamW;
//! one submit) of the `small` preset on the default adapter, after printing the same report as
//! `evomoe bench step` (tokens/s, per-op GPU time, submits per step). The whole-model
//! correctness check against the CPU reference lives in `tests/gpt.rs`.
//!
//! Run: `cargo bench --bench train_step`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use evomoe::bench::step::bench_step;
use evomoe::model::config::ModelConfig;
use evomoe::model::transformer::Model;
use evomoe::ops::adamw::AdamwConfig;
use evomoe::optim::Optimizer;
use evomoe::train::data::{sample_batch, Corpus};
use evomoe::Gpu;

fn bench(c: &mut Criterion) {
    let gpu = pollster::block_on(Gpu::default_adapter()).expect("no adapter");
    let cfg = ModelConfig::small();
    let (batch, seq) = (8, cfg.context);
    pollster::block_on(bench_step(&gpu, &cfg, batch, seq, 5))
        .expect("bench step failed")
        .print();

    let model = Model::new(&gpu, &cfg, batch, seq).unwrap();
    let mut opt = Optimizer::new(&gpu, &model, AdamwConfig::default()).unwrap();
    let corpus = Corpus::builtin();
    let b = sample_batch(&corpus.train, batch, seq, 1, 0).unwrap();
    let mut g = c.benchmark_group(format!("train_step {}", gpu.name()));
    g.sample_size(10);
    g.throughput(Throughput::Elements((batch * seq) as u64));
    g.bench_function("small preset (elements = tokens)", |bch| {
        bch.iter(|| {
            opt.train_step(&gpu, &model, &b.inputs, &b.targets, 1e-4, false)
                .unwrap();
            pollster::block_on(gpu.wait()).unwrap();
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
