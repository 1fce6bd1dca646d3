//! The MoE side of the model: which variant each MoE node runs (stage and FFN path), the gates'
//! per-step state, evaluation mode and routing statistics.
//!
//! Each MoE layer's FFN path has one owner: the `paths` list here. The tape node of the layer
//! holds every recorded path as a variant, and [`Model::select_variants`] selects the stage's
//! (the base expert before EvoMoE's spawn) or the layer's path.

use crate::error::Result;
use crate::gpu::Gpu;
use crate::model::transformer::record::BASE_VARIANT;
use crate::model::transformer::{Model, Stage};
use crate::moe::expert_ffn::{choose_path, FfnPath};
use crate::moe::gate::GateState;
use crate::moe::layer::MoeStats;

impl Model {
    /// Selects every MoE node's variant for the stage and the layers' paths.
    pub(super) fn select_variants(&mut self) -> Result<()> {
        for (&node, path) in self.moe_nodes.iter().zip(&self.paths) {
            let pick = match self.stage {
                Stage::BaseExpert => BASE_VARIANT,
                Stage::Experts => path.name(),
            };
            self.tape.select(node, pick)?;
        }
        Ok(())
    }

    /// The FFN path each MoE layer runs, in block order.
    pub fn paths(&self) -> &[FfnPath] {
        &self.paths
    }

    /// Runs each MoE layer through `paths[i]` where that layer recorded it (it keeps its path
    /// otherwise); returns the paths now in use.
    pub fn set_paths(&mut self, paths: &[FfnPath]) -> Result<Vec<FfnPath>> {
        let layers: Vec<_> = self.moe_layers().collect();
        let next: Vec<FfnPath> = layers
            .iter()
            .zip(&self.paths)
            .zip(
                paths
                    .iter()
                    .copied()
                    .map(Some)
                    .chain(std::iter::repeat(None)),
            )
            .map(|((layer, &now), want)| match want {
                Some(p) if layer.has_path(p) => p,
                _ => now,
            })
            .collect();
        self.paths = next;
        self.select_variants()?;
        Ok(self.paths.clone())
    }

    /// Moves each MoE layer to the path its measured density (experts per token / E) makes
    /// cheaper ([`choose_path`]) where it recorded that path; returns the paths now in use.
    pub fn choose_paths(&mut self, densities: &[f32]) -> Result<Vec<FfnPath>> {
        let want: Vec<FfnPath> = densities.iter().map(|&d| choose_path(d)).collect();
        self.set_paths(&want)
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
            .map(|l| l.gate.state())
            .zip(self.paths.clone())
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

    /// Moves to [`Stage::Experts`] after EvoMoE's spawn at optimizer step `step` (the spawn
    /// itself writes experts and moments: [`crate::optim::Optimizer::spawn_experts`]).
    pub(crate) fn spawned(&mut self, step: u32) -> Result<()> {
        self.spawned_at = Some(step);
        self.stage = Stage::Experts;
        self.select_variants()
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
        for (l, &path) in self.moe_layers().zip(&self.paths) {
            out.push(l.read_stats(gpu, path).await?);
        }
        Ok(out)
    }

    /// Puts the model into a stage without running anything (restoring a checkpoint).
    pub fn restore_stage(&mut self, stage: Stage, spawned_at: Option<u32>) -> Result<()> {
        self.stage = stage;
        self.spawned_at = spawned_at;
        self.select_variants()
    }
}
