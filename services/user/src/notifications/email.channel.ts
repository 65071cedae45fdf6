import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import { createTransport, type Transporter } from 'nodemailer';
import type { UserConfig } from '../config/user.config';
import type { Notification } from './notification.model';
import type { NotificationChannel, Recipient } from './notification-channel';

/** An e-mail about the account itself (verification, sign-up notices): sent whatever the preferences say. */
export interface AccountMail {
  to: string;
  name?: string;
  subject: string;
  text: string;
  /** Extra `X-ProDvor-*` headers (ids for support, never secrets). */
  headers: Record<string, string>;
}

/**
 * E-mail through SMTP (nodemailer) when `SMTP_URL` is set; otherwise the channel is off. Notifications go
 * only to verified addresses: an address nobody proved could be anyone's, and mail to it would be spam.
 */
@Injectable()
export class EmailChannel implements NotificationChannel, OnApplicationShutdown {
  readonly name = 'email' as const;
  private readonly transport?: Transporter;
  private readonly from: string;

  constructor(config: AppConfig<UserConfig>) {
    const url = config.get('SMTP_URL');
    this.from = config.get('SMTP_FROM');
    if (url) this.transport = createTransport(url, { connectionTimeout: 10_000, socketTimeout: 20_000 });
  }

  get enabled(): boolean {
    return Boolean(this.transport);
  }

  canReach(recipient: Recipient): boolean {
    return Boolean(this.transport && recipient.email && recipient.emailVerified);
  }

  async sendAccountEmail(mail: AccountMail): Promise<void> {
    if (!this.transport) return;
    await this.transport.sendMail({
      from: this.from,
      to: mail.name ? { name: mail.name, address: mail.to } : mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: mail.headers,
    });
  }

  async send(notification: Notification, recipient: Recipient): Promise<void> {
    if (!this.transport || !recipient.email) return;
    await this.transport.sendMail({
      from: this.from,
      to: { name: recipient.displayName, address: recipient.email },
      subject: notification.title,
      text: notification.body,
      headers: { 'X-ProDvor-Notification-Id': notification.id, 'X-ProDvor-Notification-Kind': notification.kind },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
