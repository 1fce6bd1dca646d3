// LayerNorm over rows of C (eps from Params, 1e-5 by default), N rows.
//   mean = sum_c x / C,  var = sum_c (x - mean)^2 / C,  rstd = 1 / sqrt(var + eps)
//   xhat = (x - mean) rstd,  out = xhat * gamma + beta
// Shapes: x, out, dout, dx: (N, C); gamma, beta, dgamma, dbeta: (C); mean, rstd: (N).
// Gradient (derivation in src/ops/layernorm.rs), per row with g = dout * gamma:
//   dx = rstd (g - mean_c(g) - xhat * mean_c(g * xhat))   (overwritten, or += with flags & 1)
//   dgamma += sum_rows dout * xhat,  dbeta += sum_rows dout
//
// Entry points:
//   ln_forward:         one workgroup per row; two-pass mean / variance, tree reductions.
//   ln_backward_dx:     one workgroup per row.
//   ln_dparams_partial: one invocation per (column, block of RB rows) sums its block in row order
//                       into partial[(blk * C + c) * 2 + {0: dgamma, 1: dbeta}].
//   ln_dparams_reduce:  one invocation per column sums the blocks in order and adds to
//                       dgamma / dbeta.
//   ln_forward_rowwise, ln_backward_dx_rowwise: one invocation per row, no workgroup memory or
//                       barriers; chosen on CPU adapters (lavapipe, llvmpipe), where barriers
//                       are costly (2-3x faster there at 2048..16384 x 384).
// Every reduction has a fixed order, so results are bit-identical from run to run.

struct Params {
    n: u32,
    c: u32,
    flags: u32,      // 1: dx += instead of dx =
    nblk: u32,       // ceil(n / RB)
    eps: f32,
    _p0: u32,
    _p1: u32,
    _p2: u32,
}

const WG: u32 = 64u;
const RB: u32 = 32u;

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> gamma: array<f32>;
@group(0) @binding(2) var<storage, read> beta: array<f32>;
@group(0) @binding(3) var<storage, read> dout: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;
@group(0) @binding(5) var<storage, read_write> mean: array<f32>;
@group(0) @binding(6) var<storage, read_write> rstd: array<f32>;
@group(0) @binding(7) var<storage, read_write> dgamma: array<f32>;
@group(0) @binding(8) var<storage, read_write> dbeta: array<f32>;
@group(0) @binding(9) var<storage, read_write> partial: array<f32>;
@group(0) @binding(10) var<uniform> p: Params;

// The backward reads mean / rstd through read-only views: the same buffers, other bindings.
@group(0) @binding(11) var<storage, read> mean_in: array<f32>;
@group(0) @binding(12) var<storage, read> rstd_in: array<f32>;

var<workgroup> red: array<vec2<f32>, WG>;

// Sums v over the workgroup (fixed tree order); every invocation gets the total.
fn wg_sum2(lid: u32, v: vec2<f32>) -> vec2<f32> {
    red[lid] = v;
    workgroupBarrier();
    for (var s = WG / 2u; s > 0u; s >>= 1u) {
        if (lid < s) {
            red[lid] = red[lid] + red[lid + s];
        }
        workgroupBarrier();
    }
    let total = red[0];
    workgroupBarrier();
    return total;
}

@compute @workgroup_size(64)
fn ln_forward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
              @builtin(local_invocation_index) lid: u32) {
    let row = workgroup_index(wid, nwg);
    if (row >= p.n) {
        return; // uniform across the workgroup
    }
    let base = row * p.c;
    let cf = f32(p.c);
    var s = 0.0;
    for (var j = lid; j < p.c; j += WG) {
        s += x[base + j];
    }
    let m = wg_sum2(lid, vec2<f32>(s, 0.0)).x / cf;
    var v = 0.0;
    for (var j = lid; j < p.c; j += WG) {
        let d = x[base + j] - m;
        v += d * d;
    }
    let r = 1.0 / sqrt(wg_sum2(lid, vec2<f32>(v, 0.0)).x / cf + p.eps);
    for (var j = lid; j < p.c; j += WG) {
        out[base + j] = (x[base + j] - m) * r * gamma[j] + beta[j];
    }
    if (lid == 0u) {
        mean[row] = m;
        rstd[row] = r;
    }
}

@compute @workgroup_size(64)
fn ln_backward_dx(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
                  @builtin(local_invocation_index) lid: u32) {
    let row = workgroup_index(wid, nwg);
    if (row >= p.n) {
        return;
    }
    let base = row * p.c;
    let m = mean_in[row];
    let r = rstd_in[row];
    var s = vec2<f32>(0.0, 0.0);
    for (var j = lid; j < p.c; j += WG) {
        let g = dout[base + j] * gamma[j];
        s += vec2<f32>(g, g * (x[base + j] - m) * r);
    }
    let tot = wg_sum2(lid, s) / f32(p.c);
    for (var j = lid; j < p.c; j += WG) {
        let g = dout[base + j] * gamma[j];
        let xhat = (x[base + j] - m) * r;
        var d = r * (g - tot.x - xhat * tot.y);
        if ((p.flags & 1u) != 0u) {
            d += out[base + j];
        }
        out[base + j] = d;
    }
}

@compute @workgroup_size(64)
fn ln_dparams_partial(@builtin(global_invocation_id) gid: vec3<u32>) {
    let c = gid.x;
    let blk = gid.y;
    if (c >= p.c || blk >= p.nblk) {
        return;
    }
    let end = min(p.n, (blk + 1u) * RB);
    var s = vec2<f32>(0.0, 0.0);
    for (var row = blk * RB; row < end; row++) {
        let i = row * p.c + c;
        let d = dout[i];
        s += vec2<f32>(d * (x[i] - mean_in[row]) * rstd_in[row], d);
    }
    let o = (blk * p.c + c) * 2u;
    partial[o] = s.x;
    partial[o + 1u] = s.y;
}

@compute @workgroup_size(64)
fn ln_dparams_reduce(@builtin(global_invocation_id) gid: vec3<u32>) {
    let c = gid.x;
    if (c >= p.c) {
        return;
    }
    var s = vec2<f32>(0.0, 0.0);
    for (var blk = 0u; blk < p.nblk; blk++) {
        let o = (blk * p.c + c) * 2u;
        s += vec2<f32>(partial[o], partial[o + 1u]);
    }
    dgamma[c] += s.x;
    dbeta[c] += s.y;
}

// One invocation per row (no workgroup memory, no barriers): for CPU adapters (lavapipe,
// llvmpipe), where barriers are expensive and a row per lane is the natural SIMD layout.
@compute @workgroup_size(64)
fn ln_forward_rowwise(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let row = flat_index(gid, nwg, WG);
    if (row >= p.n) {
        return;
    }
    let base = row * p.c;
    let cf = f32(p.c);
    var s = 0.0;
    for (var j = 0u; j < p.c; j++) {
        s += x[base + j];
    }
    let m = s / cf;
    var v = 0.0;
    for (var j = 0u; j < p.c; j++) {
        let d = x[base + j] - m;
        v += d * d;
    }
    let r = 1.0 / sqrt(v / cf + p.eps);
    for (var j = 0u; j < p.c; j++) {
        out[base + j] = (x[base + j] - m) * r * gamma[j] + beta[j];
    }
    mean[row] = m;
    rstd[row] = r;
}

@compute @workgroup_size(64)
fn ln_backward_dx_rowwise(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let row = flat_index(gid, nwg, WG);
    if (row >= p.n) {
        return;
    }
    let base = row * p.c;
    let m = mean_in[row];
    let r = rstd_in[row];
    var s = vec2<f32>(0.0, 0.0);
    for (var j = 0u; j < p.c; j++) {
        let g = dout[base + j] * gamma[j];
        s += vec2<f32>(g, g * (x[base + j] - m) * r);
    }
    let tot = s / f32(p.c);
    for (var j = 0u; j < p.c; j++) {
        let g = dout[base + j] * gamma[j];
        let xhat = (x[base + j] - m) * r;
        var d = r * (g - tot.x - xhat * tot.y);
        if ((p.flags & 1u) != 0u) {
            d += out[base + j];
        }
        out[base + j] = d;
    }
}
