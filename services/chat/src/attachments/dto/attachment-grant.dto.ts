import { ApiProperty } from '@nestjs/swagger';

export class AttachmentGrantDto {
  @ApiProperty({ format: 'uuid' })
  mediaId!: string;

  @ApiProperty({ description: "Send as `X-Media-Grant` with GET /api/v1/media/{mediaId}; bound to the caller's id" })
  grant!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class AttachmentGrantListDto {
  @ApiProperty({ type: [AttachmentGrantDto] })
  items!: AttachmentGrantDto[];
}
