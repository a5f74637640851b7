//! What book.toml's addresses mean: whether a value is a web address, and the path prefix
//! a site URL gives every link.

/// An `http://` or `https://` address (any case): the only kind the site makes a link
/// from a value someone typed (a source, the repository's address).
pub fn is_web_address(s: &str) -> bool {
    let scheme = s.split_once("://").map_or("", |(scheme, _)| scheme);
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

/// "https://x.github.io/repo" -> "/repo/"; "/" -> "/"; "archive" -> "/archive/".
pub fn base_path_of(site_url: &str) -> String {
    let url = site_url.trim();
    let path = match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            rest.find('/').map_or("", |j| &rest[j..])
        }
        None => url,
    };
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_from_site_url() {
        assert_eq!(
            base_path_of("https://example.github.io/campaign-archive/"),
            "/campaign-archive/"
        );
        assert_eq!(base_path_of("https://example.org"), "/");
        assert_eq!(base_path_of("/"), "/");
        assert_eq!(base_path_of("archive"), "/archive/");
    }
}
