//! The `evomoe` binary as a new user meets it. Every bad input (the text, the config, the run
//! directory, a checkpoint, the options of `eval` and `sample`) ends in exactly one `error:` line
//! on stderr that names the problem and the file or field, a non-zero exit, no panic, nothing
//! written and nothing of an earlier run lost; all of them are caught before the GPU is opened.
//! A good run of two steps prints a sane throughput, routes from its first step, evaluates, and
//! its `--print-config` parses back into the same run; a second run into the same `--out` goes
//! to a new directory and leaves the first one byte for byte. Ctrl-C stops a run with a
//! checkpoint, the command to continue it and exit status 130.

mod common;

use common::{assert_fails, evomoe, Output, BIN, SMALL};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use evomoe::testing::scratch_dir;
use evomoe::train::config::RunConfig;

/// `train` of the small model with `args` after the model flags.
fn train(args: &[&str]) -> Output {
    let mut all = vec!["train"];
    all.extend(SMALL);
    all.extend(args);
    evomoe(&all)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// A text file of the built-in corpus's first `n` bytes.
fn text_file(dir: &Path, name: &str, n: usize) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, &evomoe::train::data::BUILTIN_CORPUS[..n]).unwrap();
    p
}

/// Every file of a run directory with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// A copy of the run directory `from` at `to`.
fn copy_run(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for (name, bytes) in files(from) {
        std::fs::write(to.join(name), bytes).unwrap();
    }
}

/// The metrics lines of a run.
fn metrics(dir: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join("metrics.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The flags of the shared run (after the model flags).
const RUN: [&str; 2] = ["--steps", "2"];

/// One finished run of two steps (EvoMoE, whose `T_base` rounds to 0), shared by the tests that
/// read or copy it (none writes into it): its directory and what `train` printed.
fn finished_run() -> &'static (PathBuf, Output) {
    static RUN_DIR: OnceLock<(PathBuf, Output)> = OnceLock::new();
    RUN_DIR.get_or_init(|| {
        let dir = scratch_dir("cli-finished").join("run");
        let mut args = RUN.to_vec();
        args.extend(["--out", s(&dir)]);
        let o = train(&args);
        assert_eq!(o.code, 0, "stdout:\n{}\nstderr:\n{}", o.stdout, o.stderr);
        (dir, o)
    })
}

#[test]
fn bad_text_is_refused_before_training() {
    let d = scratch_dir("cli-text");
    let out = d.join("out");
    let empty = text_file(&d, "empty.txt", 0);
    let binary = d.join("binary.dat");
    std::fs::write(&binary, (0..=255u8).cycle().take(4096).collect::<Vec<u8>>()).unwrap();
    // 40 bytes: the 10% validation split (4 bytes) is shorter than one 2 x 16 batch.
    let short = text_file(&d, "short.txt", 40);
    // 30 bytes, half held out: 15 training bytes, shorter than one 16-byte window and its target.
    let short_train = text_file(&d, "short_train.txt", 30);
    let missing = d.join("missing.txt");
    for (args, wants) in [
        (
            vec!["--data", s(&missing)],
            vec![s(&missing), "No such file"],
        ),
        (vec!["--data", s(&empty)], vec![s(&empty), "empty"]),
        (vec!["--data", s(&binary)], vec![s(&binary), "binary"]),
        (
            vec!["--data", s(&short)],
            vec![s(&short), "validation split has 4 bytes", "2 x 16"],
        ),
        (
            vec!["--data", s(&short_train), "--set", "train.val_fraction=0.5"],
            vec![s(&short_train), "training split has 15 bytes"],
        ),
    ] {
        let mut all = args.clone();
        all.extend(["--steps", "2", "--out", s(&out)]);
        assert_fails(&format!("{args:?}"), &train(&all), &wants);
        assert!(!out.exists(), "{args:?}: wrote {}", out.display());
    }
}

#[test]
fn bad_configs_name_the_field_and_never_reach_training() {
    let d = scratch_dir("cli-config");
    let out = d.join("out");
    let unknown = d.join("unknown.toml");
    std::fs::write(&unknown, "[model]\nn_layer = 2\ncolour = 3\n").unwrap();
    let malformed = d.join("malformed.toml");
    std::fs::write(&malformed, "[model]\nn_layer = 2\n[train\n").unwrap();
    let absent = d.join("absent.toml");
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (vec!["--set", "model.n_layer=0"], vec!["model.n_layer"]),
        (vec!["--experts", "0"], vec!["moe.experts"]),
        (vec!["--batch", "0"], vec!["train.batch"]),
        (
            vec!["--set", "model.n_head=3"],
            vec!["model.n_head 3", "model.d_model 16"],
        ),
        (
            vec!["--set", "evomoe.tau_min=3"],
            vec!["evomoe.tau_min 3", "evomoe.tau_max 2"],
        ),
        (vec!["--set", "evomoe.tau_max=nan"], vec!["evomoe.tau_max"]),
        (
            vec!["--set", "evomoe.drop_rate=1"],
            vec!["evomoe.drop_rate"],
        ),
        (
            vec!["--set", "evomoe.drop_rate=-0.1"],
            vec!["evomoe.drop_rate"],
        ),
        (vec!["--set", "moe.gamma=0"], vec!["moe.gamma"]),
        (vec!["--set", "moe.gamma=1"], vec!["moe.gamma"]),
        (vec!["--lr=-1"], vec!["train.lr", "-1"]),
        (vec!["--lr", "0"], vec!["train.lr", "0"]),
        (vec!["--lr", "-1"], vec!["train.lr", "-1"]),
        (
            vec!["--lr", "nan"],
            vec!["train.lr must be a positive number"],
        ),
        (vec!["--set", "train.lr=nan"], vec!["train.lr"]),
        (vec!["--set", "moe.moe_every=0"], vec!["moe.moe_every"]),
        (vec!["--steps", "0"], vec!["train.steps"]),
        (vec!["--method", "magic"], vec!["unknown method `magic`"]),
        (
            vec!["--set", "method=magic"],
            vec!["unknown method `magic`"],
        ),
        (
            vec!["--set", "model.colour=3"],
            vec!["unknown key `model.colour`"],
        ),
        (
            vec!["--config", s(&unknown)],
            vec!["unknown key `model.colour`"],
        ),
        (
            vec!["--config", s(&malformed)],
            vec![s(&malformed), "line 3"],
        ),
        (
            vec!["--config", s(&absent)],
            vec![s(&absent), "No such file"],
        ),
        (
            vec!["--set", "model.d_model=-1"],
            vec!["`model.d_model` must be a non-negative integer"],
        ),
    ];
    for (args, wants) in cases {
        let mut all = vec!["--out", s(&out)];
        // The dedicated flags come after `--set`: give `--steps` only where the case does not.
        if !args.contains(&"--steps") {
            all.extend(["--steps", "2"]);
        }
        all.extend(&args);
        assert_fails(&format!("{args:?}"), &train(&all), &wants);
        assert!(!out.exists(), "{args:?}: wrote {}", out.display());
    }
}

#[test]
fn a_negative_count_is_a_usage_error() {
    let o = train(&[
        "--steps",
        "-1",
        "--out",
        s(&scratch_dir("cli-usage").join("out")),
    ]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    let errors: Vec<&str> = o
        .stderr
        .lines()
        .filter(|l| l.starts_with("error"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", o.stderr);
    assert!(errors[0].contains("'-1' for '--steps"), "{}", o.stderr);
}

#[test]
fn out_must_be_a_directory() {
    let d = scratch_dir("cli-out-file");
    let file = d.join("file");
    std::fs::write(&file, "mine").unwrap();
    let o = train(&["--steps", "2", "--out", s(&file)]);
    assert_fails("--out FILE", &o, &[s(&file), "is a file"]);
    let below = file.join("run");
    let o = train(&["--steps", "2", "--out", s(&below)]);
    assert_fails("--out FILE/run", &o, &[s(&below), "Not a directory"]);
    assert_eq!(std::fs::read(&file).unwrap(), b"mine");
}

#[test]
fn resume_needs_a_checkpoint() {
    let d = scratch_dir("cli-resume-none");
    for dir in [d.clone(), d.join("missing")] {
        let o = evomoe(&["train", "--resume", "--out", s(&dir)]);
        assert_fails("--resume", &o, &["nothing to resume", s(&dir)]);
        let o = train(&["--steps", "2", "--resume", "--out", s(&dir)]);
        assert_fails("--resume with flags", &o, &["nothing to resume", s(&dir)]);
    }
    assert!(std::fs::read_dir(&d).unwrap().next().is_none());
}

#[test]
fn a_good_run_reports_sane_throughput_and_routes() {
    let (dir, o) = finished_run();
    assert!(!o.stderr.contains("error"), "{}", o.stderr);
    let done = o
        .stdout
        .lines()
        .find(|l| l.starts_with("done: step 2 of 2"))
        .unwrap_or_else(|| panic!("no `done` line:\n{}", o.stdout));
    // `... 1234 tokens/s over 2 steps ...`
    let words: Vec<&str> = done.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "tokens/s").unwrap();
    let rate: f64 = words[at - 1].parse().unwrap();
    assert!(rate > 0.0 && rate < 1e9, "{done}");
    assert_eq!(words[at + 1..at + 3], ["over", "2"], "{done}");
    let lines = metrics(dir);
    assert_eq!(lines.len(), 2);
    for l in &lines {
        let rate = l["tokens_per_s"].as_f64().unwrap();
        assert!(rate > 0.0 && rate < 1e9, "{l}");
        // T_base rounds to 0: an MoE from the first step, so every line has routing statistics.
        assert_eq!(l["layers"].as_array().unwrap().len(), 1, "{l}");
        assert!(l["layers"][0]["experts_per_token"].as_f64().unwrap() >= 1.0);
    }
    let e = evomoe(&["eval", "--checkpoint", s(dir), "--batches", "1"]);
    assert_eq!(e.code, 0, "{}", e.stderr);
    let layer = e
        .stdout
        .lines()
        .find(|l| l.starts_with("MoE layer of block 2: "))
        .unwrap_or_else(|| panic!("no routing line:\n{}", e.stdout));
    let per_token: f64 = layer["MoE layer of block 2: ".len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(per_token >= 1.0, "{layer}");
}

#[test]
fn a_second_run_into_the_same_out_goes_elsewhere() {
    let (finished, _) = finished_run();
    let d = scratch_dir("cli-second");
    let dir = d.join("run");
    copy_run(finished, &dir);
    let before = files(&dir);
    let mut args = RUN.to_vec();
    args.extend(["--out", s(&dir)]);
    let o = train(&args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let moved = d.join("run-2");
    assert!(
        o.stderr.contains(&format!(
            "{} already holds a run; this one goes to {}",
            dir.display(),
            moved.display()
        )),
        "{}",
        o.stderr
    );
    assert_eq!(files(&dir), before);
    let names: Vec<String> = files(&moved).into_iter().map(|(n, _)| n).collect();
    for want in ["checkpoint.safetensors", "config.toml", "metrics.jsonl"] {
        assert!(names.iter().any(|n| n == want), "{names:?}");
    }
    assert_eq!(metrics(&moved).len(), 2);
}

#[test]
fn resuming_a_finished_run_or_another_config_is_refused() {
    let (finished, _) = finished_run();
    let dir = scratch_dir("cli-resume-done").join("run");
    copy_run(finished, &dir);
    let before = files(&dir);
    let o = evomoe(&["train", "--resume", "--out", s(&dir)]);
    assert_fails(
        "resume a finished run",
        &o,
        &["already complete", "step 2 of 2", s(&dir)],
    );
    assert!(o.stdout.is_empty(), "{}", o.stdout);
    let o = train(&["--steps", "2", "--resume", "--out", s(&dir)]);
    assert_fails(
        "resume a finished run, with flags",
        &o,
        &["already complete"],
    );
    // The flags apply to the saved config: only what they change is named.
    let o = evomoe(&["train", "--resume", "--out", s(&dir), "--method", "switch"]);
    assert_fails(
        "resume as switch",
        &o,
        &["another config (method: \"evomoe\" -> \"switch\")", s(&dir)],
    );
    let o = evomoe(&["train", "--resume", "--out", s(&dir), "--steps", "4"]);
    assert_fails(
        "resume with more steps",
        &o,
        &["another config (train.steps: 2 -> 4)"],
    );
    assert_eq!(files(&dir), before);
}

#[test]
fn a_truncated_checkpoint_is_refused_by_every_command() {
    let (finished, _) = finished_run();
    let dir = scratch_dir("cli-cut-short").join("run");
    copy_run(finished, &dir);
    let ckpt = dir.join("checkpoint.safetensors");
    let bytes = std::fs::read(&ckpt).unwrap();
    for keep in [bytes.len() / 2, 4, 0] {
        std::fs::write(&ckpt, &bytes[..keep]).unwrap();
        let before = files(&dir);
        for args in [
            vec!["eval", "--checkpoint", s(&dir)],
            vec!["eval", "--checkpoint", s(&ckpt)],
            vec!["sample", "--checkpoint", s(&dir), "--length", "4"],
            vec!["train", "--resume", "--out", s(&dir)],
        ] {
            let o = evomoe(&args);
            assert_fails(
                &format!("{keep} bytes: {args:?}"),
                &o,
                &[s(&ckpt), "truncated or damaged"],
            );
        }
        assert_eq!(files(&dir), before);
    }
}

#[test]
fn bad_eval_and_sample_options() {
    let (finished, _) = finished_run();
    let c = s(finished);
    for (args, wants) in [
        (
            vec!["sample", "--checkpoint", c, "--temperature", "-1"],
            "--temperature",
        ),
        (
            vec!["sample", "--checkpoint", c, "--temperature", "nan"],
            "--temperature",
        ),
        (
            vec!["sample", "--checkpoint", c, "--length", "0"],
            "--length",
        ),
        (
            vec!["eval", "--checkpoint", c, "--batches", "0"],
            "--batches",
        ),
    ] {
        assert_fails(&format!("{args:?}"), &evomoe(&args), &[wants]);
    }
    let missing = scratch_dir("cli-eval-missing").join("checkpoint.safetensors");
    let o = evomoe(&["eval", "--checkpoint", s(&missing)]);
    assert_fails("eval of nothing", &o, &[s(&missing), "No such file"]);
}

#[test]
fn print_config_parses_back_into_the_same_run() {
    let (finished, _) = finished_run();
    let d = scratch_dir("cli-print-config");
    let mut args = RUN.to_vec();
    args.push("--print-config");
    let printed = train(&args);
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    assert!(printed.stderr.is_empty(), "{}", printed.stderr);
    let parsed = RunConfig::from_toml(&printed.stdout).unwrap();
    assert_eq!(parsed.train.steps, 2);
    assert_eq!(parsed.model.d_model, 16);
    let file = d.join("run.toml");
    std::fs::write(&file, &printed.stdout).unwrap();
    let again = evomoe(&["train", "--config", s(&file), "--print-config"]);
    assert_eq!(again.stdout, printed.stdout);
    // The same run: the same saved config and the same losses as the run from the flags.
    let dir = d.join("run");
    let o = evomoe(&["train", "--config", s(&file), "--out", s(&dir)]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("config.toml")).unwrap(),
        std::fs::read_to_string(finished.join("config.toml")).unwrap()
    );
    let losses = |d: &Path| -> Vec<(serde_json::Value, serde_json::Value)> {
        metrics(d)
            .into_iter()
            .map(|l| (l["loss"].clone(), l["val_loss"].clone()))
            .collect()
    };
    assert_eq!(losses(&dir), losses(finished));
}

#[test]
fn ctrl_c_writes_a_checkpoint_and_says_how_to_continue() {
    use std::io::{BufRead, BufReader};
    let dir = scratch_dir("cli-ctrl-c");
    let mut args = vec!["train"];
    args.extend(SMALL);
    args.extend([
        "--set",
        "train.log_every=1",
        "--steps",
        "100000",
        "--out",
        s(&dir),
    ]);
    let mut child = Command::new(BIN)
        .args(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the evomoe binary runs");
    // Wait for three logged steps, then interrupt.
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = 0;
    for line in lines.by_ref() {
        if line.unwrap().starts_with("step") {
            seen += 1;
            if seen == 3 {
                break;
            }
        }
    }
    assert_eq!(seen, 3, "training never logged");
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let rest: Vec<String> = lines.map(|l| l.unwrap()).collect();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "output: {rest:?}");
    assert!(
        rest.iter().any(|l| l.starts_with("interrupted: step"))
            && rest.iter().any(|l| l.contains("--resume")),
        "output: {rest:?}"
    );
    let ckpt = evomoe::train::checkpoint::load(&dir.join("checkpoint.safetensors")).unwrap();
    let step: u64 = ckpt.meta["step"].parse().unwrap();
    assert!((3..100000).contains(&step), "checkpoint at step {step}");
}

/// The masked-LM task from the command line: a run, its evaluation and `fill`; each command
/// given the other task's checkpoint, a prompt without a mask or longer than the context, and an
/// unknown task fail with one clear line.
#[test]
fn masked_lm_train_eval_fill_and_bad_input() {
    let dir = scratch_dir("cli-mlm").join("run");
    let o = train(&[
        "--task",
        "mlm",
        "--method",
        "switch",
        "--steps",
        "2",
        "--out",
        s(&dir),
    ]);
    assert_eq!(o.code, 0, "{}", o.context());
    assert!(
        o.stderr.contains("a masked language model"),
        "{}",
        o.context()
    );
    assert!(o.stdout.contains("masked-token loss"), "{}", o.context());
    let m = metrics(&dir);
    assert!(m.iter().all(|l| l["accuracy"].as_f64().is_some()), "{m:?}");

    let e = evomoe(&["eval", "--checkpoint", s(&dir), "--batches", "2", "--json"]);
    assert_eq!(e.code, 0, "{}", e.context());
    let v: serde_json::Value = serde_json::from_str(e.stdout.trim()).expect("eval --json");
    assert_eq!(v["task"], "mlm");
    // Two batches of 2 x 16 bytes, 2 of each row's 16 positions scored (15%, rounded).
    assert_eq!(v["scored_tokens"], 8.0);
    assert!(
        (0.0..=1.0).contains(&v["accuracy"].as_f64().unwrap()),
        "{v}"
    );

    let f = evomoe(&[
        "fill",
        "--checkpoint",
        s(&dir),
        "--prompt",
        "To be<mask>or<mask>",
    ]);
    assert_eq!(f.code, 0, "{}", f.context());
    // The filled bytes may not be UTF-8 (printed lossily): check around them.
    let filled = f.stdout.trim_end_matches('\n');
    assert!(
        filled.starts_with("To be") && filled.contains("or") && !filled.contains("<mask>"),
        "{}",
        f.context()
    );
    assert!(
        f.stderr.contains("filled 2 masked bytes"),
        "{}",
        f.context()
    );

    let (lm, _) = finished_run();
    let long = "<mask>".repeat(17);
    for (args, wants) in [
        (
            vec!["fill", "--checkpoint", s(&dir), "--prompt", "no mask"],
            vec!["no <mask>"],
        ),
        (
            vec!["fill", "--checkpoint", s(&dir), "--prompt", long.as_str()],
            vec!["17 bytes", "context of 16"],
        ),
        (
            vec!["fill", "--checkpoint", s(lm), "--prompt", "a<mask>"],
            vec!["fill needs a masked-LM checkpoint"],
        ),
        (
            vec!["sample", "--checkpoint", s(&dir), "--length", "3"],
            vec!["masked language model", "evomoe fill"],
        ),
        (
            vec!["train", "--task", "rlhf", "--steps", "1"],
            vec!["unknown task `rlhf`", "lm, mlm"],
        ),
        (
            vec!["compare", "--task", "rlhf", "--out", s(&dir)],
            vec!["unknown task `rlhf`"],
        ),
    ] {
        assert_fails(&format!("{args:?}"), &evomoe(&args), &wants);
    }
}

/// A checkpoint written before the model became typed blocks and before tasks existed (a Switch
/// GPT-MoE of two steps, kept in tests/fixtures) still evaluates and samples, as a language model.
#[test]
fn a_checkpoint_from_before_typed_blocks_still_loads() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/before-typed-blocks/checkpoint.safetensors");
    let e = evomoe(&[
        "eval",
        "--checkpoint",
        s(&fixture),
        "--batches",
        "2",
        "--json",
    ]);
    assert_eq!(e.code, 0, "{}", e.context());
    let v: serde_json::Value = serde_json::from_str(e.stdout.trim()).expect("eval --json");
    assert_eq!(
        (v["task"].as_str(), v["method"].as_str()),
        (Some("lm"), Some("switch"))
    );
    // The fixture's loss after two steps from a uniform start.
    let loss = v["loss"].as_f64().unwrap();
    assert!((5.0..5.6).contains(&loss), "{v}");
    let o = evomoe(&[
        "sample",
        "--checkpoint",
        s(&fixture),
        "--length",
        "4",
        "--prompt",
        "a",
    ]);
    assert_eq!(o.code, 0, "{}", o.context());
}
