//! Benchmarks callable from both criterion (`benches/`) and the binary (`evomoe bench`): each
//! checks correctness first, then times, and names the adapter.

pub mod step;
