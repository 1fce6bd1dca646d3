//! The ops: one module per WGSL file, each with its parameter struct (mirroring the WGSL
//! uniform), a CPU reference with f64 accumulation, the hand-derived gradient in its header
//! comment, and GPU launchers that return replayable [`crate::gpu::Dispatch`]es.

pub mod adamw;
pub mod attention;
pub mod cross_entropy;
pub mod matmul;
pub mod rng;
