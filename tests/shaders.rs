//! Shader validation with no GPU: every registry entry is parsed and validated by naga with the
//! capabilities its adapter class offers, and every entry point is translated to each backend's
//! language (SPIR-V for Vulkan, MSL for Metal, HLSL for DX12, GLSL for GL) with naga's writers,
//! so a shader one backend cannot compile fails here without that GPU.

use evomoe::shaders::REGISTRY;
use naga::valid::{
    Capabilities, ModuleInfo, ShaderStages, SubgroupOperationSet, ValidationFlags, Validator,
};

fn capabilities(needs: wgpu::Features) -> Capabilities {
    let mut caps = Capabilities::empty();
    if needs.contains(wgpu::Features::SUBGROUP) {
        caps |= Capabilities::SUBGROUP;
    }
    if needs.contains(wgpu::Features::SHADER_F16) {
        caps |= Capabilities::SHADER_FLOAT16;
    }
    caps
}

fn validate(name: &str, source: &str, caps: Capabilities) -> (naga::Module, ModuleInfo) {
    let module = naga::front::wgsl::parse_str(source)
        .unwrap_or_else(|e| panic!("{name}: WGSL parse error:\n{}", e.emit_to_string(source)));
    let mut v = Validator::new(ValidationFlags::all(), caps);
    if caps.contains(Capabilities::SUBGROUP) {
        v.subgroup_stages(ShaderStages::COMPUTE)
            .subgroup_operations(SubgroupOperationSet::all());
    }
    let info = v.validate(&module).unwrap_or_else(|e| {
        panic!(
            "{name}: naga validation error:\n{}",
            e.emit_to_string(source)
        )
    });
    (module, info)
}

#[test]
fn every_shader_validates_and_translates_to_every_backend() {
    assert!(!REGISTRY.is_empty());
    let mut translated = 0;
    for entry in REGISTRY {
        let source = evomoe::shaders::source(entry.name).unwrap();
        let caps = capabilities(entry.needs);
        let (module, info) = validate(entry.name, source, caps);
        assert!(
            !module.entry_points.is_empty(),
            "{}: no entry points",
            entry.name
        );
        for ep in &module.entry_points {
            let what = format!("{}::{}", entry.name, ep.name);
            let (m, i) = naga::back::pipeline_constants::process_overrides(
                &module,
                &info,
                Some((ep.stage, &ep.name)),
                &Default::default(),
            )
            .unwrap_or_else(|e| panic!("{what}: overrides: {e}"));
            // Vulkan
            let spv_opts = naga::back::spv::Options::default();
            let spv_pipe = naga::back::spv::PipelineOptions {
                shader_stage: ep.stage,
                entry_point: ep.name.clone(),
            };
            naga::back::spv::write_vec(&m, &i, &spv_opts, Some(&spv_pipe))
                .unwrap_or_else(|e| panic!("{what}: SPIR-V: {e}"));
            // Metal
            let msl_opts = naga::back::msl::Options {
                lang_version: (2, 4),
                fake_missing_bindings: true,
                ..Default::default()
            };
            let msl_pipe = naga::back::msl::PipelineOptions {
                entry_point: Some((ep.stage, ep.name.clone())),
                ..Default::default()
            };
            naga::back::msl::write_string(&m, &i, &msl_opts, &msl_pipe)
                .unwrap_or_else(|e| panic!("{what}: MSL: {e}"));
            // DX12
            let hlsl_opts = naga::back::hlsl::Options {
                shader_model: naga::back::hlsl::ShaderModel::V6_2,
                fake_missing_bindings: true,
                ..Default::default()
            };
            let hlsl_pipe = naga::back::hlsl::PipelineOptions {
                entry_point: Some((ep.stage, ep.name.clone())),
            };
            let mut hlsl = String::new();
            naga::back::hlsl::Writer::new(&mut hlsl, &hlsl_opts, &hlsl_pipe)
                .write(&m, &i, None)
                .unwrap_or_else(|e| panic!("{what}: HLSL: {e}"));
            // GL (skip entries that need features GL does not have: they never run there)
            if !entry
                .needs
                .intersects(wgpu::Features::SUBGROUP | wgpu::Features::SHADER_F16)
            {
                let glsl_opts = naga::back::glsl::Options {
                    version: naga::back::glsl::Version::Desktop(430),
                    ..Default::default()
                };
                let glsl_pipe = naga::back::glsl::PipelineOptions {
                    shader_stage: ep.stage,
                    entry_point: ep.name.clone(),
                    multiview: None,
                };
                let mut glsl = String::new();
                naga::back::glsl::Writer::new(
                    &mut glsl,
                    &m,
                    &i,
                    &glsl_opts,
                    &glsl_pipe,
                    Default::default(),
                )
                .and_then(|mut w| w.write())
                .unwrap_or_else(|e| panic!("{what}: GLSL: {e}"));
            }
            translated += 1;
        }
    }
    eprintln!("translated {translated} entry points to SPIR-V, MSL, HLSL and GLSL");
}

#[test]
fn validation_catches_a_broken_shader() {
    // The check above must be able to fail: a type error is rejected by naga.
    let bad = "@compute @workgroup_size(1) fn main() { let x: u32 = 1.5; }";
    let parsed = naga::front::wgsl::parse_str(bad);
    assert!(
        parsed.is_err()
            || Validator::new(ValidationFlags::all(), Capabilities::empty())
                .validate(&parsed.unwrap())
                .is_err()
    );
}
