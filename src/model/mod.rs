//! Models: the configuration ([`config`]), the parameters with their initialisation
//! ([`params`]), the Transformer on the GPU ([`transformer`]), its memory estimated before it is built
//! ([`memory`]) and the same model composed from the ops' CPU references ([`mod@reference`]).

pub mod config;
pub mod memory;
pub mod params;
pub mod reference;
pub mod transformer;
