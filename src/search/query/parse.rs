//! Query text -> [`Query`]: words, "phrases" and -exclusions, folded as the index folds
//! words (crate::text::words), cut to [`MAX_QUERY_WORDS`].

/// The most words a query is searched for; the rest are ignored (and the user told). Each
/// word is a lookup and a pass over its postings, so a pasted page as a query would take
/// seconds, and no real question needs more.
pub const MAX_QUERY_WORDS: usize = 32;

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    /// The last word is still being typed: match it as a prefix too.
    pub prefix: bool,
    pub phrases: Vec<Vec<String>>,
    pub excluded: Vec<String>,
    /// Words past [`MAX_QUERY_WORDS`], left out.
    pub ignored: usize,
}

impl Query {
    /// `words` cut to the room left under [`MAX_QUERY_WORDS`], counting what is cut.
    fn room(&mut self, mut words: Vec<String>) -> Vec<String> {
        let used = self.words.len()
            + self.excluded.len()
            + self.phrases.iter().map(Vec::len).sum::<usize>();
        let room = MAX_QUERY_WORDS.saturating_sub(used);
        if words.len() > room {
            self.ignored += words.len() - room;
            words.truncate(room);
        }
        words
    }
}

/// Splits a query into words, "phrases" and -exclusions, folding each word as the index
/// does. An unclosed quote runs to the end.
pub fn parse(q: &str) -> Query {
    let mut query = Query::default();
    let mut rest = q;
    let mut last_plain = false;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            last_plain = false;
        } else if c == '"' {
            let inner = &rest[1..];
            let end = inner.find('"').unwrap_or(inner.len());
            let words = query.room(crate::text::words(&inner[..end]).map(|(_, w)| w).collect());
            if !words.is_empty() {
                query.phrases.push(words);
            }
            rest = inner.get(end + 1..).unwrap_or("");
            last_plain = false;
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            let chunk = &rest[..end];
            let words = query.room(crate::text::words(chunk).map(|(_, w)| w).collect());
            if chunk.len() > 1 && chunk.starts_with('-') {
                query.excluded.extend(words);
                last_plain = false;
            } else {
                let before = query.words.len();
                query.words.extend(words);
                last_plain = query.words.len() > before;
            }
            rest = &rest[end..];
        }
    }
    query.prefix = last_plain && q.chars().last().is_some_and(char::is_alphanumeric);
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_parsed() {
        let q = parse(r#"Sanctions "the Work Programme" -atos naïve"#);
        assert_eq!(q.words, ["sanctions", "naive"]);
        assert_eq!(q.phrases, [vec!["the", "work", "programme"]]);
        assert_eq!(q.excluded, ["atos"]);
        assert!(q.prefix);
        assert!(!parse("sanctions ").prefix);
        assert!(!parse("a -b").prefix);
        assert!(!parse("\"a b").prefix);
        assert_eq!(parse("\"open phrase").phrases, [vec!["open", "phrase"]]);
        assert_eq!(parse("five-week").words, ["fiveweek"]);
        assert_eq!(parse("- x").words, ["x"]);
    }

    #[test]
    fn long_queries_keep_their_first_words() {
        let text: Vec<String> = (0..12_000).map(|i| format!("w{i}")).collect();
        let q = parse(&format!("\"a b\" -c {}", text.join(" ")));
        assert_eq!(q.phrases, [vec!["a", "b"]]);
        assert_eq!(q.excluded, ["c"]);
        assert_eq!(q.words.len(), MAX_QUERY_WORDS - 3);
        assert_eq!(q.words[0], "w0");
        assert_eq!(q.ignored, 12_000 - (MAX_QUERY_WORDS - 3));
        assert!(!q.prefix, "the word being typed was left out");
    }
}
