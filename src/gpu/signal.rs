//! Waiting for wgpu's callbacks without blocking.
//!
//! wgpu reports a finished buffer mapping or queue through a callback. Natively the callback runs
//! inside `device.poll`, which [`crate::gpu::Gpu::wait`] calls, so by the time a caller awaits the
//! value it is there; in a browser it runs from the JavaScript event loop, later, and the
//! awaiting task sleeps until then. [`channel`] is the one-shot slot between the two: the
//! callback [`Sender::send`]s, the caller awaits the [`Receiver`].
//!
//! [`now`] polls a future once, for the few wgpu futures that native wgpu resolves on the spot
//! (error scopes, adapter enumeration); it never waits.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct Shared<T> {
    value: Option<T>,
    waker: Option<Waker>,
    /// The sender was dropped without sending (the callback never ran).
    closed: bool,
}

/// The callback's half: fills the slot once.
pub struct Sender<T>(Arc<Mutex<Shared<T>>>);

/// The awaiting half: resolves to the sent value, or `None` when the sender was dropped unsent.
pub struct Receiver<T>(Arc<Mutex<Shared<T>>>);

/// A new one-shot slot.
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let shared = Arc::new(Mutex::new(Shared {
        value: None,
        waker: None,
        closed: false,
    }));
    (Sender(shared.clone()), Receiver(shared))
}

impl<T> Sender<T> {
    pub fn send(self, value: T) {
        let waker = {
            let mut s = self.0.lock().unwrap_or_else(|p| p.into_inner());
            s.value = Some(value);
            s.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let waker = {
            let mut s = self.0.lock().unwrap_or_else(|p| p.into_inner());
            s.closed = true;
            s.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

impl<T> Future for Receiver<T> {
    type Output = Option<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut s = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(v) = s.value.take() {
            return Poll::Ready(Some(v));
        }
        if s.closed {
            return Poll::Ready(None);
        }
        s.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// Polls `f` once: its output if it is ready now, else `None` (never waits).
pub fn now<F: Future>(f: F) -> Option<F::Output> {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => Some(v),
        Poll::Pending => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sent_value_is_received_and_a_dropped_sender_ends_the_wait() {
        let (tx, rx) = channel();
        let mut rx = std::pin::pin!(rx);
        let mut cx = Context::from_waker(Waker::noop());
        assert!(rx.as_mut().poll(&mut cx).is_pending());
        tx.send(7u32);
        assert_eq!(rx.as_mut().poll(&mut cx), Poll::Ready(Some(7)));
        let (tx, rx) = channel::<u32>();
        drop(tx);
        assert_eq!(now(rx), Some(None));
        assert_eq!(now(std::future::pending::<u32>()), None);
    }
}
