//! Routing invariants on every adapter against the CPU reference: every kept (token, slot)
//! appears exactly once, counts sum to the selections, stable token order within an expert,
//! Switch capacity drops exactly the overflow in token order, NONE slots are skipped, and the
//! edge cases (empty expert, all tokens to one expert, one token, E = 1, 2, 8, 64, N not a
//! multiple of the workgroup or of the chunk).

use evomoe::moe::route::{route_cpu, RouteCpu, Router, NONE, TILE_ROWS};
use evomoe::ops::rng::Rng;
use evomoe::{Error, Gpu, Result, Tensor};

fn check(cond: bool, msg: impl FnOnce() -> String) -> Result<()> {
    if cond {
        Ok(())
    } else {
        Err(Error::Config(msg()))
    }
}

/// Invariants of a routing result, independent of the reference implementation.
fn invariants(sel: &[u32], e: usize, cap: Option<usize>, r: &RouteCpu) -> Result<()> {
    let cap = cap.unwrap_or(usize::MAX);
    let valid = sel.iter().filter(|&&s| (s as usize) < e).count();
    let total: u32 = r.counts.iter().sum();
    check(total as usize == valid, || {
        format!("counts sum {total} != {valid}")
    })?;
    check(r.unused as usize == sel.len() - valid, || "unused".into())?;
    let mut seen = vec![0u32; sel.len()];
    for ex in 0..e {
        let seg = &r.perm[r.offsets[ex] as usize..r.offsets[ex + 1] as usize];
        let want = (r.counts[ex] as usize).min(cap);
        check(seg.len() == want, || {
            format!("expert {ex} keeps {}", seg.len())
        })?;
        // The kept ones are exactly the first `cap` selections of ex in token order.
        let firsts: Vec<u32> = (0..sel.len() as u32)
            .filter(|&a| sel[a as usize] as usize == ex)
            .take(cap)
            .collect();
        check(seg == &firsts[..], || {
            format!("expert {ex}: not stable / wrong drop")
        })?;
        for (i, &a) in seg.iter().enumerate() {
            seen[a as usize] += 1;
            check(r.pos[a as usize] == r.offsets[ex] + i as u32, || {
                "pos".into()
            })?;
        }
    }
    for (a, &c) in seen.iter().enumerate() {
        check(c <= 1, || format!("assignment {a} appears {c} times"))?;
        if c == 0 {
            check(r.pos[a] == NONE, || format!("pos[{a}] should be NONE"))?;
        }
    }
    let dropped: usize = r
        .counts
        .iter()
        .map(|&c| (c as usize).saturating_sub(cap))
        .sum();
    check(r.dropped as usize == dropped, || "dropped".into())?;
    let kept: usize = seen.iter().map(|&c| c as usize).sum();
    check(kept + dropped == valid, || "kept + dropped".into())?;
    // Tiles cover every kept row once, within one expert, at most TILE_ROWS rows.
    let mut covered = 0;
    for t in &r.tiles {
        let ex = t[0] as usize;
        check(
            t[1] < t[2]
                && t[2] - t[1] <= TILE_ROWS as u32
                && t[1] >= r.offsets[ex]
                && t[2] <= r.offsets[ex + 1]
                && t[1] == covered,
            || format!("bad tile {t:?}"),
        )?;
        covered = t[2];
    }
    check(covered == r.offsets[e], || "tiles do not cover".into())
}

fn gpu_route(
    gpu: &Gpu,
    sel: &[u32],
    n: usize,
    k: usize,
    e: usize,
    cap: Option<usize>,
) -> Result<()> {
    let want = route_cpu(sel, e, cap);
    invariants(sel, e, cap, &want)?;
    let router = Router::new(gpu, n, k, e, cap)?;
    let ts = Tensor::from_u32(gpu, &[n, k], sel, "sel")?;
    let ds = router.record(gpu, &ts)?;
    // Run twice: replaying must give the same result (nothing stale from the first run).
    for _ in 0..2 {
        gpu.run(&ds.iter().collect::<Vec<_>>())?;
    }
    let kept = want.offsets[e] as usize;
    let got = RouteCpu {
        counts: router.counts.read_u32(gpu)?,
        offsets: router.offsets.read_u32(gpu)?,
        perm: router.perm.read_u32(gpu)?[..kept].to_vec(),
        pos: router.pos.read_u32(gpu)?,
        dropped: router.read_stats(gpu)?.dropped,
        unused: router.read_stats(gpu)?.unused,
        tiles: router.read_tiles(gpu)?,
    };
    check(got == want, || {
        format!("n={n} k={k} e={e} cap={cap:?}: GPU routing differs from CPU\n got {got:?}\nwant {want:?}")
    })?;
    check(router.read_stats(gpu)?.kept as usize == kept, || {
        "kept stat".into()
    })
}

/// K distinct experts per token (or NONE with probability `p_none`).
fn random_sel(seed: u64, n: usize, k: usize, e: usize, p_none: f32) -> Vec<u32> {
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

#[test]
fn route_random_dropless_and_capacity() {
    evomoe::testing::on_every_adapter("route_random_dropless_and_capacity", |gpu| {
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
                gpu_route(gpu, &sel, n, k, e, cap)?;
            }
        }
        Ok(())
    });
}

#[test]
fn route_edge_cases() {
    evomoe::testing::on_every_adapter("route_edge_cases", |gpu| {
        // All tokens to one expert (others empty), with and without capacity.
        let n = 301;
        let sel = vec![3u32; n];
        gpu_route(gpu, &sel, n, 1, 8, None)?;
        gpu_route(gpu, &sel, n, 1, 8, Some(40))?;
        // Every slot NONE, and out-of-range experts are skipped like NONE.
        gpu_route(gpu, &vec![NONE; 2 * 33], 33, 2, 4, None)?;
        let sel: Vec<u32> = (0..50)
            .map(|i| if i % 3 == 0 { 9 } else { i % 2 })
            .collect();
        gpu_route(gpu, &sel, 25, 2, 2, None)?;
        // One token, every expert (K = E).
        gpu_route(gpu, &[2, 0, 1], 1, 3, 3, None)?;
        // K = E for many tokens (the dense DTS phase), spanning several chunks.
        let e = 8;
        let sel: Vec<u32> = (0..100 * e).map(|a| ((a + a / e) % e) as u32).collect();
        gpu_route(gpu, &sel, 100, e, e, None)?;
        gpu_route(gpu, &sel, 100, e, e, Some(30))?;
        // Capacity 0 drops everything.
        gpu_route(gpu, &random_sel(5, 40, 1, 2, 0.0), 40, 1, 2, Some(0))
    });
}

#[test]
fn route_selections_change_between_replays() {
    evomoe::testing::on_every_adapter("route_selections_change_between_replays", |gpu| {
        let (n, k, e) = (90, 2, 6);
        let router = Router::new(gpu, n, k, e, Some(20))?;
        let ts = Tensor::zeros(gpu, &[n, k], evomoe::gpu::DType::U32, "sel")?;
        let ds = router.record(gpu, &ts)?;
        for seed in 0..3 {
            let sel = random_sel(100 + seed, n, k, e, 0.1);
            gpu.queue
                .write_buffer(&ts.buffer, 0, bytemuck::cast_slice(&sel));
            gpu.run(&ds.iter().collect::<Vec<_>>())?;
            let want = route_cpu(&sel, e, Some(20));
            let pos = router.pos.read_u32(gpu)?;
            check(pos == want.pos, || format!("seed {seed}: pos differs"))?;
            check(router.read_stats(gpu)?.dropped == want.dropped, || {
                "dropped".into()
            })?;
        }
        Ok(())
    });
}
