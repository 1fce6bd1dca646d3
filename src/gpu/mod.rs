//! The GPU runtime: adapter choice and device ([`context`]), typed tensors ([`tensor`]),
//! compiled kernels and recorded dispatches ([`kernel`]), the timestamp profiler ([`profiler`]),
//! the non-blocking scalar readback ring ([`readback`]), the one-shot slot that turns wgpu's
//! callbacks into futures ([`signal`]) and the capture of validation-layer errors
//! ([`validation`]).

pub mod context;
pub mod kernel;
pub mod profiler;
pub mod readback;
pub mod signal;
pub mod tensor;
pub mod validation;

pub use context::{AdapterOptions, Gpu};
pub use kernel::{Buffers, Dispatch, Kernel, Workgroups};
pub use profiler::Profiler;
pub use readback::ReadbackRing;
pub use tensor::{DType, Tensor};
