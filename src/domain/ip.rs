//! Whether a host is written as an IP address: the grammar of std's `Ipv4Addr` and `Ipv6Addr`
//! parsers, answered yes or no.
//!
//! `HostInfo::new` only needs the kind of host, never the address, and std's parsers
//! (`core::net`'s `read_ipv4_addr`, `read_ipv6_addr`, `read_groups` and a generic `read_number`
//! per integer type) were ~3.5 KB of the WebAssembly module before wasm-opt. The `url` crate's
//! own parse cannot stand in for them: most hosts reach `HostInfo::new` as text from elsewhere (a
//! sender's domain, a path segment, a link's shown text), and url's IPv4 rules are WHATWG's
//! (`0x7f.1`, `127.1`), not std's. So this is std's grammar, step for step, on bytes: the same
//! greedy reads and the same backtracking, which a test holds to std's answers on generated text.

/// The end of a decimal IPv4 part starting at `at`: one to three digits (std reads digits
/// greedily and fails on a fourth), at most 255, no leading zero unless the part is `0`.
fn octet(s: &[u8], at: usize) -> Option<usize> {
    let digits = s.get(at..)?.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 || (digits > 1 && s[at] == b'0') {
        return None;
    }
    let value = s[at..at + digits].iter().fold(0u32, |v, b| v * 10 + u32::from(b - b'0'));
    (value <= 255).then_some(at + digits)
}

/// The end of a dotted-quad IPv4 address starting at `at`.
fn ipv4_at(s: &[u8], at: usize) -> Option<usize> {
    let mut end = octet(s, at)?;
    for _ in 0..3 {
        if s.get(end) != Some(&b'.') {
            return None;
        }
        end = octet(s, end + 1)?;
    }
    Some(end)
}

/// The end of an IPv6 group starting at `at`: one to four hex digits, either case (a fifth
/// fails the group, as in std).
fn group(s: &[u8], at: usize) -> Option<usize> {
    let digits = s.get(at..)?.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    (1..=4).contains(&digits).then_some(at + digits)
}

/// std's `read_groups`: up to `limit` groups separated by `:` from `at`, an embedded IPv4
/// address allowed where two groups are left. Gives where the reading stopped (before a
/// separator it could not follow), how many groups it read, and whether it ended on an IPv4
/// address.
fn groups(s: &[u8], at: usize, limit: usize) -> (usize, usize, bool) {
    let mut end = at;
    for i in 0..limit {
        let start = if i == 0 {
            end
        } else if s.get(end) == Some(&b':') {
            end + 1
        } else {
            return (end, i, false);
        };
        if i + 1 < limit {
            if let Some(e) = ipv4_at(s, start) {
                return (e, i + 2, true);
            }
        }
        match group(s, start) {
            Some(e) => end = e,
            None => return (end, i, false),
        }
    }
    (end, limit, false)
}

/// True when std's `Ipv4Addr` parser takes the whole of `s`.
pub(crate) fn is_ipv4(s: &str) -> bool {
    ipv4_at(s.as_bytes(), 0) == Some(s.len())
}

/// True when std's `Ipv6Addr` parser takes the whole of `s` (without brackets).
pub(crate) fn is_ipv6(s: &str) -> bool {
    let s = s.as_bytes();
    let (end, head, head_ipv4) = groups(s, 0, 8);
    if head == 8 {
        return end == s.len();
    }
    // An IPv4 part only ends an address; `::` must follow a shorter head and stands for at
    // least one group, so the tail has at most 7 - head.
    if head_ipv4 || !s[end..].starts_with(b"::") {
        return false;
    }
    groups(s, end + 2, 7 - head).0 == s.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn same_as_std(s: &str) {
        assert_eq!(is_ipv4(s), s.parse::<Ipv4Addr>().is_ok(), "IPv4 {s:?}");
        assert_eq!(is_ipv6(s), s.parse::<Ipv6Addr>().is_ok(), "IPv6 {s:?}");
    }

    #[test]
    fn edge_cases_read_as_std_reads_them() {
        for s in [
            "", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "0.0.0.00", "1.2.3", "1.2.3.4.",
            "1.2.3.4.5", "1234.1.1.1", "1..2.3", " 1.2.3.4", "1.2.3.4 ", "١.2.3.4", "::", ":", ":::", "::1",
            "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7",
            "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::", "1::2::3", "12345::", "::12345", "ABCD:ef01::",
            "::ffff:1.2.3.4", "::1.2.3.4", "1.2.3.4::", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
            "1:2:3:4:5::1.2.3.4", "1:2:3:4:5:6::1.2.3.4", "::01.2.3.4", "::1.2.3", "1:2:3:4:5:6:7:",
            ":1:2:3:4:5:6:7", "1:", "[::1]", "::g", "fe80::1%eth0", "0:0:0:0:0:0:0:0", "::0.0.0.0",
            "1::1.2.3.4.5", "1:1.2.3.4", "1.2.3.4:1",
        ] {
            same_as_std(s);
        }
    }

    /// Random text over the characters the grammars turn on, and mutations of real addresses.
    #[test]
    fn generated_text_reads_as_std_reads_it() {
        let mut below = crate::xorshift::below(0x5eed_1b4d);
        let alphabet = b"0123456789abcdefABCDEFg:.:.:. 0";
        for _ in 0..300_000 {
            let len = below(24);
            let s: String = (0..len).map(|_| char::from(alphabet[below(alphabet.len())])).collect();
            same_as_std(&s);
        }
        let seeds = ["192.168.0.1", "::ffff:10.0.0.1", "2001:db8::8a2e:370:7334", "1:2:3:4:5:6:7:8", "::1", "fe80::", "1:2:3:4:5:6:1.2.3.4", "255.0.10.200"];
        for _ in 0..300_000 {
            let mut s: Vec<u8> = seeds[below(seeds.len())].bytes().collect();
            for _ in 0..1 + below(3) {
                let at = below(s.len() + 1);
                match below(3) {
                    0 if at < s.len() => {
                        s.remove(at);
                    }
                    1 => s.insert(at, alphabet[below(alphabet.len())]),
                    _ if at < s.len() => s[at] = alphabet[below(alphabet.len())],
                    _ => {}
                }
            }
            same_as_std(std::str::from_utf8(&s).expect("ASCII"));
        }
    }
}
