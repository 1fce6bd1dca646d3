//! The jobs of `evomoe bench`: each family configured ([`Job`]), the lists `bench all` runs
//! ([`all_jobs`]), their size checks ([`validate`]) and how each is run into a table and a
//! JSON object ([`run_job`]).

use pollster::block_on;
use serde_json::{json, Value};

use evomoe::bench::head::HeadBench;
use evomoe::bench::kernels::{AttentionBench, CrossEntropyBench, LayerNormBench};
use evomoe::bench::limits::{bytes, positive, Budget, Needs};
use evomoe::bench::moe::MoeBenchConfig;
use evomoe::bench::moe_kernels::{expert_layer_needs, ExpertFfnBench, GateBench, RouteBench};
use evomoe::bench::peak::Peaks;
use evomoe::bench::report::Env;
use evomoe::bench::{matmul, moe, moe_step, step};
use evomoe::model::config::{ModelConfig, Task};
use evomoe::{Error, Gpu, Result};

use super::Preset;

/// One family, configured.
pub enum Job {
    Matmul(matmul::Options),
    Attention(AttentionBench),
    LayerNorm(LayerNormBench),
    CrossEntropy(CrossEntropyBench),
    Gate(GateBench),
    Route(RouteBench),
    ExpertFfn(ExpertFfnBench),
    Moe(MoeBenchConfig),
    Step(StepJob),
    Head(HeadBench),
}

pub struct StepJob {
    pub preset: Preset,
    /// The model's task: the causal LM or the masked-LM encoder.
    pub task: Task,
    pub batch: Option<usize>,
    pub seq: Option<usize>,
    pub steps: usize,
    pub moe: bool,
    pub rounds: usize,
    pub profile: bool,
}

/// What a family printed or would print.
pub struct Output {
    pub table: String,
    pub json: Value,
    /// A failed check inside a family that reports it as a row (moe).
    pub failure: Option<String>,
}

/// Every family, at its defaults or at tiny sizes.
pub fn all_jobs(tiny: bool) -> Vec<Job> {
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
                task: Task::Lm,
                batch: None,
                seq: None,
                steps: 10,
                moe: false,
                rounds: 3,
                profile: false,
            }),
            Job::Head(HeadBench::default()),
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
            mask: Default::default(),
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
            task: Task::Lm,
            batch: Some(1),
            seq: Some(16),
            steps: 1,
            moe: false,
            rounds: 1,
            profile: false,
        }),
        Job::Head(HeadBench {
            vocab: 96,
            d_model: 16,
            tokens: 100,
            chunk_rows: 64,
            rounds: 1,
        }),
    ]
}

pub fn preset_config(p: Preset) -> evomoe::model::config::ModelConfig {
    match p {
        Preset::Tiny => evomoe::model::config::ModelConfig::tiny(),
        Preset::Small => evomoe::model::config::ModelConfig::small(),
    }
}

/// Every size of `job` positive and within the adapter's and the host's limits.
pub fn validate(job: &Job, budget: &Budget) -> Result<()> {
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
        Job::Head(b) => b.validate(budget),
        Job::Moe(c) => {
            positive("--tokens", c.n)?;
            positive("--d-model", c.d)?;
            positive("--d-ff", c.f)?;
            if c.experts.is_empty() {
                return Err(Error::Config("--experts needs at least one count".into()));
            }
            for &e in &c.experts {
                positive("--experts", e)?;
                // The all-experts cases chunk their activations by the binding limit, or report
                // the limit in their row: only the top-1 layer must fit.
                expert_layer_needs("bench moe", c.n, c.d, c.f, e).check(budget)?;
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

pub fn run_job(gpu: &Gpu, job: &Job, peaks: &Peaks) -> Result<Output> {
    let env = Env::of(gpu);
    let plain = |r: evomoe::bench::report::FamilyReport| Output {
        table: r.table(),
        json: r.json(),
        failure: None,
    };
    Ok(match job {
        Job::Matmul(o) => {
            let mut r = block_on(matmul::run(gpu, o))?;
            r.peaks = Some(peaks.clone());
            Output {
                table: r.table(),
                json: serde_json::from_str(&r.json())
                    .map_err(|e| Error::Config(format!("bench matmul: bad JSON: {e}")))?,
                failure: None,
            }
        }
        Job::Attention(b) => plain(block_on(b.run(gpu, peaks))?),
        Job::LayerNorm(b) => plain(block_on(b.run(gpu, peaks))?),
        Job::CrossEntropy(b) => plain(block_on(b.run(gpu, peaks))?),
        Job::Gate(b) => plain(block_on(b.run(gpu, peaks))?),
        Job::Route(b) => plain(block_on(b.run(gpu, peaks))?),
        Job::ExpertFfn(b) => plain(block_on(b.run(gpu, peaks))?),
        Job::Moe(cfg) => {
            let rows = block_on(moe::bench_moe(gpu, cfg))?;
            let failure = rows.iter().find(|r| r.failed).map(|r| {
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
        Job::Head(b) => {
            let r = block_on(b.run(gpu, peaks))?;
            Output {
                table: r.table(),
                json: r.json(),
                failure: None,
            }
        }
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
        run.task = s.task;
        let mut r = block_on(moe_step::bench_moe_step(
            gpu, &run, s.steps, s.rounds, s.profile,
        ))?;
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
    let cfg = ModelConfig {
        task: s.task,
        ..preset_config(s.preset)
    };
    let seq = s.seq.unwrap_or(cfg.context);
    let mut r = block_on(step::bench_step(
        gpu,
        &cfg,
        s.batch.unwrap_or(8),
        seq,
        s.steps,
    ))?;
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
