#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // A Ctrl-C that lands between prompts (when the terminal is not in raw mode) would
    // otherwise kill srt with the cursor hidden; nothing is saved before the last step.
    let _ = ctrlc::set_handler(|| {
        let _ = console::Term::stderr().show_cursor();
        eprintln!("\nNothing was saved.");
        std::process::exit(130);
    });
    std::process::exit(srt::app::run(std::env::args_os()));
}
