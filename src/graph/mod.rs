//! The host graph: a tape of recorded ops.
//!
//! Model code builds the forward pass by calling op launchers and recording each op as a
//! [`Node`]: its forward dispatches and, bound at the same time to the activations it saved, the
//! hand-written backward dispatches. Because every buffer is planned once from the config, the
//! tape is built once and replayed every step: [`Tape::forward`] in recording order,
//! [`Tape::backward`] walking the nodes in reverse. A step therefore creates no buffer, pipeline
//! or bind group, and the whole of it (forward, loss, backward, clipping, AdamW) is encoded into
//! one command buffer and one submit.
//!
//! Gradient rule (llm.c): parameter gradients accumulate (`+=`, zeroed once per step);
//! activation gradients overwrite, except the residual stream and the MoE combine input, which
//! several consumers feed and which therefore accumulate.

use crate::error::Result;
use crate::gpu::{Dispatch, Gpu, Profiler};

/// One recorded op.
pub struct Node {
    pub name: String,
    pub forward: Vec<Dispatch>,
    pub backward: Vec<Dispatch>,
}

/// The recorded forward pass and its backward.
#[derive(Default)]
pub struct Tape {
    nodes: Vec<Node>,
}

impl Tape {
    pub fn new() -> Tape {
        Tape::default()
    }

    /// Records an op: its forward dispatches, and the backward dispatches that consume the
    /// gradient of its output (run in the given order when the tape is walked back).
    pub fn record(
        &mut self,
        name: impl Into<String>,
        forward: Vec<Dispatch>,
        backward: Vec<Dispatch>,
    ) {
        self.nodes.push(Node {
            name: name.into(),
            forward,
            backward,
        });
    }

    /// Forward dispatches in recording order.
    pub fn forward(&self) -> impl Iterator<Item = &Dispatch> {
        self.nodes.iter().flat_map(|n| n.forward.iter())
    }

    /// Backward dispatches: nodes in reverse order, each node's backward in its own order.
    pub fn backward(&self) -> impl Iterator<Item = &Dispatch> {
        self.nodes.iter().rev().flat_map(|n| n.backward.iter())
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// (forward, backward) dispatch counts.
    pub fn dispatch_counts(&self) -> (usize, usize) {
        (self.forward().count(), self.backward().count())
    }
}

/// Runs a sequence of dispatch lists as one submit.
pub fn run_all<'a>(gpu: &Gpu, parts: impl IntoIterator<Item = &'a Dispatch>) -> Result<()> {
    let list: Vec<&Dispatch> = parts.into_iter().collect();
    gpu.run(&list)
}

/// Runs a sequence with per-dispatch timing (for `bench step`).
pub fn profile_all<'a>(
    gpu: &Gpu,
    profiler: &mut Profiler,
    parts: impl IntoIterator<Item = &'a Dispatch>,
) -> Result<()> {
    let list: Vec<&Dispatch> = parts.into_iter().collect();
    profiler.run(gpu, &list)
}
