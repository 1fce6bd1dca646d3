//! Top-k selection: the CPU reference's order (ties to the lower index, NaN skipped, empty
//! slots past V), a bit-identical rerun, and rejected arguments. The GPU against the CPU sort
//! is the `top_k.row` check of `evomoe::selftest`.

use evomoe::gpu::DType;
use evomoe::ops::top_k::{top_k, top_k_cpu, MAX_K, NONE};
use evomoe::testing::{check_equal, is_shape_err, on_every_adapter, random_vec};
use evomoe::{function_name, Error, Tensor};

#[test]
fn top_k_cpu_orders_ties_by_index_and_pads() {
    let row = [1.0, 3.0, f32::NAN, 3.0, -1.0, 2.0];
    let (i, v) = top_k_cpu(&row, 4);
    assert_eq!(i, [1, 3, 5, 0]);
    assert_eq!(v, [3.0, 3.0, 2.0, 1.0]);
    let (i, v) = top_k_cpu(&row, 7);
    assert_eq!(i, [1, 3, 5, 0, 4, NONE, NONE]);
    assert_eq!(v[5], -f32::MAX);
}

#[test]
fn top_k_rerun_is_bit_identical_and_bad_arguments_are_errors() {
    on_every_adapter(function_name!(), async |gpu| {
        let (n, v) = (2, 50_304);
        let logits: Vec<f32> = random_vec(5, n * v).iter().map(|x| x.round()).collect();
        let tl = Tensor::from_f32(gpu, &[n, v], &logits, "logits")?;
        let ti = Tensor::zeros(gpu, &[MAX_K], DType::U32, "indices")?;
        let tv = Tensor::zeros(gpu, &[MAX_K], DType::F32, "values")?;
        let d = top_k(gpu, &tl, 1, MAX_K, &ti, &tv)?;
        let mut runs = Vec::new();
        for _ in 0..2 {
            gpu.run(&[&d])?;
            runs.push((ti.read_u32(gpu).await?, tv.read_f32(gpu).await?));
        }
        check_equal("indices rerun", &runs[0].0, &runs[1].0)?;
        // Rounded logits: 64 of the ~12,500 ones of the row, the lowest indices first.
        let ones: Vec<u32> = (0..v as u32)
            .filter(|&j| logits[v + j as usize] == 1.0)
            .take(MAX_K)
            .collect();
        check_equal("ties to the lower index", &runs[0].0, &ones)?;
        for (k, row) in [(0, 0), (MAX_K + 1, 0), (3, 2)] {
            let r = top_k(gpu, &tl, row, k, &ti, &tv);
            if !is_shape_err(&r) {
                return Err(Error::Config(format!("k = {k}, row = {row} accepted")));
            }
        }
        let small = Tensor::zeros(gpu, &[2], DType::U32, "indices")?;
        if !is_shape_err(&top_k(gpu, &tl, 0, 3, &small, &tv)) {
            return Err(Error::Config("a 2-entry output accepted for k = 3".into()));
        }
        Ok(())
    });
}
