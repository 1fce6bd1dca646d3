//! The `evomoe` command line: `devices`, `train`, `eval`, `sample`, `fill` ([`run`]), `compare`
//! ([`compare`]), `bench <family>` ([`bench`]), `selftest` ([`selftest`]) and `serve` ([`serve`],
//! the browser page).

use clap::{Parser, Subcommand};

use evomoe::gpu::context::{describe, matching_adapters, AdapterOptions};

mod bench;
mod compare;
mod prepare;
mod run;
mod selftest;
mod serve;
mod signals;
mod tokenize;

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
    /// Shakespeare slice by default); with --task mlm a RoBERTa-style masked-LM encoder.
    Train(run::TrainArgs),
    /// Validation loss, perplexity, bits per byte and routing statistics of a checkpoint.
    Eval(run::EvalArgs),
    /// Generate text from a checkpoint (on the GPU).
    Sample(run::SampleArgs),
    /// Fill each <mask> of a prompt with a masked-LM checkpoint (on the GPU).
    Fill(run::FillArgs),
    /// Train every method (and the EvoMoE ablations) on the same model, data and seeds; a
    /// summary table and plots.
    Compare(compare::CompareArgs),
    /// Benchmarks: check correctness, then time, on the chosen adapter.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Check every kernel against its CPU reference on every adapter (or the ones --backend and
    /// --adapter pick): a table, and with --json a report to paste into a bug report.
    Selftest(selftest::SelftestArgs),
    /// Subword tokens: train a byte-level BPE, encode a text into token files (nanoGPT's
    /// train.bin / val.bin), decode them.
    #[command(subcommand)]
    Tokenize(tokenize::TokenizeCommand),
    /// Serve the browser page (web/, built by scripts/build-web.sh) on localhost: the selftest
    /// and training on the browser's own WebGPU.
    Serve(serve::ServeArgs),
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
        Command::Fill(args) => run::fill(&opts, &args),
        Command::Compare(args) => compare::compare(&opts, &args),
        Command::Bench(b) => bench::run(&opts, b),
        Command::Selftest(args) => selftest::selftest(&opts, &args),
        Command::Serve(args) => serve::serve(&args),
        Command::Tokenize(cmd) => tokenize::run(cmd),
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
