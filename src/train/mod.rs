//! Training: the data pipeline ([`data`]), the learning-rate schedule ([`schedule`]),
//! checkpoints ([`checkpoint`]) and the training loop ([`trainer`]).

pub mod checkpoint;
pub mod data;
pub mod schedule;
pub mod trainer;
