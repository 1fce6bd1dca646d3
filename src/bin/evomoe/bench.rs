//! `evomoe bench <family>`: the command line of the benchmarks in `evomoe::bench`.
//!
//! Every run opens the adapter, checks every size against its limits and the host's memory
//! (one `error:` line and a non-zero exit, before anything is allocated), measures the
//! adapter's FMA and copy peaks once, then runs each family: correctness check first, then
//! timing, each figure next to its fraction of the peak. `--json` prints one JSON object
//! instead of the tables (`all --json`: one object holding every family).

use clap::{Args, Subcommand, ValueEnum};
use serde_json::{json, Value};

use evomoe::bench::kernels::{AttentionBench, CrossEntropyBench, LayerNormBench};
use evomoe::bench::limits::{bytes, host_available_bytes, positive, Budget, Needs};
use evomoe::bench::moe::MoeBenchConfig;
use evomoe::bench::moe_kernels::{expert_layer_needs, ExpertFfnBench, GateBench, RouteBench};
use evomoe::bench::peak::{self, PeakOptions, Peaks};
use evomoe::bench::report::Env;
use evomoe::bench::{matmul, moe, moe_step, step};
use evomoe::gpu::context::AdapterOptions;
use evomoe::{Error, Gpu, Result};

#[derive(Subcommand)]
pub enum BenchCommand {
    /// GFLOP/s of every matmul variant (naive baseline) on square and model shapes.
    Matmul(MatmulArgs),
    /// Causal self-attention forward and backward (fused kernels where the head fits).
    Attention(AttentionArgs),
    /// LayerNorm forward and backward (GB/s: memory-bound).
    Layernorm(LayerNormArgs),
    /// Fused softmax cross-entropy with its gradient (GB/s: memory-bound).
    CrossEntropy(CrossEntropyArgs),
    /// The DTS gate's forward: router matmul, noisy tempered softmax, selection, statistics.
    Gate(GateArgs),
    /// The routing passes: sort (token, slot) assignments by expert.
    Route(RouteArgs),
    /// The scattered expert FFN, forward and backward (routing excluded).
    ExpertFfn(ExpertFfnArgs),
    /// Forward + backward of one MoE layer: scattered top-1 vs a dense FFN vs the padded
    /// capacity baseline vs the all-experts DTS phase (ms and ratios).
    Moe(MoeArgs),
    /// Tokens/s of a full dense-GPT training step, per-op GPU time and submits per step; with
    /// --moe the GPT-MoE step in each EvoMoE phase next to the dense step.
    Step(StepArgs),
    /// Every family above, one after the other, the peaks measured once.
    All(AllArgs),
}

/// Options every family has.
#[derive(Args, Clone)]
pub struct Common {
    /// Print one JSON object instead of the table.
    #[arg(long)]
    json: bool,
    /// MiB of each buffer of the copy-peak kernel (capped by the adapter's max binding).
    #[arg(long, default_value_t = 128)]
    peak_copy_mib: u64,
    /// Timing samples of each peak kernel; the best is kept.
    #[arg(long, default_value_t = 5)]
    peak_samples: u32,
}

#[derive(Args)]
pub struct MatmulArgs {
    #[command(flatten)]
    common: Common,
    /// Square sizes (comma separated).
    #[arg(long, value_delimiter = ',', default_values_t = [256usize, 512, 1024, 2048])]
    sizes: Vec<usize>,
    /// Leave out the Transformer shapes (4096 tokens, d_model 128, forward and backward).
    #[arg(long)]
    no_model_shapes: bool,
    /// Kernels to time: naive, tiled, subgroup, or subgroup:<rows>x<cols> for a subgroup block
    /// per invocation (rows 16, 32, 48, 64; cols 8 or 16), comma separated; default: every
    /// variant the adapter supports.
    #[arg(long, value_delimiter = ',')]
    kernels: Vec<String>,
    /// Time each cell this many times and keep the best.
    #[arg(long, default_value_t = 1)]
    repeat: u32,
}

#[derive(Args)]
pub struct AttentionArgs {
    #[command(flatten)]
    common: Common,
    /// Sequences per batch (B).
    #[arg(long, default_value_t = 8)]
    batch: usize,
    /// Tokens per sequence (T).
    #[arg(long, default_value_t = 256)]
    seq: usize,
    /// Model width (C = H x head width).
    #[arg(long, default_value_t = 256)]
    d_model: usize,
    /// Attention heads (H).
    #[arg(long, default_value_t = 8)]
    heads: usize,
    /// Timing samples per kernel; the best is kept.
    #[arg(long, default_value_t = 3)]
    samples: u32,
}

#[derive(Args)]
pub struct LayerNormArgs {
    #[command(flatten)]
    common: Common,
    /// Rows (tokens, N).
    #[arg(long, default_value_t = 8192)]
    rows: usize,
    /// Row width (C).
    #[arg(long, default_value_t = 512)]
    d_model: usize,
    /// Timing samples per kernel; the best is kept.
    #[arg(long, default_value_t = 3)]
    samples: u32,
}

#[derive(Args)]
pub struct CrossEntropyArgs {
    #[command(flatten)]
    common: Common,
    /// Rows (tokens, N).
    #[arg(long, default_value_t = 4096)]
    rows: usize,
    /// Logits per row (V).
    #[arg(long, default_value_t = 2048)]
    vocab: usize,
    /// Timing samples per kernel; the best is kept.
    #[arg(long, default_value_t = 3)]
    samples: u32,
}

#[derive(Args)]
pub struct GateArgs {
    #[command(flatten)]
    common: Common,
    /// Tokens (N).
    #[arg(long, default_value_t = 8192)]
    tokens: usize,
    /// Model width (D).
    #[arg(long, default_value_t = 256)]
    d_model: usize,
    /// Experts (E).
    #[arg(long, default_value_t = 32)]
    experts: usize,
    /// Timing samples per kernel; the best is kept.
    #[arg(long, default_value_t = 3)]
    samples: u32,
}

#[derive(Args)]
pub struct RouteArgs {
    #[command(flatten)]
    common: Common,
    /// Tokens (N).
    #[arg(long, default_value_t = 16384)]
    tokens: usize,
    /// Slots per token (K: 1 for top-1, 2 for top-2).
    #[arg(long, default_value_t = 2)]
    slots: usize,
    /// Experts (E).
    #[arg(long, default_value_t = 32)]
    experts: usize,
    /// Timing samples per kernel; the best is kept.
    #[arg(long, default_value_t = 3)]
    samples: u32,
}

#[derive(Args)]
pub struct ExpertFfnArgs {
    #[command(flatten)]
    common: Common,
    /// Tokens (N).
    #[arg(long, default_value_t = 2048)]
    tokens: usize,
    /// Model width (D).
    #[arg(long, default_value_t = 256)]
    d_model: usize,
    /// Hidden width of each expert (F).
    #[arg(long, default_value_t = 1024)]
    d_ff: usize,
    /// Experts (E).
    #[arg(long, default_value_t = 8)]
    experts: usize,
    /// Timing samples per kernel; the best is kept.
    #[arg(long, default_value_t = 3)]
    samples: u32,
}

#[derive(Args)]
pub struct MoeArgs {
    #[command(flatten)]
    common: Common,
    /// Tokens (N).
    #[arg(long, default_value_t = 2048)]
    tokens: usize,
    /// Model width (D).
    #[arg(long, default_value_t = 256)]
    d_model: usize,
    /// Hidden width of each expert (F).
    #[arg(long, default_value_t = 1024)]
    d_ff: usize,
    /// Expert counts, comma separated.
    #[arg(long, default_value = "8,32", value_delimiter = ',')]
    experts: Vec<usize>,
    /// Timed repetitions per top-1 case (after a warm-up run).
    #[arg(long, default_value_t = 2)]
    reps: u32,
    /// Interleaved rounds over the cases; each case reports its fastest.
    #[arg(long, default_value_t = 3)]
    rounds: u32,
    /// Skip the all-experts (early DTS) cases.
    #[arg(long)]
    no_dts: bool,
    /// Instead of the table: per-dispatch times of (b), (b') and (a) for each E.
    #[arg(long)]
    profile: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Preset {
    /// 2 layers, d_model 64, context 64.
    Tiny,
    /// 4 layers, d_model 128, context 128.
    Small,
}

#[derive(Args)]
pub struct StepArgs {
    #[command(flatten)]
    common: Common,
    /// Model size.
    #[arg(long, value_enum, default_value = "small")]
    preset: Preset,
    /// Sequences per batch (default: 8; with --moe the preset's batch).
    #[arg(long)]
    batch: Option<usize>,
    /// Tokens per sequence (default: the model's context; dense only).
    #[arg(long)]
    seq: Option<usize>,
    /// Timed steps (per round with --moe).
    #[arg(long, default_value_t = 10)]
    steps: usize,
    /// The GPT-MoE (E = 8 every second block) in each phase of EvoMoE against the dense GPT.
    #[arg(long)]
    moe: bool,
    /// Interleaved rounds (--moe); each case reports its best.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// With --moe: also the per-op GPU time of one top-1 step.
    #[arg(long)]
    profile: bool,
}

#[derive(Args)]
pub struct AllArgs {
    #[command(flatten)]
    common: Common,
    /// Every family at tiny sizes (a smoke test of seconds on a software adapter) instead of
    /// the defaults of each family.
    #[arg(long)]
    tiny: bool,
}

/// One family, configured.
enum Job {
    Matmul(matmul::Options),
    Attention(AttentionBench),
    LayerNorm(LayerNormBench),
    CrossEntropy(CrossEntropyBench),
    Gate(GateBench),
    Route(RouteBench),
    ExpertFfn(ExpertFfnBench),
    Moe(MoeBenchConfig),
    Step(StepJob),
}

struct StepJob {
    preset: Preset,
    batch: Option<usize>,
    seq: Option<usize>,
    steps: usize,
    moe: bool,
    rounds: usize,
    profile: bool,
}

/// What a family printed or would print.
struct Output {
    table: String,
    json: Value,
    /// A failed check inside a family that reports it as a row (moe).
    failure: Option<String>,
}

/// Runs `evomoe bench ...`; the exit code.
pub fn run(opts: &AdapterOptions, cmd: BenchCommand) -> Result<i32> {
    if let BenchCommand::Moe(a) = &cmd {
        if a.profile {
            return moe_profile(opts, a);
        }
    }
    let (common, jobs, all) = plan(cmd)?;
    if common.peak_copy_mib == 0 || common.peak_samples == 0 {
        return Err(Error::Config(
            "--peak-copy-mib and --peak-samples must be at least 1".into(),
        ));
    }
    // Zero sizes and host memory first, then the adapter's limits once it is open.
    let host_only = Budget {
        max_binding: u64::MAX,
        host_available: host_available_bytes(),
        buffers_on_host: false,
    };
    for job in &jobs {
        validate(job, &host_only)?;
    }
    let gpu = Gpu::new(opts)?;
    let budget = Budget::new(&gpu);
    for job in &jobs {
        validate(job, &budget)?;
    }
    let peak_opts = PeakOptions {
        copy_bytes: common.peak_copy_mib.saturating_mul(1 << 20),
        samples: common.peak_samples,
        ..Default::default()
    };
    let peaks = peak::measure(&gpu, &peak_opts)?;
    let mut families = Vec::new();
    let mut failure = None;
    if all && !common.json {
        print!("{}", Env::of(&gpu).heading("bench all", &peaks));
    }
    for job in &jobs {
        let out = run_job(&gpu, job, &peaks)?;
        if !common.json {
            println!("{}", out.table);
        }
        families.push(out.json);
        if out.failure.is_some() {
            failure = out.failure;
            break;
        }
    }
    if common.json {
        let value = if all {
            let mut m = Env::of(&gpu).json("all", &peaks);
            m.insert("families".into(), Value::Array(families));
            Value::Object(m)
        } else {
            families.pop().unwrap_or(Value::Null)
        };
        println!("{value}");
    }
    match failure {
        Some(f) => Err(Error::Config(f)),
        None => Ok(0),
    }
}

/// The jobs a command runs, its common options and whether it is `all`.
fn plan(cmd: BenchCommand) -> Result<(Common, Vec<Job>, bool)> {
    Ok(match cmd {
        BenchCommand::Matmul(a) => {
            let shapes_opts = matmul_options(&a)?;
            (a.common, vec![Job::Matmul(shapes_opts)], false)
        }
        BenchCommand::Attention(a) => (
            a.common,
            vec![Job::Attention(AttentionBench {
                batch: a.batch,
                seq: a.seq,
                d_model: a.d_model,
                heads: a.heads,
                samples: a.samples,
            })],
            false,
        ),
        BenchCommand::Layernorm(a) => (
            a.common,
            vec![Job::LayerNorm(LayerNormBench {
                rows: a.rows,
                d_model: a.d_model,
                samples: a.samples,
            })],
            false,
        ),
        BenchCommand::CrossEntropy(a) => (
            a.common,
            vec![Job::CrossEntropy(CrossEntropyBench {
                rows: a.rows,
                vocab: a.vocab,
                samples: a.samples,
            })],
            false,
        ),
        BenchCommand::Gate(a) => (
            a.common,
            vec![Job::Gate(GateBench {
                tokens: a.tokens,
                d_model: a.d_model,
                experts: a.experts,
                samples: a.samples,
            })],
            false,
        ),
        BenchCommand::Route(a) => (
            a.common,
            vec![Job::Route(RouteBench {
                tokens: a.tokens,
                slots: a.slots,
                experts: a.experts,
                samples: a.samples,
            })],
            false,
        ),
        BenchCommand::ExpertFfn(a) => (
            a.common,
            vec![Job::ExpertFfn(ExpertFfnBench {
                tokens: a.tokens,
                d_model: a.d_model,
                d_ff: a.d_ff,
                experts: a.experts,
                samples: a.samples,
            })],
            false,
        ),
        BenchCommand::Moe(a) => (a.common.clone(), vec![Job::Moe(moe_config(&a))], false),
        BenchCommand::Step(a) => (
            a.common,
            vec![Job::Step(StepJob {
                preset: a.preset,
                batch: a.batch,
                seq: a.seq,
                steps: a.steps,
                moe: a.moe,
                rounds: a.rounds,
                profile: a.profile,
            })],
            false,
        ),
        BenchCommand::All(a) => (a.common, all_jobs(a.tiny), true),
    })
}

/// Every family, at its defaults or at tiny sizes.
fn all_jobs(tiny: bool) -> Vec<Job> {
    if !tiny {
        return vec![
            Job::Matmul(matmul::Options::default()),
            Job::Attention(AttentionBench::default()),
            Job::LayerNorm(LayerNormBench::default()),
            Job::CrossEntropy(CrossEntropyBench::default()),
            Job::Gate(GateBench::default()),
            Job::Route(RouteBench::default()),
            Job::ExpertFfn(ExpertFfnBench::default()),
            Job::Moe(MoeBenchConfig::default()),
            Job::Step(StepJob {
                preset: Preset::Small,
                batch: None,
                seq: None,
                steps: 10,
                moe: false,
                rounds: 3,
                profile: false,
            }),
        ];
    }
    vec![
        Job::Matmul(matmul::Options {
            shapes: matmul::square_shapes(&[64]),
            ..Default::default()
        }),
        Job::Attention(AttentionBench {
            batch: 1,
            seq: 16,
            d_model: 16,
            heads: 2,
            samples: 1,
        }),
        Job::LayerNorm(LayerNormBench {
            rows: 64,
            d_model: 32,
            samples: 1,
        }),
        Job::CrossEntropy(CrossEntropyBench {
            rows: 64,
            vocab: 32,
            samples: 1,
        }),
        Job::Gate(GateBench {
            tokens: 64,
            d_model: 16,
            experts: 4,
            samples: 1,
        }),
        Job::Route(RouteBench {
            tokens: 64,
            slots: 2,
            experts: 4,
            samples: 1,
        }),
        Job::ExpertFfn(ExpertFfnBench {
            tokens: 64,
            d_model: 16,
            d_ff: 32,
            experts: 2,
            samples: 1,
        }),
        Job::Moe(MoeBenchConfig {
            n: 64,
            d: 16,
            f: 32,
            experts: vec![2],
            reps: 1,
            rounds: 1,
            dts: false,
            ..Default::default()
        }),
        Job::Step(StepJob {
            preset: Preset::Tiny,
            batch: Some(1),
            seq: Some(16),
            steps: 1,
            moe: false,
            rounds: 1,
            profile: false,
        }),
    ]
}

fn moe_config(a: &MoeArgs) -> MoeBenchConfig {
    MoeBenchConfig {
        n: a.tokens,
        d: a.d_model,
        f: a.d_ff,
        experts: a.experts.clone(),
        reps: a.reps,
        rounds: a.rounds,
        dts: !a.no_dts,
        ..Default::default()
    }
}

/// `bench moe --profile`: per-dispatch times, no peaks.
fn moe_profile(opts: &AdapterOptions, a: &MoeArgs) -> Result<i32> {
    let cfg = moe_config(a);
    let gpu = Gpu::new(opts)?;
    validate(&Job::Moe(cfg.clone()), &Budget::new(&gpu))?;
    println!("{}", moe::profile_moe(&gpu, &cfg)?);
    Ok(0)
}

fn preset_config(p: Preset) -> evomoe::model::config::GptConfig {
    match p {
        Preset::Tiny => evomoe::model::config::GptConfig::tiny(),
        Preset::Small => evomoe::model::config::GptConfig::small(),
    }
}

/// Every size of `job` positive and within the adapter's and the host's limits.
fn validate(job: &Job, budget: &Budget) -> Result<()> {
    match job {
        Job::Matmul(o) => {
            if o.repeat == 0 {
                return Err(Error::Config("--repeat must be at least 1".into()));
            }
            for s in &o.shapes {
                for (flag, v) in [("--sizes", s.m), ("--sizes", s.n), ("--sizes", s.k)] {
                    positive(flag, v)?;
                }
                let what = format!("bench matmul, shape {} ({})", s.name, s.dims());
                let (a, b, c) = (
                    bytes(&[s.m, s.k], 4),
                    bytes(&[s.k, s.n], 4),
                    bytes(&[s.m, s.n], 4),
                );
                let mut n = Needs::new(&what);
                n.buffer("A", a)
                    .buffer("B", b)
                    .buffer("C", c)
                    .host(a + b + c);
                n.check(budget)?;
            }
            Ok(())
        }
        Job::Attention(b) => b.validate(budget),
        Job::LayerNorm(b) => b.validate(budget),
        Job::CrossEntropy(b) => b.validate(budget),
        Job::Gate(b) => b.validate(budget),
        Job::Route(b) => b.validate(budget),
        Job::ExpertFfn(b) => b.validate(budget),
        Job::Moe(c) => {
            positive("--tokens", c.n)?;
            positive("--d-model", c.d)?;
            positive("--d-ff", c.f)?;
            if c.experts.is_empty() {
                return Err(Error::Config("--experts needs at least one count".into()));
            }
            for &e in &c.experts {
                positive("--experts", e)?;
                let mut n = expert_layer_needs("bench moe", c.n, c.d, c.f, e);
                if c.dts {
                    // The all-experts case routes every token to every expert.
                    n.buffer(
                        "hidden of the all-experts case (N E, F)",
                        bytes(&[c.n, e, c.f], 4),
                    );
                }
                n.check(budget)?;
            }
            if c.reps == 0 || c.rounds == 0 {
                return Err(Error::Config(
                    "--reps and --rounds must be at least 1".into(),
                ));
            }
            Ok(())
        }
        Job::Step(s) => {
            if s.steps == 0 || s.batch == Some(0) || s.seq == Some(0) || (s.moe && s.rounds == 0) {
                return Err(Error::Config(
                    "--steps, --batch, --seq and --rounds must be at least 1".into(),
                ));
            }
            let cfg = preset_config(s.preset);
            let (b, t) = (s.batch.unwrap_or(8), s.seq.unwrap_or(cfg.context));
            if t > cfg.context {
                return Err(Error::Config(format!(
                    "--seq {t} is longer than the model's context {}",
                    cfg.context
                )));
            }
            let mut n = Needs::new("bench step");
            n.buffer("logits (B T, V)", bytes(&[b, t, cfg.vocab], 4))
                .buffer(
                    "attention probabilities (B, H, T, T)",
                    bytes(&[b, cfg.n_head, t, t], 4),
                )
                .host(bytes(&[b, t, cfg.d_model, cfg.n_layer, 32], 4));
            n.check(budget)
        }
    }
}

fn run_job(gpu: &Gpu, job: &Job, peaks: &Peaks) -> Result<Output> {
    let env = Env::of(gpu);
    let plain = |r: evomoe::bench::report::FamilyReport| Output {
        table: r.table(),
        json: r.json(),
        failure: None,
    };
    Ok(match job {
        Job::Matmul(o) => {
            let mut r = matmul::run(gpu, o)?;
            r.peaks = Some(peaks.clone());
            Output {
                table: r.table(),
                json: serde_json::from_str(&r.json())
                    .map_err(|e| Error::Config(format!("bench matmul: bad JSON: {e}")))?,
                failure: None,
            }
        }
        Job::Attention(b) => plain(b.run(gpu, peaks)?),
        Job::LayerNorm(b) => plain(b.run(gpu, peaks)?),
        Job::CrossEntropy(b) => plain(b.run(gpu, peaks)?),
        Job::Gate(b) => plain(b.run(gpu, peaks)?),
        Job::Route(b) => plain(b.run(gpu, peaks)?),
        Job::ExpertFfn(b) => plain(b.run(gpu, peaks)?),
        Job::Moe(cfg) => {
            let rows = moe::bench_moe(gpu, cfg)?;
            let failure = rows.iter().find(|r| r.ms.is_none()).map(|r| {
                format!(
                    "bench moe: case {} with E = {} failed: {}",
                    r.case, r.e, r.note
                )
            });
            Output {
                table: moe::format_moe(gpu, cfg, &rows, Some(peaks)),
                json: moe::moe_json(gpu, cfg, &rows, peaks),
                failure,
            }
        }
        Job::Step(s) => run_step(gpu, s, peaks, &env)?,
    })
}

fn run_step(gpu: &Gpu, s: &StepJob, peaks: &Peaks, env: &Env) -> Result<Output> {
    if s.moe {
        let name = match s.preset {
            Preset::Tiny => "tiny",
            Preset::Small => "small",
        };
        let mut run =
            evomoe::train::config::RunConfig::resolve(Some(name), Some("evomoe"), "", &[])?;
        if let Some(b) = s.batch {
            run.train.batch = b;
        }
        let mut r = moe_step::bench_moe_step(gpu, &run, s.steps, s.rounds, s.profile)?;
        r.peaks = Some(peaks.clone());
        let mut m = env.json("step --moe", peaks);
        if let Ok(Value::Object(o)) = serde_json::from_str::<Value>(&r.to_json()) {
            for (k, v) in o {
                if k != "adapter" && k != "peaks" {
                    m.insert(k, v);
                }
            }
        }
        return Ok(Output {
            table: r.text(),
            json: Value::Object(m),
            failure: None,
        });
    }
    let cfg = preset_config(s.preset);
    let seq = s.seq.unwrap_or(cfg.context);
    let mut r = step::bench_step(gpu, &cfg, s.batch.unwrap_or(8), seq, s.steps)?;
    r.peaks = Some(peaks.clone());
    let mut json = r.json(env);
    if let Value::Object(m) = &mut json {
        m.insert("adapter".into(), json!(env.adapter));
    }
    Ok(Output {
        table: r.text(),
        json,
        failure: None,
    })
}

/// The matmul options of the command line.
fn matmul_options(args: &MatmulArgs) -> Result<matmul::Options> {
    use evomoe::bench::matmul::Candidate;
    use evomoe::ops::matmul::{SubgroupBlock, Variant};
    let mut candidates = Vec::new();
    for k in &args.kernels {
        let bad = || Error::Config(format!("bad matmul kernel `{k}`"));
        let (name, block) = match k.split_once(':') {
            Some((n, b)) => {
                let (r, c) = b.split_once('x').ok_or_else(bad)?;
                let rows = r.parse::<u32>().map_err(|_| bad())?;
                let wide = match c {
                    "8" => false,
                    "16" => true,
                    _ => return Err(bad()),
                };
                (n, Some(SubgroupBlock { rows, wide }))
            }
            None => (k.as_str(), None),
        };
        let variant = Variant::ALL
            .into_iter()
            .find(|v| v.name() == name)
            .ok_or_else(|| {
                Error::Config(format!(
                    "unknown matmul kernel `{name}` (naive, tiled, subgroup)"
                ))
            })?;
        candidates.push(Candidate { variant, block });
    }
    let mut shapes = matmul::square_shapes(&args.sizes);
    if !args.no_model_shapes {
        shapes.extend(matmul::model_shapes());
    }
    Ok(matmul::Options {
        shapes,
        candidates,
        repeat: args.repeat,
        ..Default::default()
    })
}
