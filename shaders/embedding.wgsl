// Token + position embedding: out[b, t, :] = wte[tokens[b, t], :] + wpe[t, :].
// Shapes: tokens (B*T) u32; wte (V, C); wpe (>= T, C); out, dout (B*T, C); row n = b * T + t.
// A token >= V contributes no wte row (out = wpe only) and gets no wte gradient.
// Gradient (derivation in src/ops/embedding.rs):
//   dwte[v, :] += sum over n with tokens[n] == v of dout[n, :]
//   dwpe[t, :] += sum over b of dout[b * T + t, :]
//
// dwte is reduced deterministically (no float atomics) from a stable counting sort of the
// positions by token, rebuilt on the GPU every step because tokens change every step. The
// positions are cut into tiles of TILE; counts is a (ntile, V) table.
//   emb_clear:   counts[tile, v] = 0
//   emb_count:   counts[tile(n), tokens[n]] += 1    (u32 atomics: exact, order-free)
//   emb_colscan: per v, counts[tile, v] becomes the exclusive prefix over tiles (in place) and
//                offsets[v] the total count of v
//   emb_scan:    offsets becomes the exclusive scan over v (one workgroup), offsets[V] = total
//   emb_place:   sorted[offsets[tok] + counts[tile, tok] + rank] = n, with rank the number of
//                earlier positions of the same tile holding tok: stable, so each row's list is
//                in increasing n
//   emb_dwte:    one invocation per (v, c) sums dout[sorted[i], c] over its segment in order.
//   emb_dwpe:    one invocation per (t, c) sums over b in order.

struct Params {
    b: u32,
    t: u32,
    c: u32,
    v: u32,
    ntile: u32,
    _p0: u32,
    _p1: u32,
    _p2: u32,
}

const WG: u32 = 64u;
const TILE: u32 = 128u;

@group(0) @binding(0) var<storage, read> tokens: array<u32>;
@group(0) @binding(1) var<storage, read> wte: array<f32>;
@group(0) @binding(2) var<storage, read> wpe: array<f32>;
@group(0) @binding(3) var<storage, read> dout: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;
@group(0) @binding(5) var<storage, read_write> dwte: array<f32>;
@group(0) @binding(6) var<storage, read_write> dwpe: array<f32>;
@group(0) @binding(7) var<storage, read_write> counts: array<atomic<u32>>;
@group(0) @binding(8) var<storage, read_write> offsets: array<u32>;
@group(0) @binding(9) var<storage, read_write> sorted: array<u32>;
@group(0) @binding(10) var<uniform> p: Params;

var<workgroup> tile: array<u32, TILE>;
var<workgroup> scan: array<u32, TILE>;

@compute @workgroup_size(64)
fn emb_forward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    let n = i / p.c;
    if (n >= p.b * p.t) {
        return;
    }
    let j = i % p.c;
    let pos = n % p.t;
    let tok = tokens[n];
    var v = wpe[pos * p.c + j];
    if (tok < p.v) {
        v += wte[tok * p.c + j];
    }
    out[i] = v;
}

@compute @workgroup_size(64)
fn emb_clear(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i < p.ntile * p.v) {
        atomicStore(&counts[i], 0u);
    }
}

@compute @workgroup_size(64)
fn emb_count(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let n = flat_index(gid, nwg, WG);
    if (n >= p.b * p.t) {
        return;
    }
    let tok = tokens[n];
    if (tok < p.v) {
        atomicAdd(&counts[(n / TILE) * p.v + tok], 1u);
    }
}

@compute @workgroup_size(64)
fn emb_colscan(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let v = flat_index(gid, nwg, WG);
    if (v >= p.v) {
        return;
    }
    var run = 0u;
    for (var tl = 0u; tl < p.ntile; tl++) {
        let k = tl * p.v + v;
        let cnt = atomicLoad(&counts[k]);
        atomicStore(&counts[k], run);
        run += cnt;
    }
    offsets[v] = run;
}

// One workgroup of TILE invocations: invocation k scans offsets[k * per .. (k + 1) * per) in
// place (it reads its whole chunk before it writes it, and touches no other chunk).
@compute @workgroup_size(128)
fn emb_scan(@builtin(local_invocation_index) lid: u32) {
    let per = (p.v + TILE - 1u) / TILE;
    let lo = min(lid * per, p.v);
    let hi = min(lo + per, p.v);
    var s = 0u;
    for (var v = lo; v < hi; v++) {
        s += offsets[v];
    }
    scan[lid] = s;
    workgroupBarrier();
    // Inclusive Hillis-Steele scan of the chunk totals.
    for (var d = 1u; d < TILE; d <<= 1u) {
        var add = 0u;
        if (lid >= d) {
            add = scan[lid - d];
        }
        workgroupBarrier();
        scan[lid] += add;
        workgroupBarrier();
    }
    var run = scan[lid] - s;
    for (var v = lo; v < hi; v++) {
        let cnt = offsets[v];
        offsets[v] = run;
        run += cnt;
    }
    if (lid == TILE - 1u) {
        offsets[p.v] = scan[lid];
    }
}

// One workgroup per tile of positions.
@compute @workgroup_size(128)
fn emb_place(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
             @builtin(local_invocation_index) lid: u32) {
    let blk = workgroup_index(wid, nwg); // uniform across the workgroup
    if (blk >= p.ntile) {
        return;
    }
    let n = blk * TILE + lid;
    var tok = NONE;
    if (n < p.b * p.t) {
        tok = tokens[n];
    }
    tile[lid] = tok;
    workgroupBarrier();
    if (tok >= p.v) {
        return; // padding or out of range
    }
    var rank = 0u;
    for (var k = 0u; k < lid; k++) {
        rank += select(0u, 1u, tile[k] == tok);
    }
    sorted[offsets[tok] + atomicLoad(&counts[blk * p.v + tok]) + rank] = n;
}

@compute @workgroup_size(64)
fn emb_dwte(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    let v = i / p.c;
    if (v >= p.v) {
        return;
    }
    let j = i % p.c;
    let lo = offsets[v];
    let hi = offsets[v + 1u];
    if (hi == lo) {
        return;
    }
    var s = 0.0;
    for (var k = lo; k < hi; k++) {
        s += dout[sorted[k] * p.c + j];
    }
    dwte[i] += s;
}

@compute @workgroup_size(64)
fn emb_dwpe(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.t * p.c) {
        return;
    }
    var s = 0.0;
    for (var bb = 0u; bb < p.b; bb++) {
        s += dout[bb * p.t * p.c + i];
    }
    dwpe[i] += s;
}
