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
    #[error(
        "the file looks like UTF-16 text without a byte order mark, which cannot be read reliably"
    )]
    Utf16WithoutBom,
    #[error("the file is UTF-32 text, which pamphlet does not read")]
    Utf32,
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
/// a paste from an old Windows editor is, nearly always). UTF-16 with its BOM (what
/// Notepad saves as "Unicode") is read as UTF-16: its NUL bytes are half of each letter.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    // UTF-32's byte order marks begin like UTF-16's: told apart first.
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(DecodeError::Utf32);
    }
    let utf16 = encoding_rs::Encoding::for_bom(bytes)
        .filter(|(e, _)| *e == encoding_rs::UTF_16LE || *e == encoding_rs::UTF_16BE);
    let (text, windows_1252) = if let Some((encoding, _)) = utf16 {
        // Malformed pairs become U+FFFD; the text is then judged like any other.
        let (cow, _, _) = encoding.decode(bytes);
        (cow.into_owned(), false)
    } else {
        if bytes.contains(&0) {
            return Err(if looks_like_utf16(bytes) {
                DecodeError::Utf16WithoutBom
            } else {
                DecodeError::Nul
            });
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), false),
            Err(_) => {
                let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                (cow.into_owned(), true)
            }
        }
    };
    if text.contains('\0') {
        return Err(DecodeError::Nul);
    }
    // Counted on bytes, as every seed is: a control character is an ASCII one or C1
    // (U+0080-U+009F, UTF-8 C2 80-9F), and each character has one byte that does not
    // continue another (10xxxxxx).
    let bytes = text.as_bytes();
    let c1 = bytes
        .windows(2)
        .filter(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
        .count();
    let ascii = bytes
        .iter()
        .filter(|&&b| (b < 0x20 || b == 0x7F) && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    let control = ascii + c1;
    let total = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count().max(1);
    if control * 100 / total >= 5 {
        return Err(DecodeError::Binary(control * 100 / total));
    }
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    // The few control characters left (an ESC, a stray C1 byte read as Windows-1252) are
    // never words of the article, and one that reached a title would make `check` refuse
    // the article that import wrote: they go here, before any stage sees them. A form
    // feed separated pages, so it becomes a line break.
    let text = if text.chars().any(crate::content::front_matter::is_forbidden) {
        text.chars()
            .filter_map(|c| match c {
                '\u{0C}' => Some('\n'),
                c if crate::content::front_matter::is_forbidden(c) => None,
                c => Some(c),
            })
            .collect()
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Blank);
    }
    Ok(Decoded { text, windows_1252 })
}

/// Mostly-ASCII UTF-16 has a NUL in every other byte, all on one side (even offsets for
/// big-endian, odd for little-endian); a binary file has them anywhere.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let zeros = |side: usize| {
        bytes
            .iter()
            .skip(side)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let half = bytes.len() / 2;
    half >= 2 && (even.max(odd) * 10 >= half * 7) && even.min(odd) * 20 <= half
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

    /// Found by the fuzzer (issue 15): a control character in a headline reached the
    /// title, and `check` then refused the article import had written.
    #[test]
    fn control_characters_never_reach_the_text() {
        let body = "The article runs on for a while, as articles do. ".repeat(4);
        let pasted = format!("Cuts\u{1b}[31m to\u{1} benefits\u{9d}\n\n{body}\tkept\u{0C}next");
        let d = decode(pasted.as_bytes()).unwrap();
        assert_eq!(
            d.text,
            format!("Cuts[31m to benefits\n\n{body}\tkept\nnext")
        );
        assert!(!d
            .text
            .chars()
            .any(crate::content::front_matter::is_forbidden));
    }

    /// Issue 15 item 14: UTF-16 was called "not text".
    #[test]
    fn utf16_with_a_bom_is_read() {
        let text = "“Cuts” £1bn\r\nBody";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le, be] {
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, "“Cuts” £1bn\nBody");
            assert!(!d.windows_1252);
        }
        assert_eq!(decode(b"\xFF\xFEa\0\0\0"), Err(DecodeError::Nul));
        let no_bom: Vec<u8> = "Plain headline\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&no_bom), Err(DecodeError::Utf16WithoutBom));
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

    #[test]
    fn control_characters_are_counted_as_characters() {
        // 2 of 19 characters are control (one C1, one ASCII); the é and the quotes are one
        // character each, however many bytes.
        let text = "é “quoted” text\u{85}ab\u{1}";
        assert_eq!(text.chars().count(), 19);
        assert_eq!(decode(text.as_bytes()), Err(DecodeError::Binary(10)));
        assert!(decode("é “quoted” text with one\u{85} C1 control, far fewer than five in a hundred characters of an article".as_bytes()).is_ok());
    }
}
