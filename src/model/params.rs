//! Parameter specifications and their deterministic initialisation (GPT-2 style).
//!
//! The list of parameters, their shapes and initial values are computed on the host from the
//! config, so the GPU model and the CPU reference model start from identical numbers. Weights are
//! stored `(in, out)` and compute `y = x W + b`.
//!
//! The model code works with typed structs ([`Params`] and its blocks); the string names are the
//! tensor names of a checkpoint and nothing else.
//!
//! Names (also the tensor names of a checkpoint): `wte (V_in, C)` (`V_in = V + 1` for the masked-LM
//! task, whose mask token has a row but is never predicted), `wpe (T, C)`, per block `l`
//! `h{l}.ln1.g|b (C)`, `h{l}.attn.w_qkv (C, 3C)`, `h{l}.attn.b_qkv (3C)`, `h{l}.attn.w_o (C, C)`,
//! `h{l}.attn.b_o (C)`, `h{l}.ln2.g|b (C)`, the dense FFN `h{l}.ffn.w1 (C, F)`, `h{l}.ffn.b1 (F)`,
//! `h{l}.ffn.w2 (F, C)`, `h{l}.ffn.b2 (C)`, and in an MoE block the gate `h{l}.moe.w_g (C, E)` and
//! the experts `h{l}.moe.w1 (E, C, F)`, `h{l}.moe.b1 (E, F)`, `h{l}.moe.w2 (E, F, C)`,
//! `h{l}.moe.b2 (E, C)`; then `lnf.g|b (C)`. An EvoMoE block has both: its `ffn.*` tensors are
//! the base expert of phase 1.

use crate::error::{Error, Result};
use crate::model::config::ModelConfig;
use crate::ops::rng::Rng;

/// When a parameter is trained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamGroup {
    /// Every step (attention, norms, embeddings, dense FFNs).
    Shared,
    /// EvoMoE's base expert: phase 1 only.
    Base,
    /// Experts of MoE layers: after the spawn (from step 0 without a phase 1).
    Experts,
    /// Gates of MoE layers: trained with the experts; used by every token (all of it is active
    /// compute), and after EvoMoE's spawn its AdamW step count starts from the spawn.
    Gate,
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

/// A layer norm's gain `g (C)` and bias `b (C)`.
#[derive(Clone, Debug)]
pub struct LayerNorm<P> {
    pub g: P,
    pub b: P,
}

/// `y = x W + b`: `w (in, out)`, `b (out)`.
#[derive(Clone, Debug)]
pub struct Linear<P> {
    pub w: P,
    pub b: P,
}

/// Token table `wte (V_in, C)` (also the tied output layer) and positions `wpe (T, C)`.
#[derive(Clone, Debug)]
pub struct Embedding<P> {
    pub wte: P,
    pub wpe: P,
}

/// A dense FFN `fc2(gelu(fc1(x)))`: `fc1 (C -> F)`, `fc2 (F -> C)`.
#[derive(Clone, Debug)]
pub struct DenseFfn<P> {
    pub fc1: Linear<P>,
    pub fc2: Linear<P>,
}

/// An MoE layer: gate `w_g (C, E)`, experts `w1 (E, C, F)`, `b1 (E, F)`, `w2 (E, F, C)`,
/// `b2 (E, C)`.
#[derive(Clone, Debug)]
pub struct MoeFfn<P> {
    pub w_g: P,
    pub w1: P,
    pub b1: P,
    pub w2: P,
    pub b2: P,
}

/// One Transformer block: attention half (`ln1`, `qkv (C -> 3C)`, `proj (C -> C)`) and FFN half
/// (`ln2`, then a dense FFN, an MoE layer, or both: an EvoMoE block's dense FFN is its base
/// expert).
#[derive(Clone, Debug)]
pub struct Block<P> {
    pub ln1: LayerNorm<P>,
    pub qkv: Linear<P>,
    pub proj: Linear<P>,
    pub ln2: LayerNorm<P>,
    pub ffn: Option<DenseFfn<P>>,
    pub moe: Option<MoeFfn<P>>,
}

/// Every parameter of a model, typed by block. `P` is what each parameter is: a
/// [`ParamSpec`] ([`Params::specs`]), a GPU tensor pair (the model), host values (the CPU
/// reference, checkpoints). [`Params::list`] gives them in the one fixed order that every flat
/// list of parameters uses (checkpoints, `read_values`, the CPU reference's gradients).
#[derive(Clone, Debug)]
pub struct Params<P> {
    pub embedding: Embedding<P>,
    pub blocks: Vec<Block<P>>,
    pub lnf: LayerNorm<P>,
}

impl<P> LayerNorm<P> {
    fn list<'a>(&'a self, out: &mut Vec<&'a P>) {
        out.extend([&self.g, &self.b]);
    }
    fn map<Q>(&self, f: &mut impl FnMut(&P) -> Q) -> LayerNorm<Q> {
        LayerNorm {
            g: f(&self.g),
            b: f(&self.b),
        }
    }
}

impl<P> Linear<P> {
    fn list<'a>(&'a self, out: &mut Vec<&'a P>) {
        out.extend([&self.w, &self.b]);
    }
    fn map<Q>(&self, f: &mut impl FnMut(&P) -> Q) -> Linear<Q> {
        Linear {
            w: f(&self.w),
            b: f(&self.b),
        }
    }
}

impl<P> MoeFfn<P> {
    fn list<'a>(&'a self, out: &mut Vec<&'a P>) {
        out.extend([&self.w_g, &self.w1, &self.b1, &self.w2, &self.b2]);
    }
    fn map<Q>(&self, f: &mut impl FnMut(&P) -> Q) -> MoeFfn<Q> {
        MoeFfn {
            w_g: f(&self.w_g),
            w1: f(&self.w1),
            b1: f(&self.b1),
            w2: f(&self.w2),
            b2: f(&self.b2),
        }
    }
}

impl<P> Block<P> {
    fn list<'a>(&'a self, out: &mut Vec<&'a P>) {
        self.ln1.list(out);
        self.qkv.list(out);
        self.proj.list(out);
        self.ln2.list(out);
        if let Some(ffn) = &self.ffn {
            ffn.fc1.list(out);
            ffn.fc2.list(out);
        }
        if let Some(moe) = &self.moe {
            moe.list(out);
        }
    }
    fn map<Q>(&self, f: &mut impl FnMut(&P) -> Q) -> Block<Q> {
        Block {
            ln1: self.ln1.map(f),
            qkv: self.qkv.map(f),
            proj: self.proj.map(f),
            ln2: self.ln2.map(f),
            ffn: self.ffn.as_ref().map(|d| DenseFfn {
                fc1: d.fc1.map(f),
                fc2: d.fc2.map(f),
            }),
            moe: self.moe.as_ref().map(|m| m.map(f)),
        }
    }
}

impl<P> Params<P> {
    /// Every parameter in the fixed order: `wte`, `wpe`, each block (ln1, qkv, proj, ln2, dense
    /// FFN, MoE), `lnf`.
    pub fn list(&self) -> Vec<&P> {
        let mut out = vec![&self.embedding.wte, &self.embedding.wpe];
        for b in &self.blocks {
            b.list(&mut out);
        }
        self.lnf.list(&mut out);
        out
    }

    /// The same structure with every parameter mapped by `f`, called in [`Params::list`] order.
    pub fn map<Q>(&self, mut f: impl FnMut(&P) -> Q) -> Params<Q> {
        let f = &mut f;
        Params {
            embedding: Embedding {
                wte: f(&self.embedding.wte),
                wpe: f(&self.embedding.wpe),
            },
            blocks: self.blocks.iter().map(|b| b.map(f)).collect(),
            lnf: self.lnf.map(f),
        }
    }

    /// [`Params::map`] with a fallible `f`, called in [`Params::list`] order: the first error
    /// is returned.
    pub fn try_map<Q>(&self, mut f: impl FnMut(&P) -> Result<Q>) -> Result<Params<Q>> {
        let mut done = Vec::new();
        for p in self.list() {
            done.push(f(p)?);
        }
        let mut it = done.into_iter();
        Ok(self.map(|_| it.next().expect("map and list visit in the same order")))
    }
}

impl Params<ParamSpec> {
    /// The parameters of `cfg`: names (the checkpoint's tensor names), shapes, initialisation,
    /// decay and training group.
    pub fn specs(cfg: &ModelConfig) -> Params<ParamSpec> {
        let (c, f) = (cfg.d_model, cfg.d_ff);
        let std = 0.02;
        // Residual projections are scaled by 1/sqrt(2 * n_layer) (GPT-2).
        let proj_std = std / (2.0 * cfg.n_layer as f32).sqrt();
        let norm = |name: String| LayerNorm {
            g: ParamSpec::new(format!("{name}.g"), &[c], Init::Ones),
            b: ParamSpec::new(format!("{name}.b"), &[c], Init::Zeros),
        };
        let linear = |w: String, b: String, cin: usize, cout: usize, std: f32| Linear {
            w: ParamSpec::new(w, &[cin, cout], Init::Normal(std)),
            b: ParamSpec::new(b, &[cout], Init::Zeros),
        };
        let blocks = (0..cfg.n_layer)
            .map(|l| {
                let p = |n: &str| format!("h{l}.{n}");
                let moe_spec = cfg.moe.as_ref().filter(|m| m.is_moe_block(l));
                let ffn_group = match moe_spec {
                    None => Some(ParamGroup::Shared),
                    Some(m) if m.spawn.is_some() => Some(ParamGroup::Base),
                    Some(_) => None,
                };
                let ffn = ffn_group.map(|g| DenseFfn {
                    fc1: linear(p("ffn.w1"), p("ffn.b1"), c, f, std)
                        .map(&mut |s| s.clone().in_group(g)),
                    fc2: linear(p("ffn.w2"), p("ffn.b2"), f, c, proj_std)
                        .map(&mut |s| s.clone().in_group(g)),
                });
                let moe = moe_spec.map(|m| {
                    let e = m.n_experts;
                    let gate_init = if m.gate_init_std > 0.0 {
                        Init::Normal(m.gate_init_std)
                    } else {
                        Init::Zeros
                    };
                    let x = |name: &str, shape: &[usize], init: Init| {
                        ParamSpec::new(p(name), shape, init).in_group(ParamGroup::Experts)
                    };
                    MoeFfn {
                        w_g: ParamSpec::new(p("moe.w_g"), &[c, e], gate_init)
                            .in_group(ParamGroup::Gate),
                        w1: x("moe.w1", &[e, c, f], Init::Normal(std)),
                        b1: x("moe.b1", &[e, f], Init::Zeros).no_decay(),
                        w2: x("moe.w2", &[e, f, c], Init::Normal(proj_std)),
                        b2: x("moe.b2", &[e, c], Init::Zeros).no_decay(),
                    }
                });
                Block {
                    ln1: norm(p("ln1")),
                    qkv: linear(p("attn.w_qkv"), p("attn.b_qkv"), c, 3 * c, std),
                    proj: linear(p("attn.w_o"), p("attn.b_o"), c, c, proj_std),
                    ln2: norm(p("ln2")),
                    ffn,
                    moe,
                }
            })
            .collect();
        Params {
            embedding: Embedding {
                wte: ParamSpec::new("wte".into(), &[cfg.embed_rows(), c], Init::Normal(0.02)),
                wpe: ParamSpec::new("wpe".into(), &[cfg.context, c], Init::Normal(0.01)),
            },
            blocks,
            lnf: norm("lnf".into()),
        }
    }
}

/// Every parameter of `cfg` in [`Params::list`] order.
pub fn model_specs(cfg: &ModelConfig) -> Vec<ParamSpec> {
    Params::specs(cfg).list().into_iter().cloned().collect()
}

/// A typed view of a flat list in [`Params::list`] order (checkpoint values, the CPU reference's
/// inputs); an error if the list does not have `cfg`'s length.
pub fn typed<T: Clone>(cfg: &ModelConfig, flat: &[T]) -> Result<Params<T>> {
    let specs = Params::specs(cfg);
    let n = specs.list().len();
    if flat.len() != n {
        return Err(Error::shape(
            "params",
            format!("{} parameter tensors given, the model has {n}", flat.len()),
        ));
    }
    let mut it = flat.iter();
    Ok(specs.map(|_| it.next().expect("length checked").clone()))
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
