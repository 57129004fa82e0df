/**
 * One parameter of a query string, read as URLSearchParams reads it. Every /cgi-bin call carries its
 * access_token in the query, so the common query (nothing percent-encoded, no '+') is scanned in
 * place instead of building a URLSearchParams for one value.
 */
export function queryParam(query: string, name: string): string | undefined {
  if (query.includes('%') || query.includes('+')) return new URLSearchParams(query).get(name) ?? undefined;
  for (let start = 0; start < query.length; ) {
    const amp = query.indexOf('&', start);
    const end = amp === -1 ? query.length : amp;
    if (query.startsWith(name, start)) {
      const after = start + name.length;
      if (after === end) return '';
      if (query.charCodeAt(after) === 0x3d) return query.slice(after + 1, end);
    }
    start = end + 1;
  }
  return undefined;
}
