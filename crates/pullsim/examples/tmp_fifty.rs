fn run(same: bool) {
    let mut w = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n");
    for i in 0..50 {
        if same {
            w.push_str(&format!("  - name: c{i}\n    image: registry.example.com/team/app-1:1.1\n"));
        } else {
            w.push_str(&format!("  - name: c{i}\n    image: registry.example.com/team/app-{i}:1.{i}\n"));
        }
    }
    let sc = pullsim::sim::Scenario::with_workload(w);
    let loaded = pullsim::workload::load(&sc.workload);
    let n: u32 = 3000;
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(pullsim::sim::simulate_loaded(&sc, &loaded));
    }
    eprintln!("same={same} simulate_loaded {:?}", t.elapsed() / n);
}
fn main() {
    run(false);
    run(true);
    run(false);
    run(true);
}
