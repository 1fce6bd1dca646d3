//! Adapter enumeration and choice, and the opened device.
//!
//! An adapter is chosen from every backend wgpu supports on the platform (Vulkan, Metal, DX12,
//! GL), filtered by backend and name substring (from [`AdapterOptions`] or the usual
//! `WGPU_BACKEND` / `WGPU_ADAPTER_NAME` variables) and ranked discrete GPU > integrated GPU >
//! virtual > software (CPU). The device is opened with the adapter's own limits and with the
//! optional features the kernels can use.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};
use crate::gpu::kernel::Kernel;

/// Optional features the kernels use where the adapter has them.
pub const WANTED_FEATURES: wgpu::Features = wgpu::Features::SHADER_F16
    .union(wgpu::Features::SUBGROUP)
    .union(wgpu::Features::TIMESTAMP_QUERY)
    .union(wgpu::Features::TIMESTAMP_QUERY_INSIDE_PASSES)
    .union(wgpu::Features::TIMESTAMP_QUERY_INSIDE_ENCODERS);

/// Which adapter to open. Empty fields fall back to `WGPU_BACKEND` / `WGPU_ADAPTER_NAME`, then to
/// the best-ranked adapter.
#[derive(Clone, Debug, Default)]
pub struct AdapterOptions {
    /// Backend names, comma separated: `vulkan`, `metal`, `dx12`, `gl`.
    pub backend: Option<String>,
    /// Case-insensitive substring of the adapter name.
    pub name: Option<String>,
}

impl AdapterOptions {
    /// Options for exactly one adapter, as listed by [`list_adapters`].
    pub fn exact(info: &wgpu::AdapterInfo) -> Self {
        AdapterOptions {
            backend: Some(info.backend.to_str().to_string()),
            name: Some(info.name.clone()),
        }
    }

    fn backends(&self) -> wgpu::Backends {
        match &self.backend {
            Some(b) => wgpu::Backends::from_comma_list(b),
            None => wgpu::Backends::from_env().unwrap_or(wgpu::Backends::all()),
        }
    }

    fn name_filter(&self) -> Option<String> {
        self.name
            .clone()
            .or_else(|| std::env::var("WGPU_ADAPTER_NAME").ok())
            .filter(|s| !s.is_empty())
            .map(|s| s.to_lowercase())
    }
}

fn instance(backends: wgpu::Backends) -> wgpu::Instance {
    let mut desc = wgpu::InstanceDescriptor::new_without_display_handle_from_env();
    desc.backends = backends;
    wgpu::Instance::new(desc)
}

fn type_rank(t: wgpu::DeviceType) -> u32 {
    match t {
        wgpu::DeviceType::DiscreteGpu => 0,
        wgpu::DeviceType::IntegratedGpu => 1,
        wgpu::DeviceType::VirtualGpu => 2,
        wgpu::DeviceType::Cpu => 3,
        wgpu::DeviceType::Other => 4,
    }
}

fn backend_rank(b: wgpu::Backend) -> u32 {
    match b {
        wgpu::Backend::Vulkan => 0,
        wgpu::Backend::Metal => 1,
        wgpu::Backend::Dx12 => 2,
        wgpu::Backend::Gl => 3,
        _ => 4,
    }
}

/// Every adapter matching the options, best first.
pub fn list_adapters(opts: &AdapterOptions) -> Vec<wgpu::Adapter> {
    let inst = instance(opts.backends());
    let mut adapters = pollster::block_on(inst.enumerate_adapters(opts.backends()));
    if let Some(name) = opts.name_filter() {
        adapters.retain(|a| a.get_info().name.to_lowercase().contains(&name));
    }
    // A compute-less adapter (GL without compute shaders) is no use here.
    adapters.retain(|a| {
        a.get_downlevel_capabilities()
            .flags
            .contains(wgpu::DownlevelFlags::COMPUTE_SHADERS)
    });
    adapters.sort_by_key(|a| {
        let i = a.get_info();
        (type_rank(i.device_type), backend_rank(i.backend))
    });
    adapters
}

/// An opened device with everything needed to run kernels on it.
pub struct Gpu {
    pub adapter: wgpu::Adapter,
    pub device: wgpu::Device,
    pub queue: wgpu::Queue,
    pub info: wgpu::AdapterInfo,
    /// Features enabled on the device (a subset of [`WANTED_FEATURES`]).
    pub features: wgpu::Features,
    pub limits: wgpu::Limits,
    pub(crate) kernels: Mutex<HashMap<String, Arc<Kernel>>>,
    /// Command buffers submitted so far (reported per training step by `bench step`).
    pub(crate) submits: AtomicU64,
    /// Storage/uniform buffers and bind groups created so far (a training step creates none).
    pub(crate) buffers_created: AtomicU64,
    pub(crate) bind_groups_created: AtomicU64,
}

/// How many GPU objects a [`Gpu`] has created so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceCounts {
    pub pipelines: usize,
    pub bind_groups: u64,
    pub buffers: u64,
    pub submits: u64,
}

impl Gpu {
    /// Opens the best adapter matching `opts`.
    pub fn new(opts: &AdapterOptions) -> Result<Gpu> {
        let adapter = list_adapters(opts).into_iter().next().ok_or_else(|| {
            Error::NoAdapter(format!(
                "backends {:?}, name filter {:?}",
                opts.backends(),
                opts.name_filter()
            ))
        })?;
        Gpu::from_adapter(adapter)
    }

    /// Opens the best adapter with default options (honouring the environment).
    pub fn default_adapter() -> Result<Gpu> {
        Gpu::new(&AdapterOptions::default())
    }

    /// Opens a device on the given adapter with its own limits and the wanted features.
    pub fn from_adapter(adapter: wgpu::Adapter) -> Result<Gpu> {
        let info = adapter.get_info();
        let features = adapter.features() & WANTED_FEATURES;
        let limits = adapter.limits();
        let desc = wgpu::DeviceDescriptor {
            label: Some("evomoe"),
            required_features: features,
            required_limits: limits.clone(),
            ..Default::default()
        };
        let (device, queue) =
            pollster::block_on(adapter.request_device(&desc)).map_err(|e| Error::Device {
                adapter: info.name.clone(),
                message: e.to_string(),
            })?;
        Ok(Gpu {
            adapter,
            device,
            queue,
            info,
            features,
            limits,
            kernels: Mutex::new(HashMap::new()),
            submits: AtomicU64::new(0),
            buffers_created: AtomicU64::new(0),
            bind_groups_created: AtomicU64::new(0),
        })
    }

    /// `"<backend>/<adapter name>"`, the name used for tests and reports.
    pub fn name(&self) -> String {
        format!("{}/{}", self.info.backend.to_str(), self.info.name)
    }

    /// Whether the device has `SUBGROUP` (needed by the subgroup matmul variants).
    pub fn has_subgroups(&self) -> bool {
        self.features.contains(wgpu::Features::SUBGROUP)
    }

    /// Submits command buffers, counting them.
    pub fn submit(&self, buffers: impl IntoIterator<Item = wgpu::CommandBuffer>) {
        self.queue.submit(buffers);
        self.submits.fetch_add(1, Ordering::Relaxed);
    }

    /// Pipelines, bind groups, buffers and submits created so far: a replayed step must add
    /// exactly one submit and nothing else.
    pub fn resource_counts(&self) -> ResourceCounts {
        ResourceCounts {
            pipelines: self.kernels.lock().map(|k| k.len()).unwrap_or(0),
            bind_groups: self.bind_groups_created.load(Ordering::Relaxed),
            buffers: self.buffers_created.load(Ordering::Relaxed),
            submits: self.submits(),
        }
    }

    /// Number of submits so far.
    pub fn submits(&self) -> u64 {
        self.submits.load(Ordering::Relaxed)
    }

    /// Blocks until all submitted work has finished.
    pub fn wait(&self) -> Result<()> {
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map(|_| ())
            .map_err(|e| Error::Wgpu {
                context: "device poll".into(),
                message: e.to_string(),
            })
    }

    /// Runs `f` inside validation and out-of-memory error scopes and turns any wgpu error into
    /// [`Error::Wgpu`] instead of a panic.
    pub fn scoped<T>(&self, context: &str, f: impl FnOnce() -> T) -> Result<T> {
        let oom = self.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let val = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let out = f();
        let v = pollster::block_on(val.pop());
        let o = pollster::block_on(oom.pop());
        match v.or(o) {
            Some(e) => Err(Error::Wgpu {
                context: context.to_string(),
                message: e.to_string(),
            }),
            None => Ok(out),
        }
    }

    /// Checks that a storage binding of `bytes` fits the adapter.
    pub fn check_binding(&self, what: &str, bytes: u64) -> Result<()> {
        let allowed = self.limits.max_storage_buffer_binding_size;
        if bytes > allowed {
            return Err(Error::Limit {
                what: what.to_string(),
                needed: bytes,
                allowed,
                limit: "max_storage_buffer_binding_size",
            });
        }
        let allowed = self.limits.max_buffer_size;
        if bytes > allowed {
            return Err(Error::Limit {
                what: what.to_string(),
                needed: bytes,
                allowed,
                limit: "max_buffer_size",
            });
        }
        Ok(())
    }
}

/// A one-line human description of an adapter, with features and key limits (`evomoe devices`).
pub fn describe(adapter: &wgpu::Adapter) -> String {
    let i = adapter.get_info();
    let f = adapter.features();
    let l = adapter.limits();
    let feats: Vec<&str> = [
        (wgpu::Features::SHADER_F16, "SHADER_F16"),
        (wgpu::Features::SUBGROUP, "SUBGROUP"),
        (wgpu::Features::TIMESTAMP_QUERY, "TIMESTAMP_QUERY"),
        (
            wgpu::Features::TIMESTAMP_QUERY_INSIDE_PASSES,
            "TIMESTAMP_QUERY_INSIDE_PASSES",
        ),
        (wgpu::Features::SHADER_F64, "SHADER_F64"),
    ]
    .iter()
    .filter(|(flag, _)| f.contains(*flag))
    .map(|(_, n)| *n)
    .collect();
    format!(
        "{name}\n  backend: {backend}\n  type: {ty:?}\n  driver: {driver} {dinfo}\n  \
         vendor/device: {vendor:#06x}/{device:#06x}\n  features: {feats}\n  \
         subgroup size: {smin}..{smax}\n  \
         max storage binding: {sb} MiB, max buffer: {mb} MiB\n  \
         workgroup storage: {ws} KiB, invocations per workgroup: {inv}, \
         workgroup size: {wx}x{wy}x{wz}, workgroups per dim: {wd}\n  \
         storage buffers per stage: {sbs}",
        name = i.name,
        backend = i.backend.to_str(),
        ty = i.device_type,
        driver = i.driver,
        dinfo = i.driver_info,
        vendor = i.vendor,
        device = i.device,
        feats = if feats.is_empty() {
            "none".to_string()
        } else {
            feats.join(", ")
        },
        smin = i.subgroup_min_size,
        smax = i.subgroup_max_size,
        sb = l.max_storage_buffer_binding_size >> 20,
        mb = l.max_buffer_size >> 20,
        ws = l.max_compute_workgroup_storage_size >> 10,
        inv = l.max_compute_invocations_per_workgroup,
        wx = l.max_compute_workgroup_size_x,
        wy = l.max_compute_workgroup_size_y,
        wz = l.max_compute_workgroup_size_z,
        wd = l.max_compute_workgroups_per_dimension,
        sbs = l.max_storage_buffers_per_shader_stage,
    )
}
