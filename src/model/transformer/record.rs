//! Recording the GPT's step once: the forward pass on the tape with each op's backward bound next
//! to it, the gradient zeroing, the clipping and the AdamW updates.
//!
//! The FFN of an MoE block is one tape node with a variant per way of computing it: `base` (the
//! dense base expert of EvoMoE's phase 1, `ffn1 -> gelu -> ffn2` as in a dense block),
//! `scattered` and `dense` (the MoE layer's two FFN paths, see [`crate::moe::layer`]). The model
//! selects one between steps.

use crate::error::Result;
use crate::gpu::{Dispatch, Gpu, Tensor};
use crate::graph::{Tape, Variant};
use crate::model::params::ParamGroup;
use crate::model::transformer::{Model, Param, Stage};
use crate::moe::expert_ffn::FfnPath;
use crate::ops::adamw::{adamw, grad_norm};
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

impl Model {
    /// Records the forward (and each op's backward) on the tape, the gradient zeroing, clipping
    /// and AdamW updates. Called once.
    pub(super) fn record(&mut self, gpu: &Gpu) -> Result<()> {
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

        let mut moe_nodes = Vec::new();
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
                    None,
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
                    None,
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
                    None,
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
                    None,
                )?,
            );
            // The dense FFN (a dense block, or the base expert of an EvoMoE block):
            // ln2 -> W1 + b1 -> h -> gelu -> hg -> W2 + b2 -> ffo; its backward writes dln.
            let dense = match &blk.dense {
                Some((h, hg)) => {
                    let (w1, bb1) = (p("ffn.w1"), p("ffn.b1"));
                    let (w2, bb2) = (p("ffn.w2"), p("ffn.b2"));
                    let ffn1 = linear_forward(gpu, &blk.ln2, w1, bb1, h, n)?;
                    let gelu = gelu_forward(gpu, h, hg)?;
                    let ffn2 = linear_forward(gpu, hg, w2, bb2, &blk.ffo, n)?;
                    let ffn2_b = linear_backward(gpu, hg, w2, bb2, &s.dres, Some(&s.dhg), &s.ones)?;
                    let gelu_b = gelu_backward(gpu, h, &s.dhg, &s.dh)?;
                    let ffn1_b =
                        linear_backward(gpu, &blk.ln2, w1, bb1, &s.dh, Some(&s.dln), &s.ones)?;
                    Some([(ffn1, ffn1_b), (gelu, vec![gelu_b]), (ffn2, ffn2_b)])
                }
                None => None,
            };
            match (&blk.moe, dense) {
                (None, Some([ffn1, gelu, ffn2])) => {
                    tape.record(format!("h{l}.ffn1"), vec![ffn1.0], ffn1.1);
                    tape.record(format!("h{l}.gelu"), vec![gelu.0], gelu.1);
                    tape.record(format!("h{l}.ffn2"), vec![ffn2.0], ffn2.1);
                }
                (Some(layer), dense) => {
                    let mut variants = Vec::new();
                    if let Some([ffn1, gelu, ffn2]) = dense {
                        variants.push(Variant {
                            name: "base".into(),
                            forward: vec![ffn1.0, gelu.0, ffn2.0],
                            backward: ffn2.1.into_iter().chain(gelu.1).chain(ffn1.1).collect(),
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
                None,
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
                None,
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
        // One clipping program per stage, over the gradients that stage trains.
        let mut clips = Vec::new();
        for stage in [Stage::BaseExpert, Stage::Experts] {
            let grads: Vec<&Tensor> = self
                .params
                .iter()
                .filter(|p| stage.trains(p.spec.group))
                .map(|p| &p.grad)
                .collect();
            clips.push(grad_norm(
                gpu,
                &grads,
                &self.norm,
                self.adamw.max_grad_norm,
            )?);
        }
        self.tape = tape;
        self.moe_nodes = moe_nodes;
        self.zero_grads = zero_grads;
        self.clips = clips;
        self.updates = updates;
        Ok(())
    }
}

impl Stage {
    /// Whether parameters of `group` train in this stage.
    pub fn trains(self, group: ParamGroup) -> bool {
        match (self, group) {
            (_, ParamGroup::Shared) => true,
            (Stage::BaseExpert, g) => g == ParamGroup::Base,
            (Stage::Experts, g) => g == ParamGroup::Experts,
        }
    }
}
