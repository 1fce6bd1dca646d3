//! evomoe-wgpu: train Mixture-of-Experts Transformers with the EvoMoE method on any GPU through
//! WebGPU (wgpu).
//!
//! Layout (see README's architecture section):
//! - [`gpu`]: adapter choice, device, tensors, pipeline cache, dispatches, profiler, readback;
//! - [`shaders`]: the registry of every WGSL file under `shaders/`;
//! - [`ops`]: one module per op, each with its CPU reference, gradient derivation and GPU launcher;
//! - [`graph`]: the tape that records the forward pass and replays the backward;
//! - [`model`]: configs, parameters, the GPT;
//! - [`train`]: data, learning-rate schedule;
//! - [`plot`]: PNG charts of training runs (bundled font, no system libraries);
//! - [`testing`]: tolerances and helpers shared by tests, benches and the selftest.

pub mod bench;
pub mod error;
pub mod gpu;
pub mod graph;
pub mod model;
pub mod moe;
pub mod ops;
pub mod plot;
pub mod shaders;
pub mod testing;
pub mod train;

pub use error::{Error, Result};
pub use gpu::{Gpu, Tensor};
