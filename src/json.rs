//! The JSON the engine is handed: settings, messages, page facts, password fingerprints.
//!
//! Read by hand, straight into the engine's types, rather than through `serde_json`'s
//! deserialiser. That deserialiser is generic over the type it fills: every input type the
//! WebAssembly module accepted was another copy of its parsing code (~50 KB of the module for
//! eleven types), and its error messages brought in the standard library's float formatting
//! (~20 KB) to print a number nobody sends. Here one non-generic parser walks the text and each
//! type says which keys it reads, in a few lines. `serde_json` still writes the answers (its
//! serialiser is small) and the derives stay for the native tools and the tests, which hold
//! this reader to `serde_json` on the same inputs. `miniserde`, the small-code JSON crate, was
//! the library to use instead, but its errors carry no message, and the surface promises an
//! error that names the bad field.
//!
//! What it accepts is what the derives accepted: a missing key takes the field's default, an
//! unknown key is skipped (settings refuse it, as `deny_unknown_fields` did), `null` is `None`
//! for an optional field and an error for any other; a key given twice keeps its last value
//! (the derives refused it; the browser's `JSON.stringify` never writes one), and half of a
//! surrogate pair alone reads as U+FFFD (`serde_json` refused the input: a text cut inside an
//! emoji would have cost a whole inbox batch its verdicts, or a page its check). A bad input is an error that names where
//! (`[3].links[0].href: expected a string at line 1 column 57`), never a panic: nesting is
//! bounded, and every count of the input is the input's own size.

use std::borrow::Cow;
use std::fmt;

use crate::config::Config;
use crate::message::{Attachment, MessageInput, MessageLink, Sender};
use crate::page::{FieldFacts, FormFacts, FrameFacts, PageFacts};
use crate::password::Fingerprint;

/// Deepest nesting of arrays and objects read (what `serde_json` allows too).
const MAX_DEPTH: usize = 128;

/// Why a JSON text could not be read as the type asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Where in the value, outermost first (`[3].links[0].href`); empty at the top.
    path: String,
    what: String,
    line: usize,
    column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{} at line {} column {}", self.what, self.line, self.column)
    }
}

impl std::error::Error for JsonError {}

impl JsonError {
    /// The error, as met inside key `key` of an object.
    fn in_key(mut self, key: &str) -> JsonError {
        let sep = if self.path.is_empty() || self.path.starts_with('[') { "" } else { "." };
        self.path = format!("{key}{sep}{}", self.path);
        self
    }

    /// The error, as met inside item `i` of an array.
    fn in_item(mut self, i: usize) -> JsonError {
        let sep = if self.path.is_empty() || self.path.starts_with('[') { "" } else { "." };
        self.path = format!("[{i}]{sep}{}", self.path);
        self
    }
}

/// A value the engine reads from JSON.
pub trait FromJson<'a>: Sized {
    fn read(p: &mut Parser<'a>) -> Result<Self, JsonError>;
}

/// Reads `text` as one `T`, with nothing after it but white space.
pub fn from_str<'a, T: FromJson<'a>>(text: &'a str) -> Result<T, JsonError> {
    let mut p = Parser { text, at: 0, depth: 0 };
    let value = T::read(&mut p)?;
    p.space();
    if p.at < text.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

/// A position in a JSON text.
pub struct Parser<'a> {
    text: &'a str,
    at: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    /// An error at the current position.
    pub fn error(&self, what: &str) -> JsonError {
        let before = &self.text.as_bytes()[..self.at.min(self.text.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
        JsonError { path: String::new(), what: what.to_string(), line, column }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// Skips white space and the literal `word` if it comes next.
    fn literal(&mut self, word: &str) -> bool {
        self.space();
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    /// True (and consumed) when the next value is `null`.
    pub fn null(&mut self) -> bool {
        self.literal("null")
    }

    /// An object: `key` is called with each key, with the parser before its value, and must
    /// read or [`skip`](Parser::skip) that value. Errors inside a value name its key.
    pub fn object(&mut self, key: &mut dyn FnMut(&mut Parser<'a>, &str) -> Result<(), JsonError>) -> Result<(), JsonError> {
        if !self.literal("{") {
            return Err(self.error("expected an object"));
        }
        self.nest()?;
        if !self.literal("}") {
            loop {
                self.space();
                if self.peek() != Some(b'"') {
                    return Err(self.error("expected a key"));
                }
                let name = self.string()?;
                if !self.literal(":") {
                    return Err(self.error("expected `:`"));
                }
                key(self, &name).map_err(|e| e.in_key(&name))?;
                if self.literal(",") {
                    continue;
                }
                if self.literal("}") {
                    break;
                }
                return Err(self.error("expected `,` or `}`"));
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// An array: `item` reads each item. Errors inside an item name its index.
    pub fn array(&mut self, item: &mut dyn FnMut(&mut Parser<'a>) -> Result<(), JsonError>) -> Result<(), JsonError> {
        if !self.literal("[") {
            return Err(self.error("expected an array"));
        }
        self.nest()?;
        if !self.literal("]") {
            let mut i = 0;
            loop {
                item(self).map_err(|e| e.in_item(i))?;
                i += 1;
                if self.literal(",") {
                    continue;
                }
                if self.literal("]") {
                    break;
                }
                return Err(self.error("expected `,` or `]`"));
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn nest(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        Ok(())
    }

    /// A string, borrowed from the text when it has no escapes.
    pub fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        if !self.literal("\"") {
            return Err(self.error("expected a string"));
        }
        let text = self.text;
        let bytes = text.as_bytes();
        let mut owned: Option<String> = None;
        let mut from = self.at;
        loop {
            let Some(i) = memchr::memchr2(b'"', b'\\', &bytes[self.at..]) else {
                self.at = bytes.len();
                return Err(self.error("unterminated string"));
            };
            let stop = self.at + i;
            // One branchless pass the compiler vectorises; where the character is, only when
            // there is one.
            if bytes[self.at..stop].iter().fold(false, |any, &b| any | (b < 0x20)) {
                self.at += bytes[self.at..stop].iter().position(|&b| b < 0x20).unwrap_or(0);
                return Err(self.error("control character in a string"));
            }
            self.at = stop + 1;
            if bytes[stop] == b'"' {
                return Ok(match owned {
                    None => Cow::Borrowed(&text[from..stop]),
                    Some(mut s) => {
                        s.push_str(&text[from..stop]);
                        Cow::Owned(s)
                    }
                });
            }
            let s = owned.get_or_insert_with(String::new);
            s.push_str(&text[from..stop]);
            let c = match bytes.get(self.at) {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'/') => '/',
                Some(b'b') => '\u{8}',
                Some(b'f') => '\u{c}',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'u') => {
                    self.at += 1;
                    let unit = self.hex4()?;
                    let c = match unit {
                        0xD800..=0xDBFF => match self.low_surrogate_next() {
                            Some(low) => {
                                self.at += 6;
                                char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                            }
                            None => None,
                        },
                        _ => char::from_u32(unit),
                    };
                    // Half of a surrogate pair alone (a page's text cut inside an emoji, which
                    // `JSON.stringify` writes as `\udXXX`) cannot be a Rust string. It reads as
                    // U+FFFD, as a browser shows it, where `serde_json` refused the whole input:
                    // one cut emoji in one message must not cost a batch its verdicts, nor a
                    // page its check.
                    s.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
                    from = self.at;
                    continue;
                }
                _ => return Err(self.error("invalid escape in a string")),
            };
            s.push(c);
            self.at += 1;
            from = self.at;
        }
    }

    /// The low half of a surrogate pair, when the next escape is one (not consumed).
    fn low_surrogate_next(&self) -> Option<u32> {
        let rest = self.text.get(self.at..self.at + 6)?;
        let digits = rest.strip_prefix("\\u").filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))?;
        u32::from_str_radix(digits, 16).ok().filter(|u| (0xDC00..=0xDFFF).contains(u))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.text.get(self.at..self.at + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let n = digits.and_then(|d| u32::from_str_radix(d, 16).ok()).ok_or_else(|| self.error("invalid \\u escape in a string"))?;
        self.at += 4;
        Ok(n)
    }

    /// A string, owned.
    pub fn owned(&mut self) -> Result<String, JsonError> {
        self.string().map(Cow::into_owned)
    }

    /// An optional string: `null` is `None`.
    pub fn optional(&mut self) -> Result<Option<String>, JsonError> {
        if self.null() { Ok(None) } else { self.owned().map(Some) }
    }

    pub fn boolean(&mut self) -> Result<bool, JsonError> {
        if self.literal("true") {
            Ok(true)
        } else if self.literal("false") {
            Ok(false)
        } else {
            Err(self.error("expected true or false"))
        }
    }

    /// A whole number from 0 to `max`.
    pub fn number(&mut self, max: u64) -> Result<u64, JsonError> {
        self.space();
        let start = self.at;
        let digits = self.text.as_bytes()[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        self.at += digits;
        let whole = digits > 0 && !matches!(self.peek(), Some(b'.' | b'e' | b'E')) && !(digits > 1 && self.text.as_bytes()[start] == b'0');
        let n = if whole { self.text[start..start + digits].parse::<u64>().ok().filter(|&n| n <= max) } else { None };
        n.ok_or_else(|| {
            self.at = start;
            self.error(&format!("expected a whole number from 0 to {max}"))
        })
    }

    /// Any value, read and dropped (a key the engine does not use).
    pub fn skip(&mut self) -> Result<(), JsonError> {
        self.space();
        match self.peek() {
            Some(b'{') => self.object(&mut |p, _| p.skip()),
            Some(b'[') => self.array(&mut |p| p.skip()),
            Some(b'"') => self.string().map(drop),
            Some(b't' | b'f') => self.boolean().map(drop),
            Some(b'n') if self.null() => Ok(()),
            Some(b'-' | b'0'..=b'9') => {
                // Any JSON number: sign, digits, fraction, exponent.
                let start = self.at;
                let b = self.text.as_bytes();
                let mut i = self.at + usize::from(b[self.at] == b'-');
                let digits = |i: &mut usize| {
                    let s = *i;
                    while b.get(*i).is_some_and(u8::is_ascii_digit) {
                        *i += 1;
                    }
                    *i > s
                };
                let first = i;
                // Digits, without a leading zero before more of them.
                let mut ok = digits(&mut i) && !(b[first] == b'0' && i - first > 1);
                if ok && b.get(i) == Some(&b'.') {
                    i += 1;
                    ok = digits(&mut i);
                }
                if ok && matches!(b.get(i), Some(b'e' | b'E')) {
                    i += 1;
                    if matches!(b.get(i), Some(b'+' | b'-')) {
                        i += 1;
                    }
                    ok = digits(&mut i);
                }
                if !ok {
                    self.at = start;
                    return Err(self.error("invalid number"));
                }
                self.at = i;
                Ok(())
            }
            _ => Err(self.error("expected a value")),
        }
    }

    /// A list of `T`.
    pub fn list<T: FromJson<'a>>(&mut self) -> Result<Vec<T>, JsonError> {
        let mut out = Vec::new();
        self.array(&mut |p| {
            out.push(T::read(p)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// A list of strings.
    pub fn strings(&mut self) -> Result<Vec<String>, JsonError> {
        let mut out = Vec::new();
        self.array(&mut |p| {
            out.push(p.owned()?);
            Ok(())
        })?;
        Ok(out)
    }
}

impl<'a, T: FromJson<'a>> FromJson<'a> for Vec<T> {
    fn read(p: &mut Parser<'a>) -> Result<Vec<T>, JsonError> {
        p.list()
    }
}

impl FromJson<'_> for Config {
    /// Settings refuse a key they do not know: a misspelt setting must not be silently off.
    fn read(p: &mut Parser<'_>) -> Result<Config, JsonError> {
        let mut c = Config::default();
        p.object(&mut |p, key| {
            match key {
                "platforms" => c.platforms = if p.null() { None } else { Some(p.strings()?) },
                "protectedDomains" => c.protected_domains = p.strings()?,
                "trustedDomains" => c.trusted_domains = p.strings()?,
                _ => return Err(p.error("unknown setting (the settings are platforms, protectedDomains, trustedDomains)")),
            }
            Ok(())
        })?;
        Ok(c)
    }
}

impl FromJson<'_> for MessageLink {
    fn read(p: &mut Parser<'_>) -> Result<MessageLink, JsonError> {
        let mut l = MessageLink::default();
        p.object(&mut |p, key| match key {
            "href" => p.owned().map(|s| l.href = s),
            "text" => p.optional().map(|s| l.text = s),
            _ => p.skip(),
        })?;
        Ok(l)
    }
}

impl FromJson<'_> for Sender {
    fn read(p: &mut Parser<'_>) -> Result<Sender, JsonError> {
        let mut s = Sender::default();
        p.object(&mut |p, key| match key {
            "name" => p.optional().map(|v| s.name = v),
            "address" => p.optional().map(|v| s.address = v),
            "replyTo" => p.optional().map(|v| s.reply_to = v),
            _ => p.skip(),
        })?;
        Ok(s)
    }
}

impl FromJson<'_> for Attachment {
    fn read(p: &mut Parser<'_>) -> Result<Attachment, JsonError> {
        let mut a = Attachment::default();
        p.object(&mut |p, key| match key {
            "name" => p.owned().map(|v| a.name = v),
            "contentType" => p.optional().map(|v| a.content_type = v),
            _ => p.skip(),
        })?;
        Ok(a)
    }
}

impl FromJson<'_> for MessageInput {
    fn read(p: &mut Parser<'_>) -> Result<MessageInput, JsonError> {
        let mut m = MessageInput::default();
        p.object(&mut |p, key| match key {
            "text" => p.owned().map(|v| m.text = v),
            "links" => p.list().map(|v| m.links = v),
            "platform" => p.optional().map(|v| m.platform = v),
            "sender" => (if p.null() { Ok(None) } else { Sender::read(p).map(Some) }).map(|v| m.sender = v),
            "attachments" => p.list().map(|v| m.attachments = v),
            _ => p.skip(),
        })?;
        Ok(m)
    }
}

impl FromJson<'_> for FieldFacts {
    fn read(p: &mut Parser<'_>) -> Result<FieldFacts, JsonError> {
        let mut f = FieldFacts::default();
        p.object(&mut |p, key| match key {
            "type" => p.owned().map(|v| f.kind = v),
            "name" => p.owned().map(|v| f.name = v),
            "id" => p.owned().map(|v| f.id = v),
            "autocomplete" => p.owned().map(|v| f.autocomplete = v),
            "placeholder" => p.owned().map(|v| f.placeholder = v),
            "label" => p.owned().map(|v| f.label = v),
            "visible" => p.boolean().map(|v| f.visible = v),
            _ => p.skip(),
        })?;
        Ok(f)
    }
}

impl FromJson<'_> for FormFacts {
    fn read(p: &mut Parser<'_>) -> Result<FormFacts, JsonError> {
        let mut f = FormFacts::default();
        p.object(&mut |p, key| match key {
            "action" => p.owned().map(|v| f.action = v),
            "method" => p.owned().map(|v| f.method = v),
            "fields" => p.list().map(|v| f.fields = v),
            "submitText" => p.owned().map(|v| f.submit_text = v),
            _ => p.skip(),
        })?;
        Ok(f)
    }
}

impl FromJson<'_> for FrameFacts {
    fn read(p: &mut Parser<'_>) -> Result<FrameFacts, JsonError> {
        let mut f = FrameFacts::default();
        p.object(&mut |p, key| match key {
            "src" => p.owned().map(|v| f.src = v),
            "visible" => p.boolean().map(|v| f.visible = v),
            "forms" => p.list().map(|v| f.forms = v),
            _ => p.skip(),
        })?;
        Ok(f)
    }
}

impl FromJson<'_> for PageFacts {
    fn read(p: &mut Parser<'_>) -> Result<PageFacts, JsonError> {
        let mut f = PageFacts::default();
        p.object(&mut |p, key| match key {
            "url" => p.owned().map(|v| f.url = v),
            "title" => p.owned().map(|v| f.title = v),
            "topFrame" => p.boolean().map(|v| f.top_frame = v),
            "referrer" => p.owned().map(|v| f.referrer = v),
            "openedFromInbox" => p.optional().map(|v| f.opened_from_inbox = v),
            "forms" => p.list().map(|v| f.forms = v),
            "headings" => p.strings().map(|v| f.headings = v),
            "logos" => p.strings().map(|v| f.logos = v),
            "favicon" => p.owned().map(|v| f.favicon = v),
            "siteName" => p.owned().map(|v| f.site_name = v),
            "textSample" => p.owned().map(|v| f.text_sample = v),
            "frames" => p.list().map(|v| f.frames = v),
            _ => p.skip(),
        })?;
        Ok(f)
    }
}

impl FromJson<'_> for Fingerprint {
    /// Every field but `format` is required: a fingerprint missing one was not written by
    /// `enrollPassword`.
    fn read(p: &mut Parser<'_>) -> Result<Fingerprint, JsonError> {
        let (mut platform, mut salt, mut hash, mut length, mut iterations) = (None, None, None, None, None);
        let mut format = crate::password::FORMAT;
        p.object(&mut |p, key| {
            match key {
                "platform" => platform = Some(p.owned()?),
                "salt" => salt = Some(p.owned()?),
                "hash" => hash = Some(p.owned()?),
                "length" => length = Some(p.number(u32::MAX.into())? as usize),
                "iterations" => iterations = Some(p.number(u32::MAX.into())? as u32),
                "format" => format = p.number(u8::MAX.into())? as u8,
                _ => p.skip()?,
            }
            Ok(())
        })?;
        let missing = |field: &str| p.error(&format!("missing field `{field}`"));
        Ok(Fingerprint {
            platform: platform.ok_or_else(|| missing("platform"))?,
            salt: salt.ok_or_else(|| missing("salt"))?,
            hash: hash.ok_or_else(|| missing("hash"))?,
            length: length.ok_or_else(|| missing("length"))?,
            iterations: iterations.ok_or_else(|| missing("iterations"))?,
            format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    /// What this reader and `serde_json`'s derive make of `text`: the same value, or both an
    /// error.
    fn same<T>(text: &str) -> Option<String>
    where
        T: for<'a> FromJson<'a> + DeserializeOwned + Serialize,
    {
        let mine = from_str::<T>(text);
        let theirs = serde_json::from_str::<T>(text);
        match (&mine, &theirs) {
            // A lone surrogate is where the two part on purpose (`lone_surrogates_…` below).
            (Ok(_), Err(e)) if e.to_string().contains("surrogate") => None,
            (Ok(a), Ok(b)) => {
                assert_eq!(serde_json::to_string(a).unwrap(), serde_json::to_string(b).unwrap(), "{text}");
                None
            }
            (Err(e), Err(_)) => Some(e.to_string()),
            _ => panic!("{text}: this reader {:?}, serde_json {:?}", mine.as_ref().map(|_| ()), theirs.as_ref().map(|_| ())),
        }
    }

    #[test]
    fn messages_read_as_the_derive_read_them() {
        for text in [
            r#"{"text":"hello"}"#,
            r#"{}"#,
            r#" { "text" : "a\"b\\c\/d\n\t\u00e9\ud83d\ude00" , "links":[{"href":"https://a.example/","text":null},{"href":"x"}],
                "platform":"alibaba","sender":{"name":"Al","address":"a@b.c","replyTo":null},"attachments":[{"name":"a.exe","contentType":"x"}],
                "extra":{"deep":[1,-2.5e3,true,null,"s",{"k":[]}]}} "#,
            r#"{"text":"a","sender":null,"platform":null}"#,
            r#"{"text":"a","links":[]}"#,
        ] {
            assert_eq!(same::<MessageInput>(text), None, "{text}");
            assert_eq!(same::<Vec<MessageInput>>(&format!("[{text},{text}]")), None);
        }
        for bad in [
            r#"{"text":5}"#,
            r#"{"text":null}"#,
            r#"{"links":{}}"#,
            r#"{"links":[{"href":1}]}"#,
            r#"{"text":"a"} x"#,
            r#"{"text":"a""#,
            r#"{"text":"a\x"}"#,
            "{\"text\":\"a\u{1}\"}",
            r#"{"text":"a",}"#,
            r#"{text:"a"}"#,
            r#"[1,2]"#,
            r#""just a string""#,
            r#"{"sender":{"name":3}}"#,
            r#"{"x":01}"#,
            r#"{"x":-}"#,
            r#"{"x":1.}"#,
            r#"{"x":tru}"#,
            "",
        ] {
            assert!(same::<MessageInput>(bad).is_some(), "{bad} is refused");
        }
    }

    #[test]
    fn page_facts_and_fingerprints_read_as_the_derive_read_them() {
        for text in [
            r#"{}"#,
            r#"{"url":"https://x.example/","title":"T","topFrame":false,"referrer":"r","openedFromInbox":"alibaba",
                "forms":[{"action":"a","method":"post","fields":[{"type":"password","name":"p","id":"i","autocomplete":"current-password",
                "placeholder":"ph","label":"l","visible":false},{}],"submitText":"Sign in"}],"headings":["h"],"logos":["l.png"],
                "favicon":"f","siteName":"s","textSample":"t","frames":[{"src":"about:srcdoc","visible":false,"forms":[{}]},{}],"unknown":[[]]}"#,
            r#"{"openedFromInbox":null}"#,
        ] {
            assert_eq!(same::<PageFacts>(text), None, "{text}");
        }
        for bad in [r#"{"forms":"none"}"#, r#"{"topFrame":1}"#, r#"{"frames":[{"visible":"yes"}]}"#, r#"{"title":null}"#] {
            assert!(same::<PageFacts>(bad).is_some(), "{bad} is refused");
        }
        let fp = r#"{"platform":"alibaba","salt":"00ff","hash":"abcd","length":12,"iterations":100000}"#;
        assert_eq!(same::<Vec<Fingerprint>>(&format!("[{fp}]")), None);
        assert_eq!(same::<Fingerprint>(&fp.replace('}', r#","format":1}"#)), None);
        for bad in [
            r#"{"platform":"alibaba","salt":"00ff","hash":"abcd","length":12}"#,
            r#"{"platform":"alibaba","salt":"00ff","hash":"abcd","length":-1,"iterations":1}"#,
            r#"{"platform":"alibaba","salt":"00ff","hash":"abcd","length":1.5,"iterations":1}"#,
            r#"{"platform":"alibaba","salt":"00ff","hash":"abcd","length":1,"iterations":1,"format":256}"#,
            r#""not fingerprints""#,
        ] {
            assert!(same::<Fingerprint>(bad).is_some(), "{bad} is refused");
        }
    }

    #[test]
    fn settings_refuse_unknown_keys_naming_them() {
        for text in [r#"{}"#, r#"{"platforms":null}"#, r#"{"platforms":["alibaba"],"protectedDomains":["a.com"],"trustedDomains":[]}"#] {
            assert_eq!(same::<Config>(text), None, "{text}");
        }
        for bad in [r#"{"trustedDomain":["a.com"]}"#, r#"{"platforms":"alibaba"}"#, "42", r#"{"trustedDomains":null}"#] {
            assert!(same::<Config>(bad).is_some(), "{bad} is refused");
        }
        let e = from_str::<Config>(r#"{"trustedDomain":["a.com"]}"#).unwrap_err().to_string();
        assert!(e.starts_with("trustedDomain: unknown setting"), "{e}");
    }

    #[test]
    fn errors_say_where() {
        let e = from_str::<Vec<MessageInput>>("[{\"text\":\"a\"},\n {\"links\":[{\"href\":1}]}]").unwrap_err().to_string();
        assert_eq!(e, "[1].links[0].href: expected a string at line 2 column 20");
        let e = from_str::<PageFacts>(r#"{"forms":[{"fields":[{"visible":"yes"}]}]}"#).unwrap_err().to_string();
        assert!(e.starts_with("forms[0].fields[0].visible: expected true or false"), "{e}");
    }

    #[test]
    fn deep_nesting_and_cut_input_are_errors_not_panics() {
        let deep = format!("{{\"x\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(from_str::<MessageInput>(&deep).unwrap_err().to_string().contains("nested too deeply"));
        let text = r#"{"text":"a\u00e9\"b","links":[{"href":"h","text":"t"}],"sender":{"name":"n"},"x":[1.5e-3,{"y":null}]}"#;
        for cut in 0..text.len() {
            assert!(from_str::<MessageInput>(&text[..cut]).is_err(), "{}", &text[..cut]);
        }
        assert!(from_str::<MessageInput>(text).is_ok());
    }

    /// Valid inputs broken at random (a byte dropped, doubled or replaced by JSON's own
    /// punctuation): this reader and the derive agree on every one, value or refusal.
    #[test]
    fn broken_inputs_are_refused_where_the_derive_refused_them() {
        let seeds = [
            r#"{"text":"Dear \"seller\", see\nhttps://x.example/ \u00e9","links":[{"href":"https://a.example/p?q=1","text":"here"}],"platform":"amazon","sender":{"name":"A","address":"a@b.c","replyTo":"r@b.c"},"attachments":[{"name":"i.pdf","contentType":"application/pdf"}],"n":[0,-1,2.5e-3,true,false,null]}"#,
            r#"{"url":"https://x.example/login","topFrame":true,"forms":[{"action":"/p","fields":[{"type":"password","visible":true}]}],"headings":["Sign in"],"frames":[{"src":"s","forms":[]}]}"#,
        ];
        let pieces = ["", "\"", "\\", ",", ":", "{", "}", "[", "]", "0", "-", ".", "e", "n", "\\u", " "];
        let mut next = crate::xorshift::below(0x853c_49e6_748f_ea9b_u64);
        let (mut refused, mut read) = (0, 0);
        for _ in 0..20_000 {
            let base = seeds[next(seeds.len())];
            let mut text = base.as_bytes().to_vec();
            for _ in 0..1 + next(2) {
                let at = next(text.len());
                match next(3) {
                    0 => drop(text.remove(at)),
                    1 => text.insert(at, text[at]),
                    _ => {
                        text.remove(at);
                        for (k, b) in pieces[next(pieces.len())].bytes().enumerate() {
                            text.insert(at + k, b);
                        }
                    }
                }
            }
            let Ok(text) = String::from_utf8(text) else { continue };
            let verdicts = [same::<MessageInput>(&text), same::<PageFacts>(&text)];
            refused += verdicts.iter().filter(|v| v.is_some()).count();
            read += verdicts.iter().filter(|v| v.is_none()).count();
        }
        assert!(refused > 10_000 && read > 1_000, "both outcomes are tried ({refused} refused, {read} read)");
    }

    #[test]
    fn lone_surrogates_read_as_replacement_characters() {
        let text = |json: &str| from_str::<MessageInput>(json).map(|m| m.text);
        assert_eq!(text(r#"{"text":"a\ud83d\ude00b"}"#).unwrap(), "a\u{1F600}b", "a pair is one character");
        assert_eq!(text(r#"{"text":"cut \ud83d"}"#).unwrap(), "cut \u{FFFD}", "a high half at the end");
        assert_eq!(text(r#"{"text":"\ude00 x"}"#).unwrap(), "\u{FFFD} x", "a low half alone");
        assert_eq!(text(r#"{"text":"\ud800\u0041"}"#).unwrap(), "\u{FFFD}A", "a high half before an ordinary escape");
        assert_eq!(text(r#"{"text":"\ud800\ud800\udc00"}"#).unwrap(), "\u{FFFD}\u{10000}", "a high half before a pair");
        assert_eq!(text(r#"{"text":"\udc00\ud800"}"#).unwrap(), "\u{FFFD}\u{FFFD}", "the halves the wrong way round");
        // What the browser writes for a text cut inside an emoji reads, and the rest with it.
        let batch = format!(r#"[{{"text":"ok"}},{{"text":"{}"}}]"#, "Verify now \\ud83d");
        assert_eq!(from_str::<Vec<MessageInput>>(&batch).unwrap()[1].text, "Verify now \u{FFFD}");
        // A broken escape after a high half is still an error, not a guess.
        assert!(text(r#"{"text":"\ud800\u00"}"#).is_err());
        assert!(text(r#"{"text":"\ud800\uzzzz"}"#).is_err());
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let mut p = Parser { text: r#""plain" "esc\n""#, at: 0, depth: 0 };
        assert!(matches!(p.string().unwrap(), Cow::Borrowed("plain")));
        assert!(matches!(p.string().unwrap(), Cow::Owned(s) if s == "esc\n"));
    }
}
