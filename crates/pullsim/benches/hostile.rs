//! Hostile input (issue 6 "Limits"): each is refused or handled in under 100 ms. Inputs are in
//! `tests/hostile/mod.rs`, which `tests/limits.rs` also checks for the right refusals.
//! Run: `cargo bench -p pullsim --bench hostile`. Results in BENCHMARKS.md.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/hostile/mod.rs"]
mod hostile;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::hostile;
    use criterion::{criterion_group, Criterion};
    use pullsim::creds::{parse_docker_config_json, Keyring, Source};
    use pullsim::reference;
    use pullsim::sim::{simulate, Scenario};
    use pullsim::workload::{load, load_bytes, MAX_MANIFEST_BYTES};
    use std::hint::black_box;
    use std::time::Duration;

    fn bench(c: &mut Criterion) {
        let mut g = c.benchmark_group("hostile");
        g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
        let text = hostile::alias_bomb();
        g.bench_function("alias bomb (10^9 if expanded)", |b| b.iter(|| black_box(load(black_box(&text)))));
        let text = hostile::deep_block(2_000);
        g.bench_function("block mappings nested 2,000 deep (2 MB)", |b| b.iter(|| black_box(load(&text))));
        let text = format!("a: {}", hostile::deep_flow(1_000_000));
        g.bench_function("flow sequences nested 1,000,000 deep", |b| b.iter(|| black_box(load(&text))));
        let text = hostile::deep_flow(1_000_000);
        g.bench_function("a bare [[[…]]] 1,000,000 deep", |b| b.iter(|| black_box(load(&text))));
        let text = hostile::long_line(9 * 1024 * 1024);
        g.bench_function("one 9 MiB line", |b| b.iter(|| black_box(load(&text))));
        let bytes = hostile::invalid_utf8(9 * 1024 * 1024);
        g.bench_function("9 MiB, invalid UTF-8 at the end", |b| b.iter(|| black_box(load_bytes(&bytes))));
        let text = hostile::nul_bytes(1024 * 1024);
        g.bench_function("NUL bytes (1 MiB)", |b| b.iter(|| black_box(load(&text))));
        let bytes = hostile::big_paste(50 * 1024 * 1024);
        g.bench_function("50 MB paste", |b| b.iter(|| black_box(load_bytes(&bytes))));
        let text = hostile::dense_json_array(10 * 1000 * 1000);
        g.bench_function("10 MB one-line JSON array", |b| b.iter(|| black_box(load(&text))));
        let text = hostile::dense_json_in_mapping(10 * 1000 * 1000, "");
        g.bench_function("10 MB {\"a\":[1,1,…]}: over MAX_YAML_NODES", |b| b.iter(|| black_box(load(&text))));
        let rest = ",\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}";
        let text = hostile::dense_json_in_mapping(3 * 1000 * 1000, rest);
        g.bench_function("3 MB {\"a\":[1,1,…], Pod}: under MAX_YAML_NODES", |b| b.iter(|| black_box(load(&text))));
        let text = hostile::dense_block_in_mapping(10 * 1000 * 1000);
        g.bench_function("10 MB a: - 1 - 1 …: over MAX_YAML_NODES", |b| b.iter(|| black_box(load(&text))));
        let bytes = hostile::big_paste(MAX_MANIFEST_BYTES);
        let bytes = &bytes[..MAX_MANIFEST_BYTES];
        g.bench_function("10 MiB paste of Deployments", |b| b.iter(|| black_box(load_bytes(bytes))));
        let text = hostile::kubectl_dump_yaml(MAX_MANIFEST_BYTES);
        g.bench_function("10 MiB kubectl get -o yaml dump", |b| b.iter(|| black_box(load(&text))));
        let text = hostile::kubectl_dump_json(MAX_MANIFEST_BYTES);
        g.bench_function("10 MiB kubectl get -o json dump", |b| b.iter(|| black_box(load(&text))));
        let name = hostile::huge_image_name(5 * 1024 * 1024);
        g.bench_function("5 MiB image name: parse_normalized_named", |b| {
            b.iter(|| black_box(reference::parse_normalized_named(&name)))
        });
        g.bench_function("5 MiB image name: analyze", |b| b.iter(|| black_box(reference::analyze(&name))));
        let text = hostile::big_config(100_000);
        let source = Source::Node { path: "config.json".into() };
        g.bench_function("config.json of 100,000 keys: parse and add", |b| {
            b.iter(|| {
                let mut ring = Keyring::new();
                ring.add(&source, &parse_docker_config_json(&text).unwrap());
                black_box(ring)
            })
        });
        let mut ring = Keyring::new();
        ring.add(&source, &parse_docker_config_json(&text).unwrap());
        g.bench_function("lookup in 100,000 keys", |b| {
            b.iter(|| black_box(ring.lookup("registry77777.example.com/team80/app")))
        });
        let mut sc = Scenario::with_workload(
            "kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx:no-such-tag}]}\n",
        );
        sc.registry.unknown_repositories = pullsim::sim::scenario::UnknownRepositories::NotFound;
        sc.duration = 30.0 * 24.0 * 3600.0;
        g.bench_function("30 days of back-off", |b| b.iter(|| black_box(simulate(&sc))));
        g.finish();
    }

    criterion_group!(benches, bench);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
