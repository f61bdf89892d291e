//! Loading workloads: every kind, multi-document streams with broken documents, exact source
//! positions, JSON, lists, skipped kinds and limits. Runs natively and under wasm-bindgen-test.

use pullsim::policy::ContainerKind;
use pullsim::workload::{load, load_bytes, ContainerRef, LoadResult, SourcePos, Workload, MAX_MANIFEST_BYTES};
use pullsim::yaml::{self, Kind, MAX_ALIAS_EXPANSION, MAX_DOCUMENT_ERRORS, MAX_NESTING_DEPTH};
use wasm_bindgen_test::wasm_bindgen_test;

const POD_NGINX: &str = include_str!("../../../examples/pod-nginx.yaml");
const DEPLOYMENT_PRIVATE: &str = include_str!("../../../examples/deployment-private.yaml");
const JOB_INIT_SIDECAR: &str = include_str!("../../../examples/job-init-sidecar.yaml");
const CRONJOB_LIST: &str = include_str!("../../../examples/cronjob-list.json");

/// Loads and requires no errors.
fn ok(text: &str) -> LoadResult {
    let r = load(text);
    assert!(r.errors.is_empty(), "unexpected errors: {:#?}", r.errors);
    r
}

fn only(r: &LoadResult) -> &Workload {
    assert_eq!(r.objects.len(), 1, "objects: {:#?}", r.objects);
    &r.objects[0]
}

fn images(w: &Workload) -> Vec<&str> {
    w.pod.containers.iter().map(|c| c.image.as_str()).collect()
}

/// Asserts a position: line, column, and the text it covers.
#[track_caller]
fn assert_pos(text: &str, pos: Option<SourcePos>, line: usize, column: usize, written: &str) {
    let pos = pos.expect("a position");
    assert_eq!((pos.line, pos.column), (line, column), "line/column of {written:?}: {pos:?}");
    assert_eq!(&text[pos.start..pos.end], written, "range of {pos:?}");
}

/// Every position in a result lies inside the input and on a character boundary.
#[track_caller]
fn assert_positions_inside(text: &str, r: &LoadResult) {
    let mut all: Vec<SourcePos> = r.objects.iter().map(|o| o.position).collect();
    all.extend(r.objects.iter().flat_map(|o| o.pod.containers.iter().filter_map(|c| c.image_position)));
    all.extend(r.skipped.iter().map(|s| s.position));
    for p in all {
        assert!(p.start <= p.end && p.end <= text.len(), "{p:?} outside {} bytes", text.len());
        assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end), "{p:?} splits a character");
        assert!(p.line >= 1 && p.column >= 1);
    }
    for d in r.errors.iter().chain(&r.warnings) {
        assert!(d.offset <= text.len(), "{d:?} outside {} bytes", text.len());
        assert!(d.line >= 1 && d.column >= 1 && d.document >= 1, "{d:?}");
    }
}

/// A manifest of `kind` whose pod spec holds one container `c` with image `img:1`.
fn manifest(kind: &str, api: &str) -> String {
    let indent = |s: &str, n: usize| s.lines().map(|l| format!("{}{l}\n", " ".repeat(n))).collect::<String>();
    let pod_spec = "containers:\n- name: c\n  image: img:1\n";
    let body = match kind {
        "Pod" => format!("spec:\n{}", indent(pod_spec, 2)),
        "CronJob" => format!(
            "spec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n{}",
            indent(pod_spec, 10)
        ),
        "PodTemplate" => format!("template:\n  spec:\n{}", indent(pod_spec, 4)),
        _ => format!("spec:\n  template:\n    spec:\n{}", indent(pod_spec, 6)),
    };
    format!("apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: x\n{body}")
}

#[wasm_bindgen_test(unsupported = test)]
fn every_workload_kind() {
    let kinds = [
        ("Pod", "v1", "spec"),
        ("Deployment", "apps/v1", "spec.template.spec"),
        ("ReplicaSet", "apps/v1", "spec.template.spec"),
        ("StatefulSet", "apps/v1", "spec.template.spec"),
        ("DaemonSet", "apps/v1", "spec.template.spec"),
        ("Deployment", "extensions/v1beta1", "spec.template.spec"),
        ("Job", "batch/v1", "spec.template.spec"),
        ("CronJob", "batch/v1", "spec.jobTemplate.spec.template.spec"),
        ("CronJob", "batch/v1beta1", "spec.jobTemplate.spec.template.spec"),
        ("ReplicationController", "v1", "spec.template.spec"),
        ("PodTemplate", "v1", "template.spec"),
    ];
    for (kind, api, path) in kinds {
        let text = manifest(kind, api);
        let r = ok(&text);
        let w = only(&r);
        assert_eq!((w.kind.as_str(), w.api_version.as_str(), w.name.as_str()), (kind, api, "x"), "{text}");
        assert_eq!(w.namespace, "default");
        assert_eq!(w.pod.path, path);
        assert_eq!(images(w), ["img:1"], "{text}");
        let c = &w.pod.containers[0];
        assert_eq!((c.name.as_str(), c.kind, c.sidecar), ("c", ContainerKind::Container, false));
        assert_eq!(c.path, format!("{path}.containers[0]"));
        let pos = c.image_position.expect("position");
        assert_eq!(&text[pos.start..pos.end], "img:1");
        assert_eq!(pos.line, text[..pos.start].matches('\n').count() + 1);
        assert!(r.skipped.is_empty() && r.warnings.is_empty());
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn pod_spec_fields() {
    let r = ok(JOB_INIT_SIDECAR);
    let w = only(&r);
    assert_eq!((w.kind.as_str(), w.name.as_str(), w.namespace.as_str()), ("Job", "report", "batch-jobs"));
    let got: Vec<(&str, &str, &str, ContainerKind, bool)> = w
        .pod
        .containers
        .iter()
        .map(|c| (c.name.as_str(), c.image.as_str(), c.image_pull_policy.as_str(), c.kind, c.sidecar))
        .collect();
    assert_eq!(
        got,
        [
            ("migrate", "busybox:1.36", "", ContainerKind::InitContainer, false),
            ("log-shipper", "fluent/fluent-bit:3.0", "", ContainerKind::InitContainer, true),
            ("report", "ghcr.io/example/report:latest", "", ContainerKind::Container, false),
            ("models", "quay.io/example/models:v2", "IfNotPresent", ContainerKind::ImageVolume, false),
        ]
    );
    assert_eq!(w.pod.containers[3].path, "spec.template.spec.volumes[0]");
    assert_pos(JOB_INIT_SIDECAR, w.pod.containers[3].image_position, 25, 24, "quay.io/example/models:v2");
    assert_eq!(w.pod.service_account_name, None);

    let r = ok(DEPLOYMENT_PRIVATE);
    let w = only(&r);
    assert_eq!((w.kind.as_str(), w.name.as_str(), w.namespace.as_str()), ("Deployment", "web", "shop"));
    assert_eq!(w.pod.image_pull_secrets, ["regcred"]);
    assert_eq!(w.pod.service_account_name.as_deref(), Some("builder"));
    assert_eq!(w.pod.containers[0].image_pull_policy, "IfNotPresent");
    assert_eq!(w.document, 3);
    assert_eq!((w.position.line, w.position.column), (18, 1));
    assert!(DEPLOYMENT_PRIVATE[w.position.start..w.position.end].starts_with("apiVersion: apps/v1\nkind: Deployment"));
    let skipped: Vec<(&str, &str, usize)> =
        r.skipped.iter().map(|s| (s.kind.as_str(), s.name.as_str(), s.document)).collect();
    assert_eq!(skipped, [("Secret", "regcred", 1), ("ServiceAccount", "builder", 2)]);

    // Ephemeral containers, the deprecated serviceAccount, generateName, empty secret names.
    let text = "kind: Pod\napiVersion: v1\nmetadata: {generateName: web-}\nspec:\n  serviceAccount: old\n  \
                imagePullSecrets: [{name: a}, {}, {name: \"\"}]\n  containers: [{name: a, image: x}]\n  \
                ephemeralContainers: [{name: debug, image: busybox, imagePullPolicy: Never}]\n";
    let r = ok(text);
    let w = only(&r);
    assert_eq!(w.name, "web-");
    assert_eq!(w.pod.service_account_name.as_deref(), Some("old"));
    assert_eq!(w.pod.image_pull_secrets, ["a", "", ""]);
    let e = &w.pod.containers[1];
    assert_eq!(
        (e.kind, e.image.as_str(), e.image_pull_policy.as_str()),
        (ContainerKind::EphemeralContainer, "busybox", "Never")
    );
    // serviceAccountName wins over serviceAccount.
    let r = ok("kind: Pod\napiVersion: v1\nspec: {serviceAccountName: new, serviceAccount: old}\n");
    assert_eq!(only(&r).pod.service_account_name.as_deref(), Some("new"));
    // A workload without a pod spec or with an empty one loads with no images.
    let r = ok("kind: Deployment\napiVersion: apps/v1\nmetadata: {name: d}\n");
    assert!(only(&r).pod.containers.is_empty());
    // Restart policy on a regular container is not a sidecar.
    let r = ok("kind: Pod\napiVersion: v1\nspec:\n  containers: [{name: a, image: x, restartPolicy: Always}]\n");
    assert!(!only(&r).pod.containers[0].sidecar);
}

#[wasm_bindgen_test(unsupported = test)]
fn examples_load() {
    let r = ok(POD_NGINX);
    assert_eq!(images(only(&r)), ["nginx"]);
    assert_pos(POD_NGINX, only(&r).pod.containers[0].image_position, 9, 14, "nginx");
    for text in [POD_NGINX, DEPLOYMENT_PRIVATE, JOB_INIT_SIDECAR, CRONJOB_LIST] {
        let r = ok(text);
        assert!(!r.objects.is_empty());
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert_positions_inside(text, &r);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn multi_document_with_a_broken_middle_document() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: first}\nspec: {containers: [{name: a, image: one}]}\n\
                ---\n\
                apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n   bad: indent\n\
                ---\n\
                apiVersion: v1\nkind: Pod\nmetadata: {name: third}\nspec: {containers: [{name: a, image: three}]}\n";
    let r = load(text);
    let names: Vec<&str> = r.objects.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["first", "third"]);
    assert_eq!(r.objects[1].document, 3);
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    let e = &r.errors[0];
    assert_eq!((e.document, e.line, e.column), (2, 10, 7), "{e:?}");
    assert!(e.message.contains("mapping values are not allowed"), "{e:?}");
    assert_pos(text, r.objects[1].pod.containers[0].image_position, 15, 38, "three");

    // An unterminated quote, an unclosed flow collection and a tab indent, each in its own
    // document between valid ones, with CRLF line endings.
    let docs = [
        "kind: Pod\napiVersion: v1\nspec: {containers: [{image: a}]}\n",
        "kind: Pod\nspec: {containers: [{image: \"unterminated}]}\n",
        "kind: Pod\napiVersion: v1\nspec: {containers: [{image: b}]}\n",
        "kind: Pod\nspec: {containers: [{image: c}\n",
        "kind: Pod\napiVersion: v1\nspec: {containers: [{image: d}]}\n",
        "kind: Pod\nspec:\n\tcontainers: []\n",
        "kind: Pod\napiVersion: v1\nspec: {containers: [{image: e}]}\n",
    ];
    let text = docs.join("---\n").replace('\n', "\r\n");
    let r = load(&text);
    let got: Vec<&str> = r.objects.iter().flat_map(|o| images(o)).collect();
    assert_eq!(got, ["a", "b", "d", "e"]);
    let errs: Vec<(usize, usize)> = r.errors.iter().map(|e| (e.document, e.line)).collect();
    // The unterminated quote is reported where it opens; the unclosed flow list where the next
    // `---` interrupts it; the tab where it indents.
    assert_eq!(errs, [(2, 6), (4, 14), (6, 21)], "{:#?}", r.errors);
    assert_positions_inside(&text, &r);
    let d = &r.objects[2].pod.containers[0];
    assert_pos(&text, d.image_position, 17, 29, "d");

    // Empty documents and comment-only documents are ignored; document numbers still count them.
    let r = ok("---\n# nothing\n---\n---\nkind: Pod\napiVersion: v1\n...\n");
    assert_eq!(only(&r).document, 3);
}

#[wasm_bindgen_test(unsupported = test)]
fn positions_block_flow_quoted_comments() {
    let text = "kind: Pod # a pod\n\
                apiVersion: v1\n\
                spec:\n  \
                  containers:\n  \
                  - name: block\n    \
                    image: nginx:1.27   # pinned\n  \
                  - {name: flow, image: redis}\n  \
                  - name: dq\n    \
                    image: \"  spaced  \"\n  \
                  - name: sq\n    \
                    image: 'it''s'  # quoted quote\n  \
                  - name: esc\n    \
                    image: \"ngin\\x78\" \n  \
                  - {\"name\": \"json\", \"image\":\"busybox\"}\n  \
                  - name: multi\n    \
                    image: registry.example.com/a\n      \
                      /b\n  \
                  - name: empty\n    \
                    image:\n  \
                  - name: none\n";
    let r = ok(text);
    let c = &only(&r).pod.containers;
    let by = |name: &str| c.iter().find(|x| x.name == name).unwrap_or_else(|| panic!("{name}")).clone();
    assert_pos(text, by("block").image_position, 6, 12, "nginx:1.27");
    assert_pos(text, by("flow").image_position, 7, 25, "redis");
    let dq = by("dq");
    assert_eq!(dq.image, "  spaced  ");
    assert_pos(text, dq.image_position, 9, 12, "\"  spaced  \"");
    let sq = by("sq");
    assert_eq!(sq.image, "it's");
    assert_pos(text, sq.image_position, 11, 12, "'it''s'");
    let esc = by("esc");
    assert_eq!(esc.image, "nginx");
    assert_pos(text, esc.image_position, 13, 12, "\"ngin\\x78\"");
    assert_pos(text, by("json").image_position, 14, 30, "\"busybox\"");
    let multi = by("multi");
    assert_eq!(multi.image, "registry.example.com/a /b");
    assert_pos(text, multi.image_position, 16, 12, "registry.example.com/a\n      /b");
    let empty = by("empty");
    assert_eq!(empty.image, "");
    let p = empty.image_position.expect("a null value has a position");
    assert_eq!((p.line, p.start, p.end), (19, p.end, p.end));
    assert_eq!(by("none").image_position, None);
    assert_eq!(by("none").image, "");
}

#[wasm_bindgen_test(unsupported = test)]
fn positions_crlf_tabs_odd_indentation_unicode() {
    // CRLF, a lone CR, odd indentation, tabs after values and before comments.
    // `image:<TAB>nginx` is valid for libyaml and go-yaml (kubectl), not for saphyr-parser alone.
    let text = "kind: Pod\r\napiVersion: v1\r\nspec:\r\n containers:\r\n    -   name: a\r\n        image:\tnginx\t# tab\r\n\
                \r\n    - name: b\r\n      image:   \"x\"\t\r\n    -\timage:\t\tc:1\r\n    - {image:\tflow, name: \"a:\tb\"}\r\n";
    let r = ok(text);
    let c = &only(&r).pod.containers;
    assert_pos(text, c[0].image_position, 6, 16, "nginx");
    assert_pos(text, c[1].image_position, 9, 16, "\"x\"");
    assert_pos(text, c[2].image_position, 10, 15, "c:1");
    assert_pos(text, c[3].image_position, 11, 15, "flow");
    // A tab inside a quoted value is kept.
    assert_eq!(c[3].name, "a:\tb");

    let cr = "kind: Pod\rapiVersion: v1\rspec: {containers: [{image: lonely}]}\r";
    let r = ok(cr);
    assert_pos(cr, only(&r).pod.containers[0].image_position, 3, 29, "lonely");

    // Multi-byte characters before the value: columns count characters, ranges are bytes.
    let text = "\u{feff}kind: Pod\napiVersion: v1\nmetadata: {name: café, annotations: {note: \"日本語\"}}\n\
                spec: {containers: [{name: ü, image: \"ünïcode:1\"}, {name: 😀, image: emoji}]}\n";
    let r = ok(text);
    let w = only(&r);
    assert_eq!(w.name, "café");
    assert_pos(text, w.pod.containers[0].image_position, 4, 38, "\"ünïcode:1\"");
    assert_pos(text, w.pod.containers[1].image_position, 4, 69, "emoji");
    assert_eq!(w.position.line, 1);
}

#[wasm_bindgen_test(unsupported = test)]
fn positions_anchors_aliases_tags_block_scalars() {
    let text = "kind: Pod\napiVersion: v1\nx-defaults:\n  img: &img  docker.io/library/nginx:1.27\n\
                spec:\n  containers:\n  - name: anchored\n    image: &own !!str  busybox\n  \
                - name: alias\n    image: *img\n  - name: literal\n    image: |-\n      redis:7\n\n  \
                - name: folded\n    image: >\n      quay.io/x\n      :v1\n";
    let r = ok(text);
    let c = &only(&r).pod.containers;
    assert_pos(text, c[0].image_position, 8, 24, "busybox");
    // An alias points at the anchored value.
    assert_eq!(c[1].image, "docker.io/library/nginx:1.27");
    assert_pos(text, c[1].image_position, 4, 14, "docker.io/library/nginx:1.27");
    assert_eq!(c[2].image, "redis:7");
    assert_pos(text, c[2].image_position, 13, 7, "redis:7");
    assert_eq!(c[3].image, "quay.io/x :v1\n");
    assert_pos(text, c[3].image_position, 17, 7, "quay.io/x\n      :v1");
    // An anchored empty value stays on its own line.
    let text = "kind: Pod\napiVersion: v1\nspec:\n  containers:\n  - image: &e\n    name: a\n";
    let r = ok(text);
    let c = &only(&r).pod.containers[0];
    assert_eq!((c.name.as_str(), c.image.as_str()), ("a", ""));
    let p = c.image_position.expect("position");
    assert_eq!((p.line, p.column, p.start, p.end), (5, 14, 58, 58));
}

#[wasm_bindgen_test(unsupported = test)]
fn merge_keys_and_duplicate_keys() {
    // go-yaml v2 (kubectl): a later key overrides an earlier one, merged or not.
    let text = "base: &base {name: app, image: base:1, imagePullPolicy: Always}\n\
                kind: Pod\napiVersion: v1\nspec:\n  containers:\n  \
                - <<: *base\n    image: override:2\n  \
                - image: early:0\n    <<: *base\n  \
                - <<: [{image: first:1}, {image: second:2, name: second}]\n";
    let r = ok(text);
    let got: Vec<(&str, &str, &str)> = only(&r)
        .pod
        .containers
        .iter()
        .map(|c| (c.name.as_str(), c.image.as_str(), c.image_pull_policy.as_str()))
        .collect();
    assert_eq!(got, [("app", "override:2", "Always"), ("app", "base:1", "Always"), ("second", "first:1", "")]);
    assert_pos(text, only(&r).pod.containers[0].image_position, 7, 12, "override:2");

    let text = "kind: Pod\napiVersion: v1\nspec:\n  containers:\n  - name: a\n    image: one\n    image: two\n";
    let r = ok(text);
    assert_eq!(images(only(&r)), ["two"]);
    assert_eq!(r.warnings.len(), 1);
    let w = &r.warnings[0];
    assert_eq!((w.line, w.column), (7, 5));
    assert!(w.message.contains("\"image\" is written twice") && w.message.contains("line 6"), "{w:?}");
}

#[wasm_bindgen_test(unsupported = test)]
fn duplicate_keys_pair_each_key_with_the_one_it_overrides_in_small_and_large_mappings() {
    // Small mappings compare keys pairwise, large ones hash them: the pairs are the same.
    for filler in [0, 30] {
        let mut text = String::from("{a: 1, <<: {a: 0}, b: 2, a: 3, '<<': 9, c: 4, a: 5, '<<': 8");
        for i in 0..filler {
            text.push_str(&format!(", k{i}: {i}"));
        }
        text.push_str(", b: 6}");
        let stream = yaml::parse(&text);
        let doc = stream.documents[0].as_ref().unwrap();
        let pairs: Vec<(usize, usize, &str)> = doc
            .duplicate_keys()
            .into_iter()
            .map(|(e, l)| (stream.pos(doc, e).start, stream.pos(doc, l).start, doc.key_text(l).unwrap()))
            .collect();
        assert_eq!(pairs, [(1, 25, "a"), (25, 46, "a"), (31, 52, "<<"), (19, text.len() - 5, "b")], "{text}");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn json_input() {
    let r = ok(CRONJOB_LIST);
    let w = only(&r);
    assert_eq!((w.kind.as_str(), w.name.as_str(), w.namespace.as_str()), ("CronJob", "nightly", "ops"));
    assert_eq!(w.pod.path, "items[0].spec.jobTemplate.spec.template.spec");
    assert_pos(
        CRONJOB_LIST,
        w.pod.containers[0].image_position,
        16,
        60,
        "\"registry.k8s.io/e2e-test-images/agnhost:2.53\"",
    );
    assert_eq!(r.skipped.len(), 1);
    assert_eq!((r.skipped[0].kind.as_str(), r.skipped[0].name.as_str()), ("ConfigMap", "settings"));

    // Minified and tab-indented JSON.
    let text = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"nginx:1\"}]}}";
    let r = ok(text);
    assert_pos(text, only(&r).pod.containers[0].image_position, 1, 99, "\"nginx:1\"");
    let text = "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Pod\",\n\t\"spec\": {\n\t\t\"containers\": [\n\t\t\t{\"image\": \"a\"}\n\t\t]\n\t}\n}\n";
    let r = ok(text);
    assert_pos(text, only(&r).pod.containers[0].image_position, 6, 14, "\"a\"");
    // Malformed JSON gets the parser's position.
    let r = load("{\"kind\": \"Pod\",\n \"spec\": {\"containers\": [}\n}");
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].line, 2, "{:?}", r.errors);
}

#[wasm_bindgen_test(unsupported = test)]
fn lists() {
    let text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a, namespace: n1}\n  \
                spec: {containers: [{image: one}]}\n\
                - apiVersion: v1\n  kind: List\n  items:\n  - {apiVersion: apps/v1, kind: Deployment, metadata: {name: b}, \
                spec: {template: {spec: {containers: [{image: two}]}}}}\n\
                - apiVersion: v1\n  kind: Service\n  metadata: {name: svc}\n\
                - just a string\n";
    let r = load(text);
    let got: Vec<(&str, &str, &str, Vec<&str>)> =
        r.objects.iter().map(|o| (o.kind.as_str(), o.name.as_str(), o.namespace.as_str(), images(o))).collect();
    assert_eq!(got, [("Pod", "a", "n1", vec!["one"]), ("Deployment", "b", "default", vec!["two"])]);
    assert_eq!(r.objects[1].pod.path, "items[1].items[0].spec.template.spec");
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].name, "svc");
    assert_eq!(r.errors.len(), 1);
    assert!(r.errors[0].message.starts_with("items[3]: expected a mapping, found a string"), "{:?}", r.errors);
    assert_eq!(r.errors[0].line, 15);

    // A typed list: items without kind take it from the list.
    let text = "{\"apiVersion\": \"v1\", \"kind\": \"PodList\", \"items\": [{\"metadata\": {\"name\": \"p\"}, \
                \"spec\": {\"containers\": [{\"image\": \"x\"}]}}]}";
    let r = ok(text);
    assert_eq!((only(&r).kind.as_str(), only(&r).api_version.as_str(), only(&r).name.as_str()), ("Pod", "v1", "p"));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // A custom kind that merely ends in "List" and has no items is skipped, not read as a list.
    let r = ok("apiVersion: example.com/v1\nkind: AllowList\nmetadata: {name: a}\nspec: {entries: []}\n");
    assert_eq!(r.skipped[0].kind, "AllowList");
    // An empty list.
    assert!(ok("apiVersion: v1\nkind: List\nitems: []\n").objects.is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn skipped_kinds() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\n\
                apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n---\n\
                apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: vj}\nspec: {tasks: []}\n---\n\
                apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: ro}\n---\n\
                apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ing}\n";
    let r = ok(text);
    assert!(r.objects.is_empty());
    let got: Vec<(&str, &str, usize, usize)> =
        r.skipped.iter().map(|s| (s.kind.as_str(), s.name.as_str(), s.document, s.position.line)).collect();
    assert_eq!(
        got,
        [
            ("Service", "web", 1, 1),
            ("ConfigMap", "cm", 2, 5),
            ("Job", "vj", 3, 9),
            ("Rollout", "ro", 4, 14),
            ("Ingress", "ing", 5, 18)
        ]
    );
    assert!(r.skipped[0].reason.contains("runs no containers"), "{}", r.skipped[0].reason);
    assert!(r.skipped[2].reason.contains("not the built-in Job"), "{}", r.skipped[2].reason);
    assert!(r.skipped[3].reason.contains("custom resource"), "{}", r.skipped[3].reason);
    assert!(r.skipped[4].reason.contains("runs no containers"), "{}", r.skipped[4].reason);
}

#[wasm_bindgen_test(unsupported = test)]
fn objects_kubectl_refuses() {
    // A field of the wrong type refuses that object only, naming the path and the position.
    let text = "kind: Pod\napiVersion: v1\nmetadata: {name: a}\nspec:\n  containers:\n  - name: a\n    image: 1.0\n---\n\
                kind: Pod\napiVersion: v1\nmetadata: {name: b}\nspec:\n  imagePullSecrets: [regcred]\n  containers: [{image: x}]\n---\n\
                kind: Pod\napiVersion: v1\nmetadata: {name: c}\nspec: {containers: {image: x}}\n---\n\
                kind: Pod\napiVersion: v1\nmetadata: {name: yes}\n---\n\
                apiVersion: v1\nmetadata: {name: nokind}\n---\n\
                - a list\n---\n\
                kind: Pod\napiVersion: v1\nmetadata: {name: fine}\nspec: {containers: [{image: \"1.0\", imagePullPolicy: \"yes\"}]}\n";
    let r = load(text);
    let names: Vec<&str> = r.objects.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["fine"]);
    assert_eq!(images(&r.objects[0]), ["1.0"]);
    let errs: Vec<(usize, usize, usize, &str)> =
        r.errors.iter().map(|e| (e.document, e.line, e.column, e.message.as_str())).collect();
    let expect = [
        (1, 7, 12, "spec.containers[0].image: expected a string, found a number"),
        (2, 13, 22, "spec.imagePullSecrets[0]: expected a mapping, found a string"),
        (3, 19, 20, "spec.containers: expected a list, found a mapping"),
        (4, 23, 18, "metadata.name: expected a string, found a boolean"),
        (5, 25, 1, "kind is missing"),
        (6, 28, 1, "expected a Kubernetes object (a mapping with apiVersion and kind), found a list"),
    ];
    assert_eq!(errs.len(), expect.len(), "{errs:#?}");
    for (got, want) in errs.iter().zip(expect) {
        assert_eq!((got.0, got.1, got.2), (want.0, want.1, want.2), "{got:?}");
        assert!(got.3.starts_with(want.3), "{got:?}");
    }
    // A missing apiVersion loads, with a warning.
    let r = ok("kind: Pod\nspec: {containers: [{image: x}]}\n");
    assert_eq!(images(only(&r)), ["x"]);
    assert!(r.warnings[0].message.contains("apiVersion is missing"));
}

#[wasm_bindgen_test(unsupported = test)]
fn yaml_1_1_scalars() {
    for (s, kind) in [
        ("", Kind::Null),
        ("~", Kind::Null),
        ("NULL", Kind::Null),
        ("yes", Kind::Bool),
        ("Off", Kind::Bool),
        ("y", Kind::Bool),
        ("0755", Kind::Int),
        ("0x1F", Kind::Int),
        ("-0b101", Kind::Int),
        ("1_000", Kind::Int),
        ("+12", Kind::Int),
        ("99999999999999999999999", Kind::Int),
        ("1.5", Kind::Float),
        ("1e3", Kind::Float),
        ("-.5", Kind::Float),
        (".inf", Kind::Float),
        ("089", Kind::Float),
        ("nginx", Kind::String),
        ("1.27-alpine", Kind::String),
        ("2001-12-14", Kind::String),
        ("yes please", Kind::String),
        ("+inf", Kind::String),
        ("0x", Kind::String),
        ("1.2.3", Kind::String),
    ] {
        assert_eq!(yaml::resolve_plain(s), kind, "{s:?}");
    }
    let docs =
        yaml::to_json("a: yes\nb: 0x1F\nc: '0x1F'\nd: ~\ne: [1.5, -3, 0755]\nf: &x {g: 1}\nh: *x\ni: {<<: *x, j: 2}\n");
    assert_eq!(docs.len(), 1);
    let v = docs[0].as_ref().expect("valid");
    assert_eq!(
        v,
        &serde_json::json!({"a": true, "b": 31, "c": "0x1F", "d": null, "e": [1.5, -3, 493], "f": {"g": 1}, "h": {"g": 1}, "i": {"g": 1, "j": 2}})
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn limit_input_size() {
    let big = "#".repeat(MAX_MANIFEST_BYTES + 1);
    for r in [load(&big), load_bytes(big.as_bytes())] {
        assert!(r.objects.is_empty());
        assert_eq!(r.errors.len(), 1);
        assert!(r.errors[0].message.contains("MAX_MANIFEST_BYTES"), "{:?}", r.errors);
    }
    // Exactly at the limit is read.
    let mut at_limit = POD_NGINX.to_owned();
    at_limit.push_str(&"#".repeat(MAX_MANIFEST_BYTES - at_limit.len()));
    assert_eq!(ok(&at_limit).objects.len(), 1);
}

#[wasm_bindgen_test(unsupported = test)]
fn limit_invalid_utf8_and_nul() {
    let mut bytes = b"kind: Pod\nmetadata:\n  name: ca".to_vec();
    bytes.extend([0xff, 0xfe]);
    bytes.extend(b"\n");
    let r = load_bytes(&bytes);
    assert_eq!(r.errors.len(), 1);
    let e = &r.errors[0];
    assert_eq!((e.line, e.column, e.offset), (3, 11, 30), "{e:?}");
    assert!(e.message.contains("invalid UTF-8"), "{e:?}");
    assert_eq!(load_bytes(POD_NGINX.as_bytes()), load(POD_NGINX));

    let text = "kind: Pod\napiVersion: v1\nspec: {containers: [{image: \"a\0b\"}]}\n---\nkind: Pod\napiVersion: v1\n";
    let r = load(text);
    assert_eq!(r.objects.len(), 1);
    assert_eq!(r.errors.len(), 1);
    assert_eq!((r.errors[0].document, r.errors[0].line), (1, 3), "{:?}", r.errors);
}

#[wasm_bindgen_test(unsupported = test)]
fn limit_alias_bomb() {
    let mut text = String::from(
        "kind: Pod\napiVersion: v1\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, c) in ('b'..='i').enumerate() {
        let prev = (b'a' + i as u8) as char;
        text.push_str(&format!("{c}: &{c} [{}]\n", vec![format!("*{prev}"); 9].join(",")));
    }
    text.push_str("---\nkind: Pod\napiVersion: v1\nspec: {containers: [{image: after}]}\n");
    let r = load(&text);
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert!(r.errors[0].message.contains("MAX_ALIAS_EXPANSION"), "{:?}", r.errors);
    assert_eq!(r.errors[0].document, 1);
    assert_eq!(images(only(&r)), ["after"]);
    assert_eq!(yaml::to_json(&text).iter().filter(|d| d.is_err()).count(), 1);
    // The boundary: an anchored list of 1000 nodes (the list and 999 items), aliased n times.
    let unit = 1000;
    let aliased = |n: u64| {
        format!(
            "kind: Pod\napiVersion: v1\nx: &x [{}]\ny: [{}]\n",
            vec!["a"; unit - 1].join(","),
            vec!["*x"; n as usize].join(",")
        )
    };
    let at_limit = MAX_ALIAS_EXPANSION / unit as u64;
    assert_eq!(only(&ok(&aliased(at_limit))).kind, "Pod");
    let r = load(&aliased(at_limit + 1));
    assert!(r.objects.is_empty() && r.errors[0].message.contains("MAX_ALIAS_EXPANSION"), "{:?}", r.errors);

    // A recursive alias is refused, not followed.
    let r = load("kind: Pod\na: &a [*a]\n");
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert!(r.objects.is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn limit_deep_nesting() {
    let depth = MAX_NESTING_DEPTH + 1;
    let flow = format!("kind: Pod\nx: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let block: String = (0..depth).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    let ten_thousand = "[".repeat(10_000);
    for text in [flow.as_str(), block.as_str(), ten_thousand.as_str()] {
        let text = format!("{text}\n---\nkind: Pod\napiVersion: v1\nspec: {{containers: [{{image: after}}]}}\n");
        let r = load(&text);
        assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
        assert!(r.errors[0].message.contains("MAX_NESTING_DEPTH"), "{:?}", r.errors);
        assert_eq!(images(only(&r)), ["after"]);
    }
    // At the limit is fine.
    let ok_depth = MAX_NESTING_DEPTH - 1;
    let text = format!("kind: Pod\napiVersion: v1\nx: {}{}\n", "[".repeat(ok_depth), "]".repeat(ok_depth));
    assert_eq!(ok(&text).objects.len(), 1);
}

#[wasm_bindgen_test(unsupported = test)]
fn limit_document_errors() {
    let text = "a: [\n---\n".repeat(MAX_DOCUMENT_ERRORS + 50);
    let r = load(&text);
    assert_eq!(r.errors.len(), MAX_DOCUMENT_ERRORS + 1);
    assert!(r.errors.last().is_some_and(|e| e.message.contains("MAX_DOCUMENT_ERRORS")));
    assert_positions_inside(&text, &r);
}

#[wasm_bindgen_test(unsupported = test)]
fn long_lines_and_many_documents() {
    let long = format!(
        "kind: Pod\napiVersion: v1\nmetadata:\n  annotations: {{a: \"{}\"}}\nspec: {{containers: [{{image: x}}]}}\n",
        "x".repeat(1 << 20)
    );
    let r = ok(&long);
    assert_pos(&long, only(&r).pod.containers[0].image_position, 5, 29, "x");
    let many = "---\nkind: Pod\napiVersion: v1\nspec: {containers: [{image: x}]}\n".repeat(2_000);
    let r = ok(&many);
    assert_eq!(r.objects.len(), 2_000);
    assert_eq!(r.objects[1999].pod.containers[0].image_position.map(|p| p.line), Some(1999 * 4 + 4));
}

/// Every prefix of the examples loads without a panic, with positions inside the input.
#[wasm_bindgen_test(unsupported = test)]
fn every_prefix_of_the_examples() {
    for text in [DEPLOYMENT_PRIVATE, JOB_INIT_SIDECAR, CRONJOB_LIST] {
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let prefix = &text[..end];
            assert_positions_inside(prefix, &load(prefix));
        }
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn serde_round_trip() {
    let r = load(&format!("{DEPLOYMENT_PRIVATE}---\n{JOB_INIT_SIDECAR}---\nkind: [\n"));
    let json = serde_json::to_string(&r).expect("serializes");
    assert!(json.contains("\"kind\":\"imageVolume\"") && json.contains("\"image_position\""), "{json}");
    let back: LoadResult = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, r);
    let c: &ContainerRef = &r.objects[0].pod.containers[0];
    assert_eq!(c.image, "registry.example.com:5000/shop/web:1.4.2");
}
