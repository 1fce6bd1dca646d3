// What every matmul kernel shares (the registry joins this file before matmul.wgsl and
// matmul_subgroup.wgsl): the uniform Params (mirrored by MatmulParams in src/ops/matmul.rs),
// the bindings 0-4 and the element offset of batch z in each operand:
// off + (z / inner) * s_outer + (z % inner) * s_inner.

struct Params {
    m: u32, n: u32, k: u32, batch: u32,
    lda: u32, ldb: u32, ldc: u32, flags: u32,      // FLAG_TRANS_A, FLAG_TRANS_B, FLAG_BIAS
    inner: u32, off_a: u32, off_b: u32, off_c: u32,
    sa_outer: u32, sa_inner: u32, sb_outer: u32, sb_inner: u32,
    sc_outer: u32, sc_inner: u32, off_bias: u32, alpha: f32,
    beta: f32, _p0: u32, _p1: u32, _p2: u32,
}

// Params.flags bits (the same names in src/ops/matmul.rs): A stored transposed, B stored
// transposed, add bias[off_bias + j] to column j.
const FLAG_TRANS_A: u32 = 1u;
const FLAG_TRANS_B: u32 = 2u;
const FLAG_BIAS: u32 = 4u;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<uniform> p: Params;

fn base_a(z: u32) -> u32 { return p.off_a + (z / p.inner) * p.sa_outer + (z % p.inner) * p.sa_inner; }
fn base_b(z: u32) -> u32 { return p.off_b + (z / p.inner) * p.sb_outer + (z % p.inner) * p.sb_inner; }
fn base_c(z: u32) -> u32 { return p.off_c + (z / p.inner) * p.sc_outer + (z % p.inner) * p.sc_inner; }
