//! `cargo bench --bench moe`: the MoE layer benchmark ([`evomoe::bench::moe`]) on the default
//! adapter (select with WGPU_BACKEND / WGPU_ADAPTER_NAME). Not a criterion bench: it prints the
//! same table as `evomoe bench moe`. Environment overrides: `MOE_BENCH_N`, `MOE_BENCH_D`,
//! `MOE_BENCH_F`, `MOE_BENCH_E` (comma list), `MOE_BENCH_REPS`, and `MOE_BENCH_DTS=0` to skip the
//! all-experts cases. The number of interleaved rounds is always the default of
//! [`MoeBenchConfig`] (3); `evomoe bench moe --rounds N` runs more.

use evomoe::bench::moe::{run_and_print, MoeBenchConfig};

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let mut cfg = MoeBenchConfig::default();
    cfg.n = env_usize("MOE_BENCH_N").unwrap_or(cfg.n);
    cfg.d = env_usize("MOE_BENCH_D").unwrap_or(cfg.d);
    cfg.f = env_usize("MOE_BENCH_F").unwrap_or(cfg.f);
    cfg.reps = env_usize("MOE_BENCH_REPS")
        .map(|r| r as u32)
        .unwrap_or(cfg.reps);
    if let Ok(list) = std::env::var("MOE_BENCH_E") {
        cfg.experts = list
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect();
    }
    if std::env::var("MOE_BENCH_DTS").is_ok_and(|v| v == "0") {
        cfg.dts = false;
    }
    let gpu = match pollster::block_on(evomoe::Gpu::default_adapter()) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("moe bench: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = pollster::block_on(run_and_print(&gpu, &cfg)) {
        eprintln!("moe bench failed: {e}");
        std::process::exit(1);
    }
}
