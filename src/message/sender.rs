//! Who sent the message and what came with it: the sender's address against the brand it
//! claims, a `Reply-To` that leads elsewhere, free-mail senders, and attachments by name.
//!
//! Platforms write from their own domains; a "PayPal Security" display name on a Gmail address
//! or an `alibaba-service@outlook.com` is an impersonation whatever the body says. A reply
//! address on another domain is how a spoofed `From` still gets the answer. Attachments are
//! judged by name and type only — the engine never opens them — because the scams that matter
//! are the ones whose file runs (`.exe`, `.iso`, macros) or renders a login page (`.html`,
//! `.svg`), often behind a second extension (`invoice.pdf.html`).

use super::MessageInput;
use super::lexicon::Lexicon;
use super::normalize::Normalized;
use super::scan::{Hit, Hits};
use crate::domain::HostInfo;
use crate::engine::Engine;
use crate::reason::{Code, Findings, Reason, Severity};
use crate::registry::Ownership;

/// Most attachments judged per message.
pub const MAX_ATTACHMENTS: usize = 32;

/// What the sender checks learned, for the rest of the classifier.
#[derive(Clone, Debug, Default)]
pub struct SenderFacts {
    /// The sender writes from a genuine domain of this platform (its claims are its own).
    pub genuine_platform: Option<usize>,
    /// The registrable domain of a sender that writes from a popular service's own domain
    /// (`docusign.net`, `email.apple.com`), not free webmail or hosting. Whether replies go there
    /// and no other brand is claimed is in the hits (`@reply_to_mismatch`, `@sender_mismatch`).
    pub service_domain: Option<String>,
}

/// The domain of an address such as `"Name" <a@b.com>` or `a@b.com`.
pub(super) fn domain_of(address: &str) -> Option<String> {
    let a = address.trim().trim_start_matches('<').trim_end_matches('>');
    let a = a.rsplit('<').next().unwrap_or(a).trim_end_matches('>');
    let (_, d) = a.rsplit_once('@')?;
    let d = d.trim().trim_end_matches('.').to_ascii_lowercase();
    (!d.is_empty() && d.contains('.') && !d.contains(char::is_whitespace)).then_some(d)
}

fn local_part(address: &str) -> &str {
    let a = address.trim().trim_start_matches('<');
    a.rsplit_once('@').map(|(l, _)| l).unwrap_or("")
}

/// Longest name, in words, that speaks for a brand by naming it alone (`PayPal`, `Amazon
/// Seller Central`); a longer one must also say it is staff (`... Support Team`).
const SHORT_NAME_WORDS: usize = 3;

/// Platforms a display name or address local part speaks for (`Amazon Seller Support`,
/// `alibaba.service@...`). A person who merely mentions a platform in their name ("Mike -
/// Amazon FBA seller") does not: the name must be short or carry a staff word.
fn claimed_platforms(lex: &Lexicon, text: &str) -> Vec<usize> {
    let spaced: String = text.chars().map(|c| if matches!(c, '.' | '_' | '+') { ' ' } else { c }).collect();
    let norm = lex.normalize(&spaced);
    let words = norm.text.split(|c: char| !super::scan::is_word_char(c)).filter(|w| !w.is_empty()).count();
    if words > SHORT_NAME_WORDS {
        let hits = super::scan::scan(lex, &spaced, &norm);
        let staff = ["platform.staff", "platform_claim"].iter().filter_map(|g| lex.id(g)).any(|g| hits.has(g));
        if !staff {
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    for (start, end, p) in lex.brands.find(&norm.text) {
        let before = norm.text[..start].chars().next_back();
        let after = norm.text[end..].chars().next();
        if before.is_some_and(super::scan::is_word_char) || after.is_some_and(super::scan::is_word_char) {
            continue;
        }
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// Judges the sender and `Reply-To`. Runs after the text scan so a free-mail sender can be
/// weighed against a platform claim in the body.
pub fn judge_sender(engine: &Engine, lex: &Lexicon, input: &MessageInput, hits: &mut Hits, f: &mut Findings) -> SenderFacts {
    let mut facts = SenderFacts::default();
    let Some(sender) = &input.sender else { return facts };
    let registry = engine.registry();
    let group = |name: &str| lex.id(name).expect("structural groups are always interned");
    let address = sender.address.as_deref().unwrap_or("");
    let from_domain = domain_of(address);
    let from_info = from_domain.as_deref().map(|d| HostInfo::new(engine.psl(), d));
    let owner = from_info.as_ref().and_then(|i| registry.owner(&i.ascii, i.registrable.as_deref()));
    if let Some(Ownership::Genuine(i)) = owner {
        facts.genuine_platform = Some(i);
    }
    let freemail = from_info
        .as_ref()
        .and_then(|i| registry.contact(&i.ascii, i.registrable.as_deref()))
        .is_some_and(|c| c.channel == "email");

    let mut claimed = claimed_platforms(lex, sender.name.as_deref().unwrap_or(""));
    for p in claimed_platforms(lex, local_part(address)) {
        if !claimed.contains(&p) {
            claimed.push(p);
        }
    }
    if let Some(domain) = &from_domain {
        let impersonated = claimed.iter().copied().find(|&p| match owner {
            Some(Ownership::Genuine(i)) => !registry.same_family(i, p),
            _ => true,
        });
        if let Some(p) = impersonated {
            let name = registry.platforms[p].short_name();
            hits.add(group("@sender_mismatch"), Hit::fact());
            f.push(
                Reason::new(
                    Code::SenderBrandMismatch,
                    Severity::Danger,
                    60,
                    format!("the sender calls itself {name} but writes from {domain}, which is not {name}'s"),
                )
                .param("platform", name)
                .param("domain", domain.as_str()),
            );
        }
    }
    let claim = hits.has_named(lex, "platform_claim");
    facts.service_domain = from_info.as_ref().and_then(|i| {
        let r = i.registrable.as_deref()?;
        (registry.is_well_known(r) && registry.hosting(&i.ascii).is_none() && !freemail).then(|| r.to_string())
    });
    if freemail {
        hits.add(group("@free_mail_sender"), Hit::fact());
        if claim || !claimed.is_empty() {
            f.push(
                Reason::new(Code::FreeMailSender, Severity::Info, 10, "written from a free webmail address while speaking for a platform or company")
                    .param("domain", from_domain.clone().unwrap_or_default()),
            );
        }
    }

    let reply = sender.reply_to.as_deref().and_then(domain_of);
    if let (Some(reply), Some(from)) = (reply, from_info.as_ref()) {
        let reply_info = HostInfo::new(engine.psl(), &reply);
        let differs = reply_info.registrable.as_deref().unwrap_or(&reply_info.ascii) != from.registrable.as_deref().unwrap_or(&from.ascii);
        let same_owner = match (owner, registry.owner(&reply_info.ascii, reply_info.registrable.as_deref())) {
            (Some(Ownership::Genuine(a)), Some(Ownership::Genuine(b))) => registry.same_family(a, b),
            _ => false,
        };
        if differs && !same_owner {
            let reply_free = registry.contact(&reply_info.ascii, reply_info.registrable.as_deref()).is_some_and(|c| c.channel == "email");
            // A platform's or a brand-claiming sender's answers going to someone else's mailbox
            // is the classic spoof; two company domains of one business are ordinary.
            let strong = reply_free || !claimed.is_empty() || matches!(owner, Some(Ownership::Genuine(_))) || claim;
            let (severity, weight) = if strong { (Severity::Caution, 25) } else { (Severity::Info, 8) };
            hits.add(group("@reply_to_mismatch"), Hit::fact());
            f.push(
                Reason::new(Code::ReplyToMismatch, severity, weight, format!("replies go to {reply}, not to the sender's {}", from.ascii))
                    .param("reply_to", reply.as_str())
                    .param("from", from.ascii.as_str()),
            );
        }
    }
    facts
}

/// Judges attachments by name and type, and file names written in the text. The lexicon comes
/// beside the engine: the engine builds it on first need, and the caller has it in hand.
#[allow(clippy::too_many_arguments)]
pub fn judge_attachments(
    engine: &Engine,
    lex: &Lexicon,
    input: &MessageInput,
    text: &str,
    norm: &Normalized,
    url_spans: &[(usize, usize)],
    hits: &mut Hits,
    f: &mut Findings,
) {
    let links = &engine.registry().links;
    let group = |name: &str| lex.id(name).expect("structural groups are always interned");
    for a in input.attachments.iter().take(MAX_ATTACHMENTS) {
        let name = crate::case::to_lowercase(a.name.trim().trim_end_matches(['.', ' ']));
        let span = (!a.name.trim().is_empty()).then(|| crate::search::find(text, a.name.trim())).flatten().map(|i| (i, i + a.name.trim().len()));
        let hit = span.map(|(s, e)| Hit::at(s, e)).unwrap_or_else(Hit::fact);
        hits.add(group("@attachment"), hit);
        let mut parts = name.rsplit('.');
        let ext = parts.next().filter(|_| name.contains('.')).unwrap_or("").trim().to_string();
        let inner = parts.next().filter(|_| name.matches('.').count() >= 2).map(str::trim).unwrap_or("");
        let ctype = a.content_type.as_deref().unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let dangerous_ext = !ext.is_empty() && links.dangerous_extensions.iter().any(|d| d.trim_start_matches('.').eq_ignore_ascii_case(&ext));
        let dangerous_type = lex.files.dangerous_types.contains(&ctype);
        if dangerous_ext || dangerous_type {
            let renders = matches!(ext.as_str(), "html" | "htm" | "shtml" | "xhtml" | "svg") || crate::search::contains(&ctype, "html") || crate::search::contains(&ctype, "svg");
            let message = if dangerous_ext && lex.files.document_endings.iter().any(|d| d == inner) {
                format!("the attachment {} hides a .{ext} file behind .{inner}", a.name.trim())
            } else if renders {
                format!("the attachment {} opens as a web page, which can ask you to log in", a.name.trim())
            } else {
                format!("the attachment {} can run code on your computer", a.name.trim())
            };
            hits.add(group("@risky_attachment"), hit);
            let mut r = Reason::new(Code::DangerousAttachment, Severity::Danger, 60, message).param("name", a.name.trim());
            if let Some((s, e)) = span {
                r = r.span(s, e);
            }
            f.push(r);
        } else if !ext.is_empty() && links.archive_extensions.iter().any(|d| d.trim_start_matches('.').eq_ignore_ascii_case(&ext)) {
            hits.add(group("@archive_attachment"), hit);
        }
    }
    // Both file-name regexes need a ".ext" ending somewhere; most messages have none.
    if !lex.file_endings.occur_in(&norm.text) {
        return;
    }
    for (ms, me) in lex.archive_filename.names(&norm.text).take(8) {
        let (s, e) = norm.to_original(ms, me);
        if !url_spans.iter().any(|&(us, ue)| s < ue && us < e) {
            hits.add(group("@archive_filename"), Hit { norm: Some((ms, me)), span: Some((s, e)), platform: None });
        }
    }
    // File names in the text itself, for messages pasted or read without their attachments.
    let mut named = 0;
    for (ms, me) in lex.risky_filename.names(&norm.text) {
        let (s, e) = norm.to_original(ms, me);
        if url_spans.iter().any(|&(us, ue)| s < ue && us < e) {
            continue;
        }
        hits.add(group("@risky_filename"), Hit { norm: Some((ms, me)), span: Some((s, e)), platform: None });
        if named == 0 {
            f.push(
                Reason::new(Code::DangerousAttachment, Severity::Caution, 20, format!("mentions a file that runs code or opens a page: {}", &text[s..e]))
                    .param("name", &text[s..e])
                    .span(s, e),
            );
        }
        named += 1;
        if named >= 8 {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_read_from_addresses_in_any_form() {
        assert_eq!(domain_of("a@Example.COM").as_deref(), Some("example.com"));
        assert_eq!(domain_of("<a@b.example.org>").as_deref(), Some("b.example.org"));
        assert_eq!(domain_of("Name <x@y.cn>").as_deref(), Some("y.cn"));
        assert_eq!(domain_of("not an address"), None);
        assert_eq!(domain_of("a@localhost"), None);
        assert_eq!(local_part("alibaba.service@gmail.com"), "alibaba.service");
    }
}
