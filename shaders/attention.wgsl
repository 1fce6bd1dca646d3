// Causal multi-head self-attention: the softmax parts. The two matmuls of the forward
// (S = scale Q K^T, O = P V) and the four of the backward (dV = P^T dO, dP = dO V^T, dQ = dS K,
// dK = dS^T Q) run through matmul.wgsl; this file holds the row-wise kernels between them.
//
// Shapes: att and datt are (Z, T, T) with Z = B * H, rows contiguous. Row i of batch z holds
// the scores of query i against keys 0..T; only keys j <= i are attended (causal).
//
// Forward (in place on att): P[i, j] = exp(S[i, j] - m_i) / sum_{k <= i} exp(S[i, k] - m_i)
// for j <= i with m_i = max_{k <= i} S[i, k], and P[i, j] = 0 for j > i.
//
// Backward (in place on datt, reading att): with dP = dO V^T already in datt,
// dS[i, j] = scale * P[i, j] * (dP[i, j] - sum_k P[i, k] dP[i, k]) for j <= i, else 0.
// (Softmax Jacobian dP_ij/dS_ik = P_ij (delta_jk - P_ik); the scale is the derivative of
// S = scale * Q K^T folded in here so the two following matmuls need no alpha.)
//
// One workgroup per row; reductions are fixed-order tree sums, so results are deterministic.

struct Params {
    t: u32,        // sequence length T
    z: u32,        // batches B * H
    scale: f32,    // 1 / sqrt(D), used by the backward
    _pad: u32,
}

override WG: u32 = 64u;

@group(0) @binding(0) var<storage, read> att_in: array<f32>;
@group(0) @binding(1) var<storage, read_write> att: array<f32>;
@group(0) @binding(2) var<storage, read_write> datt: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;

var<workgroup> red: array<f32, 64>;

// Tree reduction of red[0..WG] (WG a power of two <= 64); op 0 = max, 1 = sum.
fn reduce(lid: u32, v: f32, op: u32) -> f32 {
    red[lid] = v;
    workgroupBarrier();
    for (var s = WG / 2u; s > 0u; s = s / 2u) {
        if (lid < s) {
            if (op == 0u) {
                red[lid] = max(red[lid], red[lid + s]);
            } else {
                red[lid] = red[lid] + red[lid + s];
            }
        }
        workgroupBarrier();
    }
    let r = red[0];
    workgroupBarrier();
    return r;
}

// Workgroup (i, z): row i of batch z.
@compute @workgroup_size(WG)
fn softmax_causal(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
    let i = wid.x;
    let z = wid.y;
    let lid = l.x;
    if (i >= p.t || z >= p.z) { return; }
    let base = (z * p.t + i) * p.t;
    var m = -3.4028235e38;
    for (var j = lid; j <= i; j += WG) {
        m = max(m, att[base + j]);
    }
    m = reduce(lid, m, 0u);
    var s = 0.0;
    for (var j = lid; j <= i; j += WG) {
        s += exp(att[base + j] - m);
    }
    s = reduce(lid, s, 1u);
    let inv = 1.0 / s;
    for (var j = lid; j < p.t; j += WG) {
        var v = 0.0;
        if (j <= i) { v = exp(att[base + j] - m) * inv; }
        att[base + j] = v;
    }
}

@compute @workgroup_size(WG)
fn softmax_causal_backward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
    let i = wid.x;
    let z = wid.y;
    let lid = l.x;
    if (i >= p.t || z >= p.z) { return; }
    let base = (z * p.t + i) * p.t;
    var s = 0.0;
    for (var j = lid; j <= i; j += WG) {
        s += att_in[base + j] * datt[base + j];
    }
    s = reduce(lid, s, 1u);
    for (var j = lid; j < p.t; j += WG) {
        var v = 0.0;
        if (j <= i) { v = p.scale * att_in[base + j] * (datt[base + j] - s); }
        datt[base + j] = v;
    }
}
