import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { AccountEmailDeliveryService } from './account-email-delivery.service';
import { AccountEmailsConsumer } from './account-emails.consumer';
import { AccountEmailsPublisher } from './account-emails.publisher';
import { EmailVerificationController } from './email-verification.controller';
import { EmailVerificationRepository } from './email-verification.repository';
import { EmailVerificationService } from './email-verification.service';
import { VerificationTokens } from './verification-tokens';

@Module({
  imports: [ProfilesModule, NotificationsModule],
  controllers: [EmailVerificationController],
  providers: [
    EmailVerificationService,
    EmailVerificationRepository,
    AccountEmailsPublisher,
    AccountEmailDeliveryService,
    AccountEmailsConsumer,
    VerificationTokens,
  ],
  exports: [EmailVerificationService],
})
export class EmailVerificationModule {}
