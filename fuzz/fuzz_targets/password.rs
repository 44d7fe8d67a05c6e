//! Password reuse: `password::enroll` and `password::find_reuse` with arbitrary strings and
//! tampered fingerprints.
//!
//! A real fingerprint costs `password::ITERATIONS` PBKDF2 rounds per check, far too slow for a
//! fuzzer, so most inputs check fingerprints whose `iterations` is 1–4 (the API accepts them:
//! the count is stored in the fingerprint). One input in sixteen enrols a password for real,
//! and then the typed buffer ending in that password must be found.

#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use sellershield::password::{self, Fingerprint};
use sellershield_fuzz::pick_string;

const SALT: &str = "00112233445566778899aabbccddeeff";

fn fingerprint(u: &mut Unstructured) -> arbitrary::Result<Fingerprint> {
    Ok(Fingerprint {
        platform: pick_string(u)?,
        salt: if u.ratio(3, 4)? { SALT.to_string() } else { u.arbitrary()? },
        hash: u.arbitrary()?,
        length: if u.ratio(3, 4)? { u.int_in_range(0..=40)? } else { u.arbitrary()? },
        iterations: u.int_in_range(0..=4)?,
        format: if u.ratio(7, 8)? { 1 } else { u.arbitrary()? },
    })
}

fn run(u: &mut Unstructured) -> arbitrary::Result<()> {
    let mode: u8 = u.arbitrary()?;
    if mode % 16 == 0 {
        let pw: String = u.arbitrary()?;
        let salt = if u.ratio(3, 4)? { SALT.to_string() } else { u.arbitrary()? };
        let platform = pick_string(u)?;
        let prefix: String = u.arbitrary()?;
        if let Ok(fp) = password::enroll(&pw, &salt, &platform) {
            assert_eq!(fp.length, pw.chars().count());
            assert!(!fp.hash.is_empty() && !fp.hash.contains(&pw));
            let typed = format!("{prefix}{pw}");
            let fps = [fp];
            assert!(password::find_reuse(&typed, &fps).is_some(), "an enrolled password typed at the end of {typed:?} was not found");
        }
        return Ok(());
    }
    let typed: String = u.arbitrary()?;
    let n = u.int_in_range(0..=4)?;
    let fps = (0..n).map(|_| fingerprint(u)).collect::<arbitrary::Result<Vec<_>>>()?;
    if let Some(found) = password::find_reuse(&typed, &fps) {
        assert!(fps.iter().any(|f| std::ptr::eq(f, found)));
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
