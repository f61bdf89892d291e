//! Reading objects out of parsed documents.

use super::{ContainerRef, Diagnostic, LoadResult, PodSpecView, Skipped, Workload};
use crate::policy::ContainerKind;
use crate::yaml::{Document, Kind, NodeId, Schema, SourcePos, Stream};

/// Lists inside lists: kubectl flattens them; deeper nesting than this is refused.
const MAX_LIST_NESTING: usize = 8;

/// The fields the loader reads; everything else is skipped while parsing.
#[derive(Debug, Clone, Copy)]
pub(super) enum State {
    Object,
    Items,
    Metadata,
    /// A pod spec, or a spec that leads to one (`template`, `jobTemplate`).
    Spec,
    Template,
    JobTemplate,
    Containers,
    Container,
    Volumes,
    Volume,
    ImageSource,
    Secrets,
    SecretRef,
    Leaf,
}

/// The [`Schema`] for workloads.
pub(super) struct PodSchema;

impl Schema for PodSchema {
    type State = State;

    fn root(&self) -> State {
        State::Object
    }

    fn key(&self, state: State, key: &str) -> Option<State> {
        use State::*;
        Some(match (state, key) {
            (Object, "kind" | "apiVersion") => Leaf,
            (Object, "metadata") => Metadata,
            (Object, "spec") => Spec,
            (Object, "template") => Template,
            (Object, "items") => Items,
            (Metadata, "name" | "namespace" | "generateName") => Leaf,
            (Spec, "containers" | "initContainers" | "ephemeralContainers") => Containers,
            (Spec, "volumes") => Volumes,
            (Spec, "imagePullSecrets") => Secrets,
            (Spec, "serviceAccountName" | "serviceAccount") => Leaf,
            (Spec, "template") => Template,
            (Spec, "jobTemplate") => JobTemplate,
            (Template | JobTemplate, "spec") => Spec,
            (Container, "name" | "image" | "imagePullPolicy" | "restartPolicy") => Leaf,
            (Volume, "name") => Leaf,
            (Volume, "image") => ImageSource,
            (ImageSource, "reference" | "pullPolicy") => Leaf,
            (SecretRef, "name") => Leaf,
            _ => return None,
        })
    }

    fn item(&self, state: State) -> Option<State> {
        match state {
            State::Items => Some(State::Object),
            State::Containers => Some(State::Container),
            State::Volumes => Some(State::Volume),
            State::Secrets => Some(State::SecretRef),
            _ => None,
        }
    }
}

/// Reads one document into `out`.
pub(super) fn document(stream: &Stream<'_>, doc: &Document<'_>, out: &mut LoadResult) {
    let mut reader = Reader { stream, doc, errors: Vec::new() };
    for (earlier, later) in doc.duplicate_keys() {
        let key = doc.key_text(later).unwrap_or_default();
        let first = stream.pos(doc, earlier);
        out.warnings.push(Diagnostic::at(
            format!(
                "key {key:?} is written twice in this mapping (first at line {}); the last one wins, as with kubectl",
                first.line
            ),
            doc.index,
            stream.pos(doc, later),
        ));
    }
    let Some(root) = doc.root() else { return };
    match doc.kind(root) {
        Kind::Null => {}
        Kind::Mapping => reader.object(root, "", None, 0, out),
        other => reader.error(
            root,
            format!("expected a Kubernetes object (a mapping with apiVersion and kind), found {}", other.describe()),
        ),
    }
    out.errors.append(&mut reader.errors);
}

/// Where a kind keeps its pod spec, relative to the object.
fn pod_spec_path(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "Pod" => &["spec"],
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" | "Job" | "ReplicationController" => {
            &["spec", "template", "spec"]
        }
        "CronJob" => &["spec", "jobTemplate", "spec", "template", "spec"],
        "PodTemplate" => &["template", "spec"],
        _ => return None,
    })
}

/// The API groups a built-in kind is served from (legacy groups included).
fn groups(kind: &str) -> &'static [&'static str] {
    match kind {
        "Pod" | "ReplicationController" | "PodTemplate" | "List" => &[""],
        "Deployment" | "ReplicaSet" | "DaemonSet" => &["apps", "extensions"],
        "StatefulSet" => &["apps"],
        "Job" | "CronJob" => &["batch"],
        _ => &[],
    }
}

/// `apps/v1` → `apps`, `v1` → `` (the core group).
fn group_of(api_version: &str) -> &str {
    api_version.rsplit_once('/').map_or("", |(g, _)| g)
}

fn is_builtin_group(group: &str) -> bool {
    matches!(group, "" | "apps" | "batch" | "autoscaling" | "policy" | "extensions") || group.ends_with(".k8s.io")
}

/// Why an object of another kind is not read.
fn skip_reason(kind: &str, api_version: &str) -> String {
    let group = group_of(api_version);
    if !groups(kind).is_empty() || kind == "List" {
        return format!(
            "{kind} in {api_version} is not the built-in {kind} (group {:?}): a custom resource, whose controller \
             decides which pods it creates; pullsim reads built-in kinds only",
            groups(kind).first().copied().unwrap_or_default()
        );
    }
    if !api_version.is_empty() && !is_builtin_group(group) {
        return format!(
            "a custom resource ({api_version}): its controller decides which pods it creates, if any; pullsim reads \
             built-in workload kinds only"
        );
    }
    match kind {
        "Secret" => "a Secret runs no containers; pods use image pull secrets through imagePullSecrets or their \
                     ServiceAccount"
            .to_owned(),
        "ServiceAccount" => "a ServiceAccount runs no containers; its imagePullSecrets are copied into pods that \
                             use it and list none (ServiceAccount admission)"
            .to_owned(),
        _ => format!("{kind} runs no containers (no pod template): nothing for the kubelet to pull"),
    }
}

struct Reader<'r, 'a> {
    stream: &'r Stream<'a>,
    doc: &'r Document<'a>,
    /// Errors of the object being read (an object with errors is not loaded).
    errors: Vec<Diagnostic>,
}

impl Reader<'_, '_> {
    fn pos(&self, id: NodeId) -> SourcePos {
        self.stream.pos(self.doc, id)
    }

    fn error(&mut self, id: NodeId, message: String) {
        let pos = self.pos(id);
        self.errors.push(Diagnostic::at(message, self.doc.index, pos));
    }

    /// A string field: `None` when absent or null, an error when of another type.
    fn string(&mut self, map: NodeId, key: &str, path: &str) -> Option<(String, NodeId)> {
        let id = self.doc.get(map, key)?;
        match self.doc.str(id) {
            Ok(Some(s)) => Some((s.to_owned(), id)),
            Ok(None) => None,
            Err(kind) => {
                self.error(
                    id,
                    format!("{path}{key}: expected a string, found {}; kubectl refuses the object", kind.describe()),
                );
                None
            }
        }
    }

    /// A mapping field: `None` when absent or null, an error when of another type.
    fn mapping(&mut self, map: NodeId, key: &str, path: &str) -> Option<NodeId> {
        let id = self.doc.get(map, key)?;
        match self.doc.kind(id) {
            Kind::Mapping => Some(id),
            Kind::Null => None,
            other => {
                self.error(
                    id,
                    format!("{path}{key}: expected a mapping, found {}; kubectl refuses the object", other.describe()),
                );
                None
            }
        }
    }

    /// A list field's items: empty when absent or null, an error when of another type.
    fn list(&mut self, map: NodeId, key: &str, path: &str) -> Vec<NodeId> {
        let Some(id) = self.doc.get(map, key) else { return Vec::new() };
        match self.doc.items(id) {
            Ok(items) => items.to_vec(),
            Err(kind) => {
                self.error(
                    id,
                    format!("{path}{key}: expected a list, found {}; kubectl refuses the object", kind.describe()),
                );
                Vec::new()
            }
        }
    }

    /// A list item that must be a mapping (`None`, with an error, when it is not; null items
    /// are empty objects to kubectl and are skipped here).
    fn item_mapping(&mut self, item: NodeId, path: &str) -> Option<NodeId> {
        match self.doc.kind(item) {
            Kind::Mapping => Some(item),
            Kind::Null => None,
            other => {
                self.error(
                    item,
                    format!("{path}: expected a mapping, found {}; kubectl refuses the object", other.describe()),
                );
                None
            }
        }
    }

    /// Reads an object (a document's root or a list item) into `out`. `list` is the kind and
    /// apiVersion a typed list's items take when they have none (`PodList` → `Pod`).
    fn object(&mut self, obj: NodeId, prefix: &str, list: Option<(&str, &str)>, depth: usize, out: &mut LoadResult) {
        let before = self.errors.len();
        let kind = self.string(obj, "kind", prefix).map(|(k, _)| k);
        let api_version = self.string(obj, "apiVersion", prefix).map(|(v, _)| v);
        let meta_path = format!("{prefix}metadata.");
        let meta = self.mapping(obj, "metadata", prefix);
        let mut name = String::new();
        let mut namespace = None;
        if let Some(meta) = meta {
            let generate = self.string(meta, "generateName", &meta_path).map(|(n, _)| n);
            name = self.string(meta, "name", &meta_path).map(|(n, _)| n).or(generate).unwrap_or_default();
            namespace = self.string(meta, "namespace", &meta_path).map(|(n, _)| n);
        }
        if self.errors.len() > before {
            return;
        }
        let (kind, api_version) = match (kind, list) {
            (Some(k), _) => (k, api_version),
            (None, Some((list_kind, list_api))) => {
                (list_kind.to_owned(), api_version.or_else(|| Some(list_api.to_owned())))
            }
            (None, None) => {
                let at = if prefix.is_empty() { "" } else { " (in a list)" };
                self.error(
                    obj,
                    format!("{prefix}kind is missing{at}: kubectl refuses an object without a kind (Object 'Kind' is missing)"),
                );
                return;
            }
        };
        let api_version = api_version.unwrap_or_default();
        let position = self.pos(obj);
        let typed_list = kind.len() > 4 && kind.ends_with("List") && self.doc.get(obj, "items").is_some();
        if typed_list || (kind == "List" && group_of(&api_version).is_empty()) {
            if depth >= MAX_LIST_NESTING {
                self.error(obj, format!("{prefix}items: lists nest deeper than {MAX_LIST_NESTING} (MAX_LIST_NESTING)"));
                return;
            }
            let items_path = format!("{prefix}items");
            let item_kind = kind.strip_suffix("List").filter(|k| !k.is_empty()).map(|k| (k, api_version.as_str()));
            for (i, item) in self.list(obj, "items", prefix).into_iter().enumerate() {
                let item_prefix = format!("{items_path}[{i}].");
                let Some(item) = self.item_mapping(item, &format!("{items_path}[{i}]")) else { continue };
                self.object(item, &item_prefix, item_kind, depth + 1, out);
            }
            return;
        }
        let group_ok = api_version.is_empty() || groups(&kind).contains(&group_of(&api_version));
        let Some(spec_path) = pod_spec_path(&kind).filter(|_| group_ok) else {
            out.skipped.push(Skipped {
                reason: skip_reason(&kind, &api_version),
                kind,
                api_version,
                name,
                document: self.doc.index,
                position,
            });
            return;
        };
        // Walk to the pod spec; an absent step means no pod spec (and no containers).
        let mut at = Some(obj);
        let mut path = prefix.to_owned();
        for (i, step) in spec_path.iter().enumerate() {
            at = at.and_then(|node| self.mapping(node, step, &path));
            path.push_str(step);
            if i + 1 < spec_path.len() {
                path.push('.');
            }
        }
        let pod = match at {
            Some(spec) => self.pod_spec(spec, &path),
            None => PodSpecView { path, ..PodSpecView::default() },
        };
        if self.errors.len() > before {
            return;
        }
        if api_version.is_empty() {
            out.warnings.push(Diagnostic::at(
                format!("{prefix}apiVersion is missing: kubectl refuses an object without one; read as {kind} anyway"),
                self.doc.index,
                position,
            ));
        }
        out.objects.push(Workload {
            kind,
            api_version,
            name,
            namespace: namespace.unwrap_or_else(|| "default".to_owned()),
            pod,
            document: self.doc.index,
            position,
        });
    }

    fn pod_spec(&mut self, spec: NodeId, path: &str) -> PodSpecView {
        let dot = format!("{path}.");
        let mut containers = Vec::new();
        for (field, kind) in [
            ("initContainers", ContainerKind::InitContainer),
            ("containers", ContainerKind::Container),
            ("ephemeralContainers", ContainerKind::EphemeralContainer),
        ] {
            for (i, item) in self.list(spec, field, &dot).into_iter().enumerate() {
                let item_path = format!("{dot}{field}[{i}]");
                let Some(c) = self.item_mapping(item, &item_path) else { continue };
                let fields = format!("{item_path}.");
                let name = self.string(c, "name", &fields).map(|(n, _)| n).unwrap_or_default();
                let image_position = self.doc.get(c, "image").map(|id| self.pos(self.doc.resolve(id)));
                let image = self.string(c, "image", &fields).map(|(s, _)| s).unwrap_or_default();
                let image_pull_policy = self.string(c, "imagePullPolicy", &fields).map(|(s, _)| s).unwrap_or_default();
                let restart = self.string(c, "restartPolicy", &fields).map(|(s, _)| s);
                let sidecar = kind == ContainerKind::InitContainer && restart.as_deref() == Some("Always");
                containers.push(ContainerRef {
                    name,
                    image,
                    image_pull_policy,
                    kind,
                    sidecar,
                    path: item_path,
                    image_position,
                });
            }
        }
        for (i, item) in self.list(spec, "volumes", &dot).into_iter().enumerate() {
            let item_path = format!("{dot}volumes[{i}]");
            let Some(v) = self.item_mapping(item, &item_path) else { continue };
            let fields = format!("{item_path}.");
            let name = self.string(v, "name", &fields).map(|(n, _)| n).unwrap_or_default();
            let Some(source) = self.mapping(v, "image", &fields) else { continue };
            let source_fields = format!("{item_path}.image.");
            let image_position = self.doc.get(source, "reference").map(|id| self.pos(self.doc.resolve(id)));
            let image = self.string(source, "reference", &source_fields).map(|(s, _)| s).unwrap_or_default();
            let image_pull_policy =
                self.string(source, "pullPolicy", &source_fields).map(|(s, _)| s).unwrap_or_default();
            containers.push(ContainerRef {
                name,
                image,
                image_pull_policy,
                kind: ContainerKind::ImageVolume,
                sidecar: false,
                path: item_path,
                image_position,
            });
        }
        let mut image_pull_secrets = Vec::new();
        for (i, item) in self.list(spec, "imagePullSecrets", &dot).into_iter().enumerate() {
            let item_path = format!("{dot}imagePullSecrets[{i}]");
            let Some(s) = self.item_mapping(item, &item_path) else { continue };
            let name = self.string(s, "name", &format!("{item_path}.")).map(|(n, _)| n).unwrap_or_default();
            image_pull_secrets.push(name);
        }
        let account = self.string(spec, "serviceAccountName", &dot).map(|(n, _)| n).filter(|n| !n.is_empty());
        let deprecated = self.string(spec, "serviceAccount", &dot).map(|(n, _)| n).filter(|n| !n.is_empty());
        PodSpecView {
            path: path.to_owned(),
            containers,
            image_pull_secrets,
            service_account_name: account.or(deprecated),
        }
    }
}
