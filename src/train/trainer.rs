//! The training loop for every method: a [`Session`] run from its first step to its last (the
//! run's end or `stop_after`), or until `interrupt` is set, then finished (a last checkpoint and
//! the report). What a step does (EvoMoE's schedule, logging, evaluation, checkpoints) is the
//! session's.

use std::sync::atomic::Ordering;

use crate::error::Result;
use crate::gpu::Gpu;
use crate::train::data::Corpus;
use crate::train::run::{Event, TrainOptions, TrainReport};
use crate::train::session::Session;

/// Trains `opts.run` on `corpus` to the end (or to `opts.stop_after`, or until
/// `opts.interrupt` is set); `on_event` sees progress as it happens. A [`Session`] run step by
/// step.
pub async fn train(
    gpu: &Gpu,
    corpus: &Corpus,
    opts: &TrainOptions,
    mut on_event: impl FnMut(Event),
) -> Result<TrainReport> {
    let mut session = Session::new(gpu, corpus, opts.clone()).await?;
    on_event(session.started());
    while !session.is_done() {
        if opts
            .interrupt
            .as_ref()
            .is_some_and(|f| f.load(Ordering::SeqCst))
        {
            session.interrupted = true;
            on_event(Event::Stopping {
                step: session.steps_done(),
            });
            break;
        }
        session.step(&mut on_event).await?;
    }
    session.finish(&mut on_event).await
}
