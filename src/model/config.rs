//! Model configuration: the GPT's sizes and, for a GPT-MoE, which blocks hold an MoE layer and
//! how it routes ([`MoeSpec`]).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::moe::gate::{GateConfig, GateKind};
use crate::ops::attention::AttentionMask;

/// How a model's FFNs are built and trained (`evomoe train --method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// EvoMoE: a dense base expert for `T_base` steps, spawn, then the annealed DTS gate.
    Evomoe,
    /// The DTS gate from step 0 (EvoMoE without the diversify phase, `T_base = 0`).
    Dts,
    /// Switch Transformer top-1 with capacity and balance loss.
    Switch,
    /// GShard top-2.
    Top2,
    /// Hash layer: a fixed table from input byte to expert.
    Hash,
    /// The same GPT with ordinary FFNs (as many active parameters as top-1 MoE).
    Dense,
    /// Ordinary FFNs `E` times wider: the compute-unmatched upper reference.
    DenseWide,
}

impl Method {
    /// Every method, in the order of the comparison table.
    pub const ALL: [Method; 7] = [
        Method::Evomoe,
        Method::Dts,
        Method::Switch,
        Method::Top2,
        Method::Hash,
        Method::Dense,
        Method::DenseWide,
    ];

    /// The name used on the command line and in configs.
    pub fn name(self) -> &'static str {
        match self {
            Method::Evomoe => "evomoe",
            Method::Dts => "dts",
            Method::Switch => "switch",
            Method::Top2 => "top2",
            Method::Hash => "hash",
            Method::Dense => "dense",
            Method::DenseWide => "dense-wide",
        }
    }

    /// Parses a method name, with a message listing the valid ones.
    pub fn parse(s: &str) -> Result<Method> {
        Method::ALL
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Method::ALL.iter().map(|m| m.name()).collect();
                Error::Config(format!(
                    "unknown method `{s}` (choose one of: {})",
                    names.join(", ")
                ))
            })
    }

    /// The gate of an MoE method; `None` for the dense ones.
    pub fn gate_kind(self) -> Option<GateKind> {
        match self {
            Method::Evomoe | Method::Dts => Some(GateKind::Dts),
            Method::Switch => Some(GateKind::Switch),
            Method::Top2 => Some(GateKind::Top2),
            Method::Hash => Some(GateKind::Hash),
            Method::Dense | Method::DenseWide => None,
        }
    }
}

/// What a model learns (`evomoe train --task`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Task {
    /// Causal language modelling: a decoder predicts the next byte (GPT).
    #[default]
    Lm,
    /// Masked language modelling: a bidirectional encoder predicts masked bytes (RoBERTa).
    Mlm,
}

impl Task {
    pub const ALL: [Task; 2] = [Task::Lm, Task::Mlm];

    /// The name used on the command line and in configs.
    pub fn name(self) -> &'static str {
        match self {
            Task::Lm => "lm",
            Task::Mlm => "mlm",
        }
    }

    /// Parses a task name, with a message listing the valid ones.
    pub fn parse(s: &str) -> Result<Task> {
        Task::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .ok_or_else(|| Error::Config(format!("unknown task `{s}` (choose one of: lm, mlm)")))
    }

    /// What the task's loss is called in tables and plots.
    pub fn loss_name(self) -> &'static str {
        match self {
            Task::Lm => "loss",
            Task::Mlm => "masked-token loss",
        }
    }

    /// Which keys attention sees: earlier positions for the LM, all for the masked LM.
    pub fn attention_mask(self) -> AttentionMask {
        match self {
            Task::Lm => AttentionMask::Causal,
            Task::Mlm => AttentionMask::Bidirectional,
        }
    }
}

/// Settings of EvoMoE's spawn step (phase 1 -> phase 2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpawnSettings {
    /// Drop rate `r` of the Bernoulli masks (keep probability `1 - r`); 0 copies exactly.
    pub drop_rate: f32,
    /// Scale the spawned weights by `1 / (1 - r)`.
    pub rescale: bool,
    /// Reset the AdamW moments of the spawned experts (else copy the base moments under the
    /// same masks).
    pub reset_moments: bool,
}

/// Where the MoE layers of a GPT-MoE go and how they route.
#[derive(Clone, Debug, PartialEq)]
pub struct MoeSpec {
    pub method: Method,
    pub n_experts: usize,
    /// Every `every`-th block (counting from 1) holds an MoE layer: 2 gives blocks 2, 4, ...
    pub every: usize,
    /// The gate of every MoE layer; each layer gets its own seed ([`MoeSpec::gate_for`]).
    pub gate: GateConfig,
    /// Standard deviation of the gate's initial weights (0: zeros).
    pub gate_init_std: f32,
    /// EvoMoE: the layer starts as one dense base expert (parameters `h{l}.ffn.*`) and its
    /// experts are spawned from it.
    pub spawn: Option<SpawnSettings>,
}

impl MoeSpec {
    /// Whether block `layer` (0-based) holds an MoE layer.
    pub fn is_moe_block(&self, layer: usize) -> bool {
        self.every > 0 && (layer + 1).is_multiple_of(self.every)
    }

    /// The gate of the MoE layer in block `layer`: its own seed, derived from the model seed.
    pub fn gate_for(&self, layer: usize, model_seed: u64) -> GateConfig {
        GateConfig {
            seed: model_seed
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(0x004D_6F45_0000 + layer as u64),
            ..self.gate.clone()
        }
    }
}

/// A pre-norm Transformer (GPT-2 layout) over byte tokens: a causal decoder for
/// [`Task::Lm`], a bidirectional encoder for [`Task::Mlm`].
#[derive(Clone, Debug, PartialEq)]
pub struct ModelConfig {
    pub task: Task,
    /// Vocabulary size V the output layer predicts (256 for bytes).
    pub vocab: usize,
    /// Maximum context T.
    pub context: usize,
    pub n_layer: usize,
    pub n_head: usize,
    /// Width C.
    pub d_model: usize,
    /// FFN width F.
    pub d_ff: usize,
    /// Seed of the parameter initialisation (and of the gates' noise and spawn masks).
    pub seed: u64,
    /// MoE layers (GPT-MoE); `None` for a dense GPT.
    pub moe: Option<MoeSpec>,
}

impl ModelConfig {
    /// A 2-layer model that learns Shakespeare bytes in a few hundred steps on lavapipe.
    pub fn tiny() -> ModelConfig {
        ModelConfig {
            task: Task::Lm,
            vocab: 256,
            context: 64,
            n_layer: 2,
            n_head: 4,
            d_model: 64,
            d_ff: 256,
            seed: 1,
            moe: None,
        }
    }

    /// The `small` preset: 4 layers, d_model 128, context 128.
    pub fn small() -> ModelConfig {
        ModelConfig {
            task: Task::Lm,
            vocab: 256,
            context: 128,
            n_layer: 4,
            n_head: 4,
            d_model: 128,
            d_ff: 512,
            seed: 1,
            moe: None,
        }
    }

    /// Rows of the token table: `V`, plus the mask token's row for [`Task::Mlm`].
    pub fn embed_rows(&self) -> usize {
        match self.task {
            Task::Lm => self.vocab,
            Task::Mlm => self.vocab + 1,
        }
    }

    /// The attention mask of the task.
    pub fn attention_mask(&self) -> AttentionMask {
        self.task.attention_mask()
    }

    /// The mask token of [`Task::Mlm`]: the one id past the predicted vocabulary.
    pub fn mask_token(&self) -> u32 {
        self.vocab as u32
    }

    pub fn head_dim(&self) -> usize {
        self.d_model / self.n_head
    }

    /// Checks the configuration, with a message naming the bad field.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(Error::Config(format!("model config: {m}")));
        if self.vocab == 0
            || self.context == 0
            || self.n_layer == 0
            || self.d_model == 0
            || self.d_ff == 0
        {
            return bad(format!("every size must be positive: {self:?}"));
        }
        if self.n_head == 0 || !self.d_model.is_multiple_of(self.n_head) {
            return bad(format!(
                "d_model {} is not divisible by n_head {}",
                self.d_model, self.n_head
            ));
        }
        if let Some(m) = &self.moe {
            if m.n_experts == 0 {
                return bad("an MoE model needs at least one expert".into());
            }
            if m.every == 0 || m.every > self.n_layer {
                return bad(format!(
                    "moe_every {} puts no MoE layer into {} blocks (use 1..={})",
                    m.every, self.n_layer, self.n_layer
                ));
            }
            if m.method.gate_kind() != Some(m.gate.kind) {
                return bad(format!(
                    "method {} does not use a {} gate",
                    m.method.name(),
                    m.gate.kind.name()
                ));
            }
            if let Some(s) = &m.spawn {
                if !(0.0..1.0).contains(&s.drop_rate) {
                    return bad(format!(
                        "spawn drop rate r must be in [0, 1), got {}",
                        s.drop_rate
                    ));
                }
            }
            if !(m.gate_init_std.is_finite() && m.gate_init_std >= 0.0) {
                return bad(format!(
                    "gate_init_std must be >= 0, got {}",
                    m.gate_init_std
                ));
            }
        }
        Ok(())
    }
}
