//! The MoE checks of `evomoe selftest` (`selftest::moe_checks`: gates, routing, expert FFNs,
//! padded FFN, spawn, MoE layer) on every adapter, and a proof that a comparison fails on a
//! corrupted GPU result and names the array.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use evomoe::error::INSTALL_HINT;
use evomoe::moe::gate::{forward_cpu, Gate, GateConfig};
use evomoe::selftest::moe_checks::{checks, compare_gate_forward};
use evomoe::selftest::{Check, Compare, Verdict};
use evomoe::testing::{on_every_adapter, random_vec, run_on_all_adapters};
use evomoe::{Error, Gpu, Result, Tensor};

/// Adapters where every MoE check's variant must run: lavapipe (Vulkan on llvmpipe, which has
/// subgroups of 8), and any adapter with subgroups of exactly 8 (what the subgroup expert
/// GEMMs need). A `NotAvailable` there is a failure, so a variant cannot silently drop out.
fn must_run_everything(gpu: &Gpu) -> bool {
    let lavapipe = gpu.info.backend == wgpu::Backend::Vulkan && gpu.info.name.contains("llvmpipe");
    let sg8 =
        gpu.has_subgroups() && gpu.info.subgroup_min_size == 8 && gpu.info.subgroup_max_size == 8;
    lavapipe || sg8
}

/// Runs one check, catching a panic; `Err` with the reason when it failed.
fn run_check(check: &Check, gpu: &Gpu) -> std::result::Result<String, String> {
    match catch_unwind(AssertUnwindSafe(|| (check.run)(gpu))) {
        Ok(Ok(Verdict::Pass { max_rel_err })) => Ok(format!("ok, max rel err {max_rel_err:.2e}")),
        Ok(Ok(Verdict::NotAvailable(why))) if must_run_everything(gpu) => Err(format!(
            "not available on an adapter that supports it: {why}"
        )),
        Ok(Ok(Verdict::NotAvailable(why))) => Ok(format!("not available: {why}")),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("panicked".into()),
    }
}

/// Every check on every adapter, one device per adapter for all of them (a software driver
/// compiles each pipeline in seconds, and a device compiles it once); every failing check is
/// listed by adapter and name.
#[test]
fn every_moe_check_passes_on_every_adapter() {
    let checks = checks();
    let mut names: Vec<&str> = checks.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), checks.len(), "check names must be unique");
    for family in [
        "gate",
        "route",
        "expert_ffn",
        "padded_ffn",
        "spawn",
        "moe_layer",
    ] {
        assert!(
            checks
                .iter()
                .any(|c| c.family == family && c.name.starts_with(family)),
            "no check of family {family}"
        );
    }
    let mut failed = Vec::new();
    let outcomes = run_on_all_adapters("moe checks", |gpu| {
        let adapter = format!("{}/{}", gpu.info.backend.to_str(), gpu.info.name);
        let start = Instant::now();
        for check in &checks {
            let t = Instant::now();
            let result = run_check(check, gpu);
            let secs = t.elapsed().as_secs_f64();
            match result {
                Ok(msg) => eprintln!("[{adapter}] {}: {msg} ({secs:.2} s)", check.name),
                Err(msg) => {
                    eprintln!("[{adapter}] {}: FAILED: {msg} ({secs:.2} s)", check.name);
                    failed.push(format!("[{adapter}] {}: {msg}", check.name));
                }
            }
        }
        let secs = start.elapsed().as_secs_f64();
        eprintln!("[{adapter}] {} MoE checks in {secs:.1} s", checks.len());
        Ok(())
    })
    .unwrap_or_else(|e| panic!("{e}\n(hint: {INSTALL_HINT})"));
    for o in outcomes {
        if let Err(e) = o.result {
            failed.push(format!("[{}] {e}", o.adapter));
        }
    }
    assert!(
        failed.is_empty(),
        "{} MoE check(s) failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// `result` is an error whose message names `array`.
fn fails_naming(result: Result<()>, array: &str) -> Result<()> {
    match result {
        Ok(()) => Err(Error::Config(format!(
            "a corrupted {array} passed the comparison"
        ))),
        Err(e) if e.to_string().contains(array) => Ok(()),
        Err(e) => Err(Error::Config(format!(
            "the error for a corrupted {array} does not name it: {e}"
        ))),
    }
}

#[test]
fn a_corrupted_gpu_result_fails_the_gate_comparison() {
    on_every_adapter("a_corrupted_gpu_result_fails_the_gate_comparison", |gpu| {
        let (n, d, e) = (7, 12, 3);
        let cfg = GateConfig {
            seed: 5,
            ..GateConfig::switch()
        };
        let st = cfg.initial_state();
        let x = random_vec(1, n * d);
        let w = random_vec(2, d * e);
        let gate = Gate::new(gpu, &cfg, n, d, e)?;
        gate.set_state(gpu, &st)?;
        let xt = Tensor::from_f32(gpu, &[n, d], &x, "x")?;
        let wt = Tensor::from_f32(gpu, &[d, e], &w, "w_g")?;
        let fwd = gate.forward(gpu, &xt, Some(&wt), None)?;
        gpu.run(&fwd.iter().collect::<Vec<_>>())?;
        let f64v = |v: &[f32]| v.iter().map(|&a| a as f64).collect::<Vec<f64>>();
        let cpu = forward_cpu(&cfg, &st, n, d, e, &f64v(&x), Some(&f64v(&w)), None, None)?;
        assert!(cpu.margin > 1e-3, "near-tie test data: {}", cpu.margin);
        // The untouched result passes.
        compare_gate_forward(gpu, &mut Compare::new(), "gate", &gate, &cpu)?;

        // One combine weight off by 1e-2 (ten times the tolerance).
        let good = gate.sel_weight.read_f32(gpu)?;
        let mut bad = good.clone();
        bad[4] += 1e-2;
        gate.sel_weight.write_f32(gpu, &bad)?;
        let r = compare_gate_forward(gpu, &mut Compare::new(), "gate", &gate, &cpu);
        fails_naming(r, "sel_weight")?;
        gate.sel_weight.write_f32(gpu, &good)?;

        // One token sent to another expert (an integer array: exact comparison).
        let mut sel = gate.sel_expert.read_u32(gpu)?;
        sel[2] = (sel[2] + 1) % e as u32;
        gate.sel_expert.write_u32(gpu, &sel)?;
        let r = compare_gate_forward(gpu, &mut Compare::new(), "gate", &gate, &cpu);
        fails_naming(r, "sel_expert")
    });
}
