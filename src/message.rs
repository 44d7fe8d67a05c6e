//! Messages: name the scam in a buyer's message and point at the words that give it away.
//! (Classifier being written; the types below are the contract.)

use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::link::LinkReport;
use crate::reason::{Findings, Reason, Verdict};
use crate::registry::RegistryError;

/// A link as the message shows it.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MessageLink {
    pub href: String,
    /// The visible text of the anchor.
    pub text: Option<String>,
}

/// The sender, when known (from an `.eml` file or a platform page that shows it).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Sender {
    /// Display name (`Alibaba Security Team`).
    pub name: Option<String>,
    pub address: Option<String>,
    pub reply_to: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Attachment {
    pub name: String,
    pub content_type: Option<String>,
}

/// One message to judge. Spans in the report are byte offsets into `text`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MessageInput {
    pub text: String,
    /// Links from the message's HTML (href and shown text). URLs written in `text` are found
    /// by the engine itself.
    pub links: Vec<MessageLink>,
    /// The platform whose inbox the message is in.
    pub platform: Option<String>,
    pub sender: Option<Sender>,
    pub attachments: Vec<Attachment>,
}

/// The kinds of fraud the seeds describe. A message can be several at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    CredentialPhishing,
    FakePaymentProof,
    Extortion,
    FeeScam,
    InvestmentScam,
    InvitationLetter,
    CompetitorProbe,
    OffPlatformContact,
    AccountTakeover,
    BankDetailChange,
    MaliciousAttachment,
}

impl Category {
    pub const ALL: &'static [Category] = &[
        Category::CredentialPhishing,
        Category::FakePaymentProof,
        Category::Extortion,
        Category::FeeScam,
        Category::InvestmentScam,
        Category::InvitationLetter,
        Category::CompetitorProbe,
        Category::OffPlatformContact,
        Category::AccountTakeover,
        Category::BankDetailChange,
        Category::MaliciousAttachment,
    ];
}

/// The answer about one message, in the shape of the CLI contract.
#[derive(Clone, Debug, Serialize)]
pub struct MessageReport {
    pub verdict: Verdict,
    pub score: u8,
    pub categories: Vec<Category>,
    pub reasons: Vec<Reason>,
    pub links: Vec<LinkReport>,
}

/// The compiled keyword lists of every language.
#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    pub fn embedded() -> Result<Lexicon, RegistryError> {
        Ok(Lexicon {})
    }
}

pub fn check(engine: &Engine, input: &MessageInput) -> MessageReport {
    let links: Vec<LinkReport> = input
        .links
        .iter()
        .map(|l| engine.check_url(&l.href, l.text.as_deref(), input.platform.as_deref()))
        .collect();
    let f = Findings::default();
    MessageReport { verdict: f.verdict(), score: f.score(), categories: vec![], reasons: f.sorted(), links }
}
