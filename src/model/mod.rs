//! Models: the configuration ([`config`]), the parameters with their initialisation
//! ([`params`]), the dense GPT on the GPU ([`gpt`]), its memory estimated before it is built
//! ([`memory`]) and the same model composed from the ops' CPU references ([`mod@reference`]).

pub mod config;
pub mod gpt;
pub mod memory;
pub mod params;
pub mod reference;
