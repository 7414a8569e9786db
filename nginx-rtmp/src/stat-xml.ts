/** Minimal XML tree for nginx-rtmp's stat page: elements and text, no attributes, comments or CDATA. */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

/** Parses the document into a tree under a synthetic root named `#document`. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (let match = tag.exec(xml); match; match = tag.exec(xml)) {
    const top = stack[stack.length - 1];
    if (!top) throw new Error('stat XML: unbalanced tags');
    top.text += decode(xml.slice(last, match.index));
    last = tag.lastIndex;
    const [, closing, name, selfClosing] = match;
    if (!name) continue;
    if (closing) {
      if (top.name !== name || stack.length === 1) throw new Error(`stat XML: unexpected </${name}>`);
      stack.pop();
      continue;
    }
    const element: XmlElement = { name, children: [], text: '' };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error('stat XML: unclosed elements');
  return root;
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((c) => c.name === name) ?? [];
}

export function textOf(element: XmlElement | undefined, name: string): string {
  return child(element, name)?.text.trim() ?? '';
}

export function numberOf(element: XmlElement | undefined, name: string): number {
  const value = Number(textOf(element, name));
  return Number.isFinite(value) ? value : 0;
}
