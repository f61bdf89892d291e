//! The simulator at scale: 1,000 pods × 3 containers over 2 hours of virtual time (target
//! ≤ 100 ms natively), with a mix of cached, pulled, failing and back-off images.
//! Run: `cargo bench -p pullsim --bench sim`.

// The allocator of the native `pullsim` binary (crates/pullsim-cli/src/main.rs): the simulator
// at scale makes and frees hundreds of thousands of small records, and glibc's malloc took about
// a third more time over them (BENCHMARKS.md).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, Criterion};
    use pullsim::sim::scenario::{Fault, FaultKind, NodeImage, Repository, UnknownRepositories};
    use pullsim::sim::{simulate_pods, ContainerInput, PodInput, Scenario, SlotKind};
    use std::hint::black_box;

    pub fn scenario() -> (Scenario, Vec<PodInput>) {
        let mut sc = Scenario::with_workload("");
        sc.duration = 7200.0;
        sc.kubelet.registry_pull_qps = 0.0;
        sc.kubelet.serialize_image_pulls = Some(false);
        sc.kubelet.max_parallel_image_pulls = Some(8);
        sc.registry.unknown_repositories = UnknownRepositories::Public;
        let missing = Repository {
            faults: vec![Fault { kind: FaultKind::NotFound, from: 0.0, until: None }],
            ..Repository::default()
        };
        sc.registry.repositories.insert("registry.example.com/team/missing".to_owned(), missing);
        sc.node.images.push(NodeImage {
            name: "registry.example.com/team/cached:1".to_owned(),
            digest: None,
            size: None,
            pulled_with: "preloaded".to_owned(),
        });
        let pods = (0..1000)
            .map(|i| PodInput {
                name: format!("pod-{i}"),
                namespace: "default".to_owned(),
                image_pull_secrets: vec![],
                service_account: None,
                created_at: (i % 60) * 1000,
                containers: vec![
                    ContainerInput {
                        name: "cached".to_owned(),
                        image: "registry.example.com/team/cached:1".to_owned(),
                        image_pull_policy: String::new(),
                        kind: SlotKind::Container,
                        image_position: None,
                    },
                    ContainerInput {
                        name: "pulled".to_owned(),
                        image: format!("registry.example.com/team/app-{}:1", i % 50),
                        image_pull_policy: String::new(),
                        kind: SlotKind::Container,
                        image_position: None,
                    },
                    ContainerInput {
                        name: "missing".to_owned(),
                        image: "registry.example.com/team/missing:1".to_owned(),
                        image_pull_policy: String::new(),
                        kind: SlotKind::Container,
                        image_position: None,
                    },
                ],
            })
            .collect();
        (sc, pods)
    }

    /// The playground's 50-container manifest (`web/tests/playground.rs`).
    pub fn fifty_containers() -> String {
        let mut w = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n");
        for i in 0..50 {
            w.push_str(&format!("  - name: c{i}\n    image: registry.example.com/team/app-{i}:1.{i}\n"));
        }
        w
    }

    /// What the page's "load + reference analysis" of the 50-container manifest runs.
    fn load_and_analyze(text: &str) -> usize {
        let loaded = pullsim::workload::load(text);
        let mut n = 0;
        for o in &loaded.objects {
            for c in &o.pod.containers {
                n += black_box(pullsim::reference::analyze(&c.image)).steps.len();
            }
        }
        n
    }

    fn fifty(c: &mut Criterion) {
        let text = fifty_containers();
        let sc = Scenario::with_workload(text.clone());
        let mut g = c.benchmark_group("fifty containers");
        g.bench_function("load + reference analysis", |b| b.iter(|| load_and_analyze(black_box(&text))));
        g.bench_function("load + simulate 600 s", |b| b.iter(|| black_box(pullsim::sim::simulate(black_box(&sc)))));
        g.finish();
    }

    fn bench(c: &mut Criterion) {
        // SIM_FIFTY=N: N runs of the 50-container load + analysis, for a profiler.
        if let Some(n) = std::env::var("SIM_FIFTY").ok().and_then(|n| n.parse::<u32>().ok()) {
            let text = fifty_containers();
            let sc = Scenario::with_workload(text.clone());
            for _ in 0..n {
                black_box(load_and_analyze(&text));
                black_box(pullsim::sim::simulate(&sc));
            }
            std::process::exit(0);
        }
        let (mut sc, mut pods) = scenario();
        // SIM_VARIANT: `on-expiry` (re-sync when a window ends) or `no-missing` (without the
        // image that never exists), the other rows of BENCHMARKS.md; for SIM_RUNS and SIM_STATS.
        match std::env::var("SIM_VARIANT").as_deref() {
            Ok("on-expiry") => sc.resync = pullsim::sim::scenario::ResyncSpec::OnExpiry,
            Ok("no-missing") => pods.iter_mut().for_each(|p| p.containers.retain(|c| c.name != "missing")),
            _ => {}
        }
        // SIM_RUNS=N: N timed runs (simulate and drop, as criterion times them), the fastest
        // printed; steadier than criterion's mean on a shared machine.
        if let Some(n) = std::env::var("SIM_RUNS").ok().and_then(|n| n.parse::<u32>().ok()) {
            let (mut best, mut best_sim, mut best_drop) =
                (std::time::Duration::MAX, std::time::Duration::MAX, std::time::Duration::MAX);
            for _ in 0..n {
                let input = pods.clone();
                let t = std::time::Instant::now();
                let r = black_box(simulate_pods(&sc, input));
                let simulated = t.elapsed();
                drop(r);
                best = best.min(t.elapsed());
                best_sim = best_sim.min(simulated);
                best_drop = best_drop.min(t.elapsed() - simulated);
            }
            eprintln!("fastest of {n} runs: {best:?} (simulate {best_sim:?}, drop {best_drop:?}, each the fastest)");
            std::process::exit(0);
        }
        if std::env::var_os("SIM_STATS").is_some() {
            let r = simulate_pods(&sc, pods.clone());
            let (mut dec, mut rep, mut steps, mut inputs, mut ev, mut evt, mut st, mut pulls) =
                (0, 0, 0, 0, 0, 0, 0, 0);
            let mut outcomes = std::collections::BTreeMap::new();
            for p in &r.pods {
                ev += p.events.len();
                evt += p.events.iter().map(|e| e.times.len()).sum::<usize>();
                for c in &p.containers {
                    dec += c.decisions.len();
                    st += c.states.len();
                    pulls += c.pulls.len();
                    for d in &c.decisions {
                        rep += d.repeated_at.len();
                        steps += d.steps.len();
                        inputs += d.steps.iter().map(|s| s.inputs().len()).sum::<usize>();
                        *outcomes.entry(d.outcome.clone()).or_insert(0) += 1;
                    }
                }
            }
            eprintln!("decisions {dec} repeated {rep} steps {steps} inputs {inputs} event series {ev} event times {evt} states {st} pulls {pulls} {outcomes:?}");
            let t = std::time::Instant::now();
            let j = serde_json::to_string(&r).map(|s| s.len());
            eprintln!("json {:?} in {:?}", j, t.elapsed());
            if let Some(path) = std::env::var_os("SIM_JSON") {
                std::fs::write(path, serde_json::to_string(&r).unwrap_or_default()).unwrap_or_default();
            }
            let t = std::time::Instant::now();
            drop(r);
            eprintln!("drop in {:?}", t.elapsed());
        }
        let mut g = c.benchmark_group("simulate");
        g.sample_size(10);
        // The input's copy is made outside the timing (`iter_batched`); the result is dropped inside
        // it (criterion would drop a returned value after the clock stops).
        g.bench_function("1000 pods x 3 containers, 2h virtual", |b| {
            b.iter_batched(
                || pods.clone(),
                |input| drop(black_box(simulate_pods(&sc, input))),
                criterion::BatchSize::LargeInput,
            )
        });
        g.finish();
    }

    criterion_group!(benches, bench, fifty);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
