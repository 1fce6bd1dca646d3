//! `evomoe train`, `evomoe eval`, `evomoe sample` and `evomoe fill`: configs and overrides, the run directory,
//! progress (a bar on a terminal, plain lines otherwise), Ctrl-C, the final plot, and the
//! checkpoint-reading commands.

use pollster::block_on;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use evomoe::gpu::context::AdapterOptions;
use evomoe::model::config::Task;
use evomoe::model::transformer::{LossStats, Model, Stage};
use evomoe::tokens::{open_corpus, Bpe, DataSpec};
use evomoe::train::checkpoint::Checkpoint;
use evomoe::train::config::RunConfig;
use evomoe::train::data::{Corpus, Tokens};
use evomoe::train::files;
use evomoe::train::masking::task_eval_batches;
use evomoe::train::metrics::LogLine;
use evomoe::train::resume::{self, check_data, check_tokenizer, SavedRun};
use evomoe::train::run::{check_corpus, Event, TrainOptions};
use evomoe::train::run_dir::{check_free, fresh_dir, CHECKPOINT, METRICS, PLOT, TOKENIZER};
use evomoe::train::sample;
use evomoe::train::trainer;
use evomoe::{Error, Gpu, Result};

use crate::prepare::Bars;
use crate::signals::Stop;

#[derive(clap::Args)]
pub struct TrainArgs {
    /// TOML config file (sections model, moe, evomoe, train; see docs/EVOMOE.md).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Size preset: tiny (minutes on a CPU), small, medium (meant for a real GPU).
    #[arg(long)]
    preset: Option<String>,
    /// evomoe, dts, switch, top2, hash, dense or dense-wide.
    #[arg(long)]
    method: Option<String>,
    /// lm (predict the next byte: a causal GPT) or mlm (predict masked bytes: a bidirectional
    /// RoBERTa-style encoder); default lm.
    #[arg(long)]
    task: Option<String>,
    /// Experts per MoE layer (moe.experts).
    #[arg(long, allow_negative_numbers = true)]
    experts: Option<usize>,
    /// Optimizer steps (train.steps).
    #[arg(long, allow_negative_numbers = true)]
    steps: Option<u64>,
    /// Sequences per batch (train.batch).
    #[arg(long, allow_negative_numbers = true)]
    batch: Option<usize>,
    /// Peak learning rate (train.lr; train.min_lr becomes a tenth of it).
    #[arg(long, allow_negative_numbers = true)]
    lr: Option<f32>,
    /// Seed of the initialisation, the routing noise and the batches.
    #[arg(long, allow_negative_numbers = true)]
    seed: Option<u64>,
    /// What to train on (train.data): a text file, `builtin` (the built-in Shakespeare slice,
    /// the default), `builtin:bpe4096` (the same with a 4,096-id BPE, trained once and cached),
    /// a token directory (train.bin, val.bin, meta.json) or a .bin token file.
    #[arg(long)]
    data: Option<String>,
    /// A tokenizer.json to encode a text file with (train.tokenizer; cached next to the text).
    #[arg(long)]
    tokenizer: Option<String>,
    /// Vocabulary size (model.vocab; default: the data's). Needed for a .bin without
    /// meta.json; a larger value pads the vocabulary (e.g. 50304).
    #[arg(long, allow_negative_numbers = true)]
    vocab: Option<usize>,
    /// Any config field: --set section.key=value (repeatable), e.g. --set evomoe.drop_rate=0.25.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// Directory for config.toml, metrics.jsonl, checkpoint.safetensors and plot.png.
    #[arg(long, default_value = "runs/latest")]
    out: PathBuf,
    /// Continue the run in --out from its checkpoint, with its saved config (other flags may only
    /// repeat it: a change is named and refused).
    #[arg(long)]
    resume: bool,
    /// Print the resolved config as TOML and exit.
    #[arg(long)]
    print_config: bool,
    /// With --resume: go on although the training data changed since the checkpoint.
    #[arg(long)]
    allow_data_change: bool,
}

impl TrainArgs {
    /// The dedicated flags as overrides, after `--set`.
    fn overrides(&self) -> Vec<String> {
        let mut o = self.set.clone();
        if let Some(t) = &self.task {
            o.push(format!("task={}", toml_string(t)));
        }
        if let Some(e) = self.experts {
            o.push(format!("moe.experts={e}"));
        }
        if let Some(s) = self.steps {
            o.push(format!("train.steps={s}"));
        }
        if let Some(b) = self.batch {
            o.push(format!("train.batch={b}"));
        }
        if let Some(lr) = self.lr {
            // As TOML, so that NaN reaches the range check as `nan` (not the string "NaN").
            o.push(format!("train.lr={}", toml::Value::Float(lr.into())));
            if !self.set.iter().any(|s| s.starts_with("train.min_lr")) {
                let min_lr = toml::Value::Float((lr / 10.0).into());
                o.push(format!("train.min_lr={min_lr}"));
            }
        }
        if let Some(s) = self.seed {
            o.push(format!("model.seed={s}"));
            o.push(format!("train.seed={s}"));
        }
        if let Some(d) = &self.data {
            o.push(format!("train.data={}", toml_string(d)));
        }
        if let Some(t) = &self.tokenizer {
            o.push(format!("train.tokenizer={}", toml_string(t)));
        }
        if let Some(v) = self.vocab {
            o.push(format!("model.vocab={v}"));
        }
        o
    }

    /// The run's config: `base` (the TOML of a resumed run's saved config, else empty) or the
    /// `--config` file, then the flags.
    fn resolve(&self, base: &str) -> Result<RunConfig> {
        let file = match &self.config {
            Some(p) => {
                let text = files::read_regular_string(p, "config")?;
                // A syntax error names the file and its line; `RunConfig::resolve` names a bad
                // key or value.
                if let Err(e) = text.parse::<toml::Table>() {
                    let line = e
                        .span()
                        .map_or(1, |s| text[..s.start].matches('\n').count() + 1);
                    let message = e.message().lines().next().unwrap_or("invalid TOML");
                    return Err(Error::Config(format!(
                        "config {}, line {line}: {message}",
                        p.display()
                    )));
                }
                text
            }
            None => base.to_string(),
        };
        RunConfig::resolve(
            self.preset.as_deref(),
            self.method.as_deref(),
            &file,
            &self.overrides(),
        )
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The checkpoint at `path`, verified, with the config it was saved with and its step
/// ([`SavedRun::load`]); a note when it is of the first format, without checksums.
fn saved_run(path: &Path) -> Result<SavedRun> {
    let saved = SavedRun::load(path)?;
    if !saved.ckpt.verified {
        eprintln!(
            "note: {} was written by an earlier evomoe without checksums: its values were \
             checked for finiteness only",
            path.display()
        );
    }
    Ok(saved)
}

/// The data `run` names, opened before any GPU work (a bar while a tokenizer trains or a text
/// encodes), with `model.vocab` fitted to it and the corpus check done.
pub fn open_data(run: &mut RunConfig) -> Result<Corpus> {
    let spec = DataSpec {
        data: &run.train.data,
        tokenizer: &run.train.tokenizer,
        vocab: (run.model.vocab > 0).then_some(run.model.vocab),
        val_fraction: run.train.val_fraction,
    };
    let corpus = open_corpus(&spec, &mut Bars::default())?;
    let data = run.train.data.clone();
    run.fit_vocab(corpus.vocab, &data)?;
    check_corpus(&corpus, run.train.batch, run.model.context)
        .map_err(|e| Error::Config(format!("train.data {data}: {e}")))?;
    Ok(corpus)
}

/// The adapter `opts` picks, once the model of `run` for batches of `batch` (and `extra_host`
/// bytes the caller holds) is known to fit it ([`evomoe::model::memory::check`]).
fn open_gpu(opts: &AdapterOptions, run: &RunConfig, batch: usize, extra_host: u128) -> Result<Gpu> {
    let gpu = block_on(Gpu::new(opts))?;
    evomoe::model::memory::check(
        &gpu,
        &run.gpt_config(),
        batch,
        run.model.context,
        extra_host,
    )?;
    Ok(gpu)
}

/// Says that the first run on a software adapter compiles its shaders for a while.
fn compile_note(gpu: &Gpu) {
    if gpu.info.device_type == wgpu::DeviceType::Cpu {
        eprintln!(
            "note: {} is a software adapter: the first run compiles the shaders for about a \
             minute (later runs use the driver's cache)",
            gpu.name()
        );
    }
}

/// The shaded progress display: a bar on a terminal, plain lines otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn line(&self, s: &str) {
        match &self.bar {
            Some(b) => b.println(s),
            None => println!("{s}"),
        }
    }

    /// Runs `f` (which prints) with the bar hidden.
    fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(b) => b.suspend(f),
            None => f(),
        }
    }
}

fn describe(l: &LogLine, steps: u64) -> String {
    let mut s = format!(
        "step {:>6}/{steps}  loss {:.4}  acc {:.1}%",
        l.step,
        l.loss,
        100.0 * l.accuracy
    );
    if let Some(v) = l.val_loss {
        s += &format!("  val {v:.4}");
    }
    if let Some(a) = l.val_accuracy {
        s += &format!(" acc {:.1}%", 100.0 * a);
    }
    s += &format!("  {:.0} tok/s  {}", l.tokens_per_s, l.phase);
    if let Some(t) = l.tau {
        s += &format!(" tau {t:.2}");
    }
    if let Some(e) = l.experts_per_token() {
        s += &format!("  {e:.2} experts/token");
    }
    if l.balance_loss + l.z_loss > 0.0 {
        s += &format!("  aux {:.4}", l.balance_loss + l.z_loss);
    }
    s
}

pub fn train(opts: &AdapterOptions, args: &TrainArgs) -> Result<i32> {
    if args.allow_data_change && !args.resume {
        return Err(Error::Config(
            "--allow-data-change only applies with --resume".into(),
        ));
    }
    // A resumed run: the flags apply on top of its saved config.
    let saved = if args.resume {
        check_free(&args.out)?;
        Some(saved_run(&resume::checkpoint_in(&args.out)?)?)
    } else {
        None
    };
    let mut run = args.resolve(&saved.as_ref().map_or(String::new(), |s| s.run.to_toml()))?;
    if args.print_config {
        print!("{}", run.to_toml());
        return Ok(0);
    }
    // Everything that can be checked without the GPU is checked before it.
    let corpus = open_data(&mut run)?;
    if let Some(saved) = &saved {
        saved.check_resume(&run, &corpus, args.allow_data_change, &args.out)?;
    }
    let out = if args.resume {
        args.out.clone()
    } else {
        let dir = fresh_dir(&args.out)?;
        if dir != args.out {
            eprintln!(
                "note: {} already holds a run; this one goes to {} (continue that one with \
                 --resume --out {})",
                args.out.display(),
                dir.display(),
                args.out.display()
            );
        }
        dir
    };
    drop(saved);
    let corpus_bytes = corpus.resident_bytes();
    let gpu = open_gpu(opts, &run, run.train.batch, corpus_bytes)?;
    let stop = Stop::install();
    let topts = TrainOptions {
        out_dir: Some(out.clone()),
        resume: args.resume,
        interrupt: Some(stop.flag.clone()),
        allow_data_change: args.allow_data_change,
        ..TrainOptions::new(run.clone())
    };
    let moe = match run.method {
        evomoe::model::config::Method::Dense => String::new(),
        evomoe::model::config::Method::DenseWide => format!(", FFN {} wide", run.gpt_config().d_ff),
        _ => format!(
            ", {} experts every {} blocks",
            run.moe.experts, run.moe.moe_every
        ),
    };
    let what = match run.task {
        Task::Lm => "a language model",
        Task::Mlm => "a masked language model",
    };
    eprintln!(
        "training {what}, {} ({} preset: {} layers, d_model {}, vocabulary {}{moe}) on {}; {} \
         train / {} validation {}; {} steps of {} x {} tokens; output in {}",
        run.method.name(),
        run.preset,
        run.model.n_layer,
        run.model.d_model,
        run.model.vocab,
        gpu.name(),
        corpus.train.len(),
        corpus.val.len(),
        corpus.unit(),
        run.train.steps,
        run.train.batch,
        run.model.context,
        out.display()
    );
    compile_note(&gpu);
    let steps = run.train.steps;
    let mut progress = Progress { bar: None };
    let report = block_on(trainer::train(&gpu, &corpus, &topts, |ev| match ev {
        Event::Started { start, end, params } => {
            eprintln!("{params} parameters; steps {} to {end}", start + 1);
            if std::io::stdout().is_terminal() {
                let bar = indicatif::ProgressBar::new(end);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{bar:30} {pos}/{len} [{elapsed_precise} < {eta_precise}] {msg}",
                    )
                    .expect("a valid template"),
                );
                bar.set_position(start);
                progress.bar = Some(bar);
            }
        }
        Event::Step(s) => {
            if let Some(b) = &progress.bar {
                b.set_position(s);
            }
        }
        Event::Stopping { step } => progress
            .suspend(|| stop.announce(&format!("stopping after step {step} with a checkpoint"))),
        Event::Log(l) => {
            let text = describe(l, steps);
            match &progress.bar {
                Some(b) => {
                    b.set_message(text.split_once("  ").map_or("", |x| x.1).to_string());
                    if l.val_loss.is_some() {
                        b.println(&text);
                    }
                }
                None => println!("{text}"),
            }
        }
        Event::Note(n) => progress.line(&n),
    }));
    if let Some(b) = &progress.bar {
        b.finish_and_clear();
    }
    let report = report?;
    if let Err(e) = write_plot(&out, run.task) {
        eprintln!("warning: no plot: {e}");
    }
    let loss = report.final_val_loss as f64;
    println!(
        "{}: step {} of {steps}, validation {} {loss:.4} (perplexity {:.2}, {}accuracy \
         {:.1}%), {} on {}",
        if report.interrupted {
            "interrupted"
        } else {
            "done"
        },
        report.end_step,
        run.task.loss_name(),
        loss.exp(),
        bits_per_byte(&corpus, loss),
        100.0 * report.final_val_accuracy,
        if report.steps_run > 0 {
            format!(
                "{:.0} tokens/s over {} steps",
                report.tokens_per_s, report.steps_run
            )
        } else {
            "no step run".into()
        },
        report.adapter
    );
    println!(
        "checkpoint {}, metrics {}, plot {}",
        out.join(CHECKPOINT).display(),
        out.join(METRICS).display(),
        out.join(PLOT).display()
    );
    if report.interrupted {
        println!(
            "continue with: evomoe train --resume --out {}",
            out.display()
        );
        return Ok(stop.exit_code());
    }
    Ok(0)
}

/// "X bits/byte, " for a loss when the data's ids per byte are known.
fn bits_per_byte(corpus: &Corpus, loss: f64) -> String {
    match corpus.bits_per_byte(loss) {
        Some(b) => format!("{b:.3} bits/byte, "),
        None => String::new(),
    }
}

/// `plot.png` of the run in `dir` from its whole `metrics.jsonl`: losses, then experts per
/// token and tau.
fn write_plot(dir: &Path, task: Task) -> Result<()> {
    use evomoe::plot::{write_png, Panel, Series};
    let text = std::fs::read_to_string(dir.join(METRICS))?;
    let lines: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let series = |label: &str, f: &dyn Fn(&serde_json::Value) -> Option<f64>| Series {
        label: label.to_string(),
        points: lines
            .iter()
            .filter_map(|l| Some((l["step"].as_f64()?, f(l)?)))
            .collect(),
        band: Vec::new(),
    };
    let mut panels = vec![Panel {
        title: task.loss_name().into(),
        x_label: "step".into(),
        y_label: match task {
            Task::Lm => "cross-entropy (nats/byte)",
            Task::Mlm => "cross-entropy on masked bytes (nats)",
        }
        .into(),
        series: vec![
            series("train", &|l| l["loss"].as_f64()),
            series("validation", &|l| l["val_loss"].as_f64()),
        ],
        log_y: false,
    }];
    let epts = series("experts per token", &|l| {
        let layers = l["layers"].as_array()?;
        let sum: f64 = layers
            .iter()
            .filter_map(|x| x["experts_per_token"].as_f64())
            .sum();
        (!layers.is_empty()).then(|| sum / layers.len() as f64)
    });
    if !epts.points.is_empty() {
        panels.push(Panel {
            title: "routing".into(),
            x_label: "step".into(),
            y_label: "experts per token, tau".into(),
            series: vec![epts, series("tau", &|l| l["tau"].as_f64())],
            log_y: false,
        });
    }
    write_png(&dir.join(PLOT), &panels, 900, 360)
}

#[derive(clap::Args)]
pub struct EvalArgs {
    /// A checkpoint file, or a run directory holding checkpoint.safetensors.
    #[arg(long, default_value = "runs/latest")]
    checkpoint: PathBuf,
    /// Text to evaluate on (all of it); default: the validation split of the run's own data.
    #[arg(long)]
    data: Option<PathBuf>,
    /// At most this many batches (each the run's batch x context bytes).
    #[arg(long, default_value_t = 64, allow_negative_numbers = true)]
    batches: usize,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// The checkpoint `--checkpoint` names: the file, or `checkpoint.safetensors` in a run
/// directory. Reading one while a run trains in the directory is safe: checkpoints are
/// replaced by an atomic rename, never rewritten in place.
fn checkpoint_file(p: &Path) -> PathBuf {
    if p.is_dir() {
        p.join(CHECKPOINT)
    } else {
        p.to_path_buf()
    }
}

/// The tokenizer a checkpoint's run trained with: `tokenizer.json` beside the checkpoint, its
/// CRC-32 checked against the one the checkpoint records (`None`: a byte model).
fn run_tokenizer(ckpt: &Checkpoint, path: &Path) -> Result<Option<PathBuf>> {
    let Some(want) = ckpt.get("tokenizer").filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let tok = dir.join(TOKENIZER);
    let bytes = std::fs::read(&tok).map_err(|e| {
        Error::Config(format!(
            "{} was trained with a tokenizer (CRC-32 {want}) but {} cannot be read: {e}",
            path.display(),
            tok.display()
        ))
    })?;
    let have = format!("{:08x}", crc32fast::hash(&bytes));
    if have != want {
        return Err(Error::Config(format!(
            "{} was trained with the tokenizer of CRC-32 {want}, but {} has CRC-32 {have}",
            path.display(),
            tok.display()
        )));
    }
    Ok(Some(tok))
}

/// A model of `run` for batches of `batch`, restored from the checkpoint `ckpt` read from
/// `path`.
fn load_model(
    gpu: &Gpu,
    run: &RunConfig,
    ckpt: &Checkpoint,
    path: &Path,
    batch: usize,
) -> Result<Model> {
    let mut model = Model::new(gpu, &run.gpt_config(), batch, run.model.context)?;
    resume::restore(gpu, &mut model, None, run, ckpt, path)?;
    Ok(model)
}

pub fn eval(opts: &AdapterOptions, args: &EvalArgs) -> Result<i32> {
    if args.batches == 0 {
        return Err(Error::Config("--batches must be at least 1".into()));
    }
    let path = checkpoint_file(&args.checkpoint);
    let SavedRun { ckpt, run, .. } = saved_run(&path)?;
    let tokenizer = run_tokenizer(&ckpt, &path)?;
    let corpus = match &args.data {
        // A byte model reads all of a text; a token model opens the data like train does,
        // with the run's own tokenizer, and reads its validation split.
        Some(p) if tokenizer.is_none() && !p.is_dir() => Corpus::from_file(p, 0.0)?,
        Some(p) => {
            let spec = DataSpec {
                data: &p.to_string_lossy(),
                tokenizer: &tokenizer
                    .as_ref()
                    .map_or(String::new(), |t| t.to_string_lossy().into_owned()),
                vocab: Some(run.model.vocab),
                val_fraction: run.train.val_fraction,
            };
            open_corpus(&spec, &mut Bars::default())?
        }
        None => {
            let spec = DataSpec {
                data: &run.train.data,
                tokenizer: &run.train.tokenizer,
                vocab: Some(run.model.vocab),
                val_fraction: run.train.val_fraction,
            };
            let c = open_corpus(&spec, &mut Bars::default())?;
            check_tokenizer(&ckpt, c.tokenizer.as_ref().map(|t| t.crc32.as_str()), &path)?;
            if check_data(&ckpt, &c, false, &path).is_err() {
                eprintln!(
                    "note: {} changed since the checkpoint was written; its validation split \
                     now may overlap what the model trained on",
                    run.train.data
                );
            }
            c
        }
    };
    check_tokenizer(
        &ckpt,
        corpus.tokenizer.as_ref().map(|t| t.crc32.as_str()),
        &path,
    )?;
    if corpus.vocab > run.vocab() {
        return Err(Error::Config(format!(
            "the data holds ids up to {} but {} has a vocabulary of {}",
            corpus.vocab,
            path.display(),
            run.vocab()
        )));
    }
    // Evaluated: all of a text given as --data, else the validation split.
    let text = match (&args.data, &corpus.train) {
        (Some(_), Tokens::Bytes(_)) => &corpus.train,
        _ => &corpus.val,
    };
    let (b, t) = (run.train.batch, run.model.context);
    // The masked LM is evaluated on the fixed evaluation masks (train::masking).
    let batches = task_eval_batches(&run.gpt_config(), text, b, t, args.batches);
    if batches.is_empty() {
        return Err(Error::Config(format!(
            "the data has {} {}, shorter than one batch of {b} x {t} (+1)",
            text.len(),
            corpus.unit()
        )));
    }
    let gpu = open_gpu(opts, &run, b, corpus.resident_bytes())?;
    compile_note(&gpu);
    let mut model = load_model(&gpu, &run, &ckpt, &path, b)?;
    // Before EvoMoE's spawn no MoE layer routes: there are no routing statistics.
    let routes = model.stage() == Stage::Experts;
    let e = run.moe.experts;
    let (mut parts, mut load, mut per_token) =
        (Vec::new(), Vec::<Vec<f64>>::new(), Vec::<f64>::new());
    let n = batches.len() as f64;
    block_on(model.with_eval(&gpu, async |m| {
        for batch in &batches {
            parts.push(m.stats(&gpu, &batch.inputs, &batch.targets).await?);
            if !routes {
                continue;
            }
            let stats = m.moe_stats(&gpu).await?;
            load.resize(stats.len(), vec![0.0; e]);
            per_token.resize(stats.len(), 0.0);
            for (i, s) in stats.iter().enumerate() {
                per_token[i] += s.gate.experts_per_token as f64 / n;
                for (a, &x) in load[i].iter_mut().zip(&s.gate.load) {
                    *a += x as f64 / n;
                }
            }
        }
        Ok(())
    }))?;
    let pooled = LossStats::pooled(&parts);
    let (loss, accuracy) = (pooled.loss as f64, pooled.accuracy() as f64);
    let tokens = batches.len() * b * t;
    if args.json {
        let v = serde_json::json!({
            "checkpoint": path.display().to_string(),
            "method": run.method.name(),
            "task": run.task.name(),
            "tokens": tokens,
            "scored_tokens": pooled.valid,
            "loss": loss,
            "accuracy": accuracy,
            "perplexity": loss.exp(),
            "bits_per_byte": corpus.bits_per_byte(loss),
            "experts_per_token": per_token,
            "load": load,
            "adapter": gpu.name(),
        });
        println!("{v}");
    } else {
        println!(
            "{} ({}): {tokens} tokens ({} scored), {} {loss:.4}, perplexity {:.3}, {}accuracy \
             {:.2}% on {}",
            path.display(),
            run.method.name(),
            pooled.valid,
            run.task.loss_name(),
            loss.exp(),
            bits_per_byte(&corpus, loss),
            100.0 * accuracy,
            gpu.name()
        );
        for (i, (l, p)) in load.iter().zip(&per_token).enumerate() {
            let shares: Vec<String> = l.iter().map(|x| format!("{:.1}%", 100.0 * x)).collect();
            let block = (i + 1) * run.moe.moe_every;
            println!(
                "MoE layer of block {block}: {p:.2} experts/token, load per expert [{}]",
                shares.join(" ")
            );
        }
    }
    Ok(0)
}

#[derive(clap::Args)]
pub struct SampleArgs {
    /// A checkpoint file, or a run directory holding checkpoint.safetensors.
    #[arg(long, default_value = "runs/latest")]
    checkpoint: PathBuf,
    /// Text to continue.
    #[arg(long, default_value = "\n")]
    prompt: String,
    /// Tokens to generate (bytes for a byte model).
    #[arg(long, default_value_t = 300, allow_negative_numbers = true)]
    length: usize,
    /// Softmax temperature (0: always the most likely token).
    #[arg(long, default_value_t = 0.8, allow_negative_numbers = true)]
    temperature: f32,
    /// Sample among the k most likely tokens only (0: all).
    #[arg(long, default_value_t = 40, allow_negative_numbers = true)]
    top_k: usize,
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    seed: u64,
}

pub fn sample(opts: &AdapterOptions, args: &SampleArgs) -> Result<i32> {
    if !(args.temperature.is_finite() && args.temperature >= 0.0) {
        return Err(Error::Config(format!(
            "--temperature must be >= 0, got {}",
            args.temperature
        )));
    }
    if args.length == 0 {
        return Err(Error::Config("--length must be at least 1".into()));
    }
    let path = checkpoint_file(&args.checkpoint);
    let SavedRun { ckpt, run, .. } = saved_run(&path)?;
    if run.task != Task::Lm {
        return Err(Error::Config(format!(
            "{} is a masked language model (--task {}): it fills <mask>s (evomoe fill) instead \
             of continuing text",
            path.display(),
            run.task.name()
        )));
    }
    let bpe = run_tokenizer(&ckpt, &path)?
        .map(|p| Bpe::load(&p))
        .transpose()?;
    // The prompt's ids: its bytes, or its BPE tokens (an empty prompt starts from a newline).
    let prompt = if args.prompt.is_empty() {
        "\n"
    } else {
        &args.prompt
    };
    let mut ids: Vec<u32> = match &bpe {
        None => prompt.bytes().map(u32::from).collect(),
        Some(bpe) => bpe.encode(prompt.as_bytes(), |_| {})?,
    };
    if let Some(&bad) = ids.iter().find(|&&id| id as usize >= run.vocab()) {
        return Err(Error::Config(format!(
            "the prompt encodes to id {bad}, outside the model's vocabulary of {}",
            run.vocab()
        )));
    }
    let gpu = open_gpu(opts, &run, 1, 0)?;
    compile_note(&gpu);
    let mut model = load_model(&gpu, &run, &ckpt, &path, 1)?;
    drop(ckpt);
    let mut rng = evomoe::ops::rng::Rng::new(args.seed);
    let mut out = std::io::stdout();
    use std::io::Write;
    print!("{}", args.prompt);
    // Generated ids are decoded together and printed as their text grows (a token may hold
    // part of a UTF-8 character; decoding the whole keeps the text exact).
    let (first, mut printed) = (ids.len(), 0);
    for _ in 0..args.length {
        let next = block_on(sample::next_token(
            &gpu,
            &mut model,
            &ids,
            args.temperature,
            args.top_k,
            &mut rng,
        ))?;
        ids.push(next);
        let text = match &bpe {
            None => ids[first..].iter().map(|&b| b as u8).collect(),
            Some(bpe) => bpe.decode(&ids[first..])?,
        };
        out.write_all(text.get(printed..).unwrap_or_default())?;
        out.flush()?;
        printed = printed.max(text.len());
    }
    println!();
    Ok(0)
}

#[derive(clap::Args)]
pub struct FillArgs {
    /// A masked-LM checkpoint file (trained with --task mlm), or its run directory.
    #[arg(long, default_value = "runs/latest")]
    checkpoint: PathBuf,
    /// Text with each byte to fill written as <mask>, e.g. "To be, or <mask><mask><mask> to be".
    #[arg(long)]
    prompt: String,
}

pub fn fill(opts: &AdapterOptions, args: &FillArgs) -> Result<i32> {
    let path = checkpoint_file(&args.checkpoint);
    let SavedRun { ckpt, run, .. } = saved_run(&path)?;
    if run.task != Task::Mlm {
        return Err(Error::Config(format!(
            "{} is a language model (--task {}): fill needs a masked-LM checkpoint \
             (evomoe train --task mlm); sample continues text",
            path.display(),
            run.task.name()
        )));
    }
    if ckpt.get("tokenizer").is_some_and(|c| !c.is_empty()) {
        return Err(Error::Config(format!(
            "{} was trained on BPE tokens: fill completes <mask>s of byte-level masked-LM \
             models only",
            path.display()
        )));
    }
    // The prompt is checked before the GPU opens.
    let cfg = run.gpt_config();
    evomoe::train::fill::parse_prompt(&args.prompt, cfg.mask_token(), cfg.context)?;
    let gpu = open_gpu(opts, &run, 1, 0)?;
    compile_note(&gpu);
    let mut model = load_model(&gpu, &run, &ckpt, &path, 1)?;
    drop(ckpt);
    let (text, filled) = block_on(evomoe::train::fill::fill(&gpu, &mut model, &args.prompt))?;
    println!("{}", String::from_utf8_lossy(&text));
    eprintln!(
        "filled {} masked bytes at positions {filled:?} on {}",
        filled.len(),
        gpu.name()
    );
    Ok(0)
}
