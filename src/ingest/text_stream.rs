//! A large plain-text file read a batch of paragraphs at a time, so that memory stays bounded
//! whatever its size. The paragraphs are the ones [`super::text::blocks`] finds in the whole
//! text: split on blank lines when the text has any, else one paragraph a line. Deciding that
//! needs the whole file, so it is read twice: a first pass finds whether it has blank lines
//! (and any bytes that do not decode, before an output is started), the second yields blocks.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use encoding_rs::{BIG5, Decoder, DecoderResult, Encoding, GB18030, UTF_8};

use super::text::normalize_space;
use super::{Format, MAX_INPUT_BYTES, detect, encoding};
use crate::document::Block;
use crate::error::{Error, Result};
use crate::text::controls;

/// Bytes at the start of the file that decide its encoding and format.
const HEAD_BYTES: usize = 64 * 1024;

/// A plain-text file being read paragraph by paragraph.
#[derive(Debug)]
pub struct TextStream {
    /// The file, for errors.
    path: PathBuf,
    lines: Lines,
    /// Paragraphs are separated by blank lines (else each line is one).
    blank_lines: bool,
    /// The lines of the paragraph being read, joined by `\n`.
    current: String,
    /// Something the user should know (a last character cut off).
    pub warning: Option<String>,
    /// Control characters removed so far ([`crate::text::controls`]).
    pub controls_removed: usize,
}

/// Opens `path` for streaming when it is plain text (as detected, or as `format` says) in an
/// encoding whose line breaks are single `\n` bytes (UTF-8, GB18030/GBK, Big5). `Ok(None)`
/// means the file should be read whole instead; errors are the ones the whole-file path
/// would report (binary data, bytes that do not decode).
pub fn open(path: &Path, format: Option<Format>) -> Result<Option<TextStream>> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    File::open(path).and_then(|f| f.take(HEAD_BYTES as u64).read_to_end(&mut head)).map_err(|e| Error::io(path, e))?;
    // Cut at a line break, so the head does not end in the middle of a character.
    if head.len() == HEAD_BYTES
        && let Some(end) = head.iter().rposition(|&b| b == b'\n')
    {
        head.truncate(end + 1);
    }
    // A book (a zip) is read whole, whatever its size: its text is in compressed parts.
    if head.iter().all(|b| b.is_ascii_whitespace()) || crate::ingest::epub::is_zip(&head) {
        return Ok(None);
    }
    let decoded = encoding::decode(&head, path, None)?;
    let bom = Encoding::for_bom(&head);
    let encoding = decoded.encoding;
    if ![UTF_8, GB18030, BIG5].contains(&encoding) || bom.is_some_and(|(e, _)| e != UTF_8) {
        return Ok(None);
    }
    if format.unwrap_or_else(|| detect(&decoded.text, path)) != Format::Text {
        return Ok(None);
    }
    let skip = bom.map_or(0, |(_, len)| len);
    let mut lines = Lines::open(path, encoding, skip)?;
    let mut blank_lines = false;
    let (mut content, mut blank_after_content) = (false, false);
    while let Some(line) = lines.next()? {
        for line in breaks(&line) {
            if controls::strip(line).0.trim().is_empty() {
                blank_after_content |= content;
            } else {
                blank_lines |= blank_after_content;
                content = true;
            }
        }
    }
    Ok(Some(TextStream {
        path: path.to_path_buf(),
        lines: Lines::open(path, encoding, skip)?,
        blank_lines,
        current: String::new(),
        warning: lines.warning,
        controls_removed: 0,
    }))
}

impl TextStream {
    /// The next paragraphs: at least `min_blocks` of them and `min_bytes` of text, unless the
    /// file ends first; none at the end.
    pub(crate) fn next_batch(&mut self, min_bytes: usize, min_blocks: usize) -> Result<Vec<Block>> {
        let mut blocks = Vec::new();
        let mut bytes = 0;
        while bytes < min_bytes || blocks.len() < min_blocks {
            let Some(mut raw) = self.lines.next()? else {
                blocks.extend(self.flush());
                break;
            };
            self.controls_removed += controls::strip_in_place(&mut raw);
            // One paragraph is annotated whole, so its size bounds memory whatever the batch.
            if raw.len() + self.current.len() > MAX_INPUT_BYTES {
                return Err(Error::TooLarge {
                    path: self.path.clone(),
                    size: raw.len() + self.current.len(),
                    max: MAX_INPUT_BYTES,
                });
            }
            for line in breaks(&raw) {
                let block = if !self.blank_lines {
                    Some(normalize_space(line)).filter(|t| !t.is_empty()).map(Block::text)
                } else if line.trim().is_empty() {
                    self.flush()
                } else {
                    if !self.current.is_empty() {
                        self.current.push('\n');
                    }
                    self.current.push_str(line);
                    None
                };
                if let Some(block) = block {
                    bytes += block.text.len();
                    blocks.push(block);
                }
            }
        }
        Ok(blocks)
    }

    /// The paragraph read so far, if it has any text.
    fn flush(&mut self) -> Option<Block> {
        let text = normalize_space(&self.current);
        self.current.clear();
        (!text.is_empty()).then(|| Block::text(text))
    }
}

/// The lines of a line read up to `\n`: `\r\n` and a lone `\r` are line breaks too, as in
/// [`super::text::blocks`].
fn breaks(raw: &str) -> std::str::Split<'_, char> {
    raw.strip_suffix('\r').unwrap_or(raw).split('\r')
}

/// The decoded lines of a file, without their `\n` (a `\r` before it is kept).
#[derive(Debug)]
struct Lines {
    path: PathBuf,
    reader: BufReader<File>,
    decoder: Decoder,
    encoding: &'static Encoding,
    raw: Vec<u8>,
    /// 1-based number of the line last read, for errors.
    number: usize,
    done: bool,
    warning: Option<String>,
}

impl Lines {
    fn open(path: &Path, encoding: &'static Encoding, skip: usize) -> Result<Self> {
        let mut reader = BufReader::with_capacity(1 << 16, File::open(path).map_err(|e| Error::io(path, e))?);
        // The BOM is at most 3 bytes, always within the first fill of the buffer.
        let available = reader.fill_buf().map_err(|e| Error::io(path, e))?.len();
        reader.consume(skip.min(available));
        Ok(Lines {
            path: path.to_path_buf(),
            reader,
            decoder: encoding.new_decoder_without_bom_handling(),
            encoding,
            raw: Vec::new(),
            number: 0,
            done: false,
            warning: None,
        })
    }

    /// The next line, or `None` at the end of the file.
    fn next(&mut self) -> Result<Option<String>> {
        if self.done {
            return Ok(None);
        }
        self.raw.clear();
        let read = self.reader.read_until(b'\n', &mut self.raw).map_err(|e| Error::io(&self.path, e))?;
        let last = read == 0 || self.raw.last() != Some(&b'\n');
        self.done = last;
        self.number += 1;
        if self.raw.last() == Some(&b'\n') {
            self.raw.pop();
        }
        let mut line = String::new();
        let mut src = &self.raw[..];
        loop {
            let room = self.decoder.max_utf8_buffer_length_without_replacement(src.len()).unwrap_or(src.len() * 3 + 16);
            line.reserve(room);
            let (result, consumed) = self.decoder.decode_to_string_without_replacement(src, &mut line, last);
            src = &src[consumed..];
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => continue,
                // A file cut off in the middle of its last character: drop it, as the
                // whole-file path does, and say so.
                DecoderResult::Malformed(..) if last && src.is_empty() => {
                    self.warning = Some(format!(
                        "{}: the file ends in the middle of a {} character (truncated?); the last character was dropped",
                        self.path.display(),
                        self.encoding.name().to_ascii_uppercase()
                    ));
                    break;
                }
                DecoderResult::Malformed(..) => {
                    return Err(Error::Encoding {
                        path: self.path.clone(),
                        detail: format!(
                            "line {}: bytes that are not valid {}",
                            self.number,
                            self.encoding.name().to_ascii_uppercase()
                        ),
                    });
                }
            }
        }
        if last && read == 0 && line.is_empty() {
            return Ok(None);
        }
        Ok(Some(line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::blocks;

    fn streamed(text: &[u8], batch: usize) -> Vec<Block> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        std::fs::write(&path, text).unwrap();
        let mut stream = open(&path, None).unwrap().expect("plain text streams");
        let mut out = Vec::new();
        loop {
            let batch = stream.next_batch(batch, 1).unwrap();
            if batch.is_empty() {
                return out;
            }
            out.extend(batch);
        }
    }

    #[test]
    fn same_paragraphs_as_the_whole_text() {
        let texts = [
            "第一段第一行\n第一段第二行\n\n第二段\n",
            "第一行\n第二行\r\n第三行\r第四行",
            "\n\n  开头空行\n\n\n\u{3000}\u{3000}缩进\n \n中间 \t \nEnglish words\nsplit\n\n",
            "只有一行",
            "甲\r\r\n乙\n丙",
            "  \n第一行\n第二行\n  \n",
        ];
        for text in texts {
            for batch in [1, 10, 1 << 20] {
                assert_eq!(streamed(text.as_bytes(), batch), blocks(text), "{text:?}");
            }
        }
    }

    #[test]
    fn gb18030_and_bom() {
        let text = "第一段\n\n第二段，用国标码保存。\n";
        let (gbk, _, _) = GB18030.encode(text);
        assert_eq!(streamed(&gbk, 1), blocks(text));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(streamed(&bom, 1), blocks(text));
    }

    #[test]
    fn bad_bytes_in_the_middle_are_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        let mut bytes = "第一段\n".repeat(30_000).into_bytes();
        bytes.extend_from_slice(b"\xff\xfe\n");
        bytes.extend_from_slice("第二段\n".as_bytes());
        std::fs::write(&path, bytes).unwrap();
        let err = open(&path, None).unwrap_err();
        assert!(err.to_string().contains("line 30001"), "{err}");
    }
}
