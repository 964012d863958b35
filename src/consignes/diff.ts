/**
 * Word diff of two texts (Myers' O(ND) algorithm on word, punctuation and whitespace tokens), for
 * "what changed in the consignes since you last read them". Pure.
 *
 * Joining the `equal` and `delete` parts gives the old text back; joining `equal` and `insert`, the new one.
 */
export type DiffOp = 'equal' | 'insert' | 'delete';
export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Past this many token edits between the texts, the changed middle is shown as one deletion and one insertion. */
export const MAX_EDITS = 800;

const TOKEN = /\s+|[\p{L}\p{N}\p{M}_]+(?:['’-][\p{L}\p{N}\p{M}_]+)*|[^\s]/gu;

/** Words (with their inner apostrophes and hyphens), single punctuation signs, and runs of whitespace. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * The shortest edit script from a to b as one op per token, or null past maxEdits edits.
 * Precondition: a and b share no common first or last token (trimmed by the caller) — not required, just faster.
 */
function myers(a: readonly string[], b: readonly string[], maxEdits: number): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  // trace[d] holds v[k] for k in [-d-1, d+1] as it stood at the start of round d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, maxEdits); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace: readonly Int32Array[], n: number, m: number): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const at = (k: number) => trace[d]![k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('equal');
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) {
        ops.push('insert');
        y--;
      } else {
        ops.push('delete');
        x--;
      }
    }
  }
  return ops.reverse();
}

function push(parts: DiffPart[], op: DiffOp, text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

/**
 * Makes a diff readable: whitespace kept between two changes joins them, and each run of changes
 * becomes one deletion followed by one insertion ("le mardi" → "le jeudi", not "le ma[-r-][+jeu+]di").
 */
function tidy(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    push(out, 'delete', del);
    push(out, 'insert', ins);
    del = '';
    ins = '';
  };
  parts.forEach((p, i) => {
    const between = i > 0 && i < parts.length - 1 && parts[i - 1]!.op !== 'equal' && parts[i + 1]!.op !== 'equal';
    if (p.op === 'equal' && !(between && /^\s+$/.test(p.text))) {
      flush();
      push(out, 'equal', p.text);
    } else {
      if (p.op !== 'insert') del += p.text;
      if (p.op !== 'delete') ins += p.text;
    }
  });
  flush();
  return out;
}

/** The word diff from `before` to `after`. */
export function diffWords(before: string, after: string, maxEdits = MAX_EDITS): DiffPart[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const parts: DiffPart[] = [];
  push(parts, 'equal', a.slice(0, start).join(''));
  const ops = myers(midA, midB, maxEdits);
  if (ops) {
    let i = 0;
    let j = 0;
    for (const op of ops) {
      if (op === 'equal') {
        push(parts, 'equal', midA[i]!);
        i++;
        j++;
      } else if (op === 'delete') push(parts, 'delete', midA[i++]!);
      else push(parts, 'insert', midB[j++]!);
    }
  } else {
    push(parts, 'delete', midA.join(''));
    push(parts, 'insert', midB.join(''));
  }
  push(parts, 'equal', a.slice(endA).join(''));
  return tidy(parts);
}

/** The old and the new text a diff was made from. */
export function sidesOf(parts: readonly DiffPart[]): { before: string; after: string } {
  let before = '';
  let after = '';
  for (const p of parts) {
    if (p.op !== 'insert') before += p.text;
    if (p.op !== 'delete') after += p.text;
  }
  return { before, after };
}
