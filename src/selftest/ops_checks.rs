//! Checks of the dense ops, one module per op: every forward and backward entry point, every
//! kernel variant, on several shapes including odd ones (1, 7, 127, 129, ...), each against the
//! op's CPU reference. The GPU-vs-CPU comparisons live only here; the tests under `tests/` run
//! them through `tests/selftest.rs`, and `tests/ops/` (one file per op, as here) keeps what is not
//! a comparison (finite differences of the CPU backwards, determinism, replays, rejected inputs).
//!
//! No op stores f16 today (every kernel reads and writes f32), so there are no f16 variants.

mod adamw;
mod attention;
mod cross_entropy;
mod dropout;
mod elementwise;
mod embedding;
mod gelu;
mod layernorm;
mod matmul;
pub mod rng;
mod top_k;

use crate::error::Result;
use crate::gpu::Gpu;
use crate::selftest::{Check, Compare, Verdict};

/// Every dense-op check, grouped by op.
pub fn checks() -> Vec<Check> {
    let mut out = matmul::checks();
    out.extend(layernorm::checks());
    out.extend(attention::checks());
    out.extend(elementwise::checks());
    out.extend(embedding::checks());
    out.extend(gelu::checks());
    out.extend(dropout::checks());
    out.extend(cross_entropy::checks());
    out.extend(top_k::checks());
    out.extend(adamw::checks());
    out.extend(rng::checks());
    out
}

/// Runs `body` with a fresh [`Compare`]; the pass verdict with its largest error.
async fn compared(body: impl AsyncFnOnce(&mut Compare) -> Result<()>) -> Result<Verdict> {
    let mut cmp = Compare::new();
    body(&mut cmp).await?;
    Ok(cmp.pass())
}

/// The verdict of a subgroup variant (the subgroup matmul, the attention `sg` build) on an
/// adapter without subgroups of at least 8 lanes.
fn needs_subgroups_of_8(gpu: &Gpu) -> Verdict {
    Verdict::NotAvailable(format!(
        "needs SUBGROUP with subgroups of at least 8 (adapter: subgroup feature {}, sizes {}..{})",
        gpu.has_subgroups(),
        gpu.info.subgroup_min_size,
        gpu.info.subgroup_max_size
    ))
}
