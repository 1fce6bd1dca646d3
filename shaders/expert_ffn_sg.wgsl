// Subgroup loaders and entry points of the expert FFN GEMMs: each of the 8 invocations of a
// workgroup (one subgroup of 8) loads one A value per row group and subgroupBroadcast spreads
// it, so A is read once per subgroup instead of once per invocation. Appended to
// expert_ffn.wgsl by the registry (naga takes subgroup builtins without an `enable`); used only where the adapter's
// subgroup size is exactly 8.

var<private> rbase: array<u32, 4>;
var<private> lane_id: u32;

fn setup_rows(lane: u32, r0: u32, nrows: u32) {
    lane_id = lane;
    for (var g = 0u; g < 4u; g++) {
        let i = 8u * g + lane;
        rbase[g] = select(0u, row_base(r0 + i), i < nrows);
    }
}

fn spread(v: f32) -> array<f32, 8> {
    return array<f32, 8>(
        subgroupBroadcast(v, 0u), subgroupBroadcast(v, 1u), subgroupBroadcast(v, 2u),
        subgroupBroadcast(v, 3u), subgroupBroadcast(v, 4u), subgroupBroadcast(v, 5u),
        subgroupBroadcast(v, 6u), subgroupBroadcast(v, 7u));
}

// A[row 8g + j of the tile, kk] for j in 0..8.
fn rows8(g: u32, kk: u32) -> array<f32, 8> {
    return spread(a[rbase[g] + kk]);
}

// a[base + min(8g + j, am)] for j in 0..8.
fn cols8(base: u32, am: u32, g: u32) -> array<f32, 8> {
    return spread(a[base + min(8u * g + lane_id, am)]);
}

@compute @workgroup_size(8)
fn grouped_mm(@builtin(subgroup_invocation_id) lane: u32, @builtin(workgroup_id) wid: vec3<u32>) {
    grouped_mm_core(lane, wid.x, wid.y);
}

@compute @workgroup_size(8)
fn expert_wgrad(@builtin(subgroup_invocation_id) lane: u32, @builtin(workgroup_id) wid: vec3<u32>) {
    lane_id = lane;
    wgrad_core(lane, wid.x, wid.y);
}
