//! The one HTML policy for content: every fragment that `markdown` renders goes through
//! ammonia here, whatever it holds: an
//! archive takes pull requests from strangers, and pure Markdown can carry a script as
//! well as raw HTML can (`[x](javascript:...)`, an entity-encoded or mixed-case scheme, a
//! heading attribute block `{onfocus=...}`). Deciding "this fragment has no HTML, skip
//! the sanitiser" is the kind of shortcut that let such input through before. The
//! allow-list:
//!
//! - URLs (`href`, `src`, ...): `http`, `https`, `mailto` and relative addresses only. An
//!   attribute with any other scheme (`javascript:`, `vbscript:`, `data:`...) is dropped;
//!   the scheme is read as a browser reads it, after entities, whitespace and case.
//! - Heading attribute blocks keep `{#id .class}` only; other attributes are dropped
//!   before the HTML is written, and again by the sanitiser.
//! - Kept: the markup this renderer writes (paragraph ids `p-...`, heading ids, syntect's
//!   `hl-*` classes and `data-lang` on code, footnotes, tables with their alignment) and
//!   ammonia's default set of formatting elements. Links get `rel="noopener noreferrer"`.
//! - Never kept: `<script>`, `<style>`, event handlers (`on*`), forms, frames, `srcdoc`.
//!
//! `allow-raw-html = true` means the site owner trusts its authors with *markup*: the
//! allow-list grows to embeds and layout (`iframe`, `video`, `audio`, `style`, `aria-*`,
//! `data-*`), but the URL schemes and the ban on scripts, `<style>`, forms, `srcdoc` and
//! `on*` handlers stay. A site that needs a script adds it to its templates, which are
//! reviewed as code.

/// The URL schemes a link or image may use; anything else is dropped (relative
/// addresses are always kept).
const URL_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The one HTML policy for content (see the module doc for what it keeps and why).
pub struct Sanitiser(ammonia::Builder<'static>);

impl Sanitiser {
    pub fn new(trusted: bool) -> Sanitiser {
        let mut b = ammonia::Builder::default();
        b.url_schemes(URL_SCHEMES.into())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(Some("noopener noreferrer"))
            .add_generic_attributes(["id", "class"])
            // The language of a highlighted block (see `code_block`).
            .add_tag_attributes("pre", ["data-lang"])
            // pulldown-cmark writes a table column's alignment as a style.
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"]);
        if trusted {
            b.add_tags([
                "iframe", "video", "audio", "source", "track", "picture", "section", "aside",
                "article",
            ])
            .add_generic_attributes(["style", "dir", "role", "hidden"])
            .add_generic_attribute_prefixes(["aria-", "data-"])
            .add_tag_attributes("img", ["loading"])
            .add_tag_attributes(
                "iframe",
                [
                    "src",
                    "width",
                    "height",
                    "allow",
                    "allowfullscreen",
                    "loading",
                ],
            )
            .add_tag_attributes(
                "video",
                [
                    "src", "poster", "controls", "width", "height", "preload", "muted", "loop",
                ],
            )
            .add_tag_attributes("audio", ["src", "controls", "preload", "loop"])
            .add_tag_attributes("source", ["src", "type", "media"])
            .add_tag_attributes("track", ["src", "kind", "srclang", "label", "default"])
            // Layout, not behaviour: ammonia checks the URLs inside the ones that hold
            // them, with the same schemes.
            .filter_style_properties(
                [
                    "text-align",
                    "float",
                    "clear",
                    "width",
                    "max-width",
                    "height",
                    "max-height",
                    "margin",
                    "padding",
                    "border",
                    "color",
                    "background-color",
                    "font-weight",
                    "font-style",
                    "font-size",
                    "display",
                    "aspect-ratio",
                ]
                .into(),
            );
        } else {
            b.filter_style_properties(["text-align"].into());
        }
        Sanitiser(b)
    }

    pub fn clean(&self, html: &str) -> String {
        self.0.clean(html).to_string()
    }
}
