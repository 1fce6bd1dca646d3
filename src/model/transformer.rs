//! The Transformer on the GPU (dense or MoE, decoder or encoder): parameters, activations and
//! gradients planned once from the config, and the forward pass recorded on a [`Tape`] with each
//! op's backward bound next to it. The model owns forward and backward; the optimizer
//! ([`crate::optim`]) owns the moments and the update, and appends its dispatches to the
//! model's in the one submit of a training step.
//!
//! Layout per block (pre-norm, GPT-2), with `N = B * T` rows and width `C`:
//! ```text
//! x_l   (N, C) ── ln1 ─ (N, C) ── x W_qkv + b ─ qkv (N, 3C) ── attention ─ att (N, C)
//!                                                  ── att W_o + b_o ─ proj (N, C)
//! mid   (N, C) = x_l + proj
//! mid ── ln2 ─ (N, C) ── W1 + b1 ─ h (N, F) ── gelu ─ hg (N, F) ── W2 + b2 ─ ffo (N, C)
//! x_l+1 (N, C) = mid + ffo
//! ```
//! then `lnf`, logits `(N, V) = lnf(x_L) wte[0..V]^T` (tied output) and the cross-entropy, whose
//! backward writes `dL/dlogits` in place over the logits (the head holds one `N x V` tensor).
//! The task ([`Task`]) decides two things only: attention is causal (the GPT of [`Task::Lm`]) or
//! bidirectional (the RoBERTa-style encoder of [`Task::Mlm`]), and the masked-LM token table has
//! one more row, the mask token's, which the output layer does not predict. Everything else is
//! the same composition of the typed blocks of [`crate::model::params`].
//!
//! In an MoE block (every `moe_every`-th, see [`MoeSpec`]) `ffo = MoE(ln2)`
//! ([`crate::moe::layer::MoeLayer`], reading `ln2`, writing `ffo`; its backward reads `dres` and
//! writes `dln` like the dense FFN's).
//!
//! EvoMoE stages ([`Stage`]): in [`Stage::BaseExpert`] an MoE block computes its dense base
//! expert (`h{l}.ffn.*`) and only the shared and base parameters train; the spawn
//! ([`crate::optim::Optimizer::spawn_experts`]) writes the experts from the base expert on the
//! GPU and moves to [`Stage::Experts`], where gates and experts train instead. Models of the
//! other methods start in [`Stage::Experts`].
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
use crate::model::config::{ModelConfig, MoeSpec, Task};
use crate::model::params::{init_values, MoeFfn, ParamGroup, ParamSpec, Params};
use crate::moe::expert_ffn::FfnPath;
use crate::moe::layer::{MoeConfig, MoeLayer, MoeTensors};
use crate::ops::attention::AttentionBuffers;
use crate::ops::elementwise;

mod moe;
mod record;

/// One parameter tensor and its gradient, at position `index` of [`Params::list`].
pub struct Param {
    pub spec: ParamSpec,
    pub index: usize,
    pub value: Tensor,
    pub grad: Tensor,
}

/// The loss statistics of a forward: mean cross-entropy over the rows with a target, how many
/// rows had one, and how many of those the model predicted right (its most likely token).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossStats {
    pub loss: f32,
    pub valid: f32,
    pub hits: f32,
}

impl LossStats {
    fn from_bytes(bytes: &[u8]) -> LossStats {
        let f = |i: usize| f32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        LossStats {
            loss: f(0),
            valid: f(4),
            hits: f(12),
        }
    }

    /// Right predictions over rows with a target (NaN with none).
    pub fn accuracy(&self) -> f32 {
        if self.valid > 0.0 {
            self.hits / self.valid
        } else {
            f32::NAN
        }
    }

    /// The statistics of several batches together: the loss averaged over all their rows.
    pub fn pooled(parts: &[LossStats]) -> LossStats {
        let valid: f64 = parts.iter().map(|p| p.valid as f64).sum();
        let sum: f64 = parts.iter().map(|p| p.loss as f64 * p.valid as f64).sum();
        LossStats {
            loss: if valid > 0.0 {
                (sum / valid) as f32
            } else {
                0.0
            },
            valid: valid as f32,
            hits: parts.iter().map(|p| p.hits as f64).sum::<f64>() as f32,
        }
    }
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
    pub const ALL: [Stage; 2] = [Stage::BaseExpert, Stage::Experts];

    pub fn name(self) -> &'static str {
        match self {
            Stage::BaseExpert => "base",
            Stage::Experts => "experts",
        }
    }

    /// Whether parameters of `group` train in this stage.
    pub fn trains(self, group: ParamGroup) -> bool {
        match (self, group) {
            (_, ParamGroup::Shared) => true,
            (Stage::BaseExpert, g) => g == ParamGroup::Base,
            (Stage::Experts, g) => g == ParamGroup::Experts || g == ParamGroup::Gate,
        }
    }
}

/// Saved activations of one layer norm: output `(N, C)`, row mean and reciprocal std `(N)`.
struct NormActs {
    out: Tensor,
    mean: Tensor,
    rstd: Tensor,
}

impl NormActs {
    fn new(gpu: &Gpu, n: usize, c: usize, name: &str) -> Result<NormActs> {
        Ok(NormActs {
            out: f32_tensor(gpu, &[n, c], name)?,
            mean: f32_tensor(gpu, &[n], &format!("{name}.mean"))?,
            rstd: f32_tensor(gpu, &[n], &format!("{name}.rstd"))?,
        })
    }
}

/// Saved activations of one block.
struct BlockActs {
    ln1: NormActs,
    qkv: Tensor,
    att: Tensor,
    att_bufs: AttentionBuffers,
    proj: Tensor,
    mid: Tensor,
    ln2: NormActs,
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
    /// `ones (N)`: bias gradients are `ones^T dY`.
    ones: Tensor,
}

/// The model with everything its forward and backward touch.
pub struct Model {
    pub cfg: ModelConfig,
    /// Batch size B and sequence length T the buffers were planned for.
    pub batch: usize,
    pub seq: usize,
    /// Every parameter, typed by block.
    pub params: Params<Param>,
    /// Input token ids `(B, T)` and targets `(B, T)` (u32; next tokens for the LM, the
    /// original bytes at masked positions and [`crate::ops::cross_entropy::IGNORE_INDEX`]
    /// elsewhere for the masked LM).
    pub tokens: Tensor,
    pub targets: Tensor,
    /// Bidirectional attention only: `(B)` u32, the valid length of each sequence (keys past it
    /// are padding); every sequence is whole (`T`) unless [`Model::set_lengths`] says otherwise.
    key_lengths: Option<Tensor>,
    /// Residual stream `x_0 .. x_L`, each `(N, C)`.
    resid: Vec<Tensor>,
    blocks: Vec<BlockActs>,
    lnf: NormActs,
    /// Logits `(N, V)` after a forward-only run ([`Model::forward`] and the readbacks built on
    /// it); after a training step's backward they hold their gradient `dL/dlogits` (the
    /// cross-entropy writes it in place: no second `N x V` tensor).
    pub logits: Tensor,
    losses: Tensor,
    /// `(N, 2)`: each row's max and log-sum, from the cross-entropy's forward to its backward.
    ce_rows: Tensor,
    /// `(N)`: 1 where a valid row's prediction is its target.
    hits: Tensor,
    /// `[mean loss, valid rows, loss sum, right predictions]`: the accuracy over the rows
    /// with a target is `[3] / [1]`.
    pub loss_stats: Tensor,
    scratch: Scratch,
    tape: Tape,
    /// Tape node of each MoE layer, in block order.
    moe_nodes: Vec<usize>,
    /// The FFN path each MoE layer runs, in block order (the one owner of that choice; the
    /// tape node selects the matching variant).
    paths: Vec<FfnPath>,
    /// One gradient-zeroing dispatch per parameter, in [`Params::list`] order.
    zero_grads: Vec<Dispatch>,
    stage: Stage,
    /// The optimizer step at which the experts were spawned (EvoMoE after phase 1).
    spawned_at: Option<u32>,
    /// Staging slots for the loss of logging steps, read without stalling the queue.
    ring: RefCell<ReadbackRing>,
}

fn f32_tensor(gpu: &Gpu, shape: &[usize], label: &str) -> Result<Tensor> {
    Tensor::zeros(gpu, shape, DType::F32, label)
}

/// The MoE layer of block `layer`: its own gate seed; a Hash gate keyed on the vocabulary.
pub fn moe_config(cfg: &ModelConfig, m: &MoeSpec, layer: usize) -> MoeConfig {
    let mut gate = m.gate_for(layer, cfg.seed);
    gate.hash_vocab = cfg.embed_rows();
    MoeConfig {
        gate,
        n_experts: m.n_experts,
        d_model: cfg.d_model,
        d_ff: cfg.d_ff,
    }
}

/// The attention scratch of one block, with the task's mask: causal for the LM, bidirectional
/// for the masked LM, whose keys past each sequence's length in `key_lengths (B)` are padding.
fn attention_buffers(
    gpu: &Gpu,
    cfg: &ModelConfig,
    b: usize,
    t: usize,
    key_lengths: Option<&Tensor>,
) -> Result<AttentionBuffers> {
    let (c, h) = (cfg.d_model, cfg.n_head);
    AttentionBuffers::with_mask(gpu, b, t, c, h, cfg.attention_mask(), key_lengths)
}

/// Allocates the parameters of `cfg` with their initial values (value and gradient tensors).
fn alloc_params(gpu: &Gpu, cfg: &ModelConfig) -> Result<Params<Param>> {
    let specs = Params::specs(cfg);
    let values = init_values(
        &specs.list().into_iter().cloned().collect::<Vec<_>>(),
        cfg.seed,
    );
    let mut index = 0;
    specs.try_map(|spec| {
        let value = Tensor::from_f32(gpu, &spec.shape, &values[index], &spec.name)?;
        let grad = f32_tensor(gpu, &spec.shape, &format!("d{}", spec.name))?;
        index += 1;
        Ok(Param {
            spec: spec.clone(),
            index: index - 1,
            value,
            grad,
        })
    })
}

/// The tensors an MoE layer computes with: the model's parameter and gradient tensors.
fn moe_tensors(p: &MoeFfn<Param>) -> (MoeTensors, MoeTensors) {
    let values = MoeTensors {
        w_g: p.w_g.value.clone(),
        w1: p.w1.value.clone(),
        b1: p.b1.value.clone(),
        w2: p.w2.value.clone(),
        b2: p.b2.value.clone(),
    };
    let grads = MoeTensors {
        w_g: p.w_g.grad.clone(),
        w1: p.w1.grad.clone(),
        b1: p.b1.grad.clone(),
        w2: p.w2.grad.clone(),
        b2: p.b2.grad.clone(),
    };
    (values, grads)
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
        let params = alloc_params(gpu, cfg)?;
        let tokens = Tensor::zeros(gpu, &[batch, seq], DType::U32, "tokens")?;
        let key_lengths = match cfg.task {
            Task::Lm => None,
            Task::Mlm => Some(Tensor::from_u32(
                gpu,
                &[batch],
                &vec![seq as u32; batch],
                "key_lengths",
            )?),
        };
        let scratch = Scratch {
            dres: f32_tensor(gpu, &[n, c], "dres")?,
            dln: f32_tensor(gpu, &[n, c], "dln")?,
            datt: f32_tensor(gpu, &[n, c], "datt")?,
            dqkv: f32_tensor(gpu, &[n, 3 * c], "dqkv")?,
            dh: f32_tensor(gpu, &[n, f], "dh")?,
            dhg: f32_tensor(gpu, &[n, f], "dhg")?,
            ones: Tensor::from_f32(gpu, &[n], &vec![1.0; n], "ones")?,
        };
        let mut resid = Vec::new();
        for l in 0..=cfg.n_layer {
            resid.push(f32_tensor(gpu, &[n, c], &format!("x{l}"))?);
        }
        let mut blocks = Vec::new();
        for (l, p) in params.blocks.iter().enumerate() {
            let t = |name: &str, shape: &[usize]| f32_tensor(gpu, shape, &format!("h{l}.{name}"));
            let ln2 = NormActs::new(gpu, n, c, &format!("h{l}.ln2"))?;
            let ffo = t("ffo", &[n, c])?;
            let moe = match (&p.moe, &cfg.moe) {
                (Some(mp), Some(m)) => {
                    let (values, grads) = moe_tensors(mp);
                    Some(MoeLayer::with_tensors(
                        gpu,
                        &moe_config(cfg, m, l),
                        n,
                        &ln2.out,
                        Some(&tokens),
                        &ffo,
                        &scratch.dres,
                        &scratch.dln,
                        values,
                        grads,
                    )?)
                }
                _ => None,
            };
            let dense = match p.ffn {
                Some(_) => Some((t("h", &[n, f])?, t("hg", &[n, f])?)),
                None => None,
            };
            blocks.push(BlockActs {
                ln1: NormActs::new(gpu, n, c, &format!("h{l}.ln1"))?,
                qkv: t("qkv", &[n, 3 * c])?,
                att: t("att", &[n, c])?,
                att_bufs: attention_buffers(gpu, cfg, batch, seq, key_lengths.as_ref())?,
                proj: t("proj", &[n, c])?,
                mid: t("mid", &[n, c])?,
                ln2,
                dense,
                moe,
                ffo,
            });
        }
        let zero_grads = params
            .list()
            .into_iter()
            .map(|p| elementwise::fill(gpu, &p.grad, 0.0))
            .collect::<Result<Vec<_>>>()?;
        let stage = match &cfg.moe {
            Some(m) if m.spawn.is_some() => Stage::BaseExpert,
            _ => Stage::Experts,
        };
        let paths = blocks
            .iter()
            .filter_map(|b| b.moe.as_ref())
            .map(|l| l.default_path())
            .collect();
        let mut model = Model {
            cfg: cfg.clone(),
            batch,
            seq,
            params,
            tokens,
            key_lengths,
            targets: Tensor::zeros(gpu, &[batch, seq], DType::U32, "targets")?,
            resid,
            blocks,
            lnf: NormActs::new(gpu, n, c, "lnf")?,
            logits: f32_tensor(gpu, &[n, v], "logits")?,
            losses: f32_tensor(gpu, &[n], "losses")?,
            ce_rows: f32_tensor(gpu, &[n, 2], "cross-entropy row stats")?,
            hits: f32_tensor(gpu, &[n], "hits")?,
            loss_stats: f32_tensor(gpu, &[4], "loss_stats")?,
            scratch,
            tape: Tape::new(),
            moe_nodes: Vec::new(),
            paths,
            zero_grads,
            stage,
            spawned_at: None,
            ring: RefCell::new(ReadbackRing::new(gpu, 4, 16)),
        };
        model.record(gpu)?;
        model.select_variants()?;
        Ok(model)
    }

    /// Every parameter in [`Params::list`] order (checkpoints, the optimizer).
    pub fn param_list(&self) -> Vec<&Param> {
        self.params.list()
    }

    /// The parameter whose checkpoint name is `name` (tests, tools).
    pub fn param(&self, name: &str) -> Result<&Param> {
        self.param_list()
            .into_iter()
            .find(|p| p.spec.name == name)
            .ok_or_else(|| Error::Config(format!("no parameter named `{name}`")))
    }

    /// Number of scalar parameters.
    pub fn num_params(&self) -> usize {
        self.param_list().iter().map(|p| p.spec.numel()).sum()
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

    /// The optimizer step at which the experts were spawned, if they were.
    pub fn spawned_at(&self) -> Option<u32> {
        self.spawned_at
    }

    /// Uploads a batch: `tokens` and `targets`, `B * T` each.
    pub fn upload(&self, gpu: &Gpu, tokens: &[u32], targets: &[u32]) -> Result<()> {
        let n = self.batch * self.seq;
        if tokens.len() != n || targets.len() != n {
            return Err(Error::shape(
                "model",
                format!(
                    "a batch needs {n} tokens and targets, got {} and {}",
                    tokens.len(),
                    targets.len()
                ),
            ));
        }
        let rows = self.cfg.embed_rows();
        if let Some(&bad) = tokens.iter().find(|&&x| x as usize >= rows) {
            return Err(Error::shape(
                "model",
                format!("token id {bad} is outside the vocabulary of {rows}"),
            ));
        }
        self.tokens.write_u32(gpu, tokens)?;
        self.targets.write_u32(gpu, targets)
    }

    /// Sets the valid length of each sequence of the next batches (`B` values in `1..=T`):
    /// positions past it are padding no other position attends. Only a bidirectional model
    /// (the masked LM) has lengths; a causal one never attends later positions anyway.
    pub fn set_lengths(&self, gpu: &Gpu, lengths: &[u32]) -> Result<()> {
        let Some(t) = &self.key_lengths else {
            return Err(Error::Config(
                "sequence lengths apply to the masked-LM encoder only".into(),
            ));
        };
        if lengths.len() != self.batch || lengths.iter().any(|&l| l == 0 || l as usize > self.seq) {
            return Err(Error::shape(
                "model",
                format!(
                    "{} lengths given, need {} in 1..={}",
                    lengths.len(),
                    self.batch,
                    self.seq
                ),
            ));
        }
        t.write_u32(gpu, lengths)
    }

    /// Gradient zeroing of the parameters the stage trains, one dispatch per parameter.
    pub fn zero_dispatches(&self) -> Vec<&Dispatch> {
        let stage = self.stage;
        self.param_list()
            .into_iter()
            .filter(|p| stage.trains(p.spec.group))
            .map(|p| &self.zero_grads[p.index])
            .collect()
    }

    /// Zero grads, forward and backward, in order (the model's part of a training step).
    pub fn step_dispatches(&self) -> Vec<&Dispatch> {
        self.zero_dispatches()
            .into_iter()
            .chain(self.tape.forward())
            .chain(self.tape.backward())
            .collect()
    }

    /// Forward and backward only (gradients zeroed first): for gradient checks.
    pub fn forward_backward(&self, gpu: &Gpu, tokens: &[u32], targets: &[u32]) -> Result<()> {
        self.upload(gpu, tokens, targets)?;
        gpu.run(&self.step_dispatches())
    }

    /// Forward only; returns the mean loss (blocking readback: evaluation and tests).
    pub async fn loss(&self, gpu: &Gpu, tokens: &[u32], targets: &[u32]) -> Result<f32> {
        self.forward(gpu, tokens, targets)?;
        Ok(self.loss_stats.read_f32(gpu).await?[0])
    }

    /// Forward only; returns the loss statistics (blocking readback: evaluation).
    pub async fn stats(&self, gpu: &Gpu, tokens: &[u32], targets: &[u32]) -> Result<LossStats> {
        self.forward(gpu, tokens, targets)?;
        let s = self.loss_stats.read_f32(gpu).await?;
        Ok(LossStats::from_bytes(bytemuck::cast_slice(&s)))
    }

    /// Forward only, no readback (logits, routing and loss stay on the GPU).
    pub fn forward(&self, gpu: &Gpu, tokens: &[u32], targets: &[u32]) -> Result<()> {
        self.upload(gpu, tokens, targets)?;
        let list: Vec<&Dispatch> = self.tape.forward().collect();
        gpu.run(&list)
    }

    /// Uploads a batch and runs the model's part of a training step followed by `after` (the
    /// optimizer's clipping and updates) as one submit. On a logging step (`log`) the same
    /// command buffer also copies the loss into a staging slot; the returned ticket gives the
    /// loss statistics later ([`Model::try_stats`], [`Model::take_stats`]) without stalling the queue now.
    /// `None` when not logging, or when every slot still waits to be read (that log is skipped).
    pub fn submit_step(
        &self,
        gpu: &Gpu,
        tokens: &[u32],
        targets: &[u32],
        after: &[&Dispatch],
        log: bool,
    ) -> Result<Option<Ticket>> {
        self.upload(gpu, tokens, targets)?;
        let mut list = self.step_dispatches();
        list.extend_from_slice(after);
        let mut ring = self.ring.borrow_mut();
        let ticket = gpu.run_with(&list, |enc| {
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

    /// The loss statistics of a logging step if the GPU has finished it; never blocks.
    pub fn try_stats(&self, gpu: &Gpu, ticket: Ticket) -> Result<Option<LossStats>> {
        let bytes = self.ring.borrow_mut().try_take(gpu, ticket)?;
        Ok(bytes.map(|b| LossStats::from_bytes(&b)))
    }

    /// The loss statistics of a logging step, waiting for the GPU if needed.
    pub async fn take_stats(&self, gpu: &Gpu, ticket: Ticket) -> Result<LossStats> {
        // Natively the mapping is done once the wait returns; in a browser its callback can run
        // a little after the queue's, so wait again until it has.
        for _ in 0..100 {
            gpu.wait().await?;
            if let Some(stats) = self.try_stats(gpu, ticket)? {
                return Ok(stats);
            }
        }
        Err(Error::Readback(
            "the loss readback did not complete after 100 waits".into(),
        ))
    }

    /// Reads every parameter value back, in [`Params::list`] order.
    pub async fn read_values(&self, gpu: &Gpu) -> Result<Vec<Vec<f32>>> {
        let mut out = Vec::new();
        for p in self.param_list() {
            out.push(p.value.read_f32(gpu).await?);
        }
        Ok(out)
    }

    /// Reads every parameter gradient back, in [`Params::list`] order.
    pub async fn read_grads(&self, gpu: &Gpu) -> Result<Vec<Vec<f32>>> {
        let mut out = Vec::new();
        for p in self.param_list() {
            out.push(p.grad.read_f32(gpu).await?);
        }
        Ok(out)
    }

    /// Overwrites every parameter value (checkpoints, tests), in [`Params::list`] order.
    pub fn write_values(&self, gpu: &Gpu, values: &[Vec<f32>]) -> Result<()> {
        let params = self.param_list();
        if values.len() != params.len() {
            return Err(Error::shape(
                "model",
                format!(
                    "{} parameter tensors given, the model has {}",
                    values.len(),
                    params.len()
                ),
            ));
        }
        for (p, v) in params.into_iter().zip(values) {
            p.value.write_f32(gpu, v)?;
        }
        Ok(())
    }
}
