/**
 * Just enough XML reading for the push tests, written apart from the module under test: element
 * text with CDATA sections unwrapped (adjacent sections joined, as a real parser does).
 */

/** The inner text of the first <name>…</name> in `xml`, or undefined. */
export function inner(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return match?.[1];
}

/** The text value: CDATA sections unwrapped and joined, or the raw text when there are none. */
export function text(xml: string, name: string): string | undefined {
  const raw = inner(xml, name);
  if (raw === undefined) return undefined;
  const sections = [...raw.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)];
  return sections.length === 0 ? raw : sections.map((section) => section[1] ?? '').join('');
}

/** Whether the value was written as CDATA (the whole element body is CDATA sections). */
export function isCdata(xml: string, name: string): boolean {
  const raw = inner(xml, name);
  return raw !== undefined && /^(<!\[CDATA\[[\s\S]*?\]\]>)+$/.test(raw);
}

/** Every <item>…</item> inside a list body. */
export function items(list: string): string[] {
  return [...list.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((match) => match[1] ?? '');
}

/** Names of the direct children of <xml>, in order (the push's top-level fields). */
export function topLevelNames(xml: string): string[] {
  const body = inner(xml, 'xml') ?? '';
  const names: string[] = [];
  let rest = body;
  for (;;) {
    const open = /<([A-Za-z]+)>/.exec(rest);
    if (!open) break;
    const name = open[1] ?? '';
    names.push(name);
    const close = rest.indexOf(`</${name}>`, open.index);
    rest = rest.slice(close + name.length + 3);
  }
  return names;
}
