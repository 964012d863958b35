/** The transports the configuration asks for: SMTP and Twilio when configured, the log transport otherwise. */
import type { Config } from '../../config.ts';
import { logTransport, type LogLine } from './log.ts';
import { smtpTransport } from './smtp.ts';
import { twilioSmsTransport } from './twilio-sms.ts';
import type { EmailMessage, SmsMessage, Transports } from './types.ts';

export const SMS_STATUS_PATH = '/api/public/sms/twilio/status';

export function transportsFromConfig(config: Config, log: LogLine): Transports {
  const email = config.smtp.url ? smtpTransport(config.smtp.url, config.smtp.from) : logTransport<EmailMessage>('email', log);
  const { accountSid, authToken, apiUrl } = config.twilio;
  const sms =
    accountSid && authToken && (config.sms.from || config.sms.messagingServiceSid)
      ? twilioSmsTransport({
          accountSid,
          authToken,
          apiUrl,
          from: config.sms.from,
          messagingServiceSid: config.sms.messagingServiceSid,
          statusCallbackUrl: config.publicUrl ? config.publicUrl + SMS_STATUS_PATH : undefined,
        })
      : logTransport<SmsMessage>('sms', log);
  return { email, sms };
}

export type { Transports } from './types.ts';
