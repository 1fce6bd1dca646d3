// Counter-based random numbers: Philox4x32-10 (Salmon et al., SC'11), bit-identical to
// src/ops/rng.rs. A random value is a pure function of (key, counter), so any kernel can draw
// the noise for (seed, step, token, expert) without state, and runs are reproducible and
// resumable. This file is prepended by the shader registry to every shader that draws noise.

const PHILOX_M0: u32 = 0xD2511F53u;
const PHILOX_M1: u32 = 0xCD9E8D57u;
const PHILOX_W0: u32 = 0x9E3779B9u;
const PHILOX_W1: u32 = 0xBB67AE85u;

// High and low 32 bits of the 64-bit product a * b, from 16-bit halves (WGSL has no mulhi).
fn philox_mulhilo(a: u32, b: u32) -> vec2<u32> {
    let a0 = a & 0xFFFFu;
    let a1 = a >> 16u;
    let b0 = b & 0xFFFFu;
    let b1 = b >> 16u;
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 16u) + (p01 & 0xFFFFu) + (p10 & 0xFFFFu);
    let hi = p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u);
    return vec2<u32>(hi, a * b);
}

// Four random u32 for counter `ctr` under key `key`.
fn philox4x32(ctr_in: vec4<u32>, key_in: vec2<u32>) -> vec4<u32> {
    var ctr = ctr_in;
    var key = key_in;
    for (var r = 0u; r < 10u; r++) {
        let p0 = philox_mulhilo(PHILOX_M0, ctr.x);
        let p1 = philox_mulhilo(PHILOX_M1, ctr.z);
        ctr = vec4<u32>(p1.x ^ ctr.y ^ key.x, p1.y, p0.x ^ ctr.w ^ key.y, p0.y);
        key = key + vec2<u32>(PHILOX_W0, PHILOX_W1);
    }
    return ctr;
}

// A float uniform on the open interval (0, 1) from 23 random bits (exact in f32, so never 0 or 1).
fn uniform01(x: u32) -> f32 {
    return (f32(x >> 9u) + 0.5) * (1.0 / 8388608.0);
}
