/** A word diff as text: insertions highlighted, deletions struck through. Always text nodes, never HTML. */
import type { CSSProperties } from 'react';
import type { DiffPart } from './view.ts';

export const INSERTED: CSSProperties = {
  background: 'var(--mantine-color-green-1)',
  color: 'var(--mantine-color-green-9)',
  textDecoration: 'none',
  borderRadius: 2,
};
export const DELETED: CSSProperties = {
  background: 'var(--mantine-color-red-0)',
  color: 'var(--mantine-color-red-8)',
  textDecoration: 'line-through',
  borderRadius: 2,
  marginInlineEnd: 2,
};

export function DiffText({ parts }: { parts: readonly DiffPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.op === 'insert' ? (
          <ins key={i} style={INSERTED} data-testid="diff-insert">
            {p.text}
          </ins>
        ) : p.op === 'delete' ? (
          <del key={i} style={DELETED} data-testid="diff-delete">
            {p.text}
          </del>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
