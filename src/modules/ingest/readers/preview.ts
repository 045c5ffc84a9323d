/** Cell text shown back to a user (upload preview, rejected rows, error messages): short, and storable. */

/** How many characters of a cell are shown back. */
export const PREVIEW_CHARS = 200;

/**
 * The text of a cell as shown back: at most PREVIEW_CHARS characters, then an ellipsis; a NUL (which neither
 * PostgreSQL's text nor its JSON can hold) shown as ␀.
 */
export function previewText(value: string): string {
  const short = value.length > PREVIEW_CHARS ? `${value.slice(0, PREVIEW_CHARS)}…` : value;
  return short.includes('\0') ? short.replaceAll('\0', '\u2400') : short;
}
