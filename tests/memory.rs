//! The memory an import takes is bounded by the size limit on what it reads, whatever the
//! file holds. In a test binary of its own: the peak is measured over every srt this
//! process has run, so no other test may run one.

mod common;

use std::io::Write;
use std::path::Path;

use common::Journal;

/// Writes `head`, `mib` MiB of `fill`, then `tail`.
fn write_padded(path: &Path, head: &str, fill: u8, mib: usize, tail: &str) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    file.write_all(head.as_bytes()).unwrap();
    let chunk = [fill; 1 << 16];
    for _ in 0..(mib << 20) / chunk.len() {
        file.write_all(&chunk).unwrap();
    }
    file.write_all(tail.as_bytes()).unwrap();
    file.flush().unwrap();
}

/// The most memory any srt this process has run took, in MiB.
fn peak_child_memory_mib() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given, and says so by returning 0.
    let usage = unsafe {
        assert_eq!(libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()), 0);
        usage.assume_init()
    };
    usage.ru_maxrss / 1024
}

#[test]
fn importing_a_large_file_takes_memory_bounded_by_the_size_limit() {
    let journal = Journal::new();
    journal.ok(&["morning", "4", "--child", "Sam", "--yes"]);
    let export = journal.root().join("export.json");
    journal.ok(&["export", "--all", "-o", export.to_str().unwrap()]);
    // Just under the 32 MiB limit: a 31 MiB note, and a valid header after 31 MiB of spaces;
    // over it, a 100 MiB note.
    // Written a piece at a time: a child starts as a copy of this process, and its peak
    // would count whatever this process held.
    let text = std::fs::read_to_string(&export).unwrap();
    let (before, after) = text.split_once("\"note\": \"\"").expect("the check-in has an empty note");
    let (head, tail) = (format!("{before}\"note\": \""), format!("\"{after}"));
    write_padded(&journal.root().join("note.json"), &head, b'y', 31, &tail);
    write_padded(&journal.root().join("huge.json"), &head, b'y', 100, &tail);
    write_padded(&journal.root().join("spaces.json"), "", b' ', 31, "{\"format\": \"srt-export\", \"version\": 3}");
    let expected = [("note.json", "the limit is 2000"), ("spaces.json", "not a valid"), ("huge.json", "at most 32 MB")];
    for (name, expected) in expected {
        let path = journal.root().join(name);
        let out = journal.srt().args(["import", path.to_str().unwrap()]).assert().code(2);
        let err = common::stderr_of(&out);
        assert!(err.contains(expected), "{name}: {err}");
    }
    let peak = peak_child_memory_mib();
    assert!(peak < 100, "importing 31 MiB took {peak} MiB at its peak");
}
