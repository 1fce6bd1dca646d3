//! Parameter counts and training FLOPs per token of a run, for the comparison table.
//!
//! FLOP model (multiply-add = 2 FLOPs; training = forward + backward = 3 x forward), per token
//! of a model with width C, FFN width F, context T, vocabulary V and E experts:
//! - each block: QKV and output projections `2 (3C^2 + C^2)`; attention scores and weighted
//!   sum `2 * 2 C T'` with `T' = (T + 1) / 2` (a causal mask: a token sees half the context on
//!   average); the FFN `2 * 2 C F` per expert it runs;
//! - each MoE block adds the gate `2 C E`;
//! - the output layer `2 C V`.
//!
//! "Executed" FLOPs count what the kernels compute: an MoE block on the all-experts (dense)
//! path runs all E experts on every token, on the scattered path the experts the gate chose
//! (the logged experts per token), and in EvoMoE's first phase the base expert alone.

use crate::model::config::Method;
use crate::model::params::{model_specs, ParamGroup};
use crate::train::config::RunConfig;

/// Parameters of a run's model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Every parameter of the final model (EvoMoE's phase-1 base expert is not counted: it is
    /// only trained before the spawn).
    pub total: usize,
    /// Those a token uses once routing is top-k (k = 2 for `top2`, 1 for the other gates).
    pub active: usize,
}

/// Experts a token uses at the end of training.
fn final_k(method: Method) -> usize {
    if method == Method::Top2 {
        2
    } else {
        1
    }
}

/// Total and active parameters of `run`'s model.
pub fn params(run: &RunConfig) -> Params {
    let cfg = run.gpt_config();
    let e = run.moe.experts;
    let (mut total, mut experts) = (0usize, 0usize);
    for s in model_specs(&cfg) {
        match s.group {
            ParamGroup::Base => {}
            // The experts' tensors are [E, ...]; the gate is used by every token.
            ParamGroup::Experts => {
                total += s.numel();
                experts += s.numel();
            }
            _ => total += s.numel(),
        }
    }
    let unused = experts / e * (e - final_k(run.method).min(e));
    Params {
        total,
        active: total - unused,
    }
}

/// Forward FLOPs per token of everything but the FFNs and gates.
fn trunk_flops(run: &RunConfig) -> f64 {
    let m = &run.model;
    let (c, t) = (m.d_model as f64, m.context as f64);
    let per_block = 2.0 * 4.0 * c * c + 4.0 * c * (t + 1.0) / 2.0;
    m.n_layer as f64 * per_block + 2.0 * c * 256.0
}

/// Forward FLOPs per token of one expert (or dense) FFN of `run`'s model.
fn ffn_flops(run: &RunConfig) -> f64 {
    let cfg = run.gpt_config();
    4.0 * cfg.d_model as f64 * cfg.d_ff as f64
}

/// One MoE layer at a logged point: whether it ran the all-experts (dense) path, and the
/// experts per token its gate chose.
#[derive(Clone, Copy, Debug)]
pub struct LayerPoint {
    pub dense_path: bool,
    pub experts_per_token: f64,
}

/// Training FLOPs per token executed at a logged point whose MoE layers were `layers` (empty in
/// EvoMoE's first phase and for dense models; see the module doc).
pub fn executed_flops(run: &RunConfig, layers: &[LayerPoint]) -> f64 {
    let m = &run.model;
    let ffn = ffn_flops(run);
    let mut fwd = trunk_flops(run);
    let moe_blocks = if run.method.gate_kind().is_some() {
        m.n_layer / run.moe.moe_every
    } else {
        0
    };
    fwd += (m.n_layer - moe_blocks) as f64 * ffn;
    if layers.is_empty() {
        // EvoMoE's first phase: the base expert alone, no gate.
        fwd += moe_blocks as f64 * ffn;
    } else {
        let gate = 2.0 * m.d_model as f64 * run.moe.experts as f64;
        for l in layers {
            let experts = if l.dense_path {
                run.moe.experts as f64
            } else {
                l.experts_per_token
            };
            fwd += gate + experts * ffn;
        }
    }
    3.0 * fwd
}

/// Training FLOPs per token once routing is top-k (the "active" model).
pub fn active_flops(run: &RunConfig) -> f64 {
    let m = &run.model;
    let mut fwd = trunk_flops(run);
    if run.method.gate_kind().is_some() {
        let moe_blocks = m.n_layer / run.moe.moe_every;
        let gate = 2.0 * m.d_model as f64 * run.moe.experts as f64;
        fwd += (m.n_layer - moe_blocks) as f64 * ffn_flops(run);
        fwd += moe_blocks as f64 * (gate + final_k(run.method) as f64 * ffn_flops(run));
    } else {
        fwd += m.n_layer as f64 * ffn_flops(run);
    }
    3.0 * fwd
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(method: &str) -> RunConfig {
        RunConfig::resolve(Some("tiny"), Some(method), "", &[]).unwrap()
    }

    #[test]
    fn params_by_method() {
        // tiny: C = 64, F = 256, E = 8, 2 layers, the second an MoE block.
        let (c, f, e) = (64usize, 256usize, 8usize);
        let expert = c * f + f + f * c + c;
        let dense = params(&run("dense"));
        assert_eq!(dense.total, dense.active);
        let switch = params(&run("switch"));
        // One FFN replaced by E experts and a gate.
        assert_eq!(switch.total, dense.total - expert + e * expert + c * e);
        assert_eq!(switch.active, dense.total + c * e);
        let top2 = params(&run("top2"));
        assert_eq!(top2.active, switch.active + expert);
        // EvoMoE's base expert is not counted.
        assert_eq!(params(&run("evomoe")), switch);
        let wide = params(&run("dense-wide"));
        // Both blocks' FFNs E times wider: w1, b1 and w2 grow, b2 does not.
        assert_eq!(wide.total, dense.total + 2 * (e - 1) * (2 * c * f + f));
    }

    #[test]
    fn flops_follow_the_path() {
        let r = run("dts");
        let point = |dense_path| LayerPoint {
            dense_path,
            experts_per_token: 1.0,
        };
        let top1 = executed_flops(&r, &[point(false)]);
        assert!((top1 - active_flops(&r)).abs() < 1.0);
        let all = executed_flops(&r, &[point(true)]);
        // Seven more experts of 4 C F forward FLOPs, times 3.
        assert!((all - top1 - 3.0 * 7.0 * 4.0 * 64.0 * 256.0).abs() < 1.0);
        let base = executed_flops(&r, &[]);
        assert!((top1 - base - 3.0 * 2.0 * 64.0 * 8.0).abs() < 1.0);
        // Dense models: no MoE layer, the same as their active FLOPs.
        let d = run("dense");
        assert!((executed_flops(&d, &[]) - active_flops(&d)).abs() < 1.0);
    }
}
