//! What every `evomoe bench` family reports: the adapter (name, backend, driver), the measured
//! peaks ([`Peaks`]), and per kernel its time, GFLOP/s and/or GB/s, each next to its fraction
//! of the matching peak (`312 GFLOP/s  41% of FMA peak`). One table per family, or one JSON
//! object with the same figures.

use serde_json::{json, Value};

use crate::bench::peak::Peaks;
use crate::error::Result;
use crate::gpu::profiler::{time_sequence, Profiler};
use crate::gpu::{Dispatch, Gpu};
use crate::testing::{check_close, Tolerance};

/// The adapter a report was measured on.
#[derive(Clone, Debug)]
pub struct Env {
    /// The adapter name exactly as wgpu reports it.
    pub adapter: String,
    pub backend: String,
    /// Driver name and driver info, e.g. `llvmpipe Mesa 24.0.9`.
    pub driver: String,
    pub device_type: String,
    /// How kernels are timed ([`Profiler::method`]).
    pub timing: String,
}

impl Env {
    pub fn of(gpu: &Gpu) -> Env {
        Env {
            adapter: gpu.info.name.clone(),
            backend: gpu.info.backend.to_str().to_string(),
            driver: format!("{} {}", gpu.info.driver, gpu.info.driver_info)
                .trim()
                .to_string(),
            device_type: format!("{:?}", gpu.info.device_type),
            timing: Profiler::method(gpu).to_string(),
        }
    }

    /// `<family> on <adapter> (<backend>, <type>, driver <driver>); timing: ...` and the peaks.
    pub fn heading(&self, family: &str, peaks: &Peaks) -> String {
        format!(
            "{family} on {} ({}, {}, driver {}); timing: {}\n{}\n",
            self.adapter,
            self.backend,
            self.device_type,
            self.driver,
            self.timing,
            peaks.line()
        )
    }

    /// A JSON object with the adapter fields, `bench: family` and the peaks, to which a family
    /// adds its rows.
    pub fn json(&self, family: &str, peaks: &Peaks) -> serde_json::Map<String, Value> {
        let mut m = serde_json::Map::new();
        m.insert("bench".into(), json!(family));
        m.insert("adapter".into(), json!(self.adapter));
        m.insert("backend".into(), json!(self.backend));
        m.insert("driver".into(), json!(self.driver));
        m.insert("device_type".into(), json!(self.device_type));
        m.insert("timing".into(), json!(self.timing));
        m.insert("peaks".into(), peaks.json());
        m
    }
}

/// `value / peak`, or `None` when either is missing or not positive.
pub fn fraction(value: Option<f64>, peak: f64) -> Option<f64> {
    match value {
        Some(v) if v.is_finite() && peak > 0.0 => Some(v / peak),
        _ => None,
    }
}

/// `312 GFLOP/s  41% of FMA peak`, or `-`.
pub fn flops_cell(gflops: Option<f64>, peaks: &Peaks) -> String {
    match (gflops, fraction(gflops, peaks.fma_gflops)) {
        (Some(g), Some(f)) => format!("{} GFLOP/s  {:.0}% of FMA peak", sig(g), 100.0 * f),
        _ => "-".into(),
    }
}

/// `18 GB/s  63% of copy peak`, or `-`.
pub fn bytes_cell(gbs: Option<f64>, peaks: &Peaks) -> String {
    match (gbs, fraction(gbs, peaks.copy_gbs)) {
        (Some(g), Some(f)) => format!("{} GB/s  {:.0}% of copy peak", sig(g), 100.0 * f),
        _ => "-".into(),
    }
}

/// Three significant figures without an exponent (`0.0123`, `4.56`, `312`, `4560`).
pub fn sig(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let digits = (2 - x.abs().log10().floor() as i32).max(0) as usize;
    format!("{x:.digits$}")
}

/// A finite number as JSON, `null` otherwise.
pub fn num(x: Option<f64>) -> Value {
    match x {
        Some(v) if v.is_finite() => json!(v),
        _ => Value::Null,
    }
}

/// One timed kernel (or sequence of kernels) of a family.
#[derive(Clone, Debug)]
pub struct KernelRow {
    /// What ran, e.g. `forward` or `backward (dx, dgamma, dbeta)`.
    pub kernel: String,
    /// The shape in the family's terms, e.g. `N=4096 C=512`.
    pub shape: String,
    /// Seconds per run, the best sample.
    pub seconds: f64,
    /// FLOPs per run in the family's FLOP model (`None`: memory-bound, not counted).
    pub flops: Option<f64>,
    /// Bytes moved per run in the family's byte model (`None`: not counted).
    pub bytes: Option<f64>,
    /// Largest `|got - want|` of the correctness check; `None` where the check does not
    /// measure one (it passed within its tolerance).
    pub check_error: Option<f64>,
}

impl KernelRow {
    pub fn gflops(&self) -> Option<f64> {
        self.flops.map(|f| f / self.seconds * 1e-9)
    }

    pub fn gbs(&self) -> Option<f64> {
        self.bytes.map(|b| b / self.seconds * 1e-9)
    }
}

/// The report of one of the kernel families (`attention`, `layernorm`, ...).
#[derive(Clone, Debug)]
pub struct FamilyReport {
    pub family: String,
    pub env: Env,
    pub peaks: Peaks,
    /// Timing samples per row (the best is kept).
    pub samples: u32,
    pub rows: Vec<KernelRow>,
}

impl FamilyReport {
    /// The report of `family` on `gpu`'s adapter.
    pub fn new(
        gpu: &Gpu,
        family: &str,
        peaks: &Peaks,
        samples: u32,
        rows: Vec<KernelRow>,
    ) -> FamilyReport {
        FamilyReport {
            family: family.into(),
            env: Env::of(gpu),
            peaks: peaks.clone(),
            samples,
            rows,
        }
    }

    /// A markdown table under a heading naming the adapter and the peaks.
    pub fn table(&self) -> String {
        let mut s = self.env.heading(&self.family, &self.peaks);
        s.push_str(&format!(
            "best of {} samples; checked against the CPU reference first\n\n",
            self.samples
        ));
        s.push_str("| kernel | shape | ms | compute | memory | check |\n");
        s.push_str("|---|---|---:|---:|---:|---:|\n");
        for r in &self.rows {
            s.push_str(&format!(
                "| {} | {} | {:.3} | {} | {} | {} |\n",
                r.kernel,
                r.shape,
                r.seconds * 1e3,
                flops_cell(r.gflops(), &self.peaks),
                bytes_cell(r.gbs(), &self.peaks),
                r.check_error
                    .map_or("ok".into(), |e| format!("ok ({e:.0e})"))
            ));
        }
        s
    }

    /// The report as one JSON value.
    pub fn json(&self) -> Value {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|r| {
                json!({
                    "kernel": r.kernel,
                    "shape": r.shape,
                    "seconds": r.seconds,
                    "flops": num(r.flops),
                    "bytes": num(r.bytes),
                    "gflops": num(r.gflops()),
                    "fma_peak_fraction": num(fraction(r.gflops(), self.peaks.fma_gflops)),
                    "gbs": num(r.gbs()),
                    "copy_peak_fraction": num(fraction(r.gbs(), self.peaks.copy_gbs)),
                    "check_error": num(r.check_error),
                })
            })
            .collect();
        let mut m = self.env.json(&self.family, &self.peaks);
        m.insert("samples".into(), json!(self.samples));
        m.insert("rows".into(), Value::Array(rows));
        Value::Object(m)
    }
}

/// Seconds per run of `dispatches`: the best of `samples` measurements of `reps` back-to-back
/// runs each ([`time_sequence`]: GPU timestamps where the adapter has them, else wall clock).
pub async fn best_time(
    gpu: &Gpu,
    dispatches: &[&Dispatch],
    samples: u32,
    reps: u32,
) -> Result<f64> {
    let mut best = f64::INFINITY;
    for _ in 0..samples.max(1) {
        best = best.min(time_sequence(gpu, dispatches, reps.max(1)).await?);
    }
    Ok(best)
}

/// [`check_close`] of `got` against `want`; `Ok` carries the largest `|got - want|`.
pub fn checked(name: &str, got: &[f32], want: &[f32], tol: Tolerance) -> Result<f64> {
    check_close(name, got, want, tol)?;
    Ok(got
        .iter()
        .zip(want)
        .map(|(&g, &w)| (g as f64 - w as f64).abs())
        .fold(0.0, f64::max))
}

/// Back-to-back runs per timing sample: enough to fill about 50 ms, from the wall-clock time
/// of one checked run (1 to 100).
pub fn reps_for(once_seconds: f64) -> u32 {
    ((0.05 / once_seconds.max(1e-6)) as u32).clamp(1, 100)
}

/// Runs `dispatches` once and waits: (wall-clock seconds).
pub async fn run_once(gpu: &Gpu, dispatches: &[&Dispatch]) -> Result<f64> {
    let t0 = std::time::Instant::now();
    gpu.run(dispatches)?;
    gpu.wait().await?;
    Ok(t0.elapsed().as_secs_f64())
}
