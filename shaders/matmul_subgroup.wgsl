// Batched matmul for CPU-backed Vulkan (lavapipe / llvmpipe), built on subgroup broadcasts.
// Same maths, Params and bindings 0-4 as matmul.wgsl: C = alpha * op(A) op(B) + beta * C (+ bias).
//
// Why this shape: llvmpipe runs a workgroup as 8-wide SIMD lanes, and every storage-buffer or
// workgroup-memory load is a scalar loop over the lanes. Coalescing and shared-memory tiles do
// not pay there (and barriers cost coroutine switches); arithmetic per loaded scalar does. So:
//   - one workgroup = one subgroup of 8 lanes; no workgroup memory, no barriers;
//   - each lane owns a TM x 8 block of C (TM rows, 8 consecutive columns); the workgroup covers
//     TM rows x 64 columns;
//   - per slice of 8 k values, lane l loads op(A)[i0 .. i0 + TM, k0 + l] (TM scalars) and every
//     lane receives A[i, k0 + kk] from lane kk with subgroupBroadcast, so each A value is loaded
//     once per workgroup (the lane index is a literal: naga requires a constant);
//   - B is read as vec4 where the layout allows (VEC4_B), two vec4 per k for 8 columns;
//   - the TM rows are written out in full with named accumulators: a loop over rows indexes
//     arrays, which llvmpipe keeps in per-lane scratch memory (measured 2.3x slower). Rows come
//     in groups of 16; groups at or past the TM override are removed at pipeline creation.
// Edges: rows and columns past M / N are clamped for loads and skipped at the store; k past K
// reads zero for both A and B, so no value outside the operands reaches a stored result.
// Needs subgroups of at least 8 with a workgroup's 8 invocations in one subgroup (the launcher
// checks the adapter's minimum subgroup size).
//
// Entry point matmul_subgroup, overrides: TRANS_A / TRANS_B pick the index formulas; VEC4_B
// (B's bases and ldb multiples of 4) turns on vec4 loads of B; TM (16, 32, 48 or 64) is the rows
// per lane. The unrolled body below the helpers was written by this Python:
//   for each row group g in 0, 16, 32, 48 (guarded by `if (TM > g)` past the first):
//     let x<r> = sg_load_a(ba, min(i0 + r, m1), kc, kin) for r in the group, then
//     for r, for kk in 0..8: { let s = vec4(subgroupBroadcast(x<r>, kk)); c<r>a = fma(s, b<kk>a, c<r>a); ... }
//   and sg_store_row for every row at the end.

struct Params {
    m: u32, n: u32, k: u32, batch: u32,
    lda: u32, ldb: u32, ldc: u32, flags: u32,      // flags: 1 trans_a, 2 trans_b, 4 bias
    inner: u32, off_a: u32, off_b: u32, off_c: u32,
    sa_outer: u32, sa_inner: u32, sb_outer: u32, sb_inner: u32,
    sc_outer: u32, sc_inner: u32, off_bias: u32, alpha: f32,
    beta: f32, _p0: u32, _p1: u32, _p2: u32,
}

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<uniform> p: Params;
// The same buffer as `b`, read four floats at a time (both bindings are read-only).
@group(0) @binding(5) var<storage, read> b4: array<vec4<f32>>;

// Pipeline-creation constants: the index formulas and the vec4 path are resolved when the
// pipeline is built, so the inner loop carries no branch on them.
override TRANS_A: bool = false;
override TRANS_B: bool = false;
override VEC4_B: bool = false;
override TM: u32 = 32u;

fn sg_base_a(z: u32) -> u32 { return p.off_a + (z / p.inner) * p.sa_outer + (z % p.inner) * p.sa_inner; }
fn sg_base_b(z: u32) -> u32 { return p.off_b + (z / p.inner) * p.sb_outer + (z % p.inner) * p.sb_inner; }
fn sg_base_c(z: u32) -> u32 { return p.off_c + (z / p.inner) * p.sc_outer + (z % p.inner) * p.sc_inner; }

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

// op(B) rows k0 .. k0 + 8, columns j0 .. j0 + 4 (lo) and j0 + 4 .. j0 + 8 (hi).
struct B8 { lo: array<vec4<f32>, 8>, hi: array<vec4<f32>, 8> }

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
        if ((p.flags & 4u) != 0u) { v += bias[p.off_bias + j]; }
        let idx = bc + i * p.ldc + j;
        if (p.beta != 0.0) { v += p.beta * c[idx]; }
        c[idx] = v;
    }
}

@compute @workgroup_size(8)
fn matmul_subgroup(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(subgroup_invocation_id) lane: u32,
) {
    let z = wid.z;
    if (z >= p.batch) { return; }
    let i0 = wid.y * TM;
    let j0 = wid.x * 64u + lane * 8u;
    let ba = sg_base_a(z);
    let bb = sg_base_b(z);
    let m1 = p.m - 1u;
    // acc rows: c<r>a = C[i0 + r, j0 .. j0 + 4], c<r>b = C[i0 + r, j0 + 4 .. j0 + 8].
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
    var c32a = vec4<f32>(0.0); var c32b = vec4<f32>(0.0);
    var c33a = vec4<f32>(0.0); var c33b = vec4<f32>(0.0);
    var c34a = vec4<f32>(0.0); var c34b = vec4<f32>(0.0);
    var c35a = vec4<f32>(0.0); var c35b = vec4<f32>(0.0);
    var c36a = vec4<f32>(0.0); var c36b = vec4<f32>(0.0);
    var c37a = vec4<f32>(0.0); var c37b = vec4<f32>(0.0);
    var c38a = vec4<f32>(0.0); var c38b = vec4<f32>(0.0);
    var c39a = vec4<f32>(0.0); var c39b = vec4<f32>(0.0);
    var c40a = vec4<f32>(0.0); var c40b = vec4<f32>(0.0);
    var c41a = vec4<f32>(0.0); var c41b = vec4<f32>(0.0);
    var c42a = vec4<f32>(0.0); var c42b = vec4<f32>(0.0);
    var c43a = vec4<f32>(0.0); var c43b = vec4<f32>(0.0);
    var c44a = vec4<f32>(0.0); var c44b = vec4<f32>(0.0);
    var c45a = vec4<f32>(0.0); var c45b = vec4<f32>(0.0);
    var c46a = vec4<f32>(0.0); var c46b = vec4<f32>(0.0);
    var c47a = vec4<f32>(0.0); var c47b = vec4<f32>(0.0);
    var c48a = vec4<f32>(0.0); var c48b = vec4<f32>(0.0);
    var c49a = vec4<f32>(0.0); var c49b = vec4<f32>(0.0);
    var c50a = vec4<f32>(0.0); var c50b = vec4<f32>(0.0);
    var c51a = vec4<f32>(0.0); var c51b = vec4<f32>(0.0);
    var c52a = vec4<f32>(0.0); var c52b = vec4<f32>(0.0);
    var c53a = vec4<f32>(0.0); var c53b = vec4<f32>(0.0);
    var c54a = vec4<f32>(0.0); var c54b = vec4<f32>(0.0);
    var c55a = vec4<f32>(0.0); var c55b = vec4<f32>(0.0);
    var c56a = vec4<f32>(0.0); var c56b = vec4<f32>(0.0);
    var c57a = vec4<f32>(0.0); var c57b = vec4<f32>(0.0);
    var c58a = vec4<f32>(0.0); var c58b = vec4<f32>(0.0);
    var c59a = vec4<f32>(0.0); var c59b = vec4<f32>(0.0);
    var c60a = vec4<f32>(0.0); var c60b = vec4<f32>(0.0);
    var c61a = vec4<f32>(0.0); var c61b = vec4<f32>(0.0);
    var c62a = vec4<f32>(0.0); var c62b = vec4<f32>(0.0);
    var c63a = vec4<f32>(0.0); var c63b = vec4<f32>(0.0);
    for (var k0 = 0u; k0 < p.k; k0 += 8u) {
        // This lane's column k0 + lane of op(A), zero past K.
        let kl = k0 + lane;
        let kin = kl < p.k;
        let kc = min(kl, p.k - 1u);
        let bt = sg_load_b8(bb, k0, j0);
        let b0a = bt.lo[0]; let b0b = bt.hi[0];
        let b1a = bt.lo[1]; let b1b = bt.hi[1];
        let b2a = bt.lo[2]; let b2b = bt.hi[2];
        let b3a = bt.lo[3]; let b3b = bt.hi[3];
        let b4a = bt.lo[4]; let b4b = bt.hi[4];
        let b5a = bt.lo[5]; let b5b = bt.hi[5];
        let b6a = bt.lo[6]; let b6b = bt.hi[6];
        let b7a = bt.lo[7]; let b7b = bt.hi[7];
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
        // row 0: A[i0 + 0, k0 + kk] is lane kk's x0
        { let s = vec4<f32>(subgroupBroadcast(x0, 0u)); c0a = fma(s, b0a, c0a); c0b = fma(s, b0b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 1u)); c0a = fma(s, b1a, c0a); c0b = fma(s, b1b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 2u)); c0a = fma(s, b2a, c0a); c0b = fma(s, b2b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 3u)); c0a = fma(s, b3a, c0a); c0b = fma(s, b3b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 4u)); c0a = fma(s, b4a, c0a); c0b = fma(s, b4b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 5u)); c0a = fma(s, b5a, c0a); c0b = fma(s, b5b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 6u)); c0a = fma(s, b6a, c0a); c0b = fma(s, b6b, c0b); }
        { let s = vec4<f32>(subgroupBroadcast(x0, 7u)); c0a = fma(s, b7a, c0a); c0b = fma(s, b7b, c0b); }
        // row 1: A[i0 + 1, k0 + kk] is lane kk's x1
        { let s = vec4<f32>(subgroupBroadcast(x1, 0u)); c1a = fma(s, b0a, c1a); c1b = fma(s, b0b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 1u)); c1a = fma(s, b1a, c1a); c1b = fma(s, b1b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 2u)); c1a = fma(s, b2a, c1a); c1b = fma(s, b2b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 3u)); c1a = fma(s, b3a, c1a); c1b = fma(s, b3b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 4u)); c1a = fma(s, b4a, c1a); c1b = fma(s, b4b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 5u)); c1a = fma(s, b5a, c1a); c1b = fma(s, b5b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 6u)); c1a = fma(s, b6a, c1a); c1b = fma(s, b6b, c1b); }
        { let s = vec4<f32>(subgroupBroadcast(x1, 7u)); c1a = fma(s, b7a, c1a); c1b = fma(s, b7b, c1b); }
        // row 2: A[i0 + 2, k0 + kk] is lane kk's x2
        { let s = vec4<f32>(subgroupBroadcast(x2, 0u)); c2a = fma(s, b0a, c2a); c2b = fma(s, b0b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 1u)); c2a = fma(s, b1a, c2a); c2b = fma(s, b1b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 2u)); c2a = fma(s, b2a, c2a); c2b = fma(s, b2b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 3u)); c2a = fma(s, b3a, c2a); c2b = fma(s, b3b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 4u)); c2a = fma(s, b4a, c2a); c2b = fma(s, b4b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 5u)); c2a = fma(s, b5a, c2a); c2b = fma(s, b5b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 6u)); c2a = fma(s, b6a, c2a); c2b = fma(s, b6b, c2b); }
        { let s = vec4<f32>(subgroupBroadcast(x2, 7u)); c2a = fma(s, b7a, c2a); c2b = fma(s, b7b, c2b); }
        // row 3: A[i0 + 3, k0 + kk] is lane kk's x3
        { let s = vec4<f32>(subgroupBroadcast(x3, 0u)); c3a = fma(s, b0a, c3a); c3b = fma(s, b0b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 1u)); c3a = fma(s, b1a, c3a); c3b = fma(s, b1b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 2u)); c3a = fma(s, b2a, c3a); c3b = fma(s, b2b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 3u)); c3a = fma(s, b3a, c3a); c3b = fma(s, b3b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 4u)); c3a = fma(s, b4a, c3a); c3b = fma(s, b4b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 5u)); c3a = fma(s, b5a, c3a); c3b = fma(s, b5b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 6u)); c3a = fma(s, b6a, c3a); c3b = fma(s, b6b, c3b); }
        { let s = vec4<f32>(subgroupBroadcast(x3, 7u)); c3a = fma(s, b7a, c3a); c3b = fma(s, b7b, c3b); }
        // row 4: A[i0 + 4, k0 + kk] is lane kk's x4
        { let s = vec4<f32>(subgroupBroadcast(x4, 0u)); c4a = fma(s, b0a, c4a); c4b = fma(s, b0b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 1u)); c4a = fma(s, b1a, c4a); c4b = fma(s, b1b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 2u)); c4a = fma(s, b2a, c4a); c4b = fma(s, b2b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 3u)); c4a = fma(s, b3a, c4a); c4b = fma(s, b3b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 4u)); c4a = fma(s, b4a, c4a); c4b = fma(s, b4b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 5u)); c4a = fma(s, b5a, c4a); c4b = fma(s, b5b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 6u)); c4a = fma(s, b6a, c4a); c4b = fma(s, b6b, c4b); }
        { let s = vec4<f32>(subgroupBroadcast(x4, 7u)); c4a = fma(s, b7a, c4a); c4b = fma(s, b7b, c4b); }
        // row 5: A[i0 + 5, k0 + kk] is lane kk's x5
        { let s = vec4<f32>(subgroupBroadcast(x5, 0u)); c5a = fma(s, b0a, c5a); c5b = fma(s, b0b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 1u)); c5a = fma(s, b1a, c5a); c5b = fma(s, b1b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 2u)); c5a = fma(s, b2a, c5a); c5b = fma(s, b2b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 3u)); c5a = fma(s, b3a, c5a); c5b = fma(s, b3b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 4u)); c5a = fma(s, b4a, c5a); c5b = fma(s, b4b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 5u)); c5a = fma(s, b5a, c5a); c5b = fma(s, b5b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 6u)); c5a = fma(s, b6a, c5a); c5b = fma(s, b6b, c5b); }
        { let s = vec4<f32>(subgroupBroadcast(x5, 7u)); c5a = fma(s, b7a, c5a); c5b = fma(s, b7b, c5b); }
        // row 6: A[i0 + 6, k0 + kk] is lane kk's x6
        { let s = vec4<f32>(subgroupBroadcast(x6, 0u)); c6a = fma(s, b0a, c6a); c6b = fma(s, b0b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 1u)); c6a = fma(s, b1a, c6a); c6b = fma(s, b1b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 2u)); c6a = fma(s, b2a, c6a); c6b = fma(s, b2b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 3u)); c6a = fma(s, b3a, c6a); c6b = fma(s, b3b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 4u)); c6a = fma(s, b4a, c6a); c6b = fma(s, b4b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 5u)); c6a = fma(s, b5a, c6a); c6b = fma(s, b5b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 6u)); c6a = fma(s, b6a, c6a); c6b = fma(s, b6b, c6b); }
        { let s = vec4<f32>(subgroupBroadcast(x6, 7u)); c6a = fma(s, b7a, c6a); c6b = fma(s, b7b, c6b); }
        // row 7: A[i0 + 7, k0 + kk] is lane kk's x7
        { let s = vec4<f32>(subgroupBroadcast(x7, 0u)); c7a = fma(s, b0a, c7a); c7b = fma(s, b0b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 1u)); c7a = fma(s, b1a, c7a); c7b = fma(s, b1b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 2u)); c7a = fma(s, b2a, c7a); c7b = fma(s, b2b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 3u)); c7a = fma(s, b3a, c7a); c7b = fma(s, b3b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 4u)); c7a = fma(s, b4a, c7a); c7b = fma(s, b4b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 5u)); c7a = fma(s, b5a, c7a); c7b = fma(s, b5b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 6u)); c7a = fma(s, b6a, c7a); c7b = fma(s, b6b, c7b); }
        { let s = vec4<f32>(subgroupBroadcast(x7, 7u)); c7a = fma(s, b7a, c7a); c7b = fma(s, b7b, c7b); }
        // row 8: A[i0 + 8, k0 + kk] is lane kk's x8
        { let s = vec4<f32>(subgroupBroadcast(x8, 0u)); c8a = fma(s, b0a, c8a); c8b = fma(s, b0b, c8b); }
        { let s = vec4<f32>(subgroupBroadcast(x8, 1u)); c8a = fma(s, b1a, c8a); c8b = fma(s, b1b, c8b); }
        { let s = vec4<f32>(subgroupBroadcast(x8, 2u)); c8a = fma(s, b2a, c8a); c8b = fma(s, b2b, c8b); }
        { let s = vec4<f32>(subgroupBroadcast(x8, 3u)); c8a = fma(s, b3a, c8a); c8b = fma(s, b3b, c8b); }
        { let s = vec4<f32>(subgroupBroadcast(x8, 4u)); c8a = fma(s, b4a, c8a); c8b = fma(s, b4b, c8b); }
        { let s = vec4<f32>(subgroupBroadcast(x8, 5u)); c8a = fma(s, b5a, c8a); c8b = fma(s, b5b, c8b); }
        { let s = vec4<f32>(subgroupBroadcast(x8, 6u)); c8a = fma(s, b6a, c8a); c8b = fma(s, b6b, c8b); }
        { let s = vec4<f32>(subgroupBroadcast(x8, 7u)); c8a = fma(s, b7a, c8a); c8b = fma(s, b7b, c8b); }
        // row 9: A[i0 + 9, k0 + kk] is lane kk's x9
        { let s = vec4<f32>(subgroupBroadcast(x9, 0u)); c9a = fma(s, b0a, c9a); c9b = fma(s, b0b, c9b); }
        { let s = vec4<f32>(subgroupBroadcast(x9, 1u)); c9a = fma(s, b1a, c9a); c9b = fma(s, b1b, c9b); }
        { let s = vec4<f32>(subgroupBroadcast(x9, 2u)); c9a = fma(s, b2a, c9a); c9b = fma(s, b2b, c9b); }
        { let s = vec4<f32>(subgroupBroadcast(x9, 3u)); c9a = fma(s, b3a, c9a); c9b = fma(s, b3b, c9b); }
        { let s = vec4<f32>(subgroupBroadcast(x9, 4u)); c9a = fma(s, b4a, c9a); c9b = fma(s, b4b, c9b); }
        { let s = vec4<f32>(subgroupBroadcast(x9, 5u)); c9a = fma(s, b5a, c9a); c9b = fma(s, b5b, c9b); }
        { let s = vec4<f32>(subgroupBroadcast(x9, 6u)); c9a = fma(s, b6a, c9a); c9b = fma(s, b6b, c9b); }
        { let s = vec4<f32>(subgroupBroadcast(x9, 7u)); c9a = fma(s, b7a, c9a); c9b = fma(s, b7b, c9b); }
        // row 10: A[i0 + 10, k0 + kk] is lane kk's x10
        { let s = vec4<f32>(subgroupBroadcast(x10, 0u)); c10a = fma(s, b0a, c10a); c10b = fma(s, b0b, c10b); }
        { let s = vec4<f32>(subgroupBroadcast(x10, 1u)); c10a = fma(s, b1a, c10a); c10b = fma(s, b1b, c10b); }
        { let s = vec4<f32>(subgroupBroadcast(x10, 2u)); c10a = fma(s, b2a, c10a); c10b = fma(s, b2b, c10b); }
        { let s = vec4<f32>(subgroupBroadcast(x10, 3u)); c10a = fma(s, b3a, c10a); c10b = fma(s, b3b, c10b); }
        { let s = vec4<f32>(subgroupBroadcast(x10, 4u)); c10a = fma(s, b4a, c10a); c10b = fma(s, b4b, c10b); }
        { let s = vec4<f32>(subgroupBroadcast(x10, 5u)); c10a = fma(s, b5a, c10a); c10b = fma(s, b5b, c10b); }
        { let s = vec4<f32>(subgroupBroadcast(x10, 6u)); c10a = fma(s, b6a, c10a); c10b = fma(s, b6b, c10b); }
        { let s = vec4<f32>(subgroupBroadcast(x10, 7u)); c10a = fma(s, b7a, c10a); c10b = fma(s, b7b, c10b); }
        // row 11: A[i0 + 11, k0 + kk] is lane kk's x11
        { let s = vec4<f32>(subgroupBroadcast(x11, 0u)); c11a = fma(s, b0a, c11a); c11b = fma(s, b0b, c11b); }
        { let s = vec4<f32>(subgroupBroadcast(x11, 1u)); c11a = fma(s, b1a, c11a); c11b = fma(s, b1b, c11b); }
        { let s = vec4<f32>(subgroupBroadcast(x11, 2u)); c11a = fma(s, b2a, c11a); c11b = fma(s, b2b, c11b); }
        { let s = vec4<f32>(subgroupBroadcast(x11, 3u)); c11a = fma(s, b3a, c11a); c11b = fma(s, b3b, c11b); }
        { let s = vec4<f32>(subgroupBroadcast(x11, 4u)); c11a = fma(s, b4a, c11a); c11b = fma(s, b4b, c11b); }
        { let s = vec4<f32>(subgroupBroadcast(x11, 5u)); c11a = fma(s, b5a, c11a); c11b = fma(s, b5b, c11b); }
        { let s = vec4<f32>(subgroupBroadcast(x11, 6u)); c11a = fma(s, b6a, c11a); c11b = fma(s, b6b, c11b); }
        { let s = vec4<f32>(subgroupBroadcast(x11, 7u)); c11a = fma(s, b7a, c11a); c11b = fma(s, b7b, c11b); }
        // row 12: A[i0 + 12, k0 + kk] is lane kk's x12
        { let s = vec4<f32>(subgroupBroadcast(x12, 0u)); c12a = fma(s, b0a, c12a); c12b = fma(s, b0b, c12b); }
        { let s = vec4<f32>(subgroupBroadcast(x12, 1u)); c12a = fma(s, b1a, c12a); c12b = fma(s, b1b, c12b); }
        { let s = vec4<f32>(subgroupBroadcast(x12, 2u)); c12a = fma(s, b2a, c12a); c12b = fma(s, b2b, c12b); }
        { let s = vec4<f32>(subgroupBroadcast(x12, 3u)); c12a = fma(s, b3a, c12a); c12b = fma(s, b3b, c12b); }
        { let s = vec4<f32>(subgroupBroadcast(x12, 4u)); c12a = fma(s, b4a, c12a); c12b = fma(s, b4b, c12b); }
        { let s = vec4<f32>(subgroupBroadcast(x12, 5u)); c12a = fma(s, b5a, c12a); c12b = fma(s, b5b, c12b); }
        { let s = vec4<f32>(subgroupBroadcast(x12, 6u)); c12a = fma(s, b6a, c12a); c12b = fma(s, b6b, c12b); }
        { let s = vec4<f32>(subgroupBroadcast(x12, 7u)); c12a = fma(s, b7a, c12a); c12b = fma(s, b7b, c12b); }
        // row 13: A[i0 + 13, k0 + kk] is lane kk's x13
        { let s = vec4<f32>(subgroupBroadcast(x13, 0u)); c13a = fma(s, b0a, c13a); c13b = fma(s, b0b, c13b); }
        { let s = vec4<f32>(subgroupBroadcast(x13, 1u)); c13a = fma(s, b1a, c13a); c13b = fma(s, b1b, c13b); }
        { let s = vec4<f32>(subgroupBroadcast(x13, 2u)); c13a = fma(s, b2a, c13a); c13b = fma(s, b2b, c13b); }
        { let s = vec4<f32>(subgroupBroadcast(x13, 3u)); c13a = fma(s, b3a, c13a); c13b = fma(s, b3b, c13b); }
        { let s = vec4<f32>(subgroupBroadcast(x13, 4u)); c13a = fma(s, b4a, c13a); c13b = fma(s, b4b, c13b); }
        { let s = vec4<f32>(subgroupBroadcast(x13, 5u)); c13a = fma(s, b5a, c13a); c13b = fma(s, b5b, c13b); }
        { let s = vec4<f32>(subgroupBroadcast(x13, 6u)); c13a = fma(s, b6a, c13a); c13b = fma(s, b6b, c13b); }
        { let s = vec4<f32>(subgroupBroadcast(x13, 7u)); c13a = fma(s, b7a, c13a); c13b = fma(s, b7b, c13b); }
        // row 14: A[i0 + 14, k0 + kk] is lane kk's x14
        { let s = vec4<f32>(subgroupBroadcast(x14, 0u)); c14a = fma(s, b0a, c14a); c14b = fma(s, b0b, c14b); }
        { let s = vec4<f32>(subgroupBroadcast(x14, 1u)); c14a = fma(s, b1a, c14a); c14b = fma(s, b1b, c14b); }
        { let s = vec4<f32>(subgroupBroadcast(x14, 2u)); c14a = fma(s, b2a, c14a); c14b = fma(s, b2b, c14b); }
        { let s = vec4<f32>(subgroupBroadcast(x14, 3u)); c14a = fma(s, b3a, c14a); c14b = fma(s, b3b, c14b); }
        { let s = vec4<f32>(subgroupBroadcast(x14, 4u)); c14a = fma(s, b4a, c14a); c14b = fma(s, b4b, c14b); }
        { let s = vec4<f32>(subgroupBroadcast(x14, 5u)); c14a = fma(s, b5a, c14a); c14b = fma(s, b5b, c14b); }
        { let s = vec4<f32>(subgroupBroadcast(x14, 6u)); c14a = fma(s, b6a, c14a); c14b = fma(s, b6b, c14b); }
        { let s = vec4<f32>(subgroupBroadcast(x14, 7u)); c14a = fma(s, b7a, c14a); c14b = fma(s, b7b, c14b); }
        // row 15: A[i0 + 15, k0 + kk] is lane kk's x15
        { let s = vec4<f32>(subgroupBroadcast(x15, 0u)); c15a = fma(s, b0a, c15a); c15b = fma(s, b0b, c15b); }
        { let s = vec4<f32>(subgroupBroadcast(x15, 1u)); c15a = fma(s, b1a, c15a); c15b = fma(s, b1b, c15b); }
        { let s = vec4<f32>(subgroupBroadcast(x15, 2u)); c15a = fma(s, b2a, c15a); c15b = fma(s, b2b, c15b); }
        { let s = vec4<f32>(subgroupBroadcast(x15, 3u)); c15a = fma(s, b3a, c15a); c15b = fma(s, b3b, c15b); }
        { let s = vec4<f32>(subgroupBroadcast(x15, 4u)); c15a = fma(s, b4a, c15a); c15b = fma(s, b4b, c15b); }
        { let s = vec4<f32>(subgroupBroadcast(x15, 5u)); c15a = fma(s, b5a, c15a); c15b = fma(s, b5b, c15b); }
        { let s = vec4<f32>(subgroupBroadcast(x15, 6u)); c15a = fma(s, b6a, c15a); c15b = fma(s, b6b, c15b); }
        { let s = vec4<f32>(subgroupBroadcast(x15, 7u)); c15a = fma(s, b7a, c15a); c15b = fma(s, b7b, c15b); }
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
            // row 16: A[i0 + 16, k0 + kk] is lane kk's x16
            { let s = vec4<f32>(subgroupBroadcast(x16, 0u)); c16a = fma(s, b0a, c16a); c16b = fma(s, b0b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 1u)); c16a = fma(s, b1a, c16a); c16b = fma(s, b1b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 2u)); c16a = fma(s, b2a, c16a); c16b = fma(s, b2b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 3u)); c16a = fma(s, b3a, c16a); c16b = fma(s, b3b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 4u)); c16a = fma(s, b4a, c16a); c16b = fma(s, b4b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 5u)); c16a = fma(s, b5a, c16a); c16b = fma(s, b5b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 6u)); c16a = fma(s, b6a, c16a); c16b = fma(s, b6b, c16b); }
            { let s = vec4<f32>(subgroupBroadcast(x16, 7u)); c16a = fma(s, b7a, c16a); c16b = fma(s, b7b, c16b); }
            // row 17: A[i0 + 17, k0 + kk] is lane kk's x17
            { let s = vec4<f32>(subgroupBroadcast(x17, 0u)); c17a = fma(s, b0a, c17a); c17b = fma(s, b0b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 1u)); c17a = fma(s, b1a, c17a); c17b = fma(s, b1b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 2u)); c17a = fma(s, b2a, c17a); c17b = fma(s, b2b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 3u)); c17a = fma(s, b3a, c17a); c17b = fma(s, b3b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 4u)); c17a = fma(s, b4a, c17a); c17b = fma(s, b4b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 5u)); c17a = fma(s, b5a, c17a); c17b = fma(s, b5b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 6u)); c17a = fma(s, b6a, c17a); c17b = fma(s, b6b, c17b); }
            { let s = vec4<f32>(subgroupBroadcast(x17, 7u)); c17a = fma(s, b7a, c17a); c17b = fma(s, b7b, c17b); }
            // row 18: A[i0 + 18, k0 + kk] is lane kk's x18
            { let s = vec4<f32>(subgroupBroadcast(x18, 0u)); c18a = fma(s, b0a, c18a); c18b = fma(s, b0b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 1u)); c18a = fma(s, b1a, c18a); c18b = fma(s, b1b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 2u)); c18a = fma(s, b2a, c18a); c18b = fma(s, b2b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 3u)); c18a = fma(s, b3a, c18a); c18b = fma(s, b3b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 4u)); c18a = fma(s, b4a, c18a); c18b = fma(s, b4b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 5u)); c18a = fma(s, b5a, c18a); c18b = fma(s, b5b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 6u)); c18a = fma(s, b6a, c18a); c18b = fma(s, b6b, c18b); }
            { let s = vec4<f32>(subgroupBroadcast(x18, 7u)); c18a = fma(s, b7a, c18a); c18b = fma(s, b7b, c18b); }
            // row 19: A[i0 + 19, k0 + kk] is lane kk's x19
            { let s = vec4<f32>(subgroupBroadcast(x19, 0u)); c19a = fma(s, b0a, c19a); c19b = fma(s, b0b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 1u)); c19a = fma(s, b1a, c19a); c19b = fma(s, b1b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 2u)); c19a = fma(s, b2a, c19a); c19b = fma(s, b2b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 3u)); c19a = fma(s, b3a, c19a); c19b = fma(s, b3b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 4u)); c19a = fma(s, b4a, c19a); c19b = fma(s, b4b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 5u)); c19a = fma(s, b5a, c19a); c19b = fma(s, b5b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 6u)); c19a = fma(s, b6a, c19a); c19b = fma(s, b6b, c19b); }
            { let s = vec4<f32>(subgroupBroadcast(x19, 7u)); c19a = fma(s, b7a, c19a); c19b = fma(s, b7b, c19b); }
            // row 20: A[i0 + 20, k0 + kk] is lane kk's x20
            { let s = vec4<f32>(subgroupBroadcast(x20, 0u)); c20a = fma(s, b0a, c20a); c20b = fma(s, b0b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 1u)); c20a = fma(s, b1a, c20a); c20b = fma(s, b1b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 2u)); c20a = fma(s, b2a, c20a); c20b = fma(s, b2b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 3u)); c20a = fma(s, b3a, c20a); c20b = fma(s, b3b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 4u)); c20a = fma(s, b4a, c20a); c20b = fma(s, b4b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 5u)); c20a = fma(s, b5a, c20a); c20b = fma(s, b5b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 6u)); c20a = fma(s, b6a, c20a); c20b = fma(s, b6b, c20b); }
            { let s = vec4<f32>(subgroupBroadcast(x20, 7u)); c20a = fma(s, b7a, c20a); c20b = fma(s, b7b, c20b); }
            // row 21: A[i0 + 21, k0 + kk] is lane kk's x21
            { let s = vec4<f32>(subgroupBroadcast(x21, 0u)); c21a = fma(s, b0a, c21a); c21b = fma(s, b0b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 1u)); c21a = fma(s, b1a, c21a); c21b = fma(s, b1b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 2u)); c21a = fma(s, b2a, c21a); c21b = fma(s, b2b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 3u)); c21a = fma(s, b3a, c21a); c21b = fma(s, b3b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 4u)); c21a = fma(s, b4a, c21a); c21b = fma(s, b4b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 5u)); c21a = fma(s, b5a, c21a); c21b = fma(s, b5b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 6u)); c21a = fma(s, b6a, c21a); c21b = fma(s, b6b, c21b); }
            { let s = vec4<f32>(subgroupBroadcast(x21, 7u)); c21a = fma(s, b7a, c21a); c21b = fma(s, b7b, c21b); }
            // row 22: A[i0 + 22, k0 + kk] is lane kk's x22
            { let s = vec4<f32>(subgroupBroadcast(x22, 0u)); c22a = fma(s, b0a, c22a); c22b = fma(s, b0b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 1u)); c22a = fma(s, b1a, c22a); c22b = fma(s, b1b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 2u)); c22a = fma(s, b2a, c22a); c22b = fma(s, b2b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 3u)); c22a = fma(s, b3a, c22a); c22b = fma(s, b3b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 4u)); c22a = fma(s, b4a, c22a); c22b = fma(s, b4b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 5u)); c22a = fma(s, b5a, c22a); c22b = fma(s, b5b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 6u)); c22a = fma(s, b6a, c22a); c22b = fma(s, b6b, c22b); }
            { let s = vec4<f32>(subgroupBroadcast(x22, 7u)); c22a = fma(s, b7a, c22a); c22b = fma(s, b7b, c22b); }
            // row 23: A[i0 + 23, k0 + kk] is lane kk's x23
            { let s = vec4<f32>(subgroupBroadcast(x23, 0u)); c23a = fma(s, b0a, c23a); c23b = fma(s, b0b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 1u)); c23a = fma(s, b1a, c23a); c23b = fma(s, b1b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 2u)); c23a = fma(s, b2a, c23a); c23b = fma(s, b2b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 3u)); c23a = fma(s, b3a, c23a); c23b = fma(s, b3b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 4u)); c23a = fma(s, b4a, c23a); c23b = fma(s, b4b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 5u)); c23a = fma(s, b5a, c23a); c23b = fma(s, b5b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 6u)); c23a = fma(s, b6a, c23a); c23b = fma(s, b6b, c23b); }
            { let s = vec4<f32>(subgroupBroadcast(x23, 7u)); c23a = fma(s, b7a, c23a); c23b = fma(s, b7b, c23b); }
            // row 24: A[i0 + 24, k0 + kk] is lane kk's x24
            { let s = vec4<f32>(subgroupBroadcast(x24, 0u)); c24a = fma(s, b0a, c24a); c24b = fma(s, b0b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 1u)); c24a = fma(s, b1a, c24a); c24b = fma(s, b1b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 2u)); c24a = fma(s, b2a, c24a); c24b = fma(s, b2b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 3u)); c24a = fma(s, b3a, c24a); c24b = fma(s, b3b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 4u)); c24a = fma(s, b4a, c24a); c24b = fma(s, b4b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 5u)); c24a = fma(s, b5a, c24a); c24b = fma(s, b5b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 6u)); c24a = fma(s, b6a, c24a); c24b = fma(s, b6b, c24b); }
            { let s = vec4<f32>(subgroupBroadcast(x24, 7u)); c24a = fma(s, b7a, c24a); c24b = fma(s, b7b, c24b); }
            // row 25: A[i0 + 25, k0 + kk] is lane kk's x25
            { let s = vec4<f32>(subgroupBroadcast(x25, 0u)); c25a = fma(s, b0a, c25a); c25b = fma(s, b0b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 1u)); c25a = fma(s, b1a, c25a); c25b = fma(s, b1b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 2u)); c25a = fma(s, b2a, c25a); c25b = fma(s, b2b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 3u)); c25a = fma(s, b3a, c25a); c25b = fma(s, b3b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 4u)); c25a = fma(s, b4a, c25a); c25b = fma(s, b4b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 5u)); c25a = fma(s, b5a, c25a); c25b = fma(s, b5b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 6u)); c25a = fma(s, b6a, c25a); c25b = fma(s, b6b, c25b); }
            { let s = vec4<f32>(subgroupBroadcast(x25, 7u)); c25a = fma(s, b7a, c25a); c25b = fma(s, b7b, c25b); }
            // row 26: A[i0 + 26, k0 + kk] is lane kk's x26
            { let s = vec4<f32>(subgroupBroadcast(x26, 0u)); c26a = fma(s, b0a, c26a); c26b = fma(s, b0b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 1u)); c26a = fma(s, b1a, c26a); c26b = fma(s, b1b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 2u)); c26a = fma(s, b2a, c26a); c26b = fma(s, b2b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 3u)); c26a = fma(s, b3a, c26a); c26b = fma(s, b3b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 4u)); c26a = fma(s, b4a, c26a); c26b = fma(s, b4b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 5u)); c26a = fma(s, b5a, c26a); c26b = fma(s, b5b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 6u)); c26a = fma(s, b6a, c26a); c26b = fma(s, b6b, c26b); }
            { let s = vec4<f32>(subgroupBroadcast(x26, 7u)); c26a = fma(s, b7a, c26a); c26b = fma(s, b7b, c26b); }
            // row 27: A[i0 + 27, k0 + kk] is lane kk's x27
            { let s = vec4<f32>(subgroupBroadcast(x27, 0u)); c27a = fma(s, b0a, c27a); c27b = fma(s, b0b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 1u)); c27a = fma(s, b1a, c27a); c27b = fma(s, b1b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 2u)); c27a = fma(s, b2a, c27a); c27b = fma(s, b2b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 3u)); c27a = fma(s, b3a, c27a); c27b = fma(s, b3b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 4u)); c27a = fma(s, b4a, c27a); c27b = fma(s, b4b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 5u)); c27a = fma(s, b5a, c27a); c27b = fma(s, b5b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 6u)); c27a = fma(s, b6a, c27a); c27b = fma(s, b6b, c27b); }
            { let s = vec4<f32>(subgroupBroadcast(x27, 7u)); c27a = fma(s, b7a, c27a); c27b = fma(s, b7b, c27b); }
            // row 28: A[i0 + 28, k0 + kk] is lane kk's x28
            { let s = vec4<f32>(subgroupBroadcast(x28, 0u)); c28a = fma(s, b0a, c28a); c28b = fma(s, b0b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 1u)); c28a = fma(s, b1a, c28a); c28b = fma(s, b1b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 2u)); c28a = fma(s, b2a, c28a); c28b = fma(s, b2b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 3u)); c28a = fma(s, b3a, c28a); c28b = fma(s, b3b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 4u)); c28a = fma(s, b4a, c28a); c28b = fma(s, b4b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 5u)); c28a = fma(s, b5a, c28a); c28b = fma(s, b5b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 6u)); c28a = fma(s, b6a, c28a); c28b = fma(s, b6b, c28b); }
            { let s = vec4<f32>(subgroupBroadcast(x28, 7u)); c28a = fma(s, b7a, c28a); c28b = fma(s, b7b, c28b); }
            // row 29: A[i0 + 29, k0 + kk] is lane kk's x29
            { let s = vec4<f32>(subgroupBroadcast(x29, 0u)); c29a = fma(s, b0a, c29a); c29b = fma(s, b0b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 1u)); c29a = fma(s, b1a, c29a); c29b = fma(s, b1b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 2u)); c29a = fma(s, b2a, c29a); c29b = fma(s, b2b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 3u)); c29a = fma(s, b3a, c29a); c29b = fma(s, b3b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 4u)); c29a = fma(s, b4a, c29a); c29b = fma(s, b4b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 5u)); c29a = fma(s, b5a, c29a); c29b = fma(s, b5b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 6u)); c29a = fma(s, b6a, c29a); c29b = fma(s, b6b, c29b); }
            { let s = vec4<f32>(subgroupBroadcast(x29, 7u)); c29a = fma(s, b7a, c29a); c29b = fma(s, b7b, c29b); }
            // row 30: A[i0 + 30, k0 + kk] is lane kk's x30
            { let s = vec4<f32>(subgroupBroadcast(x30, 0u)); c30a = fma(s, b0a, c30a); c30b = fma(s, b0b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 1u)); c30a = fma(s, b1a, c30a); c30b = fma(s, b1b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 2u)); c30a = fma(s, b2a, c30a); c30b = fma(s, b2b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 3u)); c30a = fma(s, b3a, c30a); c30b = fma(s, b3b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 4u)); c30a = fma(s, b4a, c30a); c30b = fma(s, b4b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 5u)); c30a = fma(s, b5a, c30a); c30b = fma(s, b5b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 6u)); c30a = fma(s, b6a, c30a); c30b = fma(s, b6b, c30b); }
            { let s = vec4<f32>(subgroupBroadcast(x30, 7u)); c30a = fma(s, b7a, c30a); c30b = fma(s, b7b, c30b); }
            // row 31: A[i0 + 31, k0 + kk] is lane kk's x31
            { let s = vec4<f32>(subgroupBroadcast(x31, 0u)); c31a = fma(s, b0a, c31a); c31b = fma(s, b0b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 1u)); c31a = fma(s, b1a, c31a); c31b = fma(s, b1b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 2u)); c31a = fma(s, b2a, c31a); c31b = fma(s, b2b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 3u)); c31a = fma(s, b3a, c31a); c31b = fma(s, b3b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 4u)); c31a = fma(s, b4a, c31a); c31b = fma(s, b4b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 5u)); c31a = fma(s, b5a, c31a); c31b = fma(s, b5b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 6u)); c31a = fma(s, b6a, c31a); c31b = fma(s, b6b, c31b); }
            { let s = vec4<f32>(subgroupBroadcast(x31, 7u)); c31a = fma(s, b7a, c31a); c31b = fma(s, b7b, c31b); }
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
            // row 32: A[i0 + 32, k0 + kk] is lane kk's x32
            { let s = vec4<f32>(subgroupBroadcast(x32, 0u)); c32a = fma(s, b0a, c32a); c32b = fma(s, b0b, c32b); }
            { let s = vec4<f32>(subgroupBroadcast(x32, 1u)); c32a = fma(s, b1a, c32a); c32b = fma(s, b1b, c32b); }
            { let s = vec4<f32>(subgroupBroadcast(x32, 2u)); c32a = fma(s, b2a, c32a); c32b = fma(s, b2b, c32b); }
            { let s = vec4<f32>(subgroupBroadcast(x32, 3u)); c32a = fma(s, b3a, c32a); c32b = fma(s, b3b, c32b); }
            { let s = vec4<f32>(subgroupBroadcast(x32, 4u)); c32a = fma(s, b4a, c32a); c32b = fma(s, b4b, c32b); }
            { let s = vec4<f32>(subgroupBroadcast(x32, 5u)); c32a = fma(s, b5a, c32a); c32b = fma(s, b5b, c32b); }
            { let s = vec4<f32>(subgroupBroadcast(x32, 6u)); c32a = fma(s, b6a, c32a); c32b = fma(s, b6b, c32b); }
            { let s = vec4<f32>(subgroupBroadcast(x32, 7u)); c32a = fma(s, b7a, c32a); c32b = fma(s, b7b, c32b); }
            // row 33: A[i0 + 33, k0 + kk] is lane kk's x33
            { let s = vec4<f32>(subgroupBroadcast(x33, 0u)); c33a = fma(s, b0a, c33a); c33b = fma(s, b0b, c33b); }
            { let s = vec4<f32>(subgroupBroadcast(x33, 1u)); c33a = fma(s, b1a, c33a); c33b = fma(s, b1b, c33b); }
            { let s = vec4<f32>(subgroupBroadcast(x33, 2u)); c33a = fma(s, b2a, c33a); c33b = fma(s, b2b, c33b); }
            { let s = vec4<f32>(subgroupBroadcast(x33, 3u)); c33a = fma(s, b3a, c33a); c33b = fma(s, b3b, c33b); }
            { let s = vec4<f32>(subgroupBroadcast(x33, 4u)); c33a = fma(s, b4a, c33a); c33b = fma(s, b4b, c33b); }
            { let s = vec4<f32>(subgroupBroadcast(x33, 5u)); c33a = fma(s, b5a, c33a); c33b = fma(s, b5b, c33b); }
            { let s = vec4<f32>(subgroupBroadcast(x33, 6u)); c33a = fma(s, b6a, c33a); c33b = fma(s, b6b, c33b); }
            { let s = vec4<f32>(subgroupBroadcast(x33, 7u)); c33a = fma(s, b7a, c33a); c33b = fma(s, b7b, c33b); }
            // row 34: A[i0 + 34, k0 + kk] is lane kk's x34
            { let s = vec4<f32>(subgroupBroadcast(x34, 0u)); c34a = fma(s, b0a, c34a); c34b = fma(s, b0b, c34b); }
            { let s = vec4<f32>(subgroupBroadcast(x34, 1u)); c34a = fma(s, b1a, c34a); c34b = fma(s, b1b, c34b); }
            { let s = vec4<f32>(subgroupBroadcast(x34, 2u)); c34a = fma(s, b2a, c34a); c34b = fma(s, b2b, c34b); }
            { let s = vec4<f32>(subgroupBroadcast(x34, 3u)); c34a = fma(s, b3a, c34a); c34b = fma(s, b3b, c34b); }
            { let s = vec4<f32>(subgroupBroadcast(x34, 4u)); c34a = fma(s, b4a, c34a); c34b = fma(s, b4b, c34b); }
            { let s = vec4<f32>(subgroupBroadcast(x34, 5u)); c34a = fma(s, b5a, c34a); c34b = fma(s, b5b, c34b); }
            { let s = vec4<f32>(subgroupBroadcast(x34, 6u)); c34a = fma(s, b6a, c34a); c34b = fma(s, b6b, c34b); }
            { let s = vec4<f32>(subgroupBroadcast(x34, 7u)); c34a = fma(s, b7a, c34a); c34b = fma(s, b7b, c34b); }
            // row 35: A[i0 + 35, k0 + kk] is lane kk's x35
            { let s = vec4<f32>(subgroupBroadcast(x35, 0u)); c35a = fma(s, b0a, c35a); c35b = fma(s, b0b, c35b); }
            { let s = vec4<f32>(subgroupBroadcast(x35, 1u)); c35a = fma(s, b1a, c35a); c35b = fma(s, b1b, c35b); }
            { let s = vec4<f32>(subgroupBroadcast(x35, 2u)); c35a = fma(s, b2a, c35a); c35b = fma(s, b2b, c35b); }
            { let s = vec4<f32>(subgroupBroadcast(x35, 3u)); c35a = fma(s, b3a, c35a); c35b = fma(s, b3b, c35b); }
            { let s = vec4<f32>(subgroupBroadcast(x35, 4u)); c35a = fma(s, b4a, c35a); c35b = fma(s, b4b, c35b); }
            { let s = vec4<f32>(subgroupBroadcast(x35, 5u)); c35a = fma(s, b5a, c35a); c35b = fma(s, b5b, c35b); }
            { let s = vec4<f32>(subgroupBroadcast(x35, 6u)); c35a = fma(s, b6a, c35a); c35b = fma(s, b6b, c35b); }
            { let s = vec4<f32>(subgroupBroadcast(x35, 7u)); c35a = fma(s, b7a, c35a); c35b = fma(s, b7b, c35b); }
            // row 36: A[i0 + 36, k0 + kk] is lane kk's x36
            { let s = vec4<f32>(subgroupBroadcast(x36, 0u)); c36a = fma(s, b0a, c36a); c36b = fma(s, b0b, c36b); }
            { let s = vec4<f32>(subgroupBroadcast(x36, 1u)); c36a = fma(s, b1a, c36a); c36b = fma(s, b1b, c36b); }
            { let s = vec4<f32>(subgroupBroadcast(x36, 2u)); c36a = fma(s, b2a, c36a); c36b = fma(s, b2b, c36b); }
            { let s = vec4<f32>(subgroupBroadcast(x36, 3u)); c36a = fma(s, b3a, c36a); c36b = fma(s, b3b, c36b); }
            { let s = vec4<f32>(subgroupBroadcast(x36, 4u)); c36a = fma(s, b4a, c36a); c36b = fma(s, b4b, c36b); }
            { let s = vec4<f32>(subgroupBroadcast(x36, 5u)); c36a = fma(s, b5a, c36a); c36b = fma(s, b5b, c36b); }
            { let s = vec4<f32>(subgroupBroadcast(x36, 6u)); c36a = fma(s, b6a, c36a); c36b = fma(s, b6b, c36b); }
            { let s = vec4<f32>(subgroupBroadcast(x36, 7u)); c36a = fma(s, b7a, c36a); c36b = fma(s, b7b, c36b); }
            // row 37: A[i0 + 37, k0 + kk] is lane kk's x37
            { let s = vec4<f32>(subgroupBroadcast(x37, 0u)); c37a = fma(s, b0a, c37a); c37b = fma(s, b0b, c37b); }
            { let s = vec4<f32>(subgroupBroadcast(x37, 1u)); c37a = fma(s, b1a, c37a); c37b = fma(s, b1b, c37b); }
            { let s = vec4<f32>(subgroupBroadcast(x37, 2u)); c37a = fma(s, b2a, c37a); c37b = fma(s, b2b, c37b); }
            { let s = vec4<f32>(subgroupBroadcast(x37, 3u)); c37a = fma(s, b3a, c37a); c37b = fma(s, b3b, c37b); }
            { let s = vec4<f32>(subgroupBroadcast(x37, 4u)); c37a = fma(s, b4a, c37a); c37b = fma(s, b4b, c37b); }
            { let s = vec4<f32>(subgroupBroadcast(x37, 5u)); c37a = fma(s, b5a, c37a); c37b = fma(s, b5b, c37b); }
            { let s = vec4<f32>(subgroupBroadcast(x37, 6u)); c37a = fma(s, b6a, c37a); c37b = fma(s, b6b, c37b); }
            { let s = vec4<f32>(subgroupBroadcast(x37, 7u)); c37a = fma(s, b7a, c37a); c37b = fma(s, b7b, c37b); }
            // row 38: A[i0 + 38, k0 + kk] is lane kk's x38
            { let s = vec4<f32>(subgroupBroadcast(x38, 0u)); c38a = fma(s, b0a, c38a); c38b = fma(s, b0b, c38b); }
            { let s = vec4<f32>(subgroupBroadcast(x38, 1u)); c38a = fma(s, b1a, c38a); c38b = fma(s, b1b, c38b); }
            { let s = vec4<f32>(subgroupBroadcast(x38, 2u)); c38a = fma(s, b2a, c38a); c38b = fma(s, b2b, c38b); }
            { let s = vec4<f32>(subgroupBroadcast(x38, 3u)); c38a = fma(s, b3a, c38a); c38b = fma(s, b3b, c38b); }
            { let s = vec4<f32>(subgroupBroadcast(x38, 4u)); c38a = fma(s, b4a, c38a); c38b = fma(s, b4b, c38b); }
            { let s = vec4<f32>(subgroupBroadcast(x38, 5u)); c38a = fma(s, b5a, c38a); c38b = fma(s, b5b, c38b); }
            { let s = vec4<f32>(subgroupBroadcast(x38, 6u)); c38a = fma(s, b6a, c38a); c38b = fma(s, b6b, c38b); }
            { let s = vec4<f32>(subgroupBroadcast(x38, 7u)); c38a = fma(s, b7a, c38a); c38b = fma(s, b7b, c38b); }
            // row 39: A[i0 + 39, k0 + kk] is lane kk's x39
            { let s = vec4<f32>(subgroupBroadcast(x39, 0u)); c39a = fma(s, b0a, c39a); c39b = fma(s, b0b, c39b); }
            { let s = vec4<f32>(subgroupBroadcast(x39, 1u)); c39a = fma(s, b1a, c39a); c39b = fma(s, b1b, c39b); }
            { let s = vec4<f32>(subgroupBroadcast(x39, 2u)); c39a = fma(s, b2a, c39a); c39b = fma(s, b2b, c39b); }
            { let s = vec4<f32>(subgroupBroadcast(x39, 3u)); c39a = fma(s, b3a, c39a); c39b = fma(s, b3b, c39b); }
            { let s = vec4<f32>(subgroupBroadcast(x39, 4u)); c39a = fma(s, b4a, c39a); c39b = fma(s, b4b, c39b); }
            { let s = vec4<f32>(subgroupBroadcast(x39, 5u)); c39a = fma(s, b5a, c39a); c39b = fma(s, b5b, c39b); }
            { let s = vec4<f32>(subgroupBroadcast(x39, 6u)); c39a = fma(s, b6a, c39a); c39b = fma(s, b6b, c39b); }
            { let s = vec4<f32>(subgroupBroadcast(x39, 7u)); c39a = fma(s, b7a, c39a); c39b = fma(s, b7b, c39b); }
            // row 40: A[i0 + 40, k0 + kk] is lane kk's x40
            { let s = vec4<f32>(subgroupBroadcast(x40, 0u)); c40a = fma(s, b0a, c40a); c40b = fma(s, b0b, c40b); }
            { let s = vec4<f32>(subgroupBroadcast(x40, 1u)); c40a = fma(s, b1a, c40a); c40b = fma(s, b1b, c40b); }
            { let s = vec4<f32>(subgroupBroadcast(x40, 2u)); c40a = fma(s, b2a, c40a); c40b = fma(s, b2b, c40b); }
            { let s = vec4<f32>(subgroupBroadcast(x40, 3u)); c40a = fma(s, b3a, c40a); c40b = fma(s, b3b, c40b); }
            { let s = vec4<f32>(subgroupBroadcast(x40, 4u)); c40a = fma(s, b4a, c40a); c40b = fma(s, b4b, c40b); }
            { let s = vec4<f32>(subgroupBroadcast(x40, 5u)); c40a = fma(s, b5a, c40a); c40b = fma(s, b5b, c40b); }
            { let s = vec4<f32>(subgroupBroadcast(x40, 6u)); c40a = fma(s, b6a, c40a); c40b = fma(s, b6b, c40b); }
            { let s = vec4<f32>(subgroupBroadcast(x40, 7u)); c40a = fma(s, b7a, c40a); c40b = fma(s, b7b, c40b); }
            // row 41: A[i0 + 41, k0 + kk] is lane kk's x41
            { let s = vec4<f32>(subgroupBroadcast(x41, 0u)); c41a = fma(s, b0a, c41a); c41b = fma(s, b0b, c41b); }
            { let s = vec4<f32>(subgroupBroadcast(x41, 1u)); c41a = fma(s, b1a, c41a); c41b = fma(s, b1b, c41b); }
            { let s = vec4<f32>(subgroupBroadcast(x41, 2u)); c41a = fma(s, b2a, c41a); c41b = fma(s, b2b, c41b); }
            { let s = vec4<f32>(subgroupBroadcast(x41, 3u)); c41a = fma(s, b3a, c41a); c41b = fma(s, b3b, c41b); }
            { let s = vec4<f32>(subgroupBroadcast(x41, 4u)); c41a = fma(s, b4a, c41a); c41b = fma(s, b4b, c41b); }
            { let s = vec4<f32>(subgroupBroadcast(x41, 5u)); c41a = fma(s, b5a, c41a); c41b = fma(s, b5b, c41b); }
            { let s = vec4<f32>(subgroupBroadcast(x41, 6u)); c41a = fma(s, b6a, c41a); c41b = fma(s, b6b, c41b); }
            { let s = vec4<f32>(subgroupBroadcast(x41, 7u)); c41a = fma(s, b7a, c41a); c41b = fma(s, b7b, c41b); }
            // row 42: A[i0 + 42, k0 + kk] is lane kk's x42
            { let s = vec4<f32>(subgroupBroadcast(x42, 0u)); c42a = fma(s, b0a, c42a); c42b = fma(s, b0b, c42b); }
            { let s = vec4<f32>(subgroupBroadcast(x42, 1u)); c42a = fma(s, b1a, c42a); c42b = fma(s, b1b, c42b); }
            { let s = vec4<f32>(subgroupBroadcast(x42, 2u)); c42a = fma(s, b2a, c42a); c42b = fma(s, b2b, c42b); }
            { let s = vec4<f32>(subgroupBroadcast(x42, 3u)); c42a = fma(s, b3a, c42a); c42b = fma(s, b3b, c42b); }
            { let s = vec4<f32>(subgroupBroadcast(x42, 4u)); c42a = fma(s, b4a, c42a); c42b = fma(s, b4b, c42b); }
            { let s = vec4<f32>(subgroupBroadcast(x42, 5u)); c42a = fma(s, b5a, c42a); c42b = fma(s, b5b, c42b); }
            { let s = vec4<f32>(subgroupBroadcast(x42, 6u)); c42a = fma(s, b6a, c42a); c42b = fma(s, b6b, c42b); }
            { let s = vec4<f32>(subgroupBroadcast(x42, 7u)); c42a = fma(s, b7a, c42a); c42b = fma(s, b7b, c42b); }
            // row 43: A[i0 + 43, k0 + kk] is lane kk's x43
            { let s = vec4<f32>(subgroupBroadcast(x43, 0u)); c43a = fma(s, b0a, c43a); c43b = fma(s, b0b, c43b); }
            { let s = vec4<f32>(subgroupBroadcast(x43, 1u)); c43a = fma(s, b1a, c43a); c43b = fma(s, b1b, c43b); }
            { let s = vec4<f32>(subgroupBroadcast(x43, 2u)); c43a = fma(s, b2a, c43a); c43b = fma(s, b2b, c43b); }
            { let s = vec4<f32>(subgroupBroadcast(x43, 3u)); c43a = fma(s, b3a, c43a); c43b = fma(s, b3b, c43b); }
            { let s = vec4<f32>(subgroupBroadcast(x43, 4u)); c43a = fma(s, b4a, c43a); c43b = fma(s, b4b, c43b); }
            { let s = vec4<f32>(subgroupBroadcast(x43, 5u)); c43a = fma(s, b5a, c43a); c43b = fma(s, b5b, c43b); }
            { let s = vec4<f32>(subgroupBroadcast(x43, 6u)); c43a = fma(s, b6a, c43a); c43b = fma(s, b6b, c43b); }
            { let s = vec4<f32>(subgroupBroadcast(x43, 7u)); c43a = fma(s, b7a, c43a); c43b = fma(s, b7b, c43b); }
            // row 44: A[i0 + 44, k0 + kk] is lane kk's x44
            { let s = vec4<f32>(subgroupBroadcast(x44, 0u)); c44a = fma(s, b0a, c44a); c44b = fma(s, b0b, c44b); }
            { let s = vec4<f32>(subgroupBroadcast(x44, 1u)); c44a = fma(s, b1a, c44a); c44b = fma(s, b1b, c44b); }
            { let s = vec4<f32>(subgroupBroadcast(x44, 2u)); c44a = fma(s, b2a, c44a); c44b = fma(s, b2b, c44b); }
            { let s = vec4<f32>(subgroupBroadcast(x44, 3u)); c44a = fma(s, b3a, c44a); c44b = fma(s, b3b, c44b); }
            { let s = vec4<f32>(subgroupBroadcast(x44, 4u)); c44a = fma(s, b4a, c44a); c44b = fma(s, b4b, c44b); }
            { let s = vec4<f32>(subgroupBroadcast(x44, 5u)); c44a = fma(s, b5a, c44a); c44b = fma(s, b5b, c44b); }
            { let s = vec4<f32>(subgroupBroadcast(x44, 6u)); c44a = fma(s, b6a, c44a); c44b = fma(s, b6b, c44b); }
            { let s = vec4<f32>(subgroupBroadcast(x44, 7u)); c44a = fma(s, b7a, c44a); c44b = fma(s, b7b, c44b); }
            // row 45: A[i0 + 45, k0 + kk] is lane kk's x45
            { let s = vec4<f32>(subgroupBroadcast(x45, 0u)); c45a = fma(s, b0a, c45a); c45b = fma(s, b0b, c45b); }
            { let s = vec4<f32>(subgroupBroadcast(x45, 1u)); c45a = fma(s, b1a, c45a); c45b = fma(s, b1b, c45b); }
            { let s = vec4<f32>(subgroupBroadcast(x45, 2u)); c45a = fma(s, b2a, c45a); c45b = fma(s, b2b, c45b); }
            { let s = vec4<f32>(subgroupBroadcast(x45, 3u)); c45a = fma(s, b3a, c45a); c45b = fma(s, b3b, c45b); }
            { let s = vec4<f32>(subgroupBroadcast(x45, 4u)); c45a = fma(s, b4a, c45a); c45b = fma(s, b4b, c45b); }
            { let s = vec4<f32>(subgroupBroadcast(x45, 5u)); c45a = fma(s, b5a, c45a); c45b = fma(s, b5b, c45b); }
            { let s = vec4<f32>(subgroupBroadcast(x45, 6u)); c45a = fma(s, b6a, c45a); c45b = fma(s, b6b, c45b); }
            { let s = vec4<f32>(subgroupBroadcast(x45, 7u)); c45a = fma(s, b7a, c45a); c45b = fma(s, b7b, c45b); }
            // row 46: A[i0 + 46, k0 + kk] is lane kk's x46
            { let s = vec4<f32>(subgroupBroadcast(x46, 0u)); c46a = fma(s, b0a, c46a); c46b = fma(s, b0b, c46b); }
            { let s = vec4<f32>(subgroupBroadcast(x46, 1u)); c46a = fma(s, b1a, c46a); c46b = fma(s, b1b, c46b); }
            { let s = vec4<f32>(subgroupBroadcast(x46, 2u)); c46a = fma(s, b2a, c46a); c46b = fma(s, b2b, c46b); }
            { let s = vec4<f32>(subgroupBroadcast(x46, 3u)); c46a = fma(s, b3a, c46a); c46b = fma(s, b3b, c46b); }
            { let s = vec4<f32>(subgroupBroadcast(x46, 4u)); c46a = fma(s, b4a, c46a); c46b = fma(s, b4b, c46b); }
            { let s = vec4<f32>(subgroupBroadcast(x46, 5u)); c46a = fma(s, b5a, c46a); c46b = fma(s, b5b, c46b); }
            { let s = vec4<f32>(subgroupBroadcast(x46, 6u)); c46a = fma(s, b6a, c46a); c46b = fma(s, b6b, c46b); }
            { let s = vec4<f32>(subgroupBroadcast(x46, 7u)); c46a = fma(s, b7a, c46a); c46b = fma(s, b7b, c46b); }
            // row 47: A[i0 + 47, k0 + kk] is lane kk's x47
            { let s = vec4<f32>(subgroupBroadcast(x47, 0u)); c47a = fma(s, b0a, c47a); c47b = fma(s, b0b, c47b); }
            { let s = vec4<f32>(subgroupBroadcast(x47, 1u)); c47a = fma(s, b1a, c47a); c47b = fma(s, b1b, c47b); }
            { let s = vec4<f32>(subgroupBroadcast(x47, 2u)); c47a = fma(s, b2a, c47a); c47b = fma(s, b2b, c47b); }
            { let s = vec4<f32>(subgroupBroadcast(x47, 3u)); c47a = fma(s, b3a, c47a); c47b = fma(s, b3b, c47b); }
            { let s = vec4<f32>(subgroupBroadcast(x47, 4u)); c47a = fma(s, b4a, c47a); c47b = fma(s, b4b, c47b); }
            { let s = vec4<f32>(subgroupBroadcast(x47, 5u)); c47a = fma(s, b5a, c47a); c47b = fma(s, b5b, c47b); }
            { let s = vec4<f32>(subgroupBroadcast(x47, 6u)); c47a = fma(s, b6a, c47a); c47b = fma(s, b6b, c47b); }
            { let s = vec4<f32>(subgroupBroadcast(x47, 7u)); c47a = fma(s, b7a, c47a); c47b = fma(s, b7b, c47b); }
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
            // row 48: A[i0 + 48, k0 + kk] is lane kk's x48
            { let s = vec4<f32>(subgroupBroadcast(x48, 0u)); c48a = fma(s, b0a, c48a); c48b = fma(s, b0b, c48b); }
            { let s = vec4<f32>(subgroupBroadcast(x48, 1u)); c48a = fma(s, b1a, c48a); c48b = fma(s, b1b, c48b); }
            { let s = vec4<f32>(subgroupBroadcast(x48, 2u)); c48a = fma(s, b2a, c48a); c48b = fma(s, b2b, c48b); }
            { let s = vec4<f32>(subgroupBroadcast(x48, 3u)); c48a = fma(s, b3a, c48a); c48b = fma(s, b3b, c48b); }
            { let s = vec4<f32>(subgroupBroadcast(x48, 4u)); c48a = fma(s, b4a, c48a); c48b = fma(s, b4b, c48b); }
            { let s = vec4<f32>(subgroupBroadcast(x48, 5u)); c48a = fma(s, b5a, c48a); c48b = fma(s, b5b, c48b); }
            { let s = vec4<f32>(subgroupBroadcast(x48, 6u)); c48a = fma(s, b6a, c48a); c48b = fma(s, b6b, c48b); }
            { let s = vec4<f32>(subgroupBroadcast(x48, 7u)); c48a = fma(s, b7a, c48a); c48b = fma(s, b7b, c48b); }
            // row 49: A[i0 + 49, k0 + kk] is lane kk's x49
            { let s = vec4<f32>(subgroupBroadcast(x49, 0u)); c49a = fma(s, b0a, c49a); c49b = fma(s, b0b, c49b); }
            { let s = vec4<f32>(subgroupBroadcast(x49, 1u)); c49a = fma(s, b1a, c49a); c49b = fma(s, b1b, c49b); }
            { let s = vec4<f32>(subgroupBroadcast(x49, 2u)); c49a = fma(s, b2a, c49a); c49b = fma(s, b2b, c49b); }
            { let s = vec4<f32>(subgroupBroadcast(x49, 3u)); c49a = fma(s, b3a, c49a); c49b = fma(s, b3b, c49b); }
            { let s = vec4<f32>(subgroupBroadcast(x49, 4u)); c49a = fma(s, b4a, c49a); c49b = fma(s, b4b, c49b); }
            { let s = vec4<f32>(subgroupBroadcast(x49, 5u)); c49a = fma(s, b5a, c49a); c49b = fma(s, b5b, c49b); }
            { let s = vec4<f32>(subgroupBroadcast(x49, 6u)); c49a = fma(s, b6a, c49a); c49b = fma(s, b6b, c49b); }
            { let s = vec4<f32>(subgroupBroadcast(x49, 7u)); c49a = fma(s, b7a, c49a); c49b = fma(s, b7b, c49b); }
            // row 50: A[i0 + 50, k0 + kk] is lane kk's x50
            { let s = vec4<f32>(subgroupBroadcast(x50, 0u)); c50a = fma(s, b0a, c50a); c50b = fma(s, b0b, c50b); }
            { let s = vec4<f32>(subgroupBroadcast(x50, 1u)); c50a = fma(s, b1a, c50a); c50b = fma(s, b1b, c50b); }
            { let s = vec4<f32>(subgroupBroadcast(x50, 2u)); c50a = fma(s, b2a, c50a); c50b = fma(s, b2b, c50b); }
            { let s = vec4<f32>(subgroupBroadcast(x50, 3u)); c50a = fma(s, b3a, c50a); c50b = fma(s, b3b, c50b); }
            { let s = vec4<f32>(subgroupBroadcast(x50, 4u)); c50a = fma(s, b4a, c50a); c50b = fma(s, b4b, c50b); }
            { let s = vec4<f32>(subgroupBroadcast(x50, 5u)); c50a = fma(s, b5a, c50a); c50b = fma(s, b5b, c50b); }
            { let s = vec4<f32>(subgroupBroadcast(x50, 6u)); c50a = fma(s, b6a, c50a); c50b = fma(s, b6b, c50b); }
            { let s = vec4<f32>(subgroupBroadcast(x50, 7u)); c50a = fma(s, b7a, c50a); c50b = fma(s, b7b, c50b); }
            // row 51: A[i0 + 51, k0 + kk] is lane kk's x51
            { let s = vec4<f32>(subgroupBroadcast(x51, 0u)); c51a = fma(s, b0a, c51a); c51b = fma(s, b0b, c51b); }
            { let s = vec4<f32>(subgroupBroadcast(x51, 1u)); c51a = fma(s, b1a, c51a); c51b = fma(s, b1b, c51b); }
            { let s = vec4<f32>(subgroupBroadcast(x51, 2u)); c51a = fma(s, b2a, c51a); c51b = fma(s, b2b, c51b); }
            { let s = vec4<f32>(subgroupBroadcast(x51, 3u)); c51a = fma(s, b3a, c51a); c51b = fma(s, b3b, c51b); }
            { let s = vec4<f32>(subgroupBroadcast(x51, 4u)); c51a = fma(s, b4a, c51a); c51b = fma(s, b4b, c51b); }
            { let s = vec4<f32>(subgroupBroadcast(x51, 5u)); c51a = fma(s, b5a, c51a); c51b = fma(s, b5b, c51b); }
            { let s = vec4<f32>(subgroupBroadcast(x51, 6u)); c51a = fma(s, b6a, c51a); c51b = fma(s, b6b, c51b); }
            { let s = vec4<f32>(subgroupBroadcast(x51, 7u)); c51a = fma(s, b7a, c51a); c51b = fma(s, b7b, c51b); }
            // row 52: A[i0 + 52, k0 + kk] is lane kk's x52
            { let s = vec4<f32>(subgroupBroadcast(x52, 0u)); c52a = fma(s, b0a, c52a); c52b = fma(s, b0b, c52b); }
            { let s = vec4<f32>(subgroupBroadcast(x52, 1u)); c52a = fma(s, b1a, c52a); c52b = fma(s, b1b, c52b); }
            { let s = vec4<f32>(subgroupBroadcast(x52, 2u)); c52a = fma(s, b2a, c52a); c52b = fma(s, b2b, c52b); }
            { let s = vec4<f32>(subgroupBroadcast(x52, 3u)); c52a = fma(s, b3a, c52a); c52b = fma(s, b3b, c52b); }
            { let s = vec4<f32>(subgroupBroadcast(x52, 4u)); c52a = fma(s, b4a, c52a); c52b = fma(s, b4b, c52b); }
            { let s = vec4<f32>(subgroupBroadcast(x52, 5u)); c52a = fma(s, b5a, c52a); c52b = fma(s, b5b, c52b); }
            { let s = vec4<f32>(subgroupBroadcast(x52, 6u)); c52a = fma(s, b6a, c52a); c52b = fma(s, b6b, c52b); }
            { let s = vec4<f32>(subgroupBroadcast(x52, 7u)); c52a = fma(s, b7a, c52a); c52b = fma(s, b7b, c52b); }
            // row 53: A[i0 + 53, k0 + kk] is lane kk's x53
            { let s = vec4<f32>(subgroupBroadcast(x53, 0u)); c53a = fma(s, b0a, c53a); c53b = fma(s, b0b, c53b); }
            { let s = vec4<f32>(subgroupBroadcast(x53, 1u)); c53a = fma(s, b1a, c53a); c53b = fma(s, b1b, c53b); }
            { let s = vec4<f32>(subgroupBroadcast(x53, 2u)); c53a = fma(s, b2a, c53a); c53b = fma(s, b2b, c53b); }
            { let s = vec4<f32>(subgroupBroadcast(x53, 3u)); c53a = fma(s, b3a, c53a); c53b = fma(s, b3b, c53b); }
            { let s = vec4<f32>(subgroupBroadcast(x53, 4u)); c53a = fma(s, b4a, c53a); c53b = fma(s, b4b, c53b); }
            { let s = vec4<f32>(subgroupBroadcast(x53, 5u)); c53a = fma(s, b5a, c53a); c53b = fma(s, b5b, c53b); }
            { let s = vec4<f32>(subgroupBroadcast(x53, 6u)); c53a = fma(s, b6a, c53a); c53b = fma(s, b6b, c53b); }
            { let s = vec4<f32>(subgroupBroadcast(x53, 7u)); c53a = fma(s, b7a, c53a); c53b = fma(s, b7b, c53b); }
            // row 54: A[i0 + 54, k0 + kk] is lane kk's x54
            { let s = vec4<f32>(subgroupBroadcast(x54, 0u)); c54a = fma(s, b0a, c54a); c54b = fma(s, b0b, c54b); }
            { let s = vec4<f32>(subgroupBroadcast(x54, 1u)); c54a = fma(s, b1a, c54a); c54b = fma(s, b1b, c54b); }
            { let s = vec4<f32>(subgroupBroadcast(x54, 2u)); c54a = fma(s, b2a, c54a); c54b = fma(s, b2b, c54b); }
            { let s = vec4<f32>(subgroupBroadcast(x54, 3u)); c54a = fma(s, b3a, c54a); c54b = fma(s, b3b, c54b); }
            { let s = vec4<f32>(subgroupBroadcast(x54, 4u)); c54a = fma(s, b4a, c54a); c54b = fma(s, b4b, c54b); }
            { let s = vec4<f32>(subgroupBroadcast(x54, 5u)); c54a = fma(s, b5a, c54a); c54b = fma(s, b5b, c54b); }
            { let s = vec4<f32>(subgroupBroadcast(x54, 6u)); c54a = fma(s, b6a, c54a); c54b = fma(s, b6b, c54b); }
            { let s = vec4<f32>(subgroupBroadcast(x54, 7u)); c54a = fma(s, b7a, c54a); c54b = fma(s, b7b, c54b); }
            // row 55: A[i0 + 55, k0 + kk] is lane kk's x55
            { let s = vec4<f32>(subgroupBroadcast(x55, 0u)); c55a = fma(s, b0a, c55a); c55b = fma(s, b0b, c55b); }
            { let s = vec4<f32>(subgroupBroadcast(x55, 1u)); c55a = fma(s, b1a, c55a); c55b = fma(s, b1b, c55b); }
            { let s = vec4<f32>(subgroupBroadcast(x55, 2u)); c55a = fma(s, b2a, c55a); c55b = fma(s, b2b, c55b); }
            { let s = vec4<f32>(subgroupBroadcast(x55, 3u)); c55a = fma(s, b3a, c55a); c55b = fma(s, b3b, c55b); }
            { let s = vec4<f32>(subgroupBroadcast(x55, 4u)); c55a = fma(s, b4a, c55a); c55b = fma(s, b4b, c55b); }
            { let s = vec4<f32>(subgroupBroadcast(x55, 5u)); c55a = fma(s, b5a, c55a); c55b = fma(s, b5b, c55b); }
            { let s = vec4<f32>(subgroupBroadcast(x55, 6u)); c55a = fma(s, b6a, c55a); c55b = fma(s, b6b, c55b); }
            { let s = vec4<f32>(subgroupBroadcast(x55, 7u)); c55a = fma(s, b7a, c55a); c55b = fma(s, b7b, c55b); }
            // row 56: A[i0 + 56, k0 + kk] is lane kk's x56
            { let s = vec4<f32>(subgroupBroadcast(x56, 0u)); c56a = fma(s, b0a, c56a); c56b = fma(s, b0b, c56b); }
            { let s = vec4<f32>(subgroupBroadcast(x56, 1u)); c56a = fma(s, b1a, c56a); c56b = fma(s, b1b, c56b); }
            { let s = vec4<f32>(subgroupBroadcast(x56, 2u)); c56a = fma(s, b2a, c56a); c56b = fma(s, b2b, c56b); }
            { let s = vec4<f32>(subgroupBroadcast(x56, 3u)); c56a = fma(s, b3a, c56a); c56b = fma(s, b3b, c56b); }
            { let s = vec4<f32>(subgroupBroadcast(x56, 4u)); c56a = fma(s, b4a, c56a); c56b = fma(s, b4b, c56b); }
            { let s = vec4<f32>(subgroupBroadcast(x56, 5u)); c56a = fma(s, b5a, c56a); c56b = fma(s, b5b, c56b); }
            { let s = vec4<f32>(subgroupBroadcast(x56, 6u)); c56a = fma(s, b6a, c56a); c56b = fma(s, b6b, c56b); }
            { let s = vec4<f32>(subgroupBroadcast(x56, 7u)); c56a = fma(s, b7a, c56a); c56b = fma(s, b7b, c56b); }
            // row 57: A[i0 + 57, k0 + kk] is lane kk's x57
            { let s = vec4<f32>(subgroupBroadcast(x57, 0u)); c57a = fma(s, b0a, c57a); c57b = fma(s, b0b, c57b); }
            { let s = vec4<f32>(subgroupBroadcast(x57, 1u)); c57a = fma(s, b1a, c57a); c57b = fma(s, b1b, c57b); }
            { let s = vec4<f32>(subgroupBroadcast(x57, 2u)); c57a = fma(s, b2a, c57a); c57b = fma(s, b2b, c57b); }
            { let s = vec4<f32>(subgroupBroadcast(x57, 3u)); c57a = fma(s, b3a, c57a); c57b = fma(s, b3b, c57b); }
            { let s = vec4<f32>(subgroupBroadcast(x57, 4u)); c57a = fma(s, b4a, c57a); c57b = fma(s, b4b, c57b); }
            { let s = vec4<f32>(subgroupBroadcast(x57, 5u)); c57a = fma(s, b5a, c57a); c57b = fma(s, b5b, c57b); }
            { let s = vec4<f32>(subgroupBroadcast(x57, 6u)); c57a = fma(s, b6a, c57a); c57b = fma(s, b6b, c57b); }
            { let s = vec4<f32>(subgroupBroadcast(x57, 7u)); c57a = fma(s, b7a, c57a); c57b = fma(s, b7b, c57b); }
            // row 58: A[i0 + 58, k0 + kk] is lane kk's x58
            { let s = vec4<f32>(subgroupBroadcast(x58, 0u)); c58a = fma(s, b0a, c58a); c58b = fma(s, b0b, c58b); }
            { let s = vec4<f32>(subgroupBroadcast(x58, 1u)); c58a = fma(s, b1a, c58a); c58b = fma(s, b1b, c58b); }
            { let s = vec4<f32>(subgroupBroadcast(x58, 2u)); c58a = fma(s, b2a, c58a); c58b = fma(s, b2b, c58b); }
            { let s = vec4<f32>(subgroupBroadcast(x58, 3u)); c58a = fma(s, b3a, c58a); c58b = fma(s, b3b, c58b); }
            { let s = vec4<f32>(subgroupBroadcast(x58, 4u)); c58a = fma(s, b4a, c58a); c58b = fma(s, b4b, c58b); }
            { let s = vec4<f32>(subgroupBroadcast(x58, 5u)); c58a = fma(s, b5a, c58a); c58b = fma(s, b5b, c58b); }
            { let s = vec4<f32>(subgroupBroadcast(x58, 6u)); c58a = fma(s, b6a, c58a); c58b = fma(s, b6b, c58b); }
            { let s = vec4<f32>(subgroupBroadcast(x58, 7u)); c58a = fma(s, b7a, c58a); c58b = fma(s, b7b, c58b); }
            // row 59: A[i0 + 59, k0 + kk] is lane kk's x59
            { let s = vec4<f32>(subgroupBroadcast(x59, 0u)); c59a = fma(s, b0a, c59a); c59b = fma(s, b0b, c59b); }
            { let s = vec4<f32>(subgroupBroadcast(x59, 1u)); c59a = fma(s, b1a, c59a); c59b = fma(s, b1b, c59b); }
            { let s = vec4<f32>(subgroupBroadcast(x59, 2u)); c59a = fma(s, b2a, c59a); c59b = fma(s, b2b, c59b); }
            { let s = vec4<f32>(subgroupBroadcast(x59, 3u)); c59a = fma(s, b3a, c59a); c59b = fma(s, b3b, c59b); }
            { let s = vec4<f32>(subgroupBroadcast(x59, 4u)); c59a = fma(s, b4a, c59a); c59b = fma(s, b4b, c59b); }
            { let s = vec4<f32>(subgroupBroadcast(x59, 5u)); c59a = fma(s, b5a, c59a); c59b = fma(s, b5b, c59b); }
            { let s = vec4<f32>(subgroupBroadcast(x59, 6u)); c59a = fma(s, b6a, c59a); c59b = fma(s, b6b, c59b); }
            { let s = vec4<f32>(subgroupBroadcast(x59, 7u)); c59a = fma(s, b7a, c59a); c59b = fma(s, b7b, c59b); }
            // row 60: A[i0 + 60, k0 + kk] is lane kk's x60
            { let s = vec4<f32>(subgroupBroadcast(x60, 0u)); c60a = fma(s, b0a, c60a); c60b = fma(s, b0b, c60b); }
            { let s = vec4<f32>(subgroupBroadcast(x60, 1u)); c60a = fma(s, b1a, c60a); c60b = fma(s, b1b, c60b); }
            { let s = vec4<f32>(subgroupBroadcast(x60, 2u)); c60a = fma(s, b2a, c60a); c60b = fma(s, b2b, c60b); }
            { let s = vec4<f32>(subgroupBroadcast(x60, 3u)); c60a = fma(s, b3a, c60a); c60b = fma(s, b3b, c60b); }
            { let s = vec4<f32>(subgroupBroadcast(x60, 4u)); c60a = fma(s, b4a, c60a); c60b = fma(s, b4b, c60b); }
            { let s = vec4<f32>(subgroupBroadcast(x60, 5u)); c60a = fma(s, b5a, c60a); c60b = fma(s, b5b, c60b); }
            { let s = vec4<f32>(subgroupBroadcast(x60, 6u)); c60a = fma(s, b6a, c60a); c60b = fma(s, b6b, c60b); }
            { let s = vec4<f32>(subgroupBroadcast(x60, 7u)); c60a = fma(s, b7a, c60a); c60b = fma(s, b7b, c60b); }
            // row 61: A[i0 + 61, k0 + kk] is lane kk's x61
            { let s = vec4<f32>(subgroupBroadcast(x61, 0u)); c61a = fma(s, b0a, c61a); c61b = fma(s, b0b, c61b); }
            { let s = vec4<f32>(subgroupBroadcast(x61, 1u)); c61a = fma(s, b1a, c61a); c61b = fma(s, b1b, c61b); }
            { let s = vec4<f32>(subgroupBroadcast(x61, 2u)); c61a = fma(s, b2a, c61a); c61b = fma(s, b2b, c61b); }
            { let s = vec4<f32>(subgroupBroadcast(x61, 3u)); c61a = fma(s, b3a, c61a); c61b = fma(s, b3b, c61b); }
            { let s = vec4<f32>(subgroupBroadcast(x61, 4u)); c61a = fma(s, b4a, c61a); c61b = fma(s, b4b, c61b); }
            { let s = vec4<f32>(subgroupBroadcast(x61, 5u)); c61a = fma(s, b5a, c61a); c61b = fma(s, b5b, c61b); }
            { let s = vec4<f32>(subgroupBroadcast(x61, 6u)); c61a = fma(s, b6a, c61a); c61b = fma(s, b6b, c61b); }
            { let s = vec4<f32>(subgroupBroadcast(x61, 7u)); c61a = fma(s, b7a, c61a); c61b = fma(s, b7b, c61b); }
            // row 62: A[i0 + 62, k0 + kk] is lane kk's x62
            { let s = vec4<f32>(subgroupBroadcast(x62, 0u)); c62a = fma(s, b0a, c62a); c62b = fma(s, b0b, c62b); }
            { let s = vec4<f32>(subgroupBroadcast(x62, 1u)); c62a = fma(s, b1a, c62a); c62b = fma(s, b1b, c62b); }
            { let s = vec4<f32>(subgroupBroadcast(x62, 2u)); c62a = fma(s, b2a, c62a); c62b = fma(s, b2b, c62b); }
            { let s = vec4<f32>(subgroupBroadcast(x62, 3u)); c62a = fma(s, b3a, c62a); c62b = fma(s, b3b, c62b); }
            { let s = vec4<f32>(subgroupBroadcast(x62, 4u)); c62a = fma(s, b4a, c62a); c62b = fma(s, b4b, c62b); }
            { let s = vec4<f32>(subgroupBroadcast(x62, 5u)); c62a = fma(s, b5a, c62a); c62b = fma(s, b5b, c62b); }
            { let s = vec4<f32>(subgroupBroadcast(x62, 6u)); c62a = fma(s, b6a, c62a); c62b = fma(s, b6b, c62b); }
            { let s = vec4<f32>(subgroupBroadcast(x62, 7u)); c62a = fma(s, b7a, c62a); c62b = fma(s, b7b, c62b); }
            // row 63: A[i0 + 63, k0 + kk] is lane kk's x63
            { let s = vec4<f32>(subgroupBroadcast(x63, 0u)); c63a = fma(s, b0a, c63a); c63b = fma(s, b0b, c63b); }
            { let s = vec4<f32>(subgroupBroadcast(x63, 1u)); c63a = fma(s, b1a, c63a); c63b = fma(s, b1b, c63b); }
            { let s = vec4<f32>(subgroupBroadcast(x63, 2u)); c63a = fma(s, b2a, c63a); c63b = fma(s, b2b, c63b); }
            { let s = vec4<f32>(subgroupBroadcast(x63, 3u)); c63a = fma(s, b3a, c63a); c63b = fma(s, b3b, c63b); }
            { let s = vec4<f32>(subgroupBroadcast(x63, 4u)); c63a = fma(s, b4a, c63a); c63b = fma(s, b4b, c63b); }
            { let s = vec4<f32>(subgroupBroadcast(x63, 5u)); c63a = fma(s, b5a, c63a); c63b = fma(s, b5b, c63b); }
            { let s = vec4<f32>(subgroupBroadcast(x63, 6u)); c63a = fma(s, b6a, c63a); c63b = fma(s, b6b, c63b); }
            { let s = vec4<f32>(subgroupBroadcast(x63, 7u)); c63a = fma(s, b7a, c63a); c63b = fma(s, b7b, c63b); }
        }
    }
    let bc = sg_base_c(z);
    sg_store_row(bc, i0 + 0u, j0, c0a, c0b);
    sg_store_row(bc, i0 + 1u, j0, c1a, c1b);
    sg_store_row(bc, i0 + 2u, j0, c2a, c2b);
    sg_store_row(bc, i0 + 3u, j0, c3a, c3b);
    sg_store_row(bc, i0 + 4u, j0, c4a, c4b);
    sg_store_row(bc, i0 + 5u, j0, c5a, c5b);
    sg_store_row(bc, i0 + 6u, j0, c6a, c6b);
    sg_store_row(bc, i0 + 7u, j0, c7a, c7b);
    sg_store_row(bc, i0 + 8u, j0, c8a, c8b);
    sg_store_row(bc, i0 + 9u, j0, c9a, c9b);
    sg_store_row(bc, i0 + 10u, j0, c10a, c10b);
    sg_store_row(bc, i0 + 11u, j0, c11a, c11b);
    sg_store_row(bc, i0 + 12u, j0, c12a, c12b);
    sg_store_row(bc, i0 + 13u, j0, c13a, c13b);
    sg_store_row(bc, i0 + 14u, j0, c14a, c14b);
    sg_store_row(bc, i0 + 15u, j0, c15a, c15b);
    if (TM > 16u) {
        sg_store_row(bc, i0 + 16u, j0, c16a, c16b);
        sg_store_row(bc, i0 + 17u, j0, c17a, c17b);
        sg_store_row(bc, i0 + 18u, j0, c18a, c18b);
        sg_store_row(bc, i0 + 19u, j0, c19a, c19b);
        sg_store_row(bc, i0 + 20u, j0, c20a, c20b);
        sg_store_row(bc, i0 + 21u, j0, c21a, c21b);
        sg_store_row(bc, i0 + 22u, j0, c22a, c22b);
        sg_store_row(bc, i0 + 23u, j0, c23a, c23b);
        sg_store_row(bc, i0 + 24u, j0, c24a, c24b);
        sg_store_row(bc, i0 + 25u, j0, c25a, c25b);
        sg_store_row(bc, i0 + 26u, j0, c26a, c26b);
        sg_store_row(bc, i0 + 27u, j0, c27a, c27b);
        sg_store_row(bc, i0 + 28u, j0, c28a, c28b);
        sg_store_row(bc, i0 + 29u, j0, c29a, c29b);
        sg_store_row(bc, i0 + 30u, j0, c30a, c30b);
        sg_store_row(bc, i0 + 31u, j0, c31a, c31b);
    }
    if (TM > 32u) {
        sg_store_row(bc, i0 + 32u, j0, c32a, c32b);
        sg_store_row(bc, i0 + 33u, j0, c33a, c33b);
        sg_store_row(bc, i0 + 34u, j0, c34a, c34b);
        sg_store_row(bc, i0 + 35u, j0, c35a, c35b);
        sg_store_row(bc, i0 + 36u, j0, c36a, c36b);
        sg_store_row(bc, i0 + 37u, j0, c37a, c37b);
        sg_store_row(bc, i0 + 38u, j0, c38a, c38b);
        sg_store_row(bc, i0 + 39u, j0, c39a, c39b);
        sg_store_row(bc, i0 + 40u, j0, c40a, c40b);
        sg_store_row(bc, i0 + 41u, j0, c41a, c41b);
        sg_store_row(bc, i0 + 42u, j0, c42a, c42b);
        sg_store_row(bc, i0 + 43u, j0, c43a, c43b);
        sg_store_row(bc, i0 + 44u, j0, c44a, c44b);
        sg_store_row(bc, i0 + 45u, j0, c45a, c45b);
        sg_store_row(bc, i0 + 46u, j0, c46a, c46b);
        sg_store_row(bc, i0 + 47u, j0, c47a, c47b);
    }
    if (TM > 48u) {
        sg_store_row(bc, i0 + 48u, j0, c48a, c48b);
        sg_store_row(bc, i0 + 49u, j0, c49a, c49b);
        sg_store_row(bc, i0 + 50u, j0, c50a, c50b);
        sg_store_row(bc, i0 + 51u, j0, c51a, c51b);
        sg_store_row(bc, i0 + 52u, j0, c52a, c52b);
        sg_store_row(bc, i0 + 53u, j0, c53a, c53b);
        sg_store_row(bc, i0 + 54u, j0, c54a, c54b);
        sg_store_row(bc, i0 + 55u, j0, c55a, c55b);
        sg_store_row(bc, i0 + 56u, j0, c56a, c56b);
        sg_store_row(bc, i0 + 57u, j0, c57a, c57b);
        sg_store_row(bc, i0 + 58u, j0, c58a, c58b);
        sg_store_row(bc, i0 + 59u, j0, c59a, c59b);
        sg_store_row(bc, i0 + 60u, j0, c60a, c60b);
        sg_store_row(bc, i0 + 61u, j0, c61a, c61b);
        sg_store_row(bc, i0 + 62u, j0, c62a, c62b);
        sg_store_row(bc, i0 + 63u, j0, c63a, c63b);
    }
}

