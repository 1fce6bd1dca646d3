//! The GPU side of a gate: [`Gate`] owns its buffers and records the forward (`gate_jitter`, the
//! router GEMM, `gate_forward` or `gate_hash`, `gate_stats`, `gate_stats_final`) and the
//! backward (`gate_backward`, the `dW_g` and `dx` GEMMs or `gate_jitter_backward`) of
//! `shaders/gate.wgsl`. The maths is in the module doc of [`crate::moe::gate`].

use std::sync::Mutex;

use super::{
    hash_table, stats_len, GateConfig, GateKind, GateParams, GateState, GateStats,
    FLAG_GUMBEL_GATES,
};
use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::matmul::{matmul, MatmulSpec};
use crate::ops::{expect_tensor, flag_if};

const WG: u32 = 64;

/// One gate of one MoE layer: its buffers, sized once, and its dispatch recorders.
pub struct Gate {
    pub cfg: GateConfig,
    pub n_tokens: usize,
    pub d_model: usize,
    pub n_experts: usize,
    /// Chosen experts, `N x K` u32 ([`NONE`](crate::moe::NONE) in unused slots).
    pub sel_expert: Tensor,
    /// Combine weights, `N x K` f32.
    pub sel_weight: Tensor,
    /// `h = xj W_g`, `N x E` (absent for Hash).
    pub logits: Option<Tensor>,
    /// `N x (2E + 1)`: `[q | p | logsumexp(h)]` per token (see the module doc).
    pub probs: Tensor,
    /// `N x E` u32: [`MASK_SEL`](super::MASK_SEL) | [`MASK_TOP`](super::MASK_TOP) bits.
    pub mask: Tensor,
    /// [`stats_len`]`(E)` f32, see the `STAT_*` constants.
    pub stats: Tensor,
    /// `dL/dh`, `N x E`, written by the backward (absent for Hash).
    pub dlogits: Option<Tensor>,
    /// The jittered router input `N x D` (only with `jitter > 0`).
    pub xj: Option<Tensor>,
    /// Token id -> expert (Hash only), length `hash_vocab`.
    pub hash_table: Option<Tensor>,
    /// The per-step state buffer (4 u32: step, tau bits, mode, 0).
    pub state_buf: Tensor,
    state: Mutex<GateState>,
    params: GateParams,
}

impl Gate {
    /// Allocates a gate for `n_tokens` tokens of width `d_model` over `n_experts` experts.
    pub fn new(
        gpu: &Gpu,
        cfg: &GateConfig,
        n_tokens: usize,
        d_model: usize,
        n_experts: usize,
    ) -> Result<Gate> {
        cfg.validate()?;
        let (n, d, e) = (n_tokens, d_model, n_experts);
        if n == 0 || e == 0 || (d == 0 && cfg.kind != GateKind::Hash) {
            return Err(Error::shape(
                "Gate::new",
                format!("need N, D, E >= 1, got N={n} D={d} E={e}"),
            ));
        }
        let k = cfg.k(e);
        let biggest = [n * d, n * (2 * e + 1), n * k, n * e]
            .into_iter()
            .max()
            .unwrap_or(0);
        if biggest >= u32::MAX as usize / 2 {
            return Err(Error::shape(
                "Gate::new",
                format!("N={n} D={d} E={e} overflows 32-bit indices"),
            ));
        }
        let max_wg = gpu.limits.max_compute_workgroups_per_dimension as usize;
        if e + 1 > max_wg {
            return Err(Error::Limit {
                what: format!("gate statistics over {e} experts"),
                needed: e as u64 + 1,
                allowed: max_wg as u64,
                limit: "max_compute_workgroups_per_dimension",
            });
        }
        let hash = cfg.kind == GateKind::Hash;
        let f32t = |shape: &[usize], label: &str| Tensor::zeros(gpu, shape, DType::F32, label);
        let u32t = |shape: &[usize], label: &str| Tensor::zeros(gpu, shape, DType::U32, label);
        let (bc, zc) = cfg.coefs();
        let params = GateParams {
            n_tokens: n as u32,
            d_model: d as u32,
            n_experts: e as u32,
            k: k as u32,
            kind: cfg.kind.code(),
            flags: flag_if(cfg.gumbel_gates, FLAG_GUMBEL_GATES),
            vocab: cfg.hash_vocab.max(1) as u32,
            seed_lo: cfg.seed as u32,
            seed_hi: (cfg.seed >> 32) as u32,
            gamma: cfg.gamma,
            balance_coef: bc,
            z_coef: zc,
            jitter: cfg.jitter,
            _pad: [0; 3],
        };
        let state = cfg.initial_state();
        let state_buf = Tensor::from_u32(gpu, &[4], &state.words(), "gate state")?;
        let hash_table = if hash {
            let t = hash_table(cfg.seed, cfg.hash_vocab, e);
            Some(Tensor::from_u32(gpu, &[t.len()], &t, "gate hash table")?)
        } else {
            None
        };
        Ok(Gate {
            cfg: cfg.clone(),
            n_tokens: n,
            d_model: d,
            n_experts: e,
            sel_expert: u32t(&[n, k], "gate sel_expert")?,
            sel_weight: f32t(&[n, k], "gate sel_weight")?,
            logits: if hash {
                None
            } else {
                Some(f32t(&[n, e], "gate logits")?)
            },
            probs: f32t(&[n, 2 * e + 1], "gate probs")?,
            mask: u32t(&[n, e], "gate mask")?,
            stats: f32t(&[stats_len(e)], "gate stats")?,
            dlogits: if hash {
                None
            } else {
                Some(f32t(&[n, e], "gate dlogits")?)
            },
            xj: if !hash && cfg.jitter > 0.0 {
                Some(f32t(&[n, d], "gate jittered input")?)
            } else {
                None
            },
            hash_table,
            state_buf,
            state: Mutex::new(state),
            params,
        })
    }

    /// Slots per token.
    pub fn k(&self) -> usize {
        self.cfg.k(self.n_experts)
    }

    /// The current per-step state.
    pub fn state(&self) -> GateState {
        *self.state.lock().unwrap()
    }

    /// Sets the whole per-step state (step, temperature, noise / hard top-1 / eval modes); the
    /// recorded dispatches pick it up at their next run.
    pub fn set_state(&self, gpu: &Gpu, state: &GateState) -> Result<()> {
        if !(state.tau.is_finite() && state.tau > 0.0) {
            return Err(Error::Config(format!(
                "gate temperature must be positive, got {}",
                state.tau
            )));
        }
        gpu.queue.write_buffer(
            &self.state_buf.buffer,
            0,
            bytemuck::cast_slice(&state.words()),
        );
        *self.state.lock().unwrap() = *state;
        Ok(())
    }

    /// Sets the step (the noise counter) and the temperature, keeping the modes.
    pub fn set_step(&self, gpu: &Gpu, step: u32, tau: f32) -> Result<()> {
        let s = GateState {
            step,
            tau,
            ..self.state()
        };
        self.set_state(gpu, &s)
    }

    /// Sets the modes: noise on/off, DTS hard top-1, evaluation (no noise, deterministic top-1).
    pub fn set_mode(&self, gpu: &Gpu, noise: bool, hard_top1: bool, eval: bool) -> Result<()> {
        let s = GateState {
            noise,
            hard_top1,
            eval,
            ..self.state()
        };
        self.set_state(gpu, &s)
    }

    /// Reads the statistics of the last forward (blocking: logging steps only).
    pub async fn read_stats(&self, gpu: &Gpu) -> Result<GateStats> {
        GateStats::from_slice(&self.stats.read_f32(gpu).await?, self.n_experts)
    }

    fn params_bytes(&self) -> &[u8] {
        bytemuck::bytes_of(&self.params)
    }

    fn record<'a>(
        &'a self,
        gpu: &Gpu,
        entry: &str,
        set: &[(&'a str, &'a wgpu::Buffer)],
        wg: Workgroups,
    ) -> Result<Dispatch> {
        let bufs = set
            .iter()
            .fold(Buffers::new(), |bufs, &(name, b)| bufs.buf(name, b));
        let k = gpu.kernel("gate", entry, &[])?;
        gpu.dispatch(&k, &bufs, Some(self.params_bytes()), wg)
    }

    /// Records the forward: `x: N x D` (ignored by Hash), `w_g: D x E` (None for Hash),
    /// `tokens: N` u32 ids (Hash only). Writes `sel_expert`, `sel_weight`, `logits`, `probs`,
    /// `mask` and `stats`.
    pub fn forward(
        &self,
        gpu: &Gpu,
        x: &Tensor,
        w_g: Option<&Tensor>,
        tokens: Option<&Tensor>,
    ) -> Result<Vec<Dispatch>> {
        let (n, d, e) = (self.n_tokens, self.d_model, self.n_experts);
        let op = "gate forward";
        let mut out = Vec::new();
        let lin = |count: usize| Workgroups::linear(count, WG);
        if self.cfg.kind == GateKind::Hash {
            let tokens =
                tokens.ok_or_else(|| Error::shape(op, "the Hash gate needs the token ids"))?;
            expect_tensor(op, "tokens", tokens, DType::U32, n)?;
            let table = self.hash_table.as_ref().expect("hash gate has a table");
            out.push(self.record(
                gpu,
                "gate_hash",
                &[
                    ("tokens", &tokens.buffer),
                    ("table", &table.buffer),
                    ("mask", &self.mask.buffer),
                    ("sel_expert", &self.sel_expert.buffer),
                    ("sel_weight", &self.sel_weight.buffer),
                ],
                lin(n),
            )?);
        } else {
            let w_g = w_g.ok_or_else(|| Error::shape(op, "this gate needs W_g"))?;
            expect_tensor(op, "x", x, DType::F32, n * d)?;
            expect_tensor(op, "w_g", w_g, DType::F32, d * e)?;
            let logits = self.logits.as_ref().expect("logit gate has logits");
            let xin = match &self.xj {
                Some(xj) => {
                    out.push(self.record(
                        gpu,
                        "gate_jitter",
                        &[
                            ("x", &x.buffer),
                            ("st", &self.state_buf.buffer),
                            ("xj", &xj.buffer),
                        ],
                        lin(n * d),
                    )?);
                    xj
                }
                None => x,
            };
            out.push(matmul(
                gpu,
                &MatmulSpec::new(n, e, d, false, false),
                xin,
                w_g,
                None,
                logits,
            )?);
            out.push(self.record(
                gpu,
                "gate_forward",
                &[
                    ("logits", &logits.buffer),
                    ("st", &self.state_buf.buffer),
                    ("probs", &self.probs.buffer),
                    ("mask", &self.mask.buffer),
                    ("sel_expert", &self.sel_expert.buffer),
                    ("sel_weight", &self.sel_weight.buffer),
                ],
                lin(n),
            )?);
        }
        out.push(self.record(
            gpu,
            "gate_stats",
            &[
                ("st", &self.state_buf.buffer),
                ("mask_in", &self.mask.buffer),
                ("probs_in", &self.probs.buffer),
                ("stats", &self.stats.buffer),
            ],
            Workgroups::Direct([e as u32 + 1, 1, 1]),
        )?);
        out.push(self.record(
            gpu,
            "gate_stats_final",
            &[
                ("st", &self.state_buf.buffer),
                ("stats", &self.stats.buffer),
            ],
            Workgroups::Direct([1, 1, 1]),
        )?);
        Ok(out)
    }

    /// Records the backward: from `dsel_weight (N x K)` and the loss coefficients, writes
    /// `dlogits` and ACCUMULATES `dx (N x D) +=` and `dw_g (D x E) +=`. `x` and `w_g` are the
    /// tensors given to the forward. The Hash gate has no gradient: it records nothing.
    pub fn backward(
        &self,
        gpu: &Gpu,
        x: &Tensor,
        w_g: &Tensor,
        dsel_weight: &Tensor,
        dx: &Tensor,
        dw_g: &Tensor,
    ) -> Result<Vec<Dispatch>> {
        if self.cfg.kind == GateKind::Hash {
            return Ok(Vec::new());
        }
        let (n, d, e, k) = (self.n_tokens, self.d_model, self.n_experts, self.k());
        let op = "gate backward";
        expect_tensor(op, "x", x, DType::F32, n * d)?;
        expect_tensor(op, "w_g", w_g, DType::F32, d * e)?;
        expect_tensor(op, "dsel_weight", dsel_weight, DType::F32, n * k)?;
        expect_tensor(op, "dx", dx, DType::F32, n * d)?;
        expect_tensor(op, "dw_g", dw_g, DType::F32, d * e)?;
        let dh = self.dlogits.as_ref().expect("logit gate has dlogits");
        let mut out = vec![self.record(
            gpu,
            "gate_backward",
            &[
                ("st", &self.state_buf.buffer),
                ("dsel", &dsel_weight.buffer),
                ("sel_in", &self.sel_expert.buffer),
                ("mask_in", &self.mask.buffer),
                ("probs_in", &self.probs.buffer),
                ("stats_in", &self.stats.buffer),
                ("dh", &dh.buffer),
            ],
            Workgroups::linear(n, WG),
        )?];
        let xin = self.xj.as_ref().unwrap_or(x);
        out.push(matmul(
            gpu,
            &MatmulSpec::new(d, e, n, true, false).accumulate(),
            xin,
            dh,
            None,
            dw_g,
        )?);
        if self.xj.is_some() {
            out.push(self.record(
                gpu,
                "gate_jitter_backward",
                &[
                    ("w_g", &w_g.buffer),
                    ("st", &self.state_buf.buffer),
                    ("dh_in", &dh.buffer),
                    ("dx", &dx.buffer),
                ],
                Workgroups::linear(n * d, WG),
            )?);
        } else {
            out.push(matmul(
                gpu,
                &MatmulSpec::new(n, d, e, false, true).accumulate(),
                dh,
                w_g,
                None,
                dx,
            )?);
        }
        Ok(out)
    }
}
