//! The GPT (dense or GPT-MoE) on the GPU: parameters, activations and gradients planned once
//! from the config,
//! the forward pass recorded on a [`Tape`] with each op's backward bound next to it, and a
//! training step that replays everything (zero grads, forward, loss, backward, clipping, AdamW)
//! as one command buffer and one submit.
//!
//! Layout per block (pre-norm, GPT-2), with `N = B * T` rows and width `C`:
//! ```text
//! x_l   (N, C) ── ln1 ─ (N, C) ── x W_qkv + b ─ qkv (N, 3C) ── attention ─ att (N, C)
//!                                                  ── att W_o + b_o ─ proj (N, C)
//! mid   (N, C) = x_l + proj
//! mid ── ln2 ─ (N, C) ── W1 + b1 ─ h (N, F) ── gelu ─ hg (N, F) ── W2 + b2 ─ ffo (N, C)
//! x_l+1 (N, C) = mid + ffo
//! ```
//! then `lnf`, logits `(N, V) = lnf(x_L) wte^T` (tied output) and the fused cross-entropy.
//! In an MoE block (every `moe_every`-th, see [`MoeSpec`]) `ffo = MoE(ln2)`
//! ([`crate::moe::layer::MoeLayer`], reading `ln2`, writing `ffo`; its backward reads `dres` and
//! writes `dln` like the dense FFN's).
//!
//! EvoMoE stages ([`Stage`]): in [`Stage::BaseExpert`] an MoE block computes its dense base
//! expert (`h{l}.ffn.*`) and only the shared and base parameters train; [`Model::spawn_experts`]
//! writes the experts from the base expert on the GPU and moves to [`Stage::Experts`], where
//! gates and experts train instead. Models of the other methods start in [`Stage::Experts`].
//!
//! Backward uses one residual-gradient buffer `dres (N, C)` for the whole stack: a residual add
//! passes its gradient through unchanged, so `dres` holds `d x_{l+1}`, is read by the FFN
//! backward, then receives `+= d ln2-input`, which makes it `d mid`, and so on down to the
//! embedding. Parameter gradients accumulate (zeroed at the start of each step); the other
//! activation gradients overwrite (llm.c rule). Bias gradients are column sums, computed as
//! `ones(1, N) dY` with the same matmul.

use std::cell::RefCell;

use crate::error::{Error, Result};
use crate::gpu::readback::Ticket;
use crate::gpu::{DType, Dispatch, Gpu, ReadbackRing, Tensor};
use crate::graph::Tape;
use crate::model::config::{ModelConfig, MoeSpec};
use crate::model::params::{init_values, model_specs, ParamGroup, ParamSpec};
use crate::moe::layer::{MoeConfig, MoeLayer};
use crate::ops::adamw::{adamw_set_step, grad_norm_len, AdamwConfig};
use crate::ops::attention::AttentionBuffers;

mod moe;
mod record;

/// One parameter tensor with its gradient and AdamW moments.
pub struct Param {
    pub spec: ParamSpec,
    pub value: Tensor,
    pub grad: Tensor,
    pub m: Tensor,
    pub v: Tensor,
}

/// Which parameters train and how an MoE block computes its FFN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// EvoMoE phase 1: MoE blocks run their dense base expert.
    BaseExpert,
    /// MoE blocks run gate + experts (every model without a phase 1 starts here).
    Experts,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::BaseExpert => "base",
            Stage::Experts => "experts",
        }
    }
}

/// Saved activations of one block.
struct Block {
    ln1: Tensor,
    ln1_mean: Tensor,
    ln1_rstd: Tensor,
    qkv: Tensor,
    att: Tensor,
    att_bufs: AttentionBuffers,
    proj: Tensor,
    mid: Tensor,
    ln2: Tensor,
    ln2_mean: Tensor,
    ln2_rstd: Tensor,
    /// `h (N, F)` and `hg (N, F)` of the dense FFN (a dense block or a base expert).
    dense: Option<(Tensor, Tensor)>,
    /// The MoE layer of an MoE block.
    moe: Option<MoeLayer>,
    ffo: Tensor,
}

/// Gradient scratch shared by every block (overwritten as the tape walks back).
struct Scratch {
    dres: Tensor,
    dln: Tensor,
    datt: Tensor,
    dqkv: Tensor,
    dh: Tensor,
    dhg: Tensor,
    dlogits: Tensor,
    /// `ones (N)`: bias gradients are `ones^T dY`.
    ones: Tensor,
}

/// The GPT with everything a training step touches.
pub struct Model {
    pub cfg: ModelConfig,
    /// Batch size B and sequence length T the buffers were planned for.
    pub batch: usize,
    pub seq: usize,
    pub params: Vec<Param>,
    pub adamw: AdamwConfig,
    /// Input token ids `(B, T)` and next-token targets `(B, T)` (u32).
    pub tokens: Tensor,
    pub targets: Tensor,
    /// Residual stream `x_0 .. x_L`, each `(N, C)`.
    resid: Vec<Tensor>,
    blocks: Vec<Block>,
    lnf: Tensor,
    lnf_mean: Tensor,
    lnf_rstd: Tensor,
    /// Logits `(N, V)`.
    pub logits: Tensor,
    losses: Tensor,
    /// `[mean loss, valid rows, loss sum, 0]`.
    pub loss_stats: Tensor,
    /// `[clip factor, grad norm, partial sums...]`.
    pub norm: Tensor,
    scratch: Scratch,
    tape: Tape,
    /// Tape node of each MoE layer, in block order.
    moe_nodes: Vec<usize>,
    zero_grads: Vec<Dispatch>,
    /// Gradient clipping of each stage (indexed by [`Model::stage_index`]).
    clips: Vec<Vec<Dispatch>>,
    updates: Vec<Dispatch>,
    /// Optimizer steps taken.
    pub step: u32,
    stage: Stage,
    /// The step at which the experts were spawned (EvoMoE after phase 1).
    spawned_at: Option<u32>,
    /// Staging slots for the loss of logging steps, read without stalling the queue.
    ring: RefCell<ReadbackRing>,
}

fn f32_tensor(gpu: &Gpu, shape: &[usize], label: &str) -> Result<Tensor> {
    Tensor::zeros(gpu, shape, DType::F32, label)
}

/// The tensors of an MoE layer's parameter `name` (`moe.w_g`, `moe.w1`, ...): value, gradient.
fn moe_tensor<'a>(layer: &'a MoeLayer, name: &str) -> Option<(&'a Tensor, &'a Tensor)> {
    let field = name.rsplit_once(".moe.")?.1;
    let value = layer
        .params
        .named()
        .into_iter()
        .find(|(n, _)| *n == field)?
        .1;
    let grad = layer
        .grads
        .named()
        .into_iter()
        .find(|(n, _)| *n == field)?
        .1;
    Some((value, grad))
}

/// The MoE layer of block `layer`: its own gate seed; a Hash gate keyed on the vocabulary.
pub fn moe_config(cfg: &ModelConfig, m: &MoeSpec, layer: usize) -> MoeConfig {
    let mut gate = m.gate_for(layer, cfg.seed);
    gate.hash_vocab = cfg.vocab;
    MoeConfig {
        gate,
        n_experts: m.n_experts,
        d_model: cfg.d_model,
        d_ff: cfg.d_ff,
    }
}

impl Model {
    /// Plans every buffer for batches of `batch x seq` tokens and records the step.
    pub fn new(gpu: &Gpu, cfg: &ModelConfig, batch: usize, seq: usize) -> Result<Model> {
        cfg.validate()?;
        if seq == 0 || seq > cfg.context || batch == 0 {
            return Err(Error::Config(format!(
                "batch {batch} x seq {seq}: seq must be in 1..={} (the model's context) and batch positive",
                cfg.context
            )));
        }
        let (n, c, f, v) = (batch * seq, cfg.d_model, cfg.d_ff, cfg.vocab);
        let tokens = Tensor::zeros(gpu, &[batch, seq], DType::U32, "tokens")?;
        let scratch = Scratch {
            dres: f32_tensor(gpu, &[n, c], "dres")?,
            dln: f32_tensor(gpu, &[n, c], "dln")?,
            datt: f32_tensor(gpu, &[n, c], "datt")?,
            dqkv: f32_tensor(gpu, &[n, 3 * c], "dqkv")?,
            dh: f32_tensor(gpu, &[n, f], "dh")?,
            dhg: f32_tensor(gpu, &[n, f], "dhg")?,
            dlogits: f32_tensor(gpu, &[n, v], "dlogits")?,
            ones: Tensor::from_f32(gpu, &[n], &vec![1.0; n], "ones")?,
        };
        let mut resid = Vec::new();
        for l in 0..=cfg.n_layer {
            resid.push(f32_tensor(gpu, &[n, c], &format!("x{l}"))?);
        }
        let mut blocks = Vec::new();
        for l in 0..cfg.n_layer {
            let t = |name: &str, shape: &[usize]| f32_tensor(gpu, shape, &format!("h{l}.{name}"));
            let moe_spec = cfg.moe.as_ref().filter(|m| m.is_moe_block(l));
            let (ln2, ffo) = (t("ln2", &[n, c])?, t("ffo", &[n, c])?);
            let moe = match moe_spec {
                Some(m) => Some(MoeLayer::new(
                    gpu,
                    &moe_config(cfg, m, l),
                    n,
                    &ln2,
                    Some(&tokens),
                    &ffo,
                    &scratch.dres,
                    &scratch.dln,
                )?),
                None => None,
            };
            let dense = if moe_spec.is_none_or(|m| m.spawn.is_some()) {
                Some((t("h", &[n, f])?, t("hg", &[n, f])?))
            } else {
                None
            };
            blocks.push(Block {
                ln1: t("ln1", &[n, c])?,
                ln1_mean: t("ln1.mean", &[n])?,
                ln1_rstd: t("ln1.rstd", &[n])?,
                qkv: t("qkv", &[n, 3 * c])?,
                att: t("att", &[n, c])?,
                att_bufs: AttentionBuffers::new(gpu, batch, seq, c, cfg.n_head)?,
                proj: t("proj", &[n, c])?,
                mid: t("mid", &[n, c])?,
                ln2,
                ln2_mean: t("ln2.mean", &[n])?,
                ln2_rstd: t("ln2.rstd", &[n])?,
                dense,
                moe,
                ffo,
            });
        }
        let specs = model_specs(cfg);
        let values = init_values(&specs, cfg.seed);
        let mut params = Vec::with_capacity(specs.len());
        for (spec, value) in specs.into_iter().zip(values) {
            let shape = spec.shape.clone();
            // An MoE layer owns its parameter and gradient tensors; the model shares them.
            let layer = spec
                .name
                .strip_prefix('h')
                .and_then(|r| r.split_once('.'))
                .and_then(|(l, _)| l.parse::<usize>().ok())
                .and_then(|l| blocks.get(l))
                .and_then(|b| b.moe.as_ref());
            let (value_t, grad_t) = match layer.and_then(|m| moe_tensor(m, &spec.name)) {
                Some((val, grad)) => {
                    val.write_f32(gpu, &value)?;
                    (val.clone(), grad.clone())
                }
                None => (
                    Tensor::from_f32(gpu, &shape, &value, &spec.name)?,
                    f32_tensor(gpu, &shape, &format!("d{}", spec.name))?,
                ),
            };
            params.push(Param {
                value: value_t,
                grad: grad_t,
                m: f32_tensor(gpu, &shape, &format!("m.{}", spec.name))?,
                v: f32_tensor(gpu, &shape, &format!("v.{}", spec.name))?,
                spec,
            });
        }
        let stage = match &cfg.moe {
            Some(m) if m.spawn.is_some() => Stage::BaseExpert,
            _ => Stage::Experts,
        };
        let mut gpt = Model {
            cfg: cfg.clone(),
            batch,
            seq,
            norm: f32_tensor(gpu, &[grad_norm_len(params.len())], "grad_norm")?,
            params,
            adamw: AdamwConfig::default(),
            tokens,
            targets: Tensor::zeros(gpu, &[batch, seq], DType::U32, "targets")?,
            resid,
            blocks,
            lnf: f32_tensor(gpu, &[n, c], "lnf")?,
            lnf_mean: f32_tensor(gpu, &[n], "lnf.mean")?,
            lnf_rstd: f32_tensor(gpu, &[n], "lnf.rstd")?,
            logits: f32_tensor(gpu, &[n, v], "logits")?,
            losses: f32_tensor(gpu, &[n], "losses")?,
            loss_stats: f32_tensor(gpu, &[4], "loss_stats")?,
            scratch,
            tape: Tape::new(),
            moe_nodes: Vec::new(),
            zero_grads: Vec::new(),
            clips: Vec::new(),
            updates: Vec::new(),
            step: 0,
            stage,
            spawned_at: None,
            ring: RefCell::new(ReadbackRing::new(gpu, 4, 16)),
        };
        gpt.record(gpu)?;
        gpt.select_variants()?;
        Ok(gpt)
    }

    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Result<&Param> {
        self.params
            .iter()
            .find(|p| p.spec.name == name)
            .ok_or_else(|| Error::Config(format!("no parameter named `{name}`")))
    }

    fn p(&self, name: &str) -> &Param {
        // Names come from `model_specs` of the same config: a miss is a bug in this file.
        self.param(name)
            .expect("parameter list and model code disagree")
    }

    /// Number of scalar parameters.
    pub fn num_params(&self) -> usize {
        self.params.iter().map(|p| p.spec.numel()).sum()
    }

    /// The recorded tape (for profiling and dispatch counts).
    pub fn tape(&self) -> &Tape {
        &self.tape
    }

    /// The MoE layers, in block order.
    pub fn moe_layers(&self) -> impl Iterator<Item = &MoeLayer> {
        self.blocks.iter().filter_map(|b| b.moe.as_ref())
    }

    /// The current stage.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The step at which the experts were spawned, if they were.
    pub fn spawned_at(&self) -> Option<u32> {
        self.spawned_at
    }

    fn upload(&self, gpu: &Gpu, tokens: &[u32], targets: &[u32]) -> Result<()> {
        let n = self.batch * self.seq;
        if tokens.len() != n || targets.len() != n {
            return Err(Error::shape(
                "gpt",
                format!(
                    "a batch needs {n} tokens and targets, got {} and {}",
                    tokens.len(),
                    targets.len()
                ),
            ));
        }
        if let Some(&bad) = tokens.iter().find(|&&x| x as usize >= self.cfg.vocab) {
            return Err(Error::shape(
                "gpt",
                format!(
                    "token id {bad} is outside the vocabulary of {}",
                    self.cfg.vocab
                ),
            ));
        }
        self.tokens.write_u32(gpu, tokens)?;
        self.targets.write_u32(gpu, targets)
    }

    fn active(&self) -> impl Iterator<Item = usize> + '_ {
        let stage = self.stage;
        (0..self.params.len()).filter(move |&i| stage.trains(self.params[i].spec.group))
    }

    /// Gradient zeroing of the parameters the stage trains, one dispatch per parameter.
    pub fn zero_dispatches(&self) -> Vec<&Dispatch> {
        self.active().map(|i| &self.zero_grads[i]).collect()
    }

    /// Global gradient-norm clipping over the parameters the stage trains.
    pub fn clip_dispatches(&self) -> &[Dispatch] {
        &self.clips[self.stage_index()]
    }

    /// AdamW updates of the parameters the stage trains, one dispatch per parameter.
    pub fn update_dispatches(&self) -> Vec<&Dispatch> {
        self.active().map(|i| &self.updates[i]).collect()
    }

    /// Every dispatch of one training step in order: zero grads, forward, backward, clip, AdamW.
    pub fn step_dispatches(&self) -> Vec<&Dispatch> {
        self.zero_dispatches()
            .into_iter()
            .chain(self.tape.forward())
            .chain(self.tape.backward())
            .chain(self.clip_dispatches().iter())
            .chain(self.update_dispatches())
            .collect()
    }

    /// Forward and backward only (gradients zeroed first): for gradient checks.
    pub fn forward_backward(&self, gpu: &Gpu, tokens: &[u32], targets: &[u32]) -> Result<()> {
        self.upload(gpu, tokens, targets)?;
        let list: Vec<&Dispatch> = self
            .zero_dispatches()
            .into_iter()
            .chain(self.tape.forward())
            .chain(self.tape.backward())
            .collect();
        gpu.run(&list)
    }

    /// Forward only; returns the mean loss (blocking readback: evaluation and tests).
    pub async fn loss(&self, gpu: &Gpu, tokens: &[u32], targets: &[u32]) -> Result<f32> {
        self.forward(gpu, tokens, targets)?;
        Ok(self.loss_stats.read_f32(gpu).await?[0])
    }

    /// Forward only, no readback (logits, routing and loss stay on the GPU).
    pub fn forward(&self, gpu: &Gpu, tokens: &[u32], targets: &[u32]) -> Result<()> {
        self.upload(gpu, tokens, targets)?;
        let list: Vec<&Dispatch> = self.tape.forward().collect();
        gpu.run(&list)
    }

    /// The AdamW step count of parameter `p` at model step `step`: spawned experts whose
    /// moments were reset, and the gate, count from the spawn.
    fn adam_step(&self, p: &Param) -> u32 {
        let restart = match (p.spec.group, self.spawned_at, &self.cfg.moe) {
            (ParamGroup::Experts, Some(at), Some(m)) => {
                let reset = m.spawn.is_some_and(|s| s.reset_moments);
                if reset || p.spec.name.ends_with(".moe.w_g") {
                    at
                } else {
                    0
                }
            }
            _ => 0,
        };
        self.step - restart
    }

    /// Sets step counters and the learning rate of every AdamW dispatch for the next step.
    fn prepare_step(&mut self, gpu: &Gpu, lr: f32) {
        self.step += 1;
        for i in self.active().collect::<Vec<_>>() {
            let p = &self.params[i];
            let t = self.adam_step(p);
            adamw_set_step(
                gpu,
                &self.updates[i],
                &self.adamw,
                p.spec.numel(),
                p.spec.decay,
                t,
                lr,
            );
        }
    }

    /// One training step as a single submit. On a logging step (`log`) the same command buffer
    /// also copies the loss into a staging slot; the returned ticket gives the loss later
    /// ([`Model::try_loss`], [`Model::take_loss`]) without stalling the queue now. `None` when not
    /// logging, or when every slot still waits to be read (that log is skipped).
    pub fn train_step(
        &mut self,
        gpu: &Gpu,
        tokens: &[u32],
        targets: &[u32],
        lr: f32,
        log: bool,
    ) -> Result<Option<Ticket>> {
        self.upload(gpu, tokens, targets)?;
        self.prepare_step(gpu, lr);
        let mut ring = self.ring.borrow_mut();
        let ticket = gpu.run_with(&self.step_dispatches(), |enc| {
            if log {
                ring.copy(enc, &self.loss_stats.buffer, 0, 16)
            } else {
                Ok(None)
            }
        })??;
        if let Some(t) = ticket {
            ring.submitted(t);
        }
        Ok(ticket)
    }

    fn loss_of(bytes: &[u8]) -> f32 {
        f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
    }

    /// The loss of a logging step if the GPU has finished it; never blocks.
    pub fn try_loss(&self, gpu: &Gpu, ticket: Ticket) -> Result<Option<f32>> {
        let bytes = self.ring.borrow_mut().try_take(gpu, ticket)?;
        Ok(bytes.map(|b| Model::loss_of(&b)))
    }

    /// The loss of a logging step, waiting for the GPU if needed.
    pub async fn take_loss(&self, gpu: &Gpu, ticket: Ticket) -> Result<f32> {
        // Natively the mapping is done once the wait returns; in a browser its callback can run
        // a little after the queue's, so wait again until it has.
        for _ in 0..100 {
            gpu.wait().await?;
            if let Some(loss) = self.try_loss(gpu, ticket)? {
                return Ok(loss);
            }
        }
        Err(Error::Readback(
            "the loss readback did not complete after 100 waits".into(),
        ))
    }

    /// Reads every parameter value back, in `model_specs` order.
    pub async fn read_values(&self, gpu: &Gpu) -> Result<Vec<Vec<f32>>> {
        let mut out = Vec::with_capacity(self.params.len());
        for p in &self.params {
            out.push(p.value.read_f32(gpu).await?);
        }
        Ok(out)
    }

    /// Reads every parameter gradient back, in `model_specs` order.
    pub async fn read_grads(&self, gpu: &Gpu) -> Result<Vec<Vec<f32>>> {
        let mut out = Vec::with_capacity(self.params.len());
        for p in &self.params {
            out.push(p.grad.read_f32(gpu).await?);
        }
        Ok(out)
    }

    /// Overwrites every parameter value (checkpoints, tests).
    pub fn write_values(&self, gpu: &Gpu, values: &[Vec<f32>]) -> Result<()> {
        if values.len() != self.params.len() {
            return Err(Error::shape(
                "gpt",
                format!(
                    "{} parameter tensors given, the model has {}",
                    values.len(),
                    self.params.len()
                ),
            ));
        }
        for (p, v) in self.params.iter().zip(values) {
            p.value.write_f32(gpu, v)?;
        }
        Ok(())
    }
}
