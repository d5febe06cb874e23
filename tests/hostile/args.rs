//! args

use super::*;

#[test]
fn placeholder_args() {
    run_all(&[Case::new("alarm 11", &["morning", "11", "--yes"], 2, "alarm")]);
}
