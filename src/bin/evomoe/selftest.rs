//! `evomoe selftest`: every kernel against its CPU reference on every adapter (or the ones
//! `--backend` / `--adapter` pick), as a table on stdout and optionally a JSON report.
//! Exit status 1 on any failure or unexpected pass, or, under `WGPU_VALIDATION=1`, any error of
//! the Vulkan validation layer; known failures and n/a are fine.

use std::io::Write;
use std::path::PathBuf;

use evomoe::gpu::context::{matching_adapters, AdapterOptions};
use evomoe::gpu::validation;
use evomoe::selftest::expectations::EXPECTED_FAILURES;
use evomoe::selftest::{all_checks, report, runner};
use evomoe::{Error, Result};

#[derive(clap::Args)]
pub struct SelftestArgs {
    /// Also write the JSON report (schema: docs/selftest-schema.json) to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Only the checks whose name contains this substring (e.g. `matmul.forward.tiled`).
    #[arg(long, value_name = "SUBSTR")]
    filter: Option<String>,
    /// Print the names of the checks (after --filter) and exit.
    #[arg(long)]
    list: bool,
}

pub fn selftest(opts: &AdapterOptions, args: &SelftestArgs) -> Result<i32> {
    let all = all_checks();
    let total = all.len();
    let checks = runner::select(all, args.filter.as_deref());
    if checks.is_empty() {
        return Err(Error::Config(format!(
            "--filter `{}` matches none of the {total} checks (see `evomoe selftest --list`)",
            args.filter.as_deref().unwrap_or("")
        )));
    }
    if args.list {
        for c in &checks {
            println!("{}", c.name);
        }
        return Ok(0);
    }
    // Opened before the run, so that a bad path fails at once, not after it.
    let mut json = match &args.json {
        Some(path) => Some((
            std::fs::File::create(path).map_err(|e| {
                Error::Config(format!("cannot write --json {}: {e}", path.display()))
            })?,
            path,
        )),
        None => None,
    };
    // Under WGPU_VALIDATION the validation layer's errors fail the run (see gpu::validation).
    let validating = validation::requested() && validation::install();
    let adapters = matching_adapters(opts)?;
    let run = runner::run(&checks, adapters, EXPECTED_FAILURES, true);
    print!("{}", report::table(&run));
    let layer_errors = if validating {
        validation::take_errors()
    } else {
        Vec::new()
    };
    if validating {
        println!(
            "validation layer: {} error(s) reported during the run",
            layer_errors.len()
        );
    }
    if let Some((file, path)) = &mut json {
        file.write_all(report::json(&run).as_bytes())
            .map_err(|e| Error::Config(format!("cannot write --json {}: {e}", path.display())))?;
        println!("JSON report: {}", path.display());
    }
    Ok(if run.bad().is_empty() && layer_errors.is_empty() {
        0
    } else {
        1
    })
}
