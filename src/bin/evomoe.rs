//! The `evomoe` command line: `devices`, `bench` (later `train`, `eval`, `sample`, `selftest`).

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
}

fn main() {
    let cli = Cli::parse();
    let opts = AdapterOptions {
        backend: cli.backend.clone(),
        name: cli.adapter.clone(),
    };
    let result = match cli.command {
        Command::Devices => devices(&opts),
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
