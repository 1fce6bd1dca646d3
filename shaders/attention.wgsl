// Causal multi-head self-attention kernels.
//
// Shapes: qkv (B, T, 3C) with q, k, v in columns [0, C), [C, 2C), [2C, 3C) and head h in
// columns h*D .. (h+1)*D of each part; out / dout (B, T, C); att and datt are (Z, T, T) with
// Z = B * H (z = b * H + h), rows contiguous. Row i of batch z holds the scores of query i
// against keys 0..T; only keys j <= i are attended (causal).
//
// Forward: S = scale Q K^T, P[i, j] = exp(S[i, j] - m_i) / sum_{k <= i} exp(S[i, k] - m_i)
// for j <= i with m_i = max_{k <= i} S[i, k], P[i, j] = 0 for j > i, O = P V.
//
// Backward, given dO:
//   dV = P^T dO,  dP = dO V^T,
//   dS[i, j] = scale * P[i, j] * (dP[i, j] - sum_k P[i, k] dP[i, k]) for j <= i, else 0
//   (softmax Jacobian dP_ij/dS_ik = P_ij (delta_jk - P_ik); scale is the derivative of
//   S = scale * Q K^T folded in here), dQ = dS K, dK = dS^T Q.
//
// Two implementations:
// - Fused (head width D = HD <= MAXD): `attention_fused_forward` (one invocation per query row:
//   pass 1 the running max and sum of exp, pass 2 P (written to att) and O = P V);
//   `attention_fused_backward_q` (one invocation per query row: dP into datt, its row dot with
//   P, then dS into datt and dQ = dS K) and `attention_fused_backward_kv` (one invocation per
//   key row j: dV_j = sum_{i >= j} P_ij dO_i, dK_j = sum_{i >= j} dS_ij Q_i). Every sum runs
//   in a fixed order in one invocation: deterministic, no atomics. The masked upper triangle is
//   never computed (only written as zeros). HD is an override so the loops over the head width
//   have a constant trip count (unrolled, the per-row vectors stay in registers).
// - Generic (any D): the matmuls run through matmul.wgsl and the row-wise softmax kernels below
//   (`softmax_causal`, `softmax_causal_backward`, one workgroup per row with tree reductions).

struct Params {
    t: u32,        // sequence length T
    z: u32,        // batches B * H
    scale: f32,    // 1 / sqrt(D)
    h: u32,        // heads H
    c: u32,        // model width C = H * D
    _p0: u32,
    _p1: u32,
    _p2: u32,
}

override WG: u32 = 64u;
// Fused kernels: head width and workgroup size.
override HD: u32 = 16u;
override FWG: u32 = 32u;
const MAXD: u32 = 64u;

@group(0) @binding(0) var<storage, read> att_in: array<f32>;
@group(0) @binding(1) var<storage, read_write> att: array<f32>;
@group(0) @binding(2) var<storage, read_write> datt: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;
@group(0) @binding(4) var<storage, read> qkv: array<f32>;
@group(0) @binding(5) var<storage, read> dout: array<f32>;
// Forward: out (B, T, C); backward: dqkv (B, T, 3C).
@group(0) @binding(6) var<storage, read_write> res: array<f32>;

// Index of element 0 of head hh of part `part` (0 q, 1 k, 2 v) in row `row` of batch b.
fn qkv_at(b: u32, row: u32, part: u32, hh: u32) -> u32 {
    return (b * p.t + row) * 3u * p.c + part * p.c + hh * HD;
}

// Index of element 0 of head hh in row `row` of batch b of a (B, T, C) tensor.
fn btc_at(b: u32, row: u32, hh: u32) -> u32 {
    return (b * p.t + row) * p.c + hh * HD;
}

// Invocation (i, z): query row i of batch z = b * H + h.
@compute @workgroup_size(FWG)
fn attention_fused_forward(
    @builtin(global_invocation_id) gid: vec3<u32>,
    @builtin(workgroup_id) wid: vec3<u32>,
) {
    let i = gid.x;
    let z = wid.y;
    if (i >= p.t || z >= p.z) { return; }
    let b = z / p.h;
    let hh = z % p.h;
    var q: array<f32, MAXD>;
    let qb = qkv_at(b, i, 0u, hh);
    for (var d = 0u; d < HD; d++) { q[d] = qkv[qb + d] * p.scale; }
    // Pass 1: running max m and sum l of exp(s - m).
    var m = -3.4028235e38;
    var l = 0.0;
    for (var j = 0u; j <= i; j++) {
        let kb = qkv_at(b, j, 1u, hh);
        var s = 0.0;
        for (var d = 0u; d < HD; d++) { s += q[d] * qkv[kb + d]; }
        let mn = max(m, s);
        l = l * exp(m - mn) + exp(s - mn);
        m = mn;
    }
    // Pass 2: P and O = P V.
    let inv = 1.0 / l;
    let arow = (z * p.t + i) * p.t;
    var acc: array<f32, MAXD>;
    for (var j = 0u; j <= i; j++) {
        let kb = qkv_at(b, j, 1u, hh);
        var s = 0.0;
        for (var d = 0u; d < HD; d++) { s += q[d] * qkv[kb + d]; }
        let pj = exp(s - m) * inv;
        att[arow + j] = pj;
        let vb = kb + p.c;
        for (var d = 0u; d < HD; d++) { acc[d] += pj * qkv[vb + d]; }
    }
    for (var j = i + 1u; j < p.t; j++) { att[arow + j] = 0.0; }
    let ob = btc_at(b, i, hh);
    for (var d = 0u; d < HD; d++) { res[ob + d] = acc[d]; }
}

// Invocation (i, z): dS row i (into datt) and dQ_i (into dqkv).
@compute @workgroup_size(FWG)
fn attention_fused_backward_q(
    @builtin(global_invocation_id) gid: vec3<u32>,
    @builtin(workgroup_id) wid: vec3<u32>,
) {
    let i = gid.x;
    let z = wid.y;
    if (i >= p.t || z >= p.z) { return; }
    let b = z / p.h;
    let hh = z % p.h;
    var g: array<f32, MAXD>;
    let ob = btc_at(b, i, hh);
    for (var d = 0u; d < HD; d++) { g[d] = dout[ob + d]; }
    let arow = (z * p.t + i) * p.t;
    // dP_ij = dO_i . V_j (kept in datt), delta = sum_j P_ij dP_ij.
    var delta = 0.0;
    for (var j = 0u; j <= i; j++) {
        let vb = qkv_at(b, j, 2u, hh);
        var dp = 0.0;
        for (var d = 0u; d < HD; d++) { dp += g[d] * qkv[vb + d]; }
        datt[arow + j] = dp;
        delta += att_in[arow + j] * dp;
    }
    // dS_ij and dQ_i = sum_j dS_ij K_j.
    var dq: array<f32, MAXD>;
    for (var j = 0u; j <= i; j++) {
        let ds = p.scale * att_in[arow + j] * (datt[arow + j] - delta);
        datt[arow + j] = ds;
        let kb = qkv_at(b, j, 1u, hh);
        for (var d = 0u; d < HD; d++) { dq[d] += ds * qkv[kb + d]; }
    }
    for (var j = i + 1u; j < p.t; j++) { datt[arow + j] = 0.0; }
    let qb = qkv_at(b, i, 0u, hh);
    for (var d = 0u; d < HD; d++) { res[qb + d] = dq[d]; }
}

// Invocation (j, z): dK_j and dV_j (into dqkv), reading P and dS column j.
@compute @workgroup_size(FWG)
fn attention_fused_backward_kv(
    @builtin(global_invocation_id) gid: vec3<u32>,
    @builtin(workgroup_id) wid: vec3<u32>,
) {
    let j = gid.x;
    let z = wid.y;
    if (j >= p.t || z >= p.z) { return; }
    let b = z / p.h;
    let hh = z % p.h;
    var dk: array<f32, MAXD>;
    var dv: array<f32, MAXD>;
    for (var i = j; i < p.t; i++) {
        let a = (z * p.t + i) * p.t + j;
        let pij = att_in[a];
        let ds = datt[a];
        let ob = btc_at(b, i, hh);
        let qb = qkv_at(b, i, 0u, hh);
        for (var d = 0u; d < HD; d++) {
            dv[d] += pij * dout[ob + d];
            dk[d] += ds * qkv[qb + d];
        }
    }
    let kb = qkv_at(b, j, 1u, hh);
    for (var d = 0u; d < HD; d++) {
        res[kb + d] = dk[d];
        res[kb + p.c + d] = dv[d];
    }
}

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
