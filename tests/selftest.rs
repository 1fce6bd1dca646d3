//! The cargo-test front end of `evomoe selftest`: every check (`selftest::all_checks`, the dense
//! ops and the MoE kernels) on every adapter through the same runner, failing with the list of
//! every unexpected result. Then what makes the selftest trustworthy: a corrupted kernel result
//! and a panicking check fail it (and the run goes on); the expectations table matches only the
//! exact error text and reports a listed check that passes; the JSON report validates against
//! `docs/selftest-schema.json`; the `evomoe selftest` command exits 0 on a good run and writes
//! valid JSON, and refuses bad input with one `error:` line.

mod common;

use common::{assert_fails, evomoe};
use std::collections::BTreeSet;

use evomoe::gpu::DType;
use evomoe::ops::gelu::{gelu_forward, gelu_forward_cpu};
use evomoe::selftest::expectations::{classify, AdapterKey, Expectation, Status};
use evomoe::selftest::runner::{self, Run};
use evomoe::selftest::{all_checks, report, Check, Compare, Verdict};
use evomoe::testing::{
    adapters_for_tests, assert_outcomes, random_vec, run_with_expectations, Tolerance,
};
use evomoe::{Error, Tensor};
use serde_json::Value;

const SCHEMA: &str = include_str!("../docs/selftest-schema.json");

/// The adapters to test on; none is a failure, never a silent pass.
fn adapters() -> Vec<wgpu::Adapter> {
    let adapters = adapters_for_tests().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !adapters.is_empty(),
        "no adapter: {}",
        evomoe::error::INSTALL_HINT
    );
    adapters
}

#[test]
fn every_check_passes_on_every_adapter() {
    let checks = all_checks();
    let names: BTreeSet<&str> = checks.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), checks.len(), "check names must be unique");
    for c in &checks {
        assert!(
            c.name.starts_with(&format!("{}.", c.family)),
            "{} is not in its family {}",
            c.name,
            c.family
        );
    }
    let run = runner::run(
        &checks,
        adapters(),
        evomoe::selftest::expectations::EXPECTED_FAILURES,
        true,
    );
    eprintln!("{}", report::table(&run));
    for family in [
        "matmul",
        "layernorm",
        "attention",
        "gate",
        "route",
        "expert_ffn",
        "padded_ffn",
        "spawn",
        "moe_layer",
    ] {
        assert!(
            checks.iter().any(|c| c.family == family),
            "no check of family {family}"
        );
    }
    // lavapipe has subgroups of 8 and everything else a variant needs: there, `n/a` is a
    // failure, so that a variant cannot silently drop out of the suite.
    let dropped: Vec<String> = run
        .adapters
        .iter()
        .flat_map(|a| &a.results)
        .filter(|r| r.adapter.starts_with("vulkan/llvmpipe") && r.status == Status::NotAvailable)
        .map(|r| {
            format!(
                "[{}] {}: {}",
                r.adapter,
                r.check,
                r.error.as_deref().unwrap_or("")
            )
        })
        .collect();
    assert!(
        dropped.is_empty(),
        "n/a on lavapipe:\n{}",
        dropped.join("\n")
    );
    let bad: Vec<String> = run
        .bad()
        .iter()
        .map(|r| {
            format!(
                "[{}] {}: {} {}",
                r.adapter,
                r.check,
                r.status.as_str(),
                r.error.as_deref().unwrap_or("")
            )
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{} unexpected result(s):\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// GELU on the GPU, compared after `corrupt` has changed the result.
fn gelu_check(name: &str, corrupt: fn(&mut Vec<f32>)) -> Check {
    Check::new("gelu", name, move |gpu| {
        Box::pin(async move {
            let x: Vec<f32> = random_vec(1, 129).iter().map(|v| 4.0 * v).collect();
            let tx = Tensor::from_f32(gpu, &[x.len()], &x, "x")?;
            let tout = Tensor::zeros(gpu, &[x.len()], DType::F32, "out")?;
            gpu.run(&[&gelu_forward(gpu, &tx, &tout)?])?;
            let mut got = tout.read_f32(gpu).await?;
            corrupt(&mut got);
            let mut cmp = Compare::new();
            cmp.check("gelu out", &got, &gelu_forward_cpu(&x), Tolerance::F32)?;
            Ok(cmp.pass())
        })
    })
}

/// One check of each kind: a good kernel, a corrupted result, a panic, a listed failure, a
/// listed pass, an unavailable variant.
fn synthetic_checks() -> Vec<Check> {
    vec![
        gelu_check("gelu.good", |_| {}),
        gelu_check("gelu.corrupted", |v| v[3] += 0.01),
        Check::new("gelu", "gelu.panics", |_| {
            Box::pin(async { panic!("kernel table index out of range") })
        }),
        Check::new("gelu", "gelu.known", |_| {
            Box::pin(async { Err(Error::Config("the known driver bug".into())) })
        }),
        Check::new("gelu", "gelu.fixed", |_| {
            Box::pin(async { Ok(Verdict::Pass { max_rel_err: 0.0 }) })
        }),
        Check::new("gelu", "gelu.missing", |_| {
            Box::pin(async { Ok(Verdict::NotAvailable("needs a feature".into())) })
        }),
    ]
}

/// Entries for every adapter: `gelu.known` with its exact text, `gelu.fixed` (which passes).
const SYNTHETIC_TABLE: &[Expectation] = &[
    Expectation {
        backend: None,
        vendor: None,
        adapter: "",
        driver_info: "",
        check: "gelu.known",
        error: "the known driver bug",
        reason: "test entry",
    },
    Expectation {
        backend: None,
        vendor: None,
        adapter: "",
        driver_info: "",
        check: "gelu.fixed",
        error: "whatever it used to say",
        reason: "test entry",
    },
];

fn synthetic_run() -> Run {
    runner::run(&synthetic_checks(), adapters(), SYNTHETIC_TABLE, false)
}

#[test]
fn corrupted_results_panics_and_stale_entries_fail_the_selftest() {
    let run = synthetic_run();
    let table = report::table(&run);
    eprintln!("{table}");
    for a in &run.adapters {
        let status: Vec<(&str, Status)> = a
            .results
            .iter()
            .map(|r| (r.check.as_str(), r.status))
            .collect();
        assert_eq!(
            status,
            [
                ("gelu.good", Status::Pass),
                ("gelu.corrupted", Status::Fail),
                ("gelu.panics", Status::Fail),
                ("gelu.known", Status::KnownFailure),
                ("gelu.fixed", Status::UnexpectedPass),
                ("gelu.missing", Status::NotAvailable),
            ],
            "{}",
            a.adapter.id
        );
        let good = &a.results[0];
        assert!(good.max_rel_err.is_some_and(|e| e < 1e-4), "{good:?}");
        let corrupted = a.results[1].error.as_deref().unwrap_or("");
        assert!(
            corrupted.contains("gelu out: 1 of 129 elements differ; worst at 3"),
            "{corrupted}"
        );
        let panicked = a.results[2].error.as_deref().unwrap_or("");
        assert_eq!(panicked, "panic: kernel table index out of range");
    }
    // Every adapter's failure and unexpected pass fail the run; the others do not.
    let bad: BTreeSet<&str> = run.bad().iter().map(|r| r.check.as_str()).collect();
    assert_eq!(
        bad,
        BTreeSet::from(["gelu.corrupted", "gelu.panics", "gelu.fixed"])
    );
    assert_eq!(run.bad().len(), 3 * run.adapters.len());
    for cell in ["pass ", "FAIL", "known", "UNEXPECTED PASS", "n/a"] {
        assert!(table.contains(cell), "`{cell}` missing from\n{table}");
    }
    assert!(
        table.contains("worst at 3"),
        "failure text missing:\n{table}"
    );
}

fn key(backend: &str, vendor: u32, name: &str, driver_info: &str) -> AdapterKey {
    AdapterKey {
        backend: backend.into(),
        vendor,
        name: name.into(),
        driver_info: driver_info.into(),
    }
}

#[test]
fn expectations_match_the_adapter_check_and_exact_text() {
    let table = [Expectation {
        backend: Some("vulkan"),
        vendor: Some(0x8086),
        adapter: "A770",
        driver_info: "Mesa 24.",
        check: "matmul.forward.tiled.nn",
        error: "C: 3 of 9 elements differ",
        reason: "test entry",
    }];
    let check = "matmul.forward.tiled.nn";
    let arc = key(
        "vulkan",
        0x8086,
        "Intel(R) Arc(tm) A770 Graphics",
        "Mesa 24.1.3",
    );
    let fail = |text: &str| Err(text.to_string());
    let pass = Ok(Verdict::Pass { max_rel_err: 1e-6 });
    let exact = fail("C: 3 of 9 elements differ");
    // The exact text on the listed adapter: known.
    assert_eq!(classify(&table, &arc, check, &exact), Status::KnownFailure);
    // Another text (even one containing the listed one) is a new failure.
    for other in [
        "C: 4 of 9 elements differ",
        "C: 3 of 9 elements differ; worst at 2",
        "",
    ] {
        assert_eq!(classify(&table, &arc, check, &fail(other)), Status::Fail);
    }
    // A pass of a listed check is reported.
    assert_eq!(classify(&table, &arc, check, &pass), Status::UnexpectedPass);
    // Every key field must match.
    for other in [
        key(
            "gl",
            0x8086,
            "Intel(R) Arc(tm) A770 Graphics",
            "Mesa 24.1.3",
        ),
        key(
            "vulkan",
            0x10de,
            "Intel(R) Arc(tm) A770 Graphics",
            "Mesa 24.1.3",
        ),
        key(
            "vulkan",
            0x8086,
            "Intel(R) Arc(tm) A750 Graphics",
            "Mesa 24.1.3",
        ),
        key(
            "vulkan",
            0x8086,
            "Intel(R) Arc(tm) A770 Graphics",
            "Mesa 23.3.6",
        ),
    ] {
        assert_eq!(classify(&table, &other, check, &exact), Status::Fail);
        assert_eq!(classify(&table, &other, check, &pass), Status::Pass);
    }
    // Another check with the same text is a new failure; not available stays not available.
    let other_check = "matmul.forward.tiled.nt";
    assert_eq!(classify(&table, &arc, other_check, &exact), Status::Fail);
    let na = Ok(Verdict::NotAvailable("no subgroups".into()));
    assert_eq!(classify(&table, &arc, check, &na), Status::NotAvailable);
    // The empty table: a failure is a failure.
    assert_eq!(classify(&[], &arc, check, &exact), Status::Fail);
}

#[test]
fn on_every_adapter_fails_on_an_unexpected_pass_and_accepts_a_known_failure() {
    let listed = |check: &'static str, error: &'static str| Expectation {
        backend: None,
        vendor: None,
        adapter: "",
        driver_info: "",
        check,
        error,
        reason: "test entry",
    };
    let table = [listed("passes", "old text"), listed("fails", "known text")];
    let passes = run_with_expectations("passes", &table, async |_| Ok(())).unwrap();
    assert!(passes.iter().all(|o| o.unexpected_pass), "{passes:?}");
    let r = std::panic::catch_unwind(|| assert_outcomes("passes", &passes));
    assert!(r.is_err(), "an unexpected pass must fail the test");

    let fails = run_with_expectations("fails", &table, async |_| {
        Err(Error::Config("known text".into()))
    })
    .unwrap();
    assert!(fails.iter().all(|o| o.expected_failure), "{fails:?}");
    assert_outcomes("fails", &fails);

    let new = run_with_expectations("fails", &table, async |_| {
        Err(Error::Config("another text".into()))
    })
    .unwrap();
    assert!(new.iter().all(|o| !o.expected_failure), "{new:?}");
    let r = std::panic::catch_unwind(|| assert_outcomes("fails", &new));
    assert!(r.is_err(), "a failure with another text must fail the test");
}

// ---------------------------------------------------------------- the JSON report

/// Validates `value` against a JSON Schema (the subset `docs/selftest-schema.json` uses: `type`,
/// `const`, `enum`, `required`, `properties`, `additionalProperties: false`, `items`,
/// `minimum`, `$ref` into `$defs`). A keyword outside the subset is an error, so the schema
/// cannot outgrow the validator unnoticed. Returns every violation with its path.
fn validate(schema: &Value, root: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    const ANNOTATIONS: &[&str] = &["$schema", "$id", "title", "description", "$defs"];
    let Some(obj) = schema.as_object() else {
        errors.push(format!("{path}: schema is not an object"));
        return;
    };
    for (k, s) in obj {
        match k.as_str() {
            "$ref" => {
                let name = s.as_str().unwrap_or("").trim_start_matches("#/$defs/");
                match root["$defs"].get(name) {
                    Some(def) => validate(def, root, value, path, errors),
                    None => errors.push(format!("{path}: unresolved $ref {s}")),
                }
            }
            "type" => {
                let types: Vec<&str> = match s {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().filter_map(|t| t.as_str()).collect(),
                    _ => vec![],
                };
                let ok = types.iter().any(|t| match *t {
                    "object" => value.is_object(),
                    "array" => value.is_array(),
                    "string" => value.is_string(),
                    "number" => value.is_number(),
                    "integer" => value.is_u64() || value.is_i64(),
                    "boolean" => value.is_boolean(),
                    "null" => value.is_null(),
                    _ => false,
                });
                if !ok {
                    errors.push(format!("{path}: {value} is not of type {s}"));
                }
            }
            "const" if value != s => errors.push(format!("{path}: {value} is not {s}")),
            "enum" if !s.as_array().is_some_and(|a| a.contains(value)) => {
                errors.push(format!("{path}: {value} is not one of {s}"))
            }
            "minimum" => {
                if let (Some(v), Some(min)) = (value.as_f64(), s.as_f64()) {
                    if v < min {
                        errors.push(format!("{path}: {v} < {min}"));
                    }
                }
            }
            "required" => {
                for field in s.as_array().into_iter().flatten() {
                    let f = field.as_str().unwrap_or("");
                    if value.is_object() && value.get(f).is_none() {
                        errors.push(format!("{path}: `{f}` missing"));
                    }
                }
            }
            "properties" => {
                let props = s.as_object().expect("properties is an object");
                for (name, v) in value.as_object().into_iter().flatten() {
                    match props.get(name) {
                        Some(p) => validate(p, root, v, &format!("{path}.{name}"), errors),
                        None if obj.get("additionalProperties") == Some(&Value::Bool(false)) => {
                            errors.push(format!("{path}: unexpected field `{name}`"))
                        }
                        None => {}
                    }
                }
            }
            "items" => {
                for (i, v) in value.as_array().into_iter().flatten().enumerate() {
                    validate(s, root, v, &format!("{path}[{i}]"), errors);
                }
            }
            "additionalProperties" if s == &Value::Bool(false) => {}
            "const" | "enum" => {}
            other if ANNOTATIONS.contains(&other) => {}
            other => errors.push(format!("{path}: schema keyword `{other}` not supported")),
        }
    }
}

fn schema_errors(report: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    let mut errors = Vec::new();
    validate(&schema, &schema, report, "$", &mut errors);
    errors
}

#[test]
fn json_report_validates_against_the_schema() {
    let run = synthetic_run();
    let report: Value = serde_json::from_str(&report::json(&run)).unwrap();
    let errors = schema_errors(&report);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(report["schema_version"], report::SCHEMA_VERSION);
    assert_eq!(report["summary"]["checks"], 6);
    assert_eq!(report["summary"]["fail"], 2 * run.adapters.len());
    let results = &report["adapters"][0]["results"];
    assert_eq!(results[3]["status"], "known-failure");
    assert_eq!(results[3]["error"], "the known driver bug");
    assert!(results[0]["max_rel_err"].is_number());

    // The validator can fail: a missing field, a bad status, a wrong type, an extra field.
    let mut broken = report.clone();
    broken["adapters"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("status");
    broken["adapters"][0]["results"][1]["status"] = "flaky".into();
    broken["adapters"][0]["vendor"] = "0x10de".into();
    broken["summary"]["extra"] = 1.into();
    let errors = schema_errors(&broken);
    assert_eq!(errors.len(), 4, "{}", errors.join("\n"));
}

// ---------------------------------------------------------------- the command

#[test]
fn cli_runs_a_filtered_selftest_and_writes_a_valid_report() {
    let path = std::env::temp_dir().join(format!("evomoe-selftest-{}.json", std::process::id()));
    let p = path.to_str().unwrap();
    let o = evomoe(&["selftest", "--filter", "elementwise.", "--json", p]);
    assert_eq!(o.code, 0, "stdout:\n{}\nstderr:\n{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("elementwise.copy"), "{}", o.stdout);
    assert!(
        o.stderr.contains("selftest: 5/"),
        "no progress: {}",
        o.stderr
    );
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    std::fs::remove_file(&path).ok();
    let errors = schema_errors(&report);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(report["summary"]["checks"], 5);
    assert_eq!(
        report["adapters"].as_array().unwrap().len(),
        adapters().len()
    );
    for a in report["adapters"].as_array().unwrap() {
        for r in a["results"].as_array().unwrap() {
            assert_eq!(r["status"], "pass", "{r}");
        }
    }
}

#[test]
fn cli_lists_every_check() {
    let o = evomoe(&["selftest", "--list"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let listed: Vec<&str> = o.stdout.lines().collect();
    let names: Vec<String> = all_checks().into_iter().map(|c| c.name).collect();
    assert_eq!(listed, names);
}

#[test]
fn cli_refuses_bad_input_with_one_error_line() {
    assert_fails(
        "selftest",
        &evomoe(&["selftest", "--filter", "no-such-check"]),
        &["--filter `no-such-check` matches none of the"],
    );
    assert_fails(
        "selftest",
        &evomoe(&[
            "selftest",
            "--filter",
            "elementwise.add",
            "--json",
            "/nonexistent-dir/report.json",
        ]),
        &["cannot write --json /nonexistent-dir/report.json"],
    );
    assert_fails(
        "selftest",
        &evomoe(&[
            "--backend",
            "vulkan",
            "--adapter",
            "no-such-adapter",
            "selftest",
        ]),
        &["no adapter matches"],
    );
}
