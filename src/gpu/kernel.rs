//! Compiled kernels and recorded dispatches.
//!
//! A [`Kernel`] is one WGSL entry point compiled with a set of override constants; the pipeline
//! cache in [`Gpu`] keys it by (shader, entry point, overrides). Its bind group layout is built
//! from naga's reflection of the entry point: exactly the group-0 bindings the entry point uses,
//! each read-only storage, read-write storage or uniform as declared. So one WGSL file may hold
//! forward and backward entry points that use different subsets of its bindings.
//!
//! A [`Dispatch`] is a kernel bound to concrete buffers, named as the WGSL names its bindings
//! ([`Buffers`]: `.buf("x", &x)`, never slot numbers), its own uniform `Params` buffer and a
//! workgroup count: everything needed to replay it. A training step is a list of dispatches
//! recorded once and encoded again every step, so the step creates no pipeline, bind group or
//! buffer: memory is planned once from the config (docs/ARCHITECTURE.md).

use std::sync::Arc;

use crate::error::{Error, Result};
use crate::gpu::Gpu;
use crate::shaders;

/// How a binding is declared in WGSL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindKind {
    /// `var<storage, read>`
    ReadOnly,
    /// `var<storage, read_write>`
    ReadWrite,
    /// `var<uniform>`: the op's `Params`.
    Uniform,
}

/// One group-0 binding of a WGSL module: its number, its declaration and its variable name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub number: u32,
    pub kind: BindKind,
    pub name: String,
}

/// What naga reflects of one entry point: the bindings it uses, and the names of every group-0
/// binding its module declares (so a launcher may hand one buffer list to several entry points
/// of a shader, each taking the names it uses).
#[derive(Clone, Debug)]
pub struct Reflection {
    pub used: Vec<Binding>,
    pub declared: Vec<String>,
}

/// One entry point compiled into a pipeline.
pub struct Kernel {
    pub shader: String,
    pub entry: String,
    /// `shader::entry`.
    pub label: String,
    pub pipeline: wgpu::ComputePipeline,
    pub layout: wgpu::BindGroupLayout,
    pub bindings: Reflection,
}

/// Reflects the group-0 bindings of `entry` in a WGSL source.
pub fn reflect_bindings(source: &str, entry: &str) -> std::result::Result<Reflection, String> {
    let module = naga::front::wgsl::parse_str(source).map_err(|e| e.emit_to_string(source))?;
    let info = naga::valid::Validator::new(
        naga::valid::ValidationFlags::all(),
        naga::valid::Capabilities::all(),
    )
    .subgroup_stages(naga::valid::ShaderStages::all())
    .subgroup_operations(naga::valid::SubgroupOperationSet::all())
    .validate(&module)
    .map_err(|e| e.emit_to_string(source))?;
    let ep_index = module
        .entry_points
        .iter()
        .position(|ep| ep.name == entry)
        .ok_or_else(|| format!("no entry point named `{entry}`"))?;
    let fun_info = info.get_entry_point(ep_index);
    let mut used = Vec::new();
    let mut declared = Vec::new();
    for (handle, var) in module.global_variables.iter() {
        let Some(binding) = &var.binding else {
            continue;
        };
        if binding.group != 0 {
            return Err(format!(
                "binding group {} is not supported; use group 0",
                binding.group
            ));
        }
        let name = var.name.clone().unwrap_or_default();
        declared.push(name.clone());
        if fun_info[handle].is_empty() {
            continue;
        }
        let kind = match var.space {
            naga::AddressSpace::Storage { access } => {
                if access.contains(naga::StorageAccess::STORE) {
                    BindKind::ReadWrite
                } else {
                    BindKind::ReadOnly
                }
            }
            naga::AddressSpace::Uniform => BindKind::Uniform,
            other => {
                return Err(format!(
                    "unsupported address space {other:?} at binding {}",
                    binding.binding
                ))
            }
        };
        used.push(Binding {
            number: binding.binding,
            kind,
            name,
        });
    }
    used.sort_by_key(|b| b.number);
    Ok(Reflection { used, declared })
}

/// The buffers of a dispatch, named as the shader names its bindings:
/// `Buffers::new().buf("x", &x.buffer).buf("out", &out.buffer)`. The uniform `Params` is not
/// in it (see [`Gpu::dispatch`]). Names the entry point does not use are ignored, so one list
/// can serve several entry points of a shader; a name the shader does not declare is an error.
#[derive(Clone, Default)]
pub struct Buffers<'a> {
    named: Vec<(&'a str, &'a wgpu::Buffer)>,
}

impl<'a> Buffers<'a> {
    pub fn new() -> Buffers<'a> {
        Buffers::default()
    }

    /// Binds `buffer` to the WGSL variable `name`.
    pub fn buf(mut self, name: &'a str, buffer: &'a wgpu::Buffer) -> Buffers<'a> {
        self.named.push((name, buffer));
        self
    }

    fn get(&self, name: &str) -> Option<&'a wgpu::Buffer> {
        self.named.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
    }
}

/// Workgroup count of a dispatch.
#[derive(Clone, Debug)]
pub enum Workgroups {
    /// A fixed grid.
    Direct([u32; 3]),
    /// Read from `buffer` at `offset` (three u32) when the dispatch runs, so a kernel that sizes
    /// itself from GPU-computed counts needs no readback.
    Indirect { buffer: wgpu::Buffer, offset: u64 },
}

impl Workgroups {
    /// Enough workgroups of `wg` invocations to cover `n` elements, folded into y when x would
    /// exceed 65535. Shaders recover the flat index as `gid.x + gid.y * nwg.x * WG`
    /// (`flat_index` in `shaders/prelude.wgsl`).
    pub fn linear(n: usize, wg: u32) -> Workgroups {
        let groups = (n as u64).div_ceil(wg as u64).max(1);
        if groups <= 65535 {
            Workgroups::Direct([groups as u32, 1, 1])
        } else {
            let y = groups.div_ceil(65535);
            Workgroups::Direct([65535, y as u32, 1])
        }
    }
}

/// A kernel bound to its buffers and parameters, ready to be encoded any number of times.
/// Cloning shares the bind group and the `Params` buffer.
#[derive(Clone)]
pub struct Dispatch {
    pub kernel: Arc<Kernel>,
    pub bind_group: wgpu::BindGroup,
    pub workgroups: Workgroups,
    /// The uniform `Params` buffer, owned by this dispatch so it can be updated in place.
    pub params: Option<wgpu::Buffer>,
}

/// So that [`Gpu::run`] takes lists of dispatches and of references to them alike.
impl AsRef<Dispatch> for Dispatch {
    fn as_ref(&self) -> &Dispatch {
        self
    }
}

impl Dispatch {
    /// Rewrites the uniform parameters (e.g. the step counter) before the next submit.
    pub fn set_params(&self, gpu: &Gpu, bytes: &[u8]) {
        if let Some(p) = &self.params {
            gpu.queue.write_buffer(p, 0, bytes);
        }
    }

    /// Encodes this dispatch into an open compute pass.
    pub fn encode(&self, pass: &mut wgpu::ComputePass<'_>) {
        pass.set_pipeline(&self.kernel.pipeline);
        pass.set_bind_group(0, &self.bind_group, &[]);
        match &self.workgroups {
            Workgroups::Direct([x, y, z]) => pass.dispatch_workgroups(*x, *y, *z),
            Workgroups::Indirect { buffer, offset } => {
                pass.dispatch_workgroups_indirect(buffer, *offset)
            }
        }
    }

    pub fn label(&self) -> &str {
        &self.kernel.label
    }
}

impl Gpu {
    /// The compiled kernel for `entry` of the registered shader `shader`, with override
    /// constants; compiled once and cached.
    pub fn kernel(
        &self,
        shader: &str,
        entry: &str,
        overrides: &[(&str, f64)],
    ) -> Result<Arc<Kernel>> {
        let key = format!("{shader}:{entry}:{overrides:?}");
        if let Some(k) = self.kernels.lock().unwrap().get(&key) {
            return Ok(k.clone());
        }
        let source = shaders::source(shader).ok_or_else(|| Error::Shader {
            shader: shader.to_string(),
            entry: entry.to_string(),
            message: "not in the shader registry".into(),
        })?;
        let shader_err = |message: String| Error::Shader {
            shader: shader.to_string(),
            entry: entry.to_string(),
            message,
        };
        let needs = shaders::entry(shader).map_or(wgpu::Features::empty(), |e| e.needs);
        if !self.features.contains(needs) {
            let missing: Vec<&str> = (needs - self.features).iter_names().map(|n| n.0).collect();
            return Err(shader_err(format!(
                "needs {}, which this adapter does not offer",
                missing.join(" and ")
            )));
        }
        let bindings = reflect_bindings(source, entry).map_err(shader_err)?;
        // A browser's adapter may allow fewer storage buffers than a kernel binds (WebGPU's
        // default is 8): say so by name instead of failing at pipeline creation.
        let storage = bindings
            .used
            .iter()
            .filter(|b| b.kind != BindKind::Uniform)
            .count() as u32;
        let allowed = self.limits.max_storage_buffers_per_shader_stage;
        if storage > allowed {
            return Err(Error::Limit {
                what: format!("kernel {shader}::{entry} (storage buffers)"),
                needed: storage as u64,
                allowed: allowed as u64,
                limit: "max_storage_buffers_per_shader_stage",
            });
        }
        let entries: Vec<wgpu::BindGroupLayoutEntry> = bindings
            .used
            .iter()
            .map(|b| wgpu::BindGroupLayoutEntry {
                binding: b.number,
                visibility: wgpu::ShaderStages::COMPUTE,
                ty: wgpu::BindingType::Buffer {
                    ty: match b.kind {
                        BindKind::ReadOnly => wgpu::BufferBindingType::Storage { read_only: true },
                        BindKind::ReadWrite => {
                            wgpu::BufferBindingType::Storage { read_only: false }
                        }
                        BindKind::Uniform => wgpu::BufferBindingType::Uniform,
                    },
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            })
            .collect();
        // A browser's WGSL compiler wants `enable` directives for optional features.
        let browser_source = if cfg!(target_arch = "wasm32") {
            format!("{}{source}", shaders::enable_directives(needs))
        } else {
            source.to_string()
        };
        let label = format!("{shader}::{entry}");
        let started = web_time::Instant::now();
        let kernel = self.scoped(&format!("compiling {label}"), || {
            let module = self
                .device
                .create_shader_module(wgpu::ShaderModuleDescriptor {
                    label: Some(shader),
                    source: wgpu::ShaderSource::Wgsl(browser_source.into()),
                });
            let layout = self
                .device
                .create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
                    label: Some(&label),
                    entries: &entries,
                });
            let pl = self
                .device
                .create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
                    label: Some(&label),
                    bind_group_layouts: &[Some(&layout)],
                    immediate_size: 0,
                });
            let pipeline = self
                .device
                .create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                    label: Some(&label),
                    layout: Some(&pl),
                    module: &module,
                    entry_point: Some(entry),
                    compilation_options: wgpu::PipelineCompilationOptions {
                        constants: overrides,
                        zero_initialize_workgroup_memory: true,
                    },
                    cache: None,
                });
            Kernel {
                shader: shader.to_string(),
                entry: entry.to_string(),
                label: label.clone(),
                pipeline,
                layout,
                bindings,
            }
        })?;
        if std::env::var_os("EVOMOE_LOG_PIPELINES").is_some() {
            // Pipeline creation is where CPU drivers compile: the first step's cost.
            eprintln!(
                "pipeline {label} {overrides:?}: {:.2} s",
                started.elapsed().as_secs_f64()
            );
        }
        let kernel = Arc::new(kernel);
        self.kernels.lock().unwrap().insert(key, kernel.clone());
        Ok(kernel)
    }

    /// Binds `buffers` by name and `params` (to the entry point's uniform binding) into a
    /// replayable dispatch. Every storage binding the entry point uses must be named in
    /// `buffers`; a name the shader does not declare, or a name given twice, is an error naming
    /// the shader, entry point and binding.
    pub fn dispatch(
        &self,
        kernel: &Arc<Kernel>,
        buffers: &Buffers,
        params: Option<&[u8]>,
        workgroups: Workgroups,
    ) -> Result<Dispatch> {
        if let Workgroups::Direct(dims) = &workgroups {
            let allowed = self.limits.max_compute_workgroups_per_dimension;
            if let Some(&d) = dims.iter().find(|&&d| d > allowed) {
                return Err(Error::Limit {
                    what: format!("dispatch of {}", kernel.label),
                    needed: d as u64,
                    allowed: allowed as u64,
                    limit: "max_compute_workgroups_per_dimension",
                });
            }
        }
        let err = |message: String| Error::Shader {
            shader: kernel.shader.clone(),
            entry: kernel.entry.clone(),
            message,
        };
        for (i, (name, _)) in buffers.named.iter().enumerate() {
            if !kernel.bindings.declared.iter().any(|d| d == name) {
                return Err(err(format!("no binding named `{name}` in the shader")));
            }
            if buffers.named[..i].iter().any(|(n, _)| n == name) {
                return Err(err(format!("binding `{name}` given twice")));
            }
        }
        let mut params_buffer = None;
        let mut resources = Vec::with_capacity(kernel.bindings.used.len());
        for b in &kernel.bindings.used {
            if b.kind == BindKind::Uniform {
                if buffers.get(&b.name).is_some() {
                    return Err(err(format!(
                        "binding {} `{}` is the uniform: pass its bytes as params",
                        b.number, b.name
                    )));
                }
                let bytes = params.ok_or_else(|| {
                    err(format!(
                        "binding {} `{}` is a uniform but no params were given",
                        b.number, b.name
                    ))
                })?;
                // Uniform buffers must be a multiple of 16 bytes.
                let size = (bytes.len() as u64).div_ceil(16).max(1) * 16;
                self.buffers_created
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let buf = self.device.create_buffer(&wgpu::BufferDescriptor {
                    label: Some(&kernel.label),
                    size,
                    usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                    mapped_at_creation: false,
                });
                self.queue.write_buffer(&buf, 0, bytes);
                params_buffer = Some(buf);
                resources.push((b.number, None));
            } else {
                let buffer = buffers.get(&b.name).ok_or_else(|| {
                    err(format!(
                        "binding {} `{}` is used but no buffer was given for it",
                        b.number, b.name
                    ))
                })?;
                resources.push((b.number, Some(buffer)));
            }
        }
        let entries: Vec<wgpu::BindGroupEntry> = resources
            .iter()
            .map(|&(binding, buffer)| wgpu::BindGroupEntry {
                binding,
                resource: match buffer {
                    Some(buffer) => buffer.as_entire_binding(),
                    None => params_buffer.as_ref().unwrap().as_entire_binding(),
                },
            })
            .collect();
        let bind_group = self.scoped(&format!("binding {}", kernel.label), || {
            self.bind_groups_created
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some(&kernel.label),
                layout: &kernel.layout,
                entries: &entries,
            })
        })?;
        Ok(Dispatch {
            kernel: kernel.clone(),
            bind_group,
            workgroups,
            params: params_buffer,
        })
    }

    /// Encodes the dispatches in order into one compute pass and submits them (no wait).
    /// Validation errors are returned, not panicked on. Takes a slice of dispatches or of
    /// references to them: `&[&d]`, `&Vec<Dispatch>`, `&Vec<&Dispatch>`.
    pub fn run<D: AsRef<Dispatch>>(&self, dispatches: &[D]) -> Result<()> {
        self.run_with(dispatches, |_| ())
    }

    /// Like [`Gpu::run`], with `after` recording more commands (e.g. a copy into a
    /// [`crate::gpu::ReadbackRing`]) into the same command buffer, after the pass.
    pub fn run_with<R, D: AsRef<Dispatch>>(
        &self,
        dispatches: &[D],
        after: impl FnOnce(&mut wgpu::CommandEncoder) -> R,
    ) -> Result<R> {
        self.scoped("run", || {
            let mut enc = self.device.create_command_encoder(&Default::default());
            {
                let mut pass = enc.begin_compute_pass(&Default::default());
                for d in dispatches {
                    d.as_ref().encode(&mut pass);
                }
            }
            let r = after(&mut enc);
            self.submit([enc.finish()]);
            r
        })
    }

    /// Shorthand: compile (cached), bind and run one kernel now.
    pub fn launch(
        &self,
        shader: &str,
        entry: &str,
        overrides: &[(&str, f64)],
        buffers: &Buffers,
        params: Option<&[u8]>,
        workgroups: Workgroups,
    ) -> Result<()> {
        let k = self.kernel(shader, entry, overrides)?;
        let d = self.dispatch(&k, buffers, params, workgroups)?;
        self.run(&[&d])
    }
}
