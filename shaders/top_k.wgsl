// Top-k selection over one row of logits, for sampling: only k (index, value) pairs leave the
// GPU instead of the whole row.
//
// logits (N, V) (row `p.row` is read), indices (>= k) u32, values (>= k) f32:
//   (indices[r], values[r]), r = 0 .. k-1, are the k largest logits of the row in the total
//   order "larger value first, then lower index first" (ties go to the lower index), sorted in
//   that order. NaN logits are never selected. When k exceeds the entries that can be selected
//   (k > V), the slots past them hold index NONE (0xffffffff) and value NEG_FLT_MAX.
//   k <= MAX_K (the launcher checks it).
// No gradient: sampling is not differentiated.
//
// One workgroup of WG lanes (256: a lane's loop stays a few hundred iterations even at 50k;
// lavapipe returned wrong results with 1 or 8 lanes over 50,304 logits). Lane l visits j = l, l + WG, ... in increasing order and keeps its
// own k best in registers, sorted (an insertion list: a later equal value has the higher index,
// so it goes after the earlier one). Then k rounds of a WG-way merge: each round a fixed tree
// over the lanes' list heads picks the best one, lane 0 writes it and its lane advances. The
// result is the exact top-k of the total order, whatever WG is: deterministic.

struct Params {
    v: u32,
    k: u32,
    row: u32,
    _pad: u32,
}

const MAX_K: u32 = 64u;
// Lanes of the one workgroup (a power of two <= 256).
override WG: u32 = 256u;

@group(0) @binding(0) var<storage, read> logits: array<f32>;
@group(0) @binding(1) var<storage, read_write> indices: array<u32>;
@group(0) @binding(2) var<storage, read_write> values: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;

var<workgroup> head_val: array<f32, 256>;
var<workgroup> head_idx: array<u32, 256>;
var<workgroup> head_lane: array<u32, 256>;

// NaN by its bits: drivers that compile with fast-math fold `x != x` to false (lavapipe does).
fn is_nan(x: f32) -> bool {
    return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
}

// (va, ia) before (vb, ib) in the selection order; index NONE marks an empty slot (last).
fn before(va: f32, ia: u32, vb: f32, ib: u32) -> bool {
    if (ia == NONE) { return false; }
    if (ib == NONE) { return true; }
    return va > vb || (va == vb && ia < ib);
}

@compute @workgroup_size(WG)
fn top_k(@builtin(local_invocation_id) l: vec3<u32>) {
    let lid = l.x;
    let k = min(p.k, MAX_K);
    let base = p.row * p.v;
    var vals: array<f32, MAX_K>;
    var idxs: array<u32, MAX_K>;
    var count = 0u;
    for (var j = lid; j < p.v; j += WG) {
        let x = logits[base + j];
        // Skips NaN; enters when the list has room or x beats its last (an equal x has a
        // higher index than every entry, so it loses).
        if (is_nan(x) || (count == k && !(x > vals[k - 1u]))) { continue; }
        var pos = min(count, k - 1u);
        while (pos > 0u && x > vals[pos - 1u]) {
            vals[pos] = vals[pos - 1u];
            idxs[pos] = idxs[pos - 1u];
            pos -= 1u;
        }
        vals[pos] = x;
        idxs[pos] = j;
        count = min(count + 1u, k);
    }
    var head = 0u;
    for (var r = 0u; r < k; r++) {
        if (head < count) {
            head_val[lid] = vals[head];
            head_idx[lid] = idxs[head];
        } else {
            head_val[lid] = NEG_FLT_MAX;
            head_idx[lid] = NONE;
        }
        head_lane[lid] = lid;
        workgroupBarrier();
        for (var stride = WG / 2u; stride > 0u; stride /= 2u) {
            if (lid < stride) {
                let o = lid + stride;
                if (before(head_val[o], head_idx[o], head_val[lid], head_idx[lid])) {
                    head_val[lid] = head_val[o];
                    head_idx[lid] = head_idx[o];
                    head_lane[lid] = head_lane[o];
                }
            }
            workgroupBarrier();
        }
        if (lid == 0u) {
            indices[r] = head_idx[0];
            values[r] = head_val[0];
        }
        if (head_lane[0] == lid && head_idx[0] != NONE) { head += 1u; }
        workgroupBarrier();
    }
}
