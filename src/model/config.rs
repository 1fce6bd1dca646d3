//! Model configuration.

use crate::error::{Error, Result};

/// A decoder-only pre-norm Transformer (GPT-2 layout) over byte tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct GptConfig {
    /// Vocabulary size V (256 for bytes).
    pub vocab: usize,
    /// Maximum context T.
    pub context: usize,
    pub n_layer: usize,
    pub n_head: usize,
    /// Width C.
    pub d_model: usize,
    /// FFN width F.
    pub d_ff: usize,
    /// Seed of the parameter initialisation.
    pub seed: u64,
}

impl GptConfig {
    /// A 2-layer model that learns Shakespeare bytes in a few hundred steps on lavapipe.
    pub fn tiny() -> GptConfig {
        GptConfig {
            vocab: 256,
            context: 64,
            n_layer: 2,
            n_head: 4,
            d_model: 64,
            d_ff: 256,
            seed: 1,
        }
    }

    /// The 4-layer, d_model 128 model of the roadmap's speed goal.
    pub fn small() -> GptConfig {
        GptConfig {
            vocab: 256,
            context: 128,
            n_layer: 4,
            n_head: 4,
            d_model: 128,
            d_ff: 512,
            seed: 1,
        }
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
        Ok(())
    }
}
