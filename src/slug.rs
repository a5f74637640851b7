//! URL slugs: ASCII, lower-case, hyphenated, bounded, and never a path. Every file and
//! folder name pamphlet makes from text (articles, tags, topics, publishers) is a slug, so
//! the rules for names that are safe on every system live here, and only here.

/// The longest slug, in bytes; long headlines are cut at a word boundary. Build refuses a
/// longer `slug:`, so whatever makes slugs (see [`with_suffix`]) stays within it.
pub const MAX_SLUG_LEN: usize = 80;

/// Names Windows reserves for devices, whatever the extension (`con.md` is the console
/// too): an archive holding one cannot be checked out there. COM0 and LPT0 are in
/// Microsoft's current list as well.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// "Opinion piece: IAPT is value-laden" -> "opinion-piece-iapt-is-value-laden".
/// Non-ASCII letters are transliterated ("naïve" -> "naive"); anything else becomes a
/// hyphen, so the result can never hold `/`, `\` or `..`. Empty input gives "untitled";
/// a name Windows reserves gets `-1` ("CON" -> "con-1"), which is itself a slug, so a
/// hand-written `slug: con` is refused with the one to use.
pub fn slugify(text: &str) -> String {
    let mut slug = hyphenated(text);
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    finish(slug)
}

/// The address of an article named only by its file: the stem, slugified. A file name
/// is unique in its folder, so its address must be too: a stem too long for a slug is
/// not cut back to a word (`…-handing` and `…-handing-2` would both become `…`) but
/// shortened to its start and a hash of the whole, so different stems stay different
/// and the same stem always gives the same address.
pub fn from_file_stem(stem: &str) -> String {
    let whole = hyphenated(stem);
    if whole.len() <= MAX_SLUG_LEN {
        return finish(whole);
    }
    // FNV-1a, written out: the address must not change with the Rust version.
    let hash = whole.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    let tag = format!("{:08x}", hash as u32);
    let room = MAX_SLUG_LEN - tag.len() - 1;
    // A slug is ASCII, so any byte is a character boundary; cut at a word where one ends.
    let head = &whole[..room];
    let head = head[..head.rfind('-').unwrap_or(room)].trim_end_matches('-');
    format!("{head}-{tag}")
}

/// Lower-case ASCII words joined by single hyphens, of any length.
fn hyphenated(text: &str) -> String {
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
    slug.trim_end_matches('-').to_string()
}

/// An empty slug becomes "untitled", a name Windows reserves gets `-1`.
fn finish(slug: String) -> String {
    if slug.is_empty() {
        "untitled".into()
    } else if WINDOWS_RESERVED.contains(&slug.as_str()) {
        slug + "-1"
    } else {
        slug
    }
}

/// Would Windows take this file name for a device? Only the part before the first dot
/// counts: `con`, `Con.txt` and `nul.tar.gz` are all reserved. For names that are not
/// slugs (a pasted file's own name, kept as a seed).
pub fn is_windows_reserved(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or(file_name);
    WINDOWS_RESERVED.contains(&stem.to_ascii_lowercase().as_str())
}

/// `base` made distinct with `-n` ("cuts" -> "cuts-2"), cutting `base` so the result is
/// still at most [`MAX_SLUG_LEN`]: the importer must never write an address build refuses.
/// `base` must be a slug; the result is one too.
pub fn with_suffix(base: &str, n: usize) -> String {
    let suffix = format!("-{n}");
    let room = MAX_SLUG_LEN.saturating_sub(suffix.len());
    // A slug is ASCII, so any byte is a character boundary.
    let stem = base[..base.len().min(room)].trim_end_matches('-');
    format!("{stem}{suffix}")
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

    #[test]
    fn windows_reserved_names_are_never_slugs() {
        for name in WINDOWS_RESERVED {
            let upper = name.to_uppercase();
            assert_eq!(slugify(&upper), format!("{name}-1"));
            assert_eq!(slugify(&slugify(&upper)), slugify(&upper));
        }
        assert_eq!(slugify("Con."), "con-1");
        assert_eq!(slugify("Cons"), "cons");
        assert_eq!(slugify("com10"), "com10");
        assert!(is_windows_reserved("Con.txt") && is_windows_reserved("nul.tar.gz"));
        assert!(!is_windows_reserved("console.txt") && !is_windows_reserved("con-1.txt"));
    }

    proptest::proptest! {
        /// Whatever the text, and however many times it is numbered, the result is a slug
        /// build accepts (it checks `slugify(slug) == slug`), within the limit, and not a
        /// name Windows reserves.
        #[test]
        fn every_slug_and_numbered_slug_is_one_build_accepts(
            text in "[a-zA-Z0-9 '’\\-.,/éß]{0,120}|(?i)(con|nul|aux|prn|com[0-9]|lpt[0-9])",
            n in 2usize..100_000,
        ) {
            let slug = slugify(&text);
            let numbered = with_suffix(&slug, n);
            for s in [&slug, &numbered] {
                proptest::prop_assert_eq!(&slugify(s), s);
                proptest::prop_assert!(s.len() <= MAX_SLUG_LEN);
                proptest::prop_assert!(!is_windows_reserved(s));
            }
        }
    }

    /// Issue 17: two long file names that differ only after the 80th character.
    #[test]
    fn long_file_stems_keep_their_difference() {
        let stem =
            "dwp-minister-refuses-to-publish-the-figures-on-sanctions-and-deaths-after-the-handing";
        let (a, b) = (from_file_stem(stem), from_file_stem(&format!("{stem}-2")));
        assert_ne!(a, b);
        for s in [&a, &b] {
            assert!(s.len() <= MAX_SLUG_LEN, "{s}");
            assert_eq!(&slugify(s), s);
        }
        assert_eq!(a, from_file_stem(stem), "the same stem, the same address");
        assert_eq!(from_file_stem("Short Name"), "short-name");
        assert_eq!(from_file_stem("con"), "con-1");
    }

    /// Issue 15 item 8: `slug-2` of an 80-character slug was 82 characters.
    #[test]
    fn suffixed_slugs_stay_valid_for_any_base() {
        for len in 1..=MAX_SLUG_LEN + 5 {
            let bases = ["a".repeat(len), "ab-".repeat(len)[..len].to_string()];
            for base in bases.map(|b| slugify(&b)) {
                for n in [2, 9, 10, 99, 100, 12_345] {
                    let s = with_suffix(&base, n);
                    assert!(s.len() <= MAX_SLUG_LEN, "{s}");
                    assert_eq!(slugify(&s), s);
                    assert!(s.ends_with(&format!("-{n}")), "{s}");
                }
            }
        }
    }
}
