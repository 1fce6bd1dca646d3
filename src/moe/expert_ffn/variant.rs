//! The GEMM kernels of the scattered path: the portable ones (`shaders/expert_ffn.wgsl`) and
//! the subgroup ones (`shaders/expert_ffn_sg.wgsl`, generated), with the tile sizes the
//! generator reads from this file and the adapter check that picks between them.

use std::sync::OnceLock;

use crate::gpu::kernel::{reflect_bindings, BindKind};
use crate::gpu::Gpu;

/// Output columns per workgroup of the subgroup GEMMs: 8 lanes x 16. Read (and checked) by
/// scripts/gen/expert_ffn_sg.py, which writes `shaders/expert_ffn_sg.wgsl`.
const SUBGROUP_COLUMNS: usize = 128;

/// Rows of `dW` per `expert_wgrad` workgroup of the subgroup GEMMs: the accumulators
/// scripts/gen/expert_ffn_sg.py declares (it reads this line) and the `WG_ROWS` override.
const SUBGROUP_WGRAD_ROWS: usize = 64;

/// Which GEMM kernels the scattered path uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpertGemm {
    /// Every invocation loads its own A values (any adapter).
    Portable,
    /// A loaded once per subgroup of 8 and spread with `subgroupBroadcast`.
    Subgroup,
}

impl ExpertGemm {
    /// The best variant the adapter supports.
    pub fn best(gpu: &Gpu) -> ExpertGemm {
        if gpu.has_subgroups()
            && gpu.info.subgroup_min_size == 8
            && gpu.info.subgroup_max_size == 8
            && gpu.limits.max_storage_buffers_per_shader_stage >= subgroup_storage_bindings()
        {
            ExpertGemm::Subgroup
        } else {
            ExpertGemm::Portable
        }
    }

    /// Output columns per GEMM workgroup (`expert_ffn.wgsl`: 8 per lane; the subgroup kernels:
    /// 16 per lane).
    pub(super) fn columns(self) -> usize {
        match self {
            ExpertGemm::Portable => 64,
            ExpertGemm::Subgroup => SUBGROUP_COLUMNS,
        }
    }

    /// Rows of `dW` per `expert_wgrad` workgroup.
    pub(super) fn wgrad_rows(self) -> usize {
        match self {
            ExpertGemm::Portable => 32,
            ExpertGemm::Subgroup => SUBGROUP_WGRAD_ROWS,
        }
    }

    pub(super) fn shader(self) -> &'static str {
        match self {
            ExpertGemm::Portable => "expert_ffn",
            ExpertGemm::Subgroup => "expert_ffn_sg",
        }
    }
}

/// The most storage buffers any subgroup expert GEMM binds, read from the shader by naga
/// (`u32::MAX` if it cannot be reflected, which rules the variant out).
fn subgroup_storage_bindings() -> u32 {
    static COUNT: OnceLock<u32> = OnceLock::new();
    *COUNT.get_or_init(|| {
        let Some(src) = crate::shaders::source("expert_ffn_sg") else {
            return u32::MAX;
        };
        ["grouped_mm", "expert_wgrad"]
            .iter()
            .map(|entry| match reflect_bindings(src, entry) {
                Ok(r) => r
                    .used
                    .iter()
                    .filter(|b| b.kind != BindKind::Uniform)
                    .count() as u32,
                Err(_) => u32::MAX,
            })
            .max()
            .unwrap_or(u32::MAX)
    })
}
