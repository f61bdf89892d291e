//! Credential lookup speed: one image against a keyring of 1,000 keys (SPEC §5.5; target
//! ≤ 50 µs per lookup). Both the kubelet's plain `Lookup` and the explained lookup the playground
//! shows are measured. Run: `cargo bench -p pullsim --bench creds`.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, Criterion, Throughput};
    use pullsim::creds::{Credential, Keyring, Source};
    use std::hint::black_box;

    /// 1,000 keys of the shapes seen in the wild: registries with and without schemes, /v1/,
    /// ports, team paths and globs (deterministic).
    pub fn keyring() -> Keyring {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let schemes = ["", "https://", "http://"];
        let tlds = ["io", "com", "net", "dev", "cloud"];
        let mut k = Keyring::new();
        let source = Source::Node { path: "/var/lib/kubelet/config.json".into() };
        for i in 0..1000 {
            let host = match next(4) {
                0 => format!("*.registry{i}.{}", tlds[next(tlds.len())]),
                1 => format!("registry{i}.{}:{}", tlds[next(tlds.len())], 5000 + next(10)),
                _ => format!("registry{i}.example.{}", tlds[next(tlds.len())]),
            };
            let path = match next(3) {
                0 => String::new(),
                1 => "/v1/".to_owned(),
                _ => format!("/team{}", next(50)),
            };
            let key = format!("{}{host}{path}", schemes[next(schemes.len())]);
            k.add_entry(&source, &key, Credential::new(format!("user{i}"), "password", ""));
        }
        k.add_entry(&source, "https://index.docker.io/v1/", Credential::new("hub", "password", ""));
        assert_eq!(k.index_keys().len(), 1001);
        k
    }

    fn bench(c: &mut Criterion) {
        let ring = keyring();
        let images = [
            "registry500.example.io/team7/app", // a typical hit (or miss) deep in the index
            "sub.registry3.com/x",              // a glob
            "docker.io/library/nginx",          // nothing matches: Docker Hub fallback
            "quay.io/prometheus/node-exporter", // a miss
        ];
        let mut g = c.benchmark_group("creds-lookup-1000-keys");
        g.throughput(Throughput::Elements(images.len() as u64));
        g.bench_function("lookup", |b| {
            b.iter(|| {
                for i in &images {
                    black_box(ring.lookup(black_box(i)));
                }
            })
        });
        g.bench_function("explain_lookup", |b| {
            b.iter(|| {
                for i in &images {
                    black_box(ring.explain_lookup(black_box(i)));
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
