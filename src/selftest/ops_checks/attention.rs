//! Attention, forward (`out` and the probabilities `att`) and backward (`dqkv` from the
//! reference probabilities and output), for each mask (causal: `attention.forward.v32`;
//! bidirectional, with and without key padding: `attention.forward.bidirectional.v32`) and each
//! kernel family: the register kernels (head width `D <= 32`, `vec4` and scalar; `v32` loading
//! every row per invocation, `sg` sharing rows by subgroup broadcast, not available without
//! subgroups of 8), the private-array fused kernels (`fused`, `32 < D <= 64`) and the generic
//! matmul + softmax path (`generic`, `D > 64`).

use crate::error::{Error, Result};
use crate::gpu::{Gpu, Tensor};
use crate::ops::attention::{
    attention_backward, attention_backward_masked_cpu, attention_forward,
    attention_forward_masked_cpu, subgroup_kernels_supported, uses_fused, AttentionBuffers,
    AttentionDims, AttentionMask, FUSED_MAX_D,
};
use crate::selftest::{Check, Compare};
use crate::testing::{random_vec, upload, Tolerance};

use super::{compared, needs_subgroups_of_8};

const fn dims(b: usize, t: usize, c: usize, h: usize) -> AttentionDims {
    AttentionDims { b, t, c, h }
}

/// The causal shapes of the register kernels (`v32` and `sg`).
const REGISTER: &[AttentionDims] = &[
    dims(2, 13, 24, 3), // D = 8, vec4 loads
    dims(1, 70, 10, 2), // D = 5 (scalar), T above the softmax workgroup
    dims(1, 1, 8, 1),   // T = 1
    dims(2, 45, 16, 2), // T not a multiple of the workgroup
    dims(1, 21, 64, 2), // D = 32, the widest register head
];

/// `(variant, shapes)`; each shape's head width `C / H` falls in the variant's range. Every head
/// width is a pipeline of its own (seconds to compile on a CPU adapter), so few are used.
const CASES: &[(&str, &[AttentionDims])] = &[
    ("v32", REGISTER),
    ("sg", REGISTER),
    (
        "fused",
        &[
            dims(1, 33, 128, 2), // D = 64, the widest fused head
            dims(2, 9, 70, 2),   // D = 35, scalar loads
        ],
    ),
    (
        "generic",
        &[
            dims(1, 7, 66, 1),  // D = 66 > FUSED_MAX_D
            dims(2, 5, 130, 2), // D = 65
        ],
    ),
];

/// A bidirectional case: the shape and the key lengths `(B)` (`None`: every key valid).
type Padded = (AttentionDims, Option<&'static [u32]>);

/// The bidirectional cases of the register kernels (`v32` and `sg`).
const REGISTER_PADDED: &[Padded] = &[
    (dims(3, 13, 24, 3), Some(&[13, 10, 1])), // D = 8, vec4 loads
    (dims(1, 70, 10, 2), None),               // D = 5 (scalar), every key
    (dims(2, 21, 64, 2), None),               // D = 32
    (dims(3, 45, 64, 2), Some(&[45, 42, 0])), // D = 32, an empty sequence
];

/// `(variant, cases)` of the bidirectional mask, as [`CASES`]: each variant with and without
/// padding, lengths like `[T, T - 3, 1]` (a 4-row block of the register kernels cut by a
/// length), an empty sequence (`0`: zeros, no NaN) and a length above `T` (counts as `T`). The
/// lengths are data, not a pipeline: only each new head width compiles.
const BIDIRECTIONAL: &[(&str, &[Padded])] = &[
    ("v32", REGISTER_PADDED),
    ("sg", REGISTER_PADDED),
    (
        "fused",
        &[
            (dims(3, 33, 128, 2), Some(&[33, 30, 1])), // D = 64
            (dims(1, 33, 128, 2), None),
            (dims(3, 9, 70, 2), Some(&[9, 0, 6])), // D = 35, scalar loads
        ],
    ),
    (
        "generic",
        &[
            (dims(3, 70, 66, 1), Some(&[70, 67, 1])), // T above the softmax workgroup
            (dims(1, 7, 66, 1), None),
            (dims(3, 5, 130, 2), Some(&[7, 0, 2])), // D = 65; 7 > T counts as T
        ],
    ),
];

pub fn checks() -> Vec<Check> {
    let mut out = Vec::new();
    let causal = CASES.iter().map(|&(v, shapes)| {
        (
            AttentionMask::Causal,
            v,
            shapes.iter().map(|&d| (d, None)).collect(),
        )
    });
    let bidirectional = BIDIRECTIONAL
        .iter()
        .map(|&(v, cases)| (AttentionMask::Bidirectional, v, cases.to_vec()));
    for (mask, variant, cases) in causal.chain(bidirectional) {
        let name = match mask {
            AttentionMask::Causal => variant.to_string(),
            AttentionMask::Bidirectional => format!("bidirectional.{variant}"),
        };
        let fwd_cases: Vec<Padded> = cases;
        let bwd_cases = fwd_cases.clone();
        out.push(Check::new(
            "attention",
            format!("attention.forward.{name}"),
            move |gpu| {
                let cases = fwd_cases.clone();
                Box::pin(async move {
                    if variant == "sg" && !subgroup_kernels_supported(gpu) {
                        return Ok(needs_subgroups_of_8(gpu));
                    }
                    compared(async |cmp| {
                        for (i, &(d, lengths)) in cases.iter().enumerate() {
                            let case = Case::new(gpu, mask, variant, d, lengths)?;
                            case.forward(gpu, cmp, 10 + i as u64).await?;
                        }
                        Ok(())
                    })
                    .await
                })
            },
        ));
        out.push(Check::new(
            "attention",
            format!("attention.backward.{name}"),
            move |gpu| {
                let cases = bwd_cases.clone();
                Box::pin(async move {
                    if variant == "sg" && !subgroup_kernels_supported(gpu) {
                        return Ok(needs_subgroups_of_8(gpu));
                    }
                    compared(async |cmp| {
                        for (i, &(d, lengths)) in cases.iter().enumerate() {
                            let case = Case::new(gpu, mask, variant, d, lengths)?;
                            case.backward(gpu, cmp, 20 + i as u64).await?;
                        }
                        Ok(())
                    })
                    .await
                })
            },
        ));
    }
    out
}

/// Guards the table above: a shape whose head width is outside its variant's range would
/// silently test another kernel.
fn check_variant(variant: &str, d: &AttentionDims) -> Result<()> {
    let hd = d.d();
    let ok = match variant {
        "v32" | "sg" => hd <= 32,
        "fused" => hd > 32 && hd <= FUSED_MAX_D,
        _ => !uses_fused(d),
    };
    if ok {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "attention check table: {d:?} (D = {hd}) is not a `{variant}` shape"
        )))
    }
}

/// `qkv (B, T, 3C)` in (-2, 2), so the softmax is far from uniform.
fn qkv(d: &AttentionDims, seed: u64) -> Vec<f32> {
    random_vec(seed, d.b * d.t * 3 * d.c)
        .iter()
        .map(|x| 2.0 * x)
        .collect()
}

/// One shape under one mask: its buffers (holding the uploaded lengths, if any).
struct Case {
    d: AttentionDims,
    mask: AttentionMask,
    lengths: Option<&'static [u32]>,
    bufs: AttentionBuffers,
}

impl Case {
    fn new(
        gpu: &Gpu,
        mask: AttentionMask,
        variant: &str,
        d: AttentionDims,
        lengths: Option<&'static [u32]>,
    ) -> Result<Case> {
        check_variant(variant, &d)?;
        let tlen = match lengths {
            Some(l) => Some(Tensor::from_u32(gpu, &[d.b], l, "lengths")?),
            None => None,
        };
        let bufs = AttentionBuffers::with_mask(gpu, d.b, d.t, d.c, d.h, mask, tlen.as_ref())?
            .with_subgroups(gpu, variant == "sg")?;
        Ok(Case {
            d,
            mask,
            lengths,
            bufs,
        })
    }

    fn what(&self, array: &str) -> String {
        match self.lengths {
            Some(l) => format!("{array} {:?} {:?} lengths {l:?}", self.mask, self.d),
            None => format!("{array} {:?} {:?}", self.mask, self.d),
        }
    }

    async fn forward(&self, gpu: &Gpu, cmp: &mut Compare, seed: u64) -> Result<()> {
        let (d, bufs) = (&self.d, &self.bufs);
        let x = qkv(d, seed);
        let (want_out, want_att) = attention_forward_masked_cpu(d, self.mask, self.lengths, &x)?;
        // Junk in the outputs and the scratch: everything must be overwritten.
        bufs.att
            .write_f32(gpu, &random_vec(seed + 90, bufs.att.numel()))?;
        bufs.datt
            .write_f32(gpu, &random_vec(seed + 91, bufs.datt.numel()))?;
        let tqkv = upload(gpu, &x, "qkv")?;
        let tout = upload(gpu, &random_vec(seed + 92, want_out.len()), "out")?;
        gpu.run(&attention_forward(gpu, &tqkv, &tout, bufs)?)?;
        let tol = Tolerance::F32_LOOSE;
        cmp.check(
            &self.what("att"),
            &bufs.att.read_f32(gpu).await?,
            &want_att,
            tol,
        )?;
        cmp.check(
            &self.what("out"),
            &tout.read_f32(gpu).await?,
            &want_out,
            tol,
        )
    }

    /// The backward alone: `att` and `out` hold the CPU reference probabilities and output,
    /// `datt` and `dqkv` junk.
    async fn backward(&self, gpu: &Gpu, cmp: &mut Compare, seed: u64) -> Result<()> {
        let (d, bufs) = (&self.d, &self.bufs);
        let x = qkv(d, seed);
        let dout = random_vec(seed + 1, d.b * d.t * d.c);
        let (out, att) = attention_forward_masked_cpu(d, self.mask, self.lengths, &x)?;
        let want = attention_backward_masked_cpu(d, self.mask, self.lengths, &x, &dout)?;
        bufs.att.write_f32(gpu, &att)?;
        let tout = upload(gpu, &out, "out")?;
        bufs.datt
            .write_f32(gpu, &random_vec(seed + 91, bufs.datt.numel()))?;
        let tqkv = upload(gpu, &x, "qkv")?;
        let tdout = upload(gpu, &dout, "dout")?;
        let tdqkv = upload(gpu, &random_vec(seed + 93, x.len()), "dqkv")?;
        gpu.run(&attention_backward(
            gpu, &tqkv, &tout, &tdout, &tdqkv, bufs,
        )?)?;
        cmp.check(
            &self.what("dqkv"),
            &tdqkv.read_f32(gpu).await?,
            &want,
            Tolerance::F32_LOOSE,
        )
    }
}
