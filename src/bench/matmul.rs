//! The matmul benchmark: GFLOP/s of every matmul variant the adapter supports (the naive kernel
//! is the baseline) on square shapes and on the shapes a small MoE Transformer runs (4096 tokens,
//! d_model 128, and the backward transposes).
//!
//! Each (variant, shape) is first checked: a few hundred random entries of C are compared with
//! f64 dot products computed on the host (a full CPU reference at 2048^3 would take minutes).
//! Only then is it timed with [`time_sequence`]: GPU timestamps where the adapter has them,
//! otherwise the wall clock around a blocking submit. With `repeat > 1` each cell is timed that
//! many times and the best is kept (other processes share the CPU when the adapter is a CPU).

use crate::bench::peak::Peaks;
use crate::bench::report::{fraction, Env};
use crate::bench::{json_num, json_str};
use crate::error::{Error, Result};
use crate::gpu::profiler::{time_sequence, Profiler};
use crate::gpu::{Gpu, Tensor};
use crate::ops::matmul::{matmul, MatmulKernel, MatmulSpec, SubgroupBlock};
use crate::ops::rng::Rng;

/// One benchmarked shape: `C (M x N) = op(A) op(B)`, op(A) `M x K`.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub name: String,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub trans_a: bool,
    pub trans_b: bool,
}

impl Shape {
    pub fn new(name: &str, m: usize, n: usize, k: usize, trans_a: bool, trans_b: bool) -> Shape {
        Shape {
            name: name.to_string(),
            m,
            n,
            k,
            trans_a,
            trans_b,
        }
    }

    pub fn spec(&self) -> MatmulSpec {
        MatmulSpec::new(self.m, self.n, self.k, self.trans_a, self.trans_b)
    }

    /// `MxNxK` with `^T` marks, e.g. `128x384x4096 A^T`.
    pub fn dims(&self) -> String {
        let mut s = format!("{}x{}x{}", self.m, self.n, self.k);
        if self.trans_a {
            s.push_str(" A^T");
        }
        if self.trans_b {
            s.push_str(" B^T");
        }
        s
    }
}

/// Square `n x n x n` shapes.
pub fn square_shapes(sizes: &[usize]) -> Vec<Shape> {
    sizes
        .iter()
        .map(|&n| Shape::new(&format!("square {n}"), n, n, n, false, false))
        .collect()
}

/// The linear layers of a d_model 128 Transformer on 4096 tokens, forward and backward:
/// `y = x W` with W `(in, out)`, `dx = dy W^T`, `dW = x^T dy`.
pub fn model_shapes() -> Vec<Shape> {
    let t = 4096;
    let mut out = Vec::new();
    for (what, din, dout) in [
        ("qkv", 128, 384),
        ("ffn up", 128, 512),
        ("ffn down", 512, 128),
    ] {
        out.push(Shape::new(
            &format!("{what} fwd"),
            t,
            dout,
            din,
            false,
            false,
        ));
        out.push(Shape::new(&format!("{what} dx"), t, din, dout, false, true));
        out.push(Shape::new(&format!("{what} dW"), din, dout, t, true, false));
    }
    out
}

/// A kernel under test: a kernel and, for `Subgroup`, its block per invocation (`None`: the
/// choice [`crate::ops::matmul::matmul`] makes for the shape).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub kernel: MatmulKernel,
    pub block: Option<SubgroupBlock>,
}

impl Candidate {
    pub fn new(kernel: MatmulKernel) -> Candidate {
        Candidate {
            kernel,
            block: None,
        }
    }

    pub fn label(&self) -> String {
        match (self.kernel, self.block) {
            (MatmulKernel::Subgroup, Some(b)) => {
                format!("subgroup({}x{})", b.rows, if b.wide { 16 } else { 8 })
            }
            (v, _) => v.name().to_string(),
        }
    }
}

/// What to run.
#[derive(Clone, Debug)]
pub struct Options {
    pub shapes: Vec<Shape>,
    /// Kernels to time; empty means every variant the adapter supports.
    pub candidates: Vec<Candidate>,
    /// Time each cell this many times and keep the best.
    pub repeat: u32,
    /// Aim for about this much GPU time per measurement.
    pub target_seconds: f64,
    /// The naive kernel is skipped on shapes above this many FLOPs (it takes seconds per run);
    /// the default keeps it up to 1024^3 so the speed-up at 1024 is measured.
    pub naive_max_flops: f64,
    /// Entries of C checked against f64 host dot products.
    pub check_entries: usize,
}

impl Default for Options {
    fn default() -> Options {
        let mut shapes = square_shapes(&[256, 512, 1024, 2048]);
        shapes.extend(model_shapes());
        Options {
            shapes,
            candidates: Vec::new(),
            repeat: 1,
            target_seconds: 0.3,
            naive_max_flops: 2.0 * 1024f64.powi(3) * 1.001,
            check_entries: 300,
        }
    }
}

/// One measured cell.
#[derive(Clone, Debug)]
pub struct Row {
    pub kernel: String,
    pub shape: Shape,
    /// Seconds per matmul (best of the repeats); `None` when skipped.
    pub seconds: Option<f64>,
    pub gflops: Option<f64>,
    /// GFLOP per second of this process's CPU time (all threads), on CPU adapters: with other
    /// processes sharing the cores the wall-clock rate drops but this one does not, and times
    /// the core count it estimates the rate on an idle machine.
    pub gflops_per_cpu_s: Option<f64>,
    /// Speed-up over the naive kernel on the same shape, where naive was measured.
    pub vs_naive: Option<f64>,
    /// Largest `|got - want| / sum_k |a b|` over the checked entries.
    pub check_error: f64,
    /// Why the cell was skipped.
    pub note: Option<String>,
}

/// A whole run.
#[derive(Clone, Debug)]
pub struct Report {
    pub adapter: String,
    pub backend: String,
    pub driver: String,
    pub device_type: String,
    pub timing: String,
    pub rows: Vec<Row>,
    /// The adapter's measured peaks, when measured: the table and the JSON then give each
    /// GFLOP/s as a fraction of the FMA peak.
    pub peaks: Option<Peaks>,
}

/// Relative tolerance of the sampled check: the error of an f32 dot product against the f64 one,
/// relative to `sum_k |a_k b_k|`, stays far below this; a missing or wrong term does not.
pub const CHECK_TOLERANCE: f64 = 2e-5;

/// Runs the benchmark on `gpu`.
pub async fn run(gpu: &Gpu, opts: &Options) -> Result<Report> {
    let candidates: Vec<Candidate> = if opts.candidates.is_empty() {
        MatmulKernel::available(gpu)
            .into_iter()
            .map(Candidate::new)
            .collect()
    } else {
        opts.candidates.clone()
    };
    let mut rows = Vec::new();
    for shape in &opts.shapes {
        let spec = shape.spec();
        let (ra, ca) = if shape.trans_a {
            (shape.k, shape.m)
        } else {
            (shape.m, shape.k)
        };
        let (rb, cb) = if shape.trans_b {
            (shape.n, shape.k)
        } else {
            (shape.k, shape.n)
        };
        let mut rng = Rng::new(0x6d61_746d ^ (shape.m * 131 + shape.n * 7 + shape.k) as u64);
        let a = rng.uniform_vec(ra * ca, -1.0, 1.0);
        let b = rng.uniform_vec(rb * cb, -1.0, 1.0);
        let ta = Tensor::from_f32(gpu, &[ra, ca], &a, "bench a")?;
        let tb = Tensor::from_f32(gpu, &[rb, cb], &b, "bench b")?;
        let tc = Tensor::zeros(gpu, &[shape.m, shape.n], crate::gpu::DType::F32, "bench c")?;
        let samples: Vec<(usize, usize)> = (0..opts.check_entries)
            .map(|_| {
                (
                    rng.below(shape.m as u32) as usize,
                    rng.below(shape.n as u32) as usize,
                )
            })
            .collect();
        let mut naive_seconds = None;
        for cand in &candidates {
            let mut row = Row {
                kernel: cand.label(),
                shape: shape.clone(),
                seconds: None,
                gflops: None,
                gflops_per_cpu_s: None,
                vs_naive: None,
                check_error: 0.0,
                note: None,
            };
            if cand.kernel == MatmulKernel::Naive && spec.flops() > opts.naive_max_flops {
                row.note = Some("naive skipped above 1024^3 (seconds per run)".into());
                rows.push(row);
                continue;
            }
            let block = cand
                .block
                .unwrap_or(SubgroupBlock::for_shape(spec.m, spec.n));
            let tuned = spec.clone().with_kernel(cand.kernel).with_block(block);
            let d = matmul(gpu, &tuned, &ta, &tb, None, &tc)?;
            tc.zero(gpu);
            let t0 = std::time::Instant::now();
            gpu.run(&[&d])?;
            let c = tc.read_f32(gpu).await?;
            let once = t0.elapsed().as_secs_f64();
            for &(i, j) in &samples {
                let (mut want, mut mag) = (0.0f64, 0.0f64);
                for kk in 0..shape.k {
                    let av = if shape.trans_a {
                        a[kk * shape.m + i]
                    } else {
                        a[i * shape.k + kk]
                    } as f64;
                    let bv = if shape.trans_b {
                        b[j * shape.k + kk]
                    } else {
                        b[kk * shape.n + j]
                    } as f64;
                    want += av * bv;
                    mag += (av * bv).abs();
                }
                let got = c[i * shape.n + j] as f64;
                let err = (got - want).abs() / mag.max(1e-30);
                if !got.is_finite() || err > CHECK_TOLERANCE {
                    return Err(Error::Config(format!(
                        "bench matmul: {} on {} ({}) is wrong at C[{i}, {j}]: got {got}, want \
                         {want}",
                        cand.label(),
                        shape.name,
                        shape.dims()
                    )));
                }
                row.check_error = row.check_error.max(err);
            }
            // The checked run (with its readback) sizes the measurement: enough back-to-back runs
            // to fill the target time.
            let reps = ((opts.target_seconds / once.max(1e-6)) as u32).clamp(1, 200);
            let mut best = f64::INFINITY;
            let mut best_cpu = 0.0f64;
            for _ in 0..opts.repeat.max(1) {
                let cpu0 = process_cpu_seconds();
                best = best.min(time_sequence(gpu, &[&d], reps).await?);
                // time_sequence runs once more as a warm-up.
                if let (Some(c0), Some(c1)) = (cpu0, process_cpu_seconds()) {
                    if c1 > c0 {
                        best_cpu = best_cpu.max(spec.flops() * (reps + 1) as f64 / (c1 - c0));
                    }
                }
            }
            if gpu.info.device_type == wgpu::DeviceType::Cpu && best_cpu > 0.0 {
                row.gflops_per_cpu_s = Some(best_cpu * 1e-9);
            }
            row.seconds = Some(best);
            row.gflops = Some(spec.flops() / best * 1e-9);
            if cand.kernel == MatmulKernel::Naive {
                naive_seconds = Some(best);
            }
            rows.push(row);
        }
        if let Some(ns) = naive_seconds {
            for row in rows.iter_mut().filter(|r| r.shape == *shape) {
                row.vs_naive = row.seconds.map(|s| ns / s);
            }
        }
    }
    Ok(Report {
        adapter: gpu.info.name.clone(),
        backend: gpu.info.backend.to_str().to_string(),
        driver: Env::of(gpu).driver,
        device_type: format!("{:?}", gpu.info.device_type),
        timing: Profiler::method(gpu).to_string(),
        rows,
        peaks: None,
    })
}

/// User + system CPU time of this process (every thread, so a CPU adapter's workers too), from
/// `/proc/self/stat`; `None` where that does not exist.
pub fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    // USER_HZ is 100 on every Linux architecture wgpu runs on.
    Some(ticks / 100.0)
}

impl Report {
    /// A markdown table with the adapter in its heading.
    pub fn table(&self) -> String {
        let mut s = format!(
            "matmul on {} ({}, {}); timing: {}\n",
            self.adapter, self.backend, self.device_type, self.timing
        );
        if let Some(p) = &self.peaks {
            s.push_str(&p.line());
            s.push('\n');
        }
        s.push('\n');
        s.push_str(
            "| shape | M x N x K | kernel | ms | GFLOP/s | of FMA peak | vs naive | GFLOP/cpu-s \
             | check |\n",
        );
        s.push_str("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for r in &self.rows {
            let f = |x: Option<f64>, p: usize| x.map_or("-".into(), |v| format!("{v:.p$}"));
            let peak = self.peaks.as_ref().map_or(0.0, |p| p.fma_gflops);
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                r.shape.name,
                r.shape.dims(),
                r.kernel,
                f(r.seconds.map(|x| x * 1e3), 2),
                f(r.gflops, 2),
                fraction(r.gflops, peak).map_or("-".into(), |x| format!("{:.0}%", 100.0 * x)),
                r.vs_naive.map_or("-".into(), |v| format!("{v:.1}x")),
                f(r.gflops_per_cpu_s, 2),
                match &r.note {
                    Some(n) => n.clone(),
                    None => format!("ok ({:.0e})", r.check_error),
                }
            ));
        }
        s
    }

    /// The report as one JSON object.
    pub fn json(&self) -> String {
        let peak = self.peaks.as_ref().map_or(0.0, |p| p.fma_gflops);
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|r| {
                format!(
                    "{{\"shape\":{},\"m\":{},\"n\":{},\"k\":{},\"trans_a\":{},\"trans_b\":{},\
                     \"kernel\":{},\"seconds\":{},\"gflops\":{},\"fma_peak_fraction\":{},\
                     \"vs_naive\":{},\"gflops_per_cpu_s\":{},\"check_error\":{},\"note\":{}}}",
                    json_str(&r.shape.name),
                    r.shape.m,
                    r.shape.n,
                    r.shape.k,
                    r.shape.trans_a,
                    r.shape.trans_b,
                    json_str(&r.kernel),
                    json_num(r.seconds),
                    json_num(r.gflops),
                    json_num(fraction(r.gflops, peak)),
                    json_num(r.vs_naive),
                    json_num(r.gflops_per_cpu_s),
                    json_num(Some(r.check_error)),
                    r.note.as_deref().map_or("null".into(), json_str),
                )
            })
            .collect();
        format!(
            "{{\"bench\":\"matmul\",\"adapter\":{},\"backend\":{},\"driver\":{},\
             \"device_type\":{},\"timing\":{},\"peaks\":{},\"rows\":[{}]}}",
            json_str(&self.adapter),
            json_str(&self.backend),
            json_str(&self.driver),
            json_str(&self.device_type),
            json_str(&self.timing),
            self.peaks
                .as_ref()
                .map_or("null".into(), |p| p.json().to_string()),
            rows.join(",")
        )
    }

    /// The fastest non-naive row on `shape_name`, as (kernel, GFLOP/s).
    pub fn best(&self, shape_name: &str) -> Option<(String, f64)> {
        self.rows
            .iter()
            .filter(|r| r.shape.name == shape_name && r.kernel != "naive")
            .filter_map(|r| r.gflops.map(|g| (r.kernel.clone(), g)))
            .max_by(|x, y| x.1.total_cmp(&y.1))
    }
}
