//! The adapter's own measured peaks (`shaders/peak.wgsl`), against which every `evomoe bench`
//! figure is reported as a fraction:
//! - **FMA peak** (GFLOP/s): `workgroups x 256` invocations, each running 8 independent vec4
//!   FMA chains for `iters` iterations: `FLOPs = 2 x 32 x iters x invocations` (an FMA is two
//!   FLOPs). `iters` is sized from a probe so one dispatch takes about
//!   [`PeakOptions::target_seconds`]. Every invocation's result is checked against the same
//!   recurrence computed on the host, so the compiler cannot have dropped the work.
//! - **copy peak** (GB/s): `dst = src` over two buffers of `copy_bytes` each (vec4 reads and
//!   writes; capped by the adapter's max binding and buffer sizes): `bytes = 2 x copy_bytes`
//!   (read + written). The copy is checked element by element.
//!
//! Both are timed like every kernel ([`best_time`]: GPU timestamps where the adapter has them,
//! wall clock otherwise), the best of [`PeakOptions::samples`] samples.

use serde_json::{json, Value};

use crate::bench::report::{best_time, sig};
use crate::error::{Error, Result};
use crate::gpu::kernel::{Buffers, Workgroups};
use crate::gpu::{DType, Gpu, Tensor};

/// Invocations per workgroup of the peak kernels (`WG` in the shader).
const WG: u32 = 256;
/// Scalar FMAs per chain iteration: 8 chains of vec4.
const FMAS_PER_ITER: f64 = 32.0;
/// The chains' multiplier and the addend of chain 0 (chain j adds `C0 + j`).
const M: f32 = 0.5;
const C0: [f32; 4] = [0.25, 0.5, 0.75, 1.0];
/// Iterations of the probe that sizes the FMA dispatch, and the bounds of the sized one.
const PROBE_ITERS: u32 = 16;
const MAX_ITERS: u32 = 1 << 22;

/// Mirrors `Params` in `shaders/peak.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub struct PeakParams {
    pub n: u32,
    pub _pad: [u32; 3],
    pub m: [f32; 4],
    pub c: [f32; 4],
}

fn params(n: u32) -> PeakParams {
    PeakParams {
        n,
        _pad: [0; 3],
        m: [M; 4],
        c: C0,
    }
}

/// How the peaks are measured.
#[derive(Clone, Debug)]
pub struct PeakOptions {
    /// Workgroups of the FMA kernel (256 invocations each): 4096 fill the largest GPUs.
    pub fma_workgroups: u32,
    /// Aim for about this long per FMA dispatch.
    pub target_seconds: f64,
    /// Bytes of each copy buffer (capped by the adapter's limits, rounded down to 16).
    pub copy_bytes: u64,
    /// Samples per peak; the best is kept.
    pub samples: u32,
}

impl Default for PeakOptions {
    fn default() -> PeakOptions {
        PeakOptions {
            fma_workgroups: 4096,
            target_seconds: 0.05,
            copy_bytes: 128 << 20,
            samples: 5,
        }
    }
}

/// The measured peaks.
#[derive(Clone, Debug)]
pub struct Peaks {
    pub fma_gflops: f64,
    pub copy_gbs: f64,
    /// FLOPs of one FMA dispatch, and its best time.
    pub fma_flops: f64,
    pub fma_seconds: f64,
    /// Bytes of each copy buffer, and the best time of one copy.
    pub copy_bytes: u64,
    pub copy_seconds: f64,
    pub samples: u32,
}

impl Peaks {
    /// `peaks: FMA 1234 GFLOP/s (…), copy 56.7 GB/s (…)`.
    pub fn line(&self) -> String {
        format!(
            "peaks: FMA {} GFLOP/s ({} GFLOP in {:.3} ms), copy {} GB/s ({} MiB read + written \
             in {:.3} ms); best of {} samples",
            sig(self.fma_gflops),
            sig(self.fma_flops * 1e-9),
            self.fma_seconds * 1e3,
            sig(self.copy_gbs),
            sig(self.copy_bytes as f64 / (1 << 20) as f64),
            self.copy_seconds * 1e3,
            self.samples
        )
    }

    pub fn json(&self) -> Value {
        json!({
            "fma_gflops": self.fma_gflops,
            "copy_gbs": self.copy_gbs,
            "fma_flops": self.fma_flops,
            "fma_seconds": self.fma_seconds,
            "copy_bytes": self.copy_bytes,
            "copy_seconds": self.copy_seconds,
            "samples": self.samples,
        })
    }
}

/// The copy buffer size `opts` asks for, capped by the adapter's limits (a multiple of 16).
pub fn copy_bytes(gpu: &Gpu, requested: u64) -> u64 {
    let cap = gpu
        .limits
        .max_storage_buffer_binding_size
        .min(gpu.limits.max_buffer_size);
    requested.min(cap) / 16 * 16
}

/// What invocation `id`'s FMA kernel writes after `iters` iterations: the same f32 recurrence
/// (`a * 0.5` is exact, so fused and unfused FMAs agree) and the same summation order.
pub fn fma_expected(id: u32, iters: u32) -> f32 {
    let s = (id % 64) as f32;
    let mut chains = [[0f32; 4]; 8];
    for (j, chain) in chains.iter_mut().enumerate() {
        for (l, a) in chain.iter_mut().enumerate() {
            let c = C0[l] + j as f32;
            let mut x = s + l as f32 + 4.0 * j as f32;
            for _ in 0..iters {
                let next = x * M + c;
                if next == x {
                    break; // a fixed point stays fixed
                }
                x = next;
            }
            *a = x;
        }
    }
    let add = |p: [f32; 4], q: [f32; 4]| [p[0] + q[0], p[1] + q[1], p[2] + q[2], p[3] + q[3]];
    let c = &chains;
    let t = add(
        add(add(c[0], c[1]), add(c[2], c[3])),
        add(add(c[4], c[5]), add(c[6], c[7])),
    );
    (t[0] + t[1]) + (t[2] + t[3])
}

/// Measures both peaks.
pub async fn measure(gpu: &Gpu, opts: &PeakOptions) -> Result<Peaks> {
    if opts.fma_workgroups == 0 || opts.copy_bytes < 16 || opts.samples == 0 {
        return Err(Error::Config(
            "peak: workgroups, copy bytes (>= 16) and samples must be positive".into(),
        ));
    }
    let (fma_flops, fma_seconds) = fma_peak(gpu, opts).await?;
    let (bytes, copy_seconds) = copy_peak(gpu, opts).await?;
    Ok(Peaks {
        fma_gflops: fma_flops / fma_seconds * 1e-9,
        copy_gbs: 2.0 * bytes as f64 / copy_seconds * 1e-9,
        fma_flops,
        fma_seconds,
        copy_bytes: bytes,
        copy_seconds,
        samples: opts.samples,
    })
}

/// (FLOPs per dispatch, best seconds) of the FMA kernel, checked.
async fn fma_peak(gpu: &Gpu, opts: &PeakOptions) -> Result<(f64, f64)> {
    let invocations = opts.fma_workgroups as usize * WG as usize;
    let out = Tensor::zeros(gpu, &[invocations], DType::F32, "peak fma out")?;
    let kernel = gpu.kernel("peak", "peak_fma", &[])?;
    let grid = Workgroups::linear(invocations, WG);
    let record = |iters: u32| {
        let p = params(iters);
        gpu.dispatch(
            &kernel,
            &Buffers::new().buf("fma_out", &out.buffer),
            Some(bytemuck::bytes_of(&p)),
            grid.clone(),
        )
    };
    let flops = |iters: u32| 2.0 * FMAS_PER_ITER * iters as f64 * invocations as f64;
    // Probe, then size the dispatch to the target time.
    let probe = record(PROBE_ITERS)?;
    let t = best_time(gpu, &[&probe], 1, 1).await?;
    let scale = (opts.target_seconds / t.max(1e-9)).max(1.0);
    let iters = ((PROBE_ITERS as f64 * scale) as u32).clamp(PROBE_ITERS, MAX_ITERS);
    let d = record(iters)?;
    let best = best_time(gpu, &[&d], opts.samples, 1).await?;
    let got = out.read_f32(gpu).await?;
    // Invocations with the same id % 64 compute the same value.
    let want: Vec<f32> = (0..64).map(|id| fma_expected(id, iters)).collect();
    for (id, &g) in got.iter().enumerate() {
        let w = want[id % 64];
        if !(g - w).abs().le(&(1e-6 * w.abs())) {
            return Err(Error::Config(format!(
                "bench peak: the FMA kernel is wrong at invocation {id} after {iters} \
                 iterations: got {g}, want {w}"
            )));
        }
    }
    Ok((flops(iters), best))
}

/// (bytes per buffer, best seconds) of the copy kernel, checked.
async fn copy_peak(gpu: &Gpu, opts: &PeakOptions) -> Result<(u64, f64)> {
    let bytes = copy_bytes(gpu, opts.copy_bytes);
    if bytes < 16 {
        return Err(Error::Config(
            "bench peak: the adapter's max binding size is below 16 bytes".into(),
        ));
    }
    let n = (bytes / 16) as usize;
    let n32 = u32::try_from(n)
        .map_err(|_| Error::Config(format!("bench peak: {n} vec4 elements exceed u32")))?;
    let src = Tensor::zeros(gpu, &[4 * n], DType::U32, "peak copy src")?;
    let dst = Tensor::zeros(gpu, &[4 * n], DType::U32, "peak copy dst")?;
    let p = params(n32);
    let grid = Workgroups::linear(n, WG);
    let fill = gpu.kernel("peak", "peak_fill", &[])?;
    let copy = gpu.kernel("peak", "peak_copy", &[])?;
    // The fill writes its pattern through the binding the copy writes: into `src` here.
    let fill_d = gpu.dispatch(
        &fill,
        &Buffers::new().buf("dst", &src.buffer),
        Some(bytemuck::bytes_of(&p)),
        grid.clone(),
    )?;
    gpu.run(&[&fill_d])?;
    let copy_d = gpu.dispatch(
        &copy,
        &Buffers::new()
            .buf("src", &src.buffer)
            .buf("dst", &dst.buffer),
        Some(bytemuck::bytes_of(&p)),
        grid,
    )?;
    let best = best_time(gpu, &[&copy_d], opts.samples, 1).await?;
    let got = dst.read_u32(gpu).await?;
    if let Some((i, &g)) = got.iter().enumerate().find(|&(i, &g)| g != i as u32) {
        return Err(Error::Config(format!(
            "bench peak: the copy kernel is wrong at u32 {i}: got {g}, want {i}"
        )));
    }
    Ok((bytes, best))
}
