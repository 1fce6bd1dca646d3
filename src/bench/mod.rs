//! Benchmarks callable from both `evomoe bench <family>` and criterion-less `benches/`.

pub mod moe;
