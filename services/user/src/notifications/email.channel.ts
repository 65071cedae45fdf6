import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import { createTransport, type Transporter } from 'nodemailer';
import type { UserConfig } from '../config/user.config';
import type { Notification } from './notification.model';
import type { NotificationChannel, Recipient } from './notification-channel';

/** E-mail through SMTP (nodemailer) when `SMTP_URL` is set; otherwise the channel is off. */
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

  canReach(recipient: Recipient): boolean {
    return Boolean(this.transport && recipient.email);
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
