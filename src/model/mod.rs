//! Models: the configuration ([`config`]), the parameters with their initialisation
//! ([`params`]), the dense GPT on the GPU ([`gpt`]) and the same model composed from the ops'
//! CPU references ([`mod@reference`]).

pub mod config;
pub mod gpt;
pub mod params;
pub mod reference;
