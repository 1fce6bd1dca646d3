// Inverted dropout with a counter-based mask (rng.wgsl is prepended by the registry).
// Element i is kept iff uniform01(r) >= p, where r is component i % 4 of
//   philox4x32((i / 4, step, stream, DROPOUT_TAG), (seed_lo, seed_hi)),
// so the mask is a pure function of (seed, step, stream, i): reproducible, and the backward
// recomputes it instead of storing it.
//   forward:  out = keep ? x * scale : 0,    scale = 1 / (1 - p) (computed on the host)
//   backward: dx = keep ? dout * scale : 0   (dx overwritten)
// Shapes: x, out, dout, dx: n f32, any shape. One invocation handles 4 consecutive elements
// (one Philox block); the grid is folded into y (Workgroups::linear) and walked grid-stride.

struct Params {
    n: u32,
    p: f32,
    scale: f32,
    step: u32,
    seed_lo: u32,
    seed_hi: u32,
    stream: u32,
    _pad: u32,
}

const WG: u32 = 64u;
const DROPOUT_TAG: u32 = 0x44524F50u; // "DROP"

@group(0) @binding(0) var<storage, read> src: array<f32>;
@group(0) @binding(1) var<storage, read_write> dst: array<f32>;
@group(0) @binding(2) var<uniform> prm: Params;

@compute @workgroup_size(64)
fn dropout_apply(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let groups = (prm.n + 3u) / 4u;
    for (var g = flat_index(gid, nwg, WG); g < groups; g += grid_stride(nwg, WG)) {
        let r = philox4x32(vec4<u32>(g, prm.step, prm.stream, DROPOUT_TAG),
                           vec2<u32>(prm.seed_lo, prm.seed_hi));
        for (var k = 0u; k < 4u; k++) {
            let i = g * 4u + k;
            if (i < prm.n) {
                var v = 0.0;
                if (uniform01(r[k]) >= prm.p) {
                    v = src[i] * prm.scale;
                }
                dst[i] = v;
            }
        }
    }
}
