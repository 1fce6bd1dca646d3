//! Routing checks: the GPU routing tables (per-expert counts, offsets, the expert-sorted
//! permutation and its inverse, the GEMM tiles, the kept / dropped / unused statistics) equal
//! `route_cpu`'s, dropless and with capacity, on odd sizes. (A grid large enough to fold into
//! y needs over a billion shader loop iterations, too slow for a selftest: tests/route.rs.)

use crate::error::Result;
use crate::gpu::Gpu;
use crate::moe::route::{route_cpu, Router};
use crate::moe::NONE;
use crate::ops::rng::Rng;
use crate::selftest::{Check, Compare, Verdict};
use crate::Tensor;

/// `(N, K, E)`: one token, one expert, K = 3 over E = 3, N not a multiple of the workgroup or
/// of the chunk, more than one chunk.
const SHAPES: &[(usize, usize, usize)] = &[
    (1, 1, 1),
    (7, 3, 3),
    (37, 2, 5),
    (129, 1, 8),
    (300, 2, 8),
    (517, 2, 64),
];

pub(super) fn checks() -> Vec<Check> {
    vec![Check::new("route", "route.tables", |gpu| {
        Box::pin(tables(gpu))
    })]
}

/// Every shape dropless, with capacity 1 and with the balanced capacity `ceil(N K / E)`.
async fn tables(gpu: &Gpu) -> Result<Verdict> {
    let mut cmp = Compare::new();
    for &(n, k, e) in SHAPES {
        for cap in [None, Some(1), Some((n * k).div_ceil(e))] {
            let sel = random_sel((n * 7 + k * 3 + e) as u64, n, k, e, 0.15);
            compare_route(gpu, &mut cmp, &sel, n, k, e, cap).await?;
        }
    }
    Ok(cmp.pass())
}

/// Routes `sel (N, K)` on the GPU (twice: a replay must not see anything stale from the first
/// run) and compares every table with the CPU reference.
async fn compare_route(
    gpu: &Gpu,
    cmp: &mut Compare,
    sel: &[u32],
    n: usize,
    k: usize,
    e: usize,
    cap: Option<usize>,
) -> Result<()> {
    let want = route_cpu(sel, k, e, cap);
    let router = Router::new(gpu, n, k, e, cap)?;
    let ts = Tensor::from_u32(gpu, &[n, k], sel, "sel")?;
    let ds = router.record(gpu, &ts)?;
    for _ in 0..2 {
        gpu.run(&ds)?;
    }
    let kept = want.offsets[e] as usize;
    let what = |field: &str| format!("route N={n} K={k} E={e} cap={cap:?} {field}");
    cmp.check_exact(
        &what("counts"),
        &router.counts.read_u32(gpu).await?,
        &want.counts,
    )?;
    cmp.check_exact(
        &what("offsets"),
        &router.offsets.read_u32(gpu).await?,
        &want.offsets,
    )?;
    let perm = router.perm.read_u32(gpu).await?;
    cmp.check_exact(&what("perm"), &perm[..kept.min(perm.len())], &want.perm)?;
    cmp.check_exact(&what("pos"), &router.pos.read_u32(gpu).await?, &want.pos)?;
    let tiles: Vec<u32> = router.read_tiles(gpu).await?.concat();
    cmp.check_exact(&what("tiles"), &tiles, &want.tiles.concat())?;
    // Expert `x`'s first tile: the tiles of the experts before it.
    let tile_offsets: Vec<u32> = (0..=e)
        .map(|x| want.tiles.iter().filter(|t| (t[0] as usize) < x).count() as u32)
        .collect();
    cmp.check_exact(
        &what("tile_offsets"),
        &router.tile_offsets.read_u32(gpu).await?,
        &tile_offsets,
    )?;
    let stats = router.read_stats(gpu).await?;
    cmp.check_exact(
        &what("stats [kept, dropped, tiles, unused]"),
        &[stats.kept, stats.dropped, stats.tiles, stats.unused],
        &[
            kept as u32,
            want.dropped,
            want.tiles.len() as u32,
            want.unused,
        ],
    )
}

/// K distinct experts per token (or NONE with probability `p_none`).
pub fn random_sel(seed: u64, n: usize, k: usize, e: usize, p_none: f32) -> Vec<u32> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(n * k);
    for _ in 0..n {
        let mut used = Vec::new();
        for _ in 0..k {
            let u = rng.uniform_vec(2, 0.0, 1.0);
            if u[0] < p_none || used.len() == e {
                out.push(NONE);
                continue;
            }
            let mut ex = ((u[1] * e as f32) as usize).min(e - 1);
            while used.contains(&ex) {
                ex = (ex + 1) % e;
            }
            used.push(ex);
            out.push(ex as u32);
        }
    }
    out
}
