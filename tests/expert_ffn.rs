//! The expert FFN: a finite-difference check of the CPU backward, the path choice, bitwise
//! identical replays on every adapter, and the row-tile limit. The GPU paths (scattered with the
//! portable and subgroup GEMMs, dense, chunked dense, padded) against the CPU reference on odd
//! shapes are `selftest::moe_checks` (run by tests/selftest.rs), whose random cases these tests
//! share.

use evomoe::function_name;
use evomoe::moe::expert_ffn::{
    expert_ffn_backward_cpu, expert_ffn_cpu, ExpertFfn, ExpertWeights, FfnPath, FfnShape,
};
use evomoe::moe::route::Router;
use evomoe::selftest::moe_checks::{FfnCase, FfnTensors};
use evomoe::testing::{central_differences, on_every_adapter, widen, Tolerance};
use evomoe::{Gpu, Result};

/// Runs `ffn` behind a dropless router, forward + backward, twice: the activations and
/// activation gradients must be bitwise identical (fixed-order sums, nothing stale).
async fn check_replay(gpu: &Gpu, c: &FfnCase, ffn: ExpertFfn, what: &str) -> Result<()> {
    let s = c.s;
    let t = FfnTensors::new(gpu, c)?;
    let router = Router::new(gpu, s.n, s.k, s.e, None)?;
    let mut ds = router.record(gpu, &t.sel)?;
    ds.extend(ffn.forward(gpu, &router, &t.x, &t.w(), &t.selw, &t.out)?);
    ds.extend(ffn.backward(gpu, &router, &t.x, &t.w(), &t.selw, &t.dout, &t.g())?);
    let outputs = async || -> Result<Vec<Vec<f32>>> {
        gpu.run(&ds)?;
        gpu.wait().await?;
        Ok(vec![
            t.out.read_f32(gpu).await?,
            t.dx.read_f32(gpu).await?,
            t.dsel.read_f32(gpu).await?,
        ])
    };
    let first = outputs().await?;
    if first.iter().flatten().any(|v| !v.is_finite()) {
        return Err(evomoe::Error::Config(format!(
            "{what}: an output was not written"
        )));
    }
    let again = outputs().await?;
    for (a, b) in first.iter().zip(&again) {
        if !a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()) {
            return Err(evomoe::Error::Config(format!(
                "{what}: replay is not bitwise identical"
            )));
        }
    }
    Ok(())
}

fn shape(n: usize, k: usize, d: usize, f: usize, e: usize) -> FfnShape {
    FfnShape { n, k, d, f, e }
}

#[test]
fn cpu_backward_matches_finite_differences() {
    let s = shape(5, 2, 4, 6, 3);
    let c = FfnCase::new(3, s, 0.2);
    let x = widen(&c.x);
    let selw = widen(&c.selw);
    let dout = widen(&c.dout);
    let loss = |x: &[f64], w: &ExpertWeights, selw: &[f64]| -> f64 {
        expert_ffn_cpu(s, x, w, &c.sel, selw, None)
            .iter()
            .zip(&dout)
            .map(|(a, b)| a * b)
            .sum()
    };
    let g = expert_ffn_backward_cpu(s, &x, &c.weights(), &c.sel, &selw, None, &dout);
    let h = 1e-3;
    let tol = Tolerance {
        rel: 1e-4,
        abs: 1e-6,
    };
    let mut checks = 0;
    // dx and dsel_weight (f64 inputs).
    let fd_x = central_differences(&x, h, |x| loss(x, &c.weights(), &selw));
    for (i, &fd) in fd_x.iter().enumerate() {
        assert!(tol.close(fd, g.dx[i]), "dx[{i}]: fd {fd} vs {}", g.dx[i]);
        checks += 1;
    }
    let fd_selw = central_differences(&selw, h, |selw| loss(&x, &c.weights(), selw));
    for (i, &fd) in fd_selw.iter().enumerate() {
        assert!(
            tol.close(fd, g.dsel_weight[i]),
            "dsel[{i}]: fd {fd} vs {}",
            g.dsel_weight[i]
        );
        checks += 1;
    }
    // Weights are f32: perturb by a representable step and divide by the actual difference.
    let hw = 1.0 / 256.0f32;
    let names = ["w1", "b1", "w2", "b2"];
    for (wi, name) in names.iter().enumerate() {
        let base = [&c.w1, &c.b1, &c.w2, &c.b2][wi];
        let grad = [&g.dw1, &g.db1, &g.dw2, &g.db2][wi];
        for i in 0..base.len() {
            let eval = |delta: f32| {
                let mut v = [c.w1.clone(), c.b1.clone(), c.w2.clone(), c.b2.clone()];
                v[wi][i] += delta;
                let w = ExpertWeights {
                    w1: &v[0],
                    b1: &v[1],
                    w2: &v[2],
                    b2: &v[3],
                };
                loss(&x, &w, &selw)
            };
            let fd = (eval(hw) - eval(-hw)) / (2.0 * hw as f64);
            // Central differences with a coarse step: curvature error O(h^2).
            let tol = Tolerance {
                rel: 1e-3,
                abs: 1e-5,
            };
            assert!(
                tol.close(fd, grad[i]),
                "d{name}[{i}]: fd {fd} vs {}",
                grad[i]
            );
            checks += 1;
        }
    }
    assert!(checks > 200);
}

#[test]
fn replays_are_bitwise_identical() {
    on_every_adapter(function_name!(), async |gpu| {
        let c = FfnCase::new(11, shape(37, 2, 24, 40, 5), 0.1);
        let ffn = ExpertFfn::with_path(gpu, 37, 2, 24, 40, 5, FfnPath::Scattered)?;
        check_replay(gpu, &c, ffn, "scattered").await?;
        let c = FfnCase::new(23, shape(19, 4, 12, 20, 4), 0.0);
        let ffn = ExpertFfn::dense_chunked(gpu, 19, 4, 12, 20, 4, 3)?;
        check_replay(gpu, &c, ffn, "dense chunked").await
    });
}

#[test]
fn choose_path_threshold() {
    use evomoe::moe::expert_ffn::{choose_path, DENSE_THRESHOLD};
    assert_eq!(choose_path(1.0), FfnPath::Dense);
    assert_eq!(choose_path(1.0 / 8.0), FfnPath::Scattered);
    assert_eq!(choose_path(DENSE_THRESHOLD), FfnPath::Scattered);
}

#[test]
fn too_many_row_tiles_is_a_limit_error() {
    on_every_adapter(function_name!(), async |gpu| {
        // One row tile per 32 assignments: past the workgroups-per-dimension limit the indirect
        // dispatch would be out of spec, so construction refuses (before allocating anything).
        let allowed = gpu.limits.max_compute_workgroups_per_dimension as usize;
        let n = 32 * allowed + 1;
        match ExpertFfn::with_path(gpu, n, 1, 4, 4, 2, FfnPath::Scattered) {
            Err(evomoe::Error::Limit { limit, needed, .. }) => {
                assert_eq!(limit, "max_compute_workgroups_per_dimension");
                assert!(needed > allowed as u64);
            }
            Err(other) => panic!("expected a limit error, got {other}"),
            Ok(_) => panic!("expected a limit error for {n} tokens"),
        }
        // The largest shape that fits the tile limit is accepted by the check (d = f = 1 keeps
        // the activations small).
        let fits = 32 * (allowed - 2);
        ExpertFfn::with_path(gpu, fits, 1, 1, 1, 2, FfnPath::Scattered)?;
        Ok(())
    });
}
