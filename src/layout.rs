//! The folder names of a site, relative to its root. A theme (`themes/<name>/`) has its
//! own `templates/` and `static/`, and the theme's static files are published under
//! `static/` in the build. `content/` is only the default of book.toml's `content-dir`
//! ([`crate::config::Config::content_dir`] is the one to use). Paths are made by
//! [`crate::config::Config`]'s `*_dir` methods; the names are here for what matches a
//! path relative to the root or to a theme.

/// Pasted pages, kept as the originals of the articles.
pub const SEEDS: &str = "seeds";
/// One folder per theme.
pub const THEMES: &str = "themes";
/// Tera templates: the site's own replace the theme's of the same name.
pub const TEMPLATES: &str = "templates";
/// Files copied as they are: the site's to the build's root, the theme's to `static/`.
pub const STATIC: &str = "static";
/// The default `content-dir`.
pub const CONTENT: &str = "content";
