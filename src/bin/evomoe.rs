//! The `evomoe` command line: `devices`, `bench matmul` (later `bench step`, `bench moe`, `train`,
//! `eval`, `sample`, `selftest`).

use clap::{Parser, Subcommand};

use evomoe::gpu::context::{describe, list_adapters, AdapterOptions};

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
    /// Benchmarks: check each kernel against a CPU reference, then time it.
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// GFLOP/s of every matmul variant (naive baseline) on square and model shapes.
    Matmul(BenchMatmulArgs),
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
    let cli = Cli::parse();
    let opts = AdapterOptions {
        backend: cli.backend.clone(),
        name: cli.adapter.clone(),
    };
    let result = match cli.command {
        Command::Devices => devices(&opts),
        Command::Bench { what } => match what {
            BenchCommand::Matmul(args) => bench_matmul(&opts, &args),
        },
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn devices(opts: &AdapterOptions) -> evomoe::Result<()> {
    let adapters = list_adapters(opts);
    if adapters.is_empty() {
        return Err(evomoe::Error::NoAdapter(
            "`evomoe devices` found none".into(),
        ));
    }
    for (i, a) in adapters.iter().enumerate() {
        println!("[{i}] {}", describe(a));
    }
    Ok(())
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
