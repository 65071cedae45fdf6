import type { Actor } from '../common/actor';
import type { Media } from '../generated/prisma/client';
import { MEDIA_RULES } from './media-rules';

/**
 * The purpose's visibility rule (see media-rules.ts): owners and moderators see their media in any
 * state; others see only ready media of purposes visible to every signed-in user.
 */
export function canRead(actor: Actor, media: Media): boolean {
  if (media.ownerId === actor.userId || actor.moderator) return true;
  return media.status === 'ready' && MEDIA_RULES[media.purpose].visibility === 'authenticated';
}

export function canDelete(actor: Actor, media: Media): boolean {
  return media.ownerId === actor.userId || actor.moderator;
}
