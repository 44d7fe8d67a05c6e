//! Pages: is this a fake login page? (Rules being written; the types below are the contract.)

use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::reason::{PageVerdict, Reason};

/// One form field as the content script sees it.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FieldFacts {
    /// The input `type` (`password`, `text`, `email`, `tel`, ...), or `select`/`textarea`.
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub id: String,
    pub autocomplete: String,
    pub placeholder: String,
    /// Text of the associated `<label>` or `aria-label`.
    pub label: String,
    pub visible: bool,
}

/// One form (or a group of fields outside any form).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FormFacts {
    /// The resolved `action` URL; empty when the form posts to the page itself or has none.
    pub action: String,
    pub method: String,
    pub fields: Vec<FieldFacts>,
}

/// A frame embedded in the page.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FrameFacts {
    pub src: String,
    pub visible: bool,
}

/// What the content script (or the native HTML parser) gathers about a page.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PageFacts {
    pub url: String,
    pub title: String,
    pub top_frame: bool,
    pub referrer: String,
    /// The platform id whose inbox link opened this page, when the extension knows it.
    pub opened_from_inbox: Option<String>,
    pub forms: Vec<FormFacts>,
    /// `h1`–`h3` texts.
    pub headings: Vec<String>,
    /// `alt` texts and file names of images that look like logos.
    pub logos: Vec<String>,
    pub favicon: String,
    /// A bounded sample of visible text (the content script caps it).
    pub text_sample: String,
    pub frames: Vec<FrameFacts>,
}

impl Default for PageFacts {
    fn default() -> PageFacts {
        PageFacts {
            url: String::new(),
            title: String::new(),
            top_frame: true,
            referrer: String::new(),
            opened_from_inbox: None,
            forms: Vec::new(),
            headings: Vec::new(),
            logos: Vec::new(),
            favicon: String::new(),
            text_sample: String::new(),
            frames: Vec::new(),
        }
    }
}

/// The answer about one page, in the shape of the CLI contract.
#[derive(Clone, Debug, Serialize)]
pub struct PageReport {
    pub verdict: PageVerdict,
    pub score: u8,
    pub platform: Option<String>,
    pub impersonates: Option<String>,
    pub reasons: Vec<Reason>,
}

pub fn check(_engine: &Engine, _facts: &PageFacts) -> PageReport {
    PageReport { verdict: PageVerdict::Allow, score: 0, platform: None, impersonates: None, reasons: vec![] }
}
