//! Per-label GPU time. Where the adapter has TIMESTAMP_QUERY each dispatch runs in its own compute
//! pass with begin/end timestamps; elsewhere each dispatch is submitted alone and timed on the
//! wall clock around a wait for the GPU (which includes the submit overhead, and says so in
//! [`Profiler::method`]).

use std::collections::BTreeMap;
use std::time::Instant;

use crate::error::Result;
use crate::gpu::tensor::read_buffer;
use crate::gpu::{Dispatch, Gpu};

/// Accumulates GPU time per dispatch label.
#[derive(Default)]
pub struct Profiler {
    /// label -> (total seconds, count)
    totals: BTreeMap<String, (f64, u64)>,
}

/// True when the adapter can time passes with timestamps.
pub fn has_timestamps(gpu: &Gpu) -> bool {
    gpu.features.contains(wgpu::Features::TIMESTAMP_QUERY)
}

/// Seconds per run of the whole `dispatches` sequence, averaged over `reps` back-to-back runs in
/// one pass (after one warm-up run). GPU timestamps where available, otherwise wall clock.
pub async fn time_sequence(gpu: &Gpu, dispatches: &[&Dispatch], reps: u32) -> Result<f64> {
    gpu.run(dispatches)?;
    gpu.wait().await?;
    let reps = reps.max(1);
    if !has_timestamps(gpu) {
        let t0 = Instant::now();
        for _ in 0..reps {
            gpu.run(dispatches)?;
        }
        gpu.wait().await?;
        return Ok(t0.elapsed().as_secs_f64() / reps as f64);
    }
    let qs = gpu.device.create_query_set(&wgpu::QuerySetDescriptor {
        label: Some("time_sequence"),
        ty: wgpu::QueryType::Timestamp,
        count: 2,
    });
    let resolve = gpu.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("timestamps"),
        size: 16,
        usage: wgpu::BufferUsages::QUERY_RESOLVE | wgpu::BufferUsages::COPY_SRC,
        mapped_at_creation: false,
    });
    gpu.scoped("timed run", || {
        let mut enc = gpu.device.create_command_encoder(&Default::default());
        {
            let mut pass = enc.begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: Some("timed"),
                timestamp_writes: Some(wgpu::ComputePassTimestampWrites {
                    query_set: &qs,
                    beginning_of_pass_write_index: Some(0),
                    end_of_pass_write_index: Some(1),
                }),
            });
            for _ in 0..reps {
                for d in dispatches {
                    d.encode(&mut pass);
                }
            }
        }
        enc.resolve_query_set(&qs, 0..2, &resolve, 0);
        gpu.submit([enc.finish()]);
    })?;
    let bytes = read_buffer(gpu, &resolve, 0, 16).await?;
    let ts: &[u64] = bytemuck::cast_slice(&bytes);
    let ticks = ts[1].saturating_sub(ts[0]) as f64;
    let secs = ticks * gpu.queue.get_timestamp_period() as f64 * 1e-9;
    Ok(secs / reps as f64)
}

impl Profiler {
    pub fn new() -> Profiler {
        Profiler::default()
    }

    /// How times are taken on this adapter.
    pub fn method(gpu: &Gpu) -> &'static str {
        if has_timestamps(gpu) {
            "GPU timestamp queries"
        } else {
            "wall clock per dispatch (includes submit overhead)"
        }
    }

    /// Runs `dispatches` once, each timed on its own, adding to the per-label totals.
    pub async fn run(&mut self, gpu: &Gpu, dispatches: &[&Dispatch]) -> Result<()> {
        let labeled: Vec<(&str, &Dispatch)> = dispatches.iter().map(|d| (d.label(), *d)).collect();
        self.run_labeled(gpu, &labeled).await
    }

    /// Like [`Profiler::run`], with a caller-chosen label per dispatch (e.g. the graph node).
    pub async fn run_labeled(&mut self, gpu: &Gpu, labeled: &[(&str, &Dispatch)]) -> Result<()> {
        let dispatches: Vec<&Dispatch> = labeled.iter().map(|(_, d)| *d).collect();
        if dispatches.is_empty() {
            return Ok(());
        }
        if !has_timestamps(gpu) {
            for &(label, d) in labeled {
                gpu.wait().await?;
                let t0 = Instant::now();
                gpu.run(&[d])?;
                gpu.wait().await?;
                self.add(label, t0.elapsed().as_secs_f64());
            }
            return Ok(());
        }
        let n = dispatches.len() as u32;
        let qs = gpu.device.create_query_set(&wgpu::QuerySetDescriptor {
            label: Some("profiler"),
            ty: wgpu::QueryType::Timestamp,
            count: 2 * n,
        });
        let size = 16 * n as u64;
        let resolve = gpu.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("profiler timestamps"),
            size,
            usage: wgpu::BufferUsages::QUERY_RESOLVE | wgpu::BufferUsages::COPY_SRC,
            mapped_at_creation: false,
        });
        gpu.scoped("profiled run", || {
            let mut enc = gpu.device.create_command_encoder(&Default::default());
            for (i, d) in dispatches.iter().enumerate() {
                let mut pass = enc.begin_compute_pass(&wgpu::ComputePassDescriptor {
                    label: Some(d.label()),
                    timestamp_writes: Some(wgpu::ComputePassTimestampWrites {
                        query_set: &qs,
                        beginning_of_pass_write_index: Some(2 * i as u32),
                        end_of_pass_write_index: Some(2 * i as u32 + 1),
                    }),
                });
                d.encode(&mut pass);
            }
            enc.resolve_query_set(&qs, 0..2 * n, &resolve, 0);
            gpu.submit([enc.finish()]);
        })?;
        let bytes = read_buffer(gpu, &resolve, 0, size).await?;
        let ts: &[u64] = bytemuck::cast_slice(&bytes);
        let period = gpu.queue.get_timestamp_period() as f64 * 1e-9;
        for (i, (label, _)) in labeled.iter().enumerate() {
            let ticks = ts[2 * i + 1].saturating_sub(ts[2 * i]) as f64;
            self.add(label, ticks * period);
        }
        Ok(())
    }

    /// Adds `seconds` to `label`'s total.
    pub fn add(&mut self, label: &str, seconds: f64) {
        let e = self.totals.entry(label.to_string()).or_insert((0.0, 0));
        e.0 += seconds;
        e.1 += 1;
    }

    /// (label, total seconds, count), largest total first.
    pub fn report(&self) -> Vec<(String, f64, u64)> {
        let mut v: Vec<_> = self
            .totals
            .iter()
            .map(|(k, &(s, c))| (k.clone(), s, c))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v
    }

    /// Sum of all labels' totals.
    pub fn total(&self) -> f64 {
        self.totals.values().map(|v| v.0).sum()
    }
}
