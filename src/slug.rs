//! URL slugs: ASCII, lower-case, hyphenated, bounded, and never a path.

/// The longest slug, in bytes; long headlines are cut at a word boundary.
pub const MAX_SLUG_LEN: usize = 80;

/// "Opinion piece: IAPT is value-laden" -> "opinion-piece-iapt-is-value-laden".
/// Non-ASCII letters are transliterated ("naïve" -> "naive"); anything else becomes a
/// hyphen, so the result can never hold `/`, `\` or `..`. Empty input gives "untitled".
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if c == '\'' {
            // "Jones's" -> "joness", not "jones-s".
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        "untitled".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_readable() {
        assert_eq!(
            slugify("GPs to arrange coordination? Pfft. (Updated)"),
            "gps-to-arrange-coordination-pfft-updated"
        );
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("Garry Jones's blog"), "garry-joness-blog");
        assert_eq!(slugify("naïve £1.2 billion"), "naive-ps1-2-billion");
        assert_eq!(slugify("!!!"), "untitled");
        assert!(slugify(&"word ".repeat(50)).len() <= MAX_SLUG_LEN);
    }
}
