//! The MoE layer as one graph op: `y = MoE(x) = sum over each token's routed slots of
//! w_slot * FFN_e(x)`, with the gate, the GPU-side router and the expert FFNs recorded once and
//! replayed every step.
//!
//! Shapes: `x, y, dx, dy (N, D)`; gate `W_g (D, E)`; experts `W1 (E, D, F)`, `b1 (E, F)`,
//! `W2 (E, F, D)`, `b2 (E, D)`.
//!
//! Forward: gate (`sel_expert`, `sel_weight (N, K)`), router (counts, offsets, stable
//! permutation, capacity drops, indirect arguments), expert FFN + combine into `y`.
//!
//! Backward (chain rule through the two consumers of `x`): the expert FFN writes
//! `dx = sum_slots dFFN_e` (overwrite), `dsel_weight[t, s] = <dy_t, FFN_e(x_t)>` and accumulates
//! the expert weight gradients; the gate then accumulates `dx += dL/dx` through the logits (and
//! the jitter) and `dW_g +=`, including the gradients of its balance and z losses, so the
//! auxiliary losses need no separate backward.
//!
//! Two FFN paths compute the same function: the scattered path (only routed pairs) and, for a
//! DTS gate early in its anneal when nearly every token goes to every expert, the dense path
//! (every expert on every token, unselected pairs weighted 0). [`MoeLayer::choose_path`] picks
//! one from the density measured on the last logging step; [`MoeLayer::path`] reports which
//! one runs.

use crate::error::{Error, Result};
use crate::gpu::{DType, Dispatch, Gpu, Tensor};
use crate::graph::Variant;
use crate::moe::expert_ffn::{choose_path, ExpertFfn, ExpertGradTensors, ExpertTensors, FfnPath};
use crate::moe::gate::{capacity_for, Gate, GateConfig, GateKind, GateStats};
use crate::moe::route::Router;
use crate::ops::elementwise;
use crate::ops::rng::Rng;

/// Sizes and gate of one MoE layer.
#[derive(Clone, Debug)]
pub struct MoeConfig {
    pub gate: GateConfig,
    pub n_experts: usize,
    pub d_model: usize,
    pub d_ff: usize,
}

/// The layer's parameters (or their gradients), one tensor each.
pub struct MoeTensors {
    /// `(D, E)`; a Hash gate has one too (unused) so that every layer looks alike.
    pub w_g: Tensor,
    pub w1: Tensor,
    pub b1: Tensor,
    pub w2: Tensor,
    pub b2: Tensor,
}

impl MoeTensors {
    fn zeros(gpu: &Gpu, cfg: &MoeConfig, prefix: &str) -> Result<MoeTensors> {
        let (d, f, e) = (cfg.d_model, cfg.d_ff, cfg.n_experts);
        let z = |shape: &[usize], name: &str| {
            Tensor::zeros(gpu, shape, DType::F32, &format!("{prefix}{name}"))
        };
        Ok(MoeTensors {
            w_g: z(&[d, e], "w_g")?,
            w1: z(&[e, d, f], "w1")?,
            b1: z(&[e, f], "b1")?,
            w2: z(&[e, f, d], "w2")?,
            b2: z(&[e, d], "b2")?,
        })
    }

    /// `(name, tensor)` in a fixed order: w_g, w1, b1, w2, b2.
    pub fn named(&self) -> [(&'static str, &Tensor); 5] {
        [
            ("w_g", &self.w_g),
            ("w1", &self.w1),
            ("b1", &self.b1),
            ("w2", &self.w2),
            ("b2", &self.b2),
        ]
    }
}

/// Host copies of the parameters, in [`MoeTensors::named`] order.
#[derive(Clone, Debug, PartialEq)]
pub struct MoeValues {
    pub w_g: Vec<f32>,
    pub w1: Vec<f32>,
    pub b1: Vec<f32>,
    pub w2: Vec<f32>,
    pub b2: Vec<f32>,
}

impl MoeValues {
    /// GPT-2 style init: weights normal(0, std), the second expert matrix scaled by
    /// `proj_scale`, biases zero, gate normal(0, 0.02) (docs/EVOMOE.md's default).
    pub fn init(cfg: &MoeConfig, seed: u64, std: f32, proj_scale: f32) -> MoeValues {
        let (d, f, e) = (cfg.d_model, cfg.d_ff, cfg.n_experts);
        let rng = |i: u64| Rng::new(seed.wrapping_mul(0x9E37_79B9).wrapping_add(i));
        MoeValues {
            w_g: rng(1).normal_vec(d * e, 0.02),
            w1: rng(2).normal_vec(e * d * f, std),
            b1: vec![0.0; e * f],
            w2: rng(3).normal_vec(e * f * d, std * proj_scale),
            b2: vec![0.0; e * d],
        }
    }

    fn as_slices(&self) -> [&[f32]; 5] {
        [&self.w_g, &self.w1, &self.b1, &self.w2, &self.b2]
    }
}

/// What a logging step reads back.
#[derive(Clone, Debug)]
pub struct MoeStats {
    /// The gate's statistics, with `dropped` filled in from the router.
    pub gate: GateStats,
    /// Assignments dropped by the capacity limit this step (as `gate.dropped`).
    pub dropped: u32,
    /// Mean experts per token divided by E.
    pub density: f32,
    /// The FFN path that ran.
    pub path: FfnPath,
}

/// One path's recorded dispatches.
struct Recorded {
    ffn: ExpertFfn,
    forward: Vec<Dispatch>,
    backward: Vec<Dispatch>,
}

/// An MoE layer bound to its input, output and their gradients.
pub struct MoeLayer {
    pub cfg: MoeConfig,
    pub n_tokens: usize,
    pub gate: Gate,
    pub router: Router,
    pub params: MoeTensors,
    /// Parameter gradients (accumulate; zeroed by [`MoeLayer::zero_grads`]).
    pub grads: MoeTensors,
    /// `(N, K)`: gradient of the combine weights, from the experts to the gate.
    pub dsel_weight: Tensor,
    gate_forward: Vec<Dispatch>,
    gate_backward: Vec<Dispatch>,
    route: Vec<Dispatch>,
    /// The recorded FFN paths (at least one).
    paths: Vec<Recorded>,
    path: FfnPath,
}

impl MoeLayer {
    /// Plans and records a layer over `n` tokens. `tokens (N)` is needed by a Hash gate only.
    /// Backward writes `dx` (overwrite) from `dy`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        gpu: &Gpu,
        cfg: &MoeConfig,
        n: usize,
        x: &Tensor,
        tokens: Option<&Tensor>,
        y: &Tensor,
        dy: &Tensor,
        dx: &Tensor,
    ) -> Result<MoeLayer> {
        let (d, f, e) = (cfg.d_model, cfg.d_ff, cfg.n_experts);
        for (name, t) in [("x", x), ("y", y), ("dy", dy), ("dx", dx)] {
            if t.numel() != n * d || t.dtype != DType::F32 {
                return Err(Error::shape(
                    "MoeLayer::new",
                    format!("{name} must be f32 (N, D) = ({n}, {d}), is {:?}", t.shape),
                ));
            }
        }
        let hash = cfg.gate.kind == GateKind::Hash;
        if hash && tokens.is_none() {
            return Err(Error::Config(
                "a Hash gate routes by token id: pass the tokens tensor".into(),
            ));
        }
        let gate = Gate::new(gpu, &cfg.gate, n, d, e)?;
        let k = gate.k();
        let capacity = capacity_for(cfg.gate.capacity_factor, n, e, k);
        let router = Router::new(gpu, n, k, e, capacity)?;
        let params = MoeTensors::zeros(gpu, cfg, "moe.")?;
        let grads = MoeTensors::zeros(gpu, cfg, "moe.d")?;
        let dsel_weight = Tensor::zeros(gpu, &[n, k], DType::F32, "moe.dsel_weight")?;

        let w_g = (!hash).then_some(&params.w_g);
        let gate_forward = gate.forward(gpu, x, w_g, tokens)?;
        let gate_backward = gate.backward(gpu, x, &params.w_g, &dsel_weight, dx, &grads.w_g)?;
        let route = router.record(gpu, &gate.sel_expert)?;
        let record = |path: FfnPath| -> Result<Recorded> {
            let ffn = ExpertFfn::with_path(gpu, n, k, d, f, e, path)?;
            let w = ExpertTensors {
                w1: &params.w1,
                b1: &params.b1,
                w2: &params.w2,
                b2: &params.b2,
            };
            let g = ExpertGradTensors {
                dx,
                dsel_weight: &dsel_weight,
                dw1: &grads.w1,
                db1: &grads.b1,
                dw2: &grads.w2,
                db2: &grads.b2,
            };
            let forward = ffn.forward(gpu, &router, x, &w, &gate.sel_weight, y)?;
            let backward = ffn.backward(gpu, &router, x, &w, &gate.sel_weight, dy, &g)?;
            Ok(Recorded {
                ffn,
                forward,
                backward,
            })
        };
        // The scattered path needs (N K, F) activations and the dense path (E, N, F), chunked.
        // The dense path only pays while a DTS gate is dense, so other gates record the
        // scattered path alone. A DTS layer records both where they fit and at least one:
        // with every slot in use at large E only the chunked dense path may fit the adapter.
        let scattered = record(FfnPath::Scattered);
        let mut paths = Vec::new();
        if cfg.gate.kind == GateKind::Dts {
            match (scattered, record(FfnPath::Dense)) {
                (Err(e), Err(_)) => return Err(e),
                (s, d) => paths.extend(s.into_iter().chain(d)),
            }
        } else {
            paths.push(scattered?);
        }
        // DTS starts with every token at (almost) every expert.
        let path = paths.last().map_or(FfnPath::Scattered, |r| r.ffn.path());
        Ok(MoeLayer {
            cfg: cfg.clone(),
            n_tokens: n,
            gate,
            router,
            params,
            grads,
            dsel_weight,
            gate_forward,
            gate_backward,
            route,
            paths,
            path,
        })
    }

    fn recorded(&self, path: FfnPath) -> Option<&Recorded> {
        self.paths.iter().find(|r| r.ffn.path() == path)
    }

    fn current(&self) -> &Recorded {
        self.recorded(self.path).unwrap_or(&self.paths[0])
    }

    /// The FFN path that runs.
    pub fn path(&self) -> FfnPath {
        self.current().ffn.path()
    }

    /// Whether `path` was recorded.
    pub fn has_path(&self, path: FfnPath) -> bool {
        self.recorded(path).is_some()
    }

    /// Whether the dense path exists (DTS gates, where it fits).
    pub fn has_dense_path(&self) -> bool {
        self.recorded(FfnPath::Dense).is_some()
    }

    /// Forces a path (benches, tests); an error where that path was not recorded.
    pub fn set_path(&mut self, path: FfnPath) -> Result<()> {
        if self.recorded(path).is_none() {
            return Err(Error::Config(format!(
                "this MoE layer has no {path:?} path (dense: DTS gates only; each only where \
                 its activations fit the adapter)"
            )));
        }
        self.path = path;
        Ok(())
    }

    /// Picks the path for the measured density (experts per token / E), among the recorded
    /// ones; returns the choice.
    pub fn choose_path(&mut self, density: f32) -> FfnPath {
        let want = choose_path(density);
        self.path = if self.recorded(want).is_some() {
            want
        } else {
            self.paths[0].ffn.path()
        };
        self.path
    }

    /// Forward dispatches: gate, routing, experts and combine.
    pub fn forward(&self) -> Vec<&Dispatch> {
        self.gate_forward
            .iter()
            .chain(&self.route)
            .chain(&self.current().forward)
            .collect()
    }

    /// Backward dispatches: experts (dx overwrite), then the gate (dx +=, dW_g +=).
    pub fn backward(&self) -> Vec<&Dispatch> {
        self.current()
            .backward
            .iter()
            .chain(&self.gate_backward)
            .collect()
    }

    /// The whole layer computed through `path` (gate, routing, experts; experts' backward, then
    /// the gate's) as a tape variant named [`FfnPath::name`]; `None` where the path was not
    /// recorded. A model records every path as a variant of one node and selects between them.
    pub fn variant(&self, path: FfnPath) -> Option<Variant> {
        let r = self.recorded(path)?;
        Some(Variant {
            name: path.name().to_string(),
            forward: self
                .gate_forward
                .iter()
                .chain(&self.route)
                .chain(&r.forward)
                .cloned()
                .collect(),
            backward: r
                .backward
                .iter()
                .chain(&self.gate_backward)
                .cloned()
                .collect(),
        })
    }

    /// Zeroes every parameter gradient (one dispatch per tensor).
    pub fn zero_grads(&self, gpu: &Gpu) -> Result<Vec<Dispatch>> {
        self.grads
            .named()
            .iter()
            .map(|(_, t)| elementwise::fill(gpu, t, 0.0))
            .collect()
    }

    /// Uploads parameter values.
    pub fn write_params(&self, gpu: &Gpu, v: &MoeValues) -> Result<()> {
        for ((_, t), data) in self.params.named().iter().zip(v.as_slices()) {
            t.write_f32(gpu, data)?;
        }
        Ok(())
    }

    async fn read(gpu: &Gpu, t: &MoeTensors) -> Result<MoeValues> {
        Ok(MoeValues {
            w_g: t.w_g.read_f32(gpu).await?,
            w1: t.w1.read_f32(gpu).await?,
            b1: t.b1.read_f32(gpu).await?,
            w2: t.w2.read_f32(gpu).await?,
            b2: t.b2.read_f32(gpu).await?,
        })
    }

    /// Reads the parameter gradients back (tests, checkpoints).
    pub async fn read_grads(&self, gpu: &Gpu) -> Result<MoeValues> {
        MoeLayer::read(gpu, &self.grads).await
    }

    /// Reads the parameters back.
    pub async fn read_params(&self, gpu: &Gpu) -> Result<MoeValues> {
        MoeLayer::read(gpu, &self.params).await
    }

    /// Routing statistics and auxiliary losses of the last forward (a readback: logging steps
    /// only). The gate does not know the capacity drops: `gate.dropped` is the router's count.
    pub async fn read_stats(&self, gpu: &Gpu) -> Result<MoeStats> {
        let mut gate = self.gate.read_stats(gpu).await?;
        let route = self.router.read_stats(gpu).await?;
        gate.dropped = route.dropped as f32;
        Ok(MoeStats {
            density: gate.experts_per_token / self.cfg.n_experts as f32,
            gate,
            dropped: route.dropped,
            path: self.path(),
        })
    }
}

/// The CPU reference of the whole layer (f64): output and every gradient for `L = sum(y * dy)`.
#[derive(Clone, Debug)]
pub struct MoeCpu {
    pub gate: crate::moe::gate::GateCpu,
    pub y: Vec<f64>,
    pub dx: Vec<f64>,
    pub dw_g: Vec<f64>,
    pub dw1: Vec<f64>,
    pub db1: Vec<f64>,
    pub dw2: Vec<f64>,
    pub db2: Vec<f64>,
    /// Assignments dropped by the capacity.
    pub dropped: u32,
}

/// The layer composed from the gate, router and expert-FFN CPU references. `fixed` reuses an
/// earlier call's routing (finite-difference checks).
#[allow(clippy::too_many_arguments)]
pub fn moe_layer_cpu(
    cfg: &MoeConfig,
    st: &crate::moe::gate::GateState,
    n: usize,
    x: &[f64],
    tokens: Option<&[u32]>,
    v: &MoeValues,
    dy: &[f64],
    fixed: Option<&crate::moe::gate::GateCpu>,
) -> Result<MoeCpu> {
    use crate::moe::expert_ffn::{
        expert_ffn_backward_cpu, expert_ffn_cpu, ExpertWeights, FfnShape,
    };
    use crate::moe::gate::{backward_cpu, forward_cpu};
    use crate::moe::route::route_cpu;
    let (d, f, e) = (cfg.d_model, cfg.d_ff, cfg.n_experts);
    let hash = cfg.gate.kind == GateKind::Hash;
    let w_g: Vec<f64> = v.w_g.iter().map(|&a| a as f64).collect();
    let gate = forward_cpu(
        &cfg.gate,
        st,
        n,
        d,
        e,
        x,
        (!hash).then_some(&w_g[..]),
        tokens,
        fixed,
    )?;
    let k = gate.k;
    let route = route_cpu(
        &gate.sel_expert,
        k,
        e,
        capacity_for(cfg.gate.capacity_factor, n, e, k),
    );
    let shape = FfnShape { n, k, d, f, e };
    let w = ExpertWeights {
        w1: &v.w1,
        b1: &v.b1,
        w2: &v.w2,
        b2: &v.b2,
    };
    let y = expert_ffn_cpu(
        shape,
        x,
        &w,
        &gate.sel_expert,
        &gate.sel_weight,
        Some(&route.pos),
    );
    let g = expert_ffn_backward_cpu(
        shape,
        x,
        &w,
        &gate.sel_expert,
        &gate.sel_weight,
        Some(&route.pos),
        dy,
    );
    let (_, dx_gate, dw_g) = backward_cpu(&cfg.gate, st, &gate, &w_g, &g.dsel_weight)?;
    let dx = g.dx.iter().zip(&dx_gate).map(|(a, b)| a + b).collect();
    Ok(MoeCpu {
        gate,
        y,
        dx,
        dw_g,
        dw1: g.dw1,
        db1: g.db1,
        dw2: g.dw2,
        db2: g.db2,
        dropped: route.dropped,
    })
}
