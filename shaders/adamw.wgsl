// AdamW (decoupled weight decay) with global gradient-norm clipping.
//
// adamw, per element, step t >= 1, clip factor c = norm[0] (from grad_norm; 1 when clipping is
// off):
//   g  = c * grad
//   m  = beta1 m + (1 - beta1) g
//   v  = beta2 v + (1 - beta2) g^2
//   p -= lr * ( (m / bc1) / (sqrt(v / bc2) + eps) + wd * p )   (wd only for decayed tensors)
// with bias corrections bc1 = 1 - beta1^t, bc2 = 1 - beta2^t computed on the host in f64.
//
// grad_norm_partial, per gradient tensor: up to PARTS workgroups (sized to the tensor by the
// launcher) each sum the squares of a fixed, strided subset of the tensor (fixed order per
// invocation, then a fixed tree), writing norm[part_base + wg]; workgroup 0 also zeroes the
// tensor's unused slots norm[part_base + nwg .. part_base + PARTS]. grad_norm_final (one workgroup) sums all partials the same way and
// writes norm[0] = min(1, max_norm / (||g|| + 1e-6)) (1 if max_norm <= 0) and norm[1] = ||g||.
// No float atomics: the result does not depend on scheduling.

struct Params {
    n: u32,          // elements in p, g, m, v
    flags: u32,      // FLAG_DECAY, FLAG_CLIP
    lr: f32,
    beta1: f32,
    beta2: f32,
    eps: f32,
    weight_decay: f32,
    bc1: f32,        // 1 - beta1^t
    bc2: f32,        // 1 - beta2^t
    _p0: u32,
    _p1: u32,
    _p2: u32,
}

struct NormParams {
    n: u32,          // adamw: elements of this gradient tensor; final: number of partials
    base: u32,       // index in norm of this tensor's first partial
    max_norm: f32,
    _pad: u32,
}

// Params.flags bits (FLAG_DECAY, FLAG_CLIP in adamw.rs): apply weight decay; multiply the
// gradient by the clip factor norm[0].
const FLAG_DECAY: u32 = 1u;
const FLAG_CLIP: u32 = 2u;

override WG: u32 = 256u;
// Partial-sum slots per gradient tensor (GRAD_NORM_PARTS in adamw.rs).
const PARTS: u32 = 64u;

@group(0) @binding(0) var<storage, read> g: array<f32>;
@group(0) @binding(1) var<storage, read_write> param: array<f32>;
@group(0) @binding(2) var<storage, read_write> m1: array<f32>;
@group(0) @binding(3) var<storage, read_write> m2: array<f32>;
@group(0) @binding(4) var<storage, read> norm_in: array<f32>;
@group(0) @binding(5) var<storage, read_write> norm: array<f32>;
@group(0) @binding(6) var<uniform> p: Params;
@group(0) @binding(7) var<uniform> q: NormParams;

// Flat index of a 1-D launch folded into y (see Workgroups::linear).
@compute @workgroup_size(WG)
fn adamw(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.n) { return; }
    var grad = g[i];
    if ((p.flags & FLAG_CLIP) != 0u) { grad *= norm_in[0]; }
    let mi = p.beta1 * m1[i] + (1.0 - p.beta1) * grad;
    let vi = p.beta2 * m2[i] + (1.0 - p.beta2) * grad * grad;
    m1[i] = mi;
    m2[i] = vi;
    var step = (mi / p.bc1) / (sqrt(vi / p.bc2) + p.eps);
    let w = param[i];
    if ((p.flags & FLAG_DECAY) != 0u) { step += p.weight_decay * w; }
    param[i] = w - p.lr * step;
}


@compute @workgroup_size(WG)
fn grad_norm_partial(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_id) l: vec3<u32>,
) {
    let lid = l.x;
    let stride = nwg.x * WG;
    var s = 0.0;
    for (var i = wid.x * WG + lid; i < q.n; i += stride) {
        let x = g[i];
        s += x * x;
    }
    if (wid.x == 0u) {
        for (var k = nwg.x + lid; k < PARTS; k += WG) { norm[q.base + k] = 0.0; }
    }
    s = wg_reduce(lid, s, false);
    if (lid == 0u) { norm[q.base + wid.x] = s; }
}

@compute @workgroup_size(WG)
fn grad_norm_final(@builtin(local_invocation_id) l: vec3<u32>) {
    let lid = l.x;
    var s = 0.0;
    for (var i = lid; i < q.n; i += WG) { s += norm[q.base + i]; }
    s = wg_reduce(lid, s, false);
    if (lid == 0u) {
        let total = sqrt(s);
        var clip = 1.0;
        if (q.max_norm > 0.0) { clip = min(1.0, q.max_norm / (total + 1e-6)); }
        norm[0] = clip;
        norm[1] = total;
    }
}
