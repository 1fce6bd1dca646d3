//! The model (dense or MoE, LM decoder or masked-LM encoder) on the CPU, composed from the ops' CPU references (f64
//! accumulation inside each op) and, in MoE blocks, the MoE layer's CPU reference
//! [`moe_layer_cpu`], with the same parameter order, layout and backward order as
//! [`crate::model::transformer::Model`]. The whole-model tests compare logits, loss and every parameter
//! gradient of the two.
//!
//! An MoE block computes `ffo = MoE(ln2)` with the layer's config from [`moe_config`] (the one
//! the GPU model builds) and the gate state of [`MoeRun`]; its backward takes `dy = dres` and
//! its `dx` goes into the ln2 backward like the dense FFN's `d ln2`. The layer reference
//! computes forward and backward in one call, so the backward calls it again with the real `dy`:
//! same input, state and noise, hence the same routing and output. The gate's backward includes
//! the gradients of its balance and z losses, as on the GPU; the returned loss is the mean
//! cross-entropy only. An EvoMoE model before its spawn runs its dense base expert
//! `h{l}.ffn.*` in the MoE blocks instead ([`MoeRun::base_expert`]). Gradients of parameters the
//! step does not use (the experts before the spawn, the base expert after it) are zeros.

use crate::error::{Error, Result};
use crate::model::config::ModelConfig;
use crate::model::params::{typed, Params};
use crate::model::transformer::moe_config;
use crate::moe::gate::{GateConfig, GateState};
use crate::moe::layer::{moe_layer_cpu, MoeConfig, MoeCpu, MoeValues};
use crate::ops::attention::{
    attention_backward_masked_cpu, attention_forward_masked_cpu, AttentionDims,
};
use crate::ops::cross_entropy::cross_entropy_cpu;
use crate::ops::elementwise::add_cpu;
use crate::ops::embedding::{embedding_backward_cpu, embedding_forward_cpu};
use crate::ops::gelu::{gelu_backward_cpu, gelu_forward_cpu};
use crate::ops::layernorm::{layernorm_backward_cpu, layernorm_forward_cpu};
use crate::ops::matmul::{matmul_cpu, MatmulSpec};
use crate::precision::{narrow, widen};

/// Logits, mean loss and every parameter gradient of one forward + backward.
#[derive(Clone, Debug)]
pub struct CpuGptResult {
    /// `(B * T, V)`.
    pub logits: Vec<f32>,
    /// Mean cross-entropy (no auxiliary losses).
    pub loss: f32,
    /// In `model_specs` order.
    pub grads: Vec<Vec<f32>>,
    /// Each MoE layer that ran (routing, gate statistics, dropped count), in block order; empty
    /// for a dense model and for the base expert.
    pub moe: Vec<MoeCpu>,
}

/// How the MoE blocks of a GPT-MoE compute in one step (ignored by a dense model).
#[derive(Clone, Copy, Debug)]
pub struct MoeRun {
    /// The state of every gate, as [`crate::model::transformer::Model::set_gates`] sets it on the GPU.
    pub gate: GateState,
    /// EvoMoE before its spawn (`Stage::BaseExpert`): MoE blocks run their base expert.
    pub base_expert: bool,
}

impl MoeRun {
    /// The model as `Model::new` builds it: gates in their initial state, an EvoMoE model before
    /// its spawn.
    pub fn initial(cfg: &ModelConfig) -> MoeRun {
        match &cfg.moe {
            Some(m) => MoeRun {
                gate: m.gate.initial_state(),
                base_expert: m.spawn.is_some(),
            },
            None => MoeRun {
                gate: GateConfig::dts().initial_state(),
                base_expert: false,
            },
        }
    }
}

/// `y (n, cout) = x (n, cin) w (cin, cout) + b`.
fn linear(x: &[f32], w: &[f32], b: &[f32], n: usize, cin: usize, cout: usize) -> Result<Vec<f32>> {
    let mut y = vec![0.0; n * cout];
    matmul_cpu(
        &MatmulSpec::new(n, cout, cin, false, false),
        x,
        w,
        Some(b),
        &mut y,
    )?;
    Ok(y)
}

/// `dw += x^T dy`, `db += colsum(dy)`; returns `dx = dy w^T`.
#[allow(clippy::too_many_arguments)]
fn linear_backward(
    x: &[f32],
    w: &[f32],
    dy: &[f32],
    dw: &mut [f32],
    db: &mut [f32],
    n: usize,
    cin: usize,
    cout: usize,
) -> Result<Vec<f32>> {
    matmul_cpu(
        &MatmulSpec::new(cin, cout, n, true, false).accumulate(),
        x,
        dy,
        None,
        dw,
    )?;
    for (j, d) in db.iter_mut().enumerate() {
        let s: f64 = (0..n).map(|i| dy[i * cout + j] as f64).sum();
        *d = (*d as f64 + s) as f32;
    }
    let mut dx = vec![0.0; n * cin];
    matmul_cpu(
        &MatmulSpec::new(n, cin, cout, false, true),
        dy,
        w,
        None,
        &mut dx,
    )?;
    Ok(dx)
}

/// The MoE layer of one block: its config and parameters.
struct MoeBlock {
    cfg: MoeConfig,
    values: MoeValues,
}

impl MoeBlock {
    /// The layer on `x = ln2 (N, C)` with upstream gradient `dy (N, C)`; `tokens (N)` are the
    /// model's input ids (the Hash gate's key).
    fn run(&self, gate: &GateState, x: &[f32], tokens: &[u32], dy: &[f32]) -> Result<MoeCpu> {
        moe_layer_cpu(
            &self.cfg,
            gate,
            tokens.len(),
            &widen(x),
            Some(tokens),
            &self.values,
            &widen(dy),
            None,
        )
    }
}

/// What the FFN half of a block saved for the backward.
enum SavedFfn {
    /// The dense FFN (a dense block or a base expert): `h, hg (N, F)`.
    Dense { h: Vec<f32>, hg: Vec<f32> },
    /// An MoE layer (recomputed with `dy` in the backward).
    Moe(MoeBlock),
}

/// Saved activations of one block.
struct Saved {
    x: Vec<f32>,
    ln1: Vec<f32>,
    qkv: Vec<f32>,
    att: Vec<f32>,
    mid: Vec<f32>,
    ln2: Vec<f32>,
    ffn: SavedFfn,
}

/// One forward and backward of the model as `Model::new` builds it ([`MoeRun::initial`]) on
/// `tokens`/`targets` (`b x t`, flattened).
pub fn gpt_reference(
    cfg: &ModelConfig,
    params: &[Vec<f32>],
    tokens: &[u32],
    targets: &[u32],
    b: usize,
    t: usize,
) -> Result<CpuGptResult> {
    gpt_moe_reference(cfg, params, tokens, targets, b, t, &MoeRun::initial(cfg))
}

/// One forward and backward of the model (dense or MoE, LM decoder or masked-LM encoder) on
/// `tokens`/`targets` (`b x t`, flattened), with the MoE blocks computing as `run` says.
pub fn gpt_moe_reference(
    cfg: &ModelConfig,
    params: &[Vec<f32>],
    tokens: &[u32],
    targets: &[u32],
    b: usize,
    t: usize,
    run: &MoeRun,
) -> Result<CpuGptResult> {
    let p = typed(cfg, params)?;
    let (n, c, f, v) = (b * t, cfg.d_model, cfg.d_ff, cfg.vocab);
    let rows = cfg.embed_rows();
    if tokens.len() != n || targets.len() != n {
        return Err(Error::shape(
            "gpt_reference",
            format!(
                "a batch of {b} x {t} needs {n} tokens and targets, got {} and {}",
                tokens.len(),
                targets.len()
            ),
        ));
    }
    if run.base_expert && cfg.moe.as_ref().is_none_or(|m| m.spawn.is_none()) {
        return Err(Error::Config(
            "gpt_reference: only an EvoMoE model has a base expert".into(),
        ));
    }
    let dims = AttentionDims {
        b,
        t,
        c,
        h: cfg.n_head,
    };
    let mask = cfg.attention_mask();

    // Forward.
    let emb = &p.embedding;
    let mut x = embedding_forward_cpu(tokens, &emb.wte, &emb.wpe, t, c, rows);
    let mut saved = Vec::new();
    for (l, blk) in p.blocks.iter().enumerate() {
        let ln1 = layernorm_forward_cpu(&x, &blk.ln1.g, &blk.ln1.b, n, c).0;
        let qkv = linear(&ln1, &blk.qkv.w, &blk.qkv.b, n, c, 3 * c)?;
        let att = attention_forward_masked_cpu(&dims, mask, None, &qkv)?.0;
        let proj = linear(&att, &blk.proj.w, &blk.proj.b, n, c, c)?;
        let mid = add_cpu(&x, &proj);
        let ln2 = layernorm_forward_cpu(&mid, &blk.ln2.g, &blk.ln2.b, n, c).0;
        let moe = cfg.moe.as_ref().filter(|m| m.is_moe_block(l));
        let (ffo, ffn) = match (moe, &blk.moe, &blk.ffn) {
            (Some(m), Some(mp), _) if !run.base_expert => {
                let layer = MoeBlock {
                    cfg: moe_config(cfg, m, l),
                    values: MoeValues {
                        w_g: mp.w_g.clone(),
                        w1: mp.w1.clone(),
                        b1: mp.b1.clone(),
                        w2: mp.w2.clone(),
                        b2: mp.b2.clone(),
                    },
                };
                let out = layer.run(&run.gate, &ln2, tokens, &vec![0.0; n * c])?;
                (narrow(&out.y), SavedFfn::Moe(layer))
            }
            (_, _, Some(ffn)) => {
                let h = linear(&ln2, &ffn.fc1.w, &ffn.fc1.b, n, c, f)?;
                let hg = gelu_forward_cpu(&h);
                let ffo = linear(&hg, &ffn.fc2.w, &ffn.fc2.b, n, f, c)?;
                (ffo, SavedFfn::Dense { h, hg })
            }
            _ => return Err(Error::Config(format!("block {l} has no FFN to run"))),
        };
        let next = add_cpu(&mid, &ffo);
        saved.push(Saved {
            x: std::mem::replace(&mut x, next),
            ln1,
            qkv,
            att,
            mid,
            ln2,
            ffn,
        });
    }
    let lnf = layernorm_forward_cpu(&x, &p.lnf.g, &p.lnf.b, n, c).0;
    // The output layer is tied to the first V rows of wte (a masked LM's mask row is not
    // predicted).
    let wte = &emb.wte;
    let mut logits = vec![0.0; n * v];
    matmul_cpu(
        &MatmulSpec::new(n, v, c, false, true),
        &lnf,
        wte,
        None,
        &mut logits,
    )?;
    let (_, dlogits, stats) = cross_entropy_cpu(&logits, targets, v, 1.0)?;

    // Backward, in the GPU tape's order.
    let mut g = Params::specs(cfg).map(|s| vec![0.0f32; s.numel()]);
    let mut dlnf = vec![0.0; n * c];
    matmul_cpu(
        &MatmulSpec::new(v, c, n, true, false).accumulate(),
        &dlogits,
        &lnf,
        None,
        &mut g.embedding.wte,
    )?;
    matmul_cpu(
        &MatmulSpec::new(n, c, v, false, false),
        &dlogits,
        wte,
        None,
        &mut dlnf,
    )?;
    let mut dres = vec![0.0; n * c];
    layernorm_backward_cpu(
        &x,
        &p.lnf.g,
        &dlnf,
        &mut dres,
        &mut g.lnf.g,
        &mut g.lnf.b,
        n,
        c,
        false,
    );
    // The MoE layers' results, last block first.
    let mut moe_out = Vec::new();
    for l in (0..cfg.n_layer).rev() {
        let (s, blk, gb) = (&saved[l], &p.blocks[l], &mut g.blocks[l]);

        // FFN half: dres = d x_{l+1}; the FFN gives d ln2.
        let dln2 = match (&s.ffn, &blk.ffn, &mut gb.ffn, &mut gb.moe) {
            (SavedFfn::Dense { h, hg }, Some(ffn), Some(gf), _) => {
                let (w2, b2) = (&mut gf.fc2.w, &mut gf.fc2.b);
                let dhg = linear_backward(hg, &ffn.fc2.w, &dres, w2, b2, n, f, c)?;
                let dh = gelu_backward_cpu(h, &dhg);
                let (w1, b1) = (&mut gf.fc1.w, &mut gf.fc1.b);
                linear_backward(&s.ln2, &ffn.fc1.w, &dh, w1, b1, n, c, f)?
            }
            (SavedFfn::Moe(layer), _, _, Some(gm)) => {
                let out = layer.run(&run.gate, &s.ln2, tokens, &dres)?;
                gm.w_g = narrow(&out.dw_g);
                gm.w1 = narrow(&out.dw1);
                gm.b1 = narrow(&out.db1);
                gm.w2 = narrow(&out.dw2);
                gm.b2 = narrow(&out.db2);
                let dln2 = narrow(&out.dx);
                moe_out.push(out);
                dln2
            }
            _ => unreachable!("the forward ran this block's FFN"),
        };

        // ln2 backward adds d mid to dres; then the attention half down to d x_l.
        let (ln2, ln1) = (&mut gb.ln2, &mut gb.ln1);
        layernorm_backward_cpu(
            &s.mid, &blk.ln2.g, &dln2, &mut dres, &mut ln2.g, &mut ln2.b, n, c, true,
        );
        let (wo, bo) = (&mut gb.proj.w, &mut gb.proj.b);
        let datt = linear_backward(&s.att, &blk.proj.w, &dres, wo, bo, n, c, c)?;
        let dqkv = attention_backward_masked_cpu(&dims, mask, None, &s.qkv, &datt)?;
        let (wq, bq) = (&mut gb.qkv.w, &mut gb.qkv.b);
        let dln1 = linear_backward(&s.ln1, &blk.qkv.w, &dqkv, wq, bq, n, c, 3 * c)?;
        layernorm_backward_cpu(
            &s.x, &blk.ln1.g, &dln1, &mut dres, &mut ln1.g, &mut ln1.b, n, c, true,
        );
    }
    moe_out.reverse();
    // wpe has `context` rows; the batch uses the first `t`.
    let ge = &mut g.embedding;
    embedding_backward_cpu(tokens, &dres, &mut ge.wte, &mut ge.wpe[..t * c], t, c, rows);
    Ok(CpuGptResult {
        logits,
        loss: stats[0],
        grads: g.list().into_iter().cloned().collect(),
        moe: moe_out,
    })
}
