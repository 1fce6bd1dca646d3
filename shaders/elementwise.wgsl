// Element-wise ops on flat f32 arrays of length n (any length, shapes do not matter):
//   ew_add:   out = a + b          (residual stream)
//   ew_acc:   out += alpha * a     (gradient accumulation)
//   ew_scale: out *= alpha
//   ew_copy:  out = a
//   ew_fill:  out = value          (gradient zeroing)
// Gradients (used by the callers): add passes dout to both inputs; acc/scale multiply by alpha.
//
// Indexing: the launcher folds the workgroup grid into y beyond 65535 workgroups
// (Workgroups::linear), and every invocation walks a grid-stride loop, so any n works.

struct Params {
    n: u32,
    alpha: f32,
    value: f32,
    _pad: u32,
}

const WG: u32 = 256u;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;

@compute @workgroup_size(256)
fn ew_add(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    for (var i = flat_index(gid, nwg, WG); i < p.n; i += grid_stride(nwg, WG)) {
        out[i] = a[i] + b[i];
    }
}

@compute @workgroup_size(256)
fn ew_acc(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    for (var i = flat_index(gid, nwg, WG); i < p.n; i += grid_stride(nwg, WG)) {
        out[i] = out[i] + p.alpha * a[i];
    }
}

@compute @workgroup_size(256)
fn ew_scale(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    for (var i = flat_index(gid, nwg, WG); i < p.n; i += grid_stride(nwg, WG)) {
        out[i] = out[i] * p.alpha;
    }
}

@compute @workgroup_size(256)
fn ew_copy(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    for (var i = flat_index(gid, nwg, WG); i < p.n; i += grid_stride(nwg, WG)) {
        out[i] = a[i];
    }
}

@compute @workgroup_size(256)
fn ew_fill(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    for (var i = flat_index(gid, nwg, WG); i < p.n; i += grid_stride(nwg, WG)) {
        out[i] = p.value;
    }
}
