/** The in-app help on "?": every keyboard shortcut and what it does. */
import { useState } from 'react';
import { Kbd, Modal, Table } from '@mantine/core';
import { useT } from './i18n.tsx';
import { SHORTCUTS, useShortcut, type ShortcutDef } from './shortcuts.tsx';

export function useShortcutHelp() {
  const [opened, setOpened] = useState(false);
  useShortcut('help', () => setOpened(true));
  return { opened, open: () => setOpened(true), close: () => setOpened(false) };
}

export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcut.title')} size="md">
      <Table fz="sm" data-testid="shortcut-help">
        <Table.Tbody>
          {(Object.values(SHORTCUTS) as ShortcutDef[]).map((s) => (
            <Table.Tr key={s.description}>
              <Table.Td w={140}>
                <Kbd size="sm">{s.label}</Kbd>
              </Table.Td>
              <Table.Td>{t(s.description)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
