//! `evomoe bench <family>`: the command line of the benchmarks in `evomoe::bench`.
//!
//! Every run opens the adapter, checks every size against its limits and the host's memory
//! (one `error:` line and a non-zero exit, before anything is allocated), measures the
//! adapter's FMA and copy peaks once, then runs each family: correctness check first, then
//! timing, each figure next to its fraction of the peak. `--json` prints one JSON object
//! instead of the tables (`all --json`: one object holding every family).

use clap::{Args, Subcommand, ValueEnum};
use pollster::block_on;
use serde_json::Value;

use evomoe::bench::head::HeadBench;
use evomoe::bench::kernels::{AttentionBench, CrossEntropyBench, LayerNormBench};
use evomoe::bench::limits::{host_available_bytes, Budget};
use evomoe::bench::moe::MoeBenchConfig;
use evomoe::bench::moe_kernels::{ExpertFfnBench, GateBench, RouteBench};
use evomoe::bench::peak::{self, PeakOptions};
use evomoe::bench::report::Env;
use evomoe::bench::{matmul, moe};
use evomoe::gpu::context::AdapterOptions;
use evomoe::model::config::Task;
use evomoe::ops::attention::AttentionMask;
use evomoe::{Error, Gpu, Result};

mod jobs;

use jobs::{all_jobs, run_job, validate, Job, StepJob};

#[derive(Subcommand)]
pub enum BenchCommand {
    /// GFLOP/s of every matmul variant (naive baseline) on square and model shapes.
    Matmul(MatmulArgs),
    /// Self-attention forward and backward, causal or bidirectional (fused kernels where the
    /// head fits).
    Attention(AttentionArgs),
    /// LayerNorm forward and backward (GB/s: memory-bound).
    Layernorm(LayerNormArgs),
    /// Softmax cross-entropy: the loss, then its gradient written in place over the logits
    /// (GB/s: memory-bound).
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
    /// The tied LM head at a large vocabulary: logits matmul, cross-entropy (gradient in place),
    /// dW and dX matmuls, each part and the whole head against the three matmuls alone.
    Head(HeadArgs),
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
    /// Which keys each query attends: causal (language model) or bidirectional (masked-LM
    /// encoder, every key valid).
    #[arg(long, default_value = "causal")]
    mask: String,
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

#[derive(Args)]
pub struct HeadArgs {
    #[command(flatten)]
    common: Common,
    /// Vocabulary (V; GPT-2's 50,257 padded to a multiple of 64).
    #[arg(long, default_value_t = 50_304)]
    vocab: usize,
    /// Model width (C).
    #[arg(long, default_value_t = 512)]
    d_model: usize,
    /// Tokens (N = B T).
    #[arg(long, default_value_t = 4_096)]
    tokens: usize,
    /// Rows per chunk (0: the most whose logits fit one storage binding).
    #[arg(long, default_value_t = 0)]
    chunk_rows: usize,
    /// Interleaved timing rounds; each part keeps its best.
    #[arg(long, default_value_t = 3)]
    rounds: u32,
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
    /// lm (the causal GPT step) or mlm (the masked-LM encoder's step).
    #[arg(long, default_value = "lm")]
    task: String,
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
    let gpu = block_on(Gpu::new(opts))?;
    let budget = Budget::new(&gpu);
    for job in &jobs {
        validate(job, &budget)?;
    }
    let peak_opts = PeakOptions {
        copy_bytes: common.peak_copy_mib.saturating_mul(1 << 20),
        samples: common.peak_samples,
        ..Default::default()
    };
    let peaks = block_on(peak::measure(&gpu, &peak_opts))?;
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
                mask: AttentionMask::parse(&a.mask)?,
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
                task: Task::parse(&a.task)?,
                batch: a.batch,
                seq: a.seq,
                steps: a.steps,
                moe: a.moe,
                rounds: a.rounds,
                profile: a.profile,
            })],
            false,
        ),
        BenchCommand::Head(a) => (
            a.common,
            vec![Job::Head(HeadBench {
                vocab: a.vocab,
                d_model: a.d_model,
                tokens: a.tokens,
                chunk_rows: a.chunk_rows,
                rounds: a.rounds,
            })],
            false,
        ),
        BenchCommand::All(a) => (a.common, all_jobs(a.tiny), true),
    })
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
    let gpu = block_on(Gpu::new(opts))?;
    validate(&Job::Moe(cfg.clone()), &Budget::new(&gpu))?;
    println!("{}", block_on(moe::profile_moe(&gpu, &cfg))?);
    Ok(0)
}

/// The matmul options of the command line.
fn matmul_options(args: &MatmulArgs) -> Result<matmul::Options> {
    use evomoe::bench::matmul::Candidate;
    use evomoe::ops::matmul::{MatmulKernel, SubgroupBlock};
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
        let variant = MatmulKernel::ALL
            .into_iter()
            .find(|v| v.name() == name)
            .ok_or_else(|| {
                Error::Config(format!(
                    "unknown matmul kernel `{name}` (naive, tiled, subgroup)"
                ))
            })?;
        candidates.push(Candidate {
            kernel: variant,
            block,
        });
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
