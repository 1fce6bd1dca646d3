//! MoE gates: the Dense-To-Sparse gate of EvoMoE and the Switch top-1, GShard top-2 and Hash
//! baselines, each with its GPU forward and backward (`shaders/gate.wgsl`) and an f64 CPU
//! reference. Gate maths is fp32 on the GPU whatever the model precision.
//!
//! # Shapes
//! `N` tokens, `D` model width, `E` experts, `K` slots per token (`E` for DTS, 2 for top-2, 1 for
//! Switch and Hash). `x: N x D`, `W_g: D x E` (no bias), `h = x W_g: N x E`.
//! Outputs: `sel_expert: N x K` (u32; unused slots hold [`NONE`](crate::moe::NONE)) and `sel_weight: N x K` (f32;
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
//!
//! # Files
//! This file holds the settings, state, statistics and noise shared by both sides; the GPU
//! launcher ([`Gate`]) is `launcher.rs`, the f64 CPU reference ([`forward_cpu`],
//! [`backward_cpu`], [`GateCpu`]) is `reference.rs`, one function per WGSL entry point.

mod launcher;
mod reference;

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::ops::flag_if;
use crate::ops::rng::{philox4x32, uniform01, Rng};

pub use launcher::Gate;
pub use reference::{backward_cpu, forward_cpu, GateCpu};

/// `mask` bit: the expert is selected for the token.
pub const MASK_SEL: u32 = 1;
/// `mask` bit: the expert is the token's top (first-choice) expert.
pub const MASK_TOP: u32 = 2;
/// [`GateParams::flags`] bit: DTS combines with the Gumbel-perturbed gates (`gumbel_gates`).
pub const FLAG_GUMBEL_GATES: u32 = 1;
/// [`GateState`] mode bit (the state buffer's third word): draw the noise.
pub const MODE_NOISE: u32 = 1;
/// Mode bit: hard top-1 (keep only `argmax p`).
pub const MODE_HARD_TOP1: u32 = 2;
/// Mode bit: evaluation (no noise; DTS routes by `argmax h` with weight `q`).
pub const MODE_EVAL: u32 = 4;
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
        let mode = flag_if(self.noise, MODE_NOISE)
            | flag_if(self.hard_top1, MODE_HARD_TOP1)
            | flag_if(self.eval, MODE_EVAL);
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
    /// [`FLAG_GUMBEL_GATES`].
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
