import { Module } from '@nestjs/common';
import { ImportsModule } from '../imports/imports.module';
import { MediaModule } from '../media/media.module';
import { UploadsModule } from '../uploads/uploads.module';
import { DeletedUserService } from './deleted-user.service';
import { UserDeletedConsumer } from './user-deleted.consumer';

@Module({
  imports: [MediaModule, UploadsModule, ImportsModule],
  providers: [DeletedUserService, UserDeletedConsumer],
})
export class UsersModule {}
