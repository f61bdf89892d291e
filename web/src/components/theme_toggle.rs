//! The theme button: auto (the system's) → dark → light (`hooks::use_theme`).

use yew::prelude::*;

use crate::hooks::use_theme;
use crate::mode::Theme;

#[derive(PartialEq, Properties)]
pub struct ThemeToggleProps {
    /// A theme forced by the page's `?theme=`.
    pub forced: Option<Theme>,
}

#[function_component(ThemeToggle)]
pub fn theme_toggle(props: &ThemeToggleProps) -> Html {
    let (theme, next) = use_theme(props.forced);
    let label = match theme {
        Theme::Auto => "Theme: system",
        Theme::Dark => "Theme: dark",
        Theme::Light => "Theme: light",
    };
    html! {
        <button type="button" class="theme-toggle" data-testid="theme-toggle" data-theme-choice={theme.name()}
                onclick={next.reform(|_: MouseEvent| ())} title="Switch between the system's theme, dark and light">
            { label }
        </button>
    }
}
