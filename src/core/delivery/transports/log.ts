/**
 * The demo transport: nothing leaves the machine. The log line carries ids only (DESIGN invariant 7);
 * the rendered text stays in the deliveries table, where the API shows it to those in scope.
 */
import type { EmailMessage, SendResult, SmsMessage, Transport } from './types.ts';

export type LogLine = (fields: Record<string, unknown>, message: string) => void;

export function logTransport<M extends EmailMessage | SmsMessage>(channel: 'email' | 'sms', log: LogLine): Transport<M> {
  return {
    name: 'log',
    async send(m: M): Promise<SendResult> {
      log({ deliveryId: m.reference, channel }, 'notification logged instead of sent (no transport configured)');
      return { providerId: `log-${m.reference}`, logged: true };
    },
  };
}
