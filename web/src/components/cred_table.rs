//! The kubelet's credential lookup for one image: every key of every keyring (pod secrets, node
//! config, plugins) with its label-by-label match, the Docker Hub fallback, and the order in
//! which the credentials are tried. Passwords show masked (the core's `Credential` display).

use yew::prelude::*;

use super::rule_link::RuleLink;
use crate::sim_state::{Outcome, Shared};
use crate::wire::CredsView;

#[derive(PartialEq, Properties)]
pub struct CredTableProps {
    pub lookup: std::rc::Rc<CredsView>,
    /// The analysis the lookup belongs to (its steps name rules of its table).
    pub outcome: Shared<Outcome>,
}

#[function_component(CredTable)]
pub fn cred_table(props: &CredTableProps) -> Html {
    let l = &*props.lookup;
    let rules = &props.outcome.result.rules;
    let rows: Vec<Html> = l
        .keyrings
        .iter()
        .flat_map(|k| {
            k.keys.iter().map(move |check| {
                let ex = check;
                let sources = check.written.iter().map(|(w, s)| format!("{s} ({w})")).collect::<Vec<_>>().join("; ");
                html! {
                    <tr class={if ex.matched { "match" } else { "no-match" }}>
                        <td>{ k.keyring.clone() }</td>
                        <td><code>{ check.key.clone() }</code><div class="note">{ sources }</div></td>
                        <td>
                            <span class={classes!("badge", if ex.matched { "on" } else { "off" })}>
                                { if ex.matched { "match" } else { "no match" } }
                            </span>
                        </td>
                        <td>
                            <details>
                                <summary>{ ex.reason.clone() }</summary>
                                <ol class="match-steps">
                                    { for ex.steps.iter().map(|(passed, text)| html! {
                                        <li class={if *passed { "pass" } else { "fail" }}>
                                            <span class="sr-only">{ if *passed { "passes: " } else { "fails: " } }</span>
                                            { text.clone() }
                                        </li>
                                    }) }
                                </ol>
                            </details>
                        </td>
                    </tr>
                }
            })
        })
        .collect();
    html! {
        <div class="cred-table" data-testid="cred-table">
            if let Some(e) = &l.error {
                <p class="bad-text"><code>{ e.clone() }</code></p>
            }
            if let Some(repo) = &l.repo {
                <p>{ "Looked up as " }<code>{ repo.clone() }</code></p>
            }
            if rows.is_empty() {
                <p class="none">{ "No keyring holds any key: the pull is anonymous." }</p>
            } else {
                <div class="table-scroll">
                    <table>
                        <caption class="sr-only">{ "Every credential key and whether it matches the image" }</caption>
                        <thead><tr><th scope="col">{ "Keyring" }</th><th scope="col">{ "Key" }</th>
                            <th scope="col">{ "Match" }</th><th scope="col">{ "Why" }</th></tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
            <h5>{ "Try order" }</h5>
            if l.try_order.is_empty() {
                <p>{ if l.anonymous { "No credentials: the kubelet pulls anonymously." } else { "No credentials." } }</p>
            } else {
                <ol class="try-order">
                    { for l.try_order.iter().map(|a| html! {
                        <li>
                            <code>{ a.credential.clone() }</code>
                            { format!(" from {} (key {})", a.source, a.key) }
                            if a.via_fallback { <span class="note">{ " via the Docker Hub fallback" }</span> }
                        </li>
                    }) }
                    if l.anonymous { <li>{ "anonymous" }</li> }
                </ol>
            }
            if !l.steps.is_empty() {
                <ol class="steps-list">
                    { for l.steps.iter().map(|s| html! {
                        <li>
                            if let Some(rule) = rules.get(s.rule) {
                                <RuleLink rule={rule.clone()} />
                            }
                            <p class="step-text">{ s.text.clone() }</p>
                        </li>
                    }) }
                </ol>
            }
        </div>
    }
}
