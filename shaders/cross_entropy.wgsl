// Softmax cross-entropy for the language-model head: the loss in the forward, its gradient in
// the backward, written in place over the logits (no second N x V tensor).
//
// logits (N, V) (read by the forward; overwritten with dL/dlogits by the backward),
// targets (N) u32, losses (N), hits (N), row_stats (N, 2), stats (4):
//   loss_n = logsumexp(x_n) - x_n[y_n] = log(s_n) - (x_n[y_n] - m_n),
//            m_n = max_j x_nj, s_n = sum_j exp(x_nj - m_n) (max subtraction keeps exp in range);
//            0 for ignored rows (target == IGNORE_INDEX = 0xffffffff, or any target >= V).
//   row_stats_n = [m_n, log(s_n)], kept for the backward (log-sum-exp = m_n + log(s_n); kept
//   apart so that x - m is exact where it matters and the gradient stays f32-accurate at large
//   logits); [0, 0] for ignored rows.
//   L = (1 / n_valid) sum_{valid n} loss_n
//   dL/dx_nj = (softmax(x_n)_j - [j == y_n]) / n_valid
//            = (exp((x_nj - m_n) - log(s_n)) - [j == y_n]) / n_valid
//   (d logsumexp / dx = softmax), times dloss_scale; 0 for ignored rows.
//   hits_n = 1 when row n is valid and its first largest logit is the target's, else 0
//   (accuracy = sum hits / n_valid: the masked-token accuracy of the masked LM).
//   stats = [L, n_valid, sum loss, sum hits] (L = 0 when no row is valid).
//
// Entry points, run in this order:
//   forward:  ce_count  (1 workgroup):       stats[1] = n_valid;
//             ce_rows   (1 workgroup a row): one online-softmax pass over the row (running max
//                                            and a sum rescaled when the max grows): losses,
//                                            hits, row_stats;
//             ce_reduce (1 workgroup):       stats[0], stats[2], stats[3];
//   backward: ce_grad   (1 workgroup a row): logits <- dL/dlogits (reads row_stats, stats[1]).
// A forward-only run (evaluation, sampling) leaves the logits intact. Each row is read once by
// the forward (one exp per logit in the blocked loop) and read and written once by the backward
// (one exp per logit). The RWG lanes of a row read consecutive logits (contiguous vector loads
// on CPU adapters); each lane's partial (max, sum, first argmax) is combined by lane 0 in lane
// order, and counts and sums use a fixed-order strided sum followed by a fixed tree: every
// result is deterministic (bit-reproducible run to run).

struct Params {
    n: u32,
    v: u32,
    dloss_scale: f32,
    _pad: u32,
}

// Workgroup size of ce_count and ce_reduce (power of two <= 256), and lanes per row of ce_rows
// and ce_grad (<= MAX_RWG).
override WG: u32 = 256u;
override RWG: u32 = 64u;
const MAX_RWG: u32 = 256u;

@group(0) @binding(0) var<storage, read_write> logits: array<f32>;
@group(0) @binding(1) var<storage, read> targets: array<u32>;
@group(0) @binding(2) var<storage, read_write> losses: array<f32>;
@group(0) @binding(3) var<storage, read_write> hits: array<f32>;
@group(0) @binding(4) var<storage, read_write> row_stats: array<f32>;
@group(0) @binding(5) var<storage, read_write> stats: array<f32>;
@group(0) @binding(6) var<uniform> p: Params;

var<workgroup> row_target: u32;
var<workgroup> part_m: array<f32, MAX_RWG>;
var<workgroup> part_s: array<f32, MAX_RWG>;
var<workgroup> part_arg: array<u32, MAX_RWG>;

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

// One workgroup per row (rows folded into y beyond 65535 workgroups, see Workgroups::linear).
// Lane l visits j = l, l + RWG, ... in blocks of 4: the block's max rescales the running sum
// once (5 exps per 4 logits), so the pass costs about one exp per logit.
@compute @workgroup_size(RWG)
fn ce_rows(
    @builtin(local_invocation_id) l: vec3<u32>,
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
) {
    let row = workgroup_index(wid, nwg);
    if (row >= p.n) { return; }
    let lid = l.x;
    if (lid == 0u) { row_target = targets[row]; }
    let y = workgroupUniformLoad(&row_target);
    if (!valid(y)) {
        if (lid == 0u) {
            losses[row] = 0.0;
            hits[row] = 0.0;
            row_stats[2u * row] = 0.0;
            row_stats[2u * row + 1u] = 0.0;
        }
        return;
    }
    let base = row * p.v;
    var m = NEG_FLT_MAX;
    var s = 0.0;
    var arg = p.v;
    var j = lid;
    // Blocks of 4 while the whole block lies inside the row.
    for (; j + 3u * RWG < p.v; j += 4u * RWG) {
        let x0 = logits[base + j];
        let x1 = logits[base + j + RWG];
        let x2 = logits[base + j + 2u * RWG];
        let x3 = logits[base + j + 3u * RWG];
        // The first largest in visiting order keeps its index (strict >).
        var bm = m;
        var ba = arg;
        if (x0 > bm) { bm = x0; ba = j; }
        if (x1 > bm) { bm = x1; ba = j + RWG; }
        if (x2 > bm) { bm = x2; ba = j + 2u * RWG; }
        if (x3 > bm) { bm = x3; ba = j + 3u * RWG; }
        s = s * exp(m - bm) + exp(x0 - bm) + exp(x1 - bm) + exp(x2 - bm) + exp(x3 - bm);
        m = bm;
        arg = ba;
    }
    for (; j < p.v; j += RWG) {
        let x = logits[base + j];
        if (x > m) {
            s = s * exp(m - x) + 1.0;
            m = x;
            arg = j;
        } else {
            s += exp(x - m);
        }
    }
    part_m[lid] = m;
    part_s[lid] = s;
    part_arg[lid] = arg;
    workgroupBarrier();
    if (lid != 0u) { return; }
    // Lane order: the max, then its first index (ties between lanes go to the lower index).
    var mm = part_m[0];
    var aa = part_arg[0];
    for (var i = 1u; i < RWG; i++) {
        let mi = part_m[i];
        if (mi > mm || (mi == mm && part_arg[i] < aa)) {
            mm = mi;
            aa = part_arg[i];
        }
    }
    var ss = 0.0;
    for (var i = 0u; i < RWG; i++) {
        let si = part_s[i];
        if (si > 0.0) { ss += si * exp(part_m[i] - mm); }
    }
    hits[row] = select(0.0, 1.0, aa == y);
    let ls = log(ss);
    losses[row] = ls - (logits[base + y] - mm);
    row_stats[2u * row] = mm;
    row_stats[2u * row + 1u] = ls;
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

// The backward, in place: one workgroup per row, lanes on consecutive logits.
@compute @workgroup_size(RWG)
fn ce_grad(
    @builtin(local_invocation_id) l: vec3<u32>,
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
) {
    let row = workgroup_index(wid, nwg);
    if (row >= p.n) { return; }
    let base = row * p.v;
    let y = targets[row];
    if (!valid(y)) {
        for (var j = l.x; j < p.v; j += RWG) { logits[base + j] = 0.0; }
        return;
    }
    let scale = p.dloss_scale / max(stats[1], 1.0);
    let m = row_stats[2u * row];
    let ls = row_stats[2u * row + 1u];
    for (var j = l.x; j < p.v; j += RWG) {
        var g = exp((logits[base + j] - m) - ls);
        if (j == y) { g -= 1.0; }
        logits[base + j] = g * scale;
    }
}
