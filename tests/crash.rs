//! The `evomoe` binary as a crashing machine and a careless user treat it: `kill -9` at several
//! moments (one in the middle of a checkpoint write) with several `save_every` / `log_every`
//! settings, each resumed and compared bit for bit with an uninterrupted run; SIGTERM, a double
//! and a triple Ctrl-C; two runs on one `--out`; a changed data file; damaged, NaN-holding and
//! edited checkpoints; FIFOs and devices as inputs; a model that cannot fit. Every refusal is one
//! `error:` line and a non-zero exit.

mod common;

use common::{assert_fails, evomoe, Output, BIN, SMALL};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use evomoe::testing::scratch_dir;
use evomoe::train::checkpoint::{self, Checkpoint, Named};

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// `train` with the small model, `method`, `steps`, checkpoints every `save` and logs every
/// `log` steps, into `out`.
fn train_args(method: &str, steps: u64, save: u64, log: u64, out: &Path) -> Vec<String> {
    let mut a: Vec<String> = vec!["train".into()];
    a.extend(SMALL.iter().map(|x| x.to_string()));
    for x in [
        "--method".to_string(),
        method.into(),
        "--steps".into(),
        steps.to_string(),
        "--set".into(),
        format!("train.save_every={save}"),
        "--set".into(),
        format!("train.log_every={log}"),
        "--out".into(),
        s(out).into(),
    ] {
        a.push(x);
    }
    a
}

fn run(args: &[String]) -> Output {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    evomoe(&a)
}

/// A running `evomoe` whose stdout and stderr lines arrive on one channel (stderr prefixed
/// `E `), so that a test can act at a moment of the run.
struct Running {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Running {
    fn start(args: &[String], env: &[(&str, &str)]) -> Running {
        let mut child = Command::new(BIN)
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the evomoe binary runs");
        let (tx, rx) = channel();
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        let tx2 = tx.clone();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines().map_while(|l| l.ok()) {
                let _ = tx.send(l);
            }
        });
        std::thread::spawn(move || {
            for l in BufReader::new(err).lines().map_while(|l| l.ok()) {
                let _ = tx2.send(format!("E {l}"));
            }
        });
        Running {
            child,
            lines: rx,
            seen: Vec::new(),
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits (at most two minutes) for a line that `want` accepts; returns it.
    fn wait_for(&mut self, what: &str, want: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(120);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    if want(&l) {
                        return l;
                    }
                }
                Err(_) => break,
            }
        }
        let _ = self.child.kill();
        panic!("never saw {what}; output:\n{}", self.seen.join("\n"));
    }

    /// Waits for the `step N/...` line of a step `>= n`; returns N.
    fn wait_for_step(&mut self, n: u64) -> u64 {
        let line = self.wait_for(&format!("step {n}"), |l| {
            logged_step(l).is_some_and(|s| s >= n)
        });
        logged_step(&line).unwrap()
    }

    fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{sig}"), &self.pid().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{sig} failed");
    }

    /// `kill -9`, then reaps the process.
    fn kill9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Waits for the exit; returns the status (`-signal` when a signal ended it) and every
    /// line.
    fn finish(mut self) -> (i32, Vec<String>) {
        use std::os::unix::process::ExitStatusExt;
        let status = self.child.wait().unwrap();
        let code = status
            .code()
            .unwrap_or_else(|| -status.signal().unwrap_or(0));
        self.seen.extend(self.lines.iter());
        (code, self.seen)
    }
}

/// The step of a `step N/M  loss ...` line.
fn logged_step(line: &str) -> Option<u64> {
    let rest = line.strip_prefix("step")?.trim_start();
    rest.split('/').next()?.trim().parse().ok()
}

/// The step of the checkpoint in `dir`, if one loads.
fn checkpoint_step(dir: &Path) -> Option<u64> {
    let c = checkpoint::load(&dir.join("checkpoint.safetensors")).ok()?;
    c.get("step")?.parse().ok()
}

/// Every tensor of the checkpoint in `dir`, values and moments.
fn tensors(dir: &Path) -> Vec<Named> {
    checkpoint::load(&dir.join("checkpoint.safetensors"))
        .unwrap()
        .tensors
}

/// Asserts two checkpoints hold the same bits.
fn assert_same_bits(what: &str, a: &[Named], b: &[Named]) {
    assert_eq!(a.len(), b.len(), "{what}: tensor count");
    for (x, y) in a.iter().zip(b) {
        assert_eq!((&x.name, &x.shape), (&y.name, &y.shape), "{what}");
        let differ = x
            .data
            .iter()
            .zip(&y.data)
            .filter(|(p, q)| p.to_bits() != q.to_bits())
            .count();
        assert_eq!(differ, 0, "{what}: `{}` differs in {differ} values", x.name);
    }
}

/// The metrics of a resumed run read as one run: steps strictly increasing, ending at `end`.
fn assert_one_log(dir: &Path, end: u64) {
    let text = std::fs::read_to_string(dir.join("metrics.jsonl")).unwrap();
    let steps: Vec<u64> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["step"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert!(steps.windows(2).all(|w| w[0] < w[1]), "steps {steps:?}");
    assert_eq!(steps.last(), Some(&end), "steps {steps:?}");
}

/// Where a run is killed.
enum Moment {
    /// Once a step at least this far has been logged.
    AfterStep(u64),
    /// In the middle of writing its `n`-th checkpoint.
    InCheckpointWrite(u64),
}

/// Kills a run of `method` at `moment`, checks what the directory kept, resumes it to the end
/// and compares the result with `reference` bit for bit.
fn kill_and_resume(
    method: &str,
    (save, log): (u64, u64),
    moment: Moment,
    dir: &Path,
    reference: &[Named],
) {
    let steps = 24;
    let args = train_args(method, steps, save, log, dir);
    let what = format!("{method}, save_every {save}, log_every {log}");
    let (pause, n) = match moment {
        Moment::InCheckpointWrite(n) => (Some(n.to_string()), n),
        Moment::AfterStep(n) => (None, n),
    };
    let env: Vec<(&str, &str)> = pause
        .iter()
        .map(|p| ("EVOMOE_TEST_PAUSE_IN_CHECKPOINT", p.as_str()))
        .collect();
    let mut r = Running::start(&args, &env);
    let seen = if pause.is_some() {
        r.wait_for("the paused checkpoint write", |l| {
            l.contains("test hook: paused")
        });
        n * save
    } else {
        r.wait_for_step(n)
    };
    r.kill9();
    let kept = checkpoint_step(dir);
    eprintln!("{what}: killed after step {seen}, checkpoint of step {kept:?} kept");
    match pause {
        // Killed while writing checkpoint n: checkpoint n - 1 is intact beside the half-written
        // temporary file.
        Some(_) => {
            assert!(dir.join("checkpoint.safetensors.tmp").is_file(), "{what}");
            assert_eq!(kept, (n > 1).then_some((n - 1) * save), "{what}");
        }
        None => {
            let kept = kept.unwrap_or(0);
            assert!(
                kept + save >= seen && kept > 0,
                "{what}: checkpoint of step {kept} after step {seen} was logged"
            );
        }
    }
    let mut resume = vec!["train".to_string(), "--resume".into(), "--out".into()];
    resume.push(s(dir).into());
    let o = run(&resume);
    assert_eq!(o.code, 0, "{what}: resume\n{}", o.context());
    assert!(!dir.join("checkpoint.safetensors.tmp").exists(), "{what}");
    assert_same_bits(&what, &tensors(dir), reference);
    assert_one_log(dir, steps);
}

#[test]
fn kill_9_at_any_moment_loses_at_most_save_every_steps_and_resumes_exactly() {
    let root = scratch_dir("crash-kill");
    let reference = root.join("reference");
    let o = run(&train_args("dense", 24, 3, 5, &reference));
    assert_eq!(o.code, 0, "{}", o.context());
    let reference = tensors(&reference);
    // save_every below, above and equal to log_every; the last killed in its second write.
    for (i, (settings, moment)) in [
        ((3, 5), Moment::AfterStep(10)),
        ((5, 2), Moment::AfterStep(12)),
        ((4, 4), Moment::InCheckpointWrite(2)),
    ]
    .into_iter()
    .enumerate()
    {
        kill_and_resume(
            "dense",
            settings,
            moment,
            &root.join(format!("run{i}")),
            &reference,
        );
    }
}

/// EvoMoE through the spawn (after step 2), the anneal and the hard switch (step 20): killed
/// past the spawn, resumed, the same bits.
#[test]
fn an_evomoe_run_killed_past_its_spawn_resumes_exactly() {
    let root = scratch_dir("crash-evomoe");
    let reference = root.join("reference");
    let o = run(&train_args("evomoe", 24, 3, 2, &reference));
    assert_eq!(o.code, 0, "{}", o.context());
    let reference = tensors(&reference);
    kill_and_resume(
        "evomoe",
        (3, 2),
        Moment::AfterStep(14),
        &root.join("run"),
        &reference,
    );
}

/// A run that never ends on its own, logging every step and saving every second.
fn endless(dir: &Path, extra: &[&str]) -> Vec<String> {
    let mut a = train_args("dense", 100_000, 2, 1, dir);
    a.extend(extra.iter().map(|x| x.to_string()));
    a
}

#[test]
fn sigterm_and_repeated_ctrl_c_stop_with_a_checkpoint() {
    let root = scratch_dir("crash-signals");
    // SIGTERM: a checkpoint, the command to continue, exit 143.
    let dir = root.join("term");
    let mut r = Running::start(&endless(&dir, &[]), &[]);
    let seen = r.wait_for_step(3);
    r.signal("TERM");
    let (code, lines) = r.finish();
    assert_eq!(code, 143, "{lines:#?}");
    assert!(
        lines.iter().any(|l| l.contains("SIGTERM: stopping")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("continue with: evomoe train --resume")),
        "{lines:#?}"
    );
    assert!(
        checkpoint_step(&dir).is_some_and(|s| s >= seen),
        "{lines:#?}"
    );
    // Two quick Ctrl-Cs: the second cannot cut the save short.
    let dir = root.join("int2");
    let mut r = Running::start(&endless(&dir, &[]), &[]);
    let seen = r.wait_for_step(3);
    r.signal("INT");
    r.signal("INT");
    let (code, lines) = r.finish();
    assert_eq!(code, 130, "{lines:#?}");
    let kept = checkpoint_step(&dir);
    assert!(
        kept.is_some_and(|s| s >= seen),
        "kept {kept:?} after step {seen}: {lines:#?}"
    );
    // Three: quits at once; the newest complete checkpoint stays and loads.
    let dir = root.join("int3");
    let mut r = Running::start(&endless(&dir, &[]), &[]);
    r.wait_for_step(5);
    for _ in 0..3 {
        r.signal("INT");
    }
    let (code, lines) = r.finish();
    assert_eq!(code, 130, "{lines:#?}");
    assert!(checkpoint_step(&dir).is_some_and(|s| s >= 2), "{lines:#?}");
}

/// A text file of the built-in corpus's first `n` bytes.
fn text_file(path: &Path, n: usize) {
    std::fs::write(path, &evomoe::train::data::BUILTIN_CORPUS[..n]).unwrap();
}

#[test]
fn one_run_per_directory_and_resume_notices_changed_data() {
    let root = scratch_dir("crash-lock");
    let data = root.join("text.txt");
    text_file(&data, 100_000);
    let dir = root.join("run");
    let mut a = Running::start(&endless(&dir, &["--data", s(&data)]), &[]);
    a.wait_for_step(3);
    let holder = format!("process {}", a.pid());
    // A second run and a resume on the same --out are refused, naming the holder.
    let mut second = train_args("dense", 10, 2, 1, &dir);
    second.extend(["--data".into(), s(&data).into()]);
    assert_fails("second run", &run(&second), &["in use", &holder]);
    let resume = |extra: &[&str]| {
        let mut v: Vec<String> = ["train", "--resume", "--out", s(&dir)]
            .iter()
            .map(|x| x.to_string())
            .collect();
        v.extend(extra.iter().map(|x| x.to_string()));
        v
    };
    assert_fails("second resume", &run(&resume(&[])), &["in use", &holder]);
    a.kill9();
    // Killed: the OS released the lock. The data changed meanwhile: refused unless allowed.
    std::fs::write(
        &data,
        format!("{}\nMore text.\n", std::fs::read_to_string(&data).unwrap()),
    )
    .unwrap();
    assert_fails(
        "resume on changed data",
        &run(&resume(&[])),
        &[
            "training data changed",
            "--allow-data-change",
            "100000 bytes",
        ],
    );
    let mut b = Running::start(&resume(&["--allow-data-change"]), &[]);
    b.wait_for_step(4);
    b.signal("TERM");
    let (code, lines) = b.finish();
    assert_eq!(code, 143, "{lines:#?}");
    // A new run into the directory (no longer in use) goes next to it.
    let o = run(&second);
    assert_eq!(o.code, 0, "{}", o.context());
    assert!(o.stderr.contains("already holds a run"), "{}", o.context());
    assert!(root.join("run-2").join("checkpoint.safetensors").is_file());
}

/// A resumable run directory: killed in the middle of its second checkpoint write, so the first
/// (step 2) is kept.
fn resumable_run(dir: &Path) {
    let mut r = Running::start(
        &train_args("dense", 8, 2, 1, dir),
        &[("EVOMOE_TEST_PAUSE_IN_CHECKPOINT", "2")],
    );
    r.wait_for("the paused write", |l| l.contains("test hook: paused"));
    r.kill9();
    assert_eq!(checkpoint_step(dir), Some(2));
}

/// The byte range of tensor `name`'s data in a safetensors file.
fn tensor_bytes(file: &[u8], name: &str) -> std::ops::Range<usize> {
    let n = u64::from_le_bytes(file[..8].try_into().unwrap()) as usize;
    let header: serde_json::Value = serde_json::from_slice(&file[8..8 + n]).unwrap();
    let offsets = &header[name]["data_offsets"];
    let (a, b) = (offsets[0].as_u64().unwrap(), offsets[1].as_u64().unwrap());
    8 + n + a as usize..8 + n + b as usize
}

#[test]
fn damaged_nan_and_edited_checkpoints_are_refused_by_every_command() {
    let root = scratch_dir("crash-damage");
    let good = root.join("good");
    resumable_run(&good);
    let file = std::fs::read(good.join("checkpoint.safetensors")).unwrap();
    let ckpt = checkpoint::load(&good.join("checkpoint.safetensors")).unwrap();
    let write_with = |name: &str, f: &dyn Fn(&mut Checkpoint)| {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let mut c = ckpt.clone();
        f(&mut c);
        checkpoint::save(&dir.join("checkpoint.safetensors"), &c.tensors, c.meta).unwrap();
        dir
    };
    // 16 random bytes written into `wte`.
    let random = root.join("random");
    std::fs::create_dir_all(&random).unwrap();
    let mut bytes = file.clone();
    let wte = tensor_bytes(&file, "wte");
    let noise = evomoe::testing::random_tokens(7, 16, 256);
    for (i, x) in noise.iter().enumerate() {
        bytes[wte.start + 100 + i] = *x as u8 ^ 0x5a;
    }
    std::fs::write(random.join("checkpoint.safetensors"), &bytes).unwrap();
    // A NaN weight and an edited stage, both with valid checksums (as a buggy tool would write
    // them), and a stage edited in place (its checksum no longer matches).
    let nan = write_with("nan", &|c| {
        let t = c.tensors.iter_mut().find(|t| t.name == "h1.attn.w_qkv");
        t.unwrap().data[3] = f32::NAN
    });
    let stage = write_with("stage", &|c| {
        c.meta.insert("stage".into(), "base".into());
    });
    let step = write_with("step", &|c| {
        c.meta.insert("step".into(), "999".into());
    });
    let in_place = root.join("in-place");
    std::fs::create_dir_all(&in_place).unwrap();
    let mut edited = file.clone();
    let at = file.windows(9).position(|w| w == b"\"experts\"").unwrap();
    edited[at + 1..at + 8].copy_from_slice(b"expertz");
    std::fs::write(in_place.join("checkpoint.safetensors"), &edited).unwrap();
    for (dir, wants) in [
        (&random, vec!["`wte` fails its checksum"]),
        (&nan, vec!["`h1.attn.w_qkv` holds NaN"]),
        (&stage, vec!["stage `base`", "damaged or was edited"]),
        (&step, vec!["step 999 is past the run's 8 steps"]),
        (&in_place, vec!["metadata", "fails its checksum"]),
    ] {
        for args in [
            vec!["eval", "--checkpoint", s(dir)],
            vec!["sample", "--checkpoint", s(dir), "--length", "4"],
            vec!["train", "--resume", "--out", s(dir)],
        ] {
            let start = Instant::now();
            assert_fails(&format!("{args:?}"), &evomoe(&args), &wants);
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "{args:?} took long"
            );
        }
    }
    // The good one resumes.
    let o = evomoe(&["train", "--resume", "--out", s(&good)]);
    assert_eq!(o.code, 0, "{}", o.context());
    // A checkpoint of the first format (no checksums) is still evaluated, with a note.
    let old = root.join("old");
    std::fs::create_dir_all(&old).unwrap();
    std::fs::write(old.join("checkpoint.safetensors"), first_format(&file)).unwrap();
    let o = evomoe(&["eval", "--checkpoint", s(&old)]);
    assert_eq!(o.code, 0, "{}", o.context());
    assert!(o.stderr.contains("without checksums"), "{}", o.context());
}

/// The safetensors file `file` as the first checkpoint format wrote it: no checksum entries,
/// `format` `evomoe-checkpoint-1`.
fn first_format(file: &[u8]) -> Vec<u8> {
    let n = u64::from_le_bytes(file[..8].try_into().unwrap()) as usize;
    let mut header: serde_json::Value = serde_json::from_slice(&file[8..8 + n]).unwrap();
    let meta = header["__metadata__"].as_object_mut().unwrap();
    meta.remove("crc32");
    meta.remove("crc32.meta");
    meta.insert("format".into(), "evomoe-checkpoint-1".into());
    let mut text = serde_json::to_vec(&header).unwrap();
    while !text.len().is_multiple_of(8) {
        text.push(b' ');
    }
    let mut out = (text.len() as u64).to_le_bytes().to_vec();
    out.extend(text);
    out.extend(&file[8 + n..]);
    out
}

#[test]
fn fifos_and_devices_are_refused_at_once() {
    let root = scratch_dir("crash-fifo");
    let fifo = root.join("fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let out = root.join("out");
    for (args, wants) in [
        (vec!["train", "--data", s(&fifo), "--out", s(&out)], "FIFO"),
        (
            vec!["train", "--data", "/dev/zero", "--out", s(&out)],
            "a device",
        ),
        (
            vec!["train", "--data", "/dev/urandom", "--out", s(&out)],
            "a device",
        ),
        (
            vec!["train", "--config", s(&fifo), "--out", s(&out)],
            "FIFO",
        ),
        (vec!["eval", "--checkpoint", s(&fifo)], "FIFO"),
        (vec!["eval", "--checkpoint", "/dev/zero"], "a device"),
        (vec!["sample", "--checkpoint", "/dev/urandom"], "a device"),
        (
            vec!["compare", "--config", s(&fifo), "--out", s(&out)],
            "FIFO",
        ),
    ] {
        let start = Instant::now();
        assert_fails(
            &format!("{args:?}"),
            &evomoe(&args),
            &[wants, "not a regular file"],
        );
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{args:?} took {:?}",
            start.elapsed()
        );
        assert!(!out.exists(), "{args:?} created {}", out.display());
    }
}

#[test]
fn a_model_that_cannot_fit_is_refused_with_its_need_and_leaves_nothing() {
    let root = scratch_dir("crash-memory");
    let out = root.join("out");
    let o = evomoe(&["train", "--set", "model.n_layer=100000", "--out", s(&out)]);
    assert_fails(
        "100000 layers",
        &o,
        &["does not fit", "host memory", "available"],
    );
    assert!(!out.exists(), "created {}", out.display());
    // compare refuses a file as --out before it opens a GPU.
    let o = evomoe(&["compare", "--out", "/proc/version", "--steps", "1"]);
    assert_fails(
        "compare into a file",
        &o,
        &["/proc/version", "not a directory"],
    );
}
