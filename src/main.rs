//! The `backgrounder` binary: parses the command line and decides the exit code.

use clap::Parser;

mod cli;

// The loader and the rules allocate many small values; glibc's malloc was a
// fifth of `check`'s instructions (callgrind), mimalloc costs far less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse())
}
