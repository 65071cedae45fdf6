import type { Media } from './media.model';
import { isImage, MEDIA_RULES } from './media-rules';
import { type Actor, isModerator } from '@prodvor/platform';

/**
 * How much of a media object a caller may read:
 * - `full`: the owner in any state, original included; moderators/admins likewise for media whose
 *   purpose is visible to signed-in users (avatars, logos, match media: what they moderate);
 * - `viewer`: others the purpose's visibility rule lets in (or a media grant, see `grantApplies`),
 *   ready media only; of images with variants they get the variants only (see `showsOriginal`).
 * Media of conversations (`owner` visibility: chat attachments, direct messages included) give a
 * moderator nothing by role: storage cannot tell a direct room from another, and who reads a room is
 * chat's decision, which it makes known by signing a media grant (then a moderator is a viewer).
 */
export type ReadAccess = 'full' | 'viewer';

function moderates(actor: Actor, media: Media): boolean {
  return isModerator(actor) && MEDIA_RULES[media.purpose].visibility === 'authenticated';
}

export function readAccess(actor: Actor, media: Media): ReadAccess | null {
  if (media.ownerId === actor.userId || moderates(actor, media)) return 'full';
  return media.status === 'ready' && MEDIA_RULES[media.purpose].visibility === 'authenticated' ? 'viewer' : null;
}

/** The purpose's visibility rule (see media-rules.ts), for any form of reading. */
export function canRead(actor: Actor, media: Media): boolean {
  return readAccess(actor, media) !== null;
}

/** A chat media grant opens ready chat attachments only (other purposes follow their own rule). */
export function grantApplies(media: Media): boolean {
  return media.purpose === 'chat_attachment' && media.status === 'ready';
}

/**
 * Images of purposes with variants are made into WebP variants without metadata; their originals keep
 * the camera's EXIF (GPS position, device, time), so only `full` readers get the original. Other media
 * (pdf, video, images of purposes without variants) have nothing else to show.
 */
export function hasStrippedVariants(media: Pick<Media, 'purpose' | 'contentType'>): boolean {
  return isImage(media.contentType) && MEDIA_RULES[media.purpose].variants.length > 0;
}

export function showsOriginal(access: ReadAccess, media: Media): boolean {
  return access === 'full' || !hasStrippedVariants(media);
}

export function canDelete(actor: Actor, media: Media): boolean {
  return media.ownerId === actor.userId || moderates(actor, media);
}
