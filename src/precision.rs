//! f32 <-> f64 conversions used by the CPU references: inputs are widened so a reference
//! accumulates in f64, and its result is narrowed back to the GPU's precision.

/// f32 values as f64: the input of a CPU reference.
pub fn widen(v: &[f32]) -> Vec<f64> {
    v.iter().map(|&x| x as f64).collect()
}

/// f64 values rounded to f32: a CPU reference's result in the GPU's precision.
pub fn narrow(v: &[f64]) -> Vec<f32> {
    v.iter().map(|&x| x as f32).collect()
}
