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
//! A node may hold several variants of the same function (see [`Node`]); the model selects one
//! between steps, host-side only.
//!
//! Gradient rule (llm.c): parameter gradients accumulate (`+=`, zeroed once per step);
//! activation gradients overwrite, except the residual stream and the MoE combine input, which
//! several consumers feed and which therefore accumulate.

use crate::error::{Error, Result};
use crate::gpu::Dispatch;

/// One way of computing a node: its forward dispatches and the backward dispatches that consume
/// the gradient of its output.
#[derive(Clone)]
pub struct Variant {
    pub name: String,
    pub forward: Vec<Dispatch>,
    pub backward: Vec<Dispatch>,
}

/// One recorded op. Most nodes have one variant; a node with several (an MoE layer: the base
/// expert of EvoMoE's phase 1, the all-experts dense path, the scattered path) runs the
/// selected one, and selecting another re-records nothing.
pub struct Node {
    pub name: String,
    variants: Vec<Variant>,
    active: usize,
}

impl Node {
    /// Forward dispatches of the selected variant.
    pub fn forward(&self) -> &[Dispatch] {
        &self.variants[self.active].forward
    }

    /// Backward dispatches of the selected variant.
    pub fn backward(&self) -> &[Dispatch] {
        &self.variants[self.active].backward
    }
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
        let name = name.into();
        self.nodes.push(Node {
            variants: vec![Variant {
                name: name.clone(),
                forward,
                backward,
            }],
            name,
            active: 0,
        });
    }

    /// Records an op with several variants (at least one), the first selected; returns the
    /// node's index for [`Tape::select`].
    pub fn record_variants(&mut self, name: impl Into<String>, variants: Vec<Variant>) -> usize {
        assert!(!variants.is_empty(), "a node needs at least one variant");
        self.nodes.push(Node {
            name: name.into(),
            variants,
            active: 0,
        });
        self.nodes.len() - 1
    }

    /// Selects the variant called `variant` of node `node`; an error if it has none such.
    pub fn select(&mut self, node: usize, variant: &str) -> Result<()> {
        let n = self
            .nodes
            .get_mut(node)
            .ok_or_else(|| Error::Config(format!("the tape has no node {node}")))?;
        let i = n
            .variants
            .iter()
            .position(|v| v.name == variant)
            .ok_or_else(|| {
                Error::Config(format!(
                    "node `{}` has no variant `{variant}` (it has: {})",
                    n.name,
                    n.variants
                        .iter()
                        .map(|v| v.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        n.active = i;
        Ok(())
    }

    /// Forward dispatches in recording order.
    pub fn forward(&self) -> impl Iterator<Item = &Dispatch> {
        self.nodes.iter().flat_map(|n| n.forward().iter())
    }

    /// Backward dispatches: nodes in reverse order, each node's backward in its own order.
    pub fn backward(&self) -> impl Iterator<Item = &Dispatch> {
        self.nodes.iter().rev().flat_map(|n| n.backward().iter())
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }
}
