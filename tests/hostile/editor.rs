//! editor

use super::*;

#[test]
fn placeholder_editor() {
    run_all(&[Case::new("alarm 11", &["morning", "11", "--yes"], 2, "alarm")]);
}
