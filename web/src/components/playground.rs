//! The playground: the examples gallery, the editors (workload, node, registry, credentials), the
//! results per container, and the timeline. All state lives in one reducer
//! ([`crate::sim_state::Playground`]); edits are re-analysed after a debounce, by the simulator's
//! Web Worker.

use pullsim::backoff::Millis;
use pullsim::sim::scenario::SecretSpec;
use yew::prelude::*;

use super::code_editor::CodeEditor;
use super::credentials_panel::CredentialsPanel;
use super::example_picker::ExamplePicker;
use super::node_panel::NodePanel;
use super::registry_panel::RegistryPanel;
use super::results::Results;
use super::timeline::Timeline;
use crate::hooks::{use_debounce, use_interval, use_reduced_motion, use_sim_worker};
use crate::sim_state::{Playground as State, PlaygroundAction as A, Section, DEBOUNCE_MS};

#[function_component(Playground)]
pub fn playground() -> Html {
    let state = use_reducer(State::new);
    let reduced_motion = use_reduced_motion();
    let dispatch = {
        let state = state.clone();
        move |a: A| state.dispatch(a)
    };
    use_sim_worker(state.outbox.clone(), {
        let d = dispatch.clone();
        Callback::from(move |r| d(A::Computed(Box::new(r))))
    });
    use_debounce(state.revision, DEBOUNCE_MS, {
        let d = dispatch.clone();
        Callback::from(move |_| d(A::Analyze { force: false }))
    });
    // With reduced motion the clock moves in one-second jumps instead of ten steps a second.
    let period = if reduced_motion { 1000 } else { 100 };
    use_interval(state.clock.playing, period, {
        let d = dispatch.clone();
        Callback::from(move |_| d(A::Tick(period)))
    });

    let oninput = {
        let d = dispatch.clone();
        Callback::from(move |(s, text): (Section, String)| d(A::Edit(s, text)))
    };
    let onpick = {
        let d = dispatch.clone();
        Callback::from(move |i: usize| d(A::LoadExample(i)))
    };
    let onversion = {
        let d = dispatch.clone();
        Callback::from(move |v: String| d(A::SetVersion(v)))
    };
    let onsecret = {
        let d = dispatch.clone();
        Callback::from(move |s: SecretSpec| d(A::AddSecret(s)))
    };
    let onreveal = {
        let d = dispatch.clone();
        Callback::from(move |(pod, container): (usize, usize)| d(A::RevealImage { pod, container }))
    };
    let onanalyze = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d(A::Analyze { force: true }))
    };
    let onplay = {
        let d = dispatch.clone();
        Callback::from(move |play: bool| d(if play { A::Play } else { A::Pause }))
    };
    let onstep = {
        let d = dispatch.clone();
        Callback::from(move |forward: bool| d(A::Step { forward }))
    };
    let onspeed = {
        let d = dispatch.clone();
        Callback::from(move |s: u32| d(A::SetSpeed(s)))
    };
    let onscrub = {
        let d = dispatch.clone();
        Callback::from(move |t: Millis| d(A::SetTime(t)))
    };

    let s = &*state;
    let sc = &*s.scenario;
    let loading = s.outcome.is_none() && s.busy;
    let gates = s.outcome.as_ref().map(|o| o.result.feature_gates.clone()).unwrap_or_default();
    let summary = match (&s.paused, &s.outcome) {
        (Some(p), _) => p.clone(),
        (None, Some(o)) => o.summary().to_owned(),
        (None, None) => String::new(),
    };
    let stale = !s.errors.iter().all(|(sec, _)| *sec == Section::Workload) || s.paused.is_some();
    let workload_hint = html! {
        <>
            { "Pods, Deployments, Jobs, CronJobs… (several documents allowed). Re-analysed as you type; \
               click an image in the results to find it here." }
        </>
    };
    html! {
        <section class="playground" aria-labelledby="playground-title">
            <h2 id="playground-title" class="sr-only">{ "Playground" }</h2>
            <ExamplePicker selected={s.example} titles={s.titles.clone()}
                description={AttrValue::from(sc.description.clone())} {onpick} />
            <p class="sr-only" aria-live="polite" aria-atomic="true" data-testid="outcome-announcer">{ summary }</p>
            <div class="columns">
                <div class="editors">
                    <CodeEditor
                        section={Section::Workload}
                        label="Workload manifest"
                        testid="manifest-editor"
                        value={AttrValue::from(s.texts.workload.clone())}
                        generation={s.generation}
                        errors={s.errors_of(Section::Workload)}
                        reveal={s.reveal}
                        hint={workload_hint}
                        rows={18}
                        oninput={oninput.clone()}
                    />
                    if let Some(p) = &s.paused {
                        <p class="notice">
                            { p.clone() }{ " " }
                            <button type="button" onclick={onanalyze}>{ "Analyze now" }</button>
                        </p>
                    }
                    <details class="panel" open=true>
                        <summary><h3>{ "Node" }</h3></summary>
                        <NodePanel
                            version={AttrValue::from(sc.kubernetes.clone())}
                            text={AttrValue::from(s.texts.node.clone())}
                            generation={s.generation}
                            errors={s.errors_of(Section::Node)}
                            reveal={s.reveal}
                            {gates}
                            {onversion}
                            oninput={oninput.clone()}
                        />
                    </details>
                    <details class="panel">
                        <summary><h3>{ "Registry" }</h3></summary>
                        <RegistryPanel
                            text={AttrValue::from(s.texts.registry.clone())}
                            generation={s.generation}
                            errors={s.errors_of(Section::Registry)}
                            reveal={s.reveal}
                            oninput={oninput.clone()}
                        />
                    </details>
                    <details class="panel">
                        <summary><h3>{ "Credentials" }</h3></summary>
                        <CredentialsPanel
                            config_json={AttrValue::from(s.texts.config_json.clone())}
                            secrets={AttrValue::from(s.texts.secrets.clone())}
                            generation={s.generation}
                            config_errors={s.errors_of(Section::ConfigJson)}
                            secret_errors={s.errors_of(Section::Secrets)}
                            reveal={s.reveal}
                            {oninput}
                            {onsecret}
                        />
                    </details>
                </div>
                <div class={classes!("results-column", stale.then_some("stale"))}>
                    if stale {
                        <p class="notice">{ "Showing the last result that ran: fix the errors beside the editors to update it." }</p>
                    }
                    if loading {
                        <p class="notice" data-testid="sim-loading">{ "Starting the simulator…" }</p>
                    }
                    if let Some(outcome) = s.outcome.clone() {
                        <Results {outcome} {onreveal} />
                    }
                </div>
            </div>
            if let Some(outcome) = s.outcome.clone() {
                <Timeline {outcome} clock={s.clock} {onplay} {onstep} {onspeed} {onscrub} />
            }
        </section>
    }
}
