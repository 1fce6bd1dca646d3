//! Routing invariants of the CPU reference on random selections: every kept (token, slot)
//! appears exactly once, counts sum to the selections, stable priority order within an expert
//! (every token's first choice before any second choice, tokens ascending within a slot),
//! capacity drops exactly the overflow in that order (a late token's first choice beats an early
//! token's second), NONE slots are skipped; and on every adapter the GPU against it on the edge
//! cases (empty expert, all tokens to one expert, every slot NONE, one token, K = E, capacity 0),
//! on a grid large enough to fold into y (too slow for the selftest: over a billion shader loop
//! iterations), and with selections rewritten between replays. Random shapes are
//! `selftest::moe_checks` (run by tests/selftest_moe.rs).

use evomoe::function_name;
use evomoe::gpu::Workgroups;
use evomoe::moe::route::{route_cpu, RouteCpu, Router, TILE_ROWS};
use evomoe::moe::NONE;
use evomoe::selftest::moe_checks::random_sel;
use evomoe::testing::{check_equal, ensure, on_every_adapter};
use evomoe::{Error, Gpu, Result, Tensor};

/// Invariants of a routing result of `sel (N, K)`, independent of the reference implementation.
fn invariants(sel: &[u32], k: usize, e: usize, cap: Option<usize>, r: &RouteCpu) -> Result<()> {
    let cap = cap.unwrap_or(usize::MAX);
    let n = sel.len() / k;
    let valid = sel.iter().filter(|&&s| (s as usize) < e).count();
    let total: u32 = r.counts.iter().sum();
    ensure(total as usize == valid, || {
        format!("counts sum {total} != {valid}")
    })?;
    ensure(r.unused as usize == sel.len() - valid, || "unused".into())?;
    // Each expert's selections in priority order: slot 0 of every token, then slot 1, ...
    let mut wanted: Vec<Vec<u32>> = vec![Vec::new(); e];
    for slot in 0..k {
        for t in 0..n {
            let a = t * k + slot;
            if (sel[a] as usize) < e {
                wanted[sel[a] as usize].push(a as u32);
            }
        }
    }
    let mut seen = vec![0u32; sel.len()];
    for (ex, wanted) in wanted.iter().enumerate() {
        let seg = &r.perm[r.offsets[ex] as usize..r.offsets[ex + 1] as usize];
        let want = (r.counts[ex] as usize).min(cap);
        ensure(seg.len() == want, || {
            format!("expert {ex} keeps {}", seg.len())
        })?;
        // The kept ones are exactly the first `cap` selections of ex in priority order.
        ensure(seg == &wanted[..want], || {
            format!("expert {ex}: not stable / wrong drop")
        })?;
        for (i, &a) in seg.iter().enumerate() {
            seen[a as usize] += 1;
            ensure(r.pos[a as usize] == r.offsets[ex] + i as u32, || {
                "pos".into()
            })?;
        }
    }
    for (a, &c) in seen.iter().enumerate() {
        ensure(c <= 1, || format!("assignment {a} appears {c} times"))?;
        if c == 0 {
            ensure(r.pos[a] == NONE, || format!("pos[{a}] should be NONE"))?;
        }
    }
    let dropped: usize = r
        .counts
        .iter()
        .map(|&c| (c as usize).saturating_sub(cap))
        .sum();
    ensure(r.dropped as usize == dropped, || "dropped".into())?;
    let kept: usize = seen.iter().map(|&c| c as usize).sum();
    ensure(kept + dropped == valid, || "kept + dropped".into())?;
    // Tiles cover every kept row once, within one expert, at most TILE_ROWS rows.
    let mut covered = 0;
    for t in &r.tiles {
        let ex = t[0] as usize;
        ensure(
            t[1] < t[2]
                && t[2] - t[1] <= TILE_ROWS as u32
                && t[1] >= r.offsets[ex]
                && t[2] <= r.offsets[ex + 1]
                && t[1] == covered,
            || format!("bad tile {t:?}"),
        )?;
        covered = t[2];
    }
    ensure(covered == r.offsets[e], || "tiles do not cover".into())
}

/// Routes `sel (N, K)` on the GPU (twice: replaying must give the same result, nothing stale
/// from the first run) and compares every output with the CPU reference, which is first checked
/// against the invariants. Returns the grid of the histogram / scatter passes.
async fn gpu_route(
    gpu: &Gpu,
    sel: &[u32],
    n: usize,
    k: usize,
    e: usize,
    cap: Option<usize>,
) -> Result<Workgroups> {
    let want = route_cpu(sel, k, e, cap);
    invariants(sel, k, e, cap, &want)?;
    let router = Router::new(gpu, n, k, e, cap)?;
    let ts = Tensor::from_u32(gpu, &[n, k], sel, "sel")?;
    let ds = router.record(gpu, &ts)?;
    for _ in 0..2 {
        gpu.run(&ds)?;
    }
    let kept = want.offsets[e] as usize;
    let stats = router.read_stats(gpu).await?;
    let what = |field: &str| format!("n={n} k={k} e={e} cap={cap:?}: GPU {field}");
    check_equal(
        &what("counts"),
        &router.counts.read_u32(gpu).await?,
        &want.counts,
    )?;
    check_equal(
        &what("offsets"),
        &router.offsets.read_u32(gpu).await?,
        &want.offsets,
    )?;
    check_equal(
        &what("perm"),
        &router.perm.read_u32(gpu).await?[..kept],
        &want.perm,
    )?;
    check_equal(&what("pos"), &router.pos.read_u32(gpu).await?, &want.pos)?;
    check_equal(&what("tiles"), &router.read_tiles(gpu).await?, &want.tiles)?;
    check_equal(
        &what("stats [kept, dropped, unused]"),
        &[stats.kept, stats.dropped, stats.unused],
        &[kept as u32, want.dropped, want.unused],
    )?;
    Ok(ds[0].workgroups.clone())
}

#[test]
fn route_cpu_invariants_on_random_selections() {
    // The reference itself on random data (the GPU is compared with it on these shapes by
    // `selftest::moe_checks`, run by tests/selftest_moe.rs).
    for &(n, k, e) in &[
        (1usize, 1usize, 1usize),
        (37, 2, 5),
        (300, 1, 8),
        (129, 3, 2),
        (517, 2, 64),
        (70, 1, 1),
    ] {
        for cap in [None, Some(1), Some((n * k).div_ceil(e))] {
            let sel = random_sel((n * 7 + k * 3 + e) as u64, n, k, e, 0.15);
            invariants(&sel, k, e, cap, &route_cpu(&sel, k, e, cap))
                .unwrap_or_else(|err| panic!("n={n} k={k} e={e} cap={cap:?}: {err}"));
        }
    }
}

#[test]
fn route_edge_cases() {
    on_every_adapter(function_name!(), async |gpu| {
        // All tokens to one expert (others empty), with and without capacity.
        let n = 301;
        let sel = vec![3u32; n];
        gpu_route(gpu, &sel, n, 1, 8, None).await?;
        gpu_route(gpu, &sel, n, 1, 8, Some(40)).await?;
        // Every slot NONE, and out-of-range experts are skipped like NONE.
        gpu_route(gpu, &vec![NONE; 2 * 33], 33, 2, 4, None).await?;
        let sel: Vec<u32> = (0..50)
            .map(|i| if i % 3 == 0 { 9 } else { i % 2 })
            .collect();
        gpu_route(gpu, &sel, 25, 2, 2, None).await?;
        // One token, every expert (K = E).
        gpu_route(gpu, &[2, 0, 1], 1, 3, 3, None).await?;
        // K = E for many tokens (the dense DTS phase), spanning several chunks.
        let e = 8;
        let sel: Vec<u32> = (0..100 * e).map(|a| ((a + a / e) % e) as u32).collect();
        gpu_route(gpu, &sel, 100, e, e, None).await?;
        gpu_route(gpu, &sel, 100, e, e, Some(30)).await?;
        // Capacity 0 drops everything.
        gpu_route(gpu, &random_sel(5, 40, 1, 2, 0.0), 40, 1, 2, Some(0)).await?;
        Ok(())
    });
}

#[test]
fn route_capacity_keeps_first_choices_before_second_choices() {
    // Top-2, N = 3, E = 2, capacity 2. Token 0 picks (1, 0), tokens 1 and 2 pick (0, 1).
    // Expert 0 is wanted by a = 1 (token 0's second choice), a = 2 and a = 4 (the first choices
    // of tokens 1 and 2). In token order a = 4, token 2's FIRST choice, would be dropped for
    // token 0's second; in priority order token 0's second choice goes, and on expert 1 token
    // 2's second choice (a = 5) goes after the first choice a = 0 and token 1's second, a = 3.
    let sel = [1, 0, 0, 1, 0, 1];
    let want = RouteCpu {
        counts: vec![3, 3],
        offsets: vec![0, 2, 4],
        perm: vec![2, 4, 0, 3],
        pos: vec![2, NONE, 0, 3, 1, NONE],
        dropped: 2,
        unused: 0,
        tiles: vec![[0, 0, 2], [1, 2, 4]],
    };
    let cpu = route_cpu(&sel, 2, 2, Some(2));
    assert_eq!(cpu, want);
    on_every_adapter(function_name!(), async |gpu| {
        gpu_route(gpu, &sel, 3, 2, 2, Some(2)).await?;
        // Many tokens over several chunks: odd tokens pick expert 0 first, even tokens second.
        // The first choices exactly fill expert 0's capacity, so every second choice to it is
        // dropped (token order would keep the early even tokens' and drop late first choices).
        let (n, k, e) = (700, 2, 4);
        let other = |t: usize| 1 + (t % 3) as u32;
        let sel: Vec<u32> = (0..n)
            .flat_map(|t| match t % 2 {
                1 => [0, other(t)],
                _ => [other(t), 0],
            })
            .collect();
        let cap = n / 2;
        gpu_route(gpu, &sel, n, k, e, Some(cap)).await?;
        let r = route_cpu(&sel, k, e, Some(cap));
        ensure(r.dropped as usize == n / 2, || {
            format!("{} dropped", r.dropped)
        })?;
        for t in 0..n {
            let first_kept = r.pos[t * k] != NONE;
            let second_kept = r.pos[t * k + 1] != NONE;
            ensure(first_kept && second_kept == (t % 2 == 1), || {
                format!("token {t}: first kept {first_kept}, second kept {second_kept}")
            })?;
        }
        Ok(())
    });
}

#[test]
fn route_grid_folded_into_y() {
    // (chunks x E) invocations of 64 beyond 65,535 workgroups: the grid folds into y and the
    // folded part (here the last chunks, i.e. the second choices of the last tokens, where the
    // capacity drops happen) is routed too.
    on_every_adapter(function_name!(), async |gpu| {
        let (n, k, e) = (2_400_000, 2, 256);
        let sel = random_sel(9, n, k, e, 0.05);
        let cap = n * k / e;
        match gpu_route(gpu, &sel, n, k, e, Some(cap)).await? {
            Workgroups::Direct([_, y, _]) if y > 1 => Ok(()),
            other => Err(Error::Config(format!("the grid does not fold: {other:?}"))),
        }
    });
}

#[test]
fn route_selections_change_between_replays() {
    on_every_adapter(function_name!(), async |gpu| {
        let (n, k, e) = (90, 2, 6);
        let router = Router::new(gpu, n, k, e, Some(20))?;
        let ts = Tensor::zeros(gpu, &[n, k], evomoe::gpu::DType::U32, "sel")?;
        let ds = router.record(gpu, &ts)?;
        for seed in 0..3 {
            let sel = random_sel(100 + seed, n, k, e, 0.1);
            gpu.queue
                .write_buffer(&ts.buffer, 0, bytemuck::cast_slice(&sel));
            gpu.run(&ds)?;
            let want = route_cpu(&sel, k, e, Some(20));
            let pos = router.pos.read_u32(gpu).await?;
            ensure(pos == want.pos, || format!("seed {seed}: pos differs"))?;
            ensure(
                router.read_stats(gpu).await?.dropped == want.dropped,
                || "dropped".into(),
            )?;
        }
        Ok(())
    });
}
