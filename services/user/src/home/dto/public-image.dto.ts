import { publicImageLinks } from '@prodvor/contracts';
import type { PublicImageDto } from '@prodvor/platform';

/** A team logo as the apps embed it: stable links per variant (storage-service redirects), or null. */
export function teamLogo(logoMediaId: string | null): PublicImageDto | null {
  return logoMediaId ? publicImageLinks('team_logo', logoMediaId) : null;
}
