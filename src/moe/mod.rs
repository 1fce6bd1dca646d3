//! Mixture-of-experts layers: gates, routing, the scattered expert FFN and its baselines.

pub mod expert_ffn;
pub mod padded;
pub mod route;
