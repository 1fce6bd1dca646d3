//! Attention: the CPU backward against finite differences (and the causal mask); the
//! bidirectional mask with key padding: the f64 CPU backward and the GPU backward of every
//! kernel family against finite differences, padded keys with exactly zero probability and
//! zero dK / dV, lengths rewritten under recorded dispatches; reruns bit-identical on the
//! fused and generic paths, and rejected bad shapes and lengths.

use evomoe::gpu::{DType, Dispatch, Gpu};
use evomoe::ops::attention::{
    attention_backward, attention_backward_f64, attention_backward_masked_f64, attention_forward,
    attention_forward_f64, attention_forward_masked_cpu, attention_forward_masked_f64,
    subgroup_kernels_supported, uses_fused, AttentionBuffers, AttentionDims, AttentionMask,
    FUSED_MAX_D,
};
use evomoe::testing::{
    central_differences, check_close, ensure, is_shape_err, narrow, on_every_adapter, random_vec,
    widen, Tolerance,
};
use evomoe::{function_name, Error, Result, Tensor};

use crate::{bits, finite_diff};

const BI: AttentionMask = AttentionMask::Bidirectional;

fn dims(b: usize, t: usize, c: usize, h: usize) -> AttentionDims {
    AttentionDims { b, t, c, h }
}

/// `[T, T - 3, 1, ..]`: a full sequence, a padded one, a single key (then 0 when `B > 3`).
fn padded_lengths(d: &AttentionDims) -> Vec<u32> {
    let t = d.t as u32;
    [t, t - 3, 1, 0].into_iter().cycle().take(d.b).collect()
}

/// One shape of each kernel family, each with 3 sequences: `v32` (D = 4; T = 9 puts a padded
/// key inside a block of 4 rows), `fused` (D = 40) and `generic` (D = 66).
fn family_shapes() -> [AttentionDims; 3] {
    let shapes = [dims(3, 9, 8, 2), dims(3, 7, 80, 2), dims(3, 6, 66, 1)];
    assert!(shapes[0].d() <= 32);
    assert!(shapes[1].d() > 32 && shapes[1].d() <= FUSED_MAX_D);
    assert!(!uses_fused(&shapes[2]));
    shapes
}

/// The kernel builds to test for `d`: heads up to 32 wide run `attention_v32_*` and, where the
/// adapter has subgroups of 8, `attention_sg_*` (`true`); wider heads have one build.
fn subgroup_choices(gpu: &Gpu, d: &AttentionDims) -> Vec<bool> {
    if d.d() <= 32 && subgroup_kernels_supported(gpu) {
        vec![false, true]
    } else {
        vec![false]
    }
}

/// Bidirectional buffers over `lengths` (uploaded; `None`: every key valid) and the tensor,
/// with the subgroup kernels on or off.
fn bidirectional(
    gpu: &Gpu,
    d: &AttentionDims,
    lengths: Option<&[u32]>,
    subgroups: bool,
) -> Result<(AttentionBuffers, Option<Tensor>)> {
    let tl = match lengths {
        Some(l) => Some(Tensor::from_u32(gpu, &[d.b], l, "lengths")?),
        None => None,
    };
    let bufs = AttentionBuffers::bidirectional(gpu, d.b, d.t, d.c, d.h, tl.as_ref())?
        .with_subgroups(gpu, subgroups)?;
    Ok((bufs, tl))
}

/// The GPU forward and backward of `qkv` and `dout`, recorded once.
struct Recorded {
    out: Tensor,
    dqkv: Tensor,
    dispatches: Vec<Dispatch>,
}

fn record(
    gpu: &Gpu,
    d: &AttentionDims,
    bufs: &AttentionBuffers,
    qkv: &[f32],
    dout: &[f32],
) -> Result<Recorded> {
    let (b, t, c) = (d.b, d.t, d.c);
    let tq = Tensor::from_f32(gpu, &[b, t, 3 * c], qkv, "qkv")?;
    let td = Tensor::from_f32(gpu, &[b, t, c], dout, "dout")?;
    let out = Tensor::zeros(gpu, &[b, t, c], DType::F32, "out")?;
    let dqkv = Tensor::zeros(gpu, &[b, t, 3 * c], DType::F32, "dqkv")?;
    let mut dispatches = attention_forward(gpu, &tq, &out, bufs)?;
    dispatches.extend(attention_backward(gpu, &tq, &out, &td, &dqkv, bufs)?);
    Ok(Recorded {
        out,
        dqkv,
        dispatches,
    })
}

/// The parts of `dqkv` (0 q, 1 k, 2 v) that must not vanish for a sequence of `len` keys: a
/// softmax over one key is constant (P = 1), so with one key only dV is nonzero, and with none
/// nothing.
fn live_parts(len: usize) -> std::ops::Range<usize> {
    match len {
        0 => 0..0,
        1 => 2..3,
        _ => 0..3,
    }
}

/// The largest `|x|` of part `part` (0 q, 1 k, 2 v) of `dqkv` over the rows of sequence `bb`:
/// a finite-difference check must not pass on gradients that vanish.
fn part_max(d: &AttentionDims, g: &[f64], bb: usize, part: usize) -> f64 {
    let mut m = 0.0f64;
    for t in 0..d.t {
        let row = ((bb * d.t + t) * 3 + part) * d.c;
        for x in &g[row..row + d.c] {
            m = m.max(x.abs());
        }
    }
    m
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
        let qkv = widen(&random_vec(11, d.b * d.t * 3 * d.c));
        // Larger scores make the softmax non-trivial.
        let qkv: Vec<f64> = qkv.iter().map(|x| 2.0 * x).collect();
        let r = widen(&random_vec(12, d.b * d.t * d.c));
        let loss = |x: &[f64]| {
            let (out, _) = attention_forward_f64(&d, x).unwrap();
            out.iter().zip(&r).map(|(o, r)| o * r).sum::<f64>()
        };
        let got = attention_backward_f64(&d, &qkv, &r).unwrap();
        finite_diff(
            &format!("attention fd {d:?}"),
            &qkv,
            &narrow(&got),
            1e-5,
            Tolerance::FINITE_DIFF,
            loss,
        );
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

/// The bidirectional f64 CPU backward against central differences, without and with padding
/// (`[T, T - 3, 1]`), q, k, v of magnitude ~1 so that every term of the softmax Jacobian
/// matters; every part of the gradient is far from zero. Then the mask itself: padded keys
/// get probability 0 and gradient 0, each row over the valid keys sums to 1, padded query rows
/// attend like the others, and row 0 sees keys after it (not causal).
#[test]
fn attention_bidirectional_cpu_backward_matches_finite_differences() {
    for d in [dims(3, 6, 6, 2), dims(3, 5, 3, 1)] {
        let lengths = padded_lengths(&d);
        for lens in [None, Some(&lengths[..])] {
            let qkv: Vec<f64> = widen(&random_vec(31, d.b * d.t * 3 * d.c))
                .iter()
                .map(|x| 1.5 * x)
                .collect();
            let r = widen(&random_vec(32, d.b * d.t * d.c));
            let loss = |x: &[f64]| {
                let (out, _) = attention_forward_masked_f64(&d, BI, lens, x).unwrap();
                out.iter().zip(&r).map(|(o, r)| o * r).sum::<f64>()
            };
            let got = attention_backward_masked_f64(&d, BI, lens, &qkv, &r).unwrap();
            let what = format!("bidirectional fd {d:?} lengths {lens:?}");
            finite_diff(
                &what,
                &qkv,
                &narrow(&got),
                1e-5,
                Tolerance::FINITE_DIFF,
                loss,
            );
            for bb in 0..d.b {
                for part in live_parts(lens.map_or(d.t, |l| l[bb] as usize)) {
                    let m = part_max(&d, &got, bb, part);
                    assert!(
                        m > 0.05,
                        "{what}: part {part} of sequence {bb} vanishes ({m})"
                    );
                }
            }
            let (out, att) = attention_forward_masked_f64(&d, BI, lens, &qkv).unwrap();
            assert!(out.iter().all(|x| x.is_finite()));
            for bb in 0..d.b {
                let len = lens.map_or(d.t, |l| l[bb] as usize);
                for h in 0..d.h {
                    for i in 0..d.t {
                        let row = &att[((bb * d.h + h) * d.t + i) * d.t..][..d.t];
                        assert!(row[len..].iter().all(|&p| p == 0.0), "{what}: {row:?}");
                        assert!(row[..len].iter().all(|&p| p > 0.0), "{what}: {row:?}");
                        let s: f64 = row.iter().sum();
                        assert!((s - 1.0).abs() < 1e-12, "{what}: row sums to {s}");
                    }
                }
                for j in len..d.t {
                    for part in [1, 2] {
                        let at = ((bb * d.t + j) * 3 + part) * d.c;
                        assert!(got[at..at + d.c].iter().all(|&g| g == 0.0), "{what}");
                    }
                }
            }
        }
    }
}

/// The GPU backward of each kernel family (forward then backward on the GPU, so it uses the
/// GPU's probabilities) against central differences of the f64 forward, bidirectional without
/// and with padding.
#[test]
fn attention_bidirectional_gpu_backward_matches_finite_differences() {
    on_every_adapter(function_name!(), async |gpu| {
        for d in family_shapes() {
            let lengths = padded_lengths(&d);
            let cases = subgroup_choices(gpu, &d)
                .into_iter()
                .flat_map(|sg| [(None, sg), (Some(&lengths[..]), sg)]);
            for (lens, sg) in cases {
                let x = random_vec(41, d.b * d.t * 3 * d.c);
                let r = random_vec(42, d.b * d.t * d.c);
                let (bufs, _tl) = bidirectional(gpu, &d, lens, sg)?;
                let rec = record(gpu, &d, &bufs, &x, &r)?;
                gpu.run(&rec.dispatches)?;
                let got = rec.dqkv.read_f32(gpu).await?;
                let rr = widen(&r);
                let fd = central_differences(&widen(&x), 1e-4, |x| {
                    let (out, _) = attention_forward_masked_f64(&d, BI, lens, x).unwrap();
                    out.iter().zip(&rr).map(|(o, r)| o * r).sum::<f64>()
                });
                let what = format!("GPU dqkv vs fd {d:?} lengths {lens:?} subgroups {sg}");
                for bb in 0..d.b {
                    for part in live_parts(lens.map_or(d.t, |l| l[bb] as usize)) {
                        let m = part_max(&d, &fd, bb, part);
                        ensure(m > 0.05, || format!("{what}: part {part} vanishes ({m})"))?;
                    }
                }
                check_close(&what, &got, &narrow(&fd), Tolerance::F32_LOOSE)?;
            }
        }
        Ok(())
    });
}

/// Keys past a sequence's length get exactly zero probability and exactly zero dK and dV on
/// every kernel family, a sequence of length 0 gives zeros (no NaN), every output is finite;
/// then the lengths tensor is rewritten and the same recorded dispatches follow the new mask.
#[test]
fn attention_padding_is_exact_and_follows_rewritten_lengths() {
    on_every_adapter(function_name!(), async |gpu| {
        let shapes = family_shapes().map(|d| dims(4, d.t, d.c, d.h));
        let cases = shapes
            .iter()
            .flat_map(|d| subgroup_choices(gpu, d).into_iter().map(|sg| (*d, sg)));
        for (d, sg) in cases {
            let first = padded_lengths(&d); // [T, T - 3, 1, 0]
            let second: Vec<u32> = first.iter().rev().copied().collect();
            let x = random_vec(51, d.b * d.t * 3 * d.c);
            let r = random_vec(52, d.b * d.t * d.c);
            let (bufs, tl) = bidirectional(gpu, &d, Some(&first), sg)?;
            let rec = record(gpu, &d, &bufs, &x, &r)?;
            for lengths in [&first, &second] {
                // The buffers hold a clone of `tl`: writing it changes the recorded mask.
                tl.as_ref().unwrap().write_u32(gpu, lengths)?;
                gpu.run(&rec.dispatches)?;
                let what = format!("{d:?} lengths {lengths:?} subgroups {sg}");
                let (out, att, dqkv) = (
                    rec.out.read_f32(gpu).await?,
                    bufs.att.read_f32(gpu).await?,
                    rec.dqkv.read_f32(gpu).await?,
                );
                ensure(out.iter().chain(&dqkv).all(|x| x.is_finite()), || {
                    format!("{what}: a non-finite output")
                })?;
                for bb in 0..d.b {
                    let len = lengths[bb] as usize;
                    for row in att[bb * d.h * d.t * d.t..][..d.h * d.t * d.t].chunks(d.t) {
                        ensure(row[len..].iter().all(|&p| p.to_bits() == 0), || {
                            format!("{what}: padded keys of sequence {bb} attended: {row:?}")
                        })?;
                    }
                    for j in len..d.t {
                        let at = (bb * d.t + j) * 3 * d.c + d.c;
                        ensure(
                            dqkv[at..at + 2 * d.c].iter().all(|&g| g.to_bits() == 0),
                            || format!("{what}: dK / dV of padded key {j} of sequence {bb}"),
                        )?;
                    }
                    if len == 0 {
                        let o = &out[bb * d.t * d.c..][..d.t * d.c];
                        let g = &dqkv[bb * d.t * 3 * d.c..][..d.t * 3 * d.c];
                        ensure(o.iter().chain(g).all(|&v| v.to_bits() == 0), || {
                            format!("{what}: sequence {bb} of length 0 is not all zeros")
                        })?;
                    }
                }
                let (want, _) = attention_forward_masked_cpu(&d, BI, Some(lengths), &x)?;
                check_close(&format!("out {what}"), &out, &want, Tolerance::F32_LOOSE)?;
            }
        }
        Ok(())
    });
}

/// Forward and backward twice on the same inputs: the same bits (fixed-order loops, no atomics),
/// for the fused kernels and the generic path, causal and bidirectional with padding. The heads
/// wider than the fused kernels take the generic path.
#[test]
fn attention_rerun_is_bit_identical() {
    assert!(!uses_fused(&AttentionDims {
        b: 1,
        t: 7,
        c: 66,
        h: 1
    }));
    on_every_adapter(function_name!(), async |gpu| {
        let shapes = [(2, 45, 32, 2), (1, 33, 128, 2), (1, 7, 66, 1)];
        let masks = [AttentionMask::Causal, BI];
        for ((b, t, c, h), mask) in shapes.into_iter().flat_map(|s| masks.map(|m| (s, m))) {
            let lengths = Tensor::from_u32(gpu, &[b], &padded_lengths(&dims(b, t, c, h)), "l")?;
            let bufs = match mask {
                AttentionMask::Causal => AttentionBuffers::new(gpu, b, t, c, h)?,
                AttentionMask::Bidirectional => {
                    AttentionBuffers::bidirectional(gpu, b, t, c, h, Some(&lengths))?
                }
            };
            let qkv = Tensor::from_f32(gpu, &[b, t, 3 * c], &random_vec(1, b * t * 3 * c), "qkv")?;
            let dout = Tensor::from_f32(gpu, &[b, t, c], &random_vec(2, b * t * c), "dout")?;
            let out = Tensor::zeros(gpu, &[b, t, c], DType::F32, "out")?;
            let dqkv = Tensor::zeros(gpu, &[b, t, 3 * c], DType::F32, "dqkv")?;
            let mut ds = attention_forward(gpu, &qkv, &out, &bufs)?;
            ds.extend(attention_backward(gpu, &qkv, &out, &dout, &dqkv, &bufs)?);
            let mut first = None;
            for rep in 0..2 {
                gpu.run(&ds)?;
                let bits = bits(&[out.read_f32(gpu).await?, dqkv.read_f32(gpu).await?]);
                match &first {
                    None => first = Some(bits),
                    Some(f) if f != &bits => {
                        return Err(Error::Config(format!(
                        "attention {mask:?} B={b} T={t} C={c} H={h} not deterministic (rep {rep})"
                    )))
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(())
    });
}

/// Heads that do not divide the width, an output of the wrong shape, and key lengths of the
/// wrong type or size, or given to the causal mask.
#[test]
fn attention_rejects_bad_shapes() {
    on_every_adapter(function_name!(), async |gpu| {
        let r = AttentionBuffers::new(gpu, 1, 4, 10, 3);
        assert!(is_shape_err(&r), "C % H: {:?}", r.err());
        let bufs = AttentionBuffers::new(gpu, 1, 4, 6, 2)?;
        let qkv = Tensor::zeros(gpu, &[1, 4, 18], DType::F32, "qkv")?;
        let bad = Tensor::zeros(gpu, &[1, 4, 5], DType::F32, "out")?;
        let r = attention_forward(gpu, &qkv, &bad, &bufs);
        assert!(is_shape_err(&r), "out: {:?}", r.err());
        let floats = Tensor::zeros(gpu, &[2], DType::F32, "lengths")?;
        let r = AttentionBuffers::bidirectional(gpu, 2, 4, 6, 2, Some(&floats));
        assert!(is_shape_err(&r), "f32 lengths: {:?}", r.err());
        let three = Tensor::from_u32(gpu, &[3], &[4, 4, 4], "lengths")?;
        let r = AttentionBuffers::bidirectional(gpu, 2, 4, 6, 2, Some(&three));
        assert!(is_shape_err(&r), "3 lengths for B = 2: {:?}", r.err());
        let two = Tensor::from_u32(gpu, &[2], &[4, 4], "lengths")?;
        let r = AttentionBuffers::with_mask(gpu, 2, 4, 6, 2, AttentionMask::Causal, Some(&two));
        assert!(
            matches!(r, Err(Error::Config(_))),
            "causal lengths: {:?}",
            r.err()
        );
        let ok = AttentionBuffers::bidirectional(gpu, 2, 4, 6, 2, Some(&two))?;
        assert_eq!(ok.mask(), BI);
        assert_eq!(ok.lengths().map(|l| &l.buffer), Some(&two.buffer));
        Ok(())
    });
}
