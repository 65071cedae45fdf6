import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, IsUUID, Length } from 'class-validator';

const KINDS = ['team', 'tournament', 'match', 'direct', 'group'];
const ACCESS = ['read', 'write', 'moderate'];

export class RoomDto {
  @ApiProperty({
    format: 'uuid',
    description: 'For team, tournament and match rooms: that team, tournament or match id',
  })
  id!: string;
  @ApiProperty({ enum: KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ enum: ACCESS, description: 'What the caller may do here' }) access!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt!: string | null;
}

export class RoomSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lastReadMessageId!: string | null;
  @ApiProperty({ description: 'Messages from others after the last read one (capped at 999)' }) unreadCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt!: string | null;
}

export class RoomListDto {
  @ApiProperty({ type: [RoomSummaryDto] }) items!: RoomSummaryDto[];
}

export class CreateDirectRoomDto {
  @ApiProperty({ format: 'uuid', description: 'The other participant' })
  @IsUUID()
  userId!: string;
}

export class CreateGroupRoomDto {
  @ApiProperty({ minLength: 1, maxLength: 80 })
  @IsString()
  @Length(1, 80)
  title!: string;

  @ApiProperty({ type: [String], description: 'Members besides the caller (bounded by CHAT_GROUP_MAX_MEMBERS)' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds!: string[];
}

export class AddGroupMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;
}

export class PresenceDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() online!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSeenAt!: string | null;
}

export class PresenceListDto {
  @ApiProperty({ type: [PresenceDto] }) items!: PresenceDto[];
}

export class ReadReceiptDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'uuid' }) lastReadMessageId!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ReadReceiptListDto {
  @ApiProperty({ type: [ReadReceiptDto] }) items!: ReadReceiptDto[];
}

export class MarkReadDto {
  @ApiProperty({ format: 'uuid', description: 'The newest message the caller has seen' })
  @IsUUID()
  messageId!: string;
}

export class ReadStateDto {
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty({ format: 'uuid' }) lastReadMessageId!: string;
  @ApiProperty() unreadCount!: number;
}
