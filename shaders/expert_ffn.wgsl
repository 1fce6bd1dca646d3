// Scattered expert FFN (ScatterMoE style): the expert GEMMs walk the router's tile table over the
// expert-sorted rows, gathering their input rows straight from token order (no copy of X, no
// padding to a capacity). Shared part; the registry appends expert_ffn_portable.wgsl (plain
// loads) or expert_ffn_sg.wgsl (A loaded once per subgroup and spread by subgroupBroadcast),
// which define the GEMM entry points grouped_mm and expert_wgrad.
//
// Per expert e (rows r of its sorted segment, token t(r) = perm[r] / K, weight w = selw[perm[r]]):
//   forward   pre = X[t(r)] W1[e] + b1[e]          (grouped_mm gather, EPI_BIAS_GELU: also act = gelu(pre))
//             y   = act W2[e] + b2[e]                (grouped_mm, EPI_BIAS)
//             out[t] = sum over t's slots s, in slot order, of w[t,s] y[pos[t,s]]   (combine_fwd)
//   backward  dY[r]   = w dout[t(r)]                           (bwd_dy)
//   (combine_fwd, bwd_dy and combine_dx have vec4 twins, suffix 4, used when D % 4 == 0)
//             dsel[a] = <dout[t], y[pos[a]]>, 0 when unrouted   (bwd_dsel)
//             dH      = (dY W2[e]^T) * gelu'(pre)              (grouped_mm TRANS_B, EPI_GELU_GRAD)
//             dXs     = dH W1[e]^T                              (grouped_mm TRANS_B)
//             dx[t]   = sum over t's slots of dXs[pos[t,s]]     (combine_dx, fixed order)
//             dW2[e] += act_seg^T dY_seg, db2[e] += colsum dY_seg   (expert_wgrad)
//             dW1[e] += X_seg^T dH_seg,  db1[e] += colsum dH_seg    (expert_wgrad gather)
// All sums run in a fixed order, so results are bitwise deterministic.
//
// GEMM grids: one workgroup of 8 invocations per (output column block, tile of 32 sorted rows),
// the column block varying fastest (consecutive workgroups share a tile's rows and its
// expert's weights); the blocking is in the appended file.

struct Params {
    k: u32,      // slots per token
    kdim: u32,   // GEMM reduction length
    ncols: u32,  // output columns (row width of the output)
    lda: u32,    // row stride of the A source
    e: u32,      // experts
    mdim: u32,   // expert_wgrad: rows of dW (columns of A)
    n: u32,      // tokens
    nk: u32,     // assignments N * K
    flags: u32,  // FLAG_GATHER | epilogue << EPI_SHIFT (below)
    _p0: u32,
    _p1: u32,
    _p2: u32,
}

// Workgroup size of the row-moving kernels (combine_*, bwd_dy*, bwd_dsel).
const WG: u32 = 64u;

// B = W[e] stored (ncols x kdim), used transposed (else stored kdim x ncols). An override: it
// changes the inner loop. The gather flag and the epilogue are uniforms (Params.flags): they
// act outside the inner loop, and fewer pipelines compile faster on CPU drivers.
override TRANS_B: bool = false;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> perm: array<u32>;
@group(0) @binding(2) var<storage, read> tiles: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read> w: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;
@group(0) @binding(5) var<storage, read> aux: array<f32>;
@group(0) @binding(6) var<storage, read_write> out0: array<f32>;
@group(0) @binding(7) var<storage, read_write> out1: array<f32>;
@group(0) @binding(8) var<uniform> p: Params;
@group(0) @binding(9) var<storage, read> offsets: array<u32>;
@group(0) @binding(10) var<storage, read> pos: array<u32>;
@group(0) @binding(11) var<storage, read> selw: array<f32>;
// vec4 views of the row-moving kernels' source and destination (D a multiple of 4).
@group(0) @binding(17) var<storage, read> src4: array<vec4<f32>>;
@group(0) @binding(18) var<storage, read_write> dst4: array<vec4<f32>>;

// Params.flags (the same names in src/moe/expert_ffn/launcher.rs, the epilogues as its
// Epilogue): FLAG_GATHER, A gathered from token order through perm (else: rows in sorted
// order); from bit EPI_SHIFT on, the epilogue of grouped_mm: EPI_STORE out0 = v, EPI_BIAS
// out0 = v + bias, EPI_BIAS_GELU out0 = pre = v + bias and out1 = gelu(pre), EPI_GELU_GRAD
// out0 = v * gelu'(aux).
const FLAG_GATHER: u32 = 1u;
const EPI_SHIFT: u32 = 1u;
const EPI_STORE: u32 = 0u;
const EPI_BIAS: u32 = 1u;
const EPI_BIAS_GELU: u32 = 2u;
const EPI_GELU_GRAD: u32 = 3u;

fn gather() -> bool { return (p.flags & FLAG_GATHER) != 0u; }

fn epi() -> u32 { return p.flags >> EPI_SHIFT; }

// Element offset of the A row feeding sorted row r.
fn row_base(r: u32) -> u32 {
    if (gather()) { return (perm[r] / p.k) * p.lda; }
    return r * p.lda;
}

// out[t, c] = sum over slots s of selw[a] * a[pos[a], c], a = t K + s (ncols = D).
@compute @workgroup_size(WG)
fn combine_fwd(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.n * p.ncols) { return; }
    let t = i / p.ncols;
    let c = i % p.ncols;
    var v = 0.0;
    for (var s = 0u; s < p.k; s++) {
        let q = pos[t * p.k + s];
        if (q != NONE) { v += selw[t * p.k + s] * a[q * p.ncols + c]; }
    }
    out0[i] = v;
}

// dx[t, c] = sum over slots s of a[pos[a], c] (ncols = D).
@compute @workgroup_size(WG)
fn combine_dx(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.n * p.ncols) { return; }
    let t = i / p.ncols;
    let c = i % p.ncols;
    var v = 0.0;
    for (var s = 0u; s < p.k; s++) {
        let q = pos[t * p.k + s];
        if (q != NONE) { v += a[q * p.ncols + c]; }
    }
    out0[i] = v;
}

// dY[r, c] = selw[perm[r]] * dout[t(r), c] for the kept rows r < offsets[E].
@compute @workgroup_size(WG)
fn bwd_dy(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    let r = i / p.ncols;
    if (r >= offsets[p.e]) { return; }
    let c = i % p.ncols;
    let asg = perm[r];
    out0[i] = selw[asg] * a[(asg / p.k) * p.ncols + c];
}

// vec4 twins of combine_fwd, combine_dx and bwd_dy for D a multiple of 4 (src4 = a,
// dst4 = out0): one invocation moves four columns with one load and one store per row touched.
// On CPU drivers every storage access is a loop over the lanes whatever its width, so this
// costs about a quarter per float. The same arithmetic per component, so the same results.
@compute @workgroup_size(WG)
fn combine_fwd4(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let c4 = p.ncols / 4u;
    let i = flat_index(gid, nwg, WG);
    if (i >= p.n * c4) { return; }
    let t = i / c4;
    let c = i % c4;
    var v = vec4<f32>(0.0);
    for (var s = 0u; s < p.k; s++) {
        let q = pos[t * p.k + s];
        if (q != NONE) { v += selw[t * p.k + s] * src4[q * c4 + c]; }
    }
    dst4[i] = v;
}

@compute @workgroup_size(WG)
fn combine_dx4(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let c4 = p.ncols / 4u;
    let i = flat_index(gid, nwg, WG);
    if (i >= p.n * c4) { return; }
    let t = i / c4;
    let c = i % c4;
    var v = vec4<f32>(0.0);
    for (var s = 0u; s < p.k; s++) {
        let q = pos[t * p.k + s];
        if (q != NONE) { v += src4[q * c4 + c]; }
    }
    dst4[i] = v;
}

@compute @workgroup_size(WG)
fn bwd_dy4(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let c4 = p.ncols / 4u;
    let i = flat_index(gid, nwg, WG);
    let r = i / c4;
    if (r >= offsets[p.e]) { return; }
    let c = i % c4;
    let asg = perm[r];
    dst4[i] = selw[asg] * src4[(asg / p.k) * c4 + c];
}

// dsel[a] = <dout[t], y[pos[a]]> (0 for an unrouted assignment). a = dout, aux = y.
@compute @workgroup_size(WG)
fn bwd_dsel(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.nk) { return; }
    let q = pos[i];
    var v = 0.0;
    if (q != NONE) {
        let tb = (i / p.k) * p.ncols;
        let yb = q * p.ncols;
        for (var c = 0u; c < p.ncols; c++) { v += a[tb + c] * aux[yb + c]; }
    }
    out0[i] = v;
}
