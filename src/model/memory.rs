//! What a model will take before it is built: the bytes of every buffer [`crate::model::transformer::Model::new`]
//! allocates for a `batch x seq` step, the largest single buffer, and the host memory the run
//! keeps beside them, checked against the adapter's buffer limits and the host's available
//! memory so that an impossible model is refused with one line instead of allocating until the
//! machine swaps.
//!
//! The estimate follows `Model::new` term by term (sizes in f32 elements, `N = B T`, width `C`,
//! FFN width `F`, vocabulary `V`, heads `H`, `L` blocks, `P` parameters, `E` experts, `K` slots
//! per token of a gate):
//!
//! ```text
//! parameters        4 P                      value, gradient, AdamW m and v
//! head              N V + 2 N                logits (overwritten in place by their gradient in
//!                                            the backward: no second N x V tensor) and the
//!                                            cross-entropy's row max and log-sum
//! residual stream   (L + 1) N C
//! scratch           8 N C + 2 N F + N        dres dln datt dqkv(3) lnf(1) ... and ones
//! per block         9 N C + 6 N + 2 B H T T  ln1 qkv(3) att proj mid ln2 ffo, means, rstds,
//!                   + 256                    attention probabilities and their gradient,
//!                                            every tensor's rounding to 16 bytes
//! dense FFN         2 N F                    h, hg (dense blocks and EvoMoE base experts)
//! MoE layer         3 N K + 7 N E (+ N C)    gate, routing, dsel (jittered input),
//!                   + N K / 4 + 16 E + 1024   routing tables, statistics, rounding
//!   scattered path  3 N K F + 3 N K C
//!   dense path      3 E N F + 3 E N C        (DTS gates only: h, act, dh, y, dy, dx per
//!                   + E N + N K               expert; row tables)
//! ```
//!
//! The test `tests/memory.rs` builds models of every method and checks that the estimate is
//! never below what `Model::new` allocated and at most a quarter above it, so the two cannot drift
//! apart unnoticed.

use crate::error::{Error, Result};
use crate::gpu::Gpu;
use crate::model::config::ModelConfig;
use crate::model::params::model_specs;
use crate::moe::gate::GateKind;

/// The planned memory of a model's training step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemoryPlan {
    /// Scalar parameters.
    pub params: u128,
    /// Bytes of every GPU buffer.
    pub gpu_bytes: u128,
    /// The largest single buffer: its name and bytes.
    pub largest: (String, u128),
    /// Host bytes the run holds at its peak beside the GPU buffers: the initial values while
    /// the model is built, then a checkpoint's copy of every parameter and both moments plus
    /// its serialised file.
    pub host_bytes: u128,
}

const F32: u128 = 4;

/// The memory of a `batch x seq` training step of `cfg` (see the module doc).
pub fn plan(cfg: &ModelConfig, batch: usize, seq: usize) -> MemoryPlan {
    let w = |x: usize| x as u128;
    let (b, t) = (w(batch), w(seq));
    let (n, c, f, v, h, l) = (
        b * t,
        w(cfg.d_model),
        w(cfg.d_ff),
        w(cfg.vocab),
        w(cfg.n_head),
        w(cfg.n_layer),
    );
    // Counting the parameters of a model with a million blocks must not build a million specs
    // when one block tells: blocks differ only by whether they hold an MoE layer.
    let params = param_count(cfg);
    let mut largest = ("logits (N, V)".to_string(), n * v * F32);
    let mut consider = |name: &str, elems: u128| {
        if elems * F32 > largest.1 {
            largest = (name.to_string(), elems * F32);
        }
    };
    let attention = b * h * t * t;
    consider("attention probabilities (B, H, T, T)", attention);
    let mut elems = 4 * params + n * v + 2 * n + (l + 1) * n * c + 8 * n * c + 2 * n * f + 2 * n;
    // Each of a block's ~60 tensors is rounded up to 16 bytes: 256 elements cover them.
    elems += l * (9 * n * c + 6 * n + 2 * attention + 256) + 1024;
    // Blocks `every, 2 every, ...` (1-based) hold an MoE layer.
    let moe_blocks = cfg.moe.as_ref().map_or(0, |m| l / w(m.every.max(1)));
    let dense_blocks = l - moe_blocks;
    elems += dense_blocks * 2 * n * f;
    if let Some(m) = &cfg.moe {
        let e = w(m.n_experts);
        let gate = m.gate_for(0, cfg.seed);
        let k = w(gate.k(m.n_experts));
        let mut per = 2 * n * k + 7 * n * e + n * k + 3 * n * k * f + 3 * n * k * c;
        // Routing tables (row tiles, per-chunk counts), statistics, the 16-byte rounding.
        per += n * k / 4 + 16 * e + 1024;
        if gate.kind != GateKind::Hash && gate.jitter > 0.0 {
            per += n * c;
        }
        consider("scattered expert activations (N K, F)", n * k * f);
        if gate.kind == GateKind::Dts {
            per += 3 * e * n * f + 3 * e * n * c + e * n + n * k;
            consider("dense expert activations (E, N, F)", e * n * f);
        }
        if m.spawn.is_some() {
            per += 2 * n * f;
        }
        elems += moe_blocks * per;
    }
    MemoryPlan {
        params,
        gpu_bytes: elems * F32,
        largest,
        host_bytes: 6 * params * F32,
    }
}

/// Scalar parameters of `cfg`, from the specs of the first blocks (every block of a kind is
/// alike).
fn param_count(cfg: &ModelConfig) -> u128 {
    let every = cfg.moe.as_ref().map_or(1, |m| m.every.max(1));
    let shown = cfg.n_layer.min(every);
    let mut small = cfg.clone();
    small.n_layer = shown;
    let specs = model_specs(&small);
    let numel = |name_prefix: &dyn Fn(&str) -> bool| -> u128 {
        specs
            .iter()
            .filter(|s| name_prefix(&s.name))
            .map(|s| s.numel() as u128)
            .sum()
    };
    let shared = numel(&|n| !n.starts_with('h'));
    // Blocks 0..shown: `every - 1` dense blocks then (when shown == every) one MoE block; the
    // pattern repeats `n_layer / every` times, then `n_layer % every` dense blocks.
    let block = |i: usize| -> u128 {
        let prefix = format!("h{i}.");
        numel(&|n| n.starts_with(&prefix))
    };
    let dense = block(0);
    let last = block(shown - 1);
    let l = cfg.n_layer as u128;
    let e = every as u128;
    if cfg.moe.is_some() && shown == every {
        let repeats = l / e;
        shared + repeats * ((e - 1) * dense + last) + (l % e) * dense
    } else {
        shared + l * dense
    }
}

/// Refuses, with one line naming the need and the limit, a model whose largest buffer passes
/// the adapter's binding limit, or whose host memory (plus the GPU buffers when the adapter is
/// a CPU and keeps them in host memory, plus `extra_host` bytes the caller holds, such as the
/// corpus) passes the host's available memory.
pub fn check(
    gpu: &Gpu,
    cfg: &ModelConfig,
    batch: usize,
    seq: usize,
    extra_host: u128,
) -> Result<()> {
    let p = plan(cfg, batch, seq);
    let binding = gpu
        .limits
        .max_storage_buffer_binding_size
        .min(gpu.limits.max_buffer_size) as u128;
    if p.largest.1 > binding {
        return Err(Error::Config(format!(
            "the model does not fit {}: its {} need {} in one buffer, the adapter allows {} \
             (make the model, batch or context smaller)",
            gpu.name(),
            p.largest.0,
            human(p.largest.1),
            human(binding)
        )));
    }
    let on_host = gpu.info.device_type == wgpu::DeviceType::Cpu;
    let host = p.host_bytes + extra_host + if on_host { p.gpu_bytes } else { 0 };
    if let Some(avail) = host_available_bytes() {
        if host > avail as u128 {
            return Err(Error::Config(format!(
                "the model does not fit this machine: {} parameters and {} of buffers need {} \
                 of host memory{}, {} is available (make the model, batch or context smaller)",
                p.params,
                human(p.gpu_bytes),
                human(host),
                if on_host {
                    format!(" ({} keeps its buffers in host memory)", gpu.name())
                } else {
                    String::new()
                },
                human(avail as u128)
            )));
        }
    }
    Ok(())
}

/// `MemAvailable` from `/proc/meminfo`; `None` elsewhere.
pub fn host_available_bytes() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Human-readable bytes (`3.2 GiB`).
pub fn human(bytes: u128) -> String {
    let b = bytes as f64;
    if b >= (1u64 << 40) as f64 {
        format!("{:.1} TiB", b / (1u64 << 40) as f64)
    } else if b >= (1u64 << 30) as f64 {
        format!("{:.1} GiB", b / (1u64 << 30) as f64)
    } else {
        format!("{:.1} MiB", b / (1u64 << 20) as f64)
    }
}
