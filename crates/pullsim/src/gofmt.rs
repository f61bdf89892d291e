//! Go formatting that upstream messages rely on (`%q`), so texts match byte for byte.

/// Go's `strconv.Quote` / `fmt`'s `%q` for a valid UTF-8 string.
///
/// Go escapes `"` and `\`, the C escapes `\a \b \f \n \r \t \v`, other ASCII controls and DEL as
/// `\xNN`, and non-printable runes as `\uNNNN` / `\UNNNNNNNN`. Go's `unicode.IsPrint` is
/// approximated with the Unicode properties std exposes: control characters, whitespace other than
/// the ASCII space, and the common format characters (soft hyphen, zero-width and bidi controls,
/// BOM) count as non-printable; unassigned code points are not detected.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c,
        '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..)
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn matches_go_strconv_quote() {
        assert_eq!(quote("nginx"), r#""nginx""#);
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote(" nginx\n"), r#"" nginx\n""#);
        assert_eq!(quote("\u{0}\u{7f}"), r#""\x00\x7f""#);
        assert_eq!(quote("é日本"), "\"é日本\"");
        assert_eq!(quote("\u{200b}\u{a0}"), r#""\u200b\u00a0""#);
        assert_eq!(quote("\u{feff}"), r#""\ufeff""#);
    }
}
