//! Parsing speed of a mixed corpus of image names: pullsim's `parse_normalized_named` (what the
//! kubelet runs on every image) and `oci-spec`'s `Reference` side by side, plus the kubelet's full
//! `ParseImageName`. Throughput is reported per reference. Run: `cargo bench -p pullsim`.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, Criterion, Throughput};
    use std::hint::black_box;
    use std::str::FromStr;

    const TABLES: [&str; 3] = [
        include_str!("../tests/data/distribution_reference__reference_test.jsonl"),
        include_str!("../tests/data/distribution_reference__normalize_test.jsonl"),
        include_str!("../tests/data/distribution_reference__regexp_test.jsonl"),
    ];

    /// The upstream cases' inputs plus generated valid and invalid names (deterministic).
    pub fn corpus() -> Vec<String> {
        let mut out: Vec<String> = TABLES
            .iter()
            .flat_map(|t| t.lines())
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["input"].as_str().map(str::to_owned))
            .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let registries =
            ["", "docker.io/", "quay.io/", "registry.k8s.io/", "localhost:5000/", "ghcr.io/", "[fd00::1]:5000/"];
        let names = ["nginx", "library/busybox", "prometheus/node-exporter", "team/app/api", "kube-apiserver", "pause"];
        let tags = ["", ":latest", ":1.25.3", ":v1.31.0-rc.1", ":Latest"];
        let bad = ["Nginx", "nginx:", "a..b", "-x", "https://foo/bar", "foo@sha256:abc", "UPPER/case", "x:y:z"];
        for i in 0..600 {
            let mut s =
                format!("{}{}{}", registries[next(registries.len())], names[next(names.len())], tags[next(tags.len())]);
            if next(4) == 0 {
                s.push_str("@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
            }
            if i % 5 == 0 {
                s = bad[next(bad.len())].to_owned();
            }
            out.push(s);
        }
        out
    }

    fn bench(c: &mut Criterion) {
        let corpus = corpus();
        let mut g = c.benchmark_group("parse");
        g.throughput(Throughput::Elements(corpus.len() as u64));
        g.bench_function("pullsim::parse_normalized_named", |b| {
            b.iter(|| {
                for s in &corpus {
                    let _ = black_box(pullsim::reference::parse_normalized_named(black_box(s)));
                }
            })
        });
        g.bench_function("pullsim::parse_image_name (kubelet)", |b| {
            b.iter(|| {
                for s in &corpus {
                    let _ = black_box(pullsim::reference::parse_image_name(black_box(s)));
                }
            })
        });
        g.bench_function("oci_spec::distribution::Reference", |b| {
            b.iter(|| {
                for s in &corpus {
                    let _ = black_box(oci_spec::distribution::Reference::from_str(black_box(s)));
                }
            })
        });
        g.finish();
    }

    criterion_group!(benches, bench);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
