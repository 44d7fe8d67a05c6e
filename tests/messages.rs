//! Corpus test of the message classifier: every labelled message in
//! `tests/fixtures/messages/` (scam and genuine, dev and holdout) goes through
//! `mail::load_message` and `Engine::check_message`, exactly as the CLI runs it.
//!
//! It prints per-category precision and recall for each split and the false-positive rate on
//! the genuine set, then asserts floors that fail when the classifier regresses. The floors are
//! set on the holdout split, which the classifier was never tuned on (tuning used `dev` only),
//! a little below what it measured there, so a real regression trips them and noise does not.
//! A holdout that has been reported for long is retired (split `retired`: tuning data from then
//! on, printed apart so its history stays readable) and replaced by a new one written blind;
//! the first holdout (79/99 scams flagged, 4/57 genuine over-flagged when retired) was retired
//! on 2026-12-07, the second (H19's, 88/108 and 8/67 when written, 97/108 and 0/67 after one
//! round of mechanism tuning on it) on 2026-12-07 too, when H23's blind set replaced it; H23's
//! (101/126 and 6/77 with the wording model, whose settings had been chosen with it in view) on
//! 2026-12-07 again, when H26's blind set (`-h5NN`) replaced it.
//!
//! The `external` split (`labels-external.tsv`, `external/README.md`) holds scams and genuine
//! messages written by others, never by this project: it measures how the classifier does on
//! wording nobody here chose. Its genuine messages count in the false-positive floor; its scams
//! get no floor, so there is nothing to tune them towards.
//!
//! `SELLERSHIELD_CORPUS_VERBOSE=1 cargo test --test messages -- --nocapture` also lists each
//! dev or retired message the classifier gets wrong (holdout mistakes are only counted, never listed, so
//! nobody tunes on them).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sellershield::{Category, Engine, Verdict};

#[derive(Debug)]
struct Row {
    path: String,
    split: String,
    platform: Option<String>,
    verdict: Verdict,
    categories: BTreeSet<String>,
    genuine: bool,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/messages")
}

fn read_labels(file: &str, genuine: bool) -> Vec<Row> {
    let text = std::fs::read_to_string(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut rows = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 5, "{file}: bad row {line:?}");
        let verdict = match cols[3] {
            "safe" => Verdict::Safe,
            "caution" => Verdict::Caution,
            "danger" => Verdict::Danger,
            v => panic!("{file}: unknown verdict {v}"),
        };
        let categories = if cols[4] == "-" { BTreeSet::new() } else { cols[4].split(',').map(|c| c.trim().to_string()).collect() };
        rows.push(Row {
            path: cols[0].to_string(),
            split: cols[1].to_string(),
            platform: (cols[2] != "-").then(|| cols[2].to_string()),
            verdict,
            categories,
            genuine,
        });
    }
    rows
}

struct Outcome {
    verdict: Verdict,
    categories: BTreeSet<String>,
}

fn judge(engine: &Engine, row: &Row) -> Outcome {
    let bytes = std::fs::read(dir().join(&row.path)).unwrap_or_else(|e| panic!("{}: {e}", row.path));
    let mut input = sellershield::mail::load_message(&row.path, &bytes).unwrap_or_else(|e| panic!("{}: {e}", row.path));
    if input.platform.is_none() {
        input.platform = row.platform.clone();
    }
    let report = engine.check_message(&input).unwrap();
    Outcome { verdict: report.verdict, categories: report.categories.iter().map(|c| c.as_str().to_string()).collect() }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 { 1.0 } else { self.tp as f64 / (self.tp + self.fp) as f64 }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 { 1.0 } else { self.tp as f64 / (self.tp + self.fn_) as f64 }
    }
}

#[derive(Default)]
struct Split {
    per_category: BTreeMap<String, Counts>,
    scams: usize,
    scams_flagged: usize,
    scams_verdict_right: usize,
    genuine: usize,
    genuine_over: usize,
    genuine_verdict_right: usize,
}

fn verdict_rank(v: Verdict) -> u8 {
    match v {
        Verdict::Safe | Verdict::Invalid => 0,
        Verdict::Caution => 1,
        Verdict::Danger => 2,
    }
}

#[test]
fn message_corpus_precision_recall_and_false_positives() {
    let engine = Engine::from_json("{}").unwrap();
    let mut rows = read_labels("labels-scam.tsv", false);
    rows.extend(read_labels("labels-genuine.tsv", true));
    // The external split (messages written by others, see external/README.md) holds scams and
    // genuine messages in one file: a row is genuine when it names no category.
    rows.extend(read_labels("labels-external.tsv", false).into_iter().map(|r| Row { genuine: r.categories.is_empty(), ..r }));
    assert!(rows.len() >= 400, "the corpus shrank: {} rows", rows.len());
    let verbose = std::env::var_os("SELLERSHIELD_CORPUS_VERBOSE").is_some();
    let mut splits: BTreeMap<String, Split> = BTreeMap::new();
    for row in &rows {
        let out = judge(&engine, row);
        let s = splits.entry(row.split.clone()).or_default();
        for c in Category::ALL {
            let c = c.as_str();
            let (want, got) = (row.categories.contains(c), out.categories.contains(c));
            let e = s.per_category.entry(c.to_string()).or_default();
            match (want, got) {
                (true, true) => e.tp += 1,
                (false, true) => e.fp += 1,
                (true, false) => e.fn_ += 1,
                _ => {}
            }
        }
        let right = out.verdict == row.verdict;
        if row.genuine {
            s.genuine += 1;
            s.genuine_verdict_right += usize::from(right);
            s.genuine_over += usize::from(verdict_rank(out.verdict) > verdict_rank(row.verdict));
        } else {
            s.scams += 1;
            s.scams_verdict_right += usize::from(right);
            s.scams_flagged += usize::from(out.verdict != Verdict::Safe);
        }
        if verbose && (row.split == "dev" || row.split == "retired") && (!right || out.categories != row.categories) {
            println!(
                "DEV MISS {}: want {:?} {:?}, got {:?} {:?}",
                row.path, row.verdict, row.categories, out.verdict, out.categories
            );
        }
    }

    for (name, s) in &splits {
        println!("\n== {name}: {} scam messages, {} genuine", s.scams, s.genuine);
        println!("{:<22} {:>9} {:>9} {:>5} {:>5} {:>5}", "category", "precision", "recall", "tp", "fp", "fn");
        for (c, k) in &s.per_category {
            println!("{c:<22} {:>9.3} {:>9.3} {:>5} {:>5} {:>5}", k.precision(), k.recall(), k.tp, k.fp, k.fn_);
        }
        println!(
            "scams flagged (caution or danger): {}/{} = {:.3}; scam verdict exact: {:.3}",
            s.scams_flagged,
            s.scams,
            s.scams_flagged as f64 / s.scams.max(1) as f64,
            s.scams_verdict_right as f64 / s.scams.max(1) as f64
        );
        println!(
            "genuine over-flagged: {}/{} = {:.3}; genuine verdict exact: {:.3}",
            s.genuine_over,
            s.genuine,
            s.genuine_over as f64 / s.genuine.max(1) as f64,
            s.genuine_verdict_right as f64 / s.genuine.max(1) as f64
        );
    }

    // Floors. Genuine false positives on the sets the lexicon was tuned on (dev, retired) or
    // has been measured against for several sessions (external): at most 2%.
    let seen: Vec<&Split> = ["dev", "retired", "external"].iter().filter_map(|n| splits.get(*n)).collect();
    let genuine: usize = seen.iter().map(|s| s.genuine).sum();
    let over: usize = seen.iter().map(|s| s.genuine_over).sum();
    assert!(over as f64 <= 0.02 * genuine as f64, "genuine false-positive rate {over}/{genuine} (dev, retired, external) is above 2%");
    // Dev is what the lexicon was tuned on: it must stay near perfect.
    let dev = splits.get("dev").expect("a dev split");
    assert_floor("dev scams flagged", dev.scams_flagged as f64 / dev.scams as f64, 0.98);
    for (c, k) in &dev.per_category {
        assert_floor(&format!("dev recall of {c}"), k.recall(), 0.85);
        assert_floor(&format!("dev precision of {c}"), k.precision(), 0.80);
    }
    // The retired holdouts are tuning data now. The first was tuned to 99/99; the second had one
    // round of tuning by mechanism only (97/108), and its misses stay misses until a mechanism
    // rather than a phrase catches them: 196/207 at retirement. With H23's joined: 300/333 at
    // retirement, 304/333 after one round by mechanism (its six genuine false positives fixed).
    // With H26's joined: 414/451 at retirement (its nine genuine false positives fixed in the
    // same round), 422/451 after its misses' mechanisms (a rival asking whom the seller buys
    // from, a certificate only the buyer's lab may issue, an account "no longer valid").
    if let Some(retired) = splits.get("retired") {
        assert_floor("retired scams flagged", retired.scams_flagged as f64 / retired.scams as f64, 0.92);
        assert_eq!(retired.genuine_over, 0, "retired genuine messages over-flagged");
    }
    // With H27's joined: 546/581 at retirement (its 18 misses and 9 genuine false positives
    // studied and fixed by mechanism in the same round: 124/130, 0/87).
    // With H28's joined: 675/731 (its misses 28 -> 21 of 150 and its 7 genuine false positives
    // -> 0 of 102 in the round that retired it; 6 of the misses are Spanish or Portuguese).
    // With H31's joined: 823/865 (its misses 24 -> 2 of 134 and its 5 genuine false positives
    // -> 0 of 82 in the round that retired it, 112/134 and 5/82 at that round's start).
    // With H32's joined: 961/1003 (its misses 18 -> 0 of 138 and its 2 genuine false positives
    // -> 0 of 81 in the round that retired it; H32's first measure at its merge, engine of
    // `6b299bb`: 120/138 (0.870), 2/81, mean category recall 0.808).
    // With H35's joined: 1105/1148 (its misses 26 -> 2 of 145 and its 7 genuine false positives
    // -> 0 of 77 in the round that retired it; H35's first measure at its merge, engine of
    // `d04ef20`: 119/145 (0.821), 7/77, mean category recall 0.765).
    // With H36's joined: 1225/1279 (its misses 32 -> 12 of 131 and its 2 genuine false
    // positives -> 0 of 79 in the round that retired it; H36's first measure at its merge,
    // engine of `5b523ce`: 99/131 (0.756), 2/79, mean category recall 0.625).
    // With H37's joined: 1348/1402 (its misses 20 -> 0 of 123 and its 6 genuine false positives
    // -> 0 of 84 in the round that retired it; H37's first measure at its merge, engine of
    // `74014bf`: 103/123 (0.837), 6/84, mean category recall 0.755).
    // With H38's joined: 1487/1549 (its misses 24 -> 10 of 147, all ten Spanish or Portuguese,
    // and its 5 genuine false positives -> 0 of 91 in the round that retired it; H38's first
    // measure at its merge, engine of `cfeaf2e`: 123/147 (0.837), 5/91, mean category recall 0.798).
    // Holdout: H42's, written blind on 2026-12-08 by someone who never saw the rules, the model,
    // the fixtures or the classifier's answers (135 scams, 26 advance fees of different shapes,
    // 34 in Chinese, 14 in Spanish or Portuguese, ~44 generic phishing and fraud; 80 genuine, ~26
    // of them real service mails, 8 in Spanish or Portuguese).
    // Measured first at its merge, before any change made with it present (engine of `4ecff1a`):
    // 116/135 (0.859) flagged, genuine over-flagged 6/80 (0.075), mean category recall 0.812,
    // precision 0.625 (fake_payment_proof), 0.667 (extortion) .. 1.0, recall 0.538 (fee_scam),
    // 0.700 (account_takeover) .. 1.0. (H38's first measure, the same way: 123/147, 5/91, 0.798.)
    // The floors sit a little under that, so a regression trips them and noise does not.
    let holdout = splits.get("holdout").expect("a holdout split");
    assert_floor("holdout scams flagged", holdout.scams_flagged as f64 / holdout.scams as f64, 0.80);
    assert!(holdout.genuine_over as f64 <= 0.10 * holdout.genuine as f64, "holdout genuine over-flagged {}/{}", holdout.genuine_over, holdout.genuine);
    let recalls: Vec<f64> = holdout.per_category.values().map(Counts::recall).collect();
    assert_floor("holdout mean category recall", recalls.iter().sum::<f64>() / recalls.len() as f64, 0.72);
    for (c, k) in &holdout.per_category {
        assert_floor(&format!("holdout recall of {c}"), k.recall(), 0.4);
        assert_floor(&format!("holdout precision of {c}"), k.precision(), 0.5);
    }
}

fn assert_floor(what: &str, value: f64, floor: f64) {
    assert!(value >= floor, "{what} is {value:.3}, below the floor {floor}");
}

/// The categories the engine names for a bare text message.
fn categories_of(engine: &Engine, text: &str) -> BTreeSet<String> {
    let input = sellershield::mail::load_message("pair.txt", text.as_bytes()).expect("a text message loads");
    engine.check_message(&input).unwrap().categories.iter().map(|c| c.as_str().to_string()).collect()
}

/// The verdict on a message given as its text, or as a whole mail when it starts with a header.
fn verdict_of(engine: &Engine, text: &str) -> Verdict {
    let name = if text.starts_with("From:") { "msg.eml" } else { "msg.txt" };
    let input = sellershield::mail::load_message(name, text.as_bytes()).expect("a message loads");
    engine.check_message(&input).unwrap().verdict
}

/// Genuine-context signals, each checked on a pair: the scam alone is named, the same scam
/// with the genuine mechanism added is not. So a veto is shown to work, and shown not to
/// swallow the scam it sits next to.
#[test]
fn genuine_context_vetoes_a_category_only_when_the_mechanism_is_there() {
    let engine = Engine::from_json("{}").unwrap();
    let pairs: &[(&str, &str, &str)] = &[
        (
            "bank_detail_change",
            "Dear customer, our bank details have changed. Please pay the balance of invoice 2291 to our new account: IBAN GB29 NWBK 6016 1331 9268 19.",
            "Dear customer, our bank details have changed. Please pay the balance of invoice 2291 to our new account: IBAN GB29 NWBK 6016 1331 9268 19. Before you pay, confirm the new details by calling our finance team on the number you already have on file.",
        ),
        (
            "bank_detail_change",
            "Please note that our company has changed banks. Pay the next invoice to our new account at HSBC.",
            "Please note that our company has changed banks. Our payments to you will come from our new account at HSBC; keep using your own bank details on the PI.",
        ),
        (
            "account_takeover",
            "Please send me the verification code we sent to your phone.",
            "Here are things we will never do in an email:\n1. Ask you to reply with a password.\n2. Ask you to send me the verification code we sent to your phone.",
        ),
        (
            "fee_scam",
            "Your parcel is held at customs. Import duty of USD 45.00 must be paid to release it: http://parcel-duty-release.top/pay",
            "Your parcel is held at customs. We paid the import duty of USD 45.00 to customs on your behalf; it must be paid to release it: http://parcel-duty-release.top/pay",
        ),
        (
            "fake_payment_proof",
            "We have paid the full amount for order 180223 this morning. Our customer is waiting, please ship as soon as possible.",
            "We have paid the full amount for order 180223 this morning, you should see it in your order page. Our customer is waiting, please ship as soon as possible.",
        ),
        (
            "invitation_letter",
            "Hello, we want to visit your factory. Please send us an invitation letter for our business visa.",
            "Hello, you want to visit our factory. We will issue the invitation letter for your business visa; these are the documents we need from you: passport copy and travel dates.",
        ),
        (
            // The mailbox lure with a way to "keep" it through a link, against the same notice
            // that sends the reader to the account settings.
            "credential_phishing",
            "Your mailbox storage is 99% full. To avoid losing messages, upgrade your storage quota now by logging in below: http://mail-quota-upgrade.weebly.com/",
            "Your mailbox storage is 99% full. To avoid losing messages, delete old mail or upgrade your storage quota in your account settings.",
        ),
        (
            // "Expo 2026" is no order number ("po" inside a word): the scam stays named; a
            // customer with orders already placed is one the seller knows.
            "invitation_letter",
            "We met you at the Canton Expo 2026. Please send us an invitation letter for our business visa.",
            "We met you at the Canton Expo 2026 and have placed three orders with you since. Please send us an invitation letter for our business visa.",
        ),
        (
            // A platform's safety reminder names the letter among the scams it warns about.
            "invitation_letter",
            "Please send us an invitation letter for our visa, we will visit in March.",
            "Safety reminder: be careful with buyers who ask you to send an invitation letter for a visa without any order.",
        ),
        (
            // The usual account, said not to be used, against a bill paid where it always is.
            "bank_detail_change",
            "Please do not pay to our usual account this time, the new account below is for this invoice: IBAN GB29 NWBK 6016 1331 9268 19.",
            "Please find our invoice attached, payable to the usual account within the agreed terms: IBAN GB29 NWBK 6016 1331 9268 19.",
        ),
        (
            // The owner's choice in a platform notice, against a stranger asking for the code.
            "account_takeover",
            "We are a Shopify partner agency. Please send us your store's collaborator request code so we can start the audit.",
            "Northgate Studio has requested collaborator access to your store. Only approve this request if you know and trust Northgate Studio; staff will never ask you to send us your collaborator request code.",
        ),
        (
            // A push to a messenger, against a number the seller asked for.
            "off_platform_contact",
            "Hello, add my WhatsApp +49 151 5550 3381 so we can discuss the order there.",
            "Sure, as you asked here is my WhatsApp +49 151 5550 3381, for the production photos.",
        ),
        (
            "invitation_letter",
            "We will place big orders after the visit. Please send us an invitation letter for my visa.",
            "For our order PO-5530, already in production, please send us an invitation letter for my visa to attend the inspection.",
        ),
        (
            // The advance fee with no payment claimed (a fee scam: the money is only promised),
            // and the platform's own fees paid where it bills.
            "fee_scam",
            "Your payout of $412 is waiting. You must pay the fee of $23.40 first, then the funds will be sent to your account.",
            "Your payout of $412 is waiting. You must pay the fee of $23.40 first, then the funds will be sent to your account. These are your selling fees; pay them in Seller Hub.",
        ),
        (
            "fee_scam",
            "The buyer's money is ready. You must pay the transfer fee of $60 and the money will be sent to you today.",
            "The buyer's money is ready. You must pay the transfer fee of $60 and the money will be sent to you today; the fee will be deducted from the payment.",
        ),
        (
            // A notice in the mailbox as the proof, and a buyer who leaves the check to the account.
            "fake_payment_proof",
            "I paid this morning, the bank sent you the transfer notice. Check your email and ship the goods.",
            "I paid this morning, the bank sent you the transfer notice. Check your email and ship the goods only after you see the funds in your account.",
        ),
        (
            // The advance fee paid to a third party with the money promised back, and the same
            // fee paid where the carrier bills it.
            "fee_scam",
            "Please pay the clearing fee of USD 280 to my shipping agent by Western Union first, I will add it to the payment for the goods.",
            "Please pay the clearing fee of USD 280 to my shipping agent by Western Union first, I will add it to the payment for the goods. As agreed, the fee will be deducted from the payment.",
        ),
        (
            // Gift cards and their codes, and a warning that names them.
            "fee_scam",
            "Your award of $1,500 is waiting. Pay the processing charge of $35 with an Apple gift card and reply with the code.",
            "Scammers write: 'Your award of $1,500 is waiting. Pay the processing charge of $35 with an Apple gift card and reply with the code.'",
        ),
        (
            // Frozen funds and an unfreeze fee, and the platform's own warning about it.
            "fee_scam",
            "您的货款6800元已被冻结，请缴纳解冻保证金680元至指定账户，缴纳成功后资金立即解冻并返还保证金。",
            "平台不会要求您缴纳解冻保证金：如有人称“您的货款6800元已被冻结，请缴纳解冻保证金680元至指定账户，缴纳成功后资金立即解冻并返还保证金”，请举报。",
        ),
        (
            // The mailbox password to keep at a link, and the IT notice that sends to the settings.
            "credential_phishing",
            "Your mailbox password expires today. Keep your current password here: https://mail-keep.web.app/ or your mailbox will be disabled.",
            "Your mailbox password expires today. Keep your current password or change it in your account settings; we will never send a link. https://mail-keep.web.app/",
        ),
        (
            // A price list asked for, and a shared file that is named one (a Google Docs notice).
            "competitor_probe",
            "Hello, please send me your complete price list for all items.",
            "Jessica Brown shared a document with you: Q4 complete price list for all items. Open: https://docs.google.com/document/d/1AbCdE/edit",
        ),
        (
            // The seller's BOM asked for, and a customer asking about its own order.
            "competitor_probe",
            "Please send us the BOM and the mould drawings of your blender.",
            "Please send us the BOM and the mould drawings of your blender for order 4471 before the inspection.",
        ),
        (
            // A premium paid to the buyer's own pick, with the LC hung on it, against a CIF
            // buyer who only wants the seller's insurance certificate with the documents.
            "fee_scam",
            "Our bank only accepts the certificate of our nominated insurer. The premium is USD 540, please pay it directly to them. Without it the LC cannot be opened.",
            "Since the price is CIF, the insurance is on your side. The premium is about USD 540; please send us the insurance certificate with the shipping documents so we can present them under the LC.",
        ),
        (
            // A supplier's own price change, against a stranger asking for the price list.
            "competitor_probe",
            "Dear sir, please send your price list for all products.",
            "Dear customers, we have to adjust our prices by 4-6% from January. The updated price list will be sent to each customer by your sales contact.",
        ),
        (
            // A paid claim and a rush, against a note that warns of that very trick.
            "fake_payment_proof",
            "我已经付了，这是水单截图，请今天先发货。",
            "大家注意：最近好几个卖家被骗了，新客户说钱已经付了，发一张水单截图，催你先发货。一律先登录平台后台核实。",
        ),
        (
            // The buyer's country's rule, a fee to its contact and the deposit held on it,
            // against an importer that names the certificate and leaves it to the quote.
            "fee_scam",
            "王经理您好，按照我们国家的进口规定，供应商必须先做认证备案，费用 3800 元人民币，由厂家支付。出证后我们马上打30%定金。",
            "王经理您好，按照我们国家的进口规定，产品需要SASO认证，费用大约 3800 元人民币，请算在报价里。订单和定金按合同走。",
        ),
        (
            // A fake escrow's status line and button, against a payout notice whose fee is
            // taken from the payout.
            "fee_scam",
            "The buyer has deposited USD 14,600.00. Status: FUNDS SECURED, awaiting seller release fee (USD 290.00). Pay release fee & receive USD 14,600.",
            "The buyer has paid USD 14,600.00 for order 7712. The service fee (USD 290.00) is deducted from the payout, which reaches your bank account in 3 days.",
        ),
        (
            // A voicemail notice whose link leads to a site nobody knows, against the same notice
            // from the phone service's own domain (Google runs hosting the registry lists).
            "credential_phishing",
            "You have a new voicemail (0:42) from +1 415 555 0134. Listen to the message: https://vm-audio-portal.com/play?id=8812",
            "You have a new voicemail (0:42) from +1 415 555 0134. Listen to the message: https://voice.google.com/u/0/voicemail",
        ),
        (
            // A catalogue and price list asked for, against a supplier sending its own.
            "competitor_probe",
            "你好，请发一下你们的产品目录和价格表。",
            "你好，这是我们的新产品目录和价格表，欢迎选购。",
        ),
        (
            // A tender registration paid to the ministry's agent before the order, against a
            // free registration on the ministry's own portal.
            "fee_scam",
            "We have chosen your company as a supplier for our government tender. To be registered in the tender system, suppliers must pay a registration fee of USD 1,250 to the ministry's agent. After registration we issue the purchase order.",
            "We have chosen your company as a supplier for our government tender. To be registered in the tender system, please upload your business licence on the ministry's public portal; registration is free. After registration we issue the purchase order.",
        ),
        (
            // A 'sample deposit' the supplier leaves under the buyer's company policy, against a
            // buyer whose policy is to pay its samples.
            "fee_scam",
            "Hi, I want 10 samples shipped by DHL. Our company policy requires a sample deposit of 200 USD paid by the supplier to guarantee the quality, refunded when we place the bulk order.",
            "Hi, I want 10 samples shipped by DHL. Our company policy requires that we pay the samples and the freight ourselves; please send a PayPal invoice.",
        ),
        (
            // A fake escrow that releases the money once the tracking is uploaded on its own
            // site, against the platform's escrow and its order page.
            "fake_payment_proof",
            "Dear seller, the escrow company has received my payment of $5,600. They will release it to you as soon as you upload the shipping receipt on their website: https://secure-escrow-trade.com",
            "Dear seller, Trade Assurance has received my payment of $5,600. It will be released to you after delivery; please upload the tracking number on the order page.",
        ),
        (
            // A price list asked for by nobody in particular, against a chain that says where it
            // sells and who it is.
            "competitor_probe",
            "Hi, could you send your catalogue and price list? We want to add your kitchen line.",
            "Hi, I'm a buyer from Poland. Could you send your catalogue and price list? We sell in 30 stores and want to add your kitchen line. Our website: www.kuchnia-sklep.pl",
        ),
        (
            // A messenger handle passed on, against the same with the deal kept on the platform.
            "off_platform_contact",
            "Hi Lisa, the buyer wants to continue on WeChat for quick photos during production, add him: wxid_buyer2231.",
            "Hi Lisa, the buyer wants to continue on WeChat for quick photos during production, add him: wxid_buyer2231. I told him we keep prices and payment on Alibaba.",
        ),
        (
            // A payment claimed with a screenshot, against one the buyer points to on the
            // platform's own record.
            "fake_payment_proof",
            "亲，订单已经付款了，截图发你了，钱明天到账，麻烦尽快安排发货，谢谢。",
            "亲，订单已经付款了，平台显示已付款，麻烦尽快安排发货，谢谢。",
        ),
        (
            // A 'refundable' registration fee to join a program, against a free one. ("We
            // noticed you are a top seller" is flattery, not an extortionist's evidence.)
            "fee_scam",
            "Hello, we noticed you are a top seller. We invite you to join our wholesale program. Registration fee only 99 USD, refundable after your first order. Pay via PayPal Friends and Family to ceo.program@gmail.com.",
            "Hello, we noticed you are a top seller. We invite you to join our wholesale program. Registration is free and there is nothing to pay; apply in your Seller Central account.",
        ),
        (
            // Fake platform staff charging a deposit to restore the shop's traffic, against the
            // platform's own free diagnosis.
            "fee_scam",
            "你好，我是阿里巴巴国际站的客户经理，你的店铺评分下降，需要缴纳2000元保证金才能恢复流量，请加我微信办理。",
            "你好，阿里巴巴国际站提醒：你的店铺评分下降，可在后台免费查看诊断报告，平台不收取任何费用。",
        ),
        (
            // Gift cards bought and their codes sent, against a gift card given as a thank-you.
            "fee_scam",
            "I need you to buy 5 Apple gift cards of $200 each for a client. Scratch the back and send me pictures of the codes. I'll reimburse you tonight.",
            "Thank you for the fast delivery! As a small thank-you we added a $20 Amazon gift card to your next order; it arrives with the parcel.",
        ),
        (
            // Crypto sent to be sent back doubled, against a buyer paying in USDT.
            "investment_scam",
            "Crypto giveaway! Send 0.1 to 20 BTC to the address below and we will send back double the amount immediately.",
            "We will pay the balance of order 4471 in USDT to the address on your Trade Assurance page as agreed.",
        ),
        (
            // An invoice to view on an unknown site, pressed for, against a supplier's plain
            // invoice notice with the same link (a supplier's own portal is unknown too).
            "credential_phishing",
            "Invoice INV-88213 is overdue. Please pay today to avoid a late penalty. View invoice: https://docs-invoice-viewer.com/INV-88213",
            "Invoice INV-88213 from Hansen Tools GmbH, due 15 January. View invoice: https://docs-invoice-viewer.com/INV-88213",
        ),
        (
            // The lottery's processing fee, against a prize with nothing to pay.
            "fee_scam",
            "Congratulations! Your email address was selected in the 2026 International Lottery draw and you have won USD 850,000. To claim your prize, send the processing fee of USD 390 to our claims agent.",
            "Congratulations! Your email address was selected in the 2026 International Lottery draw and you have won USD 850,000. To claim your prize, reply with your shipping address; there is no fee to pay.",
        ),
        (
            // Whom the seller buys from, asked outright, against the same question about an
            // order the asker names (an inspection) (H26).
            "competitor_probe",
            "We are a trading company looking at your fan model BF-120. Could you share the cost breakdown (material / labour / margin) and which factory supplies your motors? We like to understand the supply chain of our partners.",
            "We are a trading company. Could you share the cost breakdown (material / labour / margin) and which factory supplies your motors? It is for the inspection of our order 4471.",
        ),
        (
            // A rival's question about the seller's volume, against a buyer's about capacity.
            "competitor_probe",
            "老板好，我们也是做这一行的，想了解一下你们一个月出多少柜？",
            "老板好，我们是做这一行的进口商，想了解一下你们一个月能出多少柜？",
        ),
        (
            // A certificate only the buyer's designated lab may issue, paid by the seller before
            // the contract, against one any accredited body issues (H26).
            "fee_scam",
            "Your sample passed our review. Before we can place the first order, the product needs the import conformity certificate. Our government accepts only certificates from the designated lab below, paid by the manufacturer, USD 450. Pay the lab directly, then I sign the contract and pay deposit.",
            "Your sample passed our review. Before we can place the first order, the product needs the import conformity certificate. You can apply at any accredited body such as SGS or TUV, and we pay the deposit once it is issued.",
        ),
        (
            // An account said to be no longer valid and a new one to pay, against the same news
            // with the new account kept on the platform's order page (H26).
            "bank_detail_change",
            "Kindly note that the account on our previous invoice is no longer valid. Please make the payment of invoice SW-2026-118 to IBAN PL61 1090 1014 0000 0712 1981 2874.",
            "Kindly note that the account on our previous invoice is no longer valid. The new account is shown on the Trade Assurance order page; please pay invoice SW-2026-118 only through the order page.",
        ),
        (
            // A payee abroad for a currency rule, against the same news checked by a known number.
            "bank_detail_change",
            "For this order please make the payment to our agent in Dubai, they collect the payments on our behalf because of the currency control in our country. I attach their account details.",
            "For this order please make the payment to our agent in Dubai, they collect the payments on our behalf because of the currency control in our country. Please confirm by phone with our finance office on the number in our contract.",
        ),
        (
            // A messenger pushed on the seller, against one the seller asked for (H26).
            "off_platform_contact",
            "Hello Mr. Lin, let's move to WhatsApp for the production updates, my number is +966 55 123 4567.",
            "Hello Mr. Lin, yes, WhatsApp is fine for the production updates as you suggested, my number is +966 55 123 4567.",
        ),
        (
            "off_platform_contact",
            "你好 Jessie，加我WhatsApp聊吧，号码是 +971 50 555 0133，验货视频发这里。",
            "你好 Jessie，你昨天问我的 WhatsApp，号码是 +971 50 555 0133，验货视频发这里。",
        ),
        (
            // A password asked for across a sentence, against an IT notice that says it never
            // asks and tells what to do with a mail that does (H26).
            "account_takeover",
            "We are moving all mailboxes to the new server this Saturday. Reply with your password. Forward it to it-help before Friday.",
            "We are moving all mailboxes to the new server this Saturday. We will never ask for your password. If you get such an email, forward it to it-help and delete it.",
        ),
        (
            // A login through the notice's own portal link, against a portal the reader enters with
            // the login it already has (H26).
            "credential_phishing",
            "Your exhibitor badges are ready. To print them, verify your account on the exhibitor portal within 24 hours: https://expo-badge-print.com/login",
            "Your exhibitor badges are ready. To print them, log in to the exhibitor portal within 24 hours using the login you received at registration.",
        ),
        (
            // An invitation letter for strangers, against a known buyer's visit about its orders
            // named by number (H26).
            "invitation_letter",
            "Dear Jessie, our quality manager and I would like to visit your factory. Could you please send an invitation letter for our business visas?",
            "Dear Jessie, our quality manager and I would like to visit your factory for the audit of our orders TA-22871 and TA-23104. Could you please send an invitation letter for our business visas?",
        ),
        (
            // A bank change to act on, against a finance reminder to check such a change on the
            // number already on file (H26).
            "bank_detail_change",
            "Hi all, our supplier's bank account has changed, please update the payment details and pay the new account today.",
            "Hi all, if any supplier writes that their bank account has changed, do NOT update the payment details based on the email. Call the supplier on the number we already have in the ERP.",
        ),
        (
            // A price list asked for by nobody in particular, against a wholesaler that names
            // its company and its market (the commonest first enquiry a seller gets).
            "competitor_probe",
            "Hello, please send me your complete price list for all items.",
            "Can you send me your catalog and price list? I am a wholesaler in Brazil.",
        ),
        (
            "competitor_probe",
            "你好，请把你们所有产品的报价单发给我。",
            "你好，我们是巴西的批发商，想要你们的产品目录和报价单，谢谢。",
        ),
        (
            // A 'verification' fee to the buyer's contact before the contract, against a buyer
            // whose audit before the contract is paid by the buyer.
            "fee_scam",
            "We are ready to place an order of $85,000. Before we sign the contract, your company must obtain an export license verification from our Ministry of Trade agent. The fee is $1,200. Contact Mr. Brown at ministry-trade-verify@gmail.com.",
            "We are ready to place an order of $85,000. Before we sign the contract, please send your business license. Our agent Mr. Brown will audit your factory; the audit fee of $1,200 is paid by us.",
        ),
        (
            // A new account to pay, against a supplier whose new account lives on the platform's
            // order page and who asks to be paid only there.
            "bank_detail_change",
            "Dear customers, please note that we have opened a new receiving account. Please pay the next invoice to our new account: HSBC Hong Kong 808-123456-838.",
            "Dear customers, please note that we have opened a new receiving account for Trade Assurance orders. The change was made in our Alibaba.com account and the new account is shown on every Trade Assurance order page; please pay only through the order page.",
        ),
        (
            "bank_detail_change",
            "您好，我司收款账户已变更，以后货款请打到新账户：中国银行 6217 8888 0000 1234，旧账户已停止使用。",
            "您好，我司收款账户变更已经在信保后台完成，新账户在订单页面可以看到，请只通过订单页面付款。",
        ),
        (
            // An order sent as an archive to open now, against the buyer's everyday "please check
            // the attached PO" (which the wording model, reading words only, must not call a
            // malicious attachment).
            "malicious_attachment",
            "Please kindly check the attached PO-2211.zip and open it today to confirm the delivery date.",
            "Please kindly check the attached PO and confirm the delivery date. Payment will be T/T 30/70 as usual.",
        ),
        (
            // A duty the seller is asked to advance and be paid back for, against a buyer who
            // pays the duty itself and only reports the delay.
            "fee_scam",
            "The tracking shows the parcel is held at customs in Lagos. The courier asks for a duty payment of 35,000 NGN before release. Please pay it now, I will pay it back with the order payment.",
            "The tracking shows the parcel is held at customs in Lagos. The courier asks for a duty payment of 35,000 NGN before release. I will pay it myself, just letting you know about the delay.",
        ),
        (
            // Orders sold for a fee, against a platform's free promotion the seller opts into.
            "fee_scam",
            "I am the manager of a big Amazon store. We will give you free traffic if you pay the 199 USD promotion fee. Guaranteed 100 orders in the first week.",
            "Amazon: your products are eligible for the free Prime Day deals programme. Opt in from the Deals page in Seller Central; there is no fee for this programme.",
        ),
        (
            "fee_scam",
            "你好，我是速卖通的招商经理，现在入驻可以免费获得流量扶持，只需要先交2980元的服务费，保证一个月出单。",
            "你好，速卖通大促报名已开始，商家可在后台免费报名参加，平台不收取任何费用。",
        ),
        (
            // The callback lure: a purchase the reader did not make and a number to call, against
            // a bank alert that sends the reader to the number on the card.
            "credential_phishing",
            "Amazon: Your order #112-3345 for an iPhone 15 Pro ($1,199.00) has been placed. If you did not make this purchase, call Amazon support at +1 855 555 0123.",
            "Chase: a payment of $2,849.00 to Best Buy was declined. If you did not make this purchase, call the number on the back of your card.",
        ),
        (
            // A locked account and a link to unlock it, against the same notice that sends the
            // reader to the account's own settings.
            "credential_phishing",
            "Your Apple ID has been locked for security reasons. Verify your identity to unlock it: https://appleid-unlock-verify.com",
            "Your Apple ID has been locked for security reasons. To unlock it, go to Settings on your iPhone and follow the steps; we never send a link to do this.",
        ),
        (
            // A wallet to verify at a stranger's link, against the exchange's own notice that
            // sends the reader to its settings.
            "credential_phishing",
            "Your Coinbase account has been restricted. To avoid permanent suspension, verify your wallet now: https://coinbase-verify-wallet.com",
            "Your Coinbase account has been restricted while we review a recent sign-in. Open the Coinbase app and complete the steps under Settings > Security.",
        ),
        (
            // The same locked-account notice linking to a stranger's site, and to the service's
            // own page: a popular site's own page is no way to deliver a lure.
            "credential_phishing",
            "Your Microsoft account has been locked because of unusual sign-in activity. Verify your identity at https://account-live-verify.com/acsr to unlock it.",
            "Your Microsoft account has been locked because of unusual sign-in activity. Verify your identity at https://account.live.com/acsr to unlock it.",
        ),
        (
            // A signing request whose link is a stranger's, against the same request from the
            // signing service's own site (where the wording model, too, keeps quiet).
            "credential_phishing",
            "DocuSign: Acme GmbH sent you a document to review and sign: Supply Agreement 2027. Review document: https://docusign-review-secure.net/doc?id=77123",
            "DocuSign: Acme GmbH sent you a document to review and sign: Supply Agreement 2027. Review document: https://app.docusign.com/documents/details/1a2b3c",
        ),
        (
            // Duties the seller is told to pay, against a buyer whose forwarder bills the buyer.
            "fee_scam",
            "Because of the customs inspection your shipment is held. The forwarder says you must pay the duties before release.",
            "Hi, because of the customs inspection our shipment is delayed. The forwarder says we must pay the duties before release. Can you share the commercial invoice again so we can clear it faster?",
        ),
        (
            // A buyer pulling the talk to WeChat, against one bringing it back to the platform.
            "off_platform_contact",
            "Hi, this chat is slow, please add me on WeChat so we can talk about the order there.",
            "Hi, we talked on WeChat last month, but our compliance rule says all order discussions must be kept on Alibaba, so from now on let's use this chat only.",
        ),
        (
            // A platform notice that disowns the fee ("Etsy will never ask you to pay a fee to
            // release a reserve") against the fake staff who asks for it (H27).
            "extortion",
            "This is the Etsy Team. Your shop faces a penalty and a payment reserve unless you pay a fee of $200 within 24 hours.",
            "This is the Etsy Team. We placed a reserve on your payments because sales rose quickly; it's not a penalty. Etsy will never ask you to pay a fee to release a reserve.",
        ),
        (
            // The platform's notice of a collaborator request, with the owner's choice, against
            // someone asking for the access (H27).
            "account_takeover",
            "Hello, please give us collaborator access to your store so we can fix your listings today.",
            "Parker Digital has requested collaborator access to your store. Only approve requests from partners you're working with; you can remove collaborator access at any time.",
        ),
        (
            // A buyer who declines the seller's WhatsApp and keeps the talk on the platform (H27).
            "off_platform_contact",
            "Thanks. Add my WhatsApp +86 138 0013 8000 and we talk there about the quotation.",
            "Thanks for your WhatsApp number +86 138 0013 8000 but I prefer to keep all communication here on Alibaba so my colleagues can see it.",
        ),
        (
            // A colleague who asked the customer to add WhatsApp, in Chinese (H27).
            "off_platform_contact",
            "你好，加我 WhatsApp +971 50 123 4567 直接联系，这里不方便。",
            "小李，那个迪拜客户是我让他加 WhatsApp 的，号码 +971 50 123 4567，有问题你直接联系。",
        ),
        (
            // A supplier's own bank change done inside the platform, paid only through the order
            // page, with no account number sent (H27).
            "bank_detail_change",
            "尊敬的客户：我司收款账户变更，请将货款付款到新账户，户名宁波阀门有限公司，银行账号 6222 0000 1111 2222。",
            "尊敬的客户：我司已在阿里巴巴国际站信保后台完成收款账户变更，您无需做任何操作，请继续通过信保订单页面付款。我们不会通过邮件或聊天发送新的银行账号。",
        ),
        (
            // A visitor with orders already counted ("6 orders with you this year", "as last
            // time") is one the seller knows (H27).
            "invitation_letter",
            "Hi Cathy, Ahmed and I will visit your factory in March. Could you please prepare the invitation letter for our visa?",
            "Hi Cathy, Ahmed and I will visit your factory in March (we did 6 orders with you this year). Could you please prepare the invitation letter for our visa as last time?",
        ),
        (
            // The CEO-fraud wire: kept secret and out of reach of a call, against the same payment
            // asked for in the open (H27).
            "bank_detail_change",
            "Anna, I need you to process a wire today for a new vendor. It needs to stay confidential until it's announced, and I'm in meetings all day and can't take calls. Beneficiary: Halvorsen Consulting Ltd, IBAN GB29 NWBK 6016 1331 9268 19.",
            "Anna, please add Halvorsen Consulting Ltd to the vendor list; their contract is in the shared folder and the first invoice is due next month.",
        ),
        (
            // A sample deposit paid to the buyer's agent and "refunded when we place the order",
            // against a buyer who pays the courier on its own account (H27).
            "fee_scam",
            "hi, we want to test your sample first. our logistics company ask the sender to pay the deposit of $65 for opening the pickup, it will be refund to you when we place order. pls pay to our agent by Western Union.",
            "hi, we want to test your sample first. please send it with DHL on our account number 951234567, we pay the shipping, no cost for you.",
        ),
        (
            // Paid "not through Shopee", with the platform's order to be cancelled after the
            // goods go, against a buyer who paid through the order (H27).
            "fake_payment_proof",
            "hi seller, i already pay you through bank transfer not thru shopee because my card cannot use. here is the receipt RM 1,280. pls ship today ok, i cancel the order in shopee after you send.",
            "hi seller, i already pay for the order, you can see it in the order page. pls ship when you can, thank you.",
        ),
        (
            // "No need to wait until it shows in your account": the check itself talked away (H27).
            "fake_payment_proof",
            "Hi Kevin, we paid 30% deposit USD 9,600 yesterday, see the bank slip in attachment. our bank say the money already left, no need to wait until it show in your account. pls start production today.",
            "Hi Kevin, we paid 30% deposit USD 9,600 yesterday, see the bank slip in attachment. please start production once it shows in your account.",
        ),
        (
            // A payment held in an "escrow" whose page is a stranger's site, against the
            // platform's own notice linking to its order page (probe round 25).
            "fake_payment_proof",
            "Dear seller, the buyer has completed payment for order 55120. Per our secure escrow policy, the money will be released to you after the buyer confirms receipt. Please ship within 24 hours and upload the tracking on the escrow page: https://secure-escrow-payments.com/order/55120",
            "The buyer has completed payment for order 55120. Please ship within 7 days and add the tracking number on the order page: https://biz.alibaba.com/ta/detail.htm?orderId=55120",
        ),
        (
            // Paid by SWIFT, arriving Monday, load the goods now "so we don't miss the vessel",
            // against a buyer who leaves the B/L with the seller until the money is there.
            "fake_payment_proof",
            "Good morning, our finance sent the full payment yesterday by SWIFT, reference FT26341. It will show in your account on Monday. Since the container closes on Saturday, kindly load the goods and send us the B/L copy so we don't miss the vessel.",
            "Good morning, our finance sent the balance yesterday by SWIFT, reference FT26341; it should show in your account on Monday. Please release the B/L once you see it. The vessel closes on Saturday, so please load the goods as planned; the B/L stays with you until the money is there.",
        ),
        (
            // Money to be confirmed "when it arrives in your account" is no account to log into.
            "credential_phishing",
            "Dear supplier, our payment of USD 12,600 left our bank on Friday, MT103 attached. Please confirm your account at the attached link to receive it.",
            "Dear supplier, our payment of USD 12,600 left our bank on Friday, MT103 attached for your reference. Please confirm when it arrives in your account; we will arrange the pick-up after your confirmation.",
        ),
    ];
    for (category, scam, genuine) in pairs {
        assert!(categories_of(&engine, scam).contains(*category), "{category} not named on the scam: {scam:?}");
        assert!(!categories_of(&engine, genuine).contains(*category), "{category} named on the genuine twin: {genuine:?}");
    }
}

/// A voicemail notice from a company's own phone system links to the sender's own domain: that
/// site is known to the message, so the notice is no lure; the same mail from another domain is.
#[test]
fn a_notice_linking_to_the_senders_own_domain_is_not_an_unknown_site() {
    let engine = Engine::from_json("{}").unwrap();
    let mail = |from: &str| {
        format!(
            "From: Phone System <{from}>\r\nTo: sales@example-seller.com\r\nSubject: New voicemail\r\n\r\n\
             You have a new voicemail (0:42) from +1 415 555 0134.\r\nListen to the message: https://pbx.brenner-haustechnik.de/vm/8812\r\n"
        )
    };
    let judge = |from: &str| {
        let input = sellershield::mail::load_message("vm.eml", mail(from).as_bytes()).expect("a mail loads");
        engine.check_message(&input).unwrap().categories.iter().map(|c| c.as_str().to_string()).collect::<BTreeSet<_>>()
    };
    assert!(!judge("voicemail@brenner-haustechnik.de").contains("credential_phishing"));
    assert!(judge("voicemail@vm-notify-center.com").contains("credential_phishing"));
}

/// A carrier's duty notice from its own domain, answered there and linking only to its own site,
/// is the carrier's; the same words with a link elsewhere are a fee scam, and from another
/// domain in the carrier's name a danger (H26).
#[test]
fn a_platforms_own_notice_with_only_its_own_links_is_not_a_fee_scam() {
    let engine = Engine::from_json("{}").unwrap();
    let judge = |from: &str, link: &str| {
        let mail = format!(
            "From: DHL Express <{from}>\r\nTo: purchasing@example-buyer.com\r\nSubject: Duties and taxes to pay for your DHL shipment 4518870021\r\n\r\n\
             Your DHL Express shipment 4518870021 from Ningbo, China has arrived in the destination country. Import duties and taxes \
             of USD 184.30 are due before delivery, as the shipment was sent with duties payable by the receiver.\r\n\r\n\
             You can pay online and choose a delivery date here: {link}\r\n"
        );
        let input = sellershield::mail::load_message("duty.eml", mail.as_bytes()).expect("a mail loads");
        let r = engine.check_message(&input).unwrap();
        (r.verdict, r.categories.iter().map(|c| c.as_str().to_string()).collect::<BTreeSet<_>>())
    };
    let own = "https://www.dhl.com/us-en/home/receiving/pay-duty-and-taxes.html";
    assert_eq!(judge("noreply@dhl.com", own), (Verdict::Safe, BTreeSet::new()));
    assert!(judge("noreply@dhl.com", "https://dhl-customs-release.com/pay").1.contains("fee_scam"));
    assert_eq!(judge("noreply@dhl-duty-payments.com", own).0, Verdict::Danger);
}

/// A form behind a link that asks for what a login page would ("your bank details in this
/// form") reads at least as a caution; a buyer's own vendor registration, done in its procurement
/// system with no link of the writer's, stays quiet.
#[test]
fn a_form_behind_an_unknown_link_asking_for_bank_details_is_not_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let verdict = |text: &str| verdict_of(&engine, text);
    assert_ne!(
        verdict("Hi dear, I want to order 500 pcs. Our finance needs your bank details in this form first to register you as a vendor: https://vendor-registration-form.com/bank"),
        Verdict::Safe
    );
    assert_eq!(
        verdict("Hi, our company registers every new vendor in our supplier portal. Please ask your finance team to fill in the vendor form; we will send the invitation from our SAP Ariba account."),
        Verdict::Safe
    );
}

/// A buyer that points to the platform's own record of its payment ("平台显示已付款") asks the
/// seller to check there, not to trust a screenshot: not even a partial fake-payment reading.
#[test]
fn a_payment_shown_on_the_platforms_record_is_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let input = sellershield::mail::load_message("paid.txt", "亲，订单已经付款了，平台显示已付款，麻烦尽快安排发货，谢谢。".as_bytes()).expect("a text message loads");
    assert_eq!(engine.check_message(&input).unwrap().verdict, Verdict::Safe);
}

/// A forwarder that reports a customs inspection and says the clearance fee is already paid
/// ("清关费用我们这边已经付了") asks nothing of the seller: not even a partial fee reading.
#[test]
fn a_clearance_fee_the_writer_already_paid_is_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let text = "亲，物流显示包裹在海关查验，可能要晚几天到，您不用着急，清关费用我们这边已经付了。";
    let input = sellershield::mail::load_message("duty.txt", text.as_bytes()).expect("a text message loads");
    assert_eq!(engine.check_message(&input).unwrap().verdict, Verdict::Safe);
}

/// Mechanisms from the retired H27 set that have a scam side only in words no genuine twin shares:
/// each scam is named, and a genuine message in the same trade on the same subject is quiet.
#[test]
fn h27_mechanisms_name_the_scam_and_keep_the_trade_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let named = |text: &str| categories_of(&engine, text);
    let verdict = |text: &str| verdict_of(&engine, text);
    // A rival asking whom the seller sells to and how much it ships; a buyer asking capacity.
    assert!(named("hello, what is your factory price for the model KS-220? who are your main customers in Germany and France? how many containers per month you ship to Europe?").contains("competitor_probe"));
    assert!(named("你好，你们这款筋膜枪出厂价多少？电机用的是哪家的？一个月大概出多少货？我们先了解一下，暂时不拿样。").contains("competitor_probe"));
    assert_eq!(verdict("Hello, we need 2 containers of model KS-220 per month to Hamburg. What is your factory price, and how many containers per month can you produce?"), Verdict::Safe);
    // A "distributor" who wants dealer prices and the current distributors, with no order coming.
    assert!(named("We are interested to become your distributor in Italy. Please send your dealer price sheet for all series and the list of your current distributors in Italy and Spain. We don't need samples for now.").contains("competitor_probe"));
    // The DDoS ransom, against a provider's report of an attack it stopped.
    assert!(named("Your store will be under DDoS attack starting tomorrow unless you pay 0.05 BTC. The attack will bring your site down for days.").contains("extortion"));
    assert_eq!(verdict("Cloudflare mitigated a DDoS attack on your site yesterday. No action is needed; your site stayed online."), Verdict::Safe);
    // Domain slamming, against the registrar's own renewal notice.
    assert!(named("Your search engine submission for sunrise-ceramics.com will expire on 07 Dec 2026. 12 months of submission: $86.00. Secure online payment: https://domain-registry-services.net/pay").contains("fee_scam"));
    assert_eq!(verdict("Your domain sunrise-ceramics.com expires on 07 Dec 2026. Renew it for 12 months for $14.99 in your account settings; auto-renew is off."), Verdict::Safe);
    // Fake platform staff collecting a store "deposit" into a person's account, against the
    // platform's notice that the deposit went back.
    assert!(named("您好，我是国际站官方客服。您店铺单笔交易额度未激活，需要您按规定缴纳店铺保证金 5,000 元完成激活，保证金在订单完成后原路退回。请转账至以下账户，户名：刘某某。转账后截图发我。").contains("fee_scam"));
    assert_eq!(verdict("您的店铺保证金 5,000 元已于今日原路退回至您的收款账户，请注意查收。"), Verdict::Safe);
    // The code "sent by mistake", against the service's own code notice.
    assert!(named("Hey! It's Daniel, this is my new number. I sent a code to your phone by accident while setting up WhatsApp, can you forward it to me? it's 6 digits").contains("account_takeover"));
    assert_eq!(verdict("We sent a code to your phone. Enter it on the sign-in page and don't share it with anyone."), Verdict::Safe);
    // A kickback asked back from a "payment" (Chinese), against a buyer who only paid.
    assert!(named("老板，刚才给你们公对公转了 48,600 元货款，附件是转账凭证。其中 3,600 是给我个人的回扣，麻烦你们财务今天用微信转给我。").contains("fake_payment_proof"));
    assert_eq!(verdict("老板，刚才给你们公对公转了 48,600 元货款，附件是转账凭证，到账后请安排生产。"), Verdict::Safe);
}

/// A popular service's own notice from its own domain, linking there, is the service's, whatever
/// the sender typed into it (a signature's website); the same notice from another domain is a
/// lure (H27: a real DocuSign envelope, an Apple receipt).
#[test]
fn a_popular_services_own_notice_from_its_own_domain_is_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let judge = |from: &str, link: &str| {
        let mail = format!(
            "From: Julia Brenner via DocuSign <{from}>\r\nTo: export@example-seller.com\r\nSubject: Please DocuSign: Distribution Agreement 2027\r\n\r\n\
             Julia Brenner sent you a document to review and sign.\r\n\r\nAs discussed on our call, here is the distribution agreement \
             for 2027. Please sign where marked.\r\n\r\nJulia Brenner\r\nBrenner Haustechnik GmbH, https://www.brenner-haustechnik.de\r\n\r\n\
             REVIEW DOCUMENT: {link}\r\n\r\nThis email contains a secure link to DocuSign. Please do not share it.\r\n"
        );
        let input = sellershield::mail::load_message("sign.eml", mail.as_bytes()).expect("a mail loads");
        engine.check_message(&input).unwrap().verdict
    };
    let own = "https://na4.docusign.net/Signing/EmailStart.aspx?a=3f8c2e71";
    assert_eq!(judge("dse_NA4@docusign.net", own), Verdict::Safe);
    assert_eq!(judge("dse_NA4@docusign-envelopes.net", "https://docusign-envelopes.net/Signing/EmailStart.aspx?a=3f8c2e71"), Verdict::Danger);
    assert_eq!(judge("dse_NA4@docusign.net", "https://docusign-review-secure.net/doc?id=77123"), Verdict::Danger);

    let receipt = |from: &str| {
        let mail = format!(
            "From: Apple <{from}>\r\nTo: j.harper@example-seller.com\r\nSubject: Your receipt from Apple.\r\n\r\n\
             Receipt\r\nAPPLE ACCOUNT j.harper@example-seller.com\r\niCloud+ with 200 GB (Monthly) GBP 2.99\r\n\
             If you have any questions about your bill, visit https://support.apple.com/billing\r\n"
        );
        let input = sellershield::mail::load_message("receipt.eml", mail.as_bytes()).expect("a mail loads");
        engine.check_message(&input).unwrap().verdict
    };
    assert_eq!(receipt("no_reply@email.apple.com"), Verdict::Safe);
}

/// A file on a file-sharing service sent by a colleague or a buyer is an everyday link: alone it
/// is context, not a caution; the lure around such a link is still named (H27, probes).
#[test]
fn a_shared_file_link_alone_is_context_and_a_lure_around_it_is_not() {
    let engine = Engine::from_json("{}").unwrap();
    let verdict = |text: &str| verdict_of(&engine, text);
    assert_eq!(verdict("Dropbox: Lena shared \"Artwork_final\" with you. View folder: https://www.dropbox.com/scl/fo/abc123/xyz"), Verdict::Safe);
    assert_eq!(verdict("John Smith shared a file with you: Packing list v2.xlsx\nOpen: https://northwind-my.sharepoint.com/:x:/g/personal/john/EaBc"), Verdict::Safe);
    assert_ne!(
        verdict("Your mailbox password expires today. Keep your current password by logging in here: https://www.dropbox.com/scl/fi/abc/keep-password.html or the mailbox will be disabled."),
        Verdict::Safe
    );
}

/// Advance fees in the shapes a seller meets beside customs (a withdrawal's "tax clearance", storage
/// to release cargo, the buyer's insurer or testing agency, a registration only the buyer's agent
/// can do, a refundable deposit to receive a payment, a prize's fee in USDT): each named, and the
/// genuine message about the same charge quiet (probe round 24).
#[test]
fn advance_fees_of_many_shapes_are_named_and_their_genuine_bills_are_not() {
    let engine = Engine::from_json("{}").unwrap();
    let pairs: &[(&str, &str)] = &[
        // A withdrawal held for a "tax clearance" paid first, against the payout notice.
        ("Dear seller, your withdrawal of $3,480 could not be processed because your account tax status is incomplete. Please pay the tax clearance amount of $174 (5%) to complete the verification, then your withdrawal will be sent immediately.", "Your withdrawal of $3,480.00 to your bank account ending 4471 is on the way and should arrive within 1-3 business days. You can see its status in your Payoneer account."),
        // Repacking and storage charges to release the cargo, against the warehouse that bills the consignee.
        ("Dear Sir, we have received your shipment at our warehouse in Dubai but it does not match the packing requirements. Repacking and storage charges are USD 260. Please pay these charges to our warehouse account so we can release the cargo to the buyer; storage increases USD 40 each day.", "Dear shipper, your cargo for booking SZX-22817 has arrived at our warehouse in Jebel Ali. Storage is free for 7 days, after that USD 5 per cbm per day, billed to the consignee. No action is needed from your side."),
        // Insurance with the buyer's insurer paid by the seller before the deposit, against a buyer who insures itself.
        ("hi dear, we are ready to buy 3 container. but our government ask for a insurance for the goods from the exporter side, the insurance company is in our country, cost is 1.5% = 690 usd. you pay them and send me the receipt, then i pay the 30% deposit same day.", "Hi, for the cargo insurance we use our own insurance company in our country, you don't need to do anything or pay anything. Please ship on the 12th as planned, then I pay the balance when I get the B/L copy."),
        // The buyer's designated testing agency paid by the supplier before the deposit, against the buyer paying it.
        ("您好，我们是采购方指定的检测机构。贵司产品出口需要做一份第三方质检报告，检测费 2,500 元由供应商承担，付款后三个工作日出报告，买方收到报告才会付定金。", "您好，我们会安排买方指定的检测机构（SGS）下周上门验货，检测费由我们承担，验货通过后我们付尾款。"),
        // A registration only the buyer's local agent can do, paid by the seller, against the buyer doing it.
        ("Hi, I'm the buyer's agent in Ghana. The Ghana Standards Authority needs a product registration before import, it costs 560 USD and only local agents can do it. I can do it for you today if you send the money by WorldRemit. Once registered the buyer pays the full invoice.", "Hi Mark, just a heads-up: our government requires product registration before import for cosmetics. Our local agent handles it and we pay the registration ourselves; it usually takes two weeks. Once registered the buyer pays the full invoice from our side as usual."),
        // A refundable "security deposit" to receive a payment, against the payout notice.
        ("Good day, your payment from the buyer (USD 9,870) is waiting at our payment center. Due to new regulations, sellers must first verify their account with a refundable security deposit of USD 150. The deposit is returned together with your payment.", "Your withdrawal of $3,480.00 to your bank account ending 4471 is on the way and should arrive within 1-3 business days. You can see its status in your Payoneer account."),
        // A reward's handling fee in USDT, against a badge with nothing to pay.
        ("Dear seller, you have won the seller reward of USD 1,000 in our anniversary draw. To claim the reward, a handling fee of USD 35 must be paid first by gift card or USDT. Claim within 3 days.", "Dear seller, congratulations! You have won the Q3 Top Rated Seller badge. There is nothing to pay; the badge appears on your store automatically within 48 hours. Thank you for your great service."),
        // An inspection fee the supplier must pay the buyer's company, against a buyer that pays it itself.
        ("Hello my friend, I want to order 5000 pieces but my company policy is that every new supplier must pay an inspection fee of 300 USD to our appointed inspection company before the contract is signed. After inspection passes we sign and pay 50% deposit.", "Hi Lisa, the inspection company we use (SGS Shenzhen) will contact you to book the pre-shipment inspection next week; we pay the inspection fee ourselves. After inspection passes we pay the 70% balance as agreed."),
    ];
    for (scam, genuine) in pairs {
        assert!(categories_of(&engine, scam).contains("fee_scam"), "fee_scam not named: {scam:?}");
        assert_eq!(verdict_of(&engine, genuine), Verdict::Safe, "{genuine:?}");
    }
}

/// Mailbox phishing of services outside the marketplaces, each against the service's own notice
/// on the same subject from its own domain (probe round 26).
#[test]
fn mailbox_phishing_is_named_and_the_services_own_notices_are_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let judge = |mail: &str| {
        let input = sellershield::mail::load_message("notice.eml", mail.as_bytes()).expect("a mail loads");
        engine.check_message(&input).unwrap()
    };
    let pairs: &[(&str, &str, &str)] = &[
        // A wallet "verified" by entering its recovery phrase at a link, against the wallet's reminder never to enter it.
        ("credential_phishing", "From: MetaMask <support@metamask-wallet-sync.io>\nTo: sales@example-seller.com\nSubject: Wallet verification required\n\nYour MetaMask wallet must be verified by December 10 or it will be restricted. Verify now by entering your secret recovery phrase: https://metamask-wallet-sync.io/verify\n", "From: MetaMask <hello@metamask.io>\nTo: sales@example-seller.com\nSubject: Security reminder\n\nNever share your Secret Recovery Phrase with anyone. MetaMask support will never ask for it, and no website should ask you to enter it. Learn more: https://support.metamask.io\n"),
        // An "objection form" at a stranger's site under a deletion threat, against the real notice that sends the reader to the app.
        ("credential_phishing", "From: Instagram <security@instagram-copyright-help.com>\nTo: sales@example-seller.com\nSubject: Copyright violation\n\nYour account has been reported for copyright infringement. If you do not fill in the objection form within 24 hours your account will be deleted: https://instagram-copyright-help.com/form\n", "From: Instagram <security@mail.instagram.com>\nTo: sales@example-seller.com\nSubject: Copyright report on your post\n\nWe removed your post because it may infringe someone else's copyright. If you think we made a mistake, you can appeal in the app under Settings > Account Status. Learn more: https://help.instagram.com/126382350847838\n"),
        // A redelivery fee at a lookalike, against the postal service's own digest that disowns such fees.
        ("fee_scam", "From: USPS <tracking@usps-redelivery-info.com>\nTo: sales@example-seller.com\nSubject: Delivery attempt\n\nYour package could not be delivered due to an incomplete address. Please confirm your address and pay the $0.99 redelivery fee within 12 hours: https://usps-redelivery-info.com/confirm\n", "From: USPS Informed Delivery <USPSInformeddelivery@email.informeddelivery.usps.com>\nTo: sales@example-seller.com\nSubject: Your Daily Digest\n\nYou have 2 packages arriving today. Track your packages at https://informeddelivery.usps.com. USPS will never ask you to pay a redelivery fee by text or email.\n"),
    ];
    for (category, scam, genuine) in pairs {
        let r = judge(scam);
        assert!(r.categories.iter().any(|c| c.as_str() == *category), "{category} not named: {scam:?}");
        assert_eq!(judge(genuine).verdict, Verdict::Safe, "{genuine:?}");
    }
}

/// H28's mistakes (studied when H31's set replaced it as the blind holdout), each as a pair: the
/// scam's mechanism named, the genuine message that shares its words quiet.
#[test]
fn h28_mechanisms_name_the_scam_and_keep_the_genuine_twin_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let verdict = |text: &str| verdict_of(&engine, text);
    let named = |text: &str| categories_of(&engine, text);
    // The old account said not to be used, with an excuse, in chat style.
    assert!(named("hello my friend, pls dont use the old account for payment, it have sanction problem now. use this one: Jin Hui Trade Co, Bank: Bangkok Bank, acc 190-4-77123-8. Send me slip when u pay ok").contains("bank_detail_change"));
    assert_eq!(verdict("hello my friend, please pay the balance to our account on the PI as always, and send me the slip when you pay."), Verdict::Safe);
    // Money "deposited into an escrow" that releases it once documents are uploaded on its page.
    assert!(named("I have deposit the payment for order #AL-55201 (USD 12,380) into Global Trade Safe Escrow. You can see the money is secured for you here: https://globaltradesafe-escrow.com/track?deal=55201. The escrow will release the fund to your bank after you upload the shipping documents on the same page.").contains("fake_payment_proof"));
    // A bank's "one-time beneficiary registration" before the advance, under a "compliance rule".
    assert!(named("For new suppliers, the bank requires a one-time beneficiary registration of 250 USD to activate your receiving account (it's a compliance rule). Once activated, our 70% advance will be sent the same day. Registration link: https://crestline-tradebank.com/beneficiary/register").contains("fee_scam"));
    // An award whose grant waits on a processing fee.
    assert!(named("Your company has been selected as a winner of the Global Business Excellence Award 2026, together with a cash grant of USD 25,000. To receive the trophy and grant, pay the registration and processing fee of USD 980 within 7 days.").contains("fee_scam"));
    // A "distributor" after the customer list and export volumes.
    assert!(named("We are interested to become your exclusive distributor in Poland. Please share your current customers in Europe (company names and contact), your export volume per country last year and the prices you give them.").contains("competitor_probe"));
    // A buyer's RFQ that names an audit report and its agent, paying through Trade Assurance.
    assert_eq!(verdict("Could you please provide CE certificates and a recent factory audit report? If you are shortlisted, payment will be by Trade Assurance. Our agent in Guangzhou will visit."), Verdict::Safe);
    // Amazon asking for invoices from the seller's supplier asks nothing about who supplies it.
    assert_eq!(verdict("To reinstate the listing, submit invoices from your supplier and a plan of action through Account Health in Seller Central."), Verdict::Safe);
    assert!(named("Hello, who is your supplier for this model, and what price do they give you?").contains("competitor_probe"));
    // A popular service's own notice from its own domain.
    assert_eq!(
        verdict("From: Wise <noreply@wise.com>\r\nSubject: You received 4,280.00 EUR\r\n\r\nYou received 4,280.00 EUR from GRUENWERK VERSAND GMBH. See the details in your account: https://wise.com/balances\r\n\r\nWise will never call or message you asking you to move money or share your password or codes.\r\n"),
        Verdict::Safe
    );
    // The remote session the reader asked for in a ticket, against a stranger's.
    assert_eq!(verdict("As requested in ticket #4471, Wang Lei from IT will connect to your PC on Thursday. You will open the company remote support tool yourself from the Start menu. We will never ask for your password; if anyone does, hang up and tell us."), Verdict::Safe);
    assert_eq!(verdict("你提交的工单 #4471 已安排，王磊周四下午2点会远程连接你的电脑。你自己从开始菜单打开公司已装好的远程协助。"), Verdict::Safe);
    assert!(named("Hello, this is Amazon seller support. To fix your account we will connect to your PC with AnyDesk, please send me the 9-digit code.").contains("account_takeover"));
    // A colleague's warning about the lure, and a colleague's shared price-list file.
    assert_eq!(verdict("大家注意：这周有几封冒充客户的付款水单邮件，要求登录链接查看。收到这种邮件别点，转发给IT后删除。"), Verdict::Safe);
    assert!(named("这是付款水单，请登录链接查看：https://pay-slip-view.com/login").contains("credential_phishing"));
    assert_eq!(verdict("赵晶与您共享了文件\n\n2027欧洲价格表.xlsx\n\n打开：https://hengtailighting-my.sharepoint.com/:x:/g/personal/jenny/EbT8k2"), Verdict::Safe);
}

/// Spanish and Portuguese (data/lexicon/es.toml, joined to English's phrase trie): the core
/// mechanisms named in those languages, and genuine messages of the same trades quiet.
#[test]
fn spanish_and_portuguese_lures_are_named_and_their_genuine_trade_is_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let named = |text: &str| categories_of(&engine, text);
    let verdict = |text: &str| verdict_of(&engine, text);
    assert!(named("Su paquete está retenido en aduana. Debe pagar una tasa de aduana de 2,99 € en las próximas 24 horas: https://correos-aduana-pago.com").contains("fee_scam"));
    assert!(named("Olá! Sua venda foi aprovada. Para liberar o valor na sua conta é necessário pagar a taxa de liberação de R$ 89,90. Pague pelo link https://pagamento-liberacao-venda.com/taxa").contains("fee_scam"));
    assert!(named("Hola amigo, ya hice la transferencia de 3.200 dólares, te mandé el comprobante. El banco dice que llega en 48 horas pero necesito que envíes hoy.").contains("fake_payment_proof"));
    assert!(named("Bom dia, já fiz o pagamento total, segue o comprovante. O dinheiro pode levar até 5 dias úteis, mas o comprovante já garante o pagamento. Por favor, embarque a mercadoria hoje.").contains("fake_payment_proof"));
    assert!(named("Buenos días, quiero viajar a China para conocer su fábrica. ¿Me pueden enviar una carta de invitación para tramitar mi visa?").contains("invitation_letter"));
    assert!(named("Banco: su acceso bloqueado por actividad inusual. Inicie sesión en el siguiente enlace para desbloquear su cuenta: https://banco-desbloqueo.com").contains("credential_phishing"));
    // A code asked back is a secret; a parcel's tracking code asked for is not (ato.not_secret).
    assert!(named("Oi, te mandei um código por engano. Me mande o código que chegou no seu celular, por favor.").contains("account_takeover"));
    assert!(!named("Oi, consegue despachar hoje? Me mande o código de rastreio assim que postar, obrigada!").contains("account_takeover"));
    for genuine in ["Hola, somos una distribuidora en Lima. Necesitamos cotización de 2.000 unidades del modelo LED-40, entrega FOB Shenzhen, con certificado CE. ¿Pueden enviar el catálogo y el precio por volumen? Pagaremos por Trade Assurance.", "Mercado Libre: ¡Vendiste! El comprador pagó $ 45.990 por \"Auriculares Bluetooth\". El dinero estará disponible en tu cuenta de Mercado Pago cuando el comprador reciba el producto. Prepara el envío desde la sección Ventas.", "Correos: su envío LX123456789ES está en tránsito y se entregará mañana. No tiene que pagar nada. Correos nunca le pedirá datos de pago por SMS.", "Hola Sr. Li, ya realizamos la transferencia del 30% (USD 4.500) para la orden PI-2291, adjunto el comprobante. Por favor confirme cuando llegue a su cuenta y empiece la producción.", "Bom dia, já fiz o pagamento do depósito de 30%, segue o comprovante. Quando o dinheiro cair na sua conta, por favor inicie a produção. Obrigado!", "Estimado proveedor, vamos a visitar su fábrica en abril junto con nuestro ingeniero para revisar la producción del pedido 2291. ¿Nos puede enviar una carta de invitación para la visa? Ya hemos hecho tres pedidos con ustedes.", "Banco Santander: Hemos detectado un inicio de sesión desde un nuevo dispositivo. Si fue usted, no tiene que hacer nada. Si no lo reconoce, llame al número que figura en el reverso de su tarjeta. Nunca le pediremos su contraseña por correo.", "Olá, o seu código de verificação do Mercado Livre é 482913. Não compartilhe este código com ninguém.", "Hola, por favor envíe la mercancía cuando llegue el pago completo a su cuenta; el comprobante de la transferencia está adjunto. No hay prisa.", "Prezado fornecedor, a nossa alfândega exige o certificado de origem para este produto. Por favor, incluam o certificado com os documentos de embarque. O despachante aduaneiro é nosso e nós pagamos as taxas de importação."] {
        assert_eq!(verdict(genuine), Verdict::Safe, "{genuine:?}");
    }
}

/// H31's mistakes (studied when H32's set replaced it as the blind holdout), each mechanism as
/// a pair written anew: the scam named, the genuine message sharing its words quiet.
#[test]
fn h31_mechanisms_name_the_scam_and_keep_the_genuine_twin_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let verdict = |text: &str| verdict_of(&engine, text);
    let named = |text: &str| categories_of(&engine, text);
    // One negator over a list of alternatives joined by "or": every item is negated.
    assert_eq!(verdict("Reminder: your verification interview is on 9 December. Please have your ID ready. We will never ask you to pay for verification or to reschedule by e-mail or to share your password or two-step code."), Verdict::Safe);
    assert!(named("Reminder: your verification interview is on 9 December. To finish it now, please share your password and two-step code with me here.").contains("account_takeover"));
    // The order hung on a registration, a certificate or a tax clearance the seller pays to
    // someone the buyer names, under a rule of the buyer's country.
    assert!(named("Dear supplier, we accept your offer for one container. All new foreign suppliers must be registered with our Ministry of Trade before the LC can be opened. The registration costs USD 560, you can pay to him directly, the officer in charge is Mr. Kone. After that you are our permanent supplier.").contains("fee_scam"));
    assert!(named("Your price is accepted. Our government requires an import conformity certificate from the only approved lab, the fee is USD 720 paid by supplier. We will open LC immediately after that.").contains("fee_scam"));
    assert!(named("您好，根据项目要求，供应商需先在项目办登记备案，备案费600美元，由项目代理收取，备案后即可签订采购合同。").contains("fee_scam"));
    assert_eq!(verdict("Dear supplier, we accept your offer for one container. Our bank will open the LC next week; the certificate of origin goes with the shipping documents. Inspection is by SGS, paid by us."), Verdict::Safe);
    assert_eq!(verdict("您好，我们已经完成供应商备案，合同下周签订，定金30%按合同约定支付。"), Verdict::Safe);
    // A freight deposit "deducted back from the payment after the order" is a promise, not a fee
    // the payment bore.
    assert!(named("你好，公司规定样品由我们指定的货代取件，需要你们先付运费押金260元给货代，下单后从货款里扣回。").contains("fee_scam"));
    assert_eq!(verdict("您好，样品运费我们到付，大货运费从货款中扣除，发票请按扣除后的金额开。"), Verdict::Safe);
    // An "internal channel" past the platform's review sold by its "staff".
    assert!(named("您好，我是亚马逊招商经理，您的品牌备案我们内部有加急通道，5个工作日下证，加急服务费3,200元。").contains("fee_scam"));
    assert_eq!(verdict("您好，品牌备案审核一般需要5个工作日，请在卖家后台查看进度，亚马逊不收取任何备案费用。"), Verdict::Safe);
    // Invitation letters for a group of people.
    assert!(named("Hello, we are 6 persons from our company and want to visit your factory during the Canton Fair. Please issue invitation letter for all of us, passports attached. We will place trial order after the visit.").contains("invitation_letter"));
    assert_eq!(verdict("Dear Mr. Li, for our visit about order PO-55120 next month, could you issue an invitation letter for me and our engineer? Thank you."), Verdict::Safe);
    // The callback renewal: a charge not made, a North American number and a department to call.
    assert!(named("Thank you for renewing your PC Shield Plus plan. Amount charged: $349.00. Didn't request this renewal? Contact our billing department at 1-877-555-0199 to cancel and get a refund.").contains("credential_phishing"));
    assert_eq!(verdict("Thank you for renewing your PC Shield Plus plan. Amount charged: $349.00. You can manage or cancel the renewal in your account settings."), Verdict::Safe);
    // "I just paid", a screenshot, ship today to a forwarder.
    assert!(named("hi i just paid for the 2 drones, sent u screenshot of the transfer, it shows on your side in 24hrs. please ship today to my forwarder in Accra").contains("fake_payment_proof"));
    // The code asked for by a fake "expert" and by a fake fraud officer who will call.
    assert!(named("Hi, I'm a store expert assigned to optimise your shop. I sent a collaborator request; the platform will text you a code to approve it, please forward the code here.").contains("account_takeover"));
    assert!(named("Bank Fraud Team: a payment of GBP 980 is awaiting approval. Reply NO and our officer will call you. Please have your one-time passcode ready when we call.").contains("account_takeover"));
    // Reviews held hostage for a monthly fee.
    assert!(named("We are a reputation team. Your shop has 4.8 stars. It would be sad to see 30 one-star reviews next week. For $149 per month we make sure that doesn't happen. Reply within 48 hours.").contains("extortion"));
    assert!(named("衣服有色差，你私下给我退80美金到PayPal，我就不给差评。如果不退，我就给一星差评。").contains("extortion"));
    // A refund sent to a "partner account" because the buyer's own is under review.
    assert!(named("Thanks for agreeing to the refund of USD 1,900. Our company account is under review by the bank, so kindly send the refund to our partner account in Georgia. Beneficiary: Kavkaz Trading LLC, IBAN GE29NB0000000101904917.").contains("bank_detail_change"));
    // A platform's notice that payments outside it are not protected warns; it pushes nobody off.
    assert_eq!(verdict("Rule notice: a message in your inbox asked a buyer to pay outside the platform. Payments made outside the platform are not protected. Please reply to the buyer using the order page."), Verdict::Safe);
    // A finance department's warning about fake account-change mails, and an IT ticket in Chinese.
    assert_eq!(verdict("各位同事：近期有客户收到冒充我司的更改收款账户邮件。我司收款账户没有任何变化，如收到改账户通知，一律拨打公司座机核实后再付款。"), Verdict::Safe);
    assert_eq!(verdict("您报修的工单#5120已安排，周三由IT通过公司远程工具连接您的电脑。IT同事不会向您索要密码或验证码。"), Verdict::Safe);
    // Spanish and Portuguese: a customs fee, a new-device lure, a deal moved off the platform.
    assert!(named("Correos: su paquete está retenido en aduana. Debe abonar 1,99 EUR de tasas para programar la entrega: https://correos-tasas-entrega.com").contains("fee_scam"));
    assert!(named("Banco: identificamos um acesso em novo dispositivo na sua conta. Se não foi você, regularize agora em https://banco-acesso-seguro.com para evitar o bloqueio da conta.").contains("credential_phishing"));
    assert!(named("Oi, quero 30 unidades. Podemos fechar pelo WhatsApp? Pago via Pix direto, sem taxa da Shopee.").contains("off_platform_contact"));
}

/// H32's mistakes (studied when H35's set replaced it as the blind holdout), each mechanism as
/// a pair written anew: the scam named, the genuine message sharing its words quiet.
#[test]
fn h32_mechanisms_name_the_scam_and_keep_the_genuine_twin_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let verdict = |text: &str| verdict_of(&engine, text);
    let named = |text: &str| categories_of(&engine, text);
    // The order hung on a fee the seller pays the body or the forwarder the buyer appointed, said
    // in the order "after the certificate ... we will sign" or "before the advance can be processed".
    assert!(named("Our client accepted the quotation. As stated in the tender, the appointed inspection body must certify the goods: please pay the certification fee of USD 380 on their portal, it is paid by the manufacturer. After the certificate is uploaded we will sign the contract and pay the advance.").contains("fee_scam"));
    assert!(named("In line with the procurement law, all foreign contractors are required to register the contract before the 30% advance payment can be processed. The registration fee of USD 1,500 is payable by the contractor; we will forward the bureau's designated account.").contains("fee_scam"));
    assert!(named("Our forwarder collects on Monday. Our company only accepts shipments insured with their own marine cover, so please buy the cargo insurance from them, the premium is USD 290, you can pay their agent. Without the policy the driver cannot load.").contains("fee_scam"));
    assert!(named("我们确认下单。必须有认证，我们只接受我们指定的机构出的证书，认证费800美元由供应商承担，你们先付给他们，证书下来我们马上签合同。").contains("fee_scam"));
    assert_eq!(verdict("Our client accepted the quotation. The pre-shipment inspection will be done by SGS and booked and paid by us; after the report we pay the balance."), Verdict::Safe);
    // A real DDP bill: duty the forwarder advanced, billed to the account on the invoice.
    assert_eq!(verdict("As agreed in our DDP contract, we advanced the import duty (EUR 1,020.40) and import VAT for shipment KF-7781. Customs clearance fee: EUR 65.00. Our invoice is attached; payment terms 30 days to the account on the invoice (unchanged)."), Verdict::Safe);
    // An award whose trophy fee is due: 补单 read inside 候补单位 is no brushing talk.
    assert!(named("恭喜贵司荣获年度优秀卖家称号并获得3万元扶持奖金。获奖单位需缴纳证书制作及邮寄费用1,280元，逾期视为放弃，由候补单位递补。奖金在典礼后发放。").contains("fee_scam"));
    // A platform badge sold by fake staff, paid to a partner account with the receipt mailed back.
    assert!(named("Supplier Growth Team: your store qualifies for the Verified Pro badge. Upgrade price US$299. To upgrade, pay the service fee to our authorized partner account and send the receipt to growth@verified-pro-center.com.").contains("fee_scam"));
    assert_eq!(verdict("Your store qualifies for the Verified Pro badge. You can buy it in Seller Center > Services; the fee is billed with your monthly invoice."), Verdict::Safe);
    // A payment claimed "deposited into escrow" and an MT103 with a telex release asked first.
    assert!(named("I have deposited the full payment (USD 7,400) into an escrow account, check it here: https://safetrade-escrow-hub.com/deal/7741. Please ship and upload the tracking number on the page, the escrow will release the money to you immediately.").contains("fake_payment_proof"));
    assert!(named("MT103已经发你邮箱了，金额USD 38,000。银行说要5个工作日，麻烦先安排电放，我们要清关。").contains("fake_payment_proof"));
    // A code the "system" sends, to be replied with.
    assert!(named("Alibaba.com account security team: we are upgrading Gold Supplier accounts. Our system will send a 6-digit verification code to your phone. Please reply to me with that code so I can finish the upgrade.").contains("account_takeover"));
    // A deal moved off the platform to save its fee, with the e-mail asked for.
    assert!(named("你好，我要30件。把您的邮箱发给我，我直接用PayPal付款给您，不在速卖通下单，您不用交手续费。").contains("off_platform_contact"));
    // Chargebacks as the threat, crypto to stay off "our list".
    assert!(named("Nice payout history. It would be a shame if 50 orders turned into chargebacks next week. 0.03 BTC keeps your store off our list. You have until Sunday.").contains("extortion"));
    // Rivals after the seller's own sources and other brands' prices.
    assert!(named("We are a new distributor in Poland. Please share your complete price list and the names of your raw material supplier and the mould factory you use.").contains("competitor_probe"));
    assert!(named("Price for 1pc? 500pcs? Do you also make this for the Nordlicht brand on Amazon? What price do they pay?").contains("competitor_probe"));
    assert!(named("你们这个款是哪个模具厂开的？能不能把开模厂家的联系方式给我？").contains("competitor_probe"));
    // A refund diverted because "our account is blocked", to an account abroad.
    assert!(named("Regarding the refund, please do not use our Commerzbank account, it is currently blocked for foreign currency because of a bank migration. Please send the USD 6,100 to our Lithuanian account: IBAN LT12 3250 0123 4567 8901.").contains("bank_detail_change"));
    // A fake storage-full notice with a billing link, against the service's own.
    assert!(named("Your Workspace storage is full. Emails sent to your domain are being returned to senders. Restore service by updating your billing details within 24 hours: https://workspace-storage-restore.com/billing").contains("credential_phishing"));
    assert_eq!(verdict("From: Google Workspace <workspace-noreply@google.com>\r\nSubject: Your storage is full\r\n\r\nYour storage is full and new emails are being returned to senders. To restore service, update your payment method in the Admin console: https://admin.google.com/ac/billing\r\n"), Verdict::Safe);
    // A payment service's genuine receipt read in another platform's inbox.
    let input = sellershield::mail::load_message("r.eml", b"From: Payoneer <noreply@payoneer.com>\r\nSubject: You have received a payment\r\n\r\nYou have received a payment of USD 3,100.00 from Amazon Payments. Log in: https://myaccount.payoneer.com/\r\n\r\nPayoneer will never ask you to pay a fee by email to release your funds, or ask for your password or verification code.\r\n").unwrap();
    let input = sellershield::MessageInput { platform: Some("amazon".into()), ..input };
    assert_eq!(engine.check_message(&input).unwrap().verdict, Verdict::Safe);
}

/// H35's mistakes (studied when H36's set replaced it as the blind holdout), each mechanism as
/// a pair written anew: the scam named, the genuine message sharing its words quiet.
#[test]
fn h35_mechanisms_name_the_scam_and_keep_the_genuine_twin_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let verdict = |text: &str| verdict_of(&engine, text);
    let named = |text: &str| categories_of(&engine, text);
    // Genuine platform notices: the owner's own choice on an access request, the buyer's payment
    // held by the platform, a violation notice that disowns any fee, a buyer who keeps the order
    // on the platform, a user name that reads like a host name.
    assert_eq!(verdict("Northwind Studio has requested collaborator access to your store. You can accept or decline this request in your admin under Settings > Users. If you don't know this partner, decline the request."), Verdict::Safe);
    assert_eq!(verdict("A user invitation you created has been accepted: Blue Fern Marketing now has access to Advertising. If you did not invite this user, remove their access."), Verdict::Safe);
    assert_eq!(verdict("您的信保订单买家已完成付款（USD 8,200.00），资金由平台托管。请在订单管理中查看并按时发货，发货后上传物流单号，资金将按规则结算到您绑定的收款账户。"), Verdict::Safe);
    assert_eq!(verdict("您的商品因标题含有无法证实的宣传被下架，本次不扣分。您可在卖家中心修改后重新提交。平台不会以解除违规为由向您收取任何费用。"), Verdict::Safe);
    assert_eq!(verdict("Hi Cindy, the samples arrived. If anything urgent comes up about the artwork you can message me on WhatsApp, but please keep the order itself here on Alibaba so we have the record."), Verdict::Safe);
    assert_eq!(verdict("Hi vintage.finds.store,\n\nWe noticed a sign-in to your account from a new device. If this was you, there's nothing else to do."), Verdict::Safe);
    // Advance fees: a forwarder's refundable deposit, an award's fee, a job's equipment, a
    // platform "upgrade" paid through a messenger officer, a partner-account unfreeze deposit.
    assert!(named("Our forwarder will collect the samples, but they ask a refundable insurance deposit of USD 90 before pickup. After the samples arrive they refund it to you. You can pay to their Alipay, I will send you their invoice.").contains("fee_scam"));
    assert!(named("Your company has been selected as a winner of the Global Supplier Awards. To confirm your participation, kindly pay the registration and logistics fee of USD 990 before 20 December.").contains("fee_scam"));
    assert!(named("We are pleased to offer you the position. Before your first working day you need the company laptop: please send USD 640 for the equipment to our approved vendor, and you will be reimbursed with your first salary.").contains("fee_scam"));
    assert!(named("Merchant Growth Team: your store qualifies for Platinum Partner. Upgrade fee 2,800 CNY / year. Please contact your assigned upgrade officer on WeChat: partner_0912 to complete the payment.").contains("fee_scam"));
    assert!(named("Payments Support: to unfreeze your funds a refundable security deposit of GBP 150 is required. The deposit can be paid by bank transfer to our partner account. Once received, your funds are released.").contains("fee_scam"));
    assert!(named("李总您好，我是亚马逊招商部经理。需要在本周五前缴纳入驻服务费12,800元，缴费后帮您开通，保证三个月内出单。付款后请将凭证发给我。").contains("fee_scam"));
    // Payment claims: an MT103 "that cannot be cancelled" with production asked today; a PIX
    // paid "now" in Portuguese.
    assert!(named("Please find below the MT103 of our deposit. It may take 3-5 working days to show in your account, but the MT103 is the bank's official proof and cannot be cancelled. So please start the production today.").contains("fake_payment_proof"));
    assert!(named("Olá, fiz o pagamento via PIX agora, segue o comprovante. Pode levar até 24h para cair. Pode despachar hoje?").contains("fake_payment_proof"));
    assert_eq!(verdict("We transferred the 30% deposit this morning. Our bank says it should reach you in about two working days. Please start the production as soon as you receive it."), Verdict::Safe);
    // A "finance department" that asks not to be called; a refund of a beneficiary moved to a sister company.
    assert!(named("财务部通知：自即日起所有供应商货款请付至以下新账户，原账户将于本月底注销。请勿电话确认，财务部电话线路正在维护。户名：鑫源贸易 开户行：民生银行").contains("bank_detail_change"));
    assert!(named("Attached is the revised invoice for PO 5531. Please note the beneficiary is now our sister company in Singapore, because our mainland account can only receive RMB this month.").contains("bank_detail_change"));
    // Letters that guarantee the visitors' expenses or call them old customers.
    assert!(named("Our visa was refused because the letter did not say you will take responsibility for us. Could you write a new one saying your company guarantees our expenses? The embassy appointment is Monday.").contains("invitation_letter"));
    assert!(named("我们一行五人想来广州参展，签证需要贵司出具邀请函，请写明我们是贵司的老客户，并由贵司担保在华期间的一切费用。").contains("invitation_letter"));
    // A rival's questionnaire under a study's or a comparison's cover.
    assert!(named("We are a new importer in Poland comparing several manufacturers. To evaluate you properly, please send your full price list, your three biggest customers in Europe and which brands you produce OEM for.").contains("competitor_probe"));
    assert!(named("We want to compare your quote with what we pay now. Please quote the same items your company supplies to AutoPlanet, and what payment terms you give them.").contains("competitor_probe"));
    assert_eq!(verdict("We are comparing several manufacturers for 5,000 pcs of 304 stainless cookware sets, delivery FOB Ningbo. Please send your price, lead time and a sample."), Verdict::Safe);
}

/// H36's mistakes (studied when H37's set replaced it as the blind holdout), each mechanism as
/// a pair written anew: the scam named, the genuine message sharing its words quiet.
#[test]
fn h36_mechanisms_name_the_scam_and_keep_the_genuine_twin_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let verdict = |text: &str| verdict_of(&engine, text);
    let named = |text: &str| categories_of(&engine, text);
    // A carrier's real duty bill, paid on its own billing site; a platform's settlement date.
    assert_eq!(verdict("FedEx Billing: Invoice for duties and taxes. Duties/taxes advanced: USD 96.10. Ancillary clearance fee: USD 9.50. View and pay your invoice in FedEx Billing Online: https://www.fedex.com/fedexbillingonline. Questions? Call FedEx Customer Service."), Verdict::Safe);
    assert_eq!(verdict("【TikTok Shop】您的店铺12月1日至12月15日结算金额 USD 3,120.00，将于12月20日打款至您绑定的收款账户。平台工作人员不会通过私信要求您缴纳保证金。"), Verdict::Safe);
    // Bank changes told plainly, in English, Spanish and Portuguese.
    assert!(named("Hi Anna, our accounts dept moved to a new bank this month so please use the account on the attached updated invoice for the December payment, not the one in your system.").contains("bank_detail_change"));
    assert!(named("Estimado cliente: hemos cambiado nuestra cuenta bancaria. Le rogamos realizar los pagos de las facturas pendientes a la nueva cuenta que figura en el documento adjunto.").contains("bank_detail_change"));
    assert_eq!(verdict("Hi Anna, a reminder that the December invoice is due on the 20th. Our bank details are unchanged, as on every invoice."), Verdict::Safe);
    // Spanish and Portuguese: a release fee before the money is credited, a PIX "scheduled",
    // an extortion over a "copy", a code asked in chat, a managed store with guaranteed profit.
    assert!(named("El pago de su cliente por USD 12.400 fue recibido, pero debe abonar la tasa de liberación de fondos de USD 160 antes de que podamos acreditarlo en su cuenta. Realice el pago en https://banco-liberacion-pagos.com").iter().any(|c| c == "fee_scam" || c == "fake_payment_proof"));
    assert!(named("Segue o comprovante do Pix de R$ 6.200,00. Aparece como agendado, mas já está garantido. Pode liberar o envio hoje?").contains("fake_payment_proof"));
    assert!(named("Tengo pruebas de que su producto es una copia. Puedo denunciar su tienda hoy mismo y se la cierran. O me transfiere 120 dólares y me olvido del tema.").contains("extortion"));
    assert!(named("Olá, aqui é do suporte da Shopee. Para liberar seus repasses precisamos confirmar sua identidade. Você vai receber um código por SMS, me envie o código aqui no chat.").contains("account_takeover"));
    assert!(named("Montamos lojas totalmente gerenciadas na Shopee, sem estoque, com lucro garantido de 12% ao mês. É só depositar em USDT o capital inicial.").contains("investment_scam"));
    // A vendor registration the PO waits on, handled by the buyer's "procurement partner".
    assert!(named("Price is fine. Our company policy is that new suppliers are registered by our procurement partner; it costs USD 230 per year. Register here: https://vendor-onboard-hub.com. When registration is complete I send the PO and 30% advance.").contains("fee_scam"));
    // A B/L release asked today on an "irrevocable" MT103.
    assert!(named("Please see attached the SWIFT copy, MT103 fully funded and irrevocable. Please give the B/L release instruction to the shipping line today.").contains("fake_payment_proof"));
}

/// H37's mistakes (studied when H38's set replaced it as the blind holdout), each mechanism as
/// a pair written anew: the scam named, the genuine message sharing its words quiet.
#[test]
fn h37_mechanisms_name_the_scam_and_keep_the_genuine_twin_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let verdict = |text: &str| verdict_of(&engine, text);
    let named = |text: &str| categories_of(&engine, text);
    let platform = Engine::from_json(r#"{"platforms":["shopify"]}"#).unwrap();
    // A forwarder's duty bill on the customer's running account, in English and Chinese; the
    // same duty asked before the goods are released is the fee scam.
    assert_eq!(verdict("Your shipment cleared customs today. Duty: £96.12, import VAT: £731.40, entry fee: £35.00. We've put them on your usual monthly statement, no separate payment needed. Delivery is booked for Wednesday."), Verdict::Safe);
    assert_eq!(verdict("贵司的货物已到港，本票按DDP条款操作，目的港关税由我司先行垫付，合计EUR 2,316.40，与海运费一并在月结账单中结算。"), Verdict::Safe);
    assert!(named("Your parcel is held at customs. Pay the clearance fee of £96.12 today to release it: https://parcel-release-fees.com/pay").contains("fee_scam"));
    // A platform warning that disowns a fee; a forwarder's word about the supplier it booked.
    assert_eq!(verdict("【Temu 卖家中心】您有 3 个新的备货单待确认，请在 48 小时内登录卖家中心处理。温馨提示：平台工作人员不会私下添加您的微信或要求您缴纳任何“加急审核费”。"), Verdict::Safe);
    assert_eq!(verdict("Booking confirmed: 1x40HQ Ningbo - Gdansk, ETD 18 Dec. Your supplier has been informed of the loading date. The peak season surcharge is already in the quote you approved."), Verdict::Safe);
    // The store named in a platform's bill is the reader's own; the same host asked to log in
    // on is someone's page.
    assert_eq!(verdict_of(&platform, "Your Shopify bill is ready\nStore: oak-and-ember.myshopify.com\nAmount: $105.00\nView the bill in your admin: https://admin.shopify.com/store/oak-and-ember/settings/billing"), Verdict::Safe);
    // The buyer who gets chargebacks and reviews off the seller, in English, Spanish and
    // Portuguese; the protection racket that names other stores' harm and its price.
    assert!(named("Item arrived, the box was fine. But I can open a chargeback and win. OR you send me $60 by PayPal friends and family and I leave 5 stars.").contains("extortion"));
    assert!(named("Hola, el producto llegó bien, pero si me devuelve 30 euros por Bizum dejo 5 estrellas. Si no, abriré una disputa diciendo que llegó roto.").contains("extortion"));
    assert!(named("Oi, o produto chegou bem. Se você me mandar R$ 100 no Pix deixo avaliações positivas; se não, sua loja recebe uma chuva de notas 1.").contains("extortion"));
    assert!(named("Many stores in your category get a wave of chargebacks before Christmas. Our partners pay a small monthly fee and never see that happen. Reply if interested.").contains("extortion"));
    assert!(named("同行很多店被集中刷一星、投诉下架。我们的会员店铺每月 1500 元，就不会遇到这种事。").contains("extortion"));
    assert_eq!(verdict("Chargebacks hurt small stores. Our dispute tool drafts your response to each chargeback from the order data; plans start at $19 a month. Try it free for 14 days."), Verdict::Safe);
    // The order hung on the buyer's government and its approved agent's fee, paid first.
    assert!(named("I will buy 2000 pcs but my government require the CE certificate registered here. Our approved agent does the registration, fee is $650. Once you pay and registration is done I will send the 50% deposit.").contains("fee_scam"));
    // Tender, booth and "verified seller" fees, in English and Spanish.
    assert!(named("Your company has been shortlisted for the 2027 tender. Each shortlisted vendor must pay the non-refundable tender document fee of USD 480. Register: https://tender-vendor-portal.com/register").contains("fee_scam"));
    assert!(named("Su cuenta ha sido seleccionada. Para activar la insignia debe abonar una cuota de verificación de 89 USD, reembolsable a los 60 días: https://insignia-vendedor.com").contains("fee_scam"));
    assert!(named("Seu saque foi retido. Para liberar o valor é necessário pagar a taxa de regularização de R$ 612, que será devolvida junto com o saque. Pague via Pix.").contains("fee_scam"));
    // A platform upgrade sold from a free webmail address; the platform's own fee notice.
    assert!(named("Amazon Seller Growth Team: your account qualifies for the Brand Partner upgrade, 0% referral fee for 12 months. The upgrade costs $299 and must be paid before 10 Dec. Contact amazon.partner.upgrade@outlook.com").contains("fee_scam"));
    // An invitation letter that makes the seller sponsor the stay or hand over its licence.
    assert!(named("Before ordering we want to visit your factory. Please send us an official invitation letter and state that you will sponsor our stay, so we can apply for the visa.").contains("invitation_letter"));
    assert!(named("麻烦给我和我的同事各出一份邀请函，并附上贵司营业执照复印件和法人身份证复印件，大使馆要这些材料。").contains("invitation_letter"));
    assert_eq!(verdict("Thank you for the invitation letter for our visit on 12 March. We have our visas already and will pay our own hotel."), Verdict::Safe);
    // Rivals' questionnaires: a comparison's cover, one piece of every model, no order yet.
    assert!(named("To compare suppliers please give price for MOQ and 1 piece, your material recipe, who does your printing and the names of 3 customers in the USA.").contains("competitor_probe"));
    assert!(named("We are a distributor in Poland. Please send your complete price list for all models, who supplies your cells, your biggest customers, and your lowest price for 1 pcs each model. Quantity not yet decided, we do not need samples.").contains("competitor_probe"));
    // A callback number printed with masked digits is still a number to call.
    assert!(named("Your account has been charged $399.99 for the renewal. If you did not authorise this renewal, call our billing desk within 24 hours: +1 (808) xxx-2291").contains("credential_phishing"));
}

/// H38's mechanisms (the twelfth blind holdout, studied after its first measure): each scam shape
/// it showed, written anew here, named; and its genuine twin, quiet.
#[test]
fn h38_mechanisms_name_the_scam_and_keep_the_genuine_twin_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let verdict = |text: &str| verdict_of(&engine, text);
    let named = |text: &str| categories_of(&engine, text);
    // The 419 letters: a prize, an inheritance shared with a stranger, a fee before either.
    assert!(named("Dear winner, your shop's email has won USD 500,000 in the Global Seller Lottery. To receive your winning fund, pay the clearance fee of $280 to our claims agent.").contains("fee_scam"));
    assert!(named("I am counsel to a late client who left USD 3.2 million and no family. I propose you stand as beneficiary and we share 50/50. You need to pay the documentation fee of USD 900 to begin.").contains("fee_scam"));
    // The Asian domain letter: another company "applied" for the seller's brand, first right sold.
    assert!(named("We are a registrar in Hong Kong. Another company applied to register \"brightleaf\" as their internet keyword and .cn and .asia domains. The fee to register them first is USD 980 for 5 years; otherwise we approve their application.").contains("fee_scam"));
    assert!(named("我中心收到某公司的申请，要以贵司品牌注册网络关键词及中文域名。为避免品牌被抢注，贵司可优先注册，年费2,800元。").contains("fee_scam"));
    assert_eq!(verdict("Your domain brightleaf.com renews automatically on 3 March for USD 14.99. You can turn off auto-renew in your account settings."), Verdict::Safe);
    // The buyer's bank rule and its agent; the tester's starter pack; the withdrawal deposit; the
    // insider who pushes an appeal.
    assert!(named("We buy only from suppliers registered with the Ghana Importers Register; it is a requirement from our bank for the LC. Registration costs USD 390 and you can register via our agent Mr. Owusu. Once you send the certificate we will open LC.").contains("fee_scam"));
    assert!(named("Join our product tester team: keep the items and earn $30 per review. You need to buy our starter pack ($75) first, it is refunded after your second review.").contains("fee_scam"));
    assert!(named("Your shop is not yet activated for withdrawal. A security deposit of $199 is required (refundable after 60 days). Pay it today to keep your balance.").contains("fee_scam"));
    assert!(named("Suspended? Ex-Amazon staff here. We have an internal contact who can push your appeal, guaranteed reinstatement in 48 hours. Fee $900 upfront, pay by USDT.").contains("fee_scam"));
    assert_eq!(verdict("Thanks for joining our review programme. The products are free and there is nothing to buy; we ship the first item on Monday."), Verdict::Safe);
    // A rival's questionnaire behind "an internal comparison".
    assert!(named("Quote 1, 50, 500 and 5,000 pcs of every model, and tell me who your foam supplier is. No samples needed, just need the info for an internal comparison.").contains("competitor_probe"));
    // A buyer who says it will lie about delivery; the honest complaint about a parcel that never came.
    assert!(named("Parcel came fine but I will say not received and open a dispute. Send me 25 dollars on PayPal and I leave 5 stars.").contains("extortion"));
    assert_eq!(verdict("Hello, I have not received the item, the tracking has not moved for a week. Could you check with the carrier please?"), Verdict::Safe);
    // "If payment is not received" is the extortionist's own money, not an order's problem.
    assert!(named("Your listings infringe the registered trademark NORDLAND. The rights owner will withdraw the complaint if a settlement of USD 2,000 is paid within 5 days. If payment is not received, your selling account will be deactivated.").contains("extortion"));
    // Paid, proof, and the goods to the buyer's own courier.
    assert!(named("Already transferred USD 1,900 to your account, here is the screenshot. Please send the goods to my courier, he will collect on Monday.").contains("fake_payment_proof"));
    assert!(named("我们已经通过电汇支付了货款USD 9,800，这是电汇凭证截图，请今天安排发货。").contains("fake_payment_proof"));
    // The login and the second factor asked for "during the appeal".
    assert!(named("During the appeal our support agent will ask you to confirm your login and the 2-factor code sent to your phone.").contains("account_takeover"));
    // A callback number with more of its digits masked.
    assert!(named("Your subscription was renewed for $499.99. If you did not authorise this renewal, call our billing department at +1 (415) xxx-xx82.").contains("credential_phishing"));
    // Orders hung on a fee to the buyer's inspection body or notary, and the loan's "unfreeze" fee.
    assert!(named("下单前需要验厂，我们合作的验厂机构收费4,000元由供应商承担，请先付费预约，通过后我们签合同付定金。").contains("fee_scam"));
    assert!(named("根据我国规定，合同需在指定律师处公证，公证费9,000元由供应商承担，公证完成后我们立即支付30%预付款。").contains("fee_scam"));
    assert!(named("您申请的贷款已审批通过，因银行卡号有误资金被冻结，需缴纳解冻金8,000元，解冻后与贷款一起到账。").contains("fee_scam"));
    assert!(named("我们是官方授权入驻服务商，包下店，只需缴纳开店服务费2,980元，名额有限。").contains("fee_scam"));
    // The safe account, in Chinese and English; the warnings that name it.
    assert!(named("这里是市公安局经侦支队，贵司对公账户涉嫌洗钱，请今天将资金转入安全账户进行核查，核查后原路返还。").contains("extortion"));
    assert!(named("This is the financial crimes unit of the police. Your company account is linked to a money laundering case; transfer your balance to a safe account today, it will be returned after the check.").contains("extortion"));
    assert_eq!(verdict("提醒：公安机关不存在所谓的安全账户，任何要求您转账到安全账户的都是诈骗。"), Verdict::Safe);
    assert_eq!(verdict("Your money's on its way: 4,820.00 USD. Wise will never call you to ask you to move money to a \"safe account\"."), Verdict::Safe);
    // A bank change the buyer checked by calling the number it already had, and a supplier's
    // notice that sends its customers to the contract's landline; the boss's rule for finance.
    assert_eq!(verdict("We received your letter about the new bank account. I called your office on the number in our supplier file and your finance manager confirmed the change. The balance goes to the new account on Friday."), Verdict::Safe);
    assert_eq!(verdict("收到贵司变更收款账户的函件，我们已按合同上的座机号码致电贵司财务逐位核对，周五把尾款付到新账户。"), Verdict::Safe);
    assert_eq!(verdict("我司启用新账户收款。请勿仅凭邮件修改付款信息，首次付款前请拨打合同上的公司座机核实。旧账户仍可正常收款。"), Verdict::Safe);
    assert_eq!(verdict("下周的货款按合同上的账户付。他们要是说换账户，先打电话给他们经理确认。"), Verdict::Safe);
    // A factory's deposit asked of its buyer before production is the trade, not an advance fee.
    assert_eq!(verdict("A deposit of $3,000 is required to start production, and the balance before shipment. Our bank details are on the proforma invoice."), Verdict::Safe);
}

/// Spanish and Portuguese by mechanism (H46, from H38's misses: a tax refund with a bank login, an
/// expired bank token, a COFEPRIS-style registration paid to the buyer's agent, a supplier's new
/// account abroad "better by mail than by phone", review extortion by Bizum, a Correios duty, an
/// affiliate "taxa de ativação" by Pix, a Pix receipt with a courier sent for the goods, a WhatsApp
/// code asked back, a "nota fiscal" archive): each scam written anew in other words, and a genuine
/// message that shares its words quiet.
#[test]
fn spanish_and_portuguese_mechanisms_name_the_scam_and_keep_the_genuine_twin_quiet() {
    let engine = Engine::from_json("{}").unwrap();
    let verdict = |text: &str| verdict_of(&engine, text);
    let named = |text: &str| categories_of(&engine, text);
    // The code asked back; the service's own code message, a bank's "we never ask", a tracking code.
    assert!(named("Hola, soy del soporte de WhatsApp. Por seguridad le llegó un código de 6 dígitos por SMS; por favor, dígame el código para terminar la verificación de su cuenta.").contains("account_takeover"));
    assert!(named("Oi! Te mandei um código por engano no seu celular, me passa o código que chegou aí? É urgente.").contains("account_takeover"));
    assert_eq!(verdict("Seu código de verificação do WhatsApp: 381-204. Não compartilhe este código com ninguém. O WhatsApp nunca pede o seu código."), Verdict::Safe);
    assert_eq!(verdict("Banco Itaú: nunca pedimos seu código, senha ou token por telefone, SMS ou WhatsApp. Em caso de dúvida, ligue para o número no verso do seu cartão."), Verdict::Safe);
    assert_eq!(verdict("Hola, ¿me pasas el código de seguimiento del pedido 4471? Gracias."), Verdict::Safe);
    assert_eq!(verdict("Oi, tudo certo com o pedido? Me manda o código de rastreio assim que postar, obrigada!"), Verdict::Safe);
    // A new account, the old one ruled out, the phone avoided; the supplier who says to check by phone.
    assert!(named("Estimado cliente, le informamos que hemos cambiado de banco. A partir de ahora realice los pagos a nuestra nueva cuenta: IBAN ES12 xxxx xxxx 8841. No use la cuenta antigua. Estoy en reuniones todo el día, mejor por correo que por teléfono.").contains("bank_detail_change"));
    assert!(named("Prezado, por mudança de política do nosso banco, os pagamentos devem ser feitos para a nossa nova conta no exterior. Agência e conta: 0001 / 99812-3. Não use a conta antiga.").contains("bank_detail_change"));
    assert_eq!(verdict("Hola Marta, te adjunto la factura 2291. Los pagos, como siempre, a la cuenta que ya tienes. Si alguna vez recibes un correo con datos bancarios nuevos, confirma por teléfono con nosotros antes de pagar."), Verdict::Safe);
    assert_eq!(verdict("Oi Lily, abrimos uma nova conta na sua loja para as compras da filial de Curitiba. Pode enviar a cotação de 500 peças?"), Verdict::Safe);
    // A tax refund or an expired token with a link; the agency's and the bank's own notices.
    assert!(named("Receita Federal: identificamos uma restituição pendente em seu CPF. Para receber, acesse e confirme seus dados bancários em https://restituicao-receita.online/cpf até hoje.").contains("credential_phishing"));
    assert!(named("Santander: su token de seguridad ha caducado. Actualice su token ahora en https://santander-token-activacion.com para evitar el bloqueo de su cuenta.").contains("credential_phishing"));
    assert_eq!(verdict("Agencia Tributaria: le informamos que su declaración ha sido presentada correctamente. Puede consultar el estado de su devolución en la sede electrónica tecleando la dirección en su navegador."), Verdict::Safe);
    assert_eq!(verdict("Seu novo token de segurança foi ativado com sucesso no aplicativo do banco. Se não foi você, ligue para a central de atendimento pelo número no verso do seu cartão."), Verdict::Safe);
    assert!(named("Bradesco: identificamos um acesso suspeito na sua conta. Confirme seus dados em https://bradesco-seguranca-conta.com em até 12 horas.").contains("credential_phishing"));
    assert_eq!(verdict("Bradesco: identificamos um acesso suspeito na sua conta pelo app. Se não foi você, ligue para o número no verso do seu cartão."), Verdict::Safe);
    // Reviews held over the seller for money; the buyer with a real defect who complains.
    assert!(named("Oi, recebi o produto mas se você não me mandar R$ 80 no Pix hoje, vou deixar avaliação de 1 estrela e abrir reclamação no Reclame Aqui.").contains("extortion"));
    assert!(named("Mira, el producto está bien, pero si no me devuelves 25 euros por Bizum dejaré una valoración negativa y abriré una reclamación.").contains("extortion"));
    assert_eq!(verdict("Hola, el cargador llegó roto y no funciona. Si no me lo cambiáis abriré una reclamación en Amazon. Adjunto fotos."), Verdict::Safe);
    assert_eq!(verdict("Oi, o produto chegou com defeito, a tampa está quebrada. Vou abrir uma reclamação na Shopee para pedir a troca, tudo bem?"), Verdict::Safe);
    // A Pix or Bizum "sent", the buyer's courier on its way for the goods; a receipt, a patient buyer.
    assert!(named("Hola, ya te hice el Bizum de 320 euros, te mando la captura. A veces tarda en aparecer. Mi mensajero pasa a recoger el pedido en una hora.").contains("fake_payment_proof"));
    assert!(named("Já fiz o Pix, segue o comprovante. Pode liberar o pedido agora? O motoboy já está indo buscar.").contains("fake_payment_proof"));
    assert_eq!(verdict("Pix recebido! Comprovante de pagamento: R$ 250,00 de Ana Souza para Loja Bela, 07/12 14:32. ID E0000000020261207."), Verdict::Safe);
    assert_eq!(verdict("Oi, fiz o Pix do pedido agora, segue o comprovante. Pode enviar quando cair na sua conta, sem pressa."), Verdict::Safe);
    assert_eq!(verdict("Hola, mi mensajero pasará a recoger el pedido el lunes, cuando confirmes el pago. Gracias."), Verdict::Safe);
    // A duty to release a parcel, a programme's fee by Pix, a registration paid to the buyer's
    // agent before the deposit; Correios' own duty notice, an importer who pays its own registration.
    assert!(named("Correos: su envío ES4xxxx22 tiene pendiente el pago de impuestos de importación (3,45 EUR). Pague hasta hoy en https://correos-es-aduana.com o será devuelto al remitente.").contains("fee_scam"));
    assert!(named("Parabéns! Sua loja foi aprovada no Programa de Parceiros da Shopee. Para liberar os benefícios pague a taxa de adesão de R$ 149 via Pix. Chave Pix: parceiros.shopee@gmail.com. Depois envie o comprovante.").contains("fee_scam"));
    assert!(named("Buenos días, queremos comprar 3.000 unidades, pero su producto debe estar registrado ante la autoridad sanitaria de nuestro país. Solo nuestro gestor autorizado puede hacer el trámite, el costo es de 600 USD y debe pagarlo el proveedor. En cuanto tengamos el registro enviamos el anticipo.").contains("fee_scam"));
    assert_eq!(verdict("Correios: sua encomenda foi tributada. O pagamento dos impostos (R$ 64,30) deve ser feito pelo aplicativo dos Correios ou em Minhas Importações. Os Correios não enviam links de pagamento por SMS."), Verdict::Safe);
    assert_eq!(verdict("Hola, somos importadores en Monterrey. Para importar necesitamos el registro sanitario del producto; nuestro despachante lo tramita y el costo corre por nuestra cuenta. ¿Nos pueden enviar la ficha técnica?"), Verdict::Safe);
    // An invoice as an archive to open on a computer; photos zipped by a buyer.
    assert!(named("Estimado cliente, adjunto la factura electrónica de su compra. Para verla, descargue el archivo Factura_2291.zip y ábralo en su ordenador.").contains("malicious_attachment"));
    assert_eq!(verdict("Hola, te adjunto las fotos del producto en un zip (fotos_lote_22.zip) para que veas el embalaje."), Verdict::Safe);
    // A managed store with guaranteed returns; a real shop's order.
    assert!(named("Gana dinero con tu tienda online sin inventario, nosotros gestionamos todo. Rentabilidad garantizada del 30% mensual con una inversión inicial en USDT.").contains("investment_scam"));
    assert_eq!(verdict("Olá, somos uma loja online em São Paulo. Compramos estoque todo mês e queremos cotação para 2.000 peças."), Verdict::Safe);
    // Off the platform to dodge its fee; a number given as asked, the talk kept here.
    assert!(named("Hola amigo, aquí la plataforma cobra mucha comisión. Escríbeme por WhatsApp al +52 55 xxxx 1182 y cerramos el trato por fuera.").contains("off_platform_contact"));
    assert_eq!(verdict("Como me pediste, te paso mi WhatsApp: +34 600 xxx 221. Pero prefiero que sigamos por este chat para el pedido."), Verdict::Safe);
    assert!(named("Seu saque está liberado. Para receber, fale com nosso atendente no WhatsApp (11) 9xxxx-3370.").contains("off_platform_contact"));
    assert_eq!(verdict("Nosso atendimento é somente pela plataforma; não temos atendente no WhatsApp."), Verdict::Safe);
    // Letters for a group; thanks for a letter already sent. Prices of everything with no order; an RFQ.
    assert!(named("Buenos días, somos 5 personas de nuestra empresa y queremos visitar su fábrica. Por favor envíenos una carta de invitación para la visa para todos, le mando los pasaportes.").contains("invitation_letter"));
    assert_eq!(verdict("Gracias por la carta de invitación; ya tenemos el visado y pagamos nuestro hotel. Nos vemos el 12 de marzo."), Verdict::Safe);
    assert!(named("Hola, ¿me puede enviar la lista completa de precios de todos sus productos? Todavía no tenemos pedido, es solo para comparar.").contains("competitor_probe"));
    assert_eq!(verdict("Hola, necesitamos cotización de 500 unidades del modelo LX-20, color negro, con logotipo, entrega FOB Ningbo."), Verdict::Safe);
}

/// H47's fresh genuine probe: each false alarm it showed, fixed by its mechanism, with the scam
/// that shares its words still named.
#[test]
fn h47_genuine_probe_mechanisms_keep_the_genuine_quiet_and_the_scam_named() {
    let engine = Engine::from_json("{}").unwrap();
    let verdict = |text: &str| verdict_of(&engine, text);
    let named = |text: &str| categories_of(&engine, text);
    // A request for the password imagined as coming from someone else, to be reported; the
    // thief who asks for the code to be forwarded to him.
    assert!(named("Hi, it's Raj from IT. You will get an email with a verification code from Microsoft in a minute, please forward it to me so I can finish the mailbox migration.").contains("account_takeover"));
    assert_eq!(verdict("Nobody from IT will ask for your current password. If you get an email asking you to confirm your password, forward it to me."), Verdict::Safe);
    // The reader sent to find the official page itself; a sign-in through the writer's link.
    assert!(named("Your VAT return is overdue. Sign in to your business tax account now through this link to avoid a penalty: https://hmrc-vat-return-portal.com/login").contains("credential_phishing"));
    assert_eq!(verdict("Your VAT Return is due by 7 December. Sign in to your business tax account to submit it. Search 'HMRC sign in' on GOV.UK to find the official page."), Verdict::Safe);
    // The writer's own price list handed over; a stranger's ask for all the seller's prices.
    assert!(named("Hi, can you send me your latest price list for all your products? Just comparing for now.").contains("competitor_probe"));
    assert_eq!(verdict("Hi Mei, I've put the new price list for the Q1 catalogue in a Google Sheet, can you check the pet range before Friday?"), Verdict::Safe);
    // The money said to sit with the platform; a buyer's own claim of payment pushing for shipment.
    assert!(named("我已经付款了，你那边还没到账是因为银行周末不处理，请今天先发货，上传物流单号后银行就会放款。").contains("fake_payment_proof"));
    assert_eq!(verdict("【信保订单】买家已付款。订单号：180933401，金额 USD 7,560.00（定金）。款项已到达阿里巴巴，请按合同约定安排生产，发货后请及时上传物流单号。"), Verdict::Safe);
    // A bank change to be checked on the number in the contract; one that avoids any check.
    assert!(named("Estimada Lucía: hemos cambiado nuestra cuenta bancaria. Por favor pague la factura a la nueva cuenta: IBAN ES12 xxxx xxxx 8841. La cuenta anterior ya no está operativa.").contains("bank_detail_change"));
    assert_eq!(verdict("Estimada Lucía: a partir del 1 de enero haremos un cambio de cuenta. No pague a la nueva cuenta solo por este correo; confírmelo llamando al número que figura en nuestro contrato. Hasta entonces siga pagando a la cuenta habitual."), Verdict::Safe);
    // Storage billed on the usual invoice at its terms; storage and customs to be paid now to release.
    assert!(named("Su envío está retenido en aduanas. Debe pagar 85 € de almacenaje y despacho hoy mismo para liberar la mercancía, o será devuelta.").contains("fee_scam"));
    assert_eq!(verdict("Tu envío está en el almacén del puerto pendiente del certificado de origen para aduanas. El almacenaje es de 4 € por palé y día; te lo facturaremos con la factura de despacho habitual, a 30 días. Envíanos el certificado cuanto antes."), Verdict::Safe);
}
