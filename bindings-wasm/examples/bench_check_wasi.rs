//! `core/examples/bench_check.rs`, built from this crate so that it compiles to wasm32-wasip1
//! (the core's own examples pull in its dev-dependencies, which do not build for WASI). Its
//! own name, so that a workspace build does not write two examples to one file.
//! `bench/compare.mjs` builds it with the `wasm-release` profile and runs it in Node through
//! `bench/wasi.mjs`: the core as WebAssembly, on the native example's work, with no
//! JavaScript boundary.
//!
//! ```sh
//! cargo build -p waypost-wasm --example bench_check_wasi --target wasm32-wasip1 --profile wasm-release
//! ```

#[path = "../../core/examples/bench_check.rs"]
mod bench_check;

fn main() -> std::process::ExitCode {
    bench_check::main()
}
