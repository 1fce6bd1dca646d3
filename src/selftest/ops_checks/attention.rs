//! Causal attention, forward (`out` and the probabilities `att`) and backward (`dqkv` from the
//! reference probabilities), for each kernel family: the register kernels (`v32`, head width
//! `D <= 32`, `vec4` and scalar), the private-array fused kernels (`fused`, `32 < D <= 64`)
//! and the generic matmul + softmax path (`generic`, `D > 64`).

use crate::error::{Error, Result};
use crate::gpu::Gpu;
use crate::ops::attention::{
    attention_backward, attention_backward_cpu, attention_forward, attention_forward_cpu,
    uses_fused, AttentionBuffers, AttentionDims, FUSED_MAX_D,
};
use crate::selftest::{Check, Compare};
use crate::testing::{random_vec, upload, Tolerance};

use super::compared;

const fn dims(b: usize, t: usize, c: usize, h: usize) -> AttentionDims {
    AttentionDims { b, t, c, h }
}

/// `(variant, shapes)`; each shape's head width `C / H` falls in the variant's range. Every head
/// width is a pipeline of its own (seconds to compile on a CPU adapter), so few are used.
const CASES: &[(&str, &[AttentionDims])] = &[
    (
        "v32",
        &[
            dims(2, 13, 24, 3), // D = 8, vec4 loads
            dims(1, 70, 10, 2), // D = 5 (scalar), T above the softmax workgroup
            dims(1, 1, 8, 1),   // T = 1
            dims(2, 45, 16, 2), // T not a multiple of the workgroup
            dims(1, 21, 64, 2), // D = 32, the widest register head
        ],
    ),
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

pub fn checks() -> Vec<Check> {
    let mut out = Vec::new();
    for &(variant, shapes) in CASES {
        out.push(Check::new(
            "attention",
            format!("attention.forward.{variant}"),
            move |gpu| {
                Box::pin(async move {
                    compared(async |cmp| {
                        for (i, d) in shapes.iter().enumerate() {
                            forward_case(gpu, cmp, variant, *d, 10 + i as u64).await?;
                        }
                        Ok(())
                    })
                    .await
                })
            },
        ));
        out.push(Check::new(
            "attention",
            format!("attention.backward.{variant}"),
            move |gpu| {
                Box::pin(async move {
                    compared(async |cmp| {
                        for (i, d) in shapes.iter().enumerate() {
                            backward_case(gpu, cmp, variant, *d, 20 + i as u64).await?;
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
        "v32" => hd <= 32,
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

async fn forward_case(
    gpu: &Gpu,
    cmp: &mut Compare,
    variant: &str,
    d: AttentionDims,
    seed: u64,
) -> Result<()> {
    check_variant(variant, &d)?;
    let x = qkv(&d, seed);
    let (want_out, want_att) = attention_forward_cpu(&d, &x)?;
    let bufs = AttentionBuffers::new(gpu, d.b, d.t, d.c, d.h)?;
    // Junk in the outputs and the scratch: everything must be overwritten.
    bufs.att
        .write_f32(gpu, &random_vec(seed + 90, bufs.att.numel()))?;
    bufs.datt
        .write_f32(gpu, &random_vec(seed + 91, bufs.datt.numel()))?;
    let tqkv = upload(gpu, &x, "qkv")?;
    let tout = upload(gpu, &random_vec(seed + 92, want_out.len()), "out")?;
    gpu.run(&attention_forward(gpu, &tqkv, &tout, &bufs)?)?;
    let tol = Tolerance::F32_LOOSE;
    cmp.check(
        &format!("att {d:?}"),
        &bufs.att.read_f32(gpu).await?,
        &want_att,
        tol,
    )?;
    cmp.check(
        &format!("out {d:?}"),
        &tout.read_f32(gpu).await?,
        &want_out,
        tol,
    )
}

/// The backward alone: `att` holds the CPU reference probabilities, `datt` and `dqkv` junk.
async fn backward_case(
    gpu: &Gpu,
    cmp: &mut Compare,
    variant: &str,
    d: AttentionDims,
    seed: u64,
) -> Result<()> {
    check_variant(variant, &d)?;
    let x = qkv(&d, seed);
    let dout = random_vec(seed + 1, d.b * d.t * d.c);
    let (_, att) = attention_forward_cpu(&d, &x)?;
    let want = attention_backward_cpu(&d, &x, &dout)?;
    let bufs = AttentionBuffers::new(gpu, d.b, d.t, d.c, d.h)?;
    bufs.att.write_f32(gpu, &att)?;
    bufs.datt
        .write_f32(gpu, &random_vec(seed + 91, bufs.datt.numel()))?;
    let tqkv = upload(gpu, &x, "qkv")?;
    let tdout = upload(gpu, &dout, "dout")?;
    let tdqkv = upload(gpu, &random_vec(seed + 93, x.len()), "dqkv")?;
    gpu.run(&attention_backward(gpu, &tqkv, &tdout, &tdqkv, &bufs)?)?;
    cmp.check(
        &format!("dqkv {d:?}"),
        &tdqkv.read_f32(gpu).await?,
        &want,
        Tolerance::F32_LOOSE,
    )
}
