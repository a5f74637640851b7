//! What each template gets besides `site` and `page`: one type per template, declared with
//! [`template!`] so that the keys a theme author can use are the fields the code fills.
//! themes/default/README.md's table of page-specific variables is held to [`super::templates`]
//! by tests/theme_readme.rs.

use serde::Serialize;

/// A template and the type of its page-specific context.
pub trait Template: Serialize {
    /// The template's file name in the theme's templates/ folder.
    const FILE: &'static str;
    /// The context's keys, in the order they are declared.
    const KEYS: &'static [&'static str];
}

/// Declares a template's context type and its [`Template`] impl from one list of fields.
macro_rules! template {
    ($(#[$meta:meta])* $vis:vis struct $name:ident $(<$lt:lifetime>)? = $file:literal {
        $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(serde::Serialize)]
        $vis struct $name $(<$lt>)? {
            $($(#[$fmeta])* pub $field: $ty,)*
        }
        impl $(<$lt>)? $crate::render::page_context::Template for $name $(<$lt>)? {
            const FILE: &'static str = $file;
            const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];
        }
    };
}
pub(crate) use template;

template! {
    /// The 404 page: `site` and `page` only.
    pub struct NotFound = "404.html" {}
}

template! {
    /// The provenance page ("How this archive is made"): `site` and `page` only.
    pub struct Provenance = "provenance.html" {}
}
