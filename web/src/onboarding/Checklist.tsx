/** What the practice still lacks before it can go live: computed from what onboarding has saved. Pure view. */
import { List, Paper, ThemeIcon, Title } from '@mantine/core';
import { useI18n, type MessageKey } from '../app/i18n.tsx';

export interface ChecklistItem {
  key: string;
  done: boolean;
}

export function Checklist({ items }: { items: ChecklistItem[] }) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="md" data-testid="checklist" data-missing={items.filter((i) => !i.done).length}>
      <Title order={4} mb="sm">
        {t('onboarding.checklist')}
      </Title>
      <List spacing={4} size="sm">
        {items.map((i) => (
          <List.Item
            key={i.key}
            data-testid="checklist-item"
            data-key={i.key}
            data-done={i.done}
            icon={
              <ThemeIcon size={18} radius="xl" color={i.done ? 'green' : 'orange'}>
                {i.done ? '✓' : '!'}
              </ThemeIcon>
            }
          >
            {t(`onboarding.check.${i.key}` as MessageKey)}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
