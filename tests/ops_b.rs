//! Transformer ops, part B: causal attention, fused softmax cross-entropy, AdamW and gradient
//! clipping. Finite-difference checks of the CPU backwards (f64), then the GPU against the CPU
//! references on odd shapes, on every adapter.

use evomoe::gpu::{DType, Dispatch};
use evomoe::ops::adamw::{
    adamw, adamw_cpu, adamw_set_step, grad_norm, grad_norm_cpu, grad_norm_len, AdamwConfig,
};
use evomoe::ops::attention::{
    attention_backward, attention_backward_cpu, attention_backward_f64, attention_forward,
    attention_forward_cpu, attention_forward_f64, uses_fused, AttentionBuffers, AttentionDims,
};
use evomoe::ops::cross_entropy::{
    cross_entropy, cross_entropy_cpu, cross_entropy_f64, IGNORE_INDEX,
};
use evomoe::testing::{check_close, on_every_adapter, random_vec, Tolerance};
use evomoe::{Error, Gpu, Result, Tensor};

fn run(gpu: &Gpu, ds: &[Dispatch]) -> Result<()> {
    let refs: Vec<&Dispatch> = ds.iter().collect();
    gpu.run(&refs)
}

fn f64v(x: &[f32]) -> Vec<f64> {
    x.iter().map(|&a| a as f64).collect()
}

fn f32v(x: &[f64]) -> Vec<f32> {
    x.iter().map(|&a| a as f32).collect()
}

/// Central differences of `loss` at `x` for every element.
fn numeric_grad(x: &[f64], loss: impl Fn(&[f64]) -> f64) -> Vec<f64> {
    let eps = 1e-5;
    let mut xp = x.to_vec();
    (0..x.len())
        .map(|i| {
            xp[i] = x[i] + eps;
            let lp = loss(&xp);
            xp[i] = x[i] - eps;
            let lm = loss(&xp);
            xp[i] = x[i];
            (lp - lm) / (2.0 * eps)
        })
        .collect()
}

#[test]
fn attention_cpu_backward_matches_finite_differences() {
    for d in [
        AttentionDims {
            b: 2,
            t: 5,
            c: 6,
            h: 2,
        },
        AttentionDims {
            b: 1,
            t: 4,
            c: 3,
            h: 1,
        },
    ] {
        let qkv = f64v(&random_vec(11, d.b * d.t * 3 * d.c));
        // Larger scores make the softmax non-trivial.
        let qkv: Vec<f64> = qkv.iter().map(|x| 2.0 * x).collect();
        let r = f64v(&random_vec(12, d.b * d.t * d.c));
        let loss = |x: &[f64]| {
            let (out, _) = attention_forward_f64(&d, x).unwrap();
            out.iter().zip(&r).map(|(o, r)| o * r).sum::<f64>()
        };
        let want = numeric_grad(&qkv, loss);
        let got = attention_backward_f64(&d, &qkv, &r).unwrap();
        check_close(
            &format!("attention fd {d:?}"),
            &f32v(&got),
            &f32v(&want),
            Tolerance::FINITE_DIFF,
        )
        .unwrap();
        // The causal mask: the output of token 0 depends on nothing but token 0.
        let (out, att) = attention_forward_f64(&d, &qkv).unwrap();
        let hd = d.c / d.h;
        for h in 0..d.h {
            for j in 0..hd {
                let v0 = qkv[2 * d.c + h * hd + j];
                assert!((out[h * hd + j] - v0).abs() < 1e-12);
            }
            // Row 0 of the probabilities is [1, 0, 0, ...]; rows sum to 1.
            let base = h * d.t * d.t;
            assert!((att[base] - 1.0).abs() < 1e-12 && att[base + 1] == 0.0);
            for i in 0..d.t {
                let s: f64 = att[base + i * d.t..base + (i + 1) * d.t].iter().sum();
                assert!((s - 1.0).abs() < 1e-12);
            }
        }
    }
}

#[test]
fn cross_entropy_cpu_backward_matches_finite_differences() {
    let (n, v) = (6, 9);
    let logits: Vec<f64> = f64v(&random_vec(21, n * v))
        .iter()
        .map(|x| 3.0 * x)
        .collect();
    let targets = [3, IGNORE_INDEX, 0, 8, 5, IGNORE_INDEX];
    let scale = 0.7;
    let loss = |x: &[f64]| cross_entropy_f64(x, &targets, v, scale).unwrap().2[0] * scale;
    let want = numeric_grad(&logits, loss);
    let (losses, got, stats) = cross_entropy_f64(&logits, &targets, v, scale).unwrap();
    check_close(
        "cross_entropy fd",
        &f32v(&got),
        &f32v(&want),
        Tolerance::FINITE_DIFF,
    )
    .unwrap();
    assert_eq!(stats[1], 4.0);
    assert_eq!(losses[1], 0.0);
    assert!(got[v..2 * v].iter().all(|&g| g == 0.0));
    assert!((stats[2] - losses.iter().sum::<f64>()).abs() < 1e-12);
    // The loss of a row is -log softmax: exp(-loss) is the target's probability.
    let row = &logits[0..v];
    let z: f64 = row.iter().map(|x| x.exp()).sum();
    assert!(((-losses[0]).exp() - row[3].exp() / z).abs() < 1e-12);
}

fn check_attention(gpu: &Gpu, d: AttentionDims, seed: u64) -> Result<()> {
    let qkv = random_vec(seed, d.b * d.t * 3 * d.c)
        .iter()
        .map(|x| 2.0 * x)
        .collect::<Vec<f32>>();
    let dout = random_vec(seed + 1, d.b * d.t * d.c);
    let (want_out, want_att) = attention_forward_cpu(&d, &qkv)?;
    let want_dqkv = attention_backward_cpu(&d, &qkv, &dout)?;

    let bufs = AttentionBuffers::new(gpu, d.b, d.t, d.c, d.h)?;
    // Garbage in the outputs and scratch: everything must be overwritten.
    let junk = |n: usize, s: u64| random_vec(s, n);
    bufs.att.write_f32(gpu, &junk(bufs.att.numel(), 90))?;
    bufs.datt.write_f32(gpu, &junk(bufs.datt.numel(), 91))?;
    let tqkv = Tensor::from_f32(gpu, &[d.b, d.t, 3 * d.c], &qkv, "qkv")?;
    let tout = Tensor::from_f32(gpu, &[d.b, d.t, d.c], &junk(want_out.len(), 92), "out")?;
    let tdout = Tensor::from_f32(gpu, &[d.b, d.t, d.c], &dout, "dout")?;
    let tdqkv = Tensor::from_f32(gpu, &[d.b, d.t, 3 * d.c], &junk(qkv.len(), 93), "dqkv")?;
    let fwd = attention_forward(gpu, &tqkv, &tout, &bufs)?;
    let bwd = attention_backward(gpu, &tqkv, &tdout, &tdqkv, &bufs)?;
    // Replayed twice: recorded dispatches must be reusable.
    for _ in 0..2 {
        run(gpu, &fwd)?;
        run(gpu, &bwd)?;
    }
    let name = format!("{d:?}");
    check_close(
        &format!("att {name}"),
        &bufs.att.read_f32(gpu)?,
        &want_att,
        Tolerance::F32_LOOSE,
    )?;
    check_close(
        &format!("out {name}"),
        &tout.read_f32(gpu)?,
        &want_out,
        Tolerance::F32_LOOSE,
    )?;
    check_close(
        &format!("dqkv {name}"),
        &tdqkv.read_f32(gpu)?,
        &want_dqkv,
        Tolerance::F32_LOOSE,
    )
}

#[test]
fn attention_gpu_matches_cpu() {
    on_every_adapter("attention_gpu_matches_cpu", |gpu| {
        check_attention(
            gpu,
            AttentionDims {
                b: 2,
                t: 13,
                c: 24,
                h: 3,
            },
            1,
        )?;
        // T > the softmax workgroup (64): rows loop.
        check_attention(
            gpu,
            AttentionDims {
                b: 1,
                t: 70,
                c: 10,
                h: 2,
            },
            2,
        )?;
        check_attention(
            gpu,
            AttentionDims {
                b: 1,
                t: 1,
                c: 4,
                h: 4,
            },
            3,
        )?;
        // Fused kernels at the tiny preset's head width, T not a multiple of their workgroup.
        check_attention(
            gpu,
            AttentionDims {
                b: 2,
                t: 45,
                c: 32,
                h: 2,
            },
            4,
        )?;
        // D = 32, the widest head of the register (v32) kernels.
        check_attention(
            gpu,
            AttentionDims {
                b: 1,
                t: 21,
                c: 64,
                h: 2,
            },
            7,
        )?;
        // D = 64, the widest fused head (private-array kernels).
        check_attention(
            gpu,
            AttentionDims {
                b: 1,
                t: 33,
                c: 128,
                h: 2,
            },
            5,
        )?;
        // D = 66 > FUSED_MAX_D: the generic matmul + softmax path.
        assert!(!uses_fused(&AttentionDims {
            b: 1,
            t: 7,
            c: 66,
            h: 1
        }));
        check_attention(
            gpu,
            AttentionDims {
                b: 1,
                t: 7,
                c: 66,
                h: 1,
            },
            6,
        )
    });
}

fn check_cross_entropy(gpu: &Gpu, n: usize, v: usize, seed: u64) -> Result<()> {
    let mut logits: Vec<f32> = random_vec(seed, n * v).iter().map(|x| 4.0 * x).collect();
    let mut targets: Vec<u32> = (0..n).map(|i| ((i * 31 + 7) % v) as u32).collect();
    for i in (0..n).step_by(5) {
        targets[i] = IGNORE_INDEX;
    }
    // Large logits: exp would overflow without the max subtraction.
    if n > 3 {
        for x in &mut logits[3 * v..4 * v] {
            *x = *x * 100.0 + 1000.0;
        }
        logits[3 * v + targets[3] as usize] = 1100.0;
    }
    let scale = 0.5;
    let (wl, wd, ws) = cross_entropy_cpu(&logits, &targets, v, scale)?;
    let tl = Tensor::from_f32(gpu, &[n, v], &logits, "logits")?;
    let tt = Tensor::from_u32(gpu, &[n], &targets, "targets")?;
    let tloss = Tensor::from_f32(gpu, &[n], &random_vec(1, n), "losses")?;
    let td = Tensor::from_f32(gpu, &[n, v], &random_vec(2, n * v), "dlogits")?;
    let ts = Tensor::from_f32(gpu, &[4], &[9.0; 4], "stats")?;
    let ds = cross_entropy(gpu, &tl, &tt, &tloss, &td, &ts, scale)?;
    run(gpu, &ds)?;
    let name = format!("N={n} V={v}");
    check_close(
        &format!("losses {name}"),
        &tloss.read_f32(gpu)?,
        &wl,
        Tolerance::F32_LOOSE,
    )?;
    check_close(
        &format!("dlogits {name}"),
        &td.read_f32(gpu)?,
        &wd,
        Tolerance::F32,
    )?;
    let stats = ts.read_f32(gpu)?;
    check_close(&format!("stats {name}"), &stats, &ws, Tolerance::F32_LOOSE)?;
    // Deterministic: a replay gives the same bits.
    run(gpu, &ds)?;
    let again = ts.read_f32(gpu)?;
    if stats
        .iter()
        .zip(&again)
        .any(|(a, b)| a.to_bits() != b.to_bits())
    {
        return Err(Error::Config(format!(
            "{name}: stats not reproducible: {stats:?} vs {again:?}"
        )));
    }
    Ok(())
}

#[test]
fn cross_entropy_gpu_matches_cpu() {
    on_every_adapter("cross_entropy_gpu_matches_cpu", |gpu| {
        check_cross_entropy(gpu, 37, 67, 3)?;
        // V above the workgroup size; a single row; all rows ignored.
        check_cross_entropy(gpu, 4, 300, 4)?;
        check_cross_entropy(gpu, 1, 5, 5)?;
        // Several row workgroups (64 rows each), the last one partial.
        check_cross_entropy(gpu, 131, 19, 6)?;
        let tl = Tensor::from_f32(gpu, &[2, 3], &[1.0; 6], "logits")?;
        let tt = Tensor::from_u32(gpu, &[2], &[IGNORE_INDEX; 2], "targets")?;
        let tloss = Tensor::zeros(gpu, &[2], DType::F32, "losses")?;
        let td = Tensor::from_f32(gpu, &[2, 3], &[5.0; 6], "dlogits")?;
        let ts = Tensor::zeros(gpu, &[4], DType::F32, "stats")?;
        run(gpu, &cross_entropy(gpu, &tl, &tt, &tloss, &td, &ts, 1.0)?)?;
        check_close(
            "all ignored stats",
            &ts.read_f32(gpu)?,
            &[0.0; 4],
            Tolerance::F32,
        )?;
        check_close(
            "all ignored dlogits",
            &td.read_f32(gpu)?,
            &[0.0; 6],
            Tolerance::F32,
        )
    });
}

#[test]
fn grad_norm_gpu_matches_cpu() {
    on_every_adapter("grad_norm_gpu_matches_cpu", |gpu| {
        // Odd lengths: one workgroup (1, 7, 257, 1000), several (20011), and more than the
        // 64 workgroups of 4096 elements a tensor can get (300007).
        let lens = [1usize, 7, 257, 1000, 20011, 300007];
        let data: Vec<Vec<f32>> = lens
            .iter()
            .enumerate()
            .map(|(i, &n)| random_vec(40 + i as u64, n))
            .collect();
        let tensors: Vec<Tensor> = data
            .iter()
            .map(|d| Tensor::from_f32(gpu, &[d.len()], d, "g"))
            .collect::<Result<_>>()?;
        let refs: Vec<&Tensor> = tensors.iter().collect();
        let slices: Vec<&[f32]> = data.iter().map(|d| &d[..]).collect();
        // Junk in the unused partial slots must not count.
        let norm = Tensor::from_f32(
            gpu,
            &[grad_norm_len(lens.len())],
            &random_vec(49, grad_norm_len(lens.len())),
            "norm",
        )?;
        for max_norm in [1.0f32, 0.0, 1e6] {
            let ds = grad_norm(gpu, &refs, &norm, max_norm)?;
            run(gpu, &ds)?;
            let got = norm.read_f32(gpu)?;
            let (clip, total) = grad_norm_cpu(&slices, max_norm);
            check_close(
                &format!("grad_norm max_norm={max_norm}"),
                &got[..2],
                &[clip, total],
                Tolerance::F32,
            )?;
            run(gpu, &ds)?;
            let again = norm.read_f32(gpu)?;
            if got[..2] != again[..2] {
                return Err(Error::Config("grad_norm not reproducible".into()));
            }
        }
        let small = Tensor::zeros(gpu, &[grad_norm_len(lens.len()) - 1], DType::F32, "n")?;
        match grad_norm(gpu, &refs, &small, 1.0) {
            Err(Error::Shape { .. }) => Ok(()),
            other => Err(Error::Config(format!(
                "short norm buffer accepted: {:?}",
                other.err()
            ))),
        }
    });
}

#[test]
fn adamw_multi_step_matches_cpu() {
    on_every_adapter("adamw_multi_step_matches_cpu", |gpu| {
        let clipped = AdamwConfig {
            lr: 1e-2,
            max_grad_norm: 0.5,
            ..Default::default()
        };
        let unclipped = AdamwConfig {
            lr: 1e-2,
            max_grad_norm: 0.0,
            weight_decay: 0.3,
            ..Default::default()
        };
        for cfg in [clipped, unclipped] {
            // Two tensors of odd lengths, one decayed and one not, sharing one norm.
            let lens = [1031usize, 13];
            let decays = [true, false];
            let mut p: Vec<Vec<f32>> = lens
                .iter()
                .enumerate()
                .map(|(i, &n)| random_vec(60 + i as u64, n))
                .collect();
            let mut m: Vec<Vec<f32>> = lens.iter().map(|&n| vec![0.0; n]).collect();
            let mut v = m.clone();
            let tp: Vec<Tensor> = p
                .iter()
                .map(|x| Tensor::from_f32(gpu, &[x.len()], x, "p"))
                .collect::<Result<_>>()?;
            let tg: Vec<Tensor> = lens
                .iter()
                .map(|&n| Tensor::zeros(gpu, &[n], DType::F32, "g"))
                .collect::<Result<_>>()?;
            let tm: Vec<Tensor> = lens
                .iter()
                .map(|&n| Tensor::zeros(gpu, &[n], DType::F32, "m"))
                .collect::<Result<_>>()?;
            let tv: Vec<Tensor> = lens
                .iter()
                .map(|&n| Tensor::zeros(gpu, &[n], DType::F32, "v"))
                .collect::<Result<_>>()?;
            let norm = Tensor::zeros(gpu, &[grad_norm_len(2)], DType::F32, "norm")?;
            let grefs: Vec<&Tensor> = tg.iter().collect();
            let mut step_ds = grad_norm(gpu, &grefs, &norm, cfg.max_grad_norm)?;
            if cfg.max_grad_norm <= 0.0 {
                // With clipping off the optimizer must ignore norm[0] entirely.
                step_ds.clear();
                norm.write_f32(gpu, &vec![0.25; grad_norm_len(2)])?;
            }
            let n_norm = step_ds.len();
            for i in 0..2 {
                step_ds.push(adamw(
                    gpu, &cfg, &tp[i], &tg[i], &tm[i], &tv[i], decays[i], &norm,
                )?);
            }
            for step in 1..=5u32 {
                let lr = cfg.lr * (1.0 - 0.1 * step as f32);
                let g: Vec<Vec<f32>> = lens
                    .iter()
                    .enumerate()
                    .map(|(i, &n)| {
                        random_vec(100 * step as u64 + i as u64, n)
                            .iter()
                            .map(|x| x * (1.0 + step as f32))
                            .collect()
                    })
                    .collect();
                for i in 0..2 {
                    tg[i].write_f32(gpu, &g[i])?;
                    adamw_set_step(
                        gpu,
                        &step_ds[n_norm + i],
                        &cfg,
                        lens[i],
                        decays[i],
                        step,
                        lr,
                    );
                }
                run(gpu, &step_ds)?;
                let gs: Vec<&[f32]> = g.iter().map(|x| &x[..]).collect();
                let (clip, _) = grad_norm_cpu(&gs, cfg.max_grad_norm);
                if cfg.max_grad_norm > 0.0 {
                    assert!(clip < 1.0, "the test should exercise clipping");
                }
                for i in 0..2 {
                    adamw_cpu(
                        &cfg, &mut p[i], &g[i], &mut m[i], &mut v[i], decays[i], clip, step, lr,
                    )?;
                    let what = format!("cfg {cfg:?} step {step} tensor {i}");
                    check_close(
                        &format!("p {what}"),
                        &tp[i].read_f32(gpu)?,
                        &p[i],
                        Tolerance::F32,
                    )?;
                    check_close(
                        &format!("m {what}"),
                        &tm[i].read_f32(gpu)?,
                        &m[i],
                        Tolerance::F32,
                    )?;
                    check_close(
                        &format!("v {what}"),
                        &tv[i].read_f32(gpu)?,
                        &v[i],
                        Tolerance::F32,
                    )?;
                }
            }
        }
        Ok(())
    });
}

#[test]
fn adamw_cpu_first_step_is_sign_descent() {
    // With m = v = 0 and bias correction, step 1 moves every weight by lr * sign(g) (eps aside),
    // plus lr * wd * p with decay.
    let cfg = AdamwConfig::default();
    let mut p = vec![1.0f32, -2.0, 0.5];
    let g = [0.3f32, -4.0, 1e-3];
    let (mut m, mut v) = (vec![0.0; 3], vec![0.0; 3]);
    adamw_cpu(&cfg, &mut p, &g, &mut m, &mut v, true, 1.0, 1, 0.1).unwrap();
    let want = [
        1.0 - 0.1 * (1.0 + 0.1 * 1.0),
        -2.0 - 0.1 * (-1.0 + 0.1 * -2.0),
        0.5 - 0.1 * (1.0 + 0.1 * 0.5),
    ];
    check_close("sign descent", &p, &want, Tolerance::F32).unwrap();
}

#[test]
fn ops_b_reject_bad_shapes() {
    on_every_adapter("ops_b_reject_bad_shapes", |gpu| {
        let is_shape = |r: std::result::Result<(), Error>, what: &str| match r {
            Err(Error::Shape { .. }) => Ok(()),
            other => Err(Error::Config(format!("{what}: {other:?}"))),
        };
        is_shape(AttentionBuffers::new(gpu, 1, 4, 10, 3).map(|_| ()), "C % H")?;
        let bufs = AttentionBuffers::new(gpu, 1, 4, 6, 2)?;
        let qkv = Tensor::zeros(gpu, &[1, 4, 18], DType::F32, "qkv")?;
        let bad = Tensor::zeros(gpu, &[1, 4, 5], DType::F32, "out")?;
        is_shape(attention_forward(gpu, &qkv, &bad, &bufs).map(|_| ()), "out")?;
        let logits = Tensor::zeros(gpu, &[3, 5], DType::F32, "logits")?;
        let t2 = Tensor::zeros(gpu, &[2], DType::U32, "t")?;
        let l3 = Tensor::zeros(gpu, &[3], DType::F32, "l")?;
        let s4 = Tensor::zeros(gpu, &[4], DType::F32, "s")?;
        is_shape(
            cross_entropy(gpu, &logits, &t2, &l3, &logits, &s4, 1.0).map(|_| ()),
            "targets",
        )?;
        let p = Tensor::zeros(gpu, &[5], DType::F32, "p")?;
        let g = Tensor::zeros(gpu, &[4], DType::F32, "g")?;
        is_shape(
            adamw(gpu, &AdamwConfig::default(), &p, &g, &p, &p, true, &s4).map(|_| ()),
            "adamw g",
        )
    });
}
