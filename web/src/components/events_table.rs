//! A pod's Events as `kubectl describe pod` prints them at the clock's time (computed by the
//! core's `describe_events`).

use std::cell::RefCell;

use pullsim::backoff::Millis;
use pullsim::sim::{describe_events, EventSeries};
use yew::prelude::*;

use crate::sim_state::{Outcome, Shared};
use crate::wire::EventView;

thread_local! {
    static INTERNED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// The core's events carry their type and source as `&'static str`; the worker's copies are
/// owned. Each distinct text is leaked once (there are a handful: `Normal`, `Warning`, `kubelet`,
/// `default-scheduler`), so memory does not grow with re-analyses.
fn intern(s: &str) -> &'static str {
    INTERNED.with_borrow_mut(|all| {
        if let Some(&found) = all.iter().find(|&&t| t == s) {
            return found;
        }
        let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
        all.push(leaked);
        leaked
    })
}

fn series(e: &EventView) -> EventSeries {
    EventSeries {
        times: e.times.clone().into(),
        event_type: intern(&e.event_type),
        reason: e.reason.clone(),
        from: intern(&e.from),
        message: e.message.clone(),
        container: e.container.clone(),
    }
}

#[derive(PartialEq, Properties)]
pub struct EventsTableProps {
    pub outcome: Shared<Outcome>,
    pub pod: usize,
    pub t: Millis,
}

#[function_component(EventsTable)]
pub fn events_table(props: &EventsTableProps) -> Html {
    let pod = &props.outcome.result.pods[props.pod];
    let events = use_memo((props.outcome.clone(), props.pod), |_| pod.events.iter().map(series).collect::<Vec<_>>());
    let rows = describe_events(&events, props.t);
    html! {
        <div class="table-scroll">
            <table class="events" data-testid="events-table" data-pod={pod.name.clone()}>
                <caption>{ "Events of pod " }<code>{ pod.name.clone() }</code></caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Type" }</th>
                        <th scope="col">{ "Reason" }</th>
                        <th scope="col">{ "Age" }</th>
                        <th scope="col">{ "From" }</th>
                        <th scope="col">{ "Message" }</th>
                    </tr>
                </thead>
                <tbody>
                    if rows.is_empty() {
                        <tr><td colspan="5" class="none">{ "<none>" }</td></tr>
                    }
                    { for rows.iter().map(|r| html! {
                        <tr class={if r.event_type == "Warning" { "warning" } else { "normal" }}>
                            <td>{ r.event_type }</td>
                            <td>{ r.reason.clone() }</td>
                            <td class="age">{ r.age.clone() }</td>
                            <td>{ r.from }</td>
                            <td class="message">{ r.message.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
