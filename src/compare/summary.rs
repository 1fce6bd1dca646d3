//! The comparison table: reads every finished run back from its directory and summarises each
//! row (a method, or an ablation) over its seeds.
//!
//! Per row: final validation loss (mean, range, standard deviation over seeds) and accuracy
//! (mean; the task's: next-byte or masked-byte), wall time, the steps and
//! tokens at which each seed's validation loss first reached the Switch rows' mean final
//! validation loss (the "target"), tokens/s, total and active parameters, mean experts per token
//! over training, and training FLOPs per token (executed, averaged over the logged points, and
//! active). A difference between two rows is only called when it exceeds the larger of their
//! two ranges over seeds; otherwise the table says "no difference".

use std::path::Path;

use serde_json::{json, Value};

use crate::compare::cost::{self, LayerPoint, Params};
use crate::compare::{run_dir, RunSpec, RESULT};
use crate::error::{Error, Result};
use crate::model::config::Task;
use crate::train::run_dir::METRICS;

/// A logged point of a run.
#[derive(Clone, Debug)]
pub struct Point {
    pub step: u64,
    pub elapsed_s: f64,
    pub val_loss: Option<f64>,
    pub tau: Option<f64>,
    /// Mean experts per token over the MoE layers (`None` before routing starts, dense models).
    pub experts_per_token: Option<f64>,
    /// Training FLOPs per token executed at this point ([`cost::executed_flops`]).
    pub flops: f64,
}

/// A finished run read back.
#[derive(Clone, Debug)]
pub struct RunData {
    pub spec: RunSpec,
    pub final_val_loss: f64,
    /// `None` for runs written before results held it.
    pub final_val_accuracy: Option<f64>,
    pub tokens_per_s: f64,
    pub wall_s: f64,
    pub adapter: String,
    pub points: Vec<Point>,
}

impl RunData {
    /// Tokens per training step.
    pub fn tokens_per_step(&self) -> f64 {
        (self.spec.config.train.batch * self.spec.config.model.context) as f64
    }

    /// The first logged step whose validation loss is at or below `target`.
    pub fn step_reaching(&self, target: f64) -> Option<u64> {
        self.points
            .iter()
            .find(|p| p.val_loss.is_some_and(|v| v <= target))
            .map(|p| p.step)
    }
}

fn parse_point(spec: &RunSpec, v: &Value) -> Option<Point> {
    let layers: Vec<LayerPoint> = v["layers"]
        .as_array()?
        .iter()
        .filter_map(|l| {
            Some(LayerPoint {
                dense_path: l["path"].as_str()? == "dense",
                experts_per_token: l["experts_per_token"].as_f64()?,
            })
        })
        .collect();
    let ept = (!layers.is_empty())
        .then(|| layers.iter().map(|l| l.experts_per_token).sum::<f64>() / layers.len() as f64);
    Some(Point {
        step: v["step"].as_u64()?,
        elapsed_s: v["elapsed_s"].as_f64().unwrap_or(0.0),
        val_loss: v["val_loss"].as_f64(),
        tau: v["tau"].as_f64(),
        experts_per_token: ept,
        flops: cost::executed_flops(&spec.config, &layers),
    })
}

/// Reads the finished runs of `runs` under `out` (runs without a result are left out).
pub fn load(out: &Path, runs: &[RunSpec]) -> Result<Vec<RunData>> {
    let mut data = Vec::new();
    for spec in runs {
        let dir = run_dir(out, &spec.id);
        let Ok(result) = std::fs::read_to_string(dir.join(RESULT)) else {
            continue;
        };
        let bad = |what: &str| Error::Config(format!("{}: {what}", dir.display()));
        let r: Value = serde_json::from_str(&result).map_err(|e| bad(&format!("{RESULT}: {e}")))?;
        let metrics = std::fs::read_to_string(dir.join(METRICS))
            .map_err(|e| bad(&format!("{METRICS}: {e}")))?;
        let points = metrics
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter_map(|v| parse_point(spec, &v))
            .collect();
        data.push(RunData {
            spec: spec.clone(),
            final_val_loss: r["final_val_loss"]
                .as_f64()
                .ok_or_else(|| bad("result without final_val_loss"))?,
            final_val_accuracy: r["final_val_accuracy"].as_f64(),
            tokens_per_s: r["tokens_per_s"].as_f64().unwrap_or(0.0),
            wall_s: r["wall_s"].as_f64().unwrap_or(0.0),
            adapter: r["adapter"].as_str().unwrap_or("").to_string(),
            points,
        });
    }
    Ok(data)
}

/// Mean, minimum, maximum and sample standard deviation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub min: f64,
    pub max: f64,
    pub std: f64,
}

impl Spread {
    pub fn of(xs: &[f64]) -> Option<Spread> {
        if xs.is_empty() {
            return None;
        }
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = if xs.len() > 1 {
            xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
        } else {
            0.0
        };
        Some(Spread {
            mean,
            min: xs.iter().cloned().fold(f64::INFINITY, f64::min),
            max: xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
            std: var.sqrt(),
        })
    }

    pub fn range(&self) -> f64 {
        self.max - self.min
    }
}

/// "lower", "higher" or "no difference" for `a` against `b` (lower loss is better): a
/// difference is only called when it exceeds the larger of the two ranges over seeds.
pub fn verdict(a: &Spread, b: &Spread) -> &'static str {
    let d = a.mean - b.mean;
    let spread = a.range().max(b.range());
    if spread == 0.0 {
        // One seed on each side: no spread to measure a difference against.
        "one seed each"
    } else if d.abs() <= spread {
        "no difference"
    } else if d < 0.0 {
        "lower"
    } else {
        "higher"
    }
}

/// One row of the table.
#[derive(Clone, Debug)]
pub struct Row {
    pub label: String,
    pub group: &'static str,
    pub seeds: usize,
    pub val: Spread,
    /// Mean final validation accuracy over the seeds that recorded one.
    pub val_accuracy: Option<f64>,
    /// Mean wall time of a run, seconds.
    pub wall_s: f64,
    /// Seeds that reached the target, and the mean step and tokens at which they did.
    pub reached: usize,
    pub steps_to_target: Option<f64>,
    pub tokens_to_target: Option<f64>,
    pub tokens_per_s: f64,
    pub params: Params,
    pub experts_per_token: Option<f64>,
    pub executed_flops: f64,
    pub active_flops: f64,
    pub adapters: Vec<String>,
}

fn mean(xs: impl Iterator<Item = f64>) -> Option<f64> {
    let v: Vec<f64> = xs.collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// The target: the mean final validation loss of the `switch` row, if it ran.
pub fn target(data: &[RunData]) -> Option<f64> {
    mean(
        data.iter()
            .filter(|r| r.spec.label == "switch")
            .map(|r| r.final_val_loss),
    )
}

/// The rows, in the order their runs were planned.
pub fn rows(data: &[RunData]) -> Vec<Row> {
    let target = target(data);
    let mut labels: Vec<&str> = Vec::new();
    for r in data {
        if !labels.contains(&r.spec.label.as_str()) {
            labels.push(&r.spec.label);
        }
    }
    labels
        .into_iter()
        .map(|label| {
            let runs: Vec<&RunData> = data.iter().filter(|r| r.spec.label == label).collect();
            let first = runs[0];
            let finals: Vec<f64> = runs.iter().map(|r| r.final_val_loss).collect();
            let reached: Vec<(u64, f64)> = runs
                .iter()
                .filter_map(|r| {
                    let s = r.step_reaching(target?)?;
                    Some((s, s as f64 * r.tokens_per_step()))
                })
                .collect();
            let mut adapters: Vec<String> = runs.iter().map(|r| r.adapter.clone()).collect();
            adapters.dedup();
            Row {
                label: label.to_string(),
                group: first.spec.group,
                seeds: runs.len(),
                val: Spread::of(&finals).expect("a row has runs"),
                val_accuracy: mean(runs.iter().filter_map(|r| r.final_val_accuracy)),
                wall_s: mean(runs.iter().map(|r| r.wall_s)).unwrap_or(0.0),
                reached: reached.len(),
                steps_to_target: mean(reached.iter().map(|r| r.0 as f64)),
                tokens_to_target: mean(reached.iter().map(|r| r.1)),
                tokens_per_s: mean(runs.iter().map(|r| r.tokens_per_s)).unwrap_or(0.0),
                params: cost::params(&first.spec.config),
                experts_per_token: mean(
                    runs.iter()
                        .flat_map(|r| r.points.iter().filter_map(|p| p.experts_per_token)),
                ),
                executed_flops: mean(runs.iter().flat_map(|r| r.points.iter().map(|p| p.flops)))
                    .unwrap_or(0.0),
                active_flops: cost::active_flops(&first.spec.config),
                adapters,
            }
        })
        .collect()
}

fn fmt_opt(x: Option<f64>, digits: usize) -> String {
    x.map_or("-".into(), |v| format!("{v:.digits$}"))
}

fn tokens(t: f64) -> String {
    if t >= 1e6 {
        format!("{:.2}M", t / 1e6)
    } else {
        format!("{:.0}k", t / 1e3)
    }
}

fn millions(n: usize) -> String {
    format!("{:.3}M", n as f64 / 1e6)
}

/// The reference a row is compared with: `switch` for the main rows, `evomoe` for ablations.
fn reference<'a>(row: &Row, rows: &'a [Row]) -> Option<&'a Row> {
    let name = if row.group == "ablation" {
        "evomoe"
    } else {
        "switch"
    };
    rows.iter()
        .find(|r| r.label == name && r.label != row.label)
}

/// The tables as markdown: the main comparison, then the ablations (if any); the loss is
/// `task`'s.
pub fn markdown(rows: &[Row], task: Task) -> String {
    let target = rows
        .iter()
        .find(|r| r.label == "switch")
        .map(|r| r.val.mean);
    let mut s = String::new();
    for (group, title, against) in [
        ("main", "Methods", "vs switch"),
        ("ablation", "EvoMoE ablations", "vs evomoe"),
    ] {
        let rs: Vec<&Row> = rows.iter().filter(|r| r.group == group).collect();
        if rs.is_empty() {
            continue;
        }
        s += &format!("### {title}\n\n");
        s += &format!(
            "| run | seeds | final val {} (mean, range) | {against} | val accuracy | steps to {} | tokens to target | tokens/s | wall (s) | params (total / active) | experts/token | MFLOP/token (executed / active) |\n",
            task.loss_name(),
            fmt_opt(target, 3)
        );
        s +=
            "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
        for r in rs {
            let vs = reference(r, rows).map_or("-", |b| verdict(&r.val, &b.val));
            let reached = if r.reached == r.seeds {
                fmt_opt(r.steps_to_target, 0)
            } else {
                format!(
                    "{} ({} of {} seeds)",
                    fmt_opt(r.steps_to_target, 0),
                    r.reached,
                    r.seeds
                )
            };
            s += &format!(
                "| {} | {} | {:.4} ({:.4}-{:.4}) | {vs} | {} | {reached} | {} | {:.0} | {:.0} | {} / {} | {} | {:.2} / {:.2} |\n",
                r.label,
                r.seeds,
                r.val.mean,
                r.val.min,
                r.val.max,
                r.val_accuracy
                    .map_or("-".into(), |a| format!("{:.1}%", 100.0 * a)),
                r.tokens_to_target.map_or("-".into(), tokens),
                r.tokens_per_s,
                r.wall_s,
                millions(r.params.total),
                millions(r.params.active),
                fmt_opt(r.experts_per_token, 2),
                r.executed_flops / 1e6,
                r.active_flops / 1e6,
            );
        }
        s += "\n";
    }
    s
}

/// The rows as JSON.
pub fn json(rows: &[Row]) -> Value {
    let target = rows
        .iter()
        .find(|r| r.label == "switch")
        .map(|r| r.val.mean);
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "label": r.label,
                "group": r.group,
                "seeds": r.seeds,
                "final_val_loss": {
                    "mean": r.val.mean, "min": r.val.min, "max": r.val.max, "std": r.val.std,
                },
                "versus": reference(r, rows).map(|b| json!({
                    "label": b.label, "verdict": verdict(&r.val, &b.val),
                })),
                "final_val_accuracy": r.val_accuracy,
                "wall_s": r.wall_s,
                "seeds_reaching_target": r.reached,
                "steps_to_target": r.steps_to_target,
                "tokens_to_target": r.tokens_to_target,
                "tokens_per_s": r.tokens_per_s,
                "params_total": r.params.total,
                "params_active": r.params.active,
                "mean_experts_per_token": r.experts_per_token,
                "flops_per_token_executed": r.executed_flops,
                "flops_per_token_active": r.active_flops,
                "adapters": r.adapters,
            })
        })
        .collect();
    json!({ "target_val_loss": target, "rows": rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_and_verdicts() {
        let a = Spread::of(&[2.0, 2.1, 2.2]).unwrap();
        assert!((a.mean - 2.1).abs() < 1e-12);
        assert!((a.std - 0.1).abs() < 1e-12);
        assert!((a.range() - 0.2).abs() < 1e-12);
        let b = Spread::of(&[2.25, 2.3, 2.35]).unwrap();
        // 0.2 apart, range 0.2: not called.
        assert_eq!(verdict(&a, &b), "no difference");
        let c = Spread::of(&[2.5, 2.55]).unwrap();
        assert_eq!(verdict(&a, &c), "lower");
        assert_eq!(verdict(&c, &a), "higher");
        let one = Spread::of(&[2.0]).unwrap();
        assert_eq!(verdict(&one, &Spread::of(&[2.5]).unwrap()), "one seed each");
        // One seed against three: the three seeds' range decides.
        assert_eq!(verdict(&one, &c), "lower");
        assert!(Spread::of(&[]).is_none());
        assert_eq!(Spread::of(&[3.0]).unwrap().std, 0.0);
    }
}
