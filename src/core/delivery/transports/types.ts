/** What a transport is: it hands one email or one SMS to a provider and answers the provider's id. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** The delivery id: the Message-ID is derived from it, so a retried send is recognisable. */
  reference: string;
}

export interface SmsMessage {
  /** E.164. */
  to: string;
  body: string;
  reference: string;
}

export interface SendResult {
  /** The provider's own id (SMTP Message-ID, Twilio Message SID). */
  providerId: string;
  /** True when nothing left the machine (the log transport): the delivery is 'logged', not 'sent'. */
  logged?: boolean;
}

export interface Transport<M> {
  /** Stored on the delivery: 'smtp', 'twilio', 'log'. */
  readonly name: string;
  send(message: M): Promise<SendResult>;
  close?(): Promise<void> | void;
}

export interface Transports {
  email: Transport<EmailMessage>;
  sms: Transport<SmsMessage>;
}

/** The provider refused for good (unknown number, mailbox does not exist): retrying cannot help. */
export class PermanentFailure extends Error {
  constructor(
    message: string,
    readonly providerCode?: string | number,
  ) {
    super(message);
    this.name = 'PermanentFailure';
  }
}
