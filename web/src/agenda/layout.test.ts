import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axisHeight, blockBox, hourMarks, minuteToPixel, overlapColumns, slotBoxes, visibleAxis, type Axis } from './layout.ts';

const axis: Axis = { startMinute: 8 * 60, endMinute: 19 * 60, pxPerMinute: 1.5 };

describe('agenda layout', () => {
  it('turns minutes into pixels from the top of the visible hours, clamped to them', () => {
    assert.equal(minuteToPixel(8 * 60, axis), 0);
    assert.equal(minuteToPixel(9 * 60 + 15, axis), 113);
    assert.equal(minuteToPixel(6 * 60, axis), 0);
    assert.equal(minuteToPixel(23 * 60, axis), 990);
    assert.equal(axisHeight(axis), 990);
  });

  it('shows the working day, widened to whole hours so early and late appointments fit', () => {
    assert.deepEqual(visibleAxis([], 1), { startMinute: 480, endMinute: 1140, pxPerMinute: 1 });
    assert.deepEqual(
      visibleAxis(
        [
          { start: 7 * 60 + 30, end: 7 * 60 + 50 },
          { start: 19 * 60 + 40, end: 20 * 60 + 5 },
        ],
        1,
      ),
      { startMinute: 420, endMinute: 1260, pxPerMinute: 1 },
    );
    assert.deepEqual(visibleAxis([{ start: 1410, end: 1440 }], 1), { startMinute: 480, endMinute: 1440, pxPerMinute: 1 });
    assert.deepEqual(
      hourMarks({ startMinute: 480, endMinute: 660, pxPerMinute: 1 }).map((m) => [m.label, m.top]),
      [
        ['08:00', 0],
        ['09:00', 60],
        ['10:00', 120],
      ],
    );
  });

  it('boxes a block, keeps a short one readable, and drops one outside the hours', () => {
    assert.deepEqual(blockBox({ start: 540, end: 560 }, axis), { top: 90, height: 30 });
    assert.deepEqual(blockBox({ start: 540, end: 545 }, axis, 14), { top: 90, height: 14 });
    assert.deepEqual(blockBox({ start: 450, end: 500 }, axis), { top: 0, height: 30 });
    assert.equal(blockBox({ start: 400, end: 480 }, axis), null);
  });

  it('puts overlapping appointments side by side and leaves touching ones full width', () => {
    const a = { id: 'a', start: 540, end: 600 };
    const b = { id: 'b', start: 560, end: 580 };
    const c = { id: 'c', start: 590, end: 620 };
    const d = { id: 'd', start: 620, end: 640 };
    const placed = overlapColumns([d, c, b, a]);
    const by = Object.fromEntries(placed.map((p) => [p.item.id, [p.column, p.columns]]));
    // a overlaps b and c; b and c do not overlap each other and share column 1.
    assert.deepEqual(by, { a: [0, 2], b: [1, 2], c: [1, 2], d: [0, 1] });
  });

  it('gives three mutually overlapping appointments a third each', () => {
    const placed = overlapColumns([
      { start: 540, end: 600 },
      { start: 545, end: 600 },
      { start: 550, end: 600 },
    ]);
    assert.deepEqual(
      placed.map((p) => [p.column, p.columns]),
      [
        [0, 3],
        [1, 3],
        [2, 3],
      ],
    );
  });

  it('draws free slots of a fine-stepped agenda without overlap', () => {
    const boxes = slotBoxes([
      { start: 560, end: 580 },
      { start: 540, end: 560 },
      { start: 570, end: 590 },
    ]);
    assert.deepEqual(
      boxes.map((b) => [b.start, b.drawnEnd]),
      [
        [540, 560],
        [560, 570],
        [570, 590],
      ],
    );
  });
});
