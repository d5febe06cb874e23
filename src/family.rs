//! Which child a command is about: the rules of DESIGN §1 for `--child`, over the stored
//! children and the family's default.

use crate::error::{Error, Result};
use crate::model::{Child, DEFAULT_CHILD, Setting};
use crate::store::{Store, Stored};
use crate::text::{same_words, visible};

pub struct Family {
    pub children: Vec<Child>,
    pub default: Option<Stored<Setting>>,
}

impl Family {
    pub fn load(store: &Store) -> Result<Self> {
        let mut children: Vec<Child> = store.children()?.into_iter().map(|c| c.record).collect();
        // Check-ins name their child, so two devices that each added "Sam" mean one Sam.
        children.sort_by(|a, b| (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id)));
        children.dedup_by(|later, first| same_words(&later.name, &first.name));
        let default = store.settings()?.into_iter().find(|s| s.name == DEFAULT_CHILD);
        Ok(Self { children, default })
    }

    pub fn find(&self, name: &str) -> Option<&Child> {
        self.children.iter().find(|c| same_words(&c.name, name))
    }

    /// The child meant by `requested` (from `--child` or `SRT_CHILD`), or by default; `None`
    /// only when the family has no children yet and none was named.
    pub fn resolve(&self, requested: Option<&str>) -> Result<Option<&Child>> {
        if let Some(name) = requested {
            return match self.find(name) {
                Some(child) => Ok(Some(child)),
                None if self.children.is_empty() => Ok(None),
                None => Err(Error::usage(format!(
                    "there is no child called '{}' (known: {}); add one with `srt child add NAME`",
                    visible(name, false),
                    self.names()
                ))),
            };
        }
        if let Some(child) = self.default.as_ref().and_then(|d| self.find(&d.value)) {
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
    use crate::store::Stamp;

    fn family(names: &[&str], default: Option<&str>) -> Family {
        Family {
            children: names.iter().map(|n| Child { id: n.to_string(), name: n.to_string() }).collect(),
            default: default.map(|d| Stored {
                stamp: Stamp { at: chrono::DateTime::UNIX_EPOCH, device: "d".into() },
                record: Setting { name: DEFAULT_CHILD.into(), value: d.into() },
            }),
        }
    }

    #[test]
    fn one_child_needs_no_name() {
        assert_eq!(family(&["Sam"], None).resolve(None).unwrap().unwrap().name, "Sam");
    }

    #[test]
    fn names_match_case_insensitively() {
        assert_eq!(family(&["Sam", "Alex"], None).resolve(Some("alex")).unwrap().unwrap().name, "Alex");
    }

    #[test]
    fn several_children_need_a_name_or_a_default() {
        let err = family(&["Sam", "Alex"], None).resolve(None).err().unwrap();
        assert!(err.message.contains("Sam, Alex") || err.message.contains("Alex, Sam"));
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
}
