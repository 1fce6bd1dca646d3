//! The expected-failures table: known driver bugs, each pinned to the adapters it occurs on and
//! to the **exact** error text it produces (as wgpu's own test suite does), so that a new
//! failure is never hidden behind an old one and a fixed bug is noticed.
//!
//! A failing check that matches an entry (adapter key, check name and exact error text) is a
//! known failure; a check listed for the adapter that passes is an unexpected pass (remove the
//! entry); a listed check that fails with any other text is a plain failure. The same table
//! serves `evomoe selftest`, `tests/selftest.rs` and [`crate::testing::on_every_adapter`].

use crate::selftest::Verdict;

/// One known failure. Empty strings and `None` match anything.
#[derive(Clone, Debug)]
pub struct Expectation {
    /// Backend name as `wgpu::Backend::to_str` spells it (`vulkan`, `gl`, `metal`, `dx12`).
    pub backend: Option<&'static str>,
    /// PCI vendor id (`0x10de` NVIDIA, `0x1002` AMD, `0x8086` Intel, `0x10005` Mesa).
    pub vendor: Option<u32>,
    /// Case-sensitive substring of the adapter name.
    pub adapter: &'static str,
    /// Case-sensitive substring of the driver info (the driver version string).
    pub driver_info: &'static str,
    /// The check's exact name (`matmul.forward.tiled.nn`, or a test name for
    /// [`crate::testing::on_every_adapter`]).
    pub check: &'static str,
    /// The exact error text the check reports on those adapters.
    pub error: &'static str,
    /// Why it fails and where it is tracked (a driver bug link).
    pub reason: &'static str,
}

/// Known driver bugs. Empty: no check fails on any adapter tested so far (lavapipe, llvmpipe).
pub const EXPECTED_FAILURES: &[Expectation] = &[];

/// What identifies an adapter for the table (from `wgpu::AdapterInfo`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdapterKey {
    pub backend: String,
    pub vendor: u32,
    pub name: String,
    pub driver_info: String,
}

impl From<&wgpu::AdapterInfo> for AdapterKey {
    fn from(info: &wgpu::AdapterInfo) -> Self {
        AdapterKey {
            backend: info.backend.to_str().to_string(),
            vendor: info.vendor,
            name: info.name.clone(),
            driver_info: info.driver_info.clone(),
        }
    }
}

impl Expectation {
    /// Whether the entry is about this check on this adapter (whatever the error).
    pub fn applies(&self, key: &AdapterKey, check: &str) -> bool {
        self.check == check
            && self.backend.is_none_or(|b| b == key.backend)
            && self.vendor.is_none_or(|v| v == key.vendor)
            && key.name.contains(self.adapter)
            && key.driver_info.contains(self.driver_info)
    }
}

/// The status of one check on one adapter after the table is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    /// A failure the table does not list (or lists with another error text).
    Fail,
    /// A failure listed in the table with exactly this error text.
    KnownFailure,
    /// The table lists the check as failing on this adapter, but it passed.
    UnexpectedPass,
    /// The adapter lacks what the variant needs.
    NotAvailable,
}

impl Status {
    /// Whether the status fails a run (a new failure, or a table entry that no longer holds).
    pub fn is_bad(self) -> bool {
        matches!(self, Status::Fail | Status::UnexpectedPass)
    }

    /// The name used in the JSON report (`pass`, `fail`, `known-failure`, `unexpected-pass`,
    /// `not-available`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::KnownFailure => "known-failure",
            Status::UnexpectedPass => "unexpected-pass",
            Status::NotAvailable => "not-available",
        }
    }
}

/// Classifies what `check` gave on the adapter `key` against `table`: `Ok(verdict)` or the
/// error text.
pub fn classify(
    table: &[Expectation],
    key: &AdapterKey,
    check: &str,
    outcome: &std::result::Result<Verdict, String>,
) -> Status {
    let mut listed = table.iter().filter(|e| e.applies(key, check));
    match outcome {
        Ok(Verdict::NotAvailable(_)) => Status::NotAvailable,
        Ok(Verdict::Pass { .. }) => {
            if listed.next().is_some() {
                Status::UnexpectedPass
            } else {
                Status::Pass
            }
        }
        Err(text) => {
            if listed.any(|e| e.error == text) {
                Status::KnownFailure
            } else {
                Status::Fail
            }
        }
    }
}
