//! Play / pause / step / speed / scrub for the virtual clock.

use pullsim::backoff::Millis;
use pullsim::gofmt::duration_ms;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::sim_state::{Clock, SPEEDS};

#[derive(PartialEq, Properties)]
pub struct TimelineControlsProps {
    pub clock: Clock,
    pub end: Millis,
    pub onplay: Callback<bool>,
    pub onstep: Callback<bool>,
    pub onspeed: Callback<u32>,
    pub onscrub: Callback<Millis>,
}

#[function_component(TimelineControls)]
pub fn timeline_controls(props: &TimelineControlsProps) -> Html {
    let c = props.clock;
    let play = {
        let cb = props.onplay.clone();
        let playing = c.playing;
        Callback::from(move |_: MouseEvent| cb.emit(!playing))
    };
    let back = props.onstep.reform(|_: MouseEvent| false);
    let forward = props.onstep.reform(|_: MouseEvent| true);
    let onspeed = props
        .onspeed
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value().parse::<u32>().unwrap_or(1));
    let onscrub = props.onscrub.reform(|e: InputEvent| {
        // The range is in tenths of a second.
        e.target_unchecked_into::<HtmlInputElement>().value().parse::<u64>().unwrap_or(0) * 100
    });
    let now = duration_ms(c.t);
    html! {
        <div class="timeline-controls" role="group" aria-label="virtual clock">
            <button type="button" onclick={back} data-testid="clock-back">{ "← Back" }</button>
            <button type="button" onclick={play} data-testid="clock-play" aria-pressed={c.playing.to_string()}>
                { if c.playing { "Pause" } else { "Play ▶" } }
            </button>
            <button type="button" onclick={forward} data-testid="clock-step">{ "Step →" }</button>
            <label for="clock-speed">{ "Speed" }</label>
            <select id="clock-speed" data-testid="clock-speed" onchange={onspeed}>
                { for SPEEDS.iter().map(|&s| html! {
                    <option value={s.to_string()} selected={s == c.speed}>{ format!("{s}×") }</option>
                }) }
            </select>
            <label for="clock-scrub" class="sr-only">{ "Time" }</label>
            <input id="clock-scrub" data-testid="clock-scrub" type="range" min="0"
                   max={(props.end / 100).to_string()} step="1" value={(c.t / 100).to_string()}
                   aria-valuetext={now.clone()} oninput={onscrub} />
            <output for="clock-scrub" class="clock-now" data-testid="clock-now">
                { format!("{now} / {}", duration_ms(props.end)) }
            </output>
        </div>
    }
}
