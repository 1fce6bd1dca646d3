// Fused softmax + cross-entropy, forward and backward in one pass over the logits.
//
// logits (N, V), targets (N) u32, losses (N), hits (N), dlogits (N, V), stats (4):
//   loss_n = logsumexp(x_n) - x_n[y_n] = log(sum_j exp(x_nj - m_n)) - (x_n[y_n] - m_n),
//            m_n = max_j x_nj (max subtraction keeps exp in range); 0 for ignored rows
//            (target == IGNORE_INDEX = 0xffffffff, or any target >= V).
//   L = (1 / n_valid) sum_{valid n} loss_n
//   dL/dx_nj = (softmax(x_n)_j - [j == y_n]) / n_valid  (d logsumexp / dx = softmax), times
//   dloss_scale; 0 for ignored rows.
//   hits_n = 1 when row n is valid and its first largest logit is the target's, else 0
//   (accuracy = sum hits / n_valid: the masked-token accuracy of the masked LM).
//   stats = [L, n_valid, sum loss, sum hits] (L = 0 when no row is valid).
//
// Entry points, run in this order:
//   ce_count  (1 workgroup):  stats[1] = n_valid;
//   ce_rows   (one invocation per row): losses and dlogits (reads n_valid from stats[1]);
//   ce_reduce (1 workgroup):  stats[0], stats[2], stats[3].
// Every reduction is a fixed-order loop (per row) or a fixed-order strided sum followed by a
// fixed tree (count, reduce): deterministic.

struct Params {
    n: u32,
    v: u32,
    dloss_scale: f32,
    _pad: u32,
}

// Workgroup size of ce_count and ce_reduce (power of two <= 256) and of ce_rows.
override WG: u32 = 256u;
override RWG: u32 = 64u;

@group(0) @binding(0) var<storage, read> logits: array<f32>;
@group(0) @binding(1) var<storage, read> targets: array<u32>;
@group(0) @binding(2) var<storage, read_write> losses: array<f32>;
@group(0) @binding(3) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(4) var<storage, read_write> stats: array<f32>;
@group(0) @binding(5) var<storage, read_write> hits: array<f32>;
@group(0) @binding(6) var<uniform> p: Params;


fn valid(y: u32) -> bool {
    return y < p.v;
}

@compute @workgroup_size(WG)
fn ce_count(@builtin(local_invocation_id) l: vec3<u32>) {
    let lid = l.x;
    var c = 0.0;
    for (var i = lid; i < p.n; i += WG) {
        if (valid(targets[i])) { c += 1.0; }
    }
    c = wg_reduce(lid, c, false);
    if (lid == 0u) { stats[1] = c; }
}

// One invocation per row (rows folded into y beyond 65535 workgroups, see Workgroups::linear):
// on CPU adapters a 256-wide tree reduction per row costs far more than a loop over V in one
// invocation; the sums stay in a fixed order.
@compute @workgroup_size(RWG)
fn ce_rows(
    @builtin(global_invocation_id) gid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
) {
    let row = flat_index(gid, nwg, RWG);
    if (row >= p.n) { return; }
    let base = row * p.v;
    let y = targets[row];
    if (!valid(y)) {
        for (var j = 0u; j < p.v; j++) { dlogits[base + j] = 0.0; }
        losses[row] = 0.0;
        hits[row] = 0.0;
        return;
    }
    var m = NEG_FLT_MAX;
    var arg = 0u;
    for (var j = 0u; j < p.v; j++) {
        let x = logits[base + j];
        if (x > m) { m = x; arg = j; }
    }
    hits[row] = select(0.0, 1.0, arg == y);
    var s = 0.0;
    for (var j = 0u; j < p.v; j++) { s += exp(logits[base + j] - m); }
    let scale = p.dloss_scale / max(stats[1], 1.0);
    let inv = 1.0 / s;
    for (var j = 0u; j < p.v; j++) {
        var g = exp(logits[base + j] - m) * inv;
        if (j == y) { g -= 1.0; }
        dlogits[base + j] = g * scale;
    }
    losses[row] = log(s) - (logits[base + y] - m);
}

@compute @workgroup_size(WG)
fn ce_reduce(@builtin(local_invocation_id) l: vec3<u32>) {
    let lid = l.x;
    var s = 0.0;
    var h = 0.0;
    for (var i = lid; i < p.n; i += WG) {
        s += losses[i];
        h += hits[i];
    }
    s = wg_reduce(lid, s, false);
    h = wg_reduce(lid, h, false);
    if (lid == 0u) {
        let n = stats[1];
        var mean = 0.0;
        if (n > 0.0) { mean = s / n; }
        stats[0] = mean;
        stats[2] = s;
        stats[3] = h;
    }
}
