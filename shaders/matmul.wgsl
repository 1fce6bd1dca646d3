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

fn base_a(z: u32) -> u32 { return p.off_a + (z / p.inner) * p.sa_outer + (z % p.inner) * p.sa_inner; }
fn base_b(z: u32) -> u32 { return p.off_b + (z / p.inner) * p.sb_outer + (z % p.inner) * p.sb_inner; }
fn base_c(z: u32) -> u32 { return p.off_c + (z / p.inner) * p.sc_outer + (z % p.inner) * p.sc_inner; }

// Element (i, kk) of op(A) in batch with base ba.
fn load_a(ba: u32, i: u32, kk: u32) -> f32 {
    if ((p.flags & 1u) != 0u) { return a[ba + kk * p.lda + i]; }
    return a[ba + i * p.lda + kk];
}

// Element (kk, j) of op(B) in batch with base bb.
fn load_b(bb: u32, kk: u32, j: u32) -> f32 {
    if ((p.flags & 2u) != 0u) { return b[bb + j * p.ldb + kk]; }
    return b[bb + kk * p.ldb + j];
}

// Writes alpha * acc (+ bias[j]) + beta * C[i, j].
fn store_c(bc: u32, i: u32, j: u32, acc: f32) {
    var v = p.alpha * acc;
    if ((p.flags & 4u) != 0u) { v += bias[p.off_bias + j]; }
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
