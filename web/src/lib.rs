//! evomoe-wgpu in the browser: the functions `web/index.html` calls through wasm-bindgen.
//!
//! - [`open_gpu`] opens the browser's WebGPU adapter once (a clear error where there is none);
//! - the selftest: [`check_names`] lists the native selftest's checks, [`run_check`] runs one
//!   and returns its result, [`selftest_report`] turns the results into the same JSON report as
//!   `evomoe selftest --json`;
//! - training: a [`Trainer`] holds a [`Session`] of the built-in Shakespeare slice open between
//!   calls, so the page runs a few steps, draws, and goes on (or stops and resumes); it samples
//!   text from the current weights.
//!
//! Everything that waits for the GPU returns a JavaScript `Promise`. The page calls one at a
//! time; a call made while another is running gets an error instead of a panic.

use std::cell::RefCell;
use std::rc::Rc;

use evomoe::model::transformer::Model;
use evomoe::ops::rng::Rng;
use evomoe::selftest::expectations::EXPECTED_FAILURES;
use evomoe::selftest::report::{self, AdapterDescription};
use evomoe::selftest::runner::{run_on_device, AdapterRun, CheckResult, Run};
use evomoe::selftest::{all_checks, Check};
use evomoe::train::config::RunConfig;
use evomoe::train::data::Corpus;
use evomoe::train::run::{Event, TrainOptions};
use evomoe::train::sample::next_byte;
use evomoe::train::session::Session;
use evomoe::Gpu;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The opened device, for the page's lifetime (a page opens one).
    static GPU: RefCell<Option<&'static Gpu>> = const { RefCell::new(None) };
    /// The selftest's checks, built once for the page's lifetime.
    static CHECKS: &'static [Check] = Box::leak(all_checks().into_boxed_slice());
    /// The results of this selftest run so far.
    static RESULTS: RefCell<Vec<CheckResult>> = const { RefCell::new(Vec::new()) };
}

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn gpu() -> Result<&'static Gpu, JsError> {
    GPU.with(|g| *g.borrow())
        .ok_or_else(|| js_err("the GPU is not open yet: call open_gpu() first"))
}

/// Opens the browser's WebGPU adapter (once) and returns its description as JSON (name,
/// backend, features, limits: the selftest report's adapter record).
#[wasm_bindgen]
pub async fn open_gpu() -> Result<String, JsError> {
    let gpu = match GPU.with(|g| *g.borrow()) {
        Some(g) => g,
        None => {
            let opened: &'static Gpu = Box::leak(Box::new(Gpu::browser().await.map_err(js_err)?));
            GPU.with(|g| *g.borrow_mut() = Some(opened));
            opened
        }
    };
    serde_json::to_string(&AdapterDescription::new(&gpu.adapter)).map_err(js_err)
}

/// The selftest's checks as JSON: `[{"name": .., "family": ..}, ..]`, in the order the native
/// `evomoe selftest` runs them. Starts a new selftest run (forgets earlier results).
#[wasm_bindgen]
pub fn check_names() -> String {
    RESULTS.with(|r| r.borrow_mut().clear());
    CHECKS.with(|checks| {
        let list: Vec<serde_json::Value> = checks
            .iter()
            .map(|c| serde_json::json!({ "name": c.name, "family": c.family }))
            .collect();
        serde_json::Value::Array(list).to_string()
    })
}

/// Runs check number `index` on the browser's adapter and keeps its result for
/// [`selftest_report`]; the result as JSON (the report's result record: `check`, `status`,
/// `max_rel_err`, `error`, `wall_ms`, ..).
#[wasm_bindgen]
pub async fn run_check(index: usize) -> Result<String, JsError> {
    let gpu = gpu()?;
    let checks: &'static [Check] = CHECKS.with(|c| *c);
    let check = checks
        .get(index)
        .ok_or_else(|| js_err(format!("there is no check number {index}")))?;
    let mut run = run_on_device(std::slice::from_ref(check), gpu, EXPECTED_FAILURES, |_| {}).await;
    let result = run.results.remove(0);
    let json = serde_json::to_string(&result).map_err(js_err)?;
    RESULTS.with(|r| r.borrow_mut().push(result));
    Ok(json)
}

/// The JSON report of the checks run since [`check_names`], in the schema of
/// `evomoe selftest --json`; `wall_ms` is the run's wall time as the page measured it.
#[wasm_bindgen]
pub fn selftest_report(wall_ms: f64) -> Result<String, JsError> {
    let gpu = gpu()?;
    let run = Run {
        adapters: vec![AdapterRun {
            adapter: AdapterDescription::new(&gpu.adapter),
            results: RESULTS.with(|r| r.borrow().clone()),
        }],
        wall_ms,
    };
    Ok(report::json(&run))
}

/// A training run on the built-in text, held between calls.
#[wasm_bindgen]
pub struct Trainer {
    /// `None` while an async call has it.
    inner: Rc<RefCell<Option<Inner>>>,
}

struct Inner {
    /// The run; `None` once finished.
    session: Option<Session<'static>>,
    /// A copy of the model for batches of one, for sampling (made again after the weights
    /// change; kept after the run finishes).
    sampler: Option<Model>,
    config: RunConfig,
    rng: Rng,
    params: usize,
    steps_done: u64,
    end: u64,
}

impl Inner {
    fn session(&mut self) -> Result<&mut Session<'static>, JsError> {
        self.session
            .as_mut()
            .ok_or_else(|| js_err("the run has finished"))
    }

    /// The sampling copy of the current weights, made if needed.
    async fn sampler(&mut self, gpu: &'static Gpu) -> Result<&mut Model, JsError> {
        if self.sampler.is_none() {
            let cfg = self.config.gpt_config();
            let mut sampler =
                Model::new(gpu, &cfg, 1, self.config.model.context).map_err(js_err)?;
            let session = self.session()?;
            session
                .model
                .copy_weights_into(gpu, &mut sampler)
                .await
                .map_err(js_err)?;
            self.sampler = Some(sampler);
        }
        Ok(self.sampler.as_mut().expect("made above"))
    }
}

fn corpus() -> &'static Corpus {
    thread_local! {
        static CORPUS: &'static Corpus = Box::leak(Box::new(Corpus::builtin()));
    }
    CORPUS.with(|c| *c)
}

#[wasm_bindgen]
impl Trainer {
    /// A run of the `tiny` preset with `method` (`evomoe`, `dts`, `switch`, `top2`, `hash`,
    /// `dense`, `dense-wide`) for `steps` steps, plus `overrides` (`key.path=value` lines, as
    /// `evomoe train --set`). Resolves to the Trainer; rejects with the config error.
    pub async fn create(method: String, steps: u32, overrides: String) -> Result<Trainer, JsError> {
        let gpu = gpu()?;
        let mut sets: Vec<String> = vec![
            format!("train.steps={steps}"),
            // The page draws every logged point; log often.
            format!("train.log_every={}", (steps / 50).max(1)),
        ];
        sets.extend(
            overrides
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from),
        );
        let config = RunConfig::resolve(Some("tiny"), Some(&method), "", &sets).map_err(js_err)?;
        let session = Session::new(gpu, corpus(), TrainOptions::new(config.clone()))
            .await
            .map_err(js_err)?;
        Ok(Trainer {
            inner: Rc::new(RefCell::new(Some(Inner {
                params: session.model.num_params(),
                steps_done: session.steps_done(),
                end: session.end(),
                session: Some(session),
                sampler: None,
                rng: Rng::new(config.train.seed),
                config,
            }))),
        })
    }

    /// The run's config as TOML.
    pub fn config(&self) -> Result<String, JsError> {
        Ok(self.borrow()?.config.to_toml())
    }

    /// Parameters of the model.
    pub fn params(&self) -> Result<usize, JsError> {
        Ok(self.borrow()?.params)
    }

    /// Steps done so far.
    pub fn steps_done(&self) -> Result<f64, JsError> {
        Ok(self.borrow()?.steps_done as f64)
    }

    /// The step the run ends at.
    pub fn end(&self) -> Result<f64, JsError> {
        Ok(self.borrow()?.end as f64)
    }

    /// Whether every step has run.
    pub fn is_done(&self) -> Result<bool, JsError> {
        let inner = self.borrow()?;
        Ok(inner.steps_done >= inner.end)
    }

    /// Runs up to `n` more steps (fewer at the end of the run). Resolves to the events as a JSON
    /// array: `{"log": <metrics line>}` for every logged point (the lines of `metrics.jsonl`),
    /// `{"note": ".."}` for the spawn and the hard switch.
    pub fn steps(&self, n: u32) -> js_sys::Promise {
        let cell = self.inner.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let events = with_inner(&cell, async |inner| {
                inner.sampler = None; // the weights change
                let session = inner.session()?;
                let mut events = Vec::new();
                let mut on_event = |e: Event| events.extend(event_json(&e));
                for _ in 0..n {
                    if session.is_done() {
                        break;
                    }
                    session.step(&mut on_event).await.map_err(js_err)?;
                }
                inner.steps_done = session.steps_done();
                Ok(events)
            })
            .await?;
            Ok(JsValue::from_str(
                &serde_json::Value::Array(events).to_string(),
            ))
        })
    }

    /// Ends the run: the last logged point and the final validation loss. Resolves to
    /// `{"events": [..], "final_val_loss": .., "tokens_per_s": .., "steps_run": ..}`.
    pub fn finish(&self) -> js_sys::Promise {
        let cell = self.inner.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let gpu = gpu()?;
            let out = with_inner(&cell, async |inner| {
                inner.sampler(gpu).await?; // kept for sampling after the run
                let session = inner
                    .session
                    .take()
                    .ok_or_else(|| js_err("the run has finished"))?;
                let mut events = Vec::new();
                let report = session
                    .finish(&mut |e: Event| events.extend(event_json(&e)))
                    .await
                    .map_err(js_err)?;
                Ok(serde_json::json!({
                    "events": events,
                    "final_val_loss": report.final_val_loss,
                    "tokens_per_s": report.tokens_per_s,
                    "steps_run": report.steps_run,
                    "adapter": report.adapter,
                }))
            })
            .await?;
            Ok(JsValue::from_str(&out.to_string()))
        })
    }

    /// Samples `length` bytes after `prompt` from the current weights at `temperature` (0:
    /// greedy) among the 40 most likely bytes. Resolves to the text (lossy UTF-8).
    pub fn sample(&self, prompt: String, length: u32, temperature: f32) -> js_sys::Promise {
        let cell = self.inner.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let gpu = gpu()?;
            let text = with_inner(&cell, async |inner| {
                let seed = inner.rng.next_u32() as u64 | (inner.rng.next_u32() as u64) << 32;
                let mut rng = Rng::new(seed);
                let sampler = inner.sampler(gpu).await?;
                let mut text = prompt.into_bytes();
                let start = text.len();
                for _ in 0..length {
                    let b = next_byte(gpu, sampler, &text, temperature, 40, &mut rng)
                        .await
                        .map_err(js_err)?;
                    text.push(b);
                }
                Ok(String::from_utf8_lossy(&text[start..]).into_owned())
            })
            .await?;
            Ok(JsValue::from_str(&text))
        })
    }
}

/// A logged point or a note as the JSON the page reads (`None` for the other events).
fn event_json(e: &Event) -> Option<serde_json::Value> {
    match e {
        Event::Log(l) => Some(serde_json::json!({
            "log": serde_json::from_str::<serde_json::Value>(&l.to_json()).unwrap_or_default()
        })),
        Event::Note(n) => Some(serde_json::json!({ "note": n })),
        Event::Started { .. } | Event::Step(_) | Event::Stopping { .. } => None,
    }
}

/// Runs `f` on the trainer's state, taken out of its cell for the duration (so no borrow is
/// held across an await); a call that comes while another runs is told the trainer is busy.
async fn with_inner<T>(
    cell: &RefCell<Option<Inner>>,
    f: impl AsyncFnOnce(&mut Inner) -> Result<T, JsError>,
) -> Result<T, JsError> {
    let mut inner = cell
        .borrow_mut()
        .take()
        .ok_or_else(|| js_err("the trainer is busy"))?;
    let out = f(&mut inner).await;
    *cell.borrow_mut() = Some(inner);
    out
}

impl Trainer {
    fn borrow(&self) -> Result<std::cell::Ref<'_, Inner>, JsError> {
        std::cell::Ref::filter_map(self.inner.borrow(), Option::as_ref)
            .map_err(|_| js_err("the trainer is busy"))
    }
}
