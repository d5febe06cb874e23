//! Which child a command is about: `--child` (or `SRT_CHILD`), else the default, else the
//! only child; with several and no default, the parent is asked to choose. Pure rules over
//! the family's children, as the journal hands them over.

use crate::error::{Error, Result};
use crate::model::Child;
use crate::text::{same_words, visible};

pub struct Family {
    pub children: Vec<Child>,
    /// The family's default child, by name, if one was chosen.
    pub default: Option<String>,
}

impl Family {
    /// Check-ins name their child, so two devices that each added "Sam" mean one Sam.
    pub fn new(mut children: Vec<Child>, default: Option<String>) -> Self {
        children.sort_by(|a, b| (crate::text::folded(&a.name), &a.id).cmp(&(crate::text::folded(&b.name), &b.id)));
        children.dedup_by(|later, first| same_words(&later.name, &first.name));
        Self { children, default }
    }

    pub fn find(&self, name: &str) -> Option<&Child> {
        self.children.iter().find(|c| same_words(&c.name, name))
    }

    /// The child meant by `requested` (from `--child`, `SRT_CHILD` or the config), or by
    /// default; `None` only when the family has no children yet and none was named.
    pub fn resolve(&self, requested: Option<&str>) -> Result<Option<&Child>> {
        if let Some(name) = requested {
            return match self.find(name) {
                Some(child) => Ok(Some(child)),
                None if self.children.is_empty() => Ok(None),
                None => Err(self.no_such_child(name)),
            };
        }
        if let Some(child) = self.default.as_deref().and_then(|d| self.find(d)) {
            return Ok(Some(child));
        }
        match self.children.as_slice() {
            [] => Ok(None),
            [only] => Ok(Some(only)),
            _ => Err(Error::usage(format!(
                "which child? pass --child NAME (known: {}), or choose one with `srt child default NAME`",
                self.names()
            ))),
        }
    }

    /// Like `resolve`, for commands that need an existing child.
    pub fn require(&self, requested: Option<&str>) -> Result<&Child> {
        match self.resolve(requested)? {
            Some(child) => Ok(child),
            None => match requested {
                Some(name) => Err(Error::usage(format!(
                    "there is no child called '{}' yet; the first check-in adds them: `srt morning --child NAME`",
                    visible(name, false)
                ))),
                None => {
                    Err(Error::usage("no check-ins yet; start with `srt morning --child NAME` or `srt child add NAME`"))
                }
            },
        }
    }

    pub fn no_such_child(&self, name: &str) -> Error {
        Error::usage(format!(
            "there is no child called '{}' (known: {}); add one with `srt child add NAME`",
            visible(name, false),
            self.names()
        ))
    }

    pub fn names(&self) -> String {
        if self.children.is_empty() {
            return "none yet".to_string();
        }
        let names: Vec<_> = self.children.iter().map(|c| visible(&c.name, false).into_owned()).collect();
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn family(names: &[&str], default: Option<&str>) -> Family {
        let children = names.iter().map(|n| Child { id: crate::model::new_id(), name: n.to_string() }).collect();
        Family::new(children, default.map(str::to_string))
    }

    #[test]
    fn one_child_needs_no_name() {
        assert_eq!(family(&["Sam"], None).resolve(None).unwrap().unwrap().name, "Sam");
    }

    #[test]
    fn names_match_case_insensitively_and_in_any_unicode_form() {
        assert_eq!(family(&["Sam", "Alex"], None).resolve(Some("alex")).unwrap().unwrap().name, "Alex");
        assert_eq!(family(&["Zo\u{eb}"], None).resolve(Some("ZOE\u{308}")).unwrap().unwrap().name, "Zo\u{eb}");
    }

    #[test]
    fn several_children_need_a_name_or_a_default() {
        let err = family(&["Sam", "Alex"], None).resolve(None).err().unwrap();
        assert!(err.message.contains("Alex, Sam"), "{}", err.message);
        assert_eq!(family(&["Sam", "Alex"], Some("Alex")).resolve(None).unwrap().unwrap().name, "Alex");
    }

    #[test]
    fn an_unknown_name_lists_the_known_children() {
        let err = family(&["Sam"], None).resolve(Some("Max")).err().unwrap();
        assert!(err.message.contains("'Max'") && err.message.contains("Sam"), "{}", err.message);
    }

    #[test]
    fn an_empty_family_resolves_to_nobody() {
        assert!(family(&[], None).resolve(Some("Sam")).unwrap().is_none());
        assert!(family(&[], None).require(None).is_err());
    }

    #[test]
    fn two_devices_adding_one_name_give_one_child() {
        assert_eq!(family(&["Sam", "sam"], None).children.len(), 1);
    }
}
