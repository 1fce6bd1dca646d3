//! Ctrl-C during `evomoe train`: the run stops after the current step, writes a checkpoint,
//! says how to continue and exits with 130; `--resume` with another schedule is refused, naming
//! the field.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const SMALL: [&str; 14] = [
    "--set",
    "model.context=16",
    "--set",
    "model.d_model=16",
    "--set",
    "model.d_ff=32",
    "--set",
    "model.n_head=2",
    "--set",
    "train.batch=2",
    "--set",
    "train.log_every=1",
    "--backend",
    "vulkan",
];

#[test]
fn ctrl_c_writes_a_checkpoint_and_resume_checks_the_config() {
    let dir = std::env::temp_dir().join(format!("evomoe-ctrlc-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.to_str().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_evomoe"))
        .args(["train", "--steps", "100000", "--out", out])
        .args(SMALL)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for a few logged steps, then interrupt.
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
    let (_, meta) = evomoe::train::checkpoint::load(&dir.join("checkpoint.safetensors")).unwrap();
    let step: u64 = meta["step"].parse().unwrap();
    assert!((3..100000).contains(&step), "checkpoint at step {step}");

    // Resume the interrupted run with a shorter schedule is refused (another config); resuming
    // it as it was continues from the checkpoint's step.
    let resumed = Command::new(env!("CARGO_BIN_EXE_evomoe"))
        .args(["train", "--resume", "--steps", "7", "--out", out])
        .args(SMALL)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&resumed.stderr);
    assert!(
        !resumed.status.success() && err.contains("train.steps"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
