//! The playground's entry point: Trunk builds this binary; web/boot.js starts it.

fn main() {
    pullsim_web::start();
}
