/**
 * The console's live connection to /api/ws (session cookie, same origin): delivers the server's
 * messages (screen-pop, call and agent state) and reconnects after a drop, backing off up to 10 s.
 */
import type { LiveMessage } from '../../../src/calls/live/messages.ts';

export type { LiveMessage };

export function connectLive(onMessage: (m: LiveMessage) => void, onOpenChange: (open: boolean) => void = () => undefined): () => void {
  let socket: WebSocket | null = null;
  let closed = false;
  let delay = 500;
  let retry: number | undefined;

  const open = () => {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      delay = 500;
      onOpenChange(true);
    };
    ws.onmessage = (e) => {
      try {
        onMessage(JSON.parse(String(e.data)) as LiveMessage);
      } catch {
        // A malformed frame is not worth breaking the console for.
      }
    };
    ws.onclose = () => {
      onOpenChange(false);
      if (closed) return;
      retry = window.setTimeout(open, delay);
      delay = Math.min(delay * 2, 10_000);
    };
  };
  open();
  return () => {
    closed = true;
    window.clearTimeout(retry);
    socket?.close();
  };
}
