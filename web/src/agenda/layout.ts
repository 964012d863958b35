/**
 * Geometry of the agenda grid: wall-clock minutes → pixels, the hours shown, and side-by-side columns
 * for intervals that overlap. Pure; intervals are half-open [start, end) in minutes since 00:00.
 */

export interface Span {
  start: number;
  end: number;
}

/** The visible part of a day: [startMinute, endMinute) drawn at pxPerMinute. */
export interface Axis {
  startMinute: number;
  endMinute: number;
  pxPerMinute: number;
}

/** Pixels from the top of the grid to a minute (clamped to the axis). */
export function minuteToPixel(minute: number, axis: Axis): number {
  const clamped = Math.min(Math.max(minute, axis.startMinute), axis.endMinute);
  return Math.round((clamped - axis.startMinute) * axis.pxPerMinute);
}

export function axisHeight(axis: Axis): number {
  return minuteToPixel(axis.endMinute, axis);
}

/**
 * The hours to draw: the working day by default (08:00–19:00), widened to whole hours so that every
 * given span shows, within 00:00–24:00.
 */
export function visibleAxis(spans: readonly Span[], pxPerMinute: number, workday: Span = { start: 8 * 60, end: 19 * 60 }): Axis {
  let start = workday.start;
  let end = workday.end;
  for (const s of spans) {
    if (s.end <= s.start) continue;
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  return { startMinute: Math.max(0, Math.floor(start / 60) * 60), endMinute: Math.min(1440, Math.ceil(end / 60) * 60), pxPerMinute };
}

/** One line per whole hour of the axis, with its label. */
export function hourMarks(axis: Axis): { minute: number; top: number; label: string }[] {
  const marks = [];
  for (let m = Math.ceil(axis.startMinute / 60) * 60; m < axis.endMinute; m += 60) {
    marks.push({ minute: m, top: minuteToPixel(m, axis), label: `${String(m / 60).padStart(2, '0')}:00` });
  }
  return marks;
}

/** Top and height of a span on the axis; null when it lies outside. `minHeight` keeps a short block readable. */
export function blockBox(span: Span, axis: Axis, minHeight = 14): { top: number; height: number } | null {
  if (span.end <= axis.startMinute || span.start >= axis.endMinute) return null;
  const top = minuteToPixel(span.start, axis);
  const bottom = minuteToPixel(span.end, axis);
  return { top, height: Math.max(bottom - top, minHeight) };
}

export interface Placed<T> {
  item: T;
  /** 0-based column within its group of overlapping items. */
  column: number;
  /** Columns of that group: the item is 1/columns wide. */
  columns: number;
}

/**
 * Lays out overlapping items side by side, as paper agendas do: items that overlap, directly or through
 * others, form a group; each takes the leftmost column free at its start; the group shares its width
 * among as many columns as it needed. Touching items ([9:00, 9:20) and [9:20, 9:40)) do not overlap.
 */
export function overlapColumns<T extends Span>(items: readonly T[]): Placed<T>[] {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end);
  const placed: Placed<T>[] = [];
  let group: Placed<T>[] = [];
  let columnEnds: number[] = [];
  let groupEnd = -Infinity;
  const closeGroup = () => {
    for (const p of group) p.columns = columnEnds.length;
    group = [];
    columnEnds = [];
  };
  for (const item of sorted) {
    if (item.start >= groupEnd) {
      closeGroup();
      groupEnd = -Infinity;
    }
    let column = columnEnds.findIndex((end) => end <= item.start);
    if (column === -1) {
      column = columnEnds.length;
      columnEnds.push(item.end);
    } else columnEnds[column] = item.end;
    const p = { item, column, columns: 1 };
    group.push(p);
    placed.push(p);
    groupEnd = Math.max(groupEnd, item.end);
  }
  closeGroup();
  return placed;
}

/**
 * Free slots drawn as boxes that never overlap one another: each ends at its own end or at the next
 * slot's start, whichever comes first (an agenda stepping every 10 min offers 20-min slots that overlap).
 */
export function slotBoxes<T extends Span>(slots: readonly T[]): (T & { drawnEnd: number })[] {
  const sorted = [...slots].sort((a, b) => a.start - b.start);
  return sorted.map((s, i) => {
    const next = sorted[i + 1];
    return { ...s, drawnEnd: next && next.start < s.end ? next.start : s.end };
  });
}
