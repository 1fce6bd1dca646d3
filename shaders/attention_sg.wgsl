// Entry points of the register attention kernels (v32_* in attention.wgsl) for CPU-backed
// Vulkan (lavapipe), built on subgroup broadcasts like matmul_subgroup.wgsl.
//
// Why: llvmpipe runs a workgroup as 8-wide SIMD lanes and every storage-buffer load is a scalar
// loop over the lanes. In the v32 kernels every lane of a loop iteration reads the same K / V
// (forward, dQ) or Q / dO (dK, dV) row: 8 vec4 loads per lane, the same addresses on every
// lane. Here a workgroup is one subgroup of FWG = 8 lanes, lane l loads only vec4 l of the row
// (elements 4l .. 4l + 3; zeros past the head width) and every lane receives the whole row
// with 8 subgroupBroadcasts: one vec4 load per lane instead of eight. The arithmetic is the
// v32 kernels' unchanged.
//
// Broadcasts need every lane of the subgroup active with the same trip count, so the loop
// bounds are the subgroup's widest (subgroupMax / subgroupMin of the lanes' own bounds; rows
// and keys past a lane's own are masked by `attends` as in the v32 kernels, and lanes past T
// run with no rows of their own). Needs subgroups of at least 8 holding a workgroup's 8
// invocations (the launcher checks the adapter's minimum subgroup size).

// The calling invocation's subgroup lane, set by the entry point.
var<private> lane: u32;

// The 32-wide row whose vec4 l lane l holds, for l = 0..7 (naga needs literal lane indices).
fn broadcast32(x: vec4<f32>) -> V32 {
    return V32(
        subgroupBroadcast(x, 0u), subgroupBroadcast(x, 1u), subgroupBroadcast(x, 2u), subgroupBroadcast(x, 3u),
        subgroupBroadcast(x, 4u), subgroupBroadcast(x, 5u), subgroupBroadcast(x, 6u), subgroupBroadcast(x, 7u),
    );
}

// The head row at qkv[base ..] / dout[base ..] (base the same on every lane).
fn row_qkv(base: u32) -> V32 {
    return broadcast32(qkv4v(base, lane));
}

fn row_dout(base: u32) -> V32 {
    return broadcast32(dout4v(base, lane));
}

// Loop bounds: the same on every lane of the subgroup.
fn uniform_end(x: u32) -> u32 {
    return subgroupMax(x);
}

fn uniform_start(x: u32) -> u32 {
    return subgroupMin(x);
}

// Workgroup (x, z) of FWG = 8 invocations: rows R (8 x + l) .. + R of batch z for lane l.
@compute @workgroup_size(FWG)
fn attention_sg_forward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(subgroup_invocation_id) l: u32) {
    if (wid.y >= p.z) { return; }
    lane = l;
    v32_forward(gid.x, wid.y);
}

@compute @workgroup_size(FWG)
fn attention_sg_backward_q(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(subgroup_invocation_id) l: u32) {
    if (wid.y >= p.z) { return; }
    lane = l;
    v32_backward_q(gid.x, wid.y);
}

@compute @workgroup_size(FWG)
fn attention_sg_backward_kv(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(subgroup_invocation_id) l: u32) {
    if (wid.y >= p.z) { return; }
    lane = l;
    v32_backward_kv(gid.x, wid.y);
}
