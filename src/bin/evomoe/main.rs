//! The `evomoe` command line: `devices`, `train`, `eval`, `sample` ([`run`]), `compare`
//! ([`compare`]), `bench matmul|step|moe` and `selftest` ([`selftest`]).

use clap::{Parser, Subcommand, ValueEnum};

use evomoe::gpu::context::{describe, matching_adapters, AdapterOptions};

mod compare;
mod run;
mod selftest;

#[derive(Parser)]
#[command(
    name = "evomoe",
    version,
    about = "EvoMoE Mixture-of-Experts training on any GPU through wgpu"
)]
struct Cli {
    /// Backend(s) to use: vulkan, metal, dx12, gl (comma separated); default: all, or WGPU_BACKEND.
    #[arg(long, global = true)]
    backend: Option<String>,
    /// Substring of the adapter name; default: WGPU_ADAPTER_NAME, or the best adapter.
    #[arg(long, global = true)]
    adapter: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List every adapter with its backend, type, driver, features and key limits.
    Devices,
    /// Train a GPT-MoE (EvoMoE or a baseline) or a dense GPT on byte-level text (the built-in
    /// Shakespeare slice by default).
    Train(run::TrainArgs),
    /// Validation loss, perplexity, bits per byte and routing statistics of a checkpoint.
    Eval(run::EvalArgs),
    /// Generate text from a checkpoint (on the GPU).
    Sample(run::SampleArgs),
    /// Train every method (and the EvoMoE ablations) on the same model, data and seeds; a
    /// summary table and plots.
    Compare(compare::CompareArgs),
    /// Benchmarks: check correctness, then time, on the chosen adapter.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Check every kernel against its CPU reference on every adapter (or the ones --backend and
    /// --adapter pick): a table, and with --json a report to paste into a bug report.
    Selftest(selftest::SelftestArgs),
}

#[derive(Subcommand)]
enum BenchCommand {
    /// GFLOP/s of every matmul variant (naive baseline) on square and model shapes.
    Matmul(BenchMatmulArgs),
    /// Tokens/s of a full dense-GPT training step, per-op GPU time and submits per step; with
    /// --moe the GPT-MoE step in each EvoMoE phase next to the dense step.
    Step {
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
        /// Print one JSON object instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Forward + backward of one MoE layer: scattered top-1 vs a dense FFN vs the padded
    /// capacity baseline vs the all-experts DTS phase (ms and ratios).
    Moe {
        #[arg(long, default_value_t = 2048)]
        tokens: usize,
        #[arg(long, default_value_t = 256)]
        d: usize,
        #[arg(long, default_value_t = 1024)]
        f: usize,
        /// Expert counts, comma separated.
        #[arg(long, default_value = "8,32", value_delimiter = ',')]
        experts: Vec<usize>,
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
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Preset {
    /// 2 layers, d_model 64, context 64.
    Tiny,
    /// 4 layers, d_model 128, context 128.
    Small,
}

#[derive(clap::Args)]
struct BenchMatmulArgs {
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
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

fn main() {
    // The Vulkan loader complains on headless machines without it; harmless, but noisy.
    if std::env::var_os("XDG_RUNTIME_DIR").is_none() {
        std::env::set_var("XDG_RUNTIME_DIR", std::env::temp_dir());
    }
    let cli = Cli::parse();
    let opts = AdapterOptions {
        backend: cli.backend.clone(),
        name: cli.adapter.clone(),
    };
    let result = match cli.command {
        Command::Devices => devices(&opts),
        Command::Train(args) => run::train(&opts, &args),
        Command::Eval(args) => run::eval(&opts, &args),
        Command::Sample(args) => run::sample(&opts, &args),
        Command::Compare(args) => compare::compare(&opts, &args),
        Command::Bench(b) => bench(&opts, b),
        Command::Selftest(args) => selftest::selftest(&opts, &args),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

fn devices(opts: &AdapterOptions) -> evomoe::Result<i32> {
    let adapters = matching_adapters(opts)?;
    for (i, a) in adapters.iter().enumerate() {
        println!("[{i}] {}", describe(a));
    }
    Ok(0)
}

fn preset_config(p: Preset) -> evomoe::model::config::GptConfig {
    match p {
        Preset::Tiny => evomoe::model::config::GptConfig::tiny(),
        Preset::Small => evomoe::model::config::GptConfig::small(),
    }
}

fn bench(opts: &AdapterOptions, cmd: BenchCommand) -> evomoe::Result<i32> {
    match cmd {
        BenchCommand::Matmul(args) => bench_matmul(opts, &args)?,
        BenchCommand::Moe {
            tokens,
            d,
            f,
            experts,
            reps,
            rounds,
            no_dts,
            profile,
        } => {
            let gpu = evomoe::Gpu::new(opts)?;
            let cfg = evomoe::bench::moe::MoeBenchConfig {
                n: tokens,
                d,
                f,
                experts,
                reps,
                rounds,
                dts: !no_dts,
                ..Default::default()
            };
            if profile {
                println!("{}", evomoe::bench::moe::profile_moe(&gpu, &cfg)?);
            } else {
                evomoe::bench::moe::run_and_print(&gpu, &cfg)?;
            }
        }
        BenchCommand::Step {
            preset,
            batch,
            seq,
            steps,
            moe,
            rounds,
            profile,
            json,
        } => {
            if steps == 0 || batch == Some(0) || seq == Some(0) || (moe && rounds == 0) {
                return Err(evomoe::Error::Config(
                    "--steps, --batch, --seq and --rounds must be at least 1".into(),
                ));
            }
            let gpu = evomoe::Gpu::new(opts)?;
            if moe {
                let name = match preset {
                    Preset::Tiny => "tiny",
                    Preset::Small => "small",
                };
                let mut run =
                    evomoe::train::config::RunConfig::resolve(Some(name), Some("evomoe"), "", &[])?;
                if let Some(b) = batch {
                    run.train.batch = b;
                }
                let r =
                    evomoe::bench::moe_step::bench_moe_step(&gpu, &run, steps, rounds, profile)?;
                if json {
                    println!("{}", r.to_json());
                } else {
                    r.print();
                }
                return Ok(0);
            }
            let cfg = preset_config(preset);
            let seq = seq.unwrap_or(cfg.context);
            let r = evomoe::bench::step::bench_step(&gpu, &cfg, batch.unwrap_or(8), seq, steps)?;
            if json {
                println!("{}", r.to_json());
            } else {
                r.print();
            }
        }
    }
    Ok(0)
}

fn bench_matmul(opts: &AdapterOptions, args: &BenchMatmulArgs) -> evomoe::Result<()> {
    use evomoe::bench::matmul::{self, Candidate};
    use evomoe::ops::matmul::{SubgroupBlock, Variant};
    let gpu = evomoe::Gpu::new(opts)?;
    let mut candidates = Vec::new();
    for k in &args.kernels {
        let bad = || evomoe::Error::Config(format!("bad matmul kernel `{k}`"));
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
                evomoe::Error::Config(format!(
                    "unknown matmul kernel `{name}` (naive, tiled, subgroup)"
                ))
            })?;
        candidates.push(Candidate { variant, block });
    }
    let mut shapes = matmul::square_shapes(&args.sizes);
    if !args.no_model_shapes {
        shapes.extend(matmul::model_shapes());
    }
    let o = matmul::Options {
        shapes,
        candidates,
        repeat: args.repeat,
        ..Default::default()
    };
    let report = matmul::run(&gpu, &o)?;
    if args.json {
        println!("{}", report.json());
    } else {
        print!("{}", report.table());
    }
    Ok(())
}
