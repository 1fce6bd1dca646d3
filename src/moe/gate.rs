//! MoE gates: the Dense-To-Sparse gate of EvoMoE and the Switch top-1, GShard top-2 and Hash
//! baselines, each with its GPU forward and backward (`shaders/gate.wgsl`) and an f64 CPU
//! reference. Gate maths is fp32 on the GPU whatever the model precision.
//!
//! # Shapes
//! `N` tokens, `D` model width, `E` experts, `K` slots per token (`E` for DTS, 2 for top-2, 1 for
//! Switch and Hash). `x: N x D`, `W_g: D x E` (no bias), `h = x W_g: N x E`.
//! Outputs: `sel_expert: N x K` (u32; unused slots hold [`NONE`]) and `sel_weight: N x K` (f32;
//! 0 in unused slots). Slot 0 always holds the token's top expert; DTS then lists its other
//! selected experts in increasing index order.
//! Saved for the backward and for inspection: `logits (N x E)`, `probs (N x (2E + 1))` with row
//! `[q = softmax(h) | p | logsumexp(h)]` where `p` is DTS's noisy tempered softmax, top-2's noisy
//! logits `h + g`, and `q` again otherwise; `mask (N x E, u32)`: bit 0 ([`MASK_SEL`]) expert
//! selected, bit 1 ([`MASK_TOP`]) it is the token's top (first-choice) expert.
//!
//! # Forward (per token, `g_e = -log(-log U_e)` Gumbel noise, `U` from Philox, see below)
//! - **DTS** (training): `p = softmax((h + g) / tau)`, mask `m_e = [p_e > gamma]` plus always the
//!   arg-max of `p`; combine weights `w_e = m_e s_e`, not renormalised, with `s = q = softmax(h)`
//!   (or `s = p` with `gumbel_gates`). Hard top-1 mode keeps only `argmax p`. Evaluation mode:
//!   `argmax h` with weight `q`. Noise off: `g = 0`.
//! - **Switch**: `argmax h` (the first maximum), weight `q_top`. Optional input jitter: the
//!   router input is `xj = x * U(1 - eps, 1 + eps)` element-wise, `h = xj W_g`.
//! - **Top-2**: first `a = argmax h`, second `b = argmax_{e != a} (h_e + g_e)`; weights
//!   `q_a / (q_a + q_b)`, `q_b / (q_a + q_b)`. With `E = 1` the only expert gets weight 1.
//! - **Hash**: `e = table[token % vocab]`, weight 1; `table` is a random balanced assignment of
//!   the vocabulary (a Philox-driven permutation modulo `E`). No gradient, no loss.
//!
//! # Losses (scaled by their coefficients and added to the training loss by the caller)
//! - balance: `L_bal = alpha E sum_e c_e P_e` with, for Switch / top-2, `c_e` the fraction of
//!   tokens whose first choice is `e` and `P_e = mean_n q_ne`; for DTS (docs/EVOMOE.md) `c_e` the
//!   fraction of tokens selecting `e` and `P_e = mean_n w_ne`. `c` is piecewise constant.
//! - router z-loss: `L_z = beta mean_n logsumexp(h_n)^2`.
//!
//! # Backward (derivation)
//! Let `s` be the weight source (`q`, or `p` for DTS with `gumbel_gates`) and `ds` the gradient
//! with respect to it. From the combine weights: `ds_e += dw_slot` for the slot holding `e`
//! (DTS, Switch); top-2 with `S = q_a + q_b`: `dq_a = q_b (dw_1 - dw_2) / S^2`,
//! `dq_b = q_a (dw_2 - dw_1) / S^2`. From the balance loss: `dP_e/dq_ne = 1/N`, so
//! `ds_ne += alpha E c_e / N` (DTS: times `m_ne`, since `P_e` averages `w = m s`). Softmax
//! Jacobian: `dh = k s (ds - sum_e s_e ds_e)` with `k = 1`, or `k = 1 / tau` for `s = p`
//! (`p = softmax((h + g) / tau)`, the noise is a constant). Unselected experts keep their
//! softmax-normalisation gradient `-s_e sum_j s_j ds_j`: their gate columns are not zero.
//! z-loss: `d logsumexp(h)/dh = q`, so `dh += 2 beta lse_n q_n / N`.
//! Then `dW_g += xj^T dh` and `dx += jit * (dh W_g^T)` (`jit` the jitter factors, 1 without
//! jitter). The masks and arg-maxes have no gradient.
//!
//! # Noise
//! Philox4x32-10 ([`crate::ops::rng`]), key = the 64-bit `seed` (low word first), counter
//! `(token, column / 4, step, stream)`, component `column % 4`, with stream [`STREAM_GUMBEL`]
//! (column = expert) or [`STREAM_JITTER`] (column = feature). The step lives in a small state
//! buffer, so [`Gate::set_step`] changes the noise and the temperature without re-recording.
//! Use a different seed per layer.

use std::sync::Mutex;

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::expect_tensor;
use crate::ops::matmul::{matmul, MatmulSpec};
use crate::ops::rng::{philox4x32, uniform01, Rng};

/// Marks an unused slot in `sel_expert`.
pub const NONE: u32 = u32::MAX;
/// `mask` bit: the expert is selected for the token.
pub const MASK_SEL: u32 = 1;
/// `mask` bit: the expert is the token's top (first-choice) expert.
pub const MASK_TOP: u32 = 2;
/// Philox stream of the Gumbel noise (DTS, top-2).
pub const STREAM_GUMBEL: u32 = 1;
/// Philox stream of the Switch input jitter.
pub const STREAM_JITTER: u32 = 2;
const HASH_SALT: u64 = 0x4A5B_1E7A_B1E5_0003;

/// `stats[0]`: balance loss, coefficient included (what is added to the training loss).
pub const STAT_BALANCE_LOSS: usize = 0;
/// `stats[1]`: z-loss, coefficient included.
pub const STAT_Z_LOSS: usize = 1;
/// `stats[2]`: mean number of experts per token.
pub const STAT_EXPERTS_PER_TOKEN: usize = 2;
/// `stats[3]`: dropped token slots. The gate cannot know them and writes 0; the capacity drops
/// are the router's ([`crate::moe::route::Router::read_stats`]), and
/// [`crate::moe::layer::MoeLayer::read_stats`] puts them into [`GateStats::dropped`].
pub const STAT_DROPPED: usize = 3;
/// `stats[4]`: `E sum_e c_e P_e` without the coefficient (1 when perfectly balanced).
pub const STAT_BALANCE_RAW: usize = 4;
/// `stats[5]`: `mean logsumexp(h)^2` without the coefficient.
pub const STAT_Z_RAW: usize = 5;
/// `stats[6]`: the temperature of the forward.
pub const STAT_TAU: usize = 6;
/// `stats[7]`: the step of the forward (as f32).
pub const STAT_STEP: usize = 7;
/// Per-expert arrays start here: load (`E`: fraction of tokens routed to `e`, any slot), then
/// the balance fractions `c_e` (`E`), then the balance means `P_e` (`E`).
pub const STAT_HEADER: usize = 8;

/// Length of the stats buffer for `n_experts` experts.
pub fn stats_len(n_experts: usize) -> usize {
    STAT_HEADER + 3 * n_experts
}

/// Which gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GateKind {
    /// EvoMoE's Dense-To-Sparse gate.
    Dts,
    /// Switch Transformer top-1.
    Switch,
    /// GShard top-2.
    Top2,
    /// Hash layer (fixed token-id table).
    Hash,
}

impl GateKind {
    fn code(self) -> u32 {
        match self {
            GateKind::Dts => 0,
            GateKind::Switch => 1,
            GateKind::Top2 => 2,
            GateKind::Hash => 3,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            GateKind::Dts => "dts",
            GateKind::Switch => "switch",
            GateKind::Top2 => "top2",
            GateKind::Hash => "hash",
        }
    }
}

/// Gate settings; the constructors give the defaults of docs/EVOMOE.md.
#[derive(Clone, Debug, PartialEq)]
pub struct GateConfig {
    pub kind: GateKind,
    /// Initial temperature (DTS; see [`crate::moe::schedule::TauSchedule`]).
    pub tau: f32,
    /// DTS threshold `gamma` on `p`.
    pub gamma: f32,
    /// DTS: combine weights from the noisy tempered `p` instead of `q = softmax(h)`.
    pub gumbel_gates: bool,
    /// Initial noise switch (Gumbel noise, top-2 noise, jitter).
    pub noise: bool,
    /// Initial DTS hard top-1 mode (`argmax (h + g)` only).
    pub hard_top1: bool,
    /// Initial evaluation mode: no noise, no jitter, deterministic top-1 for DTS.
    pub eval_top1: bool,
    /// Capacity factor for the router ([`capacity_for`]); `<= 0` means dropless.
    pub capacity_factor: f32,
    /// Balance-loss coefficient `alpha`.
    pub balance_coef: f32,
    /// Router z-loss coefficient `beta` (docs/EVOMOE.md's value when on is [`Z_LOSS_COEF`]).
    pub z_coef: f32,
    /// Input jitter `eps` (Switch option, 0 = off); the router input is `x * U(1-eps, 1+eps)`.
    pub jitter: f32,
    /// Key of every random draw of this gate; use a different one per layer.
    pub seed: u64,
    /// Vocabulary size of the Hash table.
    pub hash_vocab: usize,
}

/// The router z-loss coefficient of docs/EVOMOE.md when the option is on.
pub const Z_LOSS_COEF: f32 = 1e-3;
/// A customary input-jitter epsilon (Switch Transformer) when the option is on.
pub const JITTER_EPS: f32 = 1e-2;

impl GateConfig {
    /// DTS-Gate: tau 2.0, gamma 0.001, `q` weights, noise on, dropless, no balance loss.
    pub fn dts() -> GateConfig {
        GateConfig {
            kind: GateKind::Dts,
            tau: 2.0,
            gamma: 0.001,
            gumbel_gates: false,
            noise: true,
            hard_top1: false,
            eval_top1: false,
            capacity_factor: 0.0,
            balance_coef: 0.0,
            z_coef: 0.0,
            jitter: 0.0,
            seed: 0,
            hash_vocab: 0,
        }
    }

    /// Switch top-1: capacity factor 1.0, balance 0.01, z-loss and jitter off.
    pub fn switch() -> GateConfig {
        GateConfig {
            kind: GateKind::Switch,
            tau: 1.0,
            capacity_factor: 1.0,
            balance_coef: 0.01,
            ..GateConfig::dts()
        }
    }

    /// GShard top-2: capacity `2 ceil(N / E)` (factor 1.0), balance 0.01, noisy second choice.
    pub fn top2() -> GateConfig {
        GateConfig {
            kind: GateKind::Top2,
            ..GateConfig::switch()
        }
    }

    /// Hash layer over a vocabulary of `vocab` token ids: dropless, no loss.
    pub fn hash(vocab: usize) -> GateConfig {
        GateConfig {
            kind: GateKind::Hash,
            tau: 1.0,
            capacity_factor: 0.0,
            balance_coef: 0.0,
            hash_vocab: vocab,
            ..GateConfig::dts()
        }
    }

    /// The state a new gate starts in (step 0).
    pub fn initial_state(&self) -> GateState {
        GateState {
            step: 0,
            tau: self.tau,
            noise: self.noise,
            hard_top1: self.hard_top1,
            eval: self.eval_top1,
        }
    }

    /// Slots per token.
    pub fn k(&self, n_experts: usize) -> usize {
        match self.kind {
            GateKind::Dts => n_experts,
            GateKind::Top2 => 2,
            GateKind::Switch | GateKind::Hash => 1,
        }
    }

    /// (balance, z) coefficients actually applied: the Hash gate has no loss.
    fn coefs(&self) -> (f32, f32) {
        match self.kind {
            GateKind::Hash => (0.0, 0.0),
            _ => (self.balance_coef, self.z_coef),
        }
    }

    fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(Error::Config(format!("gate {}: {m}", self.kind.name())));
        if !(self.tau.is_finite() && self.tau > 0.0) {
            return bad(format!("tau must be positive, got {}", self.tau));
        }
        if !self.gamma.is_finite() || self.gamma < 0.0 {
            return bad(format!("gamma must be >= 0, got {}", self.gamma));
        }
        if !(0.0..1.0).contains(&self.jitter) {
            return bad(format!("jitter must be in [0, 1), got {}", self.jitter));
        }
        if !self.balance_coef.is_finite() || !self.z_coef.is_finite() {
            return bad("loss coefficients must be finite".into());
        }
        if self.kind == GateKind::Hash
            && (self.hash_vocab == 0 || self.hash_vocab > u32::MAX as usize)
        {
            return bad(format!(
                "hash_vocab must be in 1..2^32, got {}",
                self.hash_vocab
            ));
        }
        Ok(())
    }
}

/// Per-step state of a gate (mirrors `State` in gate.wgsl).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GateState {
    pub step: u32,
    pub tau: f32,
    pub noise: bool,
    pub hard_top1: bool,
    pub eval: bool,
}

impl GateState {
    fn words(&self) -> [u32; 4] {
        let mode = self.noise as u32 | (self.hard_top1 as u32) << 1 | (self.eval as u32) << 2;
        [self.step, self.tau.to_bits(), mode, 0]
    }

    fn noise_on(&self) -> bool {
        self.noise && !self.eval
    }
}

/// The gate statistics of the last forward, read on logging steps.
#[derive(Clone, Debug, PartialEq)]
pub struct GateStats {
    pub balance_loss: f32,
    pub z_loss: f32,
    pub experts_per_token: f32,
    /// Token slots dropped by the capacity: 0 from [`Gate::read_stats`] (the gate does not
    /// route), the router's count from [`crate::moe::layer::MoeLayer::read_stats`].
    pub dropped: f32,
    pub balance_raw: f32,
    pub z_raw: f32,
    pub tau: f32,
    pub step: f32,
    /// Fraction of tokens routed to each expert (any slot); sums to `experts_per_token`.
    pub load: Vec<f32>,
    /// `c_e` of the balance loss.
    pub balance_frac: Vec<f32>,
    /// `P_e` of the balance loss.
    pub balance_mean: Vec<f32>,
}

impl GateStats {
    /// Unpacks a stats buffer (length [`stats_len`]).
    pub fn from_slice(s: &[f32], n_experts: usize) -> Result<GateStats> {
        if s.len() != stats_len(n_experts) {
            return Err(Error::shape(
                "GateStats",
                format!("{} values for {n_experts} experts", s.len()),
            ));
        }
        let e = n_experts;
        let h = STAT_HEADER;
        Ok(GateStats {
            balance_loss: s[STAT_BALANCE_LOSS],
            z_loss: s[STAT_Z_LOSS],
            experts_per_token: s[STAT_EXPERTS_PER_TOKEN],
            dropped: s[STAT_DROPPED],
            balance_raw: s[STAT_BALANCE_RAW],
            z_raw: s[STAT_Z_RAW],
            tau: s[STAT_TAU],
            step: s[STAT_STEP],
            load: s[h..h + e].to_vec(),
            balance_frac: s[h + e..h + 2 * e].to_vec(),
            balance_mean: s[h + 2 * e..h + 3 * e].to_vec(),
        })
    }
}

/// Expert capacity in token slots for the router: `k * ceil(cf * N / E)`, or `None` (dropless)
/// when `cf <= 0`. (`k = 2`, `cf = 1` gives GShard's `2 ceil(N / E)`.)
pub fn capacity_for(
    capacity_factor: f32,
    n_tokens: usize,
    n_experts: usize,
    k: usize,
) -> Option<usize> {
    if capacity_factor.is_nan() || capacity_factor <= 0.0 || n_experts == 0 {
        return None;
    }
    let x = capacity_factor as f64 * n_tokens as f64 / n_experts as f64;
    // f32 factors like 1.1 are slightly above their decimal value; do not round 11.0000002 to 12.
    let c = (x * (1.0 - 1e-6)).ceil().max(0.0) as usize;
    Some(k.max(1) * c)
}

/// Routing stability for logging: the fraction of tokens whose top expert (slot 0 of
/// `sel_expert`, `N x K`) differs between two reads.
pub fn top_expert_changed(prev: &[u32], cur: &[u32], k: usize) -> f32 {
    let k = k.max(1);
    let n = prev.len().min(cur.len()) / k;
    if n == 0 {
        return 0.0;
    }
    let changed = (0..n).filter(|&t| prev[t * k] != cur[t * k]).count();
    changed as f32 / n as f32
}

/// Mirrors `Params` in `shaders/gate.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GateParams {
    pub n_tokens: u32,
    pub d_model: u32,
    pub n_experts: u32,
    pub k: u32,
    pub kind: u32,
    pub flags: u32,
    pub vocab: u32,
    pub seed_lo: u32,
    pub seed_hi: u32,
    pub gamma: f32,
    pub balance_coef: f32,
    pub z_coef: f32,
    pub jitter: f32,
    pub _pad: [u32; 3],
}

fn seed_key(seed: u64) -> [u32; 2] {
    [seed as u32, (seed >> 32) as u32]
}

/// `-log(-log U)` for (token, expert) at `step`, with `U` exactly the GPU's uniform (f64 maths).
pub fn gumbel_cpu(seed: u64, step: u32, token: u32, expert: u32) -> f64 {
    let r = philox4x32([token, expert / 4, step, STREAM_GUMBEL], seed_key(seed));
    let u = uniform01(r[(expert % 4) as usize]) as f64;
    -(-u.ln()).ln()
}

/// The jitter factor `U(1 - eps, 1 + eps)` for (token, feature) at `step`.
pub fn jitter_cpu(seed: u64, step: u32, token: u32, col: u32, eps: f32) -> f64 {
    let r = philox4x32([token, col / 4, step, STREAM_JITTER], seed_key(seed));
    let u = uniform01(r[(col % 4) as usize]) as f64;
    (1.0 - eps as f64) + 2.0 * eps as f64 * u
}

/// The Hash gate's table: token id -> expert, a random permutation of the vocabulary (Philox,
/// from `seed`) taken modulo `E`, so every expert gets `vocab / E` ids (rounded).
pub fn hash_table(seed: u64, vocab: usize, n_experts: usize) -> Vec<u32> {
    let mut rng = Rng::new(seed ^ HASH_SALT);
    let mut perm: Vec<u32> = (0..vocab as u32).collect();
    for i in (1..vocab).rev() {
        let j = rng.below(i as u32 + 1) as usize;
        perm.swap(i, j);
    }
    perm.iter().map(|&v| v % n_experts.max(1) as u32).collect()
}

const NBIND: usize = 20;
const B_X: usize = 0;
const B_WG: usize = 1;
const B_LOGITS: usize = 2;
const B_TOKENS: usize = 3;
const B_TABLE: usize = 4;
const B_STATE: usize = 5;
const B_DSEL: usize = 6;
const B_SEL_IN: usize = 7;
const B_MASK_IN: usize = 8;
const B_PROBS_IN: usize = 9;
const B_STATS_IN: usize = 10;
const B_DH_IN: usize = 11;
const B_XJ: usize = 12;
const B_PROBS: usize = 13;
const B_MASK: usize = 14;
const B_SEL: usize = 15;
const B_WEIGHT: usize = 16;
const B_STATS: usize = 17;
const B_DH: usize = 18;
const B_DX: usize = 19;
const WG: u32 = 64;

/// One gate of one MoE layer: its buffers, sized once, and its dispatch recorders.
pub struct Gate {
    pub cfg: GateConfig,
    pub n_tokens: usize,
    pub d_model: usize,
    pub n_experts: usize,
    /// Chosen experts, `N x K` u32 ([`NONE`] in unused slots).
    pub sel_expert: Tensor,
    /// Combine weights, `N x K` f32.
    pub sel_weight: Tensor,
    /// `h = xj W_g`, `N x E` (absent for Hash).
    pub logits: Option<Tensor>,
    /// `N x (2E + 1)`: `[q | p | logsumexp(h)]` per token (see the module doc).
    pub probs: Tensor,
    /// `N x E` u32: [`MASK_SEL`] | [`MASK_TOP`] bits.
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
    dummy: Tensor,
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
            flags: cfg.gumbel_gates as u32,
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
            dummy: f32t(&[4], "gate unused binding")?,
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
        set: &[(usize, &'a wgpu::Buffer)],
        wg: Workgroups,
    ) -> Result<Dispatch> {
        let mut bufs = vec![&self.dummy.buffer; NBIND];
        for &(i, b) in set {
            bufs[i] = b;
        }
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
                    (B_TOKENS, &tokens.buffer),
                    (B_TABLE, &table.buffer),
                    (B_MASK, &self.mask.buffer),
                    (B_SEL, &self.sel_expert.buffer),
                    (B_WEIGHT, &self.sel_weight.buffer),
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
                            (B_X, &x.buffer),
                            (B_STATE, &self.state_buf.buffer),
                            (B_XJ, &xj.buffer),
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
                    (B_LOGITS, &logits.buffer),
                    (B_STATE, &self.state_buf.buffer),
                    (B_PROBS, &self.probs.buffer),
                    (B_MASK, &self.mask.buffer),
                    (B_SEL, &self.sel_expert.buffer),
                    (B_WEIGHT, &self.sel_weight.buffer),
                ],
                lin(n),
            )?);
        }
        out.push(self.record(
            gpu,
            "gate_stats",
            &[
                (B_STATE, &self.state_buf.buffer),
                (B_MASK_IN, &self.mask.buffer),
                (B_PROBS_IN, &self.probs.buffer),
                (B_STATS, &self.stats.buffer),
            ],
            Workgroups::Direct([e as u32 + 1, 1, 1]),
        )?);
        out.push(self.record(
            gpu,
            "gate_stats_final",
            &[
                (B_STATE, &self.state_buf.buffer),
                (B_STATS, &self.stats.buffer),
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
                (B_STATE, &self.state_buf.buffer),
                (B_DSEL, &dsel_weight.buffer),
                (B_SEL_IN, &self.sel_expert.buffer),
                (B_MASK_IN, &self.mask.buffer),
                (B_PROBS_IN, &self.probs.buffer),
                (B_STATS_IN, &self.stats.buffer),
                (B_DH, &dh.buffer),
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
                    (B_WG, &w_g.buffer),
                    (B_STATE, &self.state_buf.buffer),
                    (B_DH_IN, &dh.buffer),
                    (B_DX, &dx.buffer),
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

// ---------------------------------------------------------------------------------------------
// CPU reference (f64)
// ---------------------------------------------------------------------------------------------

/// Everything the CPU reference computes, in f64, laid out like the GPU buffers.
#[derive(Clone, Debug)]
pub struct GateCpu {
    pub n_tokens: usize,
    pub d_model: usize,
    pub n_experts: usize,
    pub k: usize,
    /// Jitter factors `N x D` (all 1 without jitter).
    pub jitter: Vec<f64>,
    /// Router input `xj = x * jitter`, `N x D`.
    pub xj: Vec<f64>,
    pub logits: Vec<f64>,
    pub probs: Vec<f64>,
    pub mask: Vec<u32>,
    pub sel_expert: Vec<u32>,
    pub sel_weight: Vec<f64>,
    pub stats: Vec<f64>,
    /// Smallest distance of any routing decision from its tie (logit gaps, `|p - gamma| /
    /// gamma`): GPU and CPU routing agree when it is well above f32 rounding.
    pub margin: f64,
}

fn gap_top2(v: impl Iterator<Item = f64>) -> f64 {
    let (mut a, mut b) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for x in v {
        if x > a {
            b = a;
            a = x;
        } else if x > b {
            b = x;
        }
    }
    if b == f64::NEG_INFINITY {
        f64::INFINITY
    } else {
        a - b
    }
}

fn argmax_first(v: impl Iterator<Item = f64>) -> usize {
    let mut best = f64::NEG_INFINITY;
    let mut arg = 0;
    for (i, x) in v.enumerate() {
        if i == 0 || x > best {
            best = x;
            arg = i;
        }
    }
    arg
}

/// The CPU forward in f64. `fixed`: reuse that forward's routing (mask and slots) and only
/// recompute the differentiable values, which is what the finite-difference check needs.
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
pub fn forward_cpu(
    cfg: &GateConfig,
    st: &GateState,
    n: usize,
    d: usize,
    e: usize,
    x: &[f64],
    w_g: Option<&[f64]>,
    tokens: Option<&[u32]>,
    fixed: Option<&GateCpu>,
) -> Result<GateCpu> {
    cfg.validate()?;
    let k = cfg.k(e);
    let row = 2 * e + 1;
    let (bc, zc) = cfg.coefs();
    let mut out = GateCpu {
        n_tokens: n,
        d_model: d,
        n_experts: e,
        k,
        jitter: vec![1.0; n * d],
        xj: Vec::new(),
        logits: vec![0.0; n * e],
        probs: vec![0.0; n * row],
        mask: vec![0; n * e],
        sel_expert: vec![NONE; n * k],
        sel_weight: vec![0.0; n * k],
        stats: vec![0.0; stats_len(e)],
        margin: f64::INFINITY,
    };
    let op = "gate forward_cpu";
    if let Some(f) = fixed {
        if (f.n_tokens, f.n_experts, f.k) != (n, e, k) {
            return Err(Error::shape(op, "fixed routing has other dimensions"));
        }
    }
    if cfg.kind == GateKind::Hash {
        let tokens = tokens.ok_or_else(|| Error::shape(op, "Hash needs tokens"))?;
        if tokens.len() != n {
            return Err(Error::shape(op, "tokens must have N elements"));
        }
        let table = hash_table(cfg.seed, cfg.hash_vocab, e);
        for t in 0..n {
            let ex = table[tokens[t] as usize % table.len()];
            out.sel_expert[t] = ex;
            out.sel_weight[t] = 1.0;
            out.mask[t * e + ex as usize] = MASK_SEL | MASK_TOP;
        }
    } else {
        let w = w_g.ok_or_else(|| Error::shape(op, "needs W_g"))?;
        if x.len() != n * d || w.len() != d * e {
            return Err(Error::shape(op, "x must be N x D and W_g D x E"));
        }
        if cfg.jitter > 0.0 && st.noise_on() {
            for t in 0..n {
                for c in 0..d {
                    out.jitter[t * d + c] =
                        jitter_cpu(cfg.seed, st.step, t as u32, c as u32, cfg.jitter);
                }
            }
        }
        out.xj = x.iter().zip(&out.jitter).map(|(a, b)| a * b).collect();
        for t in 0..n {
            for j in 0..e {
                out.logits[t * e + j] = (0..d).map(|c| out.xj[t * d + c] * w[c * e + j]).sum();
            }
        }
        let noise = st.noise_on();
        let tau = st.tau as f64;
        for t in 0..n {
            let h = &out.logits[t * e..(t + 1) * e];
            let pb = t * row;
            let sb = t * k;
            let hmax = h.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let sum: f64 = h.iter().map(|v| (v - hmax).exp()).sum();
            let top_h = argmax_first(h.iter().cloned());
            for j in 0..e {
                let q = (h[j] - hmax).exp() / sum;
                out.probs[pb + j] = q;
                out.probs[pb + e + j] = q;
            }
            out.probs[pb + 2 * e] = hmax + sum.ln();
            let g = |j: usize| {
                if noise {
                    gumbel_cpu(cfg.seed, st.step, t as u32, j as u32)
                } else {
                    0.0
                }
            };
            let mut margin = f64::INFINITY;
            match cfg.kind {
                GateKind::Dts if !st.eval => {
                    let z: Vec<f64> = (0..e).map(|j| (h[j] + g(j)) / tau).collect();
                    let zmax = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                    let zs: f64 = z.iter().map(|v| (v - zmax).exp()).sum();
                    for j in 0..e {
                        out.probs[pb + e + j] = (z[j] - zmax).exp() / zs;
                    }
                    let top = argmax_first(z.iter().cloned());
                    // In logit units (z tau), so a huge temperature is not a near tie.
                    margin = margin.min(gap_top2(z.iter().cloned()) * tau);
                    let src = if cfg.gumbel_gates { pb + e } else { pb };
                    if fixed.is_none() {
                        out.sel_expert[sb] = top as u32;
                        out.mask[t * e + top] = MASK_SEL | MASK_TOP;
                        if !st.hard_top1 {
                            let mut slot = 1;
                            for j in 0..e {
                                if j == top {
                                    continue;
                                }
                                let p = out.probs[pb + e + j];
                                let gamma = cfg.gamma as f64;
                                margin = margin.min((p - gamma).abs() / gamma.max(1e-30));
                                if p > gamma {
                                    out.sel_expert[sb + slot] = j as u32;
                                    out.mask[t * e + j] = MASK_SEL;
                                    slot += 1;
                                }
                            }
                        }
                    }
                    // Weights of whatever is selected (ours or the fixed routing's).
                    let sel = fixed.map_or(&out.sel_expert, |f| &f.sel_expert);
                    for s in 0..k {
                        let ex = sel[sb + s];
                        if ex != NONE {
                            out.sel_weight[sb + s] = out.probs[src + ex as usize];
                        }
                    }
                }
                GateKind::Top2 => {
                    let y: Vec<f64> = (0..e).map(|j| h[j] + g(j)).collect();
                    out.probs[pb + e..pb + 2 * e].copy_from_slice(&y);
                    margin = margin.min(gap_top2(h.iter().cloned()));
                    margin = margin.min(gap_top2(
                        y.iter()
                            .enumerate()
                            .filter(|(j, _)| *j != top_h)
                            .map(|(_, v)| *v),
                    ));
                    if fixed.is_none() {
                        out.sel_expert[sb] = top_h as u32;
                        out.mask[t * e + top_h] = MASK_SEL | MASK_TOP;
                        if e > 1 {
                            let mut second = NONE;
                            let mut best = f64::NEG_INFINITY;
                            for (j, &v) in y.iter().enumerate() {
                                if j != top_h && (second == NONE || v > best) {
                                    best = v;
                                    second = j as u32;
                                }
                            }
                            out.sel_expert[sb + 1] = second;
                            out.mask[t * e + second as usize] = MASK_SEL;
                        }
                    }
                    let sel = fixed.map_or(&out.sel_expert, |f| &f.sel_expert);
                    let (a, b) = (sel[sb], sel[sb + 1]);
                    if b == NONE {
                        out.sel_weight[sb] = 1.0;
                    } else {
                        let qa = out.probs[pb + a as usize];
                        let qb = out.probs[pb + b as usize];
                        out.sel_weight[sb] = qa / (qa + qb);
                        out.sel_weight[sb + 1] = qb / (qa + qb);
                    }
                }
                _ => {
                    // Switch, and DTS at evaluation.
                    margin = margin.min(gap_top2(h.iter().cloned()));
                    if fixed.is_none() {
                        out.sel_expert[sb] = top_h as u32;
                        out.mask[t * e + top_h] = MASK_SEL | MASK_TOP;
                    }
                    let sel = fixed.map_or(&out.sel_expert, |f| &f.sel_expert);
                    out.sel_weight[sb] = out.probs[pb + sel[sb] as usize];
                }
            }
            out.margin = out.margin.min(margin);
        }
    }
    if let Some(f) = fixed {
        out.sel_expert = f.sel_expert.clone();
        out.mask = f.mask.clone();
    }
    // Statistics.
    let use_p = cfg.kind == GateKind::Dts && cfg.gumbel_gates && !st.eval;
    let nf = n as f64;
    for j in 0..e {
        let (mut load, mut frac, mut mean) = (0.0, 0.0, 0.0);
        for t in 0..n {
            let m = out.mask[t * e + j];
            let sel = (m & MASK_SEL) as f64;
            let top = ((m & MASK_TOP) >> 1) as f64;
            load += sel;
            match cfg.kind {
                GateKind::Dts => {
                    frac += sel;
                    mean += sel * out.probs[t * row + if use_p { e } else { 0 } + j];
                }
                GateKind::Hash => {
                    frac += sel;
                    mean += sel;
                }
                _ => {
                    frac += top;
                    mean += out.probs[t * row + j];
                }
            }
        }
        out.stats[STAT_HEADER + j] = load / nf;
        out.stats[STAT_HEADER + e + j] = frac / nf;
        out.stats[STAT_HEADER + 2 * e + j] = mean / nf;
    }
    let z_raw = if cfg.kind == GateKind::Hash {
        0.0
    } else {
        (0..n)
            .map(|t| out.probs[t * row + 2 * e].powi(2))
            .sum::<f64>()
            / nf
    };
    let raw = e as f64
        * (0..e)
            .map(|j| out.stats[STAT_HEADER + e + j] * out.stats[STAT_HEADER + 2 * e + j])
            .sum::<f64>();
    out.stats[STAT_BALANCE_LOSS] = bc as f64 * raw;
    out.stats[STAT_Z_LOSS] = zc as f64 * z_raw;
    out.stats[STAT_EXPERTS_PER_TOKEN] = (0..e).map(|j| out.stats[STAT_HEADER + j]).sum();
    out.stats[STAT_DROPPED] = 0.0;
    out.stats[STAT_BALANCE_RAW] = raw;
    out.stats[STAT_Z_RAW] = z_raw;
    out.stats[STAT_TAU] = st.tau as f64;
    out.stats[STAT_STEP] = st.step as f64;
    Ok(out)
}

/// The CPU backward in f64: `(dlogits N x E, dx N x D, dw_g D x E)`, not accumulated.
pub fn backward_cpu(
    cfg: &GateConfig,
    st: &GateState,
    fwd: &GateCpu,
    w_g: &[f64],
    dsel: &[f64],
) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    let (n, d, e, k) = (fwd.n_tokens, fwd.d_model, fwd.n_experts, fwd.k);
    if cfg.kind == GateKind::Hash {
        return Ok((vec![0.0; n * e], vec![0.0; n * d], vec![0.0; d * e]));
    }
    if dsel.len() != n * k || w_g.len() != d * e {
        return Err(Error::shape("gate backward_cpu", "dsel N x K, W_g D x E"));
    }
    let (bc, zc) = cfg.coefs();
    let row = 2 * e + 1;
    let use_p = cfg.kind == GateKind::Dts && cfg.gumbel_gates && !st.eval;
    let scale = if use_p { 1.0 / st.tau as f64 } else { 1.0 };
    let nf = n as f64;
    let mut dh = vec![0.0; n * e];
    for t in 0..n {
        let pb = t * row;
        let src = if use_p { pb + e } else { pb };
        let sb = t * k;
        let mut ds = vec![0.0; e];
        if cfg.kind == GateKind::Top2 {
            let (a, b) = (fwd.sel_expert[sb], fwd.sel_expert[sb + 1]);
            if b != NONE {
                let (a, b) = (a as usize, b as usize);
                let (qa, qb) = (fwd.probs[pb + a], fwd.probs[pb + b]);
                let s2 = (qa + qb) * (qa + qb);
                let dd = dsel[sb] - dsel[sb + 1];
                ds[a] += qb * dd / s2;
                ds[b] -= qa * dd / s2;
            }
        } else {
            for s in 0..k {
                let ex = fwd.sel_expert[sb + s];
                if ex != NONE {
                    ds[ex as usize] += dsel[sb + s];
                }
            }
        }
        if bc != 0.0 {
            let c = bc as f64 * e as f64 / nf;
            for (j, dsj) in ds.iter_mut().enumerate() {
                let masked = cfg.kind == GateKind::Dts && fwd.mask[t * e + j] & MASK_SEL == 0;
                if !masked {
                    *dsj += c * fwd.stats[STAT_HEADER + e + j];
                }
            }
        }
        let dot: f64 = (0..e).map(|j| fwd.probs[src + j] * ds[j]).sum();
        let zg = 2.0 * zc as f64 * fwd.probs[pb + 2 * e] / nf;
        for j in 0..e {
            dh[t * e + j] = scale * fwd.probs[src + j] * (ds[j] - dot) + zg * fwd.probs[pb + j];
        }
    }
    let mut dx = vec![0.0; n * d];
    let mut dw = vec![0.0; d * e];
    for t in 0..n {
        for c in 0..d {
            let acc: f64 = (0..e).map(|j| dh[t * e + j] * w_g[c * e + j]).sum();
            dx[t * d + c] = fwd.jitter[t * d + c] * acc;
        }
    }
    for c in 0..d {
        for j in 0..e {
            dw[c * e + j] = (0..n).map(|t| fwd.xj[t * d + c] * dh[t * e + j]).sum();
        }
    }
    Ok((dh, dx, dw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity() {
        assert_eq!(capacity_for(0.0, 100, 8, 1), None);
        assert_eq!(capacity_for(-1.0, 100, 8, 1), None);
        assert_eq!(capacity_for(1.0, 100, 8, 1), Some(13));
        assert_eq!(capacity_for(1.0, 64, 8, 1), Some(8));
        assert_eq!(capacity_for(1.0, 37, 8, 2), Some(10));
        assert_eq!(capacity_for(1.1, 80, 8, 1), Some(11));
        assert_eq!(capacity_for(1.25, 80, 8, 1), Some(13));
        assert_eq!(capacity_for(2.0, 1, 64, 1), Some(1));
    }

    #[test]
    fn defaults_follow_evomoe_md() {
        let d = GateConfig::dts();
        assert_eq!((d.tau, d.gamma, d.balance_coef), (2.0, 0.001, 0.0));
        assert!(!d.gumbel_gates && d.noise && capacity_for(d.capacity_factor, 10, 2, 2).is_none());
        let s = GateConfig::switch();
        assert_eq!(
            (s.capacity_factor, s.balance_coef, s.z_coef),
            (1.0, 0.01, 0.0)
        );
        assert_eq!(GateConfig::top2().k(8), 2);
        assert_eq!(GateConfig::dts().k(8), 8);
        assert_eq!(GateConfig::hash(256).k(8), 1);
    }

    #[test]
    fn routing_change() {
        assert_eq!(top_expert_changed(&[1, 9, 2, 9], &[1, 3, 5, 9], 2), 0.5);
        assert_eq!(top_expert_changed(&[], &[], 1), 0.0);
    }

    #[test]
    fn hash_table_is_balanced() {
        let t = hash_table(7, 256, 8);
        for ex in 0..8 {
            assert_eq!(t.iter().filter(|&&v| v == ex).count(), 32);
        }
        assert_ne!(t, hash_table(8, 256, 8));
        // Not the identity modulo E.
        assert!((0..256).any(|v| t[v] != v as u32 % 8));
    }

    #[test]
    fn gumbel_noise_has_gumbel_mean() {
        // Mean of a standard Gumbel is the Euler-Mascheroni constant.
        let n = 20000;
        let m: f64 = (0..n).map(|i| gumbel_cpu(3, 1, i, 5)).sum::<f64>() / n as f64;
        assert!((m - 0.5772).abs() < 0.03, "{m}");
    }
}
