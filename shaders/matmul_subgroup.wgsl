// Batched matmul for CPU-backed Vulkan (lavapipe / llvmpipe), built on subgroup broadcasts.
// Same maths, Params and bindings 0-4 as matmul.wgsl: C = alpha * op(A) op(B) + beta * C (+ bias).
//
// Why this shape: llvmpipe runs a workgroup as 8-wide SIMD lanes, and every storage-buffer or
// workgroup-memory load is a scalar loop over the lanes. Coalescing and shared-memory tiles do
// not pay there (and barriers cost coroutine switches); arithmetic per loaded scalar does. So:
//   - one workgroup = one subgroup of 8 lanes, no workgroup memory, no barriers;
//   - each lane owns a TM x 8 block of C (TM rows, 8 consecutive columns); the workgroup covers
//     TM rows x 64 columns;
//   - per chunk of 8 k values, lane l loads op(A)[i0 .. i0 + TM, k0 + l] (TM scalars) and the
//     others receive them with subgroupBroadcast (the lane index is a literal: naga requires a
//     constant), so each A value is loaded once per workgroup;
//   - B is read as vec4 where the layout allows (VEC4_B), two vec4 per k for 8 columns.
// Edges: rows and columns past M / N are clamped for loads and skipped at the store; k past K
// reads zero for both A and B, so no value outside the operands reaches a stored result.
// Needs subgroup size >= 8 with the 8 invocations of a workgroup in one subgroup (the launcher
// checks the adapter's minimum subgroup size).
//
// Entry points:
//   matmul_subgroup: overrides TRANS_A / TRANS_B pick the index formula at pipeline creation;
//   VEC4_B (bases and ldb multiples of 4) turns on vec4 loads of B; TM (rows per lane) is a
//   tunable, at most TM_MAX.

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

override TRANS_A: bool = false;
override TRANS_B: bool = false;
override VEC4_B: bool = false;
override TM: u32 = 32u;
const TM_MAX: u32 = 64u;

fn sg_base_a(z: u32) -> u32 { return p.off_a + (z / p.inner) * p.sa_outer + (z % p.inner) * p.sa_inner; }
fn sg_base_b(z: u32) -> u32 { return p.off_b + (z / p.inner) * p.sb_outer + (z % p.inner) * p.sb_inner; }
fn sg_base_c(z: u32) -> u32 { return p.off_c + (z / p.inner) * p.sc_outer + (z % p.inner) * p.sc_inner; }

// op(B)[kk, j] as a scalar; kk < K and j < N.
fn sg_load_b(bb: u32, kk: u32, j: u32) -> f32 {
    if (TRANS_B) { return b[bb + j * p.ldb + kk]; }
    return b[bb + kk * p.ldb + j];
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
    let n1 = p.n - 1u;
    var acc0: array<vec4<f32>, TM_MAX>;
    var acc1: array<vec4<f32>, TM_MAX>;
    var av: array<f32, TM_MAX>;
    var bv0: array<vec4<f32>, 8>;
    var bv1: array<vec4<f32>, 8>;
    for (var r = 0u; r < TM; r++) {
        acc0[r] = vec4<f32>(0.0);
        acc1[r] = vec4<f32>(0.0);
    }
    for (var k0 = 0u; k0 < p.k; k0 += 8u) {
        // This lane's A column k0 + lane for the TM rows (zero past K).
        let kl = k0 + lane;
        let kin = kl < p.k;
        let klc = min(kl, p.k - 1u);
        for (var r = 0u; r < TM; r++) {
            let i = min(i0 + r, m1);
            var x: f32;
            if (TRANS_A) { x = a[ba + klc * p.lda + i]; } else { x = a[ba + i * p.lda + klc]; }
            av[r] = select(0.0, x, kin);
        }
        // B rows k0 .. k0 + 8, columns j0 .. j0 + 8 (zero past K).
        if (TRANS_B) {
            if (VEC4_B) {
                // Column j of op(B) is row j of the stored B: contiguous along k.
                var t0: array<vec4<f32>, 8>;
                var t1: array<vec4<f32>, 8>;
                let m0 = vec4<f32>(vec4<bool>(k0 < p.k, k0 + 1u < p.k, k0 + 2u < p.k, k0 + 3u < p.k));
                let m4 = vec4<f32>(vec4<bool>(k0 + 4u < p.k, k0 + 5u < p.k, k0 + 6u < p.k, k0 + 7u < p.k));
                for (var cc = 0u; cc < 8u; cc++) {
                    let q = (bb + min(j0 + cc, n1) * p.ldb + k0) / 4u;
                    t0[cc] = b4[q] * m0;
                    t1[cc] = b4[q + 1u] * m4;
                }
                bv0[0] = vec4<f32>(t0[0].x, t0[1].x, t0[2].x, t0[3].x);
                bv1[0] = vec4<f32>(t0[4].x, t0[5].x, t0[6].x, t0[7].x);
                bv0[1] = vec4<f32>(t0[0].y, t0[1].y, t0[2].y, t0[3].y);
                bv1[1] = vec4<f32>(t0[4].y, t0[5].y, t0[6].y, t0[7].y);
                bv0[2] = vec4<f32>(t0[0].z, t0[1].z, t0[2].z, t0[3].z);
                bv1[2] = vec4<f32>(t0[4].z, t0[5].z, t0[6].z, t0[7].z);
                bv0[3] = vec4<f32>(t0[0].w, t0[1].w, t0[2].w, t0[3].w);
                bv1[3] = vec4<f32>(t0[4].w, t0[5].w, t0[6].w, t0[7].w);
                bv0[4] = vec4<f32>(t1[0].x, t1[1].x, t1[2].x, t1[3].x);
                bv1[4] = vec4<f32>(t1[4].x, t1[5].x, t1[6].x, t1[7].x);
                bv0[5] = vec4<f32>(t1[0].y, t1[1].y, t1[2].y, t1[3].y);
                bv1[5] = vec4<f32>(t1[4].y, t1[5].y, t1[6].y, t1[7].y);
                bv0[6] = vec4<f32>(t1[0].z, t1[1].z, t1[2].z, t1[3].z);
                bv1[6] = vec4<f32>(t1[4].z, t1[5].z, t1[6].z, t1[7].z);
                bv0[7] = vec4<f32>(t1[0].w, t1[1].w, t1[2].w, t1[3].w);
                bv1[7] = vec4<f32>(t1[4].w, t1[5].w, t1[6].w, t1[7].w);
            } else {
                for (var kk = 0u; kk < 8u; kk++) {
                    let kc = min(k0 + kk, p.k - 1u);
                    let s = f32(k0 + kk < p.k);
                    bv0[kk] = s * vec4<f32>(
                        sg_load_b(bb, kc, min(j0, n1)), sg_load_b(bb, kc, min(j0 + 1u, n1)),
                        sg_load_b(bb, kc, min(j0 + 2u, n1)), sg_load_b(bb, kc, min(j0 + 3u, n1)));
                    bv1[kk] = s * vec4<f32>(
                        sg_load_b(bb, kc, min(j0 + 4u, n1)), sg_load_b(bb, kc, min(j0 + 5u, n1)),
                        sg_load_b(bb, kc, min(j0 + 6u, n1)), sg_load_b(bb, kc, min(j0 + 7u, n1)));
                }
            }
        } else {
            for (var kk = 0u; kk < 8u; kk++) {
                let kc = min(k0 + kk, p.k - 1u);
                let s = f32(k0 + kk < p.k);
                if (VEC4_B) {
                    // Columns past N read the row's padding or the next row: finite values whose
                    // results are never stored.
                    let q = (bb + kc * p.ldb + j0) / 4u;
                    bv0[kk] = s * b4[q];
                    bv1[kk] = s * b4[q + 1u];
                } else {
                    bv0[kk] = s * vec4<f32>(
                        sg_load_b(bb, kc, min(j0, n1)), sg_load_b(bb, kc, min(j0 + 1u, n1)),
                        sg_load_b(bb, kc, min(j0 + 2u, n1)), sg_load_b(bb, kc, min(j0 + 3u, n1)));
                    bv1[kk] = s * vec4<f32>(
                        sg_load_b(bb, kc, min(j0 + 4u, n1)), sg_load_b(bb, kc, min(j0 + 5u, n1)),
                        sg_load_b(bb, kc, min(j0 + 6u, n1)), sg_load_b(bb, kc, min(j0 + 7u, n1)));
                }
            }
        }
        // acc[r] += sum over kk of A[r, k0 + kk] * B[k0 + kk, j0 .. j0 + 8]; A[r, k0 + kk] lives
        // in lane kk.
        for (var r = 0u; r < TM; r++) {
            let x = av[r];
            var c0 = acc0[r];
            var c1 = acc1[r];
            var s = subgroupBroadcast(x, 0u);
            c0 = fma(vec4<f32>(s), bv0[0], c0); c1 = fma(vec4<f32>(s), bv1[0], c1);
            s = subgroupBroadcast(x, 1u);
            c0 = fma(vec4<f32>(s), bv0[1], c0); c1 = fma(vec4<f32>(s), bv1[1], c1);
            s = subgroupBroadcast(x, 2u);
            c0 = fma(vec4<f32>(s), bv0[2], c0); c1 = fma(vec4<f32>(s), bv1[2], c1);
            s = subgroupBroadcast(x, 3u);
            c0 = fma(vec4<f32>(s), bv0[3], c0); c1 = fma(vec4<f32>(s), bv1[3], c1);
            s = subgroupBroadcast(x, 4u);
            c0 = fma(vec4<f32>(s), bv0[4], c0); c1 = fma(vec4<f32>(s), bv1[4], c1);
            s = subgroupBroadcast(x, 5u);
            c0 = fma(vec4<f32>(s), bv0[5], c0); c1 = fma(vec4<f32>(s), bv1[5], c1);
            s = subgroupBroadcast(x, 6u);
            c0 = fma(vec4<f32>(s), bv0[6], c0); c1 = fma(vec4<f32>(s), bv1[6], c1);
            s = subgroupBroadcast(x, 7u);
            c0 = fma(vec4<f32>(s), bv0[7], c0); c1 = fma(vec4<f32>(s), bv1[7], c1);
            acc0[r] = c0;
            acc1[r] = c1;
        }
    }
    // Store: alpha * acc (+ bias) + beta * C, inside the matrix only.
    let bc = sg_base_c(z);
    let has_bias = (p.flags & 4u) != 0u;
    for (var r = 0u; r < TM; r++) {
        let i = i0 + r;
        if (i >= p.m) { break; }
        for (var cc = 0u; cc < 8u; cc++) {
            let j = j0 + cc;
            if (j >= p.n) { break; }
            var v: f32;
            if (cc < 4u) { v = acc0[r][cc]; } else { v = acc1[r][cc - 4u]; }
            v *= p.alpha;
            if (has_bias) { v += bias[p.off_bias + j]; }
            let idx = bc + i * p.ldc + j;
            if (p.beta != 0.0) { v += p.beta * c[idx]; }
            c[idx] = v;
        }
    }
}
