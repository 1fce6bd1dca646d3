//! Benchmarks callable from both `evomoe bench <family>` and criterion (`benches/`): each family
//! checks its kernels' results against a CPU reference before timing them, times with GPU
//! timestamp queries where the adapter has them ([`crate::gpu::profiler::time_sequence`]), and
//! reports the adapter's name and backend with every table.
//!
//! Families: [`matmul`] (GFLOP/s of every matmul variant on square and model shapes), [`step`]
//! (tokens/s of a full training step with its per-op breakdown), [`head`] (the tied LM head at a
//! 50k vocabulary: its matmuls and cross-entropy against the matmuls alone), [`moe`] (one MoE layer: the
//! scattered path against a dense FFN, the padded baseline and the all-experts phase) and
//! [`moe_step`] (the GPT-MoE training step in each EvoMoE phase against the dense GPT), and
//! the kernel families [`kernels`] (attention, layernorm, cross-entropy) and [`moe_kernels`]
//! (gate, route, expert FFN). Every figure is reported next to its fraction of the adapter's
//! own measured peaks ([`peak`]); [`report`] formats them, [`limits`] checks sizes first.

pub mod head;
pub mod kernels;
pub mod limits;
pub mod matmul;
pub mod moe;
pub mod moe_kernels;
pub mod moe_step;
pub mod peak;
pub mod report;
pub mod step;

/// Escapes a string for a JSON string literal (the reports are small; no serde needed).
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A finite f64 as JSON, `null` otherwise.
pub fn json_num(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{v}"),
        _ => "null".into(),
    }
}
