// An 8 x 8 block of op(B) for the subgroup GEMMs (matmul_subgroup.wgsl, expert_ffn_sg.wgsl,
// which the registry joins after this file): lo[kk] holds k row kk, columns 0..4; hi[kk]
// columns 4..8.
struct B8 { lo: array<vec4<f32>, 8>, hi: array<vec4<f32>, 8> }

// The B8 of 8 columns read as 8 k values each (t0[c]: k 0..4 of column c, t1[c]: k 4..8),
// transposed in registers. Named components throughout: llvmpipe keeps dynamically indexed
// arrays in scratch memory.
fn b8_from_columns(t0: array<vec4<f32>, 8>, t1: array<vec4<f32>, 8>) -> B8 {
    var o: B8;
    o.lo[0] = vec4<f32>(t0[0].x, t0[1].x, t0[2].x, t0[3].x);
    o.hi[0] = vec4<f32>(t0[4].x, t0[5].x, t0[6].x, t0[7].x);
    o.lo[1] = vec4<f32>(t0[0].y, t0[1].y, t0[2].y, t0[3].y);
    o.hi[1] = vec4<f32>(t0[4].y, t0[5].y, t0[6].y, t0[7].y);
    o.lo[2] = vec4<f32>(t0[0].z, t0[1].z, t0[2].z, t0[3].z);
    o.hi[2] = vec4<f32>(t0[4].z, t0[5].z, t0[6].z, t0[7].z);
    o.lo[3] = vec4<f32>(t0[0].w, t0[1].w, t0[2].w, t0[3].w);
    o.hi[3] = vec4<f32>(t0[4].w, t0[5].w, t0[6].w, t0[7].w);
    o.lo[4] = vec4<f32>(t1[0].x, t1[1].x, t1[2].x, t1[3].x);
    o.hi[4] = vec4<f32>(t1[4].x, t1[5].x, t1[6].x, t1[7].x);
    o.lo[5] = vec4<f32>(t1[0].y, t1[1].y, t1[2].y, t1[3].y);
    o.hi[5] = vec4<f32>(t1[4].y, t1[5].y, t1[6].y, t1[7].y);
    o.lo[6] = vec4<f32>(t1[0].z, t1[1].z, t1[2].z, t1[3].z);
    o.hi[6] = vec4<f32>(t1[4].z, t1[5].z, t1[6].z, t1[7].z);
    o.lo[7] = vec4<f32>(t1[0].w, t1[1].w, t1[2].w, t1[3].w);
    o.hi[7] = vec4<f32>(t1[4].w, t1[5].w, t1[6].w, t1[7].w);
    return o;
}
