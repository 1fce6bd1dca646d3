//! Routing on the GPU (`shaders/route.wgsl`): from per-token selections to the expert-sorted
//! permutation the scattered expert FFN reads, without any host readback.
//!
//! Input `sel_expert (N, K)` u32: slot `s` of token `t` (assignment `a = t * K + s`) selects an
//! expert, or [`NONE`] (any value `>= E` is treated the same: skipped).
//! Outputs (all [`Tensor`]s owned by the [`Router`], overwritten every step):
//! - `counts (E)`: assignments per expert before capacity;
//! - `offsets (E + 1)`: exclusive scan of the kept counts `min(counts[e], capacity)`;
//! - `perm (N K)`: positions `offsets[e] .. offsets[e+1]` hold expert `e`'s kept assignments in
//!   priority order (below; STABLE, so every result downstream is deterministic); entries past
//!   `offsets[E]` are stale;
//! - `pos (N K)`: inverse, `perm[pos[a]] = a`, or [`NONE`] for an unused or dropped assignment;
//! - `tiles`: `(expert, row_start, row_end, 0)` per tile of [`TILE_ROWS`] sorted rows, the
//!   work list of the expert GEMMs; `tile_offsets (E + 1)`: expert `e`'s first tile;
//! - `stats (4)`: `[kept, dropped, tiles, unused slots]`.
//!
//! Priority order: slot-major, `(slot, token)`: every token's slot 0 (its first choice) comes
//! before any token's slot 1, and within a slot tokens come in index order. Capacity (Switch,
//! GShard top-2): an expert keeps its first `capacity` assignments in priority order, so no
//! first choice is dropped while a second choice to the same expert is kept; the rest are
//! dropped (their expert output is 0, the layer passes the token through the residual) and
//! counted in `stats[1]`. There is no gradient: routing is piecewise constant.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::moe::NONE;

/// Sorted rows per tile of the expert GEMMs (the register block height of `expert_ffn.wgsl`;
/// scripts/gen/expert_ffn_sg.py reads this line for `expert_ffn_sg.wgsl`).
pub const TILE_ROWS: usize = 32;
/// Assignments per chunk of the histogram / scatter passes.
const CHUNK: usize = 256;
/// Workgroup size of `route_hist` / `route_scatter` (`WG` in `shaders/route.wgsl`).
const WG: u32 = 64;

/// Mirrors `Params` in `shaders/route.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct RouteParams {
    pub n: u32,
    pub k: u32,
    pub nk: u32,
    pub e: u32,
    pub cap: u32,
    pub nchunks: u32,
    pub chunk: u32,
    pub tile: u32,
    pub groups_a: u32,
    pub groups_b: u32,
    pub _pad: [u32; 2],
}

/// The routing buffers of one MoE layer.
pub struct Router {
    pub n: usize,
    pub k: usize,
    pub e: usize,
    pub capacity: Option<usize>,
    /// `(nchunks, E)` per-chunk counts, then their per-expert prefix sums.
    pub chunk_counts: Tensor,
    pub counts: Tensor,
    pub offsets: Tensor,
    pub perm: Tensor,
    pub pos: Tensor,
    pub tiles: Tensor,
    /// `(E + 1)`: exclusive scan of the tiles per expert.
    pub tile_offsets: Tensor,
    pub stats: Tensor,
    nchunks: usize,
}

/// What [`Router::read_stats`] returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteStats {
    pub kept: u32,
    pub dropped: u32,
    pub tiles: u32,
    pub unused: u32,
}

/// The CPU reference result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteCpu {
    pub counts: Vec<u32>,
    pub offsets: Vec<u32>,
    /// Kept assignments only (`offsets[E]` entries).
    pub perm: Vec<u32>,
    pub pos: Vec<u32>,
    pub dropped: u32,
    pub unused: u32,
    /// `(expert, row_start, row_end)`.
    pub tiles: Vec<[u32; 3]>,
}

/// Most tiles any routing can produce.
pub fn max_tiles(nk: usize, e: usize) -> usize {
    nk.div_ceil(TILE_ROWS) + e
}

/// The assignments `t * K + slot` of `N K` in priority order: slot-major, tokens ascending.
pub fn priority_order(n: usize, k: usize) -> impl Iterator<Item = usize> {
    (0..k).flat_map(move |slot| (0..n).map(move |t| t * k + slot))
}

/// CPU reference routing of `sel (N, K)` (`k` slots per token; a ragged tail, `sel.len()` not a
/// multiple of `k`, is routed as the first slots of one more token).
pub fn route_cpu(sel: &[u32], k: usize, e: usize, capacity: Option<usize>) -> RouteCpu {
    let cap = capacity.unwrap_or(usize::MAX);
    let k = k.max(1);
    let mut counts = vec![0u32; e];
    let mut pos = vec![NONE; sel.len()];
    let mut lists: Vec<Vec<u32>> = vec![Vec::new(); e];
    let mut unused = 0;
    for a in priority_order(sel.len().div_ceil(k), k).filter(|&a| a < sel.len()) {
        let s = sel[a];
        if (s as usize) < e {
            counts[s as usize] += 1;
            if lists[s as usize].len() < cap {
                lists[s as usize].push(a as u32);
            }
        } else {
            unused += 1;
        }
    }
    let mut offsets = vec![0u32; e + 1];
    let mut perm = Vec::new();
    let mut tiles = Vec::new();
    let mut dropped = 0;
    for ex in 0..e {
        offsets[ex] = perm.len() as u32;
        dropped += counts[ex] - lists[ex].len() as u32;
        let kept = lists[ex].len();
        for r in (0..kept).step_by(TILE_ROWS) {
            let o = perm.len() as u32;
            tiles.push([
                ex as u32,
                o + r as u32,
                o + (r + TILE_ROWS).min(kept) as u32,
            ]);
        }
        for &a in &lists[ex] {
            pos[a as usize] = perm.len() as u32;
            perm.push(a);
        }
    }
    offsets[e] = perm.len() as u32;
    RouteCpu {
        counts,
        offsets,
        perm,
        pos,
        dropped,
        unused,
        tiles,
    }
}

impl Router {
    /// Buffers for `n` tokens with `k` slots each over `e` experts; `capacity` per expert
    /// (`None`: dropless).
    pub fn new(gpu: &Gpu, n: usize, k: usize, e: usize, capacity: Option<usize>) -> Result<Router> {
        if n == 0 || k == 0 || e == 0 {
            return Err(Error::shape(
                "Router::new",
                format!("n={n}, k={k}, e={e} must all be positive"),
            ));
        }
        let nk = n * k;
        if nk >= u32::MAX as usize / 2 {
            return Err(Error::shape("Router::new", "too many assignments"));
        }
        let nchunks = nk.div_ceil(CHUNK);
        if nchunks * e >= u32::MAX as usize / 2 {
            return Err(Error::shape(
                "Router::new",
                format!("{nchunks} chunks x {e} experts overflow 32-bit indices"),
            ));
        }
        let u = DType::U32;
        Ok(Router {
            n,
            k,
            e,
            capacity,
            chunk_counts: Tensor::zeros(gpu, &[nchunks, e], u, "route.chunk_counts")?,
            counts: Tensor::zeros(gpu, &[e], u, "route.counts")?,
            offsets: Tensor::zeros(gpu, &[e + 1], u, "route.offsets")?,
            perm: Tensor::zeros(gpu, &[nk], u, "route.perm")?,
            pos: Tensor::zeros(gpu, &[nk], u, "route.pos")?,
            tiles: Tensor::zeros(gpu, &[max_tiles(nk, e), 4], u, "route.tiles")?,
            tile_offsets: Tensor::zeros(gpu, &[e + 1], u, "route.tile_offsets")?,
            stats: Tensor::zeros(gpu, &[4], u, "route.stats")?,
            nchunks,
        })
    }

    pub fn nk(&self) -> usize {
        self.n * self.k
    }

    pub(crate) fn params(&self, groups_a: usize, groups_b: usize) -> RouteParams {
        RouteParams {
            n: self.n as u32,
            k: self.k as u32,
            nk: self.nk() as u32,
            e: self.e as u32,
            cap: self
                .capacity
                .map(|c| c.min(u32::MAX as usize - 1) as u32)
                .unwrap_or(NONE),
            nchunks: self.nchunks as u32,
            chunk: CHUNK as u32,
            tile: TILE_ROWS as u32,
            groups_a: groups_a as u32,
            groups_b: groups_b as u32,
            _pad: [0; 2],
        }
    }

    /// Records the five routing passes (`shaders/route.wgsl`) reading `sel_expert (N, K)` u32.
    pub fn record(&self, gpu: &Gpu, sel_expert: &Tensor) -> Result<Vec<Dispatch>> {
        if sel_expert.dtype != DType::U32 || sel_expert.numel() != self.nk() {
            return Err(Error::shape(
                "Router::record",
                format!(
                    "sel_expert is {:?} {:?}, want U32 with {} x {} elements",
                    sel_expert.dtype, sel_expert.shape, self.n, self.k
                ),
            ));
        }
        let params = self.params(1, 1);
        let bytes = bytemuck::bytes_of(&params);
        let bufs = Buffers::new()
            .buf("sel", &sel_expert.buffer)
            .buf("cc", &self.chunk_counts.buffer)
            .buf("counts", &self.counts.buffer)
            .buf("offsets", &self.offsets.buffer)
            .buf("perm", &self.perm.buffer)
            .buf("pos", &self.pos.buffer)
            .buf("tiles", &self.tiles.buffer)
            .buf("stats", &self.stats.buffer)
            .buf("tile_offsets", &self.tile_offsets.buffer);
        let pass = |entry: &str, grid: Workgroups| -> Result<Dispatch> {
            let k = gpu.kernel("route", entry, &[])?;
            gpu.dispatch(&k, &bufs, Some(bytes), grid)
        };
        let chunk_experts = Workgroups::linear(self.nchunks * self.e, WG);
        Ok(vec![
            pass("route_hist", chunk_experts.clone())?,
            pass("route_colscan", Workgroups::linear(self.e, 1))?,
            pass("route_offsets", Workgroups::Direct([1, 1, 1]))?,
            pass(
                "route_tiles",
                Workgroups::linear(max_tiles(self.nk(), self.e), WG),
            )?,
            pass("route_scatter", chunk_experts)?,
        ])
    }

    /// Records a dispatch writing two indirect argument triples into `args` (6 u32):
    /// `(groups_a, tiles, 1)` at byte 0 and `(groups_b, tiles, 1)` at byte 12: column blocks
    /// vary fastest, so consecutive workgroups share a tile's rows and its expert's weights.
    pub fn record_args(
        &self,
        gpu: &Gpu,
        args: &Tensor,
        groups_a: usize,
        groups_b: usize,
    ) -> Result<Dispatch> {
        if args.dtype != DType::U32 || args.numel() < 6 {
            return Err(Error::shape("Router::record_args", "args needs 6 u32"));
        }
        let params = self.params(groups_a, groups_b);
        let k = gpu.kernel("route", "route_args", &[])?;
        let bufs = Buffers::new()
            .buf("stats", &self.stats.buffer)
            .buf("args", &args.buffer);
        gpu.dispatch(
            &k,
            &bufs,
            Some(bytemuck::bytes_of(&params)),
            Workgroups::Direct([1, 1, 1]),
        )
    }

    /// Reads `[kept, dropped, tiles, unused]` back (blocking; for tests and logging steps).
    pub async fn read_stats(&self, gpu: &Gpu) -> Result<RouteStats> {
        let s = self.stats.read_u32(gpu).await?;
        Ok(RouteStats {
            kept: s[0],
            dropped: s[1],
            tiles: s[2],
            unused: s[3],
        })
    }

    /// Reads the tile table back as `(expert, row_start, row_end)` (blocking).
    pub async fn read_tiles(&self, gpu: &Gpu) -> Result<Vec<[u32; 3]>> {
        let n = self.read_stats(gpu).await?.tiles as usize;
        let t = self.tiles.read_u32(gpu).await?;
        Ok((0..n)
            .map(|i| [t[4 * i], t[4 * i + 1], t[4 * i + 2]])
            .collect())
    }
}
