//! The playground: the examples gallery, the editors (workload, node, registry, credentials), the
//! results per container, and the timeline. All state lives in one reducer
//! ([`crate::sim_state::Playground`]); edits are re-analysed after a debounce, by the simulator's
//! Web Worker.

use std::rc::Rc;

use pullsim::backoff::Millis;
use pullsim::creds::secret::DockerRegistrySecretArgs;
use yew::prelude::*;

use super::code_editor::CodeEditor;
use super::credentials_panel::CredentialsPanel;
use super::example_picker::ExamplePicker;
use super::node_panel::NodePanel;
use super::registry_panel::RegistryPanel;
use super::results::Results;
use super::share_bar::ShareBar;
use super::shortcuts::Shortcuts;
use super::timeline::Timeline;
use crate::hooks::{
    use_debounce, use_hash_links, use_host_bridge, use_interval, use_reduced_motion, use_share_link, use_shortcuts,
    use_sim_worker, Shortcut,
};
use crate::mode::PageMode;
use crate::sim_state::{Playground as State, PlaygroundAction as A, Section, DEBOUNCE_MS};

#[derive(PartialEq, Properties, Default)]
pub struct PlaygroundProps {
    /// How the page was opened (embed view, host origins, presentation).
    #[prop_or_default]
    pub mode: Rc<PageMode>,
    /// A share link from the URL's fragment, opened instead of the default example.
    #[prop_or_default]
    pub link: Option<String>,
}

#[function_component(Playground)]
pub fn playground(props: &PlaygroundProps) -> Html {
    let state = {
        let (link, host, present) = (props.link.clone(), props.mode.has_host(), props.mode.present);
        use_reducer(move || {
            let mut s = State::open(link, host);
            s.present = present;
            s
        })
    };
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

    use_shortcuts(state.present, {
        let d = dispatch.clone();
        Callback::from(move |s: Shortcut| {
            d(match s {
                Shortcut::AnalyzeNow => A::Analyze { force: true },
                Shortcut::Step { forward } => A::Step { forward },
                Shortcut::TogglePlay => A::TogglePlay,
                Shortcut::Faster(up) => A::Faster(up),
                Shortcut::ExitPresentation => A::SetPresent(false),
            })
        })
    });
    use_host_bridge(props.mode.clone(), state.host_result.clone(), {
        let d = dispatch.clone();
        Callback::from(move |text: String| d(A::Open(text)))
    });
    let copied = use_share_link(state.share.clone());
    use_hash_links({
        let d = dispatch.clone();
        Callback::from(move |link: String| d(A::Open(link)))
    });
    // Presentation mode is styled from <html> (editors, header and footer hidden, large type).
    use_effect_with(state.present, |&present| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ =
                if present { root.set_attribute("data-present", "") } else { root.remove_attribute("data-present") };
        }
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
        Callback::from(move |s: DockerRegistrySecretArgs| d(A::AddSecret(s)))
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

    let onshare = {
        let d = dispatch.clone();
        Callback::from(move |_| d(A::Share))
    };
    let oninclude = {
        let d = dispatch.clone();
        Callback::from(move |on: bool| d(A::SetIncludeCredentials(on)))
    };
    let onpresent = {
        let d = dispatch.clone();
        Callback::from(move |on: bool| d(A::SetPresent(on)))
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
            <ShareBar share={s.share.clone()} {copied} include_credentials={s.include_credentials}
                present={s.present} ready={!sc.json.is_empty()} {onshare} {oninclude} {onpresent} />
            <Shortcuts />
            if let Some((ok, text)) = &s.notice {
                <p class={classes!("notice", (!ok).then_some("bad-text"))} role="status" data-testid="open-notice">
                    { text.clone() }
                </p>
            }
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
                            secret_status={s.secret_status.clone()}
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
