//! `evomoe bench` as a user meets it. Bad sizes (zero, more than the adapter can bind or the
//! host can hold, inconsistent shapes) end in exactly one `error:` line and a non-zero exit,
//! never a panic; every flag of every family has a help text; and each family run at tiny
//! sizes with `--json` prints one JSON object naming the adapter, its measured peaks and, per
//! row, figures as fractions of those peaks. The peak kernel's host formula is checked at its
//! two ends (no iteration, and the fixed point).

mod common;

use common::{assert_fails, evomoe};

use evomoe::bench::peak::fma_expected;
use serde_json::Value;

/// Small peak kernels: the copy over 1 MiB buffers, one sample each.
const QUICK_PEAKS: [&str; 4] = ["--peak-copy-mib", "1", "--peak-samples", "1"];

/// `bench <args>` fails cleanly ([`assert_fails`]) with an error that contains `needle`.
fn fails_cleanly(args: &[&str], needle: &str) {
    let mut all = vec!["bench"];
    all.extend(args);
    assert_fails(&format!("{args:?}"), &evomoe(&all), &[needle]);
}

#[test]
fn zero_sizes_are_errors() {
    fails_cleanly(&["matmul", "--sizes", "0"], "--sizes");
    fails_cleanly(&["matmul", "--sizes", "64,0"], "--sizes");
    fails_cleanly(&["moe", "--d-model", "0"], "--d-model");
    fails_cleanly(&["moe", "--d-ff", "0"], "--d-ff");
    fails_cleanly(&["moe", "--experts", "0"], "--experts");
    fails_cleanly(&["moe", "--tokens", "0"], "--tokens");
    fails_cleanly(&["attention", "--seq", "0"], "--seq");
    fails_cleanly(
        &["attention", "--mask", "sideways"],
        "unknown attention mask",
    );
    fails_cleanly(&["layernorm", "--d-model", "0"], "--d-model");
    fails_cleanly(&["cross-entropy", "--vocab", "0"], "--vocab");
    fails_cleanly(&["gate", "--experts", "0"], "--experts");
    fails_cleanly(&["route", "--slots", "0"], "--slots");
    fails_cleanly(&["expert-ffn", "--d-ff", "0"], "--d-ff");
    fails_cleanly(&["step", "--steps", "0"], "--steps");
    fails_cleanly(&["layernorm", "--peak-samples", "0"], "--peak-samples");
}

#[test]
fn oversized_and_inconsistent_sizes_are_errors() {
    // 4 TB per operand: more than any host holds or any adapter binds (the host memory is
    // checked before the adapter is opened, its binding limit after).
    fails_cleanly(&["matmul", "--sizes", "1000000"], "use smaller sizes");
    fails_cleanly(
        &[
            "moe",
            "--experts",
            "100000",
            "--d-model",
            "1024",
            "--d-ff",
            "4096",
        ],
        "use smaller sizes",
    );
    fails_cleanly(
        &["layernorm", "--rows", "100000000000"],
        "use smaller sizes",
    );
    fails_cleanly(
        &["cross-entropy", "--rows", "1000000", "--vocab", "1000000"],
        "use smaller sizes",
    );
    // Just over the adapter's max binding per operand (from `evomoe devices`, the first adapter
    // is the one bench opens): the binding limit names the problem where the host holds it.
    let devices = evomoe(&["devices"]).stdout;
    let mib = |key: &str| -> u64 {
        let rest = &devices[devices.find(key).expect("devices prints the limits") + key.len()..];
        rest.split_whitespace().next().unwrap().parse().unwrap()
    };
    let binding = mib("max storage binding:").min(mib("max buffer:")) << 20;
    let n = ((binding / 4) as f64).sqrt() as u64 + 1;
    let host_needs = 3 * 4 * n * n;
    let host_has = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemAvailable:"))
                .map(String::from)
        })
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |kib| kib * 1024);
    let needle = if host_needs < host_has / 2 {
        "max buffer binding"
    } else {
        "use smaller sizes"
    };
    fails_cleanly(&["matmul", "--sizes", &n.to_string()], needle);
    fails_cleanly(&["attention", "--heads", "3"], "multiple of --heads");
    fails_cleanly(&["step", "--seq", "100000"], "context");
}

#[test]
fn every_flag_has_a_help_text() {
    let families = [
        "matmul",
        "attention",
        "layernorm",
        "cross-entropy",
        "gate",
        "route",
        "expert-ffn",
        "moe",
        "step",
        "head",
        "all",
    ];
    for family in families {
        let out = evomoe(&["bench", family, "--help"]);
        assert_eq!(out.code, 0, "{family} --help: {}", out.stderr);
        let lines: Vec<&str> = out.stdout.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            if !t.starts_with("--") && !t.starts_with("-h") {
                continue;
            }
            // `--flag <VALUE>  text`, or the text alone on the next line (long help texts).
            let words: Vec<&str> = t.split_whitespace().collect();
            let same_line = words.iter().skip(1).any(|w| !w.starts_with('<'));
            let next_line = lines.get(i + 1).is_some_and(|n| {
                let n = n.trim_start();
                !n.is_empty() && !n.starts_with('-')
            });
            assert!(
                same_line || next_line,
                "bench {family}: `{t}` has no help text"
            );
        }
    }
    // The old names are gone.
    assert_ne!(evomoe(&["bench", "moe", "--d", "8"]).code, 0);
    assert_ne!(evomoe(&["bench", "moe", "--f", "8"]).code, 0);
}

#[test]
fn fma_formula_ends() {
    // No iteration: the start values s + l + 4 j over 8 chains x 4 lanes, s = id % 64.
    assert_eq!(fma_expected(0, 0), (0..32).sum::<i32>() as f32);
    assert_eq!(fma_expected(65, 0), (0..32).sum::<i32>() as f32 + 32.0);
    // Many iterations: every lane at its fixed point 2 (c_l + j), c = (0.25, 0.5, 0.75, 1).
    let fixed: f32 = (0..8).map(|j| 2.0 * (2.5 + 4.0 * j as f32)).sum();
    assert_eq!(fma_expected(7, 1000), fixed);
    // One iteration of a single chain is visible in the sum.
    assert_ne!(fma_expected(3, 1), fma_expected(3, 0));
}

/// Runs `bench <args> --json` with quick peaks; the parsed object.
fn json_run(args: &[&str]) -> Value {
    let mut all = vec!["bench"];
    all.extend(args);
    all.push("--json");
    all.extend(QUICK_PEAKS);
    let out = evomoe(&all);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{args:?}: want one JSON line: {}",
        out.stdout
    );
    serde_json::from_str(lines[0]).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", lines[0]))
}

/// A positive number at `v[key]`.
fn positive(v: &Value, key: &str) -> f64 {
    let x = v[key].as_f64().unwrap_or(f64::NAN);
    assert!(x > 0.0 && x.is_finite(), "`{key}` is {} in {v}", v[key]);
    x
}

/// The adapter, the peaks and the rows of one family's object; `fraction_keys` name the peak
/// fractions every row must have.
fn check_family(v: &Value, family: &str, fraction_keys: &[&str]) {
    assert_eq!(v["bench"], family, "{v}");
    for key in ["adapter", "backend", "driver"] {
        assert!(
            v[key].as_str().is_some_and(|s| !s.is_empty()),
            "{family}: no {key}"
        );
    }
    positive(&v["peaks"], "fma_gflops");
    positive(&v["peaks"], "copy_gbs");
    let rows = v["rows"].as_array().expect("rows");
    assert!(!rows.is_empty(), "{family}: no rows");
    for row in rows {
        for key in fraction_keys {
            positive(row, key);
        }
    }
}

#[test]
fn matmul_json() {
    let v = json_run(&["matmul", "--sizes", "32", "--no-model-shapes"]);
    check_family(&v, "matmul", &["fma_peak_fraction"]);
}

#[test]
fn attention_json() {
    for mask in ["causal", "bidirectional"] {
        let v = json_run(&[
            "attention",
            "--batch",
            "1",
            "--seq",
            "16",
            "--d-model",
            "16",
            "--heads",
            "2",
            "--mask",
            mask,
            "--samples",
            "1",
        ]);
        check_family(
            &v,
            "attention",
            &["fma_peak_fraction", "copy_peak_fraction"],
        );
        // Every row names the mask; the head width 8 has a row per register build (`sg` and
        // `v32` where the adapter has subgroups of 8, else one).
        let rows = v["rows"].as_array().expect("rows");
        assert!(rows.len() == 2 || rows.len() == 4, "{v}");
        for row in rows {
            let shape = row["shape"].as_str().expect("shape");
            assert!(shape.ends_with(mask), "{shape}");
        }
    }
}

#[test]
fn layernorm_json() {
    let v = json_run(&[
        "layernorm",
        "--rows",
        "64",
        "--d-model",
        "32",
        "--samples",
        "1",
    ]);
    check_family(&v, "layernorm", &["copy_peak_fraction"]);
}

#[test]
fn cross_entropy_json() {
    let v = json_run(&[
        "cross-entropy",
        "--rows",
        "64",
        "--vocab",
        "32",
        "--samples",
        "1",
    ]);
    check_family(&v, "cross-entropy", &["copy_peak_fraction"]);
}

#[test]
fn gate_json() {
    let v = json_run(&[
        "gate",
        "--tokens",
        "64",
        "--d-model",
        "16",
        "--experts",
        "4",
        "--samples",
        "1",
    ]);
    check_family(&v, "gate", &["fma_peak_fraction", "copy_peak_fraction"]);
}

#[test]
fn route_json() {
    let v = json_run(&[
        "route",
        "--tokens",
        "64",
        "--experts",
        "4",
        "--samples",
        "1",
    ]);
    check_family(&v, "route", &["copy_peak_fraction"]);
}

#[test]
fn expert_ffn_json() {
    let v = json_run(&[
        "expert-ffn",
        "--tokens",
        "64",
        "--d-model",
        "16",
        "--d-ff",
        "32",
        "--experts",
        "2",
        "--samples",
        "1",
    ]);
    check_family(&v, "expert-ffn", &["fma_peak_fraction"]);
}

#[test]
fn moe_json() {
    let v = json_run(&[
        "moe",
        "--tokens",
        "64",
        "--d-model",
        "16",
        "--d-ff",
        "32",
        "--experts",
        "2",
        "--reps",
        "1",
        "--rounds",
        "1",
        "--no-dts",
    ]);
    check_family(&v, "moe", &["fma_peak_fraction"]);
}

#[test]
fn step_json() {
    let v = json_run(&[
        "step", "--preset", "tiny", "--batch", "1", "--seq", "8", "--steps", "1",
    ]);
    assert_eq!(v["bench"], "step");
    positive(&v["peaks"], "fma_gflops");
    positive(&v, "gflops");
    positive(&v, "fma_peak_fraction");
}

/// The head at a tiny shape in two chunks (64 rows and a shorter last one), checked in full
/// against the CPU reference before it is timed.
#[test]
fn head_json() {
    let v = json_run(&[
        "head",
        "--vocab",
        "200",
        "--d-model",
        "16",
        "--tokens",
        "100",
        "--chunk-rows",
        "64",
        "--rounds",
        "1",
    ]);
    check_family(&v, "head", &[]);
    assert_eq!(v["chunks"], 2, "{v}");
    positive(&v, "matmul_fraction");
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 6, "{v}");
    for (i, row) in rows.iter().enumerate() {
        positive(row, "seconds");
        let key = if i == 1 {
            "copy_peak_fraction"
        } else {
            "fma_peak_fraction"
        };
        positive(row, key);
    }
    let mut args = vec![
        "bench",
        "head",
        "--vocab",
        "70",
        "--d-model",
        "8",
        "--tokens",
        "9",
    ];
    args.extend(QUICK_PEAKS);
    let table = evomoe(&args);
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(
        table.stdout.contains("of the three matmuls' own rate"),
        "{}",
        table.stdout
    );
}

#[test]
fn all_json() {
    let v = json_run(&["all", "--tiny"]);
    assert_eq!(v["bench"], "all");
    positive(&v["peaks"], "fma_gflops");
    let fams = v["families"].as_array().expect("families");
    let names: Vec<&str> = fams.iter().filter_map(|f| f["bench"].as_str()).collect();
    assert_eq!(
        names,
        [
            "matmul",
            "attention",
            "layernorm",
            "cross-entropy",
            "gate",
            "route",
            "expert-ffn",
            "moe",
            "step",
            "head"
        ]
    );
    // Every family carries the same peaks, measured once.
    for f in fams {
        assert_eq!(f["peaks"], v["peaks"], "{}", f["bench"]);
    }
}
