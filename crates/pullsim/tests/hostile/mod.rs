//! Hostile inputs (issue 6 "Limits"), shared by `tests/limits.rs` and `benches/hostile.rs`.
#![allow(dead_code)]

/// "Billion laughs": ten levels of ten aliases each (10^9 nodes if expanded).
pub fn alias_bomb() -> String {
    let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        s.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    s.push_str("kind: Pod\nspec: {containers: [{name: c, image: nginx, args: *a9}]}\n");
    s
}

/// Block mappings nested `depth` deep.
pub fn deep_block(depth: usize) -> String {
    let mut s = String::with_capacity(depth * depth);
    for i in 0..depth {
        s.push_str(&" ".repeat(i));
        s.push_str("k:\n");
    }
    s
}

/// Flow sequences nested `depth` deep: `[[[[…]]]]`.
pub fn deep_flow(depth: usize) -> String {
    "[".repeat(depth) + &"]".repeat(depth)
}

/// A Pod whose image is one line of `len` bytes.
pub fn long_line(len: usize) -> String {
    format!("kind: Pod\nspec:\n  containers:\n  - name: c\n    image: {}\n", "a".repeat(len))
}

/// A valid manifest of about `len` bytes with an invalid UTF-8 byte at the end.
pub fn invalid_utf8(len: usize) -> Vec<u8> {
    let mut b = long_line(len).into_bytes();
    b.push(0xff);
    b
}

/// A Pod with NUL bytes in a value and a `len`-byte run of NULs after it.
pub fn nul_bytes(len: usize) -> String {
    format!("kind: Pod\nspec:\n  containers:\n  - name: c\0c\n    image: nginx\n{}", "\0".repeat(len))
}

/// `len` bytes of a plausible paste (repeated Deployments).
pub fn big_paste(len: usize) -> Vec<u8> {
    let doc = "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: web, image: nginx:1.25}\n";
    doc.repeat(len / doc.len() + 1).into_bytes()
}

/// One Deployment as `kubectl get deployments -o yaml` prints it (server-set metadata, defaulted
/// fields and status included), as an item of a `List`.
const DUMP_ITEM: &str = "- apiVersion: apps/v1
  kind: Deployment
  metadata:
    annotations:
      deployment.kubernetes.io/revision: \"3\"
    creationTimestamp: \"2026-10-02T09:14:27Z\"
    generation: 3
    labels:
      app.kubernetes.io/name: checkout
      app.kubernetes.io/part-of: shop
    name: checkout
    namespace: shop
    resourceVersion: \"48213377\"
    uid: 0f4c2a9e-3b1d-4c7e-9a55-2d8e61b7f003
  spec:
    progressDeadlineSeconds: 600
    replicas: 3
    revisionHistoryLimit: 10
    selector:
      matchLabels:
        app.kubernetes.io/name: checkout
    strategy:
      rollingUpdate:
        maxSurge: 25%
        maxUnavailable: 25%
      type: RollingUpdate
    template:
      metadata:
        creationTimestamp: null
        labels:
          app.kubernetes.io/name: checkout
      spec:
        containers:
        - image: registry.example.com/shop/checkout:2.14.1
          imagePullPolicy: IfNotPresent
          name: checkout
          ports:
          - containerPort: 8080
            protocol: TCP
          resources:
            limits:
              memory: 256Mi
            requests:
              cpu: 100m
              memory: 128Mi
          terminationMessagePath: /dev/termination-log
          terminationMessagePolicy: File
        dnsPolicy: ClusterFirst
        imagePullSecrets:
        - name: registry-example
        restartPolicy: Always
        schedulerName: default-scheduler
        securityContext: {}
        terminationGracePeriodSeconds: 30
  status:
    availableReplicas: 3
    conditions:
    - lastTransitionTime: \"2026-10-02T09:14:40Z\"
      lastUpdateTime: \"2026-10-02T09:14:40Z\"
      message: Deployment has minimum availability.
      reason: MinimumReplicasAvailable
      status: \"True\"
      type: Available
    - lastTransitionTime: \"2026-10-02T09:14:27Z\"
      lastUpdateTime: \"2026-11-20T16:02:11Z\"
      message: ReplicaSet \"checkout-6d9f8b7c5d\" has successfully progressed.
      reason: NewReplicaSetAvailable
      status: \"True\"
      type: Progressing
    observedGeneration: 3
    readyReplicas: 3
    replicas: 3
    updatedReplicas: 3
";

/// At most `len` bytes of `kubectl get deployments -A -o yaml`: one `List` of Deployments.
pub fn kubectl_dump_yaml(len: usize) -> String {
    let mut s = String::from("apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n");
    while s.len() + DUMP_ITEM.len() <= len {
        s.push_str(DUMP_ITEM);
    }
    s
}

/// At most `len` bytes of `kubectl get deployments -A -o json` (the same Deployments, indented as
/// kubectl indents JSON).
pub fn kubectl_dump_json(len: usize) -> String {
    let docs = pullsim::yaml::to_json(DUMP_ITEM);
    let Some(Ok(serde_json::Value::Array(items))) = docs.first() else { panic!("DUMP_ITEM is a list") };
    let item = serde_json::to_string_pretty(&items[0]).unwrap().replace('\n', "\n        ");
    let mut s = String::from("{\n    \"apiVersion\": \"v1\",\n    \"items\": [");
    let tail = "\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\"resourceVersion\": \"\"}\n}\n";
    let mut first = true;
    while s.len() + item.len() + 12 + tail.len() <= len {
        s.push_str(if first { "\n        " } else { ",\n        " });
        s.push_str(&item);
        first = false;
    }
    s.push_str(tail);
    s
}

/// A one-line JSON array of `len` bytes: `[1,1,1,…]`.
pub fn dense_json_array(len: usize) -> String {
    let mut s = String::with_capacity(len + 2);
    s.push('[');
    while s.len() < len {
        s.push_str("1,");
    }
    s.push_str("1]");
    s
}

/// About `len` bytes of one JSON object whose key `a` holds millions of tiny nodes:
/// `{"a":[1,1,1,…]}`, then `rest` (more members, e.g. `,"kind":"Pod"`).
pub fn dense_json_in_mapping(len: usize, rest: &str) -> String {
    let mut s = String::with_capacity(len + rest.len() + 8);
    s.push_str("{\"a\":[");
    while s.len() < len {
        s.push_str("1,");
    }
    s.push_str("1]");
    s.push_str(rest);
    s.push('}');
    s
}

/// About `len` bytes of block YAML whose key `a` holds millions of tiny nodes: `a:\n- 1\n- 1\n…`.
pub fn dense_block_in_mapping(len: usize) -> String {
    let mut s = String::with_capacity(len + 4);
    s.push_str("a:\n");
    while s.len() < len {
        s.push_str("- 1\n");
    }
    s
}

/// An image name of `len` bytes: a valid domain, then a path component as long as it takes.
pub fn huge_image_name(len: usize) -> String {
    format!("registry.example.com/{}:tag", "a".repeat(len))
}

/// A config.json with `n` keys: `registry{i}.example.com/team{i % 97}`, user `user{i}`.
pub fn big_config(n: usize) -> String {
    let mut s = String::from("{\"auths\":{");
    for i in 0..n {
        let comma = if i > 0 { "," } else { "" };
        s.push_str(&format!(
            "{comma}\"registry{i}.example.com/team{}\":{{\"username\":\"user{i}\",\"password\":\"p\"}}",
            i % 97
        ));
    }
    s.push_str("}}");
    s
}
