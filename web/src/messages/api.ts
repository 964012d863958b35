/** The messages API as the web app uses it: inbox, one message, its actions, the secretariat's tasks. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, query } from '../app/api.ts';
import type { MessageDetailDto, MessageDto, TaskDto } from '../../../src/messages/schemas.ts';

export type { MessageDetailDto, MessageDto, TaskDto };
export type TaskItem = TaskDto & { message: MessageDto };

export function useInbox(status: 'new' | 'read' | 'processed' | undefined) {
  return useQuery({
    queryKey: ['messages', 'inbox', status ?? 'all'],
    queryFn: () => get<{ items: MessageDto[]; hasMore: boolean }>(`/api/messages${query({ status, limit: 100 })}`),
    refetchInterval: 30_000,
  });
}

export function useMessage(id: string | null) {
  return useQuery({
    queryKey: ['messages', 'one', id],
    queryFn: () => get<MessageDetailDto>(`/api/messages/${id}`),
    enabled: id !== null,
  });
}

/** read, acknowledge, process, or answer (with a text): each answers the message as it now is. */
export function useMessageAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, text }: { id: string; action: 'read' | 'acknowledge' | 'process' | 'answer'; text?: string }) =>
      post<MessageDetailDto>(`/api/messages/${id}/${action}`, action === 'answer' ? { text } : undefined),
    onSuccess: (m) => {
      qc.setQueryData(['messages', 'one', m.id], m);
      void qc.invalidateQueries({ queryKey: ['messages', 'inbox'] });
    },
  });
}

export function useTasks(mine: boolean) {
  return useQuery({
    queryKey: ['messages', 'tasks', mine],
    queryFn: () => get<{ items: TaskItem[] }>(`/api/messages/tasks${query({ status: 'open', mine: mine ? 'true' : undefined })}`),
    refetchInterval: 30_000,
  });
}

export function useTaskDone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) => post<TaskDto>(`/api/messages/tasks/${id}/done`, note ? { note } : {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['messages', 'tasks'] }),
  });
}
