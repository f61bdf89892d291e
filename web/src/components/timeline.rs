//! The timeline: clock controls, the chart, each container's state track and each pod's Events
//! table, all at the clock's time.

use pullsim::backoff::Millis;
use pullsim::gofmt::duration_ms;
use yew::prelude::*;

use super::events_table::EventsTable;
use super::timeline_chart::TimelineChart;
use super::timeline_controls::TimelineControls;
use crate::sim_state::{Clock, Outcome, Shared};

#[derive(PartialEq, Properties)]
pub struct TimelineProps {
    pub outcome: Shared<Outcome>,
    pub clock: Clock,
    pub onplay: Callback<bool>,
    pub onstep: Callback<bool>,
    pub onspeed: Callback<u32>,
    pub onscrub: Callback<Millis>,
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let r = &props.outcome.result;
    let t = props.clock.t;
    html! {
        <section class="timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{ "Timeline" }</h2>
            <TimelineControls clock={props.clock} end={r.end} onplay={props.onplay.clone()}
                onstep={props.onstep.clone()} onspeed={props.onspeed.clone()} onscrub={props.onscrub.clone()} />
            <div class="chart-scroll">
                <TimelineChart outcome={props.outcome.clone()} {t} />
            </div>
            <div class="legend-chart" aria-hidden="true">
                <span class="key st-neutral"></span>{ "creating " }
                <span class="key st-bad"></span>{ "pull error " }
                <span class="key st-backoff"></span>{ "back-off " }
                <span class="key st-good"></span>{ "running " }
                <span class="key pull-ok"></span>{ "pull (ok) " }
                <span class="key pull-fail"></span>{ "pull (failed) " }
                <span class="key window"></span>{ "back-off window" }
            </div>
            <h3>{ format!("State at {}", duration_ms(t)) }</h3>
            <ul class="state-tracks" data-testid="state-tracks">
                { for r.pods.iter().flat_map(|p| p.containers.iter()).map(|c| {
                    let seen: Vec<_> = c.states.iter().filter(|s| s.at <= t).collect();
                    html! {
                        <li data-container={c.name.clone()}>
                            <code>{ c.name.clone() }</code>{ ": " }
                            if seen.is_empty() { <span class="none">{ "not created yet" }</span> }
                            { for seen.iter().enumerate().map(|(i, s)| html! {
                                <>
                                    if i > 0 { <span aria-hidden="true">{ " → " }</span> }
                                    <span class={classes!("state-step", (i + 1 == seen.len()).then_some("current"))}>
                                        { format!("{} {}", duration_ms(s.at), s.reason) }
                                    </span>
                                </>
                            }) }
                        </li>
                    }
                }) }
            </ul>
            { for (0..r.pods.len()).map(|p| html! { <EventsTable outcome={props.outcome.clone()} pod={p} {t} /> }) }
        </section>
    }
}
