//! A pod's Events as `kubectl describe pod` prints them at the clock's time (computed by the
//! core's `describe_events`).

use pullsim::backoff::Millis;
use pullsim::sim::describe_events;
use yew::prelude::*;

use crate::sim_state::{Outcome, Shared};

#[derive(PartialEq, Properties)]
pub struct EventsTableProps {
    pub outcome: Shared<Outcome>,
    pub pod: usize,
    pub t: Millis,
}

#[function_component(EventsTable)]
pub fn events_table(props: &EventsTableProps) -> Html {
    let pod = &props.outcome.result.pods[props.pod];
    let rows = describe_events(&pod.events, props.t);
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
