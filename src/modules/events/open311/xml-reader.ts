/**
 * A small reader of the XML this area writes (elements and text, no attributes), for tests that check an answer's
 * structure: it refuses what is not well-formed (unbalanced or stray tags, bad entities, a missing declaration).
 */
export type XmlNode = { name: string; children: XmlNode[]; text: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text with its five entities replaced; throws on any other `&`. */
function decodeEntities(text: string): string {
  return text.replace(/&([a-z]+);|&/g, (whole, name: string | undefined) => {
    const c = name ? ENTITIES[name] : undefined;
    if (c === undefined) throw new Error(`bad entity ${whole}`);
    return c;
  });
}

/** The root element of an XML document with the utf-8 declaration; throws when it is not well-formed. */
export function readXml(document: string): XmlNode {
  const declaration = '<?xml version="1.0" encoding="utf-8"?>';
  if (!document.startsWith(declaration)) throw new Error('no XML declaration');
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)>|([^<]+)|(<)/g;
  for (const m of document.slice(declaration.length).matchAll(tag)) {
    const top = stack.at(-1)!;
    if (m[4]) throw new Error(`stray < at ${m.index}`);
    if (m[3] !== undefined) {
      if (stack.length === 1 && m[3].trim()) throw new Error('text outside the root');
      top.text += decodeEntities(m[3]);
    } else if (m[1]) {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const node: XmlNode = { name: m[2]!, children: [], text: '' };
      top.children.push(node);
      stack.push(node);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is not closed`);
  if (root.children.length !== 1) throw new Error('not exactly one root element');
  return root.children[0]!;
}

/** The text of a node's child `name` (undefined when it has none). */
export function childText(node: XmlNode, name: string): string | undefined {
  return node.children.find((c) => c.name === name)?.text;
}
