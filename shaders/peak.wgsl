// Peak-rate kernels of `evomoe bench` (src/bench/peak.rs): what the adapter does at best, to
// report every other kernel as a fraction of it.
//
//   peak_fma:  FMA-bound. Each invocation runs 8 independent vec4 chains
//              a_j = fma(a_j, m, c_j), `iters` times (32 scalar FMAs per iteration, 2 FLOPs
//              each), then writes the sum of its 32 lanes to out[flat id]. `m` comes from the
//              uniform (0.5 in practice), so the compiler can neither fold nor drop the chains;
//              the host checks every output against the same recurrence computed in f32
//              (a * 0.5 is exact, so a fused and an unfused FMA round the same way).
//   peak_fill: src[i] = (4i, 4i + 1, 4i + 2, 4i + 3), the copy kernel's input pattern.
//   peak_copy: dst[i] = src[i], vec4<u32>: 16 bytes read and 16 written per element.
//
// Indexing: the launcher folds the workgroup grid into y beyond 65535 workgroups
// (Workgroups::linear); the copy kernels walk a grid-stride loop, so any n works.

struct Params {
    // Chain iterations (peak_fma) or vec4 elements (peak_fill, peak_copy).
    n: u32,
    _pad0: u32,
    _pad1: u32,
    _pad2: u32,
    // The multiplier of every chain (0.5).
    m: vec4<f32>,
    // The addend of chain j is c + j.
    c: vec4<f32>,
}

const WG: u32 = 256u;

@group(0) @binding(0) var<storage, read_write> fma_out: array<f32>;
@group(0) @binding(1) var<storage, read> src: array<vec4<u32>>;
@group(0) @binding(2) var<storage, read_write> dst: array<vec4<u32>>;
@group(0) @binding(3) var<uniform> p: Params;

@compute @workgroup_size(256)
fn peak_fma(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let id = flat_index(gid, nwg, WG);
    // Start values depend on the invocation (id % 64) and the chain j: a_j = s + (0,1,2,3) + 4j.
    let s = vec4<f32>(f32(id % 64u)) + vec4<f32>(0.0, 1.0, 2.0, 3.0);
    var a0 = s;
    var a1 = s + 4.0;
    var a2 = s + 8.0;
    var a3 = s + 12.0;
    var a4 = s + 16.0;
    var a5 = s + 20.0;
    var a6 = s + 24.0;
    var a7 = s + 28.0;
    let m = p.m;
    let c0 = p.c;
    let c1 = p.c + 1.0;
    let c2 = p.c + 2.0;
    let c3 = p.c + 3.0;
    let c4 = p.c + 4.0;
    let c5 = p.c + 5.0;
    let c6 = p.c + 6.0;
    let c7 = p.c + 7.0;
    for (var i = 0u; i < p.n; i++) {
        a0 = fma(a0, m, c0);
        a1 = fma(a1, m, c1);
        a2 = fma(a2, m, c2);
        a3 = fma(a3, m, c3);
        a4 = fma(a4, m, c4);
        a5 = fma(a5, m, c5);
        a6 = fma(a6, m, c6);
        a7 = fma(a7, m, c7);
    }
    let t = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    fma_out[id] = (t.x + t.y) + (t.z + t.w);
}

@compute @workgroup_size(256)
fn peak_fill(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    for (var i = flat_index(gid, nwg, WG); i < p.n; i += grid_stride(nwg, WG)) {
        dst[i] = vec4<u32>(4u * i) + vec4<u32>(0u, 1u, 2u, 3u);
    }
}

@compute @workgroup_size(256)
fn peak_copy(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    for (var i = flat_index(gid, nwg, WG); i < p.n; i += grid_stride(nwg, WG)) {
        dst[i] = src[i];
    }
}
