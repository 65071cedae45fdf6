import { ApiProperty } from '@nestjs/swagger';

/** An avatar or logo as responses embed it: stable links per variant (storage-service redirects). */
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

/** A user in a response: the id, and how to show them (from the service's copy of user profiles). */
export class PersonDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Display name, else the username; null until the profile is known, and once the account is deleted',
  })
  displayName!: string | null;
  @ApiProperty({ type: PublicImageDto, nullable: true }) avatar!: PublicImageDto | null;
}
