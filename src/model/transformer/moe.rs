//! The MoE side of the GPT: which variant each MoE node runs (stage and FFN path), the gates'
//! per-step state, evaluation mode, routing statistics and EvoMoE's spawn.

use crate::error::{Error, Result};
use crate::gpu::Gpu;
use crate::model::transformer::{Model, Stage};
use crate::moe::expert_ffn::FfnPath;
use crate::moe::gate::GateState;
use crate::moe::layer::MoeStats;
use crate::moe::spawn::{spawn, SpawnMask};
use crate::ops::elementwise;

/// Spawn masks' tensor ids start here (see [`SpawnMask`]).
const SPAWN_TENSOR_TAG: u32 = 0x5350_0000;

impl Model {
    pub(super) fn stage_index(&self) -> usize {
        match self.stage {
            Stage::BaseExpert => 0,
            Stage::Experts => 1,
        }
    }

    /// Selects every MoE node's variant for the stage and the layers' current paths.
    pub(super) fn select_variants(&mut self) -> Result<()> {
        let mut picks = Vec::new();
        for layer in self.blocks.iter().filter_map(|b| b.moe.as_ref()) {
            picks.push(match self.stage {
                Stage::BaseExpert => "base",
                Stage::Experts => layer.path().name(),
            });
        }
        for (&node, pick) in self.moe_nodes.iter().zip(picks) {
            self.tape.select(node, pick)?;
        }
        Ok(())
    }

    /// Runs each MoE layer through `paths[i]` (where recorded; the layer keeps its path
    /// otherwise); returns the paths now in use.
    pub fn set_paths(&mut self, paths: &[FfnPath]) -> Result<Vec<FfnPath>> {
        for (b, &path) in self
            .blocks
            .iter_mut()
            .filter_map(|b| b.moe.as_mut())
            .zip(paths)
        {
            if b.has_path(path) {
                b.set_path(path)?;
            }
        }
        self.select_variants()?;
        Ok(self.moe_layers().map(|l| l.path()).collect())
    }

    /// Moves each MoE layer to the path its measured density (experts per token / E) makes
    /// cheaper ([`crate::moe::expert_ffn::choose_path`]); returns the paths now in use.
    pub fn choose_paths(&mut self, densities: &[f32]) -> Result<Vec<FfnPath>> {
        for (layer, &d) in self
            .blocks
            .iter_mut()
            .filter_map(|b| b.moe.as_mut())
            .zip(densities)
        {
            layer.choose_path(d);
        }
        self.select_variants()?;
        Ok(self.moe_layers().map(|l| l.path()).collect())
    }

    /// Sets every gate's per-step state (noise counter, temperature, hard top-1); a small
    /// buffer write before the submit, nothing re-recorded. `tau: None` keeps each gate's own
    /// temperature (the baseline gates).
    pub fn set_gates(&self, gpu: &Gpu, step: u32, tau: Option<f32>, hard_top1: bool) -> Result<()> {
        for layer in self.moe_layers() {
            let g = &layer.gate;
            g.set_state(
                gpu,
                &GateState {
                    step,
                    tau: tau.unwrap_or(g.cfg.tau),
                    noise: g.cfg.noise,
                    hard_top1,
                    eval: false,
                },
            )?;
        }
        Ok(())
    }

    /// Runs `f` with every gate in evaluation mode (no noise, deterministic top-1) and the MoE
    /// layers on the scattered path, then restores gates and paths.
    pub async fn with_eval<R>(
        &mut self,
        gpu: &Gpu,
        f: impl AsyncFnOnce(&Model) -> Result<R>,
    ) -> Result<R> {
        let saved: Vec<(GateState, FfnPath)> = self
            .moe_layers()
            .map(|l| (l.gate.state(), l.path()))
            .collect();
        for layer in self.moe_layers() {
            let s = layer.gate.state();
            layer.gate.set_state(
                gpu,
                &GateState {
                    noise: false,
                    eval: true,
                    ..s
                },
            )?;
        }
        let n = saved.len();
        self.set_paths(&vec![FfnPath::Scattered; n])?;
        let out = f(self).await;
        let paths: Vec<FfnPath> = saved.iter().map(|s| s.1).collect();
        for (layer, (state, _)) in self.moe_layers().zip(&saved) {
            layer.gate.set_state(gpu, state)?;
        }
        self.set_paths(&paths)?;
        out
    }

    /// Copies this model's weights, EvoMoE stage and spawn step into `other`, a model of the
    /// same config (for another batch size: sampling from a model being trained).
    pub async fn copy_weights_into(&self, gpu: &Gpu, other: &mut Model) -> Result<()> {
        other.write_values(gpu, &self.read_values(gpu).await?)?;
        other.restore_stage(self.stage(), self.spawned_at())
    }

    /// Routing statistics of the last forward of every MoE layer (a readback: logging steps).
    pub async fn moe_stats(&self, gpu: &Gpu) -> Result<Vec<MoeStats>> {
        let mut out = Vec::new();
        for l in self.moe_layers() {
            out.push(l.read_stats(gpu).await?);
        }
        Ok(out)
    }

    /// EvoMoE's spawn: writes every MoE layer's `E` experts from its base expert with
    /// independent Bernoulli masks (one submit), resets or copies their AdamW moments, and moves
    /// to [`Stage::Experts`]. The gate keeps its initial values (it was not trained yet).
    pub fn spawn_experts(&mut self, gpu: &Gpu) -> Result<()> {
        let (m, settings) = match self.cfg.moe.as_ref().and_then(|m| m.spawn.map(|s| (m, s))) {
            Some(x) => x,
            None => {
                return Err(Error::Config(
                    "this model has no base expert to spawn from".into(),
                ))
            }
        };
        if self.stage != Stage::BaseExpert {
            return Err(Error::Config(format!(
                "the experts were already spawned at step {}",
                self.spawned_at.unwrap_or(0)
            )));
        }
        let e = m.n_experts;
        let scale = if settings.rescale {
            1.0 / (1.0 - settings.drop_rate)
        } else {
            1.0
        };
        let mut ds = Vec::new();
        for l in (0..self.cfg.n_layer).filter(|&l| m.is_moe_block(l)) {
            // (base, experts, mask tensor id): weights masked, biases copied.
            for (tensor, (base, experts, masked)) in [
                ("ffn.w1", "moe.w1", true),
                ("ffn.b1", "moe.b1", false),
                ("ffn.w2", "moe.w2", true),
                ("ffn.b2", "moe.b2", false),
            ]
            .into_iter()
            .enumerate()
            {
                let src = self.p(&format!("h{l}.{base}"));
                let dst = self.p(&format!("h{l}.{experts}"));
                let mask = SpawnMask {
                    seed: self.cfg.seed,
                    layer: l as u32,
                    // Far from the small stream tags other Philox users put in this word.
                    tensor: SPAWN_TENSOR_TAG + tensor as u32,
                    drop_rate: settings.drop_rate,
                };
                let mask = masked.then_some(&mask);
                // Weights are rescaled with their mask; biases are copied as they are.
                let s = if masked { scale } else { 1.0 };
                ds.push(spawn(gpu, &src.value, &dst.value, e, mask, s)?);
                if settings.reset_moments {
                    ds.push(elementwise::fill(gpu, &dst.m, 0.0)?);
                    ds.push(elementwise::fill(gpu, &dst.v, 0.0)?);
                } else {
                    ds.push(spawn(gpu, &src.m, &dst.m, e, mask, 1.0)?);
                    ds.push(spawn(gpu, &src.v, &dst.v, e, mask, 1.0)?);
                }
            }
        }
        gpu.run(&ds.iter().collect::<Vec<_>>())?;
        self.spawned_at = Some(self.step);
        self.stage = Stage::Experts;
        self.select_variants()
    }

    /// Puts the model into a stage without running anything (restoring a checkpoint).
    pub fn restore_stage(&mut self, stage: Stage, spawned_at: Option<u32>) -> Result<()> {
        self.stage = stage;
        self.spawned_at = spawned_at;
        self.select_variants()
    }
}
