#!/usr/bin/env python3
"""Writes the entry point of shaders/matmul_subgroup.wgsl (everything below the marker).

llvmpipe keeps arrays indexed in loops in per-lane scratch memory, so each lane's TM x 16 block
of C is held in named accumulators c<r>_0 .. c<r>_3 (four vec4 of consecutive columns; _2 and
_3 only when WIDE) and every row is written out. Rows come in groups of G (the smallest TM);
group g (rows g .. g + G) sits in `if (TM > g) { .. }` past the first, a pipeline constant, so
groups at or past TM are removed when the pipeline is created. Per slice of 8 k values:
  - lane l loads x<r> = op(A)[min(i0 + r, M - 1), k0 + l] for the rows r of a group (zero past
    K), and row r's value for k0 + kk is x<r> of lane kk (subgroupBroadcast, literal lane);
  - for each row, for kk in 0..8: c<r>_q = fma(A value, b<kk>_q, c<r>_q), q = 0, 1 and (WIDE) 2, 3;
and sg_store_row writes every row (and its WIDE half) at the end, inside the matrix only.

The TM values are src/ops/matmul.rs's SUBGROUP_ROWS (G, 2 G, .., the largest: the accumulators
declared), read from the Rust source.

Usage: python3 scripts/gen/matmul_subgroup.py [--check]   (rewrites the file in place)
"""

import sys

sys.dont_write_bytecode = True
import common  # noqa: E402

SHADER = "shaders/matmul_subgroup.wgsl"
SCRIPT = "scripts/gen/matmul_subgroup.py"


def row_groups():
    """The first row of each group and the group size, from SUBGROUP_ROWS (G, 2 G, .., n G)."""
    tms = common.rust_int_list("src/ops/matmul.rs", "SUBGROUP_ROWS")
    g = tms[0] if tms else 0
    if g <= 0 or tms != [g * (i + 1) for i in range(len(tms))]:
        common.fail(f"src/ops/matmul.rs: SUBGROUP_ROWS = {tms} is not G, 2 G, .., n G")
    return [g * i for i in range(len(tms))], g


def row_fmas(r, ind):
    out = [f"{ind}// row {r}: A[i0 + {r}, k0 + kk] is x{r} of lane kk"]
    for kk in range(8):
        out.append(
            f"{ind}{{ let s = vec4<f32>(subgroupBroadcast(x{r}, {kk}u)); "
            f"c{r}_0 = fma(s, b{kk}_0, c{r}_0); c{r}_1 = fma(s, b{kk}_1, c{r}_1);"
        )
        out.append(
            f"{ind}  if (WIDE) {{ c{r}_2 = fma(s, b{kk}_2, c{r}_2); c{r}_3 = fma(s, b{kk}_3, c{r}_3); }} }}"
        )
    return out


def guarded(g, ind, lines):
    """`lines` (indented by `ind`), inside `if (TM > g) { .. }` unless g is the first group."""
    if g == 0:
        return [ind + line for line in lines]
    return [f"{ind}if (TM > {g}u) {{"] + [ind + "    " + line for line in lines] + [f"{ind}}}"]


def body():
    starts, size = row_groups()
    rows = starts[-1] + size
    out = [
        "@compute @workgroup_size(8)",
        "fn matmul_subgroup(",
        "    @builtin(workgroup_id) wid: vec3<u32>,",
        "    @builtin(subgroup_invocation_id) lane: u32,",
        ") {",
        "    let z = wid.z;",
        "    if (z >= p.batch) { return; }",
        "    let i0 = wid.y * TM;",
        "    let j0 = (wid.x * 8u + lane) * select(8u, 16u, WIDE);",
        "    let ba = base_a(z);",
        "    let bb = base_b(z);",
        "    let m1 = p.m - 1u;",
        "    // c<r>_<q> = C[i0 + r, j0 + 4 q .. j0 + 4 q + 4]; q = 2, 3 only when WIDE.",
    ]
    out += [
        f"    var c{r}_0: vec4<f32>; var c{r}_1: vec4<f32>; var c{r}_2: vec4<f32>; var c{r}_3: vec4<f32>;"
        for r in range(rows)
    ]
    out += [
        "    for (var k0 = 0u; k0 < p.k; k0 += 8u) {",
        "        // This lane's column k0 + lane of op(A), zero past K.",
        "        let kl = k0 + lane;",
        "        let kin = kl < p.k;",
        "        let kc = min(kl, p.k - 1u);",
        "        // b<kk>_<q> = op(B)[k0 + kk, j0 + 4 q .. j0 + 4 q + 4].",
        "        let bt = sg_load_b8(bb, k0, j0);",
        "        var bu: B8;",
        "        if (WIDE) { bu = sg_load_b8(bb, k0, j0 + 8u); }",
    ]
    out += [
        f"        let b{kk}_0 = bt.lo[{kk}]; let b{kk}_1 = bt.hi[{kk}]; "
        f"let b{kk}_2 = bu.lo[{kk}]; let b{kk}_3 = bu.hi[{kk}];"
        for kk in range(8)
    ]
    for g in starts:
        group = range(g, g + size)
        lines = [f"let x{r} = sg_load_a(ba, min(i0 + {r}u, m1), kc, kin);" for r in group]
        for r in group:
            lines += row_fmas(r, "")
        out += guarded(g, "        ", lines)
    out += ["    }", "    let bc = base_c(z);"]
    for g in starts:
        lines = []
        for r in range(g, g + size):
            lines.append(f"sg_store_row(bc, i0 + {r}u, j0, c{r}_0, c{r}_1);")
            lines.append(f"if (WIDE) {{ sg_store_row(bc, i0 + {r}u, j0 + 8u, c{r}_2, c{r}_3); }}")
        out += guarded(g, "    ", lines)
    out += ["}", ""]
    return out


if __name__ == "__main__":
    common.main(SHADER, SCRIPT, body)
