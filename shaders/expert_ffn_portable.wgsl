// Portable expert FFN GEMMs (no subgroups): every invocation loads the A values of all 32 rows
// itself. Appended to expert_ffn.wgsl by the registry. Blocking: one workgroup of 8 invocations
// per (64 output columns, tile of 32 sorted rows); each invocation holds a 32 x 8 register
// block (64 vec4 accumulators).

const RT: u32 = 32u;   // rows per tile (route::TILE_ROWS)
const CW: u32 = 64u;   // output columns per workgroup

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

// The register block: rows 0..32 of the tile x this invocation's 8 columns.
var<private> acc: array<vec4<f32>, 64>;

fn fma_rows(g: u32, av: array<f32, 8>, b0: vec4<f32>, b1: vec4<f32>) {
    for (var i = 0u; i < 8u; i++) {
        let r = 8u * g + i;
        acc[2u * r] += av[i] * b0;
        acc[2u * r + 1u] += av[i] * b1;
    }
}

fn grouped_mm_core(lane: u32, tile_id: u32, cgroup: u32) {
    let t = tiles[tile_id];
    let ex = t.x;
    let r0 = t.y;
    let nrows = t.z - t.y;
    let c0 = cgroup * CW + lane * 8u;
    let cl = p.ncols - 1u;
    setup_rows(lane, r0, nrows);
    for (var i = 0u; i < 64u; i++) { acc[i] = vec4<f32>(0.0); }
    let wb = ex * p.kdim * p.ncols;
    // Column indices clamped into range: out-of-range columns compute garbage, never stored.
    var cidx: array<u32, 8>;
    for (var j = 0u; j < 8u; j++) { cidx[j] = min(c0 + j, cl); }
    for (var kk = 0u; kk < p.kdim; kk++) {
        var b0: vec4<f32>;
        var b1: vec4<f32>;
        if (TRANS_B) {
            let base = wb + kk;
            b0 = vec4<f32>(w[base + cidx[0] * p.kdim], w[base + cidx[1] * p.kdim],
                           w[base + cidx[2] * p.kdim], w[base + cidx[3] * p.kdim]);
            b1 = vec4<f32>(w[base + cidx[4] * p.kdim], w[base + cidx[5] * p.kdim],
                           w[base + cidx[6] * p.kdim], w[base + cidx[7] * p.kdim]);
        } else {
            let base = wb + kk * p.ncols;
            b0 = vec4<f32>(w[base + cidx[0]], w[base + cidx[1]], w[base + cidx[2]], w[base + cidx[3]]);
            b1 = vec4<f32>(w[base + cidx[4]], w[base + cidx[5]], w[base + cidx[6]], w[base + cidx[7]]);
        }
        fma_rows(0u, rows8(0u, kk), b0, b1);
        if (nrows > 8u) { fma_rows(1u, rows8(1u, kk), b0, b1); }
        if (nrows > 16u) { fma_rows(2u, rows8(2u, kk), b0, b1); }
        if (nrows > 24u) { fma_rows(3u, rows8(3u, kk), b0, b1); }
    }
    for (var i = 0u; i < RT; i++) {
        if (i < nrows) {
            let v0 = acc[2u * i];
            let v1 = acc[2u * i + 1u];
            let vs = array<f32, 8>(v0.x, v0.y, v0.z, v0.w, v1.x, v1.y, v1.z, v1.w);
            let r = r0 + i;
            for (var j = 0u; j < 8u; j++) {
                let c = c0 + j;
                if (c <= cl) {
                    var v = vs[j];
                    let o = r * p.ncols + c;
                    if (epi() == EPI_BIAS || epi() == EPI_BIAS_GELU) { v += bias[ex * p.ncols + c]; }
                    if (epi() == EPI_BIAS_GELU) { out1[o] = gelu(v); }
                    if (epi() == EPI_GELU_GRAD) { v *= gelu_grad(aux[o]); }
                    out0[o] = v;
                }
            }
        }
    }
}

// dW[e] (mdim x ncols) += sum over e's rows r of A[src(r), :]^T aux[r, :]; the first column
// block also adds db[e] (ncols) += sum over rows of aux[r, :]. Grid: (ceil(ncols / 64),
// E * ceil(mdim / 32)): column blocks vary fastest.
fn wgrad_core(lane: u32, gx: u32, cgroup: u32) {
    let mblocks = (p.mdim + RT - 1u) / RT;
    let ex = gx / mblocks;
    let m0 = (gx % mblocks) * RT;
    let c0 = cgroup * CW + lane * 8u;
    let cl = p.ncols - 1u;
    var cidx: array<u32, 8>;
    for (var j = 0u; j < 8u; j++) { cidx[j] = min(c0 + j, cl); }
    for (var i = 0u; i < 64u; i++) { acc[i] = vec4<f32>(0.0); }
    var s0 = vec4<f32>(0.0);
    var s1 = vec4<f32>(0.0);
    let mrows = min(RT, p.mdim - m0);
    let rbeg = offsets[ex];
    let rend = offsets[ex + 1u];
    for (var r = rbeg; r < rend; r++) {
        let base = r * p.ncols;
        let b0 = vec4<f32>(aux[base + cidx[0]], aux[base + cidx[1]], aux[base + cidx[2]], aux[base + cidx[3]]);
        let b1 = vec4<f32>(aux[base + cidx[4]], aux[base + cidx[5]], aux[base + cidx[6]], aux[base + cidx[7]]);
        s0 += b0;
        s1 += b1;
        let ab = row_base(r) + m0;
        let am = p.mdim - 1u - m0; // highest valid column offset from ab
        fma_rows(0u, cols8(ab, am, 0u), b0, b1);
        if (mrows > 8u) { fma_rows(1u, cols8(ab, am, 1u), b0, b1); }
        if (mrows > 16u) { fma_rows(2u, cols8(ab, am, 2u), b0, b1); }
        if (mrows > 24u) { fma_rows(3u, cols8(ab, am, 3u), b0, b1); }
    }
    let ob = ex * p.mdim * p.ncols;
    for (var i = 0u; i < RT; i++) {
        if (i < mrows) {
            let v0 = acc[2u * i];
            let v1 = acc[2u * i + 1u];
            let vs = array<f32, 8>(v0.x, v0.y, v0.z, v0.w, v1.x, v1.y, v1.z, v1.w);
            for (var j = 0u; j < 8u; j++) {
                let c = c0 + j;
                if (c <= cl) { out0[ob + (m0 + i) * p.ncols + c] += vs[j]; }
            }
        }
    }
    if (m0 == 0u) {
        let vs = array<f32, 8>(s0.x, s0.y, s0.z, s0.w, s1.x, s1.y, s1.z, s1.w);
        for (var j = 0u; j < 8u; j++) {
            let c = c0 + j;
            if (c <= cl) { out1[ex * p.ncols + c] += vs[j]; }
        }
    }
}

@compute @workgroup_size(8)
fn grouped_mm(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    grouped_mm_core(lid.x, wid.y, wid.x);
}

@compute @workgroup_size(8)
fn expert_wgrad(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    wgrad_core(lid.x, wid.y, wid.x);
}
