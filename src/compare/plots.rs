//! The comparison's figures (PNG, [`crate::plot`]): validation loss against steps, tokens and
//! wall time for every method (the mean over seeds as a line, the range as a shaded band);
//! experts per token and tau against steps for `evomoe` and `dts`; the ablations' validation
//! loss next to the main `evomoe` run.

use std::path::{Path, PathBuf};

use crate::compare::summary::{Point, RunData};
use crate::error::Result;
use crate::model::config::Task;
use crate::plot::{write_png, Panel, Series};

/// What a curve is drawn against.
#[derive(Clone, Copy)]
enum Axis {
    Steps,
    Tokens,
    Wall,
}

/// The mean (and range) over the runs of `label` of `y` at every step all of them logged it.
fn curve(data: &[RunData], label: &str, axis: Axis, y: &dyn Fn(&Point) -> Option<f64>) -> Series {
    let runs: Vec<&RunData> = data.iter().filter(|r| r.spec.label == label).collect();
    let mut series = Series {
        label: label.to_string(),
        ..Series::default()
    };
    let Some(first) = runs.first() else {
        return series;
    };
    for p in &first.points {
        let at: Vec<(&Point, f64)> = runs
            .iter()
            .filter_map(|r| {
                let q = r.points.iter().find(|q| q.step == p.step)?;
                Some((q, y(q)?))
            })
            .collect();
        if at.len() != runs.len() || at.is_empty() {
            continue;
        }
        let n = at.len() as f64;
        let x = match axis {
            Axis::Steps => p.step as f64,
            Axis::Tokens => p.step as f64 * first.tokens_per_step(),
            Axis::Wall => at.iter().map(|(q, _)| q.elapsed_s).sum::<f64>() / n,
        };
        let ys: Vec<f64> = at.iter().map(|a| a.1).collect();
        let mean = ys.iter().sum::<f64>() / n;
        let lo = ys.iter().cloned().fold(f64::INFINITY, f64::min);
        let hi = ys.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        series.points.push((x, mean));
        series.band.push((x, lo, hi));
    }
    series
}

fn labels(data: &[RunData], group: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in data.iter().filter(|r| r.spec.group == group) {
        if !out.contains(&r.spec.label) {
            out.push(r.spec.label.clone());
        }
    }
    out
}

/// Keeps the points with x at or after `from` (a zoom on the end of training).
fn from_x(mut s: Series, from: f64) -> Series {
    s.points.retain(|p| p.0 >= from);
    s.band.retain(|p| p.0 >= from);
    s
}

fn val(p: &Point) -> Option<f64> {
    p.val_loss
}

/// Loss panels against `axis`: every run, then the second half of training enlarged.
fn loss_panels(
    data: &[RunData],
    names: &[String],
    axis: Axis,
    x_label: &str,
    task: Task,
) -> Vec<Panel> {
    let series: Vec<Series> = names.iter().map(|l| curve(data, l, axis, &val)).collect();
    let end = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .fold(0.0, f64::max);
    let panel = |title: String, series: Vec<Series>| Panel {
        title,
        x_label: x_label.into(),
        y_label: format!("validation {} (nats/byte)", task.loss_name()),
        series,
        log_y: false,
    };
    let zoom = series
        .iter()
        .cloned()
        .map(|s| from_x(s, end / 2.0))
        .collect();
    vec![
        panel(
            format!("validation {} against {x_label}", task.loss_name()),
            series,
        ),
        panel("second half, enlarged".into(), zoom),
    ]
}

/// Writes every figure into `out`, the loss named after `task`; returns their paths.
pub fn write_all(out: &Path, data: &[RunData], task: Task) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let main = labels(data, "main");
    if main.is_empty() {
        return Ok(written);
    }
    for (file, axis, x_label) in [
        ("loss_steps.png", Axis::Steps, "steps"),
        ("loss_tokens.png", Axis::Tokens, "tokens"),
        ("loss_wall.png", Axis::Wall, "wall time (s)"),
    ] {
        let path = out.join(file);
        write_png(
            &path,
            &loss_panels(data, &main, axis, x_label, task),
            1000,
            420,
        )?;
        written.push(path);
    }
    let routed: Vec<&String> = main
        .iter()
        .filter(|l| l.as_str() == "evomoe" || l.as_str() == "dts")
        .collect();
    if !routed.is_empty() {
        let mut series = Vec::new();
        for l in &routed {
            let mut e = curve(data, l, Axis::Steps, &|p| p.experts_per_token);
            e.label = format!("{l}: experts per token");
            series.push(e);
            let mut t = curve(data, l, Axis::Steps, &|p| p.tau);
            t.label = format!("{l}: tau");
            series.push(t);
        }
        let path = out.join("routing.png");
        let panel = Panel {
            title: "experts per token and gate temperature".into(),
            x_label: "steps".into(),
            y_label: "experts per token, tau".into(),
            series,
            log_y: false,
        };
        write_png(&path, &[panel], 1000, 420)?;
        written.push(path);
    }
    let ablations = labels(data, "ablation");
    if !ablations.is_empty() {
        let mut names = vec!["evomoe".to_string()];
        names.extend(ablations);
        let path = out.join("ablations.png");
        write_png(
            &path,
            &loss_panels(data, &names, Axis::Steps, "steps", task),
            1000,
            420,
        )?;
        written.push(path);
    }
    Ok(written)
}
