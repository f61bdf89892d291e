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
