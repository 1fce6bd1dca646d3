//! The spawn kernel on every adapter: bit-identical to the CPU reference on a grid folded into y,
//! masks that differ between experts, layers, tensors and seeds but not between a weight and its
//! moments, and every bad input an `Err`. Bitwise equality on odd sizes, the keep ratio and the
//! rescale are `selftest::moe_checks` (run by tests/selftest_moe.rs).

use evomoe::function_name;
use evomoe::gpu::{DType, Workgroups};
use evomoe::moe::spawn::{keep_cpu, spawn, spawn_cpu, SpawnMask};
use evomoe::selftest::moe_checks::gpu_spawn;
use evomoe::testing::{check_bits, ensure, on_every_adapter, random_vec};
use evomoe::{Error, Result, Tensor};

/// Which elements survived (the test data has no zeros, so a zero is a dropped element).
fn kept(out: &[f32]) -> Vec<bool> {
    out.iter().map(|&x| x != 0.0).collect()
}

fn mask(seed: u64, layer: u32, tensor: u32, drop_rate: f32) -> SpawnMask {
    SpawnMask {
        seed,
        layer,
        tensor,
        drop_rate,
    }
}

#[test]
fn spawn_grid_folded_into_y_is_fully_written() {
    on_every_adapter(function_name!(), async |gpu| {
        // 8 x ceil(2_100_001 / 4) = 4_200_008 invocations > 65_535 x 64.
        let (e, numel) = (8usize, 2_100_001usize);
        let base = random_vec(11, numel);
        let m = mask(99, 1, 2, 0.5);
        let tb = Tensor::from_f32(gpu, &[numel], &base, "base")?;
        let td = Tensor::from_f32(gpu, &[e, numel], &vec![f32::NAN; e * numel], "dst")?;
        let d = spawn(gpu, &tb, &td, e, Some(&m), 2.0)?;
        let folded = matches!(d.workgroups, Workgroups::Direct([_, y, _]) if y > 1);
        ensure(folded, || format!("grid {:?} is not folded", d.workgroups))?;
        gpu.run(&[&d])?;
        let got = td.read_f32(gpu).await?;
        check_bits("folded grid", &got, &spawn_cpu(&base, e, Some(&m), 2.0))
    });
}

#[test]
fn spawn_masks_differ_between_experts_and_keys() {
    on_every_adapter(function_name!(), async |gpu| {
        let (e, numel) = (8usize, 1000usize);
        let base = random_vec(3, numel);
        let m = mask(0xABCD, 2, 4, 0.5);
        let out = kept(&gpu_spawn(gpu, &base, e, Some(&m), 1.0).await?);
        // Two independent masks at r = 0.5 disagree on about half the elements.
        for a in 0..e {
            for b in a + 1..e {
                let differ = (0..numel)
                    .filter(|&i| out[a * numel + i] != out[b * numel + i])
                    .count();
                ensure(differ > numel * 4 / 10, || {
                    format!("experts {a} and {b} differ on only {differ} of {numel} elements")
                })?;
            }
        }
        let other_keys = [
            ("layer", mask(0xABCD, 3, 4, 0.5)),
            ("tensor", mask(0xABCD, 2, 5, 0.5)),
            ("seed low word", mask(0xABCC, 2, 4, 0.5)),
            ("seed high word", mask(0xABCD + (1 << 32), 2, 4, 0.5)),
        ];
        for (what, other) in other_keys {
            let o = kept(&gpu_spawn(gpu, &base, e, Some(&other), 1.0).await?);
            let differ = out.iter().zip(&o).filter(|(x, y)| x != y).count();
            ensure(differ > e * numel * 4 / 10, || {
                format!(
                    "a different {what} changes only {differ} of {} mask bits",
                    e * numel
                )
            })?;
        }
        Ok(())
    });
}

#[test]
fn spawn_same_key_same_mask_for_weights_and_moments() {
    on_every_adapter(function_name!(), async |gpu| {
        let (e, numel) = (3usize, 1001usize);
        let r = 0.4f32;
        let m = mask(42, 1, 0, r);
        let weight = random_vec(8, numel);
        let moment: Vec<f32> = random_vec(9, numel).iter().map(|x| x * x).collect();
        let w = gpu_spawn(gpu, &weight, e, Some(&m), 1.0 / (1.0 - r)).await?;
        let v = gpu_spawn(gpu, &moment, e, Some(&m), 1.0).await?;
        ensure(kept(&w) == kept(&v), || {
            "a weight and its moment got different masks".into()
        })?;
        // And the mask is exactly keep_cpu's.
        for ex in 0..e {
            for i in 0..numel {
                ensure(
                    kept(&w)[ex * numel + i] == keep_cpu(&m, ex as u32, i as u32),
                    || format!("expert {ex} element {i}: GPU mask differs from keep_cpu"),
                )?;
            }
        }
        Ok(())
    });
}

/// `result` is an error whose message contains `needle`.
fn rejects<T>(what: &str, result: Result<T>, needle: &str) -> Result<()> {
    match result {
        Ok(_) => Err(Error::Config(format!("{what}: accepted"))),
        Err(e) => ensure(e.to_string().contains(needle), || {
            format!("{what}: error `{e}` does not mention `{needle}`")
        }),
    }
}

#[test]
fn spawn_bad_inputs_are_errors() {
    on_every_adapter(function_name!(), async |gpu| {
        let base = Tensor::from_f32(gpu, &[10], &random_vec(1, 10), "base")?;
        let dst = Tensor::zeros(gpu, &[3, 10], DType::F32, "dst")?;
        let ok = mask(1, 0, 0, 0.5);
        // The valid call, so the rejections below come from the one bad input.
        spawn(gpu, &base, &dst, 3, Some(&ok), 2.0)?;

        let short = Tensor::zeros(gpu, &[29], DType::F32, "short")?;
        rejects(
            "dst numel",
            spawn(gpu, &base, &short, 3, None, 1.0),
            "dst has 29",
        )?;
        let base_u32 = Tensor::zeros(gpu, &[10], DType::U32, "base_u32")?;
        rejects("u32 base", spawn(gpu, &base_u32, &dst, 3, None, 1.0), "U32")?;
        let dst_u32 = Tensor::zeros(gpu, &[3, 10], DType::U32, "dst_u32")?;
        rejects("u32 dst", spawn(gpu, &base, &dst_u32, 3, None, 1.0), "U32")?;
        for r in [-0.1f32, 1.0, 1.5, f32::NAN] {
            let bad = mask(1, 0, 0, r);
            rejects(
                &format!("drop rate {r}"),
                spawn(gpu, &base, &dst, 3, Some(&bad), 1.0),
                "drop rate",
            )?;
        }
        for s in [f32::INFINITY, f32::NEG_INFINITY, f32::NAN] {
            rejects(
                &format!("scale {s}"),
                spawn(gpu, &base, &dst, 3, None, s),
                "scale",
            )?;
        }
        let empty = Tensor::zeros(gpu, &[0, 10], DType::F32, "empty")?;
        rejects("E = 0", spawn(gpu, &base, &empty, 0, None, 1.0), "expert")?;
        // E x numel beyond u32 (and beyond usize): refused before dst is looked at.
        rejects(
            "u32 overflow",
            spawn(gpu, &base, &dst, 500_000_000, None, 1.0),
            "u32",
        )?;
        rejects(
            "usize overflow",
            spawn(gpu, &base, &dst, usize::MAX, None, 1.0),
            "u32",
        )?;
        let one = Tensor::from_f32(gpu, &[10], &random_vec(2, 10), "one")?;
        rejects(
            "base is dst",
            spawn(gpu, &one, &one, 1, None, 1.0),
            "same buffer",
        )?;
        Ok(())
    });
}
