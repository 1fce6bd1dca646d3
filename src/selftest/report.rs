//! What a selftest run reports: the table on stdout (rows = checks, columns = adapters, then
//! every failure's full text) and the JSON report for bug reports, whose schema is
//! `docs/selftest-schema.json` ([`SCHEMA_VERSION`]).

use std::fmt::Write;

use serde::Serialize;

use crate::selftest::expectations::Status;
use crate::selftest::runner::{CheckResult, Run};

/// Version of the JSON report's layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything a bug report needs to know about an adapter.
#[derive(Clone, Debug, Serialize)]
pub struct AdapterDescription {
    /// `backend/adapter name`, as in the table and the results.
    pub id: String,
    pub name: String,
    pub backend: String,
    /// PCI vendor id.
    pub vendor: u32,
    /// PCI device id.
    pub device: u32,
    /// `DiscreteGpu`, `IntegratedGpu`, `VirtualGpu`, `Cpu` or `Other`.
    pub device_type: String,
    pub driver: String,
    pub driver_info: String,
    /// Every feature the adapter offers, by wgpu's name.
    pub features: Vec<String>,
    pub limits: Limits,
}

/// The adapter limits the kernels care about.
#[derive(Clone, Debug, Serialize)]
pub struct Limits {
    pub max_buffer_size: u64,
    pub max_storage_buffer_binding_size: u64,
    pub max_storage_buffers_per_shader_stage: u32,
    pub max_compute_workgroup_storage_size: u32,
    pub max_compute_invocations_per_workgroup: u32,
    pub max_compute_workgroup_size_x: u32,
    pub max_compute_workgroup_size_y: u32,
    pub max_compute_workgroup_size_z: u32,
    pub max_compute_workgroups_per_dimension: u32,
    pub subgroup_min_size: u32,
    pub subgroup_max_size: u32,
}

impl AdapterDescription {
    pub fn new(adapter: &wgpu::Adapter) -> AdapterDescription {
        let i = adapter.get_info();
        let l = adapter.limits();
        AdapterDescription {
            id: format!("{}/{}", i.backend.to_str(), i.name),
            name: i.name.clone(),
            backend: i.backend.to_str().to_string(),
            vendor: i.vendor,
            device: i.device,
            device_type: format!("{:?}", i.device_type),
            driver: i.driver.clone(),
            driver_info: i.driver_info.clone(),
            features: adapter
                .features()
                .iter_names()
                .map(|(name, _)| name.to_string())
                .collect(),
            limits: Limits {
                max_buffer_size: l.max_buffer_size,
                max_storage_buffer_binding_size: l.max_storage_buffer_binding_size,
                max_storage_buffers_per_shader_stage: l.max_storage_buffers_per_shader_stage,
                max_compute_workgroup_storage_size: l.max_compute_workgroup_storage_size,
                max_compute_invocations_per_workgroup: l.max_compute_invocations_per_workgroup,
                max_compute_workgroup_size_x: l.max_compute_workgroup_size_x,
                max_compute_workgroup_size_y: l.max_compute_workgroup_size_y,
                max_compute_workgroup_size_z: l.max_compute_workgroup_size_z,
                max_compute_workgroups_per_dimension: l.max_compute_workgroups_per_dimension,
                subgroup_min_size: i.subgroup_min_size,
                subgroup_max_size: i.subgroup_max_size,
            },
        }
    }
}

/// The cell of one result: `pass 3.1e-6`, `FAIL`, `known`, `UNEXPECTED PASS`, `n/a`.
pub fn cell(r: &CheckResult) -> String {
    match r.status {
        Status::Pass => format!("pass {:.1e}", r.max_rel_err.unwrap_or(0.0)),
        Status::Fail => "FAIL".to_string(),
        Status::KnownFailure => "known".to_string(),
        Status::UnexpectedPass => "UNEXPECTED PASS".to_string(),
        Status::NotAvailable => "n/a".to_string(),
    }
}

/// The table: a legend of the adapters, one row per check and one column per adapter, a
/// summary line, then every failure, known failure and unexpected pass in full.
pub fn table(run: &Run) -> String {
    let mut s = String::new();
    for (i, a) in run.adapters.iter().enumerate() {
        let driver: Vec<&str> = [a.adapter.driver.as_str(), a.adapter.driver_info.as_str()]
            .into_iter()
            .filter(|d| !d.is_empty())
            .collect();
        let _ = writeln!(
            s,
            "[{i}] {} ({}, driver {})",
            a.adapter.id,
            a.adapter.device_type,
            driver.join(" ")
        );
    }
    let checks: Vec<&str> = run
        .adapters
        .first()
        .map(|a| a.results.iter().map(|r| r.check.as_str()).collect())
        .unwrap_or_default();
    let name_w = checks.iter().map(|c| c.len()).max().unwrap_or(0).max(5);
    let cells: Vec<Vec<String>> = run
        .adapters
        .iter()
        .map(|a| a.results.iter().map(cell).collect())
        .collect();
    let widths: Vec<usize> = cells
        .iter()
        .enumerate()
        .map(|(i, col)| {
            col.iter()
                .map(|c| c.len())
                .chain([format!("[{i}]").len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let _ = write!(s, "\n{:name_w$}", "check");
    for (i, w) in widths.iter().enumerate() {
        let _ = write!(s, "  {:w$}", format!("[{i}]"));
    }
    s.push('\n');
    for (row, check) in checks.iter().enumerate() {
        let _ = write!(s, "{check:name_w$}");
        for (col, w) in widths.iter().enumerate() {
            let _ = write!(s, "  {:w$}", cells[col][row]);
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "\n{} checks on {} adapter(s): {} pass, {} FAIL, {} known failures, {} UNEXPECTED PASS, \
         {} n/a; {:.1} s",
        checks.len(),
        run.adapters.len(),
        run.count(Status::Pass),
        run.count(Status::Fail),
        run.count(Status::KnownFailure),
        run.count(Status::UnexpectedPass),
        run.count(Status::NotAvailable),
        run.wall_ms / 1e3
    );
    for r in run.adapters.iter().flat_map(|a| &a.results) {
        let text = r.error.as_deref().unwrap_or("");
        match r.status {
            Status::Fail => {
                let _ = writeln!(s, "\nFAIL [{}] {}:\n  {text}", r.adapter, r.check);
            }
            Status::KnownFailure => {
                let _ = writeln!(s, "\nknown failure [{}] {}:\n  {text}", r.adapter, r.check);
            }
            Status::UnexpectedPass => {
                let _ = writeln!(
                    s,
                    "\nUNEXPECTED PASS [{}] {}: the expectations table lists it as failing here; \
                     remove the entry (src/selftest/expectations.rs)",
                    r.adapter, r.check
                );
            }
            Status::Pass | Status::NotAvailable => {}
        }
    }
    s
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    evomoe_version: &'static str,
    wall_ms: f64,
    summary: Summary,
    adapters: Vec<JsonAdapter<'a>>,
}

#[derive(Serialize)]
struct Summary {
    checks: usize,
    pass: usize,
    fail: usize,
    known_failure: usize,
    unexpected_pass: usize,
    not_available: usize,
}

#[derive(Serialize)]
struct JsonAdapter<'a> {
    #[serde(flatten)]
    adapter: &'a AdapterDescription,
    results: &'a [CheckResult],
}

/// The JSON report (pretty-printed), as `docs/selftest-schema.json` describes it.
pub fn json(run: &Run) -> String {
    let report = JsonReport {
        schema_version: SCHEMA_VERSION,
        evomoe_version: env!("CARGO_PKG_VERSION"),
        wall_ms: run.wall_ms,
        summary: Summary {
            checks: run.adapters.first().map_or(0, |a| a.results.len()),
            pass: run.count(Status::Pass),
            fail: run.count(Status::Fail),
            known_failure: run.count(Status::KnownFailure),
            unexpected_pass: run.count(Status::UnexpectedPass),
            not_available: run.count(Status::NotAvailable),
        },
        adapters: run
            .adapters
            .iter()
            .map(|a| JsonAdapter {
                adapter: &a.adapter,
                results: &a.results,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&report).expect("the report serializes")
}
