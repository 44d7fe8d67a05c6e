//! The seller's settings, as the engine receives them, and their validation.
//!
//! The extension stores settings and hands them to the engine as JSON; the CLI reads the same
//! JSON from `--config`. Validation lives here, in Rust, so the options page and the CLI refuse
//! the same bad input with the same message, and a setting that no longer validates after an
//! upgrade is reported instead of silently dropped.

use serde::{Deserialize, Serialize};

/// What the seller configured. Every field is optional; an empty object is a valid config that
/// protects every platform in the registry.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Config {
    /// Platform ids (`alibaba`, `amazon`, ...) to protect. `None` means all of them.
    pub platforms: Option<Vec<String>>,
    /// The seller's own domains (company site, bank): lookalikes of these are dangerous too.
    pub protected_domains: Vec<String>,
    /// Domains the seller trusts: never warned about, never treated as lookalikes.
    pub trusted_domains: Vec<String>,
}

/// Why a config was refused. Each variant names the field and the value so the options page can
/// point at the exact entry.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("the settings are not valid JSON: {0}")]
    Json(String),
    #[error("unknown platform {}", Quoted(.0))]
    UnknownPlatform(String),
    #[error("{field}: {} is not a domain name ({why})", Quoted(.value))]
    InvalidDomain { field: &'static str, value: String, why: &'static str },
    #[error("{field}: {} is a public suffix, not a domain one owner controls", Quoted(.value))]
    PublicSuffix { field: &'static str, value: String },
    #[error("{field}: at most {max} entries")]
    TooMany { field: &'static str, max: usize },
}

/// A value in double quotes with Rust's escapes, as `{:?}` writes a `str`: the options page shows
/// these messages, and the WebAssembly build's `-Zfmt-debug=none` (scripts/rustc-wasm.sh) makes
/// every `{:?}` print nothing.
struct Quoted<'a>(&'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        f.write_char('"')?;
        for c in self.0.chars() {
            // `char::escape_debug` escapes a single quote, which a `str`'s `Debug` leaves alone.
            if c == '\'' {
                f.write_char(c)?;
            } else {
                for e in c.escape_debug() {
                    f.write_char(e)?;
                }
            }
        }
        f.write_char('"')
    }
}

/// Upper bound on each domain list: settings are typed by a person, and the bound keeps the
/// engine's per-URL work bounded whatever is imported.
pub const MAX_DOMAINS: usize = 500;

impl Config {
    /// Parses a config from JSON text (with [`crate::json`], as the extension's settings are:
    /// one reading, one set of errors, for both).
    pub fn from_json(text: &str) -> Result<Config, ConfigError> {
        crate::json::from_str(text).map_err(|e| ConfigError::Json(e.to_string()))
    }
}

/// Normalises one domain the seller typed: trims, lowercases, drops a scheme, path, port or
/// trailing dot that people paste along with it, and converts Unicode to its ASCII form.
pub fn normalize_domain(field: &'static str, raw: &str) -> Result<String, ConfigError> {
    let bad = |why| ConfigError::InvalidDomain { field, value: raw.to_string(), why };
    let mut s = raw.trim();
    if let Some(i) = crate::search::find(s, "://") {
        s = &s[i + 3..];
    }
    let s = s.split(['/', '?', '#']).next().unwrap_or("");
    let s = s.rsplit('@').next().unwrap_or("");
    let s = match s.rfind(':') {
        Some(i) if s[i + 1..].bytes().all(|b| b.is_ascii_digit()) => &s[..i],
        _ => s,
    };
    let s = crate::search::trim_start(s.trim_end_matches('.'), "*.");
    if s.is_empty() {
        return Err(bad("it is empty"));
    }
    if s.chars().any(|c| c.is_whitespace()) {
        return Err(bad("it contains spaces"));
    }
    let ascii = idna::domain_to_ascii(s).map_err(|_| bad("it has characters a domain cannot have"))?;
    if !ascii.contains('.') {
        return Err(bad("it has no dot"));
    }
    if ascii.len() > 253 || ascii.split('.').any(|l| l.is_empty() || l.len() > 63) {
        return Err(bad("a part is empty or too long"));
    }
    if !ascii.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') {
        return Err(bad("it has characters a domain cannot have"));
    }
    Ok(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quoting is `{:?}`'s, character for character: quotes, backslashes, controls,
    /// combining marks (escaped wherever they stand), unassigned and private-use code points.
    #[test]
    fn quoted_is_what_debug_writes() {
        let samples = ["", "not a domain!", "a\"b'c\\d", "tab\there\nnew\r\0", "\u{301}é\u{301}x\u{200b}", "阿里巴巴.com", "\u{7f}\u{80}\u{ad}\u{e000}\u{10ffff}\u{fffe}", "👍🏽 \u{1f1fa}\u{1f1f8}"];
        for s in samples {
            assert_eq!(Quoted(s).to_string(), format!("{s:?}"), "{s:?}");
        }
        let mut below = crate::xorshift::below(0xdeb0_9001);
        for _ in 0..20_000 {
            let s: String = (0..below(8)).filter_map(|_| char::from_u32(below(0x11_0000) as u32)).collect();
            assert_eq!(Quoted(&s).to_string(), format!("{s:?}"), "{s:?}");
            let s: String = (0..below(8)).filter_map(|_| char::from_u32(below(0x400) as u32)).collect();
            assert_eq!(Quoted(&s).to_string(), format!("{s:?}"), "{s:?}");
        }
    }

    #[test]
    fn empty_object_is_valid() {
        assert_eq!(Config::from_json("{}").unwrap(), Config::default());
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(matches!(Config::from_json(r#"{"trusted":["a.com"]}"#), Err(ConfigError::Json(_))));
    }

    #[test]
    fn domains_are_normalised() {
        assert_eq!(normalize_domain("f", " HTTPS://Shop.Example.COM:8443/path ").unwrap(), "shop.example.com");
        assert_eq!(normalize_domain("f", "bücher.de.").unwrap(), "xn--bcher-kva.de");
        assert_eq!(normalize_domain("f", "*.example.org").unwrap(), "example.org");
    }

    #[test]
    fn bad_domains_are_refused_with_a_reason() {
        for bad in ["", "   ", "localhost", "exa mple.com", "a..b", "under_score.com"] {
            let err = normalize_domain("trustedDomains", bad).unwrap_err();
            assert!(err.to_string().starts_with("trustedDomains"), "{err}");
        }
    }
}
