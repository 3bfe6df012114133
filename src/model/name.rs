//! A person's or organisation's name, as editors write it: whole
//! (`Jonathan Masters`), in parts (`{given: Jon, family: Van Camp}`, with an
//! optional `particle` and `suffix`), or `{literal: U.S. Department of State}`
//! for an organisation. The parts are what lets a reference style print and
//! sort the family name right.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Name {
    /// A name written whole; the reference engine guesses its parts.
    Written(String),
    /// An organisation's name, never split.
    Literal { literal: String },
    /// A person's name in parts.
    Parts(Box<NameParts>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameParts {
    pub family: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// `de`, `van`, `al-`, `bin`: printed before the family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub particle: Option<String>,
    /// `Jr.`, `III`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

impl Default for Name {
    fn default() -> Name {
        Name::Written(String::new())
    }
}

impl From<&str> for Name {
    fn from(name: &str) -> Name {
        Name::Written(name.to_owned())
    }
}

impl NameParts {
    /// The family name with its particle, as it is printed after the given
    /// name: `de Gaulle`, `al-Maliki` (no space after a particle ending in a
    /// hyphen or an apostrophe).
    pub fn family_with_particle(&self) -> String {
        match self
            .particle
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(p) if p.ends_with(['-', '\'', '’']) => format!("{p}{}", self.family.trim()),
            Some(p) => format!("{p} {}", self.family.trim()),
            None => self.family.trim().to_owned(),
        }
    }
}

impl Name {
    /// Whether nothing but white space was written.
    pub fn is_blank(&self) -> bool {
        self.to_string().trim().is_empty()
    }
}

/// The name in reading order: `Jon Van Camp`, `Charles de Gaulle`,
/// `Martin Luther King Jr.`.
impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Name::Written(name) => f.write_str(name),
            Name::Literal { literal } => f.write_str(literal),
            Name::Parts(parts) => {
                let mut words: Vec<String> = Vec::with_capacity(3);
                if let Some(given) = parts
                    .given
                    .as_deref()
                    .map(str::trim)
                    .filter(|g| !g.is_empty())
                {
                    words.push(given.to_owned());
                }
                words.push(parts.family_with_particle());
                if let Some(suffix) = parts
                    .suffix
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                {
                    words.push(suffix.to_owned());
                }
                f.write_str(&words.join(" "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(given: &str, particle: Option<&str>, family: &str) -> Name {
        Name::Parts(Box::new(NameParts {
            family: family.into(),
            given: Some(given.into()),
            particle: particle.map(Into::into),
            suffix: None,
        }))
    }

    #[test]
    fn names_read_in_order() {
        assert_eq!(parts("Jon", None, "Van Camp").to_string(), "Jon Van Camp");
        assert_eq!(
            parts("Charles", Some("de"), "Gaulle").to_string(),
            "Charles de Gaulle"
        );
        assert_eq!(
            parts("Nouri", Some("al-"), "Maliki").to_string(),
            "Nouri al-Maliki"
        );
        let literal = Name::Literal {
            literal: "U.S. Department of State".into(),
        };
        assert_eq!(literal.to_string(), "U.S. Department of State");
    }

    #[test]
    fn each_form_reads_from_yaml_values() {
        let read = |v: serde_json::Value| serde_json::from_value::<Name>(v).unwrap();
        assert_eq!(
            read(serde_json::json!("Jon Van Camp")),
            Name::from("Jon Van Camp")
        );
        assert_eq!(
            read(serde_json::json!({"given": "Jon", "family": "Van Camp"})),
            parts("Jon", None, "Van Camp")
        );
        assert_eq!(
            read(serde_json::json!({"literal": "Reuters"})),
            Name::Literal {
                literal: "Reuters".into()
            }
        );
    }
}
