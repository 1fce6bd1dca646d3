//! The optimizer: AdamW moments for any model's parameter list, global gradient-norm clipping
//! over the parameters a stage trains, the updates, and the step count with its restarts.
//!
//! The model ([`crate::model::transformer::Model`]) owns parameters, gradients, forward and
//! backward; this module owns everything an update needs. A training step is one submit: the
//! model's zeroing, forward and backward followed by this optimizer's clipping and updates
//! ([`Optimizer::train_step`]). Every dispatch is recorded once; a step only rewrites the
//! AdamW uniforms (step count, learning rate).
//!
//! Step counts: AdamW's bias correction uses `t = step - restart`, where `restart` is 0 except
//! after EvoMoE's spawn ([`Optimizer::spawn_experts`]): the gates (never trained before) and,
//! with `reset_moments`, the spawned experts count from the spawn.

use crate::error::{Error, Result};
use crate::gpu::readback::Ticket;
use crate::gpu::{DType, Dispatch, Gpu, Tensor};
use crate::model::params::{DenseFfn, MoeFfn, ParamGroup};
use crate::model::transformer::{Model, Param, Stage};
use crate::moe::spawn::{spawn, SpawnMask};
use crate::ops::adamw::{adamw, adamw_set_step, grad_norm, grad_norm_len, AdamwConfig};
use crate::ops::elementwise;

/// Spawn masks' tensor ids start here (see [`SpawnMask`]).
const SPAWN_TENSOR_TAG: u32 = 0x5350_0000;

/// AdamW's first and second moments of one parameter (its shape).
pub struct Moments {
    pub m: Tensor,
    pub v: Tensor,
}

/// AdamW over a model's parameters.
pub struct Optimizer {
    pub cfg: AdamwConfig,
    /// One per parameter, in the model's [`crate::model::params::Params::list`] order.
    pub moments: Vec<Moments>,
    /// `[clip factor, grad norm, partial sums...]`.
    pub norm: Tensor,
    /// One update per parameter, in list order.
    updates: Vec<Dispatch>,
    /// Gradient clipping over the parameters each stage trains, indexed like [`Stage::ALL`].
    clips: Vec<Vec<Dispatch>>,
    /// Optimizer steps taken.
    pub step: u32,
}

fn stage_index(stage: Stage) -> usize {
    Stage::ALL
        .iter()
        .position(|&s| s == stage)
        .expect("every stage is in Stage::ALL")
}

impl Optimizer {
    /// Moments (zero), clipping and update dispatches for every parameter of `model`.
    pub fn new(gpu: &Gpu, model: &Model, cfg: AdamwConfig) -> Result<Optimizer> {
        let params = model.param_list();
        let norm = Tensor::zeros(gpu, &[grad_norm_len(params.len())], DType::F32, "grad_norm")?;
        let mut moments = Vec::new();
        let mut updates = Vec::new();
        for p in &params {
            let z = |prefix: &str| {
                Tensor::zeros(
                    gpu,
                    &p.spec.shape,
                    DType::F32,
                    &format!("{prefix}.{}", p.spec.name),
                )
            };
            let mv = Moments {
                m: z("m")?,
                v: z("v")?,
            };
            updates.push(adamw(
                gpu,
                &cfg,
                &p.value,
                &p.grad,
                &mv.m,
                &mv.v,
                p.spec.decay,
                &norm,
            )?);
            moments.push(mv);
        }
        let mut clips = Vec::new();
        for stage in Stage::ALL {
            let grads: Vec<&Tensor> = params
                .iter()
                .filter(|p| stage.trains(p.spec.group))
                .map(|p| &p.grad)
                .collect();
            clips.push(grad_norm(gpu, &grads, &norm, cfg.max_grad_norm)?);
        }
        Ok(Optimizer {
            cfg,
            moments,
            norm,
            updates,
            clips,
            step: 0,
        })
    }

    /// Clipping and the updates of the parameters `model`'s stage trains, in order.
    pub fn dispatches<'a>(&'a self, model: &'a Model) -> Vec<&'a Dispatch> {
        let stage = model.stage();
        self.clips[stage_index(stage)]
            .iter()
            .chain(
                model
                    .param_list()
                    .into_iter()
                    .filter(move |p| stage.trains(p.spec.group))
                    .map(|p| &self.updates[p.index]),
            )
            .collect()
    }

    /// Gradient clipping of `model`'s stage (profiling).
    pub fn clip_dispatches(&self, model: &Model) -> &[Dispatch] {
        &self.clips[stage_index(model.stage())]
    }

    /// The AdamW step count of `p` at the current step: spawned experts whose moments were
    /// reset, and the gates, count from the spawn.
    fn adam_step(&self, model: &Model, p: &Param) -> u32 {
        let reset = model
            .cfg
            .moe
            .as_ref()
            .and_then(|m| m.spawn)
            .is_some_and(|s| s.reset_moments);
        let restart = match (p.spec.group, model.spawned_at()) {
            (ParamGroup::Gate, Some(at)) => at,
            (ParamGroup::Experts, Some(at)) if reset => at,
            _ => 0,
        };
        self.step - restart
    }

    /// One training step of `model` on a batch at learning rate `lr`, as a single submit (see
    /// [`Model::submit_step`] for `log` and the returned ticket).
    pub fn train_step(
        &mut self,
        gpu: &Gpu,
        model: &Model,
        tokens: &[u32],
        targets: &[u32],
        lr: f32,
        log: bool,
    ) -> Result<Option<Ticket>> {
        self.step += 1;
        let stage = model.stage();
        for p in model.param_list() {
            if stage.trains(p.spec.group) {
                let t = self.adam_step(model, p);
                adamw_set_step(
                    gpu,
                    &self.updates[p.index],
                    &self.cfg,
                    p.spec.numel(),
                    p.spec.decay,
                    t,
                    lr,
                );
            }
        }
        model.submit_step(gpu, tokens, targets, &self.dispatches(model), log)
    }

    /// EvoMoE's spawn: writes every MoE layer's `E` experts from its base expert with
    /// independent Bernoulli masks (one submit), resets their moments or copies the base's
    /// under the same masks, and moves `model` to [`Stage::Experts`]. The gate keeps its initial
    /// values (it was not trained yet).
    pub fn spawn_experts(&mut self, gpu: &Gpu, model: &mut Model) -> Result<()> {
        let settings = match model.cfg.moe.as_ref().and_then(|m| m.spawn) {
            Some(s) => s,
            None => {
                return Err(Error::Config(
                    "this model has no base expert to spawn from".into(),
                ))
            }
        };
        if model.stage() != Stage::BaseExpert {
            return Err(Error::Config(format!(
                "the experts were already spawned at step {}",
                model.spawned_at().unwrap_or(0)
            )));
        }
        let scale = if settings.rescale {
            1.0 / (1.0 - settings.drop_rate)
        } else {
            1.0
        };
        let mut ds = Vec::new();
        for (l, block) in model.params.blocks.iter().enumerate() {
            let (base, experts) = match (&block.ffn, &block.moe) {
                (Some(b), Some(m)) => (b, m),
                _ => continue,
            };
            let e = experts.w1.spec.shape[0];
            for (tensor, (src, dst, masked)) in spawn_pairs(base, experts).into_iter().enumerate() {
                let mask = SpawnMask {
                    seed: model.cfg.seed,
                    layer: l as u32,
                    // Far from the small stream tags other Philox users put in this word.
                    tensor: SPAWN_TENSOR_TAG + tensor as u32,
                    drop_rate: settings.drop_rate,
                };
                let mask = masked.then_some(&mask);
                // Weights are rescaled with their mask; biases are copied as they are.
                let s = if masked { scale } else { 1.0 };
                ds.push(spawn(gpu, &src.value, &dst.value, e, mask, s)?);
                let (from, to) = (&self.moments[src.index], &self.moments[dst.index]);
                if settings.reset_moments {
                    ds.push(elementwise::fill(gpu, &to.m, 0.0)?);
                    ds.push(elementwise::fill(gpu, &to.v, 0.0)?);
                } else {
                    ds.push(spawn(gpu, &from.m, &to.m, e, mask, 1.0)?);
                    ds.push(spawn(gpu, &from.v, &to.v, e, mask, 1.0)?);
                }
            }
        }
        gpu.run(&ds.iter().collect::<Vec<_>>())?;
        model.spawned(self.step)
    }
}

/// (base tensor, expert tensor, masked) of a spawn, in the order of the masks' tensor ids:
/// weights are masked, biases copied.
fn spawn_pairs<'a>(
    base: &'a DenseFfn<Param>,
    experts: &'a MoeFfn<Param>,
) -> [(&'a Param, &'a Param, bool); 4] {
    [
        (&base.fc1.w, &experts.w1, true),
        (&base.fc1.b, &experts.b1, false),
        (&base.fc2.w, &experts.w2, true),
        (&base.fc2.b, &experts.b2, false),
    ]
}
