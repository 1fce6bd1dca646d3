//! Shared by the tests that drive the `evomoe` binary: run it, keep what it printed, and assert
//! a clean failure.

use std::process::Command;

/// The model flags of a model small enough for seconds on a software adapter (`train` of the
/// tests that run the binary: cli and crash).
#[allow(dead_code)]
pub const SMALL: [&str; 10] = [
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
];

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_evomoe");

/// What one invocation did.
pub struct Output {
    /// The exit status; -1 when a signal ended the process.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `evomoe <args>` to the end.
pub fn evomoe(args: &[&str]) -> Output {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("the evomoe binary runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Output {
    /// The exit status and both streams, for an assertion's message.
    pub fn context(&self) -> String {
        format!(
            "exit {}\nstdout:\n{}\nstderr:\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Asserts a clean failure of `what`: a non-zero exit that is not a panic's (101), no panic or
/// backtrace, and stderr exactly one line, `error: ...` holding every one of `wants`.
pub fn assert_fails(what: &str, o: &Output, wants: &[&str]) {
    let context = format!("{what}: {}", o.context());
    assert!(o.code > 0 && o.code != 101, "{context}");
    assert!(!o.stderr.contains("panicked"), "{context}");
    assert!(!o.stderr.to_lowercase().contains("backtrace"), "{context}");
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{context}");
    assert!(lines[0].starts_with("error: "), "{context}");
    for want in wants {
        assert!(lines[0].contains(want), "`{want}` missing\n{context}");
    }
}
