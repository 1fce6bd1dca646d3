// Subgroup GEMMs of the expert FFN for CPU-backed Vulkan (lavapipe), after the structure of
// shaders/matmul_subgroup.wgsl: one workgroup = one subgroup of 8 lanes, each lane owns a
// ROWS x 16 block (two halves of 8 columns) held in NAMED accumulators (a loop over rows
// indexing an array lands in per-lane scratch memory on llvmpipe), A loaded once per subgroup,
// four floats per load, and shared between the lanes with subgroupBroadcast (the lane index
// must be a literal; the generator's docstring gives which lane holds what).
// grouped_mm: ROWS = 32 (one router tile) x 128 columns; expert_wgrad: 64 rows of dW x 128
// columns (measured on lavapipe: 16 columns per lane beat 8 by 1.2-1.4x, as in matmul).
// Appended to expert_ffn.wgsl by the registry (naga takes subgroup builtins without an
// `enable`); used only where the adapter's subgroup size is exactly 8. The entry points below
// the marker are written by scripts/gen/expert_ffn_sg.py.

// The same buffer as `w`, four floats at a time (VEC4_B; both bindings read-only).
@group(0) @binding(12) var<storage, read> w4: array<vec4<f32>>;
// The same buffer as `aux`, four floats at a time (VEC4_B in expert_wgrad; VEC4_OUT in the
// GELU-gradient epilogue, which reads aux at the output's index).
@group(0) @binding(13) var<storage, read> aux4: array<vec4<f32>>;

// The outputs `out0` / `out1` as vec4 arrays: the entry points here write only through these
// (four floats per access where VEC4_OUT allows, single components elsewhere), never through
// the scalar bindings 6 and 7, so no buffer is bound twice as writable (WebGPU forbids such
// aliasing). Tensors are allocated in whole multiples of 16 bytes.
@group(0) @binding(14) var<storage, read_write> out0_4: array<vec4<f32>>;
@group(0) @binding(15) var<storage, read_write> out1_4: array<vec4<f32>>;
// The same buffer as `a`, four floats at a time (VEC4_A; both bindings read-only).
@group(0) @binding(16) var<storage, read> a4: array<vec4<f32>>;

// vec4 loads of A (lda a multiple of 4; grouped_mm: kdim too, expert_wgrad: mdim too). A
// storage load on llvmpipe is a loop over the lanes whatever its width, so four floats per
// load cut the A loads' cost by about half (measured: A loads were 10-15% of grouped_mm).
override VEC4_A: bool = false;
// vec4 loads of B (ncols, and kdim when TRANS_B, multiples of 4). Reads past a row's end land
// in the next row or past the buffer (robust access); such values only reach masked k or
// columns that are never stored.
override VEC4_B: bool = false;
// vec4 stores of the output (ncols a multiple of 4); a lane's 8 columns start at a multiple
// of 8, so a full group of 8 is two aligned vec4. Partial groups take the scalar path.
override VEC4_OUT: bool = false;

// Element o of out0 / out1 through the vec4 views.
fn put0(o: u32, v: f32) { out0_4[o / 4u][o % 4u] = v; }
fn add0(o: u32, v: f32) { out0_4[o / 4u][o % 4u] += v; }
fn put1(o: u32, v: f32) { out1_4[o / 4u][o % 4u] = v; }
fn add1(o: u32, v: f32) { out1_4[o / 4u][o % 4u] += v; }

// grouped_mm: A[row at rb, k .. k + 4], zero for k past kdim (k a multiple of 4).
fn load_a4(rb: u32, k: u32) -> vec4<f32> {
    if (VEC4_A) { return select(vec4<f32>(0.0), a4[(rb + min(k, p.kdim - 4u)) / 4u], k < p.kdim); }
    let kl = p.kdim - 1u;
    return vec4<f32>(
        select(0.0, a[rb + min(k, kl)], k < p.kdim),
        select(0.0, a[rb + min(k + 1u, kl)], k + 1u < p.kdim),
        select(0.0, a[rb + min(k + 2u, kl)], k + 2u < p.kdim),
        select(0.0, a[rb + min(k + 3u, kl)], k + 3u < p.kdim));
}

// expert_wgrad: A[row at rb, m .. m + 4] (columns clamped to mdim - 1; the dW rows they feed
// past mdim are never stored).
fn load_a4_cols(rb: u32, m: u32) -> vec4<f32> {
    if (VEC4_A) { return a4[(rb + min(m, p.mdim - 4u)) / 4u]; }
    let ml = p.mdim - 1u;
    return vec4<f32>(a[rb + min(m, ml)], a[rb + min(m + 1u, ml)], a[rb + min(m + 2u, ml)], a[rb + min(m + 3u, ml)]);
}

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
        return b8_from_columns(t0, t1);
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

fn gelu4(v: vec4<f32>) -> vec4<f32> { return vec4<f32>(gelu(v.x), gelu(v.y), gelu(v.z), gelu(v.w)); }

fn gelu_grad4(v: vec4<f32>) -> vec4<f32> {
    return vec4<f32>(gelu_grad(v.x), gelu_grad(v.y), gelu_grad(v.z), gelu_grad(v.w));
}

// The bias of 8 columns c0 .. c0 + 8 of expert ex (epilogues EPI_BIAS and EPI_BIAS_GELU;
// clamped columns are never stored).
fn load_bias8(ex: u32, c0: u32) -> array<vec4<f32>, 2> {
    var v: array<f32, 8>;
    if (epi() == EPI_BIAS || epi() == EPI_BIAS_GELU) {
        for (var j = 0u; j < 8u; j++) { v[j] = bias[ex * p.ncols + min(c0 + j, p.ncols - 1u)]; }
    }
    return array<vec4<f32>, 2>(vec4<f32>(v[0], v[1], v[2], v[3]), vec4<f32>(v[4], v[5], v[6], v[7]));
}

// Row r (sorted) of the grouped GEMM output, columns c0 .. c0 + 8, with the epilogue.
fn mm_store_row(ex: u32, r: u32, c0: u32, lo: vec4<f32>, hi: vec4<f32>, bz: array<vec4<f32>, 2>) {
    if (VEC4_OUT && c0 + 8u <= p.ncols) {
        var v0 = lo;
        var v1 = hi;
        let q = (r * p.ncols + c0) / 4u;
        if (epi() == EPI_BIAS || epi() == EPI_BIAS_GELU) { v0 += bz[0]; v1 += bz[1]; }
        if (epi() == EPI_BIAS_GELU) { out1_4[q] = gelu4(v0); out1_4[q + 1u] = gelu4(v1); }
        if (epi() == EPI_GELU_GRAD) { v0 *= gelu_grad4(aux4[q]); v1 *= gelu_grad4(aux4[q + 1u]); }
        out0_4[q] = v0;
        out0_4[q + 1u] = v1;
        return;
    }
    for (var j = 0u; j < 8u; j++) {
        let c = c0 + j;
        if (c >= p.ncols) { return; }
        var v: f32;
        if (j < 4u) { v = lo[j]; } else { v = hi[j - 4u]; }
        let o = r * p.ncols + c;
        if (epi() == EPI_BIAS || epi() == EPI_BIAS_GELU) { v += bz[j / 4u][j % 4u]; }
        if (epi() == EPI_BIAS_GELU) { put1(o, gelu(v)); }
        if (epi() == EPI_GELU_GRAD) { v *= gelu_grad(aux[o]); }
        put0(o, v);
    }
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
    if (VEC4_OUT && c0 + 8u <= p.ncols) {
        let q = (ob + i * p.ncols + c0) / 4u;
        out0_4[q] += lo;
        out0_4[q + 1u] += hi;
        return;
    }
    for (var j = 0u; j < 8u; j++) {
        let c = c0 + j;
        if (c >= p.ncols) { return; }
        var v: f32;
        if (j < 4u) { v = lo[j]; } else { v = hi[j - 4u]; }
        add0(ob + i * p.ncols + c, v);
    }
}

// db[e] (ncols) += the column sums of 8 columns c0 .. c0 + 8.
fn db_store(ex: u32, c0: u32, lo: vec4<f32>, hi: vec4<f32>) {
    for (var j = 0u; j < 8u; j++) {
        let c = c0 + j;
        if (c >= p.ncols) { return; }
        var v: f32;
        if (j < 4u) { v = lo[j]; } else { v = hi[j - 4u]; }
        add1(ex * p.ncols + c, v);
    }
}

// ---- generated by scripts/gen/expert_ffn_sg.py: edit the script, not below ----

// One tile of <= 32 sorted rows of one expert x 128 output columns (16 per lane).
@compute @workgroup_size(8)
fn grouped_mm(@builtin(subgroup_invocation_id) lane: u32, @builtin(workgroup_id) wid: vec3<u32>) {
    let t = tiles[wid.y];
    let ex = t.x;
    let r0 = t.y;
    let nrows = t.z - t.y;
    let c0 = wid.x * 128u + lane * 16u;
    let wb = ex * p.kdim * p.ncols;
    let rl = nrows - 1u;
    let rbl0 = row_base(r0 + min(lane + 0u, rl));
    let rbl1 = row_base(r0 + min(lane + 8u, rl));
    let rbl2 = row_base(r0 + min(lane + 16u, rl));
    let rbl3 = row_base(r0 + min(lane + 24u, rl));
    var c0_0 = vec4<f32>(0.0); var c0_1 = vec4<f32>(0.0); var c0_2 = vec4<f32>(0.0); var c0_3 = vec4<f32>(0.0);
    var c1_0 = vec4<f32>(0.0); var c1_1 = vec4<f32>(0.0); var c1_2 = vec4<f32>(0.0); var c1_3 = vec4<f32>(0.0);
    var c2_0 = vec4<f32>(0.0); var c2_1 = vec4<f32>(0.0); var c2_2 = vec4<f32>(0.0); var c2_3 = vec4<f32>(0.0);
    var c3_0 = vec4<f32>(0.0); var c3_1 = vec4<f32>(0.0); var c3_2 = vec4<f32>(0.0); var c3_3 = vec4<f32>(0.0);
    var c4_0 = vec4<f32>(0.0); var c4_1 = vec4<f32>(0.0); var c4_2 = vec4<f32>(0.0); var c4_3 = vec4<f32>(0.0);
    var c5_0 = vec4<f32>(0.0); var c5_1 = vec4<f32>(0.0); var c5_2 = vec4<f32>(0.0); var c5_3 = vec4<f32>(0.0);
    var c6_0 = vec4<f32>(0.0); var c6_1 = vec4<f32>(0.0); var c6_2 = vec4<f32>(0.0); var c6_3 = vec4<f32>(0.0);
    var c7_0 = vec4<f32>(0.0); var c7_1 = vec4<f32>(0.0); var c7_2 = vec4<f32>(0.0); var c7_3 = vec4<f32>(0.0);
    var c8_0 = vec4<f32>(0.0); var c8_1 = vec4<f32>(0.0); var c8_2 = vec4<f32>(0.0); var c8_3 = vec4<f32>(0.0);
    var c9_0 = vec4<f32>(0.0); var c9_1 = vec4<f32>(0.0); var c9_2 = vec4<f32>(0.0); var c9_3 = vec4<f32>(0.0);
    var c10_0 = vec4<f32>(0.0); var c10_1 = vec4<f32>(0.0); var c10_2 = vec4<f32>(0.0); var c10_3 = vec4<f32>(0.0);
    var c11_0 = vec4<f32>(0.0); var c11_1 = vec4<f32>(0.0); var c11_2 = vec4<f32>(0.0); var c11_3 = vec4<f32>(0.0);
    var c12_0 = vec4<f32>(0.0); var c12_1 = vec4<f32>(0.0); var c12_2 = vec4<f32>(0.0); var c12_3 = vec4<f32>(0.0);
    var c13_0 = vec4<f32>(0.0); var c13_1 = vec4<f32>(0.0); var c13_2 = vec4<f32>(0.0); var c13_3 = vec4<f32>(0.0);
    var c14_0 = vec4<f32>(0.0); var c14_1 = vec4<f32>(0.0); var c14_2 = vec4<f32>(0.0); var c14_3 = vec4<f32>(0.0);
    var c15_0 = vec4<f32>(0.0); var c15_1 = vec4<f32>(0.0); var c15_2 = vec4<f32>(0.0); var c15_3 = vec4<f32>(0.0);
    var c16_0 = vec4<f32>(0.0); var c16_1 = vec4<f32>(0.0); var c16_2 = vec4<f32>(0.0); var c16_3 = vec4<f32>(0.0);
    var c17_0 = vec4<f32>(0.0); var c17_1 = vec4<f32>(0.0); var c17_2 = vec4<f32>(0.0); var c17_3 = vec4<f32>(0.0);
    var c18_0 = vec4<f32>(0.0); var c18_1 = vec4<f32>(0.0); var c18_2 = vec4<f32>(0.0); var c18_3 = vec4<f32>(0.0);
    var c19_0 = vec4<f32>(0.0); var c19_1 = vec4<f32>(0.0); var c19_2 = vec4<f32>(0.0); var c19_3 = vec4<f32>(0.0);
    var c20_0 = vec4<f32>(0.0); var c20_1 = vec4<f32>(0.0); var c20_2 = vec4<f32>(0.0); var c20_3 = vec4<f32>(0.0);
    var c21_0 = vec4<f32>(0.0); var c21_1 = vec4<f32>(0.0); var c21_2 = vec4<f32>(0.0); var c21_3 = vec4<f32>(0.0);
    var c22_0 = vec4<f32>(0.0); var c22_1 = vec4<f32>(0.0); var c22_2 = vec4<f32>(0.0); var c22_3 = vec4<f32>(0.0);
    var c23_0 = vec4<f32>(0.0); var c23_1 = vec4<f32>(0.0); var c23_2 = vec4<f32>(0.0); var c23_3 = vec4<f32>(0.0);
    var c24_0 = vec4<f32>(0.0); var c24_1 = vec4<f32>(0.0); var c24_2 = vec4<f32>(0.0); var c24_3 = vec4<f32>(0.0);
    var c25_0 = vec4<f32>(0.0); var c25_1 = vec4<f32>(0.0); var c25_2 = vec4<f32>(0.0); var c25_3 = vec4<f32>(0.0);
    var c26_0 = vec4<f32>(0.0); var c26_1 = vec4<f32>(0.0); var c26_2 = vec4<f32>(0.0); var c26_3 = vec4<f32>(0.0);
    var c27_0 = vec4<f32>(0.0); var c27_1 = vec4<f32>(0.0); var c27_2 = vec4<f32>(0.0); var c27_3 = vec4<f32>(0.0);
    var c28_0 = vec4<f32>(0.0); var c28_1 = vec4<f32>(0.0); var c28_2 = vec4<f32>(0.0); var c28_3 = vec4<f32>(0.0);
    var c29_0 = vec4<f32>(0.0); var c29_1 = vec4<f32>(0.0); var c29_2 = vec4<f32>(0.0); var c29_3 = vec4<f32>(0.0);
    var c30_0 = vec4<f32>(0.0); var c30_1 = vec4<f32>(0.0); var c30_2 = vec4<f32>(0.0); var c30_3 = vec4<f32>(0.0);
    var c31_0 = vec4<f32>(0.0); var c31_1 = vec4<f32>(0.0); var c31_2 = vec4<f32>(0.0); var c31_3 = vec4<f32>(0.0);
    if (nrows > 16u) {
        for (var k0 = 0u; k0 < p.kdim; k0 += 8u) {
            let bt = load_b8(wb, k0, c0);
            let bu = load_b8(wb, k0, c0 + 8u);
            let b0_0 = bt.lo[0]; let b0_1 = bt.hi[0]; let b0_2 = bu.lo[0]; let b0_3 = bu.hi[0];
            let b1_0 = bt.lo[1]; let b1_1 = bt.hi[1]; let b1_2 = bu.lo[1]; let b1_3 = bu.hi[1];
            let b2_0 = bt.lo[2]; let b2_1 = bt.hi[2]; let b2_2 = bu.lo[2]; let b2_3 = bu.hi[2];
            let b3_0 = bt.lo[3]; let b3_1 = bt.hi[3]; let b3_2 = bu.lo[3]; let b3_3 = bu.hi[3];
            let b4_0 = bt.lo[4]; let b4_1 = bt.hi[4]; let b4_2 = bu.lo[4]; let b4_3 = bu.hi[4];
            let b5_0 = bt.lo[5]; let b5_1 = bt.hi[5]; let b5_2 = bu.lo[5]; let b5_3 = bu.hi[5];
            let b6_0 = bt.lo[6]; let b6_1 = bt.hi[6]; let b6_2 = bu.lo[6]; let b6_3 = bu.hi[6];
            let b7_0 = bt.lo[7]; let b7_1 = bt.hi[7]; let b7_2 = bu.lo[7]; let b7_3 = bu.hi[7];
            let xa0_0 = load_a4(rbl0, k0);
            let xa0_1 = load_a4(rbl0, k0 + 4u);
            let xa1_0 = load_a4(rbl1, k0);
            let xa1_1 = load_a4(rbl1, k0 + 4u);
            let xa2_0 = load_a4(rbl2, k0);
            let xa2_1 = load_a4(rbl2, k0 + 4u);
            let xa3_0 = load_a4(rbl3, k0);
            let xa3_1 = load_a4(rbl3, k0 + 4u);
            { let v = subgroupBroadcast(xa0_0, 0u);
                { let s = vec4<f32>(v[0]); c0_0 = fma(s, b0_0, c0_0); c0_1 = fma(s, b0_1, c0_1); c0_2 = fma(s, b0_2, c0_2); c0_3 = fma(s, b0_3, c0_3); }
                { let s = vec4<f32>(v[1]); c0_0 = fma(s, b1_0, c0_0); c0_1 = fma(s, b1_1, c0_1); c0_2 = fma(s, b1_2, c0_2); c0_3 = fma(s, b1_3, c0_3); }
                { let s = vec4<f32>(v[2]); c0_0 = fma(s, b2_0, c0_0); c0_1 = fma(s, b2_1, c0_1); c0_2 = fma(s, b2_2, c0_2); c0_3 = fma(s, b2_3, c0_3); }
                { let s = vec4<f32>(v[3]); c0_0 = fma(s, b3_0, c0_0); c0_1 = fma(s, b3_1, c0_1); c0_2 = fma(s, b3_2, c0_2); c0_3 = fma(s, b3_3, c0_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 0u);
                { let s = vec4<f32>(v[0]); c0_0 = fma(s, b4_0, c0_0); c0_1 = fma(s, b4_1, c0_1); c0_2 = fma(s, b4_2, c0_2); c0_3 = fma(s, b4_3, c0_3); }
                { let s = vec4<f32>(v[1]); c0_0 = fma(s, b5_0, c0_0); c0_1 = fma(s, b5_1, c0_1); c0_2 = fma(s, b5_2, c0_2); c0_3 = fma(s, b5_3, c0_3); }
                { let s = vec4<f32>(v[2]); c0_0 = fma(s, b6_0, c0_0); c0_1 = fma(s, b6_1, c0_1); c0_2 = fma(s, b6_2, c0_2); c0_3 = fma(s, b6_3, c0_3); }
                { let s = vec4<f32>(v[3]); c0_0 = fma(s, b7_0, c0_0); c0_1 = fma(s, b7_1, c0_1); c0_2 = fma(s, b7_2, c0_2); c0_3 = fma(s, b7_3, c0_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 1u);
                { let s = vec4<f32>(v[0]); c1_0 = fma(s, b0_0, c1_0); c1_1 = fma(s, b0_1, c1_1); c1_2 = fma(s, b0_2, c1_2); c1_3 = fma(s, b0_3, c1_3); }
                { let s = vec4<f32>(v[1]); c1_0 = fma(s, b1_0, c1_0); c1_1 = fma(s, b1_1, c1_1); c1_2 = fma(s, b1_2, c1_2); c1_3 = fma(s, b1_3, c1_3); }
                { let s = vec4<f32>(v[2]); c1_0 = fma(s, b2_0, c1_0); c1_1 = fma(s, b2_1, c1_1); c1_2 = fma(s, b2_2, c1_2); c1_3 = fma(s, b2_3, c1_3); }
                { let s = vec4<f32>(v[3]); c1_0 = fma(s, b3_0, c1_0); c1_1 = fma(s, b3_1, c1_1); c1_2 = fma(s, b3_2, c1_2); c1_3 = fma(s, b3_3, c1_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 1u);
                { let s = vec4<f32>(v[0]); c1_0 = fma(s, b4_0, c1_0); c1_1 = fma(s, b4_1, c1_1); c1_2 = fma(s, b4_2, c1_2); c1_3 = fma(s, b4_3, c1_3); }
                { let s = vec4<f32>(v[1]); c1_0 = fma(s, b5_0, c1_0); c1_1 = fma(s, b5_1, c1_1); c1_2 = fma(s, b5_2, c1_2); c1_3 = fma(s, b5_3, c1_3); }
                { let s = vec4<f32>(v[2]); c1_0 = fma(s, b6_0, c1_0); c1_1 = fma(s, b6_1, c1_1); c1_2 = fma(s, b6_2, c1_2); c1_3 = fma(s, b6_3, c1_3); }
                { let s = vec4<f32>(v[3]); c1_0 = fma(s, b7_0, c1_0); c1_1 = fma(s, b7_1, c1_1); c1_2 = fma(s, b7_2, c1_2); c1_3 = fma(s, b7_3, c1_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 2u);
                { let s = vec4<f32>(v[0]); c2_0 = fma(s, b0_0, c2_0); c2_1 = fma(s, b0_1, c2_1); c2_2 = fma(s, b0_2, c2_2); c2_3 = fma(s, b0_3, c2_3); }
                { let s = vec4<f32>(v[1]); c2_0 = fma(s, b1_0, c2_0); c2_1 = fma(s, b1_1, c2_1); c2_2 = fma(s, b1_2, c2_2); c2_3 = fma(s, b1_3, c2_3); }
                { let s = vec4<f32>(v[2]); c2_0 = fma(s, b2_0, c2_0); c2_1 = fma(s, b2_1, c2_1); c2_2 = fma(s, b2_2, c2_2); c2_3 = fma(s, b2_3, c2_3); }
                { let s = vec4<f32>(v[3]); c2_0 = fma(s, b3_0, c2_0); c2_1 = fma(s, b3_1, c2_1); c2_2 = fma(s, b3_2, c2_2); c2_3 = fma(s, b3_3, c2_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 2u);
                { let s = vec4<f32>(v[0]); c2_0 = fma(s, b4_0, c2_0); c2_1 = fma(s, b4_1, c2_1); c2_2 = fma(s, b4_2, c2_2); c2_3 = fma(s, b4_3, c2_3); }
                { let s = vec4<f32>(v[1]); c2_0 = fma(s, b5_0, c2_0); c2_1 = fma(s, b5_1, c2_1); c2_2 = fma(s, b5_2, c2_2); c2_3 = fma(s, b5_3, c2_3); }
                { let s = vec4<f32>(v[2]); c2_0 = fma(s, b6_0, c2_0); c2_1 = fma(s, b6_1, c2_1); c2_2 = fma(s, b6_2, c2_2); c2_3 = fma(s, b6_3, c2_3); }
                { let s = vec4<f32>(v[3]); c2_0 = fma(s, b7_0, c2_0); c2_1 = fma(s, b7_1, c2_1); c2_2 = fma(s, b7_2, c2_2); c2_3 = fma(s, b7_3, c2_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 3u);
                { let s = vec4<f32>(v[0]); c3_0 = fma(s, b0_0, c3_0); c3_1 = fma(s, b0_1, c3_1); c3_2 = fma(s, b0_2, c3_2); c3_3 = fma(s, b0_3, c3_3); }
                { let s = vec4<f32>(v[1]); c3_0 = fma(s, b1_0, c3_0); c3_1 = fma(s, b1_1, c3_1); c3_2 = fma(s, b1_2, c3_2); c3_3 = fma(s, b1_3, c3_3); }
                { let s = vec4<f32>(v[2]); c3_0 = fma(s, b2_0, c3_0); c3_1 = fma(s, b2_1, c3_1); c3_2 = fma(s, b2_2, c3_2); c3_3 = fma(s, b2_3, c3_3); }
                { let s = vec4<f32>(v[3]); c3_0 = fma(s, b3_0, c3_0); c3_1 = fma(s, b3_1, c3_1); c3_2 = fma(s, b3_2, c3_2); c3_3 = fma(s, b3_3, c3_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 3u);
                { let s = vec4<f32>(v[0]); c3_0 = fma(s, b4_0, c3_0); c3_1 = fma(s, b4_1, c3_1); c3_2 = fma(s, b4_2, c3_2); c3_3 = fma(s, b4_3, c3_3); }
                { let s = vec4<f32>(v[1]); c3_0 = fma(s, b5_0, c3_0); c3_1 = fma(s, b5_1, c3_1); c3_2 = fma(s, b5_2, c3_2); c3_3 = fma(s, b5_3, c3_3); }
                { let s = vec4<f32>(v[2]); c3_0 = fma(s, b6_0, c3_0); c3_1 = fma(s, b6_1, c3_1); c3_2 = fma(s, b6_2, c3_2); c3_3 = fma(s, b6_3, c3_3); }
                { let s = vec4<f32>(v[3]); c3_0 = fma(s, b7_0, c3_0); c3_1 = fma(s, b7_1, c3_1); c3_2 = fma(s, b7_2, c3_2); c3_3 = fma(s, b7_3, c3_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 4u);
                { let s = vec4<f32>(v[0]); c4_0 = fma(s, b0_0, c4_0); c4_1 = fma(s, b0_1, c4_1); c4_2 = fma(s, b0_2, c4_2); c4_3 = fma(s, b0_3, c4_3); }
                { let s = vec4<f32>(v[1]); c4_0 = fma(s, b1_0, c4_0); c4_1 = fma(s, b1_1, c4_1); c4_2 = fma(s, b1_2, c4_2); c4_3 = fma(s, b1_3, c4_3); }
                { let s = vec4<f32>(v[2]); c4_0 = fma(s, b2_0, c4_0); c4_1 = fma(s, b2_1, c4_1); c4_2 = fma(s, b2_2, c4_2); c4_3 = fma(s, b2_3, c4_3); }
                { let s = vec4<f32>(v[3]); c4_0 = fma(s, b3_0, c4_0); c4_1 = fma(s, b3_1, c4_1); c4_2 = fma(s, b3_2, c4_2); c4_3 = fma(s, b3_3, c4_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 4u);
                { let s = vec4<f32>(v[0]); c4_0 = fma(s, b4_0, c4_0); c4_1 = fma(s, b4_1, c4_1); c4_2 = fma(s, b4_2, c4_2); c4_3 = fma(s, b4_3, c4_3); }
                { let s = vec4<f32>(v[1]); c4_0 = fma(s, b5_0, c4_0); c4_1 = fma(s, b5_1, c4_1); c4_2 = fma(s, b5_2, c4_2); c4_3 = fma(s, b5_3, c4_3); }
                { let s = vec4<f32>(v[2]); c4_0 = fma(s, b6_0, c4_0); c4_1 = fma(s, b6_1, c4_1); c4_2 = fma(s, b6_2, c4_2); c4_3 = fma(s, b6_3, c4_3); }
                { let s = vec4<f32>(v[3]); c4_0 = fma(s, b7_0, c4_0); c4_1 = fma(s, b7_1, c4_1); c4_2 = fma(s, b7_2, c4_2); c4_3 = fma(s, b7_3, c4_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 5u);
                { let s = vec4<f32>(v[0]); c5_0 = fma(s, b0_0, c5_0); c5_1 = fma(s, b0_1, c5_1); c5_2 = fma(s, b0_2, c5_2); c5_3 = fma(s, b0_3, c5_3); }
                { let s = vec4<f32>(v[1]); c5_0 = fma(s, b1_0, c5_0); c5_1 = fma(s, b1_1, c5_1); c5_2 = fma(s, b1_2, c5_2); c5_3 = fma(s, b1_3, c5_3); }
                { let s = vec4<f32>(v[2]); c5_0 = fma(s, b2_0, c5_0); c5_1 = fma(s, b2_1, c5_1); c5_2 = fma(s, b2_2, c5_2); c5_3 = fma(s, b2_3, c5_3); }
                { let s = vec4<f32>(v[3]); c5_0 = fma(s, b3_0, c5_0); c5_1 = fma(s, b3_1, c5_1); c5_2 = fma(s, b3_2, c5_2); c5_3 = fma(s, b3_3, c5_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 5u);
                { let s = vec4<f32>(v[0]); c5_0 = fma(s, b4_0, c5_0); c5_1 = fma(s, b4_1, c5_1); c5_2 = fma(s, b4_2, c5_2); c5_3 = fma(s, b4_3, c5_3); }
                { let s = vec4<f32>(v[1]); c5_0 = fma(s, b5_0, c5_0); c5_1 = fma(s, b5_1, c5_1); c5_2 = fma(s, b5_2, c5_2); c5_3 = fma(s, b5_3, c5_3); }
                { let s = vec4<f32>(v[2]); c5_0 = fma(s, b6_0, c5_0); c5_1 = fma(s, b6_1, c5_1); c5_2 = fma(s, b6_2, c5_2); c5_3 = fma(s, b6_3, c5_3); }
                { let s = vec4<f32>(v[3]); c5_0 = fma(s, b7_0, c5_0); c5_1 = fma(s, b7_1, c5_1); c5_2 = fma(s, b7_2, c5_2); c5_3 = fma(s, b7_3, c5_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 6u);
                { let s = vec4<f32>(v[0]); c6_0 = fma(s, b0_0, c6_0); c6_1 = fma(s, b0_1, c6_1); c6_2 = fma(s, b0_2, c6_2); c6_3 = fma(s, b0_3, c6_3); }
                { let s = vec4<f32>(v[1]); c6_0 = fma(s, b1_0, c6_0); c6_1 = fma(s, b1_1, c6_1); c6_2 = fma(s, b1_2, c6_2); c6_3 = fma(s, b1_3, c6_3); }
                { let s = vec4<f32>(v[2]); c6_0 = fma(s, b2_0, c6_0); c6_1 = fma(s, b2_1, c6_1); c6_2 = fma(s, b2_2, c6_2); c6_3 = fma(s, b2_3, c6_3); }
                { let s = vec4<f32>(v[3]); c6_0 = fma(s, b3_0, c6_0); c6_1 = fma(s, b3_1, c6_1); c6_2 = fma(s, b3_2, c6_2); c6_3 = fma(s, b3_3, c6_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 6u);
                { let s = vec4<f32>(v[0]); c6_0 = fma(s, b4_0, c6_0); c6_1 = fma(s, b4_1, c6_1); c6_2 = fma(s, b4_2, c6_2); c6_3 = fma(s, b4_3, c6_3); }
                { let s = vec4<f32>(v[1]); c6_0 = fma(s, b5_0, c6_0); c6_1 = fma(s, b5_1, c6_1); c6_2 = fma(s, b5_2, c6_2); c6_3 = fma(s, b5_3, c6_3); }
                { let s = vec4<f32>(v[2]); c6_0 = fma(s, b6_0, c6_0); c6_1 = fma(s, b6_1, c6_1); c6_2 = fma(s, b6_2, c6_2); c6_3 = fma(s, b6_3, c6_3); }
                { let s = vec4<f32>(v[3]); c6_0 = fma(s, b7_0, c6_0); c6_1 = fma(s, b7_1, c6_1); c6_2 = fma(s, b7_2, c6_2); c6_3 = fma(s, b7_3, c6_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 7u);
                { let s = vec4<f32>(v[0]); c7_0 = fma(s, b0_0, c7_0); c7_1 = fma(s, b0_1, c7_1); c7_2 = fma(s, b0_2, c7_2); c7_3 = fma(s, b0_3, c7_3); }
                { let s = vec4<f32>(v[1]); c7_0 = fma(s, b1_0, c7_0); c7_1 = fma(s, b1_1, c7_1); c7_2 = fma(s, b1_2, c7_2); c7_3 = fma(s, b1_3, c7_3); }
                { let s = vec4<f32>(v[2]); c7_0 = fma(s, b2_0, c7_0); c7_1 = fma(s, b2_1, c7_1); c7_2 = fma(s, b2_2, c7_2); c7_3 = fma(s, b2_3, c7_3); }
                { let s = vec4<f32>(v[3]); c7_0 = fma(s, b3_0, c7_0); c7_1 = fma(s, b3_1, c7_1); c7_2 = fma(s, b3_2, c7_2); c7_3 = fma(s, b3_3, c7_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 7u);
                { let s = vec4<f32>(v[0]); c7_0 = fma(s, b4_0, c7_0); c7_1 = fma(s, b4_1, c7_1); c7_2 = fma(s, b4_2, c7_2); c7_3 = fma(s, b4_3, c7_3); }
                { let s = vec4<f32>(v[1]); c7_0 = fma(s, b5_0, c7_0); c7_1 = fma(s, b5_1, c7_1); c7_2 = fma(s, b5_2, c7_2); c7_3 = fma(s, b5_3, c7_3); }
                { let s = vec4<f32>(v[2]); c7_0 = fma(s, b6_0, c7_0); c7_1 = fma(s, b6_1, c7_1); c7_2 = fma(s, b6_2, c7_2); c7_3 = fma(s, b6_3, c7_3); }
                { let s = vec4<f32>(v[3]); c7_0 = fma(s, b7_0, c7_0); c7_1 = fma(s, b7_1, c7_1); c7_2 = fma(s, b7_2, c7_2); c7_3 = fma(s, b7_3, c7_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 0u);
                { let s = vec4<f32>(v[0]); c8_0 = fma(s, b0_0, c8_0); c8_1 = fma(s, b0_1, c8_1); c8_2 = fma(s, b0_2, c8_2); c8_3 = fma(s, b0_3, c8_3); }
                { let s = vec4<f32>(v[1]); c8_0 = fma(s, b1_0, c8_0); c8_1 = fma(s, b1_1, c8_1); c8_2 = fma(s, b1_2, c8_2); c8_3 = fma(s, b1_3, c8_3); }
                { let s = vec4<f32>(v[2]); c8_0 = fma(s, b2_0, c8_0); c8_1 = fma(s, b2_1, c8_1); c8_2 = fma(s, b2_2, c8_2); c8_3 = fma(s, b2_3, c8_3); }
                { let s = vec4<f32>(v[3]); c8_0 = fma(s, b3_0, c8_0); c8_1 = fma(s, b3_1, c8_1); c8_2 = fma(s, b3_2, c8_2); c8_3 = fma(s, b3_3, c8_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 0u);
                { let s = vec4<f32>(v[0]); c8_0 = fma(s, b4_0, c8_0); c8_1 = fma(s, b4_1, c8_1); c8_2 = fma(s, b4_2, c8_2); c8_3 = fma(s, b4_3, c8_3); }
                { let s = vec4<f32>(v[1]); c8_0 = fma(s, b5_0, c8_0); c8_1 = fma(s, b5_1, c8_1); c8_2 = fma(s, b5_2, c8_2); c8_3 = fma(s, b5_3, c8_3); }
                { let s = vec4<f32>(v[2]); c8_0 = fma(s, b6_0, c8_0); c8_1 = fma(s, b6_1, c8_1); c8_2 = fma(s, b6_2, c8_2); c8_3 = fma(s, b6_3, c8_3); }
                { let s = vec4<f32>(v[3]); c8_0 = fma(s, b7_0, c8_0); c8_1 = fma(s, b7_1, c8_1); c8_2 = fma(s, b7_2, c8_2); c8_3 = fma(s, b7_3, c8_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 1u);
                { let s = vec4<f32>(v[0]); c9_0 = fma(s, b0_0, c9_0); c9_1 = fma(s, b0_1, c9_1); c9_2 = fma(s, b0_2, c9_2); c9_3 = fma(s, b0_3, c9_3); }
                { let s = vec4<f32>(v[1]); c9_0 = fma(s, b1_0, c9_0); c9_1 = fma(s, b1_1, c9_1); c9_2 = fma(s, b1_2, c9_2); c9_3 = fma(s, b1_3, c9_3); }
                { let s = vec4<f32>(v[2]); c9_0 = fma(s, b2_0, c9_0); c9_1 = fma(s, b2_1, c9_1); c9_2 = fma(s, b2_2, c9_2); c9_3 = fma(s, b2_3, c9_3); }
                { let s = vec4<f32>(v[3]); c9_0 = fma(s, b3_0, c9_0); c9_1 = fma(s, b3_1, c9_1); c9_2 = fma(s, b3_2, c9_2); c9_3 = fma(s, b3_3, c9_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 1u);
                { let s = vec4<f32>(v[0]); c9_0 = fma(s, b4_0, c9_0); c9_1 = fma(s, b4_1, c9_1); c9_2 = fma(s, b4_2, c9_2); c9_3 = fma(s, b4_3, c9_3); }
                { let s = vec4<f32>(v[1]); c9_0 = fma(s, b5_0, c9_0); c9_1 = fma(s, b5_1, c9_1); c9_2 = fma(s, b5_2, c9_2); c9_3 = fma(s, b5_3, c9_3); }
                { let s = vec4<f32>(v[2]); c9_0 = fma(s, b6_0, c9_0); c9_1 = fma(s, b6_1, c9_1); c9_2 = fma(s, b6_2, c9_2); c9_3 = fma(s, b6_3, c9_3); }
                { let s = vec4<f32>(v[3]); c9_0 = fma(s, b7_0, c9_0); c9_1 = fma(s, b7_1, c9_1); c9_2 = fma(s, b7_2, c9_2); c9_3 = fma(s, b7_3, c9_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 2u);
                { let s = vec4<f32>(v[0]); c10_0 = fma(s, b0_0, c10_0); c10_1 = fma(s, b0_1, c10_1); c10_2 = fma(s, b0_2, c10_2); c10_3 = fma(s, b0_3, c10_3); }
                { let s = vec4<f32>(v[1]); c10_0 = fma(s, b1_0, c10_0); c10_1 = fma(s, b1_1, c10_1); c10_2 = fma(s, b1_2, c10_2); c10_3 = fma(s, b1_3, c10_3); }
                { let s = vec4<f32>(v[2]); c10_0 = fma(s, b2_0, c10_0); c10_1 = fma(s, b2_1, c10_1); c10_2 = fma(s, b2_2, c10_2); c10_3 = fma(s, b2_3, c10_3); }
                { let s = vec4<f32>(v[3]); c10_0 = fma(s, b3_0, c10_0); c10_1 = fma(s, b3_1, c10_1); c10_2 = fma(s, b3_2, c10_2); c10_3 = fma(s, b3_3, c10_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 2u);
                { let s = vec4<f32>(v[0]); c10_0 = fma(s, b4_0, c10_0); c10_1 = fma(s, b4_1, c10_1); c10_2 = fma(s, b4_2, c10_2); c10_3 = fma(s, b4_3, c10_3); }
                { let s = vec4<f32>(v[1]); c10_0 = fma(s, b5_0, c10_0); c10_1 = fma(s, b5_1, c10_1); c10_2 = fma(s, b5_2, c10_2); c10_3 = fma(s, b5_3, c10_3); }
                { let s = vec4<f32>(v[2]); c10_0 = fma(s, b6_0, c10_0); c10_1 = fma(s, b6_1, c10_1); c10_2 = fma(s, b6_2, c10_2); c10_3 = fma(s, b6_3, c10_3); }
                { let s = vec4<f32>(v[3]); c10_0 = fma(s, b7_0, c10_0); c10_1 = fma(s, b7_1, c10_1); c10_2 = fma(s, b7_2, c10_2); c10_3 = fma(s, b7_3, c10_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 3u);
                { let s = vec4<f32>(v[0]); c11_0 = fma(s, b0_0, c11_0); c11_1 = fma(s, b0_1, c11_1); c11_2 = fma(s, b0_2, c11_2); c11_3 = fma(s, b0_3, c11_3); }
                { let s = vec4<f32>(v[1]); c11_0 = fma(s, b1_0, c11_0); c11_1 = fma(s, b1_1, c11_1); c11_2 = fma(s, b1_2, c11_2); c11_3 = fma(s, b1_3, c11_3); }
                { let s = vec4<f32>(v[2]); c11_0 = fma(s, b2_0, c11_0); c11_1 = fma(s, b2_1, c11_1); c11_2 = fma(s, b2_2, c11_2); c11_3 = fma(s, b2_3, c11_3); }
                { let s = vec4<f32>(v[3]); c11_0 = fma(s, b3_0, c11_0); c11_1 = fma(s, b3_1, c11_1); c11_2 = fma(s, b3_2, c11_2); c11_3 = fma(s, b3_3, c11_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 3u);
                { let s = vec4<f32>(v[0]); c11_0 = fma(s, b4_0, c11_0); c11_1 = fma(s, b4_1, c11_1); c11_2 = fma(s, b4_2, c11_2); c11_3 = fma(s, b4_3, c11_3); }
                { let s = vec4<f32>(v[1]); c11_0 = fma(s, b5_0, c11_0); c11_1 = fma(s, b5_1, c11_1); c11_2 = fma(s, b5_2, c11_2); c11_3 = fma(s, b5_3, c11_3); }
                { let s = vec4<f32>(v[2]); c11_0 = fma(s, b6_0, c11_0); c11_1 = fma(s, b6_1, c11_1); c11_2 = fma(s, b6_2, c11_2); c11_3 = fma(s, b6_3, c11_3); }
                { let s = vec4<f32>(v[3]); c11_0 = fma(s, b7_0, c11_0); c11_1 = fma(s, b7_1, c11_1); c11_2 = fma(s, b7_2, c11_2); c11_3 = fma(s, b7_3, c11_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 4u);
                { let s = vec4<f32>(v[0]); c12_0 = fma(s, b0_0, c12_0); c12_1 = fma(s, b0_1, c12_1); c12_2 = fma(s, b0_2, c12_2); c12_3 = fma(s, b0_3, c12_3); }
                { let s = vec4<f32>(v[1]); c12_0 = fma(s, b1_0, c12_0); c12_1 = fma(s, b1_1, c12_1); c12_2 = fma(s, b1_2, c12_2); c12_3 = fma(s, b1_3, c12_3); }
                { let s = vec4<f32>(v[2]); c12_0 = fma(s, b2_0, c12_0); c12_1 = fma(s, b2_1, c12_1); c12_2 = fma(s, b2_2, c12_2); c12_3 = fma(s, b2_3, c12_3); }
                { let s = vec4<f32>(v[3]); c12_0 = fma(s, b3_0, c12_0); c12_1 = fma(s, b3_1, c12_1); c12_2 = fma(s, b3_2, c12_2); c12_3 = fma(s, b3_3, c12_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 4u);
                { let s = vec4<f32>(v[0]); c12_0 = fma(s, b4_0, c12_0); c12_1 = fma(s, b4_1, c12_1); c12_2 = fma(s, b4_2, c12_2); c12_3 = fma(s, b4_3, c12_3); }
                { let s = vec4<f32>(v[1]); c12_0 = fma(s, b5_0, c12_0); c12_1 = fma(s, b5_1, c12_1); c12_2 = fma(s, b5_2, c12_2); c12_3 = fma(s, b5_3, c12_3); }
                { let s = vec4<f32>(v[2]); c12_0 = fma(s, b6_0, c12_0); c12_1 = fma(s, b6_1, c12_1); c12_2 = fma(s, b6_2, c12_2); c12_3 = fma(s, b6_3, c12_3); }
                { let s = vec4<f32>(v[3]); c12_0 = fma(s, b7_0, c12_0); c12_1 = fma(s, b7_1, c12_1); c12_2 = fma(s, b7_2, c12_2); c12_3 = fma(s, b7_3, c12_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 5u);
                { let s = vec4<f32>(v[0]); c13_0 = fma(s, b0_0, c13_0); c13_1 = fma(s, b0_1, c13_1); c13_2 = fma(s, b0_2, c13_2); c13_3 = fma(s, b0_3, c13_3); }
                { let s = vec4<f32>(v[1]); c13_0 = fma(s, b1_0, c13_0); c13_1 = fma(s, b1_1, c13_1); c13_2 = fma(s, b1_2, c13_2); c13_3 = fma(s, b1_3, c13_3); }
                { let s = vec4<f32>(v[2]); c13_0 = fma(s, b2_0, c13_0); c13_1 = fma(s, b2_1, c13_1); c13_2 = fma(s, b2_2, c13_2); c13_3 = fma(s, b2_3, c13_3); }
                { let s = vec4<f32>(v[3]); c13_0 = fma(s, b3_0, c13_0); c13_1 = fma(s, b3_1, c13_1); c13_2 = fma(s, b3_2, c13_2); c13_3 = fma(s, b3_3, c13_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 5u);
                { let s = vec4<f32>(v[0]); c13_0 = fma(s, b4_0, c13_0); c13_1 = fma(s, b4_1, c13_1); c13_2 = fma(s, b4_2, c13_2); c13_3 = fma(s, b4_3, c13_3); }
                { let s = vec4<f32>(v[1]); c13_0 = fma(s, b5_0, c13_0); c13_1 = fma(s, b5_1, c13_1); c13_2 = fma(s, b5_2, c13_2); c13_3 = fma(s, b5_3, c13_3); }
                { let s = vec4<f32>(v[2]); c13_0 = fma(s, b6_0, c13_0); c13_1 = fma(s, b6_1, c13_1); c13_2 = fma(s, b6_2, c13_2); c13_3 = fma(s, b6_3, c13_3); }
                { let s = vec4<f32>(v[3]); c13_0 = fma(s, b7_0, c13_0); c13_1 = fma(s, b7_1, c13_1); c13_2 = fma(s, b7_2, c13_2); c13_3 = fma(s, b7_3, c13_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 6u);
                { let s = vec4<f32>(v[0]); c14_0 = fma(s, b0_0, c14_0); c14_1 = fma(s, b0_1, c14_1); c14_2 = fma(s, b0_2, c14_2); c14_3 = fma(s, b0_3, c14_3); }
                { let s = vec4<f32>(v[1]); c14_0 = fma(s, b1_0, c14_0); c14_1 = fma(s, b1_1, c14_1); c14_2 = fma(s, b1_2, c14_2); c14_3 = fma(s, b1_3, c14_3); }
                { let s = vec4<f32>(v[2]); c14_0 = fma(s, b2_0, c14_0); c14_1 = fma(s, b2_1, c14_1); c14_2 = fma(s, b2_2, c14_2); c14_3 = fma(s, b2_3, c14_3); }
                { let s = vec4<f32>(v[3]); c14_0 = fma(s, b3_0, c14_0); c14_1 = fma(s, b3_1, c14_1); c14_2 = fma(s, b3_2, c14_2); c14_3 = fma(s, b3_3, c14_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 6u);
                { let s = vec4<f32>(v[0]); c14_0 = fma(s, b4_0, c14_0); c14_1 = fma(s, b4_1, c14_1); c14_2 = fma(s, b4_2, c14_2); c14_3 = fma(s, b4_3, c14_3); }
                { let s = vec4<f32>(v[1]); c14_0 = fma(s, b5_0, c14_0); c14_1 = fma(s, b5_1, c14_1); c14_2 = fma(s, b5_2, c14_2); c14_3 = fma(s, b5_3, c14_3); }
                { let s = vec4<f32>(v[2]); c14_0 = fma(s, b6_0, c14_0); c14_1 = fma(s, b6_1, c14_1); c14_2 = fma(s, b6_2, c14_2); c14_3 = fma(s, b6_3, c14_3); }
                { let s = vec4<f32>(v[3]); c14_0 = fma(s, b7_0, c14_0); c14_1 = fma(s, b7_1, c14_1); c14_2 = fma(s, b7_2, c14_2); c14_3 = fma(s, b7_3, c14_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 7u);
                { let s = vec4<f32>(v[0]); c15_0 = fma(s, b0_0, c15_0); c15_1 = fma(s, b0_1, c15_1); c15_2 = fma(s, b0_2, c15_2); c15_3 = fma(s, b0_3, c15_3); }
                { let s = vec4<f32>(v[1]); c15_0 = fma(s, b1_0, c15_0); c15_1 = fma(s, b1_1, c15_1); c15_2 = fma(s, b1_2, c15_2); c15_3 = fma(s, b1_3, c15_3); }
                { let s = vec4<f32>(v[2]); c15_0 = fma(s, b2_0, c15_0); c15_1 = fma(s, b2_1, c15_1); c15_2 = fma(s, b2_2, c15_2); c15_3 = fma(s, b2_3, c15_3); }
                { let s = vec4<f32>(v[3]); c15_0 = fma(s, b3_0, c15_0); c15_1 = fma(s, b3_1, c15_1); c15_2 = fma(s, b3_2, c15_2); c15_3 = fma(s, b3_3, c15_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 7u);
                { let s = vec4<f32>(v[0]); c15_0 = fma(s, b4_0, c15_0); c15_1 = fma(s, b4_1, c15_1); c15_2 = fma(s, b4_2, c15_2); c15_3 = fma(s, b4_3, c15_3); }
                { let s = vec4<f32>(v[1]); c15_0 = fma(s, b5_0, c15_0); c15_1 = fma(s, b5_1, c15_1); c15_2 = fma(s, b5_2, c15_2); c15_3 = fma(s, b5_3, c15_3); }
                { let s = vec4<f32>(v[2]); c15_0 = fma(s, b6_0, c15_0); c15_1 = fma(s, b6_1, c15_1); c15_2 = fma(s, b6_2, c15_2); c15_3 = fma(s, b6_3, c15_3); }
                { let s = vec4<f32>(v[3]); c15_0 = fma(s, b7_0, c15_0); c15_1 = fma(s, b7_1, c15_1); c15_2 = fma(s, b7_2, c15_2); c15_3 = fma(s, b7_3, c15_3); }
            }
            { let v = subgroupBroadcast(xa2_0, 0u);
                { let s = vec4<f32>(v[0]); c16_0 = fma(s, b0_0, c16_0); c16_1 = fma(s, b0_1, c16_1); c16_2 = fma(s, b0_2, c16_2); c16_3 = fma(s, b0_3, c16_3); }
                { let s = vec4<f32>(v[1]); c16_0 = fma(s, b1_0, c16_0); c16_1 = fma(s, b1_1, c16_1); c16_2 = fma(s, b1_2, c16_2); c16_3 = fma(s, b1_3, c16_3); }
                { let s = vec4<f32>(v[2]); c16_0 = fma(s, b2_0, c16_0); c16_1 = fma(s, b2_1, c16_1); c16_2 = fma(s, b2_2, c16_2); c16_3 = fma(s, b2_3, c16_3); }
                { let s = vec4<f32>(v[3]); c16_0 = fma(s, b3_0, c16_0); c16_1 = fma(s, b3_1, c16_1); c16_2 = fma(s, b3_2, c16_2); c16_3 = fma(s, b3_3, c16_3); }
            }
            { let v = subgroupBroadcast(xa2_1, 0u);
                { let s = vec4<f32>(v[0]); c16_0 = fma(s, b4_0, c16_0); c16_1 = fma(s, b4_1, c16_1); c16_2 = fma(s, b4_2, c16_2); c16_3 = fma(s, b4_3, c16_3); }
                { let s = vec4<f32>(v[1]); c16_0 = fma(s, b5_0, c16_0); c16_1 = fma(s, b5_1, c16_1); c16_2 = fma(s, b5_2, c16_2); c16_3 = fma(s, b5_3, c16_3); }
                { let s = vec4<f32>(v[2]); c16_0 = fma(s, b6_0, c16_0); c16_1 = fma(s, b6_1, c16_1); c16_2 = fma(s, b6_2, c16_2); c16_3 = fma(s, b6_3, c16_3); }
                { let s = vec4<f32>(v[3]); c16_0 = fma(s, b7_0, c16_0); c16_1 = fma(s, b7_1, c16_1); c16_2 = fma(s, b7_2, c16_2); c16_3 = fma(s, b7_3, c16_3); }
            }
            { let v = subgroupBroadcast(xa2_0, 1u);
                { let s = vec4<f32>(v[0]); c17_0 = fma(s, b0_0, c17_0); c17_1 = fma(s, b0_1, c17_1); c17_2 = fma(s, b0_2, c17_2); c17_3 = fma(s, b0_3, c17_3); }
                { let s = vec4<f32>(v[1]); c17_0 = fma(s, b1_0, c17_0); c17_1 = fma(s, b1_1, c17_1); c17_2 = fma(s, b1_2, c17_2); c17_3 = fma(s, b1_3, c17_3); }
                { let s = vec4<f32>(v[2]); c17_0 = fma(s, b2_0, c17_0); c17_1 = fma(s, b2_1, c17_1); c17_2 = fma(s, b2_2, c17_2); c17_3 = fma(s, b2_3, c17_3); }
                { let s = vec4<f32>(v[3]); c17_0 = fma(s, b3_0, c17_0); c17_1 = fma(s, b3_1, c17_1); c17_2 = fma(s, b3_2, c17_2); c17_3 = fma(s, b3_3, c17_3); }
            }
            { let v = subgroupBroadcast(xa2_1, 1u);
                { let s = vec4<f32>(v[0]); c17_0 = fma(s, b4_0, c17_0); c17_1 = fma(s, b4_1, c17_1); c17_2 = fma(s, b4_2, c17_2); c17_3 = fma(s, b4_3, c17_3); }
                { let s = vec4<f32>(v[1]); c17_0 = fma(s, b5_0, c17_0); c17_1 = fma(s, b5_1, c17_1); c17_2 = fma(s, b5_2, c17_2); c17_3 = fma(s, b5_3, c17_3); }
                { let s = vec4<f32>(v[2]); c17_0 = fma(s, b6_0, c17_0); c17_1 = fma(s, b6_1, c17_1); c17_2 = fma(s, b6_2, c17_2); c17_3 = fma(s, b6_3, c17_3); }
                { let s = vec4<f32>(v[3]); c17_0 = fma(s, b7_0, c17_0); c17_1 = fma(s, b7_1, c17_1); c17_2 = fma(s, b7_2, c17_2); c17_3 = fma(s, b7_3, c17_3); }
            }
            { let v = subgroupBroadcast(xa2_0, 2u);
                { let s = vec4<f32>(v[0]); c18_0 = fma(s, b0_0, c18_0); c18_1 = fma(s, b0_1, c18_1); c18_2 = fma(s, b0_2, c18_2); c18_3 = fma(s, b0_3, c18_3); }
                { let s = vec4<f32>(v[1]); c18_0 = fma(s, b1_0, c18_0); c18_1 = fma(s, b1_1, c18_1); c18_2 = fma(s, b1_2, c18_2); c18_3 = fma(s, b1_3, c18_3); }
                { let s = vec4<f32>(v[2]); c18_0 = fma(s, b2_0, c18_0); c18_1 = fma(s, b2_1, c18_1); c18_2 = fma(s, b2_2, c18_2); c18_3 = fma(s, b2_3, c18_3); }
                { let s = vec4<f32>(v[3]); c18_0 = fma(s, b3_0, c18_0); c18_1 = fma(s, b3_1, c18_1); c18_2 = fma(s, b3_2, c18_2); c18_3 = fma(s, b3_3, c18_3); }
            }
            { let v = subgroupBroadcast(xa2_1, 2u);
                { let s = vec4<f32>(v[0]); c18_0 = fma(s, b4_0, c18_0); c18_1 = fma(s, b4_1, c18_1); c18_2 = fma(s, b4_2, c18_2); c18_3 = fma(s, b4_3, c18_3); }
                { let s = vec4<f32>(v[1]); c18_0 = fma(s, b5_0, c18_0); c18_1 = fma(s, b5_1, c18_1); c18_2 = fma(s, b5_2, c18_2); c18_3 = fma(s, b5_3, c18_3); }
                { let s = vec4<f32>(v[2]); c18_0 = fma(s, b6_0, c18_0); c18_1 = fma(s, b6_1, c18_1); c18_2 = fma(s, b6_2, c18_2); c18_3 = fma(s, b6_3, c18_3); }
                { let s = vec4<f32>(v[3]); c18_0 = fma(s, b7_0, c18_0); c18_1 = fma(s, b7_1, c18_1); c18_2 = fma(s, b7_2, c18_2); c18_3 = fma(s, b7_3, c18_3); }
            }
            { let v = subgroupBroadcast(xa2_0, 3u);
                { let s = vec4<f32>(v[0]); c19_0 = fma(s, b0_0, c19_0); c19_1 = fma(s, b0_1, c19_1); c19_2 = fma(s, b0_2, c19_2); c19_3 = fma(s, b0_3, c19_3); }
                { let s = vec4<f32>(v[1]); c19_0 = fma(s, b1_0, c19_0); c19_1 = fma(s, b1_1, c19_1); c19_2 = fma(s, b1_2, c19_2); c19_3 = fma(s, b1_3, c19_3); }
                { let s = vec4<f32>(v[2]); c19_0 = fma(s, b2_0, c19_0); c19_1 = fma(s, b2_1, c19_1); c19_2 = fma(s, b2_2, c19_2); c19_3 = fma(s, b2_3, c19_3); }
                { let s = vec4<f32>(v[3]); c19_0 = fma(s, b3_0, c19_0); c19_1 = fma(s, b3_1, c19_1); c19_2 = fma(s, b3_2, c19_2); c19_3 = fma(s, b3_3, c19_3); }
            }
            { let v = subgroupBroadcast(xa2_1, 3u);
                { let s = vec4<f32>(v[0]); c19_0 = fma(s, b4_0, c19_0); c19_1 = fma(s, b4_1, c19_1); c19_2 = fma(s, b4_2, c19_2); c19_3 = fma(s, b4_3, c19_3); }
                { let s = vec4<f32>(v[1]); c19_0 = fma(s, b5_0, c19_0); c19_1 = fma(s, b5_1, c19_1); c19_2 = fma(s, b5_2, c19_2); c19_3 = fma(s, b5_3, c19_3); }
                { let s = vec4<f32>(v[2]); c19_0 = fma(s, b6_0, c19_0); c19_1 = fma(s, b6_1, c19_1); c19_2 = fma(s, b6_2, c19_2); c19_3 = fma(s, b6_3, c19_3); }
                { let s = vec4<f32>(v[3]); c19_0 = fma(s, b7_0, c19_0); c19_1 = fma(s, b7_1, c19_1); c19_2 = fma(s, b7_2, c19_2); c19_3 = fma(s, b7_3, c19_3); }
            }
            { let v = subgroupBroadcast(xa2_0, 4u);
                { let s = vec4<f32>(v[0]); c20_0 = fma(s, b0_0, c20_0); c20_1 = fma(s, b0_1, c20_1); c20_2 = fma(s, b0_2, c20_2); c20_3 = fma(s, b0_3, c20_3); }
                { let s = vec4<f32>(v[1]); c20_0 = fma(s, b1_0, c20_0); c20_1 = fma(s, b1_1, c20_1); c20_2 = fma(s, b1_2, c20_2); c20_3 = fma(s, b1_3, c20_3); }
                { let s = vec4<f32>(v[2]); c20_0 = fma(s, b2_0, c20_0); c20_1 = fma(s, b2_1, c20_1); c20_2 = fma(s, b2_2, c20_2); c20_3 = fma(s, b2_3, c20_3); }
                { let s = vec4<f32>(v[3]); c20_0 = fma(s, b3_0, c20_0); c20_1 = fma(s, b3_1, c20_1); c20_2 = fma(s, b3_2, c20_2); c20_3 = fma(s, b3_3, c20_3); }
            }
            { let v = subgroupBroadcast(xa2_1, 4u);
                { let s = vec4<f32>(v[0]); c20_0 = fma(s, b4_0, c20_0); c20_1 = fma(s, b4_1, c20_1); c20_2 = fma(s, b4_2, c20_2); c20_3 = fma(s, b4_3, c20_3); }
                { let s = vec4<f32>(v[1]); c20_0 = fma(s, b5_0, c20_0); c20_1 = fma(s, b5_1, c20_1); c20_2 = fma(s, b5_2, c20_2); c20_3 = fma(s, b5_3, c20_3); }
                { let s = vec4<f32>(v[2]); c20_0 = fma(s, b6_0, c20_0); c20_1 = fma(s, b6_1, c20_1); c20_2 = fma(s, b6_2, c20_2); c20_3 = fma(s, b6_3, c20_3); }
                { let s = vec4<f32>(v[3]); c20_0 = fma(s, b7_0, c20_0); c20_1 = fma(s, b7_1, c20_1); c20_2 = fma(s, b7_2, c20_2); c20_3 = fma(s, b7_3, c20_3); }
            }
            { let v = subgroupBroadcast(xa2_0, 5u);
                { let s = vec4<f32>(v[0]); c21_0 = fma(s, b0_0, c21_0); c21_1 = fma(s, b0_1, c21_1); c21_2 = fma(s, b0_2, c21_2); c21_3 = fma(s, b0_3, c21_3); }
                { let s = vec4<f32>(v[1]); c21_0 = fma(s, b1_0, c21_0); c21_1 = fma(s, b1_1, c21_1); c21_2 = fma(s, b1_2, c21_2); c21_3 = fma(s, b1_3, c21_3); }
                { let s = vec4<f32>(v[2]); c21_0 = fma(s, b2_0, c21_0); c21_1 = fma(s, b2_1, c21_1); c21_2 = fma(s, b2_2, c21_2); c21_3 = fma(s, b2_3, c21_3); }
                { let s = vec4<f32>(v[3]); c21_0 = fma(s, b3_0, c21_0); c21_1 = fma(s, b3_1, c21_1); c21_2 = fma(s, b3_2, c21_2); c21_3 = fma(s, b3_3, c21_3); }
            }
            { let v = subgroupBroadcast(xa2_1, 5u);
                { let s = vec4<f32>(v[0]); c21_0 = fma(s, b4_0, c21_0); c21_1 = fma(s, b4_1, c21_1); c21_2 = fma(s, b4_2, c21_2); c21_3 = fma(s, b4_3, c21_3); }
                { let s = vec4<f32>(v[1]); c21_0 = fma(s, b5_0, c21_0); c21_1 = fma(s, b5_1, c21_1); c21_2 = fma(s, b5_2, c21_2); c21_3 = fma(s, b5_3, c21_3); }
                { let s = vec4<f32>(v[2]); c21_0 = fma(s, b6_0, c21_0); c21_1 = fma(s, b6_1, c21_1); c21_2 = fma(s, b6_2, c21_2); c21_3 = fma(s, b6_3, c21_3); }
                { let s = vec4<f32>(v[3]); c21_0 = fma(s, b7_0, c21_0); c21_1 = fma(s, b7_1, c21_1); c21_2 = fma(s, b7_2, c21_2); c21_3 = fma(s, b7_3, c21_3); }
            }
            { let v = subgroupBroadcast(xa2_0, 6u);
                { let s = vec4<f32>(v[0]); c22_0 = fma(s, b0_0, c22_0); c22_1 = fma(s, b0_1, c22_1); c22_2 = fma(s, b0_2, c22_2); c22_3 = fma(s, b0_3, c22_3); }
                { let s = vec4<f32>(v[1]); c22_0 = fma(s, b1_0, c22_0); c22_1 = fma(s, b1_1, c22_1); c22_2 = fma(s, b1_2, c22_2); c22_3 = fma(s, b1_3, c22_3); }
                { let s = vec4<f32>(v[2]); c22_0 = fma(s, b2_0, c22_0); c22_1 = fma(s, b2_1, c22_1); c22_2 = fma(s, b2_2, c22_2); c22_3 = fma(s, b2_3, c22_3); }
                { let s = vec4<f32>(v[3]); c22_0 = fma(s, b3_0, c22_0); c22_1 = fma(s, b3_1, c22_1); c22_2 = fma(s, b3_2, c22_2); c22_3 = fma(s, b3_3, c22_3); }
            }
            { let v = subgroupBroadcast(xa2_1, 6u);
                { let s = vec4<f32>(v[0]); c22_0 = fma(s, b4_0, c22_0); c22_1 = fma(s, b4_1, c22_1); c22_2 = fma(s, b4_2, c22_2); c22_3 = fma(s, b4_3, c22_3); }
                { let s = vec4<f32>(v[1]); c22_0 = fma(s, b5_0, c22_0); c22_1 = fma(s, b5_1, c22_1); c22_2 = fma(s, b5_2, c22_2); c22_3 = fma(s, b5_3, c22_3); }
                { let s = vec4<f32>(v[2]); c22_0 = fma(s, b6_0, c22_0); c22_1 = fma(s, b6_1, c22_1); c22_2 = fma(s, b6_2, c22_2); c22_3 = fma(s, b6_3, c22_3); }
                { let s = vec4<f32>(v[3]); c22_0 = fma(s, b7_0, c22_0); c22_1 = fma(s, b7_1, c22_1); c22_2 = fma(s, b7_2, c22_2); c22_3 = fma(s, b7_3, c22_3); }
            }
            { let v = subgroupBroadcast(xa2_0, 7u);
                { let s = vec4<f32>(v[0]); c23_0 = fma(s, b0_0, c23_0); c23_1 = fma(s, b0_1, c23_1); c23_2 = fma(s, b0_2, c23_2); c23_3 = fma(s, b0_3, c23_3); }
                { let s = vec4<f32>(v[1]); c23_0 = fma(s, b1_0, c23_0); c23_1 = fma(s, b1_1, c23_1); c23_2 = fma(s, b1_2, c23_2); c23_3 = fma(s, b1_3, c23_3); }
                { let s = vec4<f32>(v[2]); c23_0 = fma(s, b2_0, c23_0); c23_1 = fma(s, b2_1, c23_1); c23_2 = fma(s, b2_2, c23_2); c23_3 = fma(s, b2_3, c23_3); }
                { let s = vec4<f32>(v[3]); c23_0 = fma(s, b3_0, c23_0); c23_1 = fma(s, b3_1, c23_1); c23_2 = fma(s, b3_2, c23_2); c23_3 = fma(s, b3_3, c23_3); }
            }
            { let v = subgroupBroadcast(xa2_1, 7u);
                { let s = vec4<f32>(v[0]); c23_0 = fma(s, b4_0, c23_0); c23_1 = fma(s, b4_1, c23_1); c23_2 = fma(s, b4_2, c23_2); c23_3 = fma(s, b4_3, c23_3); }
                { let s = vec4<f32>(v[1]); c23_0 = fma(s, b5_0, c23_0); c23_1 = fma(s, b5_1, c23_1); c23_2 = fma(s, b5_2, c23_2); c23_3 = fma(s, b5_3, c23_3); }
                { let s = vec4<f32>(v[2]); c23_0 = fma(s, b6_0, c23_0); c23_1 = fma(s, b6_1, c23_1); c23_2 = fma(s, b6_2, c23_2); c23_3 = fma(s, b6_3, c23_3); }
                { let s = vec4<f32>(v[3]); c23_0 = fma(s, b7_0, c23_0); c23_1 = fma(s, b7_1, c23_1); c23_2 = fma(s, b7_2, c23_2); c23_3 = fma(s, b7_3, c23_3); }
            }
            { let v = subgroupBroadcast(xa3_0, 0u);
                { let s = vec4<f32>(v[0]); c24_0 = fma(s, b0_0, c24_0); c24_1 = fma(s, b0_1, c24_1); c24_2 = fma(s, b0_2, c24_2); c24_3 = fma(s, b0_3, c24_3); }
                { let s = vec4<f32>(v[1]); c24_0 = fma(s, b1_0, c24_0); c24_1 = fma(s, b1_1, c24_1); c24_2 = fma(s, b1_2, c24_2); c24_3 = fma(s, b1_3, c24_3); }
                { let s = vec4<f32>(v[2]); c24_0 = fma(s, b2_0, c24_0); c24_1 = fma(s, b2_1, c24_1); c24_2 = fma(s, b2_2, c24_2); c24_3 = fma(s, b2_3, c24_3); }
                { let s = vec4<f32>(v[3]); c24_0 = fma(s, b3_0, c24_0); c24_1 = fma(s, b3_1, c24_1); c24_2 = fma(s, b3_2, c24_2); c24_3 = fma(s, b3_3, c24_3); }
            }
            { let v = subgroupBroadcast(xa3_1, 0u);
                { let s = vec4<f32>(v[0]); c24_0 = fma(s, b4_0, c24_0); c24_1 = fma(s, b4_1, c24_1); c24_2 = fma(s, b4_2, c24_2); c24_3 = fma(s, b4_3, c24_3); }
                { let s = vec4<f32>(v[1]); c24_0 = fma(s, b5_0, c24_0); c24_1 = fma(s, b5_1, c24_1); c24_2 = fma(s, b5_2, c24_2); c24_3 = fma(s, b5_3, c24_3); }
                { let s = vec4<f32>(v[2]); c24_0 = fma(s, b6_0, c24_0); c24_1 = fma(s, b6_1, c24_1); c24_2 = fma(s, b6_2, c24_2); c24_3 = fma(s, b6_3, c24_3); }
                { let s = vec4<f32>(v[3]); c24_0 = fma(s, b7_0, c24_0); c24_1 = fma(s, b7_1, c24_1); c24_2 = fma(s, b7_2, c24_2); c24_3 = fma(s, b7_3, c24_3); }
            }
            { let v = subgroupBroadcast(xa3_0, 1u);
                { let s = vec4<f32>(v[0]); c25_0 = fma(s, b0_0, c25_0); c25_1 = fma(s, b0_1, c25_1); c25_2 = fma(s, b0_2, c25_2); c25_3 = fma(s, b0_3, c25_3); }
                { let s = vec4<f32>(v[1]); c25_0 = fma(s, b1_0, c25_0); c25_1 = fma(s, b1_1, c25_1); c25_2 = fma(s, b1_2, c25_2); c25_3 = fma(s, b1_3, c25_3); }
                { let s = vec4<f32>(v[2]); c25_0 = fma(s, b2_0, c25_0); c25_1 = fma(s, b2_1, c25_1); c25_2 = fma(s, b2_2, c25_2); c25_3 = fma(s, b2_3, c25_3); }
                { let s = vec4<f32>(v[3]); c25_0 = fma(s, b3_0, c25_0); c25_1 = fma(s, b3_1, c25_1); c25_2 = fma(s, b3_2, c25_2); c25_3 = fma(s, b3_3, c25_3); }
            }
            { let v = subgroupBroadcast(xa3_1, 1u);
                { let s = vec4<f32>(v[0]); c25_0 = fma(s, b4_0, c25_0); c25_1 = fma(s, b4_1, c25_1); c25_2 = fma(s, b4_2, c25_2); c25_3 = fma(s, b4_3, c25_3); }
                { let s = vec4<f32>(v[1]); c25_0 = fma(s, b5_0, c25_0); c25_1 = fma(s, b5_1, c25_1); c25_2 = fma(s, b5_2, c25_2); c25_3 = fma(s, b5_3, c25_3); }
                { let s = vec4<f32>(v[2]); c25_0 = fma(s, b6_0, c25_0); c25_1 = fma(s, b6_1, c25_1); c25_2 = fma(s, b6_2, c25_2); c25_3 = fma(s, b6_3, c25_3); }
                { let s = vec4<f32>(v[3]); c25_0 = fma(s, b7_0, c25_0); c25_1 = fma(s, b7_1, c25_1); c25_2 = fma(s, b7_2, c25_2); c25_3 = fma(s, b7_3, c25_3); }
            }
            { let v = subgroupBroadcast(xa3_0, 2u);
                { let s = vec4<f32>(v[0]); c26_0 = fma(s, b0_0, c26_0); c26_1 = fma(s, b0_1, c26_1); c26_2 = fma(s, b0_2, c26_2); c26_3 = fma(s, b0_3, c26_3); }
                { let s = vec4<f32>(v[1]); c26_0 = fma(s, b1_0, c26_0); c26_1 = fma(s, b1_1, c26_1); c26_2 = fma(s, b1_2, c26_2); c26_3 = fma(s, b1_3, c26_3); }
                { let s = vec4<f32>(v[2]); c26_0 = fma(s, b2_0, c26_0); c26_1 = fma(s, b2_1, c26_1); c26_2 = fma(s, b2_2, c26_2); c26_3 = fma(s, b2_3, c26_3); }
                { let s = vec4<f32>(v[3]); c26_0 = fma(s, b3_0, c26_0); c26_1 = fma(s, b3_1, c26_1); c26_2 = fma(s, b3_2, c26_2); c26_3 = fma(s, b3_3, c26_3); }
            }
            { let v = subgroupBroadcast(xa3_1, 2u);
                { let s = vec4<f32>(v[0]); c26_0 = fma(s, b4_0, c26_0); c26_1 = fma(s, b4_1, c26_1); c26_2 = fma(s, b4_2, c26_2); c26_3 = fma(s, b4_3, c26_3); }
                { let s = vec4<f32>(v[1]); c26_0 = fma(s, b5_0, c26_0); c26_1 = fma(s, b5_1, c26_1); c26_2 = fma(s, b5_2, c26_2); c26_3 = fma(s, b5_3, c26_3); }
                { let s = vec4<f32>(v[2]); c26_0 = fma(s, b6_0, c26_0); c26_1 = fma(s, b6_1, c26_1); c26_2 = fma(s, b6_2, c26_2); c26_3 = fma(s, b6_3, c26_3); }
                { let s = vec4<f32>(v[3]); c26_0 = fma(s, b7_0, c26_0); c26_1 = fma(s, b7_1, c26_1); c26_2 = fma(s, b7_2, c26_2); c26_3 = fma(s, b7_3, c26_3); }
            }
            { let v = subgroupBroadcast(xa3_0, 3u);
                { let s = vec4<f32>(v[0]); c27_0 = fma(s, b0_0, c27_0); c27_1 = fma(s, b0_1, c27_1); c27_2 = fma(s, b0_2, c27_2); c27_3 = fma(s, b0_3, c27_3); }
                { let s = vec4<f32>(v[1]); c27_0 = fma(s, b1_0, c27_0); c27_1 = fma(s, b1_1, c27_1); c27_2 = fma(s, b1_2, c27_2); c27_3 = fma(s, b1_3, c27_3); }
                { let s = vec4<f32>(v[2]); c27_0 = fma(s, b2_0, c27_0); c27_1 = fma(s, b2_1, c27_1); c27_2 = fma(s, b2_2, c27_2); c27_3 = fma(s, b2_3, c27_3); }
                { let s = vec4<f32>(v[3]); c27_0 = fma(s, b3_0, c27_0); c27_1 = fma(s, b3_1, c27_1); c27_2 = fma(s, b3_2, c27_2); c27_3 = fma(s, b3_3, c27_3); }
            }
            { let v = subgroupBroadcast(xa3_1, 3u);
                { let s = vec4<f32>(v[0]); c27_0 = fma(s, b4_0, c27_0); c27_1 = fma(s, b4_1, c27_1); c27_2 = fma(s, b4_2, c27_2); c27_3 = fma(s, b4_3, c27_3); }
                { let s = vec4<f32>(v[1]); c27_0 = fma(s, b5_0, c27_0); c27_1 = fma(s, b5_1, c27_1); c27_2 = fma(s, b5_2, c27_2); c27_3 = fma(s, b5_3, c27_3); }
                { let s = vec4<f32>(v[2]); c27_0 = fma(s, b6_0, c27_0); c27_1 = fma(s, b6_1, c27_1); c27_2 = fma(s, b6_2, c27_2); c27_3 = fma(s, b6_3, c27_3); }
                { let s = vec4<f32>(v[3]); c27_0 = fma(s, b7_0, c27_0); c27_1 = fma(s, b7_1, c27_1); c27_2 = fma(s, b7_2, c27_2); c27_3 = fma(s, b7_3, c27_3); }
            }
            { let v = subgroupBroadcast(xa3_0, 4u);
                { let s = vec4<f32>(v[0]); c28_0 = fma(s, b0_0, c28_0); c28_1 = fma(s, b0_1, c28_1); c28_2 = fma(s, b0_2, c28_2); c28_3 = fma(s, b0_3, c28_3); }
                { let s = vec4<f32>(v[1]); c28_0 = fma(s, b1_0, c28_0); c28_1 = fma(s, b1_1, c28_1); c28_2 = fma(s, b1_2, c28_2); c28_3 = fma(s, b1_3, c28_3); }
                { let s = vec4<f32>(v[2]); c28_0 = fma(s, b2_0, c28_0); c28_1 = fma(s, b2_1, c28_1); c28_2 = fma(s, b2_2, c28_2); c28_3 = fma(s, b2_3, c28_3); }
                { let s = vec4<f32>(v[3]); c28_0 = fma(s, b3_0, c28_0); c28_1 = fma(s, b3_1, c28_1); c28_2 = fma(s, b3_2, c28_2); c28_3 = fma(s, b3_3, c28_3); }
            }
            { let v = subgroupBroadcast(xa3_1, 4u);
                { let s = vec4<f32>(v[0]); c28_0 = fma(s, b4_0, c28_0); c28_1 = fma(s, b4_1, c28_1); c28_2 = fma(s, b4_2, c28_2); c28_3 = fma(s, b4_3, c28_3); }
                { let s = vec4<f32>(v[1]); c28_0 = fma(s, b5_0, c28_0); c28_1 = fma(s, b5_1, c28_1); c28_2 = fma(s, b5_2, c28_2); c28_3 = fma(s, b5_3, c28_3); }
                { let s = vec4<f32>(v[2]); c28_0 = fma(s, b6_0, c28_0); c28_1 = fma(s, b6_1, c28_1); c28_2 = fma(s, b6_2, c28_2); c28_3 = fma(s, b6_3, c28_3); }
                { let s = vec4<f32>(v[3]); c28_0 = fma(s, b7_0, c28_0); c28_1 = fma(s, b7_1, c28_1); c28_2 = fma(s, b7_2, c28_2); c28_3 = fma(s, b7_3, c28_3); }
            }
            { let v = subgroupBroadcast(xa3_0, 5u);
                { let s = vec4<f32>(v[0]); c29_0 = fma(s, b0_0, c29_0); c29_1 = fma(s, b0_1, c29_1); c29_2 = fma(s, b0_2, c29_2); c29_3 = fma(s, b0_3, c29_3); }
                { let s = vec4<f32>(v[1]); c29_0 = fma(s, b1_0, c29_0); c29_1 = fma(s, b1_1, c29_1); c29_2 = fma(s, b1_2, c29_2); c29_3 = fma(s, b1_3, c29_3); }
                { let s = vec4<f32>(v[2]); c29_0 = fma(s, b2_0, c29_0); c29_1 = fma(s, b2_1, c29_1); c29_2 = fma(s, b2_2, c29_2); c29_3 = fma(s, b2_3, c29_3); }
                { let s = vec4<f32>(v[3]); c29_0 = fma(s, b3_0, c29_0); c29_1 = fma(s, b3_1, c29_1); c29_2 = fma(s, b3_2, c29_2); c29_3 = fma(s, b3_3, c29_3); }
            }
            { let v = subgroupBroadcast(xa3_1, 5u);
                { let s = vec4<f32>(v[0]); c29_0 = fma(s, b4_0, c29_0); c29_1 = fma(s, b4_1, c29_1); c29_2 = fma(s, b4_2, c29_2); c29_3 = fma(s, b4_3, c29_3); }
                { let s = vec4<f32>(v[1]); c29_0 = fma(s, b5_0, c29_0); c29_1 = fma(s, b5_1, c29_1); c29_2 = fma(s, b5_2, c29_2); c29_3 = fma(s, b5_3, c29_3); }
                { let s = vec4<f32>(v[2]); c29_0 = fma(s, b6_0, c29_0); c29_1 = fma(s, b6_1, c29_1); c29_2 = fma(s, b6_2, c29_2); c29_3 = fma(s, b6_3, c29_3); }
                { let s = vec4<f32>(v[3]); c29_0 = fma(s, b7_0, c29_0); c29_1 = fma(s, b7_1, c29_1); c29_2 = fma(s, b7_2, c29_2); c29_3 = fma(s, b7_3, c29_3); }
            }
            { let v = subgroupBroadcast(xa3_0, 6u);
                { let s = vec4<f32>(v[0]); c30_0 = fma(s, b0_0, c30_0); c30_1 = fma(s, b0_1, c30_1); c30_2 = fma(s, b0_2, c30_2); c30_3 = fma(s, b0_3, c30_3); }
                { let s = vec4<f32>(v[1]); c30_0 = fma(s, b1_0, c30_0); c30_1 = fma(s, b1_1, c30_1); c30_2 = fma(s, b1_2, c30_2); c30_3 = fma(s, b1_3, c30_3); }
                { let s = vec4<f32>(v[2]); c30_0 = fma(s, b2_0, c30_0); c30_1 = fma(s, b2_1, c30_1); c30_2 = fma(s, b2_2, c30_2); c30_3 = fma(s, b2_3, c30_3); }
                { let s = vec4<f32>(v[3]); c30_0 = fma(s, b3_0, c30_0); c30_1 = fma(s, b3_1, c30_1); c30_2 = fma(s, b3_2, c30_2); c30_3 = fma(s, b3_3, c30_3); }
            }
            { let v = subgroupBroadcast(xa3_1, 6u);
                { let s = vec4<f32>(v[0]); c30_0 = fma(s, b4_0, c30_0); c30_1 = fma(s, b4_1, c30_1); c30_2 = fma(s, b4_2, c30_2); c30_3 = fma(s, b4_3, c30_3); }
                { let s = vec4<f32>(v[1]); c30_0 = fma(s, b5_0, c30_0); c30_1 = fma(s, b5_1, c30_1); c30_2 = fma(s, b5_2, c30_2); c30_3 = fma(s, b5_3, c30_3); }
                { let s = vec4<f32>(v[2]); c30_0 = fma(s, b6_0, c30_0); c30_1 = fma(s, b6_1, c30_1); c30_2 = fma(s, b6_2, c30_2); c30_3 = fma(s, b6_3, c30_3); }
                { let s = vec4<f32>(v[3]); c30_0 = fma(s, b7_0, c30_0); c30_1 = fma(s, b7_1, c30_1); c30_2 = fma(s, b7_2, c30_2); c30_3 = fma(s, b7_3, c30_3); }
            }
            { let v = subgroupBroadcast(xa3_0, 7u);
                { let s = vec4<f32>(v[0]); c31_0 = fma(s, b0_0, c31_0); c31_1 = fma(s, b0_1, c31_1); c31_2 = fma(s, b0_2, c31_2); c31_3 = fma(s, b0_3, c31_3); }
                { let s = vec4<f32>(v[1]); c31_0 = fma(s, b1_0, c31_0); c31_1 = fma(s, b1_1, c31_1); c31_2 = fma(s, b1_2, c31_2); c31_3 = fma(s, b1_3, c31_3); }
                { let s = vec4<f32>(v[2]); c31_0 = fma(s, b2_0, c31_0); c31_1 = fma(s, b2_1, c31_1); c31_2 = fma(s, b2_2, c31_2); c31_3 = fma(s, b2_3, c31_3); }
                { let s = vec4<f32>(v[3]); c31_0 = fma(s, b3_0, c31_0); c31_1 = fma(s, b3_1, c31_1); c31_2 = fma(s, b3_2, c31_2); c31_3 = fma(s, b3_3, c31_3); }
            }
            { let v = subgroupBroadcast(xa3_1, 7u);
                { let s = vec4<f32>(v[0]); c31_0 = fma(s, b4_0, c31_0); c31_1 = fma(s, b4_1, c31_1); c31_2 = fma(s, b4_2, c31_2); c31_3 = fma(s, b4_3, c31_3); }
                { let s = vec4<f32>(v[1]); c31_0 = fma(s, b5_0, c31_0); c31_1 = fma(s, b5_1, c31_1); c31_2 = fma(s, b5_2, c31_2); c31_3 = fma(s, b5_3, c31_3); }
                { let s = vec4<f32>(v[2]); c31_0 = fma(s, b6_0, c31_0); c31_1 = fma(s, b6_1, c31_1); c31_2 = fma(s, b6_2, c31_2); c31_3 = fma(s, b6_3, c31_3); }
                { let s = vec4<f32>(v[3]); c31_0 = fma(s, b7_0, c31_0); c31_1 = fma(s, b7_1, c31_1); c31_2 = fma(s, b7_2, c31_2); c31_3 = fma(s, b7_3, c31_3); }
            }
        }
    } else {
        for (var k0 = 0u; k0 < p.kdim; k0 += 8u) {
            let bt = load_b8(wb, k0, c0);
            let bu = load_b8(wb, k0, c0 + 8u);
            let b0_0 = bt.lo[0]; let b0_1 = bt.hi[0]; let b0_2 = bu.lo[0]; let b0_3 = bu.hi[0];
            let b1_0 = bt.lo[1]; let b1_1 = bt.hi[1]; let b1_2 = bu.lo[1]; let b1_3 = bu.hi[1];
            let b2_0 = bt.lo[2]; let b2_1 = bt.hi[2]; let b2_2 = bu.lo[2]; let b2_3 = bu.hi[2];
            let b3_0 = bt.lo[3]; let b3_1 = bt.hi[3]; let b3_2 = bu.lo[3]; let b3_3 = bu.hi[3];
            let b4_0 = bt.lo[4]; let b4_1 = bt.hi[4]; let b4_2 = bu.lo[4]; let b4_3 = bu.hi[4];
            let b5_0 = bt.lo[5]; let b5_1 = bt.hi[5]; let b5_2 = bu.lo[5]; let b5_3 = bu.hi[5];
            let b6_0 = bt.lo[6]; let b6_1 = bt.hi[6]; let b6_2 = bu.lo[6]; let b6_3 = bu.hi[6];
            let b7_0 = bt.lo[7]; let b7_1 = bt.hi[7]; let b7_2 = bu.lo[7]; let b7_3 = bu.hi[7];
            let xa0_0 = load_a4(rbl0, k0);
            let xa0_1 = load_a4(rbl0, k0 + 4u);
            let xa1_0 = load_a4(rbl1, k0);
            let xa1_1 = load_a4(rbl1, k0 + 4u);
            { let v = subgroupBroadcast(xa0_0, 0u);
                { let s = vec4<f32>(v[0]); c0_0 = fma(s, b0_0, c0_0); c0_1 = fma(s, b0_1, c0_1); c0_2 = fma(s, b0_2, c0_2); c0_3 = fma(s, b0_3, c0_3); }
                { let s = vec4<f32>(v[1]); c0_0 = fma(s, b1_0, c0_0); c0_1 = fma(s, b1_1, c0_1); c0_2 = fma(s, b1_2, c0_2); c0_3 = fma(s, b1_3, c0_3); }
                { let s = vec4<f32>(v[2]); c0_0 = fma(s, b2_0, c0_0); c0_1 = fma(s, b2_1, c0_1); c0_2 = fma(s, b2_2, c0_2); c0_3 = fma(s, b2_3, c0_3); }
                { let s = vec4<f32>(v[3]); c0_0 = fma(s, b3_0, c0_0); c0_1 = fma(s, b3_1, c0_1); c0_2 = fma(s, b3_2, c0_2); c0_3 = fma(s, b3_3, c0_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 0u);
                { let s = vec4<f32>(v[0]); c0_0 = fma(s, b4_0, c0_0); c0_1 = fma(s, b4_1, c0_1); c0_2 = fma(s, b4_2, c0_2); c0_3 = fma(s, b4_3, c0_3); }
                { let s = vec4<f32>(v[1]); c0_0 = fma(s, b5_0, c0_0); c0_1 = fma(s, b5_1, c0_1); c0_2 = fma(s, b5_2, c0_2); c0_3 = fma(s, b5_3, c0_3); }
                { let s = vec4<f32>(v[2]); c0_0 = fma(s, b6_0, c0_0); c0_1 = fma(s, b6_1, c0_1); c0_2 = fma(s, b6_2, c0_2); c0_3 = fma(s, b6_3, c0_3); }
                { let s = vec4<f32>(v[3]); c0_0 = fma(s, b7_0, c0_0); c0_1 = fma(s, b7_1, c0_1); c0_2 = fma(s, b7_2, c0_2); c0_3 = fma(s, b7_3, c0_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 1u);
                { let s = vec4<f32>(v[0]); c1_0 = fma(s, b0_0, c1_0); c1_1 = fma(s, b0_1, c1_1); c1_2 = fma(s, b0_2, c1_2); c1_3 = fma(s, b0_3, c1_3); }
                { let s = vec4<f32>(v[1]); c1_0 = fma(s, b1_0, c1_0); c1_1 = fma(s, b1_1, c1_1); c1_2 = fma(s, b1_2, c1_2); c1_3 = fma(s, b1_3, c1_3); }
                { let s = vec4<f32>(v[2]); c1_0 = fma(s, b2_0, c1_0); c1_1 = fma(s, b2_1, c1_1); c1_2 = fma(s, b2_2, c1_2); c1_3 = fma(s, b2_3, c1_3); }
                { let s = vec4<f32>(v[3]); c1_0 = fma(s, b3_0, c1_0); c1_1 = fma(s, b3_1, c1_1); c1_2 = fma(s, b3_2, c1_2); c1_3 = fma(s, b3_3, c1_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 1u);
                { let s = vec4<f32>(v[0]); c1_0 = fma(s, b4_0, c1_0); c1_1 = fma(s, b4_1, c1_1); c1_2 = fma(s, b4_2, c1_2); c1_3 = fma(s, b4_3, c1_3); }
                { let s = vec4<f32>(v[1]); c1_0 = fma(s, b5_0, c1_0); c1_1 = fma(s, b5_1, c1_1); c1_2 = fma(s, b5_2, c1_2); c1_3 = fma(s, b5_3, c1_3); }
                { let s = vec4<f32>(v[2]); c1_0 = fma(s, b6_0, c1_0); c1_1 = fma(s, b6_1, c1_1); c1_2 = fma(s, b6_2, c1_2); c1_3 = fma(s, b6_3, c1_3); }
                { let s = vec4<f32>(v[3]); c1_0 = fma(s, b7_0, c1_0); c1_1 = fma(s, b7_1, c1_1); c1_2 = fma(s, b7_2, c1_2); c1_3 = fma(s, b7_3, c1_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 2u);
                { let s = vec4<f32>(v[0]); c2_0 = fma(s, b0_0, c2_0); c2_1 = fma(s, b0_1, c2_1); c2_2 = fma(s, b0_2, c2_2); c2_3 = fma(s, b0_3, c2_3); }
                { let s = vec4<f32>(v[1]); c2_0 = fma(s, b1_0, c2_0); c2_1 = fma(s, b1_1, c2_1); c2_2 = fma(s, b1_2, c2_2); c2_3 = fma(s, b1_3, c2_3); }
                { let s = vec4<f32>(v[2]); c2_0 = fma(s, b2_0, c2_0); c2_1 = fma(s, b2_1, c2_1); c2_2 = fma(s, b2_2, c2_2); c2_3 = fma(s, b2_3, c2_3); }
                { let s = vec4<f32>(v[3]); c2_0 = fma(s, b3_0, c2_0); c2_1 = fma(s, b3_1, c2_1); c2_2 = fma(s, b3_2, c2_2); c2_3 = fma(s, b3_3, c2_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 2u);
                { let s = vec4<f32>(v[0]); c2_0 = fma(s, b4_0, c2_0); c2_1 = fma(s, b4_1, c2_1); c2_2 = fma(s, b4_2, c2_2); c2_3 = fma(s, b4_3, c2_3); }
                { let s = vec4<f32>(v[1]); c2_0 = fma(s, b5_0, c2_0); c2_1 = fma(s, b5_1, c2_1); c2_2 = fma(s, b5_2, c2_2); c2_3 = fma(s, b5_3, c2_3); }
                { let s = vec4<f32>(v[2]); c2_0 = fma(s, b6_0, c2_0); c2_1 = fma(s, b6_1, c2_1); c2_2 = fma(s, b6_2, c2_2); c2_3 = fma(s, b6_3, c2_3); }
                { let s = vec4<f32>(v[3]); c2_0 = fma(s, b7_0, c2_0); c2_1 = fma(s, b7_1, c2_1); c2_2 = fma(s, b7_2, c2_2); c2_3 = fma(s, b7_3, c2_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 3u);
                { let s = vec4<f32>(v[0]); c3_0 = fma(s, b0_0, c3_0); c3_1 = fma(s, b0_1, c3_1); c3_2 = fma(s, b0_2, c3_2); c3_3 = fma(s, b0_3, c3_3); }
                { let s = vec4<f32>(v[1]); c3_0 = fma(s, b1_0, c3_0); c3_1 = fma(s, b1_1, c3_1); c3_2 = fma(s, b1_2, c3_2); c3_3 = fma(s, b1_3, c3_3); }
                { let s = vec4<f32>(v[2]); c3_0 = fma(s, b2_0, c3_0); c3_1 = fma(s, b2_1, c3_1); c3_2 = fma(s, b2_2, c3_2); c3_3 = fma(s, b2_3, c3_3); }
                { let s = vec4<f32>(v[3]); c3_0 = fma(s, b3_0, c3_0); c3_1 = fma(s, b3_1, c3_1); c3_2 = fma(s, b3_2, c3_2); c3_3 = fma(s, b3_3, c3_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 3u);
                { let s = vec4<f32>(v[0]); c3_0 = fma(s, b4_0, c3_0); c3_1 = fma(s, b4_1, c3_1); c3_2 = fma(s, b4_2, c3_2); c3_3 = fma(s, b4_3, c3_3); }
                { let s = vec4<f32>(v[1]); c3_0 = fma(s, b5_0, c3_0); c3_1 = fma(s, b5_1, c3_1); c3_2 = fma(s, b5_2, c3_2); c3_3 = fma(s, b5_3, c3_3); }
                { let s = vec4<f32>(v[2]); c3_0 = fma(s, b6_0, c3_0); c3_1 = fma(s, b6_1, c3_1); c3_2 = fma(s, b6_2, c3_2); c3_3 = fma(s, b6_3, c3_3); }
                { let s = vec4<f32>(v[3]); c3_0 = fma(s, b7_0, c3_0); c3_1 = fma(s, b7_1, c3_1); c3_2 = fma(s, b7_2, c3_2); c3_3 = fma(s, b7_3, c3_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 4u);
                { let s = vec4<f32>(v[0]); c4_0 = fma(s, b0_0, c4_0); c4_1 = fma(s, b0_1, c4_1); c4_2 = fma(s, b0_2, c4_2); c4_3 = fma(s, b0_3, c4_3); }
                { let s = vec4<f32>(v[1]); c4_0 = fma(s, b1_0, c4_0); c4_1 = fma(s, b1_1, c4_1); c4_2 = fma(s, b1_2, c4_2); c4_3 = fma(s, b1_3, c4_3); }
                { let s = vec4<f32>(v[2]); c4_0 = fma(s, b2_0, c4_0); c4_1 = fma(s, b2_1, c4_1); c4_2 = fma(s, b2_2, c4_2); c4_3 = fma(s, b2_3, c4_3); }
                { let s = vec4<f32>(v[3]); c4_0 = fma(s, b3_0, c4_0); c4_1 = fma(s, b3_1, c4_1); c4_2 = fma(s, b3_2, c4_2); c4_3 = fma(s, b3_3, c4_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 4u);
                { let s = vec4<f32>(v[0]); c4_0 = fma(s, b4_0, c4_0); c4_1 = fma(s, b4_1, c4_1); c4_2 = fma(s, b4_2, c4_2); c4_3 = fma(s, b4_3, c4_3); }
                { let s = vec4<f32>(v[1]); c4_0 = fma(s, b5_0, c4_0); c4_1 = fma(s, b5_1, c4_1); c4_2 = fma(s, b5_2, c4_2); c4_3 = fma(s, b5_3, c4_3); }
                { let s = vec4<f32>(v[2]); c4_0 = fma(s, b6_0, c4_0); c4_1 = fma(s, b6_1, c4_1); c4_2 = fma(s, b6_2, c4_2); c4_3 = fma(s, b6_3, c4_3); }
                { let s = vec4<f32>(v[3]); c4_0 = fma(s, b7_0, c4_0); c4_1 = fma(s, b7_1, c4_1); c4_2 = fma(s, b7_2, c4_2); c4_3 = fma(s, b7_3, c4_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 5u);
                { let s = vec4<f32>(v[0]); c5_0 = fma(s, b0_0, c5_0); c5_1 = fma(s, b0_1, c5_1); c5_2 = fma(s, b0_2, c5_2); c5_3 = fma(s, b0_3, c5_3); }
                { let s = vec4<f32>(v[1]); c5_0 = fma(s, b1_0, c5_0); c5_1 = fma(s, b1_1, c5_1); c5_2 = fma(s, b1_2, c5_2); c5_3 = fma(s, b1_3, c5_3); }
                { let s = vec4<f32>(v[2]); c5_0 = fma(s, b2_0, c5_0); c5_1 = fma(s, b2_1, c5_1); c5_2 = fma(s, b2_2, c5_2); c5_3 = fma(s, b2_3, c5_3); }
                { let s = vec4<f32>(v[3]); c5_0 = fma(s, b3_0, c5_0); c5_1 = fma(s, b3_1, c5_1); c5_2 = fma(s, b3_2, c5_2); c5_3 = fma(s, b3_3, c5_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 5u);
                { let s = vec4<f32>(v[0]); c5_0 = fma(s, b4_0, c5_0); c5_1 = fma(s, b4_1, c5_1); c5_2 = fma(s, b4_2, c5_2); c5_3 = fma(s, b4_3, c5_3); }
                { let s = vec4<f32>(v[1]); c5_0 = fma(s, b5_0, c5_0); c5_1 = fma(s, b5_1, c5_1); c5_2 = fma(s, b5_2, c5_2); c5_3 = fma(s, b5_3, c5_3); }
                { let s = vec4<f32>(v[2]); c5_0 = fma(s, b6_0, c5_0); c5_1 = fma(s, b6_1, c5_1); c5_2 = fma(s, b6_2, c5_2); c5_3 = fma(s, b6_3, c5_3); }
                { let s = vec4<f32>(v[3]); c5_0 = fma(s, b7_0, c5_0); c5_1 = fma(s, b7_1, c5_1); c5_2 = fma(s, b7_2, c5_2); c5_3 = fma(s, b7_3, c5_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 6u);
                { let s = vec4<f32>(v[0]); c6_0 = fma(s, b0_0, c6_0); c6_1 = fma(s, b0_1, c6_1); c6_2 = fma(s, b0_2, c6_2); c6_3 = fma(s, b0_3, c6_3); }
                { let s = vec4<f32>(v[1]); c6_0 = fma(s, b1_0, c6_0); c6_1 = fma(s, b1_1, c6_1); c6_2 = fma(s, b1_2, c6_2); c6_3 = fma(s, b1_3, c6_3); }
                { let s = vec4<f32>(v[2]); c6_0 = fma(s, b2_0, c6_0); c6_1 = fma(s, b2_1, c6_1); c6_2 = fma(s, b2_2, c6_2); c6_3 = fma(s, b2_3, c6_3); }
                { let s = vec4<f32>(v[3]); c6_0 = fma(s, b3_0, c6_0); c6_1 = fma(s, b3_1, c6_1); c6_2 = fma(s, b3_2, c6_2); c6_3 = fma(s, b3_3, c6_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 6u);
                { let s = vec4<f32>(v[0]); c6_0 = fma(s, b4_0, c6_0); c6_1 = fma(s, b4_1, c6_1); c6_2 = fma(s, b4_2, c6_2); c6_3 = fma(s, b4_3, c6_3); }
                { let s = vec4<f32>(v[1]); c6_0 = fma(s, b5_0, c6_0); c6_1 = fma(s, b5_1, c6_1); c6_2 = fma(s, b5_2, c6_2); c6_3 = fma(s, b5_3, c6_3); }
                { let s = vec4<f32>(v[2]); c6_0 = fma(s, b6_0, c6_0); c6_1 = fma(s, b6_1, c6_1); c6_2 = fma(s, b6_2, c6_2); c6_3 = fma(s, b6_3, c6_3); }
                { let s = vec4<f32>(v[3]); c6_0 = fma(s, b7_0, c6_0); c6_1 = fma(s, b7_1, c6_1); c6_2 = fma(s, b7_2, c6_2); c6_3 = fma(s, b7_3, c6_3); }
            }
            { let v = subgroupBroadcast(xa0_0, 7u);
                { let s = vec4<f32>(v[0]); c7_0 = fma(s, b0_0, c7_0); c7_1 = fma(s, b0_1, c7_1); c7_2 = fma(s, b0_2, c7_2); c7_3 = fma(s, b0_3, c7_3); }
                { let s = vec4<f32>(v[1]); c7_0 = fma(s, b1_0, c7_0); c7_1 = fma(s, b1_1, c7_1); c7_2 = fma(s, b1_2, c7_2); c7_3 = fma(s, b1_3, c7_3); }
                { let s = vec4<f32>(v[2]); c7_0 = fma(s, b2_0, c7_0); c7_1 = fma(s, b2_1, c7_1); c7_2 = fma(s, b2_2, c7_2); c7_3 = fma(s, b2_3, c7_3); }
                { let s = vec4<f32>(v[3]); c7_0 = fma(s, b3_0, c7_0); c7_1 = fma(s, b3_1, c7_1); c7_2 = fma(s, b3_2, c7_2); c7_3 = fma(s, b3_3, c7_3); }
            }
            { let v = subgroupBroadcast(xa0_1, 7u);
                { let s = vec4<f32>(v[0]); c7_0 = fma(s, b4_0, c7_0); c7_1 = fma(s, b4_1, c7_1); c7_2 = fma(s, b4_2, c7_2); c7_3 = fma(s, b4_3, c7_3); }
                { let s = vec4<f32>(v[1]); c7_0 = fma(s, b5_0, c7_0); c7_1 = fma(s, b5_1, c7_1); c7_2 = fma(s, b5_2, c7_2); c7_3 = fma(s, b5_3, c7_3); }
                { let s = vec4<f32>(v[2]); c7_0 = fma(s, b6_0, c7_0); c7_1 = fma(s, b6_1, c7_1); c7_2 = fma(s, b6_2, c7_2); c7_3 = fma(s, b6_3, c7_3); }
                { let s = vec4<f32>(v[3]); c7_0 = fma(s, b7_0, c7_0); c7_1 = fma(s, b7_1, c7_1); c7_2 = fma(s, b7_2, c7_2); c7_3 = fma(s, b7_3, c7_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 0u);
                { let s = vec4<f32>(v[0]); c8_0 = fma(s, b0_0, c8_0); c8_1 = fma(s, b0_1, c8_1); c8_2 = fma(s, b0_2, c8_2); c8_3 = fma(s, b0_3, c8_3); }
                { let s = vec4<f32>(v[1]); c8_0 = fma(s, b1_0, c8_0); c8_1 = fma(s, b1_1, c8_1); c8_2 = fma(s, b1_2, c8_2); c8_3 = fma(s, b1_3, c8_3); }
                { let s = vec4<f32>(v[2]); c8_0 = fma(s, b2_0, c8_0); c8_1 = fma(s, b2_1, c8_1); c8_2 = fma(s, b2_2, c8_2); c8_3 = fma(s, b2_3, c8_3); }
                { let s = vec4<f32>(v[3]); c8_0 = fma(s, b3_0, c8_0); c8_1 = fma(s, b3_1, c8_1); c8_2 = fma(s, b3_2, c8_2); c8_3 = fma(s, b3_3, c8_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 0u);
                { let s = vec4<f32>(v[0]); c8_0 = fma(s, b4_0, c8_0); c8_1 = fma(s, b4_1, c8_1); c8_2 = fma(s, b4_2, c8_2); c8_3 = fma(s, b4_3, c8_3); }
                { let s = vec4<f32>(v[1]); c8_0 = fma(s, b5_0, c8_0); c8_1 = fma(s, b5_1, c8_1); c8_2 = fma(s, b5_2, c8_2); c8_3 = fma(s, b5_3, c8_3); }
                { let s = vec4<f32>(v[2]); c8_0 = fma(s, b6_0, c8_0); c8_1 = fma(s, b6_1, c8_1); c8_2 = fma(s, b6_2, c8_2); c8_3 = fma(s, b6_3, c8_3); }
                { let s = vec4<f32>(v[3]); c8_0 = fma(s, b7_0, c8_0); c8_1 = fma(s, b7_1, c8_1); c8_2 = fma(s, b7_2, c8_2); c8_3 = fma(s, b7_3, c8_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 1u);
                { let s = vec4<f32>(v[0]); c9_0 = fma(s, b0_0, c9_0); c9_1 = fma(s, b0_1, c9_1); c9_2 = fma(s, b0_2, c9_2); c9_3 = fma(s, b0_3, c9_3); }
                { let s = vec4<f32>(v[1]); c9_0 = fma(s, b1_0, c9_0); c9_1 = fma(s, b1_1, c9_1); c9_2 = fma(s, b1_2, c9_2); c9_3 = fma(s, b1_3, c9_3); }
                { let s = vec4<f32>(v[2]); c9_0 = fma(s, b2_0, c9_0); c9_1 = fma(s, b2_1, c9_1); c9_2 = fma(s, b2_2, c9_2); c9_3 = fma(s, b2_3, c9_3); }
                { let s = vec4<f32>(v[3]); c9_0 = fma(s, b3_0, c9_0); c9_1 = fma(s, b3_1, c9_1); c9_2 = fma(s, b3_2, c9_2); c9_3 = fma(s, b3_3, c9_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 1u);
                { let s = vec4<f32>(v[0]); c9_0 = fma(s, b4_0, c9_0); c9_1 = fma(s, b4_1, c9_1); c9_2 = fma(s, b4_2, c9_2); c9_3 = fma(s, b4_3, c9_3); }
                { let s = vec4<f32>(v[1]); c9_0 = fma(s, b5_0, c9_0); c9_1 = fma(s, b5_1, c9_1); c9_2 = fma(s, b5_2, c9_2); c9_3 = fma(s, b5_3, c9_3); }
                { let s = vec4<f32>(v[2]); c9_0 = fma(s, b6_0, c9_0); c9_1 = fma(s, b6_1, c9_1); c9_2 = fma(s, b6_2, c9_2); c9_3 = fma(s, b6_3, c9_3); }
                { let s = vec4<f32>(v[3]); c9_0 = fma(s, b7_0, c9_0); c9_1 = fma(s, b7_1, c9_1); c9_2 = fma(s, b7_2, c9_2); c9_3 = fma(s, b7_3, c9_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 2u);
                { let s = vec4<f32>(v[0]); c10_0 = fma(s, b0_0, c10_0); c10_1 = fma(s, b0_1, c10_1); c10_2 = fma(s, b0_2, c10_2); c10_3 = fma(s, b0_3, c10_3); }
                { let s = vec4<f32>(v[1]); c10_0 = fma(s, b1_0, c10_0); c10_1 = fma(s, b1_1, c10_1); c10_2 = fma(s, b1_2, c10_2); c10_3 = fma(s, b1_3, c10_3); }
                { let s = vec4<f32>(v[2]); c10_0 = fma(s, b2_0, c10_0); c10_1 = fma(s, b2_1, c10_1); c10_2 = fma(s, b2_2, c10_2); c10_3 = fma(s, b2_3, c10_3); }
                { let s = vec4<f32>(v[3]); c10_0 = fma(s, b3_0, c10_0); c10_1 = fma(s, b3_1, c10_1); c10_2 = fma(s, b3_2, c10_2); c10_3 = fma(s, b3_3, c10_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 2u);
                { let s = vec4<f32>(v[0]); c10_0 = fma(s, b4_0, c10_0); c10_1 = fma(s, b4_1, c10_1); c10_2 = fma(s, b4_2, c10_2); c10_3 = fma(s, b4_3, c10_3); }
                { let s = vec4<f32>(v[1]); c10_0 = fma(s, b5_0, c10_0); c10_1 = fma(s, b5_1, c10_1); c10_2 = fma(s, b5_2, c10_2); c10_3 = fma(s, b5_3, c10_3); }
                { let s = vec4<f32>(v[2]); c10_0 = fma(s, b6_0, c10_0); c10_1 = fma(s, b6_1, c10_1); c10_2 = fma(s, b6_2, c10_2); c10_3 = fma(s, b6_3, c10_3); }
                { let s = vec4<f32>(v[3]); c10_0 = fma(s, b7_0, c10_0); c10_1 = fma(s, b7_1, c10_1); c10_2 = fma(s, b7_2, c10_2); c10_3 = fma(s, b7_3, c10_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 3u);
                { let s = vec4<f32>(v[0]); c11_0 = fma(s, b0_0, c11_0); c11_1 = fma(s, b0_1, c11_1); c11_2 = fma(s, b0_2, c11_2); c11_3 = fma(s, b0_3, c11_3); }
                { let s = vec4<f32>(v[1]); c11_0 = fma(s, b1_0, c11_0); c11_1 = fma(s, b1_1, c11_1); c11_2 = fma(s, b1_2, c11_2); c11_3 = fma(s, b1_3, c11_3); }
                { let s = vec4<f32>(v[2]); c11_0 = fma(s, b2_0, c11_0); c11_1 = fma(s, b2_1, c11_1); c11_2 = fma(s, b2_2, c11_2); c11_3 = fma(s, b2_3, c11_3); }
                { let s = vec4<f32>(v[3]); c11_0 = fma(s, b3_0, c11_0); c11_1 = fma(s, b3_1, c11_1); c11_2 = fma(s, b3_2, c11_2); c11_3 = fma(s, b3_3, c11_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 3u);
                { let s = vec4<f32>(v[0]); c11_0 = fma(s, b4_0, c11_0); c11_1 = fma(s, b4_1, c11_1); c11_2 = fma(s, b4_2, c11_2); c11_3 = fma(s, b4_3, c11_3); }
                { let s = vec4<f32>(v[1]); c11_0 = fma(s, b5_0, c11_0); c11_1 = fma(s, b5_1, c11_1); c11_2 = fma(s, b5_2, c11_2); c11_3 = fma(s, b5_3, c11_3); }
                { let s = vec4<f32>(v[2]); c11_0 = fma(s, b6_0, c11_0); c11_1 = fma(s, b6_1, c11_1); c11_2 = fma(s, b6_2, c11_2); c11_3 = fma(s, b6_3, c11_3); }
                { let s = vec4<f32>(v[3]); c11_0 = fma(s, b7_0, c11_0); c11_1 = fma(s, b7_1, c11_1); c11_2 = fma(s, b7_2, c11_2); c11_3 = fma(s, b7_3, c11_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 4u);
                { let s = vec4<f32>(v[0]); c12_0 = fma(s, b0_0, c12_0); c12_1 = fma(s, b0_1, c12_1); c12_2 = fma(s, b0_2, c12_2); c12_3 = fma(s, b0_3, c12_3); }
                { let s = vec4<f32>(v[1]); c12_0 = fma(s, b1_0, c12_0); c12_1 = fma(s, b1_1, c12_1); c12_2 = fma(s, b1_2, c12_2); c12_3 = fma(s, b1_3, c12_3); }
                { let s = vec4<f32>(v[2]); c12_0 = fma(s, b2_0, c12_0); c12_1 = fma(s, b2_1, c12_1); c12_2 = fma(s, b2_2, c12_2); c12_3 = fma(s, b2_3, c12_3); }
                { let s = vec4<f32>(v[3]); c12_0 = fma(s, b3_0, c12_0); c12_1 = fma(s, b3_1, c12_1); c12_2 = fma(s, b3_2, c12_2); c12_3 = fma(s, b3_3, c12_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 4u);
                { let s = vec4<f32>(v[0]); c12_0 = fma(s, b4_0, c12_0); c12_1 = fma(s, b4_1, c12_1); c12_2 = fma(s, b4_2, c12_2); c12_3 = fma(s, b4_3, c12_3); }
                { let s = vec4<f32>(v[1]); c12_0 = fma(s, b5_0, c12_0); c12_1 = fma(s, b5_1, c12_1); c12_2 = fma(s, b5_2, c12_2); c12_3 = fma(s, b5_3, c12_3); }
                { let s = vec4<f32>(v[2]); c12_0 = fma(s, b6_0, c12_0); c12_1 = fma(s, b6_1, c12_1); c12_2 = fma(s, b6_2, c12_2); c12_3 = fma(s, b6_3, c12_3); }
                { let s = vec4<f32>(v[3]); c12_0 = fma(s, b7_0, c12_0); c12_1 = fma(s, b7_1, c12_1); c12_2 = fma(s, b7_2, c12_2); c12_3 = fma(s, b7_3, c12_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 5u);
                { let s = vec4<f32>(v[0]); c13_0 = fma(s, b0_0, c13_0); c13_1 = fma(s, b0_1, c13_1); c13_2 = fma(s, b0_2, c13_2); c13_3 = fma(s, b0_3, c13_3); }
                { let s = vec4<f32>(v[1]); c13_0 = fma(s, b1_0, c13_0); c13_1 = fma(s, b1_1, c13_1); c13_2 = fma(s, b1_2, c13_2); c13_3 = fma(s, b1_3, c13_3); }
                { let s = vec4<f32>(v[2]); c13_0 = fma(s, b2_0, c13_0); c13_1 = fma(s, b2_1, c13_1); c13_2 = fma(s, b2_2, c13_2); c13_3 = fma(s, b2_3, c13_3); }
                { let s = vec4<f32>(v[3]); c13_0 = fma(s, b3_0, c13_0); c13_1 = fma(s, b3_1, c13_1); c13_2 = fma(s, b3_2, c13_2); c13_3 = fma(s, b3_3, c13_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 5u);
                { let s = vec4<f32>(v[0]); c13_0 = fma(s, b4_0, c13_0); c13_1 = fma(s, b4_1, c13_1); c13_2 = fma(s, b4_2, c13_2); c13_3 = fma(s, b4_3, c13_3); }
                { let s = vec4<f32>(v[1]); c13_0 = fma(s, b5_0, c13_0); c13_1 = fma(s, b5_1, c13_1); c13_2 = fma(s, b5_2, c13_2); c13_3 = fma(s, b5_3, c13_3); }
                { let s = vec4<f32>(v[2]); c13_0 = fma(s, b6_0, c13_0); c13_1 = fma(s, b6_1, c13_1); c13_2 = fma(s, b6_2, c13_2); c13_3 = fma(s, b6_3, c13_3); }
                { let s = vec4<f32>(v[3]); c13_0 = fma(s, b7_0, c13_0); c13_1 = fma(s, b7_1, c13_1); c13_2 = fma(s, b7_2, c13_2); c13_3 = fma(s, b7_3, c13_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 6u);
                { let s = vec4<f32>(v[0]); c14_0 = fma(s, b0_0, c14_0); c14_1 = fma(s, b0_1, c14_1); c14_2 = fma(s, b0_2, c14_2); c14_3 = fma(s, b0_3, c14_3); }
                { let s = vec4<f32>(v[1]); c14_0 = fma(s, b1_0, c14_0); c14_1 = fma(s, b1_1, c14_1); c14_2 = fma(s, b1_2, c14_2); c14_3 = fma(s, b1_3, c14_3); }
                { let s = vec4<f32>(v[2]); c14_0 = fma(s, b2_0, c14_0); c14_1 = fma(s, b2_1, c14_1); c14_2 = fma(s, b2_2, c14_2); c14_3 = fma(s, b2_3, c14_3); }
                { let s = vec4<f32>(v[3]); c14_0 = fma(s, b3_0, c14_0); c14_1 = fma(s, b3_1, c14_1); c14_2 = fma(s, b3_2, c14_2); c14_3 = fma(s, b3_3, c14_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 6u);
                { let s = vec4<f32>(v[0]); c14_0 = fma(s, b4_0, c14_0); c14_1 = fma(s, b4_1, c14_1); c14_2 = fma(s, b4_2, c14_2); c14_3 = fma(s, b4_3, c14_3); }
                { let s = vec4<f32>(v[1]); c14_0 = fma(s, b5_0, c14_0); c14_1 = fma(s, b5_1, c14_1); c14_2 = fma(s, b5_2, c14_2); c14_3 = fma(s, b5_3, c14_3); }
                { let s = vec4<f32>(v[2]); c14_0 = fma(s, b6_0, c14_0); c14_1 = fma(s, b6_1, c14_1); c14_2 = fma(s, b6_2, c14_2); c14_3 = fma(s, b6_3, c14_3); }
                { let s = vec4<f32>(v[3]); c14_0 = fma(s, b7_0, c14_0); c14_1 = fma(s, b7_1, c14_1); c14_2 = fma(s, b7_2, c14_2); c14_3 = fma(s, b7_3, c14_3); }
            }
            { let v = subgroupBroadcast(xa1_0, 7u);
                { let s = vec4<f32>(v[0]); c15_0 = fma(s, b0_0, c15_0); c15_1 = fma(s, b0_1, c15_1); c15_2 = fma(s, b0_2, c15_2); c15_3 = fma(s, b0_3, c15_3); }
                { let s = vec4<f32>(v[1]); c15_0 = fma(s, b1_0, c15_0); c15_1 = fma(s, b1_1, c15_1); c15_2 = fma(s, b1_2, c15_2); c15_3 = fma(s, b1_3, c15_3); }
                { let s = vec4<f32>(v[2]); c15_0 = fma(s, b2_0, c15_0); c15_1 = fma(s, b2_1, c15_1); c15_2 = fma(s, b2_2, c15_2); c15_3 = fma(s, b2_3, c15_3); }
                { let s = vec4<f32>(v[3]); c15_0 = fma(s, b3_0, c15_0); c15_1 = fma(s, b3_1, c15_1); c15_2 = fma(s, b3_2, c15_2); c15_3 = fma(s, b3_3, c15_3); }
            }
            { let v = subgroupBroadcast(xa1_1, 7u);
                { let s = vec4<f32>(v[0]); c15_0 = fma(s, b4_0, c15_0); c15_1 = fma(s, b4_1, c15_1); c15_2 = fma(s, b4_2, c15_2); c15_3 = fma(s, b4_3, c15_3); }
                { let s = vec4<f32>(v[1]); c15_0 = fma(s, b5_0, c15_0); c15_1 = fma(s, b5_1, c15_1); c15_2 = fma(s, b5_2, c15_2); c15_3 = fma(s, b5_3, c15_3); }
                { let s = vec4<f32>(v[2]); c15_0 = fma(s, b6_0, c15_0); c15_1 = fma(s, b6_1, c15_1); c15_2 = fma(s, b6_2, c15_2); c15_3 = fma(s, b6_3, c15_3); }
                { let s = vec4<f32>(v[3]); c15_0 = fma(s, b7_0, c15_0); c15_1 = fma(s, b7_1, c15_1); c15_2 = fma(s, b7_2, c15_2); c15_3 = fma(s, b7_3, c15_3); }
            }
        }
    }
    let ba = load_bias8(ex, c0);
    let bb = load_bias8(ex, c0 + 8u);
    if (0u < nrows) { mm_store_row(ex, r0 + 0u, c0, c0_0, c0_1, ba); mm_store_row(ex, r0 + 0u, c0 + 8u, c0_2, c0_3, bb); }
    if (1u < nrows) { mm_store_row(ex, r0 + 1u, c0, c1_0, c1_1, ba); mm_store_row(ex, r0 + 1u, c0 + 8u, c1_2, c1_3, bb); }
    if (2u < nrows) { mm_store_row(ex, r0 + 2u, c0, c2_0, c2_1, ba); mm_store_row(ex, r0 + 2u, c0 + 8u, c2_2, c2_3, bb); }
    if (3u < nrows) { mm_store_row(ex, r0 + 3u, c0, c3_0, c3_1, ba); mm_store_row(ex, r0 + 3u, c0 + 8u, c3_2, c3_3, bb); }
    if (4u < nrows) { mm_store_row(ex, r0 + 4u, c0, c4_0, c4_1, ba); mm_store_row(ex, r0 + 4u, c0 + 8u, c4_2, c4_3, bb); }
    if (5u < nrows) { mm_store_row(ex, r0 + 5u, c0, c5_0, c5_1, ba); mm_store_row(ex, r0 + 5u, c0 + 8u, c5_2, c5_3, bb); }
    if (6u < nrows) { mm_store_row(ex, r0 + 6u, c0, c6_0, c6_1, ba); mm_store_row(ex, r0 + 6u, c0 + 8u, c6_2, c6_3, bb); }
    if (7u < nrows) { mm_store_row(ex, r0 + 7u, c0, c7_0, c7_1, ba); mm_store_row(ex, r0 + 7u, c0 + 8u, c7_2, c7_3, bb); }
    if (8u < nrows) { mm_store_row(ex, r0 + 8u, c0, c8_0, c8_1, ba); mm_store_row(ex, r0 + 8u, c0 + 8u, c8_2, c8_3, bb); }
    if (9u < nrows) { mm_store_row(ex, r0 + 9u, c0, c9_0, c9_1, ba); mm_store_row(ex, r0 + 9u, c0 + 8u, c9_2, c9_3, bb); }
    if (10u < nrows) { mm_store_row(ex, r0 + 10u, c0, c10_0, c10_1, ba); mm_store_row(ex, r0 + 10u, c0 + 8u, c10_2, c10_3, bb); }
    if (11u < nrows) { mm_store_row(ex, r0 + 11u, c0, c11_0, c11_1, ba); mm_store_row(ex, r0 + 11u, c0 + 8u, c11_2, c11_3, bb); }
    if (12u < nrows) { mm_store_row(ex, r0 + 12u, c0, c12_0, c12_1, ba); mm_store_row(ex, r0 + 12u, c0 + 8u, c12_2, c12_3, bb); }
    if (13u < nrows) { mm_store_row(ex, r0 + 13u, c0, c13_0, c13_1, ba); mm_store_row(ex, r0 + 13u, c0 + 8u, c13_2, c13_3, bb); }
    if (14u < nrows) { mm_store_row(ex, r0 + 14u, c0, c14_0, c14_1, ba); mm_store_row(ex, r0 + 14u, c0 + 8u, c14_2, c14_3, bb); }
    if (15u < nrows) { mm_store_row(ex, r0 + 15u, c0, c15_0, c15_1, ba); mm_store_row(ex, r0 + 15u, c0 + 8u, c15_2, c15_3, bb); }
    if (16u < nrows) { mm_store_row(ex, r0 + 16u, c0, c16_0, c16_1, ba); mm_store_row(ex, r0 + 16u, c0 + 8u, c16_2, c16_3, bb); }
    if (17u < nrows) { mm_store_row(ex, r0 + 17u, c0, c17_0, c17_1, ba); mm_store_row(ex, r0 + 17u, c0 + 8u, c17_2, c17_3, bb); }
    if (18u < nrows) { mm_store_row(ex, r0 + 18u, c0, c18_0, c18_1, ba); mm_store_row(ex, r0 + 18u, c0 + 8u, c18_2, c18_3, bb); }
    if (19u < nrows) { mm_store_row(ex, r0 + 19u, c0, c19_0, c19_1, ba); mm_store_row(ex, r0 + 19u, c0 + 8u, c19_2, c19_3, bb); }
    if (20u < nrows) { mm_store_row(ex, r0 + 20u, c0, c20_0, c20_1, ba); mm_store_row(ex, r0 + 20u, c0 + 8u, c20_2, c20_3, bb); }
    if (21u < nrows) { mm_store_row(ex, r0 + 21u, c0, c21_0, c21_1, ba); mm_store_row(ex, r0 + 21u, c0 + 8u, c21_2, c21_3, bb); }
    if (22u < nrows) { mm_store_row(ex, r0 + 22u, c0, c22_0, c22_1, ba); mm_store_row(ex, r0 + 22u, c0 + 8u, c22_2, c22_3, bb); }
    if (23u < nrows) { mm_store_row(ex, r0 + 23u, c0, c23_0, c23_1, ba); mm_store_row(ex, r0 + 23u, c0 + 8u, c23_2, c23_3, bb); }
    if (24u < nrows) { mm_store_row(ex, r0 + 24u, c0, c24_0, c24_1, ba); mm_store_row(ex, r0 + 24u, c0 + 8u, c24_2, c24_3, bb); }
    if (25u < nrows) { mm_store_row(ex, r0 + 25u, c0, c25_0, c25_1, ba); mm_store_row(ex, r0 + 25u, c0 + 8u, c25_2, c25_3, bb); }
    if (26u < nrows) { mm_store_row(ex, r0 + 26u, c0, c26_0, c26_1, ba); mm_store_row(ex, r0 + 26u, c0 + 8u, c26_2, c26_3, bb); }
    if (27u < nrows) { mm_store_row(ex, r0 + 27u, c0, c27_0, c27_1, ba); mm_store_row(ex, r0 + 27u, c0 + 8u, c27_2, c27_3, bb); }
    if (28u < nrows) { mm_store_row(ex, r0 + 28u, c0, c28_0, c28_1, ba); mm_store_row(ex, r0 + 28u, c0 + 8u, c28_2, c28_3, bb); }
    if (29u < nrows) { mm_store_row(ex, r0 + 29u, c0, c29_0, c29_1, ba); mm_store_row(ex, r0 + 29u, c0 + 8u, c29_2, c29_3, bb); }
    if (30u < nrows) { mm_store_row(ex, r0 + 30u, c0, c30_0, c30_1, ba); mm_store_row(ex, r0 + 30u, c0 + 8u, c30_2, c30_3, bb); }
    if (31u < nrows) { mm_store_row(ex, r0 + 31u, c0, c31_0, c31_1, ba); mm_store_row(ex, r0 + 31u, c0 + 8u, c31_2, c31_3, bb); }
}

// dW[e] (mdim x ncols) += sum over e's sorted rows r of A[src(r), :]^T aux[r, :]; the first
// row block also adds db[e] += colsum aux. Grid (ceil(ncols / 128), E * ceil(mdim / WG_ROWS)):
// a workgroup owns WG_ROWS rows x 128 columns of one expert's dW and walks all its rows.
override WG_ROWS: u32 = 64u; // 32 or 64
@compute @workgroup_size(8)
fn expert_wgrad(@builtin(subgroup_invocation_id) lane: u32, @builtin(workgroup_id) wid: vec3<u32>) {
    let mblocks = (p.mdim + WG_ROWS - 1u) / WG_ROWS;
    let ex = wid.y / mblocks;
    let m0 = (wid.y % mblocks) * WG_ROWS;
    let c0 = wid.x * 128u + lane * 16u;
    let rbeg = offsets[ex];
    let rend = offsets[ex + 1u];
    if (rbeg == rend) { return; } // no rows: dW and db gain nothing (uniform per workgroup)
    var s0 = vec4<f32>(0.0); var s1 = vec4<f32>(0.0); var s2 = vec4<f32>(0.0); var s3 = vec4<f32>(0.0);
    var c0_0 = vec4<f32>(0.0); var c0_1 = vec4<f32>(0.0); var c0_2 = vec4<f32>(0.0); var c0_3 = vec4<f32>(0.0);
    var c1_0 = vec4<f32>(0.0); var c1_1 = vec4<f32>(0.0); var c1_2 = vec4<f32>(0.0); var c1_3 = vec4<f32>(0.0);
    var c2_0 = vec4<f32>(0.0); var c2_1 = vec4<f32>(0.0); var c2_2 = vec4<f32>(0.0); var c2_3 = vec4<f32>(0.0);
    var c3_0 = vec4<f32>(0.0); var c3_1 = vec4<f32>(0.0); var c3_2 = vec4<f32>(0.0); var c3_3 = vec4<f32>(0.0);
    var c4_0 = vec4<f32>(0.0); var c4_1 = vec4<f32>(0.0); var c4_2 = vec4<f32>(0.0); var c4_3 = vec4<f32>(0.0);
    var c5_0 = vec4<f32>(0.0); var c5_1 = vec4<f32>(0.0); var c5_2 = vec4<f32>(0.0); var c5_3 = vec4<f32>(0.0);
    var c6_0 = vec4<f32>(0.0); var c6_1 = vec4<f32>(0.0); var c6_2 = vec4<f32>(0.0); var c6_3 = vec4<f32>(0.0);
    var c7_0 = vec4<f32>(0.0); var c7_1 = vec4<f32>(0.0); var c7_2 = vec4<f32>(0.0); var c7_3 = vec4<f32>(0.0);
    var c8_0 = vec4<f32>(0.0); var c8_1 = vec4<f32>(0.0); var c8_2 = vec4<f32>(0.0); var c8_3 = vec4<f32>(0.0);
    var c9_0 = vec4<f32>(0.0); var c9_1 = vec4<f32>(0.0); var c9_2 = vec4<f32>(0.0); var c9_3 = vec4<f32>(0.0);
    var c10_0 = vec4<f32>(0.0); var c10_1 = vec4<f32>(0.0); var c10_2 = vec4<f32>(0.0); var c10_3 = vec4<f32>(0.0);
    var c11_0 = vec4<f32>(0.0); var c11_1 = vec4<f32>(0.0); var c11_2 = vec4<f32>(0.0); var c11_3 = vec4<f32>(0.0);
    var c12_0 = vec4<f32>(0.0); var c12_1 = vec4<f32>(0.0); var c12_2 = vec4<f32>(0.0); var c12_3 = vec4<f32>(0.0);
    var c13_0 = vec4<f32>(0.0); var c13_1 = vec4<f32>(0.0); var c13_2 = vec4<f32>(0.0); var c13_3 = vec4<f32>(0.0);
    var c14_0 = vec4<f32>(0.0); var c14_1 = vec4<f32>(0.0); var c14_2 = vec4<f32>(0.0); var c14_3 = vec4<f32>(0.0);
    var c15_0 = vec4<f32>(0.0); var c15_1 = vec4<f32>(0.0); var c15_2 = vec4<f32>(0.0); var c15_3 = vec4<f32>(0.0);
    var c16_0 = vec4<f32>(0.0); var c16_1 = vec4<f32>(0.0); var c16_2 = vec4<f32>(0.0); var c16_3 = vec4<f32>(0.0);
    var c17_0 = vec4<f32>(0.0); var c17_1 = vec4<f32>(0.0); var c17_2 = vec4<f32>(0.0); var c17_3 = vec4<f32>(0.0);
    var c18_0 = vec4<f32>(0.0); var c18_1 = vec4<f32>(0.0); var c18_2 = vec4<f32>(0.0); var c18_3 = vec4<f32>(0.0);
    var c19_0 = vec4<f32>(0.0); var c19_1 = vec4<f32>(0.0); var c19_2 = vec4<f32>(0.0); var c19_3 = vec4<f32>(0.0);
    var c20_0 = vec4<f32>(0.0); var c20_1 = vec4<f32>(0.0); var c20_2 = vec4<f32>(0.0); var c20_3 = vec4<f32>(0.0);
    var c21_0 = vec4<f32>(0.0); var c21_1 = vec4<f32>(0.0); var c21_2 = vec4<f32>(0.0); var c21_3 = vec4<f32>(0.0);
    var c22_0 = vec4<f32>(0.0); var c22_1 = vec4<f32>(0.0); var c22_2 = vec4<f32>(0.0); var c22_3 = vec4<f32>(0.0);
    var c23_0 = vec4<f32>(0.0); var c23_1 = vec4<f32>(0.0); var c23_2 = vec4<f32>(0.0); var c23_3 = vec4<f32>(0.0);
    var c24_0 = vec4<f32>(0.0); var c24_1 = vec4<f32>(0.0); var c24_2 = vec4<f32>(0.0); var c24_3 = vec4<f32>(0.0);
    var c25_0 = vec4<f32>(0.0); var c25_1 = vec4<f32>(0.0); var c25_2 = vec4<f32>(0.0); var c25_3 = vec4<f32>(0.0);
    var c26_0 = vec4<f32>(0.0); var c26_1 = vec4<f32>(0.0); var c26_2 = vec4<f32>(0.0); var c26_3 = vec4<f32>(0.0);
    var c27_0 = vec4<f32>(0.0); var c27_1 = vec4<f32>(0.0); var c27_2 = vec4<f32>(0.0); var c27_3 = vec4<f32>(0.0);
    var c28_0 = vec4<f32>(0.0); var c28_1 = vec4<f32>(0.0); var c28_2 = vec4<f32>(0.0); var c28_3 = vec4<f32>(0.0);
    var c29_0 = vec4<f32>(0.0); var c29_1 = vec4<f32>(0.0); var c29_2 = vec4<f32>(0.0); var c29_3 = vec4<f32>(0.0);
    var c30_0 = vec4<f32>(0.0); var c30_1 = vec4<f32>(0.0); var c30_2 = vec4<f32>(0.0); var c30_3 = vec4<f32>(0.0);
    var c31_0 = vec4<f32>(0.0); var c31_1 = vec4<f32>(0.0); var c31_2 = vec4<f32>(0.0); var c31_3 = vec4<f32>(0.0);
    var c32_0 = vec4<f32>(0.0); var c32_1 = vec4<f32>(0.0); var c32_2 = vec4<f32>(0.0); var c32_3 = vec4<f32>(0.0);
    var c33_0 = vec4<f32>(0.0); var c33_1 = vec4<f32>(0.0); var c33_2 = vec4<f32>(0.0); var c33_3 = vec4<f32>(0.0);
    var c34_0 = vec4<f32>(0.0); var c34_1 = vec4<f32>(0.0); var c34_2 = vec4<f32>(0.0); var c34_3 = vec4<f32>(0.0);
    var c35_0 = vec4<f32>(0.0); var c35_1 = vec4<f32>(0.0); var c35_2 = vec4<f32>(0.0); var c35_3 = vec4<f32>(0.0);
    var c36_0 = vec4<f32>(0.0); var c36_1 = vec4<f32>(0.0); var c36_2 = vec4<f32>(0.0); var c36_3 = vec4<f32>(0.0);
    var c37_0 = vec4<f32>(0.0); var c37_1 = vec4<f32>(0.0); var c37_2 = vec4<f32>(0.0); var c37_3 = vec4<f32>(0.0);
    var c38_0 = vec4<f32>(0.0); var c38_1 = vec4<f32>(0.0); var c38_2 = vec4<f32>(0.0); var c38_3 = vec4<f32>(0.0);
    var c39_0 = vec4<f32>(0.0); var c39_1 = vec4<f32>(0.0); var c39_2 = vec4<f32>(0.0); var c39_3 = vec4<f32>(0.0);
    var c40_0 = vec4<f32>(0.0); var c40_1 = vec4<f32>(0.0); var c40_2 = vec4<f32>(0.0); var c40_3 = vec4<f32>(0.0);
    var c41_0 = vec4<f32>(0.0); var c41_1 = vec4<f32>(0.0); var c41_2 = vec4<f32>(0.0); var c41_3 = vec4<f32>(0.0);
    var c42_0 = vec4<f32>(0.0); var c42_1 = vec4<f32>(0.0); var c42_2 = vec4<f32>(0.0); var c42_3 = vec4<f32>(0.0);
    var c43_0 = vec4<f32>(0.0); var c43_1 = vec4<f32>(0.0); var c43_2 = vec4<f32>(0.0); var c43_3 = vec4<f32>(0.0);
    var c44_0 = vec4<f32>(0.0); var c44_1 = vec4<f32>(0.0); var c44_2 = vec4<f32>(0.0); var c44_3 = vec4<f32>(0.0);
    var c45_0 = vec4<f32>(0.0); var c45_1 = vec4<f32>(0.0); var c45_2 = vec4<f32>(0.0); var c45_3 = vec4<f32>(0.0);
    var c46_0 = vec4<f32>(0.0); var c46_1 = vec4<f32>(0.0); var c46_2 = vec4<f32>(0.0); var c46_3 = vec4<f32>(0.0);
    var c47_0 = vec4<f32>(0.0); var c47_1 = vec4<f32>(0.0); var c47_2 = vec4<f32>(0.0); var c47_3 = vec4<f32>(0.0);
    var c48_0 = vec4<f32>(0.0); var c48_1 = vec4<f32>(0.0); var c48_2 = vec4<f32>(0.0); var c48_3 = vec4<f32>(0.0);
    var c49_0 = vec4<f32>(0.0); var c49_1 = vec4<f32>(0.0); var c49_2 = vec4<f32>(0.0); var c49_3 = vec4<f32>(0.0);
    var c50_0 = vec4<f32>(0.0); var c50_1 = vec4<f32>(0.0); var c50_2 = vec4<f32>(0.0); var c50_3 = vec4<f32>(0.0);
    var c51_0 = vec4<f32>(0.0); var c51_1 = vec4<f32>(0.0); var c51_2 = vec4<f32>(0.0); var c51_3 = vec4<f32>(0.0);
    var c52_0 = vec4<f32>(0.0); var c52_1 = vec4<f32>(0.0); var c52_2 = vec4<f32>(0.0); var c52_3 = vec4<f32>(0.0);
    var c53_0 = vec4<f32>(0.0); var c53_1 = vec4<f32>(0.0); var c53_2 = vec4<f32>(0.0); var c53_3 = vec4<f32>(0.0);
    var c54_0 = vec4<f32>(0.0); var c54_1 = vec4<f32>(0.0); var c54_2 = vec4<f32>(0.0); var c54_3 = vec4<f32>(0.0);
    var c55_0 = vec4<f32>(0.0); var c55_1 = vec4<f32>(0.0); var c55_2 = vec4<f32>(0.0); var c55_3 = vec4<f32>(0.0);
    var c56_0 = vec4<f32>(0.0); var c56_1 = vec4<f32>(0.0); var c56_2 = vec4<f32>(0.0); var c56_3 = vec4<f32>(0.0);
    var c57_0 = vec4<f32>(0.0); var c57_1 = vec4<f32>(0.0); var c57_2 = vec4<f32>(0.0); var c57_3 = vec4<f32>(0.0);
    var c58_0 = vec4<f32>(0.0); var c58_1 = vec4<f32>(0.0); var c58_2 = vec4<f32>(0.0); var c58_3 = vec4<f32>(0.0);
    var c59_0 = vec4<f32>(0.0); var c59_1 = vec4<f32>(0.0); var c59_2 = vec4<f32>(0.0); var c59_3 = vec4<f32>(0.0);
    var c60_0 = vec4<f32>(0.0); var c60_1 = vec4<f32>(0.0); var c60_2 = vec4<f32>(0.0); var c60_3 = vec4<f32>(0.0);
    var c61_0 = vec4<f32>(0.0); var c61_1 = vec4<f32>(0.0); var c61_2 = vec4<f32>(0.0); var c61_3 = vec4<f32>(0.0);
    var c62_0 = vec4<f32>(0.0); var c62_1 = vec4<f32>(0.0); var c62_2 = vec4<f32>(0.0); var c62_3 = vec4<f32>(0.0);
    var c63_0 = vec4<f32>(0.0); var c63_1 = vec4<f32>(0.0); var c63_2 = vec4<f32>(0.0); var c63_3 = vec4<f32>(0.0);
    for (var k0 = rbeg; k0 < rend; k0 += 8u) {
        let kl = k0 + lane;
        let kin = kl < rend;
        let ab = row_base(min(kl, rend - 1u));
        let bt = load_aux8(k0, rend, c0);
        let bu = load_aux8(k0, rend, c0 + 8u);
        let b0_0 = bt.lo[0]; let b0_1 = bt.hi[0]; let b0_2 = bu.lo[0]; let b0_3 = bu.hi[0];
        let b1_0 = bt.lo[1]; let b1_1 = bt.hi[1]; let b1_2 = bu.lo[1]; let b1_3 = bu.hi[1];
        let b2_0 = bt.lo[2]; let b2_1 = bt.hi[2]; let b2_2 = bu.lo[2]; let b2_3 = bu.hi[2];
        let b3_0 = bt.lo[3]; let b3_1 = bt.hi[3]; let b3_2 = bu.lo[3]; let b3_3 = bu.hi[3];
        let b4_0 = bt.lo[4]; let b4_1 = bt.hi[4]; let b4_2 = bu.lo[4]; let b4_3 = bu.hi[4];
        let b5_0 = bt.lo[5]; let b5_1 = bt.hi[5]; let b5_2 = bu.lo[5]; let b5_3 = bu.hi[5];
        let b6_0 = bt.lo[6]; let b6_1 = bt.hi[6]; let b6_2 = bu.lo[6]; let b6_3 = bu.hi[6];
        let b7_0 = bt.lo[7]; let b7_1 = bt.hi[7]; let b7_2 = bu.lo[7]; let b7_3 = bu.hi[7];
        s0 += b0_0 + b1_0 + b2_0 + b3_0 + b4_0 + b5_0 + b6_0 + b7_0;
        s1 += b0_1 + b1_1 + b2_1 + b3_1 + b4_1 + b5_1 + b6_1 + b7_1;
        s2 += b0_2 + b1_2 + b2_2 + b3_2 + b4_2 + b5_2 + b6_2 + b7_2;
        s3 += b0_3 + b1_3 + b2_3 + b3_3 + b4_3 + b5_3 + b6_3 + b7_3;
        let xa0 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 0u), kin);
        let xa1 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 4u), kin);
        let xa2 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 8u), kin);
        let xa3 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 12u), kin);
        let xa4 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 16u), kin);
        let xa5 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 20u), kin);
        let xa6 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 24u), kin);
        let xa7 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 28u), kin);
        {
            let v0 = subgroupBroadcast(xa0, 0u);
            let v1 = subgroupBroadcast(xa0, 1u);
            let v2 = subgroupBroadcast(xa0, 2u);
            let v3 = subgroupBroadcast(xa0, 3u);
            let v4 = subgroupBroadcast(xa0, 4u);
            let v5 = subgroupBroadcast(xa0, 5u);
            let v6 = subgroupBroadcast(xa0, 6u);
            let v7 = subgroupBroadcast(xa0, 7u);
            { let s = vec4<f32>(v0[0]); c0_0 = fma(s, b0_0, c0_0); c0_1 = fma(s, b0_1, c0_1); c0_2 = fma(s, b0_2, c0_2); c0_3 = fma(s, b0_3, c0_3); }
            { let s = vec4<f32>(v1[0]); c0_0 = fma(s, b1_0, c0_0); c0_1 = fma(s, b1_1, c0_1); c0_2 = fma(s, b1_2, c0_2); c0_3 = fma(s, b1_3, c0_3); }
            { let s = vec4<f32>(v2[0]); c0_0 = fma(s, b2_0, c0_0); c0_1 = fma(s, b2_1, c0_1); c0_2 = fma(s, b2_2, c0_2); c0_3 = fma(s, b2_3, c0_3); }
            { let s = vec4<f32>(v3[0]); c0_0 = fma(s, b3_0, c0_0); c0_1 = fma(s, b3_1, c0_1); c0_2 = fma(s, b3_2, c0_2); c0_3 = fma(s, b3_3, c0_3); }
            { let s = vec4<f32>(v4[0]); c0_0 = fma(s, b4_0, c0_0); c0_1 = fma(s, b4_1, c0_1); c0_2 = fma(s, b4_2, c0_2); c0_3 = fma(s, b4_3, c0_3); }
            { let s = vec4<f32>(v5[0]); c0_0 = fma(s, b5_0, c0_0); c0_1 = fma(s, b5_1, c0_1); c0_2 = fma(s, b5_2, c0_2); c0_3 = fma(s, b5_3, c0_3); }
            { let s = vec4<f32>(v6[0]); c0_0 = fma(s, b6_0, c0_0); c0_1 = fma(s, b6_1, c0_1); c0_2 = fma(s, b6_2, c0_2); c0_3 = fma(s, b6_3, c0_3); }
            { let s = vec4<f32>(v7[0]); c0_0 = fma(s, b7_0, c0_0); c0_1 = fma(s, b7_1, c0_1); c0_2 = fma(s, b7_2, c0_2); c0_3 = fma(s, b7_3, c0_3); }
            { let s = vec4<f32>(v0[1]); c1_0 = fma(s, b0_0, c1_0); c1_1 = fma(s, b0_1, c1_1); c1_2 = fma(s, b0_2, c1_2); c1_3 = fma(s, b0_3, c1_3); }
            { let s = vec4<f32>(v1[1]); c1_0 = fma(s, b1_0, c1_0); c1_1 = fma(s, b1_1, c1_1); c1_2 = fma(s, b1_2, c1_2); c1_3 = fma(s, b1_3, c1_3); }
            { let s = vec4<f32>(v2[1]); c1_0 = fma(s, b2_0, c1_0); c1_1 = fma(s, b2_1, c1_1); c1_2 = fma(s, b2_2, c1_2); c1_3 = fma(s, b2_3, c1_3); }
            { let s = vec4<f32>(v3[1]); c1_0 = fma(s, b3_0, c1_0); c1_1 = fma(s, b3_1, c1_1); c1_2 = fma(s, b3_2, c1_2); c1_3 = fma(s, b3_3, c1_3); }
            { let s = vec4<f32>(v4[1]); c1_0 = fma(s, b4_0, c1_0); c1_1 = fma(s, b4_1, c1_1); c1_2 = fma(s, b4_2, c1_2); c1_3 = fma(s, b4_3, c1_3); }
            { let s = vec4<f32>(v5[1]); c1_0 = fma(s, b5_0, c1_0); c1_1 = fma(s, b5_1, c1_1); c1_2 = fma(s, b5_2, c1_2); c1_3 = fma(s, b5_3, c1_3); }
            { let s = vec4<f32>(v6[1]); c1_0 = fma(s, b6_0, c1_0); c1_1 = fma(s, b6_1, c1_1); c1_2 = fma(s, b6_2, c1_2); c1_3 = fma(s, b6_3, c1_3); }
            { let s = vec4<f32>(v7[1]); c1_0 = fma(s, b7_0, c1_0); c1_1 = fma(s, b7_1, c1_1); c1_2 = fma(s, b7_2, c1_2); c1_3 = fma(s, b7_3, c1_3); }
            { let s = vec4<f32>(v0[2]); c2_0 = fma(s, b0_0, c2_0); c2_1 = fma(s, b0_1, c2_1); c2_2 = fma(s, b0_2, c2_2); c2_3 = fma(s, b0_3, c2_3); }
            { let s = vec4<f32>(v1[2]); c2_0 = fma(s, b1_0, c2_0); c2_1 = fma(s, b1_1, c2_1); c2_2 = fma(s, b1_2, c2_2); c2_3 = fma(s, b1_3, c2_3); }
            { let s = vec4<f32>(v2[2]); c2_0 = fma(s, b2_0, c2_0); c2_1 = fma(s, b2_1, c2_1); c2_2 = fma(s, b2_2, c2_2); c2_3 = fma(s, b2_3, c2_3); }
            { let s = vec4<f32>(v3[2]); c2_0 = fma(s, b3_0, c2_0); c2_1 = fma(s, b3_1, c2_1); c2_2 = fma(s, b3_2, c2_2); c2_3 = fma(s, b3_3, c2_3); }
            { let s = vec4<f32>(v4[2]); c2_0 = fma(s, b4_0, c2_0); c2_1 = fma(s, b4_1, c2_1); c2_2 = fma(s, b4_2, c2_2); c2_3 = fma(s, b4_3, c2_3); }
            { let s = vec4<f32>(v5[2]); c2_0 = fma(s, b5_0, c2_0); c2_1 = fma(s, b5_1, c2_1); c2_2 = fma(s, b5_2, c2_2); c2_3 = fma(s, b5_3, c2_3); }
            { let s = vec4<f32>(v6[2]); c2_0 = fma(s, b6_0, c2_0); c2_1 = fma(s, b6_1, c2_1); c2_2 = fma(s, b6_2, c2_2); c2_3 = fma(s, b6_3, c2_3); }
            { let s = vec4<f32>(v7[2]); c2_0 = fma(s, b7_0, c2_0); c2_1 = fma(s, b7_1, c2_1); c2_2 = fma(s, b7_2, c2_2); c2_3 = fma(s, b7_3, c2_3); }
            { let s = vec4<f32>(v0[3]); c3_0 = fma(s, b0_0, c3_0); c3_1 = fma(s, b0_1, c3_1); c3_2 = fma(s, b0_2, c3_2); c3_3 = fma(s, b0_3, c3_3); }
            { let s = vec4<f32>(v1[3]); c3_0 = fma(s, b1_0, c3_0); c3_1 = fma(s, b1_1, c3_1); c3_2 = fma(s, b1_2, c3_2); c3_3 = fma(s, b1_3, c3_3); }
            { let s = vec4<f32>(v2[3]); c3_0 = fma(s, b2_0, c3_0); c3_1 = fma(s, b2_1, c3_1); c3_2 = fma(s, b2_2, c3_2); c3_3 = fma(s, b2_3, c3_3); }
            { let s = vec4<f32>(v3[3]); c3_0 = fma(s, b3_0, c3_0); c3_1 = fma(s, b3_1, c3_1); c3_2 = fma(s, b3_2, c3_2); c3_3 = fma(s, b3_3, c3_3); }
            { let s = vec4<f32>(v4[3]); c3_0 = fma(s, b4_0, c3_0); c3_1 = fma(s, b4_1, c3_1); c3_2 = fma(s, b4_2, c3_2); c3_3 = fma(s, b4_3, c3_3); }
            { let s = vec4<f32>(v5[3]); c3_0 = fma(s, b5_0, c3_0); c3_1 = fma(s, b5_1, c3_1); c3_2 = fma(s, b5_2, c3_2); c3_3 = fma(s, b5_3, c3_3); }
            { let s = vec4<f32>(v6[3]); c3_0 = fma(s, b6_0, c3_0); c3_1 = fma(s, b6_1, c3_1); c3_2 = fma(s, b6_2, c3_2); c3_3 = fma(s, b6_3, c3_3); }
            { let s = vec4<f32>(v7[3]); c3_0 = fma(s, b7_0, c3_0); c3_1 = fma(s, b7_1, c3_1); c3_2 = fma(s, b7_2, c3_2); c3_3 = fma(s, b7_3, c3_3); }
        }
        {
            let v0 = subgroupBroadcast(xa1, 0u);
            let v1 = subgroupBroadcast(xa1, 1u);
            let v2 = subgroupBroadcast(xa1, 2u);
            let v3 = subgroupBroadcast(xa1, 3u);
            let v4 = subgroupBroadcast(xa1, 4u);
            let v5 = subgroupBroadcast(xa1, 5u);
            let v6 = subgroupBroadcast(xa1, 6u);
            let v7 = subgroupBroadcast(xa1, 7u);
            { let s = vec4<f32>(v0[0]); c4_0 = fma(s, b0_0, c4_0); c4_1 = fma(s, b0_1, c4_1); c4_2 = fma(s, b0_2, c4_2); c4_3 = fma(s, b0_3, c4_3); }
            { let s = vec4<f32>(v1[0]); c4_0 = fma(s, b1_0, c4_0); c4_1 = fma(s, b1_1, c4_1); c4_2 = fma(s, b1_2, c4_2); c4_3 = fma(s, b1_3, c4_3); }
            { let s = vec4<f32>(v2[0]); c4_0 = fma(s, b2_0, c4_0); c4_1 = fma(s, b2_1, c4_1); c4_2 = fma(s, b2_2, c4_2); c4_3 = fma(s, b2_3, c4_3); }
            { let s = vec4<f32>(v3[0]); c4_0 = fma(s, b3_0, c4_0); c4_1 = fma(s, b3_1, c4_1); c4_2 = fma(s, b3_2, c4_2); c4_3 = fma(s, b3_3, c4_3); }
            { let s = vec4<f32>(v4[0]); c4_0 = fma(s, b4_0, c4_0); c4_1 = fma(s, b4_1, c4_1); c4_2 = fma(s, b4_2, c4_2); c4_3 = fma(s, b4_3, c4_3); }
            { let s = vec4<f32>(v5[0]); c4_0 = fma(s, b5_0, c4_0); c4_1 = fma(s, b5_1, c4_1); c4_2 = fma(s, b5_2, c4_2); c4_3 = fma(s, b5_3, c4_3); }
            { let s = vec4<f32>(v6[0]); c4_0 = fma(s, b6_0, c4_0); c4_1 = fma(s, b6_1, c4_1); c4_2 = fma(s, b6_2, c4_2); c4_3 = fma(s, b6_3, c4_3); }
            { let s = vec4<f32>(v7[0]); c4_0 = fma(s, b7_0, c4_0); c4_1 = fma(s, b7_1, c4_1); c4_2 = fma(s, b7_2, c4_2); c4_3 = fma(s, b7_3, c4_3); }
            { let s = vec4<f32>(v0[1]); c5_0 = fma(s, b0_0, c5_0); c5_1 = fma(s, b0_1, c5_1); c5_2 = fma(s, b0_2, c5_2); c5_3 = fma(s, b0_3, c5_3); }
            { let s = vec4<f32>(v1[1]); c5_0 = fma(s, b1_0, c5_0); c5_1 = fma(s, b1_1, c5_1); c5_2 = fma(s, b1_2, c5_2); c5_3 = fma(s, b1_3, c5_3); }
            { let s = vec4<f32>(v2[1]); c5_0 = fma(s, b2_0, c5_0); c5_1 = fma(s, b2_1, c5_1); c5_2 = fma(s, b2_2, c5_2); c5_3 = fma(s, b2_3, c5_3); }
            { let s = vec4<f32>(v3[1]); c5_0 = fma(s, b3_0, c5_0); c5_1 = fma(s, b3_1, c5_1); c5_2 = fma(s, b3_2, c5_2); c5_3 = fma(s, b3_3, c5_3); }
            { let s = vec4<f32>(v4[1]); c5_0 = fma(s, b4_0, c5_0); c5_1 = fma(s, b4_1, c5_1); c5_2 = fma(s, b4_2, c5_2); c5_3 = fma(s, b4_3, c5_3); }
            { let s = vec4<f32>(v5[1]); c5_0 = fma(s, b5_0, c5_0); c5_1 = fma(s, b5_1, c5_1); c5_2 = fma(s, b5_2, c5_2); c5_3 = fma(s, b5_3, c5_3); }
            { let s = vec4<f32>(v6[1]); c5_0 = fma(s, b6_0, c5_0); c5_1 = fma(s, b6_1, c5_1); c5_2 = fma(s, b6_2, c5_2); c5_3 = fma(s, b6_3, c5_3); }
            { let s = vec4<f32>(v7[1]); c5_0 = fma(s, b7_0, c5_0); c5_1 = fma(s, b7_1, c5_1); c5_2 = fma(s, b7_2, c5_2); c5_3 = fma(s, b7_3, c5_3); }
            { let s = vec4<f32>(v0[2]); c6_0 = fma(s, b0_0, c6_0); c6_1 = fma(s, b0_1, c6_1); c6_2 = fma(s, b0_2, c6_2); c6_3 = fma(s, b0_3, c6_3); }
            { let s = vec4<f32>(v1[2]); c6_0 = fma(s, b1_0, c6_0); c6_1 = fma(s, b1_1, c6_1); c6_2 = fma(s, b1_2, c6_2); c6_3 = fma(s, b1_3, c6_3); }
            { let s = vec4<f32>(v2[2]); c6_0 = fma(s, b2_0, c6_0); c6_1 = fma(s, b2_1, c6_1); c6_2 = fma(s, b2_2, c6_2); c6_3 = fma(s, b2_3, c6_3); }
            { let s = vec4<f32>(v3[2]); c6_0 = fma(s, b3_0, c6_0); c6_1 = fma(s, b3_1, c6_1); c6_2 = fma(s, b3_2, c6_2); c6_3 = fma(s, b3_3, c6_3); }
            { let s = vec4<f32>(v4[2]); c6_0 = fma(s, b4_0, c6_0); c6_1 = fma(s, b4_1, c6_1); c6_2 = fma(s, b4_2, c6_2); c6_3 = fma(s, b4_3, c6_3); }
            { let s = vec4<f32>(v5[2]); c6_0 = fma(s, b5_0, c6_0); c6_1 = fma(s, b5_1, c6_1); c6_2 = fma(s, b5_2, c6_2); c6_3 = fma(s, b5_3, c6_3); }
            { let s = vec4<f32>(v6[2]); c6_0 = fma(s, b6_0, c6_0); c6_1 = fma(s, b6_1, c6_1); c6_2 = fma(s, b6_2, c6_2); c6_3 = fma(s, b6_3, c6_3); }
            { let s = vec4<f32>(v7[2]); c6_0 = fma(s, b7_0, c6_0); c6_1 = fma(s, b7_1, c6_1); c6_2 = fma(s, b7_2, c6_2); c6_3 = fma(s, b7_3, c6_3); }
            { let s = vec4<f32>(v0[3]); c7_0 = fma(s, b0_0, c7_0); c7_1 = fma(s, b0_1, c7_1); c7_2 = fma(s, b0_2, c7_2); c7_3 = fma(s, b0_3, c7_3); }
            { let s = vec4<f32>(v1[3]); c7_0 = fma(s, b1_0, c7_0); c7_1 = fma(s, b1_1, c7_1); c7_2 = fma(s, b1_2, c7_2); c7_3 = fma(s, b1_3, c7_3); }
            { let s = vec4<f32>(v2[3]); c7_0 = fma(s, b2_0, c7_0); c7_1 = fma(s, b2_1, c7_1); c7_2 = fma(s, b2_2, c7_2); c7_3 = fma(s, b2_3, c7_3); }
            { let s = vec4<f32>(v3[3]); c7_0 = fma(s, b3_0, c7_0); c7_1 = fma(s, b3_1, c7_1); c7_2 = fma(s, b3_2, c7_2); c7_3 = fma(s, b3_3, c7_3); }
            { let s = vec4<f32>(v4[3]); c7_0 = fma(s, b4_0, c7_0); c7_1 = fma(s, b4_1, c7_1); c7_2 = fma(s, b4_2, c7_2); c7_3 = fma(s, b4_3, c7_3); }
            { let s = vec4<f32>(v5[3]); c7_0 = fma(s, b5_0, c7_0); c7_1 = fma(s, b5_1, c7_1); c7_2 = fma(s, b5_2, c7_2); c7_3 = fma(s, b5_3, c7_3); }
            { let s = vec4<f32>(v6[3]); c7_0 = fma(s, b6_0, c7_0); c7_1 = fma(s, b6_1, c7_1); c7_2 = fma(s, b6_2, c7_2); c7_3 = fma(s, b6_3, c7_3); }
            { let s = vec4<f32>(v7[3]); c7_0 = fma(s, b7_0, c7_0); c7_1 = fma(s, b7_1, c7_1); c7_2 = fma(s, b7_2, c7_2); c7_3 = fma(s, b7_3, c7_3); }
        }
        {
            let v0 = subgroupBroadcast(xa2, 0u);
            let v1 = subgroupBroadcast(xa2, 1u);
            let v2 = subgroupBroadcast(xa2, 2u);
            let v3 = subgroupBroadcast(xa2, 3u);
            let v4 = subgroupBroadcast(xa2, 4u);
            let v5 = subgroupBroadcast(xa2, 5u);
            let v6 = subgroupBroadcast(xa2, 6u);
            let v7 = subgroupBroadcast(xa2, 7u);
            { let s = vec4<f32>(v0[0]); c8_0 = fma(s, b0_0, c8_0); c8_1 = fma(s, b0_1, c8_1); c8_2 = fma(s, b0_2, c8_2); c8_3 = fma(s, b0_3, c8_3); }
            { let s = vec4<f32>(v1[0]); c8_0 = fma(s, b1_0, c8_0); c8_1 = fma(s, b1_1, c8_1); c8_2 = fma(s, b1_2, c8_2); c8_3 = fma(s, b1_3, c8_3); }
            { let s = vec4<f32>(v2[0]); c8_0 = fma(s, b2_0, c8_0); c8_1 = fma(s, b2_1, c8_1); c8_2 = fma(s, b2_2, c8_2); c8_3 = fma(s, b2_3, c8_3); }
            { let s = vec4<f32>(v3[0]); c8_0 = fma(s, b3_0, c8_0); c8_1 = fma(s, b3_1, c8_1); c8_2 = fma(s, b3_2, c8_2); c8_3 = fma(s, b3_3, c8_3); }
            { let s = vec4<f32>(v4[0]); c8_0 = fma(s, b4_0, c8_0); c8_1 = fma(s, b4_1, c8_1); c8_2 = fma(s, b4_2, c8_2); c8_3 = fma(s, b4_3, c8_3); }
            { let s = vec4<f32>(v5[0]); c8_0 = fma(s, b5_0, c8_0); c8_1 = fma(s, b5_1, c8_1); c8_2 = fma(s, b5_2, c8_2); c8_3 = fma(s, b5_3, c8_3); }
            { let s = vec4<f32>(v6[0]); c8_0 = fma(s, b6_0, c8_0); c8_1 = fma(s, b6_1, c8_1); c8_2 = fma(s, b6_2, c8_2); c8_3 = fma(s, b6_3, c8_3); }
            { let s = vec4<f32>(v7[0]); c8_0 = fma(s, b7_0, c8_0); c8_1 = fma(s, b7_1, c8_1); c8_2 = fma(s, b7_2, c8_2); c8_3 = fma(s, b7_3, c8_3); }
            { let s = vec4<f32>(v0[1]); c9_0 = fma(s, b0_0, c9_0); c9_1 = fma(s, b0_1, c9_1); c9_2 = fma(s, b0_2, c9_2); c9_3 = fma(s, b0_3, c9_3); }
            { let s = vec4<f32>(v1[1]); c9_0 = fma(s, b1_0, c9_0); c9_1 = fma(s, b1_1, c9_1); c9_2 = fma(s, b1_2, c9_2); c9_3 = fma(s, b1_3, c9_3); }
            { let s = vec4<f32>(v2[1]); c9_0 = fma(s, b2_0, c9_0); c9_1 = fma(s, b2_1, c9_1); c9_2 = fma(s, b2_2, c9_2); c9_3 = fma(s, b2_3, c9_3); }
            { let s = vec4<f32>(v3[1]); c9_0 = fma(s, b3_0, c9_0); c9_1 = fma(s, b3_1, c9_1); c9_2 = fma(s, b3_2, c9_2); c9_3 = fma(s, b3_3, c9_3); }
            { let s = vec4<f32>(v4[1]); c9_0 = fma(s, b4_0, c9_0); c9_1 = fma(s, b4_1, c9_1); c9_2 = fma(s, b4_2, c9_2); c9_3 = fma(s, b4_3, c9_3); }
            { let s = vec4<f32>(v5[1]); c9_0 = fma(s, b5_0, c9_0); c9_1 = fma(s, b5_1, c9_1); c9_2 = fma(s, b5_2, c9_2); c9_3 = fma(s, b5_3, c9_3); }
            { let s = vec4<f32>(v6[1]); c9_0 = fma(s, b6_0, c9_0); c9_1 = fma(s, b6_1, c9_1); c9_2 = fma(s, b6_2, c9_2); c9_3 = fma(s, b6_3, c9_3); }
            { let s = vec4<f32>(v7[1]); c9_0 = fma(s, b7_0, c9_0); c9_1 = fma(s, b7_1, c9_1); c9_2 = fma(s, b7_2, c9_2); c9_3 = fma(s, b7_3, c9_3); }
            { let s = vec4<f32>(v0[2]); c10_0 = fma(s, b0_0, c10_0); c10_1 = fma(s, b0_1, c10_1); c10_2 = fma(s, b0_2, c10_2); c10_3 = fma(s, b0_3, c10_3); }
            { let s = vec4<f32>(v1[2]); c10_0 = fma(s, b1_0, c10_0); c10_1 = fma(s, b1_1, c10_1); c10_2 = fma(s, b1_2, c10_2); c10_3 = fma(s, b1_3, c10_3); }
            { let s = vec4<f32>(v2[2]); c10_0 = fma(s, b2_0, c10_0); c10_1 = fma(s, b2_1, c10_1); c10_2 = fma(s, b2_2, c10_2); c10_3 = fma(s, b2_3, c10_3); }
            { let s = vec4<f32>(v3[2]); c10_0 = fma(s, b3_0, c10_0); c10_1 = fma(s, b3_1, c10_1); c10_2 = fma(s, b3_2, c10_2); c10_3 = fma(s, b3_3, c10_3); }
            { let s = vec4<f32>(v4[2]); c10_0 = fma(s, b4_0, c10_0); c10_1 = fma(s, b4_1, c10_1); c10_2 = fma(s, b4_2, c10_2); c10_3 = fma(s, b4_3, c10_3); }
            { let s = vec4<f32>(v5[2]); c10_0 = fma(s, b5_0, c10_0); c10_1 = fma(s, b5_1, c10_1); c10_2 = fma(s, b5_2, c10_2); c10_3 = fma(s, b5_3, c10_3); }
            { let s = vec4<f32>(v6[2]); c10_0 = fma(s, b6_0, c10_0); c10_1 = fma(s, b6_1, c10_1); c10_2 = fma(s, b6_2, c10_2); c10_3 = fma(s, b6_3, c10_3); }
            { let s = vec4<f32>(v7[2]); c10_0 = fma(s, b7_0, c10_0); c10_1 = fma(s, b7_1, c10_1); c10_2 = fma(s, b7_2, c10_2); c10_3 = fma(s, b7_3, c10_3); }
            { let s = vec4<f32>(v0[3]); c11_0 = fma(s, b0_0, c11_0); c11_1 = fma(s, b0_1, c11_1); c11_2 = fma(s, b0_2, c11_2); c11_3 = fma(s, b0_3, c11_3); }
            { let s = vec4<f32>(v1[3]); c11_0 = fma(s, b1_0, c11_0); c11_1 = fma(s, b1_1, c11_1); c11_2 = fma(s, b1_2, c11_2); c11_3 = fma(s, b1_3, c11_3); }
            { let s = vec4<f32>(v2[3]); c11_0 = fma(s, b2_0, c11_0); c11_1 = fma(s, b2_1, c11_1); c11_2 = fma(s, b2_2, c11_2); c11_3 = fma(s, b2_3, c11_3); }
            { let s = vec4<f32>(v3[3]); c11_0 = fma(s, b3_0, c11_0); c11_1 = fma(s, b3_1, c11_1); c11_2 = fma(s, b3_2, c11_2); c11_3 = fma(s, b3_3, c11_3); }
            { let s = vec4<f32>(v4[3]); c11_0 = fma(s, b4_0, c11_0); c11_1 = fma(s, b4_1, c11_1); c11_2 = fma(s, b4_2, c11_2); c11_3 = fma(s, b4_3, c11_3); }
            { let s = vec4<f32>(v5[3]); c11_0 = fma(s, b5_0, c11_0); c11_1 = fma(s, b5_1, c11_1); c11_2 = fma(s, b5_2, c11_2); c11_3 = fma(s, b5_3, c11_3); }
            { let s = vec4<f32>(v6[3]); c11_0 = fma(s, b6_0, c11_0); c11_1 = fma(s, b6_1, c11_1); c11_2 = fma(s, b6_2, c11_2); c11_3 = fma(s, b6_3, c11_3); }
            { let s = vec4<f32>(v7[3]); c11_0 = fma(s, b7_0, c11_0); c11_1 = fma(s, b7_1, c11_1); c11_2 = fma(s, b7_2, c11_2); c11_3 = fma(s, b7_3, c11_3); }
        }
        {
            let v0 = subgroupBroadcast(xa3, 0u);
            let v1 = subgroupBroadcast(xa3, 1u);
            let v2 = subgroupBroadcast(xa3, 2u);
            let v3 = subgroupBroadcast(xa3, 3u);
            let v4 = subgroupBroadcast(xa3, 4u);
            let v5 = subgroupBroadcast(xa3, 5u);
            let v6 = subgroupBroadcast(xa3, 6u);
            let v7 = subgroupBroadcast(xa3, 7u);
            { let s = vec4<f32>(v0[0]); c12_0 = fma(s, b0_0, c12_0); c12_1 = fma(s, b0_1, c12_1); c12_2 = fma(s, b0_2, c12_2); c12_3 = fma(s, b0_3, c12_3); }
            { let s = vec4<f32>(v1[0]); c12_0 = fma(s, b1_0, c12_0); c12_1 = fma(s, b1_1, c12_1); c12_2 = fma(s, b1_2, c12_2); c12_3 = fma(s, b1_3, c12_3); }
            { let s = vec4<f32>(v2[0]); c12_0 = fma(s, b2_0, c12_0); c12_1 = fma(s, b2_1, c12_1); c12_2 = fma(s, b2_2, c12_2); c12_3 = fma(s, b2_3, c12_3); }
            { let s = vec4<f32>(v3[0]); c12_0 = fma(s, b3_0, c12_0); c12_1 = fma(s, b3_1, c12_1); c12_2 = fma(s, b3_2, c12_2); c12_3 = fma(s, b3_3, c12_3); }
            { let s = vec4<f32>(v4[0]); c12_0 = fma(s, b4_0, c12_0); c12_1 = fma(s, b4_1, c12_1); c12_2 = fma(s, b4_2, c12_2); c12_3 = fma(s, b4_3, c12_3); }
            { let s = vec4<f32>(v5[0]); c12_0 = fma(s, b5_0, c12_0); c12_1 = fma(s, b5_1, c12_1); c12_2 = fma(s, b5_2, c12_2); c12_3 = fma(s, b5_3, c12_3); }
            { let s = vec4<f32>(v6[0]); c12_0 = fma(s, b6_0, c12_0); c12_1 = fma(s, b6_1, c12_1); c12_2 = fma(s, b6_2, c12_2); c12_3 = fma(s, b6_3, c12_3); }
            { let s = vec4<f32>(v7[0]); c12_0 = fma(s, b7_0, c12_0); c12_1 = fma(s, b7_1, c12_1); c12_2 = fma(s, b7_2, c12_2); c12_3 = fma(s, b7_3, c12_3); }
            { let s = vec4<f32>(v0[1]); c13_0 = fma(s, b0_0, c13_0); c13_1 = fma(s, b0_1, c13_1); c13_2 = fma(s, b0_2, c13_2); c13_3 = fma(s, b0_3, c13_3); }
            { let s = vec4<f32>(v1[1]); c13_0 = fma(s, b1_0, c13_0); c13_1 = fma(s, b1_1, c13_1); c13_2 = fma(s, b1_2, c13_2); c13_3 = fma(s, b1_3, c13_3); }
            { let s = vec4<f32>(v2[1]); c13_0 = fma(s, b2_0, c13_0); c13_1 = fma(s, b2_1, c13_1); c13_2 = fma(s, b2_2, c13_2); c13_3 = fma(s, b2_3, c13_3); }
            { let s = vec4<f32>(v3[1]); c13_0 = fma(s, b3_0, c13_0); c13_1 = fma(s, b3_1, c13_1); c13_2 = fma(s, b3_2, c13_2); c13_3 = fma(s, b3_3, c13_3); }
            { let s = vec4<f32>(v4[1]); c13_0 = fma(s, b4_0, c13_0); c13_1 = fma(s, b4_1, c13_1); c13_2 = fma(s, b4_2, c13_2); c13_3 = fma(s, b4_3, c13_3); }
            { let s = vec4<f32>(v5[1]); c13_0 = fma(s, b5_0, c13_0); c13_1 = fma(s, b5_1, c13_1); c13_2 = fma(s, b5_2, c13_2); c13_3 = fma(s, b5_3, c13_3); }
            { let s = vec4<f32>(v6[1]); c13_0 = fma(s, b6_0, c13_0); c13_1 = fma(s, b6_1, c13_1); c13_2 = fma(s, b6_2, c13_2); c13_3 = fma(s, b6_3, c13_3); }
            { let s = vec4<f32>(v7[1]); c13_0 = fma(s, b7_0, c13_0); c13_1 = fma(s, b7_1, c13_1); c13_2 = fma(s, b7_2, c13_2); c13_3 = fma(s, b7_3, c13_3); }
            { let s = vec4<f32>(v0[2]); c14_0 = fma(s, b0_0, c14_0); c14_1 = fma(s, b0_1, c14_1); c14_2 = fma(s, b0_2, c14_2); c14_3 = fma(s, b0_3, c14_3); }
            { let s = vec4<f32>(v1[2]); c14_0 = fma(s, b1_0, c14_0); c14_1 = fma(s, b1_1, c14_1); c14_2 = fma(s, b1_2, c14_2); c14_3 = fma(s, b1_3, c14_3); }
            { let s = vec4<f32>(v2[2]); c14_0 = fma(s, b2_0, c14_0); c14_1 = fma(s, b2_1, c14_1); c14_2 = fma(s, b2_2, c14_2); c14_3 = fma(s, b2_3, c14_3); }
            { let s = vec4<f32>(v3[2]); c14_0 = fma(s, b3_0, c14_0); c14_1 = fma(s, b3_1, c14_1); c14_2 = fma(s, b3_2, c14_2); c14_3 = fma(s, b3_3, c14_3); }
            { let s = vec4<f32>(v4[2]); c14_0 = fma(s, b4_0, c14_0); c14_1 = fma(s, b4_1, c14_1); c14_2 = fma(s, b4_2, c14_2); c14_3 = fma(s, b4_3, c14_3); }
            { let s = vec4<f32>(v5[2]); c14_0 = fma(s, b5_0, c14_0); c14_1 = fma(s, b5_1, c14_1); c14_2 = fma(s, b5_2, c14_2); c14_3 = fma(s, b5_3, c14_3); }
            { let s = vec4<f32>(v6[2]); c14_0 = fma(s, b6_0, c14_0); c14_1 = fma(s, b6_1, c14_1); c14_2 = fma(s, b6_2, c14_2); c14_3 = fma(s, b6_3, c14_3); }
            { let s = vec4<f32>(v7[2]); c14_0 = fma(s, b7_0, c14_0); c14_1 = fma(s, b7_1, c14_1); c14_2 = fma(s, b7_2, c14_2); c14_3 = fma(s, b7_3, c14_3); }
            { let s = vec4<f32>(v0[3]); c15_0 = fma(s, b0_0, c15_0); c15_1 = fma(s, b0_1, c15_1); c15_2 = fma(s, b0_2, c15_2); c15_3 = fma(s, b0_3, c15_3); }
            { let s = vec4<f32>(v1[3]); c15_0 = fma(s, b1_0, c15_0); c15_1 = fma(s, b1_1, c15_1); c15_2 = fma(s, b1_2, c15_2); c15_3 = fma(s, b1_3, c15_3); }
            { let s = vec4<f32>(v2[3]); c15_0 = fma(s, b2_0, c15_0); c15_1 = fma(s, b2_1, c15_1); c15_2 = fma(s, b2_2, c15_2); c15_3 = fma(s, b2_3, c15_3); }
            { let s = vec4<f32>(v3[3]); c15_0 = fma(s, b3_0, c15_0); c15_1 = fma(s, b3_1, c15_1); c15_2 = fma(s, b3_2, c15_2); c15_3 = fma(s, b3_3, c15_3); }
            { let s = vec4<f32>(v4[3]); c15_0 = fma(s, b4_0, c15_0); c15_1 = fma(s, b4_1, c15_1); c15_2 = fma(s, b4_2, c15_2); c15_3 = fma(s, b4_3, c15_3); }
            { let s = vec4<f32>(v5[3]); c15_0 = fma(s, b5_0, c15_0); c15_1 = fma(s, b5_1, c15_1); c15_2 = fma(s, b5_2, c15_2); c15_3 = fma(s, b5_3, c15_3); }
            { let s = vec4<f32>(v6[3]); c15_0 = fma(s, b6_0, c15_0); c15_1 = fma(s, b6_1, c15_1); c15_2 = fma(s, b6_2, c15_2); c15_3 = fma(s, b6_3, c15_3); }
            { let s = vec4<f32>(v7[3]); c15_0 = fma(s, b7_0, c15_0); c15_1 = fma(s, b7_1, c15_1); c15_2 = fma(s, b7_2, c15_2); c15_3 = fma(s, b7_3, c15_3); }
        }
        {
            let v0 = subgroupBroadcast(xa4, 0u);
            let v1 = subgroupBroadcast(xa4, 1u);
            let v2 = subgroupBroadcast(xa4, 2u);
            let v3 = subgroupBroadcast(xa4, 3u);
            let v4 = subgroupBroadcast(xa4, 4u);
            let v5 = subgroupBroadcast(xa4, 5u);
            let v6 = subgroupBroadcast(xa4, 6u);
            let v7 = subgroupBroadcast(xa4, 7u);
            { let s = vec4<f32>(v0[0]); c16_0 = fma(s, b0_0, c16_0); c16_1 = fma(s, b0_1, c16_1); c16_2 = fma(s, b0_2, c16_2); c16_3 = fma(s, b0_3, c16_3); }
            { let s = vec4<f32>(v1[0]); c16_0 = fma(s, b1_0, c16_0); c16_1 = fma(s, b1_1, c16_1); c16_2 = fma(s, b1_2, c16_2); c16_3 = fma(s, b1_3, c16_3); }
            { let s = vec4<f32>(v2[0]); c16_0 = fma(s, b2_0, c16_0); c16_1 = fma(s, b2_1, c16_1); c16_2 = fma(s, b2_2, c16_2); c16_3 = fma(s, b2_3, c16_3); }
            { let s = vec4<f32>(v3[0]); c16_0 = fma(s, b3_0, c16_0); c16_1 = fma(s, b3_1, c16_1); c16_2 = fma(s, b3_2, c16_2); c16_3 = fma(s, b3_3, c16_3); }
            { let s = vec4<f32>(v4[0]); c16_0 = fma(s, b4_0, c16_0); c16_1 = fma(s, b4_1, c16_1); c16_2 = fma(s, b4_2, c16_2); c16_3 = fma(s, b4_3, c16_3); }
            { let s = vec4<f32>(v5[0]); c16_0 = fma(s, b5_0, c16_0); c16_1 = fma(s, b5_1, c16_1); c16_2 = fma(s, b5_2, c16_2); c16_3 = fma(s, b5_3, c16_3); }
            { let s = vec4<f32>(v6[0]); c16_0 = fma(s, b6_0, c16_0); c16_1 = fma(s, b6_1, c16_1); c16_2 = fma(s, b6_2, c16_2); c16_3 = fma(s, b6_3, c16_3); }
            { let s = vec4<f32>(v7[0]); c16_0 = fma(s, b7_0, c16_0); c16_1 = fma(s, b7_1, c16_1); c16_2 = fma(s, b7_2, c16_2); c16_3 = fma(s, b7_3, c16_3); }
            { let s = vec4<f32>(v0[1]); c17_0 = fma(s, b0_0, c17_0); c17_1 = fma(s, b0_1, c17_1); c17_2 = fma(s, b0_2, c17_2); c17_3 = fma(s, b0_3, c17_3); }
            { let s = vec4<f32>(v1[1]); c17_0 = fma(s, b1_0, c17_0); c17_1 = fma(s, b1_1, c17_1); c17_2 = fma(s, b1_2, c17_2); c17_3 = fma(s, b1_3, c17_3); }
            { let s = vec4<f32>(v2[1]); c17_0 = fma(s, b2_0, c17_0); c17_1 = fma(s, b2_1, c17_1); c17_2 = fma(s, b2_2, c17_2); c17_3 = fma(s, b2_3, c17_3); }
            { let s = vec4<f32>(v3[1]); c17_0 = fma(s, b3_0, c17_0); c17_1 = fma(s, b3_1, c17_1); c17_2 = fma(s, b3_2, c17_2); c17_3 = fma(s, b3_3, c17_3); }
            { let s = vec4<f32>(v4[1]); c17_0 = fma(s, b4_0, c17_0); c17_1 = fma(s, b4_1, c17_1); c17_2 = fma(s, b4_2, c17_2); c17_3 = fma(s, b4_3, c17_3); }
            { let s = vec4<f32>(v5[1]); c17_0 = fma(s, b5_0, c17_0); c17_1 = fma(s, b5_1, c17_1); c17_2 = fma(s, b5_2, c17_2); c17_3 = fma(s, b5_3, c17_3); }
            { let s = vec4<f32>(v6[1]); c17_0 = fma(s, b6_0, c17_0); c17_1 = fma(s, b6_1, c17_1); c17_2 = fma(s, b6_2, c17_2); c17_3 = fma(s, b6_3, c17_3); }
            { let s = vec4<f32>(v7[1]); c17_0 = fma(s, b7_0, c17_0); c17_1 = fma(s, b7_1, c17_1); c17_2 = fma(s, b7_2, c17_2); c17_3 = fma(s, b7_3, c17_3); }
            { let s = vec4<f32>(v0[2]); c18_0 = fma(s, b0_0, c18_0); c18_1 = fma(s, b0_1, c18_1); c18_2 = fma(s, b0_2, c18_2); c18_3 = fma(s, b0_3, c18_3); }
            { let s = vec4<f32>(v1[2]); c18_0 = fma(s, b1_0, c18_0); c18_1 = fma(s, b1_1, c18_1); c18_2 = fma(s, b1_2, c18_2); c18_3 = fma(s, b1_3, c18_3); }
            { let s = vec4<f32>(v2[2]); c18_0 = fma(s, b2_0, c18_0); c18_1 = fma(s, b2_1, c18_1); c18_2 = fma(s, b2_2, c18_2); c18_3 = fma(s, b2_3, c18_3); }
            { let s = vec4<f32>(v3[2]); c18_0 = fma(s, b3_0, c18_0); c18_1 = fma(s, b3_1, c18_1); c18_2 = fma(s, b3_2, c18_2); c18_3 = fma(s, b3_3, c18_3); }
            { let s = vec4<f32>(v4[2]); c18_0 = fma(s, b4_0, c18_0); c18_1 = fma(s, b4_1, c18_1); c18_2 = fma(s, b4_2, c18_2); c18_3 = fma(s, b4_3, c18_3); }
            { let s = vec4<f32>(v5[2]); c18_0 = fma(s, b5_0, c18_0); c18_1 = fma(s, b5_1, c18_1); c18_2 = fma(s, b5_2, c18_2); c18_3 = fma(s, b5_3, c18_3); }
            { let s = vec4<f32>(v6[2]); c18_0 = fma(s, b6_0, c18_0); c18_1 = fma(s, b6_1, c18_1); c18_2 = fma(s, b6_2, c18_2); c18_3 = fma(s, b6_3, c18_3); }
            { let s = vec4<f32>(v7[2]); c18_0 = fma(s, b7_0, c18_0); c18_1 = fma(s, b7_1, c18_1); c18_2 = fma(s, b7_2, c18_2); c18_3 = fma(s, b7_3, c18_3); }
            { let s = vec4<f32>(v0[3]); c19_0 = fma(s, b0_0, c19_0); c19_1 = fma(s, b0_1, c19_1); c19_2 = fma(s, b0_2, c19_2); c19_3 = fma(s, b0_3, c19_3); }
            { let s = vec4<f32>(v1[3]); c19_0 = fma(s, b1_0, c19_0); c19_1 = fma(s, b1_1, c19_1); c19_2 = fma(s, b1_2, c19_2); c19_3 = fma(s, b1_3, c19_3); }
            { let s = vec4<f32>(v2[3]); c19_0 = fma(s, b2_0, c19_0); c19_1 = fma(s, b2_1, c19_1); c19_2 = fma(s, b2_2, c19_2); c19_3 = fma(s, b2_3, c19_3); }
            { let s = vec4<f32>(v3[3]); c19_0 = fma(s, b3_0, c19_0); c19_1 = fma(s, b3_1, c19_1); c19_2 = fma(s, b3_2, c19_2); c19_3 = fma(s, b3_3, c19_3); }
            { let s = vec4<f32>(v4[3]); c19_0 = fma(s, b4_0, c19_0); c19_1 = fma(s, b4_1, c19_1); c19_2 = fma(s, b4_2, c19_2); c19_3 = fma(s, b4_3, c19_3); }
            { let s = vec4<f32>(v5[3]); c19_0 = fma(s, b5_0, c19_0); c19_1 = fma(s, b5_1, c19_1); c19_2 = fma(s, b5_2, c19_2); c19_3 = fma(s, b5_3, c19_3); }
            { let s = vec4<f32>(v6[3]); c19_0 = fma(s, b6_0, c19_0); c19_1 = fma(s, b6_1, c19_1); c19_2 = fma(s, b6_2, c19_2); c19_3 = fma(s, b6_3, c19_3); }
            { let s = vec4<f32>(v7[3]); c19_0 = fma(s, b7_0, c19_0); c19_1 = fma(s, b7_1, c19_1); c19_2 = fma(s, b7_2, c19_2); c19_3 = fma(s, b7_3, c19_3); }
        }
        {
            let v0 = subgroupBroadcast(xa5, 0u);
            let v1 = subgroupBroadcast(xa5, 1u);
            let v2 = subgroupBroadcast(xa5, 2u);
            let v3 = subgroupBroadcast(xa5, 3u);
            let v4 = subgroupBroadcast(xa5, 4u);
            let v5 = subgroupBroadcast(xa5, 5u);
            let v6 = subgroupBroadcast(xa5, 6u);
            let v7 = subgroupBroadcast(xa5, 7u);
            { let s = vec4<f32>(v0[0]); c20_0 = fma(s, b0_0, c20_0); c20_1 = fma(s, b0_1, c20_1); c20_2 = fma(s, b0_2, c20_2); c20_3 = fma(s, b0_3, c20_3); }
            { let s = vec4<f32>(v1[0]); c20_0 = fma(s, b1_0, c20_0); c20_1 = fma(s, b1_1, c20_1); c20_2 = fma(s, b1_2, c20_2); c20_3 = fma(s, b1_3, c20_3); }
            { let s = vec4<f32>(v2[0]); c20_0 = fma(s, b2_0, c20_0); c20_1 = fma(s, b2_1, c20_1); c20_2 = fma(s, b2_2, c20_2); c20_3 = fma(s, b2_3, c20_3); }
            { let s = vec4<f32>(v3[0]); c20_0 = fma(s, b3_0, c20_0); c20_1 = fma(s, b3_1, c20_1); c20_2 = fma(s, b3_2, c20_2); c20_3 = fma(s, b3_3, c20_3); }
            { let s = vec4<f32>(v4[0]); c20_0 = fma(s, b4_0, c20_0); c20_1 = fma(s, b4_1, c20_1); c20_2 = fma(s, b4_2, c20_2); c20_3 = fma(s, b4_3, c20_3); }
            { let s = vec4<f32>(v5[0]); c20_0 = fma(s, b5_0, c20_0); c20_1 = fma(s, b5_1, c20_1); c20_2 = fma(s, b5_2, c20_2); c20_3 = fma(s, b5_3, c20_3); }
            { let s = vec4<f32>(v6[0]); c20_0 = fma(s, b6_0, c20_0); c20_1 = fma(s, b6_1, c20_1); c20_2 = fma(s, b6_2, c20_2); c20_3 = fma(s, b6_3, c20_3); }
            { let s = vec4<f32>(v7[0]); c20_0 = fma(s, b7_0, c20_0); c20_1 = fma(s, b7_1, c20_1); c20_2 = fma(s, b7_2, c20_2); c20_3 = fma(s, b7_3, c20_3); }
            { let s = vec4<f32>(v0[1]); c21_0 = fma(s, b0_0, c21_0); c21_1 = fma(s, b0_1, c21_1); c21_2 = fma(s, b0_2, c21_2); c21_3 = fma(s, b0_3, c21_3); }
            { let s = vec4<f32>(v1[1]); c21_0 = fma(s, b1_0, c21_0); c21_1 = fma(s, b1_1, c21_1); c21_2 = fma(s, b1_2, c21_2); c21_3 = fma(s, b1_3, c21_3); }
            { let s = vec4<f32>(v2[1]); c21_0 = fma(s, b2_0, c21_0); c21_1 = fma(s, b2_1, c21_1); c21_2 = fma(s, b2_2, c21_2); c21_3 = fma(s, b2_3, c21_3); }
            { let s = vec4<f32>(v3[1]); c21_0 = fma(s, b3_0, c21_0); c21_1 = fma(s, b3_1, c21_1); c21_2 = fma(s, b3_2, c21_2); c21_3 = fma(s, b3_3, c21_3); }
            { let s = vec4<f32>(v4[1]); c21_0 = fma(s, b4_0, c21_0); c21_1 = fma(s, b4_1, c21_1); c21_2 = fma(s, b4_2, c21_2); c21_3 = fma(s, b4_3, c21_3); }
            { let s = vec4<f32>(v5[1]); c21_0 = fma(s, b5_0, c21_0); c21_1 = fma(s, b5_1, c21_1); c21_2 = fma(s, b5_2, c21_2); c21_3 = fma(s, b5_3, c21_3); }
            { let s = vec4<f32>(v6[1]); c21_0 = fma(s, b6_0, c21_0); c21_1 = fma(s, b6_1, c21_1); c21_2 = fma(s, b6_2, c21_2); c21_3 = fma(s, b6_3, c21_3); }
            { let s = vec4<f32>(v7[1]); c21_0 = fma(s, b7_0, c21_0); c21_1 = fma(s, b7_1, c21_1); c21_2 = fma(s, b7_2, c21_2); c21_3 = fma(s, b7_3, c21_3); }
            { let s = vec4<f32>(v0[2]); c22_0 = fma(s, b0_0, c22_0); c22_1 = fma(s, b0_1, c22_1); c22_2 = fma(s, b0_2, c22_2); c22_3 = fma(s, b0_3, c22_3); }
            { let s = vec4<f32>(v1[2]); c22_0 = fma(s, b1_0, c22_0); c22_1 = fma(s, b1_1, c22_1); c22_2 = fma(s, b1_2, c22_2); c22_3 = fma(s, b1_3, c22_3); }
            { let s = vec4<f32>(v2[2]); c22_0 = fma(s, b2_0, c22_0); c22_1 = fma(s, b2_1, c22_1); c22_2 = fma(s, b2_2, c22_2); c22_3 = fma(s, b2_3, c22_3); }
            { let s = vec4<f32>(v3[2]); c22_0 = fma(s, b3_0, c22_0); c22_1 = fma(s, b3_1, c22_1); c22_2 = fma(s, b3_2, c22_2); c22_3 = fma(s, b3_3, c22_3); }
            { let s = vec4<f32>(v4[2]); c22_0 = fma(s, b4_0, c22_0); c22_1 = fma(s, b4_1, c22_1); c22_2 = fma(s, b4_2, c22_2); c22_3 = fma(s, b4_3, c22_3); }
            { let s = vec4<f32>(v5[2]); c22_0 = fma(s, b5_0, c22_0); c22_1 = fma(s, b5_1, c22_1); c22_2 = fma(s, b5_2, c22_2); c22_3 = fma(s, b5_3, c22_3); }
            { let s = vec4<f32>(v6[2]); c22_0 = fma(s, b6_0, c22_0); c22_1 = fma(s, b6_1, c22_1); c22_2 = fma(s, b6_2, c22_2); c22_3 = fma(s, b6_3, c22_3); }
            { let s = vec4<f32>(v7[2]); c22_0 = fma(s, b7_0, c22_0); c22_1 = fma(s, b7_1, c22_1); c22_2 = fma(s, b7_2, c22_2); c22_3 = fma(s, b7_3, c22_3); }
            { let s = vec4<f32>(v0[3]); c23_0 = fma(s, b0_0, c23_0); c23_1 = fma(s, b0_1, c23_1); c23_2 = fma(s, b0_2, c23_2); c23_3 = fma(s, b0_3, c23_3); }
            { let s = vec4<f32>(v1[3]); c23_0 = fma(s, b1_0, c23_0); c23_1 = fma(s, b1_1, c23_1); c23_2 = fma(s, b1_2, c23_2); c23_3 = fma(s, b1_3, c23_3); }
            { let s = vec4<f32>(v2[3]); c23_0 = fma(s, b2_0, c23_0); c23_1 = fma(s, b2_1, c23_1); c23_2 = fma(s, b2_2, c23_2); c23_3 = fma(s, b2_3, c23_3); }
            { let s = vec4<f32>(v3[3]); c23_0 = fma(s, b3_0, c23_0); c23_1 = fma(s, b3_1, c23_1); c23_2 = fma(s, b3_2, c23_2); c23_3 = fma(s, b3_3, c23_3); }
            { let s = vec4<f32>(v4[3]); c23_0 = fma(s, b4_0, c23_0); c23_1 = fma(s, b4_1, c23_1); c23_2 = fma(s, b4_2, c23_2); c23_3 = fma(s, b4_3, c23_3); }
            { let s = vec4<f32>(v5[3]); c23_0 = fma(s, b5_0, c23_0); c23_1 = fma(s, b5_1, c23_1); c23_2 = fma(s, b5_2, c23_2); c23_3 = fma(s, b5_3, c23_3); }
            { let s = vec4<f32>(v6[3]); c23_0 = fma(s, b6_0, c23_0); c23_1 = fma(s, b6_1, c23_1); c23_2 = fma(s, b6_2, c23_2); c23_3 = fma(s, b6_3, c23_3); }
            { let s = vec4<f32>(v7[3]); c23_0 = fma(s, b7_0, c23_0); c23_1 = fma(s, b7_1, c23_1); c23_2 = fma(s, b7_2, c23_2); c23_3 = fma(s, b7_3, c23_3); }
        }
        {
            let v0 = subgroupBroadcast(xa6, 0u);
            let v1 = subgroupBroadcast(xa6, 1u);
            let v2 = subgroupBroadcast(xa6, 2u);
            let v3 = subgroupBroadcast(xa6, 3u);
            let v4 = subgroupBroadcast(xa6, 4u);
            let v5 = subgroupBroadcast(xa6, 5u);
            let v6 = subgroupBroadcast(xa6, 6u);
            let v7 = subgroupBroadcast(xa6, 7u);
            { let s = vec4<f32>(v0[0]); c24_0 = fma(s, b0_0, c24_0); c24_1 = fma(s, b0_1, c24_1); c24_2 = fma(s, b0_2, c24_2); c24_3 = fma(s, b0_3, c24_3); }
            { let s = vec4<f32>(v1[0]); c24_0 = fma(s, b1_0, c24_0); c24_1 = fma(s, b1_1, c24_1); c24_2 = fma(s, b1_2, c24_2); c24_3 = fma(s, b1_3, c24_3); }
            { let s = vec4<f32>(v2[0]); c24_0 = fma(s, b2_0, c24_0); c24_1 = fma(s, b2_1, c24_1); c24_2 = fma(s, b2_2, c24_2); c24_3 = fma(s, b2_3, c24_3); }
            { let s = vec4<f32>(v3[0]); c24_0 = fma(s, b3_0, c24_0); c24_1 = fma(s, b3_1, c24_1); c24_2 = fma(s, b3_2, c24_2); c24_3 = fma(s, b3_3, c24_3); }
            { let s = vec4<f32>(v4[0]); c24_0 = fma(s, b4_0, c24_0); c24_1 = fma(s, b4_1, c24_1); c24_2 = fma(s, b4_2, c24_2); c24_3 = fma(s, b4_3, c24_3); }
            { let s = vec4<f32>(v5[0]); c24_0 = fma(s, b5_0, c24_0); c24_1 = fma(s, b5_1, c24_1); c24_2 = fma(s, b5_2, c24_2); c24_3 = fma(s, b5_3, c24_3); }
            { let s = vec4<f32>(v6[0]); c24_0 = fma(s, b6_0, c24_0); c24_1 = fma(s, b6_1, c24_1); c24_2 = fma(s, b6_2, c24_2); c24_3 = fma(s, b6_3, c24_3); }
            { let s = vec4<f32>(v7[0]); c24_0 = fma(s, b7_0, c24_0); c24_1 = fma(s, b7_1, c24_1); c24_2 = fma(s, b7_2, c24_2); c24_3 = fma(s, b7_3, c24_3); }
            { let s = vec4<f32>(v0[1]); c25_0 = fma(s, b0_0, c25_0); c25_1 = fma(s, b0_1, c25_1); c25_2 = fma(s, b0_2, c25_2); c25_3 = fma(s, b0_3, c25_3); }
            { let s = vec4<f32>(v1[1]); c25_0 = fma(s, b1_0, c25_0); c25_1 = fma(s, b1_1, c25_1); c25_2 = fma(s, b1_2, c25_2); c25_3 = fma(s, b1_3, c25_3); }
            { let s = vec4<f32>(v2[1]); c25_0 = fma(s, b2_0, c25_0); c25_1 = fma(s, b2_1, c25_1); c25_2 = fma(s, b2_2, c25_2); c25_3 = fma(s, b2_3, c25_3); }
            { let s = vec4<f32>(v3[1]); c25_0 = fma(s, b3_0, c25_0); c25_1 = fma(s, b3_1, c25_1); c25_2 = fma(s, b3_2, c25_2); c25_3 = fma(s, b3_3, c25_3); }
            { let s = vec4<f32>(v4[1]); c25_0 = fma(s, b4_0, c25_0); c25_1 = fma(s, b4_1, c25_1); c25_2 = fma(s, b4_2, c25_2); c25_3 = fma(s, b4_3, c25_3); }
            { let s = vec4<f32>(v5[1]); c25_0 = fma(s, b5_0, c25_0); c25_1 = fma(s, b5_1, c25_1); c25_2 = fma(s, b5_2, c25_2); c25_3 = fma(s, b5_3, c25_3); }
            { let s = vec4<f32>(v6[1]); c25_0 = fma(s, b6_0, c25_0); c25_1 = fma(s, b6_1, c25_1); c25_2 = fma(s, b6_2, c25_2); c25_3 = fma(s, b6_3, c25_3); }
            { let s = vec4<f32>(v7[1]); c25_0 = fma(s, b7_0, c25_0); c25_1 = fma(s, b7_1, c25_1); c25_2 = fma(s, b7_2, c25_2); c25_3 = fma(s, b7_3, c25_3); }
            { let s = vec4<f32>(v0[2]); c26_0 = fma(s, b0_0, c26_0); c26_1 = fma(s, b0_1, c26_1); c26_2 = fma(s, b0_2, c26_2); c26_3 = fma(s, b0_3, c26_3); }
            { let s = vec4<f32>(v1[2]); c26_0 = fma(s, b1_0, c26_0); c26_1 = fma(s, b1_1, c26_1); c26_2 = fma(s, b1_2, c26_2); c26_3 = fma(s, b1_3, c26_3); }
            { let s = vec4<f32>(v2[2]); c26_0 = fma(s, b2_0, c26_0); c26_1 = fma(s, b2_1, c26_1); c26_2 = fma(s, b2_2, c26_2); c26_3 = fma(s, b2_3, c26_3); }
            { let s = vec4<f32>(v3[2]); c26_0 = fma(s, b3_0, c26_0); c26_1 = fma(s, b3_1, c26_1); c26_2 = fma(s, b3_2, c26_2); c26_3 = fma(s, b3_3, c26_3); }
            { let s = vec4<f32>(v4[2]); c26_0 = fma(s, b4_0, c26_0); c26_1 = fma(s, b4_1, c26_1); c26_2 = fma(s, b4_2, c26_2); c26_3 = fma(s, b4_3, c26_3); }
            { let s = vec4<f32>(v5[2]); c26_0 = fma(s, b5_0, c26_0); c26_1 = fma(s, b5_1, c26_1); c26_2 = fma(s, b5_2, c26_2); c26_3 = fma(s, b5_3, c26_3); }
            { let s = vec4<f32>(v6[2]); c26_0 = fma(s, b6_0, c26_0); c26_1 = fma(s, b6_1, c26_1); c26_2 = fma(s, b6_2, c26_2); c26_3 = fma(s, b6_3, c26_3); }
            { let s = vec4<f32>(v7[2]); c26_0 = fma(s, b7_0, c26_0); c26_1 = fma(s, b7_1, c26_1); c26_2 = fma(s, b7_2, c26_2); c26_3 = fma(s, b7_3, c26_3); }
            { let s = vec4<f32>(v0[3]); c27_0 = fma(s, b0_0, c27_0); c27_1 = fma(s, b0_1, c27_1); c27_2 = fma(s, b0_2, c27_2); c27_3 = fma(s, b0_3, c27_3); }
            { let s = vec4<f32>(v1[3]); c27_0 = fma(s, b1_0, c27_0); c27_1 = fma(s, b1_1, c27_1); c27_2 = fma(s, b1_2, c27_2); c27_3 = fma(s, b1_3, c27_3); }
            { let s = vec4<f32>(v2[3]); c27_0 = fma(s, b2_0, c27_0); c27_1 = fma(s, b2_1, c27_1); c27_2 = fma(s, b2_2, c27_2); c27_3 = fma(s, b2_3, c27_3); }
            { let s = vec4<f32>(v3[3]); c27_0 = fma(s, b3_0, c27_0); c27_1 = fma(s, b3_1, c27_1); c27_2 = fma(s, b3_2, c27_2); c27_3 = fma(s, b3_3, c27_3); }
            { let s = vec4<f32>(v4[3]); c27_0 = fma(s, b4_0, c27_0); c27_1 = fma(s, b4_1, c27_1); c27_2 = fma(s, b4_2, c27_2); c27_3 = fma(s, b4_3, c27_3); }
            { let s = vec4<f32>(v5[3]); c27_0 = fma(s, b5_0, c27_0); c27_1 = fma(s, b5_1, c27_1); c27_2 = fma(s, b5_2, c27_2); c27_3 = fma(s, b5_3, c27_3); }
            { let s = vec4<f32>(v6[3]); c27_0 = fma(s, b6_0, c27_0); c27_1 = fma(s, b6_1, c27_1); c27_2 = fma(s, b6_2, c27_2); c27_3 = fma(s, b6_3, c27_3); }
            { let s = vec4<f32>(v7[3]); c27_0 = fma(s, b7_0, c27_0); c27_1 = fma(s, b7_1, c27_1); c27_2 = fma(s, b7_2, c27_2); c27_3 = fma(s, b7_3, c27_3); }
        }
        {
            let v0 = subgroupBroadcast(xa7, 0u);
            let v1 = subgroupBroadcast(xa7, 1u);
            let v2 = subgroupBroadcast(xa7, 2u);
            let v3 = subgroupBroadcast(xa7, 3u);
            let v4 = subgroupBroadcast(xa7, 4u);
            let v5 = subgroupBroadcast(xa7, 5u);
            let v6 = subgroupBroadcast(xa7, 6u);
            let v7 = subgroupBroadcast(xa7, 7u);
            { let s = vec4<f32>(v0[0]); c28_0 = fma(s, b0_0, c28_0); c28_1 = fma(s, b0_1, c28_1); c28_2 = fma(s, b0_2, c28_2); c28_3 = fma(s, b0_3, c28_3); }
            { let s = vec4<f32>(v1[0]); c28_0 = fma(s, b1_0, c28_0); c28_1 = fma(s, b1_1, c28_1); c28_2 = fma(s, b1_2, c28_2); c28_3 = fma(s, b1_3, c28_3); }
            { let s = vec4<f32>(v2[0]); c28_0 = fma(s, b2_0, c28_0); c28_1 = fma(s, b2_1, c28_1); c28_2 = fma(s, b2_2, c28_2); c28_3 = fma(s, b2_3, c28_3); }
            { let s = vec4<f32>(v3[0]); c28_0 = fma(s, b3_0, c28_0); c28_1 = fma(s, b3_1, c28_1); c28_2 = fma(s, b3_2, c28_2); c28_3 = fma(s, b3_3, c28_3); }
            { let s = vec4<f32>(v4[0]); c28_0 = fma(s, b4_0, c28_0); c28_1 = fma(s, b4_1, c28_1); c28_2 = fma(s, b4_2, c28_2); c28_3 = fma(s, b4_3, c28_3); }
            { let s = vec4<f32>(v5[0]); c28_0 = fma(s, b5_0, c28_0); c28_1 = fma(s, b5_1, c28_1); c28_2 = fma(s, b5_2, c28_2); c28_3 = fma(s, b5_3, c28_3); }
            { let s = vec4<f32>(v6[0]); c28_0 = fma(s, b6_0, c28_0); c28_1 = fma(s, b6_1, c28_1); c28_2 = fma(s, b6_2, c28_2); c28_3 = fma(s, b6_3, c28_3); }
            { let s = vec4<f32>(v7[0]); c28_0 = fma(s, b7_0, c28_0); c28_1 = fma(s, b7_1, c28_1); c28_2 = fma(s, b7_2, c28_2); c28_3 = fma(s, b7_3, c28_3); }
            { let s = vec4<f32>(v0[1]); c29_0 = fma(s, b0_0, c29_0); c29_1 = fma(s, b0_1, c29_1); c29_2 = fma(s, b0_2, c29_2); c29_3 = fma(s, b0_3, c29_3); }
            { let s = vec4<f32>(v1[1]); c29_0 = fma(s, b1_0, c29_0); c29_1 = fma(s, b1_1, c29_1); c29_2 = fma(s, b1_2, c29_2); c29_3 = fma(s, b1_3, c29_3); }
            { let s = vec4<f32>(v2[1]); c29_0 = fma(s, b2_0, c29_0); c29_1 = fma(s, b2_1, c29_1); c29_2 = fma(s, b2_2, c29_2); c29_3 = fma(s, b2_3, c29_3); }
            { let s = vec4<f32>(v3[1]); c29_0 = fma(s, b3_0, c29_0); c29_1 = fma(s, b3_1, c29_1); c29_2 = fma(s, b3_2, c29_2); c29_3 = fma(s, b3_3, c29_3); }
            { let s = vec4<f32>(v4[1]); c29_0 = fma(s, b4_0, c29_0); c29_1 = fma(s, b4_1, c29_1); c29_2 = fma(s, b4_2, c29_2); c29_3 = fma(s, b4_3, c29_3); }
            { let s = vec4<f32>(v5[1]); c29_0 = fma(s, b5_0, c29_0); c29_1 = fma(s, b5_1, c29_1); c29_2 = fma(s, b5_2, c29_2); c29_3 = fma(s, b5_3, c29_3); }
            { let s = vec4<f32>(v6[1]); c29_0 = fma(s, b6_0, c29_0); c29_1 = fma(s, b6_1, c29_1); c29_2 = fma(s, b6_2, c29_2); c29_3 = fma(s, b6_3, c29_3); }
            { let s = vec4<f32>(v7[1]); c29_0 = fma(s, b7_0, c29_0); c29_1 = fma(s, b7_1, c29_1); c29_2 = fma(s, b7_2, c29_2); c29_3 = fma(s, b7_3, c29_3); }
            { let s = vec4<f32>(v0[2]); c30_0 = fma(s, b0_0, c30_0); c30_1 = fma(s, b0_1, c30_1); c30_2 = fma(s, b0_2, c30_2); c30_3 = fma(s, b0_3, c30_3); }
            { let s = vec4<f32>(v1[2]); c30_0 = fma(s, b1_0, c30_0); c30_1 = fma(s, b1_1, c30_1); c30_2 = fma(s, b1_2, c30_2); c30_3 = fma(s, b1_3, c30_3); }
            { let s = vec4<f32>(v2[2]); c30_0 = fma(s, b2_0, c30_0); c30_1 = fma(s, b2_1, c30_1); c30_2 = fma(s, b2_2, c30_2); c30_3 = fma(s, b2_3, c30_3); }
            { let s = vec4<f32>(v3[2]); c30_0 = fma(s, b3_0, c30_0); c30_1 = fma(s, b3_1, c30_1); c30_2 = fma(s, b3_2, c30_2); c30_3 = fma(s, b3_3, c30_3); }
            { let s = vec4<f32>(v4[2]); c30_0 = fma(s, b4_0, c30_0); c30_1 = fma(s, b4_1, c30_1); c30_2 = fma(s, b4_2, c30_2); c30_3 = fma(s, b4_3, c30_3); }
            { let s = vec4<f32>(v5[2]); c30_0 = fma(s, b5_0, c30_0); c30_1 = fma(s, b5_1, c30_1); c30_2 = fma(s, b5_2, c30_2); c30_3 = fma(s, b5_3, c30_3); }
            { let s = vec4<f32>(v6[2]); c30_0 = fma(s, b6_0, c30_0); c30_1 = fma(s, b6_1, c30_1); c30_2 = fma(s, b6_2, c30_2); c30_3 = fma(s, b6_3, c30_3); }
            { let s = vec4<f32>(v7[2]); c30_0 = fma(s, b7_0, c30_0); c30_1 = fma(s, b7_1, c30_1); c30_2 = fma(s, b7_2, c30_2); c30_3 = fma(s, b7_3, c30_3); }
            { let s = vec4<f32>(v0[3]); c31_0 = fma(s, b0_0, c31_0); c31_1 = fma(s, b0_1, c31_1); c31_2 = fma(s, b0_2, c31_2); c31_3 = fma(s, b0_3, c31_3); }
            { let s = vec4<f32>(v1[3]); c31_0 = fma(s, b1_0, c31_0); c31_1 = fma(s, b1_1, c31_1); c31_2 = fma(s, b1_2, c31_2); c31_3 = fma(s, b1_3, c31_3); }
            { let s = vec4<f32>(v2[3]); c31_0 = fma(s, b2_0, c31_0); c31_1 = fma(s, b2_1, c31_1); c31_2 = fma(s, b2_2, c31_2); c31_3 = fma(s, b2_3, c31_3); }
            { let s = vec4<f32>(v3[3]); c31_0 = fma(s, b3_0, c31_0); c31_1 = fma(s, b3_1, c31_1); c31_2 = fma(s, b3_2, c31_2); c31_3 = fma(s, b3_3, c31_3); }
            { let s = vec4<f32>(v4[3]); c31_0 = fma(s, b4_0, c31_0); c31_1 = fma(s, b4_1, c31_1); c31_2 = fma(s, b4_2, c31_2); c31_3 = fma(s, b4_3, c31_3); }
            { let s = vec4<f32>(v5[3]); c31_0 = fma(s, b5_0, c31_0); c31_1 = fma(s, b5_1, c31_1); c31_2 = fma(s, b5_2, c31_2); c31_3 = fma(s, b5_3, c31_3); }
            { let s = vec4<f32>(v6[3]); c31_0 = fma(s, b6_0, c31_0); c31_1 = fma(s, b6_1, c31_1); c31_2 = fma(s, b6_2, c31_2); c31_3 = fma(s, b6_3, c31_3); }
            { let s = vec4<f32>(v7[3]); c31_0 = fma(s, b7_0, c31_0); c31_1 = fma(s, b7_1, c31_1); c31_2 = fma(s, b7_2, c31_2); c31_3 = fma(s, b7_3, c31_3); }
        }
        if (WG_ROWS > 32u) {
            let xa8 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 32u), kin);
            let xa9 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 36u), kin);
            let xa10 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 40u), kin);
            let xa11 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 44u), kin);
            let xa12 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 48u), kin);
            let xa13 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 52u), kin);
            let xa14 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 56u), kin);
            let xa15 = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + 60u), kin);
            {
                let v0 = subgroupBroadcast(xa8, 0u);
                let v1 = subgroupBroadcast(xa8, 1u);
                let v2 = subgroupBroadcast(xa8, 2u);
                let v3 = subgroupBroadcast(xa8, 3u);
                let v4 = subgroupBroadcast(xa8, 4u);
                let v5 = subgroupBroadcast(xa8, 5u);
                let v6 = subgroupBroadcast(xa8, 6u);
                let v7 = subgroupBroadcast(xa8, 7u);
                { let s = vec4<f32>(v0[0]); c32_0 = fma(s, b0_0, c32_0); c32_1 = fma(s, b0_1, c32_1); c32_2 = fma(s, b0_2, c32_2); c32_3 = fma(s, b0_3, c32_3); }
                { let s = vec4<f32>(v1[0]); c32_0 = fma(s, b1_0, c32_0); c32_1 = fma(s, b1_1, c32_1); c32_2 = fma(s, b1_2, c32_2); c32_3 = fma(s, b1_3, c32_3); }
                { let s = vec4<f32>(v2[0]); c32_0 = fma(s, b2_0, c32_0); c32_1 = fma(s, b2_1, c32_1); c32_2 = fma(s, b2_2, c32_2); c32_3 = fma(s, b2_3, c32_3); }
                { let s = vec4<f32>(v3[0]); c32_0 = fma(s, b3_0, c32_0); c32_1 = fma(s, b3_1, c32_1); c32_2 = fma(s, b3_2, c32_2); c32_3 = fma(s, b3_3, c32_3); }
                { let s = vec4<f32>(v4[0]); c32_0 = fma(s, b4_0, c32_0); c32_1 = fma(s, b4_1, c32_1); c32_2 = fma(s, b4_2, c32_2); c32_3 = fma(s, b4_3, c32_3); }
                { let s = vec4<f32>(v5[0]); c32_0 = fma(s, b5_0, c32_0); c32_1 = fma(s, b5_1, c32_1); c32_2 = fma(s, b5_2, c32_2); c32_3 = fma(s, b5_3, c32_3); }
                { let s = vec4<f32>(v6[0]); c32_0 = fma(s, b6_0, c32_0); c32_1 = fma(s, b6_1, c32_1); c32_2 = fma(s, b6_2, c32_2); c32_3 = fma(s, b6_3, c32_3); }
                { let s = vec4<f32>(v7[0]); c32_0 = fma(s, b7_0, c32_0); c32_1 = fma(s, b7_1, c32_1); c32_2 = fma(s, b7_2, c32_2); c32_3 = fma(s, b7_3, c32_3); }
                { let s = vec4<f32>(v0[1]); c33_0 = fma(s, b0_0, c33_0); c33_1 = fma(s, b0_1, c33_1); c33_2 = fma(s, b0_2, c33_2); c33_3 = fma(s, b0_3, c33_3); }
                { let s = vec4<f32>(v1[1]); c33_0 = fma(s, b1_0, c33_0); c33_1 = fma(s, b1_1, c33_1); c33_2 = fma(s, b1_2, c33_2); c33_3 = fma(s, b1_3, c33_3); }
                { let s = vec4<f32>(v2[1]); c33_0 = fma(s, b2_0, c33_0); c33_1 = fma(s, b2_1, c33_1); c33_2 = fma(s, b2_2, c33_2); c33_3 = fma(s, b2_3, c33_3); }
                { let s = vec4<f32>(v3[1]); c33_0 = fma(s, b3_0, c33_0); c33_1 = fma(s, b3_1, c33_1); c33_2 = fma(s, b3_2, c33_2); c33_3 = fma(s, b3_3, c33_3); }
                { let s = vec4<f32>(v4[1]); c33_0 = fma(s, b4_0, c33_0); c33_1 = fma(s, b4_1, c33_1); c33_2 = fma(s, b4_2, c33_2); c33_3 = fma(s, b4_3, c33_3); }
                { let s = vec4<f32>(v5[1]); c33_0 = fma(s, b5_0, c33_0); c33_1 = fma(s, b5_1, c33_1); c33_2 = fma(s, b5_2, c33_2); c33_3 = fma(s, b5_3, c33_3); }
                { let s = vec4<f32>(v6[1]); c33_0 = fma(s, b6_0, c33_0); c33_1 = fma(s, b6_1, c33_1); c33_2 = fma(s, b6_2, c33_2); c33_3 = fma(s, b6_3, c33_3); }
                { let s = vec4<f32>(v7[1]); c33_0 = fma(s, b7_0, c33_0); c33_1 = fma(s, b7_1, c33_1); c33_2 = fma(s, b7_2, c33_2); c33_3 = fma(s, b7_3, c33_3); }
                { let s = vec4<f32>(v0[2]); c34_0 = fma(s, b0_0, c34_0); c34_1 = fma(s, b0_1, c34_1); c34_2 = fma(s, b0_2, c34_2); c34_3 = fma(s, b0_3, c34_3); }
                { let s = vec4<f32>(v1[2]); c34_0 = fma(s, b1_0, c34_0); c34_1 = fma(s, b1_1, c34_1); c34_2 = fma(s, b1_2, c34_2); c34_3 = fma(s, b1_3, c34_3); }
                { let s = vec4<f32>(v2[2]); c34_0 = fma(s, b2_0, c34_0); c34_1 = fma(s, b2_1, c34_1); c34_2 = fma(s, b2_2, c34_2); c34_3 = fma(s, b2_3, c34_3); }
                { let s = vec4<f32>(v3[2]); c34_0 = fma(s, b3_0, c34_0); c34_1 = fma(s, b3_1, c34_1); c34_2 = fma(s, b3_2, c34_2); c34_3 = fma(s, b3_3, c34_3); }
                { let s = vec4<f32>(v4[2]); c34_0 = fma(s, b4_0, c34_0); c34_1 = fma(s, b4_1, c34_1); c34_2 = fma(s, b4_2, c34_2); c34_3 = fma(s, b4_3, c34_3); }
                { let s = vec4<f32>(v5[2]); c34_0 = fma(s, b5_0, c34_0); c34_1 = fma(s, b5_1, c34_1); c34_2 = fma(s, b5_2, c34_2); c34_3 = fma(s, b5_3, c34_3); }
                { let s = vec4<f32>(v6[2]); c34_0 = fma(s, b6_0, c34_0); c34_1 = fma(s, b6_1, c34_1); c34_2 = fma(s, b6_2, c34_2); c34_3 = fma(s, b6_3, c34_3); }
                { let s = vec4<f32>(v7[2]); c34_0 = fma(s, b7_0, c34_0); c34_1 = fma(s, b7_1, c34_1); c34_2 = fma(s, b7_2, c34_2); c34_3 = fma(s, b7_3, c34_3); }
                { let s = vec4<f32>(v0[3]); c35_0 = fma(s, b0_0, c35_0); c35_1 = fma(s, b0_1, c35_1); c35_2 = fma(s, b0_2, c35_2); c35_3 = fma(s, b0_3, c35_3); }
                { let s = vec4<f32>(v1[3]); c35_0 = fma(s, b1_0, c35_0); c35_1 = fma(s, b1_1, c35_1); c35_2 = fma(s, b1_2, c35_2); c35_3 = fma(s, b1_3, c35_3); }
                { let s = vec4<f32>(v2[3]); c35_0 = fma(s, b2_0, c35_0); c35_1 = fma(s, b2_1, c35_1); c35_2 = fma(s, b2_2, c35_2); c35_3 = fma(s, b2_3, c35_3); }
                { let s = vec4<f32>(v3[3]); c35_0 = fma(s, b3_0, c35_0); c35_1 = fma(s, b3_1, c35_1); c35_2 = fma(s, b3_2, c35_2); c35_3 = fma(s, b3_3, c35_3); }
                { let s = vec4<f32>(v4[3]); c35_0 = fma(s, b4_0, c35_0); c35_1 = fma(s, b4_1, c35_1); c35_2 = fma(s, b4_2, c35_2); c35_3 = fma(s, b4_3, c35_3); }
                { let s = vec4<f32>(v5[3]); c35_0 = fma(s, b5_0, c35_0); c35_1 = fma(s, b5_1, c35_1); c35_2 = fma(s, b5_2, c35_2); c35_3 = fma(s, b5_3, c35_3); }
                { let s = vec4<f32>(v6[3]); c35_0 = fma(s, b6_0, c35_0); c35_1 = fma(s, b6_1, c35_1); c35_2 = fma(s, b6_2, c35_2); c35_3 = fma(s, b6_3, c35_3); }
                { let s = vec4<f32>(v7[3]); c35_0 = fma(s, b7_0, c35_0); c35_1 = fma(s, b7_1, c35_1); c35_2 = fma(s, b7_2, c35_2); c35_3 = fma(s, b7_3, c35_3); }
            }
            {
                let v0 = subgroupBroadcast(xa9, 0u);
                let v1 = subgroupBroadcast(xa9, 1u);
                let v2 = subgroupBroadcast(xa9, 2u);
                let v3 = subgroupBroadcast(xa9, 3u);
                let v4 = subgroupBroadcast(xa9, 4u);
                let v5 = subgroupBroadcast(xa9, 5u);
                let v6 = subgroupBroadcast(xa9, 6u);
                let v7 = subgroupBroadcast(xa9, 7u);
                { let s = vec4<f32>(v0[0]); c36_0 = fma(s, b0_0, c36_0); c36_1 = fma(s, b0_1, c36_1); c36_2 = fma(s, b0_2, c36_2); c36_3 = fma(s, b0_3, c36_3); }
                { let s = vec4<f32>(v1[0]); c36_0 = fma(s, b1_0, c36_0); c36_1 = fma(s, b1_1, c36_1); c36_2 = fma(s, b1_2, c36_2); c36_3 = fma(s, b1_3, c36_3); }
                { let s = vec4<f32>(v2[0]); c36_0 = fma(s, b2_0, c36_0); c36_1 = fma(s, b2_1, c36_1); c36_2 = fma(s, b2_2, c36_2); c36_3 = fma(s, b2_3, c36_3); }
                { let s = vec4<f32>(v3[0]); c36_0 = fma(s, b3_0, c36_0); c36_1 = fma(s, b3_1, c36_1); c36_2 = fma(s, b3_2, c36_2); c36_3 = fma(s, b3_3, c36_3); }
                { let s = vec4<f32>(v4[0]); c36_0 = fma(s, b4_0, c36_0); c36_1 = fma(s, b4_1, c36_1); c36_2 = fma(s, b4_2, c36_2); c36_3 = fma(s, b4_3, c36_3); }
                { let s = vec4<f32>(v5[0]); c36_0 = fma(s, b5_0, c36_0); c36_1 = fma(s, b5_1, c36_1); c36_2 = fma(s, b5_2, c36_2); c36_3 = fma(s, b5_3, c36_3); }
                { let s = vec4<f32>(v6[0]); c36_0 = fma(s, b6_0, c36_0); c36_1 = fma(s, b6_1, c36_1); c36_2 = fma(s, b6_2, c36_2); c36_3 = fma(s, b6_3, c36_3); }
                { let s = vec4<f32>(v7[0]); c36_0 = fma(s, b7_0, c36_0); c36_1 = fma(s, b7_1, c36_1); c36_2 = fma(s, b7_2, c36_2); c36_3 = fma(s, b7_3, c36_3); }
                { let s = vec4<f32>(v0[1]); c37_0 = fma(s, b0_0, c37_0); c37_1 = fma(s, b0_1, c37_1); c37_2 = fma(s, b0_2, c37_2); c37_3 = fma(s, b0_3, c37_3); }
                { let s = vec4<f32>(v1[1]); c37_0 = fma(s, b1_0, c37_0); c37_1 = fma(s, b1_1, c37_1); c37_2 = fma(s, b1_2, c37_2); c37_3 = fma(s, b1_3, c37_3); }
                { let s = vec4<f32>(v2[1]); c37_0 = fma(s, b2_0, c37_0); c37_1 = fma(s, b2_1, c37_1); c37_2 = fma(s, b2_2, c37_2); c37_3 = fma(s, b2_3, c37_3); }
                { let s = vec4<f32>(v3[1]); c37_0 = fma(s, b3_0, c37_0); c37_1 = fma(s, b3_1, c37_1); c37_2 = fma(s, b3_2, c37_2); c37_3 = fma(s, b3_3, c37_3); }
                { let s = vec4<f32>(v4[1]); c37_0 = fma(s, b4_0, c37_0); c37_1 = fma(s, b4_1, c37_1); c37_2 = fma(s, b4_2, c37_2); c37_3 = fma(s, b4_3, c37_3); }
                { let s = vec4<f32>(v5[1]); c37_0 = fma(s, b5_0, c37_0); c37_1 = fma(s, b5_1, c37_1); c37_2 = fma(s, b5_2, c37_2); c37_3 = fma(s, b5_3, c37_3); }
                { let s = vec4<f32>(v6[1]); c37_0 = fma(s, b6_0, c37_0); c37_1 = fma(s, b6_1, c37_1); c37_2 = fma(s, b6_2, c37_2); c37_3 = fma(s, b6_3, c37_3); }
                { let s = vec4<f32>(v7[1]); c37_0 = fma(s, b7_0, c37_0); c37_1 = fma(s, b7_1, c37_1); c37_2 = fma(s, b7_2, c37_2); c37_3 = fma(s, b7_3, c37_3); }
                { let s = vec4<f32>(v0[2]); c38_0 = fma(s, b0_0, c38_0); c38_1 = fma(s, b0_1, c38_1); c38_2 = fma(s, b0_2, c38_2); c38_3 = fma(s, b0_3, c38_3); }
                { let s = vec4<f32>(v1[2]); c38_0 = fma(s, b1_0, c38_0); c38_1 = fma(s, b1_1, c38_1); c38_2 = fma(s, b1_2, c38_2); c38_3 = fma(s, b1_3, c38_3); }
                { let s = vec4<f32>(v2[2]); c38_0 = fma(s, b2_0, c38_0); c38_1 = fma(s, b2_1, c38_1); c38_2 = fma(s, b2_2, c38_2); c38_3 = fma(s, b2_3, c38_3); }
                { let s = vec4<f32>(v3[2]); c38_0 = fma(s, b3_0, c38_0); c38_1 = fma(s, b3_1, c38_1); c38_2 = fma(s, b3_2, c38_2); c38_3 = fma(s, b3_3, c38_3); }
                { let s = vec4<f32>(v4[2]); c38_0 = fma(s, b4_0, c38_0); c38_1 = fma(s, b4_1, c38_1); c38_2 = fma(s, b4_2, c38_2); c38_3 = fma(s, b4_3, c38_3); }
                { let s = vec4<f32>(v5[2]); c38_0 = fma(s, b5_0, c38_0); c38_1 = fma(s, b5_1, c38_1); c38_2 = fma(s, b5_2, c38_2); c38_3 = fma(s, b5_3, c38_3); }
                { let s = vec4<f32>(v6[2]); c38_0 = fma(s, b6_0, c38_0); c38_1 = fma(s, b6_1, c38_1); c38_2 = fma(s, b6_2, c38_2); c38_3 = fma(s, b6_3, c38_3); }
                { let s = vec4<f32>(v7[2]); c38_0 = fma(s, b7_0, c38_0); c38_1 = fma(s, b7_1, c38_1); c38_2 = fma(s, b7_2, c38_2); c38_3 = fma(s, b7_3, c38_3); }
                { let s = vec4<f32>(v0[3]); c39_0 = fma(s, b0_0, c39_0); c39_1 = fma(s, b0_1, c39_1); c39_2 = fma(s, b0_2, c39_2); c39_3 = fma(s, b0_3, c39_3); }
                { let s = vec4<f32>(v1[3]); c39_0 = fma(s, b1_0, c39_0); c39_1 = fma(s, b1_1, c39_1); c39_2 = fma(s, b1_2, c39_2); c39_3 = fma(s, b1_3, c39_3); }
                { let s = vec4<f32>(v2[3]); c39_0 = fma(s, b2_0, c39_0); c39_1 = fma(s, b2_1, c39_1); c39_2 = fma(s, b2_2, c39_2); c39_3 = fma(s, b2_3, c39_3); }
                { let s = vec4<f32>(v3[3]); c39_0 = fma(s, b3_0, c39_0); c39_1 = fma(s, b3_1, c39_1); c39_2 = fma(s, b3_2, c39_2); c39_3 = fma(s, b3_3, c39_3); }
                { let s = vec4<f32>(v4[3]); c39_0 = fma(s, b4_0, c39_0); c39_1 = fma(s, b4_1, c39_1); c39_2 = fma(s, b4_2, c39_2); c39_3 = fma(s, b4_3, c39_3); }
                { let s = vec4<f32>(v5[3]); c39_0 = fma(s, b5_0, c39_0); c39_1 = fma(s, b5_1, c39_1); c39_2 = fma(s, b5_2, c39_2); c39_3 = fma(s, b5_3, c39_3); }
                { let s = vec4<f32>(v6[3]); c39_0 = fma(s, b6_0, c39_0); c39_1 = fma(s, b6_1, c39_1); c39_2 = fma(s, b6_2, c39_2); c39_3 = fma(s, b6_3, c39_3); }
                { let s = vec4<f32>(v7[3]); c39_0 = fma(s, b7_0, c39_0); c39_1 = fma(s, b7_1, c39_1); c39_2 = fma(s, b7_2, c39_2); c39_3 = fma(s, b7_3, c39_3); }
            }
            {
                let v0 = subgroupBroadcast(xa10, 0u);
                let v1 = subgroupBroadcast(xa10, 1u);
                let v2 = subgroupBroadcast(xa10, 2u);
                let v3 = subgroupBroadcast(xa10, 3u);
                let v4 = subgroupBroadcast(xa10, 4u);
                let v5 = subgroupBroadcast(xa10, 5u);
                let v6 = subgroupBroadcast(xa10, 6u);
                let v7 = subgroupBroadcast(xa10, 7u);
                { let s = vec4<f32>(v0[0]); c40_0 = fma(s, b0_0, c40_0); c40_1 = fma(s, b0_1, c40_1); c40_2 = fma(s, b0_2, c40_2); c40_3 = fma(s, b0_3, c40_3); }
                { let s = vec4<f32>(v1[0]); c40_0 = fma(s, b1_0, c40_0); c40_1 = fma(s, b1_1, c40_1); c40_2 = fma(s, b1_2, c40_2); c40_3 = fma(s, b1_3, c40_3); }
                { let s = vec4<f32>(v2[0]); c40_0 = fma(s, b2_0, c40_0); c40_1 = fma(s, b2_1, c40_1); c40_2 = fma(s, b2_2, c40_2); c40_3 = fma(s, b2_3, c40_3); }
                { let s = vec4<f32>(v3[0]); c40_0 = fma(s, b3_0, c40_0); c40_1 = fma(s, b3_1, c40_1); c40_2 = fma(s, b3_2, c40_2); c40_3 = fma(s, b3_3, c40_3); }
                { let s = vec4<f32>(v4[0]); c40_0 = fma(s, b4_0, c40_0); c40_1 = fma(s, b4_1, c40_1); c40_2 = fma(s, b4_2, c40_2); c40_3 = fma(s, b4_3, c40_3); }
                { let s = vec4<f32>(v5[0]); c40_0 = fma(s, b5_0, c40_0); c40_1 = fma(s, b5_1, c40_1); c40_2 = fma(s, b5_2, c40_2); c40_3 = fma(s, b5_3, c40_3); }
                { let s = vec4<f32>(v6[0]); c40_0 = fma(s, b6_0, c40_0); c40_1 = fma(s, b6_1, c40_1); c40_2 = fma(s, b6_2, c40_2); c40_3 = fma(s, b6_3, c40_3); }
                { let s = vec4<f32>(v7[0]); c40_0 = fma(s, b7_0, c40_0); c40_1 = fma(s, b7_1, c40_1); c40_2 = fma(s, b7_2, c40_2); c40_3 = fma(s, b7_3, c40_3); }
                { let s = vec4<f32>(v0[1]); c41_0 = fma(s, b0_0, c41_0); c41_1 = fma(s, b0_1, c41_1); c41_2 = fma(s, b0_2, c41_2); c41_3 = fma(s, b0_3, c41_3); }
                { let s = vec4<f32>(v1[1]); c41_0 = fma(s, b1_0, c41_0); c41_1 = fma(s, b1_1, c41_1); c41_2 = fma(s, b1_2, c41_2); c41_3 = fma(s, b1_3, c41_3); }
                { let s = vec4<f32>(v2[1]); c41_0 = fma(s, b2_0, c41_0); c41_1 = fma(s, b2_1, c41_1); c41_2 = fma(s, b2_2, c41_2); c41_3 = fma(s, b2_3, c41_3); }
                { let s = vec4<f32>(v3[1]); c41_0 = fma(s, b3_0, c41_0); c41_1 = fma(s, b3_1, c41_1); c41_2 = fma(s, b3_2, c41_2); c41_3 = fma(s, b3_3, c41_3); }
                { let s = vec4<f32>(v4[1]); c41_0 = fma(s, b4_0, c41_0); c41_1 = fma(s, b4_1, c41_1); c41_2 = fma(s, b4_2, c41_2); c41_3 = fma(s, b4_3, c41_3); }
                { let s = vec4<f32>(v5[1]); c41_0 = fma(s, b5_0, c41_0); c41_1 = fma(s, b5_1, c41_1); c41_2 = fma(s, b5_2, c41_2); c41_3 = fma(s, b5_3, c41_3); }
                { let s = vec4<f32>(v6[1]); c41_0 = fma(s, b6_0, c41_0); c41_1 = fma(s, b6_1, c41_1); c41_2 = fma(s, b6_2, c41_2); c41_3 = fma(s, b6_3, c41_3); }
                { let s = vec4<f32>(v7[1]); c41_0 = fma(s, b7_0, c41_0); c41_1 = fma(s, b7_1, c41_1); c41_2 = fma(s, b7_2, c41_2); c41_3 = fma(s, b7_3, c41_3); }
                { let s = vec4<f32>(v0[2]); c42_0 = fma(s, b0_0, c42_0); c42_1 = fma(s, b0_1, c42_1); c42_2 = fma(s, b0_2, c42_2); c42_3 = fma(s, b0_3, c42_3); }
                { let s = vec4<f32>(v1[2]); c42_0 = fma(s, b1_0, c42_0); c42_1 = fma(s, b1_1, c42_1); c42_2 = fma(s, b1_2, c42_2); c42_3 = fma(s, b1_3, c42_3); }
                { let s = vec4<f32>(v2[2]); c42_0 = fma(s, b2_0, c42_0); c42_1 = fma(s, b2_1, c42_1); c42_2 = fma(s, b2_2, c42_2); c42_3 = fma(s, b2_3, c42_3); }
                { let s = vec4<f32>(v3[2]); c42_0 = fma(s, b3_0, c42_0); c42_1 = fma(s, b3_1, c42_1); c42_2 = fma(s, b3_2, c42_2); c42_3 = fma(s, b3_3, c42_3); }
                { let s = vec4<f32>(v4[2]); c42_0 = fma(s, b4_0, c42_0); c42_1 = fma(s, b4_1, c42_1); c42_2 = fma(s, b4_2, c42_2); c42_3 = fma(s, b4_3, c42_3); }
                { let s = vec4<f32>(v5[2]); c42_0 = fma(s, b5_0, c42_0); c42_1 = fma(s, b5_1, c42_1); c42_2 = fma(s, b5_2, c42_2); c42_3 = fma(s, b5_3, c42_3); }
                { let s = vec4<f32>(v6[2]); c42_0 = fma(s, b6_0, c42_0); c42_1 = fma(s, b6_1, c42_1); c42_2 = fma(s, b6_2, c42_2); c42_3 = fma(s, b6_3, c42_3); }
                { let s = vec4<f32>(v7[2]); c42_0 = fma(s, b7_0, c42_0); c42_1 = fma(s, b7_1, c42_1); c42_2 = fma(s, b7_2, c42_2); c42_3 = fma(s, b7_3, c42_3); }
                { let s = vec4<f32>(v0[3]); c43_0 = fma(s, b0_0, c43_0); c43_1 = fma(s, b0_1, c43_1); c43_2 = fma(s, b0_2, c43_2); c43_3 = fma(s, b0_3, c43_3); }
                { let s = vec4<f32>(v1[3]); c43_0 = fma(s, b1_0, c43_0); c43_1 = fma(s, b1_1, c43_1); c43_2 = fma(s, b1_2, c43_2); c43_3 = fma(s, b1_3, c43_3); }
                { let s = vec4<f32>(v2[3]); c43_0 = fma(s, b2_0, c43_0); c43_1 = fma(s, b2_1, c43_1); c43_2 = fma(s, b2_2, c43_2); c43_3 = fma(s, b2_3, c43_3); }
                { let s = vec4<f32>(v3[3]); c43_0 = fma(s, b3_0, c43_0); c43_1 = fma(s, b3_1, c43_1); c43_2 = fma(s, b3_2, c43_2); c43_3 = fma(s, b3_3, c43_3); }
                { let s = vec4<f32>(v4[3]); c43_0 = fma(s, b4_0, c43_0); c43_1 = fma(s, b4_1, c43_1); c43_2 = fma(s, b4_2, c43_2); c43_3 = fma(s, b4_3, c43_3); }
                { let s = vec4<f32>(v5[3]); c43_0 = fma(s, b5_0, c43_0); c43_1 = fma(s, b5_1, c43_1); c43_2 = fma(s, b5_2, c43_2); c43_3 = fma(s, b5_3, c43_3); }
                { let s = vec4<f32>(v6[3]); c43_0 = fma(s, b6_0, c43_0); c43_1 = fma(s, b6_1, c43_1); c43_2 = fma(s, b6_2, c43_2); c43_3 = fma(s, b6_3, c43_3); }
                { let s = vec4<f32>(v7[3]); c43_0 = fma(s, b7_0, c43_0); c43_1 = fma(s, b7_1, c43_1); c43_2 = fma(s, b7_2, c43_2); c43_3 = fma(s, b7_3, c43_3); }
            }
            {
                let v0 = subgroupBroadcast(xa11, 0u);
                let v1 = subgroupBroadcast(xa11, 1u);
                let v2 = subgroupBroadcast(xa11, 2u);
                let v3 = subgroupBroadcast(xa11, 3u);
                let v4 = subgroupBroadcast(xa11, 4u);
                let v5 = subgroupBroadcast(xa11, 5u);
                let v6 = subgroupBroadcast(xa11, 6u);
                let v7 = subgroupBroadcast(xa11, 7u);
                { let s = vec4<f32>(v0[0]); c44_0 = fma(s, b0_0, c44_0); c44_1 = fma(s, b0_1, c44_1); c44_2 = fma(s, b0_2, c44_2); c44_3 = fma(s, b0_3, c44_3); }
                { let s = vec4<f32>(v1[0]); c44_0 = fma(s, b1_0, c44_0); c44_1 = fma(s, b1_1, c44_1); c44_2 = fma(s, b1_2, c44_2); c44_3 = fma(s, b1_3, c44_3); }
                { let s = vec4<f32>(v2[0]); c44_0 = fma(s, b2_0, c44_0); c44_1 = fma(s, b2_1, c44_1); c44_2 = fma(s, b2_2, c44_2); c44_3 = fma(s, b2_3, c44_3); }
                { let s = vec4<f32>(v3[0]); c44_0 = fma(s, b3_0, c44_0); c44_1 = fma(s, b3_1, c44_1); c44_2 = fma(s, b3_2, c44_2); c44_3 = fma(s, b3_3, c44_3); }
                { let s = vec4<f32>(v4[0]); c44_0 = fma(s, b4_0, c44_0); c44_1 = fma(s, b4_1, c44_1); c44_2 = fma(s, b4_2, c44_2); c44_3 = fma(s, b4_3, c44_3); }
                { let s = vec4<f32>(v5[0]); c44_0 = fma(s, b5_0, c44_0); c44_1 = fma(s, b5_1, c44_1); c44_2 = fma(s, b5_2, c44_2); c44_3 = fma(s, b5_3, c44_3); }
                { let s = vec4<f32>(v6[0]); c44_0 = fma(s, b6_0, c44_0); c44_1 = fma(s, b6_1, c44_1); c44_2 = fma(s, b6_2, c44_2); c44_3 = fma(s, b6_3, c44_3); }
                { let s = vec4<f32>(v7[0]); c44_0 = fma(s, b7_0, c44_0); c44_1 = fma(s, b7_1, c44_1); c44_2 = fma(s, b7_2, c44_2); c44_3 = fma(s, b7_3, c44_3); }
                { let s = vec4<f32>(v0[1]); c45_0 = fma(s, b0_0, c45_0); c45_1 = fma(s, b0_1, c45_1); c45_2 = fma(s, b0_2, c45_2); c45_3 = fma(s, b0_3, c45_3); }
                { let s = vec4<f32>(v1[1]); c45_0 = fma(s, b1_0, c45_0); c45_1 = fma(s, b1_1, c45_1); c45_2 = fma(s, b1_2, c45_2); c45_3 = fma(s, b1_3, c45_3); }
                { let s = vec4<f32>(v2[1]); c45_0 = fma(s, b2_0, c45_0); c45_1 = fma(s, b2_1, c45_1); c45_2 = fma(s, b2_2, c45_2); c45_3 = fma(s, b2_3, c45_3); }
                { let s = vec4<f32>(v3[1]); c45_0 = fma(s, b3_0, c45_0); c45_1 = fma(s, b3_1, c45_1); c45_2 = fma(s, b3_2, c45_2); c45_3 = fma(s, b3_3, c45_3); }
                { let s = vec4<f32>(v4[1]); c45_0 = fma(s, b4_0, c45_0); c45_1 = fma(s, b4_1, c45_1); c45_2 = fma(s, b4_2, c45_2); c45_3 = fma(s, b4_3, c45_3); }
                { let s = vec4<f32>(v5[1]); c45_0 = fma(s, b5_0, c45_0); c45_1 = fma(s, b5_1, c45_1); c45_2 = fma(s, b5_2, c45_2); c45_3 = fma(s, b5_3, c45_3); }
                { let s = vec4<f32>(v6[1]); c45_0 = fma(s, b6_0, c45_0); c45_1 = fma(s, b6_1, c45_1); c45_2 = fma(s, b6_2, c45_2); c45_3 = fma(s, b6_3, c45_3); }
                { let s = vec4<f32>(v7[1]); c45_0 = fma(s, b7_0, c45_0); c45_1 = fma(s, b7_1, c45_1); c45_2 = fma(s, b7_2, c45_2); c45_3 = fma(s, b7_3, c45_3); }
                { let s = vec4<f32>(v0[2]); c46_0 = fma(s, b0_0, c46_0); c46_1 = fma(s, b0_1, c46_1); c46_2 = fma(s, b0_2, c46_2); c46_3 = fma(s, b0_3, c46_3); }
                { let s = vec4<f32>(v1[2]); c46_0 = fma(s, b1_0, c46_0); c46_1 = fma(s, b1_1, c46_1); c46_2 = fma(s, b1_2, c46_2); c46_3 = fma(s, b1_3, c46_3); }
                { let s = vec4<f32>(v2[2]); c46_0 = fma(s, b2_0, c46_0); c46_1 = fma(s, b2_1, c46_1); c46_2 = fma(s, b2_2, c46_2); c46_3 = fma(s, b2_3, c46_3); }
                { let s = vec4<f32>(v3[2]); c46_0 = fma(s, b3_0, c46_0); c46_1 = fma(s, b3_1, c46_1); c46_2 = fma(s, b3_2, c46_2); c46_3 = fma(s, b3_3, c46_3); }
                { let s = vec4<f32>(v4[2]); c46_0 = fma(s, b4_0, c46_0); c46_1 = fma(s, b4_1, c46_1); c46_2 = fma(s, b4_2, c46_2); c46_3 = fma(s, b4_3, c46_3); }
                { let s = vec4<f32>(v5[2]); c46_0 = fma(s, b5_0, c46_0); c46_1 = fma(s, b5_1, c46_1); c46_2 = fma(s, b5_2, c46_2); c46_3 = fma(s, b5_3, c46_3); }
                { let s = vec4<f32>(v6[2]); c46_0 = fma(s, b6_0, c46_0); c46_1 = fma(s, b6_1, c46_1); c46_2 = fma(s, b6_2, c46_2); c46_3 = fma(s, b6_3, c46_3); }
                { let s = vec4<f32>(v7[2]); c46_0 = fma(s, b7_0, c46_0); c46_1 = fma(s, b7_1, c46_1); c46_2 = fma(s, b7_2, c46_2); c46_3 = fma(s, b7_3, c46_3); }
                { let s = vec4<f32>(v0[3]); c47_0 = fma(s, b0_0, c47_0); c47_1 = fma(s, b0_1, c47_1); c47_2 = fma(s, b0_2, c47_2); c47_3 = fma(s, b0_3, c47_3); }
                { let s = vec4<f32>(v1[3]); c47_0 = fma(s, b1_0, c47_0); c47_1 = fma(s, b1_1, c47_1); c47_2 = fma(s, b1_2, c47_2); c47_3 = fma(s, b1_3, c47_3); }
                { let s = vec4<f32>(v2[3]); c47_0 = fma(s, b2_0, c47_0); c47_1 = fma(s, b2_1, c47_1); c47_2 = fma(s, b2_2, c47_2); c47_3 = fma(s, b2_3, c47_3); }
                { let s = vec4<f32>(v3[3]); c47_0 = fma(s, b3_0, c47_0); c47_1 = fma(s, b3_1, c47_1); c47_2 = fma(s, b3_2, c47_2); c47_3 = fma(s, b3_3, c47_3); }
                { let s = vec4<f32>(v4[3]); c47_0 = fma(s, b4_0, c47_0); c47_1 = fma(s, b4_1, c47_1); c47_2 = fma(s, b4_2, c47_2); c47_3 = fma(s, b4_3, c47_3); }
                { let s = vec4<f32>(v5[3]); c47_0 = fma(s, b5_0, c47_0); c47_1 = fma(s, b5_1, c47_1); c47_2 = fma(s, b5_2, c47_2); c47_3 = fma(s, b5_3, c47_3); }
                { let s = vec4<f32>(v6[3]); c47_0 = fma(s, b6_0, c47_0); c47_1 = fma(s, b6_1, c47_1); c47_2 = fma(s, b6_2, c47_2); c47_3 = fma(s, b6_3, c47_3); }
                { let s = vec4<f32>(v7[3]); c47_0 = fma(s, b7_0, c47_0); c47_1 = fma(s, b7_1, c47_1); c47_2 = fma(s, b7_2, c47_2); c47_3 = fma(s, b7_3, c47_3); }
            }
            {
                let v0 = subgroupBroadcast(xa12, 0u);
                let v1 = subgroupBroadcast(xa12, 1u);
                let v2 = subgroupBroadcast(xa12, 2u);
                let v3 = subgroupBroadcast(xa12, 3u);
                let v4 = subgroupBroadcast(xa12, 4u);
                let v5 = subgroupBroadcast(xa12, 5u);
                let v6 = subgroupBroadcast(xa12, 6u);
                let v7 = subgroupBroadcast(xa12, 7u);
                { let s = vec4<f32>(v0[0]); c48_0 = fma(s, b0_0, c48_0); c48_1 = fma(s, b0_1, c48_1); c48_2 = fma(s, b0_2, c48_2); c48_3 = fma(s, b0_3, c48_3); }
                { let s = vec4<f32>(v1[0]); c48_0 = fma(s, b1_0, c48_0); c48_1 = fma(s, b1_1, c48_1); c48_2 = fma(s, b1_2, c48_2); c48_3 = fma(s, b1_3, c48_3); }
                { let s = vec4<f32>(v2[0]); c48_0 = fma(s, b2_0, c48_0); c48_1 = fma(s, b2_1, c48_1); c48_2 = fma(s, b2_2, c48_2); c48_3 = fma(s, b2_3, c48_3); }
                { let s = vec4<f32>(v3[0]); c48_0 = fma(s, b3_0, c48_0); c48_1 = fma(s, b3_1, c48_1); c48_2 = fma(s, b3_2, c48_2); c48_3 = fma(s, b3_3, c48_3); }
                { let s = vec4<f32>(v4[0]); c48_0 = fma(s, b4_0, c48_0); c48_1 = fma(s, b4_1, c48_1); c48_2 = fma(s, b4_2, c48_2); c48_3 = fma(s, b4_3, c48_3); }
                { let s = vec4<f32>(v5[0]); c48_0 = fma(s, b5_0, c48_0); c48_1 = fma(s, b5_1, c48_1); c48_2 = fma(s, b5_2, c48_2); c48_3 = fma(s, b5_3, c48_3); }
                { let s = vec4<f32>(v6[0]); c48_0 = fma(s, b6_0, c48_0); c48_1 = fma(s, b6_1, c48_1); c48_2 = fma(s, b6_2, c48_2); c48_3 = fma(s, b6_3, c48_3); }
                { let s = vec4<f32>(v7[0]); c48_0 = fma(s, b7_0, c48_0); c48_1 = fma(s, b7_1, c48_1); c48_2 = fma(s, b7_2, c48_2); c48_3 = fma(s, b7_3, c48_3); }
                { let s = vec4<f32>(v0[1]); c49_0 = fma(s, b0_0, c49_0); c49_1 = fma(s, b0_1, c49_1); c49_2 = fma(s, b0_2, c49_2); c49_3 = fma(s, b0_3, c49_3); }
                { let s = vec4<f32>(v1[1]); c49_0 = fma(s, b1_0, c49_0); c49_1 = fma(s, b1_1, c49_1); c49_2 = fma(s, b1_2, c49_2); c49_3 = fma(s, b1_3, c49_3); }
                { let s = vec4<f32>(v2[1]); c49_0 = fma(s, b2_0, c49_0); c49_1 = fma(s, b2_1, c49_1); c49_2 = fma(s, b2_2, c49_2); c49_3 = fma(s, b2_3, c49_3); }
                { let s = vec4<f32>(v3[1]); c49_0 = fma(s, b3_0, c49_0); c49_1 = fma(s, b3_1, c49_1); c49_2 = fma(s, b3_2, c49_2); c49_3 = fma(s, b3_3, c49_3); }
                { let s = vec4<f32>(v4[1]); c49_0 = fma(s, b4_0, c49_0); c49_1 = fma(s, b4_1, c49_1); c49_2 = fma(s, b4_2, c49_2); c49_3 = fma(s, b4_3, c49_3); }
                { let s = vec4<f32>(v5[1]); c49_0 = fma(s, b5_0, c49_0); c49_1 = fma(s, b5_1, c49_1); c49_2 = fma(s, b5_2, c49_2); c49_3 = fma(s, b5_3, c49_3); }
                { let s = vec4<f32>(v6[1]); c49_0 = fma(s, b6_0, c49_0); c49_1 = fma(s, b6_1, c49_1); c49_2 = fma(s, b6_2, c49_2); c49_3 = fma(s, b6_3, c49_3); }
                { let s = vec4<f32>(v7[1]); c49_0 = fma(s, b7_0, c49_0); c49_1 = fma(s, b7_1, c49_1); c49_2 = fma(s, b7_2, c49_2); c49_3 = fma(s, b7_3, c49_3); }
                { let s = vec4<f32>(v0[2]); c50_0 = fma(s, b0_0, c50_0); c50_1 = fma(s, b0_1, c50_1); c50_2 = fma(s, b0_2, c50_2); c50_3 = fma(s, b0_3, c50_3); }
                { let s = vec4<f32>(v1[2]); c50_0 = fma(s, b1_0, c50_0); c50_1 = fma(s, b1_1, c50_1); c50_2 = fma(s, b1_2, c50_2); c50_3 = fma(s, b1_3, c50_3); }
                { let s = vec4<f32>(v2[2]); c50_0 = fma(s, b2_0, c50_0); c50_1 = fma(s, b2_1, c50_1); c50_2 = fma(s, b2_2, c50_2); c50_3 = fma(s, b2_3, c50_3); }
                { let s = vec4<f32>(v3[2]); c50_0 = fma(s, b3_0, c50_0); c50_1 = fma(s, b3_1, c50_1); c50_2 = fma(s, b3_2, c50_2); c50_3 = fma(s, b3_3, c50_3); }
                { let s = vec4<f32>(v4[2]); c50_0 = fma(s, b4_0, c50_0); c50_1 = fma(s, b4_1, c50_1); c50_2 = fma(s, b4_2, c50_2); c50_3 = fma(s, b4_3, c50_3); }
                { let s = vec4<f32>(v5[2]); c50_0 = fma(s, b5_0, c50_0); c50_1 = fma(s, b5_1, c50_1); c50_2 = fma(s, b5_2, c50_2); c50_3 = fma(s, b5_3, c50_3); }
                { let s = vec4<f32>(v6[2]); c50_0 = fma(s, b6_0, c50_0); c50_1 = fma(s, b6_1, c50_1); c50_2 = fma(s, b6_2, c50_2); c50_3 = fma(s, b6_3, c50_3); }
                { let s = vec4<f32>(v7[2]); c50_0 = fma(s, b7_0, c50_0); c50_1 = fma(s, b7_1, c50_1); c50_2 = fma(s, b7_2, c50_2); c50_3 = fma(s, b7_3, c50_3); }
                { let s = vec4<f32>(v0[3]); c51_0 = fma(s, b0_0, c51_0); c51_1 = fma(s, b0_1, c51_1); c51_2 = fma(s, b0_2, c51_2); c51_3 = fma(s, b0_3, c51_3); }
                { let s = vec4<f32>(v1[3]); c51_0 = fma(s, b1_0, c51_0); c51_1 = fma(s, b1_1, c51_1); c51_2 = fma(s, b1_2, c51_2); c51_3 = fma(s, b1_3, c51_3); }
                { let s = vec4<f32>(v2[3]); c51_0 = fma(s, b2_0, c51_0); c51_1 = fma(s, b2_1, c51_1); c51_2 = fma(s, b2_2, c51_2); c51_3 = fma(s, b2_3, c51_3); }
                { let s = vec4<f32>(v3[3]); c51_0 = fma(s, b3_0, c51_0); c51_1 = fma(s, b3_1, c51_1); c51_2 = fma(s, b3_2, c51_2); c51_3 = fma(s, b3_3, c51_3); }
                { let s = vec4<f32>(v4[3]); c51_0 = fma(s, b4_0, c51_0); c51_1 = fma(s, b4_1, c51_1); c51_2 = fma(s, b4_2, c51_2); c51_3 = fma(s, b4_3, c51_3); }
                { let s = vec4<f32>(v5[3]); c51_0 = fma(s, b5_0, c51_0); c51_1 = fma(s, b5_1, c51_1); c51_2 = fma(s, b5_2, c51_2); c51_3 = fma(s, b5_3, c51_3); }
                { let s = vec4<f32>(v6[3]); c51_0 = fma(s, b6_0, c51_0); c51_1 = fma(s, b6_1, c51_1); c51_2 = fma(s, b6_2, c51_2); c51_3 = fma(s, b6_3, c51_3); }
                { let s = vec4<f32>(v7[3]); c51_0 = fma(s, b7_0, c51_0); c51_1 = fma(s, b7_1, c51_1); c51_2 = fma(s, b7_2, c51_2); c51_3 = fma(s, b7_3, c51_3); }
            }
            {
                let v0 = subgroupBroadcast(xa13, 0u);
                let v1 = subgroupBroadcast(xa13, 1u);
                let v2 = subgroupBroadcast(xa13, 2u);
                let v3 = subgroupBroadcast(xa13, 3u);
                let v4 = subgroupBroadcast(xa13, 4u);
                let v5 = subgroupBroadcast(xa13, 5u);
                let v6 = subgroupBroadcast(xa13, 6u);
                let v7 = subgroupBroadcast(xa13, 7u);
                { let s = vec4<f32>(v0[0]); c52_0 = fma(s, b0_0, c52_0); c52_1 = fma(s, b0_1, c52_1); c52_2 = fma(s, b0_2, c52_2); c52_3 = fma(s, b0_3, c52_3); }
                { let s = vec4<f32>(v1[0]); c52_0 = fma(s, b1_0, c52_0); c52_1 = fma(s, b1_1, c52_1); c52_2 = fma(s, b1_2, c52_2); c52_3 = fma(s, b1_3, c52_3); }
                { let s = vec4<f32>(v2[0]); c52_0 = fma(s, b2_0, c52_0); c52_1 = fma(s, b2_1, c52_1); c52_2 = fma(s, b2_2, c52_2); c52_3 = fma(s, b2_3, c52_3); }
                { let s = vec4<f32>(v3[0]); c52_0 = fma(s, b3_0, c52_0); c52_1 = fma(s, b3_1, c52_1); c52_2 = fma(s, b3_2, c52_2); c52_3 = fma(s, b3_3, c52_3); }
                { let s = vec4<f32>(v4[0]); c52_0 = fma(s, b4_0, c52_0); c52_1 = fma(s, b4_1, c52_1); c52_2 = fma(s, b4_2, c52_2); c52_3 = fma(s, b4_3, c52_3); }
                { let s = vec4<f32>(v5[0]); c52_0 = fma(s, b5_0, c52_0); c52_1 = fma(s, b5_1, c52_1); c52_2 = fma(s, b5_2, c52_2); c52_3 = fma(s, b5_3, c52_3); }
                { let s = vec4<f32>(v6[0]); c52_0 = fma(s, b6_0, c52_0); c52_1 = fma(s, b6_1, c52_1); c52_2 = fma(s, b6_2, c52_2); c52_3 = fma(s, b6_3, c52_3); }
                { let s = vec4<f32>(v7[0]); c52_0 = fma(s, b7_0, c52_0); c52_1 = fma(s, b7_1, c52_1); c52_2 = fma(s, b7_2, c52_2); c52_3 = fma(s, b7_3, c52_3); }
                { let s = vec4<f32>(v0[1]); c53_0 = fma(s, b0_0, c53_0); c53_1 = fma(s, b0_1, c53_1); c53_2 = fma(s, b0_2, c53_2); c53_3 = fma(s, b0_3, c53_3); }
                { let s = vec4<f32>(v1[1]); c53_0 = fma(s, b1_0, c53_0); c53_1 = fma(s, b1_1, c53_1); c53_2 = fma(s, b1_2, c53_2); c53_3 = fma(s, b1_3, c53_3); }
                { let s = vec4<f32>(v2[1]); c53_0 = fma(s, b2_0, c53_0); c53_1 = fma(s, b2_1, c53_1); c53_2 = fma(s, b2_2, c53_2); c53_3 = fma(s, b2_3, c53_3); }
                { let s = vec4<f32>(v3[1]); c53_0 = fma(s, b3_0, c53_0); c53_1 = fma(s, b3_1, c53_1); c53_2 = fma(s, b3_2, c53_2); c53_3 = fma(s, b3_3, c53_3); }
                { let s = vec4<f32>(v4[1]); c53_0 = fma(s, b4_0, c53_0); c53_1 = fma(s, b4_1, c53_1); c53_2 = fma(s, b4_2, c53_2); c53_3 = fma(s, b4_3, c53_3); }
                { let s = vec4<f32>(v5[1]); c53_0 = fma(s, b5_0, c53_0); c53_1 = fma(s, b5_1, c53_1); c53_2 = fma(s, b5_2, c53_2); c53_3 = fma(s, b5_3, c53_3); }
                { let s = vec4<f32>(v6[1]); c53_0 = fma(s, b6_0, c53_0); c53_1 = fma(s, b6_1, c53_1); c53_2 = fma(s, b6_2, c53_2); c53_3 = fma(s, b6_3, c53_3); }
                { let s = vec4<f32>(v7[1]); c53_0 = fma(s, b7_0, c53_0); c53_1 = fma(s, b7_1, c53_1); c53_2 = fma(s, b7_2, c53_2); c53_3 = fma(s, b7_3, c53_3); }
                { let s = vec4<f32>(v0[2]); c54_0 = fma(s, b0_0, c54_0); c54_1 = fma(s, b0_1, c54_1); c54_2 = fma(s, b0_2, c54_2); c54_3 = fma(s, b0_3, c54_3); }
                { let s = vec4<f32>(v1[2]); c54_0 = fma(s, b1_0, c54_0); c54_1 = fma(s, b1_1, c54_1); c54_2 = fma(s, b1_2, c54_2); c54_3 = fma(s, b1_3, c54_3); }
                { let s = vec4<f32>(v2[2]); c54_0 = fma(s, b2_0, c54_0); c54_1 = fma(s, b2_1, c54_1); c54_2 = fma(s, b2_2, c54_2); c54_3 = fma(s, b2_3, c54_3); }
                { let s = vec4<f32>(v3[2]); c54_0 = fma(s, b3_0, c54_0); c54_1 = fma(s, b3_1, c54_1); c54_2 = fma(s, b3_2, c54_2); c54_3 = fma(s, b3_3, c54_3); }
                { let s = vec4<f32>(v4[2]); c54_0 = fma(s, b4_0, c54_0); c54_1 = fma(s, b4_1, c54_1); c54_2 = fma(s, b4_2, c54_2); c54_3 = fma(s, b4_3, c54_3); }
                { let s = vec4<f32>(v5[2]); c54_0 = fma(s, b5_0, c54_0); c54_1 = fma(s, b5_1, c54_1); c54_2 = fma(s, b5_2, c54_2); c54_3 = fma(s, b5_3, c54_3); }
                { let s = vec4<f32>(v6[2]); c54_0 = fma(s, b6_0, c54_0); c54_1 = fma(s, b6_1, c54_1); c54_2 = fma(s, b6_2, c54_2); c54_3 = fma(s, b6_3, c54_3); }
                { let s = vec4<f32>(v7[2]); c54_0 = fma(s, b7_0, c54_0); c54_1 = fma(s, b7_1, c54_1); c54_2 = fma(s, b7_2, c54_2); c54_3 = fma(s, b7_3, c54_3); }
                { let s = vec4<f32>(v0[3]); c55_0 = fma(s, b0_0, c55_0); c55_1 = fma(s, b0_1, c55_1); c55_2 = fma(s, b0_2, c55_2); c55_3 = fma(s, b0_3, c55_3); }
                { let s = vec4<f32>(v1[3]); c55_0 = fma(s, b1_0, c55_0); c55_1 = fma(s, b1_1, c55_1); c55_2 = fma(s, b1_2, c55_2); c55_3 = fma(s, b1_3, c55_3); }
                { let s = vec4<f32>(v2[3]); c55_0 = fma(s, b2_0, c55_0); c55_1 = fma(s, b2_1, c55_1); c55_2 = fma(s, b2_2, c55_2); c55_3 = fma(s, b2_3, c55_3); }
                { let s = vec4<f32>(v3[3]); c55_0 = fma(s, b3_0, c55_0); c55_1 = fma(s, b3_1, c55_1); c55_2 = fma(s, b3_2, c55_2); c55_3 = fma(s, b3_3, c55_3); }
                { let s = vec4<f32>(v4[3]); c55_0 = fma(s, b4_0, c55_0); c55_1 = fma(s, b4_1, c55_1); c55_2 = fma(s, b4_2, c55_2); c55_3 = fma(s, b4_3, c55_3); }
                { let s = vec4<f32>(v5[3]); c55_0 = fma(s, b5_0, c55_0); c55_1 = fma(s, b5_1, c55_1); c55_2 = fma(s, b5_2, c55_2); c55_3 = fma(s, b5_3, c55_3); }
                { let s = vec4<f32>(v6[3]); c55_0 = fma(s, b6_0, c55_0); c55_1 = fma(s, b6_1, c55_1); c55_2 = fma(s, b6_2, c55_2); c55_3 = fma(s, b6_3, c55_3); }
                { let s = vec4<f32>(v7[3]); c55_0 = fma(s, b7_0, c55_0); c55_1 = fma(s, b7_1, c55_1); c55_2 = fma(s, b7_2, c55_2); c55_3 = fma(s, b7_3, c55_3); }
            }
            {
                let v0 = subgroupBroadcast(xa14, 0u);
                let v1 = subgroupBroadcast(xa14, 1u);
                let v2 = subgroupBroadcast(xa14, 2u);
                let v3 = subgroupBroadcast(xa14, 3u);
                let v4 = subgroupBroadcast(xa14, 4u);
                let v5 = subgroupBroadcast(xa14, 5u);
                let v6 = subgroupBroadcast(xa14, 6u);
                let v7 = subgroupBroadcast(xa14, 7u);
                { let s = vec4<f32>(v0[0]); c56_0 = fma(s, b0_0, c56_0); c56_1 = fma(s, b0_1, c56_1); c56_2 = fma(s, b0_2, c56_2); c56_3 = fma(s, b0_3, c56_3); }
                { let s = vec4<f32>(v1[0]); c56_0 = fma(s, b1_0, c56_0); c56_1 = fma(s, b1_1, c56_1); c56_2 = fma(s, b1_2, c56_2); c56_3 = fma(s, b1_3, c56_3); }
                { let s = vec4<f32>(v2[0]); c56_0 = fma(s, b2_0, c56_0); c56_1 = fma(s, b2_1, c56_1); c56_2 = fma(s, b2_2, c56_2); c56_3 = fma(s, b2_3, c56_3); }
                { let s = vec4<f32>(v3[0]); c56_0 = fma(s, b3_0, c56_0); c56_1 = fma(s, b3_1, c56_1); c56_2 = fma(s, b3_2, c56_2); c56_3 = fma(s, b3_3, c56_3); }
                { let s = vec4<f32>(v4[0]); c56_0 = fma(s, b4_0, c56_0); c56_1 = fma(s, b4_1, c56_1); c56_2 = fma(s, b4_2, c56_2); c56_3 = fma(s, b4_3, c56_3); }
                { let s = vec4<f32>(v5[0]); c56_0 = fma(s, b5_0, c56_0); c56_1 = fma(s, b5_1, c56_1); c56_2 = fma(s, b5_2, c56_2); c56_3 = fma(s, b5_3, c56_3); }
                { let s = vec4<f32>(v6[0]); c56_0 = fma(s, b6_0, c56_0); c56_1 = fma(s, b6_1, c56_1); c56_2 = fma(s, b6_2, c56_2); c56_3 = fma(s, b6_3, c56_3); }
                { let s = vec4<f32>(v7[0]); c56_0 = fma(s, b7_0, c56_0); c56_1 = fma(s, b7_1, c56_1); c56_2 = fma(s, b7_2, c56_2); c56_3 = fma(s, b7_3, c56_3); }
                { let s = vec4<f32>(v0[1]); c57_0 = fma(s, b0_0, c57_0); c57_1 = fma(s, b0_1, c57_1); c57_2 = fma(s, b0_2, c57_2); c57_3 = fma(s, b0_3, c57_3); }
                { let s = vec4<f32>(v1[1]); c57_0 = fma(s, b1_0, c57_0); c57_1 = fma(s, b1_1, c57_1); c57_2 = fma(s, b1_2, c57_2); c57_3 = fma(s, b1_3, c57_3); }
                { let s = vec4<f32>(v2[1]); c57_0 = fma(s, b2_0, c57_0); c57_1 = fma(s, b2_1, c57_1); c57_2 = fma(s, b2_2, c57_2); c57_3 = fma(s, b2_3, c57_3); }
                { let s = vec4<f32>(v3[1]); c57_0 = fma(s, b3_0, c57_0); c57_1 = fma(s, b3_1, c57_1); c57_2 = fma(s, b3_2, c57_2); c57_3 = fma(s, b3_3, c57_3); }
                { let s = vec4<f32>(v4[1]); c57_0 = fma(s, b4_0, c57_0); c57_1 = fma(s, b4_1, c57_1); c57_2 = fma(s, b4_2, c57_2); c57_3 = fma(s, b4_3, c57_3); }
                { let s = vec4<f32>(v5[1]); c57_0 = fma(s, b5_0, c57_0); c57_1 = fma(s, b5_1, c57_1); c57_2 = fma(s, b5_2, c57_2); c57_3 = fma(s, b5_3, c57_3); }
                { let s = vec4<f32>(v6[1]); c57_0 = fma(s, b6_0, c57_0); c57_1 = fma(s, b6_1, c57_1); c57_2 = fma(s, b6_2, c57_2); c57_3 = fma(s, b6_3, c57_3); }
                { let s = vec4<f32>(v7[1]); c57_0 = fma(s, b7_0, c57_0); c57_1 = fma(s, b7_1, c57_1); c57_2 = fma(s, b7_2, c57_2); c57_3 = fma(s, b7_3, c57_3); }
                { let s = vec4<f32>(v0[2]); c58_0 = fma(s, b0_0, c58_0); c58_1 = fma(s, b0_1, c58_1); c58_2 = fma(s, b0_2, c58_2); c58_3 = fma(s, b0_3, c58_3); }
                { let s = vec4<f32>(v1[2]); c58_0 = fma(s, b1_0, c58_0); c58_1 = fma(s, b1_1, c58_1); c58_2 = fma(s, b1_2, c58_2); c58_3 = fma(s, b1_3, c58_3); }
                { let s = vec4<f32>(v2[2]); c58_0 = fma(s, b2_0, c58_0); c58_1 = fma(s, b2_1, c58_1); c58_2 = fma(s, b2_2, c58_2); c58_3 = fma(s, b2_3, c58_3); }
                { let s = vec4<f32>(v3[2]); c58_0 = fma(s, b3_0, c58_0); c58_1 = fma(s, b3_1, c58_1); c58_2 = fma(s, b3_2, c58_2); c58_3 = fma(s, b3_3, c58_3); }
                { let s = vec4<f32>(v4[2]); c58_0 = fma(s, b4_0, c58_0); c58_1 = fma(s, b4_1, c58_1); c58_2 = fma(s, b4_2, c58_2); c58_3 = fma(s, b4_3, c58_3); }
                { let s = vec4<f32>(v5[2]); c58_0 = fma(s, b5_0, c58_0); c58_1 = fma(s, b5_1, c58_1); c58_2 = fma(s, b5_2, c58_2); c58_3 = fma(s, b5_3, c58_3); }
                { let s = vec4<f32>(v6[2]); c58_0 = fma(s, b6_0, c58_0); c58_1 = fma(s, b6_1, c58_1); c58_2 = fma(s, b6_2, c58_2); c58_3 = fma(s, b6_3, c58_3); }
                { let s = vec4<f32>(v7[2]); c58_0 = fma(s, b7_0, c58_0); c58_1 = fma(s, b7_1, c58_1); c58_2 = fma(s, b7_2, c58_2); c58_3 = fma(s, b7_3, c58_3); }
                { let s = vec4<f32>(v0[3]); c59_0 = fma(s, b0_0, c59_0); c59_1 = fma(s, b0_1, c59_1); c59_2 = fma(s, b0_2, c59_2); c59_3 = fma(s, b0_3, c59_3); }
                { let s = vec4<f32>(v1[3]); c59_0 = fma(s, b1_0, c59_0); c59_1 = fma(s, b1_1, c59_1); c59_2 = fma(s, b1_2, c59_2); c59_3 = fma(s, b1_3, c59_3); }
                { let s = vec4<f32>(v2[3]); c59_0 = fma(s, b2_0, c59_0); c59_1 = fma(s, b2_1, c59_1); c59_2 = fma(s, b2_2, c59_2); c59_3 = fma(s, b2_3, c59_3); }
                { let s = vec4<f32>(v3[3]); c59_0 = fma(s, b3_0, c59_0); c59_1 = fma(s, b3_1, c59_1); c59_2 = fma(s, b3_2, c59_2); c59_3 = fma(s, b3_3, c59_3); }
                { let s = vec4<f32>(v4[3]); c59_0 = fma(s, b4_0, c59_0); c59_1 = fma(s, b4_1, c59_1); c59_2 = fma(s, b4_2, c59_2); c59_3 = fma(s, b4_3, c59_3); }
                { let s = vec4<f32>(v5[3]); c59_0 = fma(s, b5_0, c59_0); c59_1 = fma(s, b5_1, c59_1); c59_2 = fma(s, b5_2, c59_2); c59_3 = fma(s, b5_3, c59_3); }
                { let s = vec4<f32>(v6[3]); c59_0 = fma(s, b6_0, c59_0); c59_1 = fma(s, b6_1, c59_1); c59_2 = fma(s, b6_2, c59_2); c59_3 = fma(s, b6_3, c59_3); }
                { let s = vec4<f32>(v7[3]); c59_0 = fma(s, b7_0, c59_0); c59_1 = fma(s, b7_1, c59_1); c59_2 = fma(s, b7_2, c59_2); c59_3 = fma(s, b7_3, c59_3); }
            }
            {
                let v0 = subgroupBroadcast(xa15, 0u);
                let v1 = subgroupBroadcast(xa15, 1u);
                let v2 = subgroupBroadcast(xa15, 2u);
                let v3 = subgroupBroadcast(xa15, 3u);
                let v4 = subgroupBroadcast(xa15, 4u);
                let v5 = subgroupBroadcast(xa15, 5u);
                let v6 = subgroupBroadcast(xa15, 6u);
                let v7 = subgroupBroadcast(xa15, 7u);
                { let s = vec4<f32>(v0[0]); c60_0 = fma(s, b0_0, c60_0); c60_1 = fma(s, b0_1, c60_1); c60_2 = fma(s, b0_2, c60_2); c60_3 = fma(s, b0_3, c60_3); }
                { let s = vec4<f32>(v1[0]); c60_0 = fma(s, b1_0, c60_0); c60_1 = fma(s, b1_1, c60_1); c60_2 = fma(s, b1_2, c60_2); c60_3 = fma(s, b1_3, c60_3); }
                { let s = vec4<f32>(v2[0]); c60_0 = fma(s, b2_0, c60_0); c60_1 = fma(s, b2_1, c60_1); c60_2 = fma(s, b2_2, c60_2); c60_3 = fma(s, b2_3, c60_3); }
                { let s = vec4<f32>(v3[0]); c60_0 = fma(s, b3_0, c60_0); c60_1 = fma(s, b3_1, c60_1); c60_2 = fma(s, b3_2, c60_2); c60_3 = fma(s, b3_3, c60_3); }
                { let s = vec4<f32>(v4[0]); c60_0 = fma(s, b4_0, c60_0); c60_1 = fma(s, b4_1, c60_1); c60_2 = fma(s, b4_2, c60_2); c60_3 = fma(s, b4_3, c60_3); }
                { let s = vec4<f32>(v5[0]); c60_0 = fma(s, b5_0, c60_0); c60_1 = fma(s, b5_1, c60_1); c60_2 = fma(s, b5_2, c60_2); c60_3 = fma(s, b5_3, c60_3); }
                { let s = vec4<f32>(v6[0]); c60_0 = fma(s, b6_0, c60_0); c60_1 = fma(s, b6_1, c60_1); c60_2 = fma(s, b6_2, c60_2); c60_3 = fma(s, b6_3, c60_3); }
                { let s = vec4<f32>(v7[0]); c60_0 = fma(s, b7_0, c60_0); c60_1 = fma(s, b7_1, c60_1); c60_2 = fma(s, b7_2, c60_2); c60_3 = fma(s, b7_3, c60_3); }
                { let s = vec4<f32>(v0[1]); c61_0 = fma(s, b0_0, c61_0); c61_1 = fma(s, b0_1, c61_1); c61_2 = fma(s, b0_2, c61_2); c61_3 = fma(s, b0_3, c61_3); }
                { let s = vec4<f32>(v1[1]); c61_0 = fma(s, b1_0, c61_0); c61_1 = fma(s, b1_1, c61_1); c61_2 = fma(s, b1_2, c61_2); c61_3 = fma(s, b1_3, c61_3); }
                { let s = vec4<f32>(v2[1]); c61_0 = fma(s, b2_0, c61_0); c61_1 = fma(s, b2_1, c61_1); c61_2 = fma(s, b2_2, c61_2); c61_3 = fma(s, b2_3, c61_3); }
                { let s = vec4<f32>(v3[1]); c61_0 = fma(s, b3_0, c61_0); c61_1 = fma(s, b3_1, c61_1); c61_2 = fma(s, b3_2, c61_2); c61_3 = fma(s, b3_3, c61_3); }
                { let s = vec4<f32>(v4[1]); c61_0 = fma(s, b4_0, c61_0); c61_1 = fma(s, b4_1, c61_1); c61_2 = fma(s, b4_2, c61_2); c61_3 = fma(s, b4_3, c61_3); }
                { let s = vec4<f32>(v5[1]); c61_0 = fma(s, b5_0, c61_0); c61_1 = fma(s, b5_1, c61_1); c61_2 = fma(s, b5_2, c61_2); c61_3 = fma(s, b5_3, c61_3); }
                { let s = vec4<f32>(v6[1]); c61_0 = fma(s, b6_0, c61_0); c61_1 = fma(s, b6_1, c61_1); c61_2 = fma(s, b6_2, c61_2); c61_3 = fma(s, b6_3, c61_3); }
                { let s = vec4<f32>(v7[1]); c61_0 = fma(s, b7_0, c61_0); c61_1 = fma(s, b7_1, c61_1); c61_2 = fma(s, b7_2, c61_2); c61_3 = fma(s, b7_3, c61_3); }
                { let s = vec4<f32>(v0[2]); c62_0 = fma(s, b0_0, c62_0); c62_1 = fma(s, b0_1, c62_1); c62_2 = fma(s, b0_2, c62_2); c62_3 = fma(s, b0_3, c62_3); }
                { let s = vec4<f32>(v1[2]); c62_0 = fma(s, b1_0, c62_0); c62_1 = fma(s, b1_1, c62_1); c62_2 = fma(s, b1_2, c62_2); c62_3 = fma(s, b1_3, c62_3); }
                { let s = vec4<f32>(v2[2]); c62_0 = fma(s, b2_0, c62_0); c62_1 = fma(s, b2_1, c62_1); c62_2 = fma(s, b2_2, c62_2); c62_3 = fma(s, b2_3, c62_3); }
                { let s = vec4<f32>(v3[2]); c62_0 = fma(s, b3_0, c62_0); c62_1 = fma(s, b3_1, c62_1); c62_2 = fma(s, b3_2, c62_2); c62_3 = fma(s, b3_3, c62_3); }
                { let s = vec4<f32>(v4[2]); c62_0 = fma(s, b4_0, c62_0); c62_1 = fma(s, b4_1, c62_1); c62_2 = fma(s, b4_2, c62_2); c62_3 = fma(s, b4_3, c62_3); }
                { let s = vec4<f32>(v5[2]); c62_0 = fma(s, b5_0, c62_0); c62_1 = fma(s, b5_1, c62_1); c62_2 = fma(s, b5_2, c62_2); c62_3 = fma(s, b5_3, c62_3); }
                { let s = vec4<f32>(v6[2]); c62_0 = fma(s, b6_0, c62_0); c62_1 = fma(s, b6_1, c62_1); c62_2 = fma(s, b6_2, c62_2); c62_3 = fma(s, b6_3, c62_3); }
                { let s = vec4<f32>(v7[2]); c62_0 = fma(s, b7_0, c62_0); c62_1 = fma(s, b7_1, c62_1); c62_2 = fma(s, b7_2, c62_2); c62_3 = fma(s, b7_3, c62_3); }
                { let s = vec4<f32>(v0[3]); c63_0 = fma(s, b0_0, c63_0); c63_1 = fma(s, b0_1, c63_1); c63_2 = fma(s, b0_2, c63_2); c63_3 = fma(s, b0_3, c63_3); }
                { let s = vec4<f32>(v1[3]); c63_0 = fma(s, b1_0, c63_0); c63_1 = fma(s, b1_1, c63_1); c63_2 = fma(s, b1_2, c63_2); c63_3 = fma(s, b1_3, c63_3); }
                { let s = vec4<f32>(v2[3]); c63_0 = fma(s, b2_0, c63_0); c63_1 = fma(s, b2_1, c63_1); c63_2 = fma(s, b2_2, c63_2); c63_3 = fma(s, b2_3, c63_3); }
                { let s = vec4<f32>(v3[3]); c63_0 = fma(s, b3_0, c63_0); c63_1 = fma(s, b3_1, c63_1); c63_2 = fma(s, b3_2, c63_2); c63_3 = fma(s, b3_3, c63_3); }
                { let s = vec4<f32>(v4[3]); c63_0 = fma(s, b4_0, c63_0); c63_1 = fma(s, b4_1, c63_1); c63_2 = fma(s, b4_2, c63_2); c63_3 = fma(s, b4_3, c63_3); }
                { let s = vec4<f32>(v5[3]); c63_0 = fma(s, b5_0, c63_0); c63_1 = fma(s, b5_1, c63_1); c63_2 = fma(s, b5_2, c63_2); c63_3 = fma(s, b5_3, c63_3); }
                { let s = vec4<f32>(v6[3]); c63_0 = fma(s, b6_0, c63_0); c63_1 = fma(s, b6_1, c63_1); c63_2 = fma(s, b6_2, c63_2); c63_3 = fma(s, b6_3, c63_3); }
                { let s = vec4<f32>(v7[3]); c63_0 = fma(s, b7_0, c63_0); c63_1 = fma(s, b7_1, c63_1); c63_2 = fma(s, b7_2, c63_2); c63_3 = fma(s, b7_3, c63_3); }
            }
        }
    }
    let ob = ex * p.mdim * p.ncols;
    { wg_store_row(m0 + 0u, ob, c0, c0_0, c0_1); wg_store_row(m0 + 0u, ob, c0 + 8u, c0_2, c0_3); }
    { wg_store_row(m0 + 1u, ob, c0, c1_0, c1_1); wg_store_row(m0 + 1u, ob, c0 + 8u, c1_2, c1_3); }
    { wg_store_row(m0 + 2u, ob, c0, c2_0, c2_1); wg_store_row(m0 + 2u, ob, c0 + 8u, c2_2, c2_3); }
    { wg_store_row(m0 + 3u, ob, c0, c3_0, c3_1); wg_store_row(m0 + 3u, ob, c0 + 8u, c3_2, c3_3); }
    { wg_store_row(m0 + 4u, ob, c0, c4_0, c4_1); wg_store_row(m0 + 4u, ob, c0 + 8u, c4_2, c4_3); }
    { wg_store_row(m0 + 5u, ob, c0, c5_0, c5_1); wg_store_row(m0 + 5u, ob, c0 + 8u, c5_2, c5_3); }
    { wg_store_row(m0 + 6u, ob, c0, c6_0, c6_1); wg_store_row(m0 + 6u, ob, c0 + 8u, c6_2, c6_3); }
    { wg_store_row(m0 + 7u, ob, c0, c7_0, c7_1); wg_store_row(m0 + 7u, ob, c0 + 8u, c7_2, c7_3); }
    { wg_store_row(m0 + 8u, ob, c0, c8_0, c8_1); wg_store_row(m0 + 8u, ob, c0 + 8u, c8_2, c8_3); }
    { wg_store_row(m0 + 9u, ob, c0, c9_0, c9_1); wg_store_row(m0 + 9u, ob, c0 + 8u, c9_2, c9_3); }
    { wg_store_row(m0 + 10u, ob, c0, c10_0, c10_1); wg_store_row(m0 + 10u, ob, c0 + 8u, c10_2, c10_3); }
    { wg_store_row(m0 + 11u, ob, c0, c11_0, c11_1); wg_store_row(m0 + 11u, ob, c0 + 8u, c11_2, c11_3); }
    { wg_store_row(m0 + 12u, ob, c0, c12_0, c12_1); wg_store_row(m0 + 12u, ob, c0 + 8u, c12_2, c12_3); }
    { wg_store_row(m0 + 13u, ob, c0, c13_0, c13_1); wg_store_row(m0 + 13u, ob, c0 + 8u, c13_2, c13_3); }
    { wg_store_row(m0 + 14u, ob, c0, c14_0, c14_1); wg_store_row(m0 + 14u, ob, c0 + 8u, c14_2, c14_3); }
    { wg_store_row(m0 + 15u, ob, c0, c15_0, c15_1); wg_store_row(m0 + 15u, ob, c0 + 8u, c15_2, c15_3); }
    { wg_store_row(m0 + 16u, ob, c0, c16_0, c16_1); wg_store_row(m0 + 16u, ob, c0 + 8u, c16_2, c16_3); }
    { wg_store_row(m0 + 17u, ob, c0, c17_0, c17_1); wg_store_row(m0 + 17u, ob, c0 + 8u, c17_2, c17_3); }
    { wg_store_row(m0 + 18u, ob, c0, c18_0, c18_1); wg_store_row(m0 + 18u, ob, c0 + 8u, c18_2, c18_3); }
    { wg_store_row(m0 + 19u, ob, c0, c19_0, c19_1); wg_store_row(m0 + 19u, ob, c0 + 8u, c19_2, c19_3); }
    { wg_store_row(m0 + 20u, ob, c0, c20_0, c20_1); wg_store_row(m0 + 20u, ob, c0 + 8u, c20_2, c20_3); }
    { wg_store_row(m0 + 21u, ob, c0, c21_0, c21_1); wg_store_row(m0 + 21u, ob, c0 + 8u, c21_2, c21_3); }
    { wg_store_row(m0 + 22u, ob, c0, c22_0, c22_1); wg_store_row(m0 + 22u, ob, c0 + 8u, c22_2, c22_3); }
    { wg_store_row(m0 + 23u, ob, c0, c23_0, c23_1); wg_store_row(m0 + 23u, ob, c0 + 8u, c23_2, c23_3); }
    { wg_store_row(m0 + 24u, ob, c0, c24_0, c24_1); wg_store_row(m0 + 24u, ob, c0 + 8u, c24_2, c24_3); }
    { wg_store_row(m0 + 25u, ob, c0, c25_0, c25_1); wg_store_row(m0 + 25u, ob, c0 + 8u, c25_2, c25_3); }
    { wg_store_row(m0 + 26u, ob, c0, c26_0, c26_1); wg_store_row(m0 + 26u, ob, c0 + 8u, c26_2, c26_3); }
    { wg_store_row(m0 + 27u, ob, c0, c27_0, c27_1); wg_store_row(m0 + 27u, ob, c0 + 8u, c27_2, c27_3); }
    { wg_store_row(m0 + 28u, ob, c0, c28_0, c28_1); wg_store_row(m0 + 28u, ob, c0 + 8u, c28_2, c28_3); }
    { wg_store_row(m0 + 29u, ob, c0, c29_0, c29_1); wg_store_row(m0 + 29u, ob, c0 + 8u, c29_2, c29_3); }
    { wg_store_row(m0 + 30u, ob, c0, c30_0, c30_1); wg_store_row(m0 + 30u, ob, c0 + 8u, c30_2, c30_3); }
    { wg_store_row(m0 + 31u, ob, c0, c31_0, c31_1); wg_store_row(m0 + 31u, ob, c0 + 8u, c31_2, c31_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 32u, ob, c0, c32_0, c32_1); wg_store_row(m0 + 32u, ob, c0 + 8u, c32_2, c32_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 33u, ob, c0, c33_0, c33_1); wg_store_row(m0 + 33u, ob, c0 + 8u, c33_2, c33_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 34u, ob, c0, c34_0, c34_1); wg_store_row(m0 + 34u, ob, c0 + 8u, c34_2, c34_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 35u, ob, c0, c35_0, c35_1); wg_store_row(m0 + 35u, ob, c0 + 8u, c35_2, c35_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 36u, ob, c0, c36_0, c36_1); wg_store_row(m0 + 36u, ob, c0 + 8u, c36_2, c36_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 37u, ob, c0, c37_0, c37_1); wg_store_row(m0 + 37u, ob, c0 + 8u, c37_2, c37_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 38u, ob, c0, c38_0, c38_1); wg_store_row(m0 + 38u, ob, c0 + 8u, c38_2, c38_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 39u, ob, c0, c39_0, c39_1); wg_store_row(m0 + 39u, ob, c0 + 8u, c39_2, c39_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 40u, ob, c0, c40_0, c40_1); wg_store_row(m0 + 40u, ob, c0 + 8u, c40_2, c40_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 41u, ob, c0, c41_0, c41_1); wg_store_row(m0 + 41u, ob, c0 + 8u, c41_2, c41_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 42u, ob, c0, c42_0, c42_1); wg_store_row(m0 + 42u, ob, c0 + 8u, c42_2, c42_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 43u, ob, c0, c43_0, c43_1); wg_store_row(m0 + 43u, ob, c0 + 8u, c43_2, c43_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 44u, ob, c0, c44_0, c44_1); wg_store_row(m0 + 44u, ob, c0 + 8u, c44_2, c44_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 45u, ob, c0, c45_0, c45_1); wg_store_row(m0 + 45u, ob, c0 + 8u, c45_2, c45_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 46u, ob, c0, c46_0, c46_1); wg_store_row(m0 + 46u, ob, c0 + 8u, c46_2, c46_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 47u, ob, c0, c47_0, c47_1); wg_store_row(m0 + 47u, ob, c0 + 8u, c47_2, c47_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 48u, ob, c0, c48_0, c48_1); wg_store_row(m0 + 48u, ob, c0 + 8u, c48_2, c48_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 49u, ob, c0, c49_0, c49_1); wg_store_row(m0 + 49u, ob, c0 + 8u, c49_2, c49_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 50u, ob, c0, c50_0, c50_1); wg_store_row(m0 + 50u, ob, c0 + 8u, c50_2, c50_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 51u, ob, c0, c51_0, c51_1); wg_store_row(m0 + 51u, ob, c0 + 8u, c51_2, c51_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 52u, ob, c0, c52_0, c52_1); wg_store_row(m0 + 52u, ob, c0 + 8u, c52_2, c52_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 53u, ob, c0, c53_0, c53_1); wg_store_row(m0 + 53u, ob, c0 + 8u, c53_2, c53_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 54u, ob, c0, c54_0, c54_1); wg_store_row(m0 + 54u, ob, c0 + 8u, c54_2, c54_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 55u, ob, c0, c55_0, c55_1); wg_store_row(m0 + 55u, ob, c0 + 8u, c55_2, c55_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 56u, ob, c0, c56_0, c56_1); wg_store_row(m0 + 56u, ob, c0 + 8u, c56_2, c56_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 57u, ob, c0, c57_0, c57_1); wg_store_row(m0 + 57u, ob, c0 + 8u, c57_2, c57_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 58u, ob, c0, c58_0, c58_1); wg_store_row(m0 + 58u, ob, c0 + 8u, c58_2, c58_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 59u, ob, c0, c59_0, c59_1); wg_store_row(m0 + 59u, ob, c0 + 8u, c59_2, c59_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 60u, ob, c0, c60_0, c60_1); wg_store_row(m0 + 60u, ob, c0 + 8u, c60_2, c60_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 61u, ob, c0, c61_0, c61_1); wg_store_row(m0 + 61u, ob, c0 + 8u, c61_2, c61_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 62u, ob, c0, c62_0, c62_1); wg_store_row(m0 + 62u, ob, c0 + 8u, c62_2, c62_3); }
    if (WG_ROWS > 32u) { wg_store_row(m0 + 63u, ob, c0, c63_0, c63_1); wg_store_row(m0 + 63u, ob, c0 + 8u, c63_2, c63_3); }
    if (m0 == 0u) {
        db_store(ex, c0, s0, s1);
        db_store(ex, c0 + 8u, s2, s3);
    }
}
