//! The MoE kernels' checks (gates, routing, expert FFNs) against their CPU references. A stub
//! here: the list is filled in on its own branch.

use crate::selftest::Check;

/// The MoE checks.
pub fn checks() -> Vec<Check> {
    Vec::new()
}
