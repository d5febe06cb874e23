//! import

use super::*;

#[test]
fn placeholder_import() {
    run_all(&[Case::new("alarm 11", &["morning", "11", "--yes"], 2, "alarm")]);
}
