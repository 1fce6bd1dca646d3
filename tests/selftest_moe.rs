//! The MoE checks of `evomoe selftest` (`selftest::moe_checks`) can fail: a comparison fed a
//! corrupted GPU result fails and names the array. (Every check runs on every adapter in
//! tests/selftest.rs.)

use evomoe::function_name;
use evomoe::moe::gate::{forward_cpu, Gate, GateConfig};
use evomoe::selftest::moe_checks::compare_gate_forward;
use evomoe::selftest::Compare;
use evomoe::testing::{on_every_adapter, random_vec, widen};
use evomoe::{Error, Result, Tensor};

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
    on_every_adapter(function_name!(), async |gpu| {
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
        gpu.run(&fwd)?;
        let cpu = forward_cpu(&cfg, &st, n, d, e, &widen(&x), Some(&widen(&w)), None, None)?;
        assert!(cpu.margin > 1e-3, "near-tie test data: {}", cpu.margin);
        // The untouched result passes.
        compare_gate_forward(gpu, &mut Compare::new(), "gate", &gate, &cpu).await?;

        // One combine weight off by 1e-2 (ten times the tolerance).
        let good = gate.sel_weight.read_f32(gpu).await?;
        let mut bad = good.clone();
        bad[4] += 1e-2;
        gate.sel_weight.write_f32(gpu, &bad)?;
        let r = compare_gate_forward(gpu, &mut Compare::new(), "gate", &gate, &cpu).await;
        fails_naming(r, "sel_weight")?;
        gate.sel_weight.write_f32(gpu, &good)?;

        // One token sent to another expert (an integer array: exact comparison).
        let mut sel = gate.sel_expert.read_u32(gpu).await?;
        sel[2] = (sel[2] + 1) % e as u32;
        gate.sel_expert.write_u32(gpu, &sel)?;
        let r = compare_gate_forward(gpu, &mut Compare::new(), "gate", &gate, &cpu).await;
        fails_naming(r, "sel_expert")
    });
}
