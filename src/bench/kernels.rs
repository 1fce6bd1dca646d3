//! The Transformer kernel families of `evomoe bench`: `attention`, `layernorm` and
//! `cross-entropy`. Each checks its GPU results against the f64 CPU reference of its op, then
//! times forward and backward (best of `samples`), and reports GFLOP/s and/or GB/s in the FLOP
//! and byte models stated at each kernel, as fractions of the measured [`Peaks`].
//!
//! Byte models count compulsory traffic: every input read once and every output written once;
//! scratch a kernel re-reads (cache hits on a GPU) is not counted.

use crate::bench::limits::{bytes, positive, Budget, Needs};
use crate::bench::peak::Peaks;
use crate::bench::report::{best_time, checked, reps_for, run_once, FamilyReport, KernelRow};
use crate::error::Result;
use crate::gpu::{DType, Dispatch, Gpu, Tensor};
use crate::ops::attention::{
    attention_backward, attention_backward_masked_cpu, attention_forward,
    attention_forward_masked_cpu, subgroup_kernels_supported, AttentionBuffers, AttentionDims,
    AttentionMask,
};
use crate::ops::cross_entropy::{cross_entropy, cross_entropy_cpu};
use crate::ops::layernorm::{
    layernorm_backward, layernorm_backward_cpu, layernorm_forward, layernorm_forward_cpu,
};
use crate::testing::{random_vec, Tolerance};

const F32: usize = 4;

/// Times a checked sequence: `once` is the wall time of its checked run.
async fn time(gpu: &Gpu, ds: &[Dispatch], once: f64, samples: u32) -> Result<f64> {
    let refs: Vec<&Dispatch> = ds.iter().collect();
    best_time(gpu, &refs, samples, reps_for(once)).await
}

async fn run(gpu: &Gpu, ds: &[Dispatch]) -> Result<f64> {
    let refs: Vec<&Dispatch> = ds.iter().collect();
    run_once(gpu, &refs).await
}

/// Self-attention forward and backward on `qkv (B, T, 3C)`, `H` heads, causal or
/// bidirectional (every key valid).
#[derive(Clone, Debug)]
pub struct AttentionBench {
    pub batch: usize,
    pub seq: usize,
    pub d_model: usize,
    pub heads: usize,
    pub mask: AttentionMask,
    pub samples: u32,
}

impl Default for AttentionBench {
    fn default() -> Self {
        AttentionBench {
            batch: 8,
            seq: 256,
            d_model: 256,
            heads: 8,
            mask: AttentionMask::Causal,
            samples: 3,
        }
    }
}

impl AttentionBench {
    /// Every size positive, `H` divides `C`, and the buffers and host copies fit.
    pub fn validate(&self, budget: &Budget) -> Result<()> {
        positive("--batch", self.batch)?;
        positive("--seq", self.seq)?;
        positive("--d-model", self.d_model)?;
        positive("--heads", self.heads)?;
        if !self.d_model.is_multiple_of(self.heads) {
            return Err(crate::error::Error::Config(format!(
                "--d-model {} is not a multiple of --heads {}",
                self.d_model, self.heads
            )));
        }
        let (b, t, c, h) = (self.batch, self.seq, self.d_model, self.heads);
        let qkv = bytes(&[b, t, 3 * c], F32);
        let att = bytes(&[b, h, t, t], F32);
        let mut n = Needs::new("bench attention");
        n.buffer("qkv (B, T, 3C)", qkv)
            .buffer("dqkv", qkv)
            .buffer("att (B, H, T, T)", att)
            .buffer("datt", att)
            .buffer("out, dout (B, T, C)", bytes(&[b, t, c], F32))
            // inputs, readbacks and the f64 references (x 2 for f64, plus P)
            .host(qkv.saturating_mul(6))
            .host(att.saturating_mul(4));
        n.check(budget)
    }

    pub async fn run(&self, gpu: &Gpu, peaks: &Peaks) -> Result<FamilyReport> {
        let (b, t, c, h) = (self.batch, self.seq, self.d_model, self.heads);
        let dims = AttentionDims { b, t, c, h };
        let qkv = random_vec(11, b * t * 3 * c);
        let dout = random_vec(12, b * t * c);
        let tq = Tensor::from_f32(gpu, &[b, t, 3 * c], &qkv, "qkv")?;
        let tdout = Tensor::from_f32(gpu, &[b, t, c], &dout, "dout")?;
        let tout = Tensor::zeros(gpu, &[b, t, c], DType::F32, "out")?;
        let tdq = Tensor::zeros(gpu, &[b, t, 3 * c], DType::F32, "dqkv")?;
        // Heads up to 32 wide have two kernels where the adapter has subgroups of 8: both are
        // checked and timed, the subgroup one first (the default on CPU adapters).
        let kernels: Vec<(&str, bool)> = if dims.d() <= 32 && subgroup_kernels_supported(gpu) {
            vec![(" sg", true), (" v32", false)]
        } else {
            vec![("", false)]
        };
        let (want_out, _) = attention_forward_masked_cpu(&dims, self.mask, None, &qkv)?;
        let want_dq = attention_backward_masked_cpu(&dims, self.mask, None, &qkv, &dout)?;
        // FLOP model: per (batch, head) the pairs P scored (T (T + 1) / 2 causal, T^2
        // bidirectional); S = Q K^T and O = P V take 2 P D FLOPs each (forward 4 P D), dV, dP,
        // dQ, dK 2 P D each (backward 8 P D). The softmax's exp and sums are not counted.
        let pairs = (b * h) as f64 * self.mask.pairs(t) as f64;
        let hd = (c / h) as f64;
        // Byte model: forward reads qkv and writes out and the scored pairs of P; backward
        // reads qkv, dout and P and writes dqkv.
        let (qkv_b, out_b, p_b) = (
            (b * t * 3 * c * F32) as f64,
            (b * t * c * F32) as f64,
            pairs * F32 as f64,
        );
        let shape = format!("B={b} T={t} C={c} H={h} {}", self.mask.name());
        let tol = Tolerance::F32_LOOSE;
        let mut rows = Vec::new();
        for (suffix, subgroups) in kernels {
            let bufs = AttentionBuffers::with_mask(gpu, b, t, c, h, self.mask, None)?
                .with_subgroups(gpu, subgroups)?;
            let fwd = attention_forward(gpu, &tq, &tout, &bufs)?;
            let bwd = attention_backward(gpu, &tq, &tout, &tdout, &tdq, &bufs)?;
            let once_f = run(gpu, &fwd).await?;
            let err_f = checked(
                "attention forward: out",
                &tout.read_f32(gpu).await?,
                &want_out,
                tol,
            )?;
            let once_b = run(gpu, &bwd).await?;
            let err_b = checked(
                "attention backward: dqkv",
                &tdq.read_f32(gpu).await?,
                &want_dq,
                tol,
            )?;
            rows.push(KernelRow {
                kernel: format!("forward{suffix}"),
                shape: shape.clone(),
                seconds: time(gpu, &fwd, once_f, self.samples).await?,
                flops: Some(4.0 * pairs * hd),
                bytes: Some(qkv_b + out_b + p_b),
                check_error: Some(err_f),
            });
            rows.push(KernelRow {
                kernel: format!("backward{suffix}"),
                shape: shape.clone(),
                seconds: time(gpu, &bwd, once_b, self.samples).await?,
                flops: Some(8.0 * pairs * hd),
                bytes: Some(2.0 * qkv_b + out_b + p_b),
                check_error: Some(err_b),
            });
        }
        Ok(FamilyReport::new(
            gpu,
            "attention",
            peaks,
            self.samples,
            rows,
        ))
    }
}

/// LayerNorm forward and backward over `N` rows of `C`.
#[derive(Clone, Debug)]
pub struct LayerNormBench {
    pub rows: usize,
    pub d_model: usize,
    pub samples: u32,
}

impl Default for LayerNormBench {
    fn default() -> Self {
        LayerNormBench {
            rows: 8192,
            d_model: 512,
            samples: 3,
        }
    }
}

impl LayerNormBench {
    pub fn validate(&self, budget: &Budget) -> Result<()> {
        positive("--rows", self.rows)?;
        positive("--d-model", self.d_model)?;
        let x = bytes(&[self.rows, self.d_model], F32);
        let mut n = Needs::new("bench layernorm");
        n.buffer("x (N, C)", x)
            .buffer("out", x)
            .buffer("dout", x)
            .buffer("dx", x)
            .host(x.saturating_mul(12));
        n.check(budget)
    }

    pub async fn run(&self, gpu: &Gpu, peaks: &Peaks) -> Result<FamilyReport> {
        let (n, c) = (self.rows, self.d_model);
        let x: Vec<f32> = random_vec(21, n * c)
            .iter()
            .map(|v| 3.0 * v + 0.5)
            .collect();
        let gamma: Vec<f32> = random_vec(22, c).iter().map(|v| 1.0 + 0.5 * v).collect();
        let beta = random_vec(23, c);
        let dout = random_vec(24, n * c);
        let f = |shape: &[usize], v: &[f32], l: &str| Tensor::from_f32(gpu, shape, v, l);
        let z = |shape: &[usize], l: &str| Tensor::zeros(gpu, shape, DType::F32, l);
        let (tx, tg, tb, tdout) = (
            f(&[n, c], &x, "x")?,
            f(&[c], &gamma, "gamma")?,
            f(&[c], &beta, "beta")?,
            f(&[n, c], &dout, "dout")?,
        );
        let (tout, tmean, trstd, tdx, tdg, tdb) = (
            z(&[n, c], "out")?,
            z(&[n], "mean")?,
            z(&[n], "rstd")?,
            z(&[n, c], "dx")?,
            z(&[c], "dgamma")?,
            z(&[c], "dbeta")?,
        );
        let fwd = vec![layernorm_forward(
            gpu, &tx, &tg, &tb, &tout, &tmean, &trstd, n, c, None,
        )?];
        let bwd = layernorm_backward(
            gpu, &tx, &tg, &tmean, &trstd, &tdout, &tdx, &tdg, &tdb, n, c, false, None,
        )?;
        let tol = Tolerance::F32_LOOSE;
        let once_f = run(gpu, &fwd).await?;
        let (want, _, _) = layernorm_forward_cpu(&x, &gamma, &beta, n, c);
        let err_f = checked(
            "layernorm forward: out",
            &tout.read_f32(gpu).await?,
            &want,
            tol,
        )?;
        let once_b = run(gpu, &bwd).await?;
        let (mut dx, mut dg, mut db) = (vec![0f32; n * c], vec![0f32; c], vec![0f32; c]);
        layernorm_backward_cpu(&x, &gamma, &dout, &mut dx, &mut dg, &mut db, n, c, false);
        let mut err_b = checked(
            "layernorm backward: dx",
            &tdx.read_f32(gpu).await?,
            &dx,
            tol,
        )?;
        err_b = err_b.max(checked(
            "layernorm backward: dgamma",
            &tdg.read_f32(gpu).await?,
            &dg,
            tol,
        )?);
        err_b = err_b.max(checked(
            "layernorm backward: dbeta",
            &tdb.read_f32(gpu).await?,
            &db,
            tol,
        )?);
        // Byte model (memory-bound, FLOPs not counted): forward reads x, gamma, beta and
        // writes out, mean, rstd; backward reads x, dout, gamma, mean, rstd, writes dx and
        // updates dgamma, dbeta (read + write).
        let (nc, n4, c4) = ((n * c * F32) as f64, (n * F32) as f64, (c * F32) as f64);
        let shape = format!("N={n} C={c}");
        let rows = vec![
            KernelRow {
                kernel: "forward".into(),
                shape: shape.clone(),
                seconds: time(gpu, &fwd, once_f, self.samples).await?,
                flops: None,
                bytes: Some(2.0 * nc + 2.0 * c4 + 2.0 * n4),
                check_error: Some(err_f),
            },
            KernelRow {
                kernel: "backward (dx, dgamma, dbeta)".into(),
                shape,
                seconds: time(gpu, &bwd, once_b, self.samples).await?,
                flops: None,
                bytes: Some(3.0 * nc + 5.0 * c4 + 2.0 * n4),
                check_error: Some(err_b),
            },
        ];
        Ok(FamilyReport::new(
            gpu,
            "layernorm",
            peaks,
            self.samples,
            rows,
        ))
    }
}

/// Softmax cross-entropy (forward) and its gradient in place over the logits (backward) over `N`
/// rows of `V` logits.
#[derive(Clone, Debug)]
pub struct CrossEntropyBench {
    pub rows: usize,
    pub vocab: usize,
    pub samples: u32,
}

impl Default for CrossEntropyBench {
    fn default() -> Self {
        CrossEntropyBench {
            rows: 4096,
            vocab: 2048,
            samples: 3,
        }
    }
}

impl CrossEntropyBench {
    pub fn validate(&self, budget: &Budget) -> Result<()> {
        positive("--rows", self.rows)?;
        positive("--vocab", self.vocab)?;
        let l = bytes(&[self.rows, self.vocab], F32);
        let mut n = Needs::new("bench cross-entropy");
        n.buffer("logits (N, V), then dlogits in place", l)
            .host(l.saturating_mul(6));
        n.check(budget)
    }

    pub async fn run(&self, gpu: &Gpu, peaks: &Peaks) -> Result<FamilyReport> {
        let (n, v) = (self.rows, self.vocab);
        let logits: Vec<f32> = random_vec(31, n * v).iter().map(|x| 4.0 * x).collect();
        let mut rng = crate::ops::rng::Rng::new(32);
        let targets: Vec<u32> = (0..n).map(|_| rng.below(v as u32)).collect();
        let tl = Tensor::from_f32(gpu, &[n, v], &logits, "logits")?;
        let tt = Tensor::from_u32(gpu, &[n], &targets, "targets")?;
        let tloss = Tensor::zeros(gpu, &[n], DType::F32, "losses")?;
        let thits = Tensor::zeros(gpu, &[n], DType::F32, "hits")?;
        let trows = Tensor::zeros(gpu, &[n, 2], DType::F32, "row_stats")?;
        let ts = Tensor::zeros(gpu, &[4], DType::F32, "stats")?;
        let ce = cross_entropy(gpu, &tl, &tt, &tloss, &thits, &trows, &ts, 1.0)?;
        let once = run(gpu, &ce.forward).await? + run(gpu, &ce.backward).await?;
        let (losses, dl, stats) = cross_entropy_cpu(&logits, &targets, v, 1.0)?;
        let tol = Tolerance::F32_LOOSE;
        let mut err = checked(
            "cross-entropy: losses",
            &tloss.read_f32(gpu).await?,
            &losses,
            tol,
        )?;
        err = err.max(checked(
            "cross-entropy: dlogits (in place)",
            &tl.read_f32(gpu).await?,
            &dl,
            tol,
        )?);
        err = err.max(checked(
            "cross-entropy: stats",
            &ts.read_f32(gpu).await?,
            &stats,
            tol,
        )?);
        // Timed runs start from the gradient of the checked run (finite values: the same work).
        // Byte model (memory-bound, FLOPs not counted): the forward reads the logits, the
        // backward reads them and writes the gradient over them; targets and the per-row
        // outputs are small.
        let both: Vec<Dispatch> = ce.forward.iter().chain(&ce.backward).cloned().collect();
        let rows = vec![KernelRow {
            kernel: "loss + dlogits (in place)".into(),
            shape: format!("N={n} V={v}"),
            seconds: time(gpu, &both, once, self.samples).await?,
            flops: None,
            bytes: Some(((3 * n * v + 5 * n) * F32) as f64),
            check_error: Some(err),
        }];
        Ok(FamilyReport::new(
            gpu,
            "cross-entropy",
            peaks,
            self.samples,
            rows,
        ))
    }
}
