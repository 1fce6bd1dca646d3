// Batched general matrix multiply: C = alpha * op(A) op(B) + beta * C (+ bias), f32.
//
// op(A) is M x K, op(B) is K x N, C is M x N. A is stored row-major as M x K (or K x M when
// transposed) with leading dimension lda; likewise B (K x N, or N x K transposed) with ldb and
// C (M x N) with ldc. The batch index z = zo * inner + zi selects
// A at off_a + zo * sa_outer + zi * sa_inner (same for B, C), which covers both plain batches
// (inner = 1) and heads interleaved inside rows (attention).
//
// Entry points:
//   matmul_naive: one invocation per output element; the correctness and speed baseline.
//   matmul_tiled: portable shared-memory tiling for GPUs and GL (no subgroups needed): a
//     workgroup of 16 x 16 invocations computes a 64 x 64 tile of C, each invocation a 4 x 4
//     register block; op(A) and op(B) stream through workgroup memory in slices of 16 k values
//     stored as vec4 (small arrays: GL compiles big workgroup arrays slowly). Loads outside the
//     operands read zero, so any M, N, K works.
//   (matmul_subgroup.wgsl holds the kernel for CPU-backed Vulkan adapters.)
// Params, the bindings a, b, bias, c, p and the batch bases come first, from matmul_common.wgsl.

// Element (i, kk) of op(A) in batch with base ba.
fn load_a(ba: u32, i: u32, kk: u32) -> f32 {
    if ((p.flags & FLAG_TRANS_A) != 0u) { return a[ba + kk * p.lda + i]; }
    return a[ba + i * p.lda + kk];
}

// Element (kk, j) of op(B) in batch with base bb.
fn load_b(bb: u32, kk: u32, j: u32) -> f32 {
    if ((p.flags & FLAG_TRANS_B) != 0u) { return b[bb + j * p.ldb + kk]; }
    return b[bb + kk * p.ldb + j];
}

// Writes alpha * acc (+ bias[j]) + beta * C[i, j].
fn store_c(bc: u32, i: u32, j: u32, acc: f32) {
    var v = p.alpha * acc;
    if ((p.flags & FLAG_BIAS) != 0u) { v += bias[p.off_bias + j]; }
    let idx = bc + i * p.ldc + j;
    if (p.beta != 0.0) { v += p.beta * c[idx]; }
    c[idx] = v;
}

@compute @workgroup_size(16, 16)
fn matmul_naive(@builtin(global_invocation_id) gid: vec3<u32>) {
    let j = gid.x;
    let i = gid.y;
    let z = gid.z;
    if (i >= p.m || j >= p.n || z >= p.batch) { return; }
    let ba = base_a(z);
    let bb = base_b(z);
    var acc = 0.0;
    for (var kk = 0u; kk < p.k; kk++) {
        acc += load_a(ba, i, kk) * load_b(bb, kk, j);
    }
    store_c(base_c(z), i, j, acc);
}

// Element (i, kk) of op(A), zero outside M x K.
fn load_a_or_zero(ba: u32, i: u32, kk: u32) -> f32 {
    if (i >= p.m || kk >= p.k) { return 0.0; }
    return load_a(ba, i, kk);
}

// Element (kk, j) of op(B), zero outside K x N.
fn load_b_or_zero(bb: u32, kk: u32, j: u32) -> f32 {
    if (kk >= p.k || j >= p.n) { return 0.0; }
    return load_b(bb, kk, j);
}

const TILE: u32 = 64u;
const TK: u32 = 16u;
// tile_a[kk * 16 + r4] = op(A)[4 r4 .. 4 r4 + 4, kk] of the current slice; tile_b[kk * 16 + c4]
// = op(B)[kk, 4 c4 .. 4 c4 + 4].
var<workgroup> tile_a: array<vec4<f32>, 256>;
var<workgroup> tile_b: array<vec4<f32>, 256>;

@compute @workgroup_size(16, 16)
fn matmul_tiled(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(local_invocation_id) lid: vec3<u32>,
) {
    let z = wid.z;
    if (z >= p.batch) { return; }
    let i0 = wid.y * TILE;
    let j0 = wid.x * TILE;
    let t = lid.y * 16u + lid.x;
    let ba = base_a(z);
    let bb = base_b(z);
    // Loader roles: A by (k = t % 16, rows 4 (t / 16) ..), B by (k = t / 16, cols 4 (t % 16) ..).
    let ak = t % 16u;
    let ar = i0 + 4u * (t / 16u);
    let bk = t / 16u;
    let bcol = j0 + 4u * (t % 16u);
    var acc: array<vec4<f32>, 4>;
    for (var k0 = 0u; k0 < p.k; k0 += TK) {
        tile_a[ak * 16u + t / 16u] = vec4<f32>(
            load_a_or_zero(ba, ar, k0 + ak), load_a_or_zero(ba, ar + 1u, k0 + ak),
            load_a_or_zero(ba, ar + 2u, k0 + ak), load_a_or_zero(ba, ar + 3u, k0 + ak));
        tile_b[bk * 16u + t % 16u] = vec4<f32>(
            load_b_or_zero(bb, k0 + bk, bcol), load_b_or_zero(bb, k0 + bk, bcol + 1u),
            load_b_or_zero(bb, k0 + bk, bcol + 2u), load_b_or_zero(bb, k0 + bk, bcol + 3u));
        workgroupBarrier();
        for (var kk = 0u; kk < TK; kk++) {
            let av = tile_a[kk * 16u + lid.y];
            let bv = tile_b[kk * 16u + lid.x];
            acc[0] = fma(vec4<f32>(av.x), bv, acc[0]);
            acc[1] = fma(vec4<f32>(av.y), bv, acc[1]);
            acc[2] = fma(vec4<f32>(av.z), bv, acc[2]);
            acc[3] = fma(vec4<f32>(av.w), bv, acc[3]);
        }
        workgroupBarrier();
    }
    let bc = base_c(z);
    for (var r = 0u; r < 4u; r++) {
        let i = i0 + 4u * lid.y + r;
        for (var cc = 0u; cc < 4u; cc++) {
            let j = j0 + 4u * lid.x + cc;
            if (i < p.m && j < p.n) { store_c(bc, i, j, acc[r][cc]); }
        }
    }
}
