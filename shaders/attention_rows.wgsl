// Entry points of the register attention kernels (v32_* in attention.wgsl) without subgroups:
// each invocation loads every K / V / Q / dO row it reads itself, and loops run to its own rows'
// bounds. The subgroup twin is attention_sg.wgsl (same kernels, rows shared by broadcast).

// The head row at qkv[base ..] / dout[base ..], as the calling invocation needs it.
fn row_qkv(base: u32) -> V32 {
    return ld_qkv(base);
}

fn row_dout(base: u32) -> V32 {
    return ld_dout(base);
}

// Loop bounds: every invocation keeps its own.
fn uniform_end(x: u32) -> u32 {
    return x;
}

fn uniform_start(x: u32) -> u32 {
    return x;
}

// Workgroup (x, z) of FWG invocations: rows R (x FWG + lane) .. + R of batch z.
@compute @workgroup_size(FWG)
fn attention_v32_forward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    if (wid.y >= p.z) { return; }
    v32_forward(gid.x, wid.y);
}

@compute @workgroup_size(FWG)
fn attention_v32_backward_q(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    if (wid.y >= p.z) { return; }
    v32_backward_q(gid.x, wid.y);
}

@compute @workgroup_size(FWG)
fn attention_v32_backward_kv(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    if (wid.y >= p.z) { return; }
    v32_backward_kv(gid.x, wid.y);
}
