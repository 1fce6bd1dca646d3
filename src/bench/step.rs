//! `evomoe bench step`: throughput of a full training step (forward, loss, backward, clipping,
//! AdamW) of a dense GPT, the per-op GPU time breakdown, and the submits a step takes.
//!
//! The timed steps run exactly as in training (one submit each, no readback); the breakdown
//! comes from a separate profiled step in which every dispatch is timed on its own (GPU
//! timestamps where the adapter has them), grouped by graph node with the layer index dropped
//! (`h0.qkv` and `h1.qkv` both count as `qkv fwd`).

use std::time::Instant;

use crate::bench::moe_step::flops_per_token;
use crate::bench::peak::Peaks;
use crate::bench::report::{fraction, num, sig, Env};
use crate::error::Result;
use crate::gpu::{Dispatch, Gpu, Profiler};
use crate::model::config::ModelConfig;
use crate::model::transformer::Model;
use crate::ops::adamw::AdamwConfig;
use crate::optim::Optimizer;
use crate::train::data::{sample_batch, Corpus};

/// What one `bench step` run measured.
#[derive(Clone, Debug)]
pub struct StepBench {
    pub adapter: String,
    pub config: ModelConfig,
    pub batch: usize,
    pub seq: usize,
    pub params: usize,
    pub steps: usize,
    pub step_ms: f64,
    pub tokens_per_s: f64,
    pub submits_per_step: f64,
    pub dispatches_per_step: usize,
    /// How the breakdown was timed.
    pub method: &'static str,
    /// (op, milliseconds per step, dispatches per step), largest first.
    pub breakdown: Vec<(String, f64, u64)>,
    /// FLOPs of one step: 3 x the forward FLOPs (the backward does about twice the forward's
    /// matmuls), forward FLOPs per token from [`flops_per_token`].
    pub flops_per_step: f64,
    /// The adapter's measured peaks, when measured (then printed as fractions).
    pub peaks: Option<Peaks>,
}

/// `h3.ffn1` -> `ffn1`; names without a layer prefix stay as they are.
fn op_group(node: &str) -> &str {
    match node.split_once('.') {
        Some((layer, rest))
            if layer.starts_with('h') && layer[1..].chars().all(|c| c.is_ascii_digit()) =>
        {
            rest
        }
        _ => node,
    }
}

/// A profile row's label: the node's op group and direction; an MoE layer's dispatches keep
/// their kernel names (gate, router and expert kernels are worth telling apart).
fn label(node: &str, dir: &str, d: &Dispatch) -> String {
    let op = op_group(node);
    if op == "moe" {
        format!("moe {dir} {}", d.label())
    } else {
        format!("{op} {dir}")
    }
}

/// Times `steps` training steps of `cfg` on `batch x seq` tokens of the built-in corpus.
pub async fn bench_step(
    gpu: &Gpu,
    cfg: &ModelConfig,
    batch: usize,
    seq: usize,
    steps: usize,
) -> Result<StepBench> {
    let mut model = Model::new(gpu, cfg, batch, seq)?;
    bench_model(gpu, &mut model, steps).await
}

/// Times `steps` training steps of `model` as it is set up (stage, gates, paths).
pub async fn bench_model(gpu: &Gpu, model: &mut Model, steps: usize) -> Result<StepBench> {
    let (cfg, batch, seq) = (model.cfg.clone(), model.batch, model.seq);
    let mut opt = Optimizer::new(gpu, model, AdamwConfig::default())?;
    let corpus = Corpus::builtin();
    let b = sample_batch(&corpus.train, batch, seq, 1, 0)?;
    // Warm-up: pipelines are compiled at record time, but drivers finish lazily.
    for _ in 0..2 {
        opt.train_step(gpu, model, &b.inputs, &b.targets, 1e-4, false)?;
    }
    gpu.wait().await?;
    let submits0 = gpu.submits();
    let t0 = Instant::now();
    for s in 0..steps {
        let b = sample_batch(&corpus.train, batch, seq, 1, s as u64 + 1)?;
        opt.train_step(gpu, model, &b.inputs, &b.targets, 1e-4, false)?;
    }
    gpu.wait().await?;
    let secs = t0.elapsed().as_secs_f64() / steps.max(1) as f64;
    let submits = (gpu.submits() - submits0) as f64 / steps.max(1) as f64;

    // One profiled step, every dispatch labelled by its graph node.
    let mut labeled: Vec<(String, &Dispatch)> = Vec::new();
    let tape = model.tape();
    for node in tape.nodes() {
        for d in node.forward() {
            labeled.push((label(&node.name, "fwd", d), d));
        }
    }
    for node in tape.nodes().iter().rev() {
        for d in node.backward() {
            labeled.push((label(&node.name, "bwd", d), d));
        }
    }
    let mut full: Vec<(String, &Dispatch)> = Vec::new();
    full.extend(
        model
            .zero_dispatches()
            .into_iter()
            .map(|d| ("zero grads".into(), d)),
    );
    full.extend(labeled);
    let clips = opt.clip_dispatches(model).len();
    full.extend(
        opt.dispatches(model)
            .into_iter()
            .enumerate()
            .map(|(i, d)| (if i < clips { "grad norm" } else { "adamw" }.into(), d)),
    );
    let mut prof = Profiler::new();
    let refs: Vec<(&str, &Dispatch)> = full.iter().map(|(l, d)| (l.as_str(), *d)).collect();
    prof.run_labeled(gpu, &refs).await?;
    let breakdown = prof
        .report()
        .into_iter()
        .map(|(l, s, c)| (l, s * 1e3, c))
        .collect();
    Ok(StepBench {
        adapter: gpu.name(),
        config: cfg.clone(),
        batch,
        seq,
        params: model.num_params(),
        steps,
        step_ms: secs * 1e3,
        tokens_per_s: (batch * seq) as f64 / secs,
        submits_per_step: submits,
        dispatches_per_step: full.len(),
        method: Profiler::method(gpu),
        breakdown,
        flops_per_step: 3.0 * flops_per_token(&cfg, 1.0) * (batch * seq) as f64,
        peaks: None,
    })
}

impl StepBench {
    /// A human-readable report.
    pub fn text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "bench step on {}: {} layers, d_model {}, d_ff {}, {} params, batch {}x{}",
            self.adapter,
            self.config.n_layer,
            self.config.d_model,
            self.config.d_ff,
            self.params,
            self.batch,
            self.seq
        );
        let _ = writeln!(
 out,
            "  {:.1} ms/step, {:.0} tokens/s over {} steps; {} submit(s) and {} dispatches per step",
            self.step_ms,
            self.tokens_per_s,
            self.steps,
            self.submits_per_step,
            self.dispatches_per_step
        );
        if let Some(p) = &self.peaks {
            let _ = writeln!(out, "  {}", p.line());
            let _ = writeln!(
                out,
                "  {} GFLOP/s (3 x forward FLOPs per step)  {}",
                sig(self.gflops()),
                fraction(Some(self.gflops()), p.fma_gflops)
                    .map_or("-".into(), |x| format!("{:.0}% of FMA peak", 100.0 * x))
            );
        }
        let total: f64 = self.breakdown.iter().map(|r| r.1).sum();
        let _ = writeln!(
            out,
            "  per-op GPU time of one profiled step ({}):",
            self.method
        );
        for (label, ms, count) in &self.breakdown {
            let _ = writeln!(
                out,
                "    {label:<20} {ms:>9.2} ms {:>5.1}%  ({count} dispatches)",
                100.0 * ms / total.max(1e-12)
            );
        }
        out
    }

    /// Prints [`Self::text`].
    pub fn print(&self) {
        print!("{}", self.text());
    }

    /// Model GFLOP/s of the timed steps.
    pub fn gflops(&self) -> f64 {
        self.flops_per_step / (self.step_ms * 1e-3) * 1e-9
    }

    /// One JSON object with the adapter and the peaks (when measured).
    pub fn json(&self, env: &Env) -> serde_json::Value {
        let mut m = match &self.peaks {
            Some(p) => env.json("step", p),
            None => serde_json::Map::new(),
        };
        let old: serde_json::Value =
            serde_json::from_str(&self.to_json()).unwrap_or(serde_json::Value::Null);
        if let serde_json::Value::Object(o) = old {
            m.extend(o);
        }
        let frac = self
            .peaks
            .as_ref()
            .and_then(|p| fraction(Some(self.gflops()), p.fma_gflops));
        m.insert("flops_per_step".into(), self.flops_per_step.into());
        m.insert("gflops".into(), num(Some(self.gflops())));
        m.insert("fma_peak_fraction".into(), num(frac));
        serde_json::Value::Object(m)
    }

    /// One JSON object (hand-written: flat numbers and strings only).
    pub fn to_json(&self) -> String {
        let ops: Vec<String> = self
            .breakdown
            .iter()
            .map(|(l, ms, c)| format!("{{\"op\":\"{l}\",\"ms\":{ms:.4},\"dispatches\":{c}}}"))
            .collect();
        format!(
            "{{\"adapter\":\"{}\",\"n_layer\":{},\"d_model\":{},\"batch\":{},\"seq\":{},\"params\":{},\"step_ms\":{:.3},\"tokens_per_s\":{:.1},\"submits_per_step\":{},\"dispatches_per_step\":{},\"breakdown\":[{}]}}",
            self.adapter.replace('"', "'"),
            self.config.n_layer,
            self.config.d_model,
            self.batch,
            self.seq,
            self.params,
            self.step_ms,
            self.tokens_per_s,
            self.submits_per_step,
            self.dispatches_per_step,
            ops.join(",")
        )
    }
}
