//! Bounded memory (issue 6 "Limits"): every hostile input is handled with memory proportional to
//! its size, or less. A counting allocator records the peak of live heap bytes while the core
//! reads each input (the input itself is allocated before and not counted). Native only: the
//! allocator is this test binary's global one.
#![cfg(not(target_arch = "wasm32"))]

mod hostile;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use pullsim::creds::{Keyring, Source};
use pullsim::sim::{simulate, Scenario};
use pullsim::workload::{load, load_bytes};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The peak of heap bytes allocated by `f` beyond what was live before it (results included).
fn peak_of<T>(f: impl FnOnce() -> T) -> usize {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let out = f();
    let peak = PEAK.load(Relaxed) - before;
    drop(out);
    peak
}

const MIB: usize = 1024 * 1024;

/// One test, so that no other test allocates while a peak is measured.
#[test]
fn hostile_inputs_are_read_in_memory_proportional_to_their_size() {
    let mut rows = Vec::new();
    let mut over = Vec::new();
    let mut check = |what: &str, input_len: usize, peak: usize, bound: usize| {
        rows.push(format!("{what:<56} input {:>6.2} MiB  peak {:>7.2} MiB", mb(input_len), mb(peak)));
        if peak > bound {
            over.push(format!("{what}: peak {peak} bytes > bound {bound} (input {input_len} bytes)"));
        }
    };

    let text = hostile::alias_bomb();
    check("alias bomb (10^9 nodes if expanded)", text.len(), peak_of(|| load(&text)), MIB);

    let text = hostile::deep_block(2000);
    check("block mappings 2,000 deep", text.len(), peak_of(|| load(&text)), 4 * text.len());

    let text = format!("a: {}", hostile::deep_flow(1_000_000));
    check("flow sequences 1,000,000 deep", text.len(), peak_of(|| load(&text)), 4 * text.len());

    let text = hostile::long_line(9 * MIB);
    check("one 9 MiB line (loads)", text.len(), peak_of(|| load(&text)), 4 * text.len());

    let bytes = hostile::invalid_utf8(9 * MIB);
    check("9 MiB with an invalid UTF-8 byte", bytes.len(), peak_of(|| load_bytes(&bytes)), MIB);

    let text = hostile::nul_bytes(MIB);
    check("NUL bytes (1 MiB)", text.len(), peak_of(|| load(&text)), 4 * text.len());

    let bytes = hostile::big_paste(50 * 1000 * 1000);
    check("a 50 MB paste (refused unread)", bytes.len(), peak_of(|| load_bytes(&bytes)), MIB);

    let text = hostile::dense_json_array(10 * 1000 * 1000);
    check("a 10 MB JSON array [1,1,…]", text.len(), peak_of(|| load(&text)), 4 * text.len());

    let text = hostile::dense_json_in_mapping(10 * 1000 * 1000, "");
    check("10 MB of tiny JSON nodes in a mapping", text.len(), peak_of(|| load(&text)), 4 * text.len());

    let text = hostile::dense_block_in_mapping(10 * 1000 * 1000);
    check("10 MB of tiny YAML nodes in a mapping", text.len(), peak_of(|| load(&text)), 40 * text.len());

    let text = hostile::kubectl_dump_yaml(10 * MIB);
    check("a 10 MiB `kubectl get -o yaml` dump (loads)", text.len(), peak_of(|| load(&text)), 10 * text.len());

    let name = hostile::huge_image_name(5 * MIB);
    check("analyze of a 5 MiB image name", name.len(), peak_of(|| pullsim::reference::analyze(&name)), 8 * name.len());

    let text = hostile::big_config(100_000);
    let keyring = || {
        let config = pullsim::creds::parse_docker_config_json(&text).unwrap();
        let mut ring = Keyring::new();
        ring.add(&Source::Node { path: "config.json".into() }, &config);
        ring
    };
    // Linear, but the largest factor here: every added key keeps its normalization explained step
    // by step (about 2 KB a key), which the page's credential table shows.
    check("a config.json of 100,000 keys, decoded into a keyring", text.len(), peak_of(keyring), 32 * text.len());

    let mut sc = Scenario::with_workload(
        "kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx:no-such-tag}]}\n",
    );
    sc.registry.unknown_repositories = pullsim::sim::scenario::UnknownRepositories::NotFound;
    sc.duration = 365.0 * 24.0 * 3600.0;
    check("a year of back-off (capped at 30 days)", 0, peak_of(|| simulate(&sc)), 256 * MIB);

    println!("{}", rows.join("\n"));
    assert!(over.is_empty(), "{over:#?}");
}

fn mb(n: usize) -> f64 {
    n as f64 / MIB as f64
}
