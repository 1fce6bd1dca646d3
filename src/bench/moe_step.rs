//! `evomoe bench step --moe`: the training step of a GPT-MoE in each EvoMoE phase next to the
//! dense GPT of the same shape, timed in interleaved rounds in one run.
//!
//! Cases: `dense` (ordinary FFNs), `base` (phase 1: MoE blocks run their base expert),
//! `all experts` (phase 2 at `tau_max`, every token at (almost) every expert), `mid anneal`
//! (`tau` half way), `top-1` (hard top-1). Each MoE case first runs a step, reads the measured
//! density and puts each layer on the path the trainer would choose; then every round times
//! `steps` steps of each case (one submit per step, as in training) and each case reports its
//! best round. Next to the tokens/s: the ratio to the dense step and the ratio its FLOPs
//! predict (forward FLOPs per token, the MoE FFNs scaled by the experts per token), so a phase
//! slower than its FLOPs explain stands out.

use std::time::Instant;

use crate::bench::peak::Peaks;
use crate::bench::report::{fraction, num, sig};
use crate::error::Result;
use crate::gpu::Gpu;
use crate::model::config::ModelConfig;
use crate::model::transformer::{Model, Stage};
use crate::moe::expert_ffn::FfnPath;
use crate::ops::adamw::AdamwConfig;
use crate::optim::Optimizer;
use crate::train::config::RunConfig;
use crate::train::data::{sample_batch, Corpus};

/// One timed case.
#[derive(Clone, Debug)]
pub struct PhaseRow {
    pub name: &'static str,
    pub tau: Option<f32>,
    pub experts_per_token: Option<f32>,
    /// Paths of the MoE layers ("dense" / "scattered"), empty when none routes.
    pub paths: Vec<&'static str>,
    pub step_ms: f64,
    pub tokens_per_s: f64,
    /// tokens/s relative to the dense step.
    pub vs_dense: f64,
    /// Model GFLOP/s: 3 x forward FLOPs per token ([`flops_per_token`]) x tokens/s.
    pub gflops: f64,
    /// The step time ratio to the dense step its forward FLOPs predict.
    pub flops_ratio: f64,
}

/// What `bench step --moe` measured.
#[derive(Clone, Debug)]
pub struct MoeStepBench {
    pub adapter: String,
    pub run: RunConfig,
    pub steps: usize,
    pub rounds: usize,
    pub rows: Vec<PhaseRow>,
    /// Per-op GPU time of one top-1 step (with `profile`).
    pub top1_profile: Option<crate::bench::step::StepBench>,
    /// The adapter's measured peaks, when measured (then printed as fractions).
    pub peaks: Option<Peaks>,
}

/// Forward FLOPs per token with `ept` experts per token in the MoE blocks: per layer the
/// `qkv` and output projections (`8 C^2`), causal attention on average (`2 T C`) and the FFN
/// (`4 C F`, times `ept` in MoE blocks, plus the gate's `2 C E`); the LM head `2 C V`.
pub fn flops_per_token(cfg: &ModelConfig, ept: f64) -> f64 {
    let (c, f, t, v) = (
        cfg.d_model as f64,
        cfg.d_ff as f64,
        cfg.context as f64,
        cfg.vocab as f64,
    );
    let mut total = 2.0 * c * v;
    for l in 0..cfg.n_layer {
        total += 2.0 * 4.0 * c * c + 2.0 * t * c; // qkv, proj; causal attention on average
        total += match cfg.moe.as_ref().filter(|m| m.is_moe_block(l)) {
            Some(m) => 4.0 * c * f * ept + 2.0 * c * m.n_experts as f64,
            None => 4.0 * c * f,
        };
    }
    total
}

/// How an MoE case is set up before it is timed.
struct Case {
    name: &'static str,
    stage: Stage,
    tau: Option<f32>,
    hard: bool,
}

/// Times the phases of `run` (an `evomoe` config) against the dense model of the same shape.
pub async fn bench_moe_step(
    gpu: &Gpu,
    run: &RunConfig,
    steps: usize,
    rounds: usize,
    profile: bool,
) -> Result<MoeStepBench> {
    let (batch, seq) = (run.train.batch, run.model.context);
    let mut dense_run = run.clone();
    dense_run.method = crate::model::config::Method::Dense;
    let dense_cfg = dense_run.gpt_config();
    let moe_cfg = run.gpt_config();
    let mut dense = Model::new(gpu, &dense_cfg, batch, seq)?;
    let mut dense_opt = Optimizer::new(gpu, &dense, AdamwConfig::default())?;
    let mut moe = Model::new(gpu, &moe_cfg, batch, seq)?;
    let mut opt = Optimizer::new(gpu, &moe, AdamwConfig::default())?;
    let corpus = Corpus::builtin();
    let batches: Vec<_> = (0..steps.max(1) as u64)
        .map(|s| sample_batch(&corpus.train, batch, seq, 1, s))
        .collect::<Result<_>>()?;
    let (tau_max, tau_min) = (run.evomoe.tau_max, run.evomoe.tau_min);
    let cases = [
        Case {
            name: "base",
            stage: Stage::BaseExpert,
            tau: None,
            hard: false,
        },
        Case {
            name: "all experts",
            stage: Stage::Experts,
            tau: Some(tau_max),
            hard: false,
        },
        Case {
            name: "mid anneal",
            stage: Stage::Experts,
            tau: Some(0.5 * (tau_max + tau_min)),
            hard: false,
        },
        Case {
            name: "top-1",
            stage: Stage::Experts,
            tau: Some(tau_min),
            hard: true,
        },
    ];
    // Set each case up once: measured density -> paths (the trainer's rule).
    let mut setups = Vec::new();
    for c in &cases {
        moe.restore_stage(c.stage, (c.stage == Stage::Experts).then_some(0))?;
        let mut ept = None;
        let mut paths = Vec::new();
        if c.stage == Stage::Experts {
            moe.set_gates(gpu, 0, c.tau, c.hard)?;
            let b = &batches[0];
            moe.forward(gpu, &b.inputs, &b.targets)?;
            let stats = moe.moe_stats(gpu).await?;
            let d: Vec<f32> = stats.iter().map(|s| s.density).collect();
            let p = if c.hard {
                moe.set_paths(&vec![FfnPath::Scattered; d.len()])?
            } else {
                moe.choose_paths(&d)?
            };
            ept = Some(
                stats.iter().map(|s| s.gate.experts_per_token).sum::<f32>() / stats.len() as f32,
            );
            paths = p.iter().map(|p| p.name()).collect();
        }
        setups.push((ept, paths));
    }
    let time = async |model: &mut Model, opt: &mut Optimizer| -> Result<f64> {
        gpu.wait().await?;
        let t0 = Instant::now();
        for b in &batches {
            opt.train_step(gpu, model, &b.inputs, &b.targets, 1e-4, false)?;
        }
        gpu.wait().await?;
        Ok(t0.elapsed().as_secs_f64() / batches.len() as f64)
    };
    // Warm-up of every case (drivers finish pipelines lazily), then interleaved rounds.
    let mut best = vec![f64::INFINITY; cases.len() + 1];
    for round in 0..=rounds {
        let t = time(&mut dense, &mut dense_opt).await?;
        if round > 0 {
            best[0] = best[0].min(t);
        }
        for (i, (c, (_, paths))) in cases.iter().zip(&setups).enumerate() {
            moe.restore_stage(c.stage, (c.stage == Stage::Experts).then_some(0))?;
            if c.stage == Stage::Experts {
                moe.set_gates(gpu, 0, c.tau, c.hard)?;
                let p: Vec<FfnPath> = paths
                    .iter()
                    .map(|&p| {
                        if p == "dense" {
                            FfnPath::Dense
                        } else {
                            FfnPath::Scattered
                        }
                    })
                    .collect();
                moe.set_paths(&p)?;
            }
            let t = time(&mut moe, &mut opt).await?;
            if round > 0 {
                best[i + 1] = best[i + 1].min(t);
            }
        }
    }
    let tokens = (batch * seq) as f64;
    let dense_flops = flops_per_token(&dense_cfg, 1.0);
    let mut rows = vec![PhaseRow {
        name: "dense",
        tau: None,
        experts_per_token: None,
        paths: Vec::new(),
        step_ms: best[0] * 1e3,
        tokens_per_s: tokens / best[0],
        vs_dense: 1.0,
        gflops: 3.0 * dense_flops * tokens / best[0] * 1e-9,
        flops_ratio: 1.0,
    }];
    for (i, (c, (ept, paths))) in cases.iter().zip(setups).enumerate() {
        let secs = best[i + 1];
        rows.push(PhaseRow {
            name: c.name,
            tau: c.tau,
            experts_per_token: ept,
            paths,
            step_ms: secs * 1e3,
            tokens_per_s: tokens / secs,
            vs_dense: best[0] / secs,
            gflops: 3.0 * flops_per_token(&moe_cfg, ept.unwrap_or(1.0) as f64) * tokens / secs
                * 1e-9,
            flops_ratio: flops_per_token(&moe_cfg, ept.unwrap_or(1.0) as f64) / dense_flops,
        });
    }
    // The model is still set up as the last case, top-1.
    let top1_profile = if profile {
        Some(crate::bench::step::bench_model(gpu, &mut moe, 2).await?)
    } else {
        None
    };
    Ok(MoeStepBench {
        adapter: gpu.name(),
        run: run.clone(),
        steps: batches.len(),
        rounds,
        rows,
        top1_profile,
        peaks: None,
    })
}

impl MoeStepBench {
    /// A table.
    pub fn text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let m = &self.run.model;
        let _ = writeln!(
            out,
            "bench step --moe on {}: {} layers, d_model {}, {} heads, context {}, batch {}, \
             FFN {}, E = {} every {} blocks; best of {} interleaved rounds of {} steps",
            self.adapter,
            m.n_layer,
            m.d_model,
            m.n_head,
            m.context,
            self.run.train.batch,
            m.d_ff,
            self.run.moe.experts,
            self.run.moe.moe_every,
            self.rounds,
            self.steps
        );
        if let Some(p) = &self.peaks {
            let _ = writeln!(out, "  {}", p.line());
        }
        let peak = self.peaks.as_ref().map_or(0.0, |p| p.fma_gflops);
        let _ = writeln!(
            out,
            "  {:<12} {:>6} {:>13} {:>20} {:>10} {:>10} {:>9} {:>11} {:>9} {:>12}",
            "case",
            "tau",
            "experts/tok",
            "paths",
            "ms/step",
            "tokens/s",
            "vs dense",
            "FLOPs ratio",
            "GFLOP/s",
            "of FMA peak"
        );
        for r in &self.rows {
            let _ = writeln!(
                out,
                "  {:<12} {:>6} {:>13} {:>20} {:>10.1} {:>10.0} {:>8.2}x {:>10.2}x {:>9} {:>12}",
                r.name,
                r.tau.map_or("-".into(), |t| format!("{t:.2}")),
                r.experts_per_token
                    .map_or("-".into(), |e| format!("{e:.2}")),
                if r.paths.is_empty() {
                    "-".into()
                } else {
                    r.paths.join(",")
                },
                r.step_ms,
                r.tokens_per_s,
                r.vs_dense,
                1.0 / r.flops_ratio,
                sig(r.gflops),
                fraction(Some(r.gflops), peak).map_or("-".into(), |x| format!("{:.0}%", 100.0 * x))
            );
        }
        let _ = writeln!(
            out,
            "  (vs dense: tokens/s ratio; FLOPs ratio: the tokens/s ratio the FLOPs predict)"
        );
        if let Some(p) = &self.top1_profile {
            let _ = writeln!(out, "top-1 step:");
            out.push_str(&p.text());
        }
        out
    }

    /// Prints [`Self::text`].
    pub fn print(&self) {
        print!("{}", self.text());
    }

    /// One JSON object.
    pub fn to_json(&self) -> String {
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "case": r.name,
                    "tau": r.tau,
                    "experts_per_token": r.experts_per_token,
                    "paths": r.paths,
                    "step_ms": r.step_ms,
                    "tokens_per_s": r.tokens_per_s,
                    "vs_dense": r.vs_dense,
                    "flops_predicted_vs_dense": 1.0 / r.flops_ratio,
                    "gflops": r.gflops,
                    "fma_peak_fraction": num(fraction(
                        Some(r.gflops),
                        self.peaks.as_ref().map_or(0.0, |p| p.fma_gflops)
                    )),
                })
            })
            .collect();
        serde_json::json!({
            "bench": "step --moe",
            "adapter": self.adapter,
            "peaks": self.peaks.as_ref().map(|p| p.json()),
            "config": self.run.to_toml(),
            "steps": self.steps,
            "rounds": self.rounds,
            "rows": rows,
        })
        .to_string()
    }
}
