/** Text encodings a departmental file may come in. GBK is a subset of GB18030. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk' | 'gb18030';

// Share of a sample's non-ASCII sequences that must be valid UTF-8 for the file to be read as UTF-8. GBK text
// read as UTF-8 is mostly invalid (few of its byte pairs happen to form UTF-8); a UTF-8 file into which a few
// GBK cells were pasted is almost all valid. Its few bad bytes become U+FFFD, which rejects their rows.
const UTF8_SHARE = 0.9;

/**
 * Guesses the encoding of a file from its first bytes: a BOM says UTF-8, UTF-16LE or UTF-16BE; bytes that are
 * (overwhelmingly) valid UTF-8 mean UTF-8; otherwise the file is GB18030 when it uses that standard's 4-byte
 * sequences, else GBK.
 */
export function detectEncoding(sample: Uint8Array): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  const { valid, invalid } = utf8Sequences(sample);
  if (invalid === 0 || valid >= UTF8_SHARE * (valid + invalid)) return 'utf-8';
  for (let i = 0; i + 3 < sample.length; i++) {
    const b = sample[i]!;
    if (b < 0x81) continue;
    // GB18030 4-byte form: [81-FE][30-39][81-FE][30-39]; GBK pairs have a second byte of 40-FE.
    if (sample[i + 1]! >= 0x30 && sample[i + 1]! <= 0x39) return 'gb18030';
    i++;
  }
  return 'gbk';
}

/**
 * Counts the non-ASCII sequences of the bytes that are valid UTF-8 and the bytes that start none (a sequence
 * cut at the end of the sample counts as valid).
 */
export function utf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  next: while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    for (let k = 1; k < len; k++) {
      if (i + k >= bytes.length) break;
      if ((bytes[i + k]! & 0xc0) !== 0x80) {
        invalid++;
        i++;
        continue next;
      }
    }
    if (len === 0) {
      invalid++;
      i++;
      continue;
    }
    valid++;
    i += len;
  }
  return { valid, invalid };
}
