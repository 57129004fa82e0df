/**
 * Real WeChat bodies are a few levels deep. A body nested deeper than this is refused before it is
 * parsed: anything that walks such a value (redaction, JSON.stringify) would overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether `text` opens more than `max` arrays or objects inside one another (strings are skipped). */
export function exceedsJsonDepth(text: string, max = MAX_JSON_DEPTH): boolean {
  // Too short to open that many: most bodies are, and are not scanned.
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
