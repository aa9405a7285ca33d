use std::process::ExitCode;

fn main() -> ExitCode {
    t3::cli::main()
}
