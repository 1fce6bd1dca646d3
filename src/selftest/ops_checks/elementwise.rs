//! Element-wise kernels: `add`, `acc` (`dst += alpha src`), `scale`, `copy`, `fill`, on lengths
//! that are not multiples of the workgroup (or of 4, for the vec4 kernels).

use crate::error::Result;
use crate::gpu::Gpu;
use crate::ops::elementwise::{acc, acc_cpu, add, add_cpu, copy, fill, scale, scale_cpu};
use crate::selftest::{Check, Compare};
use crate::testing::{random_vec, upload, Tolerance};

use super::compared;

const LENS: &[usize] = &[1, 7, 129, 4099];

pub fn checks() -> Vec<Check> {
    vec![
        check("add", async |gpu, cmp, n, seed| {
            let (a, b) = (random_vec(seed, n), random_vec(seed + 1, n));
            let out = upload(gpu, &random_vec(seed + 2, n), "out")?;
            let (ta, tb) = (upload(gpu, &a, "a")?, upload(gpu, &b, "b")?);
            gpu.run(&[add(gpu, &ta, &tb, &out)?])?;
            cmp.check(
                &format!("add n={n}"),
                &out.read_f32(gpu).await?,
                &add_cpu(&a, &b),
                Tolerance::F32,
            )
        }),
        check("acc", async |gpu, cmp, n, seed| {
            let (src, dst) = (random_vec(seed, n), random_vec(seed + 1, n));
            let (ts, td) = (upload(gpu, &src, "src")?, upload(gpu, &dst, "dst")?);
            gpu.run(&[acc(gpu, &ts, &td, -0.7)?])?;
            let mut want = dst;
            acc_cpu(&src, &mut want, -0.7);
            cmp.check(
                &format!("acc n={n}"),
                &td.read_f32(gpu).await?,
                &want,
                Tolerance::F32,
            )
        }),
        check("scale", async |gpu, cmp, n, seed| {
            let x = random_vec(seed, n);
            let t = upload(gpu, &x, "t")?;
            gpu.run(&[scale(gpu, &t, 2.5)?])?;
            let mut want = x;
            scale_cpu(&mut want, 2.5);
            cmp.check(
                &format!("scale n={n}"),
                &t.read_f32(gpu).await?,
                &want,
                Tolerance::F32,
            )
        }),
        check("copy", async |gpu, cmp, n, seed| {
            let x = random_vec(seed, n);
            let (src, dst) = (
                upload(gpu, &x, "src")?,
                upload(gpu, &random_vec(seed + 1, n), "dst")?,
            );
            gpu.run(&[copy(gpu, &src, &dst)?])?;
            cmp.check_exact(
                &format!("copy n={n} (bits)"),
                &bits(&dst.read_f32(gpu).await?),
                &bits(&x),
            )
        }),
        check("fill", async |gpu, cmp, n, seed| {
            let t = upload(gpu, &random_vec(seed, n), "t")?;
            for value in [0.0f32, 1.5, -3.25] {
                gpu.run(&[fill(gpu, &t, value)?])?;
                let what = format!("fill n={n} value={value} (bits)");
                cmp.check_exact(
                    &what,
                    &bits(&t.read_f32(gpu).await?),
                    &bits(&vec![value; n]),
                )?;
            }
            Ok(())
        }),
    ]
}

/// `elementwise.<entry>` over every length in [`LENS`].
fn check(
    entry: &str,
    case: impl AsyncFn(&Gpu, &mut Compare, usize, u64) -> Result<()> + Send + Sync + 'static,
) -> Check {
    let case = std::sync::Arc::new(case);
    Check::new("elementwise", format!("elementwise.{entry}"), move |gpu| {
        let case = case.clone();
        Box::pin(async move {
            compared(async |cmp| {
                for (i, &n) in LENS.iter().enumerate() {
                    case(gpu, cmp, n, 20 + 10 * i as u64).await?;
                }
                Ok(())
            })
            .await
        })
    })
}

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}
