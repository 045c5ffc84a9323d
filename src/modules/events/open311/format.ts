/**
 * Open311 GeoReport v2 answers as JSON or XML. The XML follows the spec's documents: a root element (`services`,
 * `service_requests`, `service_definition`, `errors`, `discovery`) holding one element per item, each field an
 * element of its own.
 */

export type Format = 'json' | 'xml';

/** A value an answer holds: a field, a list (the element repeated under its key's name) or a group of fields. */
export type XmlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | XmlValue[]
  | { [name: string]: XmlValue };

export const contentTypes: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

// Characters XML 1.0 cannot hold at all (controls but tab/newline/CR, U+FFFE/U+FFFF, lone surrogates): dropped, as
// escaping cannot carry them.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text made safe for an XML element's content. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** One element (or, for a list, the element repeated) named `name` holding `value`. */
function element(name: string, value: XmlValue): string {
  if (Array.isArray(value)) return value.map((v) => element(name, v)).join('');
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole XML document: the declaration and `root` holding `content`'s elements. */
export function xmlDocument(root: string, content: { [name: string]: XmlValue }): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, content)}`;
}

/**
 * A list answer in either format: JSON, the array; XML, `root` holding one `item` element per entry (e.g.
 * `<services><service>…</service></services>`).
 */
export function renderList(
  format: Format,
  root: string,
  item: string,
  items: Record<string, XmlValue>[],
): string {
  return format === 'json' ? JSON.stringify(items) : xmlDocument(root, { [item]: items });
}

/** An error answer in the spec's shape: `[{"code","description"}]` or `<errors><error>…</error></errors>`. */
export function renderErrors(format: Format, status: number, descriptions: string[]): string {
  const items = descriptions.map((description) => ({ code: status, description }));
  return renderList(format, 'errors', 'error', items);
}

/** The format a path asks for by its ending (`.xml` or else JSON), and the path without it. */
export function splitFormat(name: string): { base: string; format: Format } | undefined {
  const m = /^(.+)\.(json|xml)$/.exec(name);
  return m ? { base: m[1]!, format: m[2] as Format } : undefined;
}
