//! evomoe-wgpu: train Mixture-of-Experts Transformers with the EvoMoE method on any GPU through
//! WebGPU (wgpu).
//!
//! Layout (docs/ARCHITECTURE.md describes it and the conventions; docs/EVOMOE.md the method):
//! - [`error`]: the crate's `Error` and `Result`;
//! - [`gpu`]: adapter choice, device, tensors, pipeline cache, dispatches, profiler, readback;
//! - [`shaders`]: the registry of every WGSL file under `shaders/`;
//! - [`ops`]: one module per op, each with its CPU reference, gradient derivation and GPU launcher;
//! - [`optim`]: AdamW over any model's parameter list: moments, clipping, updates, EvoMoE's spawn;
//! - [`graph`]: the tape that records the forward pass and replays the backward;
//! - [`model`]: configs, typed parameters, the Transformer (LM decoder, masked-LM encoder);
//! - [`moe`]: the MoE layer: gates, EvoMoE schedule and spawn, GPU routing, expert FFNs;
//! - [`train`]: run configs, data, learning-rate schedule, checkpoints, the training loop;
//! - [`tokens`]: byte-level BPE tokenizers and memory-mapped token files (nanoGPT format);
//! - [`compare`]: `evomoe compare`, every method trained side by side, its table and plots;
//! - [`precision`]: f32 <-> f64 conversions of the CPU references;
//! - [`plot`]: PNG charts of training runs (bundled font, no system libraries);
//! - [`bench`]: the benchmarks behind `evomoe bench` and `benches/`;
//! - [`selftest`]: every kernel's correctness check, for `evomoe selftest` and the tests;
//! - [`testing`]: tolerances and run-on-every-adapter helpers shared by tests and benches.
//!
//! Everything is `async` where it waits for the GPU, and the core (all but `bench`, `compare`,
//! `plot` and the test harness, which are native tools) builds for `wasm32-unknown-unknown`:
//! the browser page in `web/` runs the selftest and trains on the browser's WebGPU.

#[cfg(not(target_arch = "wasm32"))]
pub mod bench;
#[cfg(not(target_arch = "wasm32"))]
pub mod compare;
pub mod error;
pub mod gpu;
pub mod graph;
pub mod model;
pub mod moe;
pub mod ops;
pub mod optim;
#[cfg(not(target_arch = "wasm32"))]
pub mod plot;
pub mod precision;
pub mod selftest;
pub mod shaders;
pub mod testing;
#[cfg(not(target_arch = "wasm32"))]
pub mod tokens;
pub mod train;

pub use error::{Error, Result};
pub use gpu::{Gpu, Tensor};
