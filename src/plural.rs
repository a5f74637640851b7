//! Counts in messages: "1 article", "2 articles", "0 errors". English nouns that take
//! an `s`, which is all the nouns pamphlet counts.

/// `n` and the noun, plural unless `n` is 1.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_the_rest_plural() {
        assert_eq!(super::count(1, "article"), "1 article");
        assert_eq!(super::count(0, "error"), "0 errors");
        assert_eq!(super::count(2, "seed"), "2 seeds");
    }
}
