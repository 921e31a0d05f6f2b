//! `duizhao pinyin` over a stream: lines are read in batches, each batch is transcribed on all
//! cores, and the lines are written in input order. Memory stays bounded by the batch size,
//! whatever the length of the input.

use std::io::{self, BufRead, Write};

use rayon::prelude::*;

use crate::dict::glossary::Glossary;
use crate::transcribe::{LineOptions, transcribe_line};

/// Bytes of input read before a batch is transcribed.
const BATCH_BYTES: usize = 1 << 20;

/// Transcribes every line of `input` to `output`, one line out per line in. Invalid UTF-8 is
/// read with replacement characters; a CR before the LF is dropped.
pub fn transcribe(
    mut input: impl BufRead,
    output: &mut impl Write,
    glossary: &Glossary,
    options: LineOptions,
) -> io::Result<()> {
    // The batch's lines in one buffer, and where each ends: no allocation per line.
    let mut batch: Vec<u8> = Vec::with_capacity(BATCH_BYTES + (64 << 10));
    let mut ends: Vec<usize> = Vec::new();
    loop {
        let read = input
            .read_until(b'\n', &mut batch)
            .map_err(|e| io::Error::new(e.kind(), format!("reading standard input: {e}")))?;
        if read > 0 {
            ends.push(batch.len());
        }
        if read == 0 || batch.len() >= BATCH_BYTES {
            let lines: Vec<String> = (0..ends.len())
                .into_par_iter()
                .map(|i| {
                    let line = &batch[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
                    // Valid UTF-8 (nearly every line) is used as it is; only a broken line is copied.
                    let text = match std::str::from_utf8(line) {
                        Ok(text) => std::borrow::Cow::Borrowed(text),
                        Err(_) => String::from_utf8_lossy(line),
                    };
                    let text = text.strip_suffix('\n').unwrap_or(&text);
                    transcribe_line(text.strip_suffix('\r').unwrap_or(text), glossary, options)
                })
                .collect();
            for line in lines {
                output.write_all(line.as_bytes())?;
                output.write_all(b"\n")?;
            }
            batch.clear();
            ends.clear();
        }
        if read == 0 {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notation::Style;

    #[test]
    fn lines_in_order_one_out_per_line_in() {
        let input = "你好\r\n\n世界\n最后一天\n".repeat(20_000) + "没有换行";
        let mut out = Vec::new();
        let options = LineOptions { style: Style::Numbers, ..LineOptions::default() };
        transcribe(input.as_bytes(), &mut out, &Glossary::default(), options).unwrap();
        let expected = "ni3hao3\n\nshi4jie4\nzui4hou4 yi1 tian1\n".repeat(20_000) + "mei2you3 huan4hang2\n";
        let got = String::from_utf8(out).unwrap();
        assert!(got == expected, "lines out of order or lost: {:?}", got.lines().take(4).collect::<Vec<_>>());
    }
}
