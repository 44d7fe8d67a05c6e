//! Reading message files for the CLI and the corpus tests: `.eml`, `.txt`, `.html` and stdin.
//!
//! The engine judges a [`MessageInput`]: plain text, the links an HTML body showed (with their
//! visible text, which is where "shown text says alibaba.com, link goes elsewhere" lives), the
//! sender, `Reply-To` and attachment names. This module builds one from what a seller or a
//! security team has on disk. E-mail goes through `mail-parser` (MIME multipart, quoted-printable,
//! base64, RFC 2047 headers, legacy charsets such as GBK, GB2312 and Big5); HTML bodies through
//! `scraper`, walked iteratively so hostile nesting cannot exhaust the stack, skipping what a
//! reader never sees (scripts, styles, `display:none` filler that scams add to fool filters).
//! The text of an e-mail is its subject, a blank line, and its best body part.
//!
//! Every way a file can be unusable is a [`MailError`] with a message the CLI prints for that
//! file before going on with the batch; nothing here panics on bad input.

use mail_parser::{MessageParser, MimeHeaders};

use crate::message::{Attachment, MessageInput, MessageLink, Sender};

/// Largest file read. Inbox messages are kilobytes; 25 MB is the common mail size limit.
pub const MAX_BYTES: usize = 25 * 1024 * 1024;
/// Most links taken from one HTML body.
const MAX_HTML_LINKS: usize = 256;
/// HTML beyond this many tags is cut off before parsing: html5ever's tree building is linear
/// per tag in the nesting depth, so a hostile body of 100,000 nested `<div>`s would take
/// minutes; no real message body has more tags than this.
const MAX_HTML_TAGS: usize = 10_000;

/// Why a message file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is too large ({size} bytes; at most {max})")]
    TooLarge { size: usize, max: usize },
    #[error("the file is binary, not a message (.eml, .txt or .html)")]
    Binary,
    #[error("not a readable e-mail: {0}")]
    Malformed(&'static str),
    #[error("the e-mail has no subject, no readable body and no attachments")]
    NoContent,
}

/// The container a file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Eml,
    Html,
    Text,
}

/// Reads one message file by its name and bytes. The format comes from the extension (`.eml`,
/// `.html`/`.htm`, `.txt`); stdin (`-`) and other names are sniffed from the content.
pub fn load_message(name: &str, bytes: &[u8]) -> Result<MessageInput, MailError> {
    if bytes.len() > MAX_BYTES {
        return Err(MailError::TooLarge { size: bytes.len(), max: MAX_BYTES });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(MailError::Empty);
    }
    let lower = name.to_ascii_lowercase();
    let format = if lower.ends_with(".eml") || lower.ends_with(".mbox") {
        Format::Eml
    } else if lower.ends_with(".html") || lower.ends_with(".htm") {
        Format::Html
    } else if lower.ends_with(".txt") || lower.ends_with(".text") {
        Format::Text
    } else {
        sniff(bytes)
    };
    match format {
        Format::Eml => load_eml(bytes),
        Format::Html => {
            let html = decode(bytes, true)?;
            let (text, links) = html_to_text(&html);
            if text.trim().is_empty() && links.is_empty() {
                return Err(MailError::Empty);
            }
            Ok(MessageInput { text, links, ..MessageInput::default() })
        }
        Format::Text => Ok(MessageInput { text: decode(bytes, false)?, ..MessageInput::default() }),
    }
}

/// Guesses the format of a file without a telling name: e-mail headers first, then HTML.
fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let mut headers = 0;
    for line in text.lines().take(40) {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((key, _)) = line.split_once(':') else { break };
        let key = key.to_ascii_lowercase();
        if !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || key.is_empty() {
            break;
        }
        if matches!(
            key.as_str(),
            "from" | "to" | "subject" | "date" | "received" | "mime-version" | "content-type" | "message-id" | "return-path" | "reply-to" | "delivered-to"
        ) {
            headers += 1;
        }
    }
    if headers >= 2 {
        return Format::Eml;
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with('<') && ["<html", "<body", "<div", "<p", "<a ", "<table", "<!doctype"].iter().any(|t| lower.contains(t)) {
        return Format::Html;
    }
    Format::Text
}

fn load_eml(bytes: &[u8]) -> Result<MessageInput, MailError> {
    if looks_binary(bytes) {
        return Err(MailError::Binary);
    }
    let message = MessageParser::default().parse(bytes).ok_or(MailError::Malformed("no headers or body could be parsed"))?;
    const KNOWN: &[&str] = &["from", "to", "subject", "date", "content-type", "mime-version", "message-id", "received", "reply-to", "sender"];
    if !message.headers_raw().any(|(name, _)| KNOWN.contains(&name.to_ascii_lowercase().as_str())) {
        return Err(MailError::Malformed("it has no headers"));
    }
    let subject = message.subject().unwrap_or("").trim().to_string();

    // Prefer a real HTML part: it carries the links with the text they were shown as. Fall
    // back to plain text when there is none or it is empty (an image-only HTML mail).
    let mut body = String::new();
    let mut links = Vec::new();
    if let Some(html) = message.html_bodies().find(|p| p.is_text_html()).and_then(|p| p.text_contents()) {
        let (t, l) = html_to_text(html);
        if !t.trim().is_empty() {
            body = t;
            links = l;
        }
    }
    if body.trim().is_empty() {
        if let Some(t) = message.text_bodies().find(|p| p.is_text() && !p.is_text_html()).and_then(|p| p.text_contents()) {
            body = t.to_string();
        } else if let Some(t) = message.body_text(0) {
            body = t.into_owned();
        }
    }

    let mut attachments = Vec::new();
    for part in message.attachments() {
        let content_type = part.content_type().map(|ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub),
            None => ct.ctype().to_string(),
        });
        let name = part.attachment_name().map(str::to_string).unwrap_or_default();
        // A body part the parser lists as an attachment (a second text part) is not a file.
        if name.is_empty() && part.is_text() && !part.is_text_html() {
            continue;
        }
        attachments.push(Attachment { name, content_type });
    }

    if subject.is_empty() && body.trim().is_empty() && attachments.is_empty() {
        return Err(MailError::NoContent);
    }
    let from = message.from().and_then(|a| a.first());
    let reply_to = message.reply_to().and_then(|a| a.first()).and_then(|a| a.address()).map(str::to_string);
    let sender = (from.is_some() || reply_to.is_some()).then(|| Sender {
        name: from.and_then(|a| a.name()).map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        address: from.and_then(|a| a.address()).map(str::to_string),
        reply_to,
    });
    let text = if subject.is_empty() { body } else { format!("{subject}\n\n{body}") };
    Ok(MessageInput { text, links, platform: None, sender, attachments })
}

/// NUL bytes early in a file mean it is not text (UTF-16 is decoded before this is asked).
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Decodes a text or HTML file: BOM, then UTF-8, then (HTML) a declared charset, then the
/// Chinese legacy encodings sellers' files come in — GB18030 (a superset of GBK and GB2312) or
/// Big5, whichever reads as more common Chinese — and finally Windows-1252.
fn decode(bytes: &[u8], html: bool) -> Result<String, MailError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok(text.into_owned());
    }
    if looks_binary(bytes) {
        return Err(MailError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    if html {
        if let Some(enc) = declared_charset(bytes) {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return Ok(text.into_owned());
        }
    }
    let candidates = [encoding_rs::GB18030, encoding_rs::BIG5];
    let best = candidates
        .iter()
        .filter_map(|enc| enc.decode_without_bom_handling_and_without_replacement(bytes).map(|t| (common_han(&t), t.into_owned())))
        .max_by_key(|(score, _)| *score);
    if let Some((score, text)) = best {
        if score > 0 {
            return Ok(text);
        }
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

/// How many of the most frequent Chinese characters (simplified and traditional forms) a text
/// has: a right guess of a legacy encoding is full of them, a wrong one almost never.
fn common_han(text: &str) -> usize {
    const COMMON: &str = "的一是不了人我在有他这這中大来來上个個国國到说說们們为為子和你地出道也时時年得就那要下以生会會自着去之过過家学學对對可她里裡后後小么麼心多天而能好都然没沒日于於起还還发發成事只作当當想看文无無开開手十用主行方又如前所本见見经經头頭面公同三已老从從动動两兩长長您请請货貨款价價格品";
    text.chars().filter(|c| COMMON.contains(*c)).count()
}

/// The charset an HTML file declares in its first kilobytes (`<meta charset=gbk>`).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Elements whose content a reader never sees.
const INVISIBLE: &[&str] = &["script", "style", "head", "title", "noscript", "template", "object", "iframe", "svg"];
/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "header", "footer",
    "blockquote", "ul", "ol", "hr", "pre", "address", "center", "form", "dt", "dd", "main", "nav", "aside",
];

/// The visible text of an HTML document and its links with their shown text.
pub fn html_to_text(html: &str) -> (String, Vec<MessageLink>) {
    let html = match html.match_indices('<').nth(MAX_HTML_TAGS) {
        Some((cut, _)) => &html[..cut],
        None => html,
    };
    let doc = scraper::Html::parse_document(html);
    let mut text = String::new();
    let mut links: Vec<MessageLink> = Vec::new();
    // (node, entering): an explicit stack instead of recursion, so depth costs heap, not stack.
    let mut stack = vec![(doc.tree.root(), true)];
    let mut open_links: Vec<(usize, String)> = Vec::new();
    while let Some((node, entering)) = stack.pop() {
        match node.value() {
            scraper::Node::Text(t) if entering => push_text(&mut text, t),
            scraper::Node::Element(el) => {
                let name = el.name();
                if entering {
                    if INVISIBLE.contains(&name) || hidden(el) {
                        continue;
                    }
                    if BLOCKS.contains(&name) {
                        newline(&mut text);
                        // A reader sees a bullet before each item; the classifier reads a list
                        // by its bullets ("we will never ask you to:" then the items).
                        // Items sit on consecutive lines under their header, as a reader
                        // sees them: a blank line would end the list for the classifier.
                        if name == "li" {
                            if text.ends_with("\n\n") {
                                text.pop();
                            }
                            push_text(&mut text, "• ");
                        }
                    } else if matches!(name, "td" | "th") {
                        push_text(&mut text, " ");
                    }
                    if name == "img" {
                        if let Some(alt) = el.attr("alt").filter(|a| !a.trim().is_empty()) {
                            push_text(&mut text, &format!(" {} ", alt.trim()));
                        }
                    }
                    if matches!(name, "a" | "area") {
                        if let Some(href) = el.attr("href") {
                            open_links.push((text.len(), href.trim().to_string()));
                            stack.push((node, false));
                            for child in node.children().rev() {
                                stack.push((child, true));
                            }
                            continue;
                        }
                    }
                    stack.push((node, false));
                    for child in node.children().rev() {
                        stack.push((child, true));
                    }
                } else {
                    if matches!(name, "a" | "area") && el.attr("href").is_some() {
                        if let Some((start, href)) = open_links.pop() {
                            let shown = text.get(start..).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
                            let shown = if shown.is_empty() { el.attr("title").map(str::to_string) } else { Some(shown) };
                            if !href.is_empty() && !href.starts_with('#') && links.len() < MAX_HTML_LINKS {
                                links.push(MessageLink { href, text: shown });
                            }
                        }
                    }
                    if BLOCKS.contains(&name) {
                        newline(&mut text);
                    }
                }
            }
            _ => {
                if entering {
                    for child in node.children().rev() {
                        stack.push((child, true));
                    }
                }
            }
        }
    }
    let text = text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    (text.trim().to_string(), links)
}

/// Inline styles that hide an element: the filler text scams hide from the reader.
fn hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    let Some(style) = el.attr("style") else { return false };
    let s: String = style.to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    s.contains("display:none") || s.contains("visibility:hidden") || s.contains("font-size:0") || s.contains("max-height:0") || s.contains("opacity:0;")
}

/// Appends text as a browser shows it: runs of whitespace are one space.
fn push_text(out: &mut String, t: &str) {
    for (i, word) in t.split_whitespace().enumerate() {
        let starts_with_space = i > 0 || t.starts_with(char::is_whitespace);
        if starts_with_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        out.push_str(word);
    }
    if t.ends_with(char::is_whitespace) && !t.trim().is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

fn newline(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_binary_files_are_errors() {
        assert_eq!(load_message("a.txt", b"").unwrap_err(), MailError::Empty);
        assert_eq!(load_message("a.txt", b"  \n\t ").unwrap_err(), MailError::Empty);
        assert_eq!(load_message("a.txt", b"MZ\x90\x00\x03\x00\x00\x00").unwrap_err(), MailError::Binary);
        assert_eq!(load_message("a.eml", b"\x00\x01\x02garbage").unwrap_err(), MailError::Binary);
        assert!(MailError::Empty.to_string().contains("empty"));
    }

    #[test]
    fn list_items_read_with_their_bullets() {
        let (text, _) = html_to_text("<p>We will never ask you to:</p><ul><li>share your password</li><li>send us a code</li></ul><p>Thanks</p>");
        assert!(text.contains("ask you to:\n• share your password\n• send us a code\n"), "{text:?}");
        let (text, _) = html_to_text("<p>Ship today</p><p>Send the code</p>");
        assert!(!text.contains('•'), "{text:?}");
    }

    #[test]
    fn text_files_in_legacy_chinese_encodings_decode() {
        let (gbk, _, _) = encoding_rs::GBK.encode("您好，请点击链接登录查看汇款。");
        assert_eq!(load_message("m.txt", &gbk).unwrap().text, "您好，请点击链接登录查看汇款。");
        let (big5, _, _) = encoding_rs::BIG5.encode("您好，請點擊連結登錄查看匯款，貨款已付。");
        assert_eq!(load_message("m.txt", &big5).unwrap().text, "您好，請點擊連結登錄查看匯款，貨款已付。");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "hi there".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(load_message("m.txt", &utf16).unwrap().text, "hi there");
    }

    #[test]
    fn html_gives_visible_text_and_links_with_shown_text() {
        let html = r##"<html><head><title>t</title><style>p{}</style></head><body>
            <p>Dear seller,</p><div style="display: none">ignore this filler</div>
            <p>Please <a href="https://alibaba.com.verify.top/x">www.alibaba.com</a> now.</p>
            <script>var a = 1;</script><a href="#top">top</a></body></html>"##;
        let m = load_message("m.html", html.as_bytes()).unwrap();
        assert!(m.text.contains("Dear seller,"));
        assert!(m.text.contains("Please www.alibaba.com now."), "{:?}", m.text);
        assert!(!m.text.contains("filler") && !m.text.contains("var a"));
        assert_eq!(m.links.len(), 1);
        assert_eq!(m.links[0].href, "https://alibaba.com.verify.top/x");
        assert_eq!(m.links[0].text.as_deref(), Some("www.alibaba.com"));
    }

    #[test]
    fn deeply_nested_html_does_not_overflow_the_stack() {
        let html = "<div>".repeat(2_000) + "deep" + &"</div>".repeat(2_000);
        let (text, _) = html_to_text(&html);
        assert!(text.contains("deep"));
        // Beyond the tag limit the rest is cut, not parsed for minutes.
        let html = "<br>".repeat(200_000) + "hidden";
        let (text, _) = html_to_text(&html);
        assert!(!text.contains("hidden"));
    }

    const MULTIPART: &str = "From: \"Alibaba Service\" <service@alibaba-notice.example>\r\n\
Reply-To: <helpdesk@gmail.com>\r\n\
To: seller@example.com\r\n\
Subject: =?utf-8?B?5rGH5qy+6YCa55+l?=\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: multipart/alternative; boundary=\"b2\"\r\n\
\r\n\
--b2\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
Plain version =E2=80=93 log in.\r\n\
--b2\r\n\
Content-Type: text/html; charset=gbk\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
PHA+x+u1x8K8PGEgaHJlZj0iaHR0cDovL3guZXhhbXBsZS90b3AiPrLpv7S747/uPC9hPjwvcD4=\r\n\
--b2--\r\n\
--b1\r\n\
Content-Type: application/octet-stream; name=\"invoice.pdf.exe\"\r\n\
Content-Disposition: attachment; filename=\"invoice.pdf.exe\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
TVqQAAMAAAAEAAAA\r\n\
--b1--\r\n";

    #[test]
    fn eml_multipart_with_encoded_subject_gbk_html_and_attachment() {
        let m = load_message("m.eml", MULTIPART.as_bytes()).unwrap();
        assert!(m.text.starts_with("汇款通知\n\n"), "{:?}", m.text);
        assert!(m.text.contains("请登录查看汇款"), "{:?}", m.text);
        assert_eq!(m.links.len(), 1);
        assert_eq!(m.links[0].href, "http://x.example/top");
        assert_eq!(m.links[0].text.as_deref(), Some("查看汇款"));
        let s = m.sender.unwrap();
        assert_eq!(s.name.as_deref(), Some("Alibaba Service"));
        assert_eq!(s.address.as_deref(), Some("service@alibaba-notice.example"));
        assert_eq!(s.reply_to.as_deref(), Some("helpdesk@gmail.com"));
        assert_eq!(m.attachments.len(), 1);
        assert_eq!(m.attachments[0].name, "invoice.pdf.exe");
    }

    #[test]
    fn eml_plain_quoted_printable() {
        let eml = "From: a@b.example\r\nSubject: Hi\r\nContent-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\r\nPrice =E2=82=AC5 per pie=\r\nce.\r\n";
        let m = load_message("x.eml", eml.as_bytes()).unwrap();
        assert_eq!(m.text.trim_end(), "Hi\n\nPrice €5 per piece.");
    }

    #[test]
    fn stdin_is_sniffed() {
        let eml = "From: a@b.example\nTo: c@d.example\nSubject: Quote\n\nBody here\n";
        let m = load_message("-", eml.as_bytes()).unwrap();
        assert!(m.text.starts_with("Quote\n\nBody here"));
        assert!(m.sender.is_some());
        let m = load_message("-", b"<html><body><p>Hello <a href='https://x.example'>x</a></p></body></html>").unwrap();
        assert_eq!(m.links.len(), 1);
        let m = load_message("-", b"Dear: we need 500 pcs").unwrap();
        assert_eq!(m.text, "Dear: we need 500 pcs");
    }

    #[test]
    fn broken_email_is_an_error_not_a_panic() {
        assert_eq!(load_message("x.eml", b"this is not an email at all").unwrap_err(), MailError::Malformed("it has no headers"));
        let r = load_message("x.eml", b"Subject:\r\n\r\n");
        assert_eq!(r.unwrap_err(), MailError::NoContent);
    }
}
