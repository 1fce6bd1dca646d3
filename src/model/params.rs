//! Parameter specifications and their deterministic initialisation (GPT-2 style).
//!
//! The list of parameters, their shapes and initial values are computed on the host from the
//! config, so the GPU model and the CPU reference model start from identical numbers. Weights are
//! stored `(in, out)` and compute `y = x W + b`.

use crate::model::config::GptConfig;
use crate::ops::rng::Rng;

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
}

impl ParamSpec {
    fn new(name: String, shape: &[usize], init: Init) -> ParamSpec {
        let decay = shape.len() >= 2;
        ParamSpec {
            name,
            shape: shape.to_vec(),
            init,
            decay,
        }
    }

    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }
}

/// The parameters of one dense block, in a fixed order.
pub fn block_specs(cfg: &GptConfig, layer: usize) -> Vec<ParamSpec> {
    let (c, f) = (cfg.d_model, cfg.d_ff);
    let std = 0.02;
    // Residual projections are scaled by 1/sqrt(2 * n_layer) (GPT-2).
    let proj_std = std / (2.0 * cfg.n_layer as f32).sqrt();
    let p = |n: &str| format!("h{layer}.{n}");
    vec![
        ParamSpec::new(p("ln1.g"), &[c], Init::Ones),
        ParamSpec::new(p("ln1.b"), &[c], Init::Zeros),
        ParamSpec::new(p("attn.w_qkv"), &[c, 3 * c], Init::Normal(std)),
        ParamSpec::new(p("attn.b_qkv"), &[3 * c], Init::Zeros),
        ParamSpec::new(p("attn.w_o"), &[c, c], Init::Normal(proj_std)),
        ParamSpec::new(p("attn.b_o"), &[c], Init::Zeros),
        ParamSpec::new(p("ln2.g"), &[c], Init::Ones),
        ParamSpec::new(p("ln2.b"), &[c], Init::Zeros),
        ParamSpec::new(p("ffn.w1"), &[c, f], Init::Normal(std)),
        ParamSpec::new(p("ffn.b1"), &[f], Init::Zeros),
        ParamSpec::new(p("ffn.w2"), &[f, c], Init::Normal(proj_std)),
        ParamSpec::new(p("ffn.b2"), &[c], Init::Zeros),
    ]
}

/// Every parameter of the model: `wte`, `wpe`, the blocks, the final norm. The output layer is
/// tied to `wte`.
pub fn gpt_specs(cfg: &GptConfig) -> Vec<ParamSpec> {
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

/// Initial values, one independent random stream per parameter (so adding a parameter does not
/// change the others).
pub fn init_values(specs: &[ParamSpec], seed: u64) -> Vec<Vec<f32>> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| match s.init {
            Init::Zeros => vec![0.0; s.numel()],
            Init::Ones => vec![1.0; s.numel()],
            Init::Normal(std) => Rng::new(
                seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    .wrapping_add(i as u64 + 1),
            )
            .normal_vec(s.numel(), std),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_and_init() {
        let cfg = GptConfig::tiny();
        let specs = gpt_specs(&cfg);
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
