//! Ascending times kept as runs of evenly spaced times.
//!
//! An event series or a repeated decision records a time at every re-sync: a pod stuck in
//! `ImagePullBackOff` for two hours re-syncs every 10 s, and a thousand such pods wrote 1.5
//! million times one by one (and grew their lists by copying). A periodic re-sync's times are a
//! run — first, step, count — so [`Times`] stores runs and serializes the plain list, exactly as
//! a `Vec<Millis>` would.

use crate::backoff::Millis;
use serde::ser::{Serialize, SerializeSeq, Serializer};

/// `count` times `first`, `first + step`, …, each repeated `each` times in a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    first: Millis,
    step: Millis,
    count: u64,
    each: u64,
}

impl Run {
    fn single(t: Millis) -> Run {
        Run { first: t, step: 0, count: 1, each: 1 }
    }

    fn len(&self) -> usize {
        (self.count * self.each) as usize
    }

    /// The time that would continue the run.
    fn next(&self) -> Millis {
        self.first.saturating_add(self.step.saturating_mul(self.count))
    }

    fn at(&self, i: u64) -> Millis {
        self.first + self.step * i
    }

    /// How many of the run's times are `≤ t`.
    fn at_most(&self, t: Millis) -> usize {
        if t < self.first {
            return 0;
        }
        // With a step of 0, every time is `first`.
        let n = (t - self.first).checked_div(self.step).map_or(self.count, |q| (q + 1).min(self.count));
        (n * self.each) as usize
    }
}

/// Ascending times (virtual milliseconds): a list, stored as runs.
#[derive(Debug, Clone, Default)]
pub struct Times {
    runs: Vec<Run>,
    len: usize,
}

impl Times {
    /// One time.
    pub fn one(t: Millis) -> Times {
        Times { runs: vec![Run::single(t)], len: 1 }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `t` (not before the last time).
    pub fn push(&mut self, t: Millis) {
        self.len += 1;
        if let Some(last) = self.runs.last_mut().filter(|r| r.each == 1) {
            if last.count == 1 && t >= last.first {
                last.step = t - last.first;
                last.count = 2;
                return;
            }
            if t == last.next() {
                last.count += 1;
                return;
            }
        }
        self.runs.push(Run::single(t));
    }

    /// Appends `count` times `first`, `first + step`, …, each `each` times in a row.
    pub fn push_run(&mut self, first: Millis, step: Millis, count: u64, each: u64) {
        if count == 0 || each == 0 {
            return;
        }
        if each == 1 && count == 1 {
            self.push(first);
            return;
        }
        self.len += (count * each) as usize;
        if let Some(last) = self.runs.last_mut().filter(|r| r.each == each) {
            // One time so far: the run takes this step if the new times continue it.
            if last.count == 1 && first >= last.first && first - last.first == step {
                last.step = step;
                last.count += count;
                return;
            }
            if last.count > 1 && last.step == step && first == last.next() {
                last.count += count;
                return;
            }
        }
        self.runs.push(Run { first, step, count, each });
    }

    /// The times in order.
    pub fn iter(&self) -> impl Iterator<Item = Millis> + '_ {
        self.runs.iter().flat_map(|r| (0..r.count).flat_map(move |i| std::iter::repeat_n(r.at(i), r.each as usize)))
    }

    pub fn first(&self) -> Option<Millis> {
        self.runs.first().map(|r| r.first)
    }

    pub fn last(&self) -> Option<Millis> {
        self.runs.last().map(|r| r.at(r.count - 1))
    }

    /// The `i`-th time.
    pub fn get(&self, mut i: usize) -> Option<Millis> {
        for r in &self.runs {
            if i < r.len() {
                return Some(r.at(i as u64 / r.each));
            }
            i -= r.len();
        }
        None
    }

    /// How many times are `≤ t`.
    pub fn count_at_most(&self, t: Millis) -> usize {
        let mut n = 0;
        for r in &self.runs {
            let k = r.at_most(t);
            n += k;
            if k < r.len() {
                break;
            }
        }
        n
    }

    pub fn to_vec(&self) -> Vec<Millis> {
        self.iter().collect()
    }
}

impl PartialEq for Times {
    fn eq(&self, other: &Times) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl Eq for Times {}

impl From<Vec<Millis>> for Times {
    fn from(v: Vec<Millis>) -> Times {
        let mut t = Times::default();
        v.into_iter().for_each(|x| t.push(x));
        t
    }
}

impl Serialize for Times {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len))?;
        for t in self.iter() {
            seq.serialize_element(&t)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Checks every query against the plain list.
    fn agrees(t: &Times, v: &[Millis]) {
        assert_eq!(t.to_vec(), v);
        assert_eq!(t.len(), v.len());
        assert_eq!(t.first(), v.first().copied());
        assert_eq!(t.last(), v.last().copied());
        for i in 0..=v.len() {
            assert_eq!(t.get(i), v.get(i).copied(), "get({i})");
        }
        let probes = v.iter().flat_map(|&x| [x.saturating_sub(1), x, x + 1]).chain([0, Millis::MAX]);
        for p in probes {
            assert_eq!(t.count_at_most(p), v.partition_point(|&x| x <= p), "count_at_most({p})");
        }
        assert_eq!(serde_json::to_string(t).unwrap(), serde_json::to_string(v).unwrap());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn pushes_and_runs_read_back_as_the_list() {
        let mut t = Times::default();
        let mut v = Vec::new();
        agrees(&t, &v);
        for x in [0, 10, 20, 30, 30, 31, 45, 45, 45, 100] {
            t.push(x);
            v.push(x);
            agrees(&t, &v);
        }
        // A replay: 110, 120, 130, each once; then 140.. each twice; then one more by hand.
        t.push_run(110, 10, 3, 1);
        v.extend([110, 120, 130]);
        agrees(&t, &v);
        t.push_run(140, 10, 3, 2);
        v.extend([140, 140, 150, 150, 160, 160]);
        agrees(&t, &v);
        t.push_run(170, 10, 2, 2);
        v.extend([170, 170, 180, 180]);
        agrees(&t, &v);
        t.push(181);
        v.push(181);
        t.push_run(191, 10, 1, 1);
        v.push(191);
        t.push_run(200, 9, 0, 1);
        agrees(&t, &v);
        assert_eq!(t, Times::from(v.clone()), "equal as lists, whatever the runs");
        assert!(t.runs.len() < v.len() / 2, "runs: {:?}", t.runs);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_periodic_resync_is_one_run() {
        let mut t = Times::one(5_000);
        for i in 1..720 {
            t.push(5_000 + 10_000 * i);
        }
        t.push_run(5_000 + 10_000 * 720, 10_000, 1000, 1);
        assert_eq!(t.runs.len(), 1);
        assert_eq!(t.len(), 1720);
        assert_eq!(t.count_at_most(5_000 + 10_000 * 99), 100);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Push(u16),
        Run(u16, u8, u8, u8),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            any::<u16>().prop_map(|d| Op::Push(d % 40)),
            (any::<u16>(), any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(d, s, c, e)| Op::Run(
                d % 40,
                s % 12,
                c % 6,
                e % 3 + 1
            )),
        ]
    }

    proptest! {
        /// Any ascending sequence of pushes and runs reads back as the plain list would.
        #[test]
        fn behaves_as_a_list(ops in proptest::collection::vec(op(), 0..40)) {
            let mut t = Times::default();
            let mut v: Vec<Millis> = Vec::new();
            for op in ops {
                let last = v.last().copied().unwrap_or(0);
                match op {
                    Op::Push(d) => {
                        let x = last + Millis::from(d % 3 * 10 + d % 2);
                        t.push(x);
                        v.push(x);
                    }
                    Op::Run(d, step, count, each) => {
                        let first = last + Millis::from(d % 3 * 10);
                        t.push_run(first, Millis::from(step), u64::from(count), u64::from(each));
                        for i in 0..u64::from(count) {
                            for _ in 0..each {
                                v.push(first + Millis::from(step) * i);
                            }
                        }
                    }
                }
            }
            prop_assert_eq!(t.to_vec(), v.clone());
            prop_assert_eq!(t.len(), v.len());
            for i in 0..=v.len() {
                prop_assert_eq!(t.get(i), v.get(i).copied());
            }
            for p in 0..=v.last().copied().unwrap_or(0) + 1 {
                prop_assert_eq!(t.count_at_most(p), v.partition_point(|&x| x <= p));
            }
        }
    }
}
