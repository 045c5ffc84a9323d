/** Text encodings a departmental file may come in. GBK is a subset of GB18030. */
export type TextEncoding = 'utf-8' | 'gbk' | 'gb18030';

/**
 * Guesses the encoding of a file from its first bytes: a BOM or valid UTF-8 means UTF-8; otherwise
 * the file is GB18030 when it uses that standard's 4-byte sequences, else GBK.
 */
export function detectEncoding(sample: Uint8Array): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (isUtf8(sample)) return 'utf-8';
  for (let i = 0; i + 3 < sample.length; i++) {
    const b = sample[i]!;
    if (b < 0x81) continue;
    // GB18030 4-byte form: [81-FE][30-39][81-FE][30-39]; GBK pairs have a second byte of 40-FE.
    if (sample[i + 1]! >= 0x30 && sample[i + 1]! <= 0x39) return 'gb18030';
    i++;
  }
  return 'gbk';
}

/** True when the bytes are valid UTF-8 (a sequence cut at the end of the sample is allowed). */
function isUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return false;
    for (let k = 1; k < len; k++) {
      if (i + k >= bytes.length) return true;
      if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
    }
    i += len;
  }
  return true;
}
