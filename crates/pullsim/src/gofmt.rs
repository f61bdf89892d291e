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
    let mut rest = s;
    loop {
        // Printable ASCII other than `"` and `\` is copied as it is, a run at a time (a name of
        // megabytes is quoted at memcpy speed).
        let run = rest.bytes().position(|b| !(b' '..=b'~').contains(&b) || b == b'"' || b == b'\\');
        let (plain, tail) = rest.split_at(run.unwrap_or(rest.len()));
        out.push_str(plain);
        let mut chars = tail.chars();
        let Some(c) = chars.next() else { break };
        rest = chars.as_str();
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

/// Go's `time.Duration.String()` for a whole number of milliseconds (`626ms`, `1.893s`,
/// `1m5.2s`, `1h0m0s`), as the kubelet prints pull durations after `Truncate(time.Millisecond)`.
pub fn duration_ms(ms: u64) -> String {
    if ms == 0 {
        return "0s".to_owned();
    }
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let (h, rem) = (ms / 3_600_000, ms % 3_600_000);
    let (m, rem) = (rem / 60_000, rem % 60_000);
    let (s, frac) = (rem / 1000, rem % 1000);
    let mut secs = s.to_string();
    if frac != 0 {
        let f = format!("{frac:03}");
        secs.push('.');
        secs.push_str(f.trim_end_matches('0'));
    }
    match (h, m) {
        (0, 0) => format!("{secs}s"),
        (0, m) => format!("{m}m{secs}s"),
        (h, m) => format!("{h}h{m}m{secs}s"),
    }
}

/// apimachinery's `duration.HumanDuration`, as `kubectl` prints ages (`45s`, `2m3s`, `12m`,
/// `5h10m`).
pub fn human_duration(ms: u64) -> String {
    // Built by hand: the simulator prints an age on every status line.
    let (first, second) = human_parts(ms);
    let mut out = String::with_capacity(8);
    push_u64(&mut out, first.0);
    out.push(first.1);
    if let Some((n, unit)) = second {
        push_u64(&mut out, n);
        out.push(unit);
    }
    out
}

/// The one or two (number, unit) parts of [`human_duration`].
pub(crate) fn human_parts(ms: u64) -> ((u64, char), Option<(u64, char)>) {
    let seconds = ms / 1000;
    if seconds < 120 {
        return ((seconds, 's'), None);
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return ((minutes, 'm'), (s != 0).then_some((s, 's')));
    }
    if minutes < 180 {
        return ((minutes, 'm'), None);
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return ((hours, 'h'), (m != 0).then_some((m, 'm')));
    }
    if hours < 48 {
        return ((hours, 'h'), None);
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return ((hours / 24, 'd'), (h != 0).then_some((h, 'h')));
    }
    if hours < 24 * 365 * 2 {
        return ((hours / 24, 'd'), None);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return ((hours / 24 / 365, 'y'), (dy != 0).then_some((dy, 'd')));
    }
    ((hours / 24 / 365, 'y'), None)
}

/// Appends `n` in decimal (what `{n}` prints), without the formatting machinery.
pub(crate) fn push_u64(out: &mut String, n: u64) {
    let mut div = 1;
    while n / div >= 10 {
        div *= 10;
    }
    loop {
        out.push(char::from(b'0' + (n / div % 10) as u8));
        if div == 1 {
            break;
        }
        div /= 10;
    }
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

    /// `human_duration` as it was written with `format!`, before it was built by hand.
    fn human_duration_with_format(ms: u64) -> String {
        let seconds = ms / 1000;
        if seconds < 120 {
            return format!("{seconds}s");
        }
        let minutes = seconds / 60;
        if minutes < 10 {
            let s = seconds % 60;
            return if s == 0 { format!("{minutes}m") } else { format!("{minutes}m{s}s") };
        }
        if minutes < 180 {
            return format!("{minutes}m");
        }
        let hours = minutes / 60;
        if hours < 8 {
            let m = minutes % 60;
            return if m == 0 { format!("{hours}h") } else { format!("{hours}h{m}m") };
        }
        if hours < 48 {
            return format!("{hours}h");
        }
        if hours < 24 * 8 {
            let h = hours % 24;
            return if h == 0 { format!("{}d", hours / 24) } else { format!("{}d{h}h", hours / 24) };
        }
        if hours < 24 * 365 * 2 {
            return format!("{}d", hours / 24);
        }
        if hours < 24 * 365 * 8 {
            let dy = (hours / 24) % 365;
            return if dy == 0 { format!("{}y", hours / 24 / 365) } else { format!("{}y{dy}d", hours / 24 / 365) };
        }
        format!("{}y", hours / 24 / 365)
    }

    #[test]
    fn human_duration_is_unchanged() {
        let mut ms = 0u64;
        while ms < 20 * 365 * 24 * 3_600_000 {
            assert_eq!(super::human_duration(ms), human_duration_with_format(ms), "{ms}");
            ms = ms * 11 / 10 + 997;
        }
        for ms in [0, 999, 1000, 119_999, 120_000, 599_999, 600_000, 10_799_999, 10_800_000, u64::MAX] {
            assert_eq!(super::human_duration(ms), human_duration_with_format(ms), "{ms}");
        }
    }

    #[test]
    fn push_u64_prints_like_display() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX / 3, u64::MAX] {
            let mut s = String::new();
            super::push_u64(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn durations_like_go() {
        use super::{duration_ms, human_duration};
        assert_eq!(duration_ms(0), "0s");
        assert_eq!(duration_ms(626), "626ms");
        assert_eq!(duration_ms(1893), "1.893s");
        assert_eq!(duration_ms(2500), "2.5s");
        assert_eq!(duration_ms(65_200), "1m5.2s");
        assert_eq!(duration_ms(60_000), "1m0s");
        assert_eq!(duration_ms(3_600_000), "1h0m0s");
        assert_eq!(human_duration(45_999), "45s");
        assert_eq!(human_duration(119_000), "119s");
        assert_eq!(human_duration(123_000), "2m3s");
        assert_eq!(human_duration(300_000), "5m");
        assert_eq!(human_duration(720_000), "12m");
        assert_eq!(human_duration(3 * 3_600_000 + 600_000), "3h10m");
        assert_eq!(human_duration(30 * 3_600_000), "30h");
        assert_eq!(human_duration(50 * 3_600_000), "2d2h");
    }
}
