//! The scenario's credential world as the kubelet sees it: Secrets as manifests, the node's
//! config.json, credential provider plugins. The engine and the page (its credential table) read
//! credentials through these same functions, so what the table shows is what the simulation used.

use super::scenario::Scenario;
use crate::creds::{
    self, ConfigFormat, CredsLookup, LookupRequest, NodeConfig, PluginResponse, PluginSpec, SecretManifest,
};

/// The scenario's Secrets as manifests. Undecodable `data` values are left out and named in
/// `notes`.
pub fn secret_manifests(sc: &Scenario, notes: &mut Vec<String>) -> Vec<SecretManifest> {
    let mut out = Vec::with_capacity(sc.secrets.len());
    for s in &sc.secrets {
        let mut data: Vec<(String, Vec<u8>)> = Vec::new();
        let key = if s.secret_type == "kubernetes.io/dockercfg" { ".dockercfg" } else { ".dockerconfigjson" };
        if let Some(text) = &s.dockerconfigjson {
            data.push((key.to_owned(), text.as_bytes().to_vec()));
        }
        for (k, v) in &s.data {
            match creds::base64::decode_std(v.trim().as_bytes()) {
                Ok(bytes) => data.push((k.clone(), bytes)),
                Err(e) => notes.push(format!("secret {}/{}: data.{k}: {e}", s.namespace, s.name)),
            }
        }
        let refs: Vec<(&str, &[u8])> = data.iter().map(|(k, v)| (k.as_str(), v.as_slice())).collect();
        let mut m = SecretManifest::new(&s.name, &s.secret_type, &refs);
        m.namespace = s.namespace.clone();
        out.push(m);
    }
    out
}

/// The node's `/var/lib/kubelet/config.json`, when the scenario has one.
pub fn node_config(sc: &Scenario) -> Option<NodeConfig> {
    sc.node.config_json.as_ref().map(|text| NodeConfig {
        path: "/var/lib/kubelet/config.json".to_owned(),
        format: ConfigFormat::DockerConfigJson,
        text: text.clone(),
    })
}

/// The scenario's credential provider plugins (a plugin with an empty `auth` returns nothing).
pub fn plugins(sc: &Scenario) -> Vec<PluginSpec> {
    sc.providers
        .iter()
        .map(|p| PluginSpec {
            name: p.name.clone(),
            match_images: p.match_images.clone(),
            response: (!p.auth.is_empty()).then(|| PluginResponse {
                cache_key_type: "Registry".to_owned(),
                auth: p
                    .auth
                    .iter()
                    .map(|(k, a)| (k.clone(), creds::Credential::new(a.username.clone(), a.password.clone(), "")))
                    .collect(),
            }),
        })
        .collect()
}

/// The kubelet's credential lookup for `image` in a pod of `namespace` with these
/// `imagePullSecrets`, against the scenario's Secrets, node config and plugins: the lookup the
/// simulation makes before each pull (SPEC §3.1 step 4), with every key, match and the try order.
pub fn credential_lookup(sc: &Scenario, namespace: &str, image_pull_secrets: &[String], image: &str) -> CredsLookup {
    let mut notes = Vec::new();
    let req = LookupRequest {
        image: image.to_owned(),
        pod_namespace: namespace.to_owned(),
        image_pull_secrets: image_pull_secrets.to_vec(),
        secrets: secret_manifests(sc, &mut notes)
            .into_iter()
            .filter(|x| x.namespace == namespace || x.namespace.is_empty())
            .collect(),
        node_config: node_config(sc),
        plugins: plugins(sc),
    };
    creds::lookup(&req)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::simulate;
    use wasm_bindgen_test::wasm_bindgen_test;

    const SCENARIO: &str = r#"
workload: |
  apiVersion: v1
  kind: Pod
  metadata: {name: api, namespace: team}
  spec:
    imagePullSecrets: [{name: regcred}]
    containers:
    - {name: api, image: registry.example.com/team/api:1.0}
secrets:
- name: regcred
  namespace: team
  dockerconfigjson: '{"auths":{"registry.example.com":{"username":"ci","password":"hunter2"}}}'
- name: regcred
  namespace: other
  dockerconfigjson: '{"auths":{"registry.example.com":{"username":"wrong","password":"x"}}}'
node:
  configJson: '{"auths":{"*.example.com":{"username":"node","password":"n"}}}'
"#;

    #[wasm_bindgen_test(unsupported = test)]
    fn the_lookup_is_the_one_the_simulation_tries() {
        let sc = Scenario::from_yaml(SCENARIO).unwrap();
        let l = credential_lookup(&sc, "team", &["regcred".to_owned()], "registry.example.com/team/api:1.0");
        let users: Vec<&str> = l.try_order.iter().map(|a| a.matched.tracked.credential.username.as_str()).collect();
        assert_eq!(users, ["ci", "node"], "the pod's secret first, then the node's config; not another namespace's");
        let result = simulate(&sc);
        let pull = &result.pods[0].containers[0].pulls[0];
        assert_eq!(pull.credentials.len(), 2);
        assert!(pull.credentials[0].contains("ci") && pull.credentials[1].contains("node"), "{:?}", pull.credentials);
        // Passwords never appear in what the lookup serializes.
        let json = serde_json::to_string(&l).unwrap();
        assert!(!json.contains("hunter2") && !json.contains("\"n\""), "{json}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn bad_secret_data_is_a_note() {
        let mut sc = Scenario::with_workload("");
        sc.secrets.push(crate::sim::scenario::SecretSpec {
            name: "s".into(),
            namespace: "default".into(),
            secret_type: "kubernetes.io/dockerconfigjson".into(),
            dockerconfigjson: None,
            data: [(".dockerconfigjson".to_owned(), "%%%".to_owned())].into(),
        });
        let mut notes = Vec::new();
        let m = secret_manifests(&sc, &mut notes);
        assert_eq!(m.len(), 1);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("secret default/s: data..dockerconfigjson:"), "{notes:?}");
    }
}
