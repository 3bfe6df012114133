//! The content model: a backgrounder as plain serde data.
//!
//! Field names are the interface editors type (see the content model page);
//! the JSON Schema in `schemas/backgrounder.schema.json` is their machine
//! form and rejects unknown fields before these types are filled in. Fields
//! the schema requires still default here, so that the rules can run on a
//! document with a missing field and report everything in one pass.

pub mod chars;
pub mod date;
pub mod id;
pub mod inline;
pub mod links;
pub mod name;
pub mod walk;

pub use name::{Name, NameParts};

use serde::{Deserialize, Serialize};

/// One backgrounder, as written in `content/<id>.yaml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// The language of the text, a BCP 47 tag (`en` when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default)]
    pub authors: Vec<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default)]
    pub updated: String,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub resources: Vec<Resource>,
    #[serde(default)]
    pub related: Vec<Related>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Author {
    #[serde(default)]
    pub name: Name,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub heading: String,
    #[serde(default)]
    pub body: Vec<Block>,
}

/// A block of a section's body: running prose or a displayed quotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Block {
    Paragraph(Vec<Claim>),
    Quote(Quote),
}

/// The unit of fact: a sentence or a few that one set of sources supports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub cite: Vec<Cite>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default)]
    pub analysis: bool,
    /// Who the sentence quotes in running prose, a person id in `people`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<Allow>,
}

/// A suppression: this node knowingly breaks `rule`, for `reason`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allow {
    #[serde(default)]
    pub rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub speaker: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(default)]
    pub cite: Vec<Cite>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<Allow>,
}

/// A citation: a source id, or a source id with a locator such as `p. 45`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cite {
    Id(String),
    Located {
        source: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        locator: Option<String>,
    },
}

impl Cite {
    pub fn source(&self) -> &str {
        match self {
            Cite::Id(id) => id,
            Cite::Located { source, .. } => source,
        }
    }

    pub fn locator(&self) -> Option<&str> {
        match self {
            Cite::Id(_) => None,
            Cite::Located { locator, .. } => locator.as_deref(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: Name,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The kinds of source a backgrounder may cite.
pub const SOURCE_TYPES: [&str; 8] = [
    "report",
    "article",
    "statement",
    "interview",
    "book",
    "webpage",
    "dataset",
    "testimony",
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    #[serde(default)]
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Name>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<Allow>,
}

/// An "Additional Resources" entry: another backgrounder (`ref`) or a page (`url`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    #[serde(default)]
    pub title: String,
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A "More on this topic" entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Related {
    #[serde(default)]
    pub title: String,
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
