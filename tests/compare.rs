//! `evomoe compare` through the binary: a 2-step smoke test of the default setup (three
//! methods, every adapter present in parallel), its table, JSON and plots; a second invocation
//! runs nothing again; another config in the same directory, and bad options, are one `error:`
//! line and a non-zero exit.

mod common;

use common::{assert_fails, evomoe};
use std::path::Path;

use evomoe::testing::scratch_dir;

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn compare_two_steps_then_nothing_to_rerun() {
    let out = scratch_dir("compare-smoke");
    let out_s = out.to_str().unwrap();
    let args = [
        "compare",
        "--steps",
        "2",
        "--seeds",
        "1",
        "--methods",
        "evomoe,switch,dense",
        "--all-adapters",
        "--out",
        out_s,
    ];
    let o = evomoe(&args);
    let c = o.context();
    assert_eq!(o.code, 0, "{c}");
    // The table: one row per method, a target from the switch row.
    for row in ["| evomoe |", "| switch |", "| dense |"] {
        assert!(o.stdout.contains(row), "{row}\n{c}");
    }
    assert_eq!(
        std::fs::read_to_string(out.join("summary.md")).unwrap(),
        o.stdout
    );
    let summary = read_json(&out.join("summary.json"));
    let rows = summary["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3, "{summary:#}");
    let target = summary["target_val_loss"].as_f64().unwrap();
    assert!(target.is_finite() && target > 0.0, "{summary:#}");
    let mut adapters = std::collections::BTreeSet::new();
    for r in rows {
        let loss = r["final_val_loss"]["mean"].as_f64().unwrap();
        // Two steps from a random start on bytes: near ln 256 = 5.5, never nonsense.
        assert!(loss > 3.0 && loss < 6.5, "{r:#}");
        assert!(r["tokens_per_s"].as_f64().unwrap() > 0.0, "{r:#}");
        assert!(r["params_active"].as_u64().unwrap() <= r["params_total"].as_u64().unwrap());
        for a in r["adapters"].as_array().unwrap() {
            adapters.insert(a.as_str().unwrap().split('/').next().unwrap().to_string());
        }
    }
    // Every run finished and is on disk; with two backends present, both worked.
    for id in ["evomoe-s1", "switch-s1", "dense-s1"] {
        let r = read_json(&out.join("runs").join(id).join("result.json"));
        assert_eq!(r["steps"], 2, "{id}");
    }
    let expected: Vec<String> = std::env::var("EVOMOE_EXPECT_BACKENDS")
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| s.trim().to_string())
        .collect();
    for b in &expected {
        assert!(adapters.contains(b), "no run on {b}: {adapters:?}\n{c}");
    }
    for png in [
        "loss_steps.png",
        "loss_tokens.png",
        "loss_wall.png",
        "routing.png",
    ] {
        let bytes = std::fs::read(out.join(png)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{png}");
    }
    // Again: nothing is run, the results are untouched.
    let before = std::fs::read(out.join("runs/switch-s1/result.json")).unwrap();
    let again = evomoe(&args);
    assert_eq!(again.code, 0, "{}", again.context());
    assert!(
        again.stderr.contains("all 3 runs are done"),
        "{}",
        again.context()
    );
    assert_eq!(
        std::fs::read(out.join("runs/switch-s1/result.json")).unwrap(),
        before
    );
    // Another config into the same directory: refused, naming the field.
    let mut other = args.to_vec();
    other[2] = "3";
    assert_fails("another config", &evomoe(&other), &["train.steps"]);
}

#[test]
fn compare_rejects_bad_options() {
    let out = scratch_dir("compare-bad");
    let out_s = out.to_str().unwrap();
    for (args, want) in [
        (vec!["--seeds", "0"], "--seeds"),
        (vec!["--methods", "evomoe,bogus"], "bogus"),
        (vec!["--steps", "0"], "--steps"),
        (vec!["--set", "train.lr=-1"], "train.lr"),
        (vec!["--summary-only"], "no finished run"),
    ] {
        let mut all = vec!["compare", "--out", out_s];
        all.extend(&args);
        assert_fails(&format!("{args:?}"), &evomoe(&all), &[want]);
    }
    assert!(!out.join("runs").exists(), "nothing was written");
}
