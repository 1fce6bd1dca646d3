//! Vulkan validation-layer messages as results.
//!
//! With `WGPU_VALIDATION=1` and the Khronos validation layer installed
//! (`apt-get install vulkan-validationlayers`), wgpu enables the layer and reports each of its
//! messages through the `log` crate, errors at `log::Level::Error`. [`install`] sets a logger
//! that prints wgpu's warnings and errors to stderr and keeps the errors, so that
//! `evomoe selftest` can fail a run in which the driver saw an invalid use of the API even
//! though every result was right.

use std::sync::Mutex;

static ERRORS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, m: &log::Metadata) -> bool {
        m.level() <= log::Level::Warn && m.target().starts_with("wgpu")
    }

    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = format!("{} {}: {}", record.level(), record.target(), record.args());
        eprintln!("{line}");
        if record.level() == log::Level::Error {
            ERRORS.lock().expect("validation log").push(line);
        }
    }

    fn flush(&self) {}
}

/// Whether validation was asked for (`WGPU_VALIDATION` set to anything but `0`).
pub fn requested() -> bool {
    std::env::var("WGPU_VALIDATION").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Installs the capturing logger; false when another logger was set first.
pub fn install() -> bool {
    static LOGGER: Capture = Capture;
    let ok = log::set_logger(&LOGGER).is_ok();
    if ok {
        log::set_max_level(log::LevelFilter::Warn);
    }
    ok
}

/// The error messages logged since the last call.
pub fn take_errors() -> Vec<String> {
    std::mem::take(&mut *ERRORS.lock().expect("validation log"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_wgpu_errors_only() {
        assert!(install());
        log::error!(target: "wgpu_hal::vulkan::instance", "VALIDATION [VUID-x] bad barrier");
        log::warn!(target: "wgpu_hal::vulkan::instance", "a warning");
        log::error!(target: "some_other_crate", "not ours");
        // Other tests of this binary may log through wgpu at the same time: look at ours only.
        let ours: Vec<String> = take_errors()
            .into_iter()
            .filter(|e| e.contains("VUID-x") || e.contains("not ours"))
            .collect();
        assert_eq!(ours.len(), 1, "{ours:?}");
        assert!(ours[0].contains("[VUID-x] bad barrier"), "{ours:?}");
        assert!(ours[0].starts_with("ERROR wgpu_hal"), "{ours:?}");
    }
}
