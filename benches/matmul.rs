//! Criterion over the matmul kernel `matmul()` picks on the default adapter, at 1024^3, after
//! the same sampled correctness check as `evomoe bench matmul` (which prints the full table of
//! every variant and shape; this is the regression guard for the production kernel).
//!
//! Run: `cargo bench --bench matmul`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use evomoe::bench::matmul::{self, Candidate, Options, Shape};
use evomoe::ops::matmul::{matmul, MatmulKernel, MatmulSpec};
use evomoe::{Gpu, Tensor};

fn bench(c: &mut Criterion) {
    let gpu = pollster::block_on(Gpu::default_adapter()).expect("no adapter");
    let n = 1024;
    // Correctness first (sampled against f64 host dot products), one timed pass for the log.
    let opts = Options {
        shapes: vec![Shape::new("square 1024", n, n, n, false, false)],
        candidates: vec![Candidate::new(MatmulKernel::best(&gpu))],
        ..Default::default()
    };
    let report = pollster::block_on(matmul::run(&gpu, &opts)).expect("matmul check failed");
    eprint!("{}", report.table());

    let spec = MatmulSpec::new(n, n, n, false, false);
    let a = Tensor::from_f32(&gpu, &[n, n], &evomoe::testing::random_vec(1, n * n), "a").unwrap();
    let b = Tensor::from_f32(&gpu, &[n, n], &evomoe::testing::random_vec(2, n * n), "b").unwrap();
    let out = Tensor::zeros(&gpu, &[n, n], evomoe::gpu::DType::F32, "c").unwrap();
    let d = matmul(&gpu, &spec, &a, &b, None, &out).unwrap();
    let mut g = c.benchmark_group(format!("matmul {}", gpu.name()));
    g.sample_size(10);
    g.throughput(Throughput::Elements(spec.flops() as u64));
    g.bench_function(
        format!("{:?} 1024^3 (elements = FLOPs)", MatmulKernel::best(&gpu)),
        |bch| {
            bch.iter(|| {
                gpu.run(&[&d]).unwrap();
                pollster::block_on(gpu.wait()).unwrap();
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
