// Reads the system time itself instead of taking a Clock; and five positional parameters.
export function stamp(a: string, b: string, c: string, d: string, e: string): string {
  const at = Date.now();
  const today = new Date();
  const fixed = new Date(0);
  return [a, b, c, d, e, at, today.toISOString(), fixed.toISOString()].join(' ');
}
