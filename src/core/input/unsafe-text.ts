/**
 * What no text field of Relais accepts, whatever it holds: control characters (NUL breaks PostgreSQL,
 * the others corrupt logs, CSV exports and SMS), invisible bidirectional overrides (they make a name read
 * differently from what is stored: "Trojan Source"), and malformed UTF-16 (lone surrogates). Tab, line feed
 * and carriage return stay allowed: consignes and messages are multi-line.
 */

// C0 controls except \t \n \r, DEL and the C1 controls, the bidi embeddings/overrides/isolates, the line
// and paragraph separators, and the non-characters U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFFFE\uFFFF]/u;
// A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` is refused, or undefined when it is acceptable. */
export function unsafeTextReason(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'Texte mal encodé / malformed text (lone surrogate)';
  const m = UNSAFE.exec(text);
  if (!m) return undefined;
  const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `Caractère interdit U+${code} / forbidden character U+${code}`;
}

export interface UnsafeInputIssue {
  path: (string | number)[];
  message: string;
}

const MAX_DEPTH = 32;

/**
 * Every string (keys included) of a parsed request part that `unsafeTextReason` refuses, with its path.
 * Walks at most MAX_DEPTH levels: deeper input is refused as a whole.
 */
export function findUnsafeInput(value: unknown, path: (string | number)[] = [], issues: UnsafeInputIssue[] = []): UnsafeInputIssue[] {
  if (path.length > MAX_DEPTH) {
    issues.push({ path, message: 'Données trop imbriquées / nesting too deep' });
    return issues;
  }
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    if (reason) issues.push({ path, message: reason });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findUnsafeInput(item, [...path, i], issues));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const reason = unsafeTextReason(key);
      if (reason) issues.push({ path: [...path, key], message: reason });
      else findUnsafeInput(item, [...path, key], issues);
    }
  }
  return issues;
}
