//! The theme's README is its authors' reference: what it lists of `page.kind` and of the
//! `site` every template gets must be what the code gives (issue 18: the list of kinds had
//! fallen behind).

mod util;

use std::collections::BTreeSet;

use pamphlet::config::Config;
use pamphlet::render::context::{PageKind, Views};
use pamphlet::site::Site;

fn readme() -> String {
    std::fs::read_to_string(util::repo().join("themes/default/README.md")).unwrap()
}

/// The text of the README's bullet that starts with `start`, up to the next bullet.
fn bullet(text: &str, start: &str) -> String {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no bullet {start}"));
    let rest = &text[from + start.len()..];
    let end = rest.find("\n- ").unwrap_or(rest.len());
    rest[..end].to_string()
}

/// The `names` at the top level of a `{ … }` list (not inside a nested `[{ … }]`).
fn top_level_keys(list: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let (mut depth, mut in_tick, mut word) = (0, false, String::new());
    for c in list.chars() {
        match c {
            '{' | '[' if !in_tick => depth += 1,
            '}' | ']' if !in_tick => depth -= 1,
            '`' => {
                if in_tick && depth == 1 {
                    keys.insert(std::mem::take(&mut word));
                }
                word.clear();
                in_tick = !in_tick;
            }
            c if in_tick => word.push(c),
            _ => {}
        }
    }
    keys
}

#[test]
fn the_readme_lists_every_page_kind_and_no_other() {
    let page = bullet(&readme(), "- `page`:");
    let kinds = page.split_once('(').unwrap().1.split_once(')').unwrap().0;
    let listed: BTreeSet<String> = kinds
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    let actual: BTreeSet<String> = PageKind::ALL.iter().map(|k| k.name().to_string()).collect();
    assert_eq!(listed, actual);
    for k in PageKind::ALL {
        assert_eq!(
            serde_json::to_value(k).unwrap(),
            k.name(),
            "what templates see"
        );
    }
}

#[test]
fn the_readme_lists_every_key_of_site() {
    let listed = top_level_keys(&bullet(&readme(), "- `site`:"));
    let config = Config::example_at(std::path::Path::new("."));
    let site = Site::from_pages(Vec::new());
    let views = Views::new(&site, &config);
    let value = serde_json::to_value(&views.site).unwrap();
    let actual: BTreeSet<String> = value.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        listed, actual,
        "themes/default/README.md's `site` against SiteView"
    );
}

/// The README's "Templates and blocks" table: each row's template and its page-specific
/// variables ("–" for none), `base.html` aside.
fn template_rows(text: &str) -> BTreeSet<(String, BTreeSet<String>)> {
    let from = text
        .find("## Templates and blocks")
        .expect("the table's section");
    text[from..]
        .lines()
        .skip_while(|l| !l.starts_with("| `"))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let name = cells.get(1)?.trim_matches('`').to_string();
            let keys = cells
                .get(4)?
                .split(',')
                .map(|k| k.trim().trim_matches('`').to_string())
                .filter(|k| !k.is_empty() && k != "–")
                .collect();
            (name != "base.html").then_some((name, keys))
        })
        .collect()
}

#[test]
fn the_readme_lists_every_template_with_its_own_keys() {
    let listed = template_rows(&readme());
    let actual: BTreeSet<(String, BTreeSet<String>)> = pamphlet::render::templates()
        .into_iter()
        .map(|(file, keys)| {
            (
                file.to_string(),
                keys.iter().map(|k| k.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        listed, actual,
        "themes/default/README.md's table against the code"
    );
    // Every page template of the theme is one pamphlet renders.
    let on_disk: BTreeSet<String> =
        std::fs::read_dir(util::repo().join("themes/default/templates"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "base.html" && n != "macros.html")
            .collect();
    let rendered: BTreeSet<String> = actual.into_iter().map(|(file, _)| file).collect();
    assert_eq!(on_disk, rendered);
}
