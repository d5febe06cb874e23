//! disk

use super::*;

#[test]
fn placeholder_disk() {
    run_all(&[Case::new("alarm 11", &["morning", "11", "--yes"], 2, "alarm")]);
}
