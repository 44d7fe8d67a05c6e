//! Messages: name the scam in a buyer's message and point at the words that give it away.
//!
//! A seller reads dozens of inquiries a day; most are genuine, a few are the frauds of the
//! seeds — fake remittance notices that want a login, extortion from fake platform staff,
//! customs-fee and crypto "store management" schemes, invitation-letter and price-fishing
//! inquiries, requests for a verification code. The classifier names each kind it finds
//! ([`Category`]) and shows the words that prove it, without crying wolf on a real RFQ.
//!
//! The pipeline: normalise the text keeping a byte map back ([`normalize`]); scan it with one
//! phrase automaton per language plus a few regexes and brand names ([`scan`], [`lexicon`]);
//! judge every link — from the HTML and written in the text — with the link engine
//! ([`links`]); judge the sender, `Reply-To` and attachments ([`sender`]); then count
//! independent cues per category ([`classify`]). All words and rules are data in
//! `data/lexicon/`, compiled once per engine. Work per message is bounded: the text is judged
//! on its first [`MAX_TEXT`] bytes, links and hits are capped.

mod classify;
pub mod lexicon;
pub mod links;
pub mod normalize;
pub mod scan;
mod sender;

use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::link::LinkReport;
use crate::reason::{Code, Findings, Reason, Severity, Verdict};

pub use lexicon::{Lexicon, LexiconError};

/// Longest text judged. Scam messages are short; a longer one is judged on its beginning, which
/// keeps the cost of a hostile megabyte the same as a long genuine thread.
pub const MAX_TEXT: usize = 256 * 1024;
/// A normalised text this short is a line or two, with no room for order details.
const SHORT_TEXT: usize = 100;

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
    /// The stable snake_case code, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::CredentialPhishing => "credential_phishing",
            Category::FakePaymentProof => "fake_payment_proof",
            Category::Extortion => "extortion",
            Category::FeeScam => "fee_scam",
            Category::InvestmentScam => "investment_scam",
            Category::InvitationLetter => "invitation_letter",
            Category::CompetitorProbe => "competitor_probe",
            Category::OffPlatformContact => "off_platform_contact",
            Category::AccountTakeover => "account_takeover",
            Category::BankDetailChange => "bank_detail_change",
            Category::MaliciousAttachment => "malicious_attachment",
        }
    }

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

/// Judges one message: every link in it, its sender and attachments, and the scam categories
/// its wording and structure add up to.
pub fn check(engine: &Engine, input: &MessageInput) -> MessageReport {
    let lex = &engine.lexicon;
    let text = head(&input.text, MAX_TEXT);
    let norm = lex.normalize(text);
    let mut f = Findings::default();
    let mut hits = scan::scan(lex, &norm);
    // A message of a line or two ("hi, price?") says by its shortness that no real order
    // details come with it.
    if norm.text.len() <= SHORT_TEXT {
        if let Some(g) = lex.id("@short_text") {
            hits.add(g, scan::Hit::fact());
        }
    }

    let written = links::find_written(engine, text);
    let url_spans: Vec<(usize, usize)> = written.iter().map(|w| (w.start, w.end)).collect();
    let links = links::judge(engine, lex, input, text, &written, &mut hits, &mut f);
    sender::judge_attachments(engine, lex, input, text, &norm, &url_spans, &mut hits, &mut f);
    scan::derive(lex, &norm.text, &mut hits);
    let facts = sender::judge_sender(engine, lex, input, &mut hits, &mut f);

    // A sender genuinely on the platform's domain speaks for the platform: its claim to be the
    // platform is the truth, not a lure.
    let claim = lex.id("platform_claim");
    if let (Some(g), Some(_)) = (claim, facts.genuine_platform) {
        hits.clear(g);
    }
    if let Some(g) = claim.filter(|g| hits.has(*g)) {
        if let Some((a, b)) = hits.get(g).iter().find_map(|h| h.span) {
            f.push(
                Reason::new(Code::PlatformClaim, Severity::Info, 10, "the sender presents itself as the platform's own staff")
                    .param("evidence", text.get(a..b).unwrap_or(""))
                    .span(a, b),
            );
        }
    }

    let categories = classify::classify(lex, text, &hits, &mut f);
    MessageReport { verdict: f.verdict(), score: f.score(), categories, reasons: f.sorted(), links }
}

/// The first `max` bytes of `s`, cut at a character boundary.
fn head(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
