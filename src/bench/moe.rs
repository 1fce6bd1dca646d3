//! The MoE layer benchmark: forward + backward of one expert FFN layer (`N` tokens, width `d`,
//! hidden `f`, `E` experts), every implementation timed in the same run on the same adapter:
//! - (a) top-1 routing through the scattered path (routing included);
//! - (b) a dense FFN of the same `d, f` over the same `N` tokens through `ops::matmul` (the
//!   dense path with `E = 1`), and (b') the same dense FFN through the scattered kernels;
//! - (c) the padded capacity implementation (`cf = 1.25`, routing and token copy included);
//! - (d) the early DTS phase with every expert active (`K = E`), dense path, and (d') the same
//!   through the scattered path.
//!
//! (a) and (b) do the same useful FLOPs (`12 N d f`: two forward and four backward GEMMs), so
//! their ratio is the overhead of routing, gathering and scattering.
//! Every case is checked (a case that fails its check reports the error instead of a time):
//! the output, `dx` and `dsel_weight` of the first `check_tokens` tokens against the f64 CPU
//! reference (token-local quantities, so a prefix of the tokens can be checked without the
//! minutes a full CPU reference would take). The check reads the results of the timed runs
//! (each run overwrites them), which saves a run of the slow cases. Cases built on
//! `ops::matmul` ((b), (c), (d)) are timed once after the warm-up: they are slow while
//! `matmul()` is the naive kernel.

use serde_json::{json, Value};

use crate::bench::peak::Peaks;
use crate::bench::report::{fraction, num, Env};
use crate::error::{Error, Result};
use crate::gpu::profiler::{time_sequence, Profiler};
use crate::gpu::{DType, Dispatch, Gpu, Tensor};
use crate::moe::expert_ffn::{
    expert_ffn_backward_cpu, expert_ffn_cpu, ExpertFfn, ExpertGradTensors, ExpertTensors,
    ExpertWeights, FfnPath, FfnShape,
};
use crate::moe::padded::PaddedFfn;
use crate::moe::route::{route_cpu, Router};
use crate::ops::matmul::MatmulKernel;
use crate::ops::rng::Rng;
use crate::testing::{check_close, random_vec, Tolerance};

/// What to run.
#[derive(Clone, Debug)]
pub struct MoeBenchConfig {
    pub n: usize,
    pub d: usize,
    pub f: usize,
    pub experts: Vec<usize>,
    /// Timed repetitions per top-1 case, averaged (after one warm-up run); the all-experts
    /// cases run once.
    pub reps: u32,
    /// Tokens checked against the CPU reference per case.
    pub check_tokens: usize,
    /// Also time the DTS early phase (K = E; slow where matmul is slow). Timed in the first
    /// round only.
    pub dts: bool,
    /// Rounds over every case; each row reports its fastest round. Other processes share a
    /// CPU adapter, and their load drifts over a run: interleaved rounds keep the comparison
    /// between cases fair.
    pub rounds: u32,
    pub seed: u64,
}

impl Default for MoeBenchConfig {
    fn default() -> Self {
        MoeBenchConfig {
            n: 2048,
            d: 256,
            f: 1024,
            experts: vec![8, 32],
            reps: 2,
            check_tokens: 24,
            dts: true,
            rounds: 3,
            seed: 7,
        }
    }
}

/// One measured case.
#[derive(Clone, Debug)]
pub struct MoeBenchRow {
    pub e: usize,
    /// `(a)`, `(b)`, ...
    pub case: String,
    pub what: String,
    /// Milliseconds per forward + backward, or `None` when the case could not run.
    pub ms: Option<f64>,
    /// Useful FLOPs (routed pairs x 12 d f).
    pub flops: f64,
    /// Median over rounds of this case's time divided by (b)'s time in the same round (the
    /// two are measured back to back, so drifting machine load cancels out).
    pub vs_b_median: Option<f64>,
    /// Why a case did not run, or extra facts (dropped tokens, path).
    pub note: String,
    /// The case failed its check (or broke otherwise): not an adapter limit that kept it from
    /// running.
    pub failed: bool,
}

pub(crate) struct Layer {
    pub(crate) x: Tensor,
    w1: Tensor,
    b1: Tensor,
    w2: Tensor,
    b2: Tensor,
    pub(crate) dout: Tensor,
    pub(crate) out: Tensor,
    dx: Tensor,
    dw1: Tensor,
    db1: Tensor,
    dw2: Tensor,
    db2: Tensor,
    host: [Vec<f32>; 6],
}

impl Layer {
    pub(crate) fn new(
        gpu: &Gpu,
        n: usize,
        d: usize,
        f: usize,
        e: usize,
        seed: u64,
    ) -> Result<Layer> {
        let sc = |v: Vec<f32>, a: f32| v.into_iter().map(|x| x * a).collect::<Vec<f32>>();
        let x = random_vec(seed, n * d);
        let w1 = sc(random_vec(seed + 1, e * d * f), 1.7 / (d as f32).sqrt());
        let b1 = sc(random_vec(seed + 2, e * f), 0.1);
        let w2 = sc(random_vec(seed + 3, e * f * d), 1.7 / (f as f32).sqrt());
        let b2 = sc(random_vec(seed + 4, e * d), 0.1);
        let dout = random_vec(seed + 5, n * d);
        let t = |v: &[f32], l: &str| Tensor::from_f32(gpu, &[v.len()], v, l);
        let z = |len: usize, l: &str| Tensor::zeros(gpu, &[len], DType::F32, l);
        Ok(Layer {
            x: t(&x, "x")?,
            w1: t(&w1, "w1")?,
            b1: t(&b1, "b1")?,
            w2: t(&w2, "w2")?,
            b2: t(&b2, "b2")?,
            dout: t(&dout, "dout")?,
            out: z(n * d, "out")?,
            dx: z(n * d, "dx")?,
            dw1: z(e * d * f, "dw1")?,
            db1: z(e * f, "db1")?,
            dw2: z(e * f * d, "dw2")?,
            db2: z(e * d, "db2")?,
            host: [x, w1, b1, w2, b2, dout],
        })
    }

    pub(crate) fn w(&self) -> ExpertTensors<'_> {
        ExpertTensors {
            w1: &self.w1,
            b1: &self.b1,
            w2: &self.w2,
            b2: &self.b2,
        }
    }

    pub(crate) fn g<'a>(&'a self, dsel: &'a Tensor) -> ExpertGradTensors<'a> {
        ExpertGradTensors {
            dx: &self.dx,
            dsel_weight: dsel,
            dw1: &self.dw1,
            db1: &self.db1,
            dw2: &self.dw2,
            db2: &self.db2,
        }
    }
}

/// The GEMM kernel `ffn` records, for the notes of the tables: the scattered path's expert
/// GEMM variant, or the matmul kernel of the dense path.
pub(crate) fn gemm_name(gpu: &Gpu, ffn: &ExpertFfn) -> String {
    match ffn.gemm() {
        Some(gemm) => format!("{gemm:?}"),
        None => format!("{:?}", MatmulKernel::best(gpu)),
    }
}

/// The router and `ffn`'s forward and backward over `layer` for the selections `tsel` with
/// weights `tw` (their gradient into `dsel`), recorded once.
pub(crate) fn record_ffn(
    gpu: &Gpu,
    layer: &Layer,
    router: &Router,
    ffn: &ExpertFfn,
    (tsel, tw, dsel): (&Tensor, &Tensor, &Tensor),
) -> Result<Vec<Dispatch>> {
    let mut ds = router.record(gpu, tsel)?;
    ds.extend(ffn.forward(gpu, router, &layer.x, &layer.w(), tw, &layer.out)?);
    ds.extend(ffn.backward(
        gpu,
        router,
        &layer.x,
        &layer.w(),
        tw,
        &layer.dout,
        &layer.g(dsel),
    )?);
    Ok(ds)
}

/// Checks out, dx and dsel of the first `m` tokens against the CPU reference.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn check_prefix(
    gpu: &Gpu,
    layer: &Layer,
    s: FfnShape,
    sel: &[u32],
    selw: &[f32],
    cap: Option<usize>,
    dsel: &Tensor,
    m: usize,
    what: &str,
) -> Result<()> {
    let m = m.min(s.n);
    let pos = route_cpu(sel, s.k, s.e, cap).pos;
    let sub = FfnShape { n: m, ..s };
    let [x, w1, b1, w2, b2, dout] = &layer.host;
    let w = ExpertWeights { w1, b1, w2, b2 };
    let f64s = |v: &[f32]| v.iter().map(|&a| a as f64).collect::<Vec<f64>>();
    let xs = f64s(&x[..m * s.d]);
    let sw = f64s(&selw[..m * s.k]);
    let ps = &pos[..m * s.k];
    let sl = &sel[..m * s.k];
    let want = expert_ffn_cpu(sub, &xs, &w, sl, &sw, Some(ps));
    let g = expert_ffn_backward_cpu(sub, &xs, &w, sl, &sw, Some(ps), &f64s(&dout[..m * s.d]));
    let f32s = |v: &[f64]| v.iter().map(|&a| a as f32).collect::<Vec<f32>>();
    let tol = Tolerance::F32_LOOSE;
    let out = layer.out.read_f32(gpu).await?;
    check_close(&format!("{what}: out"), &out[..m * s.d], &f32s(&want), tol)?;
    let dx = layer.dx.read_f32(gpu).await?;
    check_close(&format!("{what}: dx"), &dx[..m * s.d], &f32s(&g.dx), tol)?;
    let ds = dsel.read_f32(gpu).await?;
    check_close(
        &format!("{what}: dsel_weight"),
        &ds[..m * s.k],
        &f32s(&g.dsel_weight),
        tol,
    )
}

async fn time(gpu: &Gpu, ds: &[Dispatch], reps: u32) -> Result<f64> {
    let refs: Vec<&Dispatch> = ds.iter().collect();
    Ok(time_sequence(gpu, &refs, reps).await? * 1e3)
}

/// Runs, checks and times one case; an error becomes a row with the message.
#[allow(clippy::too_many_arguments)]
async fn case(
    rows: &mut Vec<MoeBenchRow>,
    e: usize,
    id: &str,
    what: &str,
    flops: f64,
    run: impl AsyncFnOnce() -> Result<(f64, String)>,
) {
    let (ms, note, failed) = match run().await {
        Ok((ms, note)) => (Some(ms), note, false),
        Err(err @ Error::Limit { .. }) => (None, format!("not run: {err}"), false),
        Err(err) => (None, format!("failed: {err}"), true),
    };
    rows.push(MoeBenchRow {
        e,
        case: id.to_string(),
        what: what.to_string(),
        ms,
        flops,
        vs_b_median: None,
        note,
        failed,
    });
}

/// [`bench_moe_once`] `cfg.rounds` times, keeping each row's fastest time and the median of its
/// per-round ratio to (b).
pub async fn bench_moe(gpu: &Gpu, cfg: &MoeBenchConfig) -> Result<Vec<MoeBenchRow>> {
    let mut rows = bench_moe_once(gpu, cfg).await?;
    let mut rounds = vec![rows.clone()];
    let later = MoeBenchConfig {
        dts: false,
        ..cfg.clone()
    };
    for _ in 1..cfg.rounds.max(1) {
        let round = bench_moe_once(gpu, &later).await?;
        for r in &round {
            if let Some(best) = rows.iter_mut().find(|x| x.e == r.e && x.case == r.case) {
                if let (Some(a), Some(b)) = (best.ms, r.ms) {
                    best.ms = Some(a.min(b));
                }
            }
        }
        rounds.push(round);
    }
    for row in rows.iter_mut() {
        let mut ratios: Vec<f64> = rounds
            .iter()
            .filter_map(|round| {
                let ms = |case: &str| {
                    round
                        .iter()
                        .find(|x| x.e == row.e && x.case == case)
                        .and_then(|x| x.ms)
                };
                Some(ms(&row.case)? / ms("(b)")?)
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        row.vs_b_median = ratios.get(ratios.len() / 2).copied();
    }
    Ok(rows)
}

/// Runs every case once for every `E` in `cfg.experts`.
pub async fn bench_moe_once(gpu: &Gpu, cfg: &MoeBenchConfig) -> Result<Vec<MoeBenchRow>> {
    let (n, d, f) = (cfg.n, cfg.d, cfg.f);
    let pair_flops = 12.0 * (d * f) as f64;
    let mut rows = Vec::new();
    let mut rng = Rng::new(cfg.seed);
    for &e in &cfg.experts {
        // The dense FFN (E = 1), measured next to each E: (b) and (b').
        let dense_rows = {
            let layer = Layer::new(gpu, n, d, f, 1, cfg.seed + 100)?;
            let sel = vec![0u32; n];
            let selw = vec![1.0f32; n];
            let tsel = Tensor::from_u32(gpu, &[n, 1], &sel, "sel")?;
            let tw = Tensor::from_f32(gpu, &[n], &selw, "selw")?;
            let dsel = Tensor::zeros(gpu, &[n], DType::F32, "dsel")?;
            let s = FfnShape {
                n,
                k: 1,
                d,
                f,
                e: 1,
            };
            let mut r = Vec::new();
            for (id, what, path) in [
                ("(b)", "dense FFN via matmul()", FfnPath::Dense),
                (
                    "(b')",
                    "dense FFN via the scattered kernels",
                    FfnPath::Scattered,
                ),
            ] {
                case(&mut r, 1, id, what, n as f64 * pair_flops, async || {
                    let router = Router::new(gpu, n, 1, 1, None)?;
                    let ffn = ExpertFfn::with_path(gpu, n, 1, d, f, 1, path)?;
                    let ds = record_ffn(gpu, &layer, &router, &ffn, (&tsel, &tw, &dsel))?;
                    let ms = time(gpu, &ds, cfg.reps).await?;
                    check_prefix(
                        gpu,
                        &layer,
                        s,
                        &sel,
                        &selw,
                        None,
                        &dsel,
                        cfg.check_tokens,
                        id,
                    )
                    .await?;
                    Ok((ms, gemm_name(gpu, &ffn)))
                })
                .await;
            }
            r
        };

        rows.extend(dense_rows.into_iter().map(|mut r| {
            r.e = e;
            r
        }));
        let layer = Layer::new(gpu, n, d, f, e, cfg.seed + e as u64)?;
        // Top-1 selections: uniform random experts, weights in (0.5, 1).
        let sel: Vec<u32> = (0..n).map(|_| rng.below(e as u32)).collect();
        let selw: Vec<f32> = (0..n).map(|_| 0.5 + 0.5 * rng.uniform()).collect();
        let tsel = Tensor::from_u32(gpu, &[n, 1], &sel, "sel")?;
        let tw = Tensor::from_f32(gpu, &[n], &selw, "selw")?;
        let dsel = Tensor::zeros(gpu, &[n], DType::F32, "dsel")?;
        let s1 = FfnShape { n, k: 1, d, f, e };
        let top1_flops = n as f64 * pair_flops;
        case(
            &mut rows,
            e,
            "(a)",
            "top-1, scattered path",
            top1_flops,
            async || {
                let router = Router::new(gpu, n, 1, e, None)?;
                let ffn = ExpertFfn::new(gpu, n, 1, d, f, e)?;
                let ds = record_ffn(gpu, &layer, &router, &ffn, (&tsel, &tw, &dsel))?;
                let ms = time(gpu, &ds, cfg.reps).await?;
                check_prefix(
                    gpu,
                    &layer,
                    s1,
                    &sel,
                    &selw,
                    None,
                    &dsel,
                    cfg.check_tokens,
                    "(a)",
                )
                .await?;
                Ok((ms, gemm_name(gpu, &ffn)))
            },
        )
        .await;
        case(
            &mut rows,
            e,
            "(c)",
            "top-1, padded capacity cf=1.25",
            top1_flops,
            async || {
                let p = PaddedFfn::new(gpu, n, 1, d, f, e, 1.25)?;
                let mut ds = p.forward(gpu, &tsel, &layer.x, &layer.w(), &tw, &layer.out)?;
                ds.extend(p.backward(
                    gpu,
                    &layer.x,
                    &layer.w(),
                    &tw,
                    &layer.dout,
                    &layer.g(&dsel),
                )?);
                let ms = time(gpu, &ds, cfg.reps).await?;
                let cap = Some(p.capacity);
                check_prefix(
                    gpu,
                    &layer,
                    s1,
                    &sel,
                    &selw,
                    cap,
                    &dsel,
                    cfg.check_tokens,
                    "(c)",
                )
                .await?;
                let dropped = p.router.read_stats(gpu).await?.dropped;
                Ok((
                    ms,
                    format!("capacity {}, {dropped} tokens dropped", p.capacity),
                ))
            },
        )
        .await;
        if !cfg.dts {
            continue;
        }
        // DTS early phase: every token to every expert, weights in (0, 1/E]-ish (softmax-like).
        let sel: Vec<u32> = (0..n * e).map(|a| (a % e) as u32).collect();
        let selw: Vec<f32> = (0..n * e)
            .map(|_| (0.5 + rng.uniform()) / e as f32)
            .collect();
        let tsel = Tensor::from_u32(gpu, &[n, e], &sel, "sel")?;
        let tw = Tensor::from_f32(gpu, &[n * e], &selw, "selw")?;
        let dsel = Tensor::zeros(gpu, &[n * e], DType::F32, "dsel")?;
        let se = FfnShape { n, k: e, d, f, e };
        for (id, what, path) in [
            ("(d)", "DTS early, all experts, dense path", FfnPath::Dense),
            (
                "(d')",
                "DTS early, all experts, scattered path",
                FfnPath::Scattered,
            ),
        ] {
            case(
                &mut rows,
                e,
                id,
                what,
                (n * e) as f64 * pair_flops,
                async || {
                    let router = Router::new(gpu, n, e, e, None)?;
                    let ffn = ExpertFfn::with_path(gpu, n, e, d, f, e, path)?;
                    let ds = record_ffn(gpu, &layer, &router, &ffn, (&tsel, &tw, &dsel))?;
                    let ms = time(gpu, &ds, 1).await?;
                    let m = cfg.check_tokens.min(8);
                    check_prefix(gpu, &layer, se, &sel, &selw, None, &dsel, m, id).await?;
                    Ok((ms, format!("{:?}", ffn.path())))
                },
            )
            .await;
        }
    }
    Ok(rows)
}

/// The rows as a markdown table with ratios against (b) and (b') of the same `E`; with
/// `peaks`, each GFLOP/s also as a fraction of the FMA peak.
pub fn format_moe(
    gpu: &Gpu,
    cfg: &MoeBenchConfig,
    rows: &[MoeBenchRow],
    peaks: Option<&Peaks>,
) -> String {
    let mut s = format!(
        "MoE layer forward+backward, N={} d={} f={} on {} ({}); timing: {}, best of {} \
         interleaved rounds (the all-experts cases: one)\n",
        cfg.n,
        cfg.d,
        cfg.f,
        gpu.name(),
        gpu.info.driver_info,
        Profiler::method(gpu),
        cfg.rounds.max(1)
    );
    if let Some(p) = peaks {
        s.push_str(&p.line());
        s.push('\n');
    }
    s.push('\n');
    s.push_str(
        "| E | case | implementation | ms | GFLOP/s | of FMA peak | vs (b) | vs (b) per round, \
         median | vs (b') | note |\n",
    );
    s.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
    let peak = peaks.map_or(0.0, |p| p.fma_gflops);
    for r in rows {
        let find = |c: &str| {
            rows.iter()
                .find(|x| x.e == r.e && x.case == c)
                .and_then(|x| x.ms)
        };
        let ratio = |base: Option<f64>| match (r.ms, base) {
            (Some(a), Some(b)) if b > 0.0 => format!("{:.2}x", a / b),
            _ => "-".into(),
        };
        let (ms, gf) = match r.ms {
            Some(ms) => (
                format!("{ms:.1}"),
                format!("{:.1}", r.flops / (ms * 1e-3) / 1e9),
            ),
            None => ("-".into(), "-".into()),
        };
        let of_peak =
            fraction(r.gflops(), peak).map_or("-".into(), |x| format!("{:.0}%", 100.0 * x));
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            r.e,
            r.case,
            r.what,
            ms,
            gf,
            of_peak,
            ratio(find("(b)")),
            r.vs_b_median
                .map_or("-".to_string(), |m| format!("{m:.2}x")),
            ratio(find("(b')")),
            r.note.replace('|', "/").replace('\n', " ")
        ));
    }
    s
}

/// Runs the benchmark and prints the table (for `benches/moe.rs`).
pub async fn run_and_print(gpu: &Gpu, cfg: &MoeBenchConfig) -> Result<String> {
    let rows = bench_moe(gpu, cfg).await?;
    let table = format_moe(gpu, cfg, &rows, None);
    println!("{table}");
    Ok(table)
}

/// The rows as one JSON object with the adapter and the peaks.
pub fn moe_json(gpu: &Gpu, cfg: &MoeBenchConfig, rows: &[MoeBenchRow], peaks: &Peaks) -> Value {
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "e": r.e,
                "case": r.case,
                "what": r.what,
                "ms": num(r.ms),
                "flops": r.flops,
                "gflops": num(r.gflops()),
                "fma_peak_fraction": num(fraction(r.gflops(), peaks.fma_gflops)),
                "vs_b_median": num(r.vs_b_median),
                "note": r.note,
            })
        })
        .collect();
    let mut m = Env::of(gpu).json("moe", peaks);
    m.insert(
        "config".into(),
        json!({"tokens": cfg.n, "d_model": cfg.d, "d_ff": cfg.f, "rounds": cfg.rounds}),
    );
    m.insert("rows".into(), Value::Array(rows));
    Value::Object(m)
}

impl MoeBenchRow {
    /// Useful GFLOP/s, where the case ran.
    pub fn gflops(&self) -> Option<f64> {
        self.ms.map(|ms| self.flops / (ms * 1e-3) * 1e-9)
    }
}

/// The dispatches of one top-1 forward + backward: (b) when `dense`, else (a) with `e`
/// experts (`e = 1`: (b')). Uniform random experts from `seed`.
async fn top1_dispatches(
    gpu: &Gpu,
    layer: &Layer,
    (n, d, f, e): (usize, usize, usize, usize),
    dense: bool,
    seed: u64,
) -> Result<(Vec<Dispatch>, Vec<Tensor>)> {
    let mut rng = Rng::new(seed);
    let sel: Vec<u32> = (0..n).map(|_| rng.below(e as u32)).collect();
    let selw: Vec<f32> = (0..n).map(|_| 0.5 + 0.5 * rng.uniform()).collect();
    let tsel = Tensor::from_u32(gpu, &[n, 1], &sel, "sel")?;
    let tw = Tensor::from_f32(gpu, &[n], &selw, "selw")?;
    let dsel = Tensor::zeros(gpu, &[n], DType::F32, "dsel")?;
    let path = if dense {
        FfnPath::Dense
    } else {
        FfnPath::Scattered
    };
    let router = Router::new(gpu, n, 1, e, None)?;
    let ffn = ExpertFfn::with_path(gpu, n, 1, d, f, e, path)?;
    let ds = record_ffn(gpu, layer, &router, &ffn, (&tsel, &tw, &dsel))?;
    Ok((ds, vec![tsel, tw, dsel]))
}

/// Per-dispatch times (ms, GPU timestamps where the adapter has them) of (b), (b') and (a)
/// for every `E` of `cfg`: where the scattered path spends its time. Each dispatch is timed
/// on its own after a warm-up run; the fastest of `cfg.rounds` interleaved profiled runs per
/// dispatch (other processes share a CPU adapter).
pub async fn profile_moe(gpu: &Gpu, cfg: &MoeBenchConfig) -> Result<String> {
    let (n, d, f) = (cfg.n, cfg.d, cfg.f);
    let mut cases = vec![("(b)".to_string(), 1, true), ("(b')".to_string(), 1, false)];
    for &e in &cfg.experts {
        cases.push((format!("(a) E={e}"), e, false));
    }
    // Build every case first, then interleave them round by round: a CPU adapter's speed
    // drifts with the machine's other load, and the comparison is between cases.
    let mut built = Vec::new();
    for (name, e, dense) in cases {
        let layer = Layer::new(gpu, n, d, f, e, cfg.seed + e as u64)?;
        let (ds, keep) = top1_dispatches(gpu, &layer, (n, d, f, e), dense, cfg.seed).await?;
        let labels: Vec<String> = ds
            .iter()
            .enumerate()
            .map(|(i, x)| format!("{i:02} {}", x.label()))
            .collect();
        let refs: Vec<&Dispatch> = ds.iter().collect();
        gpu.run(&refs)?; // warm-up: CPU drivers compile on first use
        gpu.wait().await?;
        built.push((name, labels, ds, layer, keep));
    }
    let mut cols: Vec<(String, Vec<(String, f64)>)> =
        built.iter().map(|b| (b.0.clone(), Vec::new())).collect();
    for round in 0..cfg.rounds.max(1) {
        for ((_, labels, ds, _, _), (_, rep)) in built.iter().zip(cols.iter_mut()) {
            let labeled: Vec<(&str, &Dispatch)> =
                labels.iter().map(|l| l.as_str()).zip(ds.iter()).collect();
            let mut prof = Profiler::new();
            prof.run_labeled(gpu, &labeled).await?;
            for (label, secs, _) in prof.report() {
                let ms = secs * 1e3;
                match rep.iter_mut().find(|r| r.0 == label) {
                    Some(r) => r.1 = r.1.min(ms),
                    None if round == 0 => rep.push((label, ms)),
                    None => {}
                }
            }
        }
    }
    for (_, rep) in cols.iter_mut() {
        rep.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let mut s = format!(
        "Per-dispatch ms, N={n} d={d} f={f} top-1, on {} ({}), {}, best of {} runs\n\n",
        gpu.name(),
        gpu.info.driver_info,
        Profiler::method(gpu),
        cfg.rounds.max(1)
    );
    for (name, rep) in &cols {
        s.push_str(&format!(
            "{name}: total {:.1} ms\n",
            rep.iter().map(|r| r.1).sum::<f64>()
        ));
        for (label, ms) in rep {
            s.push_str(&format!("  {label:<40} {ms:8.2}\n"));
        }
    }
    Ok(s)
}
