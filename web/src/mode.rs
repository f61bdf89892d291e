//! How the page was opened: its query (`?embed=…&origin=…&theme=…`, `?present`) and its
//! fragment (a share link, `#v1.…`). Pure: [`crate::app`] reads `location` once and hands the
//! strings here.
//!
//! - `embed=results|timeline|events|playground`: minimal chrome, one view (README, "Embedding").
//! - `origin=https://docs.example.org` (repeatable): the host origins allowed to talk to an
//!   embedded page with `postMessage` ([`crate::hooks::use_host_bridge`]). Only exact
//!   `scheme://host[:port]` origins count; `*`, `null` and anything with a path are ignored.
//! - `present`: open in presentation mode.
//! - `theme=light|dark`: force a theme (e.g. to match a documentation site).

/// What an embedded page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedView {
    /// The per-container results.
    Results,
    /// The chart, state tracks and events.
    Timeline,
    /// Only the events tables (`kubectl describe pod`).
    Events,
    /// Editors and results, without the page's header, footer and reference lab.
    Playground,
}

impl EmbedView {
    pub fn name(self) -> &'static str {
        match self {
            EmbedView::Results => "results",
            EmbedView::Timeline => "timeline",
            EmbedView::Events => "events",
            EmbedView::Playground => "playground",
        }
    }
}

/// A colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Option<Theme> {
        [Theme::Auto, Theme::Light, Theme::Dark].into_iter().find(|t| t.name() == s)
    }

    /// The next theme of the toggle: auto → dark → light → auto.
    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Auto,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageMode {
    pub embed: Option<EmbedView>,
    /// Host origins allowed to use the `postMessage` API (embedded pages only).
    pub origins: Vec<String>,
    pub present: bool,
    pub theme: Option<Theme>,
}

impl PageMode {
    /// Reads `location.search` (with or without its `?`).
    pub fn from_query(search: &str) -> PageMode {
        let mut mode = PageMode::default();
        for pair in search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            match key {
                "embed" => {
                    mode.embed = Some(match value.as_str() {
                        "results" => EmbedView::Results,
                        "timeline" => EmbedView::Timeline,
                        "events" => EmbedView::Events,
                        _ => EmbedView::Playground,
                    })
                }
                "origin" => {
                    if let Some(o) = origin(&value) {
                        if !mode.origins.contains(&o) {
                            mode.origins.push(o);
                        }
                    }
                }
                "present" => mode.present = true,
                "theme" => mode.theme = Theme::parse(&value),
                _ => {}
            }
        }
        mode
    }

    /// A host page may talk to this page: it is embedded and names at least one origin.
    pub fn has_host(&self) -> bool {
        self.embed.is_some() && !self.origins.is_empty()
    }
}

/// The share link in `location.hash`, if it holds one (`#v1.…`; other versions are passed on so
/// that the page can say which version it found).
pub fn link_of(hash: &str) -> Option<String> {
    let h = hash.strip_prefix('#').unwrap_or(hash);
    let mut chars = h.chars();
    (chars.next() == Some('v') && chars.next().is_some_and(|c| c.is_ascii_digit())).then(|| h.to_owned())
}

/// `scheme://host[:port]` exactly as `MessageEvent.origin` spells it (a trailing `/` dropped),
/// for http(s) only.
fn origin(s: &str) -> Option<String> {
    let s = s.to_ascii_lowercase();
    let s = s.strip_suffix('/').unwrap_or(&s);
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"))?;
    let ok =
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    ok.then(|| s.to_owned())
}

/// `%XX` and `+` of a query value (invalid escapes are kept as written).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let hex = |j: usize| b.get(j).and_then(|&h| char::from(h).to_digit(16));
        match (c, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn reads_the_embed_view_origins_and_theme() {
        let m = PageMode::from_query(
            "?embed=timeline&origin=https%3A%2F%2Fdocs.example.org%2F&origin=http://localhost:8000&theme=dark",
        );
        assert_eq!(m.embed, Some(EmbedView::Timeline));
        assert_eq!(m.origins, ["https://docs.example.org", "http://localhost:8000"]);
        assert_eq!(m.theme, Some(Theme::Dark));
        assert!(m.has_host());
        assert!(!m.present);
        assert_eq!(PageMode::from_query("embed=nonsense").embed, Some(EmbedView::Playground));
        assert!(PageMode::from_query("present").present);
        assert_eq!(PageMode::from_query(""), PageMode::default());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn only_exact_http_origins_are_allowed() {
        for bad in
            ["*", "null", "https://a.example/path", "javascript:alert(1)", "https://", "file:///x", "https://a b"]
        {
            let m = PageMode::from_query(&format!("embed=results&origin={bad}"));
            assert!(m.origins.is_empty(), "{bad} was allowed");
            assert!(!m.has_host());
        }
        assert!(!PageMode::from_query("origin=https://a.example").has_host(), "only embedded pages have a host");
        assert_eq!(PageMode::from_query("embed&origin=HTTPS://A.example:8443").origins, ["https://a.example:8443"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn finds_share_links_in_the_fragment() {
        assert_eq!(link_of("#v1.eyJ9").as_deref(), Some("v1.eyJ9"));
        assert_eq!(link_of("#v2.abc").as_deref(), Some("v2.abc"), "another version is reported, not ignored");
        assert_eq!(link_of("#playground-title"), None);
        assert_eq!(link_of(""), None);
        assert_eq!(link_of("#"), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_theme_toggle_cycles_through_all_three() {
        let mut t = Theme::Auto;
        let mut seen = vec![t];
        for _ in 0..3 {
            t = t.next();
            seen.push(t);
        }
        assert_eq!(seen, [Theme::Auto, Theme::Dark, Theme::Light, Theme::Auto]);
        assert_eq!(Theme::parse("light"), Some(Theme::Light));
        assert_eq!(Theme::parse("blue"), None);
    }
}
