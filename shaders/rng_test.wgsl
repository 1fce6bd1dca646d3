// Writes philox4x32(counter = (i, p.c1, p.c2, 0), key = (p.k0, p.k1)) for i in 0..n, so tests can
// compare the WGSL Philox bit for bit with src/ops/rng.rs.
struct Params {
    n: u32,
    c1: u32,
    c2: u32,
    k0: u32,
    k1: u32,
}

@group(0) @binding(0) var<storage, read_write> out: array<vec4<u32>>;
@group(0) @binding(1) var<uniform> p: Params;

// Launched with Workgroups::linear(n, 64): the grid folds into y past 65,535 workgroups.
@compute @workgroup_size(64)
fn philox_fill(@builtin(global_invocation_id) gid: vec3<u32>,
               @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, 64u);
    if (i >= p.n) {
        return;
    }
    out[i] = philox4x32(vec4<u32>(i, p.c1, p.c2, 0u), vec2<u32>(p.k0, p.k1));
}
