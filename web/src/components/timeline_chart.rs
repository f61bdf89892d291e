//! The SVG chart on the virtual clock: per container its states, its pull attempts and its
//! back-off windows; below, each back-off window's length, which doubles from the kubelet's
//! initial delay to its cap (both constants from the core), with the cap drawn as a line.

use pullsim::backoff::{Millis, IMAGE_BACKOFF_INITIAL, IMAGE_BACKOFF_MAX};
use pullsim::gofmt::duration_ms;
use yew::prelude::*;

use crate::sim_state::{Outcome, Shared};

const W: f64 = 800.0;
const LEFT: f64 = 150.0;
const RIGHT: f64 = 790.0;
const LANE: f64 = 30.0;
const DELAY_H: f64 = 110.0;

#[derive(PartialEq, Properties)]
pub struct TimelineChartProps {
    pub outcome: Shared<Outcome>,
    pub t: Millis,
}

fn state_class(reason: &str) -> &'static str {
    match reason {
        "Running" | "Completed" => "st-good",
        "ContainerCreating" | "PodInitializing" => "st-neutral",
        "ImagePullBackOff" => "st-backoff",
        _ => "st-bad",
    }
}

/// A round tick step giving at most eight ticks.
fn tick_step(end: Millis) -> Millis {
    const STEPS: [Millis; 10] = [1_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];
    STEPS.into_iter().find(|s| end / s <= 8).unwrap_or(end.div_ceil(8).max(1))
}

/// `v` with one decimal, by integer arithmetic: the float formatting machinery was about 4 KB of
/// the page's wasm, for SVG coordinates alone.
fn f(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

#[function_component(TimelineChart)]
pub fn timeline_chart(props: &TimelineChartProps) -> Html {
    let r = &props.outcome.result;
    let end = r.end.max(1);
    let x = |t: Millis| LEFT + (t.min(end) as f64) / (end as f64) * (RIGHT - LEFT);
    let lanes: Vec<(String, &crate::wire::ContainerView)> = r
        .pods
        .iter()
        .flat_map(|p| {
            p.containers
                .iter()
                .map(move |c| (if r.pods.len() > 1 { format!("{}/{}", p.name, c.name) } else { c.name.clone() }, c))
        })
        .collect();
    let lanes_h = lanes.len() as f64 * LANE;
    let delay_top = 24.0 + lanes_h + 40.0;
    let height = delay_top + DELAY_H + 30.0;
    let y_delay =
        |d: Millis| delay_top + DELAY_H - (d.min(IMAGE_BACKOFF_MAX) as f64) / (IMAGE_BACKOFF_MAX as f64) * DELAY_H;
    let step = tick_step(end);
    let ticks: Vec<Millis> = (0..=end / step).map(|i| i * step).collect();
    let pulls: usize = lanes.iter().map(|(_, c)| c.pulls.len()).sum();
    let windows: usize = lanes.iter().map(|(_, c)| c.backoff_windows.len()).sum();
    let longest = lanes.iter().flat_map(|(_, c)| c.backoff_windows.iter().map(|&(a, b)| b - a)).max();
    let desc = format!(
        "{pulls} pull attempt(s) and {windows} back-off window(s) over {}{}.",
        duration_ms(r.end),
        longest.map(|l| format!("; the longest window lasts {}", duration_ms(l))).unwrap_or_default()
    );
    let lane_svg = lanes.iter().enumerate().map(|(i, (label, c))| {
        let top = 24.0 + i as f64 * LANE;
        let states = c.states.iter().enumerate().map(|(j, s)| {
            let until = c.states.get(j + 1).map_or(r.end, |n| n.at);
            let w = (x(until) - x(s.at)).max(1.0);
            html! {
                <rect class={classes!("state", state_class(&s.reason))} x={f(x(s.at))} y={f(top + 4.0)}
                      width={f(w)} height={f(LANE - 10.0)}>
                    <title>{ format!("{} from {}", s.reason, duration_ms(s.at)) }</title>
                </rect>
            }
        });
        let wins = c.backoff_windows.iter().map(|&(a, b)| html! {
            <rect class="window" x={f(x(a))} y={f(top + LANE - 9.0)} width={f((x(b) - x(a)).max(1.0))} height="4">
                <title>{ format!("back-off {} → {}", duration_ms(a), duration_ms(b)) }</title>
            </rect>
        });
        let pulls = c.pulls.iter().map(|p| html! {
            <rect class={if p.ok { "pull pull-ok" } else { "pull pull-fail" }} x={f(x(p.started))} y={f(top + 1.0)}
                  width={f((x(p.finished) - x(p.started)).max(3.0))} height="6">
                <title>{ format!("pull {} → {}{}", duration_ms(p.started), duration_ms(p.finished),
                                 p.error.as_ref().map(|e| format!(": {e}")).unwrap_or_default()) }</title>
            </rect>
        });
        html! {
            <g class="lane">
                <text class="lane-label" x={f(LEFT - 8.0)} y={f(top + LANE / 2.0 + 4.0)} text-anchor="end">{ label.clone() }</text>
                { for states }{ for wins }{ for pulls }
            </g>
        }
    });
    // The back-off delay as a step line per container.
    let delay_lines = lanes.iter().filter(|(_, c)| !c.backoff_windows.is_empty()).map(|(_, c)| {
        let mut pts = Vec::new();
        for (k, &(a, b)) in c.backoff_windows.iter().enumerate() {
            let next = c.backoff_windows.get(k + 1).map_or(r.end, |w| w.0);
            pts.push(format!("{},{}", f(x(a)), f(y_delay(b - a))));
            pts.push(format!("{},{}", f(x(next)), f(y_delay(b - a))));
        }
        html! { <polyline class="delay" points={pts.join(" ")} /> }
    });
    html! {
        <svg class="timeline-chart" data-testid="timeline" viewBox={format!("0 0 {} {}", f(W), f(height))}
             role="img" aria-labelledby="timeline-title timeline-desc" preserveAspectRatio="xMinYMin meet">
            <title id="timeline-title">{ "Pull attempts, states and back-off on the virtual clock" }</title>
            <desc id="timeline-desc">{ desc }</desc>
            { for ticks.iter().map(|&t| html! {
                <g class="tick">
                    <line x1={f(x(t))} x2={f(x(t))} y1="18" y2={f(delay_top + DELAY_H)} />
                    <text x={f(x(t))} y="12" text-anchor="middle">{ duration_ms(t) }</text>
                </g>
            }) }
            { for lane_svg }
            <g class="delay-chart">
                <text class="axis-title" x={f(LEFT)} y={f(delay_top - 12.0)}>{ "Back-off delay before each retry" }</text>
                <line class="axis" x1={f(LEFT)} x2={f(RIGHT)} y1={f(delay_top + DELAY_H)} y2={f(delay_top + DELAY_H)} />
                <line class="cap" x1={f(LEFT)} x2={f(RIGHT)} y1={f(y_delay(IMAGE_BACKOFF_MAX))} y2={f(y_delay(IMAGE_BACKOFF_MAX))} />
                <text class="cap-label" x={f(LEFT - 8.0)} y={f(y_delay(IMAGE_BACKOFF_MAX) + 4.0)} text-anchor="end">
                    { format!("cap {}", duration_ms(IMAGE_BACKOFF_MAX)) }
                </text>
                <line class="initial" x1={f(LEFT)} x2={f(RIGHT)} y1={f(y_delay(IMAGE_BACKOFF_INITIAL))} y2={f(y_delay(IMAGE_BACKOFF_INITIAL))} />
                <text class="cap-label" x={f(LEFT - 8.0)} y={f(y_delay(IMAGE_BACKOFF_INITIAL) + 4.0)} text-anchor="end">
                    { format!("first {}", duration_ms(IMAGE_BACKOFF_INITIAL)) }
                </text>
                { for delay_lines }
            </g>
            <line class="cursor" x1={f(x(props.t))} x2={f(x(props.t))} y1="16" y2={f(delay_top + DELAY_H + 4.0)} />
        </svg>
    }
}
