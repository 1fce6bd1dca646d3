#!/usr/bin/env python3
"""Writes the unrolled entry points of shaders/expert_ffn_sg.wgsl (everything below the marker).

llvmpipe keeps arrays indexed in loops in per-lane scratch memory, so the register blocks of the
subgroup expert GEMMs are named variables and every row is written out. Each lane owns ROWS x 16
outputs (two halves of 8 columns, each two vec4: c<r>_0 .. c<r>_3). A is loaded four floats
at a time (a storage load on llvmpipe is a loop over the lanes, so vec4 loads cost about a
quarter per float) and shared with subgroupBroadcast (the lane index must be a literal): per
slice of 8 k values, in grouped_mm lane l loads A[row l + 8 i, k0 .. k0 + 8] (two vec4) and
row r's values come from lane r % 8; in expert_wgrad lane l loads its sorted row k0 + l at dW
rows m0 + 4 g .. + 4 and dW row 4 g + c takes component c from lane kk. Every row of the block
is computed, also past the end of a partial tile (those rows read the last valid row again and
are not stored): a run-time guard around groups of rows inside the k loop made llvmpipe's code
1.3-1.8x slower on full tiles (measured, `evomoe bench moe --profile`), more than the partial
tiles waste. grouped_mm has a second copy of its k loop for tiles of at most 16 rows, picked
once per workgroup.

The block sizes are read from the Rust source, never copied: grouped_mm's rows are the
router's tile (TILE_ROWS, src/moe/route.rs), expert_wgrad's the most rows of dW per workgroup
(SUBGROUP_WGRAD_ROWS, src/moe/expert_ffn/variant.rs; the override picks half or all of them),
and the columns per workgroup (SUBGROUP_COLUMNS there) must be the 8 lanes x 16 written here.

Usage: python3 scripts/gen/expert_ffn_sg.py [--check]   (rewrites the file in place)
"""

import sys

sys.dont_write_bytecode = True
import common  # noqa: E402

SHADER = "shaders/expert_ffn_sg.wgsl"
SCRIPT = "scripts/gen/expert_ffn_sg.py"
LANES = 8  # one subgroup of 8 lanes per workgroup
LANE_COLS = 16  # columns per lane: c<r>_0 .. c<r>_3


def rust_sizes():
    """(grouped_mm rows, expert_wgrad rows, columns per workgroup) from the Rust source."""
    mm = common.rust_int("src/moe/route.rs", "TILE_ROWS")
    wg = common.rust_int("src/moe/expert_ffn/variant.rs", "SUBGROUP_WGRAD_ROWS")
    cols = common.rust_int("src/moe/expert_ffn/variant.rs", "SUBGROUP_COLUMNS")
    if mm <= 0 or mm % 16:
        common.fail(f"src/moe/route.rs: TILE_ROWS = {mm} is not a positive multiple of 16")
    if wg <= 0 or wg % 16:
        common.fail(f"src/moe/expert_ffn/variant.rs: SUBGROUP_WGRAD_ROWS = {wg} is not a positive multiple of 16")
    if cols != LANES * LANE_COLS:
        common.fail(f"src/moe/expert_ffn/variant.rs: SUBGROUP_COLUMNS = {cols}, the kernels have {LANES} x {LANE_COLS}")
    return mm, wg, cols


def accumulators(rows):
    return [
        f"    var c{r}_0 = vec4<f32>(0.0); var c{r}_1 = vec4<f32>(0.0); "
        f"var c{r}_2 = vec4<f32>(0.0); var c{r}_3 = vec4<f32>(0.0);"
        for r in range(rows)
    ]


def b_values(load):
    out = [f"        let bt = {load.format(c='c0')};", f"        let bu = {load.format(c='c0 + 8u')};"]
    for kk in range(8):
        out.append(
            f"        let b{kk}_0 = bt.lo[{kk}]; let b{kk}_1 = bt.hi[{kk}]; "
            f"let b{kk}_2 = bu.lo[{kk}]; let b{kk}_3 = bu.hi[{kk}];"
        )
    return out


def fma(r, kk, src, ind):
    """c<r> += A value `src` (a scalar, splat to vec4) times B row kk."""
    fmas = " ".join(f"c{r}_{j} = fma(s, b{kk}_{j}, c{r}_{j});" for j in range(4))
    return f"{ind}{{ let s = vec4<f32>({src}); {fmas} }}"


def mm_fma_block(rows):
    """The FMAs of one k slice of grouped_mm: lane l holds A[row l + 8 i, k0 .. k0 + 8] as
    xa<i>_0 (k0 .. k0 + 4) and xa<i>_1 (k0 + 4 .. k0 + 8); row r's values come from lane r % 8."""
    out = []
    for i in range(rows // 8):
        out.append(f"        let xa{i}_0 = load_a4(rbl{i}, k0);")
        out.append(f"        let xa{i}_1 = load_a4(rbl{i}, k0 + 4u);")
    for r in range(rows):
        for h in range(2):
            out.append(f"        {{ let v = subgroupBroadcast(xa{r // 8}_{h}, {r % 8}u);")
            for c in range(4):
                out.append(fma(r, 4 * h + c, f"v[{c}]", "            "))
            out.append("        }")
    return out


def wg_fma_block(rows, half_guard):
    """The FMAs of one k slice of expert_wgrad: lane l holds A[src(k0 + l), m0 + 4 g .. + 4] as
    xa<g>; dW row r = 4 g + c takes component c from lane kk. Rows past the first half sit in
    `if (half_guard) { .. }` (a pipeline constant: the branch is folded away)."""
    out = []
    for h, groups in enumerate([range(rows // 8), range(rows // 8, rows // 4)]):
        ind = "        "
        if h == 1:
            out.append(f"        if ({half_guard}) {{")
            ind += "    "
        for g in groups:
            out.append(f"{ind}let xa{g} = select(vec4<f32>(0.0), load_a4_cols(ab, m0 + {4 * g}u), kin);")
        # Row by row, each row's 8 FMAs back to back (as in grouped_mm): interleaving rows
        # per kk made llvmpipe reload every accumulator (measured 1.2x slower).
        for g in groups:
            out.append(f"{ind}{{")
            for kk in range(8):
                out.append(f"{ind}    let v{kk} = subgroupBroadcast(xa{g}, {kk}u);")
            for c in range(4):
                for kk in range(8):
                    out.append(fma(4 * g + c, kk, f"v{kk}[{c}]", ind + "    "))
            out.append(f"{ind}}}")
        if h == 1:
            out.append("        }")
    return out


def grouped_mm(r, cols):
    out = [
        f"// One tile of <= {r} sorted rows of one expert x {cols} output columns ({LANE_COLS} per lane).",
        "@compute @workgroup_size(8)",
        "fn grouped_mm(@builtin(subgroup_invocation_id) lane: u32, @builtin(workgroup_id) wid: vec3<u32>) {",
        "    let t = tiles[wid.y];",
        "    let ex = t.x;",
        "    let r0 = t.y;",
        "    let nrows = t.z - t.y;",
        f"    let c0 = wid.x * {cols}u + lane * {LANE_COLS}u;",
        "    let wb = ex * p.kdim * p.ncols;",
        "    let rl = nrows - 1u;",
    ]
    out += [f"    let rbl{i} = row_base(r0 + min(lane + {8 * i}u, rl));" for i in range(r // 8)]
    out += accumulators(r)
    # One k loop per row class, chosen outside the loop (uniform per workgroup): a tile with
    # at most TILE_ROWS / 2 rows (an expert's last, partial tile) computes half the rows.
    for i, rows in enumerate([r, r // 2]):
        loop = [
            "    for (var k0 = 0u; k0 < p.kdim; k0 += 8u) {",
        ]
        loop += b_values("load_b8(wb, k0, {c})")
        loop += mm_fma_block(rows)
        loop += ["    }"]
        out.append(f"    if (nrows > {r // 2}u) {{" if i == 0 else "    } else {")
        out += ["    " + line for line in loop]
    out += [
        "    }",
        "    let ba = load_bias8(ex, c0);",
        "    let bb = load_bias8(ex, c0 + 8u);",
    ]
    for i in range(r):
        out.append(
            f"    if ({i}u < nrows) {{ mm_store_row(ex, r0 + {i}u, c0, c{i}_0, c{i}_1, ba); "
            f"mm_store_row(ex, r0 + {i}u, c0 + 8u, c{i}_2, c{i}_3, bb); }}"
        )
    out.append("}")
    return out


def expert_wgrad(r, cols):
    out = [
        "// dW[e] (mdim x ncols) += sum over e's sorted rows r of A[src(r), :]^T aux[r, :]; the first",
        f"// row block also adds db[e] += colsum aux. Grid (ceil(ncols / {cols}), E * ceil(mdim / WG_ROWS)):",
        f"// a workgroup owns WG_ROWS rows x {cols} columns of one expert's dW and walks all its rows.",
        f"override WG_ROWS: u32 = {r}u; // {r // 2} or {r}",
        "@compute @workgroup_size(8)",
        "fn expert_wgrad(@builtin(subgroup_invocation_id) lane: u32, @builtin(workgroup_id) wid: vec3<u32>) {",
        "    let mblocks = (p.mdim + WG_ROWS - 1u) / WG_ROWS;",
        "    let ex = wid.y / mblocks;",
        "    let m0 = (wid.y % mblocks) * WG_ROWS;",
        f"    let c0 = wid.x * {cols}u + lane * {LANE_COLS}u;",
        "    let rbeg = offsets[ex];",
        "    let rend = offsets[ex + 1u];",
        "    if (rbeg == rend) { return; } // no rows: dW and db gain nothing (uniform per workgroup)",
        "    var s0 = vec4<f32>(0.0); var s1 = vec4<f32>(0.0); var s2 = vec4<f32>(0.0); var s3 = vec4<f32>(0.0);",
    ]
    out += accumulators(r)
    out += [
        "    for (var k0 = rbeg; k0 < rend; k0 += 8u) {",
        "        let kl = k0 + lane;",
        "        let kin = kl < rend;",
        "        let ab = row_base(min(kl, rend - 1u));",
    ]
    out += b_values("load_aux8(k0, rend, {c})")
    for j in range(4):
        out.append(f"        s{j} += " + " + ".join(f"b{kk}_{j}" for kk in range(8)) + ";")
    out += wg_fma_block(r, f"WG_ROWS > {r // 2}u")
    out += ["    }", "    let ob = ex * p.mdim * p.ncols;"]
    for i in range(r):
        guard = f"if (WG_ROWS > {r // 2}u) {{ " if i >= r // 2 else "{ "
        out.append(
            f"    {guard}wg_store_row(m0 + {i}u, ob, c0, c{i}_0, c{i}_1); "
            f"wg_store_row(m0 + {i}u, ob, c0 + 8u, c{i}_2, c{i}_3); }}"
        )
    out += [
        "    if (m0 == 0u) {",
        "        db_store(ex, c0, s0, s1);",
        "        db_store(ex, c0 + 8u, s2, s3);",
        "    }",
        "}",
    ]
    return out


def body():
    mm, wg, cols = rust_sizes()
    return grouped_mm(mm, cols) + [""] + expert_wgrad(wg, cols)


if __name__ == "__main__":
    common.main(SHADER, SCRIPT, body)
