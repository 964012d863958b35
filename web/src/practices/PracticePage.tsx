/** One practice's file on its own page (/practices/:id). */
import { Alert, Anchor, Loader, Paper, Stack } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { navigate } from '../app/router.ts';
import { usePracticeFile } from './api.ts';
import { PracticeFileView } from './PracticeFileView.tsx';

export function PracticePage({ id, backTo }: { id: string; backTo?: string }) {
  const t = useT();
  const file = usePracticeFile(id);
  return (
    <Stack gap="sm" maw={900}>
      {backTo && (
        <Anchor
          href={backTo}
          onClick={(e) => {
            e.preventDefault();
            navigate(backTo);
          }}
          fz="sm"
        >
          ← {t('practices.back')}
        </Anchor>
      )}
      <Paper withBorder p="md">
        {file.isPending ? (
          <Loader />
        ) : file.isError ? (
          <Alert color="red">{errorText(file.error, t)}</Alert>
        ) : (
          <PracticeFileView practice={file.data} scroll={false} />
        )}
      </Paper>
    </Stack>
  );
}
