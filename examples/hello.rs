//! The benchmark's other floor: starting a process that does nothing (bench/run.sh).

fn main() {
    println!("hello");
}
