//! Size checks of `evomoe bench`, run before anything is allocated: every size must be
//! positive, and every buffer a benchmark will create must fit the adapter's max binding and
//! buffer sizes, and the host copies it keeps (inputs, CPU references, readbacks) the memory
//! the host has available. Byte counts are computed in `u128`, so absurd sizes are reported,
//! not overflowed.

use crate::error::{Error, Result};

/// The limits sizes are checked against.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// `max_storage_buffer_binding_size` and `max_buffer_size` of the adapter (the smaller).
    pub max_binding: u64,
    /// `MemAvailable` of the host, where the platform says.
    pub host_available: Option<u64>,
    /// A CPU adapter's buffers live in host memory: they count against it too.
    pub buffers_on_host: bool,
}

impl Budget {
    pub fn new(gpu: &crate::gpu::Gpu) -> Budget {
        Budget {
            max_binding: gpu
                .limits
                .max_storage_buffer_binding_size
                .min(gpu.limits.max_buffer_size),
            host_available: host_available_bytes(),
            buffers_on_host: gpu.info.device_type == wgpu::DeviceType::Cpu,
        }
    }
}

pub use crate::model::memory::{host_available_bytes, human};

/// `--flag` must be at least 1.
pub fn positive(flag: &str, value: usize) -> Result<()> {
    if value == 0 {
        return Err(Error::Config(format!("{flag} must be at least 1, got 0")));
    }
    Ok(())
}

/// The product of `dims` times `elem_bytes`, exactly.
pub fn bytes(dims: &[usize], elem_bytes: usize) -> u128 {
    dims.iter()
        .fold(elem_bytes as u128, |acc, &d| acc.saturating_mul(d as u128))
}

/// Collects the buffers and host memory one benchmark configuration needs.
#[derive(Debug)]
pub struct Needs<'a> {
    what: &'a str,
    buffers: Vec<(String, u128)>,
    host: u128,
}

impl<'a> Needs<'a> {
    /// Needs of `what` (e.g. `bench matmul --sizes 4096`).
    pub fn new(what: &'a str) -> Needs<'a> {
        Needs {
            what,
            buffers: Vec::new(),
            host: 0,
        }
    }

    /// One GPU buffer of `bytes`.
    pub fn buffer(&mut self, name: &str, bytes: u128) -> &mut Self {
        self.buffers.push((name.to_string(), bytes));
        self
    }

    /// `bytes` more of host memory.
    pub fn host(&mut self, bytes: u128) -> &mut Self {
        self.host = self.host.saturating_add(bytes);
        self
    }

    /// The first buffer above the binding limit, or host memory above what is available.
    pub fn check(&self, budget: &Budget) -> Result<()> {
        for (name, b) in &self.buffers {
            if *b > budget.max_binding as u128 {
                return Err(Error::Config(format!(
                    "{}: {name} needs {} ({b} bytes), more than the adapter's max buffer \
                     binding of {} ({} bytes); use smaller sizes",
                    self.what,
                    human(*b),
                    human(budget.max_binding as u128),
                    budget.max_binding
                )));
            }
        }
        let mut host = self.host;
        if budget.buffers_on_host {
            for (_, b) in &self.buffers {
                host = host.saturating_add(*b);
            }
        }
        if let Some(avail) = budget.host_available {
            if host > avail as u128 {
                return Err(Error::Config(format!(
                    "{}: needs {} of host memory, {} available; use smaller sizes",
                    self.what,
                    human(host),
                    human(avail as u128)
                )));
            }
        }
        Ok(())
    }
}
