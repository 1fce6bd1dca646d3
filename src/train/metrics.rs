//! One logged point of a training run, as the trainer reports it and as a line of
//! `metrics.jsonl`.
//!
//! A line: `{"step", "loss", "accuracy", "val_loss" (or null), "val_accuracy" (or null), "lr", "phase", "tau" (or null),
//! "balance_loss", "z_loss", "tokens_per_s", "elapsed_s", "layers": [{"block",
//! "experts_per_token", "load": [E fractions], "dropped", "path", "stability" (or null)}]}`.
//! `phase` is `dense`, `moe` (a baseline gate), or for EvoMoE / DTS `diversify`, `sparsify`,
//! `top1`. `accuracy` is the fraction of the loss's rows whose most likely byte is the target
//! (the next byte for the LM, the masked bytes for the masked LM). `layers` is empty while no MoE layer routes (dense models, EvoMoE's phase 1).
//! `stability` is the fraction of the probe batch's tokens whose top expert changed since the
//! previous log.

use serde_json::json;

/// Routing statistics of one MoE layer at a logging step.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerLog {
    /// The block (counting from 1).
    pub block: usize,
    pub experts_per_token: f32,
    /// Fraction of tokens routed to each expert.
    pub load: Vec<f32>,
    /// Fraction of token slots dropped by the capacity.
    pub dropped: f32,
    /// "dense" or "scattered".
    pub path: &'static str,
    pub stability: Option<f32>,
}

/// One logged point.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    pub step: u64,
    /// Training cross-entropy (the auxiliary losses separately).
    pub loss: f32,
    /// Training accuracy over the rows of the loss.
    pub accuracy: f32,
    pub val_loss: Option<f32>,
    pub val_accuracy: Option<f32>,
    pub lr: f32,
    pub phase: &'static str,
    pub tau: Option<f32>,
    pub balance_loss: f32,
    pub z_loss: f32,
    /// Training tokens per second since the previous log line.
    pub tokens_per_s: f64,
    pub elapsed_s: f64,
    pub layers: Vec<LayerLog>,
}

impl LogLine {
    /// Mean experts per token over the MoE layers (`None` when none routes).
    pub fn experts_per_token(&self) -> Option<f32> {
        if self.layers.is_empty() {
            return None;
        }
        Some(
            self.layers.iter().map(|l| l.experts_per_token).sum::<f32>() / self.layers.len() as f32,
        )
    }

    /// The line of `metrics.jsonl`.
    pub fn to_json(&self) -> String {
        let layers: Vec<serde_json::Value> = self
            .layers
            .iter()
            .map(|l| {
                json!({
                    "block": l.block,
                    "experts_per_token": l.experts_per_token,
                    "load": l.load,
                    "dropped": l.dropped,
                    "path": l.path,
                    "stability": l.stability,
                })
            })
            .collect();
        json!({
            "step": self.step,
            "loss": self.loss,
            "accuracy": self.accuracy,
            "val_loss": self.val_loss,
            "val_accuracy": self.val_accuracy,
            "lr": self.lr,
            "phase": self.phase,
            "tau": self.tau,
            "balance_loss": self.balance_loss,
            "z_loss": self.z_loss,
            "tokens_per_s": (self.tokens_per_s * 10.0).round() / 10.0,
            "elapsed_s": (self.elapsed_s * 1000.0).round() / 1000.0,
            "layers": layers,
        })
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_line() {
        let l = LogLine {
            step: 20,
            loss: 2.5,
            accuracy: 0.25,
            val_loss: None,
            val_accuracy: None,
            lr: 1e-3,
            phase: "sparsify",
            tau: Some(1.5),
            balance_loss: 0.0,
            z_loss: 0.0,
            tokens_per_s: 1234.56,
            elapsed_s: 3.0,
            layers: vec![LayerLog {
                block: 2,
                experts_per_token: 3.5,
                load: vec![0.5, 0.5],
                dropped: 0.0,
                path: "dense",
                stability: Some(0.25),
            }],
        };
        let v: serde_json::Value = serde_json::from_str(&l.to_json()).unwrap();
        assert_eq!(v["step"], 20);
        assert_eq!(v["val_loss"], serde_json::Value::Null);
        assert_eq!(v["layers"][0]["path"], "dense");
        assert_eq!(v["layers"][0]["stability"], 0.25);
        assert_eq!(v["tokens_per_s"], 1234.6);
        assert_eq!(l.experts_per_token(), Some(3.5));
    }
}
