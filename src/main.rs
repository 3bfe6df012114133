//! The `backgrounder` binary: parses the command line and decides the exit code.

use clap::Parser;

mod cli;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse())
}
