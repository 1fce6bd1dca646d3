//! The shader registry: every WGSL file under `shaders/`, embedded with `include_str!`.
//!
//! An entry is one or more files joined in order. Every entry starts with `prelude.wgsl`, the
//! helpers many shaders share (`NONE`, `NEG_FLT_MAX`, the flat index of a folded grid, the
//! expert FFN's GELU), so no shader carries its own copy and none may define those names again;
//! a shader that draws random numbers then has `rng.wgsl`, then its own file. This is plain
//! concatenation of complete WGSL, not templating, so each entry is exactly what naga validates
//! in `tests/shaders.rs` and what the driver compiles. Tunables are WGSL `override` constants
//! set at pipeline creation.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One registry entry.
pub struct ShaderEntry {
    /// Registry name, used by launchers (`gpu.kernel("matmul", "matmul_tiled", ..)`).
    pub name: &'static str,
    /// Source files joined in order.
    pub parts: &'static [&'static str],
    /// Optional features the entry needs (`SUBGROUP`, `SHADER_F16`); kernels that need one are
    /// only launched on adapters that have it.
    pub needs: wgpu::Features,
}

/// The helpers every shader may use: the first part of every entry.
const PRELUDE: &str = include_str!("../shaders/prelude.wgsl");
const RNG: &str = include_str!("../shaders/rng.wgsl");
/// The workgroup tree reduction (`wg_reduce`) of the shaders that reduce within a workgroup.
const REDUCE: &str = include_str!("../shaders/reduce.wgsl");
/// Params, bindings and batch bases shared by the matmul kernels.
const MATMUL_COMMON: &str = include_str!("../shaders/matmul_common.wgsl");

/// Every shader in the crate.
pub const REGISTRY: &[ShaderEntry] = &[
    ShaderEntry {
        name: "matmul",
        parts: &[
            PRELUDE,
            MATMUL_COMMON,
            include_str!("../shaders/matmul.wgsl"),
        ],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "matmul_subgroup",
        parts: &[
            PRELUDE,
            include_str!("../shaders/b8.wgsl"),
            MATMUL_COMMON,
            include_str!("../shaders/matmul_subgroup.wgsl"),
        ],
        needs: wgpu::Features::SUBGROUP,
    },
    ShaderEntry {
        name: "rng_test",
        parts: &[PRELUDE, RNG, include_str!("../shaders/rng_test.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "attention",
        parts: &[
            PRELUDE,
            REDUCE,
            include_str!("../shaders/attention.wgsl"),
            include_str!("../shaders/attention_rows.wgsl"),
        ],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "attention_sg",
        parts: &[
            PRELUDE,
            REDUCE,
            include_str!("../shaders/attention.wgsl"),
            include_str!("../shaders/attention_sg.wgsl"),
        ],
        needs: wgpu::Features::SUBGROUP,
    },
    ShaderEntry {
        name: "cross_entropy",
        parts: &[
            PRELUDE,
            REDUCE,
            include_str!("../shaders/cross_entropy.wgsl"),
        ],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "top_k",
        parts: &[PRELUDE, include_str!("../shaders/top_k.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "adamw",
        parts: &[PRELUDE, REDUCE, include_str!("../shaders/adamw.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "embedding",
        parts: &[PRELUDE, include_str!("../shaders/embedding.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "layernorm",
        parts: &[PRELUDE, include_str!("../shaders/layernorm.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "gelu",
        parts: &[PRELUDE, include_str!("../shaders/gelu.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "elementwise",
        parts: &[PRELUDE, include_str!("../shaders/elementwise.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "dropout",
        parts: &[PRELUDE, RNG, include_str!("../shaders/dropout.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "gate",
        parts: &[PRELUDE, RNG, include_str!("../shaders/gate.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "spawn",
        parts: &[PRELUDE, RNG, include_str!("../shaders/spawn.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "route",
        parts: &[PRELUDE, include_str!("../shaders/route.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "expert_ffn",
        parts: &[
            PRELUDE,
            include_str!("../shaders/expert_ffn.wgsl"),
            include_str!("../shaders/expert_ffn_portable.wgsl"),
        ],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "expert_ffn_sg",
        parts: &[
            PRELUDE,
            include_str!("../shaders/expert_ffn.wgsl"),
            include_str!("../shaders/b8.wgsl"),
            include_str!("../shaders/expert_ffn_sg.wgsl"),
        ],
        needs: wgpu::Features::SUBGROUP,
    },
    ShaderEntry {
        name: "peak",
        parts: &[PRELUDE, include_str!("../shaders/peak.wgsl")],
        needs: wgpu::Features::empty(),
    },
    ShaderEntry {
        name: "padded_ffn",
        parts: &[PRELUDE, include_str!("../shaders/padded_ffn.wgsl")],
        needs: wgpu::Features::empty(),
    },
];

fn sources() -> &'static HashMap<&'static str, String> {
    static SOURCES: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        REGISTRY
            .iter()
            .map(|e| (e.name, e.parts.join("\n")))
            .collect()
    })
}

/// The full WGSL source of a registry entry.
pub fn source(name: &str) -> Option<&'static str> {
    sources().get(name).map(|s| s.as_str())
}

/// The `enable` directives a browser's WGSL compiler needs at the top of an entry that uses
/// optional features (`needs`). naga reads the sources natively without them (it rejects
/// `enable subgroups;`), so they are added only to what a browser compiles.
pub fn enable_directives(needs: wgpu::Features) -> String {
    let mut out = String::new();
    if needs.contains(wgpu::Features::SHADER_F16) {
        out.push_str("enable f16;\n");
    }
    if needs.contains(wgpu::Features::SUBGROUP) {
        out.push_str("enable subgroups;\n");
    }
    out
}

/// The registry entry called `name`.
pub fn entry(name: &str) -> Option<&'static ShaderEntry> {
    REGISTRY.iter().find(|e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_starts_with_the_prelude() {
        for e in REGISTRY {
            assert_eq!(e.parts.first(), Some(&PRELUDE), "{}", e.name);
            assert!(source(e.name).unwrap().starts_with(PRELUDE), "{}", e.name);
        }
    }

    #[test]
    fn browsers_get_an_enable_directive_per_needed_feature() {
        assert_eq!(enable_directives(wgpu::Features::empty()), "");
        assert_eq!(
            enable_directives(entry("matmul_subgroup").unwrap().needs),
            "enable subgroups;\n"
        );
        assert_eq!(
            enable_directives(wgpu::Features::SHADER_F16 | wgpu::Features::SUBGROUP),
            "enable f16;\nenable subgroups;\n"
        );
    }
}
