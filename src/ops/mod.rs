//! The ops: one module per WGSL file, each with its parameter struct (mirroring the WGSL
//! uniform), a CPU reference with f64 accumulation, the hand-derived gradient in its header
//! comment, and GPU launchers that return replayable [`crate::gpu::Dispatch`]es.

pub mod adamw;
pub mod attention;
pub mod cross_entropy;
pub mod dropout;
pub mod elementwise;
pub mod embedding;
pub mod gelu;
pub mod layernorm;
pub mod matmul;
pub mod rng;
pub mod top_k;

use crate::error::{Error, Result};
use crate::gpu::{DType, Tensor};

/// `flag` if `on`, else 0: one bit of a uniform's `flags` word, written by its name
/// (`flag_if(trans_a, FLAG_TRANS_A) | flag_if(bias, FLAG_BIAS)`).
pub(crate) fn flag_if(on: bool, flag: u32) -> u32 {
    if on {
        flag
    } else {
        0
    }
}

/// Checks that `t` (the operand `what` of `op`) is f32 with exactly `len` elements.
pub(crate) fn expect_len(op: &str, what: &str, t: &Tensor, len: usize) -> Result<()> {
    expect_tensor(op, what, t, DType::F32, len)
}

/// Checks that `t` (the operand `what` of `op`) has element type `dtype` and exactly `numel`
/// elements: the one shape check every launcher uses.
pub(crate) fn expect_tensor(
    op: &str,
    what: &str,
    t: &Tensor,
    dtype: DType,
    numel: usize,
) -> Result<()> {
    expect_dtype(op, what, t, dtype)?;
    if t.numel() != numel {
        return Err(Error::shape(
            op,
            format!(
                "{what} has {} elements (shape {:?}), expected {numel}",
                t.numel(),
                t.shape
            ),
        ));
    }
    Ok(())
}

/// Checks that `t` (the operand `what` of `op`) has element type `dtype`.
pub(crate) fn expect_dtype(op: &str, what: &str, t: &Tensor, dtype: DType) -> Result<()> {
    if t.dtype != dtype {
        return Err(Error::shape(
            op,
            format!("{what} is {:?}, expected {dtype:?}", t.dtype),
        ));
    }
    Ok(())
}

/// Rejects binding the same buffer as an input (`read`) and an output (`write`) of one
/// dispatch: wgpu refuses a read-only and a read-write binding of one buffer.
pub(crate) fn expect_distinct(
    op: &str,
    read: (&str, &Tensor),
    write: (&str, &Tensor),
) -> Result<()> {
    if read.1.buffer == write.1.buffer {
        return Err(Error::shape(
            op,
            format!(
                "{} and {} are the same buffer; an op cannot read and write one tensor in the \
                 same dispatch (use a separate output tensor)",
                read.0, write.0
            ),
        ));
    }
    Ok(())
}
