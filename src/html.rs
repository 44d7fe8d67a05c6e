//! Saved HTML → [`PageFacts`], natively, for the CLI (`check-page`) and the tests.
//!
//! In the browser the extension's content script reads the live DOM; here an HTML5 parser
//! (`scraper`, on html5ever) builds the same tree from a saved page, and this module gathers
//! the same facts the content script does, so the engine is tested on whole pages:
//!
//! - forms and their fields, with actions resolved against the page (and `<base href>`), a
//!   submit button's `formaction` taking precedence, fields tied to a form by `form=` counted
//!   in it, and fields outside any form grouped as one form without an action;
//! - each field's label: `<label for>`, a wrapping `<label>`, `aria-label`, `aria-labelledby`,
//!   then `title`;
//! - visibility as far as markup tells it: `type=hidden`, the `hidden` attribute, inline
//!   `display:none` / `visibility:hidden` on the element or an ancestor (stylesheets are not
//!   applied: no CSS engine here);
//! - brand evidence: title, `og:site_name`, `h1`–`h3`, images that look like logos (alt text
//!   and resolved URL), the favicon, and a sample of visible text capped at
//!   [`TEXT_SAMPLE_BYTES`];
//! - frames: `src` resolved, and the forms of `srcdoc` frames (a frame's other content is
//!   another document, which the extension reads in that frame).
//!
//! The parser never fails: html5ever recovers from any input as browsers do. Work is bounded
//! by capping the input size, every list, the nesting depth one parse may reach (see
//! [`parse`]) and the elements each per-element look-up may visit: a hostile page must cost
//! time linear in its size, not quadratic.

use std::collections::HashMap;

use html5ever::driver;
use html5ever::tendril::{StrTendril, TendrilSink};
use scraper::{ElementRef, Html, HtmlTreeSink, Node, Selector};
use url::Url;

use crate::page::{FieldFacts, FormFacts, FrameFacts, PageFacts};

/// Pages larger than this are read up to it: a login page is far smaller, and the cap bounds
/// the parser's work on hostile input.
pub const MAX_HTML_BYTES: usize = 4 << 20;
/// The visible-text sample, as the content script sends it.
pub const TEXT_SAMPLE_BYTES: usize = 4096;
const MAX_FORMS: usize = 64;
const MAX_FIELDS: usize = 512;
const MAX_LIST: usize = 32;
const MAX_STRING: usize = 256;
/// `srcdoc` frames inside `srcdoc` frames are followed this deep.
const MAX_SRCDOC_DEPTH: u8 = 2;
/// A parse ends when its tree is nested deeper than this and the rest of the page is parsed
/// anew (see [`parse`]). Browsers stop nesting at the same depth (Blink at 512); real pages
/// stay far below it.
const MAX_PARSE_DEPTH: usize = 512;
/// Bytes fed to the parser between two depth checks.
const PARSE_CHUNK: usize = 1024;
/// Nodes one subtree walk visits (an element's text, a form's submit button, an SVG's title):
/// nested labels or forms around a huge subtree would otherwise make each walk the whole page.
const MAX_WALK: usize = 4096;
/// Images and headings looked at; each costs a walk up its ancestors.
const MAX_CANDIDATES: usize = 1024;

/// Gathers `PageFacts` from saved HTML, as the content script would in a browser. `url` is the
/// address the page was served from; relative addresses resolve against it.
pub fn page_facts(url: &str, html: &str) -> PageFacts {
    gather(url, html, 0)
}

fn gather(url: &str, html: &str, depth: u8) -> PageFacts {
    let docs = parse(crate::bounds::cap(html, MAX_HTML_BYTES));
    let doc = &docs[0];
    let page_url = Url::parse(url.trim()).ok();
    let base = base_url(doc, page_url.as_ref());
    let mut facts = PageFacts {
        url: url.to_string(),
        title: first_text(doc, "title"),
        site_name: site_name(doc),
        forms: forms(doc, base.as_ref()),
        headings: headings(doc),
        logos: logos(doc, base.as_ref()),
        favicon: favicon(doc, base.as_ref()),
        text_sample: text_sample(doc),
        frames: frames(doc, url, base.as_ref(), depth),
        ..PageFacts::default()
    };
    // The rest of a page nested too deep for one parse is still the page: a form placed
    // after deep nesting must not escape. (Its fields lose a form opened before the cut.)
    for more in &docs[1..] {
        if facts.forms.len() < MAX_FORMS {
            facts.forms.extend(forms(more, base.as_ref()));
        }
        if facts.headings.len() < MAX_LIST {
            facts.headings.extend(headings(more));
        }
        if facts.logos.len() < MAX_LIST {
            facts.logos.extend(logos(more, base.as_ref()));
        }
        if facts.frames.len() < MAX_LIST {
            facts.frames.extend(frames(more, url, base.as_ref(), depth));
        }
        if facts.text_sample.len() < TEXT_SAMPLE_BYTES {
            let text = text_sample(more);
            if !text.is_empty() {
                facts.text_sample.push(' ');
                facts.text_sample.push_str(&text);
                facts.text_sample = crate::bounds::cap(&facts.text_sample, TEXT_SAMPLE_BYTES).to_string();
            }
        }
    }
    facts.forms.truncate(MAX_FORMS);
    facts.headings.truncate(MAX_LIST);
    facts.logos.truncate(MAX_LIST);
    facts.frames.truncate(MAX_LIST);
    facts
}

/// Parses a page as one document, or several when it nests too deep.
///
/// html5ever looks through the stack of open elements on nearly every tag, so a page nested
/// N deep costs O(N²): 40,000 `<div>`s (200 KB) took 5 s, the 4 MB cap would take most of an
/// hour. The parser is fed in chunks and, when its newest node sits deeper than
/// [`MAX_PARSE_DEPTH`], that document ends and the rest of the page — from the last tag start
/// fed, which the chunk may have cut in two — is parsed as a new one. Each parse then costs
/// O(size × depth limit), and nothing after the deep part goes unread.
fn parse(html: &str) -> Vec<Html> {
    let mut docs = Vec::new();
    let mut rest = html;
    loop {
        let mut parser = driver::parse_document(HtmlTreeSink::new(Html::new_document()), Default::default());
        let mut fed = 0;
        let mut cut = None;
        while fed < rest.len() {
            // A chunk of at least one character: PARSE_CHUNK is longer than any.
            let chunk = crate::bounds::cap(&rest[fed..], PARSE_CHUNK);
            parser.process(StrTendril::from_slice(chunk));
            fed += chunk.len();
            if fed < rest.len() && newest_depth(&parser) > MAX_PARSE_DEPTH {
                // More than MAX_PARSE_DEPTH tags were read, so the last one starts past 0 and
                // every new document moves forward.
                cut = Some(rest[..fed].rfind('<').filter(|&i| i > 0).unwrap_or(fed));
                break;
            }
        }
        docs.push(parser.finish());
        match cut {
            Some(i) => rest = &rest[i..],
            None => return docs,
        }
    }
}

/// The depth of the node the parser made last: where it is inserting, so about the height of
/// its stack of open elements.
fn newest_depth(parser: &driver::Parser<HtmlTreeSink>) -> usize {
    let html = parser.tokenizer.sink.sink.0.borrow();
    html.tree.nodes().next_back().map_or(0, |n| n.ancestors().count())
}

/// A selector from a constant: only a typo in this file can make one fail, and the unit tests
/// run every one of them.
fn sel(s: &'static str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("bad built-in selector {s:?}: {e:?}"))
}

/// `<base href>` resolved against the page, else the page's own URL.
fn base_url(doc: &Html, page: Option<&Url>) -> Option<Url> {
    let href = doc.select(&sel("base[href]")).next().and_then(|b| b.attr("href"));
    match (href, page) {
        (Some(h), Some(p)) => p.join(h.trim()).ok().or_else(|| Some(p.clone())),
        (Some(h), None) => Url::parse(h.trim()).ok(),
        (None, p) => p.cloned(),
    }
}

/// Resolves an attribute URL the way the browser would; unresolvable ones are kept as written
/// (a `javascript:` action is evidence too).
fn resolve(base: Option<&Url>, raw: &str) -> String {
    let raw = raw.trim();
    if raw.is_empty() {
        return String::new();
    }
    let joined = match base {
        Some(b) => b.join(raw).ok(),
        None => Url::parse(raw).ok(),
    };
    crate::bounds::cap(&joined.map(String::from).unwrap_or_else(|| raw.to_string()), 2048).to_string()
}

fn site_name(doc: &Html) -> String {
    let s = sel("meta[property='og:site_name'], meta[name='application-name'], meta[name='apple-mobile-web-app-title']");
    doc.select(&s).filter_map(|m| m.attr("content")).map(clean).find(|c| !c.is_empty()).unwrap_or_default()
}

fn first_text(doc: &Html, selector: &'static str) -> String {
    doc.select(&sel(selector)).next().map(|e| text_of(e)).unwrap_or_default()
}

fn forms(doc: &Html, base: Option<&Url>) -> Vec<FormFacts> {
    let form_els: Vec<ElementRef> = doc.select(&sel("form")).take(MAX_FORMS).collect();
    let by_id: HashMap<&str, usize> = form_els.iter().enumerate().filter_map(|(i, f)| f.value().id().map(|id| (id, i))).collect();
    let labels = labels_by_target(doc);
    let elements = elements_by_id(doc);
    let mut out: Vec<FormFacts> = form_els
        .iter()
        .map(|f| {
            let (submit_text, formaction) = submit_of(f);
            let action = formaction.or_else(|| f.attr("action").map(str::to_string)).unwrap_or_default();
            FormFacts {
                action: resolve(base, &action),
                method: f.attr("method").unwrap_or("get").trim().to_ascii_lowercase(),
                fields: Vec::new(),
                submit_text,
            }
        })
        .collect();
    let mut loose = FormFacts::default();
    for el in doc.select(&sel("input, select, textarea")).take(MAX_FIELDS) {
        let owner = match el.attr("form") {
            Some(id) => by_id.get(id.trim()).copied(),
            None => el.ancestors().filter_map(ElementRef::wrap).find(|a| a.value().name() == "form").and_then(|f| form_els.iter().position(|x| x.id() == f.id())),
        };
        let field = field_facts(el, &labels, &elements);
        match owner {
            Some(i) => out[i].fields.push(field),
            None => loose.fields.push(field),
        }
    }
    if !loose.fields.is_empty() {
        out.push(loose);
    }
    out.retain(|f| !f.fields.is_empty());
    out
}

/// The submit button's text and its `formaction`, if any.
fn submit_of(form: &ElementRef) -> (String, Option<String>) {
    let buttons = sel("button, input[type=submit], input[type=image]");
    for b in walk(*form).filter(|e| buttons.matches(e)) {
        let kind = b.attr("type").unwrap_or("submit").trim().to_ascii_lowercase();
        let text = match b.value().name() {
            "button" if kind == "submit" => text_of(b),
            "input" if kind == "submit" => clean(b.attr("value").unwrap_or("Submit")),
            "input" if kind == "image" => clean(b.attr("alt").unwrap_or("")),
            _ => continue,
        };
        let formaction = b.attr("formaction").map(str::trim).filter(|a| !a.is_empty()).map(str::to_string);
        return (text, formaction);
    }
    (String::new(), None)
}

/// `<label for=X>` texts by X.
fn labels_by_target(doc: &Html) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for l in doc.select(&sel("label[for]")).take(MAX_FIELDS) {
        if let Some(target) = l.attr("for") {
            m.entry(target.trim().to_string()).or_insert_with(|| text_of(l));
        }
    }
    m
}

/// The first element of each `id`, for `aria-labelledby`: one pass over the page instead of
/// one per field and id (512 fields × 4 ids over a 100,000-node page took 20 s).
fn elements_by_id(doc: &Html) -> HashMap<&str, ElementRef<'_>> {
    let mut m = HashMap::new();
    for e in doc.select(&sel("[id]")) {
        if let Some(id) = e.attr("id") {
            m.entry(id).or_insert(e);
        }
    }
    m
}

fn field_facts(el: ElementRef, labels: &HashMap<String, String>, by_id: &HashMap<&str, ElementRef>) -> FieldFacts {
    let tag = el.value().name();
    let kind = match tag {
        "input" => el.attr("type").map(|t| t.trim().to_ascii_lowercase()).filter(|t| !t.is_empty()).unwrap_or_else(|| "text".into()),
        other => other.to_string(),
    };
    let id = attr(el, "id");
    let label = label_of(el, &id, labels, by_id);
    FieldFacts {
        visible: kind != "hidden" && !hidden(el),
        kind,
        name: attr(el, "name"),
        id,
        autocomplete: attr(el, "autocomplete"),
        placeholder: attr(el, "placeholder"),
        label,
    }
}

fn label_of(el: ElementRef, id: &str, labels: &HashMap<String, String>, by_id: &HashMap<&str, ElementRef>) -> String {
    if let Some(l) = labels.get(id).filter(|l| !l.is_empty() && !id.is_empty()) {
        return l.clone();
    }
    if let Some(l) = el.ancestors().filter_map(ElementRef::wrap).find(|a| a.value().name() == "label") {
        let t = text_of(l);
        if !t.is_empty() {
            return t;
        }
    }
    let aria = attr(el, "aria-label");
    if !aria.is_empty() {
        return aria;
    }
    if let Some(ids) = el.attr("aria-labelledby") {
        let t: Vec<String> = ids
            .split_ascii_whitespace()
            .take(4)
            .filter_map(|i| by_id.get(i))
            .map(|e| text_of(*e))
            .filter(|t| !t.is_empty())
            .collect();
        if !t.is_empty() {
            return crate::bounds::cap(&t.join(" "), MAX_STRING).to_string();
        }
    }
    attr(el, "title")
}

/// Hidden by markup: the `hidden` attribute or an inline `display:none`/`visibility:hidden`
/// on the element or any ancestor.
fn hidden(el: ElementRef) -> bool {
    std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap)).any(hides)
}

fn hides(e: ElementRef) -> bool {
    let v = e.value();
    if v.attr("hidden").is_some() || matches!(v.name(), "template" | "noscript") {
        return true;
    }
    v.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

fn headings(doc: &Html) -> Vec<String> {
    doc.select(&sel("h1, h2, h3")).take(MAX_CANDIDATES).filter(|h| !hidden(*h)).map(text_of).filter(|t| !t.is_empty()).take(MAX_LIST).collect()
}

/// Images that look like logos: "logo" in their alt, file name, class or id (or a near
/// ancestor's class or id), or placed in the page header, navigation or a form. Footers are
/// skipped: they hold badge rows and social icons, not the page's identity. Each gives its
/// alt text and its resolved URL.
fn logos(doc: &Html, base: Option<&Url>) -> Vec<String> {
    let mut out = Vec::new();
    for img in doc.select(&sel("img, svg, input[type=image], [role=img][aria-label]")).take(MAX_CANDIDATES) {
        if out.len() >= MAX_LIST || hidden(img) {
            continue;
        }
        let ancestors: Vec<ElementRef> = img.ancestors().filter_map(ElementRef::wrap).collect();
        if ancestors.iter().any(|a| a.value().name() == "footer" || a.attr("role") == Some("contentinfo")) {
            continue;
        }
        let own = [img.attr("alt"), img.attr("src"), img.attr("class"), img.attr("id"), img.attr("aria-label")];
        let logo_word = |s: Option<&str>| s.is_some_and(|s| s.to_ascii_lowercase().contains("logo"));
        let hinted = own.iter().any(|s| logo_word(*s))
            || ancestors.iter().take(3).any(|a| logo_word(a.attr("class")) || logo_word(a.attr("id")))
            || ancestors.iter().any(|a| matches!(a.value().name(), "header" | "nav" | "form") || a.attr("role") == Some("banner"));
        if !hinted {
            continue;
        }
        match img.value().name() {
            "img" | "input" => {}
            "svg" => {
                let title_sel = sel("title");
                let title = walk(img).find(|e| title_sel.matches(e)).map(text_of).unwrap_or_default();
                let name = if title.is_empty() { attr(img, "aria-label") } else { title };
                if !name.is_empty() {
                    out.push(name);
                }
                continue;
            }
            // A logo drawn by CSS on an element that says what it is (`<i class="logo"
            // role="img" aria-label="...">`).
            _ => {
                out.push(attr(img, "aria-label"));
                continue;
            }
        }
        let alt = attr(img, "alt");
        if !alt.is_empty() {
            out.push(alt);
        }
        if let Some(src) = img.attr("src").map(str::trim).filter(|s| !s.is_empty() && !s.starts_with("data:")) {
            out.push(resolve(base, src));
        }
    }
    out.truncate(MAX_LIST);
    out
}

fn favicon(doc: &Html, base: Option<&Url>) -> String {
    doc.select(&sel("link[rel][href]"))
        .find(|l| l.attr("rel").is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("icon") || t.eq_ignore_ascii_case("apple-touch-icon"))))
        .and_then(|l| l.attr("href"))
        .map(|h| resolve(base, h))
        .unwrap_or_default()
}

/// Visible text of the body, whitespace collapsed, at most [`TEXT_SAMPLE_BYTES`].
fn text_sample(doc: &Html) -> String {
    let mut out = String::new();
    let root = doc.select(&sel("body")).next().unwrap_or_else(|| doc.root_element());
    // Iterative, so a deeply nested hostile page cannot overflow the stack.
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        if out.len() >= TEXT_SAMPLE_BYTES {
            break;
        }
        match node.value() {
            Node::Text(t) => {
                for word in t.split_whitespace() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
            }
            Node::Element(e) => {
                let skip = matches!(e.name(), "script" | "style" | "noscript" | "template" | "head" | "title" | "select" | "option" | "textarea" | "svg")
                    || ElementRef::wrap(node).is_some_and(hides);
                if !skip {
                    let children: Vec<_> = node.children().collect();
                    stack.extend(children.into_iter().rev());
                }
            }
            _ => {}
        }
    }
    crate::bounds::cap(&out, TEXT_SAMPLE_BYTES).to_string()
}

fn frames(doc: &Html, page_url: &str, base: Option<&Url>, depth: u8) -> Vec<FrameFacts> {
    let mut out = Vec::new();
    for f in doc.select(&sel("iframe, frame")).take(MAX_LIST) {
        let tiny = |a: &str| f.attr(a).is_some_and(|v| matches!(v.trim().trim_end_matches("px"), "0" | "1"));
        let visible = !hidden(f) && !tiny("width") && !tiny("height");
        let (src, forms) = match f.attr("srcdoc") {
            // An inline frame shares the page's origin; its forms resolve against the page.
            Some(doc) if depth < MAX_SRCDOC_DEPTH => {
                let inner = gather(page_url, doc, depth + 1);
                let mut forms = inner.forms;
                forms.extend(inner.frames.into_iter().flat_map(|fr| fr.forms));
                ("about:srcdoc".to_string(), forms)
            }
            Some(_) => ("about:srcdoc".to_string(), Vec::new()),
            None => (resolve(base, f.attr("src").unwrap_or("")), Vec::new()),
        };
        out.push(FrameFacts { src, visible, forms });
    }
    out
}

fn attr(el: ElementRef, name: &str) -> String {
    el.attr(name).map(clean).unwrap_or_default()
}

/// The elements of `el`'s subtree, in document order, up to [`MAX_WALK`] nodes visited.
fn walk<'a>(el: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    el.descendants().skip(1).take(MAX_WALK).filter_map(ElementRef::wrap)
}

/// An element's text, whitespace collapsed and capped (read from its first [`MAX_WALK`]
/// nodes).
fn text_of(el: ElementRef) -> String {
    let mut s = String::new();
    for t in el.descendants().take(MAX_WALK).filter_map(|n| n.value().as_text()) {
        for w in t.split_whitespace() {
            if s.len() >= MAX_STRING {
                return crate::bounds::cap(&s, MAX_STRING).to_string();
            }
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(w);
        }
    }
    crate::bounds::cap(&s, MAX_STRING).to_string()
}

fn clean(s: &str) -> String {
    crate::bounds::cap(&s.split_whitespace().collect::<Vec<_>>().join(" "), MAX_STRING).to_string()
}


#[cfg(test)]
mod tests {
    use super::*;

    const LOGIN: &str = r#"<!doctype html><html><head>
        <title> Sign in |  Example </title>
        <meta property="og:site_name" content="Example Co">
        <link rel="shortcut icon" href="/img/fav.ico">
        <base href="https://static.example.com/app/">
      </head><body>
        <header><img src="logo-main.svg" alt="Example logo"><i class="nav-logo" role="img" aria-label="Example Co"></i></header>
        <h1>Welcome back</h1><h2 hidden>Secret heading</h2>
        <form action="../session" method="POST" id="f1">
          <label for="u">E-mail</label><input id="u" name="login" type="email">
          <label>Password <input type="password" name="pw"></label>
          <input type="hidden" name="csrf" value="x">
          <div style="display: none"><input name="otp" aria-label="Code"></div>
          <button type="button">Show</button><button>Sign in</button>
        </form>
        <input name="loose" placeholder="Search the site">
        <input name="extra" form="f1" title="Extra field">
        <p>Hello <b>world</b></p><script>var x = "not text";</script>
        <footer><img src="/visa-logo.png" alt="Visa"></footer>
        <iframe src="//frames.example.net/f.html" width="300"></iframe>
        <iframe src="https://t.example.net/pixel" width="0" height="0"></iframe>
        <iframe srcdoc="<form action='https://collect.example.org/x'><input type=password name=p></form>"></iframe>
      </body></html>"#;

    #[test]
    fn gathers_title_site_name_favicon_headings_and_text() {
        let f = page_facts("https://www.example.com/login", LOGIN);
        assert_eq!(f.title, "Sign in | Example");
        assert_eq!(f.site_name, "Example Co");
        assert_eq!(f.favicon, "https://static.example.com/img/fav.ico", "resolved against <base>");
        assert_eq!(f.headings, vec!["Welcome back"], "hidden headings are not read");
        assert!(f.text_sample.contains("Hello world"));
        assert!(!f.text_sample.contains("not text"));
        assert!(!f.text_sample.contains("Secret heading"));
    }

    #[test]
    fn gathers_forms_fields_labels_and_visibility() {
        let f = page_facts("https://www.example.com/login", LOGIN);
        let form = &f.forms[0];
        assert_eq!(form.action, "https://static.example.com/session");
        assert_eq!(form.method, "post");
        assert_eq!(form.submit_text, "Sign in", "type=button is not the submit");
        let by_name = |n: &str| form.fields.iter().find(|x| x.name == n).unwrap_or_else(|| panic!("{n} missing"));
        assert_eq!(by_name("login").label, "E-mail");
        assert_eq!(by_name("login").kind, "email");
        assert_eq!(by_name("pw").label, "Password", "wrapping label");
        assert!(by_name("pw").visible);
        assert!(!by_name("csrf").visible);
        assert!(!by_name("otp").visible, "inside display:none");
        assert_eq!(by_name("otp").label, "Code", "aria-label");
        assert_eq!(by_name("extra").label, "Extra field", "form= attribute ties it to the form");
        let loose = &f.forms[1];
        assert_eq!(loose.action, "");
        assert_eq!(loose.fields[0].name, "loose");
        assert_eq!(loose.fields[0].kind, "text");
    }

    #[test]
    fn gathers_logos_but_not_footer_badges() {
        let f = page_facts("https://www.example.com/login", LOGIN);
        assert_eq!(f.logos, vec!["Example logo", "https://static.example.com/app/logo-main.svg", "Example Co"]);
    }

    #[test]
    fn gathers_frames_with_visibility_and_srcdoc_forms() {
        let f = page_facts("https://www.example.com/login", LOGIN);
        assert_eq!(f.frames.len(), 3);
        assert_eq!(f.frames[0].src, "https://frames.example.net/f.html");
        assert!(f.frames[0].visible);
        assert!(!f.frames[1].visible, "a 0×0 frame");
        assert_eq!(f.frames[2].src, "about:srcdoc");
        assert_eq!(f.frames[2].forms[0].action, "https://collect.example.org/x");
        assert_eq!(f.frames[2].forms[0].fields[0].kind, "password");
    }

    #[test]
    fn formaction_overrides_the_form_action() {
        let html = r#"<form action="/ok"><input type=password name=p><button formaction="https://evil.example.net/c">Go</button></form>"#;
        let f = page_facts("https://site.example/", html);
        assert_eq!(f.forms[0].action, "https://evil.example.net/c");
    }

    #[test]
    fn broken_and_empty_input_gives_facts_not_panics() {
        for html in ["", "<", "<form><input type=password", "<<<>>>&&&", "\u{0}\u{feff}<title>x"] {
            let f = page_facts("not a url", html);
            assert_eq!(f.url, "not a url");
        }
        let deep = "<div>".repeat(3_000) + "text";
        let f = page_facts("https://x.example/", &deep);
        assert!(f.text_sample.contains("text"));
        let big = "<p>".to_string() + &"word ".repeat(10_000);
        assert!(page_facts("https://x.example/", &big).text_sample.len() <= TEXT_SAMPLE_BYTES);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Tag soup built from the pieces this module reads.
        fn soup() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                Just("<form action='x'>".to_string()),
                Just("</form>".to_string()),
                Just("<input type=password name=p>".to_string()),
                Just("<label for=a>".to_string()),
                Just("<iframe srcdoc='<form><input type=password></form>'>".to_string()),
                Just("<img alt='logo' src='//a/b.png'>".to_string()),
                Just("<base href='::'>".to_string()),
                Just("<div style='display:none'>".to_string()),
                Just("<svg><title>t</title></svg>".to_string()),
                ".{0,12}",
            ];
            prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
            #[test]
            fn any_markup_gives_facts(html in soup(), url in prop_oneof![Just("https://a.example/p".to_string()), ".{0,20}"]) {
                let f = page_facts(&url, &html);
                prop_assert!(f.text_sample.len() <= TEXT_SAMPLE_BYTES);
                prop_assert!(f.logos.len() <= MAX_LIST && f.frames.len() <= MAX_LIST);
            }
        }
    }

    /// The deepest node of a parsed document.
    fn max_depth(doc: &Html) -> usize {
        doc.tree.nodes().map(|n| n.ancestors().count()).max().unwrap_or(0)
    }

    #[test]
    fn deep_nesting_is_parsed_in_bounded_depth_and_read_to_the_end() {
        // Found by the page_facts_html fuzz target's inputs grown long: 40,000 nested `<div>`s
        // took html5ever 5 s, quadratically more up to the 4 MB cap.
        let html = "<div>".repeat(20_000) + "<form action='https://evil.example.net/c'><input type=password name=pw></form><p>tail</p>";
        let docs = parse(&html);
        assert!(docs.len() > 1, "the page is parsed in several documents");
        for d in &docs {
            assert!(max_depth(d) <= MAX_PARSE_DEPTH + PARSE_CHUNK, "a document nests {} deep", max_depth(d));
        }
        let f = page_facts("https://x.example/", &html);
        assert_eq!(f.forms.len(), 1, "the form after the deep part is read");
        assert_eq!(f.forms[0].action, "https://evil.example.net/c");
        assert_eq!(f.forms[0].fields[0].kind, "password");
        assert!(f.text_sample.ends_with("tail"));
        let shallow = "<div>".repeat(100) + "<p>x</p>";
        assert_eq!(parse(&shallow).len(), 1, "ordinary pages are one document");
    }

    #[test]
    fn a_tag_cut_by_a_parse_boundary_is_read_whole() {
        // 600 `<div>`s end 3,000 bytes in, so the third chunk of the first parse ends inside
        // the fields, at every offset of a field's tag as the padding moves it.
        let field = "<input type=password name=pw>";
        for pad in 0..field.len() {
            let html = "<div>".repeat(600) + &" ".repeat(pad) + &field.repeat(200);
            let f = page_facts("https://x.example/", &html);
            let fields: usize = f.forms.iter().map(|x| x.fields.len()).sum();
            assert!(fields >= 200, "pad {pad}: {fields} fields");
            assert!(f.forms.iter().flat_map(|x| &x.fields).all(|x| x.kind == "password" && x.name == "pw"), "pad {pad}: a field was cut");
        }
    }

    #[test]
    fn aria_labelledby_is_resolved_from_one_pass_over_the_page() {
        // 512 fields naming 4 ids each, over a large page, used to scan the page per id.
        let html = "<span id=a>First</span><span id=a>Second</span><span id=b>Code</span><form>".to_string()
            + &"<input type=password aria-labelledby='a missing b'>".repeat(MAX_FIELDS)
            + "</form>"
            + &"<i></i>".repeat(20_000);
        let f = page_facts("https://x.example/", &html);
        assert_eq!(f.forms[0].fields.len(), MAX_FIELDS);
        assert!(f.forms[0].fields.iter().all(|x| x.label == "First Code"), "the first element of an id wins: {:?}", f.forms[0].fields[0].label);
    }

    #[test]
    fn walks_inside_one_element_stop_after_max_walk_nodes() {
        // Nested forms (a `</form>` that is not the current node leaves its children open) or
        // labels around a huge subtree made each form's button search and each label's text
        // walk the whole page.
        let form = |n: usize| format!("<form><input type=password>{}<button>Sign in</button></form>", "<i></i>".repeat(n));
        assert_eq!(page_facts("https://x.example/", &form(100)).forms[0].submit_text, "Sign in");
        assert_eq!(page_facts("https://x.example/", &form(MAX_WALK)).forms[0].submit_text, "");
        let label = |n: usize| format!("<label>{}Password <input type=password></label>", "<i></i>".repeat(n));
        assert_eq!(page_facts("https://x.example/", &label(100)).forms[0].fields[0].label, "Password");
        assert_eq!(page_facts("https://x.example/", &label(MAX_WALK)).forms[0].fields[0].label, "");
        let nested = "<form><div></form>".repeat(MAX_FORMS) + &"<i></i>".repeat(20_000);
        assert!(page_facts("https://x.example/", &nested).forms.is_empty(), "forms without fields are dropped");
    }

    #[test]
    fn only_the_first_max_candidates_images_and_headings_are_looked_at() {
        // 100,000 images under 400 ancestors took 11 s: each walks up its ancestors twice.
        let page = |n: usize| format!("{}<img alt='Example logo' src='/l.png'><h1>Sign in</h1>", "<div>".repeat(400) + &"<img><h2 hidden>x</h2>".repeat(n));
        let f = page_facts("https://x.example/", &page(10));
        assert_eq!(f.logos, vec!["Example logo", "https://x.example/l.png"]);
        assert_eq!(f.headings, vec!["Sign in"]);
        let f = page_facts("https://x.example/", &page(20_000));
        assert!(f.logos.is_empty() && f.headings.is_empty());
    }

    #[test]
    fn a_page_without_a_url_keeps_absolute_actions_only() {
        let f = page_facts("", r#"<form action="https://a.example/x"><input type=password></form><form action="rel"><input type=password></form>"#);
        assert_eq!(f.forms[0].action, "https://a.example/x");
        assert_eq!(f.forms[1].action, "rel");
    }
}
