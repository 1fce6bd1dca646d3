//! Adapter enumeration and choice, and the opened device.
//!
//! An adapter is chosen from every backend wgpu supports on the platform (Vulkan, Metal, DX12,
//! GL), filtered by backend and name substring (from [`AdapterOptions`] or the usual
//! `WGPU_BACKEND` / `WGPU_ADAPTER_NAME` variables) and ranked discrete GPU > integrated GPU >
//! virtual > software (CPU). The device is opened with the adapter's own limits and with the
//! optional features the kernels can use. A backend name that does not exist, or filters that match
//! none of the adapters present, are errors that say so and list what there is.
//!
//! In a browser (wasm32) there is one adapter, the browser's own, opened with [`Gpu::browser`];
//! enumeration and the backend filters are native only.
//!
//! Opening a device, waiting for the GPU and reading results are `async`: natively the futures
//! are ready as soon as `device.poll` returns, in a browser they resolve from the event loop. The
//! native front ends (the `evomoe` binary, tests, benches) drive them with `pollster`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};
use crate::gpu::kernel::Kernel;
use crate::gpu::signal;

/// Optional features the kernels use where the adapter has them.
pub const WANTED_FEATURES: wgpu::Features = wgpu::Features::SHADER_F16
    .union(wgpu::Features::SUBGROUP)
    .union(wgpu::Features::TIMESTAMP_QUERY)
    .union(wgpu::Features::TIMESTAMP_QUERY_INSIDE_PASSES)
    .union(wgpu::Features::TIMESTAMP_QUERY_INSIDE_ENCODERS);

/// The backend names [`AdapterOptions::backend`] and `WGPU_BACKEND` accept (wgpu's aliases `vk`,
/// `mtl`, `d3d12`, `opengl` and `gles` are accepted too).
pub const BACKEND_NAMES: &str = "vulkan, metal, dx12, gl";

/// Which adapter to open. Empty fields fall back to `WGPU_BACKEND` / `WGPU_ADAPTER_NAME`, then to
/// the best-ranked adapter. The `evomoe` binary fills them from `--backend` / `--adapter`, and
/// error messages call them by those names.
#[derive(Clone, Debug, Default)]
pub struct AdapterOptions {
    /// Backend names, comma separated, from [`BACKEND_NAMES`].
    pub backend: Option<String>,
    /// Case-insensitive substring of the adapter name.
    pub name: Option<String>,
}

impl AdapterOptions {
    /// The backend list and where it came from (`--backend` or `WGPU_BACKEND`); `None` for any
    /// backend.
    fn backend_setting(&self) -> Option<(String, &'static str)> {
        let (list, from) = match &self.backend {
            Some(list) => (list.clone(), "--backend"),
            None => (std::env::var("WGPU_BACKEND").ok()?, "WGPU_BACKEND"),
        };
        Some((list, from)).filter(|(list, _)| !list.trim().is_empty())
    }

    /// The backends to enumerate; an unknown name is an error.
    fn backends(&self) -> Result<wgpu::Backends> {
        match self.backend_setting() {
            Some((list, from)) => parse_backends(&list, from),
            None => Ok(wgpu::Backends::all()),
        }
    }

    /// The name substring and where it came from (`--adapter` or `WGPU_ADAPTER_NAME`).
    fn name_setting(&self) -> Option<(String, &'static str)> {
        let (name, from) = match &self.name {
            Some(name) => (name.clone(), "--adapter"),
            None => (
                std::env::var("WGPU_ADAPTER_NAME").ok()?,
                "WGPU_ADAPTER_NAME",
            ),
        };
        Some((name, from)).filter(|(name, _)| !name.is_empty())
    }

    fn name_filter(&self) -> Option<String> {
        self.name_setting().map(|(name, _)| name.to_lowercase())
    }

    /// The filters in force, as the user gave them: `--backend gl and --adapter "nvidia"`.
    fn describe_filters(&self) -> String {
        let backend = self
            .backend_setting()
            .map(|(list, from)| format!("{from} {list}"));
        let name = self
            .name_setting()
            .map(|(name, from)| format!("{from} \"{name}\""));
        match (backend, name) {
            (Some(b), Some(n)) => format!("{b} and {n}"),
            (Some(f), None) | (None, Some(f)) => f,
            (None, None) => "any backend and any name".to_string(),
        }
    }
}

/// Parses a comma-separated list of backend names; `from` (`--backend`, `WGPU_BACKEND`) names
/// the setting in the error. wgpu's own `Backends::from_comma_list` skips unknown names silently,
/// which would turn a typo into "no adapter found".
fn parse_backends(list: &str, from: &str) -> Result<wgpu::Backends> {
    let mut backends = wgpu::Backends::empty();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        backends |= match name.to_lowercase().as_str() {
            "vulkan" | "vk" => wgpu::Backends::VULKAN,
            "metal" | "mtl" => wgpu::Backends::METAL,
            "dx12" | "d3d12" => wgpu::Backends::DX12,
            "gl" | "opengl" | "gles" => wgpu::Backends::GL,
            _ => {
                return Err(Error::UnknownBackend {
                    name: name.to_string(),
                    from: from.to_string(),
                    backend_names: BACKEND_NAMES,
                })
            }
        };
    }
    Ok(backends)
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

fn type_name(t: wgpu::DeviceType) -> &'static str {
    match t {
        wgpu::DeviceType::DiscreteGpu => "discrete GPU",
        wgpu::DeviceType::IntegratedGpu => "integrated GPU",
        wgpu::DeviceType::VirtualGpu => "virtual GPU",
        wgpu::DeviceType::Cpu => "CPU",
        wgpu::DeviceType::Other => "other",
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

/// Every adapter with compute shaders on `backends`, best first.
fn compute_adapters(backends: wgpu::Backends) -> Vec<wgpu::Adapter> {
    let inst = instance(backends);
    // Native wgpu enumerates on the spot; the future is ready when first polled.
    let mut adapters = signal::now(inst.enumerate_adapters(backends)).unwrap_or_default();
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

/// Every adapter matching the options, best first. Errors name the problem: an unknown backend
/// name ([`Error::UnknownBackend`]), filters that match none of the adapters present (listed in
/// [`Error::NoMatchingAdapter`]), or no adapter at all ([`Error::NoAdapter`], with the driver
/// install hint).
pub fn matching_adapters(opts: &AdapterOptions) -> Result<Vec<wgpu::Adapter>> {
    let mut adapters = compute_adapters(opts.backends()?);
    if let Some(name) = opts.name_filter() {
        adapters.retain(|a| a.get_info().name.to_lowercase().contains(&name));
    }
    if !adapters.is_empty() {
        return Ok(adapters);
    }
    // Nothing matched: list what is there, on every backend, to say why.
    let present: Vec<String> = compute_adapters(wgpu::Backends::all())
        .iter()
        .map(|a| {
            let i = a.get_info();
            format!(
                "\"{}\" ({}, {})",
                i.name,
                i.backend.to_str(),
                type_name(i.device_type)
            )
        })
        .collect();
    if present.is_empty() {
        return Err(Error::NoAdapter(format!(
            "none with compute shaders on {BACKEND_NAMES}"
        )));
    }
    Err(Error::NoMatchingAdapter {
        filters: opts.describe_filters(),
        present: present.join(", "),
        backend_names: BACKEND_NAMES,
    })
}

/// Every adapter matching the options, best first; empty where [`matching_adapters`] errors
/// (use that to tell the user why).
pub fn list_adapters(opts: &AdapterOptions) -> Vec<wgpu::Adapter> {
    matching_adapters(opts).unwrap_or_default()
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
    /// Bytes of the tensors allocated so far (checked against [`crate::model::memory`]).
    pub(crate) tensor_bytes: AtomicU64,
    pub(crate) bind_groups_created: AtomicU64,
    /// Errors of [`Gpu::scoped`] sections that arrive later (in a browser error scopes resolve
    /// asynchronously); returned by the next [`Gpu::wait`].
    deferred_errors: Arc<Mutex<Vec<String>>>,
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
    pub async fn new(opts: &AdapterOptions) -> Result<Gpu> {
        match matching_adapters(opts)?.into_iter().next() {
            Some(adapter) => Gpu::from_adapter(adapter).await,
            None => Err(Error::NoAdapter("none matched".to_string())),
        }
    }

    /// Opens the best adapter with default options (honouring the environment).
    pub async fn default_adapter() -> Result<Gpu> {
        Gpu::new(&AdapterOptions::default()).await
    }

    /// Opens the browser's WebGPU adapter (high-performance preference). The error says when the
    /// browser has no WebGPU at all.
    pub async fn browser() -> Result<Gpu> {
        let mut desc = wgpu::InstanceDescriptor::new_without_display_handle();
        desc.backends = wgpu::Backends::BROWSER_WEBGPU;
        let inst = wgpu::Instance::new(desc);
        let adapter = inst
            .request_adapter(&wgpu::RequestAdapterOptions {
                power_preference: wgpu::PowerPreference::HighPerformance,
                ..Default::default()
            })
            .await
            .map_err(|e| Error::NoWebGpu(e.to_string()))?;
        Gpu::from_adapter(adapter).await
    }

    /// Opens a device on the given adapter with its own limits and the wanted features.
    pub async fn from_adapter(adapter: wgpu::Adapter) -> Result<Gpu> {
        let info = adapter.get_info();
        let features = adapter.features() & WANTED_FEATURES;
        let limits = adapter.limits();
        let desc = wgpu::DeviceDescriptor {
            label: Some("evomoe"),
            required_features: features,
            required_limits: limits.clone(),
            ..Default::default()
        };
        let (device, queue) = adapter
            .request_device(&desc)
            .await
            .map_err(|e| Error::Device {
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
            tensor_bytes: AtomicU64::new(0),
            bind_groups_created: AtomicU64::new(0),
            deferred_errors: Arc::new(Mutex::new(Vec::new())),
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

    /// Bytes of every tensor allocated on this device so far (dropped ones included).
    pub fn tensor_bytes(&self) -> u64 {
        self.tensor_bytes.load(Ordering::Relaxed)
    }

    /// Number of submits so far.
    pub fn submits(&self) -> u64 {
        self.submits.load(Ordering::Relaxed)
    }

    /// Resolves when all submitted work has finished (natively: a blocking `device.poll`; in a
    /// browser: the queue's work-done promise). Returns any error a [`Gpu::scoped`] section
    /// reported since.
    pub async fn wait(&self) -> Result<()> {
        #[cfg(not(target_arch = "wasm32"))]
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| Error::Wgpu {
                context: "device poll".into(),
                message: e.to_string(),
            })?;
        #[cfg(target_arch = "wasm32")]
        {
            let (tx, rx) = signal::channel();
            self.queue.on_submitted_work_done(move || tx.send(()));
            rx.await;
        }
        self.take_deferred_errors()
    }

    /// Polls the device without waiting, so that finished mappings run their callbacks (a no-op
    /// in a browser, where the event loop does it).
    pub fn poll(&self) {
        let _ = self.device.poll(wgpu::PollType::Poll);
    }

    /// The first error of a [`Gpu::scoped`] section that resolved late, if any.
    fn take_deferred_errors(&self) -> Result<()> {
        let mut errors = self
            .deferred_errors
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let first = errors.drain(..).next();
        match first {
            Some(message) => Err(Error::Wgpu {
                context: "an earlier GPU call".into(),
                message,
            }),
            None => Ok(()),
        }
    }

    /// Runs `f` inside validation and out-of-memory error scopes and turns any wgpu error into
    /// [`Error::Wgpu`] instead of a panic. Natively the scopes resolve at once and the error is
    /// returned here; in a browser they resolve later and the error is returned by the next
    /// [`Gpu::wait`] (or readback).
    pub fn scoped<T>(&self, context: &str, f: impl FnOnce() -> T) -> Result<T> {
        let oom = self.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let val = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let out = f();
        let (v, o) = (val.pop(), oom.pop());
        #[cfg(not(target_arch = "wasm32"))]
        {
            let error = signal::now(v).flatten().or(signal::now(o).flatten());
            match error {
                Some(e) => Err(Error::Wgpu {
                    context: context.to_string(),
                    message: e.to_string(),
                }),
                None => Ok(out),
            }
        }
        #[cfg(target_arch = "wasm32")]
        {
            let sink = self.deferred_errors.clone();
            let context = context.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(e) = v.await.or(o.await) {
                    sink.lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(format!("{context}: {e}"));
                }
            });
            Ok(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_lists_parse_and_unknown_names_are_errors() {
        let parsed = parse_backends("Vulkan, gl,", "WGPU_BACKEND").unwrap();
        assert_eq!(parsed, wgpu::Backends::VULKAN | wgpu::Backends::GL);
        let err = parse_backends("vk,webgpu", "WGPU_BACKEND").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown backend `webgpu` in WGPU_BACKEND; the valid names are vulkan, metal, dx12, gl \
             (comma separated for several)"
        );
    }
}
