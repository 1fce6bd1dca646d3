//! The dense GPT on the GPU: parameters, activations and gradients planned once from the config,
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
//!
//! Backward uses one residual-gradient buffer `dres (N, C)` for the whole stack: a residual add
//! passes its gradient through unchanged, so `dres` holds `d x_{l+1}`, is read by the FFN
//! backward, then receives `+= d ln2-input`, which makes it `d mid`, and so on down to the
//! embedding. Parameter gradients accumulate (zeroed at the start of each step); the other
//! activation gradients overwrite (llm.c rule). Bias gradients are column sums, computed as
//! `ones(1, N) dY` with the same matmul.

use crate::error::{Error, Result};
use std::cell::RefCell;

use crate::gpu::readback::Ticket;
use crate::gpu::{DType, Dispatch, Gpu, ReadbackRing, Tensor};
use crate::graph::Tape;
use crate::model::config::GptConfig;
use crate::model::params::{gpt_specs, init_values, ParamSpec};
use crate::ops::adamw::{adamw, adamw_set_step, grad_norm, grad_norm_len, AdamwConfig};
use crate::ops::attention::{attention_backward, attention_forward, AttentionBuffers};
use crate::ops::cross_entropy::cross_entropy;
use crate::ops::elementwise;
use crate::ops::embedding::{embedding_backward, embedding_forward};
use crate::ops::gelu::{gelu_backward, gelu_forward};
use crate::ops::layernorm::{layernorm_backward, layernorm_forward};
use crate::ops::matmul::{matmul, MatmulSpec};

/// One parameter tensor with its gradient and AdamW moments.
pub struct Param {
    pub spec: ParamSpec,
    pub value: Tensor,
    pub grad: Tensor,
    pub m: Tensor,
    pub v: Tensor,
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
    h: Tensor,
    hg: Tensor,
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

/// The dense GPT with everything a training step touches.
pub struct Gpt {
    pub cfg: GptConfig,
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
    zero_grads: Vec<Dispatch>,
    clip: Vec<Dispatch>,
    updates: Vec<Dispatch>,
    /// Optimizer steps taken.
    pub step: u32,
    /// Staging slots for the loss of logging steps, read without stalling the queue.
    ring: RefCell<ReadbackRing>,
}

fn f32_tensor(gpu: &Gpu, shape: &[usize], label: &str) -> Result<Tensor> {
    Tensor::zeros(gpu, shape, DType::F32, label)
}

/// `y (n, cout) = x (n, cin) W (cin, cout) + b`.
fn linear_forward(
    gpu: &Gpu,
    x: &Tensor,
    w: &Param,
    b: &Param,
    y: &Tensor,
    n: usize,
) -> Result<Dispatch> {
    let (cin, cout) = (w.spec.shape[0], w.spec.shape[1]);
    matmul(
        gpu,
        &MatmulSpec::new(n, cout, cin, false, false),
        x,
        &w.value,
        Some(&b.value),
        y,
    )
}

/// Backward of [`linear_forward`]: `dW += x^T dy`, `db += ones^T dy`, and `dx = dy W^T` when
/// `dx` is given (overwrite).
fn linear_backward(
    gpu: &Gpu,
    x: &Tensor,
    w: &Param,
    b: &Param,
    dy: &Tensor,
    dx: Option<&Tensor>,
    ones: &Tensor,
) -> Result<Vec<Dispatch>> {
    let (cin, cout) = (w.spec.shape[0], w.spec.shape[1]);
    let n = x.numel() / cin;
    let mut out = vec![
        matmul(
            gpu,
            &MatmulSpec::new(cin, cout, n, true, false).accumulate(),
            x,
            dy,
            None,
            &w.grad,
        )?,
        matmul(
            gpu,
            &MatmulSpec::new(1, cout, n, false, false).accumulate(),
            ones,
            dy,
            None,
            &b.grad,
        )?,
    ];
    if let Some(dx) = dx {
        out.push(matmul(
            gpu,
            &MatmulSpec::new(n, cin, cout, false, true),
            dy,
            &w.value,
            None,
            dx,
        )?);
    }
    Ok(out)
}

impl Gpt {
    /// Plans every buffer for batches of `batch x seq` tokens and records the step.
    pub fn new(gpu: &Gpu, cfg: &GptConfig, batch: usize, seq: usize) -> Result<Gpt> {
        cfg.validate()?;
        if seq == 0 || seq > cfg.context || batch == 0 {
            return Err(Error::Config(format!(
                "batch {batch} x seq {seq}: seq must be in 1..={} (the model's context) and batch positive",
                cfg.context
            )));
        }
        let specs = gpt_specs(cfg);
        let values = init_values(&specs, cfg.seed);
        let mut params = Vec::with_capacity(specs.len());
        for (spec, value) in specs.into_iter().zip(values) {
            let shape = spec.shape.clone();
            params.push(Param {
                value: Tensor::from_f32(gpu, &shape, &value, &spec.name)?,
                grad: f32_tensor(gpu, &shape, &format!("d{}", spec.name))?,
                m: f32_tensor(gpu, &shape, &format!("m.{}", spec.name))?,
                v: f32_tensor(gpu, &shape, &format!("v.{}", spec.name))?,
                spec,
            });
        }
        let (n, c, f, v) = (batch * seq, cfg.d_model, cfg.d_ff, cfg.vocab);
        let mut resid = Vec::new();
        for l in 0..=cfg.n_layer {
            resid.push(f32_tensor(gpu, &[n, c], &format!("x{l}"))?);
        }
        let mut blocks = Vec::new();
        for l in 0..cfg.n_layer {
            let t = |name: &str, shape: &[usize]| f32_tensor(gpu, shape, &format!("h{l}.{name}"));
            blocks.push(Block {
                ln1: t("ln1", &[n, c])?,
                ln1_mean: t("ln1.mean", &[n])?,
                ln1_rstd: t("ln1.rstd", &[n])?,
                qkv: t("qkv", &[n, 3 * c])?,
                att: t("att", &[n, c])?,
                att_bufs: AttentionBuffers::new(gpu, batch, seq, c, cfg.n_head)?,
                proj: t("proj", &[n, c])?,
                mid: t("mid", &[n, c])?,
                ln2: t("ln2", &[n, c])?,
                ln2_mean: t("ln2.mean", &[n])?,
                ln2_rstd: t("ln2.rstd", &[n])?,
                h: t("h", &[n, f])?,
                hg: t("hg", &[n, f])?,
                ffo: t("ffo", &[n, c])?,
            });
        }
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
        let adamw_cfg = AdamwConfig::default();
        let mut gpt = Gpt {
            cfg: cfg.clone(),
            batch,
            seq,
            norm: f32_tensor(gpu, &[grad_norm_len(params.len())], "grad_norm")?,
            params,
            adamw: adamw_cfg,
            tokens: Tensor::zeros(gpu, &[batch, seq], DType::U32, "tokens")?,
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
            zero_grads: Vec::new(),
            clip: Vec::new(),
            updates: Vec::new(),
            step: 0,
            ring: RefCell::new(ReadbackRing::new(gpu, 4, 16)),
        };
        gpt.record(gpu)?;
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
        // Names come from `gpt_specs` of the same config: a miss is a bug in this file.
        self.param(name)
            .expect("parameter list and model code disagree")
    }

    /// Number of scalar parameters.
    pub fn num_params(&self) -> usize {
        self.params.iter().map(|p| p.spec.numel()).sum()
    }

    /// Records the forward (and each op's backward) on the tape, the gradient zeroing, clipping
    /// and AdamW updates. Called once.
    fn record(&mut self, gpu: &Gpu) -> Result<()> {
        let (b, t) = (self.batch, self.seq);
        let (n, c, v) = (b * t, self.cfg.d_model, self.cfg.vocab);
        let mut tape = Tape::new();
        let s = &self.scratch;

        let (wte, wpe) = (self.p("wte"), self.p("wpe"));
        tape.record(
            "embedding",
            vec![embedding_forward(
                gpu,
                &self.tokens,
                &wte.value,
                &wpe.value,
                &self.resid[0],
                b,
                t,
                c,
                v,
            )?],
            embedding_backward(gpu, &self.tokens, &s.dres, &wte.grad, &wpe.grad, b, t, c, v)?,
        );

        for (l, blk) in self.blocks.iter().enumerate() {
            let p = |name: &str| self.p(&format!("h{l}.{name}"));
            let (x, x_next) = (&self.resid[l], &self.resid[l + 1]);
            // Attention half: dres = d mid on the way back.
            let (g1, b1) = (p("ln1.g"), p("ln1.b"));
            tape.record(
                format!("h{l}.ln1"),
                vec![layernorm_forward(
                    gpu,
                    x,
                    &g1.value,
                    &b1.value,
                    &blk.ln1,
                    &blk.ln1_mean,
                    &blk.ln1_rstd,
                    n,
                    c,
                )?],
                layernorm_backward(
                    gpu,
                    x,
                    &g1.value,
                    &blk.ln1_mean,
                    &blk.ln1_rstd,
                    &s.dln,
                    &s.dres,
                    &g1.grad,
                    &b1.grad,
                    n,
                    c,
                    true,
                )?,
            );
            let (wq, bq) = (p("attn.w_qkv"), p("attn.b_qkv"));
            tape.record(
                format!("h{l}.qkv"),
                vec![linear_forward(gpu, &blk.ln1, wq, bq, &blk.qkv, n)?],
                linear_backward(gpu, &blk.ln1, wq, bq, &s.dqkv, Some(&s.dln), &s.ones)?,
            );
            tape.record(
                format!("h{l}.attention"),
                attention_forward(gpu, &blk.qkv, &blk.att, &blk.att_bufs)?,
                attention_backward(gpu, &blk.qkv, &s.datt, &s.dqkv, &blk.att_bufs)?,
            );
            let (wo, bo) = (p("attn.w_o"), p("attn.b_o"));
            tape.record(
                format!("h{l}.attn_proj"),
                vec![linear_forward(gpu, &blk.att, wo, bo, &blk.proj, n)?],
                linear_backward(gpu, &blk.att, wo, bo, &s.dres, Some(&s.datt), &s.ones)?,
            );
            // Residual add: its gradient passes through `dres` unchanged.
            tape.record(
                format!("h{l}.resid1"),
                vec![elementwise::add(gpu, x, &blk.proj, &blk.mid)?],
                Vec::new(),
            );

            // FFN half: dres = d x_{l+1} on the way back, then += d(ln2 input) = d mid.
            let (g2, b2) = (p("ln2.g"), p("ln2.b"));
            tape.record(
                format!("h{l}.ln2"),
                vec![layernorm_forward(
                    gpu,
                    &blk.mid,
                    &g2.value,
                    &b2.value,
                    &blk.ln2,
                    &blk.ln2_mean,
                    &blk.ln2_rstd,
                    n,
                    c,
                )?],
                layernorm_backward(
                    gpu,
                    &blk.mid,
                    &g2.value,
                    &blk.ln2_mean,
                    &blk.ln2_rstd,
                    &s.dln,
                    &s.dres,
                    &g2.grad,
                    &b2.grad,
                    n,
                    c,
                    true,
                )?,
            );
            let (w1, bb1) = (p("ffn.w1"), p("ffn.b1"));
            tape.record(
                format!("h{l}.ffn1"),
                vec![linear_forward(gpu, &blk.ln2, w1, bb1, &blk.h, n)?],
                linear_backward(gpu, &blk.ln2, w1, bb1, &s.dh, Some(&s.dln), &s.ones)?,
            );
            tape.record(
                format!("h{l}.gelu"),
                vec![gelu_forward(gpu, &blk.h, &blk.hg)?],
                vec![gelu_backward(gpu, &blk.h, &s.dhg, &s.dh)?],
            );
            let (w2, bb2) = (p("ffn.w2"), p("ffn.b2"));
            tape.record(
                format!("h{l}.ffn2"),
                vec![linear_forward(gpu, &blk.hg, w2, bb2, &blk.ffo, n)?],
                linear_backward(gpu, &blk.hg, w2, bb2, &s.dres, Some(&s.dhg), &s.ones)?,
            );
            tape.record(
                format!("h{l}.resid2"),
                vec![elementwise::add(gpu, &blk.mid, &blk.ffo, x_next)?],
                Vec::new(),
            );
        }

        // Final norm: its backward starts the residual gradient (overwrite).
        let (gf, bf) = (self.p("lnf.g"), self.p("lnf.b"));
        let x_last = &self.resid[self.cfg.n_layer];
        tape.record(
            "lnf",
            vec![layernorm_forward(
                gpu,
                x_last,
                &gf.value,
                &bf.value,
                &self.lnf,
                &self.lnf_mean,
                &self.lnf_rstd,
                n,
                c,
            )?],
            layernorm_backward(
                gpu,
                x_last,
                &gf.value,
                &self.lnf_mean,
                &self.lnf_rstd,
                &s.dln,
                &s.dres,
                &gf.grad,
                &bf.grad,
                n,
                c,
                false,
            )?,
        );
        // Tied output layer: logits = lnf wte^T; dlnf = dlogits wte; dwte += dlogits^T lnf.
        tape.record(
            "lm_head",
            vec![matmul(
                gpu,
                &MatmulSpec::new(n, v, c, false, true),
                &self.lnf,
                &wte.value,
                None,
                &self.logits,
            )?],
            vec![
                matmul(
                    gpu,
                    &MatmulSpec::new(v, c, n, true, false).accumulate(),
                    &s.dlogits,
                    &self.lnf,
                    None,
                    &wte.grad,
                )?,
                matmul(
                    gpu,
                    &MatmulSpec::new(n, c, v, false, false),
                    &s.dlogits,
                    &wte.value,
                    None,
                    &s.dln,
                )?,
            ],
        );
        tape.record(
            "cross_entropy",
            cross_entropy(
                gpu,
                &self.logits,
                &self.targets,
                &self.losses,
                &s.dlogits,
                &self.loss_stats,
                1.0,
            )?,
            Vec::new(),
        );

        let mut zero_grads = Vec::new();
        let mut updates = Vec::new();
        for p in &self.params {
            zero_grads.push(elementwise::fill(gpu, &p.grad, 0.0)?);
            updates.push(adamw(
                gpu,
                &self.adamw,
                &p.value,
                &p.grad,
                &p.m,
                &p.v,
                p.spec.decay,
                &self.norm,
            )?);
        }
        let grads: Vec<&Tensor> = self.params.iter().map(|p| &p.grad).collect();
        let clip = grad_norm(gpu, &grads, &self.norm, self.adamw.max_grad_norm)?;
        self.tape = tape;
        self.zero_grads = zero_grads;
        self.clip = clip;
        self.updates = updates;
        Ok(())
    }

    /// The recorded tape (for profiling and dispatch counts).
    pub fn tape(&self) -> &Tape {
        &self.tape
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

    /// Gradient zeroing, one dispatch per parameter.
    pub fn zero_dispatches(&self) -> &[Dispatch] {
        &self.zero_grads
    }

    /// Global gradient-norm clipping.
    pub fn clip_dispatches(&self) -> &[Dispatch] {
        &self.clip
    }

    /// AdamW updates, one dispatch per parameter.
    pub fn update_dispatches(&self) -> &[Dispatch] {
        &self.updates
    }

    /// Every dispatch of one training step in order: zero grads, forward, backward, clip, AdamW.
    pub fn step_dispatches(&self) -> Vec<&Dispatch> {
        self.zero_grads
            .iter()
            .chain(self.tape.forward())
            .chain(self.tape.backward())
            .chain(self.clip.iter())
            .chain(self.updates.iter())
            .collect()
    }

    /// Forward and backward only (gradients zeroed first): for gradient checks.
    pub fn forward_backward(&self, gpu: &Gpu, tokens: &[u32], targets: &[u32]) -> Result<()> {
        self.upload(gpu, tokens, targets)?;
        let list: Vec<&Dispatch> = self
            .zero_grads
            .iter()
            .chain(self.tape.forward())
            .chain(self.tape.backward())
            .collect();
        gpu.run(&list)
    }

    /// Forward only; returns the mean loss (blocking readback: evaluation and tests).
    pub fn loss(&self, gpu: &Gpu, tokens: &[u32], targets: &[u32]) -> Result<f32> {
        self.upload(gpu, tokens, targets)?;
        let list: Vec<&Dispatch> = self.tape.forward().collect();
        gpu.run(&list)?;
        Ok(self.loss_stats.read_f32(gpu)?[0])
    }

    /// Sets step counters and the learning rate of every AdamW dispatch for the next step.
    fn prepare_step(&mut self, gpu: &Gpu, lr: f32) {
        self.step += 1;
        for (p, d) in self.params.iter().zip(&self.updates) {
            adamw_set_step(
                gpu,
                d,
                &self.adamw,
                p.spec.numel(),
                p.spec.decay,
                self.step,
                lr,
            );
        }
    }

    /// One training step as a single submit. On a logging step (`log`) the same command buffer
    /// also copies the loss into a staging slot; the returned ticket gives the loss later
    /// ([`Gpt::try_loss`], [`Gpt::take_loss`]) without stalling the queue now. `None` when not
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
        Ok(bytes.map(|b| Gpt::loss_of(&b)))
    }

    /// The loss of a logging step, waiting for the GPU if needed.
    pub fn take_loss(&self, gpu: &Gpu, ticket: Ticket) -> Result<f32> {
        let bytes = self.ring.borrow_mut().take(gpu, ticket)?;
        Ok(Gpt::loss_of(&bytes))
    }

    /// Reads every parameter value back, in `gpt_specs` order.
    pub fn read_values(&self, gpu: &Gpu) -> Result<Vec<Vec<f32>>> {
        self.params.iter().map(|p| p.value.read_f32(gpu)).collect()
    }

    /// Reads every parameter gradient back, in `gpt_specs` order.
    pub fn read_grads(&self, gpu: &Gpu) -> Result<Vec<Vec<f32>>> {
        self.params.iter().map(|p| p.grad.read_f32(gpu)).collect()
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
