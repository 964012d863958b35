/**
 * Importing the practice's patients from its former software (CSV): the file is read, a dry run shows the
 * columns as understood (each can be re-mapped), what would be created, the duplicates and the rows in
 * error; "Importer" then creates them all or nothing.
 */
import { useState } from 'react';
import { Alert, Badge, Button, FileInput, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post } from '../app/api.ts';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import type { PatientImportReport } from '../../../src/patients/import-routes.ts';
import type { ColumnMapping, ImportField } from '../../../src/patients/import-csv.ts';

// Listed here rather than imported: the server's module brings its CSV parser along.
const IMPORT_FIELDS: readonly ImportField[] = ['birthName', 'firstGivenName', 'usualName', 'birthDate', 'sex', 'mobilePhone', 'email'];

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function PatientImport({ practiceId }: { practiceId: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [content, setContent] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | undefined>(undefined);
  const run = useMutation({
    mutationFn: (o: { dryRun: boolean; content: string; mapping: ColumnMapping | undefined }) =>
      post<PatientImportReport>(`/api/practices/${encodeURIComponent(practiceId)}/patient-imports`, o),
    onSuccess: (report) => {
      setMapping(report.mapping);
      if (report.committed) void qc.invalidateQueries({ queryKey: ['patients'] });
    },
  });
  const report = run.data;
  const pick = async (file: File | null) => {
    run.reset();
    setMapping(undefined);
    if (!file) return setContent(null);
    const encoded = toBase64(new Uint8Array(await file.arrayBuffer()));
    setContent(encoded);
    run.mutate({ dryRun: true, content: encoded, mapping: undefined });
  };
  const remap = (field: ImportField, header: string | null) => {
    if (!content) return;
    const next = { ...mapping };
    if (header) next[field] = header;
    else delete next[field];
    setMapping(next);
    run.mutate({ dryRun: true, content, mapping: next });
  };

  return (
    <Paper withBorder p="md" data-testid="patient-import">
      <Title order={4} mb="sm">
        {t('import.title')}
      </Title>
      <Stack gap="sm">
        <FileInput
          w={360}
          accept=".csv,text/csv"
          label={t('import.file')}
          description={t('import.fileHelp')}
          onChange={(f) => void pick(f)}
          clearable
          data-testid="import-file"
        />
        {report && (
          <>
            <Text fz="xs" c="dimmed">
              {t('import.read', { rows: report.rows, encoding: report.encoding, delimiter: report.delimiter })}
            </Text>
            <SimpleGrid cols={4} spacing="xs">
              {IMPORT_FIELDS.map((f) => (
                <Select
                  key={f}
                  size="xs"
                  label={t(`import.field.${f}` as MessageKey)}
                  data={report.headers}
                  value={mapping?.[f] ?? null}
                  onChange={(h) => remap(f, h)}
                  clearable
                />
              ))}
            </SimpleGrid>
            <Group gap="xs" data-testid="import-summary">
              <Badge color="green" variant="light" data-testid="import-created">
                {t(report.committed ? 'import.createdDone' : 'import.created', { count: report.created.length })}
              </Badge>
              <Badge color="orange" variant="light" data-testid="import-duplicates">
                {t('import.duplicates', { count: report.duplicates.length })}
              </Badge>
              <Badge color="red" variant="light" data-testid="import-errors">
                {t('import.errors', { count: report.errors.length })}
              </Badge>
            </Group>
            {(report.errors.length > 0 || report.duplicates.length > 0) && (
              <Table fz="xs" data-testid="import-problems">
                <Table.Tbody>
                  {report.duplicates.map((d) => (
                    <Table.Tr key={`d${d.line}`}>
                      <Table.Td w={80}>{t('import.line', { line: d.line })}</Table.Td>
                      <Table.Td>{d.sameAsLine ? t('import.sameAsLine', { line: d.sameAsLine }) : t('import.existing')}</Table.Td>
                    </Table.Tr>
                  ))}
                  {report.errors.map((e, i) => (
                    <Table.Tr key={`e${i}`} data-testid="import-error">
                      <Table.Td w={80}>{t('import.line', { line: e.line })}</Table.Td>
                      <Table.Td c="red">{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {!report.committed && (
              <Group>
                <Button
                  disabled={!content || report.errors.length > 0 || report.created.length === 0}
                  loading={run.isPending}
                  onClick={() => content && run.mutate({ dryRun: false, content, mapping })}
                  data-testid="import-commit"
                >
                  {t('import.commit', { count: report.created.length })}
                </Button>
                {report.errors.length > 0 && <Text fz="xs">{t('import.fixFirst')}</Text>}
              </Group>
            )}
          </>
        )}
        {run.isError && <Alert color="red">{errorText(run.error, t)}</Alert>}
      </Stack>
    </Paper>
  );
}
