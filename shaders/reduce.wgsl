// Tree reduction over the WG invocations of a workgroup: the maximum or the sum of `v`, handed
// to every invocation. WG is the joining shader's workgroup size (a power of two, at most 256);
// every invocation of the workgroup must call it (it has barriers).
var<workgroup> red: array<f32, 256>;

fn wg_reduce(lid: u32, v: f32, is_max: bool) -> f32 {
    red[lid] = v;
    workgroupBarrier();
    for (var s = WG / 2u; s > 0u; s = s / 2u) {
        if (lid < s) {
            if (is_max) {
                red[lid] = max(red[lid], red[lid + s]);
            } else {
                red[lid] = red[lid] + red[lid + s];
            }
        }
        workgroupBarrier();
    }
    let r = red[0];
    workgroupBarrier();
    return r;
}
