//! Messages: name the scam in a buyer's message and point at the words that give it away.
//!
//! A seller reads dozens of inquiries a day; most are genuine, a few are the frauds of the
//! seeds — fake remittance notices that want a login, extortion from fake platform staff,
//! customs-fee and crypto "store management" schemes, invitation-letter and price-fishing
//! inquiries, requests for a verification code. The classifier names each kind it finds
//! ([`Category`]) and shows the words that prove it, without crying wolf on a real RFQ.
//!
//! The pipeline: normalise the text keeping a byte map back ([`normalize`]); scan it with one
//! phrase trie per language ([`phrases`]) plus a few regexes and brand names ([`scan`],
//! [`lexicon`]);
//! judge every link — from the HTML and written in the text — with the link engine
//! ([`links`]); judge the sender, `Reply-To` and attachments ([`sender`]); then count
//! independent cues per category ([`classify`]). All words and rules are data in
//! `data/lexicon/`, compiled once per engine. Work per message is bounded: the text is judged
//! on its first [`MAX_TEXT`] bytes, links and hits are capped.

mod classify;
pub mod lexicon;
pub mod links;
pub mod normalize;
pub mod phrases;
pub mod re;
mod re_syntax;
pub mod scan;
mod sender;
pub mod wording;
mod wording_hash;

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
/// Weight of the wording model's caution: a near miss's (see `classify`).
const WORDING_WEIGHT: u8 = 20;
/// Cues of one rule a message must hit before the wording model is asked.
const WORDING_LEAN: usize = 2;

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
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

/// Written as its code: the derive wrote a match of every variant of its own beside
/// `as_str`'s (a test holds `as_str` to the names the `Deserialize` derive reads).
impl Serialize for Category {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
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
pub fn check(engine: &Engine, lex: &Lexicon, input: &MessageInput) -> MessageReport {
    let text = crate::bounds::cap(&input.text, MAX_TEXT);
    let norm = lex.normalize(text);
    let mut f = Findings::default();
    let mut hits = scan::scan(lex, text, &norm);
    // A message of a line or two ("hi, price?") says by its shortness that no real order
    // details come with it.
    if norm.text.len() <= SHORT_TEXT {
        if let Some(g) = lex.id("@short_text") {
            hits.add(g, scan::Hit::fact());
        }
    }

    let written = links::find_written(engine, lex, text);
    let url_spans: Vec<(usize, usize)> = written.iter().map(|w| (w.start, w.end)).collect();
    let links = links::judge(engine, lex, input, text, &written, &mut hits, &mut f);
    sender::judge_attachments(engine, lex, input, text, &norm, &url_spans, &mut hits, &mut f);
    scan::derive(lex, &norm.text, &mut hits);
    let facts = sender::judge_sender(engine, lex, input, &mut hits, &mut f);
    // A notice from a platform's own domain (a carrier's, a marketplace's), answered to that
    // domain, whose every link is a genuine page: the platform's own message. A forged `From`
    // could copy its words, but its links would then lead only to the real service, where the
    // payment or the duty it speaks of can be checked and no password is taken. So its fee or
    // its payment news is the platform's (a carrier's real duty notice, a marketplace's "the buyer
    // has paid"), not a lure.
    let replies_home = !hits.has_named(lex, "@reply_to_mismatch");
    if facts.genuine_platform.is_some() && hits.has_named(lex, "@own_links") && replies_home {
        if let Some(g) = lex.id("@platform_notice") {
            hits.add(g, scan::Hit::fact());
        }
    }

    // A popular service writing from its own domain (DocuSign's envelope from docusign.net, an
    // Apple receipt) about something held on that domain: the notice is the service's own. A
    // forged `From` of such a domain is what DMARC refuses, and a lure must send the reader to its
    // own page; here the way in is the service's. The words the sender typed into it (a
    // signature's website) are not the notice's vehicle. As for a platform's notice, replies must
    // go home, and the display name must not claim another brand.
    if let Some(domain) = facts.service_domain.as_deref().filter(|_| replies_home && !hits.has_named(lex, "@sender_mismatch")) {
        let own = links.iter().any(|l| l.site.as_ref().and_then(|s| s.registrable.as_deref()) == Some(domain));
        if own && !hits.has_named(lex, "@dangerous_link") {
            if let Some(g) = lex.id("@service_sender") {
                hits.add(g, scan::Hit::fact());
            }
        }
    }

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

    let mut categories = classify::classify(lex, text, &hits, &mut f);
    // The wording model speaks only where no rule did but one leans (two of its cues), and
    // never for a sender proven to be the platform: a second opinion, worth a caution, naming
    // the category of the rule that leans. Alone it flagged half of twenty short genuine buyer
    // messages by their style ("kindly", "must", "what"); with the lean, none of forty-five.
    // Nor does it speak on a text that names the people behind a scheme ("scammers", "被骗"):
    // a warning tells the trick in the trick's own words, which is what the model learned; nor on
    // one that says there is nothing to pay or that the platform never asks for it.
    // Nor where every link is the platform's or a popular site's own page: a notice that sends
    // the reader only to the real service is the real service's, however it is worded.
    if facts.genuine_platform.is_none()
        && f.verdict() == Verdict::Safe
        && !hits.has_named(lex, "warn.about")
        && !hits.has_named(lex, "adv.warning")
        && !hits.has_named(lex, "@own_links")
    {
        let opinion = classify::leaning(lex, &hits, WORDING_LEAN).and_then(|c| Some((c, lex.wording.judge(&norm.text)?)));
        if let Some((category, o)) = opinion {
            let (a, b) = norm.to_original(o.evidence.0, o.evidence.1);
            let q = classify::quote(text, a, b);
            f.push(
                Reason::new(Code::Lure, Severity::Caution, WORDING_WEIGHT, format!("worded like the scam messages SellerShield knows: “{q}”"))
                    .param("category", category.as_str())
                    .param("cues", "wording")
                    .param("partial", "true")
                    .param("evidence", q)
                    .span(a, b),
            );
            categories.push(category);
        }
    }
    MessageReport { verdict: f.verdict(), score: f.score(), categories, reasons: f.sorted(), links }
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::reason::Span;

    fn engine() -> Engine {
        Engine::from_json("{}").unwrap()
    }

    #[test]
    fn every_category_serialises_as_the_code_it_is_read_by() {
        for &c in Category::ALL {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            assert_eq!(serde_json::from_str::<Category>(&json).unwrap(), c, "{json}");
        }
    }

    fn check_text(e: &Engine, text: &str, platform: Option<&str>) -> MessageReport {
        e.check_message(&MessageInput { text: text.into(), platform: platform.map(str::to_string), ..MessageInput::default() }).unwrap()
    }

    /// Asserts the category is named, the verdict is as expected, and the headline `lure`
    /// reason of the category points at words of the text.
    fn assert_category(e: &Engine, text: &str, cat: Category, verdict: Verdict) {
        let r = check_text(e, text, Some("alibaba"));
        assert!(r.categories.contains(&cat), "{cat:?} not found in {text:?}: {:?} {:?}", r.categories, r.reasons);
        assert_eq!(r.verdict, verdict, "{text:?}: {:?}", r.reasons);
        let lure = r
            .reasons
            .iter()
            .find(|x| x.code == Code::Lure && x.params.get("category").map(String::as_str) == Some(cat.as_str()))
            .expect("a lure reason for the category");
        let Span { start, end } = lure.span.expect("the lure points at its evidence");
        assert!(end > start && end <= text.len(), "bad span {start}..{end}");
        assert!(!text[start..end].trim().is_empty());
    }

    fn assert_safe(e: &Engine, text: &str, platform: Option<&str>) {
        let r = check_text(e, text, platform);
        assert_eq!(r.verdict, Verdict::Safe, "{text:?}: {:?} {:?}", r.categories, r.reasons);
        assert!(r.categories.is_empty());
    }

    /// The reason the wording model gave, if it spoke.
    fn wording_reason(r: &MessageReport) -> Option<&Reason> {
        r.reasons.iter().find(|x| x.params.get("cues").map(String::as_str) == Some("wording"))
    }

    #[test]
    fn the_wording_model_cautions_where_a_rule_leans_but_does_not_name() {
        let e = engine();
        let scam = "Hi, my boss told me we must receive the payment today because of our bank closing for the holiday. Kindly send the money to my personal account, I will give you the details on WhatsApp. After you pay we ship the goods at once.";
        let r = check_text(&e, scam, Some("alibaba"));
        assert_eq!(r.verdict, Verdict::Caution, "{:?}", r.reasons);
        // Named by the rule that leans to it, at the model's caution.
        assert_eq!(r.categories, [Category::BankDetailChange], "{:?}", r.reasons);
        let w = wording_reason(&r).expect("the wording model spoke");
        assert_eq!((w.code, w.severity), (Code::Lure, Severity::Caution));
        let Span { start, end } = w.span.expect("it points at words");
        // The window of its heaviest scam features (with the model trained on H26's set too, the
        // money sent to a personal account weighs more than "must receive").
        assert!(scam[start..end].contains("send the money"), "{:?}", &scam[start..end]);
        assert_eq!(w.params.get("evidence").map(String::as_str), Some(&scam[start..end]));

        // Its genuine twin leans to the same rule and reads genuine.
        let twin = "Hi, my boss told me we must receive the samples this week because of the trade show. Kindly send the tracking number when you ship them, and the invoice for our accounting team.";
        assert_safe(&e, twin, Some("alibaba"));
        // Short buyer messages in the style the model learned from ("kindly", "must", "what")
        // lean to no rule, so the model is not asked: alone it flagged these.
        for genuine in [
            "Kindly note you must confirm the sample color before we start production.",
            "Hello my friend, I want to buy your top product for my store. What is the price with shipping to USA?",
            "Dear supplier, kindly send me the invoice, I will pay by T/T tomorrow.",
        ] {
            assert_safe(&e, genuine, Some("alibaba"));
        }
    }

    #[test]
    fn the_wording_model_is_silent_where_a_rule_spoke() {
        let seed = "Dear Sir/Madam,\n\nxxx has made a wire transfer to your registered bank account. Please find attached a wire transfer confirmation sheet and remittance. Unless you respond immediately by clicking on the below link, the information shall be deemed to be correct and shall be binding and conclusive on you.";
        let r = check_text(&engine(), seed, Some("alibaba"));
        assert_eq!(r.verdict, Verdict::Danger);
        assert!(wording_reason(&r).is_none(), "{:?}", r.reasons);
    }

    #[test]
    fn the_seed_wire_transfer_notice_is_credential_phishing() {
        let seed = "Dear Sir/Madam,\n\nxxx has made a wire transfer to your registered bank account. Please find attached a wire transfer confirmation sheet and remittance. Unless you respond immediately by clicking on the below link, the information shall be deemed to be correct and shall be binding and conclusive on you.\n\nBest regards,\n\nxxx";
        assert_category(&engine(), seed, Category::CredentialPhishing, Verdict::Danger);
    }

    #[test]
    fn credential_phishing_needs_a_way_to_log_in() {
        let e = engine();
        assert_category(
            &e,
            "Payment notification: USD 9,800 is on hold. Sign in through the link below to confirm receipt: http://remit-check.top/a",
            Category::CredentialPhishing,
            Verdict::Danger,
        );
        assert_category(&e, "您的账户存在异常登录，请在24小时内点击以下链接验证身份，否则账户将被冻结。", Category::CredentialPhishing, Verdict::Danger);
        // A genuine notice asks to log in too, but only through the platform itself.
        assert_safe(&e, "You have a new inquiry. Log in to My Alibaba to reply: https://message.alibaba.com/message/messenger.htm", Some("alibaba"));
        assert_safe(&e, "您有一条新询盘，请登录阿里卖家查看并回复。", Some("alibaba"));
    }

    #[test]
    fn fake_payment_proof_and_its_negative() {
        let e = engine();
        assert_category(
            &e,
            "We have transferred the full amount, the SWIFT copy is attached. It takes 3 days to reflect, please ship today.",
            Category::FakePaymentProof,
            Verdict::Danger,
        );
        assert_category(&e, "我不小心多付了500美金，麻烦把多出的部分先退到我们物流代理的账户。", Category::FakePaymentProof, Verdict::Danger);
        assert_safe(&e, "We paid the 30% deposit by T/T today. Please confirm when you receive it and start production.", Some("alibaba"));
        assert_safe(&e, "定金已经付了，请查收后安排生产，谢谢。", Some("alibaba"));
    }

    #[test]
    fn extortion_and_its_negative() {
        let e = engine();
        assert_category(
            &e,
            "I am from the Amazon review team. We have evidence of fake reviews on your listings. Pay $300 in 48 hours or your account will be suspended.",
            Category::Extortion,
            Verdict::Danger,
        );
        assert_category(&e, "我是平台内部人员，你店铺刷单的证据都在我这里，转2000元封口费，否则举报封店。", Category::Extortion, Verdict::Danger);
        // An unhappy buyer with a real defect is not an extortionist.
        assert_safe(&e, "The lamp arrived broken. Please send a replacement or refund, I attach photos of the damage.", Some("amazon"));
    }

    #[test]
    fn fee_scam_and_its_negative() {
        let e = engine();
        assert_category(
            &e,
            "Your parcel is held at customs. A clearance fee of USD 45 must be paid within 24 hours to release it.",
            Category::FeeScam,
            Verdict::Danger,
        );
        assert_category(&e, "您的包裹被海关扣留，需要支付清关费300元才能放行。", Category::FeeScam, Verdict::Danger);
        assert_safe(&e, "Customs cleared the container today; the goods will be delivered to our warehouse on Monday.", Some("alibaba"));
    }

    #[test]
    fn investment_scam_and_its_negative() {
        let e = engine();
        assert_category(
            &e,
            "Zero inventory store, we operate everything for you. Deposit 500 USDT to activate, daily profit 3%.",
            Category::InvestmentScam,
            Verdict::Danger,
        );
        assert_category(&e, "零库存开店，代运营全托管，先充值USDT保证金，每天收益稳定。", Category::InvestmentScam, Verdict::Danger);
        assert_safe(&e, "Do you accept 30% deposit and 70% balance before shipment? We can pay by T/T.", Some("alibaba"));
    }

    #[test]
    fn invitation_letter_is_caution_and_a_visitor_with_visas_is_not() {
        let e = engine();
        assert_category(&e, "Please send me an invitation letter for my business visa to visit your company.", Category::InvitationLetter, Verdict::Caution);
        assert_category(&e, "麻烦给我发一封邀请函，我要办签证去中国。", Category::InvitationLetter, Verdict::Caution);
        assert_safe(&e, "We already have our visas and do not need an invitation letter. Please send the factory address.", Some("alibaba"));
    }

    #[test]
    fn competitor_probe_is_caution_and_a_real_rfq_is_not() {
        let e = engine();
        assert_category(&e, "Hello, send me your full price list for all items. Thanks.", Category::CompetitorProbe, Verdict::Caution);
        assert_category(&e, "你好，请把你们所有产品的价格表发给我。", Category::CompetitorProbe, Verdict::Caution);
        assert_safe(
            &e,
            "Please quote 2,000 pcs of model A12, size 40x60 cm, material PP, FOB Ningbo. Our company is an importer in Poland. Please also send your price list.",
            Some("alibaba"),
        );
    }

    #[test]
    fn off_platform_contact_is_caution() {
        let e = engine();
        assert_category(&e, "Please contact me on WhatsApp +44 7700 900123 for the details.", Category::OffPlatformContact, Verdict::Caution);
        assert_category(&e, "平台不方便，加我微信：abc_trade88 细聊。", Category::OffPlatformContact, Verdict::Caution);
        assert_safe(&e, "Please reply here on Alibaba with your offer, we keep all communication on the platform.", Some("alibaba"));
    }

    #[test]
    fn account_takeover_and_the_platform_warning_that_names_it() {
        let e = engine();
        assert_category(&e, "I sent a 6-digit code to your phone by mistake. Please send it to me.", Category::AccountTakeover, Verdict::Danger);
        assert_category(&e, "请把手机收到的验证码发给我，我帮你解除限制。", Category::AccountTakeover, Verdict::Danger);
        assert_safe(&e, "Alibaba.com will never ask you to share your password or verification code.", Some("alibaba"));
        assert_safe(&e, "请勿向任何人透露验证码。", Some("alibaba"));
    }

    #[test]
    fn the_ask_for_a_secret_depends_on_who_receives_it() {
        let e = engine();
        let danger = |t: &str| assert_category(&e, t, Category::AccountTakeover, Verdict::Danger);
        danger("Please send the verification code to us so we can finish the check.");
        danger("Kindly forward the 6 digit code to this number on WhatsApp.");
        danger("Share the verification code with me and I will unlock your store.");
        danger("请把验证码发送至我们的客服邮箱。");
        danger("For your verification, please have the one-time code ready that will be sent to your phone during the call.");
        // The sender gives the seller the code: every one a real platform's wording.
        assert_safe(&e, "We will send the verification code to your phone number.", Some("alibaba"));
        assert_safe(&e, "We will provide you a verification code by SMS. Enter it on the login page.", Some("alibaba"));
        assert_safe(&e, "We have sent you a verification code. It expires in 10 minutes.", Some("amazon"));
        assert_safe(&e, "Your verification code has been sent to your phone. Type the code on the sign-in page.", Some("ebay"));
        assert_safe(&e, "我们会将验证码发送给您的手机，请在页面输入。", Some("alibaba"));
        assert_safe(&e, "我们已向您发送验证码，请勿泄露。", Some("alibaba"));
        // Said not to: a warning.
        assert_safe(&e, "Never send the verification code to us or to anyone else.", Some("alibaba"));
    }

    #[test]
    fn security_tips_in_a_list_stay_quiet_and_the_ask_after_them_does_not() {
        let e = engine();
        let tips = "Stay safe on Alibaba.com. Our staff will never ask you to:\n\
                    1. Send us your verification code\n\
                    2. Tell us your password or share your login details\n\
                    3. Install remote access software such as AnyDesk\n\
                    \n\
                    Report anything suspicious to Alibaba.com customer service.";
        assert_safe(&e, tips, Some("alibaba"));
        let zh = "温馨提示：平台工作人员绝不会要求您进行以下操作：\n1. 提供短信验证码\n2. 告诉我们您的登录密码\n\n如有疑问请联系官方客服。";
        assert_safe(&e, zh, Some("alibaba"));
        let scam = "Never share this code with anyone:\n- not your friends\n- not your family\nI am the Alibaba security agent, so send me the verification code now.";
        assert_category(&e, scam, Category::AccountTakeover, Verdict::Danger);
    }

    #[test]
    fn bank_detail_change_and_a_first_invoice() {
        let e = engine();
        assert_category(
            &e,
            "Please note our bank account has changed. Kindly remit the balance to the new account below: IBAN DE89 3704 0044 0532 0130 00.",
            Category::BankDetailChange,
            Verdict::Danger,
        );
        assert_category(&e, "我们公司账户年审收不了款，尾款请转到财务的个人卡上。", Category::BankDetailChange, Verdict::Danger);
        assert_safe(&e, "Our bank details are on the proforma invoice. Please pay the 30% deposit to start production.", Some("alibaba"));
    }

    #[test]
    fn malicious_attachments_by_name_and_by_wording() {
        let e = engine();
        let r = e.check_message(&MessageInput {
            text: "Please check the order.".into(),
            attachments: vec![Attachment { name: "Order_2291.pdf.exe".into(), content_type: None }],
            ..MessageInput::default()
        }).unwrap();
        assert!(r.categories.contains(&Category::MaliciousAttachment));
        assert_eq!(r.verdict, Verdict::Danger);
        assert!(r.reasons.iter().any(|x| x.code == Code::DangerousAttachment && x.message.contains("hides a .exe")));
        assert_category(&e, "The invoice is attached. Enable macros to view the content.", Category::MaliciousAttachment, Verdict::Danger);
        let r = e.check_message(&MessageInput {
            text: "Please see the drawings attached.".into(),
            attachments: vec![Attachment { name: "drawing-A12.pdf".into(), content_type: Some("application/pdf".into()) }],
            ..MessageInput::default()
        }).unwrap();
        assert_eq!(r.verdict, Verdict::Safe, "{:?}", r.reasons);
    }

    #[test]
    fn sender_claiming_a_platform_from_free_mail_is_danger() {
        let e = engine();
        let input = MessageInput {
            text: "Your store needs verification.".into(),
            sender: Some(Sender {
                name: Some("Amazon Seller Support".into()),
                address: Some("amazon.support.team@gmail.com".into()),
                reply_to: None,
            }),
            ..MessageInput::default()
        };
        let r = e.check_message(&input).unwrap();
        assert_eq!(r.verdict, Verdict::Danger);
        assert!(r.reasons.iter().any(|x| x.code == Code::SenderBrandMismatch));
        // The genuine platform writing from its own domain is not a mismatch.
        let input = MessageInput {
            text: "Your payout has been sent.".into(),
            sender: Some(Sender {
                name: Some("Amazon Seller Central".into()),
                address: Some("seller-notification@amazon.com".into()),
                reply_to: None,
            }),
            ..MessageInput::default()
        };
        let r = e.check_message(&input).unwrap();
        assert_eq!(r.verdict, Verdict::Safe, "{:?}", r.reasons);
    }

    #[test]
    fn a_person_who_mentions_a_platform_in_their_name_is_not_impersonating_it() {
        let e = engine();
        let input = MessageInput {
            text: "Hello, please quote 300 pcs of the blue mugs, DDP Chicago.".into(),
            sender: Some(Sender {
                name: Some("Mike Brown - Amazon FBA seller".into()),
                address: Some("mike.brown.fba@gmail.com".into()),
                reply_to: None,
            }),
            ..MessageInput::default()
        };
        let r = e.check_message(&input).unwrap();
        assert!(!r.reasons.iter().any(|x| x.code == Code::SenderBrandMismatch), "{:?}", r.reasons);
        assert_eq!(r.verdict, Verdict::Safe);
        let input = MessageInput {
            text: "Your account needs attention.".into(),
            sender: Some(Sender {
                name: Some("Amazon Seller Performance Support Team".into()),
                address: Some("notice@seller-performance.example".into()),
                reply_to: None,
            }),
            ..MessageInput::default()
        };
        assert!(e.check_message(&input).unwrap().reasons.iter().any(|x| x.code == Code::SenderBrandMismatch));
    }

    #[test]
    fn reply_to_elsewhere_is_a_reason() {
        let e = engine();
        let input = MessageInput {
            text: "Please confirm the order.".into(),
            sender: Some(Sender {
                name: Some("Hans Becker".into()),
                address: Some("hans@becker-import.de".into()),
                reply_to: Some("becker.import@gmail.com".into()),
            }),
            ..MessageInput::default()
        };
        let r = e.check_message(&input).unwrap();
        assert!(r.reasons.iter().any(|x| x.code == Code::ReplyToMismatch && x.severity == Severity::Caution));
    }

    #[test]
    fn links_written_in_text_are_judged_and_spanned() {
        let e = engine();
        let text = "Check the payment here: https://alibaba.com@pay-verify.top/login now";
        let r = check_text(&e, text, Some("alibaba"));
        assert_eq!(r.links.len(), 1);
        let link_reason = r.reasons.iter().find(|x| matches!(x.code, Code::DangerousLink | Code::SuspiciousLink)).expect("link reason");
        let s = link_reason.span.unwrap();
        assert_eq!(&text[s.start..s.end], "https://alibaba.com@pay-verify.top/login");
    }

    #[test]
    fn a_buyer_website_link_does_not_warn() {
        let e = engine();
        assert_safe(
            &e,
            "We are a distributor of garden tools, see www.gartenwelt-example.de. Please quote 500 pcs of item GT-12, CIF Hamburg.",
            Some("alibaba"),
        );
    }

    #[test]
    fn traditional_chinese_reads_as_simplified() {
        let e = engine();
        assert_category(&e, "請把手機收到的驗證碼發給我。", Category::AccountTakeover, Verdict::Danger);
    }

    #[test]
    fn other_languages_still_get_link_and_structure_signals() {
        let e = engine();
        let r = check_text(&e, "Bitte hier einloggen: https://alibaba.com.konto-pruefen.top/login", Some("alibaba"));
        assert_ne!(r.verdict, Verdict::Safe, "{:?}", r.reasons);
        assert!(r.reasons.iter().any(|x| matches!(x.code, Code::DangerousLink | Code::SuspiciousLink)));
    }

    #[test]
    fn empty_and_huge_inputs_are_fine() {
        let e = engine();
        assert_safe(&e, "", None);
        let big = "hello ".repeat(100_000);
        let r = check_text(&e, &big, None);
        assert_eq!(r.verdict, Verdict::Safe);
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
            #[test]
            fn arbitrary_messages_never_panic_and_spans_stay_inside(
                text in "\\PC{0,400}",
                href in "\\PC{0,80}",
                shown in proptest::option::of("\\PC{0,40}"),
                name in "\\PC{0,30}",
            ) {
                let e = engine_once();
                let input = MessageInput {
                    text: text.clone(),
                    links: vec![MessageLink { href, text: shown }],
                    platform: Some("alibaba".into()),
                    sender: Some(Sender { name: Some(name.clone()), address: Some(format!("{name}@x.example")), reply_to: Some(name.clone()) }),
                    attachments: vec![Attachment { name, content_type: None }],
                };
                let r = e.check_message(&input).unwrap();
                for reason in &r.reasons {
                    if let Some(s) = reason.span {
                        prop_assert!(s.start <= s.end && s.end <= text.len());
                        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                    }
                }
            }

            #[test]
            fn scam_words_in_any_order_never_panic(words in proptest::collection::vec(prop_oneof![
                Just("log in"), Just("验证码"), Just("USDT"), Just("$500"), Just("https://x.top/a"),
                Just("never"), Just("不要"), Just("if"), Just("。"), Just("\u{200b}"), Just("ｗｈａｔｓａｐｐ"),
                Just("invoice.pdf.exe"), Just("x@gmail.com"), Just("+86 138 0013 8000"),
            ], 0..40)) {
                let e = engine_once();
                let text = words.join(" ");
                let r = e.check_message(&MessageInput { text, ..MessageInput::default() }).unwrap();
                prop_assert!(r.score <= 100);
            }
        }

        fn engine_once() -> &'static Engine {
            static E: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
            E.get_or_init(|| Engine::from_json("{}").unwrap())
        }
    }
}
