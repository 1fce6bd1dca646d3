//! Training: the data pipeline ([`data`]) and the learning-rate schedule ([`schedule`]).

pub mod data;
pub mod schedule;
