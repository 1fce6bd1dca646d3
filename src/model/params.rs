//! Parameter specifications and their deterministic initialisation (GPT-2 style).
//!
//! The list of parameters, their shapes and initial values are computed on the host from the
//! config, so the GPU model and the CPU reference model start from identical numbers. Weights are
//! stored `(in, out)` and compute `y = x W + b`.
//!
//! Names (also the tensor names of a checkpoint): `wte (V, C)`, `wpe (T, C)`, per block `l`
//! `h{l}.ln1.g|b (C)`, `h{l}.attn.w_qkv (C, 3C)`, `h{l}.attn.b_qkv (3C)`, `h{l}.attn.w_o (C, C)`,
//! `h{l}.attn.b_o (C)`, `h{l}.ln2.g|b (C)`, the dense FFN `h{l}.ffn.w1 (C, F)`, `h{l}.ffn.b1 (F)`,
//! `h{l}.ffn.w2 (F, C)`, `h{l}.ffn.b2 (C)`, and in an MoE block the gate `h{l}.moe.w_g (C, E)` and
//! the experts `h{l}.moe.w1 (E, C, F)`, `h{l}.moe.b1 (E, F)`, `h{l}.moe.w2 (E, F, C)`,
//! `h{l}.moe.b2 (E, C)`; then `lnf.g|b (C)`. An EvoMoE block has both: its `ffn.*` tensors are
//! the base expert of phase 1.

use crate::model::config::ModelConfig;
use crate::ops::rng::Rng;

/// When a parameter is trained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamGroup {
    /// Every step (attention, norms, embeddings, dense FFNs).
    Shared,
    /// EvoMoE's base expert: phase 1 only.
    Base,
    /// Gates and experts of MoE layers: after the spawn (from step 0 without a phase 1).
    Experts,
}

/// How a parameter starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Init {
    Normal(f32),
    Zeros,
    Ones,
}

/// One parameter tensor.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamSpec {
    pub name: String,
    pub shape: Vec<usize>,
    pub init: Init,
    /// Whether AdamW's weight decay applies (matrices yes; biases, norms no).
    pub decay: bool,
    pub group: ParamGroup,
}

impl ParamSpec {
    fn new(name: String, shape: &[usize], init: Init) -> ParamSpec {
        let decay = shape.len() >= 2;
        ParamSpec {
            name,
            shape: shape.to_vec(),
            init,
            decay,
            group: ParamGroup::Shared,
        }
    }

    fn in_group(self, group: ParamGroup) -> ParamSpec {
        ParamSpec { group, ..self }
    }

    fn no_decay(self) -> ParamSpec {
        ParamSpec {
            decay: false,
            ..self
        }
    }

    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }
}

/// The parameters of one dense block, in a fixed order.
pub fn block_specs(cfg: &ModelConfig, layer: usize) -> Vec<ParamSpec> {
    let (c, f) = (cfg.d_model, cfg.d_ff);
    let std = 0.02;
    // Residual projections are scaled by 1/sqrt(2 * n_layer) (GPT-2).
    let proj_std = std / (2.0 * cfg.n_layer as f32).sqrt();
    let p = |n: &str| format!("h{layer}.{n}");
    let mut v = vec![
        ParamSpec::new(p("ln1.g"), &[c], Init::Ones),
        ParamSpec::new(p("ln1.b"), &[c], Init::Zeros),
        ParamSpec::new(p("attn.w_qkv"), &[c, 3 * c], Init::Normal(std)),
        ParamSpec::new(p("attn.b_qkv"), &[3 * c], Init::Zeros),
        ParamSpec::new(p("attn.w_o"), &[c, c], Init::Normal(proj_std)),
        ParamSpec::new(p("attn.b_o"), &[c], Init::Zeros),
        ParamSpec::new(p("ln2.g"), &[c], Init::Ones),
        ParamSpec::new(p("ln2.b"), &[c], Init::Zeros),
    ];
    let moe = cfg.moe.as_ref().filter(|m| m.is_moe_block(layer));
    let dense_ffn = match moe {
        None => Some(ParamGroup::Shared),
        Some(m) if m.spawn.is_some() => Some(ParamGroup::Base),
        Some(_) => None,
    };
    if let Some(group) = dense_ffn {
        v.extend([
            ParamSpec::new(p("ffn.w1"), &[c, f], Init::Normal(std)).in_group(group),
            ParamSpec::new(p("ffn.b1"), &[f], Init::Zeros).in_group(group),
            ParamSpec::new(p("ffn.w2"), &[f, c], Init::Normal(proj_std)).in_group(group),
            ParamSpec::new(p("ffn.b2"), &[c], Init::Zeros).in_group(group),
        ]);
    }
    if let Some(m) = moe {
        let e = m.n_experts;
        let gate_init = if m.gate_init_std > 0.0 {
            Init::Normal(m.gate_init_std)
        } else {
            Init::Zeros
        };
        let g = ParamGroup::Experts;
        v.extend([
            ParamSpec::new(p("moe.w_g"), &[c, e], gate_init).in_group(g),
            ParamSpec::new(p("moe.w1"), &[e, c, f], Init::Normal(std)).in_group(g),
            ParamSpec::new(p("moe.b1"), &[e, f], Init::Zeros)
                .in_group(g)
                .no_decay(),
            ParamSpec::new(p("moe.w2"), &[e, f, c], Init::Normal(proj_std)).in_group(g),
            ParamSpec::new(p("moe.b2"), &[e, c], Init::Zeros)
                .in_group(g)
                .no_decay(),
        ]);
    }
    v
}

/// Every parameter of the model: `wte`, `wpe`, the blocks, the final norm. The output layer is
/// tied to `wte`.
pub fn model_specs(cfg: &ModelConfig) -> Vec<ParamSpec> {
    let mut v = vec![
        ParamSpec::new("wte".into(), &[cfg.vocab, cfg.d_model], Init::Normal(0.02)),
        ParamSpec::new(
            "wpe".into(),
            &[cfg.context, cfg.d_model],
            Init::Normal(0.01),
        ),
    ];
    for l in 0..cfg.n_layer {
        v.extend(block_specs(cfg, l));
    }
    v.push(ParamSpec::new("lnf.g".into(), &[cfg.d_model], Init::Ones));
    v.push(ParamSpec::new("lnf.b".into(), &[cfg.d_model], Init::Zeros));
    v
}

/// Initial values, one independent random stream per parameter, keyed by its name (so adding a
/// parameter does not change the others).
pub fn init_values(specs: &[ParamSpec], seed: u64) -> Vec<Vec<f32>> {
    specs
        .iter()
        .map(|s| match s.init {
            Init::Zeros => vec![0.0; s.numel()],
            Init::Ones => vec![1.0; s.numel()],
            Init::Normal(std) => Rng::new(
                seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    .wrapping_add(name_hash(&s.name)),
            )
            .normal_vec(s.numel(), std),
        })
        .collect()
}

/// FNV-1a of a parameter name: the key of its initial values.
fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_and_init() {
        let cfg = ModelConfig::tiny();
        let specs = model_specs(&cfg);
        assert_eq!(specs.len(), 2 + 12 * cfg.n_layer + 2);
        let vals = init_values(&specs, 3);
        assert_eq!(vals, init_values(&specs, 3));
        let wte = &vals[0];
        let mean = wte.iter().sum::<f32>() / wte.len() as f32;
        let std = (wte.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / wte.len() as f32).sqrt();
        assert!(
            mean.abs() < 2e-3 && (std - 0.02).abs() < 2e-3,
            "mean {mean} std {std}"
        );
        assert!(vals[2].iter().all(|&x| x == 1.0));
        assert!(!specs[2].decay && specs[4].decay);
    }
}
