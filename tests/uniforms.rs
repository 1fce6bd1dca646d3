//! Every Rust struct that mirrors a WGSL uniform (`var<uniform> p: Params`) against naga's
//! layout of that struct: the same size (rounded to 16 bytes, as uniform buffers are) and every
//! named member at the same byte offset. Members whose names start with `_` are padding and
//! only count through the size. The table must cover every uniform struct of every registry
//! entry: a new kernel with a uniform and no mirror here fails.
//!
//! The named bits and codes the Rust side writes into those uniforms (`FLAG_*`, `MODE_*`,
//! `EPI_*`, ...) are checked the same way: each equals the WGSL constant of the same name.

use std::collections::BTreeSet;
use std::mem::{offset_of, size_of};

use evomoe::shaders::REGISTRY;

/// One Rust mirror: the registry entry and WGSL struct it mirrors, its size, and its named
/// fields with their offsets.
struct Mirror {
    shader: &'static str,
    wgsl: &'static str,
    size: usize,
    fields: Vec<(&'static str, usize)>,
}

/// `fields!(T: a, b)` is `vec![("a", offset_of!(T, a)), ("b", offset_of!(T, b))]`.
macro_rules! fields {
    ($t:ty: $($f:ident),*) => {
        vec![$((stringify!($f), offset_of!($t, $f))),*]
    };
}

fn mirrors() -> Vec<Mirror> {
    use evomoe::bench::peak::PeakParams;
    use evomoe::moe::expert_ffn::FfnParams;
    use evomoe::moe::gate::GateParams;
    use evomoe::moe::padded::PaddedParams;
    use evomoe::moe::route::RouteParams;
    use evomoe::moe::spawn::SpawnParams;
    use evomoe::ops::adamw::{AdamwParams, NormParams};
    use evomoe::ops::attention::AttentionParams;
    use evomoe::ops::cross_entropy::CrossEntropyParams;
    use evomoe::ops::dropout::DropoutParams;
    use evomoe::ops::elementwise::ElementwiseParams;
    use evomoe::ops::embedding::EmbeddingParams;
    use evomoe::ops::gelu::GeluParams;
    use evomoe::ops::layernorm::LayerNormParams;
    use evomoe::ops::matmul::MatmulParams;
    use evomoe::ops::top_k::TopKParams;
    use evomoe::selftest::ops_checks::rng::PhiloxTestParams;
    let m = |shader, wgsl, size, fields| Mirror {
        shader,
        wgsl,
        size,
        fields,
    };
    let matmul = || {
        fields!(MatmulParams: m, n, k, batch, lda, ldb, ldc, flags, inner, off_a, off_b, off_c,
            sa_outer, sa_inner, sb_outer, sb_inner, sc_outer, sc_inner, off_bias, alpha, beta)
    };
    let ffn = || fields!(FfnParams: k, kdim, ncols, lda, e, mdim, n, nk, flags);
    vec![
        m("matmul", "Params", size_of::<MatmulParams>(), matmul()),
        m(
            "matmul_subgroup",
            "Params",
            size_of::<MatmulParams>(),
            matmul(),
        ),
        m(
            "rng_test",
            "Params",
            size_of::<PhiloxTestParams>(),
            fields!(PhiloxTestParams: n, c1, c2, k0, k1),
        ),
        m(
            "attention",
            "Params",
            size_of::<AttentionParams>(),
            fields!(AttentionParams: t, z, scale, h, c),
        ),
        m(
            "attention_sg",
            "Params",
            size_of::<AttentionParams>(),
            fields!(AttentionParams: t, z, scale, h, c),
        ),
        m(
            "cross_entropy",
            "Params",
            size_of::<CrossEntropyParams>(),
            fields!(CrossEntropyParams: n, v, dloss_scale),
        ),
        m(
            "top_k",
            "Params",
            size_of::<TopKParams>(),
            fields!(TopKParams: v, k, row),
        ),
        m(
            "adamw",
            "Params",
            size_of::<AdamwParams>(),
            fields!(AdamwParams: n, flags, lr, beta1, beta2, eps, weight_decay, bc1, bc2),
        ),
        m(
            "adamw",
            "NormParams",
            size_of::<NormParams>(),
            fields!(NormParams: n, base, max_norm),
        ),
        m(
            "embedding",
            "Params",
            size_of::<EmbeddingParams>(),
            fields!(EmbeddingParams: b, t, c, v, ntile),
        ),
        m(
            "layernorm",
            "Params",
            size_of::<LayerNormParams>(),
            fields!(LayerNormParams: n, c, flags, nblk, eps),
        ),
        m(
            "gelu",
            "Params",
            size_of::<GeluParams>(),
            fields!(GeluParams: n),
        ),
        m(
            "elementwise",
            "Params",
            size_of::<ElementwiseParams>(),
            fields!(ElementwiseParams: n, alpha, value),
        ),
        m(
            "dropout",
            "Params",
            size_of::<DropoutParams>(),
            fields!(DropoutParams: n, p, scale, step, seed_lo, seed_hi, stream),
        ),
        m(
            "gate",
            "Params",
            size_of::<GateParams>(),
            fields!(GateParams: n_tokens, d_model, n_experts, k, kind, flags, vocab, seed_lo,
                seed_hi, gamma, balance_coef, z_coef, jitter),
        ),
        m(
            "spawn",
            "Params",
            size_of::<SpawnParams>(),
            fields!(SpawnParams: numel, n_experts, scale, drop_rate, masked, seed_lo, seed_hi,
                layer, tensor),
        ),
        m(
            "route",
            "Params",
            size_of::<RouteParams>(),
            fields!(RouteParams: n, k, nk, e, cap, nchunks, chunk, tile, groups_a, groups_b),
        ),
        m("expert_ffn", "Params", size_of::<FfnParams>(), ffn()),
        m("expert_ffn_sg", "Params", size_of::<FfnParams>(), ffn()),
        m(
            "peak",
            "Params",
            size_of::<PeakParams>(),
            fields!(PeakParams: n, m, c),
        ),
        m(
            "padded_ffn",
            "Params",
            size_of::<PaddedParams>(),
            fields!(PaddedParams: n, k, e, rows, d, f, cols, dense, e0),
        ),
    ]
}

fn module(shader: &str) -> naga::Module {
    let source = evomoe::shaders::source(shader).unwrap_or_else(|| panic!("no shader {shader}"));
    naga::front::wgsl::parse_str(source).unwrap_or_else(|e| panic!("{shader}: {e}"))
}

/// A WGSL struct as naga lays it out: its name, its members `(name, byte offset)`, its size.
type Layout = (String, Vec<(String, u32)>, u32);

/// Every struct bound as a uniform in `module`.
fn uniform_structs(module: &naga::Module) -> Vec<Layout> {
    let mut out = Vec::new();
    for (_, var) in module.global_variables.iter() {
        if var.space != naga::AddressSpace::Uniform {
            continue;
        }
        let ty = &module.types[var.ty];
        let naga::TypeInner::Struct { members, span } = &ty.inner else {
            panic!("uniform {:?} is not a struct", var.name);
        };
        let members = members
            .iter()
            .map(|m| (m.name.clone().unwrap_or_default(), m.offset))
            .collect();
        out.push((ty.name.clone().unwrap_or_default(), members, *span));
    }
    out
}

/// What differs between a Rust mirror and naga's layout of its WGSL struct.
fn problems(mirror: &Mirror) -> Vec<String> {
    let at = format!("{}::{}", mirror.shader, mirror.wgsl);
    let structs = uniform_structs(&module(mirror.shader));
    let Some((_, members, span)) = structs.iter().find(|s| s.0 == mirror.wgsl) else {
        return vec![format!("{at}: no such uniform struct")];
    };
    let mut errors = Vec::new();
    let round16 = |n: usize| n.div_ceil(16) * 16;
    if round16(mirror.size) != round16(*span as usize) {
        errors.push(format!(
            "{at}: Rust size {} bytes, WGSL {span}",
            mirror.size
        ));
    }
    for (name, offset) in members.iter().filter(|m| !m.0.starts_with('_')) {
        match mirror.fields.iter().find(|f| f.0 == name) {
            None => errors.push(format!("{at}: member `{name}` has no Rust field")),
            Some(&(_, rust)) if rust != *offset as usize => errors.push(format!(
                "{at}: `{name}` at byte {rust} in Rust, {offset} in WGSL"
            )),
            Some(_) => {}
        }
    }
    for (name, _) in &mirror.fields {
        if !members.iter().any(|m| m.0 == *name) {
            errors.push(format!(
                "{at}: Rust field `{name}` is not in the WGSL struct"
            ));
        }
    }
    errors
}

#[test]
fn every_uniform_mirror_matches_the_wgsl_layout() {
    let mirrors = mirrors();
    let mut errors: Vec<String> = mirrors.iter().flat_map(problems).collect();
    // Coverage: every uniform struct of every registry entry has a mirror.
    let covered: BTreeSet<(&str, &str)> = mirrors.iter().map(|m| (m.shader, m.wgsl)).collect();
    for entry in REGISTRY {
        for (name, _, _) in uniform_structs(&module(entry.name)) {
            if !covered.contains(&(entry.name, name.as_str())) {
                errors.push(format!(
                    "{}: uniform struct {name} has no Rust mirror in this test",
                    entry.name
                ));
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// The value of the WGSL `const name: u32` in `module`; `None` where there is no such constant
/// or it is not a plain u32 literal.
fn wgsl_u32(module: &naga::Module, name: &str) -> Option<u32> {
    let (_, c) = module
        .constants
        .iter()
        .find(|(_, c)| c.name.as_deref() == Some(name))?;
    match module.global_expressions[c.init] {
        naga::Expression::Literal(naga::Literal::U32(v)) => Some(v),
        _ => None,
    }
}

#[test]
fn flag_constants_match_the_wgsl_constants() {
    use evomoe::moe::expert_ffn::{Epilogue, EPI_SHIFT, FLAG_GATHER};
    use evomoe::moe::gate::{
        FLAG_GUMBEL_GATES, MASK_SEL, MASK_TOP, MODE_EVAL, MODE_HARD_TOP1, MODE_NOISE,
        STREAM_GUMBEL, STREAM_JITTER,
    };
    use evomoe::ops::adamw::{FLAG_CLIP, FLAG_DECAY};
    use evomoe::ops::matmul::{FLAG_BIAS, FLAG_TRANS_A, FLAG_TRANS_B};
    let matmul = [
        ("FLAG_TRANS_A", FLAG_TRANS_A),
        ("FLAG_TRANS_B", FLAG_TRANS_B),
        ("FLAG_BIAS", FLAG_BIAS),
    ];
    let ffn = [
        ("FLAG_GATHER", FLAG_GATHER),
        ("EPI_SHIFT", EPI_SHIFT),
        ("EPI_STORE", Epilogue::Store as u32),
        ("EPI_BIAS", Epilogue::Bias as u32),
        ("EPI_BIAS_GELU", Epilogue::BiasGelu as u32),
        ("EPI_GELU_GRAD", Epilogue::GeluGrad as u32),
    ];
    let table: Vec<(&str, &[(&str, u32)])> = vec![
        (
            "adamw",
            &[("FLAG_DECAY", FLAG_DECAY), ("FLAG_CLIP", FLAG_CLIP)],
        ),
        ("matmul", &matmul),
        ("matmul_subgroup", &matmul),
        (
            "gate",
            &[
                ("FLAG_GUMBEL_GATES", FLAG_GUMBEL_GATES),
                ("MODE_NOISE", MODE_NOISE),
                ("MODE_HARD_TOP1", MODE_HARD_TOP1),
                ("MODE_EVAL", MODE_EVAL),
                ("MASK_SEL", MASK_SEL),
                ("MASK_TOP", MASK_TOP),
                ("STREAM_GUMBEL", STREAM_GUMBEL),
                ("STREAM_JITTER", STREAM_JITTER),
            ],
        ),
        ("expert_ffn", &ffn),
        ("expert_ffn_sg", &ffn),
    ];
    let mut errors = Vec::new();
    for (shader, consts) in table {
        let module = module(shader);
        for &(name, rust) in consts {
            match wgsl_u32(&module, name) {
                Some(wgsl) if wgsl == rust => {}
                Some(wgsl) => errors.push(format!(
                    "{shader}: {name} is {rust} in Rust, {wgsl} in WGSL"
                )),
                None => errors.push(format!("{shader}: no `const {name}: u32` in the WGSL")),
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn a_wrong_mirror_is_reported() {
    // `Params { n: u32, _pad: .. }` of gelu.wgsl with `n` moved, a stray field and the wrong size.
    let bad = Mirror {
        shader: "gelu",
        wgsl: "Params",
        size: 32,
        fields: vec![("n", 4), ("extra", 8)],
    };
    let errors = problems(&bad);
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].contains("size"), "{errors:?}");
    assert!(errors[1].contains("`n` at byte 4"), "{errors:?}");
    assert!(errors[2].contains("`extra`"), "{errors:?}");
}
