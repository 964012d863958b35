/** Email over SMTP with nodemailer (one pooled connection set per process). */
import nodemailer from 'nodemailer';
import { PermanentFailure, type EmailMessage, type SendResult, type Transport } from './types.ts';

export function smtpTransport(url: string, from: string): Transport<EmailMessage> {
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(m: EmailMessage): Promise<SendResult> {
      try {
        const info = await transporter.sendMail({
          from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          messageId: `<${m.reference}@relais>`,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return { providerId: info.messageId };
      } catch (error) {
        // 5xx is the server's final word on this message (no such mailbox, refused); 4xx and network errors pass.
        const code = (error as { responseCode?: number }).responseCode;
        if (typeof code === 'number' && code >= 500) throw new PermanentFailure(`SMTP ${code}`, code);
        throw error;
      }
    },
    close: () => transporter.close(),
  };
}
