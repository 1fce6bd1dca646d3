//! `evomoe bench head`: the tied language-model head at a large vocabulary, as the GPT records
//! it: logits `(N, V) = lnf (N, C) wte (V, C)^T`, the cross-entropy (forward, then the gradient
//! written in place over the logits), `dwte += dlogits^T lnf` and `dlnf = dlogits wte`.
//!
//! Defaults: GPT-2's padded vocabulary `V = 50,304`, `C = 512`, `N = 4,096` tokens. Reported per
//! part (logits matmul, cross-entropy, dW matmul, dX matmul) and for the whole head: ms and
//! GFLOP/s (FLOP model: `2 N V C` per matmul, the cross-entropy's exps not counted; GB/s for
//! the cross-entropy, which reads the logits twice and writes them once), the whole head as a
//! fraction of the adapter's FMA peak and of the rate of the three matmuls alone, timed in the
//! same rounds. Every part and the matmuls-alone sequence are timed once per round, the rounds
//! interleaved, and each keeps its best round (wall clock around one submit: a part runs for
//! seconds at the default shape on a CPU adapter, so the submit's ~0.1 ms is noise).
//!
//! Row chunks: an `N x V` f32 logits tensor (824 MB at the defaults) passes the storage
//! binding limit of most adapters (128 MiB on lavapipe), so the head runs over chunks of
//! `rows` tokens (the largest multiple of 64 whose logits fit one binding, or `--chunk-rows`),
//! each chunk with the same kernels the model records; the chunks' `dwte` accumulate, and each
//! chunk's cross-entropy scales its gradient by `rows / N` (every target is valid), so the
//! gradients are those of the whole batch. The head's peak memory is then
//! `4 (rows V + 2 V C + 2 N C + 5 N)` bytes (logits chunk, wte and dwte, lnf and dlnf,
//! targets, losses, hits and row statistics), plus one more logits chunk for a shorter last
//! chunk.
//!
//! Correctness first: at most `CHECK_MACS` multiply-adds the whole head is checked against the
//! f64 CPU reference (every gradient); above, two rows of the last chunk (their gradient
//! logits and `dlnf` rows) are, and four rows of `dwte` (one a target's) computed on the CPU
//! from the GPU's row statistics.

use serde_json::{json, Value};

use crate::bench::limits::{bytes, positive, Budget, Needs};
use crate::bench::peak::Peaks;
use crate::bench::report::{checked, num, run_once, FamilyReport, KernelRow};
use crate::error::{Error, Result};
use crate::gpu::tensor::read_buffer;
use crate::gpu::{DType, Dispatch, Gpu, Tensor};
use crate::ops::cross_entropy::{cross_entropy, cross_entropy_f64, CrossEntropy};
use crate::ops::matmul::{matmul, MatmulSpec};
use crate::testing::{random_vec, Tolerance};

const F32: usize = 4;

/// Largest `N V C` checked in full against the CPU reference.
const CHECK_MACS: usize = 200_000_000;

/// The head's shape and how to time it.
#[derive(Clone, Debug)]
pub struct HeadBench {
    pub vocab: usize,
    pub d_model: usize,
    pub tokens: usize,
    /// Rows per chunk; 0: the most that fit one storage binding.
    pub chunk_rows: usize,
    /// Interleaved timing rounds; each part keeps its best.
    pub rounds: u32,
}

impl Default for HeadBench {
    fn default() -> Self {
        HeadBench {
            vocab: 50_304,
            d_model: 512,
            tokens: 4_096,
            chunk_rows: 0,
            rounds: 3,
        }
    }
}

/// The report: the rows of [`FamilyReport`] and the head against the three matmuls.
#[derive(Clone, Debug)]
pub struct HeadReport {
    pub family: FamilyReport,
    /// Rows per chunk and the number of chunks.
    pub chunk_rows: usize,
    pub chunks: usize,
    /// Seconds of the three matmuls alone and of the whole head (best rounds).
    pub matmuls_seconds: f64,
    pub head_seconds: f64,
    /// Peak bytes of the head's buffers.
    pub peak_bytes: u128,
}

impl HeadReport {
    /// The whole head's rate as a fraction of the three matmuls' own rate.
    pub fn matmul_fraction(&self) -> f64 {
        self.matmuls_seconds / self.head_seconds
    }

    pub fn table(&self) -> String {
        let mut s = self.family.table();
        s.push_str(&format!(
            "\nbest of {} interleaved rounds; {} chunk(s) of {} rows; head peak memory {}\n\
             whole head: {:.0}% of the three matmuls' own rate ({:.1} ms alone), {:.0}% of the \
             FMA peak\n",
            self.family.samples,
            self.chunks,
            self.chunk_rows,
            crate::bench::limits::human(self.peak_bytes),
            100.0 * self.matmul_fraction(),
            self.matmuls_seconds * 1e3,
            100.0 * self.family.rows[4].gflops().unwrap_or(0.0) / self.family.peaks.fma_gflops,
        ));
        s
    }

    pub fn json(&self) -> Value {
        let mut v = self.family.json();
        if let Value::Object(m) = &mut v {
            m.insert("chunk_rows".into(), json!(self.chunk_rows));
            m.insert("chunks".into(), json!(self.chunks));
            m.insert("matmuls_seconds".into(), json!(self.matmuls_seconds));
            m.insert("head_seconds".into(), json!(self.head_seconds));
            m.insert("matmul_fraction".into(), num(Some(self.matmul_fraction())));
            m.insert("peak_bytes".into(), json!(self.peak_bytes as u64));
        }
        v
    }
}

/// One chunk's tensors and dispatches.
struct Chunk {
    rows: usize,
    dlnf: Tensor,
    /// `(rows, 2)`: each row's max and log-sum from the cross-entropy's forward.
    row_stats: Tensor,
    logits: usize,
    logits_mm: Dispatch,
    ce: CrossEntropy,
    dw: Dispatch,
    dx: Dispatch,
}

impl HeadBench {
    /// Rows per chunk under a binding limit of `max_binding` bytes.
    pub fn rows_per_chunk(&self, max_binding: u64) -> Result<usize> {
        if self.chunk_rows > 0 {
            return Ok(self.chunk_rows.min(self.tokens));
        }
        let fit = (max_binding / (self.vocab as u64 * F32 as u64)) as usize;
        if fit >= self.tokens {
            return Ok(self.tokens);
        }
        if fit == 0 {
            return Err(Error::Config(format!(
                "bench head: one row of {} logits passes the adapter's binding limit",
                self.vocab
            )));
        }
        Ok(if fit >= 64 { fit / 64 * 64 } else { fit })
    }

    pub fn validate(&self, budget: &Budget) -> Result<()> {
        positive("--vocab", self.vocab)?;
        positive("--d-model", self.d_model)?;
        positive("--tokens", self.tokens)?;
        if self.rounds == 0 {
            return Err(Error::Config("--rounds must be at least 1".into()));
        }
        let rows = self.rows_per_chunk(budget.max_binding)?;
        let (v, c, n) = (self.vocab, self.d_model, self.tokens);
        let mut needs = Needs::new("bench head");
        needs
            .buffer("logits chunk (rows, V)", bytes(&[rows, v], F32))
            .buffer("wte (V, C)", bytes(&[v, c], F32))
            .buffer("dwte (V, C)", bytes(&[v, c], F32))
            .buffer("lnf (N, C)", bytes(&[n, c], F32))
            .host(bytes(&[v, c], F32) + bytes(&[n, c], 3 * F32));
        needs.check(budget)
    }

    pub async fn run(&self, gpu: &Gpu, peaks: &Peaks) -> Result<HeadReport> {
        let (v, c, n) = (self.vocab, self.d_model, self.tokens);
        let binding = gpu
            .limits
            .max_storage_buffer_binding_size
            .min(gpu.limits.max_buffer_size);
        let rows = self.rows_per_chunk(binding)?;
        let wte_h: Vec<f32> = random_vec(41, v * c).iter().map(|x| 0.1 * x).collect();
        let lnf_h = random_vec(42, n * c);
        let mut rng = crate::ops::rng::Rng::new(43);
        let targets_h: Vec<u32> = (0..n).map(|_| rng.below(v as u32)).collect();
        let wte = Tensor::from_f32(gpu, &[v, c], &wte_h, "wte")?;
        let dwte = Tensor::zeros(gpu, &[v, c], DType::F32, "dwte")?;
        // One logits tensor per distinct chunk length (at most two).
        let mut logits: Vec<Tensor> = Vec::new();
        let mut chunks = Vec::new();
        let mut keep_alive = Vec::new();
        for r0 in (0..n).step_by(rows) {
            let nc = rows.min(n - r0);
            let li = match logits.iter().position(|t| t.shape[0] == nc) {
                Some(i) => i,
                None => {
                    logits.push(Tensor::zeros(gpu, &[nc, v], DType::F32, "logits chunk")?);
                    logits.len() - 1
                }
            };
            let lg = &logits[li];
            let lnf = Tensor::from_f32(gpu, &[nc, c], &lnf_h[r0 * c..(r0 + nc) * c], "lnf")?;
            let dlnf = Tensor::zeros(gpu, &[nc, c], DType::F32, "dlnf")?;
            let targets = Tensor::from_u32(gpu, &[nc], &targets_h[r0..r0 + nc], "targets")?;
            let f32t = |shape: &[usize], label: &str| Tensor::zeros(gpu, shape, DType::F32, label);
            let (losses, hits) = (f32t(&[nc], "losses")?, f32t(&[nc], "hits")?);
            let (row_stats, stats) = (f32t(&[nc, 2], "row_stats")?, f32t(&[4], "stats")?);
            let ce = cross_entropy(
                gpu,
                lg,
                &targets,
                &losses,
                &hits,
                &row_stats,
                &stats,
                nc as f32 / n as f32,
            )?;
            chunks.push(Chunk {
                rows: nc,
                row_stats: row_stats.clone(),
                logits_mm: matmul(
                    gpu,
                    &MatmulSpec::new(nc, v, c, false, true),
                    &lnf,
                    &wte,
                    None,
                    lg,
                )?,
                dw: matmul(
                    gpu,
                    &MatmulSpec::new(v, c, nc, true, false).accumulate(),
                    lg,
                    &lnf,
                    None,
                    &dwte,
                )?,
                dx: matmul(
                    gpu,
                    &MatmulSpec::new(nc, c, v, false, false),
                    lg,
                    &wte,
                    None,
                    &dlnf,
                )?,
                ce,
                dlnf,
                logits: li,
            });
            // Kept alive with the dispatches that bind them.
            keep_alive.push((lnf, targets, losses, hits, row_stats, stats));
        }
        let seq = |parts: &dyn Fn(&Chunk) -> Vec<&Dispatch>| -> Vec<&Dispatch> {
            chunks.iter().flat_map(parts).collect()
        };
        let head = seq(&|k| {
            let mut d = vec![&k.logits_mm];
            d.extend(&k.ce.forward);
            d.extend(&k.ce.backward);
            d.extend([&k.dw, &k.dx]);
            d
        });
        let logits_mm = seq(&|k| vec![&k.logits_mm]);
        let ce = seq(&|k| k.ce.forward.iter().chain(&k.ce.backward).collect());
        let dw = seq(&|k| vec![&k.dw]);
        let dx = seq(&|k| vec![&k.dx]);
        let matmuls = seq(&|k| vec![&k.logits_mm, &k.dw, &k.dx]);

        run_once(gpu, &head).await?;
        let err = self
            .check(
                gpu, &chunks, &logits, &dwte, &wte_h, &lnf_h, &targets_h, rows,
            )
            .await?;

        let cases: [&[&Dispatch]; 6] = [&logits_mm, &ce, &dw, &dx, &head, &matmuls];
        let mut best = [f64::INFINITY; 6];
        for _ in 0..self.rounds {
            for (b, ds) in best.iter_mut().zip(cases) {
                *b = b.min(run_once(gpu, ds).await?);
            }
        }
        let mm_flops = 2.0 * n as f64 * v as f64 * c as f64;
        let shape = format!("N={n} V={v} C={c}");
        let row = |kernel: &str, seconds: f64, flops: Option<f64>, bytes: Option<f64>| KernelRow {
            kernel: kernel.into(),
            shape: shape.clone(),
            seconds,
            flops,
            bytes,
            check_error: Some(err),
        };
        let ce_bytes = ((3 * n * v + 5 * n) * F32) as f64;
        let rows_out = vec![
            row("logits = lnf wte^T", best[0], Some(mm_flops), None),
            row(
                "cross-entropy (loss, dlogits in place)",
                best[1],
                None,
                Some(ce_bytes),
            ),
            row("dwte += dlogits^T lnf", best[2], Some(mm_flops), None),
            row("dlnf = dlogits wte", best[3], Some(mm_flops), None),
            row("whole head", best[4], Some(3.0 * mm_flops), None),
            row(
                "the three matmuls alone",
                best[5],
                Some(3.0 * mm_flops),
                None,
            ),
        ];
        let peak_bytes = logits
            .iter()
            .map(|t| t.numel() as u128)
            .sum::<u128>()
            .saturating_add((2 * v * c + 2 * n * c + 5 * n) as u128)
            * F32 as u128;
        Ok(HeadReport {
            family: FamilyReport::new(gpu, "head", peaks, self.rounds, rows_out),
            chunk_rows: rows,
            chunks: chunks.len(),
            matmuls_seconds: best[5],
            head_seconds: best[4],
            peak_bytes,
        })
    }

    /// The largest error of the checked run against the f64 CPU reference (see the module docs).
    #[allow(clippy::too_many_arguments)]
    async fn check(
        &self,
        gpu: &Gpu,
        chunks: &[Chunk],
        logits: &[Tensor],
        dwte: &Tensor,
        wte: &[f32],
        lnf: &[f32],
        targets: &[u32],
        rows: usize,
    ) -> Result<f64> {
        let (v, c, n) = (self.vocab, self.d_model, self.tokens);
        let full = n * v * c <= CHECK_MACS;
        // Rows checked: all, or two of the last chunk (its logits tensor is the last written).
        let last = chunks.last().expect("at least one chunk");
        let r0 = (chunks.len() - 1) * rows;
        let rows_checked: Vec<usize> = if full {
            (0..n).collect()
        } else {
            (r0..(r0 + 2).min(n)).collect()
        };
        let m = rows_checked.len();
        let x: Vec<f64> = rows_checked
            .iter()
            .flat_map(|&r| {
                let a = &lnf[r * c..(r + 1) * c];
                (0..v).map(move |j| {
                    let w = &wte[j * c..(j + 1) * c];
                    a.iter().zip(w).map(|(&p, &q)| p as f64 * q as f64).sum()
                })
            })
            .collect();
        let t: Vec<u32> = rows_checked.iter().map(|&r| targets[r]).collect();
        // Every target is valid: the whole batch's scale 1 / N is m / N over m rows.
        let (_, g, _) = cross_entropy_f64(&x, &t, v, m as f64 / n as f64)?;
        let mut want_dx = vec![0.0f32; m * c];
        for i in 0..m {
            for k in 0..c {
                want_dx[i * c + k] = (0..v)
                    .map(|j| g[i * v + j] * wte[j * c + k] as f64)
                    .sum::<f64>() as f32;
            }
        }
        // Relative to each tensor's largest entry: the softmax terms of a 50k row are tiny.
        let tol = |want: &[f32], floor: f64| Tolerance {
            rel: 1e-3,
            abs: floor * want.iter().fold(0.0f64, |a, &w| a.max(w.abs() as f64)),
        };
        let narrow = |a: &[f64]| a.iter().map(|&y| y as f32).collect::<Vec<f32>>();
        let mut err;
        if full {
            let mut got_g = Vec::new();
            let mut got_dx = Vec::new();
            for k in chunks {
                got_g.extend(logits[k.logits].read_f32(gpu).await?);
                got_dx.extend(k.dlnf.read_f32(gpu).await?);
            }
            // With one tensor per chunk length, only the chunks that wrote it last hold their
            // gradient: compare those rows.
            let mut got = Vec::new();
            let mut want = Vec::new();
            let mut at = 0;
            for (i, k) in chunks.iter().enumerate() {
                let last_user = chunks[i + 1..].iter().all(|o| o.logits != k.logits);
                if last_user {
                    let r = i * rows;
                    got.extend_from_slice(&got_g[at..at + k.rows * v]);
                    want.extend(narrow(&g[r * v..(r + k.rows) * v]));
                }
                at += k.rows * v;
            }
            err = checked("head: dlogits", &got, &want, tol(&want, 1e-6))?;
            err = err.max(checked(
                "head: dlnf",
                &got_dx,
                &want_dx,
                tol(&want_dx, 1e-3),
            )?);
            let mut want_dw = vec![0.0f32; v * c];
            for j in 0..v {
                for k in 0..c {
                    want_dw[j * c + k] = (0..n)
                        .map(|r| g[r * v + j] * lnf[r * c + k] as f64)
                        .sum::<f64>() as f32;
                }
            }
            let got_dw = dwte.read_f32(gpu).await?;
            err = err.max(checked(
                "head: dwte",
                &got_dw,
                &want_dw,
                tol(&want_dw, 1e-3),
            )?);
        } else {
            let bytes = read_buffer(gpu, &logits[last.logits].buffer, 0, (m * v * F32) as u64);
            let got: Vec<f32> = bytemuck::pod_collect_to_vec(&bytes.await?);
            let want = narrow(&g);
            err = checked("head: dlogits", &got, &want, tol(&want, 1e-6))?;
            let got_dx = last.dlnf.read_f32(gpu).await?;
            err = err.max(checked(
                "head: dlnf",
                &got_dx[..m * c],
                &want_dx,
                tol(&want_dx, 1e-3),
            )?);
            // Four rows of dwte (one a target's) from the GPU's row statistics (checked above
            // for the rows of dlogits): dwte_j = sum_n (exp(x_nj - m_n - ls_n) - [y_n = j]) lnf_n / N.
            let mut stats = Vec::new();
            for k in chunks {
                stats.extend(k.row_stats.read_f32(gpu).await?);
            }
            let js = [targets[0] as usize, 1, v / 2, v - 1];
            let mut want_dw = vec![0.0f64; js.len() * c];
            for r in 0..n {
                let a = &lnf[r * c..(r + 1) * c];
                for (i, &j) in js.iter().enumerate() {
                    let w = &wte[j * c..(j + 1) * c];
                    let x: f64 = a.iter().zip(w).map(|(&p, &q)| p as f64 * q as f64).sum();
                    let p = (x - stats[2 * r] as f64 - stats[2 * r + 1] as f64).exp();
                    let g = (p - if targets[r] as usize == j { 1.0 } else { 0.0 }) / n as f64;
                    for (o, &l) in want_dw[i * c..(i + 1) * c].iter_mut().zip(a) {
                        *o += g * l as f64;
                    }
                }
            }
            let want_dw = narrow(&want_dw);
            let mut got_dw = Vec::new();
            for &j in &js {
                let at = (j * c * F32) as u64;
                let b = read_buffer(gpu, &dwte.buffer, at, (c * F32) as u64).await?;
                got_dw.extend(bytemuck::pod_collect_to_vec::<u8, f32>(&b));
            }
            err = err.max(checked(
                "head: dwte rows",
                &got_dw,
                &want_dw,
                tol(&want_dw, 1e-3),
            )?);
        }
        Ok(err)
    }
}
