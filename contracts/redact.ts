/** Secrets and tokens never reach a report: every string is scrubbed of them before anything is printed or written. */

export interface Redactor {
  text(value: string): string;
  /** A deep copy with every string scrubbed. */
  value<T>(value: T): T;
}

const MARK = '<redacted>';
/** access_token=… in a URL or a log line, whatever the value. */
const TOKEN_PARAM = /(access_token=)[^&\s"'<>]+/g;
/** Shorter strings (a test's "x") would redact ordinary words. */
const MIN_SECRET_LENGTH = 4;

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  // Longest first, so a secret containing another is replaced whole.
  const known = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  const text = (value: string): string => known.reduce((out, secret) => out.replaceAll(secret, MARK), value).replace(TOKEN_PARAM, `$1${MARK}`);
  const value = <T>(input: T): T => {
    if (typeof input === 'string') return text(input) as T;
    if (Array.isArray(input)) return input.map((item: unknown) => value(item)) as T;
    if (typeof input === 'object' && input !== null) {
      return Object.fromEntries(Object.entries(input).map(([key, item]) => [key, value(item)])) as T;
    }
    return input;
  };
  return { text, value };
}
