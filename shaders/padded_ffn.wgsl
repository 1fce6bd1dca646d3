@compute @workgroup_size(1) fn stub_padded_ffn() {}
