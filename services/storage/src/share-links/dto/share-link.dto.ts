import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';

export class CreateShareLinkDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  mediaId!: string;

  @ApiProperty({ minimum: 60, description: 'Lifetime in seconds (at most SHARE_LINK_MAX_TTL_SECONDS)' })
  @IsInt()
  @Min(60)
  @Max(365 * 24 * 3600)
  expiresInSeconds!: number;

  @ApiProperty({ minimum: 1, description: 'Downloads allowed (at most SHARE_LINK_MAX_DOWNLOADS)' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxDownloads!: number;
}

export class ShareLinkDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  mediaId!: string;

  @ApiPropertyOptional({ description: 'Only in the creation answer: the token is stored hashed' })
  url?: string;

  @ApiProperty()
  expiresAt!: string;

  @ApiProperty()
  maxDownloads!: number;

  @ApiProperty()
  downloads!: number;

  @ApiProperty()
  revoked!: boolean;

  @ApiProperty()
  createdAt!: string;
}

export class ShareLinkListDto {
  @ApiProperty({ type: [ShareLinkDto] })
  items!: ShareLinkDto[];
}
