// Routing on the GPU: per-expert counts, offsets and the stable expert-sorted permutation of
// (token, slot) assignments, with an optional per-expert capacity (Switch, top-2) and a tile
// table that sizes the expert GEMMs through indirect dispatch (no host readback).
//
// Assignment a = t * K + slot selects expert sel[a] (NONE = 0xFFFFFFFF, or any value >= E, is
// an unused slot and is skipped). Assignments are ranked in PRIORITY order
//   b = slot * N + t,   a(b) = (b % N) * K + b / N,
// every token's first choice (slot 0) before any second choice, so a capacity limit drops the
// lowest-priority slots first (GShard: a late token's first choice beats an early token's
// second). The priority range 0 .. N K is cut into chunks of CHUNK; five passes:
//   route_hist:    cc[c, e] = #assignments of chunk c that select e    (one invocation per (c, e))
//   route_colscan: cc[c, e] <- sum over c' < c of cc[c', e] (in place), counts[e]
//                                                                        (one workgroup per e)
//   route_offsets: kept[e] = min(counts[e], cap), offsets = exclusive scan of kept (E + 1
//                  entries), tile_offsets = exclusive scan of ceil(kept[e] / TILE), stats
//                                                                        (one workgroup)
//   route_tiles:   the tile table                                        (one invocation per tile)
//   route_scatter: rank of a inside its expert = cc[c, e] + #earlier matches in its chunk, so the
//                  order is priority order (stable); rank < cap -> perm[offsets[e] + rank] = a
//                  and pos[a] = that position; otherwise (dropped or unused) pos[a] = NONE.
// route_args turns the tile count into indirect dispatch arguments for two column widths.
// The grids of route_hist, route_scatter and route_tiles fold into y past 65,535 workgroups
// (Workgroups::linear): their flat index is flat_index(gid, nwg, WG). Every loop of an
// invocation is short (CHUNK, 2 nchunks / SWG, 2 E / SWG, log2 E iterations): llvmpipe silently
// ends an invocation's loops after 65,535 iterations in all.
//
// Tiles: vec4(expert, row_start, row_end, 0) over the sorted rows, TILE rows each (the last
// tile of an expert may be shorter). stats = [kept total, dropped, tiles, unused slots].

struct Params {
    n: u32,         // N tokens
    k: u32,         // K slots per token
    nk: u32,        // N * K assignments
    e: u32,         // experts
    cap: u32,       // per-expert capacity (0xFFFFFFFF = dropless)
    nchunks: u32,
    chunk: u32,
    tile: u32,      // rows per tile
    groups_a: u32,  // route_args: first grid dimension of the first argument triple
    groups_b: u32,  // route_args: first grid dimension of the second argument triple
    _p0: u32,
    _p1: u32,
}

const WG: u32 = 64u;
const SWG: u32 = 256u; // workgroup size of the scans

var<workgroup> scan: array<vec3<u32>, SWG>;

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
@group(0) @binding(10) var<storage, read_write> tile_offsets: array<u32>;

// The assignment of priority b.
fn assignment(b: u32) -> u32 {
    return (b % p.n) * p.k + b / p.n;
}

@compute @workgroup_size(WG)
fn route_hist(@builtin(global_invocation_id) gid: vec3<u32>,
              @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.nchunks * p.e) { return; }
    let c = i / p.e;
    let ex = i % p.e;
    let b0 = c * p.chunk;
    let b1 = min(b0 + p.chunk, p.nk);
    var n = 0u;
    for (var b = b0; b < b1; b++) {
        if (sel[assignment(b)] == ex) { n++; }
    }
    cc[i] = n;
}

// Inclusive Hillis-Steele scan of scan[0 .. SWG) in place; every invocation of the workgroup
// calls it.
fn scan_workgroup(lid: u32) {
    for (var d = 1u; d < SWG; d <<= 1u) {
        var add = vec3<u32>(0u);
        if (lid >= d) {
            add = scan[lid - d];
        }
        workgroupBarrier();
        scan[lid] += add;
        workgroupBarrier();
    }
}

// Workgroup ex scans expert ex's column; invocation lid owns chunks [lid per, (lid + 1) per).
@compute @workgroup_size(SWG)
fn route_colscan(@builtin(workgroup_id) wid: vec3<u32>,
                 @builtin(num_workgroups) nwg: vec3<u32>,
                 @builtin(local_invocation_index) lid: u32) {
    let ex = workgroup_index(wid, nwg); // uniform across the workgroup
    if (ex >= p.e) { return; }
    let per = (p.nchunks + SWG - 1u) / SWG;
    let c0 = min(lid * per, p.nchunks);
    let c1 = min(c0 + per, p.nchunks);
    var mine = 0u;
    for (var c = c0; c < c1; c++) {
        mine += cc[c * p.e + ex];
    }
    scan[lid] = vec3<u32>(mine, 0u, 0u);
    workgroupBarrier();
    scan_workgroup(lid);
    var run = scan[lid].x - mine;
    for (var c = c0; c < c1; c++) {
        let v = cc[c * p.e + ex];
        cc[c * p.e + ex] = run;
        run += v;
    }
    if (lid == SWG - 1u) {
        counts[ex] = run;
    }
}

// Invocation lid owns experts [lid per, (lid + 1) per); the scan runs over (kept, tiles, count).
@compute @workgroup_size(SWG)
fn route_offsets(@builtin(local_invocation_index) lid: u32) {
    let per = (p.e + SWG - 1u) / SWG;
    let e0 = min(lid * per, p.e);
    let e1 = min(e0 + per, p.e);
    var mine = vec3<u32>(0u);
    for (var ex = e0; ex < e1; ex++) {
        let kept = min(counts[ex], p.cap);
        mine += vec3<u32>(kept, (kept + p.tile - 1u) / p.tile, counts[ex]);
    }
    scan[lid] = mine;
    workgroupBarrier();
    scan_workgroup(lid);
    var run = scan[lid] - mine;
    for (var ex = e0; ex < e1; ex++) {
        offsets[ex] = run.x;
        tile_offsets[ex] = run.y;
        let kept = min(counts[ex], p.cap);
        run += vec3<u32>(kept, (kept + p.tile - 1u) / p.tile, counts[ex]);
    }
    if (lid == SWG - 1u) {
        offsets[p.e] = run.x;
        tile_offsets[p.e] = run.y;
        stats[0] = run.x;
        stats[1] = run.z - run.x;
        stats[2] = run.y;
        stats[3] = p.nk - run.z;
    }
}

// Tile j belongs to the last expert lo with tile_offsets[lo] <= j (binary search).
@compute @workgroup_size(WG)
fn route_tiles(@builtin(global_invocation_id) gid: vec3<u32>,
               @builtin(num_workgroups) nwg: vec3<u32>) {
    let j = flat_index(gid, nwg, WG);
    if (j >= stats[2]) { return; }
    var lo = 0u; // tile_offsets[lo] <= j < tile_offsets[hi]
    var hi = p.e;
    while (hi - lo > 1u) {
        let mid = (lo + hi) / 2u;
        if (tile_offsets[mid] <= j) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let r = (j - tile_offsets[lo]) * p.tile;
    let kept = offsets[lo + 1u] - offsets[lo];
    tiles[j] = vec4<u32>(lo, offsets[lo] + r, offsets[lo] + min(r + p.tile, kept), 0u);
}

@compute @workgroup_size(WG)
fn route_scatter(@builtin(global_invocation_id) gid: vec3<u32>,
                 @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= p.nchunks * p.e) { return; }
    let c = i / p.e;
    let ex = i % p.e;
    let b0 = c * p.chunk;
    let b1 = min(b0 + p.chunk, p.nk);
    var rank = cc[i];
    let base = offsets[ex];
    for (var b = b0; b < b1; b++) {
        let a = assignment(b);
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
