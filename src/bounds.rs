//! Input bounds: every entry point reads at most a fixed amount of its input, so the engine's
//! work per link, message or page is bounded whatever a hostile sender or page supplies. This
//! is the one place that cuts text, always at a character boundary.

/// At most `max` bytes of `s`, cut at a character boundary.
pub(crate) fn cap(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::cap;

    #[test]
    fn cuts_at_character_boundaries() {
        assert_eq!(cap("abc", 10), "abc");
        assert_eq!(cap("abc", 2), "ab");
        assert_eq!(cap("aé", 2), "a");
        assert_eq!(cap("订单", 4), "订");
        assert_eq!(cap("", 0), "");
    }
}
