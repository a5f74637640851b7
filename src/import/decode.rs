//! Raw bytes of a pasted document -> text, or a clear reason it is not one.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file holds only white space")]
    Blank,
    #[error("the file has NUL bytes, so it is not a text document")]
    Nul,
    #[error("the file does not look like text ({0}% control characters)")]
    Binary(usize),
}

/// What was done to make the bytes into text, worth telling the user.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The bytes were not UTF-8 and were read as Windows-1252.
    pub windows_1252: bool,
}

/// Strips a BOM, turns CRLF and CR into LF, and reads invalid UTF-8 as Windows-1252 (what
/// a paste from an old Windows editor is, nearly always).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Nul);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, windows_1252) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => {
            let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (cow.into_owned(), true)
        }
    };
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    let total = text.chars().count().max(1);
    if control * 100 / total >= 5 {
        return Err(DecodeError::Binary(control * 100 / total));
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err(DecodeError::Blank);
    }
    Ok(Decoded { text, windows_1252 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        let d = decode(b"\xEF\xBB\xBFTitle\r\n\r\nBody\rmore").unwrap();
        assert_eq!(d.text, "Title\n\nBody\nmore");
        assert!(!d.windows_1252);
    }

    #[test]
    fn windows_1252_quotes_and_pound_are_read() {
        let d = decode(b"\x93Costs \xa31bn\x94 \x96 said").unwrap();
        assert_eq!(d.text, "\u{201c}Costs \u{a3}1bn\u{201d} \u{2013} said");
        assert!(d.windows_1252);
    }

    #[test]
    fn non_text_is_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\n"), Err(DecodeError::Blank));
        assert_eq!(decode(b"abc\0def"), Err(DecodeError::Nul));
        assert!(matches!(
            decode(&[1, 2, 3, 4, 5, 6, b'a']),
            Err(DecodeError::Binary(_))
        ));
    }
}
