//! The crate's one YAML module: every YAML (and JSON) text pullsim reads goes through here.
//!
//! # Parser
//!
//! [`saphyr-parser`](https://docs.rs/saphyr-parser)'s event API, because it reports a span for
//! every event, so each value knows where it was written, and because it is small. Measured on a
//! `wasm32-unknown-unknown` cdylib built with this workspace's release profile (`opt-level = "z"`,
//! LTO, one codegen unit, `panic = "abort"`), over a `serde_json` baseline of 62 KB (23 KB
//! gzipped): saphyr-parser plus a spanned tree adds 119 KB (35 KB gzipped); `serde_norway`
//! (serde_yaml's maintained fork, libyaml translated to Rust) adds 229 KB (90 KB gzipped) and gives
//! no spans for values. Parsing speed is the same (a 23 KB, 50-container Deployment: 3.5 ms vs
//! 3.7 ms in Node at `opt-level = "z"`), so a position finder on top of serde_norway would have
//! cost more bytes for less exact positions.
//!
//! # Semantics
//!
//! What `kubectl` does with YAML (`sigs.k8s.io/yaml`, a fork of go-yaml v2, turning YAML into
//! JSON before decoding):
//! - plain scalars resolve by YAML 1.1 rules as go-yaml v2 does ([`resolve_plain`]): `yes`, `on`
//!   and `y` are booleans, `0755` and `0x1F` integers, `~` and the empty value null; quoted and
//!   block scalars are always strings;
//! - `<<` merge keys are applied with go-yaml v2's ordering: a later key overrides an earlier one,
//!   whether it was written or merged, and within `<<: [*a, *b]` the first mapping wins;
//! - a duplicated key: the last one wins;
//! - aliases resolve to their anchored node; nothing is ever copied, so alias bombs cost nothing
//!   to read, but a document whose aliases would expand to more than [`MAX_ALIAS_EXPANSION`]
//!   nodes is refused, as kubectl refuses it ("excessive aliasing").
//!
//! # Documents and errors
//!
//! A stream is split into documents. A malformed document yields one [`YamlError`] (the
//! parser's message, 1-based line and column, byte offset) and parsing resumes at the next
//! `---` line after the start of the broken document, so one broken document does not hide the
//! valid ones after it. A `---` at the start of a line always starts a document in YAML (it
//! cannot occur inside a block scalar, a quoted or plain multi-line scalar, or a flow
//! collection), so resuming there is exact.
//!
//! # Limits
//!
//! [`MAX_NESTING_DEPTH`] (the parser itself stops flow collections at 256), [`MAX_ALIAS_EXPANSION`],
//! [`MAX_YAML_NODES`] and [`MAX_DOCUMENT_ERRORS`]. Input size is the caller's limit
//! (`workload::MAX_MANIFEST_BYTES`). A text that is one JSON object is scanned before it is parsed
//! ([`read`]), so what the caller's [`Schema`] skips there costs a byte scan, not a parse.
//! For comparison, serde_yaml / serde_norway refuse recursion deeper than 128 and more than
//! 100 alias jumps per event of the document (both fixed, unnamed constants).

use saphyr_parser::{Event, Parser, ScalarStyle, Span as ParserSpan, Tag};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// Collections (mappings and sequences) may nest at most this deep; deeper documents are
/// refused with an error naming this limit. Kubernetes objects nest about 10 levels deep.
pub const MAX_NESTING_DEPTH: usize = 128;

/// saphyr-parser's own limit on flow collections (`[`, `{`) nested in one another; the scanner
/// may reach it before [`MAX_NESTING_DEPTH`] is checked, since it reads ahead.
pub const MAX_FLOW_NESTING: usize = 255;

/// A document whose aliases would expand to more than this many nodes is refused (a "billion
/// laughs" alias bomb would expand to 10^9). Aliases are never expanded in memory; this bounds
/// what a consumer that does expand them (kubectl, or [`to_json`]) would produce.
pub const MAX_ALIAS_EXPANSION: u64 = 1_000_000;

/// An input with more than this many YAML nodes (scalars, keys, aliases, lists and mappings, kept
/// or not) is refused at the node that exceeds it, and nothing after it is read. saphyr-parser
/// spends 0.15–0.45 µs per node natively (more in wasm), so this bounds a parse to about a second
/// natively and the tree to a known size. A 10 MiB paste of small flow-style Deployments (the
/// densest plausible manifest, 22 nodes in 148 bytes each) has 1.56 million nodes; a real
/// `kubectl get deployments -o yaml` item (kubectl's documentation example, status included: 131
/// nodes in 1,768 bytes) has a node every 13.5 bytes, 0.78 million in 10 MiB. Only millions of
/// tiny nodes (`[1,1,1,…]`, `- 1` lines) reach it.
pub const MAX_YAML_NODES: u64 = 2_000_000;

/// At most this many malformed documents are reported; the stream is not read further after
/// that (a final error says so).
pub const MAX_DOCUMENT_ERRORS: usize = 100;

/// Where something is written: `line` and `column` are 1-based (the column counts characters,
/// a tab is one), `start..end` is the byte range in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourcePos {
    /// 1-based line (line breaks are `\n`, `\r\n` and a lone `\r`, as in YAML).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// A malformed document, or one refused by a limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YamlError {
    /// The parser's message, or which limit refused the document.
    pub message: String,
    /// 1-based index of the document in the stream.
    pub document: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offset in the input (at most the input's length).
    pub offset: usize,
}

/// The index of a node in its [`Document`].
pub type NodeId = usize;

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|`
    Literal,
    /// `>`
    Folded,
}

/// What a node resolves to, as kubectl sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    Null,
    Bool,
    Int,
    Float,
    String,
    Sequence,
    Mapping,
}

impl Kind {
    /// With an article, for messages ("found an integer").
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Int => "an integer",
            Kind::Float => "a number",
            Kind::String => "a string",
            Kind::Sequence => "a list",
            Kind::Mapping => "a mapping",
        }
    }
}

/// A node's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// A scalar: its value (escapes resolved, lines folded), style and tag (`!!str`, `!foo`).
    Scalar { text: Cow<'a, str>, style: Style, tag: Option<String> },
    /// A sequence's items. A pruned document (see [`Schema`]) keeps only the items it needs.
    Sequence(Vec<NodeId>),
    /// A mapping's `(key, value)` entries in order. A pruned document keeps only the entries
    /// it needs.
    Mapping(Vec<(NodeId, NodeId)>),
    /// An alias: the anchored node it refers to.
    Alias(NodeId),
}

/// A parser position: absolute character index, 1-based line, 0-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    index: usize,
    line: usize,
    col: usize,
}

/// One node of a [`Document`].
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub value: Value<'a>,
    start: Mark,
    end: Mark,
    /// Written with an anchor or a tag (the parser's span starts at them).
    props: bool,
}

/// One YAML document: an arena of nodes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document<'a> {
    /// 1-based index in the stream.
    pub index: usize,
    nodes: Vec<Node<'a>>,
    root: Option<NodeId>,
}

/// Decides which parts of a document are kept, so a 10 MB dump does not become a 10 MB tree
/// when only a few fields are read. Anchored nodes are always kept whole, since an alias may
/// use them anywhere.
pub trait Schema {
    /// Where the parser is in the caller's schema.
    type State: Copy;
    /// The state of a document's root.
    fn root(&self) -> Self::State;
    /// The state of the value of `key` in a mapping at `state`; `None` skips it.
    fn key(&self, state: Self::State, key: &str) -> Option<Self::State>;
    /// The state of an item of a sequence at `state`; `None` skips it.
    fn item(&self, state: Self::State) -> Option<Self::State>;
}

/// A [`Schema`] that keeps everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeepAll;

impl Schema for KeepAll {
    type State = ();
    fn root(&self) {}
    fn key(&self, _: (), _: &str) -> Option<()> {
        Some(())
    }
    fn item(&self, _: ()) -> Option<()> {
        Some(())
    }
}

/// A parsed stream: its documents in order, each parsed or refused.
#[derive(Debug, Clone)]
pub struct Stream<'a> {
    source: SourceMap<'a>,
    /// Every document, in order, except empty ones (nothing but comments, or an empty node).
    pub documents: Vec<Result<Document<'a>, YamlError>>,
}

impl<'a> Stream<'a> {
    /// Where a node is written. Scalars: from the first character of the value as written
    /// (the opening quote of a quoted scalar, after any anchor or tag) to its end (the closing
    /// quote); for block scalars (`|`, `>`) the range covers the content lines, not the header.
    /// An empty (null) value has an empty range. Aliases: the `*name` token. Collections: from
    /// their first character.
    pub fn pos(&self, doc: &Document<'a>, id: NodeId) -> SourcePos {
        match doc.nodes.get(id) {
            Some(node) => self.source.node_pos(node),
            None => SourcePos { line: 1, column: 1, start: 0, end: 0 },
        }
    }

    /// The input text.
    pub fn text(&self) -> &'a str {
        self.source.text
    }
}

impl<'a> Document<'a> {
    /// The root node.
    pub fn root(&self) -> Option<NodeId> {
        self.root
    }

    /// Nothing but comments, or an empty node without anchor or tag.
    fn is_empty(&self) -> bool {
        match self.root.and_then(|r| self.nodes.get(r)) {
            None => true,
            Some(n) => {
                !n.props && matches!(&n.value, Value::Scalar { text, style: Style::Plain, .. } if text.is_empty())
            }
        }
    }

    /// A node.
    pub fn node(&self, id: NodeId) -> Option<&Node<'a>> {
        self.nodes.get(id)
    }

    /// The node itself, or the anchored node an alias refers to.
    pub fn resolve(&self, id: NodeId) -> NodeId {
        match self.nodes.get(id).map(|n| &n.value) {
            Some(Value::Alias(target)) => *target,
            _ => id,
        }
    }

    /// The content of a node, aliases resolved.
    pub fn value(&self, id: NodeId) -> Option<&Value<'a>> {
        self.nodes.get(self.resolve(id)).map(|n| &n.value)
    }

    /// What a node resolves to, as kubectl sees it (aliases resolved, YAML 1.1 plain scalars).
    pub fn kind(&self, id: NodeId) -> Kind {
        match self.value(id) {
            Some(Value::Scalar { text, style, tag }) => scalar_kind(text, *style, tag.as_deref()),
            Some(Value::Sequence(_)) => Kind::Sequence,
            Some(Value::Mapping(_)) => Kind::Mapping,
            Some(Value::Alias(_)) | None => Kind::Null,
        }
    }

    /// A string value: `Ok(None)` for null (kubectl treats it as omitted), `Err(kind)` when the
    /// node is not a string.
    pub fn str(&self, id: NodeId) -> Result<Option<&str>, Kind> {
        match self.kind(id) {
            Kind::Null => Ok(None),
            Kind::String => match self.value(id) {
                Some(Value::Scalar { text, .. }) => Ok(Some(text)),
                _ => Ok(None),
            },
            other => Err(other),
        }
    }

    /// The items of a sequence (aliases resolved); `Err(kind)` when not a sequence. Null is an
    /// empty sequence.
    pub fn items(&self, id: NodeId) -> Result<&[NodeId], Kind> {
        match (self.kind(id), self.value(id)) {
            (_, Some(Value::Sequence(items))) => Ok(items),
            (Kind::Null, _) => Ok(&[]),
            (other, _) => Err(other),
        }
    }

    /// The text of a scalar key (aliases resolved).
    pub fn key_text(&self, id: NodeId) -> Option<&str> {
        match self.value(id) {
            Some(Value::Scalar { text, .. }) => Some(text),
            _ => None,
        }
    }

    /// Looks `key` up in a mapping with go-yaml v2's semantics (a later key overrides an
    /// earlier one, merged or not; `<<` merges are followed). Returns the value node, or `None`
    /// when absent or when `map` is not a mapping.
    pub fn get(&self, map: NodeId, key: &str) -> Option<NodeId> {
        self.get_depth(map, key, 0)
    }

    fn get_depth(&self, map: NodeId, key: &str, depth: usize) -> Option<NodeId> {
        let Some(Value::Mapping(entries)) = self.value(map) else { return None };
        if depth > MAX_NESTING_DEPTH {
            return None;
        }
        let mut found = None;
        for &(k, v) in entries {
            if self.is_merge_key(k) {
                if let Some(hit) = self.merged(v, key, depth + 1) {
                    found = Some(hit);
                }
            } else if self.key_text(k) == Some(key) {
                found = Some(v);
            }
        }
        found
    }

    /// A merge value: a mapping, or a sequence of mappings where the first one that has the
    /// key wins.
    fn merged(&self, value: NodeId, key: &str, depth: usize) -> Option<NodeId> {
        match self.value(value) {
            Some(Value::Mapping(_)) => self.get_depth(value, key, depth),
            Some(Value::Sequence(items)) => items.iter().find_map(|&m| self.get_depth(m, key, depth)),
            _ => None,
        }
    }

    fn is_merge_key(&self, id: NodeId) -> bool {
        matches!(self.value(id), Some(Value::Scalar { text, style: Style::Plain, tag: None }) if text == "<<")
    }

    /// Keys written more than once in a mapping (the entries kept by a pruned document):
    /// `(earlier key, later key)` pairs, the later one being the one that counts.
    pub fn duplicate_keys(&self) -> Vec<(NodeId, NodeId)> {
        let mut out = Vec::new();
        for node in &self.nodes {
            let Value::Mapping(entries) = &node.value else { continue };
            if entries.len() <= SMALL_MAPPING {
                // Most mappings are small: comparing keys pairwise is cheaper than hashing them
                // (a 10 MB paste has hundreds of thousands of mappings).
                for (j, &(k, _)) in entries.iter().enumerate() {
                    let Some(text) = self.key_text(k).filter(|_| !self.is_merge_key(k)) else { continue };
                    let earlier = entries
                        .get(..j)
                        .unwrap_or_default()
                        .iter()
                        .rev()
                        .find(|&&(e, _)| !self.is_merge_key(e) && self.key_text(e) == Some(text));
                    if let Some(&(earlier, _)) = earlier {
                        out.push((earlier, k));
                    }
                }
                continue;
            }
            let mut seen: HashMap<&str, NodeId> = HashMap::new();
            for &(k, _) in entries {
                if self.is_merge_key(k) {
                    continue;
                }
                if let Some(text) = self.key_text(k) {
                    if let Some(earlier) = seen.insert(text, k) {
                        out.push((earlier, k));
                    }
                }
            }
        }
        out
    }
}

/// Up to this many entries, [`Document::duplicate_keys`] compares keys pairwise.
const SMALL_MAPPING: usize = 16;

/// What a scalar resolves to: tags first, then style, then YAML 1.1 plain-scalar rules.
fn scalar_kind(text: &str, style: Style, tag: Option<&str>) -> Kind {
    match tag {
        Some("!!str") | Some("!!binary") | Some("!!timestamp") => return Kind::String,
        Some("!!null") => return Kind::Null,
        Some("!!bool") => return Kind::Bool,
        Some("!!int") => return Kind::Int,
        Some("!!float") => return Kind::Float,
        Some("!!seq") => return Kind::Sequence,
        Some("!!map") => return Kind::Mapping,
        _ => {}
    }
    if style != Style::Plain {
        return Kind::String;
    }
    resolve_plain(text)
}

/// How go-yaml v2 (`resolve.go`, used by kubectl through sigs.k8s.io/yaml) resolves an untagged
/// plain scalar: null (`""`, `~`, `null`, `Null`, `NULL`), boolean (`y`, `yes`, `on`, `true` and
/// their negations, in lower, capitalised and upper case), `.inf`/`.nan` floats, integers
/// (`strconv.ParseInt(s, 0, 64)` after removing `_`: decimal, `0x`, `0o`, `0b`, leading-`0`
/// octal, with a sign; too large for 64 bits still counts) and floats
/// (`[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`). Everything else, including
/// timestamps (go-yaml keeps them strings when the target is untyped), is a string.
pub fn resolve_plain(s: &str) -> Kind {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE" | "n" | "N" | "no" | "No"
        | "NO" | "off" | "Off" | "OFF" | "false" | "False" | "FALSE" => return Kind::Bool,
        ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf"
        | "-.INF" => return Kind::Float,
        _ => {}
    }
    let first = s.as_bytes().first().copied().unwrap_or(b' ');
    match first {
        b'.' => {
            if is_yaml_float(s) {
                Kind::Float
            } else {
                Kind::String
            }
        }
        b'0'..=b'9' | b'+' | b'-' => {
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            if is_go_int(&plain) {
                Kind::Int
            } else if is_yaml_float(&plain) {
                Kind::Float
            } else {
                Kind::String
            }
        }
        _ => Kind::String,
    }
}

/// `strconv.ParseInt(s, 0, 64)`'s syntax (range not checked: an overflowing decimal is still a
/// number to go-yaml, through `ParseUint` or `ParseFloat`; an overflowing `0x` is not, an edge
/// ignored here).
fn is_go_int(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let digits = |d: &str, ok: fn(u8) -> bool| !d.is_empty() && d.bytes().all(ok);
    if let Some(d) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        return digits(d, |b| b.is_ascii_hexdigit());
    }
    if let Some(d) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
        return digits(d, |b| (b'0'..=b'7').contains(&b));
    }
    if let Some(d) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
        return digits(d, |b| b == b'0' || b == b'1');
    }
    if let Some(d) = body.strip_prefix('0') {
        return d.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    digits(body, |b| b.is_ascii_digit())
}

/// go-yaml v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    } else {
        if !digits(&mut i) {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// Character index → byte offset, and node positions.
#[derive(Debug, Clone)]
struct SourceMap<'a> {
    text: &'a str,
    ascii: bool,
    /// Byte offset of every `CHECKPOINT`-th character (non-ASCII text only).
    checkpoints: Vec<usize>,
}

const CHECKPOINT: usize = 64;

impl<'a> SourceMap<'a> {
    fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let checkpoints =
            if ascii { Vec::new() } else { text.char_indices().step_by(CHECKPOINT).map(|(b, _)| b).collect() };
        SourceMap { text, ascii, checkpoints }
    }

    /// The byte offset of a character index (clamped to the text).
    fn byte(&self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        let Some(&from) = self.checkpoints.get(index / CHECKPOINT) else { return self.text.len() };
        let rest = self.text.get(from..).unwrap_or("");
        rest.char_indices().nth(index % CHECKPOINT).map_or(self.text.len(), |(b, _)| from + b)
    }

    fn node_pos(&self, node: &Node<'_>) -> SourcePos {
        let bytes = self.text.as_bytes();
        let (mut start, mut line, mut col) = (self.byte(node.start.index), node.start.line, node.start.col);
        let mut end = self.byte(node.end.index).max(start);
        let empty = matches!(&node.value, Value::Scalar { text, style: Style::Plain, .. } if text.is_empty());
        if node.props {
            // Skip `&anchor` and `!tag` tokens and the blanks (or line breaks, comments) after them;
            // an empty value stays on the line of its properties.
            let mut i = start;
            loop {
                match bytes.get(i) {
                    Some(b'&' | b'!') => {
                        while bytes.get(i).is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
                            i += 1;
                        }
                    }
                    Some(b' ' | b'\t') if empty => {
                        while bytes.get(i).is_some_and(|b| matches!(b, b' ' | b'\t')) {
                            i += 1;
                        }
                    }
                    Some(b' ' | b'\t' | b'\r' | b'\n') if !empty => {
                        while bytes.get(i).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
                            i += 1;
                        }
                        if bytes.get(i) == Some(&b'#') {
                            while bytes.get(i).is_some_and(|b| !matches!(b, b'\r' | b'\n')) {
                                i += 1;
                            }
                        }
                    }
                    _ => break,
                }
            }
            (line, col) = advance(self.text.get(start..i).unwrap_or(""), line, col);
            start = i.min(self.text.len());
            end = end.max(start);
        }
        if let Value::Scalar { style, .. } = &node.value {
            match style {
                Style::DoubleQuoted | Style::SingleQuoted => end = quoted_end(bytes, start, *style).unwrap_or(end),
                Style::Literal | Style::Folded => {
                    let body = self.text.get(start..end).unwrap_or("");
                    end = start + body.trim_end_matches([' ', '\t', '\r', '\n']).len();
                }
                Style::Plain if empty => end = start,
                Style::Plain => {}
            }
        }
        SourcePos { line, column: col + 1, start, end }
    }
}

/// The line and 0-based column after reading `s` from (`line`, `col`).
fn advance(s: &str, mut line: usize, mut col: usize) -> (usize, usize) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
                col = 0;
            }
            '\n' => {
                line += 1;
                col = 0;
            }
            _ => col += 1,
        }
    }
    (line, col)
}

/// The end (one past the closing quote) of a quoted scalar starting at `start`.
fn quoted_end(bytes: &[u8], start: usize, style: Style) -> Option<usize> {
    let quote = if style == Style::DoubleQuoted { b'"' } else { b'\'' };
    if bytes.get(start) != Some(&quote) {
        return None;
    }
    let mut i = start + 1;
    loop {
        match bytes.get(i)? {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            &b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// Parses a stream, keeping every node.
pub fn parse(text: &str) -> Stream<'_> {
    parse_with(text, &KeepAll)
}

/// Parses a stream, keeping what `schema` asks for (and every anchored node).
pub fn parse_with<'a, S: Schema>(text: &'a str, schema: &S) -> Stream<'a> {
    parse_limited(text, text, schema, MAX_YAML_NODES)
}

/// [`parse_with`] with a node limit (tests use small ones). `text` is what the parser reads;
/// `source` is what positions refer to: the same text, or (the JSON fast path) `text` with some
/// characters blanked, so character indices, lines and columns are the same in both.
fn parse_limited<'a, S: Schema>(source: &'a str, text: &'a str, schema: &S, limit: u64) -> Stream<'a> {
    let source = SourceMap::new(source);
    let mut documents = Vec::new();
    let mut errors = 0;
    // Where the current parser started: byte offset, character index, line (1-based).
    let (mut chunk_byte, mut chunk_char, mut chunk_line) = (0usize, 0usize, 1usize);
    let mut count = 0usize;
    let mut nodes = Nodes { seen: 0, limit };
    while let Some(chunk) = text.get(chunk_byte..) {
        let outcome = parse_chunk(chunk, Offset { char: chunk_char, line: chunk_line }, schema, &mut count, &mut nodes);
        for mut doc in outcome.documents {
            if let Err(e) = &mut doc {
                if errors == MAX_DOCUMENT_ERRORS {
                    // One error too many: say where reading stopped instead.
                    e.message = format!(
                        "stopped reading at this malformed document: at most {MAX_DOCUMENT_ERRORS} are reported \
                         (MAX_DOCUMENT_ERRORS); it says: {}",
                        e.message
                    );
                    e.offset = source.byte(e.offset);
                    documents.push(doc);
                    return Stream { source, documents };
                }
                e.offset = source.byte(e.offset);
                errors += 1;
            }
            documents.push(doc);
        }
        if !outcome.failed || nodes.seen > nodes.limit {
            break;
        }
        // Resume at the first `---` line after the broken document's start.
        let Some((byte, line)) = next_marker(text, chunk_byte, chunk_line, outcome.failed_doc_line) else { break };
        chunk_char += text.get(chunk_byte..byte).map_or(0, |s| s.chars().count());
        chunk_byte = byte;
        chunk_line = line;
    }
    Stream { source, documents }
}

/// saphyr-parser's message for `key:<TAB>value` (a tab, and no space, between a `:` indicator and
/// a value starting with a letter, digit, `_` or `-`), which libyaml and go-yaml, hence kubectl,
/// accept.
const TAB_AFTER_COLON: &str = "':' must be followed by a valid YAML whitespace";

/// Parses `text` with `schema` and hands the stream to `read`. When a document fails only because
/// of saphyr-parser's stricter tab rule ([`TAB_AFTER_COLON`]), the text is parsed again with the
/// first tab after each `:` indicator turned into a space: same length, so every position still
/// refers to `text`. Quoted and block scalars and comments are left alone, so values are as
/// written.
///
/// A text that is one JSON object takes a fast path first ([`scan_json`]): the parts the schema
/// skips are blanked before the parser sees them, so a 10 MB `{"a":[1,1,1,…]}` is not read node
/// by node; the result is the same as parsing the text itself.
pub fn read<S: Schema, R>(text: &str, schema: &S, read: impl FnOnce(&Stream<'_>) -> R) -> R {
    read_limited(text, schema, MAX_YAML_NODES, read)
}

pub(crate) fn read_limited<S: Schema, R>(text: &str, schema: &S, limit: u64, read: impl FnOnce(&Stream<'_>) -> R) -> R {
    match scan_json(text, schema, limit) {
        Some(JsonScan::TooManyNodes(at)) => return read(&too_many_nodes_stream(text, at, limit)),
        Some(JsonScan::Skipped(ranges)) if !ranges.is_empty() => {
            let blanked = blank(text, &ranges);
            let stream = parse_limited(text, &blanked, schema, limit);
            // Never expected (the scan accepts only what the parser reads without error); if
            // it happens, the text itself is parsed below and decides.
            if stream.documents.iter().all(Result::is_ok) {
                return read(&stream);
            }
        }
        Some(JsonScan::Skipped(_)) | None => {}
    }
    let stream = parse_limited(text, text, schema, limit);
    let tab_error = stream.documents.iter().any(|d| d.as_ref().is_err_and(|e| e.message == TAB_AFTER_COLON));
    if !tab_error {
        return read(&stream);
    }
    let patched = space_after_colons(text);
    read(&parse_limited(&patched, &patched, schema, limit))
}

/// What [`scan_json`] found in a text that is one JSON object the parser reads without error.
#[derive(Debug, PartialEq)]
pub(crate) enum JsonScan {
    /// Byte ranges (the insides of lists and mappings) that the schema skips.
    Skipped(Vec<(usize, usize)>),
    /// The text has more nodes than the limit: the byte offset of the first node over it.
    TooManyNodes(usize),
}

/// The JSON fast path (issue 6). saphyr-parser spends up to 0.45 µs per node, so a 10 MB
/// `{"a":[1,1,1,…]}` took seconds even though the loader keeps none of it. When `text` is a
/// single JSON object, this scans it byte by byte, follows `schema` (JSON keys are double-quoted,
/// so never merge keys, and there are no anchors or aliases: what is kept depends only on the
/// keys) and returns the insides of the lists and mappings the schema skips, which [`blank`]
/// turns into spaces; it also counts nodes in the parser's order, so [`MAX_YAML_NODES`] refuses
/// at the same node without parsing.
///
/// `None` (parse the text as it is) unless the text is in a subset of JSON the parser is known to
/// read without error and with the same nodes: an object at byte 0; blanks are spaces and line
/// breaks (no tabs); no string escapes a surrogate or holds a byte order mark; keys of kept
/// objects have no escapes (their text is then as written) and, like every key, are short and on
/// the line of their `:`; nesting stays below [`MAX_NESTING_DEPTH`]. Invalid JSON is `None`.
pub(crate) fn scan_json<S: Schema>(text: &str, schema: &S, limit: u64) -> Option<JsonScan> {
    let b = text.as_bytes();
    if b.first() != Some(&b'{') {
        return None;
    }
    /// An open list or mapping: its schema state (`None`: skipped), and where it starts when it is
    /// the outermost skipped one.
    struct Open<St> {
        object: bool,
        state: Option<St>,
        region: Option<usize>,
    }
    #[derive(Clone, Copy)]
    enum Next<St> {
        /// A value, kept at this state or skipped (`None`).
        Value(Option<St>),
        /// The first key of a mapping, or its end.
        KeyOrEnd,
        /// The first item of a list, or its end.
        ItemOrEnd,
        /// `,` or the end of the innermost collection.
        CommaOrEnd,
    }
    let mut stack: Vec<Open<S::State>> = Vec::new();
    let mut ranges = Vec::new();
    let mut nodes = 0u64;
    let mut over = None;
    let mut next = Next::Value(Some(schema.root()));
    let mut i = 0;
    loop {
        i = skip_json_blanks(b, i)?;
        let c = b.get(i).copied();
        match next {
            Next::Value(state) => {
                nodes += 1;
                if nodes > limit && over.is_none() {
                    over = Some(i);
                }
                match c? {
                    open @ (b'{' | b'[') => {
                        if stack.len() + 1 >= MAX_NESTING_DEPTH {
                            return None;
                        }
                        let skipped_parent = stack.last().is_some_and(|o| o.state.is_none());
                        let region = (state.is_none() && !skipped_parent).then_some(i);
                        stack.push(Open { object: open == b'{', state, region });
                        next = if open == b'{' { Next::KeyOrEnd } else { Next::ItemOrEnd };
                        i += 1;
                        continue;
                    }
                    b'"' => i = json_string(b, i)?.0,
                    b't' if b.get(i..i + 4) == Some(b"true") => i += 4,
                    b'f' if b.get(i..i + 5) == Some(b"false") => i += 5,
                    b'n' if b.get(i..i + 4) == Some(b"null") => i += 4,
                    b'-' | b'0'..=b'9' => i = json_number(b, i)?,
                    _ => return None,
                }
                if stack.is_empty() {
                    return None;
                }
                next = Next::CommaOrEnd;
            }
            Next::KeyOrEnd | Next::ItemOrEnd | Next::CommaOrEnd => {
                let open = stack.last()?;
                let end = if open.object { b'}' } else { b']' };
                if c == Some(end) {
                    let open = stack.pop()?;
                    if let Some(start) = open.region {
                        ranges.push((start + 1, i));
                    }
                    i += 1;
                    if stack.is_empty() {
                        // The root object ended: only blanks may follow.
                        if skip_json_blanks(b, i)? != b.len() {
                            return None;
                        }
                        return Some(match over {
                            Some(at) => JsonScan::TooManyNodes(at),
                            None => JsonScan::Skipped(ranges),
                        });
                    }
                    next = Next::CommaOrEnd;
                    continue;
                }
                if matches!(next, Next::CommaOrEnd) {
                    if c != Some(b',') {
                        return None;
                    }
                    i = skip_json_blanks(b, i + 1)?;
                }
                let parent = open.state;
                if !open.object {
                    next = Next::Value(parent.and_then(|s| schema.item(s)));
                    continue;
                }
                // A key: a node of its own, then `:` on the same line.
                nodes += 1;
                if nodes > limit && over.is_none() {
                    over = Some(i);
                }
                if b.get(i) != Some(&b'"') {
                    return None;
                }
                let (after, escaped) = json_string(b, i)?;
                let key = text.get(i + 1..after - 1)?;
                if key.len() > 1000 || (escaped && parent.is_some()) {
                    return None;
                }
                i = after;
                while b.get(i) == Some(&b' ') {
                    i += 1;
                }
                if b.get(i) != Some(&b':') {
                    return None;
                }
                i += 1;
                next = Next::Value(parent.and_then(|s| schema.key(s, key)));
            }
        }
    }
}

/// The index after the spaces and line breaks at `i`; `None` at a tab (outside the subset).
fn skip_json_blanks(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match b.get(i) {
            Some(b' ' | b'\n' | b'\r') => i += 1,
            Some(b'\t') => return None,
            _ => return Some(i),
        }
    }
}

/// A JSON string starting at the `"` at `i`: the index after its closing quote, and whether it
/// has escapes. `None` when invalid, or outside the subset of [`scan_json`].
fn json_string(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let mut i = i + 1;
    let mut escaped = false;
    loop {
        match *b.get(i)? {
            b'"' => return Some((i + 1, escaped)),
            b'\\' => {
                escaped = true;
                match *b.get(i + 1)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                    b'u' => {
                        let hex = std::str::from_utf8(b.get(i + 2..i + 6)?).ok()?;
                        let code = u32::from_str_radix(hex, 16).ok()?;
                        if !hex.bytes().all(|h| h.is_ascii_hexdigit()) || (0xd800..0xe000).contains(&code) {
                            return None;
                        }
                        i += 6;
                    }
                    _ => return None,
                }
            }
            0..=0x1f => return None,
            // U+FEFF (EF BB BF): the parser refuses a byte order mark inside a document.
            0xef if b.get(i + 1..i + 3) == Some(&[0xbb, 0xbf]) => return None,
            _ => i += 1,
        }
    }
}

/// A JSON number starting at `i` (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`), followed by
/// a blank, `,`, `]`, `}` or the end: the index after it.
fn json_number(b: &[u8], mut i: usize) -> Option<usize> {
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    if b.get(i) == Some(&b'0') {
        i += 1;
    } else if !digits(&mut i) {
        return None;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return None;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    matches!(b.get(i), None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}')).then_some(i)
}

/// `text` with every character in `ranges` (byte ranges on character boundaries) but line breaks
/// replaced by one space: same characters per line, so the parser's character indices, lines and
/// columns are those of `text`.
fn blank(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for &(start, end) in ranges {
        out.push_str(text.get(from..start).unwrap_or_default());
        for c in text.get(start..end).unwrap_or_default().chars() {
            out.push(if matches!(c, '\n' | '\r') { c } else { ' ' });
        }
        from = end;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    out
}

/// The stream of a text refused by [`scan_json`] for its node count: one error, where the
/// parser would have stopped.
fn too_many_nodes_stream(text: &str, at: usize, limit: u64) -> Stream<'_> {
    let (line, col) = advance(text.get(..at).unwrap_or_default(), 1, 0);
    let error = YamlError { message: too_many_nodes(limit), document: 1, line, column: col + 1, offset: at };
    Stream { source: SourceMap::new(text), documents: vec![Err(error)] }
}

/// [`read_limited`] without the JSON fast path: what the fast path must agree with (unit tests,
/// and the `workload` fuzz target through `workload::load_unscanned`).
#[cfg(any(test, fuzzing))]
pub(crate) fn read_unscanned<S: Schema, R>(
    text: &str,
    schema: &S,
    limit: u64,
    read: impl FnOnce(&Stream<'_>) -> R,
) -> R {
    let stream = parse_limited(text, text, schema, limit);
    if !stream.documents.iter().any(|d| d.as_ref().is_err_and(|e| e.message == TAB_AFTER_COLON)) {
        return read(&stream);
    }
    let patched = space_after_colons(text);
    read(&parse_limited(&patched, &patched, schema, limit))
}

/// Whether the JSON fast path reads `text` without falling back: the scan accepts it and the
/// blanked text parses without error.
#[cfg(test)]
pub(crate) fn fast_path_taken<S: Schema>(text: &str, schema: &S) -> bool {
    match scan_json(text, schema, MAX_YAML_NODES) {
        Some(JsonScan::Skipped(ranges)) => {
            let blanked = blank(text, &ranges);
            parse_limited(text, &blanked, schema, MAX_YAML_NODES).documents.iter().all(Result::is_ok)
        }
        Some(JsonScan::TooManyNodes(_)) => true,
        None => false,
    }
}

/// `text` with the first tab after every `:` value indicator (a `:` followed by a tab, outside
/// quoted scalars, block scalars and comments) replaced by a space.
fn space_after_colons(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let at = |i: usize| bytes.get(i).copied();
    let is_break = |c: Option<u8>| matches!(c, Some(b'\r' | b'\n'));
    let mut i = 0;
    // Inside a quoted scalar (which may span lines): its quote.
    let mut quote: Option<u8> = None;
    // Inside a block scalar: the indentation its content lines must exceed.
    let mut block: Option<usize> = None;
    let mut line_start = true;
    let mut indent = 0;
    while let Some(b) = at(i) {
        if line_start {
            line_start = false;
            indent = (i..).take_while(|&j| at(j) == Some(b' ')).count();
            let first = at(i + indent);
            if let Some(parent) = block {
                if first.is_none() || is_break(first) || indent > parent {
                    // A content line of the block scalar: skip to its line break.
                    while at(i).is_some() && !is_break(at(i)) {
                        i += 1;
                    }
                    continue;
                }
                block = None;
            }
        }
        match (quote, b) {
            (_, b'\r' | b'\n') => line_start = true,
            (Some(b'"'), b'\\') => i += 1,
            (Some(b'\''), b'\'') if at(i + 1) == Some(b'\'') => i += 1,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if token_start(bytes, i) => quote = Some(b),
            (None, b'#') if i == 0 || matches!(at(i - 1), Some(b' ' | b'\t' | b'\r' | b'\n')) => {
                while at(i + 1).is_some() && !is_break(at(i + 1)) {
                    i += 1;
                }
            }
            (None, b'|' | b'>') if token_start(bytes, i) => block = Some(indent),
            (None, b':') if at(i + 1) == Some(b'\t') => {
                if let Some(tab) = out.get_mut(i + 1) {
                    *tab = b' ';
                }
            }
            (None, _) => {}
        }
        i += 1;
    }
    // Only ASCII tabs were replaced by ASCII spaces, so the bytes are still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Whether the byte at `i` starts a token: at a line start or after a blank, `:` or a flow
/// indicator.
fn token_start(bytes: &[u8], i: usize) -> bool {
    i == 0 || matches!(bytes.get(i - 1), Some(b' ' | b'\t' | b'\r' | b'\n' | b'[' | b'{' | b',' | b':'))
}

/// The byte offset and line of the first document-marker line (`---` then a blank or the end of
/// the line) whose line is after `after_line`, scanning from (`from_byte`, `from_line`).
fn next_marker(text: &str, from_byte: usize, from_line: usize, after_line: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let (mut i, mut line) = (from_byte, from_line);
    while i < bytes.len() {
        if line > after_line
            && bytes.get(i..i + 3) == Some(b"---")
            && matches!(bytes.get(i + 3), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
        {
            return Some((i, line));
        }
        // Next line start.
        while bytes.get(i).is_some_and(|b| !matches!(b, b'\r' | b'\n')) {
            i += 1;
        }
        if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
            i += 1;
        }
        i += 1;
        line += 1;
    }
    None
}

#[derive(Clone, Copy)]
struct Offset {
    char: usize,
    line: usize,
}

impl Offset {
    fn mark(self, m: &saphyr_parser::Marker) -> Mark {
        Mark { index: self.char + m.index(), line: self.line + m.line().saturating_sub(1), col: m.col() }
    }
}

/// The stream's node count against [`MAX_YAML_NODES`] (or a test's limit).
struct Nodes {
    seen: u64,
    limit: u64,
}

/// The error for the node that exceeds the limit.
fn too_many_nodes(limit: u64) -> String {
    format!(
        "more than {limit} YAML nodes (MAX_YAML_NODES: values, keys, lists and mappings): refused here, and \
         nothing after this is read"
    )
}

struct ChunkOutcome<'a> {
    /// Documents in order; errors' `offset` is still a character index.
    documents: Vec<Result<Document<'a>, YamlError>>,
    /// The parser stopped at a malformed document (the last entry of `documents`).
    failed: bool,
    /// The line where the broken document started (or the chunk's first line).
    failed_doc_line: usize,
}

/// Runs one parser from the start of a chunk until the end or the first malformed document.
fn parse_chunk<'a, S: Schema>(
    chunk: &'a str,
    off: Offset,
    schema: &S,
    count: &mut usize,
    nodes: &mut Nodes,
) -> ChunkOutcome<'a> {
    let mut documents = Vec::new();
    // The document being read: being built, or refused by a limit (its events are skipped).
    let mut current: Option<Result<Builder<'a, '_, S>, YamlError>> = None;
    let mut doc_line = off.line;
    for event in Parser::new_from_str(chunk) {
        let (event, span) = match event {
            Ok(e) => e,
            Err(e) => {
                let at = off.mark(e.marker());
                if current.is_none() {
                    *count += 1;
                }
                let message = match e.info() {
                    // saphyr-parser counts flow levels in a `u8`.
                    "recursion limit exceeded" => format!(
                        "flow collections ([ ] and {{ }}) nest deeper than {MAX_FLOW_NESTING} levels, the parser's \
                         limit (MAX_NESTING_DEPTH is {MAX_NESTING_DEPTH}): refused"
                    ),
                    info => info.to_owned(),
                };
                documents.push(Err(YamlError {
                    message,
                    document: *count,
                    line: at.line,
                    column: at.col + 1,
                    offset: at.index,
                }));
                return ChunkOutcome { documents, failed: true, failed_doc_line: doc_line };
            }
        };
        if matches!(event, Event::Scalar(..) | Event::Alias(_) | Event::SequenceStart(..) | Event::MappingStart(..)) {
            nodes.seen += 1;
            if nodes.seen > nodes.limit {
                let at = off.mark(&span.start);
                if let Some(Err(e)) = current.take() {
                    documents.push(Err(e));
                }
                documents.push(Err(YamlError {
                    message: too_many_nodes(nodes.limit),
                    document: (*count).max(1),
                    line: at.line,
                    column: at.col + 1,
                    offset: at.index,
                }));
                return ChunkOutcome { documents, failed: false, failed_doc_line: doc_line };
            }
        }
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
            Event::DocumentStart(_) => {
                *count += 1;
                doc_line = off.mark(&span.start).line;
                current = Some(Ok(Builder::new(*count, schema)));
            }
            Event::DocumentEnd => match current.take() {
                Some(Ok(b)) => {
                    let doc = b.finish();
                    if !doc.is_empty() {
                        documents.push(Ok(doc));
                    }
                }
                Some(Err(e)) => documents.push(Err(e)),
                None => {}
            },
            event => {
                if let Some(Ok(b)) = current.as_mut() {
                    if let Err(message) = b.event(event, span, off) {
                        let at = off.mark(&span.start);
                        let index = b.doc.index;
                        current = Some(Err(YamlError {
                            message,
                            document: index,
                            line: at.line,
                            column: at.col + 1,
                            offset: at.index,
                        }));
                    }
                }
            }
        }
    }
    ChunkOutcome { documents, failed: false, failed_doc_line: doc_line }
}

/// Whether a node is kept, and where it is in the caller's schema.
#[derive(Clone, Copy)]
enum Rel<S> {
    Skip,
    Keep(S),
    /// The value of a `<<` key in a mapping at `S`: a mapping merged into it, or a sequence of them.
    Merge(S),
    All,
}

impl<S> Rel<S> {
    fn kept(&self) -> bool {
        !matches!(self, Rel::Skip)
    }
}

/// An open collection.
struct Frame<S> {
    /// The node, when kept.
    id: Option<NodeId>,
    rel: Rel<S>,
    map: bool,
    /// In a mapping: the key just read (its node when kept) and the relevance of its value.
    pending: Option<(Option<NodeId>, Rel<S>)>,
    /// Nodes in this subtree, an alias counting as the size of what it refers to.
    size: u64,
    anchor: usize,
}

/// Builds one document from parser events.
struct Builder<'a, 's, S: Schema> {
    schema: &'s S,
    doc: Document<'a>,
    stack: Vec<Frame<S::State>>,
    /// Anchor id → (node, expanded size). Only completed nodes are here.
    anchors: HashMap<usize, (NodeId, u64)>,
    expanded: u64,
}

impl<'a, 's, S: Schema> Builder<'a, 's, S> {
    fn new(index: usize, schema: &'s S) -> Self {
        Builder {
            schema,
            // Room for a small object (a 10 MB paste is tens of thousands of them), so the arena
            // does not grow from nothing in every document.
            doc: Document { index, nodes: Vec::with_capacity(32), root: None },
            stack: Vec::with_capacity(16),
            anchors: HashMap::new(),
            expanded: 0,
        }
    }

    fn finish(self) -> Document<'a> {
        self.doc
    }

    /// Whether the next node is a mapping key.
    fn at_key(&self) -> bool {
        self.stack.last().is_some_and(|f| f.map && f.pending.is_none())
    }

    /// The relevance of the next node when it is not a scalar key.
    fn next_rel(&self) -> Rel<S::State> {
        let Some(parent) = self.stack.last() else { return Rel::Keep(self.schema.root()) };
        match (parent.map, &parent.pending, parent.rel) {
            (true, Some((_, rel)), _) => *rel,
            // A collection (or alias) as a key: kept only when everything is.
            (true, None, Rel::All) => Rel::All,
            (true, None, _) => Rel::Skip,
            (false, _, Rel::Skip) => Rel::Skip,
            (false, _, Rel::All) => Rel::All,
            (false, _, Rel::Merge(s)) => Rel::Keep(s),
            (false, _, Rel::Keep(s)) => self.schema.item(s).map_or(Rel::Skip, Rel::Keep),
        }
    }

    /// The relevance of the value of a key written as `key` (`merge`: a plain untagged key,
    /// so `<<` is a merge).
    fn value_rel(&self, key: Option<&str>, merge: bool) -> Rel<S::State> {
        let Some(parent) = self.stack.last() else { return Rel::Skip };
        match (parent.rel, key) {
            (Rel::All, _) => Rel::All,
            (Rel::Skip, _) | (_, None) => Rel::Skip,
            (Rel::Keep(s) | Rel::Merge(s), Some("<<")) if merge => Rel::Merge(s),
            (Rel::Keep(s) | Rel::Merge(s), Some(k)) => self.schema.key(s, k).map_or(Rel::Skip, Rel::Keep),
        }
    }

    fn push_node(&mut self, value: Value<'a>, span: ParserSpan, off: Offset, props: bool) -> NodeId {
        let id = self.doc.nodes.len();
        self.doc.nodes.push(Node { value, start: off.mark(&span.start), end: off.mark(&span.end), props });
        id
    }

    /// A node is complete: attach it to its parent. `value_rel` is set when it was a key.
    fn complete(&mut self, id: Option<NodeId>, size: u64, value_rel: Option<Rel<S::State>>) {
        let Some(parent) = self.stack.last_mut() else {
            self.doc.root = id;
            return;
        };
        parent.size = parent.size.saturating_add(size);
        let parent_id = parent.id;
        if parent.map {
            match parent.pending.take() {
                None => {
                    let rel = value_rel.unwrap_or(if matches!(parent.rel, Rel::All) { Rel::All } else { Rel::Skip });
                    parent.pending = Some((id, rel));
                }
                Some((key, _)) => {
                    if let (Some(p), Some(k), Some(v)) = (parent_id, key, id) {
                        if let Some(Node { value: Value::Mapping(entries), .. }) = self.doc.nodes.get_mut(p) {
                            entries.push((k, v));
                        }
                    }
                }
            }
        } else if let (Some(p), Some(v)) = (parent_id, id) {
            if let Some(Node { value: Value::Sequence(items), .. }) = self.doc.nodes.get_mut(p) {
                items.push(v);
            }
        }
    }

    fn event(&mut self, event: Event<'a>, span: ParserSpan, off: Offset) -> Result<(), String> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                };
                let tag = tag.map(|t| tag_text(&t));
                let props = anchor != 0 || tag.is_some();
                let (keep, value_rel) = if self.at_key() {
                    let rel = self.value_rel(Some(&text), style == Style::Plain && tag.is_none());
                    (rel.kept(), Some(rel))
                } else {
                    (self.next_rel().kept(), None)
                };
                let id =
                    (keep || anchor != 0).then(|| self.push_node(Value::Scalar { text, style, tag }, span, off, props));
                if let (true, Some(id)) = (anchor != 0, id) {
                    self.anchors.insert(anchor, (id, 1));
                }
                self.complete(id, 1, value_rel);
            }
            Event::Alias(anchor) => {
                let Some(&(target, size)) = self.anchors.get(&anchor) else {
                    return Err(
                        "an alias refers to a node that contains it (a recursive structure), which Kubernetes \
                                refuses"
                            .to_owned(),
                    );
                };
                self.expanded = self.expanded.saturating_add(size);
                if self.expanded > MAX_ALIAS_EXPANSION {
                    return Err(format!(
                        "aliases expand this document to more than {MAX_ALIAS_EXPANSION} nodes (MAX_ALIAS_EXPANSION): \
                         refused as an alias bomb"
                    ));
                }
                let (keep, value_rel) = if self.at_key() {
                    let text = self.doc.key_text(target).map(str::to_owned);
                    let rel = self.value_rel(text.as_deref(), false);
                    (rel.kept(), Some(rel))
                } else {
                    (self.next_rel().kept(), None)
                };
                let id = keep.then(|| self.push_node(Value::Alias(target), span, off, false));
                self.complete(id, size, value_rel);
            }
            Event::SequenceStart(anchor, tag) => self.open(false, anchor, tag.is_some(), span, off)?,
            Event::MappingStart(anchor, tag) => self.open(true, anchor, tag.is_some(), span, off)?,
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else { return Ok(()) };
                if let Some(id) = frame.id {
                    if let Some(node) = self.doc.nodes.get_mut(id) {
                        node.end = off.mark(&span.end);
                    }
                    if frame.anchor != 0 {
                        self.anchors.insert(frame.anchor, (id, frame.size));
                    }
                }
                self.complete(frame.id, frame.size, None);
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn open(&mut self, map: bool, anchor: usize, tagged: bool, span: ParserSpan, off: Offset) -> Result<(), String> {
        if self.stack.len() >= MAX_NESTING_DEPTH {
            return Err(format!(
                "collections nest deeper than {MAX_NESTING_DEPTH} levels (MAX_NESTING_DEPTH): refused"
            ));
        }
        let rel = if anchor != 0 { Rel::All } else { self.next_rel() };
        let value = if map { Value::Mapping(Vec::new()) } else { Value::Sequence(Vec::new()) };
        let id = rel.kept().then(|| self.push_node(value, span, off, anchor != 0 || tagged));
        self.stack.push(Frame { id, rel, map, pending: None, size: 1, anchor });
        Ok(())
    }
}

/// A tag as written: `!!str` for the core schema, `!foo`, or the full handle and suffix.
fn tag_text(tag: &Tag) -> String {
    if tag.is_yaml_core_schema() {
        format!("!!{}", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

/// Every document of a stream as JSON, the way kubectl turns YAML into JSON before decoding
/// (sigs.k8s.io/yaml): plain scalars resolved by YAML 1.1 rules ([`resolve_plain`]), merges
/// applied, aliases expanded (bounded by [`MAX_ALIAS_EXPANSION`]), keys as strings. Empty
/// documents are left out (as by parsing). Non-finite floats (`.inf`, `.nan`) become `null`.
pub fn to_json(text: &str) -> Vec<Result<serde_json::Value, YamlError>> {
    read(text, &KeepAll, json_documents)
}

fn json_documents(stream: &Stream<'_>) -> Vec<Result<serde_json::Value, YamlError>> {
    let mut out = Vec::new();
    for doc in &stream.documents {
        match doc {
            Err(e) => out.push(Err(e.clone())),
            Ok(doc) => {
                let Some(root) = doc.root() else { continue };
                match json_value(stream, doc, root, 0) {
                    Ok(v) => out.push(Ok(v)),
                    Err((id, message)) => {
                        let pos = stream.pos(doc, id);
                        out.push(Err(YamlError {
                            message,
                            document: doc.index,
                            line: pos.line,
                            column: pos.column,
                            offset: pos.start,
                        }));
                    }
                }
            }
        }
    }
    out
}

fn json_value(
    stream: &Stream<'_>,
    doc: &Document<'_>,
    id: NodeId,
    depth: usize,
) -> Result<serde_json::Value, (NodeId, String)> {
    use serde_json::Value as J;
    if depth > MAX_NESTING_DEPTH * 2 {
        return Err((id, format!("aliases nest deeper than {} levels (MAX_NESTING_DEPTH × 2)", MAX_NESTING_DEPTH * 2)));
    }
    let kind = doc.kind(id);
    Ok(match doc.value(id) {
        None | Some(Value::Alias(_)) => J::Null,
        Some(Value::Scalar { text, .. }) => match kind {
            Kind::Null => J::Null,
            Kind::Bool => J::Bool(matches!(
                text.as_ref(),
                "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE"
            )),
            Kind::Int => parse_int(text).map_or_else(|| J::String(text.to_string()), |(neg, n)| json_int(neg, n, text)),
            Kind::Float => parse_float(text).and_then(serde_json::Number::from_f64).map_or(J::Null, J::Number),
            _ => J::String(text.to_string()),
        },
        Some(Value::Sequence(items)) => {
            J::Array(items.iter().map(|&i| json_value(stream, doc, i, depth + 1)).collect::<Result<_, _>>()?)
        }
        Some(Value::Mapping(entries)) => {
            let mut map = serde_json::Map::new();
            json_merge_into(stream, doc, entries, &mut map, depth)?;
            J::Object(map)
        }
    })
}

/// Applies a mapping's entries in order (go-yaml v2: later keys override, merges included).
fn json_merge_into(
    stream: &Stream<'_>,
    doc: &Document<'_>,
    entries: &[(NodeId, NodeId)],
    map: &mut serde_json::Map<String, serde_json::Value>,
    depth: usize,
) -> Result<(), (NodeId, String)> {
    for &(k, v) in entries {
        if doc.is_merge_key(k) {
            let merged: Vec<NodeId> = match doc.value(v) {
                Some(Value::Mapping(_)) => vec![v],
                // Later maps first, so the first one wins.
                Some(Value::Sequence(items)) => items.iter().rev().copied().collect(),
                _ => return Err((v, "a merge key (<<) needs a mapping or a list of mappings".to_owned())),
            };
            for m in merged {
                match doc.value(m) {
                    Some(Value::Mapping(inner)) => json_merge_into(stream, doc, inner, map, depth + 1)?,
                    _ => return Err((m, "a merge key (<<) needs a mapping or a list of mappings".to_owned())),
                }
            }
            continue;
        }
        let key = match (doc.kind(k), doc.value(k)) {
            (Kind::Null, _) => "null".to_owned(),
            (Kind::Sequence | Kind::Mapping, _) => {
                return Err((k, "a list or a mapping as a mapping key cannot be turned into JSON".to_owned()))
            }
            (_, Some(Value::Scalar { text, .. })) => text.to_string(),
            _ => String::new(),
        };
        map.insert(key, json_value(stream, doc, v, depth + 1)?);
    }
    Ok(())
}

fn json_int(negative: bool, n: u128, text: &str) -> serde_json::Value {
    use serde_json::Value as J;
    match (negative, i64::try_from(n), u64::try_from(n)) {
        (true, Ok(v), _) => J::from(-v),
        (true, Err(_), _) if n == 1u128 << 63 => J::from(i64::MIN),
        (false, _, Ok(v)) => J::from(v),
        // Too large for 64 bits: go-yaml falls back to a float.
        _ => parse_float(&text.replace('_', "")).and_then(serde_json::Number::from_f64).map_or(J::Null, J::Number),
    }
}

/// An integer in go's `ParseInt(s, 0, 64)` syntax (underscores removed): sign and magnitude.
fn parse_int(text: &str) -> Option<(bool, u128)> {
    let plain: String = text.chars().filter(|&c| c != '_').collect();
    let (negative, body) = match (plain.strip_prefix('-'), plain.strip_prefix('+')) {
        (Some(rest), _) => (true, rest),
        (_, Some(rest)) => (false, rest),
        _ => (false, plain.as_str()),
    };
    let (radix, digits) = if let Some(d) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        (16, d)
    } else if let Some(d) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
        (8, d)
    } else if let Some(d) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
        (2, d)
    } else if let Some(d) = body.strip_prefix('0').filter(|d| !d.is_empty()) {
        (8, d)
    } else {
        (10, body)
    };
    u128::from_str_radix(digits, radix).ok().map(|n| (negative, n))
}

fn parse_float(text: &str) -> Option<f64> {
    match text {
        ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf"
        | "-.INF" => None,
        _ => text.replace('_', "").parse::<f64>().ok().filter(|f| f.is_finite()),
    }
}
