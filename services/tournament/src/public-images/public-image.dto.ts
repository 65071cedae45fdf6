import { ApiProperty } from '@nestjs/swagger';

/** An avatar or logo as public pages embed it: stable links per variant (storage-service redirects). */
export class PublicImageDto {
  @ApiProperty({ format: 'uuid' }) mediaId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Variant name → stable anonymous link (a redirect to the image)',
    example: { 'avatar-200': '/api/v1/public-media/…/avatar-200' },
  })
  variants!: Record<string, string>;
}
