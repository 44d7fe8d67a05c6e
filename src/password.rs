//! Password reuse: a fingerprint of each protected password, and the check of typed text.
//!
//! The scams end with the seller typing the platform password into the scammer's page. Like
//! Google's Password Alert, SellerShield remembers a *fingerprint* of the password typed on the
//! genuine login page and notices when the same characters are typed anywhere else. The
//! fingerprint is useless to an attacker who steals the extension's storage:
//!
//! - a per-install random salt (made by the extension), so no precomputed table applies;
//! - PBKDF2-HMAC-SHA256 with [`ITERATIONS`] rounds, so each guess costs real work;
//! - only [`HASH_BITS`] bits of the result are kept, so even a correct guess cannot be told
//!   apart from the ~billions of other strings with the same truncated hash — while a false
//!   alarm from random typing stays at about one in 137 billion per check.
//!
//! The length of the password is stored so a check costs one derivation per fingerprint, not
//! one per possible length; Password Alert makes the same trade.

use pbkdf2::pbkdf2_hmac;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// PBKDF2 rounds. Chosen so one check takes a few milliseconds in WebAssembly (measured in the
/// browser benchmark), which a keystroke can afford and a dictionary attack cannot.
pub const ITERATIONS: u32 = 20_000;
/// Bits of the derived key kept in a fingerprint.
pub const HASH_BITS: u32 = 37;
/// Shorter passwords are not watched: too many ordinary strings would match them.
pub const MIN_LENGTH: usize = 8;
/// Longer ones are not either: no keystroke buffer keeps that much.
pub const MAX_LENGTH: usize = 128;
pub(crate) const FORMAT: u8 = 1;

/// What is stored for one enrolled password. Contains no reversible form of the password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fingerprint {
    /// The platform id the password protects.
    pub platform: String,
    /// The salt, hex.
    pub salt: String,
    /// The truncated derived key, hex.
    pub hash: String,
    /// The password's length in characters.
    pub length: usize,
    pub iterations: u32,
    #[serde(default = "default_format")]
    pub format: u8,
}

fn default_format() -> u8 {
    FORMAT
}

/// Why a password could not be enrolled.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("passwords shorter than {MIN_LENGTH} characters are not watched (too many ordinary words would match)")]
    TooShort,
    #[error("passwords longer than {MAX_LENGTH} characters are not watched")]
    TooLong,
    #[error("the salt must be at least 16 bytes of hex")]
    BadSalt,
    #[error("a platform id is required")]
    NoPlatform,
}

/// Makes the fingerprint of `password` for `platform`, with the install's salt (hex).
pub fn enroll(password: &str, salt_hex: &str, platform: &str) -> Result<Fingerprint, PasswordError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordError::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PasswordError::TooLong);
    }
    if platform.trim().is_empty() {
        return Err(PasswordError::NoPlatform);
    }
    let salt = decode_hex(salt_hex).filter(|s| s.len() >= 16).ok_or(PasswordError::BadSalt)?;
    Ok(Fingerprint {
        platform: platform.to_string(),
        salt: salt_hex.to_ascii_lowercase(),
        hash: derive(password, &salt, ITERATIONS),
        length,
        iterations: ITERATIONS,
        format: FORMAT,
    })
}

/// True when `candidate` is the fingerprinted password (up to the truncated hash).
pub fn matches(candidate: &str, fp: &Fingerprint) -> bool {
    if fp.format != FORMAT || candidate.chars().count() != fp.length || fp.iterations == 0 || fp.iterations > 10_000_000 {
        return false;
    }
    let Some(salt) = decode_hex(&fp.salt) else { return false };
    derive(candidate, &salt, fp.iterations) == fp.hash
}

/// The first fingerprint whose password is the end of `typed` (the rolling keystroke buffer).
pub fn find_reuse<'a>(typed: &str, fps: &'a [Fingerprint]) -> Option<&'a Fingerprint> {
    let total = typed.chars().count();
    fps.iter().find(|fp| {
        if fp.length < MIN_LENGTH || fp.length > total {
            return false;
        }
        let start = typed.char_indices().nth(total - fp.length).map(|(i, _)| i).unwrap_or(0);
        matches(&typed[start..], fp)
    })
}

fn derive(password: &str, salt: &[u8], iterations: u32) -> String {
    let mut key = [0u8; 8];
    pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, iterations, &mut key);
    // Keep HASH_BITS bits: 4 whole bytes and the top 5 bits of the fifth.
    let keep = (HASH_BITS / 8) as usize;
    let mut out = key[..=keep].to_vec();
    out[keep] &= 0xffu8 << (8 - HASH_BITS % 8);
    out.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    // `from_str_radix` alone would also take a sign (`"+f"`), so one salt would have several
    // spellings; only hex digits are hex.
    if s.len() % 2 != 0 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SALT: &str = "00112233445566778899aabbccddeeff";
    const OTHER_SALT: &str = "ffeeddccbbaa99887766554433221100";

    #[test]
    fn fingerprint_matches_the_right_password_only() {
        let fp = enroll("Tr0ub4dor&3x", SALT, "alibaba").unwrap();
        assert!(matches("Tr0ub4dor&3x", &fp));
        assert!(!matches("Tr0ub4dor&3y", &fp));
        assert!(!matches("tr0ub4dor&3x", &fp));
        assert!(!matches("Tr0ub4dor&3", &fp));
    }

    #[test]
    fn nothing_reversible_is_stored() {
        let password = "Tr0ub4dor&3x";
        let fp = enroll(password, SALT, "alibaba").unwrap();
        let stored = serde_json::to_string(&fp).unwrap();
        assert!(!stored.contains(password));
        assert!(!stored.contains("Tr0ub"));
        // 37 bits: 5 bytes of hex, the last byte's low 3 bits zero.
        assert_eq!(fp.hash.len(), 10);
        assert_eq!(u8::from_str_radix(&fp.hash[8..], 16).unwrap() & 0b111, 0);
    }

    #[test]
    fn a_wrong_salt_or_changed_password_does_not_match() {
        let fp = enroll("correct horse battery", SALT, "amazon").unwrap();
        let mut wrong_salt = fp.clone();
        wrong_salt.salt = OTHER_SALT.into();
        assert!(!matches("correct horse battery", &wrong_salt));
        let changed = enroll("correct horse battery!", SALT, "amazon").unwrap();
        assert!(!matches("correct horse battery", &changed));
    }

    #[test]
    fn reuse_is_found_at_the_end_of_the_buffer() {
        let fps = vec![enroll("s3ller-pass", SALT, "alibaba").unwrap(), enroll("другой-пароль", SALT, "ebay").unwrap()];
        assert_eq!(find_reuse("usernames3ller-pass", &fps).map(|f| f.platform.as_str()), Some("alibaba"));
        assert_eq!(find_reuse("xxдругой-пароль", &fps).map(|f| f.platform.as_str()), Some("ebay"));
        assert!(find_reuse("s3ller-pas", &fps).is_none());
        assert!(find_reuse("", &fps).is_none());
        assert!(find_reuse("s3ller-passX", &fps).is_none());
    }

    #[test]
    fn bad_enrolment_input_is_refused() {
        assert_eq!(enroll("short", SALT, "alibaba"), Err(PasswordError::TooShort));
        assert_eq!(enroll("long enough", "abc", "alibaba"), Err(PasswordError::BadSalt));
        assert_eq!(enroll("long enough", "zz112233445566778899aabbccddeeff", "alibaba"), Err(PasswordError::BadSalt));
        assert_eq!(enroll("long enough", SALT, " "), Err(PasswordError::NoPlatform));
        assert_eq!(enroll("long enough", "+0112233445566778899aabbccddeef", "alibaba"), Err(PasswordError::BadSalt), "a sign is not a hex digit");
    }

    #[test]
    fn tampered_fingerprints_never_match_or_panic() {
        let mut fp = enroll("long enough", SALT, "alibaba").unwrap();
        fp.salt = "not hex".into();
        assert!(!matches("long enough", &fp));
        fp.salt = SALT.into();
        fp.iterations = 0;
        assert!(!matches("long enough", &fp));
    }
}
