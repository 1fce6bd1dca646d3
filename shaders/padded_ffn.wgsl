// Expert-major helpers for the two FFN paths built on batched dense GEMMs (ops::matmul):
// - padded (the capacity baseline): expert e's rows are its first C routed assignments, copied
//   into an (E, C, D) buffer (rows past its count are zero);
// - dense (early DTS phase): row t of expert e is token t itself, for every expert (R = N);
//   unselected pairs get weight 0.
// Row (e, r) holds assignment rowa[e R + r] (or NONE); assignment a sits in row arow[a] (or NONE).
// The GEMMs are matmul() calls; these kernels map rows, add biases, apply GELU and combine.
// Every sum runs in a fixed order (deterministic).

struct Params {
    n: u32,
    k: u32,
    e: u32,
    rows: u32,   // R: rows per expert
    d: u32,
    f: u32,
    cols: u32,   // row width for em_colsum
    dense: u32,  // 1: dense layout, 0: padded
    e0: u32,     // first expert of the chunk (em_bias_gelu bias rows, em_colsum output rows)
    _p0: u32,
    _p1: u32,
    _p2: u32,
}

const WG: u32 = 64u;

@group(0) @binding(0) var<storage, read> perm: array<u32>;
@group(0) @binding(1) var<storage, read> offsets: array<u32>;
@group(0) @binding(2) var<storage, read> pos: array<u32>;
@group(0) @binding(3) var<storage, read> selw: array<f32>;
@group(0) @binding(4) var<storage, read> src: array<f32>;
@group(0) @binding(5) var<storage, read> src2: array<f32>;
@group(0) @binding(6) var<storage, read_write> rowa: array<u32>;
@group(0) @binding(7) var<storage, read_write> arow: array<u32>;
@group(0) @binding(8) var<uniform> p: Params;
@group(0) @binding(9) var<storage, read_write> dst: array<f32>;
@group(0) @binding(10) var<storage, read_write> dst2: array<f32>;
@group(0) @binding(11) var<storage, read> src3: array<f32>;

// The expert whose sorted segment holds position q.
fn expert_of(q: u32) -> u32 {
    var ex = 0u;
    while (ex + 1u < p.e && offsets[ex + 1u] <= q) { ex++; }
    return ex;
}

@compute @workgroup_size(WG)
fn em_rowmap(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.e * p.rows) { return; }
    let ex = i / p.rows;
    let r = i % p.rows;
    var v = NONE;
    if (p.dense != 0u) {
        for (var s = 0u; s < p.k; s++) {
            let a = r * p.k + s;
            let q = pos[a];
            if (q != NONE && q >= offsets[ex] && q < offsets[ex + 1u]) { v = a; }
        }
    } else if (r < offsets[ex + 1u] - offsets[ex]) {
        v = perm[offsets[ex] + r];
    }
    rowa[i] = v;
}

@compute @workgroup_size(WG)
fn em_arow(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let a = flat_index(gid, nwg, WG);
    if (a >= p.n * p.k) { return; }
    let q = pos[a];
    var v = NONE;
    if (q != NONE) {
        let ex = expert_of(q);
        if (p.dense != 0u) { v = ex * p.rows + a / p.k; } else { v = ex * p.rows + q - offsets[ex]; }
    }
    arow[a] = v;
}

// dst (E, R, D) = x[token of row] or 0. src = x.
@compute @workgroup_size(WG)
fn em_gather(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.e * p.rows * p.d) { return; }
    let a = rowa[i / p.d];
    var v = 0.0;
    if (a != NONE) { v = src[(a / p.k) * p.d + i % p.d]; }
    dst[i] = v;
}

// dst (E, R, F) += b1[e] in place (pre), dst2 = gelu(pre). src2 = b1.
@compute @workgroup_size(WG)
fn em_bias_gelu(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.e * p.rows * p.f) { return; }
    let ex = i / (p.rows * p.f);
    let v = dst[i] + src2[(p.e0 + ex) * p.f + i % p.f];
    dst[i] = v;
    dst2[i] = gelu(v);
}

// out[t, c] = sum over slots of selw[a] (y[arow[a], c] + b2[e, c]). src = y, src2 = b2.
@compute @workgroup_size(WG)
fn em_combine(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.n * p.d) { return; }
    let t = i / p.d;
    let c = i % p.d;
    var v = 0.0;
    for (var s = 0u; s < p.k; s++) {
        let a = t * p.k + s;
        let q = arow[a];
        if (q != NONE) { v += selw[a] * (src[q * p.d + c] + src2[(q / p.rows) * p.d + c]); }
    }
    dst[i] = v;
}

// dy (E, R, D) = selw[a] dout[t(a)] or 0. src = dout.
@compute @workgroup_size(WG)
fn em_dy(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.e * p.rows * p.d) { return; }
    let a = rowa[i / p.d];
    var v = 0.0;
    if (a != NONE) { v = selw[a] * src[(a / p.k) * p.d + i % p.d]; }
    dst[i] = v;
}

// dsel[a] = <dout[t], y[arow[a]] + b2[e]>. src = dout, src2 = y, src3 = b2.
@compute @workgroup_size(WG)
fn em_dsel(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let a = flat_index(gid, nwg, WG);
    if (a >= p.n * p.k) { return; }
    let q = arow[a];
    var v = 0.0;
    if (q != NONE) {
        let tb = (a / p.k) * p.d;
        let eb = (q / p.rows) * p.d;
        for (var c = 0u; c < p.d; c++) { v += src[tb + c] * (src2[q * p.d + c] + src3[eb + c]); }
    }
    dst[a] = v;
}

// dst (E, R, F) *= gelu'(pre) in place. src2 = pre.
@compute @workgroup_size(WG)
fn em_gelu_bwd(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.e * p.rows * p.f) { return; }
    dst[i] = dst[i] * gelu_grad(src2[i]);
}

// dst[e, c] += sum over r of src[e, r, c] (width cols).
@compute @workgroup_size(WG)
fn em_colsum(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.e * p.cols) { return; }
    let ex = i / p.cols;
    let c = i % p.cols;
    var v = 0.0;
    for (var r = 0u; r < p.rows; r++) { v += src[(ex * p.rows + r) * p.cols + c]; }
    dst[p.e0 * p.cols + i] += v;
}

// dx[t, c] = sum over slots of src[arow[a], c]. src = dx rows (E, R, D).
@compute @workgroup_size(WG)
fn em_dx(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.n * p.d) { return; }
    let t = i / p.d;
    let c = i % p.d;
    var v = 0.0;
    for (var s = 0u; s < p.k; s++) {
        let q = arow[t * p.k + s];
        if (q != NONE) { v += src[q * p.d + c]; }
    }
    dst[i] = v;
}
