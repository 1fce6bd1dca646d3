// MoE gates: DTS (Dense-To-Sparse), Switch top-1, GShard top-2 and Hash, forward, statistics
// and backward, all in f32. rng.wgsl (Philox4x32-10) is prepended by the registry.
// The maths, the gradient derivation and the buffer layouts are in src/moe/gate/mod.rs.
//
// Shapes: N tokens, D model width, E experts, K slots per token (E for DTS, 2 top-2, 1 else).
//   x, xj: N x D; w_g: D x E; logits, dh, mask: N x E;
//   probs: N x (2E + 1), row n = [q = softmax(h) (E) | p (E) | logsumexp(h)], where p is the
//     noisy tempered softmax for DTS, the noisy logits h + g for top-2, and q again otherwise;
//   sel_expert, sel_weight, dsel: N x K; stats: 8 + 3E (see STAT_* in src/moe/gate/mod.rs).
//
// Noise: Philox keyed by the 64-bit seed, counter (token, column / 4, step, stream), component
// column % 4; the CPU reference (gumbel_cpu, jitter_cpu in src/moe/gate/mod.rs) draws exactly
// the same bits.
//
// Entry points (one invocation per token unless said otherwise; workgroup size WG):
//   gate_jitter           xj = x * U(1 - eps, 1 + eps), one invocation per element
//   gate_forward          DTS / Switch / top-2 routing from the logits
//   gate_hash             Hash routing from the token ids
//   gate_stats            per-expert load, balance fraction and mean weight; one workgroup of 64
//                         per expert plus one for the z-loss; fixed-order tree reductions
//   gate_stats_final      losses and totals; one invocation
//   gate_backward         dh (N x E) from dsel, the balance loss and the z-loss
//   gate_jitter_backward  dx += jitter * (dh W_g^T), one invocation per element

struct Params {
    n_tokens: u32,
    d_model: u32,
    n_experts: u32,
    k: u32,
    kind: u32,
    flags: u32,
    vocab: u32,
    seed_lo: u32,
    seed_hi: u32,
    gamma: f32,
    balance_coef: f32,
    z_coef: f32,
    jitter: f32,
    _p0: u32,
    _p1: u32,
    _p2: u32,
}

// Per-step state, written by the host (Gate::set_step / set_mode) without re-recording.
struct State {
    step: u32,
    tau: f32,
    mode: u32,
    _pad: u32,
}

const KIND_DTS: u32 = 0u;
const KIND_SWITCH: u32 = 1u;
const KIND_TOP2: u32 = 2u;
const KIND_HASH: u32 = 3u;

// Params.flags and State.mode bits (the same names in src/moe/gate/mod.rs).
const FLAG_GUMBEL_GATES: u32 = 1u;

const MODE_NOISE: u32 = 1u;
const MODE_HARD_TOP1: u32 = 2u;
const MODE_EVAL: u32 = 4u;

const MASK_SEL: u32 = 1u;
const MASK_TOP: u32 = 2u;

const STREAM_GUMBEL: u32 = 1u;
const STREAM_JITTER: u32 = 2u;

const STAT_Z_RAW: u32 = 5u;
const STAT_HEADER: u32 = 8u;

override WG: u32 = 64u;

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w_g: array<f32>;
@group(0) @binding(2) var<storage, read> logits: array<f32>;
@group(0) @binding(3) var<storage, read> tokens: array<u32>;
@group(0) @binding(4) var<storage, read> table: array<u32>;
@group(0) @binding(5) var<storage, read> st: State;
@group(0) @binding(6) var<storage, read> dsel: array<f32>;
@group(0) @binding(7) var<storage, read> sel_in: array<u32>;
@group(0) @binding(8) var<storage, read> mask_in: array<u32>;
@group(0) @binding(9) var<storage, read> probs_in: array<f32>;
@group(0) @binding(10) var<storage, read> stats_in: array<f32>;
@group(0) @binding(11) var<storage, read> dh_in: array<f32>;
@group(0) @binding(12) var<storage, read_write> xj: array<f32>;
@group(0) @binding(13) var<storage, read_write> probs: array<f32>;
@group(0) @binding(14) var<storage, read_write> mask: array<u32>;
@group(0) @binding(15) var<storage, read_write> sel_expert: array<u32>;
@group(0) @binding(16) var<storage, read_write> sel_weight: array<f32>;
@group(0) @binding(17) var<storage, read_write> stats: array<f32>;
@group(0) @binding(18) var<storage, read_write> dh: array<f32>;
@group(0) @binding(19) var<storage, read_write> dx: array<f32>;
@group(0) @binding(20) var<uniform> prm: Params;

fn noise_on() -> bool {
    return (st.mode & MODE_NOISE) != 0u && (st.mode & MODE_EVAL) == 0u;
}

fn is_eval() -> bool {
    return (st.mode & MODE_EVAL) != 0u;
}

fn seed_key() -> vec2<u32> {
    return vec2<u32>(prm.seed_lo, prm.seed_hi);
}

// -log(u) for u in (0, 1), accurate near u = 1 where log(u) itself has only an absolute error
// bound: -log(1 - v) = 2 atanh(v / (2 - v)), a short odd series for v <= 1/2.
fn neg_log_uniform(u: f32) -> f32 {
    if (u < 0.5) {
        return -log(u);
    }
    let v = 1.0 - u; // exact: u is a multiple of 2^-24 in [0.5, 1)
    let s = v / (2.0 - v);
    let s2 = s * s;
    var t = 1.0 / 15.0;
    t = t * s2 + 1.0 / 13.0;
    t = t * s2 + 1.0 / 11.0;
    t = t * s2 + 1.0 / 9.0;
    t = t * s2 + 1.0 / 7.0;
    t = t * s2 + 1.0 / 5.0;
    t = t * s2 + 1.0 / 3.0;
    t = t * s2 + 1.0;
    return 2.0 * s * t;
}

// Standard Gumbel noise for (token n, expert e) at the current step.
fn gumbel(n: u32, e: u32) -> f32 {
    let r = philox4x32(vec4<u32>(n, e / 4u, st.step, STREAM_GUMBEL), seed_key());
    return -log(neg_log_uniform(uniform01(r[e % 4u])));
}

// Multiplicative input jitter for (token n, column d); 1 when noise is off.
fn jitter_factor(n: u32, d: u32) -> f32 {
    if (!noise_on()) {
        return 1.0;
    }
    let r = philox4x32(vec4<u32>(n, d / 4u, st.step, STREAM_JITTER), seed_key());
    return (1.0 - prm.jitter) + 2.0 * prm.jitter * uniform01(r[d % 4u]);
}

@compute @workgroup_size(WG)
fn gate_jitter(@builtin(global_invocation_id) gid: vec3<u32>,
               @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= prm.n_tokens * prm.d_model) {
        return;
    }
    xj[i] = x[i] * jitter_factor(i / prm.d_model, i % prm.d_model);
}

@compute @workgroup_size(WG)
fn gate_forward(@builtin(global_invocation_id) gid: vec3<u32>,
                @builtin(num_workgroups) nwg: vec3<u32>) {
    let n = flat_index(gid, nwg, WG);
    if (n >= prm.n_tokens) {
        return;
    }
    let ne = prm.n_experts;
    let hb = n * ne;
    let pb = n * (2u * ne + 1u);
    let sb = n * prm.k;

    // q = softmax(h), logsumexp(h), plain arg-max (first maximum).
    var hmax = logits[hb];
    var top_h = 0u;
    for (var e = 1u; e < ne; e++) {
        let h = logits[hb + e];
        if (h > hmax) {
            hmax = h;
            top_h = e;
        }
    }
    var sum = 0.0;
    for (var e = 0u; e < ne; e++) {
        sum += exp(logits[hb + e] - hmax);
    }
    let inv = 1.0 / sum;
    for (var e = 0u; e < ne; e++) {
        probs[pb + e] = exp(logits[hb + e] - hmax) * inv;
        probs[pb + ne + e] = probs[pb + e];
        mask[hb + e] = 0u;
    }
    probs[pb + 2u * ne] = hmax + log(sum);
    for (var j = 0u; j < prm.k; j++) {
        sel_expert[sb + j] = NONE;
        sel_weight[sb + j] = 0.0;
    }

    if (prm.kind == KIND_DTS && !is_eval()) {
        // p = softmax((h + g) / tau); stage z = (h + g) / tau in the p slots.
        let inv_tau = 1.0 / st.tau;
        let noisy = noise_on();
        var zmax = 0.0;
        var top = 0u;
        for (var e = 0u; e < ne; e++) {
            var z = logits[hb + e];
            if (noisy) {
                z += gumbel(n, e);
            }
            z *= inv_tau;
            probs[pb + ne + e] = z;
            if (e == 0u || z > zmax) {
                zmax = z;
                top = e;
            }
        }
        var zsum = 0.0;
        for (var e = 0u; e < ne; e++) {
            let t = exp(probs[pb + ne + e] - zmax);
            probs[pb + ne + e] = t;
            zsum += t;
        }
        let zinv = 1.0 / zsum;
        for (var e = 0u; e < ne; e++) {
            probs[pb + ne + e] *= zinv;
        }
        var src = pb;
        if ((prm.flags & FLAG_GUMBEL_GATES) != 0u) {
            src = pb + ne;
        }
        sel_expert[sb] = top;
        sel_weight[sb] = probs[src + top];
        mask[hb + top] = MASK_SEL | MASK_TOP;
        if ((st.mode & MODE_HARD_TOP1) == 0u) {
            var j = 1u;
            for (var e = 0u; e < ne; e++) {
                if (e != top && probs[pb + ne + e] > prm.gamma) {
                    sel_expert[sb + j] = e;
                    sel_weight[sb + j] = probs[src + e];
                    mask[hb + e] = MASK_SEL;
                    j++;
                }
            }
        }
    } else if (prm.kind == KIND_TOP2) {
        // Second expert: arg-max of the noisy logits h + g, the first excluded.
        let noisy = noise_on();
        var second = NONE;
        var best = 0.0;
        for (var e = 0u; e < ne; e++) {
            var z = logits[hb + e];
            if (noisy) {
                z += gumbel(n, e);
            }
            probs[pb + ne + e] = z;
            if (e != top_h && (second == NONE || z > best)) {
                best = z;
                second = e;
            }
        }
        sel_expert[sb] = top_h;
        mask[hb + top_h] = MASK_SEL | MASK_TOP;
        if (second == NONE) {
            sel_weight[sb] = 1.0;
        } else {
            let qa = probs[pb + top_h];
            let qb = probs[pb + second];
            let s = qa + qb;
            sel_weight[sb] = qa / s;
            sel_expert[sb + 1u] = second;
            sel_weight[sb + 1u] = qb / s;
            mask[hb + second] = MASK_SEL;
        }
    } else {
        // Switch top-1, and DTS at evaluation: arg-max h with weight q.
        sel_expert[sb] = top_h;
        sel_weight[sb] = probs[pb + top_h];
        mask[hb + top_h] = MASK_SEL | MASK_TOP;
    }
}

@compute @workgroup_size(WG)
fn gate_hash(@builtin(global_invocation_id) gid: vec3<u32>,
             @builtin(num_workgroups) nwg: vec3<u32>) {
    let n = flat_index(gid, nwg, WG);
    if (n >= prm.n_tokens) {
        return;
    }
    let ne = prm.n_experts;
    let e = table[tokens[n] % prm.vocab];
    for (var j = 0u; j < ne; j++) {
        mask[n * ne + j] = 0u;
    }
    mask[n * ne + e] = MASK_SEL | MASK_TOP;
    sel_expert[n] = e;
    sel_weight[n] = 1.0;
}

var<workgroup> red: array<vec4<f32>, 64>;

@compute @workgroup_size(64)
fn gate_stats(@builtin(local_invocation_id) lid: vec3<u32>,
              @builtin(workgroup_id) wid: vec3<u32>) {
    let e = wid.x;
    let ne = prm.n_experts;
    let nt = prm.n_tokens;
    let row = 2u * ne + 1u;
    var src = 0u;
    if (prm.kind == KIND_DTS && (prm.flags & FLAG_GUMBEL_GATES) != 0u && !is_eval()) {
        src = ne;
    }
    var acc = vec4<f32>(0.0);
    if (e < ne) {
        for (var n = lid.x; n < nt; n += 64u) {
            let m = mask_in[n * ne + e];
            let sel = f32(m & MASK_SEL);
            let top = f32((m & MASK_TOP) >> 1u);
            acc.x += sel;
            if (prm.kind == KIND_DTS) {
                acc.y += sel;
                acc.z += sel * probs_in[n * row + src + e];
            } else if (prm.kind == KIND_HASH) {
                acc.y += sel;
                acc.z += sel;
            } else {
                acc.y += top;
                acc.z += probs_in[n * row + e];
            }
        }
    } else if (prm.kind != KIND_HASH) {
        for (var n = lid.x; n < nt; n += 64u) {
            let lse = probs_in[n * row + 2u * ne];
            acc.x += lse * lse;
        }
    }
    red[lid.x] = acc;
    workgroupBarrier();
    for (var s = 32u; s > 0u; s >>= 1u) {
        if (lid.x < s) {
            red[lid.x] += red[lid.x + s];
        }
        workgroupBarrier();
    }
    if (lid.x == 0u) {
        let t = red[0] / f32(nt);
        if (e < ne) {
            stats[STAT_HEADER + e] = t.x;
            stats[STAT_HEADER + ne + e] = t.y;
            stats[STAT_HEADER + 2u * ne + e] = t.z;
        } else {
            stats[STAT_Z_RAW] = t.x;
        }
    }
}

@compute @workgroup_size(1)
fn gate_stats_final() {
    let ne = prm.n_experts;
    var bal = 0.0;
    var ept = 0.0;
    for (var e = 0u; e < ne; e++) {
        ept += stats[STAT_HEADER + e];
        bal += stats[STAT_HEADER + ne + e] * stats[STAT_HEADER + 2u * ne + e];
    }
    let raw = f32(ne) * bal;
    stats[0] = prm.balance_coef * raw;
    stats[1] = prm.z_coef * stats[STAT_Z_RAW];
    stats[2] = ept;
    stats[3] = 0.0; // dropped: the router counts them (MoeLayer::read_stats)
    stats[4] = raw;
    stats[6] = st.tau;
    stats[7] = f32(st.step);
}

@compute @workgroup_size(WG)
fn gate_backward(@builtin(global_invocation_id) gid: vec3<u32>,
                 @builtin(num_workgroups) nwg: vec3<u32>) {
    let n = flat_index(gid, nwg, WG);
    if (n >= prm.n_tokens) {
        return;
    }
    let ne = prm.n_experts;
    let hb = n * ne;
    let pb = n * (2u * ne + 1u);
    let sb = n * prm.k;
    let use_p = prm.kind == KIND_DTS && (prm.flags & FLAG_GUMBEL_GATES) != 0u && !is_eval();
    var src = pb;
    var scale = 1.0;
    if (use_p) {
        src = pb + ne;
        scale = 1.0 / st.tau;
    }
    // ds: gradient with respect to the weight source (q, or p with gumbel_gates), staged in dh.
    for (var e = 0u; e < ne; e++) {
        dh[hb + e] = 0.0;
    }
    if (prm.kind == KIND_TOP2) {
        let a = sel_in[sb];
        let b = sel_in[sb + 1u];
        if (b != NONE) {
            let qa = probs_in[pb + a];
            let qb = probs_in[pb + b];
            let s2 = (qa + qb) * (qa + qb);
            let d = dsel[sb] - dsel[sb + 1u];
            dh[hb + a] = qb * d / s2;
            dh[hb + b] = -qa * d / s2;
        }
    } else {
        for (var j = 0u; j < prm.k; j++) {
            let e = sel_in[sb + j];
            if (e != NONE) {
                dh[hb + e] += dsel[sb + j];
            }
        }
    }
    if (prm.balance_coef != 0.0) {
        let c = prm.balance_coef * f32(ne) / f32(prm.n_tokens);
        for (var e = 0u; e < ne; e++) {
            var g = c * stats_in[STAT_HEADER + ne + e];
            if (prm.kind == KIND_DTS && (mask_in[hb + e] & MASK_SEL) == 0u) {
                g = 0.0;
            }
            dh[hb + e] += g;
        }
    }
    var dot = 0.0;
    for (var e = 0u; e < ne; e++) {
        dot += probs_in[src + e] * dh[hb + e];
    }
    let zc = 2.0 * prm.z_coef * probs_in[pb + 2u * ne] / f32(prm.n_tokens);
    for (var e = 0u; e < ne; e++) {
        dh[hb + e] = scale * probs_in[src + e] * (dh[hb + e] - dot) + zc * probs_in[pb + e];
    }
}

@compute @workgroup_size(WG)
fn gate_jitter_backward(@builtin(global_invocation_id) gid: vec3<u32>,
                        @builtin(num_workgroups) nwg: vec3<u32>) {
    let i = flat_index(gid, nwg, WG);
    if (i >= prm.n_tokens * prm.d_model) {
        return;
    }
    let ne = prm.n_experts;
    let n = i / prm.d_model;
    let d = i % prm.d_model;
    var acc = 0.0;
    for (var e = 0u; e < ne; e++) {
        acc += dh_in[n * ne + e] * w_g[d * ne + e];
    }
    dx[i] += jitter_factor(n, d) * acc;
}
