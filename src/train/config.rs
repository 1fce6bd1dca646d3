//! The configuration of a training run (`evomoe train --config run.toml`): model sizes, the
//! method and its MoE settings, EvoMoE's schedule and the training loop, every field with a
//! default from a named preset.
//!
//! Resolution order: the preset (`tiny`, `small`, `medium`) with the method's defaults, then the
//! TOML file, then command-line overrides (`--set section.key=value` and the dedicated flags).
//! The resolved config is what a run prints with `--print-config` and writes next to its
//! checkpoint; an unknown key or an out-of-range value is an error naming it.
//!
//! Every field is listed with its meaning in `docs/EVOMOE.md` ("Config fields").

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::config::{Method, ModelConfig, MoeSpec, SpawnSettings, Task};
use crate::moe::gate::{GateConfig, GateKind};
use crate::moe::schedule::{EvoMoePlan, TauDecay, TauSchedule};
use crate::train::data::VOCAB;
use crate::train::overrides::{diff, merge, one_line, parse_value, set_path};

/// A whole run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunConfig {
    /// The preset the defaults came from.
    pub preset: String,
    /// lm (next byte, causal decoder) or mlm (masked bytes, bidirectional encoder).
    #[serde(default)]
    pub task: Task,
    /// evomoe, dts, switch, top2, hash, dense, dense-wide.
    pub method: Method,
    pub model: ModelSection,
    pub moe: MoeSection,
    pub evomoe: EvomoeSection,
    pub train: TrainSection,
}

/// The GPT's sizes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSection {
    /// Vocabulary V: 0 takes the data's (256 for bytes, `meta.json`'s or the tokenizer's for
    /// tokens); a larger value pads it (e.g. 50,304 for GPT-2's 50,257). A run saves the
    /// resolved value; configs saved before the field existed were byte models.
    #[serde(default = "byte_vocab")]
    pub vocab: usize,
    /// Context length T (the training sequence length).
    pub context: usize,
    pub n_layer: usize,
    pub n_head: usize,
    pub d_model: usize,
    /// FFN width of a dense block and of each expert (`dense-wide`: times `experts`).
    pub d_ff: usize,
    /// Seed of the initialisation, the gates' noise and the spawn masks.
    pub seed: u64,
}

/// The MoE layers (ignored by `dense`; `dense-wide` uses `experts`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoeSection {
    /// E, experts per MoE layer.
    pub experts: usize,
    /// Every `moe_every`-th block holds an MoE layer (2: blocks 2, 4, ... counting from 1).
    pub moe_every: usize,
    /// Switch / top-2 capacity factor (`<= 0`: dropless).
    pub capacity_factor: f32,
    /// Balance-loss coefficient alpha.
    pub balance_coef: f32,
    /// Router z-loss coefficient.
    pub z_coef: f32,
    /// Switch input jitter epsilon (0: off).
    pub jitter: f32,
    /// DTS top-threshold gamma.
    pub gamma: f32,
    /// DTS: combine weights from the noisy tempered softmax instead of softmax(h).
    pub gumbel_gates: bool,
    /// Standard deviation of the gate's initial weights (0: zeros).
    pub gate_init_std: f32,
}

/// EvoMoE's two phases (also the DTS schedule of `dts`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvomoeSection {
    /// T_base as a fraction of the steps (evomoe; dts uses 0).
    pub base_fraction: f64,
    /// Spawn drop rate r in [0, 1).
    pub drop_rate: f32,
    /// Rescale spawned weights by 1 / (1 - r).
    pub rescale: bool,
    /// AdamW moments of the spawned experts: "reset" or "copy" (under the same masks).
    pub moments: String,
    pub tau_max: f32,
    pub tau_min: f32,
    /// "linear" or "exponential".
    pub tau_decay: String,
    /// D, the decay steps, as a fraction of the gate-sparsify steps.
    pub decay_fraction: f64,
    /// Switch to hard top-1 routing once tau reaches tau_min (at t = D).
    pub hard_switch: bool,
}

/// The training loop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainSection {
    pub steps: u64,
    /// Sequences per batch (each `context` bytes).
    pub batch: usize,
    /// Peak learning rate (linear warm-up, cosine decay to min_lr).
    pub lr: f32,
    pub min_lr: f32,
    pub warmup: u64,
    /// Seed of the batch sampling.
    pub seed: u64,
    /// Read the loss and routing statistics back every this many steps.
    pub log_every: u64,
    /// Validation loss every this many steps (0: only at the end).
    pub eval_every: u64,
    /// Validation batches per evaluation.
    pub eval_batches: usize,
    /// Checkpoint every this many steps (0: only at the end).
    pub save_every: u64,
    /// Fraction of the text held out for validation (its end).
    pub val_fraction: f64,
    /// What to train on (docs/TOKENS.md): "builtin" (the built-in Shakespeare slice, bytes),
    /// "builtin:bpe4096" (the same with a 4,096-id BPE, trained once and cached), a text file,
    /// a token directory or a `.bin` token file.
    pub data: String,
    /// A `tokenizer.json` to encode a text file with (empty: bytes; token directories bring
    /// their own).
    #[serde(default)]
    pub tokenizer: String,
}

fn byte_vocab() -> usize {
    VOCAB
}

/// The named presets.
pub const PRESETS: [&str; 3] = ["tiny", "small", "medium"];

impl RunConfig {
    /// The defaults of `preset` for `method`.
    pub fn preset(preset: &str, method: Method) -> Result<RunConfig> {
        let (model, experts, steps, batch, lr) = match preset {
            // Minutes on lavapipe.
            "tiny" => (
                ModelSection {
                    vocab: 0,
                    context: 64,
                    n_layer: 2,
                    n_head: 4,
                    d_model: 64,
                    d_ff: 256,
                    seed: 1,
                },
                8,
                300,
                8,
                3e-3,
            ),
            // The speed-goal shape of `evomoe bench step --moe`.
            "small" => (
                ModelSection {
                    vocab: 0,
                    context: 128,
                    n_layer: 4,
                    n_head: 4,
                    d_model: 128,
                    d_ff: 512,
                    seed: 1,
                },
                8,
                2000,
                16,
                2e-3,
            ),
            // Meant for a real GPU.
            "medium" => (
                ModelSection {
                    vocab: 0,
                    context: 256,
                    n_layer: 8,
                    n_head: 8,
                    d_model: 512,
                    d_ff: 2048,
                    seed: 1,
                },
                16,
                20000,
                32,
                6e-4,
            ),
            other => {
                return Err(Error::Config(format!(
                    "unknown preset `{other}` (choose one of: {})",
                    PRESETS.join(", ")
                )))
            }
        };
        let baseline = matches!(method, Method::Switch | Method::Top2);
        Ok(RunConfig {
            preset: preset.to_string(),
            task: Task::Lm,
            method,
            model,
            moe: MoeSection {
                experts,
                moe_every: 2,
                capacity_factor: if baseline { 1.0 } else { 0.0 },
                balance_coef: if baseline { 0.01 } else { 0.0 },
                z_coef: 0.0,
                jitter: 0.0,
                gamma: 0.001,
                gumbel_gates: false,
                gate_init_std: 0.02,
            },
            evomoe: EvomoeSection {
                base_fraction: if method == Method::Evomoe { 0.1 } else { 0.0 },
                drop_rate: 0.5,
                rescale: false,
                moments: "reset".into(),
                tau_max: 2.0,
                tau_min: 0.3,
                tau_decay: "linear".into(),
                decay_fraction: 0.8,
                hard_switch: true,
            },
            train: TrainSection {
                steps,
                batch,
                lr,
                min_lr: lr / 10.0,
                warmup: (steps / 15).max(1),
                seed: 1,
                log_every: 10,
                eval_every: (steps / 6).max(1),
                eval_batches: 8,
                save_every: (steps / 6).max(1),
                val_fraction: 0.1,
                data: "builtin".into(),
                tokenizer: String::new(),
            },
        })
    }

    /// Resolves a run: `preset` and `method` (either may come from the file or the overrides:
    /// `preset = ...`, `method = ...`), then the TOML text `file` (may be empty), then
    /// `overrides` as `key.path=value` pairs (the value read as TOML, else as a string).
    pub fn resolve(
        preset: Option<&str>,
        method: Option<&str>,
        file: &str,
        overrides: &[String],
    ) -> Result<RunConfig> {
        let mut layer: toml::Table = file
            .parse()
            .map_err(|e: toml::de::Error| Error::Config(format!("config: {}", one_line(&e))))?;
        for o in overrides {
            let (key, value) = o.split_once('=').ok_or_else(|| {
                Error::Config(format!(
                    "override `{o}` is not of the form section.key=value"
                ))
            })?;
            let value = parse_value(value.trim());
            set_path(&mut layer, key.trim(), value)?;
        }
        let pick = |cli: Option<&str>, key: &str, default: &str| -> Result<String> {
            if let Some(v) = cli {
                return Ok(v.to_string());
            }
            match layer.get(key) {
                None => Ok(default.to_string()),
                Some(toml::Value::String(s)) => Ok(s.clone()),
                Some(v) => Err(Error::Config(format!("`{key}` must be a string, got {v}"))),
            }
        };
        let preset = pick(preset, "preset", "tiny")?;
        let method = Method::parse(&pick(method, "method", "evomoe")?)?;
        let task = Task::parse(&pick(None, "task", "lm")?)?;
        layer.insert("preset".into(), toml::Value::String(preset.clone()));
        layer.insert("method".into(), toml::Value::String(method.name().into()));
        layer.insert("task".into(), toml::Value::String(task.name().into()));
        let mut base = RunConfig::preset(&preset, method)?;
        // Step-count defaults follow the steps asked for unless given too.
        let given = |key: &str| {
            layer
                .get("train")
                .and_then(|t| t.as_table())
                .is_some_and(|t| t.contains_key(key))
        };
        if let Some(steps) = layer
            .get("train")
            .and_then(|t| t.get("steps"))
            .and_then(|v| v.as_integer())
            .filter(|&s| s > 0)
        {
            let steps = steps as u64;
            if !given("warmup") {
                base.train.warmup = (steps / 15).max(1);
            }
            if !given("eval_every") {
                base.train.eval_every = (steps / 6).max(1);
            }
            if !given("save_every") {
                base.train.save_every = (steps / 6).max(1);
            }
        }
        let mut merged =
            toml::Table::try_from(&base).map_err(|e| Error::Config(format!("config: {e}")))?;
        merge(&mut merged, layer, "")?;
        let cfg: RunConfig = toml::Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| Error::Config(format!("config: {}", one_line(&e))))?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// The resolved config as TOML (what `--print-config` prints and a run saves).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a RunConfig always serialises")
    }

    /// Parses a saved config (a checkpoint's) without applying defaults.
    pub fn from_toml(text: &str) -> Result<RunConfig> {
        let cfg: RunConfig = toml::from_str(text).map_err(|e: toml::de::Error| {
            Error::Config(format!("saved config: {}", one_line(&e)))
        })?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Keys whose values differ between two configs (`section.key: a -> b`).
    pub fn differences(&self, other: &RunConfig) -> Vec<String> {
        let (a, b) = (
            toml::Table::try_from(self).unwrap_or_default(),
            toml::Table::try_from(other).unwrap_or_default(),
        );
        let mut out = Vec::new();
        diff(&a, &b, "", &mut out);
        out
    }

    /// Checks every value, naming the first bad one.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(Error::Config(m));
        let (m, e, t) = (&self.model, &self.moe, &self.train);
        for (name, v) in [
            ("model.context", m.context),
            ("model.n_layer", m.n_layer),
            ("model.n_head", m.n_head),
            ("model.d_model", m.d_model),
            ("model.d_ff", m.d_ff),
            ("moe.experts", e.experts),
            ("moe.moe_every", e.moe_every),
            ("train.batch", t.batch),
            ("train.eval_batches", t.eval_batches),
        ] {
            if v == 0 {
                return bad(format!("{name} must be at least 1"));
            }
        }
        if !m.d_model.is_multiple_of(m.n_head) {
            return bad(format!(
                "model.n_head {} does not divide model.d_model {}",
                m.n_head, m.d_model
            ));
        }
        if self.method.gate_kind().is_some() && e.moe_every > m.n_layer {
            return bad(format!(
                "moe.moe_every {} is larger than model.n_layer {}: no block would hold an MoE layer",
                e.moe_every, m.n_layer
            ));
        }
        if t.steps == 0 {
            return bad("train.steps must be at least 1".into());
        }
        if !(t.lr.is_finite() && t.lr > 0.0) {
            return bad(format!("train.lr must be a positive number, got {}", t.lr));
        }
        if !(t.min_lr.is_finite() && t.min_lr >= 0.0 && t.min_lr <= t.lr) {
            return bad(format!(
                "train.min_lr must be in [0, train.lr = {}], got {}",
                t.lr, t.min_lr
            ));
        }
        if t.data.is_empty() {
            return bad("train.data must be a text file's path or \"builtin\", got \"\"".into());
        }
        if t.log_every == 0 {
            return bad("train.log_every must be at least 1".into());
        }
        if !(t.val_fraction > 0.0 && t.val_fraction < 1.0) {
            return bad(format!(
                "train.val_fraction must be in (0, 1), got {}",
                t.val_fraction
            ));
        }
        if !(e.gamma > 0.0 && e.gamma < 1.0) {
            return bad(format!("moe.gamma must be in (0, 1), got {}", e.gamma));
        }
        for (name, v) in [
            ("moe.balance_coef", e.balance_coef),
            ("moe.z_coef", e.z_coef),
            ("moe.gate_init_std", e.gate_init_std),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return bad(format!("{name} must be >= 0, got {v}"));
            }
        }
        if !(0.0..1.0).contains(&e.jitter) {
            return bad(format!("moe.jitter must be in [0, 1), got {}", e.jitter));
        }
        if e.capacity_factor.is_nan() {
            return bad("moe.capacity_factor must be a number".into());
        }
        let ev = &self.evomoe;
        if !(0.0..1.0).contains(&ev.drop_rate) {
            return bad(format!(
                "evomoe.drop_rate (r) must be in [0, 1), got {}",
                ev.drop_rate
            ));
        }
        if !(ev.tau_min.is_finite() && ev.tau_min > 0.0) {
            return bad(format!(
                "evomoe.tau_min must be positive, got {}",
                ev.tau_min
            ));
        }
        if !ev.tau_max.is_finite() {
            return bad(format!(
                "evomoe.tau_max must be a finite number, got {}",
                ev.tau_max
            ));
        }
        if ev.tau_min > ev.tau_max {
            return bad(format!(
                "evomoe.tau_min {} is larger than evomoe.tau_max {}",
                ev.tau_min, ev.tau_max
            ));
        }
        if !(0.0..1.0).contains(&ev.base_fraction) {
            return bad(format!(
                "evomoe.base_fraction must be in [0, 1), got {}",
                ev.base_fraction
            ));
        }
        if !(0.0..=1.0).contains(&ev.decay_fraction) {
            return bad(format!(
                "evomoe.decay_fraction must be in [0, 1], got {}",
                ev.decay_fraction
            ));
        }
        if !["reset", "copy"].contains(&ev.moments.as_str()) {
            return bad(format!(
                "evomoe.moments must be \"reset\" or \"copy\", got \"{}\"",
                ev.moments
            ));
        }
        self.tau_decay()?;
        self.gpt_config().validate()
    }

    fn tau_decay(&self) -> Result<TauDecay> {
        match self.evomoe.tau_decay.as_str() {
            "linear" => Ok(TauDecay::Linear),
            "exponential" => Ok(TauDecay::Exponential),
            other => Err(Error::Config(format!(
                "evomoe.tau_decay must be \"linear\" or \"exponential\", got \"{other}\""
            ))),
        }
    }

    /// The model this run trains.
    pub fn gpt_config(&self) -> ModelConfig {
        let (m, e) = (&self.model, &self.moe);
        let wide = self.method == Method::DenseWide;
        let moe = self.method.gate_kind().map(|kind| {
            let base = match kind {
                GateKind::Dts => GateConfig::dts(),
                GateKind::Switch => GateConfig::switch(),
                GateKind::Top2 => GateConfig::top2(),
                GateKind::Hash => GateConfig::hash(self.vocab()),
            };
            let gate = GateConfig {
                tau: self.evomoe.tau_max.max(f32::MIN_POSITIVE),
                gamma: e.gamma,
                gumbel_gates: e.gumbel_gates,
                capacity_factor: e.capacity_factor,
                balance_coef: e.balance_coef,
                z_coef: e.z_coef,
                jitter: e.jitter,
                ..base
            };
            MoeSpec {
                method: self.method,
                n_experts: e.experts,
                every: e.moe_every,
                gate,
                gate_init_std: e.gate_init_std,
                // T_base = 0 skips phase 1: an ordinary MoE from a random start.
                spawn: (self.method == Method::Evomoe
                    && self.plan().is_some_and(|p| p.base_steps > 0))
                .then_some(SpawnSettings {
                    drop_rate: self.evomoe.drop_rate,
                    rescale: self.evomoe.rescale,
                    reset_moments: self.evomoe.moments == "reset",
                }),
            }
        });
        ModelConfig {
            task: self.task,
            vocab: self.vocab(),
            context: m.context,
            n_layer: m.n_layer,
            n_head: m.n_head,
            d_model: m.d_model,
            d_ff: if wide { m.d_ff * e.experts } else { m.d_ff },
            seed: m.seed,
            moe,
        }
    }

    /// The model's vocabulary: `model.vocab`, or 256 (bytes) while it is 0 (not yet fitted to
    /// the data, [`RunConfig::fit_vocab`]).
    pub fn vocab(&self) -> usize {
        if self.model.vocab == 0 {
            VOCAB
        } else {
            self.model.vocab
        }
    }

    /// Fits `model.vocab` to data whose ids are below `data_vocab`: 0 becomes `data_vocab`; a
    /// given value must not be smaller.
    pub fn fit_vocab(&mut self, data_vocab: usize, data: &str) -> Result<()> {
        if self.model.vocab == 0 {
            self.model.vocab = data_vocab;
        } else if self.model.vocab < data_vocab {
            return Err(Error::Config(format!(
                "model.vocab {} is smaller than the {data_vocab} ids of {data}",
                self.model.vocab
            )));
        }
        self.gpt_config().validate()
    }

    /// The DTS schedule (evomoe and dts): phase boundaries, temperature, hard switch.
    pub fn plan(&self) -> Option<EvoMoePlan> {
        if !matches!(self.method, Method::Evomoe | Method::Dts) {
            return None;
        }
        let ev = &self.evomoe;
        let steps = self.train.steps;
        let base = if self.method == Method::Evomoe {
            (steps as f64 * ev.base_fraction).round() as u64
        } else {
            0
        };
        let mut plan = EvoMoePlan::with_base(steps, base);
        let decay = ((steps - plan.base_steps) as f64 * ev.decay_fraction).round() as u64;
        plan.tau = TauSchedule {
            tau_max: ev.tau_max,
            tau_min: ev.tau_min,
            decay_steps: decay,
            decay: self.tau_decay().unwrap_or(TauDecay::Linear),
        };
        plan.hard_switch_after = ev.hard_switch.then_some(decay);
        plan.drop_rate = ev.drop_rate;
        plan.rescale = ev.rescale;
        plan.reset_moments = ev.moments == "reset";
        plan.gate_init_std = self.moe.gate_init_std;
        Some(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(file: &str, overrides: &[&str]) -> Result<RunConfig> {
        let o: Vec<String> = overrides.iter().map(|s| s.to_string()).collect();
        RunConfig::resolve(None, None, file, &o)
    }

    #[test]
    fn presets_resolve_and_round_trip() {
        for p in PRESETS {
            for m in Method::ALL {
                let c = RunConfig::preset(p, m).unwrap();
                c.validate().unwrap();
                assert_eq!(RunConfig::from_toml(&c.to_toml()).unwrap(), c);
            }
        }
        let c = resolve("", &[]).unwrap();
        assert_eq!((c.preset.as_str(), c.method), ("tiny", Method::Evomoe));
    }

    #[test]
    fn file_then_overrides() {
        let c = resolve(
            "method = \"switch\"\n[moe]\nexperts = 4\n[train]\nlr = 1\n",
            &["moe.experts=16", "train.data=foo.txt"],
        )
        .unwrap();
        assert_eq!(c.method, Method::Switch);
        assert_eq!(c.moe.experts, 16);
        assert_eq!(c.moe.balance_coef, 0.01); // Switch's default
        assert_eq!(c.train.lr, 1.0);
        assert_eq!(c.train.data, "foo.txt");
        let s = resolve("", &["train.steps=60", "train.save_every=7"]).unwrap();
        assert_eq!(
            (s.train.eval_every, s.train.save_every, s.train.warmup),
            (10, 7, 4)
        );
        let d = RunConfig::resolve(None, Some("dts"), "", &[]).unwrap();
        assert_eq!(d.plan().unwrap().base_steps, 0);
        let e = RunConfig::resolve(None, Some("evomoe"), "", &[]).unwrap();
        assert_eq!(e.plan().unwrap().base_steps, 30);
        assert_eq!(e.differences(&d).len(), 2); // method, evomoe.base_fraction
    }

    #[test]
    fn bad_values_name_the_field() {
        for (o, want) in [
            ("model.n_layer=0", "model.n_layer"),
            ("moe.experts=0", "moe.experts"),
            ("train.batch=0", "train.batch"),
            ("model.n_head=3", "does not divide"),
            ("evomoe.tau_min=3", "tau_min"),
            ("evomoe.tau_max=nan", "evomoe.tau_max"),
            ("evomoe.tau_max=inf", "evomoe.tau_max"),
            (
                "model.d_model=-1",
                "`model.d_model` must be a non-negative integer",
            ),
            ("train.data=\"\"", "train.data"),
            ("evomoe.drop_rate=1", "drop_rate"),
            ("evomoe.drop_rate=-0.1", "drop_rate"),
            ("moe.gamma=0", "gamma"),
            ("moe.gamma=1", "gamma"),
            ("train.lr=-1", "train.lr"),
            ("train.lr=0", "train.lr"),
            ("train.lr=nan", "train.lr"),
            ("moe.moe_every=0", "moe_every"),
            ("moe.moe_every=5", "moe_every"),
            ("train.steps=0", "train.steps"),
            ("model.colour=3", "unknown key `model.colour`"),
            ("bogus=3", "unknown key `bogus`"),
            ("method=magic", "unknown method `magic`"),
            ("train.steps=many", "train.steps"),
        ] {
            let err = resolve("", &[o]).unwrap_err().to_string();
            assert!(err.contains(want), "{o}: {err}");
            assert!(!err.contains('\n'), "{o}: not one line: {err}");
        }
        assert!(resolve("[model\n", &[]).is_err());
        assert!(resolve("", &["noequals"]).is_err());
        let err = RunConfig::resolve(Some("huge"), None, "", &[]).unwrap_err();
        assert!(err.to_string().contains("unknown preset"));
    }

    #[test]
    fn evomoe_without_base_steps_starts_with_experts() {
        let spawns = |o: &[&str]| resolve("", o).unwrap().gpt_config().moe.unwrap().spawn;
        assert!(spawns(&["train.steps=10"]).is_some()); // T_base = round(10 * 0.1) = 1
        assert!(spawns(&["train.steps=4"]).is_none()); // T_base = round(0.4) = 0
        assert!(spawns(&["evomoe.base_fraction=0"]).is_none());
    }
}
