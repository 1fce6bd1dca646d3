//! The memory estimate ([`evomoe::model::memory::plan`]) against what `Model::new` really
//! allocates, on every adapter: for every method, dense and MoE, and shapes where different
//! terms dominate (the head, attention, the FFN, many experts), the estimate is never below the
//! allocated bytes and at most 25% above them. And the check refuses a model that cannot fit,
//! naming the need and the limit, before allocating anything.

use evomoe::function_name;
use evomoe::model::memory;
use evomoe::model::transformer::Model;
use evomoe::ops::adamw::AdamwConfig;
use evomoe::optim::Optimizer;
use evomoe::testing::on_every_adapter;
use evomoe::train::config::RunConfig;
use evomoe::{Error, Result};

fn config(method: &str, overrides: &[&str]) -> RunConfig {
    let o: Vec<String> = overrides.iter().map(|s| s.to_string()).collect();
    RunConfig::resolve(Some("tiny"), Some(method), "", &o).unwrap()
}

#[test]
fn the_estimate_bounds_what_the_model_allocates() {
    let shapes: [&[&str]; 4] = [
        // The tiny preset itself.
        &[],
        // Long context: attention's (B, H, T, T) dominates.
        &[
            "model.context=128",
            "model.d_model=32",
            "model.d_ff=64",
            "model.n_head=4",
        ],
        // Many experts in every block, wide FFN.
        &[
            "model.context=16",
            "model.d_model=32",
            "model.d_ff=128",
            "model.n_head=2",
            "moe.experts=16",
            "moe.moe_every=1",
            "model.n_layer=3",
        ],
        // An odd number of blocks with MoE every second one.
        &[
            "model.n_layer=3",
            "model.context=32",
            "model.d_model=32",
            "model.d_ff=64",
        ],
    ];
    on_every_adapter(function_name!(), async |gpu| {
        for method in [
            "evomoe",
            "dts",
            "switch",
            "top2",
            "hash",
            "dense",
            "dense-wide",
        ] {
            for overrides in shapes {
                let run = config(method, overrides);
                let cfg = run.gpt_config();
                let (b, t) = (run.train.batch, run.model.context);
                let plan = memory::plan(&cfg, b, t);
                let before = gpu.tensor_bytes();
                let model = Model::new(gpu, &cfg, b, t)?;
                let opt = Optimizer::new(gpu, &model, AdamwConfig::default())?;
                let allocated = (gpu.tensor_bytes() - before) as u128;
                let params = model.num_params() as u128;
                drop((model, opt));
                let ratio = plan.gpu_bytes as f64 / allocated as f64;
                if plan.params != params || !(1.0..=1.25).contains(&ratio) {
                    return Err(Error::Config(format!(
                        "{method} {overrides:?}: estimated {} bytes and {} parameters, \
                         allocated {allocated} bytes and {params} parameters (ratio {ratio:.3})",
                        plan.gpu_bytes, plan.params
                    )));
                }
            }
        }
        Ok(())
    });
}

#[test]
fn a_model_that_cannot_fit_is_refused_before_allocating() {
    on_every_adapter(function_name!(), async |gpu| {
        let before = gpu.tensor_bytes();
        // Far more layers than any machine holds.
        let run = config("evomoe", &["model.n_layer=100000"]);
        let err = memory::check(
            gpu,
            &run.gpt_config(),
            run.train.batch,
            run.model.context,
            0,
        );
        // Attention probabilities of a huge context pass any binding limit.
        let wide = config("dense", &["model.context=65536", "train.batch=64"]);
        let err2 = memory::check(gpu, &wide.gpt_config(), 64, 65536, 0);
        if gpu.tensor_bytes() != before {
            return Err(Error::Config("the check allocated buffers".into()));
        }
        let msg = match err {
            Ok(()) => return Err(Error::Config("100000 layers were accepted".into())),
            Err(e) => e.to_string(),
        };
        if !(msg.contains("host memory") && msg.contains("available") && msg.contains("GiB")) {
            return Err(Error::Config(format!("unclear message: {msg}")));
        }
        let msg2 = match err2 {
            Ok(()) => return Err(Error::Config("a 65536 context was accepted".into())),
            Err(e) => e.to_string(),
        };
        if !(msg2.contains("attention probabilities") && msg2.contains("allows")) {
            return Err(Error::Config(format!("unclear message: {msg2}")));
        }
        eprintln!("[{}] {msg}\n[{}] {msg2}", gpu.name(), gpu.name());
        Ok(())
    });
}

/// The parameter count of a million-block model comes from a few blocks' specs, exactly.
#[test]
fn parameter_count_needs_no_full_spec_list() -> Result<()> {
    for method in ["evomoe", "switch", "dense"] {
        for layers in [1usize, 2, 3, 7] {
            let every = if layers == 1 { "1" } else { "2" };
            let run = config(
                method,
                &[
                    &format!("model.n_layer={layers}"),
                    &format!("moe.moe_every={every}"),
                ],
            );
            let cfg = run.gpt_config();
            let specs: u128 = evomoe::model::params::model_specs(&cfg)
                .iter()
                .map(|s| s.numel() as u128)
                .sum();
            assert_eq!(memory::plan(&cfg, 2, 8).params, specs, "{method} {layers}");
        }
    }
    Ok(())
}
