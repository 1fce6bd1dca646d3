// Subgroup GEMMs of the expert FFN for CPU-backed Vulkan (lavapipe), after the structure of
// shaders/matmul_subgroup.wgsl: one workgroup = one subgroup of 8 lanes, each lane owns a
// 32 x 8 block held in NAMED accumulators (a loop over rows indexing an array lands in per-lane
// scratch memory on llvmpipe), A loaded once per subgroup: per slice of 8 k values lane l loads
// A[row, k0 + l] for each of the 32 rows and every lane receives A[row, k0 + kk] from lane kk
// with subgroupBroadcast (the lane index must be a literal). Appended to expert_ffn.wgsl by the
// registry (naga takes subgroup builtins without an `enable`); used only where the adapter's
// subgroup size is exactly 8. The unrolled bodies were written by a small Python loop:
//   per row r: `let x<r> = load(row r, k0 + lane)`; per (r, kk):
//   `{ let s = vec4(subgroupBroadcast(x<r>, kk)); c<r>a = fma(s, b<kk>a, c<r>a); ... }`
// with rows in groups of 8 guarded by `if (nrows > 8 g)`, then one store call per row.

// The same buffer as `w`, four floats at a time (VEC4_B; both bindings read-only).
@group(0) @binding(12) var<storage, read> w4: array<vec4<f32>>;
// The same buffer as `aux`, four floats at a time (VEC4_B in expert_wgrad).
@group(0) @binding(13) var<storage, read> aux4: array<vec4<f32>>;

// vec4 loads of B (ncols, and kdim when TRANS_B, multiples of 4). Reads past a row's end land
// in the next row or past the buffer (robust access); such values only reach masked k or
// columns that are never stored.
override VEC4_B: bool = false;

// Loaders the shared file's portable-style core refers to (unused by the entry points here).
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

fn rows8(g: u32, kk: u32) -> array<f32, 8> {
    return spread(a[rbase[g] + kk]);
}

fn cols8(base: u32, am: u32, g: u32) -> array<f32, 8> {
    return spread(a[base + min(8u * g + lane_id, am)]);
}

struct B8 { lo: array<vec4<f32>, 8>, hi: array<vec4<f32>, 8> }

// op(B)[k0 + kk, c0 .. c0 + 8] of expert matrix at wb (zero for k past kdim; columns clamped).
fn load_b8(wb: u32, k0: u32, c0: u32) -> B8 {
    var o: B8;
    let cl = p.ncols - 1u;
    if (VEC4_B && !TRANS_B) {
        for (var kk = 0u; kk < 8u; kk++) {
            let kc = min(k0 + kk, p.kdim - 1u);
            let s = f32(k0 + kk < p.kdim);
            let q = (wb + kc * p.ncols + c0) / 4u;
            o.lo[kk] = s * w4[q];
            o.hi[kk] = s * w4[q + 1u];
        }
        return o;
    }
    if (VEC4_B && TRANS_B) {
        let m0 = vec4<f32>(vec4<bool>(k0 < p.kdim, k0 + 1u < p.kdim, k0 + 2u < p.kdim, k0 + 3u < p.kdim));
        let m4 = vec4<f32>(vec4<bool>(k0 + 4u < p.kdim, k0 + 5u < p.kdim, k0 + 6u < p.kdim, k0 + 7u < p.kdim));
        var t0: array<vec4<f32>, 8>;
        var t1: array<vec4<f32>, 8>;
        for (var cc = 0u; cc < 8u; cc++) {
            let q = (wb + min(c0 + cc, cl) * p.kdim + k0) / 4u;
            t0[cc] = w4[q] * m0;
            t1[cc] = w4[q + 1u] * m4;
        }
        o.lo[0] = vec4<f32>(t0[0].x, t0[1].x, t0[2].x, t0[3].x);
        o.hi[0] = vec4<f32>(t0[4].x, t0[5].x, t0[6].x, t0[7].x);
        o.lo[1] = vec4<f32>(t0[0].y, t0[1].y, t0[2].y, t0[3].y);
        o.hi[1] = vec4<f32>(t0[4].y, t0[5].y, t0[6].y, t0[7].y);
        o.lo[2] = vec4<f32>(t0[0].z, t0[1].z, t0[2].z, t0[3].z);
        o.hi[2] = vec4<f32>(t0[4].z, t0[5].z, t0[6].z, t0[7].z);
        o.lo[3] = vec4<f32>(t0[0].w, t0[1].w, t0[2].w, t0[3].w);
        o.hi[3] = vec4<f32>(t0[4].w, t0[5].w, t0[6].w, t0[7].w);
        o.lo[4] = vec4<f32>(t1[0].x, t1[1].x, t1[2].x, t1[3].x);
        o.hi[4] = vec4<f32>(t1[4].x, t1[5].x, t1[6].x, t1[7].x);
        o.lo[5] = vec4<f32>(t1[0].y, t1[1].y, t1[2].y, t1[3].y);
        o.hi[5] = vec4<f32>(t1[4].y, t1[5].y, t1[6].y, t1[7].y);
        o.lo[6] = vec4<f32>(t1[0].z, t1[1].z, t1[2].z, t1[3].z);
        o.hi[6] = vec4<f32>(t1[4].z, t1[5].z, t1[6].z, t1[7].z);
        o.lo[7] = vec4<f32>(t1[0].w, t1[1].w, t1[2].w, t1[3].w);
        o.hi[7] = vec4<f32>(t1[4].w, t1[5].w, t1[6].w, t1[7].w);
        return o;
    }
    for (var kk = 0u; kk < 8u; kk++) {
        let kc = min(k0 + kk, p.kdim - 1u);
        let s = f32(k0 + kk < p.kdim);
        var v: array<f32, 8>;
        for (var j = 0u; j < 8u; j++) {
            let c = min(c0 + j, cl);
            if (TRANS_B) { v[j] = w[wb + c * p.kdim + kc]; } else { v[j] = w[wb + kc * p.ncols + c]; }
        }
        o.lo[kk] = s * vec4<f32>(v[0], v[1], v[2], v[3]);
        o.hi[kk] = s * vec4<f32>(v[4], v[5], v[6], v[7]);
    }
    return o;
}

// Row r (sorted) of the grouped GEMM output, columns c0 .. c0 + 8, with the epilogue.
fn mm_store_row(ex: u32, r: u32, c0: u32, lo: vec4<f32>, hi: vec4<f32>) {
    for (var j = 0u; j < 8u; j++) {
        let c = c0 + j;
        if (c >= p.ncols) { return; }
        var v: f32;
        if (j < 4u) { v = lo[j]; } else { v = hi[j - 4u]; }
        let o = r * p.ncols + c;
        if (epi() == 1u || epi() == 2u) { v += bias[ex * p.ncols + c]; }
        if (epi() == 2u) { out1[o] = gelu(v); }
        if (epi() == 3u) { v *= gelu_grad(aux[o]); }
        out0[o] = v;
    }
}

@compute @workgroup_size(8)
fn grouped_mm(@builtin(subgroup_invocation_id) lane: u32, @builtin(workgroup_id) wid: vec3<u32>) {
    let t = tiles[wid.x];
    let ex = t.x;
    let r0 = t.y;
    let nrows = t.z - t.y;
    let c0 = wid.y * 64u + lane * 8u;
    let wb = ex * p.kdim * p.ncols;
    let rl = nrows - 1u;
    let rb0 = row_base(r0 + min(0u, rl));
    let rb1 = row_base(r0 + min(1u, rl));
    let rb2 = row_base(r0 + min(2u, rl));
    let rb3 = row_base(r0 + min(3u, rl));
    let rb4 = row_base(r0 + min(4u, rl));
    let rb5 = row_base(r0 + min(5u, rl));
    let rb6 = row_base(r0 + min(6u, rl));
    let rb7 = row_base(r0 + min(7u, rl));
    let rb8 = row_base(r0 + min(8u, rl));
    let rb9 = row_base(r0 + min(9u, rl));
    let rb10 = row_base(r0 + min(10u, rl));
    let rb11 = row_base(r0 + min(11u, rl));
    let rb12 = row_base(r0 + min(12u, rl));
    let rb13 = row_base(r0 + min(13u, rl));
    let rb14 = row_base(r0 + min(14u, rl));
    let rb15 = row_base(r0 + min(15u, rl));
    let rb16 = row_base(r0 + min(16u, rl));
    let rb17 = row_base(r0 + min(17u, rl));
    let rb18 = row_base(r0 + min(18u, rl));
    let rb19 = row_base(r0 + min(19u, rl));
    let rb20 = row_base(r0 + min(20u, rl));
    let rb21 = row_base(r0 + min(21u, rl));
    let rb22 = row_base(r0 + min(22u, rl));
    let rb23 = row_base(r0 + min(23u, rl));
    let rb24 = row_base(r0 + min(24u, rl));
    let rb25 = row_base(r0 + min(25u, rl));
    let rb26 = row_base(r0 + min(26u, rl));
    let rb27 = row_base(r0 + min(27u, rl));
    let rb28 = row_base(r0 + min(28u, rl));
    let rb29 = row_base(r0 + min(29u, rl));
    let rb30 = row_base(r0 + min(30u, rl));
    let rb31 = row_base(r0 + min(31u, rl));
    var c0a = vec4<f32>(0.0); var c0b = vec4<f32>(0.0);
    var c1a = vec4<f32>(0.0); var c1b = vec4<f32>(0.0);
    var c2a = vec4<f32>(0.0); var c2b = vec4<f32>(0.0);
    var c3a = vec4<f32>(0.0); var c3b = vec4<f32>(0.0);
    var c4a = vec4<f32>(0.0); var c4b = vec4<f32>(0.0);
    var c5a = vec4<f32>(0.0); var c5b = vec4<f32>(0.0);
    var c6a = vec4<f32>(0.0); var c6b = vec4<f32>(0.0);
    var c7a = vec4<f32>(0.0); var c7b = vec4<f32>(0.0);
    var c8a = vec4<f32>(0.0); var c8b = vec4<f32>(0.0);
    var c9a = vec4<f32>(0.0); var c9b = vec4<f32>(0.0);
    var c10a = vec4<f32>(0.0); var c10b = vec4<f32>(0.0);
    var c11a = vec4<f32>(0.0); var c11b = vec4<f32>(0.0);
    var c12a = vec4<f32>(0.0); var c12b = vec4<f32>(0.0);
    var c13a = vec4<f32>(0.0); var c13b = vec4<f32>(0.0);
    var c14a = vec4<f32>(0.0); var c14b = vec4<f32>(0.0);
    var c15a = vec4<f32>(0.0); var c15b = vec4<f32>(0.0);
    var c16a = vec4<f32>(0.0); var c16b = vec4<f32>(0.0);
    var c17a = vec4<f32>(0.0); var c17b = vec4<f32>(0.0);
    var c18a = vec4<f32>(0.0); var c18b = vec4<f32>(0.0);
    var c19a = vec4<f32>(0.0); var c19b = vec4<f32>(0.0);
    var c20a = vec4<f32>(0.0); var c20b = vec4<f32>(0.0);
    var c21a = vec4<f32>(0.0); var c21b = vec4<f32>(0.0);
    var c22a = vec4<f32>(0.0); var c22b = vec4<f32>(0.0);
    var c23a = vec4<f32>(0.0); var c23b = vec4<f32>(0.0);
    var c24a = vec4<f32>(0.0); var c24b = vec4<f32>(0.0);
    var c25a = vec4<f32>(0.0); var c25b = vec4<f32>(0.0);
    var c26a = vec4<f32>(0.0); var c26b = vec4<f32>(0.0);
    var c27a = vec4<f32>(0.0); var c27b = vec4<f32>(0.0);
    var c28a = vec4<f32>(0.0); var c28b = vec4<f32>(0.0);
    var c29a = vec4<f32>(0.0); var c29b = vec4<f32>(0.0);
    var c30a = vec4<f32>(0.0); var c30b = vec4<f32>(0.0);
    var c31a = vec4<f32>(0.0); var c31b = vec4<f32>(0.0);
    for (var k0 = 0u; k0 < p.kdim; k0 += 8u) {
        let kl = k0 + lane;
        let kin = kl < p.kdim;
        let kc = min(kl, p.kdim - 1u);
        let bt = load_b8(wb, k0, c0);
        let b0a = bt.lo[0]; let b0b = bt.hi[0];
        let b1a = bt.lo[1]; let b1b = bt.hi[1];
        let b2a = bt.lo[2]; let b2b = bt.hi[2];
        let b3a = bt.lo[3]; let b3b = bt.hi[3];
        let b4a = bt.lo[4]; let b4b = bt.hi[4];
        let b5a = bt.lo[5]; let b5b = bt.hi[5];
        let b6a = bt.lo[6]; let b6b = bt.hi[6];
        let b7a = bt.lo[7]; let b7b = bt.hi[7];
        let x0 = select(0.0, a[rb0 + kc], kin);
        let x1 = select(0.0, a[rb1 + kc], kin);
        let x2 = select(0.0, a[rb2 + kc], kin);
        let x3 = select(0.0, a[rb3 + kc], kin);
        let x4 = select(0.0, a[rb4 + kc], kin);
        let x5 = select(0.0, a[rb5 + kc], kin);
        let x6 = select(0.0, a[rb6 + kc], kin);
        let x7 = select(0.0, a[rb7 + kc], kin);
        { let s = vec4<f32>(subgroupBroadcast(x0, 0u)); c0a = fma(s, b0a, c0a); c0b = fma(s, b0b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 1u)); c0a = fma(s, b1a, c0a); c0b = fma(s, b1b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 2u)); c0a = fma(s, b2a, c0a); c0b = fma(s, b2b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 3u)); c0a = fma(s, b3a, c0a); c0b = fma(s, b3b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 4u)); c0a = fma(s, b4a, c0a); c0b = fma(s, b4b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 5u)); c0a = fma(s, b5a, c0a); c0b = fma(s, b5b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 6u)); c0a = fma(s, b6a, c0a); c0b = fma(s, b6b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 7u)); c0a = fma(s, b7a, c0a); c0b = fma(s, b7b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 0u)); c1a = fma(s, b0a, c1a); c1b = fma(s, b0b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 1u)); c1a = fma(s, b1a, c1a); c1b = fma(s, b1b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 2u)); c1a = fma(s, b2a, c1a); c1b = fma(s, b2b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 3u)); c1a = fma(s, b3a, c1a); c1b = fma(s, b3b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 4u)); c1a = fma(s, b4a, c1a); c1b = fma(s, b4b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 5u)); c1a = fma(s, b5a, c1a); c1b = fma(s, b5b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 6u)); c1a = fma(s, b6a, c1a); c1b = fma(s, b6b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 7u)); c1a = fma(s, b7a, c1a); c1b = fma(s, b7b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 0u)); c2a = fma(s, b0a, c2a); c2b = fma(s, b0b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 1u)); c2a = fma(s, b1a, c2a); c2b = fma(s, b1b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 2u)); c2a = fma(s, b2a, c2a); c2b = fma(s, b2b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 3u)); c2a = fma(s, b3a, c2a); c2b = fma(s, b3b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 4u)); c2a = fma(s, b4a, c2a); c2b = fma(s, b4b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 5u)); c2a = fma(s, b5a, c2a); c2b = fma(s, b5b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 6u)); c2a = fma(s, b6a, c2a); c2b = fma(s, b6b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 7u)); c2a = fma(s, b7a, c2a); c2b = fma(s, b7b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 0u)); c3a = fma(s, b0a, c3a); c3b = fma(s, b0b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 1u)); c3a = fma(s, b1a, c3a); c3b = fma(s, b1b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 2u)); c3a = fma(s, b2a, c3a); c3b = fma(s, b2b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 3u)); c3a = fma(s, b3a, c3a); c3b = fma(s, b3b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 4u)); c3a = fma(s, b4a, c3a); c3b = fma(s, b4b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 5u)); c3a = fma(s, b5a, c3a); c3b = fma(s, b5b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 6u)); c3a = fma(s, b6a, c3a); c3b = fma(s, b6b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 7u)); c3a = fma(s, b7a, c3a); c3b = fma(s, b7b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 0u)); c4a = fma(s, b0a, c4a); c4b = fma(s, b0b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 1u)); c4a = fma(s, b1a, c4a); c4b = fma(s, b1b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 2u)); c4a = fma(s, b2a, c4a); c4b = fma(s, b2b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 3u)); c4a = fma(s, b3a, c4a); c4b = fma(s, b3b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 4u)); c4a = fma(s, b4a, c4a); c4b = fma(s, b4b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 5u)); c4a = fma(s, b5a, c4a); c4b = fma(s, b5b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 6u)); c4a = fma(s, b6a, c4a); c4b = fma(s, b6b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 7u)); c4a = fma(s, b7a, c4a); c4b = fma(s, b7b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 0u)); c5a = fma(s, b0a, c5a); c5b = fma(s, b0b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 1u)); c5a = fma(s, b1a, c5a); c5b = fma(s, b1b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 2u)); c5a = fma(s, b2a, c5a); c5b = fma(s, b2b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 3u)); c5a = fma(s, b3a, c5a); c5b = fma(s, b3b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 4u)); c5a = fma(s, b4a, c5a); c5b = fma(s, b4b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 5u)); c5a = fma(s, b5a, c5a); c5b = fma(s, b5b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 6u)); c5a = fma(s, b6a, c5a); c5b = fma(s, b6b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 7u)); c5a = fma(s, b7a, c5a); c5b = fma(s, b7b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 0u)); c6a = fma(s, b0a, c6a); c6b = fma(s, b0b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 1u)); c6a = fma(s, b1a, c6a); c6b = fma(s, b1b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 2u)); c6a = fma(s, b2a, c6a); c6b = fma(s, b2b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 3u)); c6a = fma(s, b3a, c6a); c6b = fma(s, b3b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 4u)); c6a = fma(s, b4a, c6a); c6b = fma(s, b4b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 5u)); c6a = fma(s, b5a, c6a); c6b = fma(s, b5b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 6u)); c6a = fma(s, b6a, c6a); c6b = fma(s, b6b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 7u)); c6a = fma(s, b7a, c6a); c6b = fma(s, b7b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 0u)); c7a = fma(s, b0a, c7a); c7b = fma(s, b0b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 1u)); c7a = fma(s, b1a, c7a); c7b = fma(s, b1b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 2u)); c7a = fma(s, b2a, c7a); c7b = fma(s, b2b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 3u)); c7a = fma(s, b3a, c7a); c7b = fma(s, b3b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 4u)); c7a = fma(s, b4a, c7a); c7b = fma(s, b4b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 5u)); c7a = fma(s, b5a, c7a); c7b = fma(s, b5b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 6u)); c7a = fma(s, b6a, c7a); c7b = fma(s, b6b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 7u)); c7a = fma(s, b7a, c7a); c7b = fma(s, b7b, c7b); }
        if (nrows > 8u) {
            let x8 = select(0.0, a[rb8 + kc], kin);
            let x9 = select(0.0, a[rb9 + kc], kin);
            let x10 = select(0.0, a[rb10 + kc], kin);
            let x11 = select(0.0, a[rb11 + kc], kin);
            let x12 = select(0.0, a[rb12 + kc], kin);
            let x13 = select(0.0, a[rb13 + kc], kin);
            let x14 = select(0.0, a[rb14 + kc], kin);
            let x15 = select(0.0, a[rb15 + kc], kin);
            { let s = vec4<f32>(subgroupBroadcast(x8, 0u)); c8a = fma(s, b0a, c8a); c8b = fma(s, b0b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 1u)); c8a = fma(s, b1a, c8a); c8b = fma(s, b1b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 2u)); c8a = fma(s, b2a, c8a); c8b = fma(s, b2b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 3u)); c8a = fma(s, b3a, c8a); c8b = fma(s, b3b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 4u)); c8a = fma(s, b4a, c8a); c8b = fma(s, b4b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 5u)); c8a = fma(s, b5a, c8a); c8b = fma(s, b5b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 6u)); c8a = fma(s, b6a, c8a); c8b = fma(s, b6b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 7u)); c8a = fma(s, b7a, c8a); c8b = fma(s, b7b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 0u)); c9a = fma(s, b0a, c9a); c9b = fma(s, b0b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 1u)); c9a = fma(s, b1a, c9a); c9b = fma(s, b1b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 2u)); c9a = fma(s, b2a, c9a); c9b = fma(s, b2b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 3u)); c9a = fma(s, b3a, c9a); c9b = fma(s, b3b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 4u)); c9a = fma(s, b4a, c9a); c9b = fma(s, b4b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 5u)); c9a = fma(s, b5a, c9a); c9b = fma(s, b5b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 6u)); c9a = fma(s, b6a, c9a); c9b = fma(s, b6b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 7u)); c9a = fma(s, b7a, c9a); c9b = fma(s, b7b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 0u)); c10a = fma(s, b0a, c10a); c10b = fma(s, b0b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 1u)); c10a = fma(s, b1a, c10a); c10b = fma(s, b1b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 2u)); c10a = fma(s, b2a, c10a); c10b = fma(s, b2b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 3u)); c10a = fma(s, b3a, c10a); c10b = fma(s, b3b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 4u)); c10a = fma(s, b4a, c10a); c10b = fma(s, b4b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 5u)); c10a = fma(s, b5a, c10a); c10b = fma(s, b5b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 6u)); c10a = fma(s, b6a, c10a); c10b = fma(s, b6b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 7u)); c10a = fma(s, b7a, c10a); c10b = fma(s, b7b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 0u)); c11a = fma(s, b0a, c11a); c11b = fma(s, b0b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 1u)); c11a = fma(s, b1a, c11a); c11b = fma(s, b1b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 2u)); c11a = fma(s, b2a, c11a); c11b = fma(s, b2b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 3u)); c11a = fma(s, b3a, c11a); c11b = fma(s, b3b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 4u)); c11a = fma(s, b4a, c11a); c11b = fma(s, b4b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 5u)); c11a = fma(s, b5a, c11a); c11b = fma(s, b5b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 6u)); c11a = fma(s, b6a, c11a); c11b = fma(s, b6b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 7u)); c11a = fma(s, b7a, c11a); c11b = fma(s, b7b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 0u)); c12a = fma(s, b0a, c12a); c12b = fma(s, b0b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 1u)); c12a = fma(s, b1a, c12a); c12b = fma(s, b1b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 2u)); c12a = fma(s, b2a, c12a); c12b = fma(s, b2b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 3u)); c12a = fma(s, b3a, c12a); c12b = fma(s, b3b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 4u)); c12a = fma(s, b4a, c12a); c12b = fma(s, b4b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 5u)); c12a = fma(s, b5a, c12a); c12b = fma(s, b5b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 6u)); c12a = fma(s, b6a, c12a); c12b = fma(s, b6b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 7u)); c12a = fma(s, b7a, c12a); c12b = fma(s, b7b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 0u)); c13a = fma(s, b0a, c13a); c13b = fma(s, b0b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 1u)); c13a = fma(s, b1a, c13a); c13b = fma(s, b1b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 2u)); c13a = fma(s, b2a, c13a); c13b = fma(s, b2b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 3u)); c13a = fma(s, b3a, c13a); c13b = fma(s, b3b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 4u)); c13a = fma(s, b4a, c13a); c13b = fma(s, b4b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 5u)); c13a = fma(s, b5a, c13a); c13b = fma(s, b5b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 6u)); c13a = fma(s, b6a, c13a); c13b = fma(s, b6b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 7u)); c13a = fma(s, b7a, c13a); c13b = fma(s, b7b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 0u)); c14a = fma(s, b0a, c14a); c14b = fma(s, b0b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 1u)); c14a = fma(s, b1a, c14a); c14b = fma(s, b1b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 2u)); c14a = fma(s, b2a, c14a); c14b = fma(s, b2b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 3u)); c14a = fma(s, b3a, c14a); c14b = fma(s, b3b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 4u)); c14a = fma(s, b4a, c14a); c14b = fma(s, b4b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 5u)); c14a = fma(s, b5a, c14a); c14b = fma(s, b5b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 6u)); c14a = fma(s, b6a, c14a); c14b = fma(s, b6b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 7u)); c14a = fma(s, b7a, c14a); c14b = fma(s, b7b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 0u)); c15a = fma(s, b0a, c15a); c15b = fma(s, b0b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 1u)); c15a = fma(s, b1a, c15a); c15b = fma(s, b1b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 2u)); c15a = fma(s, b2a, c15a); c15b = fma(s, b2b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 3u)); c15a = fma(s, b3a, c15a); c15b = fma(s, b3b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 4u)); c15a = fma(s, b4a, c15a); c15b = fma(s, b4b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 5u)); c15a = fma(s, b5a, c15a); c15b = fma(s, b5b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 6u)); c15a = fma(s, b6a, c15a); c15b = fma(s, b6b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 7u)); c15a = fma(s, b7a, c15a); c15b = fma(s, b7b, c15b); }
        }
        if (nrows > 16u) {
            let x16 = select(0.0, a[rb16 + kc], kin);
            let x17 = select(0.0, a[rb17 + kc], kin);
            let x18 = select(0.0, a[rb18 + kc], kin);
            let x19 = select(0.0, a[rb19 + kc], kin);
            let x20 = select(0.0, a[rb20 + kc], kin);
            let x21 = select(0.0, a[rb21 + kc], kin);
            let x22 = select(0.0, a[rb22 + kc], kin);
            let x23 = select(0.0, a[rb23 + kc], kin);
            { let s = vec4<f32>(subgroupBroadcast(x16, 0u)); c16a = fma(s, b0a, c16a); c16b = fma(s, b0b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 1u)); c16a = fma(s, b1a, c16a); c16b = fma(s, b1b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 2u)); c16a = fma(s, b2a, c16a); c16b = fma(s, b2b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 3u)); c16a = fma(s, b3a, c16a); c16b = fma(s, b3b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 4u)); c16a = fma(s, b4a, c16a); c16b = fma(s, b4b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 5u)); c16a = fma(s, b5a, c16a); c16b = fma(s, b5b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 6u)); c16a = fma(s, b6a, c16a); c16b = fma(s, b6b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 7u)); c16a = fma(s, b7a, c16a); c16b = fma(s, b7b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 0u)); c17a = fma(s, b0a, c17a); c17b = fma(s, b0b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 1u)); c17a = fma(s, b1a, c17a); c17b = fma(s, b1b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 2u)); c17a = fma(s, b2a, c17a); c17b = fma(s, b2b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 3u)); c17a = fma(s, b3a, c17a); c17b = fma(s, b3b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 4u)); c17a = fma(s, b4a, c17a); c17b = fma(s, b4b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 5u)); c17a = fma(s, b5a, c17a); c17b = fma(s, b5b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 6u)); c17a = fma(s, b6a, c17a); c17b = fma(s, b6b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 7u)); c17a = fma(s, b7a, c17a); c17b = fma(s, b7b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 0u)); c18a = fma(s, b0a, c18a); c18b = fma(s, b0b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 1u)); c18a = fma(s, b1a, c18a); c18b = fma(s, b1b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 2u)); c18a = fma(s, b2a, c18a); c18b = fma(s, b2b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 3u)); c18a = fma(s, b3a, c18a); c18b = fma(s, b3b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 4u)); c18a = fma(s, b4a, c18a); c18b = fma(s, b4b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 5u)); c18a = fma(s, b5a, c18a); c18b = fma(s, b5b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 6u)); c18a = fma(s, b6a, c18a); c18b = fma(s, b6b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 7u)); c18a = fma(s, b7a, c18a); c18b = fma(s, b7b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 0u)); c19a = fma(s, b0a, c19a); c19b = fma(s, b0b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 1u)); c19a = fma(s, b1a, c19a); c19b = fma(s, b1b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 2u)); c19a = fma(s, b2a, c19a); c19b = fma(s, b2b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 3u)); c19a = fma(s, b3a, c19a); c19b = fma(s, b3b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 4u)); c19a = fma(s, b4a, c19a); c19b = fma(s, b4b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 5u)); c19a = fma(s, b5a, c19a); c19b = fma(s, b5b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 6u)); c19a = fma(s, b6a, c19a); c19b = fma(s, b6b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 7u)); c19a = fma(s, b7a, c19a); c19b = fma(s, b7b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 0u)); c20a = fma(s, b0a, c20a); c20b = fma(s, b0b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 1u)); c20a = fma(s, b1a, c20a); c20b = fma(s, b1b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 2u)); c20a = fma(s, b2a, c20a); c20b = fma(s, b2b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 3u)); c20a = fma(s, b3a, c20a); c20b = fma(s, b3b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 4u)); c20a = fma(s, b4a, c20a); c20b = fma(s, b4b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 5u)); c20a = fma(s, b5a, c20a); c20b = fma(s, b5b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 6u)); c20a = fma(s, b6a, c20a); c20b = fma(s, b6b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 7u)); c20a = fma(s, b7a, c20a); c20b = fma(s, b7b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 0u)); c21a = fma(s, b0a, c21a); c21b = fma(s, b0b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 1u)); c21a = fma(s, b1a, c21a); c21b = fma(s, b1b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 2u)); c21a = fma(s, b2a, c21a); c21b = fma(s, b2b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 3u)); c21a = fma(s, b3a, c21a); c21b = fma(s, b3b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 4u)); c21a = fma(s, b4a, c21a); c21b = fma(s, b4b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 5u)); c21a = fma(s, b5a, c21a); c21b = fma(s, b5b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 6u)); c21a = fma(s, b6a, c21a); c21b = fma(s, b6b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 7u)); c21a = fma(s, b7a, c21a); c21b = fma(s, b7b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 0u)); c22a = fma(s, b0a, c22a); c22b = fma(s, b0b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 1u)); c22a = fma(s, b1a, c22a); c22b = fma(s, b1b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 2u)); c22a = fma(s, b2a, c22a); c22b = fma(s, b2b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 3u)); c22a = fma(s, b3a, c22a); c22b = fma(s, b3b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 4u)); c22a = fma(s, b4a, c22a); c22b = fma(s, b4b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 5u)); c22a = fma(s, b5a, c22a); c22b = fma(s, b5b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 6u)); c22a = fma(s, b6a, c22a); c22b = fma(s, b6b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 7u)); c22a = fma(s, b7a, c22a); c22b = fma(s, b7b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 0u)); c23a = fma(s, b0a, c23a); c23b = fma(s, b0b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 1u)); c23a = fma(s, b1a, c23a); c23b = fma(s, b1b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 2u)); c23a = fma(s, b2a, c23a); c23b = fma(s, b2b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 3u)); c23a = fma(s, b3a, c23a); c23b = fma(s, b3b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 4u)); c23a = fma(s, b4a, c23a); c23b = fma(s, b4b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 5u)); c23a = fma(s, b5a, c23a); c23b = fma(s, b5b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 6u)); c23a = fma(s, b6a, c23a); c23b = fma(s, b6b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 7u)); c23a = fma(s, b7a, c23a); c23b = fma(s, b7b, c23b); }
        }
        if (nrows > 24u) {
            let x24 = select(0.0, a[rb24 + kc], kin);
            let x25 = select(0.0, a[rb25 + kc], kin);
            let x26 = select(0.0, a[rb26 + kc], kin);
            let x27 = select(0.0, a[rb27 + kc], kin);
            let x28 = select(0.0, a[rb28 + kc], kin);
            let x29 = select(0.0, a[rb29 + kc], kin);
            let x30 = select(0.0, a[rb30 + kc], kin);
            let x31 = select(0.0, a[rb31 + kc], kin);
            { let s = vec4<f32>(subgroupBroadcast(x24, 0u)); c24a = fma(s, b0a, c24a); c24b = fma(s, b0b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 1u)); c24a = fma(s, b1a, c24a); c24b = fma(s, b1b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 2u)); c24a = fma(s, b2a, c24a); c24b = fma(s, b2b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 3u)); c24a = fma(s, b3a, c24a); c24b = fma(s, b3b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 4u)); c24a = fma(s, b4a, c24a); c24b = fma(s, b4b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 5u)); c24a = fma(s, b5a, c24a); c24b = fma(s, b5b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 6u)); c24a = fma(s, b6a, c24a); c24b = fma(s, b6b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 7u)); c24a = fma(s, b7a, c24a); c24b = fma(s, b7b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 0u)); c25a = fma(s, b0a, c25a); c25b = fma(s, b0b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 1u)); c25a = fma(s, b1a, c25a); c25b = fma(s, b1b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 2u)); c25a = fma(s, b2a, c25a); c25b = fma(s, b2b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 3u)); c25a = fma(s, b3a, c25a); c25b = fma(s, b3b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 4u)); c25a = fma(s, b4a, c25a); c25b = fma(s, b4b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 5u)); c25a = fma(s, b5a, c25a); c25b = fma(s, b5b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 6u)); c25a = fma(s, b6a, c25a); c25b = fma(s, b6b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 7u)); c25a = fma(s, b7a, c25a); c25b = fma(s, b7b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 0u)); c26a = fma(s, b0a, c26a); c26b = fma(s, b0b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 1u)); c26a = fma(s, b1a, c26a); c26b = fma(s, b1b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 2u)); c26a = fma(s, b2a, c26a); c26b = fma(s, b2b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 3u)); c26a = fma(s, b3a, c26a); c26b = fma(s, b3b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 4u)); c26a = fma(s, b4a, c26a); c26b = fma(s, b4b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 5u)); c26a = fma(s, b5a, c26a); c26b = fma(s, b5b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 6u)); c26a = fma(s, b6a, c26a); c26b = fma(s, b6b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 7u)); c26a = fma(s, b7a, c26a); c26b = fma(s, b7b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 0u)); c27a = fma(s, b0a, c27a); c27b = fma(s, b0b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 1u)); c27a = fma(s, b1a, c27a); c27b = fma(s, b1b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 2u)); c27a = fma(s, b2a, c27a); c27b = fma(s, b2b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 3u)); c27a = fma(s, b3a, c27a); c27b = fma(s, b3b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 4u)); c27a = fma(s, b4a, c27a); c27b = fma(s, b4b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 5u)); c27a = fma(s, b5a, c27a); c27b = fma(s, b5b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 6u)); c27a = fma(s, b6a, c27a); c27b = fma(s, b6b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 7u)); c27a = fma(s, b7a, c27a); c27b = fma(s, b7b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 0u)); c28a = fma(s, b0a, c28a); c28b = fma(s, b0b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 1u)); c28a = fma(s, b1a, c28a); c28b = fma(s, b1b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 2u)); c28a = fma(s, b2a, c28a); c28b = fma(s, b2b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 3u)); c28a = fma(s, b3a, c28a); c28b = fma(s, b3b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 4u)); c28a = fma(s, b4a, c28a); c28b = fma(s, b4b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 5u)); c28a = fma(s, b5a, c28a); c28b = fma(s, b5b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 6u)); c28a = fma(s, b6a, c28a); c28b = fma(s, b6b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 7u)); c28a = fma(s, b7a, c28a); c28b = fma(s, b7b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 0u)); c29a = fma(s, b0a, c29a); c29b = fma(s, b0b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 1u)); c29a = fma(s, b1a, c29a); c29b = fma(s, b1b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 2u)); c29a = fma(s, b2a, c29a); c29b = fma(s, b2b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 3u)); c29a = fma(s, b3a, c29a); c29b = fma(s, b3b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 4u)); c29a = fma(s, b4a, c29a); c29b = fma(s, b4b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 5u)); c29a = fma(s, b5a, c29a); c29b = fma(s, b5b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 6u)); c29a = fma(s, b6a, c29a); c29b = fma(s, b6b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 7u)); c29a = fma(s, b7a, c29a); c29b = fma(s, b7b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 0u)); c30a = fma(s, b0a, c30a); c30b = fma(s, b0b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 1u)); c30a = fma(s, b1a, c30a); c30b = fma(s, b1b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 2u)); c30a = fma(s, b2a, c30a); c30b = fma(s, b2b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 3u)); c30a = fma(s, b3a, c30a); c30b = fma(s, b3b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 4u)); c30a = fma(s, b4a, c30a); c30b = fma(s, b4b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 5u)); c30a = fma(s, b5a, c30a); c30b = fma(s, b5b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 6u)); c30a = fma(s, b6a, c30a); c30b = fma(s, b6b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 7u)); c30a = fma(s, b7a, c30a); c30b = fma(s, b7b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 0u)); c31a = fma(s, b0a, c31a); c31b = fma(s, b0b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 1u)); c31a = fma(s, b1a, c31a); c31b = fma(s, b1b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 2u)); c31a = fma(s, b2a, c31a); c31b = fma(s, b2b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 3u)); c31a = fma(s, b3a, c31a); c31b = fma(s, b3b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 4u)); c31a = fma(s, b4a, c31a); c31b = fma(s, b4b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 5u)); c31a = fma(s, b5a, c31a); c31b = fma(s, b5b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 6u)); c31a = fma(s, b6a, c31a); c31b = fma(s, b6b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 7u)); c31a = fma(s, b7a, c31a); c31b = fma(s, b7b, c31b); }
        }
    }
    if (0u < nrows) { mm_store_row(ex, r0 + 0u, c0, c0a, c0b); }
    if (1u < nrows) { mm_store_row(ex, r0 + 1u, c0, c1a, c1b); }
    if (2u < nrows) { mm_store_row(ex, r0 + 2u, c0, c2a, c2b); }
    if (3u < nrows) { mm_store_row(ex, r0 + 3u, c0, c3a, c3b); }
    if (4u < nrows) { mm_store_row(ex, r0 + 4u, c0, c4a, c4b); }
    if (5u < nrows) { mm_store_row(ex, r0 + 5u, c0, c5a, c5b); }
    if (6u < nrows) { mm_store_row(ex, r0 + 6u, c0, c6a, c6b); }
    if (7u < nrows) { mm_store_row(ex, r0 + 7u, c0, c7a, c7b); }
    if (8u < nrows) { mm_store_row(ex, r0 + 8u, c0, c8a, c8b); }
    if (9u < nrows) { mm_store_row(ex, r0 + 9u, c0, c9a, c9b); }
    if (10u < nrows) { mm_store_row(ex, r0 + 10u, c0, c10a, c10b); }
    if (11u < nrows) { mm_store_row(ex, r0 + 11u, c0, c11a, c11b); }
    if (12u < nrows) { mm_store_row(ex, r0 + 12u, c0, c12a, c12b); }
    if (13u < nrows) { mm_store_row(ex, r0 + 13u, c0, c13a, c13b); }
    if (14u < nrows) { mm_store_row(ex, r0 + 14u, c0, c14a, c14b); }
    if (15u < nrows) { mm_store_row(ex, r0 + 15u, c0, c15a, c15b); }
    if (16u < nrows) { mm_store_row(ex, r0 + 16u, c0, c16a, c16b); }
    if (17u < nrows) { mm_store_row(ex, r0 + 17u, c0, c17a, c17b); }
    if (18u < nrows) { mm_store_row(ex, r0 + 18u, c0, c18a, c18b); }
    if (19u < nrows) { mm_store_row(ex, r0 + 19u, c0, c19a, c19b); }
    if (20u < nrows) { mm_store_row(ex, r0 + 20u, c0, c20a, c20b); }
    if (21u < nrows) { mm_store_row(ex, r0 + 21u, c0, c21a, c21b); }
    if (22u < nrows) { mm_store_row(ex, r0 + 22u, c0, c22a, c22b); }
    if (23u < nrows) { mm_store_row(ex, r0 + 23u, c0, c23a, c23b); }
    if (24u < nrows) { mm_store_row(ex, r0 + 24u, c0, c24a, c24b); }
    if (25u < nrows) { mm_store_row(ex, r0 + 25u, c0, c25a, c25b); }
    if (26u < nrows) { mm_store_row(ex, r0 + 26u, c0, c26a, c26b); }
    if (27u < nrows) { mm_store_row(ex, r0 + 27u, c0, c27a, c27b); }
    if (28u < nrows) { mm_store_row(ex, r0 + 28u, c0, c28a, c28b); }
    if (29u < nrows) { mm_store_row(ex, r0 + 29u, c0, c29a, c29b); }
    if (30u < nrows) { mm_store_row(ex, r0 + 30u, c0, c30a, c30b); }
    if (31u < nrows) { mm_store_row(ex, r0 + 31u, c0, c31a, c31b); }
}

// B rows r0 + kk (kk < 8) of aux, columns c0 .. c0 + 8 (zero for rows at or past rend).
fn load_aux8(r0: u32, rend: u32, c0: u32) -> B8 {
    var o: B8;
    let cl = p.ncols - 1u;
    for (var kk = 0u; kk < 8u; kk++) {
        let rc = min(r0 + kk, rend - 1u);
        let s = f32(r0 + kk < rend);
        if (VEC4_B) {
            let q = (rc * p.ncols + c0) / 4u;
            o.lo[kk] = s * aux4[q];
            o.hi[kk] = s * aux4[q + 1u];
        } else {
            var v: array<f32, 8>;
            for (var j = 0u; j < 8u; j++) { v[j] = aux[rc * p.ncols + min(c0 + j, cl)]; }
            o.lo[kk] = s * vec4<f32>(v[0], v[1], v[2], v[3]);
            o.hi[kk] = s * vec4<f32>(v[4], v[5], v[6], v[7]);
        }
    }
    return o;
}

fn wg_store_row(i: u32, ob: u32, c0: u32, lo: vec4<f32>, hi: vec4<f32>) {
    if (i >= p.mdim) { return; }
    for (var j = 0u; j < 8u; j++) {
        let c = c0 + j;
        if (c >= p.ncols) { return; }
        var v: f32;
        if (j < 4u) { v = lo[j]; } else { v = hi[j - 4u]; }
        out0[ob + i * p.ncols + c] += v;
    }
}

// dW[e] (mdim x ncols) += sum over e's sorted rows r of A[src(r), :]^T aux[r, :]; the first
// row block also adds db[e] += colsum aux. Grid (E * ceil(mdim / 32), ceil(ncols / 64)).
@compute @workgroup_size(8)
fn expert_wgrad(@builtin(subgroup_invocation_id) lane: u32, @builtin(workgroup_id) wid: vec3<u32>) {
    let mblocks = (p.mdim + 31u) / 32u;
    let ex = wid.x / mblocks;
    let m0 = (wid.x % mblocks) * 32u;
    let c0 = wid.y * 64u + lane * 8u;
    let ml = p.mdim - 1u;
    let rbeg = offsets[ex];
    let rend = offsets[ex + 1u];
    let mrows = min(32u, p.mdim - m0);
    var sa = vec4<f32>(0.0); var sb = vec4<f32>(0.0);
    var c0a = vec4<f32>(0.0); var c0b = vec4<f32>(0.0);
    var c1a = vec4<f32>(0.0); var c1b = vec4<f32>(0.0);
    var c2a = vec4<f32>(0.0); var c2b = vec4<f32>(0.0);
    var c3a = vec4<f32>(0.0); var c3b = vec4<f32>(0.0);
    var c4a = vec4<f32>(0.0); var c4b = vec4<f32>(0.0);
    var c5a = vec4<f32>(0.0); var c5b = vec4<f32>(0.0);
    var c6a = vec4<f32>(0.0); var c6b = vec4<f32>(0.0);
    var c7a = vec4<f32>(0.0); var c7b = vec4<f32>(0.0);
    var c8a = vec4<f32>(0.0); var c8b = vec4<f32>(0.0);
    var c9a = vec4<f32>(0.0); var c9b = vec4<f32>(0.0);
    var c10a = vec4<f32>(0.0); var c10b = vec4<f32>(0.0);
    var c11a = vec4<f32>(0.0); var c11b = vec4<f32>(0.0);
    var c12a = vec4<f32>(0.0); var c12b = vec4<f32>(0.0);
    var c13a = vec4<f32>(0.0); var c13b = vec4<f32>(0.0);
    var c14a = vec4<f32>(0.0); var c14b = vec4<f32>(0.0);
    var c15a = vec4<f32>(0.0); var c15b = vec4<f32>(0.0);
    var c16a = vec4<f32>(0.0); var c16b = vec4<f32>(0.0);
    var c17a = vec4<f32>(0.0); var c17b = vec4<f32>(0.0);
    var c18a = vec4<f32>(0.0); var c18b = vec4<f32>(0.0);
    var c19a = vec4<f32>(0.0); var c19b = vec4<f32>(0.0);
    var c20a = vec4<f32>(0.0); var c20b = vec4<f32>(0.0);
    var c21a = vec4<f32>(0.0); var c21b = vec4<f32>(0.0);
    var c22a = vec4<f32>(0.0); var c22b = vec4<f32>(0.0);
    var c23a = vec4<f32>(0.0); var c23b = vec4<f32>(0.0);
    var c24a = vec4<f32>(0.0); var c24b = vec4<f32>(0.0);
    var c25a = vec4<f32>(0.0); var c25b = vec4<f32>(0.0);
    var c26a = vec4<f32>(0.0); var c26b = vec4<f32>(0.0);
    var c27a = vec4<f32>(0.0); var c27b = vec4<f32>(0.0);
    var c28a = vec4<f32>(0.0); var c28b = vec4<f32>(0.0);
    var c29a = vec4<f32>(0.0); var c29b = vec4<f32>(0.0);
    var c30a = vec4<f32>(0.0); var c30b = vec4<f32>(0.0);
    var c31a = vec4<f32>(0.0); var c31b = vec4<f32>(0.0);
    for (var k0 = rbeg; k0 < rend; k0 += 8u) {
        let kl = k0 + lane;
        let kin = kl < rend;
        let ab = row_base(min(kl, rend - 1u));
        let bt = load_aux8(k0, rend, c0);
        let b0a = bt.lo[0]; let b0b = bt.hi[0];
        let b1a = bt.lo[1]; let b1b = bt.hi[1];
        let b2a = bt.lo[2]; let b2b = bt.hi[2];
        let b3a = bt.lo[3]; let b3b = bt.hi[3];
        let b4a = bt.lo[4]; let b4b = bt.hi[4];
        let b5a = bt.lo[5]; let b5b = bt.hi[5];
        let b6a = bt.lo[6]; let b6b = bt.hi[6];
        let b7a = bt.lo[7]; let b7b = bt.hi[7];
        sa += b0a + b1a + b2a + b3a + b4a + b5a + b6a + b7a;
        sb += b0b + b1b + b2b + b3b + b4b + b5b + b6b + b7b;
        let x0 = select(0.0, a[ab + min(m0 + 0u, ml)], kin);
        let x1 = select(0.0, a[ab + min(m0 + 1u, ml)], kin);
        let x2 = select(0.0, a[ab + min(m0 + 2u, ml)], kin);
        let x3 = select(0.0, a[ab + min(m0 + 3u, ml)], kin);
        let x4 = select(0.0, a[ab + min(m0 + 4u, ml)], kin);
        let x5 = select(0.0, a[ab + min(m0 + 5u, ml)], kin);
        let x6 = select(0.0, a[ab + min(m0 + 6u, ml)], kin);
        let x7 = select(0.0, a[ab + min(m0 + 7u, ml)], kin);
        { let s = vec4<f32>(subgroupBroadcast(x0, 0u)); c0a = fma(s, b0a, c0a); c0b = fma(s, b0b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 1u)); c0a = fma(s, b1a, c0a); c0b = fma(s, b1b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 2u)); c0a = fma(s, b2a, c0a); c0b = fma(s, b2b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 3u)); c0a = fma(s, b3a, c0a); c0b = fma(s, b3b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 4u)); c0a = fma(s, b4a, c0a); c0b = fma(s, b4b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 5u)); c0a = fma(s, b5a, c0a); c0b = fma(s, b5b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 6u)); c0a = fma(s, b6a, c0a); c0b = fma(s, b6b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 7u)); c0a = fma(s, b7a, c0a); c0b = fma(s, b7b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 0u)); c1a = fma(s, b0a, c1a); c1b = fma(s, b0b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 1u)); c1a = fma(s, b1a, c1a); c1b = fma(s, b1b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 2u)); c1a = fma(s, b2a, c1a); c1b = fma(s, b2b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 3u)); c1a = fma(s, b3a, c1a); c1b = fma(s, b3b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 4u)); c1a = fma(s, b4a, c1a); c1b = fma(s, b4b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 5u)); c1a = fma(s, b5a, c1a); c1b = fma(s, b5b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 6u)); c1a = fma(s, b6a, c1a); c1b = fma(s, b6b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 7u)); c1a = fma(s, b7a, c1a); c1b = fma(s, b7b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 0u)); c2a = fma(s, b0a, c2a); c2b = fma(s, b0b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 1u)); c2a = fma(s, b1a, c2a); c2b = fma(s, b1b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 2u)); c2a = fma(s, b2a, c2a); c2b = fma(s, b2b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 3u)); c2a = fma(s, b3a, c2a); c2b = fma(s, b3b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 4u)); c2a = fma(s, b4a, c2a); c2b = fma(s, b4b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 5u)); c2a = fma(s, b5a, c2a); c2b = fma(s, b5b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 6u)); c2a = fma(s, b6a, c2a); c2b = fma(s, b6b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 7u)); c2a = fma(s, b7a, c2a); c2b = fma(s, b7b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 0u)); c3a = fma(s, b0a, c3a); c3b = fma(s, b0b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 1u)); c3a = fma(s, b1a, c3a); c3b = fma(s, b1b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 2u)); c3a = fma(s, b2a, c3a); c3b = fma(s, b2b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 3u)); c3a = fma(s, b3a, c3a); c3b = fma(s, b3b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 4u)); c3a = fma(s, b4a, c3a); c3b = fma(s, b4b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 5u)); c3a = fma(s, b5a, c3a); c3b = fma(s, b5b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 6u)); c3a = fma(s, b6a, c3a); c3b = fma(s, b6b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 7u)); c3a = fma(s, b7a, c3a); c3b = fma(s, b7b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 0u)); c4a = fma(s, b0a, c4a); c4b = fma(s, b0b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 1u)); c4a = fma(s, b1a, c4a); c4b = fma(s, b1b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 2u)); c4a = fma(s, b2a, c4a); c4b = fma(s, b2b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 3u)); c4a = fma(s, b3a, c4a); c4b = fma(s, b3b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 4u)); c4a = fma(s, b4a, c4a); c4b = fma(s, b4b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 5u)); c4a = fma(s, b5a, c4a); c4b = fma(s, b5b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 6u)); c4a = fma(s, b6a, c4a); c4b = fma(s, b6b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 7u)); c4a = fma(s, b7a, c4a); c4b = fma(s, b7b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 0u)); c5a = fma(s, b0a, c5a); c5b = fma(s, b0b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 1u)); c5a = fma(s, b1a, c5a); c5b = fma(s, b1b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 2u)); c5a = fma(s, b2a, c5a); c5b = fma(s, b2b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 3u)); c5a = fma(s, b3a, c5a); c5b = fma(s, b3b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 4u)); c5a = fma(s, b4a, c5a); c5b = fma(s, b4b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 5u)); c5a = fma(s, b5a, c5a); c5b = fma(s, b5b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 6u)); c5a = fma(s, b6a, c5a); c5b = fma(s, b6b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 7u)); c5a = fma(s, b7a, c5a); c5b = fma(s, b7b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 0u)); c6a = fma(s, b0a, c6a); c6b = fma(s, b0b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 1u)); c6a = fma(s, b1a, c6a); c6b = fma(s, b1b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 2u)); c6a = fma(s, b2a, c6a); c6b = fma(s, b2b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 3u)); c6a = fma(s, b3a, c6a); c6b = fma(s, b3b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 4u)); c6a = fma(s, b4a, c6a); c6b = fma(s, b4b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 5u)); c6a = fma(s, b5a, c6a); c6b = fma(s, b5b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 6u)); c6a = fma(s, b6a, c6a); c6b = fma(s, b6b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 7u)); c6a = fma(s, b7a, c6a); c6b = fma(s, b7b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 0u)); c7a = fma(s, b0a, c7a); c7b = fma(s, b0b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 1u)); c7a = fma(s, b1a, c7a); c7b = fma(s, b1b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 2u)); c7a = fma(s, b2a, c7a); c7b = fma(s, b2b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 3u)); c7a = fma(s, b3a, c7a); c7b = fma(s, b3b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 4u)); c7a = fma(s, b4a, c7a); c7b = fma(s, b4b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 5u)); c7a = fma(s, b5a, c7a); c7b = fma(s, b5b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 6u)); c7a = fma(s, b6a, c7a); c7b = fma(s, b6b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 7u)); c7a = fma(s, b7a, c7a); c7b = fma(s, b7b, c7b); }
        if (mrows > 8u) {
            let x8 = select(0.0, a[ab + min(m0 + 8u, ml)], kin);
            let x9 = select(0.0, a[ab + min(m0 + 9u, ml)], kin);
            let x10 = select(0.0, a[ab + min(m0 + 10u, ml)], kin);
            let x11 = select(0.0, a[ab + min(m0 + 11u, ml)], kin);
            let x12 = select(0.0, a[ab + min(m0 + 12u, ml)], kin);
            let x13 = select(0.0, a[ab + min(m0 + 13u, ml)], kin);
            let x14 = select(0.0, a[ab + min(m0 + 14u, ml)], kin);
            let x15 = select(0.0, a[ab + min(m0 + 15u, ml)], kin);
            { let s = vec4<f32>(subgroupBroadcast(x8, 0u)); c8a = fma(s, b0a, c8a); c8b = fma(s, b0b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 1u)); c8a = fma(s, b1a, c8a); c8b = fma(s, b1b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 2u)); c8a = fma(s, b2a, c8a); c8b = fma(s, b2b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 3u)); c8a = fma(s, b3a, c8a); c8b = fma(s, b3b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 4u)); c8a = fma(s, b4a, c8a); c8b = fma(s, b4b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 5u)); c8a = fma(s, b5a, c8a); c8b = fma(s, b5b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 6u)); c8a = fma(s, b6a, c8a); c8b = fma(s, b6b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x8, 7u)); c8a = fma(s, b7a, c8a); c8b = fma(s, b7b, c8b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 0u)); c9a = fma(s, b0a, c9a); c9b = fma(s, b0b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 1u)); c9a = fma(s, b1a, c9a); c9b = fma(s, b1b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 2u)); c9a = fma(s, b2a, c9a); c9b = fma(s, b2b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 3u)); c9a = fma(s, b3a, c9a); c9b = fma(s, b3b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 4u)); c9a = fma(s, b4a, c9a); c9b = fma(s, b4b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 5u)); c9a = fma(s, b5a, c9a); c9b = fma(s, b5b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 6u)); c9a = fma(s, b6a, c9a); c9b = fma(s, b6b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x9, 7u)); c9a = fma(s, b7a, c9a); c9b = fma(s, b7b, c9b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 0u)); c10a = fma(s, b0a, c10a); c10b = fma(s, b0b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 1u)); c10a = fma(s, b1a, c10a); c10b = fma(s, b1b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 2u)); c10a = fma(s, b2a, c10a); c10b = fma(s, b2b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 3u)); c10a = fma(s, b3a, c10a); c10b = fma(s, b3b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 4u)); c10a = fma(s, b4a, c10a); c10b = fma(s, b4b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 5u)); c10a = fma(s, b5a, c10a); c10b = fma(s, b5b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 6u)); c10a = fma(s, b6a, c10a); c10b = fma(s, b6b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x10, 7u)); c10a = fma(s, b7a, c10a); c10b = fma(s, b7b, c10b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 0u)); c11a = fma(s, b0a, c11a); c11b = fma(s, b0b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 1u)); c11a = fma(s, b1a, c11a); c11b = fma(s, b1b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 2u)); c11a = fma(s, b2a, c11a); c11b = fma(s, b2b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 3u)); c11a = fma(s, b3a, c11a); c11b = fma(s, b3b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 4u)); c11a = fma(s, b4a, c11a); c11b = fma(s, b4b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 5u)); c11a = fma(s, b5a, c11a); c11b = fma(s, b5b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 6u)); c11a = fma(s, b6a, c11a); c11b = fma(s, b6b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x11, 7u)); c11a = fma(s, b7a, c11a); c11b = fma(s, b7b, c11b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 0u)); c12a = fma(s, b0a, c12a); c12b = fma(s, b0b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 1u)); c12a = fma(s, b1a, c12a); c12b = fma(s, b1b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 2u)); c12a = fma(s, b2a, c12a); c12b = fma(s, b2b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 3u)); c12a = fma(s, b3a, c12a); c12b = fma(s, b3b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 4u)); c12a = fma(s, b4a, c12a); c12b = fma(s, b4b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 5u)); c12a = fma(s, b5a, c12a); c12b = fma(s, b5b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 6u)); c12a = fma(s, b6a, c12a); c12b = fma(s, b6b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x12, 7u)); c12a = fma(s, b7a, c12a); c12b = fma(s, b7b, c12b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 0u)); c13a = fma(s, b0a, c13a); c13b = fma(s, b0b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 1u)); c13a = fma(s, b1a, c13a); c13b = fma(s, b1b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 2u)); c13a = fma(s, b2a, c13a); c13b = fma(s, b2b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 3u)); c13a = fma(s, b3a, c13a); c13b = fma(s, b3b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 4u)); c13a = fma(s, b4a, c13a); c13b = fma(s, b4b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 5u)); c13a = fma(s, b5a, c13a); c13b = fma(s, b5b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 6u)); c13a = fma(s, b6a, c13a); c13b = fma(s, b6b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x13, 7u)); c13a = fma(s, b7a, c13a); c13b = fma(s, b7b, c13b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 0u)); c14a = fma(s, b0a, c14a); c14b = fma(s, b0b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 1u)); c14a = fma(s, b1a, c14a); c14b = fma(s, b1b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 2u)); c14a = fma(s, b2a, c14a); c14b = fma(s, b2b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 3u)); c14a = fma(s, b3a, c14a); c14b = fma(s, b3b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 4u)); c14a = fma(s, b4a, c14a); c14b = fma(s, b4b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 5u)); c14a = fma(s, b5a, c14a); c14b = fma(s, b5b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 6u)); c14a = fma(s, b6a, c14a); c14b = fma(s, b6b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x14, 7u)); c14a = fma(s, b7a, c14a); c14b = fma(s, b7b, c14b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 0u)); c15a = fma(s, b0a, c15a); c15b = fma(s, b0b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 1u)); c15a = fma(s, b1a, c15a); c15b = fma(s, b1b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 2u)); c15a = fma(s, b2a, c15a); c15b = fma(s, b2b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 3u)); c15a = fma(s, b3a, c15a); c15b = fma(s, b3b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 4u)); c15a = fma(s, b4a, c15a); c15b = fma(s, b4b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 5u)); c15a = fma(s, b5a, c15a); c15b = fma(s, b5b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 6u)); c15a = fma(s, b6a, c15a); c15b = fma(s, b6b, c15b); }
            { let s = vec4<f32>(subgroupBroadcast(x15, 7u)); c15a = fma(s, b7a, c15a); c15b = fma(s, b7b, c15b); }
        }
        if (mrows > 16u) {
            let x16 = select(0.0, a[ab + min(m0 + 16u, ml)], kin);
            let x17 = select(0.0, a[ab + min(m0 + 17u, ml)], kin);
            let x18 = select(0.0, a[ab + min(m0 + 18u, ml)], kin);
            let x19 = select(0.0, a[ab + min(m0 + 19u, ml)], kin);
            let x20 = select(0.0, a[ab + min(m0 + 20u, ml)], kin);
            let x21 = select(0.0, a[ab + min(m0 + 21u, ml)], kin);
            let x22 = select(0.0, a[ab + min(m0 + 22u, ml)], kin);
            let x23 = select(0.0, a[ab + min(m0 + 23u, ml)], kin);
            { let s = vec4<f32>(subgroupBroadcast(x16, 0u)); c16a = fma(s, b0a, c16a); c16b = fma(s, b0b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 1u)); c16a = fma(s, b1a, c16a); c16b = fma(s, b1b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 2u)); c16a = fma(s, b2a, c16a); c16b = fma(s, b2b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 3u)); c16a = fma(s, b3a, c16a); c16b = fma(s, b3b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 4u)); c16a = fma(s, b4a, c16a); c16b = fma(s, b4b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 5u)); c16a = fma(s, b5a, c16a); c16b = fma(s, b5b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 6u)); c16a = fma(s, b6a, c16a); c16b = fma(s, b6b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 7u)); c16a = fma(s, b7a, c16a); c16b = fma(s, b7b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 0u)); c17a = fma(s, b0a, c17a); c17b = fma(s, b0b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 1u)); c17a = fma(s, b1a, c17a); c17b = fma(s, b1b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 2u)); c17a = fma(s, b2a, c17a); c17b = fma(s, b2b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 3u)); c17a = fma(s, b3a, c17a); c17b = fma(s, b3b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 4u)); c17a = fma(s, b4a, c17a); c17b = fma(s, b4b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 5u)); c17a = fma(s, b5a, c17a); c17b = fma(s, b5b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 6u)); c17a = fma(s, b6a, c17a); c17b = fma(s, b6b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 7u)); c17a = fma(s, b7a, c17a); c17b = fma(s, b7b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 0u)); c18a = fma(s, b0a, c18a); c18b = fma(s, b0b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 1u)); c18a = fma(s, b1a, c18a); c18b = fma(s, b1b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 2u)); c18a = fma(s, b2a, c18a); c18b = fma(s, b2b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 3u)); c18a = fma(s, b3a, c18a); c18b = fma(s, b3b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 4u)); c18a = fma(s, b4a, c18a); c18b = fma(s, b4b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 5u)); c18a = fma(s, b5a, c18a); c18b = fma(s, b5b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 6u)); c18a = fma(s, b6a, c18a); c18b = fma(s, b6b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 7u)); c18a = fma(s, b7a, c18a); c18b = fma(s, b7b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 0u)); c19a = fma(s, b0a, c19a); c19b = fma(s, b0b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 1u)); c19a = fma(s, b1a, c19a); c19b = fma(s, b1b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 2u)); c19a = fma(s, b2a, c19a); c19b = fma(s, b2b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 3u)); c19a = fma(s, b3a, c19a); c19b = fma(s, b3b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 4u)); c19a = fma(s, b4a, c19a); c19b = fma(s, b4b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 5u)); c19a = fma(s, b5a, c19a); c19b = fma(s, b5b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 6u)); c19a = fma(s, b6a, c19a); c19b = fma(s, b6b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 7u)); c19a = fma(s, b7a, c19a); c19b = fma(s, b7b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 0u)); c20a = fma(s, b0a, c20a); c20b = fma(s, b0b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 1u)); c20a = fma(s, b1a, c20a); c20b = fma(s, b1b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 2u)); c20a = fma(s, b2a, c20a); c20b = fma(s, b2b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 3u)); c20a = fma(s, b3a, c20a); c20b = fma(s, b3b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 4u)); c20a = fma(s, b4a, c20a); c20b = fma(s, b4b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 5u)); c20a = fma(s, b5a, c20a); c20b = fma(s, b5b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 6u)); c20a = fma(s, b6a, c20a); c20b = fma(s, b6b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 7u)); c20a = fma(s, b7a, c20a); c20b = fma(s, b7b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 0u)); c21a = fma(s, b0a, c21a); c21b = fma(s, b0b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 1u)); c21a = fma(s, b1a, c21a); c21b = fma(s, b1b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 2u)); c21a = fma(s, b2a, c21a); c21b = fma(s, b2b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 3u)); c21a = fma(s, b3a, c21a); c21b = fma(s, b3b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 4u)); c21a = fma(s, b4a, c21a); c21b = fma(s, b4b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 5u)); c21a = fma(s, b5a, c21a); c21b = fma(s, b5b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 6u)); c21a = fma(s, b6a, c21a); c21b = fma(s, b6b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 7u)); c21a = fma(s, b7a, c21a); c21b = fma(s, b7b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 0u)); c22a = fma(s, b0a, c22a); c22b = fma(s, b0b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 1u)); c22a = fma(s, b1a, c22a); c22b = fma(s, b1b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 2u)); c22a = fma(s, b2a, c22a); c22b = fma(s, b2b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 3u)); c22a = fma(s, b3a, c22a); c22b = fma(s, b3b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 4u)); c22a = fma(s, b4a, c22a); c22b = fma(s, b4b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 5u)); c22a = fma(s, b5a, c22a); c22b = fma(s, b5b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 6u)); c22a = fma(s, b6a, c22a); c22b = fma(s, b6b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 7u)); c22a = fma(s, b7a, c22a); c22b = fma(s, b7b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 0u)); c23a = fma(s, b0a, c23a); c23b = fma(s, b0b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 1u)); c23a = fma(s, b1a, c23a); c23b = fma(s, b1b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 2u)); c23a = fma(s, b2a, c23a); c23b = fma(s, b2b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 3u)); c23a = fma(s, b3a, c23a); c23b = fma(s, b3b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 4u)); c23a = fma(s, b4a, c23a); c23b = fma(s, b4b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 5u)); c23a = fma(s, b5a, c23a); c23b = fma(s, b5b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 6u)); c23a = fma(s, b6a, c23a); c23b = fma(s, b6b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 7u)); c23a = fma(s, b7a, c23a); c23b = fma(s, b7b, c23b); }
        }
        if (mrows > 24u) {
            let x24 = select(0.0, a[ab + min(m0 + 24u, ml)], kin);
            let x25 = select(0.0, a[ab + min(m0 + 25u, ml)], kin);
            let x26 = select(0.0, a[ab + min(m0 + 26u, ml)], kin);
            let x27 = select(0.0, a[ab + min(m0 + 27u, ml)], kin);
            let x28 = select(0.0, a[ab + min(m0 + 28u, ml)], kin);
            let x29 = select(0.0, a[ab + min(m0 + 29u, ml)], kin);
            let x30 = select(0.0, a[ab + min(m0 + 30u, ml)], kin);
            let x31 = select(0.0, a[ab + min(m0 + 31u, ml)], kin);
            { let s = vec4<f32>(subgroupBroadcast(x24, 0u)); c24a = fma(s, b0a, c24a); c24b = fma(s, b0b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 1u)); c24a = fma(s, b1a, c24a); c24b = fma(s, b1b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 2u)); c24a = fma(s, b2a, c24a); c24b = fma(s, b2b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 3u)); c24a = fma(s, b3a, c24a); c24b = fma(s, b3b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 4u)); c24a = fma(s, b4a, c24a); c24b = fma(s, b4b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 5u)); c24a = fma(s, b5a, c24a); c24b = fma(s, b5b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 6u)); c24a = fma(s, b6a, c24a); c24b = fma(s, b6b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 7u)); c24a = fma(s, b7a, c24a); c24b = fma(s, b7b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 0u)); c25a = fma(s, b0a, c25a); c25b = fma(s, b0b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 1u)); c25a = fma(s, b1a, c25a); c25b = fma(s, b1b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 2u)); c25a = fma(s, b2a, c25a); c25b = fma(s, b2b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 3u)); c25a = fma(s, b3a, c25a); c25b = fma(s, b3b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 4u)); c25a = fma(s, b4a, c25a); c25b = fma(s, b4b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 5u)); c25a = fma(s, b5a, c25a); c25b = fma(s, b5b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 6u)); c25a = fma(s, b6a, c25a); c25b = fma(s, b6b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 7u)); c25a = fma(s, b7a, c25a); c25b = fma(s, b7b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 0u)); c26a = fma(s, b0a, c26a); c26b = fma(s, b0b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 1u)); c26a = fma(s, b1a, c26a); c26b = fma(s, b1b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 2u)); c26a = fma(s, b2a, c26a); c26b = fma(s, b2b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 3u)); c26a = fma(s, b3a, c26a); c26b = fma(s, b3b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 4u)); c26a = fma(s, b4a, c26a); c26b = fma(s, b4b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 5u)); c26a = fma(s, b5a, c26a); c26b = fma(s, b5b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 6u)); c26a = fma(s, b6a, c26a); c26b = fma(s, b6b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 7u)); c26a = fma(s, b7a, c26a); c26b = fma(s, b7b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 0u)); c27a = fma(s, b0a, c27a); c27b = fma(s, b0b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 1u)); c27a = fma(s, b1a, c27a); c27b = fma(s, b1b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 2u)); c27a = fma(s, b2a, c27a); c27b = fma(s, b2b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 3u)); c27a = fma(s, b3a, c27a); c27b = fma(s, b3b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 4u)); c27a = fma(s, b4a, c27a); c27b = fma(s, b4b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 5u)); c27a = fma(s, b5a, c27a); c27b = fma(s, b5b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 6u)); c27a = fma(s, b6a, c27a); c27b = fma(s, b6b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 7u)); c27a = fma(s, b7a, c27a); c27b = fma(s, b7b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 0u)); c28a = fma(s, b0a, c28a); c28b = fma(s, b0b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 1u)); c28a = fma(s, b1a, c28a); c28b = fma(s, b1b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 2u)); c28a = fma(s, b2a, c28a); c28b = fma(s, b2b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 3u)); c28a = fma(s, b3a, c28a); c28b = fma(s, b3b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 4u)); c28a = fma(s, b4a, c28a); c28b = fma(s, b4b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 5u)); c28a = fma(s, b5a, c28a); c28b = fma(s, b5b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 6u)); c28a = fma(s, b6a, c28a); c28b = fma(s, b6b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 7u)); c28a = fma(s, b7a, c28a); c28b = fma(s, b7b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 0u)); c29a = fma(s, b0a, c29a); c29b = fma(s, b0b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 1u)); c29a = fma(s, b1a, c29a); c29b = fma(s, b1b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 2u)); c29a = fma(s, b2a, c29a); c29b = fma(s, b2b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 3u)); c29a = fma(s, b3a, c29a); c29b = fma(s, b3b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 4u)); c29a = fma(s, b4a, c29a); c29b = fma(s, b4b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 5u)); c29a = fma(s, b5a, c29a); c29b = fma(s, b5b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 6u)); c29a = fma(s, b6a, c29a); c29b = fma(s, b6b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 7u)); c29a = fma(s, b7a, c29a); c29b = fma(s, b7b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 0u)); c30a = fma(s, b0a, c30a); c30b = fma(s, b0b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 1u)); c30a = fma(s, b1a, c30a); c30b = fma(s, b1b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 2u)); c30a = fma(s, b2a, c30a); c30b = fma(s, b2b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 3u)); c30a = fma(s, b3a, c30a); c30b = fma(s, b3b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 4u)); c30a = fma(s, b4a, c30a); c30b = fma(s, b4b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 5u)); c30a = fma(s, b5a, c30a); c30b = fma(s, b5b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 6u)); c30a = fma(s, b6a, c30a); c30b = fma(s, b6b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 7u)); c30a = fma(s, b7a, c30a); c30b = fma(s, b7b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 0u)); c31a = fma(s, b0a, c31a); c31b = fma(s, b0b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 1u)); c31a = fma(s, b1a, c31a); c31b = fma(s, b1b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 2u)); c31a = fma(s, b2a, c31a); c31b = fma(s, b2b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 3u)); c31a = fma(s, b3a, c31a); c31b = fma(s, b3b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 4u)); c31a = fma(s, b4a, c31a); c31b = fma(s, b4b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 5u)); c31a = fma(s, b5a, c31a); c31b = fma(s, b5b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 6u)); c31a = fma(s, b6a, c31a); c31b = fma(s, b6b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 7u)); c31a = fma(s, b7a, c31a); c31b = fma(s, b7b, c31b); }
        }
    }
    let ob = ex * p.mdim * p.ncols;
    wg_store_row(m0 + 0u, ob, c0, c0a, c0b);
    wg_store_row(m0 + 1u, ob, c0, c1a, c1b);
    wg_store_row(m0 + 2u, ob, c0, c2a, c2b);
    wg_store_row(m0 + 3u, ob, c0, c3a, c3b);
    wg_store_row(m0 + 4u, ob, c0, c4a, c4b);
    wg_store_row(m0 + 5u, ob, c0, c5a, c5b);
    wg_store_row(m0 + 6u, ob, c0, c6a, c6b);
    wg_store_row(m0 + 7u, ob, c0, c7a, c7b);
    wg_store_row(m0 + 8u, ob, c0, c8a, c8b);
    wg_store_row(m0 + 9u, ob, c0, c9a, c9b);
    wg_store_row(m0 + 10u, ob, c0, c10a, c10b);
    wg_store_row(m0 + 11u, ob, c0, c11a, c11b);
    wg_store_row(m0 + 12u, ob, c0, c12a, c12b);
    wg_store_row(m0 + 13u, ob, c0, c13a, c13b);
    wg_store_row(m0 + 14u, ob, c0, c14a, c14b);
    wg_store_row(m0 + 15u, ob, c0, c15a, c15b);
    wg_store_row(m0 + 16u, ob, c0, c16a, c16b);
    wg_store_row(m0 + 17u, ob, c0, c17a, c17b);
    wg_store_row(m0 + 18u, ob, c0, c18a, c18b);
    wg_store_row(m0 + 19u, ob, c0, c19a, c19b);
    wg_store_row(m0 + 20u, ob, c0, c20a, c20b);
    wg_store_row(m0 + 21u, ob, c0, c21a, c21b);
    wg_store_row(m0 + 22u, ob, c0, c22a, c22b);
    wg_store_row(m0 + 23u, ob, c0, c23a, c23b);
    wg_store_row(m0 + 24u, ob, c0, c24a, c24b);
    wg_store_row(m0 + 25u, ob, c0, c25a, c25b);
    wg_store_row(m0 + 26u, ob, c0, c26a, c26b);
    wg_store_row(m0 + 27u, ob, c0, c27a, c27b);
    wg_store_row(m0 + 28u, ob, c0, c28a, c28b);
    wg_store_row(m0 + 29u, ob, c0, c29a, c29b);
    wg_store_row(m0 + 30u, ob, c0, c30a, c30b);
    wg_store_row(m0 + 31u, ob, c0, c31a, c31b);
    if (m0 == 0u) {
        for (var j = 0u; j < 8u; j++) {
            let c = c0 + j;
            if (c < p.ncols) {
                var v: f32;
                if (j < 4u) { v = sa[j]; } else { v = sb[j - 4u]; }
                out1[ex * p.ncols + c] += v;
            }
        }
    }
}
