@compute @workgroup_size(1) fn stub_expert_ffn() {}
