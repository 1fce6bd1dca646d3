// Batched matmul for CPU-backed Vulkan (lavapipe / llvmpipe), built on subgroup broadcasts.
// Same maths as matmul.wgsl, and its Params, bindings 0-4 and batch bases (matmul_common.wgsl): C = alpha * op(A) op(B) + beta * C (+ bias).
//
// Why this shape: llvmpipe runs a workgroup as 8-wide SIMD lanes, and every storage-buffer or
// workgroup-memory load is a scalar loop over the lanes. Coalescing and shared-memory tiles do
// not pay there (and barriers cost coroutine switches); arithmetic per loaded scalar does. So:
//   - one workgroup = one subgroup of 8 lanes; no workgroup memory, no barriers;
//   - each lane owns a TM x 16 block of C (TM rows, 16 consecutive columns; 8 with WIDE off);
//     the workgroup covers TM rows x 128 (or 64) columns. Measured at 1024^3: 64 x 16 is about
//     1.35x faster than 64 x 8; 32 x 32, 96 x 16 and 128 x 8 are slower;
//   - per slice of 8 k values, lane l loads op(A)[i0 .. i0 + TM, k0 + l] (TM scalars) and every
//     lane receives A[i, k0 + kk] from lane kk with subgroupBroadcast, so each A value is loaded
//     once per workgroup (the lane index is a literal: naga requires a constant);
//   - B is read as vec4 where the layout allows (VEC4_B), two vec4 per k for each 8 columns;
//   - the TM rows are written out in full with named accumulators: a loop over rows indexes
//     arrays, which llvmpipe keeps in per-lane scratch memory (measured 2.3x slower). Rows come
//     in groups of 16; groups at or past the TM override are removed at pipeline creation.
// Edges: rows and columns past M / N are clamped for loads and skipped at the store; k past K
// reads zero for both A and B, so no value outside the operands reaches a stored result.
// Needs subgroups of at least 8 with a workgroup's 8 invocations in one subgroup (the launcher
// checks the adapter's minimum subgroup size).
//
// Entry point matmul_subgroup, overrides: TRANS_A / TRANS_B pick the index formulas; VEC4_B
// (B's bases and ldb multiples of 4) turns on vec4 loads of B; TM (16, 32, 48 or 64: SUBGROUP_ROWS
// in src/ops/matmul.rs) is the rows per lane and WIDE the 16 (else 8) columns per lane. The entry
// point below the marker (the unrolled rows) is written by scripts/gen/matmul_subgroup.py, whose
// docstring gives its structure: edit the script and rerun it, not the file.

// The same buffer as `b`, read four floats at a time (both bindings are read-only).
@group(0) @binding(5) var<storage, read> b4: array<vec4<f32>>;

// Pipeline-creation constants: the index formulas and the vec4 path are resolved when the
// pipeline is built, so the inner loop carries no branch on them.
override TRANS_A: bool = false;
override TRANS_B: bool = false;
override VEC4_B: bool = false;
override TM: u32 = 64u;
override WIDE: bool = true;

// op(A)[i, kc], or zero when `kin` is false (k past K; kc is then clamped in bounds).
fn sg_load_a(ba: u32, i: u32, kc: u32, kin: bool) -> f32 {
    var x: f32;
    if (TRANS_A) { x = a[ba + kc * p.lda + i]; } else { x = a[ba + i * p.lda + kc]; }
    return select(0.0, x, kin);
}

// op(B)[kk, j] as a scalar (kk < K, j < N).
fn sg_load_b(bb: u32, kk: u32, j: u32) -> f32 {
    if (TRANS_B) { return b[bb + j * p.ldb + kk]; }
    return b[bb + kk * p.ldb + j];
}

fn sg_b8_scalar(bb: u32, k0: u32, j0: u32) -> B8 {
    var o: B8;
    let n1 = p.n - 1u;
    for (var kk = 0u; kk < 8u; kk++) {
        let kc = min(k0 + kk, p.k - 1u);
        let s = f32(k0 + kk < p.k);
        o.lo[kk] = s * vec4<f32>(
            sg_load_b(bb, kc, min(j0, n1)), sg_load_b(bb, kc, min(j0 + 1u, n1)),
            sg_load_b(bb, kc, min(j0 + 2u, n1)), sg_load_b(bb, kc, min(j0 + 3u, n1)));
        o.hi[kk] = s * vec4<f32>(
            sg_load_b(bb, kc, min(j0 + 4u, n1)), sg_load_b(bb, kc, min(j0 + 5u, n1)),
            sg_load_b(bb, kc, min(j0 + 6u, n1)), sg_load_b(bb, kc, min(j0 + 7u, n1)));
    }
    return o;
}

fn sg_load_b8(bb: u32, k0: u32, j0: u32) -> B8 {
    if (!VEC4_B) { return sg_b8_scalar(bb, k0, j0); }
    var o: B8;
    if (TRANS_B) {
        // Column j of op(B) is row j of the stored B, contiguous along k: read 8 k values of
        // each of the 8 columns and transpose in registers. k past K is zeroed by the masks.
        let n1 = p.n - 1u;
        let m0 = vec4<f32>(vec4<bool>(k0 < p.k, k0 + 1u < p.k, k0 + 2u < p.k, k0 + 3u < p.k));
        let m4 = vec4<f32>(vec4<bool>(k0 + 4u < p.k, k0 + 5u < p.k, k0 + 6u < p.k, k0 + 7u < p.k));
        var t0: array<vec4<f32>, 8>;
        var t1: array<vec4<f32>, 8>;
        for (var cc = 0u; cc < 8u; cc++) {
            let q = (bb + min(j0 + cc, n1) * p.ldb + k0) / 4u;
            t0[cc] = b4[q] * m0;
            t1[cc] = b4[q + 1u] * m4;
        }
        o = b8_from_columns(t0, t1);
    } else {
        for (var kk = 0u; kk < 8u; kk++) {
            let kc = min(k0 + kk, p.k - 1u);
            let s = f32(k0 + kk < p.k);
            // Columns past N read the row's padding or the next row (or are clamped by the
            // robust buffer access): their results are never stored.
            let q = (bb + kc * p.ldb + j0) / 4u;
            o.lo[kk] = s * b4[q];
            o.hi[kk] = s * b4[q + 1u];
        }
    }
    return o;
}

// Row i, columns j0 .. j0 + 8 of C = alpha * acc (+ bias) + beta * C, inside the matrix only.
fn sg_store_row(bc: u32, i: u32, j0: u32, lo: vec4<f32>, hi: vec4<f32>) {
    if (i >= p.m) { return; }
    for (var cc = 0u; cc < 8u; cc++) {
        let j = j0 + cc;
        if (j >= p.n) { return; }
        var v: f32;
        if (cc < 4u) { v = lo[cc]; } else { v = hi[cc - 4u]; }
        v *= p.alpha;
        if ((p.flags & FLAG_BIAS) != 0u) { v += bias[p.off_bias + j]; }
        let idx = bc + i * p.ldc + j;
        if (p.beta != 0.0) { v += p.beta * c[idx]; }
        c[idx] = v;
    }
}

// ---- generated by scripts/gen/matmul_subgroup.py: edit the script, not below ----

@compute @workgroup_size(8)
fn matmul_subgroup(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(subgroup_invocation_id) lane: u32,
) {
    let z = wid.z;
    if (z >= p.batch) { return; }
    let i0 = wid.y * TM;
    let j0 = (wid.x * 8u + lane) * select(8u, 16u, WIDE);
    let ba = base_a(z);
    let bb = base_b(z);
    let m1 = p.m - 1u;
    // c<r>_<q> = C[i0 + r, j0 + 4 q .. j0 + 4 q + 4]; q = 2, 3 only when WIDE.
    var c0_0: vec4<f32>; var c0_1: vec4<f32>; var c0_2: vec4<f32>; var c0_3: vec4<f32>;
    var c1_0: vec4<f32>; var c1_1: vec4<f32>; var c1_2: vec4<f32>; var c1_3: vec4<f32>;
    var c2_0: vec4<f32>; var c2_1: vec4<f32>; var c2_2: vec4<f32>; var c2_3: vec4<f32>;
    var c3_0: vec4<f32>; var c3_1: vec4<f32>; var c3_2: vec4<f32>; var c3_3: vec4<f32>;
    var c4_0: vec4<f32>; var c4_1: vec4<f32>; var c4_2: vec4<f32>; var c4_3: vec4<f32>;
    var c5_0: vec4<f32>; var c5_1: vec4<f32>; var c5_2: vec4<f32>; var c5_3: vec4<f32>;
    var c6_0: vec4<f32>; var c6_1: vec4<f32>; var c6_2: vec4<f32>; var c6_3: vec4<f32>;
    var c7_0: vec4<f32>; var c7_1: vec4<f32>; var c7_2: vec4<f32>; var c7_3: vec4<f32>;
    var c8_0: vec4<f32>; var c8_1: vec4<f32>; var c8_2: vec4<f32>; var c8_3: vec4<f32>;
    var c9_0: vec4<f32>; var c9_1: vec4<f32>; var c9_2: vec4<f32>; var c9_3: vec4<f32>;
    var c10_0: vec4<f32>; var c10_1: vec4<f32>; var c10_2: vec4<f32>; var c10_3: vec4<f32>;
    var c11_0: vec4<f32>; var c11_1: vec4<f32>; var c11_2: vec4<f32>; var c11_3: vec4<f32>;
    var c12_0: vec4<f32>; var c12_1: vec4<f32>; var c12_2: vec4<f32>; var c12_3: vec4<f32>;
    var c13_0: vec4<f32>; var c13_1: vec4<f32>; var c13_2: vec4<f32>; var c13_3: vec4<f32>;
    var c14_0: vec4<f32>; var c14_1: vec4<f32>; var c14_2: vec4<f32>; var c14_3: vec4<f32>;
    var c15_0: vec4<f32>; var c15_1: vec4<f32>; var c15_2: vec4<f32>; var c15_3: vec4<f32>;
    var c16_0: vec4<f32>; var c16_1: vec4<f32>; var c16_2: vec4<f32>; var c16_3: vec4<f32>;
    var c17_0: vec4<f32>; var c17_1: vec4<f32>; var c17_2: vec4<f32>; var c17_3: vec4<f32>;
    var c18_0: vec4<f32>; var c18_1: vec4<f32>; var c18_2: vec4<f32>; var c18_3: vec4<f32>;
    var c19_0: vec4<f32>; var c19_1: vec4<f32>; var c19_2: vec4<f32>; var c19_3: vec4<f32>;
    var c20_0: vec4<f32>; var c20_1: vec4<f32>; var c20_2: vec4<f32>; var c20_3: vec4<f32>;
    var c21_0: vec4<f32>; var c21_1: vec4<f32>; var c21_2: vec4<f32>; var c21_3: vec4<f32>;
    var c22_0: vec4<f32>; var c22_1: vec4<f32>; var c22_2: vec4<f32>; var c22_3: vec4<f32>;
    var c23_0: vec4<f32>; var c23_1: vec4<f32>; var c23_2: vec4<f32>; var c23_3: vec4<f32>;
    var c24_0: vec4<f32>; var c24_1: vec4<f32>; var c24_2: vec4<f32>; var c24_3: vec4<f32>;
    var c25_0: vec4<f32>; var c25_1: vec4<f32>; var c25_2: vec4<f32>; var c25_3: vec4<f32>;
    var c26_0: vec4<f32>; var c26_1: vec4<f32>; var c26_2: vec4<f32>; var c26_3: vec4<f32>;
    var c27_0: vec4<f32>; var c27_1: vec4<f32>; var c27_2: vec4<f32>; var c27_3: vec4<f32>;
    var c28_0: vec4<f32>; var c28_1: vec4<f32>; var c28_2: vec4<f32>; var c28_3: vec4<f32>;
    var c29_0: vec4<f32>; var c29_1: vec4<f32>; var c29_2: vec4<f32>; var c29_3: vec4<f32>;
    var c30_0: vec4<f32>; var c30_1: vec4<f32>; var c30_2: vec4<f32>; var c30_3: vec4<f32>;
    var c31_0: vec4<f32>; var c31_1: vec4<f32>; var c31_2: vec4<f32>; var c31_3: vec4<f32>;
    var c32_0: vec4<f32>; var c32_1: vec4<f32>; var c32_2: vec4<f32>; var c32_3: vec4<f32>;
    var c33_0: vec4<f32>; var c33_1: vec4<f32>; var c33_2: vec4<f32>; var c33_3: vec4<f32>;
    var c34_0: vec4<f32>; var c34_1: vec4<f32>; var c34_2: vec4<f32>; var c34_3: vec4<f32>;
    var c35_0: vec4<f32>; var c35_1: vec4<f32>; var c35_2: vec4<f32>; var c35_3: vec4<f32>;
    var c36_0: vec4<f32>; var c36_1: vec4<f32>; var c36_2: vec4<f32>; var c36_3: vec4<f32>;
    var c37_0: vec4<f32>; var c37_1: vec4<f32>; var c37_2: vec4<f32>; var c37_3: vec4<f32>;
    var c38_0: vec4<f32>; var c38_1: vec4<f32>; var c38_2: vec4<f32>; var c38_3: vec4<f32>;
    var c39_0: vec4<f32>; var c39_1: vec4<f32>; var c39_2: vec4<f32>; var c39_3: vec4<f32>;
    var c40_0: vec4<f32>; var c40_1: vec4<f32>; var c40_2: vec4<f32>; var c40_3: vec4<f32>;
    var c41_0: vec4<f32>; var c41_1: vec4<f32>; var c41_2: vec4<f32>; var c41_3: vec4<f32>;
    var c42_0: vec4<f32>; var c42_1: vec4<f32>; var c42_2: vec4<f32>; var c42_3: vec4<f32>;
    var c43_0: vec4<f32>; var c43_1: vec4<f32>; var c43_2: vec4<f32>; var c43_3: vec4<f32>;
    var c44_0: vec4<f32>; var c44_1: vec4<f32>; var c44_2: vec4<f32>; var c44_3: vec4<f32>;
    var c45_0: vec4<f32>; var c45_1: vec4<f32>; var c45_2: vec4<f32>; var c45_3: vec4<f32>;
    var c46_0: vec4<f32>; var c46_1: vec4<f32>; var c46_2: vec4<f32>; var c46_3: vec4<f32>;
    var c47_0: vec4<f32>; var c47_1: vec4<f32>; var c47_2: vec4<f32>; var c47_3: vec4<f32>;
    var c48_0: vec4<f32>; var c48_1: vec4<f32>; var c48_2: vec4<f32>; var c48_3: vec4<f32>;
    var c49_0: vec4<f32>; var c49_1: vec4<f32>; var c49_2: vec4<f32>; var c49_3: vec4<f32>;
    var c50_0: vec4<f32>; var c50_1: vec4<f32>; var c50_2: vec4<f32>; var c50_3: vec4<f32>;
    var c51_0: vec4<f32>; var c51_1: vec4<f32>; var c51_2: vec4<f32>; var c51_3: vec4<f32>;
    var c52_0: vec4<f32>; var c52_1: vec4<f32>; var c52_2: vec4<f32>; var c52_3: vec4<f32>;
    var c53_0: vec4<f32>; var c53_1: vec4<f32>; var c53_2: vec4<f32>; var c53_3: vec4<f32>;
    var c54_0: vec4<f32>; var c54_1: vec4<f32>; var c54_2: vec4<f32>; var c54_3: vec4<f32>;
    var c55_0: vec4<f32>; var c55_1: vec4<f32>; var c55_2: vec4<f32>; var c55_3: vec4<f32>;
    var c56_0: vec4<f32>; var c56_1: vec4<f32>; var c56_2: vec4<f32>; var c56_3: vec4<f32>;
    var c57_0: vec4<f32>; var c57_1: vec4<f32>; var c57_2: vec4<f32>; var c57_3: vec4<f32>;
    var c58_0: vec4<f32>; var c58_1: vec4<f32>; var c58_2: vec4<f32>; var c58_3: vec4<f32>;
    var c59_0: vec4<f32>; var c59_1: vec4<f32>; var c59_2: vec4<f32>; var c59_3: vec4<f32>;
    var c60_0: vec4<f32>; var c60_1: vec4<f32>; var c60_2: vec4<f32>; var c60_3: vec4<f32>;
    var c61_0: vec4<f32>; var c61_1: vec4<f32>; var c61_2: vec4<f32>; var c61_3: vec4<f32>;
    var c62_0: vec4<f32>; var c62_1: vec4<f32>; var c62_2: vec4<f32>; var c62_3: vec4<f32>;
    var c63_0: vec4<f32>; var c63_1: vec4<f32>; var c63_2: vec4<f32>; var c63_3: vec4<f32>;
    for (var k0 = 0u; k0 < p.k; k0 += 8u) {
        // This lane's column k0 + lane of op(A), zero past K.
        let kl = k0 + lane;
        let kin = kl < p.k;
        let kc = min(kl, p.k - 1u);
        // b<kk>_<q> = op(B)[k0 + kk, j0 + 4 q .. j0 + 4 q + 4].
        let bt = sg_load_b8(bb, k0, j0);
        var bu: B8;
        if (WIDE) { bu = sg_load_b8(bb, k0, j0 + 8u); }
        let b0_0 = bt.lo[0]; let b0_1 = bt.hi[0]; let b0_2 = bu.lo[0]; let b0_3 = bu.hi[0];
        let b1_0 = bt.lo[1]; let b1_1 = bt.hi[1]; let b1_2 = bu.lo[1]; let b1_3 = bu.hi[1];
        let b2_0 = bt.lo[2]; let b2_1 = bt.hi[2]; let b2_2 = bu.lo[2]; let b2_3 = bu.hi[2];
        let b3_0 = bt.lo[3]; let b3_1 = bt.hi[3]; let b3_2 = bu.lo[3]; let b3_3 = bu.hi[3];
        let b4_0 = bt.lo[4]; let b4_1 = bt.hi[4]; let b4_2 = bu.lo[4]; let b4_3 = bu.hi[4];
        let b5_0 = bt.lo[5]; let b5_1 = bt.hi[5]; let b5_2 = bu.lo[5]; let b5_3 = bu.hi[5];
        let b6_0 = bt.lo[6]; let b6_1 = bt.hi[6]; let b6_2 = bu.lo[6]; let b6_3 = bu.hi[6];
        let b7_0 = bt.lo[7]; let b7_1 = bt.hi[7]; let b7_2 = bu.lo[7]; let b7_3 = bu.hi[7];
        let x0 = sg_load_a(ba, min(i0 + 0u, m1), kc, kin);
        let x1 = sg_load_a(ba, min(i0 + 1u, m1), kc, kin);
        let x2 = sg_load_a(ba, min(i0 + 2u, m1), kc, kin);
        let x3 = sg_load_a(ba, min(i0 + 3u, m1), kc, kin);
        let x4 = sg_load_a(ba, min(i0 + 4u, m1), kc, kin);
        let x5 = sg_load_a(ba, min(i0 + 5u, m1), kc, kin);
        let x6 = sg_load_a(ba, min(i0 + 6u, m1), kc, kin);
        let x7 = sg_load_a(ba, min(i0 + 7u, m1), kc, kin);
        let x8 = sg_load_a(ba, min(i0 + 8u, m1), kc, kin);
        let x9 = sg_load_a(ba, min(i0 + 9u, m1), kc, kin);
        let x10 = sg_load_a(ba, min(i0 + 10u, m1), kc, kin);
        let x11 = sg_load_a(ba, min(i0 + 11u, m1), kc, kin);
        let x12 = sg_load_a(ba, min(i0 + 12u, m1), kc, kin);
        let x13 = sg_load_a(ba, min(i0 + 13u, m1), kc, kin);
        let x14 = sg_load_a(ba, min(i0 + 14u, m1), kc, kin);
        let x15 = sg_load_a(ba, min(i0 + 15u, m1), kc, kin);
        // row 0: A[i0 + 0, k0 + kk] is x0 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x0, 0u)); c0_0 = fma(s, b0_0, c0_0); c0_1 = fma(s, b0_1, c0_1);
          if (WIDE) { c0_2 = fma(s, b0_2, c0_2); c0_3 = fma(s, b0_3, c0_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x0, 1u)); c0_0 = fma(s, b1_0, c0_0); c0_1 = fma(s, b1_1, c0_1);
          if (WIDE) { c0_2 = fma(s, b1_2, c0_2); c0_3 = fma(s, b1_3, c0_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x0, 2u)); c0_0 = fma(s, b2_0, c0_0); c0_1 = fma(s, b2_1, c0_1);
          if (WIDE) { c0_2 = fma(s, b2_2, c0_2); c0_3 = fma(s, b2_3, c0_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x0, 3u)); c0_0 = fma(s, b3_0, c0_0); c0_1 = fma(s, b3_1, c0_1);
          if (WIDE) { c0_2 = fma(s, b3_2, c0_2); c0_3 = fma(s, b3_3, c0_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x0, 4u)); c0_0 = fma(s, b4_0, c0_0); c0_1 = fma(s, b4_1, c0_1);
          if (WIDE) { c0_2 = fma(s, b4_2, c0_2); c0_3 = fma(s, b4_3, c0_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x0, 5u)); c0_0 = fma(s, b5_0, c0_0); c0_1 = fma(s, b5_1, c0_1);
          if (WIDE) { c0_2 = fma(s, b5_2, c0_2); c0_3 = fma(s, b5_3, c0_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x0, 6u)); c0_0 = fma(s, b6_0, c0_0); c0_1 = fma(s, b6_1, c0_1);
          if (WIDE) { c0_2 = fma(s, b6_2, c0_2); c0_3 = fma(s, b6_3, c0_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x0, 7u)); c0_0 = fma(s, b7_0, c0_0); c0_1 = fma(s, b7_1, c0_1);
          if (WIDE) { c0_2 = fma(s, b7_2, c0_2); c0_3 = fma(s, b7_3, c0_3); } }
        // row 1: A[i0 + 1, k0 + kk] is x1 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x1, 0u)); c1_0 = fma(s, b0_0, c1_0); c1_1 = fma(s, b0_1, c1_1);
          if (WIDE) { c1_2 = fma(s, b0_2, c1_2); c1_3 = fma(s, b0_3, c1_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x1, 1u)); c1_0 = fma(s, b1_0, c1_0); c1_1 = fma(s, b1_1, c1_1);
          if (WIDE) { c1_2 = fma(s, b1_2, c1_2); c1_3 = fma(s, b1_3, c1_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x1, 2u)); c1_0 = fma(s, b2_0, c1_0); c1_1 = fma(s, b2_1, c1_1);
          if (WIDE) { c1_2 = fma(s, b2_2, c1_2); c1_3 = fma(s, b2_3, c1_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x1, 3u)); c1_0 = fma(s, b3_0, c1_0); c1_1 = fma(s, b3_1, c1_1);
          if (WIDE) { c1_2 = fma(s, b3_2, c1_2); c1_3 = fma(s, b3_3, c1_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x1, 4u)); c1_0 = fma(s, b4_0, c1_0); c1_1 = fma(s, b4_1, c1_1);
          if (WIDE) { c1_2 = fma(s, b4_2, c1_2); c1_3 = fma(s, b4_3, c1_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x1, 5u)); c1_0 = fma(s, b5_0, c1_0); c1_1 = fma(s, b5_1, c1_1);
          if (WIDE) { c1_2 = fma(s, b5_2, c1_2); c1_3 = fma(s, b5_3, c1_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x1, 6u)); c1_0 = fma(s, b6_0, c1_0); c1_1 = fma(s, b6_1, c1_1);
          if (WIDE) { c1_2 = fma(s, b6_2, c1_2); c1_3 = fma(s, b6_3, c1_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x1, 7u)); c1_0 = fma(s, b7_0, c1_0); c1_1 = fma(s, b7_1, c1_1);
          if (WIDE) { c1_2 = fma(s, b7_2, c1_2); c1_3 = fma(s, b7_3, c1_3); } }
        // row 2: A[i0 + 2, k0 + kk] is x2 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x2, 0u)); c2_0 = fma(s, b0_0, c2_0); c2_1 = fma(s, b0_1, c2_1);
          if (WIDE) { c2_2 = fma(s, b0_2, c2_2); c2_3 = fma(s, b0_3, c2_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x2, 1u)); c2_0 = fma(s, b1_0, c2_0); c2_1 = fma(s, b1_1, c2_1);
          if (WIDE) { c2_2 = fma(s, b1_2, c2_2); c2_3 = fma(s, b1_3, c2_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x2, 2u)); c2_0 = fma(s, b2_0, c2_0); c2_1 = fma(s, b2_1, c2_1);
          if (WIDE) { c2_2 = fma(s, b2_2, c2_2); c2_3 = fma(s, b2_3, c2_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x2, 3u)); c2_0 = fma(s, b3_0, c2_0); c2_1 = fma(s, b3_1, c2_1);
          if (WIDE) { c2_2 = fma(s, b3_2, c2_2); c2_3 = fma(s, b3_3, c2_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x2, 4u)); c2_0 = fma(s, b4_0, c2_0); c2_1 = fma(s, b4_1, c2_1);
          if (WIDE) { c2_2 = fma(s, b4_2, c2_2); c2_3 = fma(s, b4_3, c2_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x2, 5u)); c2_0 = fma(s, b5_0, c2_0); c2_1 = fma(s, b5_1, c2_1);
          if (WIDE) { c2_2 = fma(s, b5_2, c2_2); c2_3 = fma(s, b5_3, c2_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x2, 6u)); c2_0 = fma(s, b6_0, c2_0); c2_1 = fma(s, b6_1, c2_1);
          if (WIDE) { c2_2 = fma(s, b6_2, c2_2); c2_3 = fma(s, b6_3, c2_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x2, 7u)); c2_0 = fma(s, b7_0, c2_0); c2_1 = fma(s, b7_1, c2_1);
          if (WIDE) { c2_2 = fma(s, b7_2, c2_2); c2_3 = fma(s, b7_3, c2_3); } }
        // row 3: A[i0 + 3, k0 + kk] is x3 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x3, 0u)); c3_0 = fma(s, b0_0, c3_0); c3_1 = fma(s, b0_1, c3_1);
          if (WIDE) { c3_2 = fma(s, b0_2, c3_2); c3_3 = fma(s, b0_3, c3_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x3, 1u)); c3_0 = fma(s, b1_0, c3_0); c3_1 = fma(s, b1_1, c3_1);
          if (WIDE) { c3_2 = fma(s, b1_2, c3_2); c3_3 = fma(s, b1_3, c3_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x3, 2u)); c3_0 = fma(s, b2_0, c3_0); c3_1 = fma(s, b2_1, c3_1);
          if (WIDE) { c3_2 = fma(s, b2_2, c3_2); c3_3 = fma(s, b2_3, c3_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x3, 3u)); c3_0 = fma(s, b3_0, c3_0); c3_1 = fma(s, b3_1, c3_1);
          if (WIDE) { c3_2 = fma(s, b3_2, c3_2); c3_3 = fma(s, b3_3, c3_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x3, 4u)); c3_0 = fma(s, b4_0, c3_0); c3_1 = fma(s, b4_1, c3_1);
          if (WIDE) { c3_2 = fma(s, b4_2, c3_2); c3_3 = fma(s, b4_3, c3_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x3, 5u)); c3_0 = fma(s, b5_0, c3_0); c3_1 = fma(s, b5_1, c3_1);
          if (WIDE) { c3_2 = fma(s, b5_2, c3_2); c3_3 = fma(s, b5_3, c3_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x3, 6u)); c3_0 = fma(s, b6_0, c3_0); c3_1 = fma(s, b6_1, c3_1);
          if (WIDE) { c3_2 = fma(s, b6_2, c3_2); c3_3 = fma(s, b6_3, c3_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x3, 7u)); c3_0 = fma(s, b7_0, c3_0); c3_1 = fma(s, b7_1, c3_1);
          if (WIDE) { c3_2 = fma(s, b7_2, c3_2); c3_3 = fma(s, b7_3, c3_3); } }
        // row 4: A[i0 + 4, k0 + kk] is x4 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x4, 0u)); c4_0 = fma(s, b0_0, c4_0); c4_1 = fma(s, b0_1, c4_1);
          if (WIDE) { c4_2 = fma(s, b0_2, c4_2); c4_3 = fma(s, b0_3, c4_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x4, 1u)); c4_0 = fma(s, b1_0, c4_0); c4_1 = fma(s, b1_1, c4_1);
          if (WIDE) { c4_2 = fma(s, b1_2, c4_2); c4_3 = fma(s, b1_3, c4_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x4, 2u)); c4_0 = fma(s, b2_0, c4_0); c4_1 = fma(s, b2_1, c4_1);
          if (WIDE) { c4_2 = fma(s, b2_2, c4_2); c4_3 = fma(s, b2_3, c4_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x4, 3u)); c4_0 = fma(s, b3_0, c4_0); c4_1 = fma(s, b3_1, c4_1);
          if (WIDE) { c4_2 = fma(s, b3_2, c4_2); c4_3 = fma(s, b3_3, c4_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x4, 4u)); c4_0 = fma(s, b4_0, c4_0); c4_1 = fma(s, b4_1, c4_1);
          if (WIDE) { c4_2 = fma(s, b4_2, c4_2); c4_3 = fma(s, b4_3, c4_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x4, 5u)); c4_0 = fma(s, b5_0, c4_0); c4_1 = fma(s, b5_1, c4_1);
          if (WIDE) { c4_2 = fma(s, b5_2, c4_2); c4_3 = fma(s, b5_3, c4_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x4, 6u)); c4_0 = fma(s, b6_0, c4_0); c4_1 = fma(s, b6_1, c4_1);
          if (WIDE) { c4_2 = fma(s, b6_2, c4_2); c4_3 = fma(s, b6_3, c4_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x4, 7u)); c4_0 = fma(s, b7_0, c4_0); c4_1 = fma(s, b7_1, c4_1);
          if (WIDE) { c4_2 = fma(s, b7_2, c4_2); c4_3 = fma(s, b7_3, c4_3); } }
        // row 5: A[i0 + 5, k0 + kk] is x5 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x5, 0u)); c5_0 = fma(s, b0_0, c5_0); c5_1 = fma(s, b0_1, c5_1);
          if (WIDE) { c5_2 = fma(s, b0_2, c5_2); c5_3 = fma(s, b0_3, c5_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x5, 1u)); c5_0 = fma(s, b1_0, c5_0); c5_1 = fma(s, b1_1, c5_1);
          if (WIDE) { c5_2 = fma(s, b1_2, c5_2); c5_3 = fma(s, b1_3, c5_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x5, 2u)); c5_0 = fma(s, b2_0, c5_0); c5_1 = fma(s, b2_1, c5_1);
          if (WIDE) { c5_2 = fma(s, b2_2, c5_2); c5_3 = fma(s, b2_3, c5_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x5, 3u)); c5_0 = fma(s, b3_0, c5_0); c5_1 = fma(s, b3_1, c5_1);
          if (WIDE) { c5_2 = fma(s, b3_2, c5_2); c5_3 = fma(s, b3_3, c5_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x5, 4u)); c5_0 = fma(s, b4_0, c5_0); c5_1 = fma(s, b4_1, c5_1);
          if (WIDE) { c5_2 = fma(s, b4_2, c5_2); c5_3 = fma(s, b4_3, c5_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x5, 5u)); c5_0 = fma(s, b5_0, c5_0); c5_1 = fma(s, b5_1, c5_1);
          if (WIDE) { c5_2 = fma(s, b5_2, c5_2); c5_3 = fma(s, b5_3, c5_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x5, 6u)); c5_0 = fma(s, b6_0, c5_0); c5_1 = fma(s, b6_1, c5_1);
          if (WIDE) { c5_2 = fma(s, b6_2, c5_2); c5_3 = fma(s, b6_3, c5_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x5, 7u)); c5_0 = fma(s, b7_0, c5_0); c5_1 = fma(s, b7_1, c5_1);
          if (WIDE) { c5_2 = fma(s, b7_2, c5_2); c5_3 = fma(s, b7_3, c5_3); } }
        // row 6: A[i0 + 6, k0 + kk] is x6 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x6, 0u)); c6_0 = fma(s, b0_0, c6_0); c6_1 = fma(s, b0_1, c6_1);
          if (WIDE) { c6_2 = fma(s, b0_2, c6_2); c6_3 = fma(s, b0_3, c6_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x6, 1u)); c6_0 = fma(s, b1_0, c6_0); c6_1 = fma(s, b1_1, c6_1);
          if (WIDE) { c6_2 = fma(s, b1_2, c6_2); c6_3 = fma(s, b1_3, c6_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x6, 2u)); c6_0 = fma(s, b2_0, c6_0); c6_1 = fma(s, b2_1, c6_1);
          if (WIDE) { c6_2 = fma(s, b2_2, c6_2); c6_3 = fma(s, b2_3, c6_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x6, 3u)); c6_0 = fma(s, b3_0, c6_0); c6_1 = fma(s, b3_1, c6_1);
          if (WIDE) { c6_2 = fma(s, b3_2, c6_2); c6_3 = fma(s, b3_3, c6_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x6, 4u)); c6_0 = fma(s, b4_0, c6_0); c6_1 = fma(s, b4_1, c6_1);
          if (WIDE) { c6_2 = fma(s, b4_2, c6_2); c6_3 = fma(s, b4_3, c6_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x6, 5u)); c6_0 = fma(s, b5_0, c6_0); c6_1 = fma(s, b5_1, c6_1);
          if (WIDE) { c6_2 = fma(s, b5_2, c6_2); c6_3 = fma(s, b5_3, c6_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x6, 6u)); c6_0 = fma(s, b6_0, c6_0); c6_1 = fma(s, b6_1, c6_1);
          if (WIDE) { c6_2 = fma(s, b6_2, c6_2); c6_3 = fma(s, b6_3, c6_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x6, 7u)); c6_0 = fma(s, b7_0, c6_0); c6_1 = fma(s, b7_1, c6_1);
          if (WIDE) { c6_2 = fma(s, b7_2, c6_2); c6_3 = fma(s, b7_3, c6_3); } }
        // row 7: A[i0 + 7, k0 + kk] is x7 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x7, 0u)); c7_0 = fma(s, b0_0, c7_0); c7_1 = fma(s, b0_1, c7_1);
          if (WIDE) { c7_2 = fma(s, b0_2, c7_2); c7_3 = fma(s, b0_3, c7_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x7, 1u)); c7_0 = fma(s, b1_0, c7_0); c7_1 = fma(s, b1_1, c7_1);
          if (WIDE) { c7_2 = fma(s, b1_2, c7_2); c7_3 = fma(s, b1_3, c7_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x7, 2u)); c7_0 = fma(s, b2_0, c7_0); c7_1 = fma(s, b2_1, c7_1);
          if (WIDE) { c7_2 = fma(s, b2_2, c7_2); c7_3 = fma(s, b2_3, c7_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x7, 3u)); c7_0 = fma(s, b3_0, c7_0); c7_1 = fma(s, b3_1, c7_1);
          if (WIDE) { c7_2 = fma(s, b3_2, c7_2); c7_3 = fma(s, b3_3, c7_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x7, 4u)); c7_0 = fma(s, b4_0, c7_0); c7_1 = fma(s, b4_1, c7_1);
          if (WIDE) { c7_2 = fma(s, b4_2, c7_2); c7_3 = fma(s, b4_3, c7_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x7, 5u)); c7_0 = fma(s, b5_0, c7_0); c7_1 = fma(s, b5_1, c7_1);
          if (WIDE) { c7_2 = fma(s, b5_2, c7_2); c7_3 = fma(s, b5_3, c7_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x7, 6u)); c7_0 = fma(s, b6_0, c7_0); c7_1 = fma(s, b6_1, c7_1);
          if (WIDE) { c7_2 = fma(s, b6_2, c7_2); c7_3 = fma(s, b6_3, c7_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x7, 7u)); c7_0 = fma(s, b7_0, c7_0); c7_1 = fma(s, b7_1, c7_1);
          if (WIDE) { c7_2 = fma(s, b7_2, c7_2); c7_3 = fma(s, b7_3, c7_3); } }
        // row 8: A[i0 + 8, k0 + kk] is x8 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x8, 0u)); c8_0 = fma(s, b0_0, c8_0); c8_1 = fma(s, b0_1, c8_1);
          if (WIDE) { c8_2 = fma(s, b0_2, c8_2); c8_3 = fma(s, b0_3, c8_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x8, 1u)); c8_0 = fma(s, b1_0, c8_0); c8_1 = fma(s, b1_1, c8_1);
          if (WIDE) { c8_2 = fma(s, b1_2, c8_2); c8_3 = fma(s, b1_3, c8_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x8, 2u)); c8_0 = fma(s, b2_0, c8_0); c8_1 = fma(s, b2_1, c8_1);
          if (WIDE) { c8_2 = fma(s, b2_2, c8_2); c8_3 = fma(s, b2_3, c8_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x8, 3u)); c8_0 = fma(s, b3_0, c8_0); c8_1 = fma(s, b3_1, c8_1);
          if (WIDE) { c8_2 = fma(s, b3_2, c8_2); c8_3 = fma(s, b3_3, c8_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x8, 4u)); c8_0 = fma(s, b4_0, c8_0); c8_1 = fma(s, b4_1, c8_1);
          if (WIDE) { c8_2 = fma(s, b4_2, c8_2); c8_3 = fma(s, b4_3, c8_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x8, 5u)); c8_0 = fma(s, b5_0, c8_0); c8_1 = fma(s, b5_1, c8_1);
          if (WIDE) { c8_2 = fma(s, b5_2, c8_2); c8_3 = fma(s, b5_3, c8_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x8, 6u)); c8_0 = fma(s, b6_0, c8_0); c8_1 = fma(s, b6_1, c8_1);
          if (WIDE) { c8_2 = fma(s, b6_2, c8_2); c8_3 = fma(s, b6_3, c8_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x8, 7u)); c8_0 = fma(s, b7_0, c8_0); c8_1 = fma(s, b7_1, c8_1);
          if (WIDE) { c8_2 = fma(s, b7_2, c8_2); c8_3 = fma(s, b7_3, c8_3); } }
        // row 9: A[i0 + 9, k0 + kk] is x9 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x9, 0u)); c9_0 = fma(s, b0_0, c9_0); c9_1 = fma(s, b0_1, c9_1);
          if (WIDE) { c9_2 = fma(s, b0_2, c9_2); c9_3 = fma(s, b0_3, c9_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x9, 1u)); c9_0 = fma(s, b1_0, c9_0); c9_1 = fma(s, b1_1, c9_1);
          if (WIDE) { c9_2 = fma(s, b1_2, c9_2); c9_3 = fma(s, b1_3, c9_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x9, 2u)); c9_0 = fma(s, b2_0, c9_0); c9_1 = fma(s, b2_1, c9_1);
          if (WIDE) { c9_2 = fma(s, b2_2, c9_2); c9_3 = fma(s, b2_3, c9_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x9, 3u)); c9_0 = fma(s, b3_0, c9_0); c9_1 = fma(s, b3_1, c9_1);
          if (WIDE) { c9_2 = fma(s, b3_2, c9_2); c9_3 = fma(s, b3_3, c9_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x9, 4u)); c9_0 = fma(s, b4_0, c9_0); c9_1 = fma(s, b4_1, c9_1);
          if (WIDE) { c9_2 = fma(s, b4_2, c9_2); c9_3 = fma(s, b4_3, c9_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x9, 5u)); c9_0 = fma(s, b5_0, c9_0); c9_1 = fma(s, b5_1, c9_1);
          if (WIDE) { c9_2 = fma(s, b5_2, c9_2); c9_3 = fma(s, b5_3, c9_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x9, 6u)); c9_0 = fma(s, b6_0, c9_0); c9_1 = fma(s, b6_1, c9_1);
          if (WIDE) { c9_2 = fma(s, b6_2, c9_2); c9_3 = fma(s, b6_3, c9_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x9, 7u)); c9_0 = fma(s, b7_0, c9_0); c9_1 = fma(s, b7_1, c9_1);
          if (WIDE) { c9_2 = fma(s, b7_2, c9_2); c9_3 = fma(s, b7_3, c9_3); } }
        // row 10: A[i0 + 10, k0 + kk] is x10 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x10, 0u)); c10_0 = fma(s, b0_0, c10_0); c10_1 = fma(s, b0_1, c10_1);
          if (WIDE) { c10_2 = fma(s, b0_2, c10_2); c10_3 = fma(s, b0_3, c10_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x10, 1u)); c10_0 = fma(s, b1_0, c10_0); c10_1 = fma(s, b1_1, c10_1);
          if (WIDE) { c10_2 = fma(s, b1_2, c10_2); c10_3 = fma(s, b1_3, c10_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x10, 2u)); c10_0 = fma(s, b2_0, c10_0); c10_1 = fma(s, b2_1, c10_1);
          if (WIDE) { c10_2 = fma(s, b2_2, c10_2); c10_3 = fma(s, b2_3, c10_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x10, 3u)); c10_0 = fma(s, b3_0, c10_0); c10_1 = fma(s, b3_1, c10_1);
          if (WIDE) { c10_2 = fma(s, b3_2, c10_2); c10_3 = fma(s, b3_3, c10_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x10, 4u)); c10_0 = fma(s, b4_0, c10_0); c10_1 = fma(s, b4_1, c10_1);
          if (WIDE) { c10_2 = fma(s, b4_2, c10_2); c10_3 = fma(s, b4_3, c10_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x10, 5u)); c10_0 = fma(s, b5_0, c10_0); c10_1 = fma(s, b5_1, c10_1);
          if (WIDE) { c10_2 = fma(s, b5_2, c10_2); c10_3 = fma(s, b5_3, c10_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x10, 6u)); c10_0 = fma(s, b6_0, c10_0); c10_1 = fma(s, b6_1, c10_1);
          if (WIDE) { c10_2 = fma(s, b6_2, c10_2); c10_3 = fma(s, b6_3, c10_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x10, 7u)); c10_0 = fma(s, b7_0, c10_0); c10_1 = fma(s, b7_1, c10_1);
          if (WIDE) { c10_2 = fma(s, b7_2, c10_2); c10_3 = fma(s, b7_3, c10_3); } }
        // row 11: A[i0 + 11, k0 + kk] is x11 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x11, 0u)); c11_0 = fma(s, b0_0, c11_0); c11_1 = fma(s, b0_1, c11_1);
          if (WIDE) { c11_2 = fma(s, b0_2, c11_2); c11_3 = fma(s, b0_3, c11_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x11, 1u)); c11_0 = fma(s, b1_0, c11_0); c11_1 = fma(s, b1_1, c11_1);
          if (WIDE) { c11_2 = fma(s, b1_2, c11_2); c11_3 = fma(s, b1_3, c11_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x11, 2u)); c11_0 = fma(s, b2_0, c11_0); c11_1 = fma(s, b2_1, c11_1);
          if (WIDE) { c11_2 = fma(s, b2_2, c11_2); c11_3 = fma(s, b2_3, c11_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x11, 3u)); c11_0 = fma(s, b3_0, c11_0); c11_1 = fma(s, b3_1, c11_1);
          if (WIDE) { c11_2 = fma(s, b3_2, c11_2); c11_3 = fma(s, b3_3, c11_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x11, 4u)); c11_0 = fma(s, b4_0, c11_0); c11_1 = fma(s, b4_1, c11_1);
          if (WIDE) { c11_2 = fma(s, b4_2, c11_2); c11_3 = fma(s, b4_3, c11_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x11, 5u)); c11_0 = fma(s, b5_0, c11_0); c11_1 = fma(s, b5_1, c11_1);
          if (WIDE) { c11_2 = fma(s, b5_2, c11_2); c11_3 = fma(s, b5_3, c11_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x11, 6u)); c11_0 = fma(s, b6_0, c11_0); c11_1 = fma(s, b6_1, c11_1);
          if (WIDE) { c11_2 = fma(s, b6_2, c11_2); c11_3 = fma(s, b6_3, c11_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x11, 7u)); c11_0 = fma(s, b7_0, c11_0); c11_1 = fma(s, b7_1, c11_1);
          if (WIDE) { c11_2 = fma(s, b7_2, c11_2); c11_3 = fma(s, b7_3, c11_3); } }
        // row 12: A[i0 + 12, k0 + kk] is x12 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x12, 0u)); c12_0 = fma(s, b0_0, c12_0); c12_1 = fma(s, b0_1, c12_1);
          if (WIDE) { c12_2 = fma(s, b0_2, c12_2); c12_3 = fma(s, b0_3, c12_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x12, 1u)); c12_0 = fma(s, b1_0, c12_0); c12_1 = fma(s, b1_1, c12_1);
          if (WIDE) { c12_2 = fma(s, b1_2, c12_2); c12_3 = fma(s, b1_3, c12_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x12, 2u)); c12_0 = fma(s, b2_0, c12_0); c12_1 = fma(s, b2_1, c12_1);
          if (WIDE) { c12_2 = fma(s, b2_2, c12_2); c12_3 = fma(s, b2_3, c12_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x12, 3u)); c12_0 = fma(s, b3_0, c12_0); c12_1 = fma(s, b3_1, c12_1);
          if (WIDE) { c12_2 = fma(s, b3_2, c12_2); c12_3 = fma(s, b3_3, c12_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x12, 4u)); c12_0 = fma(s, b4_0, c12_0); c12_1 = fma(s, b4_1, c12_1);
          if (WIDE) { c12_2 = fma(s, b4_2, c12_2); c12_3 = fma(s, b4_3, c12_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x12, 5u)); c12_0 = fma(s, b5_0, c12_0); c12_1 = fma(s, b5_1, c12_1);
          if (WIDE) { c12_2 = fma(s, b5_2, c12_2); c12_3 = fma(s, b5_3, c12_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x12, 6u)); c12_0 = fma(s, b6_0, c12_0); c12_1 = fma(s, b6_1, c12_1);
          if (WIDE) { c12_2 = fma(s, b6_2, c12_2); c12_3 = fma(s, b6_3, c12_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x12, 7u)); c12_0 = fma(s, b7_0, c12_0); c12_1 = fma(s, b7_1, c12_1);
          if (WIDE) { c12_2 = fma(s, b7_2, c12_2); c12_3 = fma(s, b7_3, c12_3); } }
        // row 13: A[i0 + 13, k0 + kk] is x13 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x13, 0u)); c13_0 = fma(s, b0_0, c13_0); c13_1 = fma(s, b0_1, c13_1);
          if (WIDE) { c13_2 = fma(s, b0_2, c13_2); c13_3 = fma(s, b0_3, c13_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x13, 1u)); c13_0 = fma(s, b1_0, c13_0); c13_1 = fma(s, b1_1, c13_1);
          if (WIDE) { c13_2 = fma(s, b1_2, c13_2); c13_3 = fma(s, b1_3, c13_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x13, 2u)); c13_0 = fma(s, b2_0, c13_0); c13_1 = fma(s, b2_1, c13_1);
          if (WIDE) { c13_2 = fma(s, b2_2, c13_2); c13_3 = fma(s, b2_3, c13_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x13, 3u)); c13_0 = fma(s, b3_0, c13_0); c13_1 = fma(s, b3_1, c13_1);
          if (WIDE) { c13_2 = fma(s, b3_2, c13_2); c13_3 = fma(s, b3_3, c13_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x13, 4u)); c13_0 = fma(s, b4_0, c13_0); c13_1 = fma(s, b4_1, c13_1);
          if (WIDE) { c13_2 = fma(s, b4_2, c13_2); c13_3 = fma(s, b4_3, c13_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x13, 5u)); c13_0 = fma(s, b5_0, c13_0); c13_1 = fma(s, b5_1, c13_1);
          if (WIDE) { c13_2 = fma(s, b5_2, c13_2); c13_3 = fma(s, b5_3, c13_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x13, 6u)); c13_0 = fma(s, b6_0, c13_0); c13_1 = fma(s, b6_1, c13_1);
          if (WIDE) { c13_2 = fma(s, b6_2, c13_2); c13_3 = fma(s, b6_3, c13_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x13, 7u)); c13_0 = fma(s, b7_0, c13_0); c13_1 = fma(s, b7_1, c13_1);
          if (WIDE) { c13_2 = fma(s, b7_2, c13_2); c13_3 = fma(s, b7_3, c13_3); } }
        // row 14: A[i0 + 14, k0 + kk] is x14 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x14, 0u)); c14_0 = fma(s, b0_0, c14_0); c14_1 = fma(s, b0_1, c14_1);
          if (WIDE) { c14_2 = fma(s, b0_2, c14_2); c14_3 = fma(s, b0_3, c14_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x14, 1u)); c14_0 = fma(s, b1_0, c14_0); c14_1 = fma(s, b1_1, c14_1);
          if (WIDE) { c14_2 = fma(s, b1_2, c14_2); c14_3 = fma(s, b1_3, c14_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x14, 2u)); c14_0 = fma(s, b2_0, c14_0); c14_1 = fma(s, b2_1, c14_1);
          if (WIDE) { c14_2 = fma(s, b2_2, c14_2); c14_3 = fma(s, b2_3, c14_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x14, 3u)); c14_0 = fma(s, b3_0, c14_0); c14_1 = fma(s, b3_1, c14_1);
          if (WIDE) { c14_2 = fma(s, b3_2, c14_2); c14_3 = fma(s, b3_3, c14_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x14, 4u)); c14_0 = fma(s, b4_0, c14_0); c14_1 = fma(s, b4_1, c14_1);
          if (WIDE) { c14_2 = fma(s, b4_2, c14_2); c14_3 = fma(s, b4_3, c14_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x14, 5u)); c14_0 = fma(s, b5_0, c14_0); c14_1 = fma(s, b5_1, c14_1);
          if (WIDE) { c14_2 = fma(s, b5_2, c14_2); c14_3 = fma(s, b5_3, c14_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x14, 6u)); c14_0 = fma(s, b6_0, c14_0); c14_1 = fma(s, b6_1, c14_1);
          if (WIDE) { c14_2 = fma(s, b6_2, c14_2); c14_3 = fma(s, b6_3, c14_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x14, 7u)); c14_0 = fma(s, b7_0, c14_0); c14_1 = fma(s, b7_1, c14_1);
          if (WIDE) { c14_2 = fma(s, b7_2, c14_2); c14_3 = fma(s, b7_3, c14_3); } }
        // row 15: A[i0 + 15, k0 + kk] is x15 of lane kk
        { let s = vec4<f32>(subgroupBroadcast(x15, 0u)); c15_0 = fma(s, b0_0, c15_0); c15_1 = fma(s, b0_1, c15_1);
          if (WIDE) { c15_2 = fma(s, b0_2, c15_2); c15_3 = fma(s, b0_3, c15_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x15, 1u)); c15_0 = fma(s, b1_0, c15_0); c15_1 = fma(s, b1_1, c15_1);
          if (WIDE) { c15_2 = fma(s, b1_2, c15_2); c15_3 = fma(s, b1_3, c15_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x15, 2u)); c15_0 = fma(s, b2_0, c15_0); c15_1 = fma(s, b2_1, c15_1);
          if (WIDE) { c15_2 = fma(s, b2_2, c15_2); c15_3 = fma(s, b2_3, c15_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x15, 3u)); c15_0 = fma(s, b3_0, c15_0); c15_1 = fma(s, b3_1, c15_1);
          if (WIDE) { c15_2 = fma(s, b3_2, c15_2); c15_3 = fma(s, b3_3, c15_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x15, 4u)); c15_0 = fma(s, b4_0, c15_0); c15_1 = fma(s, b4_1, c15_1);
          if (WIDE) { c15_2 = fma(s, b4_2, c15_2); c15_3 = fma(s, b4_3, c15_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x15, 5u)); c15_0 = fma(s, b5_0, c15_0); c15_1 = fma(s, b5_1, c15_1);
          if (WIDE) { c15_2 = fma(s, b5_2, c15_2); c15_3 = fma(s, b5_3, c15_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x15, 6u)); c15_0 = fma(s, b6_0, c15_0); c15_1 = fma(s, b6_1, c15_1);
          if (WIDE) { c15_2 = fma(s, b6_2, c15_2); c15_3 = fma(s, b6_3, c15_3); } }
        { let s = vec4<f32>(subgroupBroadcast(x15, 7u)); c15_0 = fma(s, b7_0, c15_0); c15_1 = fma(s, b7_1, c15_1);
          if (WIDE) { c15_2 = fma(s, b7_2, c15_2); c15_3 = fma(s, b7_3, c15_3); } }
        if (TM > 16u) {
            let x16 = sg_load_a(ba, min(i0 + 16u, m1), kc, kin);
            let x17 = sg_load_a(ba, min(i0 + 17u, m1), kc, kin);
            let x18 = sg_load_a(ba, min(i0 + 18u, m1), kc, kin);
            let x19 = sg_load_a(ba, min(i0 + 19u, m1), kc, kin);
            let x20 = sg_load_a(ba, min(i0 + 20u, m1), kc, kin);
            let x21 = sg_load_a(ba, min(i0 + 21u, m1), kc, kin);
            let x22 = sg_load_a(ba, min(i0 + 22u, m1), kc, kin);
            let x23 = sg_load_a(ba, min(i0 + 23u, m1), kc, kin);
            let x24 = sg_load_a(ba, min(i0 + 24u, m1), kc, kin);
            let x25 = sg_load_a(ba, min(i0 + 25u, m1), kc, kin);
            let x26 = sg_load_a(ba, min(i0 + 26u, m1), kc, kin);
            let x27 = sg_load_a(ba, min(i0 + 27u, m1), kc, kin);
            let x28 = sg_load_a(ba, min(i0 + 28u, m1), kc, kin);
            let x29 = sg_load_a(ba, min(i0 + 29u, m1), kc, kin);
            let x30 = sg_load_a(ba, min(i0 + 30u, m1), kc, kin);
            let x31 = sg_load_a(ba, min(i0 + 31u, m1), kc, kin);
            // row 16: A[i0 + 16, k0 + kk] is x16 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x16, 0u)); c16_0 = fma(s, b0_0, c16_0); c16_1 = fma(s, b0_1, c16_1);
              if (WIDE) { c16_2 = fma(s, b0_2, c16_2); c16_3 = fma(s, b0_3, c16_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x16, 1u)); c16_0 = fma(s, b1_0, c16_0); c16_1 = fma(s, b1_1, c16_1);
              if (WIDE) { c16_2 = fma(s, b1_2, c16_2); c16_3 = fma(s, b1_3, c16_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x16, 2u)); c16_0 = fma(s, b2_0, c16_0); c16_1 = fma(s, b2_1, c16_1);
              if (WIDE) { c16_2 = fma(s, b2_2, c16_2); c16_3 = fma(s, b2_3, c16_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x16, 3u)); c16_0 = fma(s, b3_0, c16_0); c16_1 = fma(s, b3_1, c16_1);
              if (WIDE) { c16_2 = fma(s, b3_2, c16_2); c16_3 = fma(s, b3_3, c16_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x16, 4u)); c16_0 = fma(s, b4_0, c16_0); c16_1 = fma(s, b4_1, c16_1);
              if (WIDE) { c16_2 = fma(s, b4_2, c16_2); c16_3 = fma(s, b4_3, c16_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x16, 5u)); c16_0 = fma(s, b5_0, c16_0); c16_1 = fma(s, b5_1, c16_1);
              if (WIDE) { c16_2 = fma(s, b5_2, c16_2); c16_3 = fma(s, b5_3, c16_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x16, 6u)); c16_0 = fma(s, b6_0, c16_0); c16_1 = fma(s, b6_1, c16_1);
              if (WIDE) { c16_2 = fma(s, b6_2, c16_2); c16_3 = fma(s, b6_3, c16_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x16, 7u)); c16_0 = fma(s, b7_0, c16_0); c16_1 = fma(s, b7_1, c16_1);
              if (WIDE) { c16_2 = fma(s, b7_2, c16_2); c16_3 = fma(s, b7_3, c16_3); } }
            // row 17: A[i0 + 17, k0 + kk] is x17 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x17, 0u)); c17_0 = fma(s, b0_0, c17_0); c17_1 = fma(s, b0_1, c17_1);
              if (WIDE) { c17_2 = fma(s, b0_2, c17_2); c17_3 = fma(s, b0_3, c17_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x17, 1u)); c17_0 = fma(s, b1_0, c17_0); c17_1 = fma(s, b1_1, c17_1);
              if (WIDE) { c17_2 = fma(s, b1_2, c17_2); c17_3 = fma(s, b1_3, c17_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x17, 2u)); c17_0 = fma(s, b2_0, c17_0); c17_1 = fma(s, b2_1, c17_1);
              if (WIDE) { c17_2 = fma(s, b2_2, c17_2); c17_3 = fma(s, b2_3, c17_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x17, 3u)); c17_0 = fma(s, b3_0, c17_0); c17_1 = fma(s, b3_1, c17_1);
              if (WIDE) { c17_2 = fma(s, b3_2, c17_2); c17_3 = fma(s, b3_3, c17_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x17, 4u)); c17_0 = fma(s, b4_0, c17_0); c17_1 = fma(s, b4_1, c17_1);
              if (WIDE) { c17_2 = fma(s, b4_2, c17_2); c17_3 = fma(s, b4_3, c17_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x17, 5u)); c17_0 = fma(s, b5_0, c17_0); c17_1 = fma(s, b5_1, c17_1);
              if (WIDE) { c17_2 = fma(s, b5_2, c17_2); c17_3 = fma(s, b5_3, c17_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x17, 6u)); c17_0 = fma(s, b6_0, c17_0); c17_1 = fma(s, b6_1, c17_1);
              if (WIDE) { c17_2 = fma(s, b6_2, c17_2); c17_3 = fma(s, b6_3, c17_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x17, 7u)); c17_0 = fma(s, b7_0, c17_0); c17_1 = fma(s, b7_1, c17_1);
              if (WIDE) { c17_2 = fma(s, b7_2, c17_2); c17_3 = fma(s, b7_3, c17_3); } }
            // row 18: A[i0 + 18, k0 + kk] is x18 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x18, 0u)); c18_0 = fma(s, b0_0, c18_0); c18_1 = fma(s, b0_1, c18_1);
              if (WIDE) { c18_2 = fma(s, b0_2, c18_2); c18_3 = fma(s, b0_3, c18_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x18, 1u)); c18_0 = fma(s, b1_0, c18_0); c18_1 = fma(s, b1_1, c18_1);
              if (WIDE) { c18_2 = fma(s, b1_2, c18_2); c18_3 = fma(s, b1_3, c18_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x18, 2u)); c18_0 = fma(s, b2_0, c18_0); c18_1 = fma(s, b2_1, c18_1);
              if (WIDE) { c18_2 = fma(s, b2_2, c18_2); c18_3 = fma(s, b2_3, c18_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x18, 3u)); c18_0 = fma(s, b3_0, c18_0); c18_1 = fma(s, b3_1, c18_1);
              if (WIDE) { c18_2 = fma(s, b3_2, c18_2); c18_3 = fma(s, b3_3, c18_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x18, 4u)); c18_0 = fma(s, b4_0, c18_0); c18_1 = fma(s, b4_1, c18_1);
              if (WIDE) { c18_2 = fma(s, b4_2, c18_2); c18_3 = fma(s, b4_3, c18_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x18, 5u)); c18_0 = fma(s, b5_0, c18_0); c18_1 = fma(s, b5_1, c18_1);
              if (WIDE) { c18_2 = fma(s, b5_2, c18_2); c18_3 = fma(s, b5_3, c18_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x18, 6u)); c18_0 = fma(s, b6_0, c18_0); c18_1 = fma(s, b6_1, c18_1);
              if (WIDE) { c18_2 = fma(s, b6_2, c18_2); c18_3 = fma(s, b6_3, c18_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x18, 7u)); c18_0 = fma(s, b7_0, c18_0); c18_1 = fma(s, b7_1, c18_1);
              if (WIDE) { c18_2 = fma(s, b7_2, c18_2); c18_3 = fma(s, b7_3, c18_3); } }
            // row 19: A[i0 + 19, k0 + kk] is x19 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x19, 0u)); c19_0 = fma(s, b0_0, c19_0); c19_1 = fma(s, b0_1, c19_1);
              if (WIDE) { c19_2 = fma(s, b0_2, c19_2); c19_3 = fma(s, b0_3, c19_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x19, 1u)); c19_0 = fma(s, b1_0, c19_0); c19_1 = fma(s, b1_1, c19_1);
              if (WIDE) { c19_2 = fma(s, b1_2, c19_2); c19_3 = fma(s, b1_3, c19_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x19, 2u)); c19_0 = fma(s, b2_0, c19_0); c19_1 = fma(s, b2_1, c19_1);
              if (WIDE) { c19_2 = fma(s, b2_2, c19_2); c19_3 = fma(s, b2_3, c19_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x19, 3u)); c19_0 = fma(s, b3_0, c19_0); c19_1 = fma(s, b3_1, c19_1);
              if (WIDE) { c19_2 = fma(s, b3_2, c19_2); c19_3 = fma(s, b3_3, c19_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x19, 4u)); c19_0 = fma(s, b4_0, c19_0); c19_1 = fma(s, b4_1, c19_1);
              if (WIDE) { c19_2 = fma(s, b4_2, c19_2); c19_3 = fma(s, b4_3, c19_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x19, 5u)); c19_0 = fma(s, b5_0, c19_0); c19_1 = fma(s, b5_1, c19_1);
              if (WIDE) { c19_2 = fma(s, b5_2, c19_2); c19_3 = fma(s, b5_3, c19_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x19, 6u)); c19_0 = fma(s, b6_0, c19_0); c19_1 = fma(s, b6_1, c19_1);
              if (WIDE) { c19_2 = fma(s, b6_2, c19_2); c19_3 = fma(s, b6_3, c19_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x19, 7u)); c19_0 = fma(s, b7_0, c19_0); c19_1 = fma(s, b7_1, c19_1);
              if (WIDE) { c19_2 = fma(s, b7_2, c19_2); c19_3 = fma(s, b7_3, c19_3); } }
            // row 20: A[i0 + 20, k0 + kk] is x20 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x20, 0u)); c20_0 = fma(s, b0_0, c20_0); c20_1 = fma(s, b0_1, c20_1);
              if (WIDE) { c20_2 = fma(s, b0_2, c20_2); c20_3 = fma(s, b0_3, c20_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x20, 1u)); c20_0 = fma(s, b1_0, c20_0); c20_1 = fma(s, b1_1, c20_1);
              if (WIDE) { c20_2 = fma(s, b1_2, c20_2); c20_3 = fma(s, b1_3, c20_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x20, 2u)); c20_0 = fma(s, b2_0, c20_0); c20_1 = fma(s, b2_1, c20_1);
              if (WIDE) { c20_2 = fma(s, b2_2, c20_2); c20_3 = fma(s, b2_3, c20_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x20, 3u)); c20_0 = fma(s, b3_0, c20_0); c20_1 = fma(s, b3_1, c20_1);
              if (WIDE) { c20_2 = fma(s, b3_2, c20_2); c20_3 = fma(s, b3_3, c20_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x20, 4u)); c20_0 = fma(s, b4_0, c20_0); c20_1 = fma(s, b4_1, c20_1);
              if (WIDE) { c20_2 = fma(s, b4_2, c20_2); c20_3 = fma(s, b4_3, c20_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x20, 5u)); c20_0 = fma(s, b5_0, c20_0); c20_1 = fma(s, b5_1, c20_1);
              if (WIDE) { c20_2 = fma(s, b5_2, c20_2); c20_3 = fma(s, b5_3, c20_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x20, 6u)); c20_0 = fma(s, b6_0, c20_0); c20_1 = fma(s, b6_1, c20_1);
              if (WIDE) { c20_2 = fma(s, b6_2, c20_2); c20_3 = fma(s, b6_3, c20_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x20, 7u)); c20_0 = fma(s, b7_0, c20_0); c20_1 = fma(s, b7_1, c20_1);
              if (WIDE) { c20_2 = fma(s, b7_2, c20_2); c20_3 = fma(s, b7_3, c20_3); } }
            // row 21: A[i0 + 21, k0 + kk] is x21 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x21, 0u)); c21_0 = fma(s, b0_0, c21_0); c21_1 = fma(s, b0_1, c21_1);
              if (WIDE) { c21_2 = fma(s, b0_2, c21_2); c21_3 = fma(s, b0_3, c21_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x21, 1u)); c21_0 = fma(s, b1_0, c21_0); c21_1 = fma(s, b1_1, c21_1);
              if (WIDE) { c21_2 = fma(s, b1_2, c21_2); c21_3 = fma(s, b1_3, c21_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x21, 2u)); c21_0 = fma(s, b2_0, c21_0); c21_1 = fma(s, b2_1, c21_1);
              if (WIDE) { c21_2 = fma(s, b2_2, c21_2); c21_3 = fma(s, b2_3, c21_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x21, 3u)); c21_0 = fma(s, b3_0, c21_0); c21_1 = fma(s, b3_1, c21_1);
              if (WIDE) { c21_2 = fma(s, b3_2, c21_2); c21_3 = fma(s, b3_3, c21_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x21, 4u)); c21_0 = fma(s, b4_0, c21_0); c21_1 = fma(s, b4_1, c21_1);
              if (WIDE) { c21_2 = fma(s, b4_2, c21_2); c21_3 = fma(s, b4_3, c21_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x21, 5u)); c21_0 = fma(s, b5_0, c21_0); c21_1 = fma(s, b5_1, c21_1);
              if (WIDE) { c21_2 = fma(s, b5_2, c21_2); c21_3 = fma(s, b5_3, c21_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x21, 6u)); c21_0 = fma(s, b6_0, c21_0); c21_1 = fma(s, b6_1, c21_1);
              if (WIDE) { c21_2 = fma(s, b6_2, c21_2); c21_3 = fma(s, b6_3, c21_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x21, 7u)); c21_0 = fma(s, b7_0, c21_0); c21_1 = fma(s, b7_1, c21_1);
              if (WIDE) { c21_2 = fma(s, b7_2, c21_2); c21_3 = fma(s, b7_3, c21_3); } }
            // row 22: A[i0 + 22, k0 + kk] is x22 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x22, 0u)); c22_0 = fma(s, b0_0, c22_0); c22_1 = fma(s, b0_1, c22_1);
              if (WIDE) { c22_2 = fma(s, b0_2, c22_2); c22_3 = fma(s, b0_3, c22_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x22, 1u)); c22_0 = fma(s, b1_0, c22_0); c22_1 = fma(s, b1_1, c22_1);
              if (WIDE) { c22_2 = fma(s, b1_2, c22_2); c22_3 = fma(s, b1_3, c22_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x22, 2u)); c22_0 = fma(s, b2_0, c22_0); c22_1 = fma(s, b2_1, c22_1);
              if (WIDE) { c22_2 = fma(s, b2_2, c22_2); c22_3 = fma(s, b2_3, c22_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x22, 3u)); c22_0 = fma(s, b3_0, c22_0); c22_1 = fma(s, b3_1, c22_1);
              if (WIDE) { c22_2 = fma(s, b3_2, c22_2); c22_3 = fma(s, b3_3, c22_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x22, 4u)); c22_0 = fma(s, b4_0, c22_0); c22_1 = fma(s, b4_1, c22_1);
              if (WIDE) { c22_2 = fma(s, b4_2, c22_2); c22_3 = fma(s, b4_3, c22_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x22, 5u)); c22_0 = fma(s, b5_0, c22_0); c22_1 = fma(s, b5_1, c22_1);
              if (WIDE) { c22_2 = fma(s, b5_2, c22_2); c22_3 = fma(s, b5_3, c22_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x22, 6u)); c22_0 = fma(s, b6_0, c22_0); c22_1 = fma(s, b6_1, c22_1);
              if (WIDE) { c22_2 = fma(s, b6_2, c22_2); c22_3 = fma(s, b6_3, c22_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x22, 7u)); c22_0 = fma(s, b7_0, c22_0); c22_1 = fma(s, b7_1, c22_1);
              if (WIDE) { c22_2 = fma(s, b7_2, c22_2); c22_3 = fma(s, b7_3, c22_3); } }
            // row 23: A[i0 + 23, k0 + kk] is x23 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x23, 0u)); c23_0 = fma(s, b0_0, c23_0); c23_1 = fma(s, b0_1, c23_1);
              if (WIDE) { c23_2 = fma(s, b0_2, c23_2); c23_3 = fma(s, b0_3, c23_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x23, 1u)); c23_0 = fma(s, b1_0, c23_0); c23_1 = fma(s, b1_1, c23_1);
              if (WIDE) { c23_2 = fma(s, b1_2, c23_2); c23_3 = fma(s, b1_3, c23_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x23, 2u)); c23_0 = fma(s, b2_0, c23_0); c23_1 = fma(s, b2_1, c23_1);
              if (WIDE) { c23_2 = fma(s, b2_2, c23_2); c23_3 = fma(s, b2_3, c23_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x23, 3u)); c23_0 = fma(s, b3_0, c23_0); c23_1 = fma(s, b3_1, c23_1);
              if (WIDE) { c23_2 = fma(s, b3_2, c23_2); c23_3 = fma(s, b3_3, c23_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x23, 4u)); c23_0 = fma(s, b4_0, c23_0); c23_1 = fma(s, b4_1, c23_1);
              if (WIDE) { c23_2 = fma(s, b4_2, c23_2); c23_3 = fma(s, b4_3, c23_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x23, 5u)); c23_0 = fma(s, b5_0, c23_0); c23_1 = fma(s, b5_1, c23_1);
              if (WIDE) { c23_2 = fma(s, b5_2, c23_2); c23_3 = fma(s, b5_3, c23_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x23, 6u)); c23_0 = fma(s, b6_0, c23_0); c23_1 = fma(s, b6_1, c23_1);
              if (WIDE) { c23_2 = fma(s, b6_2, c23_2); c23_3 = fma(s, b6_3, c23_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x23, 7u)); c23_0 = fma(s, b7_0, c23_0); c23_1 = fma(s, b7_1, c23_1);
              if (WIDE) { c23_2 = fma(s, b7_2, c23_2); c23_3 = fma(s, b7_3, c23_3); } }
            // row 24: A[i0 + 24, k0 + kk] is x24 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x24, 0u)); c24_0 = fma(s, b0_0, c24_0); c24_1 = fma(s, b0_1, c24_1);
              if (WIDE) { c24_2 = fma(s, b0_2, c24_2); c24_3 = fma(s, b0_3, c24_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x24, 1u)); c24_0 = fma(s, b1_0, c24_0); c24_1 = fma(s, b1_1, c24_1);
              if (WIDE) { c24_2 = fma(s, b1_2, c24_2); c24_3 = fma(s, b1_3, c24_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x24, 2u)); c24_0 = fma(s, b2_0, c24_0); c24_1 = fma(s, b2_1, c24_1);
              if (WIDE) { c24_2 = fma(s, b2_2, c24_2); c24_3 = fma(s, b2_3, c24_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x24, 3u)); c24_0 = fma(s, b3_0, c24_0); c24_1 = fma(s, b3_1, c24_1);
              if (WIDE) { c24_2 = fma(s, b3_2, c24_2); c24_3 = fma(s, b3_3, c24_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x24, 4u)); c24_0 = fma(s, b4_0, c24_0); c24_1 = fma(s, b4_1, c24_1);
              if (WIDE) { c24_2 = fma(s, b4_2, c24_2); c24_3 = fma(s, b4_3, c24_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x24, 5u)); c24_0 = fma(s, b5_0, c24_0); c24_1 = fma(s, b5_1, c24_1);
              if (WIDE) { c24_2 = fma(s, b5_2, c24_2); c24_3 = fma(s, b5_3, c24_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x24, 6u)); c24_0 = fma(s, b6_0, c24_0); c24_1 = fma(s, b6_1, c24_1);
              if (WIDE) { c24_2 = fma(s, b6_2, c24_2); c24_3 = fma(s, b6_3, c24_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x24, 7u)); c24_0 = fma(s, b7_0, c24_0); c24_1 = fma(s, b7_1, c24_1);
              if (WIDE) { c24_2 = fma(s, b7_2, c24_2); c24_3 = fma(s, b7_3, c24_3); } }
            // row 25: A[i0 + 25, k0 + kk] is x25 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x25, 0u)); c25_0 = fma(s, b0_0, c25_0); c25_1 = fma(s, b0_1, c25_1);
              if (WIDE) { c25_2 = fma(s, b0_2, c25_2); c25_3 = fma(s, b0_3, c25_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x25, 1u)); c25_0 = fma(s, b1_0, c25_0); c25_1 = fma(s, b1_1, c25_1);
              if (WIDE) { c25_2 = fma(s, b1_2, c25_2); c25_3 = fma(s, b1_3, c25_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x25, 2u)); c25_0 = fma(s, b2_0, c25_0); c25_1 = fma(s, b2_1, c25_1);
              if (WIDE) { c25_2 = fma(s, b2_2, c25_2); c25_3 = fma(s, b2_3, c25_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x25, 3u)); c25_0 = fma(s, b3_0, c25_0); c25_1 = fma(s, b3_1, c25_1);
              if (WIDE) { c25_2 = fma(s, b3_2, c25_2); c25_3 = fma(s, b3_3, c25_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x25, 4u)); c25_0 = fma(s, b4_0, c25_0); c25_1 = fma(s, b4_1, c25_1);
              if (WIDE) { c25_2 = fma(s, b4_2, c25_2); c25_3 = fma(s, b4_3, c25_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x25, 5u)); c25_0 = fma(s, b5_0, c25_0); c25_1 = fma(s, b5_1, c25_1);
              if (WIDE) { c25_2 = fma(s, b5_2, c25_2); c25_3 = fma(s, b5_3, c25_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x25, 6u)); c25_0 = fma(s, b6_0, c25_0); c25_1 = fma(s, b6_1, c25_1);
              if (WIDE) { c25_2 = fma(s, b6_2, c25_2); c25_3 = fma(s, b6_3, c25_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x25, 7u)); c25_0 = fma(s, b7_0, c25_0); c25_1 = fma(s, b7_1, c25_1);
              if (WIDE) { c25_2 = fma(s, b7_2, c25_2); c25_3 = fma(s, b7_3, c25_3); } }
            // row 26: A[i0 + 26, k0 + kk] is x26 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x26, 0u)); c26_0 = fma(s, b0_0, c26_0); c26_1 = fma(s, b0_1, c26_1);
              if (WIDE) { c26_2 = fma(s, b0_2, c26_2); c26_3 = fma(s, b0_3, c26_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x26, 1u)); c26_0 = fma(s, b1_0, c26_0); c26_1 = fma(s, b1_1, c26_1);
              if (WIDE) { c26_2 = fma(s, b1_2, c26_2); c26_3 = fma(s, b1_3, c26_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x26, 2u)); c26_0 = fma(s, b2_0, c26_0); c26_1 = fma(s, b2_1, c26_1);
              if (WIDE) { c26_2 = fma(s, b2_2, c26_2); c26_3 = fma(s, b2_3, c26_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x26, 3u)); c26_0 = fma(s, b3_0, c26_0); c26_1 = fma(s, b3_1, c26_1);
              if (WIDE) { c26_2 = fma(s, b3_2, c26_2); c26_3 = fma(s, b3_3, c26_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x26, 4u)); c26_0 = fma(s, b4_0, c26_0); c26_1 = fma(s, b4_1, c26_1);
              if (WIDE) { c26_2 = fma(s, b4_2, c26_2); c26_3 = fma(s, b4_3, c26_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x26, 5u)); c26_0 = fma(s, b5_0, c26_0); c26_1 = fma(s, b5_1, c26_1);
              if (WIDE) { c26_2 = fma(s, b5_2, c26_2); c26_3 = fma(s, b5_3, c26_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x26, 6u)); c26_0 = fma(s, b6_0, c26_0); c26_1 = fma(s, b6_1, c26_1);
              if (WIDE) { c26_2 = fma(s, b6_2, c26_2); c26_3 = fma(s, b6_3, c26_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x26, 7u)); c26_0 = fma(s, b7_0, c26_0); c26_1 = fma(s, b7_1, c26_1);
              if (WIDE) { c26_2 = fma(s, b7_2, c26_2); c26_3 = fma(s, b7_3, c26_3); } }
            // row 27: A[i0 + 27, k0 + kk] is x27 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x27, 0u)); c27_0 = fma(s, b0_0, c27_0); c27_1 = fma(s, b0_1, c27_1);
              if (WIDE) { c27_2 = fma(s, b0_2, c27_2); c27_3 = fma(s, b0_3, c27_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x27, 1u)); c27_0 = fma(s, b1_0, c27_0); c27_1 = fma(s, b1_1, c27_1);
              if (WIDE) { c27_2 = fma(s, b1_2, c27_2); c27_3 = fma(s, b1_3, c27_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x27, 2u)); c27_0 = fma(s, b2_0, c27_0); c27_1 = fma(s, b2_1, c27_1);
              if (WIDE) { c27_2 = fma(s, b2_2, c27_2); c27_3 = fma(s, b2_3, c27_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x27, 3u)); c27_0 = fma(s, b3_0, c27_0); c27_1 = fma(s, b3_1, c27_1);
              if (WIDE) { c27_2 = fma(s, b3_2, c27_2); c27_3 = fma(s, b3_3, c27_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x27, 4u)); c27_0 = fma(s, b4_0, c27_0); c27_1 = fma(s, b4_1, c27_1);
              if (WIDE) { c27_2 = fma(s, b4_2, c27_2); c27_3 = fma(s, b4_3, c27_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x27, 5u)); c27_0 = fma(s, b5_0, c27_0); c27_1 = fma(s, b5_1, c27_1);
              if (WIDE) { c27_2 = fma(s, b5_2, c27_2); c27_3 = fma(s, b5_3, c27_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x27, 6u)); c27_0 = fma(s, b6_0, c27_0); c27_1 = fma(s, b6_1, c27_1);
              if (WIDE) { c27_2 = fma(s, b6_2, c27_2); c27_3 = fma(s, b6_3, c27_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x27, 7u)); c27_0 = fma(s, b7_0, c27_0); c27_1 = fma(s, b7_1, c27_1);
              if (WIDE) { c27_2 = fma(s, b7_2, c27_2); c27_3 = fma(s, b7_3, c27_3); } }
            // row 28: A[i0 + 28, k0 + kk] is x28 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x28, 0u)); c28_0 = fma(s, b0_0, c28_0); c28_1 = fma(s, b0_1, c28_1);
              if (WIDE) { c28_2 = fma(s, b0_2, c28_2); c28_3 = fma(s, b0_3, c28_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x28, 1u)); c28_0 = fma(s, b1_0, c28_0); c28_1 = fma(s, b1_1, c28_1);
              if (WIDE) { c28_2 = fma(s, b1_2, c28_2); c28_3 = fma(s, b1_3, c28_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x28, 2u)); c28_0 = fma(s, b2_0, c28_0); c28_1 = fma(s, b2_1, c28_1);
              if (WIDE) { c28_2 = fma(s, b2_2, c28_2); c28_3 = fma(s, b2_3, c28_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x28, 3u)); c28_0 = fma(s, b3_0, c28_0); c28_1 = fma(s, b3_1, c28_1);
              if (WIDE) { c28_2 = fma(s, b3_2, c28_2); c28_3 = fma(s, b3_3, c28_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x28, 4u)); c28_0 = fma(s, b4_0, c28_0); c28_1 = fma(s, b4_1, c28_1);
              if (WIDE) { c28_2 = fma(s, b4_2, c28_2); c28_3 = fma(s, b4_3, c28_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x28, 5u)); c28_0 = fma(s, b5_0, c28_0); c28_1 = fma(s, b5_1, c28_1);
              if (WIDE) { c28_2 = fma(s, b5_2, c28_2); c28_3 = fma(s, b5_3, c28_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x28, 6u)); c28_0 = fma(s, b6_0, c28_0); c28_1 = fma(s, b6_1, c28_1);
              if (WIDE) { c28_2 = fma(s, b6_2, c28_2); c28_3 = fma(s, b6_3, c28_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x28, 7u)); c28_0 = fma(s, b7_0, c28_0); c28_1 = fma(s, b7_1, c28_1);
              if (WIDE) { c28_2 = fma(s, b7_2, c28_2); c28_3 = fma(s, b7_3, c28_3); } }
            // row 29: A[i0 + 29, k0 + kk] is x29 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x29, 0u)); c29_0 = fma(s, b0_0, c29_0); c29_1 = fma(s, b0_1, c29_1);
              if (WIDE) { c29_2 = fma(s, b0_2, c29_2); c29_3 = fma(s, b0_3, c29_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x29, 1u)); c29_0 = fma(s, b1_0, c29_0); c29_1 = fma(s, b1_1, c29_1);
              if (WIDE) { c29_2 = fma(s, b1_2, c29_2); c29_3 = fma(s, b1_3, c29_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x29, 2u)); c29_0 = fma(s, b2_0, c29_0); c29_1 = fma(s, b2_1, c29_1);
              if (WIDE) { c29_2 = fma(s, b2_2, c29_2); c29_3 = fma(s, b2_3, c29_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x29, 3u)); c29_0 = fma(s, b3_0, c29_0); c29_1 = fma(s, b3_1, c29_1);
              if (WIDE) { c29_2 = fma(s, b3_2, c29_2); c29_3 = fma(s, b3_3, c29_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x29, 4u)); c29_0 = fma(s, b4_0, c29_0); c29_1 = fma(s, b4_1, c29_1);
              if (WIDE) { c29_2 = fma(s, b4_2, c29_2); c29_3 = fma(s, b4_3, c29_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x29, 5u)); c29_0 = fma(s, b5_0, c29_0); c29_1 = fma(s, b5_1, c29_1);
              if (WIDE) { c29_2 = fma(s, b5_2, c29_2); c29_3 = fma(s, b5_3, c29_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x29, 6u)); c29_0 = fma(s, b6_0, c29_0); c29_1 = fma(s, b6_1, c29_1);
              if (WIDE) { c29_2 = fma(s, b6_2, c29_2); c29_3 = fma(s, b6_3, c29_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x29, 7u)); c29_0 = fma(s, b7_0, c29_0); c29_1 = fma(s, b7_1, c29_1);
              if (WIDE) { c29_2 = fma(s, b7_2, c29_2); c29_3 = fma(s, b7_3, c29_3); } }
            // row 30: A[i0 + 30, k0 + kk] is x30 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x30, 0u)); c30_0 = fma(s, b0_0, c30_0); c30_1 = fma(s, b0_1, c30_1);
              if (WIDE) { c30_2 = fma(s, b0_2, c30_2); c30_3 = fma(s, b0_3, c30_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x30, 1u)); c30_0 = fma(s, b1_0, c30_0); c30_1 = fma(s, b1_1, c30_1);
              if (WIDE) { c30_2 = fma(s, b1_2, c30_2); c30_3 = fma(s, b1_3, c30_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x30, 2u)); c30_0 = fma(s, b2_0, c30_0); c30_1 = fma(s, b2_1, c30_1);
              if (WIDE) { c30_2 = fma(s, b2_2, c30_2); c30_3 = fma(s, b2_3, c30_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x30, 3u)); c30_0 = fma(s, b3_0, c30_0); c30_1 = fma(s, b3_1, c30_1);
              if (WIDE) { c30_2 = fma(s, b3_2, c30_2); c30_3 = fma(s, b3_3, c30_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x30, 4u)); c30_0 = fma(s, b4_0, c30_0); c30_1 = fma(s, b4_1, c30_1);
              if (WIDE) { c30_2 = fma(s, b4_2, c30_2); c30_3 = fma(s, b4_3, c30_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x30, 5u)); c30_0 = fma(s, b5_0, c30_0); c30_1 = fma(s, b5_1, c30_1);
              if (WIDE) { c30_2 = fma(s, b5_2, c30_2); c30_3 = fma(s, b5_3, c30_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x30, 6u)); c30_0 = fma(s, b6_0, c30_0); c30_1 = fma(s, b6_1, c30_1);
              if (WIDE) { c30_2 = fma(s, b6_2, c30_2); c30_3 = fma(s, b6_3, c30_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x30, 7u)); c30_0 = fma(s, b7_0, c30_0); c30_1 = fma(s, b7_1, c30_1);
              if (WIDE) { c30_2 = fma(s, b7_2, c30_2); c30_3 = fma(s, b7_3, c30_3); } }
            // row 31: A[i0 + 31, k0 + kk] is x31 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x31, 0u)); c31_0 = fma(s, b0_0, c31_0); c31_1 = fma(s, b0_1, c31_1);
              if (WIDE) { c31_2 = fma(s, b0_2, c31_2); c31_3 = fma(s, b0_3, c31_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x31, 1u)); c31_0 = fma(s, b1_0, c31_0); c31_1 = fma(s, b1_1, c31_1);
              if (WIDE) { c31_2 = fma(s, b1_2, c31_2); c31_3 = fma(s, b1_3, c31_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x31, 2u)); c31_0 = fma(s, b2_0, c31_0); c31_1 = fma(s, b2_1, c31_1);
              if (WIDE) { c31_2 = fma(s, b2_2, c31_2); c31_3 = fma(s, b2_3, c31_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x31, 3u)); c31_0 = fma(s, b3_0, c31_0); c31_1 = fma(s, b3_1, c31_1);
              if (WIDE) { c31_2 = fma(s, b3_2, c31_2); c31_3 = fma(s, b3_3, c31_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x31, 4u)); c31_0 = fma(s, b4_0, c31_0); c31_1 = fma(s, b4_1, c31_1);
              if (WIDE) { c31_2 = fma(s, b4_2, c31_2); c31_3 = fma(s, b4_3, c31_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x31, 5u)); c31_0 = fma(s, b5_0, c31_0); c31_1 = fma(s, b5_1, c31_1);
              if (WIDE) { c31_2 = fma(s, b5_2, c31_2); c31_3 = fma(s, b5_3, c31_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x31, 6u)); c31_0 = fma(s, b6_0, c31_0); c31_1 = fma(s, b6_1, c31_1);
              if (WIDE) { c31_2 = fma(s, b6_2, c31_2); c31_3 = fma(s, b6_3, c31_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x31, 7u)); c31_0 = fma(s, b7_0, c31_0); c31_1 = fma(s, b7_1, c31_1);
              if (WIDE) { c31_2 = fma(s, b7_2, c31_2); c31_3 = fma(s, b7_3, c31_3); } }
        }
        if (TM > 32u) {
            let x32 = sg_load_a(ba, min(i0 + 32u, m1), kc, kin);
            let x33 = sg_load_a(ba, min(i0 + 33u, m1), kc, kin);
            let x34 = sg_load_a(ba, min(i0 + 34u, m1), kc, kin);
            let x35 = sg_load_a(ba, min(i0 + 35u, m1), kc, kin);
            let x36 = sg_load_a(ba, min(i0 + 36u, m1), kc, kin);
            let x37 = sg_load_a(ba, min(i0 + 37u, m1), kc, kin);
            let x38 = sg_load_a(ba, min(i0 + 38u, m1), kc, kin);
            let x39 = sg_load_a(ba, min(i0 + 39u, m1), kc, kin);
            let x40 = sg_load_a(ba, min(i0 + 40u, m1), kc, kin);
            let x41 = sg_load_a(ba, min(i0 + 41u, m1), kc, kin);
            let x42 = sg_load_a(ba, min(i0 + 42u, m1), kc, kin);
            let x43 = sg_load_a(ba, min(i0 + 43u, m1), kc, kin);
            let x44 = sg_load_a(ba, min(i0 + 44u, m1), kc, kin);
            let x45 = sg_load_a(ba, min(i0 + 45u, m1), kc, kin);
            let x46 = sg_load_a(ba, min(i0 + 46u, m1), kc, kin);
            let x47 = sg_load_a(ba, min(i0 + 47u, m1), kc, kin);
            // row 32: A[i0 + 32, k0 + kk] is x32 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x32, 0u)); c32_0 = fma(s, b0_0, c32_0); c32_1 = fma(s, b0_1, c32_1);
              if (WIDE) { c32_2 = fma(s, b0_2, c32_2); c32_3 = fma(s, b0_3, c32_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x32, 1u)); c32_0 = fma(s, b1_0, c32_0); c32_1 = fma(s, b1_1, c32_1);
              if (WIDE) { c32_2 = fma(s, b1_2, c32_2); c32_3 = fma(s, b1_3, c32_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x32, 2u)); c32_0 = fma(s, b2_0, c32_0); c32_1 = fma(s, b2_1, c32_1);
              if (WIDE) { c32_2 = fma(s, b2_2, c32_2); c32_3 = fma(s, b2_3, c32_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x32, 3u)); c32_0 = fma(s, b3_0, c32_0); c32_1 = fma(s, b3_1, c32_1);
              if (WIDE) { c32_2 = fma(s, b3_2, c32_2); c32_3 = fma(s, b3_3, c32_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x32, 4u)); c32_0 = fma(s, b4_0, c32_0); c32_1 = fma(s, b4_1, c32_1);
              if (WIDE) { c32_2 = fma(s, b4_2, c32_2); c32_3 = fma(s, b4_3, c32_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x32, 5u)); c32_0 = fma(s, b5_0, c32_0); c32_1 = fma(s, b5_1, c32_1);
              if (WIDE) { c32_2 = fma(s, b5_2, c32_2); c32_3 = fma(s, b5_3, c32_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x32, 6u)); c32_0 = fma(s, b6_0, c32_0); c32_1 = fma(s, b6_1, c32_1);
              if (WIDE) { c32_2 = fma(s, b6_2, c32_2); c32_3 = fma(s, b6_3, c32_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x32, 7u)); c32_0 = fma(s, b7_0, c32_0); c32_1 = fma(s, b7_1, c32_1);
              if (WIDE) { c32_2 = fma(s, b7_2, c32_2); c32_3 = fma(s, b7_3, c32_3); } }
            // row 33: A[i0 + 33, k0 + kk] is x33 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x33, 0u)); c33_0 = fma(s, b0_0, c33_0); c33_1 = fma(s, b0_1, c33_1);
              if (WIDE) { c33_2 = fma(s, b0_2, c33_2); c33_3 = fma(s, b0_3, c33_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x33, 1u)); c33_0 = fma(s, b1_0, c33_0); c33_1 = fma(s, b1_1, c33_1);
              if (WIDE) { c33_2 = fma(s, b1_2, c33_2); c33_3 = fma(s, b1_3, c33_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x33, 2u)); c33_0 = fma(s, b2_0, c33_0); c33_1 = fma(s, b2_1, c33_1);
              if (WIDE) { c33_2 = fma(s, b2_2, c33_2); c33_3 = fma(s, b2_3, c33_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x33, 3u)); c33_0 = fma(s, b3_0, c33_0); c33_1 = fma(s, b3_1, c33_1);
              if (WIDE) { c33_2 = fma(s, b3_2, c33_2); c33_3 = fma(s, b3_3, c33_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x33, 4u)); c33_0 = fma(s, b4_0, c33_0); c33_1 = fma(s, b4_1, c33_1);
              if (WIDE) { c33_2 = fma(s, b4_2, c33_2); c33_3 = fma(s, b4_3, c33_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x33, 5u)); c33_0 = fma(s, b5_0, c33_0); c33_1 = fma(s, b5_1, c33_1);
              if (WIDE) { c33_2 = fma(s, b5_2, c33_2); c33_3 = fma(s, b5_3, c33_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x33, 6u)); c33_0 = fma(s, b6_0, c33_0); c33_1 = fma(s, b6_1, c33_1);
              if (WIDE) { c33_2 = fma(s, b6_2, c33_2); c33_3 = fma(s, b6_3, c33_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x33, 7u)); c33_0 = fma(s, b7_0, c33_0); c33_1 = fma(s, b7_1, c33_1);
              if (WIDE) { c33_2 = fma(s, b7_2, c33_2); c33_3 = fma(s, b7_3, c33_3); } }
            // row 34: A[i0 + 34, k0 + kk] is x34 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x34, 0u)); c34_0 = fma(s, b0_0, c34_0); c34_1 = fma(s, b0_1, c34_1);
              if (WIDE) { c34_2 = fma(s, b0_2, c34_2); c34_3 = fma(s, b0_3, c34_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x34, 1u)); c34_0 = fma(s, b1_0, c34_0); c34_1 = fma(s, b1_1, c34_1);
              if (WIDE) { c34_2 = fma(s, b1_2, c34_2); c34_3 = fma(s, b1_3, c34_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x34, 2u)); c34_0 = fma(s, b2_0, c34_0); c34_1 = fma(s, b2_1, c34_1);
              if (WIDE) { c34_2 = fma(s, b2_2, c34_2); c34_3 = fma(s, b2_3, c34_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x34, 3u)); c34_0 = fma(s, b3_0, c34_0); c34_1 = fma(s, b3_1, c34_1);
              if (WIDE) { c34_2 = fma(s, b3_2, c34_2); c34_3 = fma(s, b3_3, c34_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x34, 4u)); c34_0 = fma(s, b4_0, c34_0); c34_1 = fma(s, b4_1, c34_1);
              if (WIDE) { c34_2 = fma(s, b4_2, c34_2); c34_3 = fma(s, b4_3, c34_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x34, 5u)); c34_0 = fma(s, b5_0, c34_0); c34_1 = fma(s, b5_1, c34_1);
              if (WIDE) { c34_2 = fma(s, b5_2, c34_2); c34_3 = fma(s, b5_3, c34_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x34, 6u)); c34_0 = fma(s, b6_0, c34_0); c34_1 = fma(s, b6_1, c34_1);
              if (WIDE) { c34_2 = fma(s, b6_2, c34_2); c34_3 = fma(s, b6_3, c34_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x34, 7u)); c34_0 = fma(s, b7_0, c34_0); c34_1 = fma(s, b7_1, c34_1);
              if (WIDE) { c34_2 = fma(s, b7_2, c34_2); c34_3 = fma(s, b7_3, c34_3); } }
            // row 35: A[i0 + 35, k0 + kk] is x35 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x35, 0u)); c35_0 = fma(s, b0_0, c35_0); c35_1 = fma(s, b0_1, c35_1);
              if (WIDE) { c35_2 = fma(s, b0_2, c35_2); c35_3 = fma(s, b0_3, c35_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x35, 1u)); c35_0 = fma(s, b1_0, c35_0); c35_1 = fma(s, b1_1, c35_1);
              if (WIDE) { c35_2 = fma(s, b1_2, c35_2); c35_3 = fma(s, b1_3, c35_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x35, 2u)); c35_0 = fma(s, b2_0, c35_0); c35_1 = fma(s, b2_1, c35_1);
              if (WIDE) { c35_2 = fma(s, b2_2, c35_2); c35_3 = fma(s, b2_3, c35_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x35, 3u)); c35_0 = fma(s, b3_0, c35_0); c35_1 = fma(s, b3_1, c35_1);
              if (WIDE) { c35_2 = fma(s, b3_2, c35_2); c35_3 = fma(s, b3_3, c35_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x35, 4u)); c35_0 = fma(s, b4_0, c35_0); c35_1 = fma(s, b4_1, c35_1);
              if (WIDE) { c35_2 = fma(s, b4_2, c35_2); c35_3 = fma(s, b4_3, c35_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x35, 5u)); c35_0 = fma(s, b5_0, c35_0); c35_1 = fma(s, b5_1, c35_1);
              if (WIDE) { c35_2 = fma(s, b5_2, c35_2); c35_3 = fma(s, b5_3, c35_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x35, 6u)); c35_0 = fma(s, b6_0, c35_0); c35_1 = fma(s, b6_1, c35_1);
              if (WIDE) { c35_2 = fma(s, b6_2, c35_2); c35_3 = fma(s, b6_3, c35_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x35, 7u)); c35_0 = fma(s, b7_0, c35_0); c35_1 = fma(s, b7_1, c35_1);
              if (WIDE) { c35_2 = fma(s, b7_2, c35_2); c35_3 = fma(s, b7_3, c35_3); } }
            // row 36: A[i0 + 36, k0 + kk] is x36 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x36, 0u)); c36_0 = fma(s, b0_0, c36_0); c36_1 = fma(s, b0_1, c36_1);
              if (WIDE) { c36_2 = fma(s, b0_2, c36_2); c36_3 = fma(s, b0_3, c36_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x36, 1u)); c36_0 = fma(s, b1_0, c36_0); c36_1 = fma(s, b1_1, c36_1);
              if (WIDE) { c36_2 = fma(s, b1_2, c36_2); c36_3 = fma(s, b1_3, c36_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x36, 2u)); c36_0 = fma(s, b2_0, c36_0); c36_1 = fma(s, b2_1, c36_1);
              if (WIDE) { c36_2 = fma(s, b2_2, c36_2); c36_3 = fma(s, b2_3, c36_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x36, 3u)); c36_0 = fma(s, b3_0, c36_0); c36_1 = fma(s, b3_1, c36_1);
              if (WIDE) { c36_2 = fma(s, b3_2, c36_2); c36_3 = fma(s, b3_3, c36_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x36, 4u)); c36_0 = fma(s, b4_0, c36_0); c36_1 = fma(s, b4_1, c36_1);
              if (WIDE) { c36_2 = fma(s, b4_2, c36_2); c36_3 = fma(s, b4_3, c36_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x36, 5u)); c36_0 = fma(s, b5_0, c36_0); c36_1 = fma(s, b5_1, c36_1);
              if (WIDE) { c36_2 = fma(s, b5_2, c36_2); c36_3 = fma(s, b5_3, c36_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x36, 6u)); c36_0 = fma(s, b6_0, c36_0); c36_1 = fma(s, b6_1, c36_1);
              if (WIDE) { c36_2 = fma(s, b6_2, c36_2); c36_3 = fma(s, b6_3, c36_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x36, 7u)); c36_0 = fma(s, b7_0, c36_0); c36_1 = fma(s, b7_1, c36_1);
              if (WIDE) { c36_2 = fma(s, b7_2, c36_2); c36_3 = fma(s, b7_3, c36_3); } }
            // row 37: A[i0 + 37, k0 + kk] is x37 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x37, 0u)); c37_0 = fma(s, b0_0, c37_0); c37_1 = fma(s, b0_1, c37_1);
              if (WIDE) { c37_2 = fma(s, b0_2, c37_2); c37_3 = fma(s, b0_3, c37_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x37, 1u)); c37_0 = fma(s, b1_0, c37_0); c37_1 = fma(s, b1_1, c37_1);
              if (WIDE) { c37_2 = fma(s, b1_2, c37_2); c37_3 = fma(s, b1_3, c37_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x37, 2u)); c37_0 = fma(s, b2_0, c37_0); c37_1 = fma(s, b2_1, c37_1);
              if (WIDE) { c37_2 = fma(s, b2_2, c37_2); c37_3 = fma(s, b2_3, c37_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x37, 3u)); c37_0 = fma(s, b3_0, c37_0); c37_1 = fma(s, b3_1, c37_1);
              if (WIDE) { c37_2 = fma(s, b3_2, c37_2); c37_3 = fma(s, b3_3, c37_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x37, 4u)); c37_0 = fma(s, b4_0, c37_0); c37_1 = fma(s, b4_1, c37_1);
              if (WIDE) { c37_2 = fma(s, b4_2, c37_2); c37_3 = fma(s, b4_3, c37_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x37, 5u)); c37_0 = fma(s, b5_0, c37_0); c37_1 = fma(s, b5_1, c37_1);
              if (WIDE) { c37_2 = fma(s, b5_2, c37_2); c37_3 = fma(s, b5_3, c37_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x37, 6u)); c37_0 = fma(s, b6_0, c37_0); c37_1 = fma(s, b6_1, c37_1);
              if (WIDE) { c37_2 = fma(s, b6_2, c37_2); c37_3 = fma(s, b6_3, c37_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x37, 7u)); c37_0 = fma(s, b7_0, c37_0); c37_1 = fma(s, b7_1, c37_1);
              if (WIDE) { c37_2 = fma(s, b7_2, c37_2); c37_3 = fma(s, b7_3, c37_3); } }
            // row 38: A[i0 + 38, k0 + kk] is x38 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x38, 0u)); c38_0 = fma(s, b0_0, c38_0); c38_1 = fma(s, b0_1, c38_1);
              if (WIDE) { c38_2 = fma(s, b0_2, c38_2); c38_3 = fma(s, b0_3, c38_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x38, 1u)); c38_0 = fma(s, b1_0, c38_0); c38_1 = fma(s, b1_1, c38_1);
              if (WIDE) { c38_2 = fma(s, b1_2, c38_2); c38_3 = fma(s, b1_3, c38_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x38, 2u)); c38_0 = fma(s, b2_0, c38_0); c38_1 = fma(s, b2_1, c38_1);
              if (WIDE) { c38_2 = fma(s, b2_2, c38_2); c38_3 = fma(s, b2_3, c38_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x38, 3u)); c38_0 = fma(s, b3_0, c38_0); c38_1 = fma(s, b3_1, c38_1);
              if (WIDE) { c38_2 = fma(s, b3_2, c38_2); c38_3 = fma(s, b3_3, c38_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x38, 4u)); c38_0 = fma(s, b4_0, c38_0); c38_1 = fma(s, b4_1, c38_1);
              if (WIDE) { c38_2 = fma(s, b4_2, c38_2); c38_3 = fma(s, b4_3, c38_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x38, 5u)); c38_0 = fma(s, b5_0, c38_0); c38_1 = fma(s, b5_1, c38_1);
              if (WIDE) { c38_2 = fma(s, b5_2, c38_2); c38_3 = fma(s, b5_3, c38_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x38, 6u)); c38_0 = fma(s, b6_0, c38_0); c38_1 = fma(s, b6_1, c38_1);
              if (WIDE) { c38_2 = fma(s, b6_2, c38_2); c38_3 = fma(s, b6_3, c38_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x38, 7u)); c38_0 = fma(s, b7_0, c38_0); c38_1 = fma(s, b7_1, c38_1);
              if (WIDE) { c38_2 = fma(s, b7_2, c38_2); c38_3 = fma(s, b7_3, c38_3); } }
            // row 39: A[i0 + 39, k0 + kk] is x39 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x39, 0u)); c39_0 = fma(s, b0_0, c39_0); c39_1 = fma(s, b0_1, c39_1);
              if (WIDE) { c39_2 = fma(s, b0_2, c39_2); c39_3 = fma(s, b0_3, c39_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x39, 1u)); c39_0 = fma(s, b1_0, c39_0); c39_1 = fma(s, b1_1, c39_1);
              if (WIDE) { c39_2 = fma(s, b1_2, c39_2); c39_3 = fma(s, b1_3, c39_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x39, 2u)); c39_0 = fma(s, b2_0, c39_0); c39_1 = fma(s, b2_1, c39_1);
              if (WIDE) { c39_2 = fma(s, b2_2, c39_2); c39_3 = fma(s, b2_3, c39_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x39, 3u)); c39_0 = fma(s, b3_0, c39_0); c39_1 = fma(s, b3_1, c39_1);
              if (WIDE) { c39_2 = fma(s, b3_2, c39_2); c39_3 = fma(s, b3_3, c39_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x39, 4u)); c39_0 = fma(s, b4_0, c39_0); c39_1 = fma(s, b4_1, c39_1);
              if (WIDE) { c39_2 = fma(s, b4_2, c39_2); c39_3 = fma(s, b4_3, c39_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x39, 5u)); c39_0 = fma(s, b5_0, c39_0); c39_1 = fma(s, b5_1, c39_1);
              if (WIDE) { c39_2 = fma(s, b5_2, c39_2); c39_3 = fma(s, b5_3, c39_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x39, 6u)); c39_0 = fma(s, b6_0, c39_0); c39_1 = fma(s, b6_1, c39_1);
              if (WIDE) { c39_2 = fma(s, b6_2, c39_2); c39_3 = fma(s, b6_3, c39_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x39, 7u)); c39_0 = fma(s, b7_0, c39_0); c39_1 = fma(s, b7_1, c39_1);
              if (WIDE) { c39_2 = fma(s, b7_2, c39_2); c39_3 = fma(s, b7_3, c39_3); } }
            // row 40: A[i0 + 40, k0 + kk] is x40 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x40, 0u)); c40_0 = fma(s, b0_0, c40_0); c40_1 = fma(s, b0_1, c40_1);
              if (WIDE) { c40_2 = fma(s, b0_2, c40_2); c40_3 = fma(s, b0_3, c40_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x40, 1u)); c40_0 = fma(s, b1_0, c40_0); c40_1 = fma(s, b1_1, c40_1);
              if (WIDE) { c40_2 = fma(s, b1_2, c40_2); c40_3 = fma(s, b1_3, c40_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x40, 2u)); c40_0 = fma(s, b2_0, c40_0); c40_1 = fma(s, b2_1, c40_1);
              if (WIDE) { c40_2 = fma(s, b2_2, c40_2); c40_3 = fma(s, b2_3, c40_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x40, 3u)); c40_0 = fma(s, b3_0, c40_0); c40_1 = fma(s, b3_1, c40_1);
              if (WIDE) { c40_2 = fma(s, b3_2, c40_2); c40_3 = fma(s, b3_3, c40_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x40, 4u)); c40_0 = fma(s, b4_0, c40_0); c40_1 = fma(s, b4_1, c40_1);
              if (WIDE) { c40_2 = fma(s, b4_2, c40_2); c40_3 = fma(s, b4_3, c40_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x40, 5u)); c40_0 = fma(s, b5_0, c40_0); c40_1 = fma(s, b5_1, c40_1);
              if (WIDE) { c40_2 = fma(s, b5_2, c40_2); c40_3 = fma(s, b5_3, c40_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x40, 6u)); c40_0 = fma(s, b6_0, c40_0); c40_1 = fma(s, b6_1, c40_1);
              if (WIDE) { c40_2 = fma(s, b6_2, c40_2); c40_3 = fma(s, b6_3, c40_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x40, 7u)); c40_0 = fma(s, b7_0, c40_0); c40_1 = fma(s, b7_1, c40_1);
              if (WIDE) { c40_2 = fma(s, b7_2, c40_2); c40_3 = fma(s, b7_3, c40_3); } }
            // row 41: A[i0 + 41, k0 + kk] is x41 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x41, 0u)); c41_0 = fma(s, b0_0, c41_0); c41_1 = fma(s, b0_1, c41_1);
              if (WIDE) { c41_2 = fma(s, b0_2, c41_2); c41_3 = fma(s, b0_3, c41_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x41, 1u)); c41_0 = fma(s, b1_0, c41_0); c41_1 = fma(s, b1_1, c41_1);
              if (WIDE) { c41_2 = fma(s, b1_2, c41_2); c41_3 = fma(s, b1_3, c41_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x41, 2u)); c41_0 = fma(s, b2_0, c41_0); c41_1 = fma(s, b2_1, c41_1);
              if (WIDE) { c41_2 = fma(s, b2_2, c41_2); c41_3 = fma(s, b2_3, c41_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x41, 3u)); c41_0 = fma(s, b3_0, c41_0); c41_1 = fma(s, b3_1, c41_1);
              if (WIDE) { c41_2 = fma(s, b3_2, c41_2); c41_3 = fma(s, b3_3, c41_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x41, 4u)); c41_0 = fma(s, b4_0, c41_0); c41_1 = fma(s, b4_1, c41_1);
              if (WIDE) { c41_2 = fma(s, b4_2, c41_2); c41_3 = fma(s, b4_3, c41_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x41, 5u)); c41_0 = fma(s, b5_0, c41_0); c41_1 = fma(s, b5_1, c41_1);
              if (WIDE) { c41_2 = fma(s, b5_2, c41_2); c41_3 = fma(s, b5_3, c41_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x41, 6u)); c41_0 = fma(s, b6_0, c41_0); c41_1 = fma(s, b6_1, c41_1);
              if (WIDE) { c41_2 = fma(s, b6_2, c41_2); c41_3 = fma(s, b6_3, c41_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x41, 7u)); c41_0 = fma(s, b7_0, c41_0); c41_1 = fma(s, b7_1, c41_1);
              if (WIDE) { c41_2 = fma(s, b7_2, c41_2); c41_3 = fma(s, b7_3, c41_3); } }
            // row 42: A[i0 + 42, k0 + kk] is x42 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x42, 0u)); c42_0 = fma(s, b0_0, c42_0); c42_1 = fma(s, b0_1, c42_1);
              if (WIDE) { c42_2 = fma(s, b0_2, c42_2); c42_3 = fma(s, b0_3, c42_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x42, 1u)); c42_0 = fma(s, b1_0, c42_0); c42_1 = fma(s, b1_1, c42_1);
              if (WIDE) { c42_2 = fma(s, b1_2, c42_2); c42_3 = fma(s, b1_3, c42_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x42, 2u)); c42_0 = fma(s, b2_0, c42_0); c42_1 = fma(s, b2_1, c42_1);
              if (WIDE) { c42_2 = fma(s, b2_2, c42_2); c42_3 = fma(s, b2_3, c42_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x42, 3u)); c42_0 = fma(s, b3_0, c42_0); c42_1 = fma(s, b3_1, c42_1);
              if (WIDE) { c42_2 = fma(s, b3_2, c42_2); c42_3 = fma(s, b3_3, c42_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x42, 4u)); c42_0 = fma(s, b4_0, c42_0); c42_1 = fma(s, b4_1, c42_1);
              if (WIDE) { c42_2 = fma(s, b4_2, c42_2); c42_3 = fma(s, b4_3, c42_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x42, 5u)); c42_0 = fma(s, b5_0, c42_0); c42_1 = fma(s, b5_1, c42_1);
              if (WIDE) { c42_2 = fma(s, b5_2, c42_2); c42_3 = fma(s, b5_3, c42_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x42, 6u)); c42_0 = fma(s, b6_0, c42_0); c42_1 = fma(s, b6_1, c42_1);
              if (WIDE) { c42_2 = fma(s, b6_2, c42_2); c42_3 = fma(s, b6_3, c42_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x42, 7u)); c42_0 = fma(s, b7_0, c42_0); c42_1 = fma(s, b7_1, c42_1);
              if (WIDE) { c42_2 = fma(s, b7_2, c42_2); c42_3 = fma(s, b7_3, c42_3); } }
            // row 43: A[i0 + 43, k0 + kk] is x43 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x43, 0u)); c43_0 = fma(s, b0_0, c43_0); c43_1 = fma(s, b0_1, c43_1);
              if (WIDE) { c43_2 = fma(s, b0_2, c43_2); c43_3 = fma(s, b0_3, c43_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x43, 1u)); c43_0 = fma(s, b1_0, c43_0); c43_1 = fma(s, b1_1, c43_1);
              if (WIDE) { c43_2 = fma(s, b1_2, c43_2); c43_3 = fma(s, b1_3, c43_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x43, 2u)); c43_0 = fma(s, b2_0, c43_0); c43_1 = fma(s, b2_1, c43_1);
              if (WIDE) { c43_2 = fma(s, b2_2, c43_2); c43_3 = fma(s, b2_3, c43_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x43, 3u)); c43_0 = fma(s, b3_0, c43_0); c43_1 = fma(s, b3_1, c43_1);
              if (WIDE) { c43_2 = fma(s, b3_2, c43_2); c43_3 = fma(s, b3_3, c43_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x43, 4u)); c43_0 = fma(s, b4_0, c43_0); c43_1 = fma(s, b4_1, c43_1);
              if (WIDE) { c43_2 = fma(s, b4_2, c43_2); c43_3 = fma(s, b4_3, c43_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x43, 5u)); c43_0 = fma(s, b5_0, c43_0); c43_1 = fma(s, b5_1, c43_1);
              if (WIDE) { c43_2 = fma(s, b5_2, c43_2); c43_3 = fma(s, b5_3, c43_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x43, 6u)); c43_0 = fma(s, b6_0, c43_0); c43_1 = fma(s, b6_1, c43_1);
              if (WIDE) { c43_2 = fma(s, b6_2, c43_2); c43_3 = fma(s, b6_3, c43_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x43, 7u)); c43_0 = fma(s, b7_0, c43_0); c43_1 = fma(s, b7_1, c43_1);
              if (WIDE) { c43_2 = fma(s, b7_2, c43_2); c43_3 = fma(s, b7_3, c43_3); } }
            // row 44: A[i0 + 44, k0 + kk] is x44 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x44, 0u)); c44_0 = fma(s, b0_0, c44_0); c44_1 = fma(s, b0_1, c44_1);
              if (WIDE) { c44_2 = fma(s, b0_2, c44_2); c44_3 = fma(s, b0_3, c44_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x44, 1u)); c44_0 = fma(s, b1_0, c44_0); c44_1 = fma(s, b1_1, c44_1);
              if (WIDE) { c44_2 = fma(s, b1_2, c44_2); c44_3 = fma(s, b1_3, c44_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x44, 2u)); c44_0 = fma(s, b2_0, c44_0); c44_1 = fma(s, b2_1, c44_1);
              if (WIDE) { c44_2 = fma(s, b2_2, c44_2); c44_3 = fma(s, b2_3, c44_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x44, 3u)); c44_0 = fma(s, b3_0, c44_0); c44_1 = fma(s, b3_1, c44_1);
              if (WIDE) { c44_2 = fma(s, b3_2, c44_2); c44_3 = fma(s, b3_3, c44_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x44, 4u)); c44_0 = fma(s, b4_0, c44_0); c44_1 = fma(s, b4_1, c44_1);
              if (WIDE) { c44_2 = fma(s, b4_2, c44_2); c44_3 = fma(s, b4_3, c44_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x44, 5u)); c44_0 = fma(s, b5_0, c44_0); c44_1 = fma(s, b5_1, c44_1);
              if (WIDE) { c44_2 = fma(s, b5_2, c44_2); c44_3 = fma(s, b5_3, c44_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x44, 6u)); c44_0 = fma(s, b6_0, c44_0); c44_1 = fma(s, b6_1, c44_1);
              if (WIDE) { c44_2 = fma(s, b6_2, c44_2); c44_3 = fma(s, b6_3, c44_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x44, 7u)); c44_0 = fma(s, b7_0, c44_0); c44_1 = fma(s, b7_1, c44_1);
              if (WIDE) { c44_2 = fma(s, b7_2, c44_2); c44_3 = fma(s, b7_3, c44_3); } }
            // row 45: A[i0 + 45, k0 + kk] is x45 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x45, 0u)); c45_0 = fma(s, b0_0, c45_0); c45_1 = fma(s, b0_1, c45_1);
              if (WIDE) { c45_2 = fma(s, b0_2, c45_2); c45_3 = fma(s, b0_3, c45_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x45, 1u)); c45_0 = fma(s, b1_0, c45_0); c45_1 = fma(s, b1_1, c45_1);
              if (WIDE) { c45_2 = fma(s, b1_2, c45_2); c45_3 = fma(s, b1_3, c45_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x45, 2u)); c45_0 = fma(s, b2_0, c45_0); c45_1 = fma(s, b2_1, c45_1);
              if (WIDE) { c45_2 = fma(s, b2_2, c45_2); c45_3 = fma(s, b2_3, c45_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x45, 3u)); c45_0 = fma(s, b3_0, c45_0); c45_1 = fma(s, b3_1, c45_1);
              if (WIDE) { c45_2 = fma(s, b3_2, c45_2); c45_3 = fma(s, b3_3, c45_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x45, 4u)); c45_0 = fma(s, b4_0, c45_0); c45_1 = fma(s, b4_1, c45_1);
              if (WIDE) { c45_2 = fma(s, b4_2, c45_2); c45_3 = fma(s, b4_3, c45_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x45, 5u)); c45_0 = fma(s, b5_0, c45_0); c45_1 = fma(s, b5_1, c45_1);
              if (WIDE) { c45_2 = fma(s, b5_2, c45_2); c45_3 = fma(s, b5_3, c45_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x45, 6u)); c45_0 = fma(s, b6_0, c45_0); c45_1 = fma(s, b6_1, c45_1);
              if (WIDE) { c45_2 = fma(s, b6_2, c45_2); c45_3 = fma(s, b6_3, c45_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x45, 7u)); c45_0 = fma(s, b7_0, c45_0); c45_1 = fma(s, b7_1, c45_1);
              if (WIDE) { c45_2 = fma(s, b7_2, c45_2); c45_3 = fma(s, b7_3, c45_3); } }
            // row 46: A[i0 + 46, k0 + kk] is x46 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x46, 0u)); c46_0 = fma(s, b0_0, c46_0); c46_1 = fma(s, b0_1, c46_1);
              if (WIDE) { c46_2 = fma(s, b0_2, c46_2); c46_3 = fma(s, b0_3, c46_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x46, 1u)); c46_0 = fma(s, b1_0, c46_0); c46_1 = fma(s, b1_1, c46_1);
              if (WIDE) { c46_2 = fma(s, b1_2, c46_2); c46_3 = fma(s, b1_3, c46_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x46, 2u)); c46_0 = fma(s, b2_0, c46_0); c46_1 = fma(s, b2_1, c46_1);
              if (WIDE) { c46_2 = fma(s, b2_2, c46_2); c46_3 = fma(s, b2_3, c46_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x46, 3u)); c46_0 = fma(s, b3_0, c46_0); c46_1 = fma(s, b3_1, c46_1);
              if (WIDE) { c46_2 = fma(s, b3_2, c46_2); c46_3 = fma(s, b3_3, c46_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x46, 4u)); c46_0 = fma(s, b4_0, c46_0); c46_1 = fma(s, b4_1, c46_1);
              if (WIDE) { c46_2 = fma(s, b4_2, c46_2); c46_3 = fma(s, b4_3, c46_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x46, 5u)); c46_0 = fma(s, b5_0, c46_0); c46_1 = fma(s, b5_1, c46_1);
              if (WIDE) { c46_2 = fma(s, b5_2, c46_2); c46_3 = fma(s, b5_3, c46_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x46, 6u)); c46_0 = fma(s, b6_0, c46_0); c46_1 = fma(s, b6_1, c46_1);
              if (WIDE) { c46_2 = fma(s, b6_2, c46_2); c46_3 = fma(s, b6_3, c46_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x46, 7u)); c46_0 = fma(s, b7_0, c46_0); c46_1 = fma(s, b7_1, c46_1);
              if (WIDE) { c46_2 = fma(s, b7_2, c46_2); c46_3 = fma(s, b7_3, c46_3); } }
            // row 47: A[i0 + 47, k0 + kk] is x47 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x47, 0u)); c47_0 = fma(s, b0_0, c47_0); c47_1 = fma(s, b0_1, c47_1);
              if (WIDE) { c47_2 = fma(s, b0_2, c47_2); c47_3 = fma(s, b0_3, c47_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x47, 1u)); c47_0 = fma(s, b1_0, c47_0); c47_1 = fma(s, b1_1, c47_1);
              if (WIDE) { c47_2 = fma(s, b1_2, c47_2); c47_3 = fma(s, b1_3, c47_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x47, 2u)); c47_0 = fma(s, b2_0, c47_0); c47_1 = fma(s, b2_1, c47_1);
              if (WIDE) { c47_2 = fma(s, b2_2, c47_2); c47_3 = fma(s, b2_3, c47_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x47, 3u)); c47_0 = fma(s, b3_0, c47_0); c47_1 = fma(s, b3_1, c47_1);
              if (WIDE) { c47_2 = fma(s, b3_2, c47_2); c47_3 = fma(s, b3_3, c47_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x47, 4u)); c47_0 = fma(s, b4_0, c47_0); c47_1 = fma(s, b4_1, c47_1);
              if (WIDE) { c47_2 = fma(s, b4_2, c47_2); c47_3 = fma(s, b4_3, c47_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x47, 5u)); c47_0 = fma(s, b5_0, c47_0); c47_1 = fma(s, b5_1, c47_1);
              if (WIDE) { c47_2 = fma(s, b5_2, c47_2); c47_3 = fma(s, b5_3, c47_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x47, 6u)); c47_0 = fma(s, b6_0, c47_0); c47_1 = fma(s, b6_1, c47_1);
              if (WIDE) { c47_2 = fma(s, b6_2, c47_2); c47_3 = fma(s, b6_3, c47_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x47, 7u)); c47_0 = fma(s, b7_0, c47_0); c47_1 = fma(s, b7_1, c47_1);
              if (WIDE) { c47_2 = fma(s, b7_2, c47_2); c47_3 = fma(s, b7_3, c47_3); } }
        }
        if (TM > 48u) {
            let x48 = sg_load_a(ba, min(i0 + 48u, m1), kc, kin);
            let x49 = sg_load_a(ba, min(i0 + 49u, m1), kc, kin);
            let x50 = sg_load_a(ba, min(i0 + 50u, m1), kc, kin);
            let x51 = sg_load_a(ba, min(i0 + 51u, m1), kc, kin);
            let x52 = sg_load_a(ba, min(i0 + 52u, m1), kc, kin);
            let x53 = sg_load_a(ba, min(i0 + 53u, m1), kc, kin);
            let x54 = sg_load_a(ba, min(i0 + 54u, m1), kc, kin);
            let x55 = sg_load_a(ba, min(i0 + 55u, m1), kc, kin);
            let x56 = sg_load_a(ba, min(i0 + 56u, m1), kc, kin);
            let x57 = sg_load_a(ba, min(i0 + 57u, m1), kc, kin);
            let x58 = sg_load_a(ba, min(i0 + 58u, m1), kc, kin);
            let x59 = sg_load_a(ba, min(i0 + 59u, m1), kc, kin);
            let x60 = sg_load_a(ba, min(i0 + 60u, m1), kc, kin);
            let x61 = sg_load_a(ba, min(i0 + 61u, m1), kc, kin);
            let x62 = sg_load_a(ba, min(i0 + 62u, m1), kc, kin);
            let x63 = sg_load_a(ba, min(i0 + 63u, m1), kc, kin);
            // row 48: A[i0 + 48, k0 + kk] is x48 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x48, 0u)); c48_0 = fma(s, b0_0, c48_0); c48_1 = fma(s, b0_1, c48_1);
              if (WIDE) { c48_2 = fma(s, b0_2, c48_2); c48_3 = fma(s, b0_3, c48_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x48, 1u)); c48_0 = fma(s, b1_0, c48_0); c48_1 = fma(s, b1_1, c48_1);
              if (WIDE) { c48_2 = fma(s, b1_2, c48_2); c48_3 = fma(s, b1_3, c48_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x48, 2u)); c48_0 = fma(s, b2_0, c48_0); c48_1 = fma(s, b2_1, c48_1);
              if (WIDE) { c48_2 = fma(s, b2_2, c48_2); c48_3 = fma(s, b2_3, c48_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x48, 3u)); c48_0 = fma(s, b3_0, c48_0); c48_1 = fma(s, b3_1, c48_1);
              if (WIDE) { c48_2 = fma(s, b3_2, c48_2); c48_3 = fma(s, b3_3, c48_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x48, 4u)); c48_0 = fma(s, b4_0, c48_0); c48_1 = fma(s, b4_1, c48_1);
              if (WIDE) { c48_2 = fma(s, b4_2, c48_2); c48_3 = fma(s, b4_3, c48_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x48, 5u)); c48_0 = fma(s, b5_0, c48_0); c48_1 = fma(s, b5_1, c48_1);
              if (WIDE) { c48_2 = fma(s, b5_2, c48_2); c48_3 = fma(s, b5_3, c48_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x48, 6u)); c48_0 = fma(s, b6_0, c48_0); c48_1 = fma(s, b6_1, c48_1);
              if (WIDE) { c48_2 = fma(s, b6_2, c48_2); c48_3 = fma(s, b6_3, c48_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x48, 7u)); c48_0 = fma(s, b7_0, c48_0); c48_1 = fma(s, b7_1, c48_1);
              if (WIDE) { c48_2 = fma(s, b7_2, c48_2); c48_3 = fma(s, b7_3, c48_3); } }
            // row 49: A[i0 + 49, k0 + kk] is x49 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x49, 0u)); c49_0 = fma(s, b0_0, c49_0); c49_1 = fma(s, b0_1, c49_1);
              if (WIDE) { c49_2 = fma(s, b0_2, c49_2); c49_3 = fma(s, b0_3, c49_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x49, 1u)); c49_0 = fma(s, b1_0, c49_0); c49_1 = fma(s, b1_1, c49_1);
              if (WIDE) { c49_2 = fma(s, b1_2, c49_2); c49_3 = fma(s, b1_3, c49_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x49, 2u)); c49_0 = fma(s, b2_0, c49_0); c49_1 = fma(s, b2_1, c49_1);
              if (WIDE) { c49_2 = fma(s, b2_2, c49_2); c49_3 = fma(s, b2_3, c49_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x49, 3u)); c49_0 = fma(s, b3_0, c49_0); c49_1 = fma(s, b3_1, c49_1);
              if (WIDE) { c49_2 = fma(s, b3_2, c49_2); c49_3 = fma(s, b3_3, c49_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x49, 4u)); c49_0 = fma(s, b4_0, c49_0); c49_1 = fma(s, b4_1, c49_1);
              if (WIDE) { c49_2 = fma(s, b4_2, c49_2); c49_3 = fma(s, b4_3, c49_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x49, 5u)); c49_0 = fma(s, b5_0, c49_0); c49_1 = fma(s, b5_1, c49_1);
              if (WIDE) { c49_2 = fma(s, b5_2, c49_2); c49_3 = fma(s, b5_3, c49_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x49, 6u)); c49_0 = fma(s, b6_0, c49_0); c49_1 = fma(s, b6_1, c49_1);
              if (WIDE) { c49_2 = fma(s, b6_2, c49_2); c49_3 = fma(s, b6_3, c49_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x49, 7u)); c49_0 = fma(s, b7_0, c49_0); c49_1 = fma(s, b7_1, c49_1);
              if (WIDE) { c49_2 = fma(s, b7_2, c49_2); c49_3 = fma(s, b7_3, c49_3); } }
            // row 50: A[i0 + 50, k0 + kk] is x50 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x50, 0u)); c50_0 = fma(s, b0_0, c50_0); c50_1 = fma(s, b0_1, c50_1);
              if (WIDE) { c50_2 = fma(s, b0_2, c50_2); c50_3 = fma(s, b0_3, c50_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x50, 1u)); c50_0 = fma(s, b1_0, c50_0); c50_1 = fma(s, b1_1, c50_1);
              if (WIDE) { c50_2 = fma(s, b1_2, c50_2); c50_3 = fma(s, b1_3, c50_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x50, 2u)); c50_0 = fma(s, b2_0, c50_0); c50_1 = fma(s, b2_1, c50_1);
              if (WIDE) { c50_2 = fma(s, b2_2, c50_2); c50_3 = fma(s, b2_3, c50_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x50, 3u)); c50_0 = fma(s, b3_0, c50_0); c50_1 = fma(s, b3_1, c50_1);
              if (WIDE) { c50_2 = fma(s, b3_2, c50_2); c50_3 = fma(s, b3_3, c50_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x50, 4u)); c50_0 = fma(s, b4_0, c50_0); c50_1 = fma(s, b4_1, c50_1);
              if (WIDE) { c50_2 = fma(s, b4_2, c50_2); c50_3 = fma(s, b4_3, c50_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x50, 5u)); c50_0 = fma(s, b5_0, c50_0); c50_1 = fma(s, b5_1, c50_1);
              if (WIDE) { c50_2 = fma(s, b5_2, c50_2); c50_3 = fma(s, b5_3, c50_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x50, 6u)); c50_0 = fma(s, b6_0, c50_0); c50_1 = fma(s, b6_1, c50_1);
              if (WIDE) { c50_2 = fma(s, b6_2, c50_2); c50_3 = fma(s, b6_3, c50_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x50, 7u)); c50_0 = fma(s, b7_0, c50_0); c50_1 = fma(s, b7_1, c50_1);
              if (WIDE) { c50_2 = fma(s, b7_2, c50_2); c50_3 = fma(s, b7_3, c50_3); } }
            // row 51: A[i0 + 51, k0 + kk] is x51 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x51, 0u)); c51_0 = fma(s, b0_0, c51_0); c51_1 = fma(s, b0_1, c51_1);
              if (WIDE) { c51_2 = fma(s, b0_2, c51_2); c51_3 = fma(s, b0_3, c51_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x51, 1u)); c51_0 = fma(s, b1_0, c51_0); c51_1 = fma(s, b1_1, c51_1);
              if (WIDE) { c51_2 = fma(s, b1_2, c51_2); c51_3 = fma(s, b1_3, c51_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x51, 2u)); c51_0 = fma(s, b2_0, c51_0); c51_1 = fma(s, b2_1, c51_1);
              if (WIDE) { c51_2 = fma(s, b2_2, c51_2); c51_3 = fma(s, b2_3, c51_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x51, 3u)); c51_0 = fma(s, b3_0, c51_0); c51_1 = fma(s, b3_1, c51_1);
              if (WIDE) { c51_2 = fma(s, b3_2, c51_2); c51_3 = fma(s, b3_3, c51_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x51, 4u)); c51_0 = fma(s, b4_0, c51_0); c51_1 = fma(s, b4_1, c51_1);
              if (WIDE) { c51_2 = fma(s, b4_2, c51_2); c51_3 = fma(s, b4_3, c51_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x51, 5u)); c51_0 = fma(s, b5_0, c51_0); c51_1 = fma(s, b5_1, c51_1);
              if (WIDE) { c51_2 = fma(s, b5_2, c51_2); c51_3 = fma(s, b5_3, c51_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x51, 6u)); c51_0 = fma(s, b6_0, c51_0); c51_1 = fma(s, b6_1, c51_1);
              if (WIDE) { c51_2 = fma(s, b6_2, c51_2); c51_3 = fma(s, b6_3, c51_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x51, 7u)); c51_0 = fma(s, b7_0, c51_0); c51_1 = fma(s, b7_1, c51_1);
              if (WIDE) { c51_2 = fma(s, b7_2, c51_2); c51_3 = fma(s, b7_3, c51_3); } }
            // row 52: A[i0 + 52, k0 + kk] is x52 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x52, 0u)); c52_0 = fma(s, b0_0, c52_0); c52_1 = fma(s, b0_1, c52_1);
              if (WIDE) { c52_2 = fma(s, b0_2, c52_2); c52_3 = fma(s, b0_3, c52_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x52, 1u)); c52_0 = fma(s, b1_0, c52_0); c52_1 = fma(s, b1_1, c52_1);
              if (WIDE) { c52_2 = fma(s, b1_2, c52_2); c52_3 = fma(s, b1_3, c52_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x52, 2u)); c52_0 = fma(s, b2_0, c52_0); c52_1 = fma(s, b2_1, c52_1);
              if (WIDE) { c52_2 = fma(s, b2_2, c52_2); c52_3 = fma(s, b2_3, c52_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x52, 3u)); c52_0 = fma(s, b3_0, c52_0); c52_1 = fma(s, b3_1, c52_1);
              if (WIDE) { c52_2 = fma(s, b3_2, c52_2); c52_3 = fma(s, b3_3, c52_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x52, 4u)); c52_0 = fma(s, b4_0, c52_0); c52_1 = fma(s, b4_1, c52_1);
              if (WIDE) { c52_2 = fma(s, b4_2, c52_2); c52_3 = fma(s, b4_3, c52_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x52, 5u)); c52_0 = fma(s, b5_0, c52_0); c52_1 = fma(s, b5_1, c52_1);
              if (WIDE) { c52_2 = fma(s, b5_2, c52_2); c52_3 = fma(s, b5_3, c52_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x52, 6u)); c52_0 = fma(s, b6_0, c52_0); c52_1 = fma(s, b6_1, c52_1);
              if (WIDE) { c52_2 = fma(s, b6_2, c52_2); c52_3 = fma(s, b6_3, c52_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x52, 7u)); c52_0 = fma(s, b7_0, c52_0); c52_1 = fma(s, b7_1, c52_1);
              if (WIDE) { c52_2 = fma(s, b7_2, c52_2); c52_3 = fma(s, b7_3, c52_3); } }
            // row 53: A[i0 + 53, k0 + kk] is x53 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x53, 0u)); c53_0 = fma(s, b0_0, c53_0); c53_1 = fma(s, b0_1, c53_1);
              if (WIDE) { c53_2 = fma(s, b0_2, c53_2); c53_3 = fma(s, b0_3, c53_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x53, 1u)); c53_0 = fma(s, b1_0, c53_0); c53_1 = fma(s, b1_1, c53_1);
              if (WIDE) { c53_2 = fma(s, b1_2, c53_2); c53_3 = fma(s, b1_3, c53_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x53, 2u)); c53_0 = fma(s, b2_0, c53_0); c53_1 = fma(s, b2_1, c53_1);
              if (WIDE) { c53_2 = fma(s, b2_2, c53_2); c53_3 = fma(s, b2_3, c53_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x53, 3u)); c53_0 = fma(s, b3_0, c53_0); c53_1 = fma(s, b3_1, c53_1);
              if (WIDE) { c53_2 = fma(s, b3_2, c53_2); c53_3 = fma(s, b3_3, c53_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x53, 4u)); c53_0 = fma(s, b4_0, c53_0); c53_1 = fma(s, b4_1, c53_1);
              if (WIDE) { c53_2 = fma(s, b4_2, c53_2); c53_3 = fma(s, b4_3, c53_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x53, 5u)); c53_0 = fma(s, b5_0, c53_0); c53_1 = fma(s, b5_1, c53_1);
              if (WIDE) { c53_2 = fma(s, b5_2, c53_2); c53_3 = fma(s, b5_3, c53_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x53, 6u)); c53_0 = fma(s, b6_0, c53_0); c53_1 = fma(s, b6_1, c53_1);
              if (WIDE) { c53_2 = fma(s, b6_2, c53_2); c53_3 = fma(s, b6_3, c53_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x53, 7u)); c53_0 = fma(s, b7_0, c53_0); c53_1 = fma(s, b7_1, c53_1);
              if (WIDE) { c53_2 = fma(s, b7_2, c53_2); c53_3 = fma(s, b7_3, c53_3); } }
            // row 54: A[i0 + 54, k0 + kk] is x54 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x54, 0u)); c54_0 = fma(s, b0_0, c54_0); c54_1 = fma(s, b0_1, c54_1);
              if (WIDE) { c54_2 = fma(s, b0_2, c54_2); c54_3 = fma(s, b0_3, c54_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x54, 1u)); c54_0 = fma(s, b1_0, c54_0); c54_1 = fma(s, b1_1, c54_1);
              if (WIDE) { c54_2 = fma(s, b1_2, c54_2); c54_3 = fma(s, b1_3, c54_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x54, 2u)); c54_0 = fma(s, b2_0, c54_0); c54_1 = fma(s, b2_1, c54_1);
              if (WIDE) { c54_2 = fma(s, b2_2, c54_2); c54_3 = fma(s, b2_3, c54_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x54, 3u)); c54_0 = fma(s, b3_0, c54_0); c54_1 = fma(s, b3_1, c54_1);
              if (WIDE) { c54_2 = fma(s, b3_2, c54_2); c54_3 = fma(s, b3_3, c54_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x54, 4u)); c54_0 = fma(s, b4_0, c54_0); c54_1 = fma(s, b4_1, c54_1);
              if (WIDE) { c54_2 = fma(s, b4_2, c54_2); c54_3 = fma(s, b4_3, c54_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x54, 5u)); c54_0 = fma(s, b5_0, c54_0); c54_1 = fma(s, b5_1, c54_1);
              if (WIDE) { c54_2 = fma(s, b5_2, c54_2); c54_3 = fma(s, b5_3, c54_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x54, 6u)); c54_0 = fma(s, b6_0, c54_0); c54_1 = fma(s, b6_1, c54_1);
              if (WIDE) { c54_2 = fma(s, b6_2, c54_2); c54_3 = fma(s, b6_3, c54_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x54, 7u)); c54_0 = fma(s, b7_0, c54_0); c54_1 = fma(s, b7_1, c54_1);
              if (WIDE) { c54_2 = fma(s, b7_2, c54_2); c54_3 = fma(s, b7_3, c54_3); } }
            // row 55: A[i0 + 55, k0 + kk] is x55 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x55, 0u)); c55_0 = fma(s, b0_0, c55_0); c55_1 = fma(s, b0_1, c55_1);
              if (WIDE) { c55_2 = fma(s, b0_2, c55_2); c55_3 = fma(s, b0_3, c55_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x55, 1u)); c55_0 = fma(s, b1_0, c55_0); c55_1 = fma(s, b1_1, c55_1);
              if (WIDE) { c55_2 = fma(s, b1_2, c55_2); c55_3 = fma(s, b1_3, c55_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x55, 2u)); c55_0 = fma(s, b2_0, c55_0); c55_1 = fma(s, b2_1, c55_1);
              if (WIDE) { c55_2 = fma(s, b2_2, c55_2); c55_3 = fma(s, b2_3, c55_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x55, 3u)); c55_0 = fma(s, b3_0, c55_0); c55_1 = fma(s, b3_1, c55_1);
              if (WIDE) { c55_2 = fma(s, b3_2, c55_2); c55_3 = fma(s, b3_3, c55_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x55, 4u)); c55_0 = fma(s, b4_0, c55_0); c55_1 = fma(s, b4_1, c55_1);
              if (WIDE) { c55_2 = fma(s, b4_2, c55_2); c55_3 = fma(s, b4_3, c55_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x55, 5u)); c55_0 = fma(s, b5_0, c55_0); c55_1 = fma(s, b5_1, c55_1);
              if (WIDE) { c55_2 = fma(s, b5_2, c55_2); c55_3 = fma(s, b5_3, c55_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x55, 6u)); c55_0 = fma(s, b6_0, c55_0); c55_1 = fma(s, b6_1, c55_1);
              if (WIDE) { c55_2 = fma(s, b6_2, c55_2); c55_3 = fma(s, b6_3, c55_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x55, 7u)); c55_0 = fma(s, b7_0, c55_0); c55_1 = fma(s, b7_1, c55_1);
              if (WIDE) { c55_2 = fma(s, b7_2, c55_2); c55_3 = fma(s, b7_3, c55_3); } }
            // row 56: A[i0 + 56, k0 + kk] is x56 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x56, 0u)); c56_0 = fma(s, b0_0, c56_0); c56_1 = fma(s, b0_1, c56_1);
              if (WIDE) { c56_2 = fma(s, b0_2, c56_2); c56_3 = fma(s, b0_3, c56_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x56, 1u)); c56_0 = fma(s, b1_0, c56_0); c56_1 = fma(s, b1_1, c56_1);
              if (WIDE) { c56_2 = fma(s, b1_2, c56_2); c56_3 = fma(s, b1_3, c56_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x56, 2u)); c56_0 = fma(s, b2_0, c56_0); c56_1 = fma(s, b2_1, c56_1);
              if (WIDE) { c56_2 = fma(s, b2_2, c56_2); c56_3 = fma(s, b2_3, c56_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x56, 3u)); c56_0 = fma(s, b3_0, c56_0); c56_1 = fma(s, b3_1, c56_1);
              if (WIDE) { c56_2 = fma(s, b3_2, c56_2); c56_3 = fma(s, b3_3, c56_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x56, 4u)); c56_0 = fma(s, b4_0, c56_0); c56_1 = fma(s, b4_1, c56_1);
              if (WIDE) { c56_2 = fma(s, b4_2, c56_2); c56_3 = fma(s, b4_3, c56_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x56, 5u)); c56_0 = fma(s, b5_0, c56_0); c56_1 = fma(s, b5_1, c56_1);
              if (WIDE) { c56_2 = fma(s, b5_2, c56_2); c56_3 = fma(s, b5_3, c56_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x56, 6u)); c56_0 = fma(s, b6_0, c56_0); c56_1 = fma(s, b6_1, c56_1);
              if (WIDE) { c56_2 = fma(s, b6_2, c56_2); c56_3 = fma(s, b6_3, c56_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x56, 7u)); c56_0 = fma(s, b7_0, c56_0); c56_1 = fma(s, b7_1, c56_1);
              if (WIDE) { c56_2 = fma(s, b7_2, c56_2); c56_3 = fma(s, b7_3, c56_3); } }
            // row 57: A[i0 + 57, k0 + kk] is x57 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x57, 0u)); c57_0 = fma(s, b0_0, c57_0); c57_1 = fma(s, b0_1, c57_1);
              if (WIDE) { c57_2 = fma(s, b0_2, c57_2); c57_3 = fma(s, b0_3, c57_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x57, 1u)); c57_0 = fma(s, b1_0, c57_0); c57_1 = fma(s, b1_1, c57_1);
              if (WIDE) { c57_2 = fma(s, b1_2, c57_2); c57_3 = fma(s, b1_3, c57_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x57, 2u)); c57_0 = fma(s, b2_0, c57_0); c57_1 = fma(s, b2_1, c57_1);
              if (WIDE) { c57_2 = fma(s, b2_2, c57_2); c57_3 = fma(s, b2_3, c57_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x57, 3u)); c57_0 = fma(s, b3_0, c57_0); c57_1 = fma(s, b3_1, c57_1);
              if (WIDE) { c57_2 = fma(s, b3_2, c57_2); c57_3 = fma(s, b3_3, c57_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x57, 4u)); c57_0 = fma(s, b4_0, c57_0); c57_1 = fma(s, b4_1, c57_1);
              if (WIDE) { c57_2 = fma(s, b4_2, c57_2); c57_3 = fma(s, b4_3, c57_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x57, 5u)); c57_0 = fma(s, b5_0, c57_0); c57_1 = fma(s, b5_1, c57_1);
              if (WIDE) { c57_2 = fma(s, b5_2, c57_2); c57_3 = fma(s, b5_3, c57_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x57, 6u)); c57_0 = fma(s, b6_0, c57_0); c57_1 = fma(s, b6_1, c57_1);
              if (WIDE) { c57_2 = fma(s, b6_2, c57_2); c57_3 = fma(s, b6_3, c57_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x57, 7u)); c57_0 = fma(s, b7_0, c57_0); c57_1 = fma(s, b7_1, c57_1);
              if (WIDE) { c57_2 = fma(s, b7_2, c57_2); c57_3 = fma(s, b7_3, c57_3); } }
            // row 58: A[i0 + 58, k0 + kk] is x58 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x58, 0u)); c58_0 = fma(s, b0_0, c58_0); c58_1 = fma(s, b0_1, c58_1);
              if (WIDE) { c58_2 = fma(s, b0_2, c58_2); c58_3 = fma(s, b0_3, c58_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x58, 1u)); c58_0 = fma(s, b1_0, c58_0); c58_1 = fma(s, b1_1, c58_1);
              if (WIDE) { c58_2 = fma(s, b1_2, c58_2); c58_3 = fma(s, b1_3, c58_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x58, 2u)); c58_0 = fma(s, b2_0, c58_0); c58_1 = fma(s, b2_1, c58_1);
              if (WIDE) { c58_2 = fma(s, b2_2, c58_2); c58_3 = fma(s, b2_3, c58_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x58, 3u)); c58_0 = fma(s, b3_0, c58_0); c58_1 = fma(s, b3_1, c58_1);
              if (WIDE) { c58_2 = fma(s, b3_2, c58_2); c58_3 = fma(s, b3_3, c58_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x58, 4u)); c58_0 = fma(s, b4_0, c58_0); c58_1 = fma(s, b4_1, c58_1);
              if (WIDE) { c58_2 = fma(s, b4_2, c58_2); c58_3 = fma(s, b4_3, c58_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x58, 5u)); c58_0 = fma(s, b5_0, c58_0); c58_1 = fma(s, b5_1, c58_1);
              if (WIDE) { c58_2 = fma(s, b5_2, c58_2); c58_3 = fma(s, b5_3, c58_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x58, 6u)); c58_0 = fma(s, b6_0, c58_0); c58_1 = fma(s, b6_1, c58_1);
              if (WIDE) { c58_2 = fma(s, b6_2, c58_2); c58_3 = fma(s, b6_3, c58_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x58, 7u)); c58_0 = fma(s, b7_0, c58_0); c58_1 = fma(s, b7_1, c58_1);
              if (WIDE) { c58_2 = fma(s, b7_2, c58_2); c58_3 = fma(s, b7_3, c58_3); } }
            // row 59: A[i0 + 59, k0 + kk] is x59 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x59, 0u)); c59_0 = fma(s, b0_0, c59_0); c59_1 = fma(s, b0_1, c59_1);
              if (WIDE) { c59_2 = fma(s, b0_2, c59_2); c59_3 = fma(s, b0_3, c59_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x59, 1u)); c59_0 = fma(s, b1_0, c59_0); c59_1 = fma(s, b1_1, c59_1);
              if (WIDE) { c59_2 = fma(s, b1_2, c59_2); c59_3 = fma(s, b1_3, c59_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x59, 2u)); c59_0 = fma(s, b2_0, c59_0); c59_1 = fma(s, b2_1, c59_1);
              if (WIDE) { c59_2 = fma(s, b2_2, c59_2); c59_3 = fma(s, b2_3, c59_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x59, 3u)); c59_0 = fma(s, b3_0, c59_0); c59_1 = fma(s, b3_1, c59_1);
              if (WIDE) { c59_2 = fma(s, b3_2, c59_2); c59_3 = fma(s, b3_3, c59_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x59, 4u)); c59_0 = fma(s, b4_0, c59_0); c59_1 = fma(s, b4_1, c59_1);
              if (WIDE) { c59_2 = fma(s, b4_2, c59_2); c59_3 = fma(s, b4_3, c59_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x59, 5u)); c59_0 = fma(s, b5_0, c59_0); c59_1 = fma(s, b5_1, c59_1);
              if (WIDE) { c59_2 = fma(s, b5_2, c59_2); c59_3 = fma(s, b5_3, c59_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x59, 6u)); c59_0 = fma(s, b6_0, c59_0); c59_1 = fma(s, b6_1, c59_1);
              if (WIDE) { c59_2 = fma(s, b6_2, c59_2); c59_3 = fma(s, b6_3, c59_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x59, 7u)); c59_0 = fma(s, b7_0, c59_0); c59_1 = fma(s, b7_1, c59_1);
              if (WIDE) { c59_2 = fma(s, b7_2, c59_2); c59_3 = fma(s, b7_3, c59_3); } }
            // row 60: A[i0 + 60, k0 + kk] is x60 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x60, 0u)); c60_0 = fma(s, b0_0, c60_0); c60_1 = fma(s, b0_1, c60_1);
              if (WIDE) { c60_2 = fma(s, b0_2, c60_2); c60_3 = fma(s, b0_3, c60_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x60, 1u)); c60_0 = fma(s, b1_0, c60_0); c60_1 = fma(s, b1_1, c60_1);
              if (WIDE) { c60_2 = fma(s, b1_2, c60_2); c60_3 = fma(s, b1_3, c60_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x60, 2u)); c60_0 = fma(s, b2_0, c60_0); c60_1 = fma(s, b2_1, c60_1);
              if (WIDE) { c60_2 = fma(s, b2_2, c60_2); c60_3 = fma(s, b2_3, c60_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x60, 3u)); c60_0 = fma(s, b3_0, c60_0); c60_1 = fma(s, b3_1, c60_1);
              if (WIDE) { c60_2 = fma(s, b3_2, c60_2); c60_3 = fma(s, b3_3, c60_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x60, 4u)); c60_0 = fma(s, b4_0, c60_0); c60_1 = fma(s, b4_1, c60_1);
              if (WIDE) { c60_2 = fma(s, b4_2, c60_2); c60_3 = fma(s, b4_3, c60_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x60, 5u)); c60_0 = fma(s, b5_0, c60_0); c60_1 = fma(s, b5_1, c60_1);
              if (WIDE) { c60_2 = fma(s, b5_2, c60_2); c60_3 = fma(s, b5_3, c60_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x60, 6u)); c60_0 = fma(s, b6_0, c60_0); c60_1 = fma(s, b6_1, c60_1);
              if (WIDE) { c60_2 = fma(s, b6_2, c60_2); c60_3 = fma(s, b6_3, c60_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x60, 7u)); c60_0 = fma(s, b7_0, c60_0); c60_1 = fma(s, b7_1, c60_1);
              if (WIDE) { c60_2 = fma(s, b7_2, c60_2); c60_3 = fma(s, b7_3, c60_3); } }
            // row 61: A[i0 + 61, k0 + kk] is x61 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x61, 0u)); c61_0 = fma(s, b0_0, c61_0); c61_1 = fma(s, b0_1, c61_1);
              if (WIDE) { c61_2 = fma(s, b0_2, c61_2); c61_3 = fma(s, b0_3, c61_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x61, 1u)); c61_0 = fma(s, b1_0, c61_0); c61_1 = fma(s, b1_1, c61_1);
              if (WIDE) { c61_2 = fma(s, b1_2, c61_2); c61_3 = fma(s, b1_3, c61_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x61, 2u)); c61_0 = fma(s, b2_0, c61_0); c61_1 = fma(s, b2_1, c61_1);
              if (WIDE) { c61_2 = fma(s, b2_2, c61_2); c61_3 = fma(s, b2_3, c61_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x61, 3u)); c61_0 = fma(s, b3_0, c61_0); c61_1 = fma(s, b3_1, c61_1);
              if (WIDE) { c61_2 = fma(s, b3_2, c61_2); c61_3 = fma(s, b3_3, c61_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x61, 4u)); c61_0 = fma(s, b4_0, c61_0); c61_1 = fma(s, b4_1, c61_1);
              if (WIDE) { c61_2 = fma(s, b4_2, c61_2); c61_3 = fma(s, b4_3, c61_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x61, 5u)); c61_0 = fma(s, b5_0, c61_0); c61_1 = fma(s, b5_1, c61_1);
              if (WIDE) { c61_2 = fma(s, b5_2, c61_2); c61_3 = fma(s, b5_3, c61_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x61, 6u)); c61_0 = fma(s, b6_0, c61_0); c61_1 = fma(s, b6_1, c61_1);
              if (WIDE) { c61_2 = fma(s, b6_2, c61_2); c61_3 = fma(s, b6_3, c61_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x61, 7u)); c61_0 = fma(s, b7_0, c61_0); c61_1 = fma(s, b7_1, c61_1);
              if (WIDE) { c61_2 = fma(s, b7_2, c61_2); c61_3 = fma(s, b7_3, c61_3); } }
            // row 62: A[i0 + 62, k0 + kk] is x62 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x62, 0u)); c62_0 = fma(s, b0_0, c62_0); c62_1 = fma(s, b0_1, c62_1);
              if (WIDE) { c62_2 = fma(s, b0_2, c62_2); c62_3 = fma(s, b0_3, c62_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x62, 1u)); c62_0 = fma(s, b1_0, c62_0); c62_1 = fma(s, b1_1, c62_1);
              if (WIDE) { c62_2 = fma(s, b1_2, c62_2); c62_3 = fma(s, b1_3, c62_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x62, 2u)); c62_0 = fma(s, b2_0, c62_0); c62_1 = fma(s, b2_1, c62_1);
              if (WIDE) { c62_2 = fma(s, b2_2, c62_2); c62_3 = fma(s, b2_3, c62_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x62, 3u)); c62_0 = fma(s, b3_0, c62_0); c62_1 = fma(s, b3_1, c62_1);
              if (WIDE) { c62_2 = fma(s, b3_2, c62_2); c62_3 = fma(s, b3_3, c62_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x62, 4u)); c62_0 = fma(s, b4_0, c62_0); c62_1 = fma(s, b4_1, c62_1);
              if (WIDE) { c62_2 = fma(s, b4_2, c62_2); c62_3 = fma(s, b4_3, c62_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x62, 5u)); c62_0 = fma(s, b5_0, c62_0); c62_1 = fma(s, b5_1, c62_1);
              if (WIDE) { c62_2 = fma(s, b5_2, c62_2); c62_3 = fma(s, b5_3, c62_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x62, 6u)); c62_0 = fma(s, b6_0, c62_0); c62_1 = fma(s, b6_1, c62_1);
              if (WIDE) { c62_2 = fma(s, b6_2, c62_2); c62_3 = fma(s, b6_3, c62_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x62, 7u)); c62_0 = fma(s, b7_0, c62_0); c62_1 = fma(s, b7_1, c62_1);
              if (WIDE) { c62_2 = fma(s, b7_2, c62_2); c62_3 = fma(s, b7_3, c62_3); } }
            // row 63: A[i0 + 63, k0 + kk] is x63 of lane kk
            { let s = vec4<f32>(subgroupBroadcast(x63, 0u)); c63_0 = fma(s, b0_0, c63_0); c63_1 = fma(s, b0_1, c63_1);
              if (WIDE) { c63_2 = fma(s, b0_2, c63_2); c63_3 = fma(s, b0_3, c63_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x63, 1u)); c63_0 = fma(s, b1_0, c63_0); c63_1 = fma(s, b1_1, c63_1);
              if (WIDE) { c63_2 = fma(s, b1_2, c63_2); c63_3 = fma(s, b1_3, c63_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x63, 2u)); c63_0 = fma(s, b2_0, c63_0); c63_1 = fma(s, b2_1, c63_1);
              if (WIDE) { c63_2 = fma(s, b2_2, c63_2); c63_3 = fma(s, b2_3, c63_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x63, 3u)); c63_0 = fma(s, b3_0, c63_0); c63_1 = fma(s, b3_1, c63_1);
              if (WIDE) { c63_2 = fma(s, b3_2, c63_2); c63_3 = fma(s, b3_3, c63_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x63, 4u)); c63_0 = fma(s, b4_0, c63_0); c63_1 = fma(s, b4_1, c63_1);
              if (WIDE) { c63_2 = fma(s, b4_2, c63_2); c63_3 = fma(s, b4_3, c63_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x63, 5u)); c63_0 = fma(s, b5_0, c63_0); c63_1 = fma(s, b5_1, c63_1);
              if (WIDE) { c63_2 = fma(s, b5_2, c63_2); c63_3 = fma(s, b5_3, c63_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x63, 6u)); c63_0 = fma(s, b6_0, c63_0); c63_1 = fma(s, b6_1, c63_1);
              if (WIDE) { c63_2 = fma(s, b6_2, c63_2); c63_3 = fma(s, b6_3, c63_3); } }
            { let s = vec4<f32>(subgroupBroadcast(x63, 7u)); c63_0 = fma(s, b7_0, c63_0); c63_1 = fma(s, b7_1, c63_1);
              if (WIDE) { c63_2 = fma(s, b7_2, c63_2); c63_3 = fma(s, b7_3, c63_3); } }
        }
    }
    let bc = base_c(z);
    sg_store_row(bc, i0 + 0u, j0, c0_0, c0_1);
    if (WIDE) { sg_store_row(bc, i0 + 0u, j0 + 8u, c0_2, c0_3); }
    sg_store_row(bc, i0 + 1u, j0, c1_0, c1_1);
    if (WIDE) { sg_store_row(bc, i0 + 1u, j0 + 8u, c1_2, c1_3); }
    sg_store_row(bc, i0 + 2u, j0, c2_0, c2_1);
    if (WIDE) { sg_store_row(bc, i0 + 2u, j0 + 8u, c2_2, c2_3); }
    sg_store_row(bc, i0 + 3u, j0, c3_0, c3_1);
    if (WIDE) { sg_store_row(bc, i0 + 3u, j0 + 8u, c3_2, c3_3); }
    sg_store_row(bc, i0 + 4u, j0, c4_0, c4_1);
    if (WIDE) { sg_store_row(bc, i0 + 4u, j0 + 8u, c4_2, c4_3); }
    sg_store_row(bc, i0 + 5u, j0, c5_0, c5_1);
    if (WIDE) { sg_store_row(bc, i0 + 5u, j0 + 8u, c5_2, c5_3); }
    sg_store_row(bc, i0 + 6u, j0, c6_0, c6_1);
    if (WIDE) { sg_store_row(bc, i0 + 6u, j0 + 8u, c6_2, c6_3); }
    sg_store_row(bc, i0 + 7u, j0, c7_0, c7_1);
    if (WIDE) { sg_store_row(bc, i0 + 7u, j0 + 8u, c7_2, c7_3); }
    sg_store_row(bc, i0 + 8u, j0, c8_0, c8_1);
    if (WIDE) { sg_store_row(bc, i0 + 8u, j0 + 8u, c8_2, c8_3); }
    sg_store_row(bc, i0 + 9u, j0, c9_0, c9_1);
    if (WIDE) { sg_store_row(bc, i0 + 9u, j0 + 8u, c9_2, c9_3); }
    sg_store_row(bc, i0 + 10u, j0, c10_0, c10_1);
    if (WIDE) { sg_store_row(bc, i0 + 10u, j0 + 8u, c10_2, c10_3); }
    sg_store_row(bc, i0 + 11u, j0, c11_0, c11_1);
    if (WIDE) { sg_store_row(bc, i0 + 11u, j0 + 8u, c11_2, c11_3); }
    sg_store_row(bc, i0 + 12u, j0, c12_0, c12_1);
    if (WIDE) { sg_store_row(bc, i0 + 12u, j0 + 8u, c12_2, c12_3); }
    sg_store_row(bc, i0 + 13u, j0, c13_0, c13_1);
    if (WIDE) { sg_store_row(bc, i0 + 13u, j0 + 8u, c13_2, c13_3); }
    sg_store_row(bc, i0 + 14u, j0, c14_0, c14_1);
    if (WIDE) { sg_store_row(bc, i0 + 14u, j0 + 8u, c14_2, c14_3); }
    sg_store_row(bc, i0 + 15u, j0, c15_0, c15_1);
    if (WIDE) { sg_store_row(bc, i0 + 15u, j0 + 8u, c15_2, c15_3); }
    if (TM > 16u) {
        sg_store_row(bc, i0 + 16u, j0, c16_0, c16_1);
        if (WIDE) { sg_store_row(bc, i0 + 16u, j0 + 8u, c16_2, c16_3); }
        sg_store_row(bc, i0 + 17u, j0, c17_0, c17_1);
        if (WIDE) { sg_store_row(bc, i0 + 17u, j0 + 8u, c17_2, c17_3); }
        sg_store_row(bc, i0 + 18u, j0, c18_0, c18_1);
        if (WIDE) { sg_store_row(bc, i0 + 18u, j0 + 8u, c18_2, c18_3); }
        sg_store_row(bc, i0 + 19u, j0, c19_0, c19_1);
        if (WIDE) { sg_store_row(bc, i0 + 19u, j0 + 8u, c19_2, c19_3); }
        sg_store_row(bc, i0 + 20u, j0, c20_0, c20_1);
        if (WIDE) { sg_store_row(bc, i0 + 20u, j0 + 8u, c20_2, c20_3); }
        sg_store_row(bc, i0 + 21u, j0, c21_0, c21_1);
        if (WIDE) { sg_store_row(bc, i0 + 21u, j0 + 8u, c21_2, c21_3); }
        sg_store_row(bc, i0 + 22u, j0, c22_0, c22_1);
        if (WIDE) { sg_store_row(bc, i0 + 22u, j0 + 8u, c22_2, c22_3); }
        sg_store_row(bc, i0 + 23u, j0, c23_0, c23_1);
        if (WIDE) { sg_store_row(bc, i0 + 23u, j0 + 8u, c23_2, c23_3); }
        sg_store_row(bc, i0 + 24u, j0, c24_0, c24_1);
        if (WIDE) { sg_store_row(bc, i0 + 24u, j0 + 8u, c24_2, c24_3); }
        sg_store_row(bc, i0 + 25u, j0, c25_0, c25_1);
        if (WIDE) { sg_store_row(bc, i0 + 25u, j0 + 8u, c25_2, c25_3); }
        sg_store_row(bc, i0 + 26u, j0, c26_0, c26_1);
        if (WIDE) { sg_store_row(bc, i0 + 26u, j0 + 8u, c26_2, c26_3); }
        sg_store_row(bc, i0 + 27u, j0, c27_0, c27_1);
        if (WIDE) { sg_store_row(bc, i0 + 27u, j0 + 8u, c27_2, c27_3); }
        sg_store_row(bc, i0 + 28u, j0, c28_0, c28_1);
        if (WIDE) { sg_store_row(bc, i0 + 28u, j0 + 8u, c28_2, c28_3); }
        sg_store_row(bc, i0 + 29u, j0, c29_0, c29_1);
        if (WIDE) { sg_store_row(bc, i0 + 29u, j0 + 8u, c29_2, c29_3); }
        sg_store_row(bc, i0 + 30u, j0, c30_0, c30_1);
        if (WIDE) { sg_store_row(bc, i0 + 30u, j0 + 8u, c30_2, c30_3); }
        sg_store_row(bc, i0 + 31u, j0, c31_0, c31_1);
        if (WIDE) { sg_store_row(bc, i0 + 31u, j0 + 8u, c31_2, c31_3); }
    }
    if (TM > 32u) {
        sg_store_row(bc, i0 + 32u, j0, c32_0, c32_1);
        if (WIDE) { sg_store_row(bc, i0 + 32u, j0 + 8u, c32_2, c32_3); }
        sg_store_row(bc, i0 + 33u, j0, c33_0, c33_1);
        if (WIDE) { sg_store_row(bc, i0 + 33u, j0 + 8u, c33_2, c33_3); }
        sg_store_row(bc, i0 + 34u, j0, c34_0, c34_1);
        if (WIDE) { sg_store_row(bc, i0 + 34u, j0 + 8u, c34_2, c34_3); }
        sg_store_row(bc, i0 + 35u, j0, c35_0, c35_1);
        if (WIDE) { sg_store_row(bc, i0 + 35u, j0 + 8u, c35_2, c35_3); }
        sg_store_row(bc, i0 + 36u, j0, c36_0, c36_1);
        if (WIDE) { sg_store_row(bc, i0 + 36u, j0 + 8u, c36_2, c36_3); }
        sg_store_row(bc, i0 + 37u, j0, c37_0, c37_1);
        if (WIDE) { sg_store_row(bc, i0 + 37u, j0 + 8u, c37_2, c37_3); }
        sg_store_row(bc, i0 + 38u, j0, c38_0, c38_1);
        if (WIDE) { sg_store_row(bc, i0 + 38u, j0 + 8u, c38_2, c38_3); }
        sg_store_row(bc, i0 + 39u, j0, c39_0, c39_1);
        if (WIDE) { sg_store_row(bc, i0 + 39u, j0 + 8u, c39_2, c39_3); }
        sg_store_row(bc, i0 + 40u, j0, c40_0, c40_1);
        if (WIDE) { sg_store_row(bc, i0 + 40u, j0 + 8u, c40_2, c40_3); }
        sg_store_row(bc, i0 + 41u, j0, c41_0, c41_1);
        if (WIDE) { sg_store_row(bc, i0 + 41u, j0 + 8u, c41_2, c41_3); }
        sg_store_row(bc, i0 + 42u, j0, c42_0, c42_1);
        if (WIDE) { sg_store_row(bc, i0 + 42u, j0 + 8u, c42_2, c42_3); }
        sg_store_row(bc, i0 + 43u, j0, c43_0, c43_1);
        if (WIDE) { sg_store_row(bc, i0 + 43u, j0 + 8u, c43_2, c43_3); }
        sg_store_row(bc, i0 + 44u, j0, c44_0, c44_1);
        if (WIDE) { sg_store_row(bc, i0 + 44u, j0 + 8u, c44_2, c44_3); }
        sg_store_row(bc, i0 + 45u, j0, c45_0, c45_1);
        if (WIDE) { sg_store_row(bc, i0 + 45u, j0 + 8u, c45_2, c45_3); }
        sg_store_row(bc, i0 + 46u, j0, c46_0, c46_1);
        if (WIDE) { sg_store_row(bc, i0 + 46u, j0 + 8u, c46_2, c46_3); }
        sg_store_row(bc, i0 + 47u, j0, c47_0, c47_1);
        if (WIDE) { sg_store_row(bc, i0 + 47u, j0 + 8u, c47_2, c47_3); }
    }
    if (TM > 48u) {
        sg_store_row(bc, i0 + 48u, j0, c48_0, c48_1);
        if (WIDE) { sg_store_row(bc, i0 + 48u, j0 + 8u, c48_2, c48_3); }
        sg_store_row(bc, i0 + 49u, j0, c49_0, c49_1);
        if (WIDE) { sg_store_row(bc, i0 + 49u, j0 + 8u, c49_2, c49_3); }
        sg_store_row(bc, i0 + 50u, j0, c50_0, c50_1);
        if (WIDE) { sg_store_row(bc, i0 + 50u, j0 + 8u, c50_2, c50_3); }
        sg_store_row(bc, i0 + 51u, j0, c51_0, c51_1);
        if (WIDE) { sg_store_row(bc, i0 + 51u, j0 + 8u, c51_2, c51_3); }
        sg_store_row(bc, i0 + 52u, j0, c52_0, c52_1);
        if (WIDE) { sg_store_row(bc, i0 + 52u, j0 + 8u, c52_2, c52_3); }
        sg_store_row(bc, i0 + 53u, j0, c53_0, c53_1);
        if (WIDE) { sg_store_row(bc, i0 + 53u, j0 + 8u, c53_2, c53_3); }
        sg_store_row(bc, i0 + 54u, j0, c54_0, c54_1);
        if (WIDE) { sg_store_row(bc, i0 + 54u, j0 + 8u, c54_2, c54_3); }
        sg_store_row(bc, i0 + 55u, j0, c55_0, c55_1);
        if (WIDE) { sg_store_row(bc, i0 + 55u, j0 + 8u, c55_2, c55_3); }
        sg_store_row(bc, i0 + 56u, j0, c56_0, c56_1);
        if (WIDE) { sg_store_row(bc, i0 + 56u, j0 + 8u, c56_2, c56_3); }
        sg_store_row(bc, i0 + 57u, j0, c57_0, c57_1);
        if (WIDE) { sg_store_row(bc, i0 + 57u, j0 + 8u, c57_2, c57_3); }
        sg_store_row(bc, i0 + 58u, j0, c58_0, c58_1);
        if (WIDE) { sg_store_row(bc, i0 + 58u, j0 + 8u, c58_2, c58_3); }
        sg_store_row(bc, i0 + 59u, j0, c59_0, c59_1);
        if (WIDE) { sg_store_row(bc, i0 + 59u, j0 + 8u, c59_2, c59_3); }
        sg_store_row(bc, i0 + 60u, j0, c60_0, c60_1);
        if (WIDE) { sg_store_row(bc, i0 + 60u, j0 + 8u, c60_2, c60_3); }
        sg_store_row(bc, i0 + 61u, j0, c61_0, c61_1);
        if (WIDE) { sg_store_row(bc, i0 + 61u, j0 + 8u, c61_2, c61_3); }
        sg_store_row(bc, i0 + 62u, j0, c62_0, c62_1);
        if (WIDE) { sg_store_row(bc, i0 + 62u, j0 + 8u, c62_2, c62_3); }
        sg_store_row(bc, i0 + 63u, j0, c63_0, c63_1);
        if (WIDE) { sg_store_row(bc, i0 + 63u, j0 + 8u, c63_2, c63_3); }
    }
}

