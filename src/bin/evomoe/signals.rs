//! Stopping `train` and `compare` cleanly on Ctrl-C (SIGINT) and on SIGTERM (what `kill`,
//! `timeout`, systemd, Slurm and container runtimes send).
//!
//! The first signal asks the run to stop after the current step; the run then writes its
//! checkpoint and exits with `128 + signal` (130 for SIGINT, 143 for SIGTERM). A second signal
//! changes nothing, so a double Ctrl-C cannot cut the final save short. A third quits at once
//! with the same status: checkpoints are written atomically, so the newest complete one stays.
//! The handler only touches atomics (async-signal-safe); the front end prints.

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::Arc;

use signal_hook::consts::{SIGINT, SIGTERM};

/// The state the signal handler shares with the front end.
pub struct Stop {
    /// Set by the first signal; the training loop polls it between steps.
    pub flag: Arc<AtomicBool>,
    /// The first signal received (0: none).
    signal: Arc<AtomicI32>,
    /// Whether the front end has said that it is stopping.
    announced: AtomicBool,
}

impl Stop {
    /// Installs the handler for SIGINT and SIGTERM. Where it cannot be installed the default
    /// behaviour (exit at once) stays, with a warning.
    pub fn install() -> Stop {
        let flag = Arc::new(AtomicBool::new(false));
        let signal = Arc::new(AtomicI32::new(0));
        let count = Arc::new(AtomicUsize::new(0));
        for sig in [SIGINT, SIGTERM] {
            let (flag, signal, count) = (flag.clone(), signal.clone(), count.clone());
            let action = move || {
                let _ = signal.compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst);
                flag.store(true, Ordering::SeqCst);
                if count.fetch_add(1, Ordering::SeqCst) + 1 >= 3 {
                    signal_hook::low_level::exit(exit_code(signal.load(Ordering::SeqCst)));
                }
            };
            // SAFETY: the action only performs atomic operations and `_exit`, which are
            // async-signal-safe.
            if let Err(e) = unsafe { signal_hook::low_level::register(sig, action) } {
                eprintln!("warning: cannot handle signal {sig} ({e}); it will stop the run without a checkpoint");
            }
        }
        Stop {
            flag,
            signal,
            announced: AtomicBool::new(false),
        }
    }

    /// Whether a signal asked the run to stop.
    pub fn requested(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// The name of the signal that stopped the run.
    pub fn name(&self) -> &'static str {
        match self.signal.load(Ordering::SeqCst) {
            SIGTERM => "SIGTERM",
            _ => "Ctrl-C",
        }
    }

    /// The exit status of a run stopped by the signal: `128 + signal`.
    pub fn exit_code(&self) -> i32 {
        exit_code(self.signal.load(Ordering::SeqCst))
    }

    /// Says once, on stderr, that the run is stopping and how to quit at once.
    pub fn announce(&self, what: &str) {
        if self.requested() && !self.announced.swap(true, Ordering::SeqCst) {
            eprintln!(
                "{}: {what} (signal twice more to quit at once, keeping the last checkpoint)",
                self.name()
            );
        }
    }
}

fn exit_code(signal: i32) -> i32 {
    128 + if signal == 0 { SIGINT } else { signal }
}
