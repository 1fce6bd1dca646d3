// Routing on the GPU: per-expert counts, offsets and the stable expert-sorted permutation of
// (token, slot) assignments, with an optional per-expert capacity (Switch) and a tile table that
// sizes the expert GEMMs through indirect dispatch (no host readback).
//
// Assignment a = t * K + slot selects expert sel[a] (NONE = 0xFFFFFFFF, or any value >= E, is
// an unused slot and is skipped). The assignments are cut into chunks of CHUNK; three passes:
//   route_hist:    cc[c, e]  = #assignments of chunk c that select e          (one inv per (c, e))
//   route_scan:    cc[c, e] <- sum over c' < c of cc[c', e] (in place), counts[e], kept[e] =
//                  min(counts[e], cap), offsets (exclusive scan of kept, E + 1 entries), the tile
//                  table and stats                                             (one workgroup)
//   route_scatter: rank of a inside its expert = cc[c, e] + #earlier matches in its chunk, so the
//                  order is token order (stable); rank < cap -> perm[offsets[e] + rank] = a and
//                  pos[a] = that position; otherwise (dropped or unused) pos[a] = NONE.
// route_args turns the tile count into indirect dispatch arguments for two column widths.
//
// Tiles: vec4(expert, row_start, row_end, 0) over the sorted rows, TILE rows each (the last
// tile of an expert may be shorter). stats = [kept total, dropped, tiles, unused slots].

struct Params {
    nk: u32,        // N * K assignments
    e: u32,         // experts
    cap: u32,       // per-expert capacity (0xFFFFFFFF = dropless)
    nchunks: u32,
    chunk: u32,
    tile: u32,      // rows per tile
    groups_a: u32,  // route_args: first grid dimension of the first argument triple
    groups_b: u32,  // route_args: first grid dimension of the second argument triple
}

const NONE: u32 = 0xFFFFFFFFu;

@group(0) @binding(0) var<storage, read> sel: array<u32>;
@group(0) @binding(1) var<storage, read_write> cc: array<u32>;
@group(0) @binding(2) var<storage, read_write> counts: array<u32>;
@group(0) @binding(3) var<storage, read_write> offsets: array<u32>;
@group(0) @binding(4) var<storage, read_write> perm: array<u32>;
@group(0) @binding(5) var<storage, read_write> pos: array<u32>;
@group(0) @binding(6) var<storage, read_write> tiles: array<vec4<u32>>;
@group(0) @binding(7) var<storage, read_write> stats: array<u32>;
@group(0) @binding(8) var<uniform> p: Params;
@group(0) @binding(9) var<storage, read_write> args: array<u32>;

@compute @workgroup_size(64)
fn route_hist(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x;
    if (i >= p.nchunks * p.e) { return; }
    let c = i / p.e;
    let ex = i % p.e;
    let a0 = c * p.chunk;
    let a1 = min(a0 + p.chunk, p.nk);
    var n = 0u;
    for (var a = a0; a < a1; a++) {
        if (sel[a] == ex) { n++; }
    }
    cc[i] = n;
}

@compute @workgroup_size(64)
fn route_scan(@builtin(local_invocation_id) lid: vec3<u32>) {
    for (var ex = lid.x; ex < p.e; ex += 64u) {
        var run = 0u;
        for (var c = 0u; c < p.nchunks; c++) {
            let v = cc[c * p.e + ex];
            cc[c * p.e + ex] = run;
            run += v;
        }
        counts[ex] = run;
    }
    storageBarrier();
    if (lid.x != 0u) { return; }
    var off = 0u;
    var dropped = 0u;
    var total = 0u;
    var nt = 0u;
    for (var ex = 0u; ex < p.e; ex++) {
        let cnt = counts[ex];
        total += cnt;
        let kept = min(cnt, p.cap);
        dropped += cnt - kept;
        offsets[ex] = off;
        for (var r = 0u; r < kept; r += p.tile) {
            tiles[nt] = vec4<u32>(ex, off + r, off + min(r + p.tile, kept), 0u);
            nt++;
        }
        off += kept;
    }
    offsets[p.e] = off;
    stats[0] = off;
    stats[1] = dropped;
    stats[2] = nt;
    stats[3] = p.nk - total;
}

@compute @workgroup_size(64)
fn route_scatter(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x;
    if (i >= p.nchunks * p.e) { return; }
    let c = i / p.e;
    let ex = i % p.e;
    let a0 = c * p.chunk;
    let a1 = min(a0 + p.chunk, p.nk);
    var rank = cc[i];
    let base = offsets[ex];
    for (var a = a0; a < a1; a++) {
        let s = sel[a];
        if (s == ex) {
            if (rank < p.cap) {
                perm[base + rank] = a;
                pos[a] = base + rank;
            } else {
                pos[a] = NONE;
            }
            rank++;
        } else if (ex == 0u && s >= p.e) {
            pos[a] = NONE;
        }
    }
}

@compute @workgroup_size(1)
fn route_args() {
    let nt = stats[2];
    args[0] = p.groups_a;
    args[1] = nt;
    args[2] = 1u;
    args[3] = p.groups_b;
    args[4] = nt;
    args[5] = 1u;
}
