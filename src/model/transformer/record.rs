//! Recording the model's forward pass once, on the tape, with each op's backward bound next to
//! it. Every op reads its parameters from the typed blocks of [`crate::model::params`].
//!
//! The FFN of an MoE block is one tape node with a variant per way of computing it: `base` (the
//! dense base expert of EvoMoE's phase 1, `ffn1 -> gelu -> ffn2` as in a dense block),
//! `scattered` and `dense` (the MoE layer's two FFN paths, see [`crate::moe::layer`]). The model
//! selects one between steps.

use crate::error::Result;
use crate::gpu::{Dispatch, Gpu, Tensor};
use crate::graph::{Tape, Variant};
use crate::model::params::{LayerNorm, Linear};
use crate::model::transformer::{Model, NormActs, Param};
use crate::moe::expert_ffn::FfnPath;
use crate::ops::attention::{attention_backward, attention_forward};
use crate::ops::cross_entropy::cross_entropy;
use crate::ops::elementwise;
use crate::ops::embedding::{embedding_backward, embedding_forward};
use crate::ops::gelu::{gelu_backward, gelu_forward};
use crate::ops::layernorm::{layernorm_backward, layernorm_forward};
use crate::ops::matmul::{matmul, MatmulSpec};

/// `y (n, cout) = x (n, cin) W (cin, cout) + b`.
fn linear_forward(
    gpu: &Gpu,
    x: &Tensor,
    lin: &Linear<Param>,
    y: &Tensor,
    n: usize,
) -> Result<Dispatch> {
    let (w, b) = (&lin.w, &lin.b);
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
    lin: &Linear<Param>,
    dy: &Tensor,
    dx: Option<&Tensor>,
    ones: &Tensor,
) -> Result<Vec<Dispatch>> {
    let (w, b) = (&lin.w, &lin.b);
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

/// Layer norm `x -> acts.out` and its backward: `dx` from `dy`, accumulated into `dx` when
/// `accumulate` (the residual stream), gain and bias gradients `+=`.
#[allow(clippy::too_many_arguments)]
fn norm_node(
    gpu: &Gpu,
    x: &Tensor,
    ln: &LayerNorm<Param>,
    acts: &NormActs,
    dy: &Tensor,
    dx: &Tensor,
    accumulate: bool,
    n: usize,
    c: usize,
) -> Result<(Vec<Dispatch>, Vec<Dispatch>)> {
    let forward = layernorm_forward(
        gpu,
        x,
        &ln.g.value,
        &ln.b.value,
        &acts.out,
        &acts.mean,
        &acts.rstd,
        n,
        c,
        None,
    )?;
    let backward = layernorm_backward(
        gpu,
        x,
        &ln.g.value,
        &acts.mean,
        &acts.rstd,
        dy,
        dx,
        &ln.g.grad,
        &ln.b.grad,
        n,
        c,
        accumulate,
        None,
    )?;
    Ok((vec![forward], backward))
}

impl Model {
    /// Records the forward (and each op's backward) on the tape. Called once.
    pub(super) fn record(&mut self, gpu: &Gpu) -> Result<()> {
        let (b, t) = (self.batch, self.seq);
        let (n, c, v) = (b * t, self.cfg.d_model, self.cfg.vocab);
        let rows = self.cfg.embed_rows();
        let mut tape = Tape::new();
        let s = &self.scratch;
        let emb = &self.params.embedding;

        tape.record(
            "embedding",
            vec![embedding_forward(
                gpu,
                &self.tokens,
                &emb.wte.value,
                &emb.wpe.value,
                &self.resid[0],
                b,
                t,
                c,
                rows,
            )?],
            embedding_backward(
                gpu,
                &self.tokens,
                &s.dres,
                &emb.wte.grad,
                &emb.wpe.grad,
                b,
                t,
                c,
                rows,
            )?,
        );

        let mut moe_nodes = Vec::new();
        for (l, (blk, p)) in self.blocks.iter().zip(&self.params.blocks).enumerate() {
            let (x, x_next) = (&self.resid[l], &self.resid[l + 1]);
            // Attention half: dres = d mid on the way back.
            let (fwd, bwd) = norm_node(gpu, x, &p.ln1, &blk.ln1, &s.dln, &s.dres, true, n, c)?;
            tape.record(format!("h{l}.ln1"), fwd, bwd);
            tape.record(
                format!("h{l}.qkv"),
                vec![linear_forward(gpu, &blk.ln1.out, &p.qkv, &blk.qkv, n)?],
                linear_backward(gpu, &blk.ln1.out, &p.qkv, &s.dqkv, Some(&s.dln), &s.ones)?,
            );
            tape.record(
                format!("h{l}.attention"),
                attention_forward(gpu, &blk.qkv, &blk.att, &blk.att_bufs)?,
                attention_backward(gpu, &blk.qkv, &blk.att, &s.datt, &s.dqkv, &blk.att_bufs)?,
            );
            tape.record(
                format!("h{l}.attn_proj"),
                vec![linear_forward(gpu, &blk.att, &p.proj, &blk.proj, n)?],
                linear_backward(gpu, &blk.att, &p.proj, &s.dres, Some(&s.datt), &s.ones)?,
            );
            // Residual add: its gradient passes through `dres` unchanged.
            tape.record(
                format!("h{l}.resid1"),
                vec![elementwise::add(gpu, x, &blk.proj, &blk.mid)?],
                Vec::new(),
            );

            // FFN half: dres = d x_{l+1} on the way back, then += d(ln2 input) = d mid.
            let (fwd, bwd) =
                norm_node(gpu, &blk.mid, &p.ln2, &blk.ln2, &s.dln, &s.dres, true, n, c)?;
            tape.record(format!("h{l}.ln2"), fwd, bwd);
            let ln2 = &blk.ln2.out;
            // The dense FFN (a dense block, or the base expert of an EvoMoE block):
            // ln2 -> W1 + b1 -> h -> gelu -> hg -> W2 + b2 -> ffo; its backward writes dln.
            let dense = match (&blk.dense, &p.ffn) {
                (Some((h, hg)), Some(ffn)) => {
                    let fc1 = linear_forward(gpu, ln2, &ffn.fc1, h, n)?;
                    let gelu = gelu_forward(gpu, h, hg)?;
                    let fc2 = linear_forward(gpu, hg, &ffn.fc2, &blk.ffo, n)?;
                    let fc2_b = linear_backward(gpu, hg, &ffn.fc2, &s.dres, Some(&s.dhg), &s.ones)?;
                    let gelu_b = gelu_backward(gpu, h, &s.dhg, &s.dh)?;
                    let fc1_b = linear_backward(gpu, ln2, &ffn.fc1, &s.dh, Some(&s.dln), &s.ones)?;
                    Some([(fc1, fc1_b), (gelu, vec![gelu_b]), (fc2, fc2_b)])
                }
                _ => None,
            };
            match (&blk.moe, dense) {
                (None, Some([fc1, gelu, fc2])) => {
                    tape.record(format!("h{l}.ffn1"), vec![fc1.0], fc1.1);
                    tape.record(format!("h{l}.gelu"), vec![gelu.0], gelu.1);
                    tape.record(format!("h{l}.ffn2"), vec![fc2.0], fc2.1);
                }
                (Some(layer), dense) => {
                    let mut variants = Vec::new();
                    if let Some([fc1, gelu, fc2]) = dense {
                        variants.push(Variant {
                            name: BASE_VARIANT.into(),
                            forward: vec![fc1.0, gelu.0, fc2.0],
                            backward: fc2.1.into_iter().chain(gelu.1).chain(fc1.1).collect(),
                        });
                    }
                    variants.extend(
                        [FfnPath::Scattered, FfnPath::Dense]
                            .into_iter()
                            .filter_map(|path| layer.variant(path)),
                    );
                    moe_nodes.push(tape.record_variants(format!("h{l}.moe"), variants));
                }
                (None, None) => unreachable!("a block without an FFN"),
            }
            tape.record(
                format!("h{l}.resid2"),
                vec![elementwise::add(gpu, &blk.mid, &blk.ffo, x_next)?],
                Vec::new(),
            );
        }

        // Final norm: its backward starts the residual gradient (overwrite).
        let x_last = &self.resid[self.cfg.n_layer];
        let (fwd, bwd) = norm_node(
            gpu,
            x_last,
            &self.params.lnf,
            &self.lnf,
            &s.dln,
            &s.dres,
            false,
            n,
            c,
        )?;
        tape.record("lnf", fwd, bwd);
        // Tied output layer over the first V rows of wte (a masked LM's mask-token row is
        // never predicted): logits = lnf wte[0..V]^T; dlnf = dlogits wte[0..V];
        // dwte[0..V] += dlogits^T lnf. The cross-entropy's backward (recorded after, so it runs
        // first) leaves dlogits in the logits buffer: both matmuls read it from there.
        let wte = &emb.wte;
        tape.record(
            "lm_head",
            vec![matmul(
                gpu,
                &MatmulSpec::new(n, v, c, false, true),
                &self.lnf.out,
                &wte.value,
                None,
                &self.logits,
            )?],
            vec![
                matmul(
                    gpu,
                    &MatmulSpec::new(v, c, n, true, false).accumulate(),
                    &self.logits,
                    &self.lnf.out,
                    None,
                    &wte.grad,
                )?,
                matmul(
                    gpu,
                    &MatmulSpec::new(n, c, v, false, false),
                    &self.logits,
                    &wte.value,
                    None,
                    &s.dln,
                )?,
            ],
        );
        let ce = cross_entropy(
            gpu,
            &self.logits,
            &self.targets,
            &self.losses,
            &self.hits,
            &self.ce_rows,
            &self.loss_stats,
            1.0,
        )?;
        tape.record("cross_entropy", ce.forward, ce.backward);
        self.tape = tape;
        self.moe_nodes = moe_nodes;
        Ok(())
    }
}

/// The tape variant of an MoE node that runs EvoMoE's dense base expert.
pub(super) const BASE_VARIANT: &str = "base";
