//! The modules of src/ form no cycle: data flows one way (seeds, document, content, site,
//! render and search, output), and a module that needs one of its dependants is two ideas
//! in one place (issue 18 found three such cycles). Reads the `crate::…` and `super::…`
//! paths each module names outside comments and its tests.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each module's path ("import::tags") and its source, tests and comments left out.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(
            parts.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            parts.pop();
        }
        let text = std::fs::read_to_string(path).unwrap();
        let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        out.insert(parts.join("::"), code);
    }
    out
}

/// The module a `crate::…` or `super::…` path names, as seen from module `from`.
fn target(from: &str, path: &str, known: &BTreeSet<String>) -> Option<String> {
    let mut words: Vec<&str> = path.split("::").collect();
    let mut base: Vec<&str> = if from.is_empty() {
        Vec::new()
    } else {
        from.split("::").collect()
    };
    match words.first() {
        Some(&"crate") => {
            base.clear();
            words.remove(0);
        }
        Some(&"super") => {
            while words.first() == Some(&"super") {
                base.pop();
                words.remove(0);
            }
        }
        _ => return None,
    }
    (1..=words.len())
        .rev()
        .map(|n| {
            base.iter()
                .chain(&words[..n])
                .copied()
                .collect::<Vec<_>>()
                .join("::")
        })
        .find(|m| known.contains(m))
}

#[test]
fn no_module_depends_on_one_that_depends_on_it() {
    let modules = modules(&util::repo().join("src"));
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    let path = regex::Regex::new(r"\b(?:crate|super)(?:::\w+)+").unwrap();
    let mut edges: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, code) in &modules {
        let out = edges.entry(name).or_default();
        for m in path.find_iter(code) {
            if let Some(t) = target(name, m.as_str(), &known) {
                // A parent and its own submodules are one unit.
                let nested =
                    t.starts_with(&format!("{name}::")) || name.starts_with(&format!("{t}::"));
                if t != *name && !nested {
                    out.insert(t);
                }
            }
        }
    }
    // A cycle is a module that reaches itself.
    let mut cycles = Vec::new();
    for start in modules.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, trail)) = stack.pop() {
            for next in edges.get(at.as_str()).into_iter().flatten() {
                if next == start {
                    cycles.push(trail.join(" -> ") + " -> " + start);
                } else if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules that depend on each other:\n{}",
        cycles.join("\n")
    );
    assert!(
        edges.get("search").is_some_and(|e| !e.is_empty()),
        "the graph was read"
    );
}
