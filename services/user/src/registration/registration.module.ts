import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module';
import { RegistrationController } from './registration.controller';
import { RegistrationService } from './registration.service';

@Module({ imports: [ProfilesModule], controllers: [RegistrationController], providers: [RegistrationService] })
export class RegistrationModule {}
