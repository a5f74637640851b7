//! Which earlier response a reader's response answers, where the text says so itself:
//! "@Jane Smith …", "Reply to Jane Smith", "In reply to Jane Smith", "Replying to Jane".
//! Only a name that an earlier response is signed with counts, so an "@" that names
//! someone outside the thread links nothing.

use super::parts::{Block, Response};

/// The words a reply opens with before the name it answers, lower-cased.
const OPENERS: &[&str] = &["@", "in reply to ", "reply to ", "replying to "];

/// Sets `reply_to` on each response that opens by addressing an earlier commenter: the
/// latest earlier response signed with that name.
pub fn link(responses: &mut [Response]) {
    for i in 1..responses.len() {
        let Some(first) = responses[i].blocks.first() else {
            continue;
        };
        let (Block::Para(text) | Block::Item(text) | Block::Numbered(_, text)) = first;
        let lower = text.to_lowercase();
        let Some(rest) = OPENERS.iter().find_map(|o| lower.strip_prefix(o)) else {
            continue;
        };
        responses[i].reply_to = (0..i).rev().find(|&j| {
            responses[j].author.as_deref().is_some_and(|name| {
                let name = name.to_lowercase();
                rest.strip_prefix(&name)
                    .is_some_and(|after| !after.starts_with(char::is_alphanumeric))
            })
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(author: Option<&str>, text: &str) -> Response {
        Response {
            author: author.map(str::to_string),
            blocks: vec![Block::Para(text.to_string())],
            ..Response::default()
        }
    }

    #[test]
    fn a_reply_names_the_latest_earlier_commenter() {
        let mut rs = [
            r(Some("Jane Smith"), "First."),
            r(Some("Bob"), "@Jane Smith no."),
            r(Some("Jane Smith"), "Again."),
            r(Some("Ann"), "In reply to Jane Smith: yes."),
            r(Some("Cy"), "@Bobby who?"),
            r(None, "@Nobody at all."),
            r(Some("Di"), "Reply to bob, agreed."),
        ];
        link(&mut rs);
        let to: Vec<_> = rs.iter().map(|r| r.reply_to).collect();
        assert_eq!(to, [None, Some(0), None, Some(2), None, None, Some(1)]);
    }
}
