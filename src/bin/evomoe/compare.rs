//! `evomoe compare`: the methods (and the EvoMoE ablations) trained side by side with the same
//! model, data and seeds; progress lines, Ctrl-C, then the summary table and the plots.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use evomoe::compare::{self, plots, summary, CompareSpec, RunState};
use evomoe::gpu::context::{matching_adapters, AdapterOptions};
use evomoe::model::config::{Method, Task};
use evomoe::train::files;
use evomoe::train::run_dir::RunLock;
use evomoe::{Error, Gpu, Result};

use crate::signals::Stop;

#[derive(clap::Args)]
pub struct CompareArgs {
    /// Directory for the runs, the summary and the plots; rerunning the same command there
    /// resumes (finished runs are kept).
    #[arg(long, default_value = "compare")]
    out: PathBuf,
    /// lm (next-byte language modelling, the default) or mlm (masked language modelling): the
    /// task every run trains.
    #[arg(long)]
    task: Option<String>,
    /// Methods, comma separated (default: evomoe, dts, switch, top2, hash, dense, dense-wide).
    #[arg(long, value_delimiter = ',')]
    methods: Vec<String>,
    /// Seeds per method (1..=N; model and data order both).
    #[arg(long, default_value_t = 3, allow_negative_numbers = true)]
    seeds: i64,
    /// Also the EvoMoE ablations (mask ratio r, T_base, tau schedule) with the first seed.
    #[arg(long)]
    ablations: bool,
    /// Size preset instead of the default comparison setup (the small preset, 300 steps of
    /// 8 x 128 tokens, E = 8; see docs/RESULTS.md).
    #[arg(long)]
    preset: Option<String>,
    /// TOML config applied to every run instead of the default setup.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Optimizer steps per run (train.steps).
    #[arg(long, allow_negative_numbers = true)]
    steps: Option<i64>,
    /// Any config field for every run: --set section.key=value (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// Use every matching adapter, one run on each at a time, software ones included (by
    /// default: every hardware adapter, or the best adapter when all are software, since
    /// software adapters share the same CPU cores).
    #[arg(long)]
    all_adapters: bool,
    /// Only rebuild the summary and plots from the runs on disk.
    #[arg(long)]
    summary_only: bool,
}

impl CompareArgs {
    fn spec(&self) -> Result<CompareSpec> {
        let methods = if self.methods.is_empty() {
            Method::ALL.to_vec()
        } else {
            self.methods
                .iter()
                .map(|m| Method::parse(m.trim()))
                .collect::<Result<Vec<_>>>()?
        };
        if self.seeds < 1 || self.seeds > 100 {
            return Err(Error::Config(format!(
                "--seeds must be between 1 and 100, got {}",
                self.seeds
            )));
        }
        let file = match (&self.config, &self.preset) {
            (Some(p), _) => files::read_regular_string(p, "config")?,
            (None, Some(_)) => String::new(),
            (None, None) => compare::SETUP.to_string(),
        };
        let mut overrides = self.set.clone();
        if let Some(t) = &self.task {
            overrides.push(format!("task=\"{}\"", Task::parse(t)?.name()));
        }
        if let Some(s) = self.steps {
            if s < 1 {
                return Err(Error::Config(format!(
                    "--steps must be at least 1, got {s}"
                )));
            }
            overrides.push(format!("train.steps={s}"));
        }
        Ok(CompareSpec {
            preset: self.preset.clone().unwrap_or_else(|| "small".into()),
            file,
            overrides,
            methods,
            seeds: (1..=self.seeds as u64).collect(),
            ablations: self.ablations,
        })
    }
}

/// The adapters to run on (see `--all-adapters`).
fn adapters(opts: &AdapterOptions, all: bool) -> Result<Vec<Gpu>> {
    let mut found = matching_adapters(opts)?;
    if !all {
        let hardware: Vec<wgpu::Adapter> = found
            .iter()
            .filter(|a| a.get_info().device_type != wgpu::DeviceType::Cpu)
            .cloned()
            .collect();
        found = if hardware.is_empty() {
            found.truncate(1);
            found
        } else {
            hardware
        };
    }
    found
        .into_iter()
        .map(|a| pollster::block_on(Gpu::from_adapter(a)))
        .collect()
}

pub fn compare(opts: &AdapterOptions, args: &CompareArgs) -> Result<i32> {
    let spec = args.spec()?;
    // The output directory is checked (and locked, one compare at a time) before the GPU.
    let _lock = RunLock::acquire(&args.out)?;
    let mut runs = compare::plan(&spec)?;
    // The data is opened (and each run's vocabulary fitted to it) before the saved runs are
    // compared with the plan.
    let corpus = match runs.first_mut() {
        Some(first) if !args.summary_only => Some(crate::run::open_data(&mut first.config)?),
        _ => None,
    };
    if let Some(c) = &corpus {
        for r in runs.iter_mut() {
            let data = r.config.train.data.clone();
            r.config.fit_vocab(c.vocab, &data)?;
        }
    }
    let mut todo = 0;
    for run in &runs {
        if compare::state(&args.out, run)? != RunState::Done {
            todo += 1;
        }
    }
    let mut outcome = compare::Outcome::default();
    let mut exit_on_signal = None;
    if !args.summary_only && todo == 0 {
        eprintln!(
            "compare: all {} runs are done in {}; the summary and plots are rebuilt",
            runs.len(),
            args.out.display()
        );
    }
    if let (Some(corpus), true) = (&corpus, todo > 0) {
        let first = &runs[0].config;
        let gpus = adapters(opts, args.all_adapters)?;
        let names: Vec<String> = gpus.iter().map(|g| g.name()).collect();
        eprintln!(
            "compare: {} runs ({} done, {todo} to run) of {} steps of {} x {} tokens, on {}; \
             output in {}",
            runs.len(),
            runs.len() - todo,
            first.train.steps,
            first.train.batch,
            first.model.context,
            names.join(" and "),
            args.out.display()
        );
        let stop = Stop::install();
        let started = Instant::now();
        let done = Mutex::new(runs.len() - todo);
        let total = runs.len();
        let on_progress = |p: compare::Progress| {
            let t = started.elapsed().as_secs_f64();
            stop.announce("saving a checkpoint of every run in progress");
            match p {
                compare::Progress::Started {
                    id,
                    adapter,
                    resume,
                } => eprintln!(
                    "[{t:>6.0}s] {id}: {} on {adapter}",
                    if resume { "resumes" } else { "starts" }
                ),
                compare::Progress::Eval {
                    id,
                    step,
                    steps,
                    val_loss,
                    tokens_per_s,
                } => eprintln!(
                    "[{t:>6.0}s] {id}: step {step}/{steps}  val {val_loss:.4}  \
                     {tokens_per_s:.0} tok/s"
                ),
                compare::Progress::Finished {
                    id,
                    val_loss,
                    wall_s,
                } => {
                    let mut d = done.lock().expect("count");
                    *d += 1;
                    eprintln!(
                        "[{t:>6.0}s] {id}: done, val {val_loss:.4} in {wall_s:.0} s \
                         ({}/{total} runs)",
                        *d
                    );
                }
                compare::Progress::Interrupted { id } => {
                    eprintln!("[{t:>6.0}s] {id}: stopped with a checkpoint")
                }
                compare::Progress::Failed { id, error } => {
                    eprintln!("[{t:>6.0}s] {id}: FAILED: {error}")
                }
            }
        };
        outcome = compare::execute(
            &args.out,
            &runs,
            corpus,
            gpus,
            stop.flag.clone(),
            &on_progress,
        )?;
        exit_on_signal = stop.requested().then(|| stop.exit_code());
    }
    let data = summary::load(&args.out, &runs)?;
    if data.is_empty() {
        return Err(Error::Config(format!(
            "no finished run in {} to summarise",
            args.out.display()
        )));
    }
    let rows = summary::rows(&data);
    let task = runs.first().map_or(Task::Lm, |r| r.config.task);
    let table = summary::markdown(&rows, task);
    std::fs::create_dir_all(&args.out)?;
    std::fs::write(args.out.join("summary.md"), &table)?;
    std::fs::write(
        args.out.join("summary.json"),
        format!("{:#}\n", summary::json(&rows)),
    )?;
    let figures = plots::write_all(&args.out, &data, task)?;
    print!("{table}");
    eprintln!(
        "{} of {} runs finished; summary.md, summary.json and {} plots in {}",
        data.len(),
        runs.len(),
        figures.len(),
        args.out.display()
    );
    if outcome.interrupted {
        eprintln!("interrupted: run the same command again to continue where each run stopped");
        return Ok(exit_on_signal.unwrap_or(130));
    }
    if !outcome.failed.is_empty() {
        for (id, e) in &outcome.failed {
            eprintln!("error: run {id} failed: {e}");
        }
        return Ok(1);
    }
    Ok(0)
}
