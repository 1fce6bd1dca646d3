//! A ring of small staging buffers for reading scalars (the loss, routing statistics) without
//! stalling the queue: a logging step copies into the next free slot and maps it; the value is
//! taken on a later step once the GPU has finished, with a non-blocking poll (or after
//! [`Gpu::wait`], by a caller that needs it now).

use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};
use crate::gpu::Gpu;

struct Slot {
    buffer: wgpu::Buffer,
    /// Set by the map callback.
    ready: Arc<Mutex<Option<std::result::Result<(), String>>>>,
    in_use: bool,
    len: u64,
}

/// A fixed ring of `slots` staging buffers of `slot_bytes` each.
pub struct ReadbackRing {
    slots: Vec<Slot>,
    next: usize,
    slot_bytes: u64,
}

/// Handle of a pending readback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket(usize);

impl ReadbackRing {
    pub fn new(gpu: &Gpu, slots: usize, slot_bytes: u64) -> ReadbackRing {
        let slot_bytes = slot_bytes.div_ceil(4) * 4;
        let slots = (0..slots.max(1))
            .map(|_| Slot {
                buffer: gpu.device.create_buffer(&wgpu::BufferDescriptor {
                    label: Some("readback ring"),
                    size: slot_bytes,
                    usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
                    mapped_at_creation: false,
                }),
                ready: Arc::new(Mutex::new(None)),
                in_use: false,
                len: 0,
            })
            .collect();
        ReadbackRing {
            slots,
            next: 0,
            slot_bytes,
        }
    }

    /// Records a copy of `len` bytes at `offset` of `src` into the next free slot. Call
    /// [`ReadbackRing::submitted`] after the encoder is submitted. Returns `None` when every
    /// slot is still waiting to be read (the caller just skips this log).
    pub fn copy(
        &mut self,
        enc: &mut wgpu::CommandEncoder,
        src: &wgpu::Buffer,
        offset: u64,
        len: u64,
    ) -> Result<Option<Ticket>> {
        if len > self.slot_bytes || !len.is_multiple_of(4) {
            return Err(Error::Readback(format!(
                "readback of {len} bytes does not fit a {}-byte slot",
                self.slot_bytes
            )));
        }
        let n = self.slots.len();
        for k in 0..n {
            let i = (self.next + k) % n;
            if !self.slots[i].in_use {
                let slot = &mut self.slots[i];
                enc.copy_buffer_to_buffer(src, offset, &slot.buffer, 0, len);
                slot.in_use = true;
                slot.len = len;
                *slot.ready.lock().unwrap() = None;
                self.next = (i + 1) % n;
                return Ok(Some(Ticket(i)));
            }
        }
        Ok(None)
    }

    /// Starts mapping the slot of `ticket`; call after submitting the copy.
    pub fn submitted(&self, ticket: Ticket) {
        let slot = &self.slots[ticket.0];
        let ready = slot.ready.clone();
        slot.buffer
            .slice(..slot.len)
            .map_async(wgpu::MapMode::Read, move |r| {
                *ready.lock().unwrap() = Some(r.map_err(|e| e.to_string()));
            });
    }

    /// The bytes of `ticket` if the GPU has finished with them; never waits.
    pub fn try_take(&mut self, gpu: &Gpu, ticket: Ticket) -> Result<Option<Vec<u8>>> {
        gpu.poll();
        self.take_if_ready(ticket)
    }

    fn take_if_ready(&mut self, ticket: Ticket) -> Result<Option<Vec<u8>>> {
        let slot = &mut self.slots[ticket.0];
        let state = slot.ready.lock().unwrap().take();
        match state {
            None => Ok(None),
            Some(Err(e)) => {
                slot.in_use = false;
                Err(Error::Readback(e))
            }
            Some(Ok(())) => {
                let bytes = slot
                    .buffer
                    .slice(..slot.len)
                    .get_mapped_range()
                    .map_err(|e| Error::Readback(e.to_string()))?
                    .to_vec();
                slot.buffer.unmap();
                slot.in_use = false;
                Ok(Some(bytes))
            }
        }
    }
}
