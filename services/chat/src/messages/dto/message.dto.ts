import { ApiProperty } from '@nestjs/swagger';
import type { Message } from '../message.model';

export class MessageDto {
  @ApiProperty({ format: 'uuid', description: 'UUIDv7; history is ordered by it' }) id!: string;
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty({ format: 'uuid' }) senderId!: string;
  @ApiProperty() clientMessageId!: string;
  @ApiProperty({ description: 'Empty once deleted' }) text!: string;
  @ApiProperty({ type: [String], description: 'Media ids' }) attachments!: string[];
  @ApiProperty({ type: [String], description: 'Mentioned user ids' }) mentions!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) replyToId!: string | null;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt!: string | null;
  @ApiProperty() deleted!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deletedAt!: string | null;

  static from(message: Message): MessageDto {
    const deleted = message.deletedAt !== null;
    return {
      id: message.id,
      roomId: message.roomId,
      senderId: message.senderId,
      clientMessageId: message.clientMessageId,
      text: deleted ? '' : message.text,
      attachments: deleted ? [] : message.attachments,
      mentions: deleted ? [] : message.mentions,
      replyToId: message.replyToId,
      sentAt: message.sentAt.toISOString(),
      editedAt: message.editedAt?.toISOString() ?? null,
      deleted,
      deletedAt: message.deletedAt?.toISOString() ?? null,
    };
  }
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageDto], description: 'Newest first' }) items!: MessageDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
