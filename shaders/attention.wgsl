// Multi-head self-attention kernels, causal or bidirectional with a key padding mask.
//
// Shapes: qkv (B, T, 3C) with q, k, v in columns [0, C), [C, 2C), [2C, 3C) and head h in
// columns h*D .. (h+1)*D of each part; out / dout (B, T, C); att and datt are (Z, T, T) with
// Z = B * H (z = b * H + h), rows contiguous; lengths (B) u32. Row i of batch z holds the
// scores of query i against keys 0..T; query i attends the keys j in A_i:
//   CAUSAL (override true):  A_i = { j <= i };
//   bidirectional (false):   A_i = { j < L_b }, L_b = min(lengths[b], T), the same set for every
//                            query row (rows i >= L_b included: they attend the valid keys).
//
// Forward: S = scale Q K^T, P[i, j] = exp(S[i, j] - m_i) / sum_{k in A_i} exp(S[i, k] - m_i)
// for j in A_i with m_i = max_{k in A_i} S[i, k], P[i, j] = 0 otherwise, O = P V. An empty
// A_i (L_b = 0) gives a zero row of P and O_i = 0 (the sum 0 is never divided by).
//
// Backward, given dO (and the forward's O):
//   dV = P^T dO,  dP = dO V^T,
//   dS[i, j] = scale * P[i, j] * (dP[i, j] - delta_i) for j in A_i, with
//   delta_i = sum_{k in A_i} P[i, k] dP[i, k] = sum_k P[i, k] dO_i . V_k = dO_i . O_i,
//   else 0 (softmax over A_i: dP_ij/dS_ik = P_ij (delta_jk - P_ik) for j, k in A_i; S_ik for
//   k outside A_i never enters P; scale is the derivative of S = scale * Q K^T folded in
//   here), dQ = dS K, dK = dS^T Q.
//
// Two implementations:
// - Fused (head width D = HD <= MAXD): a forward kernel per query row (pass 1 the running max
//   and sum of exp over keys j in A_i, pass 2 P (written to att, zeros outside A_i) and
//   O = P V), a backward kernel per query row (dP, then dS into datt and dQ = dS K) and one
//   per key row j (dV_j = sum_i P_ij dO_i, dK_j = sum_i dS_ij Q_i over the rows attending j:
//   i >= j causal, every i when j < L_b bidirectional, none for a padded key). Every sum runs in a fixed order in one invocation: deterministic, no atomics.
//   Masked entries are never computed. HD and CAUSAL are overrides, so loops over the head
//   width have a constant trip count and the choice of mask is folded away when the pipeline
//   is compiled (the causal kernels compute what they did before the bidirectional mask).
//   The fused kernels take delta_i = dO_i . O_i from the forward's output (binding o): one
//   pass over the keys instead of two, and dP never goes through memory.
//   Two variants:
//   v32_* (D <= 32): a head row is 8 named vec4s (constant indices, stays in registers),
//   R = 4 rows per invocation (each loaded K / V / Q / dO row serves 4 rows), vec4 loads when
//   VEC4. Their entry points are in a second file, one per way of loading the rows every lane
//   of a loop iteration shares: attention_rows.wgsl (attention_v32_*: each invocation loads
//   them) and attention_sg.wgsl (attention_sg_*: one vec4 per lane, spread by subgroup
//   broadcasts; CPU adapters). attention_fused_* (32 < D <= 64): private arrays, one row per
//   invocation.
// - Generic (any D): the matmuls run through matmul.wgsl and the row-wise softmax kernels below
//   (`softmax_masked`, `softmax_masked_backward`, one workgroup per row with tree reductions,
//   over the keys in A_i).

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
// qkv and dout again, as vec4s: the v32 kernels load through these when VEC4 (HD and C
// multiples of 4, so every head row starts on a vec4).
@group(0) @binding(7) var<storage, read> qkv4: array<vec4<f32>>;
@group(0) @binding(8) var<storage, read> dout4: array<vec4<f32>>;
override VEC4: bool = false;
// The mask: true causal, false bidirectional over the keys j < min(lengths[b], T). Each mask
// is its own pipeline; the causal ones never read `lengths`.
override CAUSAL: bool = true;
// (B) u32: the valid keys of each sequence (bidirectional). Bound under both masks.
@group(0) @binding(9) var<storage, read> lengths: array<u32>;
// Backward: the forward's output O (B, T, C), for delta_i = dO_i . O_i.
@group(0) @binding(10) var<storage, read> o: array<f32>;

// The keys batch b may attend: T under the causal mask (which cuts each row at its diagonal
// instead), L_b = min(lengths[b], T) under the bidirectional one.
fn key_len(b: u32) -> u32 {
    if (CAUSAL) { return p.t; }
    return min(lengths[b], p.t);
}

// Whether query row i attends key j (j in A_i); kl = key_len(b).
fn attends(i: u32, j: u32, kl: u32) -> bool {
    if (CAUSAL) { return j <= i; }
    return j < kl;
}

// A_i = keys 0 .. key_end(i, kl).
fn key_end(i: u32, kl: u32) -> u32 {
    if (CAUSAL) { return i + 1u; }
    return kl;
}

// The query rows that attend key j: query_start(j) .. query_end(j, kl) (i >= j causal, every
// row bidirectional; none for a key j >= kl).
fn query_start(j: u32) -> u32 {
    if (CAUSAL) { return j; }
    return 0u;
}

fn query_end(j: u32, kl: u32) -> u32 {
    if (CAUSAL) { return p.t; }
    return select(0u, p.t, j < kl);
}

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
    let kend = key_end(i, key_len(b));
    var q: array<f32, MAXD>;
    let qb = qkv_at(b, i, 0u, hh);
    for (var d = 0u; d < HD; d++) { q[d] = qkv[qb + d] * p.scale; }
    // Pass 1: running max m and sum l of exp(s - m) over the keys j in A_i.
    var m = NEG_FLT_MAX;
    var l = 0.0;
    for (var j = 0u; j < kend; j++) {
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
    for (var j = 0u; j < kend; j++) {
        let kb = qkv_at(b, j, 1u, hh);
        var s = 0.0;
        for (var d = 0u; d < HD; d++) { s += q[d] * qkv[kb + d]; }
        let pj = exp(s - m) * inv;
        att[arow + j] = pj;
        let vb = kb + p.c;
        for (var d = 0u; d < HD; d++) { acc[d] += pj * qkv[vb + d]; }
    }
    for (var j = kend; j < p.t; j++) { att[arow + j] = 0.0; }
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
    let kend = key_end(i, key_len(b));
    var g: array<f32, MAXD>;
    let ob = btc_at(b, i, hh);
    for (var d = 0u; d < HD; d++) { g[d] = dout[ob + d]; }
    let arow = (z * p.t + i) * p.t;
    // delta = sum_j P_ij dP_ij = dO_i . O_i.
    var delta = 0.0;
    for (var d = 0u; d < HD; d++) { delta += g[d] * o[ob + d]; }
    // dP_ij = dO_i . V_j, dS_ij and dQ_i = sum_j dS_ij K_j, over j in A_i.
    var dq: array<f32, MAXD>;
    for (var j = 0u; j < kend; j++) {
        let vb = qkv_at(b, j, 2u, hh);
        var dp = 0.0;
        for (var d = 0u; d < HD; d++) { dp += g[d] * qkv[vb + d]; }
        let ds = p.scale * att_in[arow + j] * (dp - delta);
        datt[arow + j] = ds;
        let kb = qkv_at(b, j, 1u, hh);
        for (var d = 0u; d < HD; d++) { dq[d] += ds * qkv[kb + d]; }
    }
    for (var j = kend; j < p.t; j++) { datt[arow + j] = 0.0; }
    let qb = qkv_at(b, i, 0u, hh);
    for (var d = 0u; d < HD; d++) { res[qb + d] = dq[d]; }
}

// Invocation (j, z): dK_j and dV_j (into dqkv), reading P and dS column j over the rows
// that attend key j.
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
    let iend = query_end(j, key_len(b));
    for (var i = query_start(j); i < iend; i++) {
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

// ---- Fused kernels for D = HD <= 32 with the row vectors in registers. ----
// A head row is a V32 (8 named vec4s, components >= HD are zero); every access has a constant
// index, so the rows stay in registers (private arrays indexed in a loop do not on every
// driver). Same algorithm as the kernels above, R rows per invocation.
struct V32 {
    a0: vec4<f32>,
    a1: vec4<f32>,
    a2: vec4<f32>,
    a3: vec4<f32>,
    a4: vec4<f32>,
    a5: vec4<f32>,
    a6: vec4<f32>,
    a7: vec4<f32>,
}

fn dot32(x: V32, y: V32) -> f32 {
    return dot(x.a0, y.a0) + dot(x.a1, y.a1) + dot(x.a2, y.a2) + dot(x.a3, y.a3) + dot(x.a4, y.a4) + dot(x.a5, y.a5) + dot(x.a6, y.a6) + dot(x.a7, y.a7);
}

fn axpy32(acc: V32, s: f32, x: V32) -> V32 {
    return V32(acc.a0 + s * x.a0, acc.a1 + s * x.a1, acc.a2 + s * x.a2, acc.a3 + s * x.a3, acc.a4 + s * x.a4, acc.a5 + s * x.a5, acc.a6 + s * x.a6, acc.a7 + s * x.a7);
}

fn scale32(x: V32, s: f32) -> V32 {
    return V32(x.a0 * s, x.a1 * s, x.a2 * s, x.a3 * s, x.a4 * s, x.a5 * s, x.a6 * s, x.a7 * s);
}

// Component c of a row at qkv[base ..] / dout[base ..] (0 for c >= HD; folded away).

fn lq(base: u32, c: u32) -> f32 {
    if (c < HD) { return qkv[base + c]; }
    return 0.0;
}

fn lo(base: u32, c: u32) -> f32 {
    if (c < HD) { return dout[base + c]; }
    return 0.0;
}

fn qkv4v(base: u32, a: u32) -> vec4<f32> {
    if (VEC4) {
        if (4u * a < HD) { return qkv4[base / 4u + a]; }
        return vec4<f32>();
    }
    return vec4<f32>(lq(base, 4u * a), lq(base, 4u * a + 1u), lq(base, 4u * a + 2u), lq(base, 4u * a + 3u));
}

fn ld_qkv(base: u32) -> V32 {
    return V32(qkv4v(base, 0u), qkv4v(base, 1u), qkv4v(base, 2u), qkv4v(base, 3u), qkv4v(base, 4u), qkv4v(base, 5u), qkv4v(base, 6u), qkv4v(base, 7u));
}

fn dout4v(base: u32, a: u32) -> vec4<f32> {
    if (VEC4) {
        if (4u * a < HD) { return dout4[base / 4u + a]; }
        return vec4<f32>();
    }
    return vec4<f32>(lo(base, 4u * a), lo(base, 4u * a + 1u), lo(base, 4u * a + 2u), lo(base, 4u * a + 3u));
}

fn ld_dout(base: u32) -> V32 {
    return V32(dout4v(base, 0u), dout4v(base, 1u), dout4v(base, 2u), dout4v(base, 3u), dout4v(base, 4u), dout4v(base, 5u), dout4v(base, 6u), dout4v(base, 7u));
}

// Component c of a row of the forward output at o[base ..] (0 for c >= HD; folded away).
fn lout(base: u32, c: u32) -> f32 {
    if (c < HD) { return o[base + c]; }
    return 0.0;
}

fn lout4(base: u32, a: u32) -> vec4<f32> {
    return vec4<f32>(lout(base, 4u * a), lout(base, 4u * a + 1u), lout(base, 4u * a + 2u), lout(base, 4u * a + 3u));
}

// A row of O, loaded once per row (not in a loop over keys): scalar loads.
fn ld_o(base: u32) -> V32 {
    return V32(lout4(base, 0u), lout4(base, 1u), lout4(base, 2u), lout4(base, 3u), lout4(base, 4u), lout4(base, 5u), lout4(base, 6u), lout4(base, 7u));
}

fn st_res(base: u32, x: V32) {
    if (0u < HD) { res[base + 0u] = x.a0.x; }
    if (1u < HD) { res[base + 1u] = x.a0.y; }
    if (2u < HD) { res[base + 2u] = x.a0.z; }
    if (3u < HD) { res[base + 3u] = x.a0.w; }
    if (4u < HD) { res[base + 4u] = x.a1.x; }
    if (5u < HD) { res[base + 5u] = x.a1.y; }
    if (6u < HD) { res[base + 6u] = x.a1.z; }
    if (7u < HD) { res[base + 7u] = x.a1.w; }
    if (8u < HD) { res[base + 8u] = x.a2.x; }
    if (9u < HD) { res[base + 9u] = x.a2.y; }
    if (10u < HD) { res[base + 10u] = x.a2.z; }
    if (11u < HD) { res[base + 11u] = x.a2.w; }
    if (12u < HD) { res[base + 12u] = x.a3.x; }
    if (13u < HD) { res[base + 13u] = x.a3.y; }
    if (14u < HD) { res[base + 14u] = x.a3.z; }
    if (15u < HD) { res[base + 15u] = x.a3.w; }
    if (16u < HD) { res[base + 16u] = x.a4.x; }
    if (17u < HD) { res[base + 17u] = x.a4.y; }
    if (18u < HD) { res[base + 18u] = x.a4.z; }
    if (19u < HD) { res[base + 19u] = x.a4.w; }
    if (20u < HD) { res[base + 20u] = x.a5.x; }
    if (21u < HD) { res[base + 21u] = x.a5.y; }
    if (22u < HD) { res[base + 22u] = x.a5.z; }
    if (23u < HD) { res[base + 23u] = x.a5.w; }
    if (24u < HD) { res[base + 24u] = x.a6.x; }
    if (25u < HD) { res[base + 25u] = x.a6.y; }
    if (26u < HD) { res[base + 26u] = x.a6.z; }
    if (27u < HD) { res[base + 27u] = x.a6.w; }
    if (28u < HD) { res[base + 28u] = x.a7.x; }
    if (29u < HD) { res[base + 29u] = x.a7.y; }
    if (30u < HD) { res[base + 30u] = x.a7.z; }
    if (31u < HD) { res[base + 31u] = x.a7.w; }
}


// Rows per invocation of the attention_v32_* kernels: every K / V / Q / dO row loaded from
// memory serves R rows (on CPU adapters each load is a loop over the SIMD lanes; arithmetic per
// loaded scalar is what pays). Rows past T are clamped for loads and never written.
const R: u32 = 4u;

// Invocation x of batch z = b * H + h: query rows i0 = R x .. i0 + R. Called by the
// attention_v32_forward / attention_sg_forward entry points.
fn v32_forward(x: u32, z: u32) {
    let i0 = x * R;
    let b = z / p.h;
    let hh = z % p.h;
    let kl = key_len(b);
    // The keys of A_i0 .. A_(i0 + R - 1) together (none for rows past T); each row masks its
    // own with `attends`. uniform_end makes the trip count the same on every lane where the
    // loop body shares loads across lanes.
    let jend = uniform_end(select(0u, min(key_end(i0 + R - 1u, kl), p.t), i0 < p.t));
    let q0 = scale32(ld_qkv(qkv_at(b, min(i0 + 0u, p.t - 1u), 0u, hh)), p.scale);
    let q1 = scale32(ld_qkv(qkv_at(b, min(i0 + 1u, p.t - 1u), 0u, hh)), p.scale);
    let q2 = scale32(ld_qkv(qkv_at(b, min(i0 + 2u, p.t - 1u), 0u, hh)), p.scale);
    let q3 = scale32(ld_qkv(qkv_at(b, min(i0 + 3u, p.t - 1u), 0u, hh)), p.scale);
    var m0 = NEG_FLT_MAX;
    var m1 = NEG_FLT_MAX;
    var m2 = NEG_FLT_MAX;
    var m3 = NEG_FLT_MAX;
    var l0 = 0.0;
    var l1 = 0.0;
    var l2 = 0.0;
    var l3 = 0.0;
    // Pass 1: running max m and sum l of exp(s - m) over the keys j in A_i.
    for (var j = 0u; j < jend; j++) {
        let k = row_qkv(qkv_at(b, j, 1u, hh));
        {
            let s = dot32(q0, k);
            let on = attends(i0 + 0u, j, kl);
            let mn = select(m0, max(m0, s), on);
            l0 = select(l0, l0 * exp(m0 - mn) + exp(s - mn), on);
            m0 = mn;
        }
        {
            let s = dot32(q1, k);
            let on = attends(i0 + 1u, j, kl);
            let mn = select(m1, max(m1, s), on);
            l1 = select(l1, l1 * exp(m1 - mn) + exp(s - mn), on);
            m1 = mn;
        }
        {
            let s = dot32(q2, k);
            let on = attends(i0 + 2u, j, kl);
            let mn = select(m2, max(m2, s), on);
            l2 = select(l2, l2 * exp(m2 - mn) + exp(s - mn), on);
            m2 = mn;
        }
        {
            let s = dot32(q3, k);
            let on = attends(i0 + 3u, j, kl);
            let mn = select(m3, max(m3, s), on);
            l3 = select(l3, l3 * exp(m3 - mn) + exp(s - mn), on);
            m3 = mn;
        }
    }
    // Pass 2: P (zeros outside A_i) and O = P V.
    let inv0 = 1.0 / l0;
    let inv1 = 1.0 / l1;
    let inv2 = 1.0 / l2;
    let inv3 = 1.0 / l3;
    var acc0 = V32();
    var acc1 = V32();
    var acc2 = V32();
    var acc3 = V32();
    for (var j = 0u; j < jend; j++) {
        let kb = qkv_at(b, j, 1u, hh);
        let k = row_qkv(kb);
        let v = row_qkv(kb + p.c);
        {
            let pj = select(0.0, exp(dot32(q0, k) - m0) * inv0, attends(i0 + 0u, j, kl));
            if (i0 + 0u < p.t) { att[(z * p.t + i0 + 0u) * p.t + j] = pj; }
            acc0 = axpy32(acc0, pj, v);
        }
        {
            let pj = select(0.0, exp(dot32(q1, k) - m1) * inv1, attends(i0 + 1u, j, kl));
            if (i0 + 1u < p.t) { att[(z * p.t + i0 + 1u) * p.t + j] = pj; }
            acc1 = axpy32(acc1, pj, v);
        }
        {
            let pj = select(0.0, exp(dot32(q2, k) - m2) * inv2, attends(i0 + 2u, j, kl));
            if (i0 + 2u < p.t) { att[(z * p.t + i0 + 2u) * p.t + j] = pj; }
            acc2 = axpy32(acc2, pj, v);
        }
        {
            let pj = select(0.0, exp(dot32(q3, k) - m3) * inv3, attends(i0 + 3u, j, kl));
            if (i0 + 3u < p.t) { att[(z * p.t + i0 + 3u) * p.t + j] = pj; }
            acc3 = axpy32(acc3, pj, v);
        }
    }
    if (i0 + 0u < p.t) {
        let arow = (z * p.t + i0 + 0u) * p.t;
        for (var j = jend; j < p.t; j++) { att[arow + j] = 0.0; }
        st_res(btc_at(b, i0 + 0u, hh), acc0);
    }
    if (i0 + 1u < p.t) {
        let arow = (z * p.t + i0 + 1u) * p.t;
        for (var j = jend; j < p.t; j++) { att[arow + j] = 0.0; }
        st_res(btc_at(b, i0 + 1u, hh), acc1);
    }
    if (i0 + 2u < p.t) {
        let arow = (z * p.t + i0 + 2u) * p.t;
        for (var j = jend; j < p.t; j++) { att[arow + j] = 0.0; }
        st_res(btc_at(b, i0 + 2u, hh), acc2);
    }
    if (i0 + 3u < p.t) {
        let arow = (z * p.t + i0 + 3u) * p.t;
        for (var j = jend; j < p.t; j++) { att[arow + j] = 0.0; }
        st_res(btc_at(b, i0 + 3u, hh), acc3);
    }
}

// Invocation x of batch z: dS rows i0 = R x .. i0 + R (into datt) and their dQ (into dqkv).
fn v32_backward_q(x: u32, z: u32) {
    let i0 = x * R;
    let b = z / p.h;
    let hh = z % p.h;
    let kl = key_len(b);
    // The keys of A_i0 .. A_(i0 + R - 1) together (none for rows past T); each row masks its
    // own with `attends`.
    let jend = uniform_end(select(0u, min(key_end(i0 + R - 1u, kl), p.t), i0 < p.t));
    let g0 = ld_dout(btc_at(b, min(i0 + 0u, p.t - 1u), hh));
    let g1 = ld_dout(btc_at(b, min(i0 + 1u, p.t - 1u), hh));
    let g2 = ld_dout(btc_at(b, min(i0 + 2u, p.t - 1u), hh));
    let g3 = ld_dout(btc_at(b, min(i0 + 3u, p.t - 1u), hh));
    // delta_i = sum_j P_ij dP_ij = dO_i . O_i (module header).
    let delta0 = dot32(g0, ld_o(btc_at(b, min(i0 + 0u, p.t - 1u), hh)));
    let delta1 = dot32(g1, ld_o(btc_at(b, min(i0 + 1u, p.t - 1u), hh)));
    let delta2 = dot32(g2, ld_o(btc_at(b, min(i0 + 2u, p.t - 1u), hh)));
    let delta3 = dot32(g3, ld_o(btc_at(b, min(i0 + 3u, p.t - 1u), hh)));
    // dS_ij = scale P_ij (dO_i . V_j - delta_i) and dQ_i = sum_j dS_ij K_j.
    var dq0 = V32();
    var dq1 = V32();
    var dq2 = V32();
    var dq3 = V32();
    for (var j = 0u; j < jend; j++) {
        let v = row_qkv(qkv_at(b, j, 2u, hh));
        let k = row_qkv(qkv_at(b, j, 1u, hh));
        {
            var ds = 0.0;
            if (attends(i0 + 0u, j, kl) && i0 + 0u < p.t) {
                let a = (z * p.t + i0 + 0u) * p.t + j;
                ds = p.scale * att_in[a] * (dot32(g0, v) - delta0);
                datt[a] = ds;
            }
            dq0 = axpy32(dq0, ds, k);
        }
        {
            var ds = 0.0;
            if (attends(i0 + 1u, j, kl) && i0 + 1u < p.t) {
                let a = (z * p.t + i0 + 1u) * p.t + j;
                ds = p.scale * att_in[a] * (dot32(g1, v) - delta1);
                datt[a] = ds;
            }
            dq1 = axpy32(dq1, ds, k);
        }
        {
            var ds = 0.0;
            if (attends(i0 + 2u, j, kl) && i0 + 2u < p.t) {
                let a = (z * p.t + i0 + 2u) * p.t + j;
                ds = p.scale * att_in[a] * (dot32(g2, v) - delta2);
                datt[a] = ds;
            }
            dq2 = axpy32(dq2, ds, k);
        }
        {
            var ds = 0.0;
            if (attends(i0 + 3u, j, kl) && i0 + 3u < p.t) {
                let a = (z * p.t + i0 + 3u) * p.t + j;
                ds = p.scale * att_in[a] * (dot32(g3, v) - delta3);
                datt[a] = ds;
            }
            dq3 = axpy32(dq3, ds, k);
        }
    }
    if (i0 + 0u < p.t) {
        let arow = (z * p.t + i0 + 0u) * p.t;
        for (var j = key_end(i0 + 0u, kl); j < p.t; j++) { datt[arow + j] = 0.0; }
        st_res(qkv_at(b, i0 + 0u, 0u, hh), dq0);
    }
    if (i0 + 1u < p.t) {
        let arow = (z * p.t + i0 + 1u) * p.t;
        for (var j = key_end(i0 + 1u, kl); j < p.t; j++) { datt[arow + j] = 0.0; }
        st_res(qkv_at(b, i0 + 1u, 0u, hh), dq1);
    }
    if (i0 + 2u < p.t) {
        let arow = (z * p.t + i0 + 2u) * p.t;
        for (var j = key_end(i0 + 2u, kl); j < p.t; j++) { datt[arow + j] = 0.0; }
        st_res(qkv_at(b, i0 + 2u, 0u, hh), dq2);
    }
    if (i0 + 3u < p.t) {
        let arow = (z * p.t + i0 + 3u) * p.t;
        for (var j = key_end(i0 + 3u, kl); j < p.t; j++) { datt[arow + j] = 0.0; }
        st_res(qkv_at(b, i0 + 3u, 0u, hh), dq3);
    }
}

// Invocation x of batch z: dK and dV of key rows j0 = R x .. j0 + R (into dqkv), from columns j
// of P and dS over the rows i that attend j.
fn v32_backward_kv(x: u32, z: u32) {
    let j0 = x * R;
    let b = z / p.h;
    let hh = z % p.h;
    var dk0 = V32();
    var dk1 = V32();
    var dk2 = V32();
    var dk3 = V32();
    var dv0 = V32();
    var dv1 = V32();
    var dv2 = V32();
    var dv3 = V32();
    let kl = key_len(b);
    // The rows attending any of the R keys (none for keys past T); each key masks its own
    // with `attends`.
    let istart = uniform_start(select(p.t, query_start(j0), j0 < p.t));
    let iend = uniform_end(select(0u, query_end(j0, kl), j0 < p.t));
    for (var i = istart; i < iend; i++) {
        let g = row_dout(btc_at(b, i, hh));
        let qi = row_qkv(qkv_at(b, i, 0u, hh));
        let arow = (z * p.t + i) * p.t;
        if (attends(i, j0 + 0u, kl)) {
            dv0 = axpy32(dv0, att_in[arow + j0 + 0u], g);
            dk0 = axpy32(dk0, datt[arow + j0 + 0u], qi);
        }
        if (attends(i, j0 + 1u, kl)) {
            dv1 = axpy32(dv1, att_in[arow + j0 + 1u], g);
            dk1 = axpy32(dk1, datt[arow + j0 + 1u], qi);
        }
        if (attends(i, j0 + 2u, kl)) {
            dv2 = axpy32(dv2, att_in[arow + j0 + 2u], g);
            dk2 = axpy32(dk2, datt[arow + j0 + 2u], qi);
        }
        if (attends(i, j0 + 3u, kl)) {
            dv3 = axpy32(dv3, att_in[arow + j0 + 3u], g);
            dk3 = axpy32(dk3, datt[arow + j0 + 3u], qi);
        }
    }
    if (j0 + 0u < p.t) {
        let kb = qkv_at(b, j0 + 0u, 1u, hh);
        st_res(kb, dk0);
        st_res(kb + p.c, dv0);
    }
    if (j0 + 1u < p.t) {
        let kb = qkv_at(b, j0 + 1u, 1u, hh);
        st_res(kb, dk1);
        st_res(kb + p.c, dv1);
    }
    if (j0 + 2u < p.t) {
        let kb = qkv_at(b, j0 + 2u, 1u, hh);
        st_res(kb, dk2);
        st_res(kb + p.c, dv2);
    }
    if (j0 + 3u < p.t) {
        let kb = qkv_at(b, j0 + 3u, 1u, hh);
        st_res(kb, dk3);
        st_res(kb + p.c, dv3);
    }
}


// Workgroup (i, z): row i of batch z, softmax over the keys j in A_i, zeros elsewhere.
@compute @workgroup_size(WG)
fn softmax_masked(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
    let i = wid.x;
    let z = wid.y;
    let lid = l.x;
    if (i >= p.t || z >= p.z) { return; }
    let base = (z * p.t + i) * p.t;
    let kend = key_end(i, key_len(z / p.h));
    var m = NEG_FLT_MAX;
    for (var j = lid; j < kend; j += WG) {
        m = max(m, att[base + j]);
    }
    m = wg_reduce(lid, m, true);
    var s = 0.0;
    for (var j = lid; j < kend; j += WG) {
        s += exp(att[base + j] - m);
    }
    s = wg_reduce(lid, s, false);
    let inv = 1.0 / s;
    for (var j = lid; j < p.t; j += WG) {
        var v = 0.0;
        if (j < kend) { v = exp(att[base + j] - m) * inv; }
        att[base + j] = v;
    }
}

// Workgroup (i, z): dS row i from P (att_in) and dP (datt, overwritten), zeros outside A_i.
@compute @workgroup_size(WG)
fn softmax_masked_backward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
    let i = wid.x;
    let z = wid.y;
    let lid = l.x;
    if (i >= p.t || z >= p.z) { return; }
    let base = (z * p.t + i) * p.t;
    let kend = key_end(i, key_len(z / p.h));
    var s = 0.0;
    for (var j = lid; j < kend; j += WG) {
        s += att_in[base + j] * datt[base + j];
    }
    s = wg_reduce(lid, s, false);
    for (var j = lid; j < p.t; j += WG) {
        var v = 0.0;
        if (j < kend) { v = p.scale * att_in[base + j] * (datt[base + j] - s); }
        datt[base + j] = v;
    }
}
