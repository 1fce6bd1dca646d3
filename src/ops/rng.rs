//! Counter-based random numbers: Philox4x32-10, bit-identical to `shaders/rng.wgsl`.
//!
//! Every random draw in evomoe (dropout masks, Gumbel noise, spawn masks, jitter) is a pure
//! function of a key (the seed) and a counter (step, token, element, ...), so a run is
//! reproducible, resumable from a checkpoint, and the CPU references see exactly the GPU's noise.

const M0: u32 = 0xD251_1F53;
const M1: u32 = 0xCD9E_8D57;
const W0: u32 = 0x9E37_79B9;
const W1: u32 = 0xBB67_AE85;

fn mulhilo(a: u32, b: u32) -> (u32, u32) {
    let p = (a as u64) * (b as u64);
    ((p >> 32) as u32, p as u32)
}

/// Four random u32 for counter `ctr` under key `key`.
pub fn philox4x32(ctr: [u32; 4], key: [u32; 2]) -> [u32; 4] {
    let mut c = ctr;
    let mut k = key;
    for _ in 0..10 {
        let (hi0, lo0) = mulhilo(M0, c[0]);
        let (hi1, lo1) = mulhilo(M1, c[2]);
        c = [hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0];
        k = [k[0].wrapping_add(W0), k[1].wrapping_add(W1)];
    }
    c
}

/// A float uniform on the open interval (0, 1) from 23 random bits (exact in f32, so never 0 or 1) (same as WGSL `uniform01`).
pub fn uniform01(x: u32) -> f32 {
    ((x >> 9) as f32 + 0.5) * (1.0 / 8_388_608.0)
}

/// A small sequential generator for host-side use (initialisation, tests): draws Philox blocks
/// for consecutive counters under one seed.
#[derive(Clone, Debug)]
pub struct Rng {
    key: [u32; 2],
    counter: u64,
    buf: [u32; 4],
    used: usize,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng {
            key: [seed as u32, (seed >> 32) as u32],
            counter: 0,
            buf: [0; 4],
            used: 4,
        }
    }

    pub fn next_u32(&mut self) -> u32 {
        if self.used == 4 {
            let c = self.counter;
            self.buf = philox4x32([c as u32, (c >> 32) as u32, 0x5EED, 0], self.key);
            self.counter += 1;
            self.used = 0;
        }
        self.used += 1;
        self.buf[self.used - 1]
    }

    /// Uniform on (0, 1).
    pub fn uniform(&mut self) -> f32 {
        uniform01(self.next_u32())
    }

    /// Standard normal (Box-Muller).
    pub fn normal(&mut self) -> f32 {
        let u1 = self.uniform() as f64;
        let u2 = self.uniform() as f64;
        ((-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()) as f32
    }

    /// `n` normals with standard deviation `std`.
    pub fn normal_vec(&mut self, n: usize, std: f32) -> Vec<f32> {
        (0..n).map(|_| self.normal() * std).collect()
    }

    /// `n` uniforms on (lo, hi).
    pub fn uniform_vec(&mut self, n: usize, lo: f32, hi: f32) -> Vec<f32> {
        (0..n).map(|_| lo + (hi - lo) * self.uniform()).collect()
    }

    /// Uniform integer in 0..n.
    pub fn below(&mut self, n: u32) -> u32 {
        ((self.next_u32() as u64 * n as u64) >> 32) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn philox_known_answer() {
        // Random123 known-answer test vectors for philox4x32-10.
        assert_eq!(
            philox4x32([0, 0, 0, 0], [0, 0]),
            [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8]
        );
        assert_eq!(
            philox4x32([0xffff_ffff; 4], [0xffff_ffff; 2]),
            [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd]
        );
        assert_eq!(
            philox4x32(
                [0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344],
                [0xa409_3822, 0x299f_31d0]
            ),
            [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1]
        );
    }

    #[test]
    fn uniform_is_open_interval() {
        assert!(uniform01(0) > 0.0);
        assert!(uniform01(u32::MAX) < 1.0);
    }
}
