// EvoMoE spawn: writes E experts from one base tensor (rng.wgsl is prepended by the registry).
//   dst[e * numel + i] = keep(e, i) ? base[i] * scale : 0    (masked)
//   dst[e * numel + i] = base[i] * scale                      (unmasked: biases, or r = 0)
// keep(e, i) = uniform01(r[i % 4]) >= drop_rate, where
//   r = philox4x32((i / 4, e, layer, tensor), (seed_lo, seed_hi)),
// so a mask is a pure function of (seed, layer, tensor, e, i): the AdamW moments of a weight
// reuse its mask by passing the same key (with scale 1), and drop_rate = 0 keeps everything
// (uniform01 > 0). scale is 1 or 1 / (1 - drop_rate), chosen on the host.
// Shapes: base: numel f32; dst: E x numel f32. One invocation handles 4 consecutive elements of
// one expert (one Philox block): block b is expert b / blocks, elements 4 (b % blocks) .. + 3,
// blocks = ceil(numel / 4). The grid is folded into y (Workgroups::linear) and walked
// grid-stride.

struct Params {
    numel: u32,
    n_experts: u32,
    scale: f32,
    drop_rate: f32,
    masked: u32,
    seed_lo: u32,
    seed_hi: u32,
    layer: u32,
    tensor: u32,
    _pad0: u32,
    _pad1: u32,
    _pad2: u32,
}

const WG: u32 = 64u;

@group(0) @binding(0) var<storage, read> base: array<f32>;
@group(0) @binding(1) var<storage, read_write> dst: array<f32>;
@group(0) @binding(2) var<uniform> prm: Params;

@compute @workgroup_size(64)
fn spawn_experts(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let blocks = (prm.numel + 3u) / 4u;
    let total = blocks * prm.n_experts;
    for (var b = flat_index(gid, nwg, WG); b < total; b += grid_stride(nwg, WG)) {
        let e = b / blocks;
        let g = b % blocks;
        var r = vec4<u32>(0u);
        if (prm.masked != 0u) {
            r = philox4x32(vec4<u32>(g, e, prm.layer, prm.tensor),
                           vec2<u32>(prm.seed_lo, prm.seed_hi));
        }
        for (var k = 0u; k < 4u; k++) {
            let i = g * 4u + k;
            if (i < prm.numel) {
                var v = 0.0;
                if (prm.masked == 0u || uniform01(r[k]) >= prm.drop_rate) {
                    v = base[i] * prm.scale;
                }
                dst[e * prm.numel + i] = v;
            }
        }
    }
}
