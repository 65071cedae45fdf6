import { ApiProperty } from '@nestjs/swagger';
import { publicImageLinks } from '@prodvor/contracts';

/** A team logo as the apps embed it: stable links per variant (storage-service redirects). */
export class PublicImageDto {
  @ApiProperty({ format: 'uuid' }) mediaId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Variant name → stable anonymous link (a redirect to the image)',
    example: { 'logo-128': '/api/v1/public-media/…/logo-128' },
  })
  variants!: Record<string, string>;
}

export function teamLogo(logoMediaId: string | null): PublicImageDto | null {
  return logoMediaId ? publicImageLinks('team_logo', logoMediaId) : null;
}
