//! Models: the configuration ([`config`]) and the parameters with their initialisation
//! ([`params`]).

pub mod config;
pub mod params;
