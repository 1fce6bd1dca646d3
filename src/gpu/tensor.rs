//! Typed GPU tensors: a shape, an element type and one storage buffer.
//!
//! Tensors are row-major. Every tensor is allocated when a model or an op plan is built; the
//! training step only binds existing tensors. Sizes are checked against the adapter's limits
//! before the buffer is created, so an oversized model fails with [`Error::Limit`], not a wgpu
//! panic. Reading a tensor back is `async` and waits for the GPU; it is for tests, checkpoints
//! and logging steps only.

use crate::error::{Error, Result};
use crate::gpu::{signal, Gpu};

/// Element type of a tensor's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DType {
    F32,
    /// Half-precision storage (read in shaders with `enable f16;` where the adapter has
    /// SHADER_F16).
    F16,
    /// Indices, counts, token ids, routing tables.
    U32,
}

impl DType {
    pub fn size(self) -> usize {
        match self {
            DType::F32 | DType::U32 => 4,
            DType::F16 => 2,
        }
    }
}

/// A GPU tensor. Cloning is cheap and shares the buffer.
#[derive(Clone, Debug)]
pub struct Tensor {
    pub buffer: wgpu::Buffer,
    pub shape: Vec<usize>,
    pub dtype: DType,
}

fn usage() -> wgpu::BufferUsages {
    wgpu::BufferUsages::STORAGE
        | wgpu::BufferUsages::COPY_SRC
        | wgpu::BufferUsages::COPY_DST
        | wgpu::BufferUsages::INDIRECT
}

impl Tensor {
    /// A zero-filled tensor.
    pub fn zeros(gpu: &Gpu, shape: &[usize], dtype: DType, label: &str) -> Result<Tensor> {
        let numel: usize = shape.iter().product();
        let bytes = (numel * dtype.size()) as u64;
        gpu.check_binding(&format!("tensor `{label}` {shape:?}"), bytes)?;
        // Bindings must be non-empty and a multiple of 4 bytes; keep 16 for vec4 loads.
        let size = bytes.div_ceil(16).max(1) * 16;
        let buffer = gpu.scoped(&format!("allocating `{label}`"), || {
            gpu.buffers_created
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            gpu.tensor_bytes
                .fetch_add(size, std::sync::atomic::Ordering::Relaxed);
            gpu.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some(label),
                size,
                usage: usage(),
                mapped_at_creation: false,
            })
        })?;
        Ok(Tensor {
            buffer,
            shape: shape.to_vec(),
            dtype,
        })
    }

    /// An f32 tensor holding `data`.
    pub fn from_f32(gpu: &Gpu, shape: &[usize], data: &[f32], label: &str) -> Result<Tensor> {
        let t = Tensor::zeros(gpu, shape, DType::F32, label)?;
        t.write_f32(gpu, data)?;
        Ok(t)
    }

    /// A u32 tensor holding `data`.
    pub fn from_u32(gpu: &Gpu, shape: &[usize], data: &[u32], label: &str) -> Result<Tensor> {
        let t = Tensor::zeros(gpu, shape, DType::U32, label)?;
        t.write_u32(gpu, data)?;
        Ok(t)
    }

    /// Overwrites a u32 tensor with `data` (token ids each step).
    pub fn write_u32(&self, gpu: &Gpu, data: &[u32]) -> Result<()> {
        if self.dtype != DType::U32 {
            return Err(Error::shape(
                "write_u32",
                format!("tensor is {:?}", self.dtype),
            ));
        }
        self.check_len("write_u32", data.len())?;
        if !data.is_empty() {
            gpu.queue
                .write_buffer(&self.buffer, 0, bytemuck::cast_slice(data));
        }
        Ok(())
    }

    /// An f16 tensor holding `data` rounded to half precision.
    pub fn from_f32_as_f16(
        gpu: &Gpu,
        shape: &[usize],
        data: &[f32],
        label: &str,
    ) -> Result<Tensor> {
        let t = Tensor::zeros(gpu, shape, DType::F16, label)?;
        t.check_len("from_f32_as_f16", data.len())?;
        let mut h: Vec<half::f16> = data.iter().map(|&x| half::f16::from_f32(x)).collect();
        if h.len() % 2 == 1 {
            h.push(half::f16::ZERO); // queue writes are in 4-byte units
        }
        gpu.queue
            .write_buffer(&t.buffer, 0, bytemuck::cast_slice(&h));
        Ok(t)
    }

    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }

    /// Size of the data in bytes (the buffer may be padded beyond it).
    pub fn bytes(&self) -> u64 {
        (self.numel() * self.dtype.size()) as u64
    }

    fn check_len(&self, op: &str, len: usize) -> Result<()> {
        if len != self.numel() {
            return Err(Error::shape(
                op,
                format!(
                    "tensor {:?} has {} elements, data has {len}",
                    self.shape,
                    self.numel()
                ),
            ));
        }
        Ok(())
    }

    /// Overwrites an f32 tensor with `data`.
    pub fn write_f32(&self, gpu: &Gpu, data: &[f32]) -> Result<()> {
        if self.dtype != DType::F32 {
            return Err(Error::shape(
                "write_f32",
                format!("tensor is {:?}", self.dtype),
            ));
        }
        self.check_len("write_f32", data.len())?;
        if !data.is_empty() {
            gpu.queue
                .write_buffer(&self.buffer, 0, bytemuck::cast_slice(data));
        }
        Ok(())
    }

    /// Fills the tensor with zero bytes (enqueued, ordered before the next submit).
    pub fn zero(&self, gpu: &Gpu) {
        let mut enc = gpu.device.create_command_encoder(&Default::default());
        enc.clear_buffer(&self.buffer, 0, None);
        gpu.submit([enc.finish()]);
    }

    /// Reads the raw bytes back.
    pub async fn read_bytes(&self, gpu: &Gpu) -> Result<Vec<u8>> {
        read_buffer(gpu, &self.buffer, 0, self.bytes().div_ceil(4) * 4).await
    }

    /// Reads an f32 (or f16, widened) tensor back.
    pub async fn read_f32(&self, gpu: &Gpu) -> Result<Vec<f32>> {
        let bytes = self.read_bytes(gpu).await?;
        match self.dtype {
            DType::F32 => Ok(bytemuck::cast_slice::<u8, f32>(&bytes)[..self.numel()].to_vec()),
            DType::F16 => Ok(
                bytemuck::cast_slice::<u8, half::f16>(&bytes)[..self.numel()]
                    .iter()
                    .map(|h| h.to_f32())
                    .collect(),
            ),
            DType::U32 => Err(Error::shape("read_f32", "tensor is U32")),
        }
    }

    /// Reads a u32 tensor back.
    pub async fn read_u32(&self, gpu: &Gpu) -> Result<Vec<u32>> {
        if self.dtype != DType::U32 {
            return Err(Error::shape(
                "read_u32",
                format!("tensor is {:?}", self.dtype),
            ));
        }
        let bytes = self.read_bytes(gpu).await?;
        Ok(bytemuck::cast_slice::<u8, u32>(&bytes)[..self.numel()].to_vec())
    }
}

/// Copies `size` bytes at `offset` of `buffer` to the host, once the GPU is done with them.
pub async fn read_buffer(
    gpu: &Gpu,
    buffer: &wgpu::Buffer,
    offset: u64,
    size: u64,
) -> Result<Vec<u8>> {
    if size == 0 {
        return Ok(Vec::new());
    }
    let staging = gpu.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("readback"),
        size,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    gpu.scoped("readback copy", || {
        let mut enc = gpu.device.create_command_encoder(&Default::default());
        enc.copy_buffer_to_buffer(buffer, offset, &staging, 0, size);
        gpu.submit([enc.finish()]);
    })?;
    let slice = staging.slice(..);
    let (tx, rx) = signal::channel();
    slice.map_async(wgpu::MapMode::Read, move |r| tx.send(r));
    gpu.wait().await?;
    rx.await
        .ok_or_else(|| Error::Readback("the mapping was dropped unanswered".into()))?
        .map_err(|e| Error::Readback(e.to_string()))?;
    let view = slice
        .get_mapped_range()
        .map_err(|e| Error::Readback(e.to_string()))?;
    let out = view.to_vec();
    drop(view);
    staging.unmap();
    Ok(out)
}
