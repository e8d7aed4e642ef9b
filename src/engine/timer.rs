//! Soft timers: warnings at half time, one minute left and time's up. Typing is never cut off;
//! a thread hands each warning to a printer (rustyline's external printer at the terminal).

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::screen::Warning;

/// When each warning is due, in seconds from the start of the answer.
pub fn schedule(limit_secs: f64) -> Vec<(f64, Warning)> {
    // No budget, or one no clock can count (a pack's validation keeps budgets to hours).
    if !(limit_secs.is_finite() && limit_secs > 0.0) {
        return Vec::new();
    }
    let half = limit_secs / 2.0;
    let mut due = vec![(
        half,
        Warning::HalfTime {
            left_secs: limit_secs - half,
        },
    )];
    // "One minute left" only when it is news: after half time.
    if limit_secs - 60.0 > half {
        due.push((limit_secs - 60.0, Warning::OneMinute));
    }
    due.push((limit_secs, Warning::TimesUp { limit_secs }));
    due
}

/// `at` seconds after `start`; `None` past what a `Duration` or an `Instant` can hold (such a
/// deadline never comes).
fn deadline(start: Instant, at: f64) -> Option<Instant> {
    Duration::try_from_secs_f64(at)
        .ok()
        .and_then(|d| start.checked_add(d))
}

/// A running timer; stopping (or dropping) it cancels the warnings still due.
pub struct Timer {
    cancel: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Timer {
    /// Starts the warnings of `limit_secs`, counted from `start`, each passed to `print`.
    pub fn start(
        start: Instant,
        limit_secs: f64,
        mut print: impl FnMut(Warning) + Send + 'static,
    ) -> Timer {
        let (cancel, cancelled) = mpsc::channel::<()>();
        let due = schedule(limit_secs);
        let thread = std::thread::spawn(move || {
            for (at, warning) in due {
                let Some(deadline) = deadline(start, at) else {
                    return;
                };
                let wait = deadline.saturating_duration_since(Instant::now());
                match cancelled.recv_timeout(wait) {
                    Err(RecvTimeoutError::Timeout) => print(warning),
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        });
        Timer {
            cancel: Some(cancel),
            thread: Some(thread),
        }
    }

    pub fn stop(&mut self) {
        self.cancel.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[test]
    fn warnings_at_half_time_one_minute_left_and_times_up() {
        let kinds: Vec<f64> = schedule(240.0).iter().map(|(at, _)| *at).collect();
        assert_eq!(kinds, vec![120.0, 180.0, 240.0]);
        // Two minutes or less: one minute left would not come after half time.
        assert_eq!(schedule(90.0).len(), 2);
        assert!(schedule(0.0).is_empty());
        assert!(schedule(f64::NAN).is_empty());
        assert!(schedule(f64::INFINITY).is_empty());
    }

    #[test]
    fn a_budget_beyond_any_clock_waits_quietly_and_stops() {
        // 1e300 seconds overflows `Duration`, u64::MAX seconds an `Instant`: no panic.
        let now = Instant::now();
        assert!(deadline(now, 1e300).is_none());
        assert!(deadline(now, f64::NAN).is_none());
        assert!(deadline(now, 1.8e19).is_none());
        assert!(deadline(now, 60.0).is_some());
        let mut timer = Timer::start(now, 1e300, |_| {});
        timer.stop();
    }

    #[test]
    fn a_short_timer_prints_and_a_stopped_one_does_not() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let mut timer = Timer::start(Instant::now(), 0.02, move |w| {
            sink.lock().expect("lock").push(w);
        });
        std::thread::sleep(Duration::from_millis(100));
        timer.stop();
        assert_eq!(seen.lock().expect("lock").len(), 2);

        let quiet = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&quiet);
        let mut timer = Timer::start(Instant::now(), 60.0, move |w| {
            sink.lock().expect("lock").push(w);
        });
        timer.stop();
        assert!(quiet.lock().expect("lock").is_empty());
    }
}
