//! The EvoMoE schedule (docs/EVOMOE.md): phase 1 *expert-diversify* (one base FFN for `T_base`
//! steps, then spawn `E` experts), phase 2 *gate-sparsify* (the DTS gate anneals its temperature
//! and finally switches to hard top-1 routing). Plain functions of the step, so a resumed run
//! computes the same values.
//!
//! Temperature, `t` counted from the spawn step, `D` decay steps:
//! - linear: `tau_t = max(tau_max - t (tau_max - tau_min) / D, tau_min)`
//! - exponential: `tau_t = max(tau_max exp(t ln(tau_min / tau_max) / D), tau_min)`
//!
//! Defaults: `tau_max = 2.0`, `tau_min = 0.3`, linear, `T_base` = 10% of the steps, `D` = 80% of
//! the gate-sparsify steps, hard top-1 from `t = D`; spawn drop rate `r = 0.5` without rescale,
//! Adam moments of spawned experts reset, gate init std 0.02.

/// Shape of the temperature decay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TauDecay {
    Linear,
    Exponential,
}

/// The DTS temperature schedule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TauSchedule {
    pub tau_max: f32,
    pub tau_min: f32,
    /// `D`: steps from `tau_max` to `tau_min`; 0 means `tau_min` from the start.
    pub decay_steps: u64,
    pub decay: TauDecay,
}

impl TauSchedule {
    /// docs/EVOMOE.md's defaults (2.0 -> 0.3, linear) over `decay_steps`.
    pub fn new(decay_steps: u64) -> TauSchedule {
        TauSchedule {
            tau_max: 2.0,
            tau_min: 0.3,
            decay_steps,
            decay: TauDecay::Linear,
        }
    }

    /// `tau_t` at `t` steps after the spawn.
    pub fn tau(&self, t: u64) -> f32 {
        if self.decay_steps == 0 {
            return self.tau_min;
        }
        let (hi, lo) = (self.tau_max as f64, self.tau_min as f64);
        let frac = t as f64 / self.decay_steps as f64;
        let v = match self.decay {
            TauDecay::Linear => hi - frac * (hi - lo),
            TauDecay::Exponential => hi * (frac * (lo / hi).ln()).exp(),
        };
        v.max(lo) as f32
    }
}

/// Where a step falls in the EvoMoE run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    /// Phase 1: the MoE layer is one dense base FFN (no gate).
    Diversify,
    /// Phase 2: `t` steps after the spawn; the DTS gate runs at `tau` (hard top-1 when
    /// `hard_top1`).
    GateSparsify { t: u64, tau: f32, hard_top1: bool },
}

/// EvoMoE's phase plan and spawn settings with docs/EVOMOE.md's defaults.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EvoMoePlan {
    pub total_steps: u64,
    /// `T_base`: steps of the dense base expert; 0 = plain MoE from scratch (no spawn).
    pub base_steps: u64,
    pub tau: TauSchedule,
    /// Hard top-1 routing from this many steps after the spawn (`None`: never).
    pub hard_switch_after: Option<u64>,
    /// Spawn drop rate `r` (keep probability `1 - r`); 0 = exact copies (upcycling).
    pub drop_rate: f32,
    /// Rescale spawned weights by `1 / (1 - r)`.
    pub rescale: bool,
    /// Reset the Adam moments of spawned experts (else copy the base moments under the mask).
    pub reset_moments: bool,
    /// Standard deviation of the gate's initial weights (0 = zero init).
    pub gate_init_std: f32,
}

impl EvoMoePlan {
    /// Defaults for a run of `total_steps`: `T_base` = 10%, `D` = 80% of the rest, hard top-1
    /// from `D`.
    pub fn new(total_steps: u64) -> EvoMoePlan {
        EvoMoePlan::with_base(total_steps, (total_steps as f64 * 0.1).round() as u64)
    }

    /// Defaults with an explicit `T_base`.
    pub fn with_base(total_steps: u64, base_steps: u64) -> EvoMoePlan {
        let base_steps = base_steps.min(total_steps);
        let sparsify = total_steps - base_steps;
        let decay = (sparsify as f64 * 0.8).round() as u64;
        EvoMoePlan {
            total_steps,
            base_steps,
            tau: TauSchedule::new(decay),
            hard_switch_after: Some(decay),
            drop_rate: 0.5,
            rescale: false,
            reset_moments: true,
            gate_init_std: 0.02,
        }
    }

    /// The phase of optimizer step `step` (0-based).
    pub fn phase(&self, step: u64) -> Phase {
        if step < self.base_steps {
            return Phase::Diversify;
        }
        let t = step - self.base_steps;
        Phase::GateSparsify {
            t,
            tau: self.tau.tau(t),
            hard_top1: self.hard_switch_after.is_some_and(|h| t >= h),
        }
    }

    /// Whether the experts are spawned from the base FFN before step `step` runs.
    pub fn is_spawn_step(&self, step: u64) -> bool {
        self.base_steps > 0 && step == self.base_steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_tau() {
        let s = TauSchedule::new(100);
        assert_eq!(s.tau(0), 2.0);
        assert!((s.tau(50) - 1.15).abs() < 1e-6);
        assert!((s.tau(100) - 0.3).abs() < 1e-6);
        assert!((s.tau(1000) - 0.3).abs() < 1e-6);
        assert!(s.tau(10) > s.tau(11));
    }

    #[test]
    fn exponential_tau() {
        let s = TauSchedule {
            decay: TauDecay::Exponential,
            ..TauSchedule::new(100)
        };
        assert_eq!(s.tau(0), 2.0);
        let mid = (2.0f64 * 0.3).sqrt() as f32; // geometric mean at t = D/2
        assert!((s.tau(50) - mid).abs() < 1e-5);
        assert!((s.tau(100) - 0.3).abs() < 1e-6);
        assert!((s.tau(500) - 0.3).abs() < 1e-6);
        assert_eq!(TauSchedule::new(0).tau(0), 0.3);
    }

    #[test]
    fn plan_defaults() {
        let p = EvoMoePlan::new(1000);
        assert_eq!(p.base_steps, 100);
        assert_eq!(p.tau.decay_steps, 720);
        assert_eq!(p.phase(99), Phase::Diversify);
        assert!(p.is_spawn_step(100) && !p.is_spawn_step(99));
        match p.phase(100) {
            Phase::GateSparsify { t, tau, hard_top1 } => {
                assert_eq!((t, tau, hard_top1), (0, 2.0, false))
            }
            other => panic!("{other:?}"),
        }
        match p.phase(100 + 720) {
            Phase::GateSparsify { tau, hard_top1, .. } => {
                assert!((tau - 0.3).abs() < 1e-6 && hard_top1)
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            (p.drop_rate, p.rescale, p.reset_moments),
            (0.5, false, true)
        );
        let scratch = EvoMoePlan::with_base(50, 0);
        assert!(!scratch.is_spawn_step(0));
        assert!(matches!(scratch.phase(0), Phase::GateSparsify { .. }));
    }
}
