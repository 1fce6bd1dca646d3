// Portable loaders and entry points of the expert FFN GEMMs (no subgroups): every invocation
// loads the A values of all 32 rows itself. Appended to expert_ffn.wgsl by the registry.

var<private> rbase: array<u32, 32>;

fn setup_rows(lane: u32, r0: u32, nrows: u32) {
    for (var i = 0u; i < 32u; i++) {
        rbase[i] = select(0u, row_base(r0 + i), i < nrows);
    }
}

// A[row 8g + j of the tile, kk] for j in 0..8.
fn rows8(g: u32, kk: u32) -> array<f32, 8> {
    let b = 8u * g;
    return array<f32, 8>(
        a[rbase[b] + kk], a[rbase[b + 1u] + kk], a[rbase[b + 2u] + kk], a[rbase[b + 3u] + kk],
        a[rbase[b + 4u] + kk], a[rbase[b + 5u] + kk], a[rbase[b + 6u] + kk], a[rbase[b + 7u] + kk]);
}

// a[base + min(8g + j, am)] for j in 0..8.
fn cols8(base: u32, am: u32, g: u32) -> array<f32, 8> {
    let b = 8u * g;
    return array<f32, 8>(
        a[base + min(b, am)], a[base + min(b + 1u, am)], a[base + min(b + 2u, am)],
        a[base + min(b + 3u, am)], a[base + min(b + 4u, am)], a[base + min(b + 5u, am)],
        a[base + min(b + 6u, am)], a[base + min(b + 7u, am)]);
}

@compute @workgroup_size(8)
fn grouped_mm(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    grouped_mm_core(lid.x, wid.y, wid.x);
}

@compute @workgroup_size(8)
fn expert_wgrad(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    wgrad_core(lid.x, wid.y, wid.x);
}
