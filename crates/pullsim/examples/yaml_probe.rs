#[path = "../tests/hostile/mod.rs"]
mod hostile;
use std::time::Instant;
fn main() {
    let text = hostile::kubectl_dump_json(10 * 1024 * 1024);
    for _ in 0..5 {
        let s = Instant::now();
        let l = pullsim::workload::load(&text);
        println!(
            "json dump {} bytes: load {:?} objs {} errs {}",
            text.len(),
            s.elapsed(),
            l.objects.len(),
            l.errors.len()
        );
    }
}
