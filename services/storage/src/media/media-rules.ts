import type { MediaPurpose } from '@prodvor/contracts';

const MiB = 1024 * 1024;

/**
 * Who may read a ready media object besides its owner (and moderators):
 * - `authenticated`: any signed-in user. Avatars, team logos and match media appear on public
 *   profile, team and tournament pages, so hiding them from other users would hide nothing.
 * - `owner`: nobody else by this rule. Chat attachments are read by room members through a media
 *   grant that chat-service signs (storage has no view of room membership; see media-access.ts).
 */
export type Visibility = 'authenticated' | 'owner';

export interface VariantSpec {
  name: string;
  width: number;
  /** With a height the image is cropped to fill (`cover`); without it the width is a maximum. */
  height?: number;
}

export interface PurposeRule {
  contentTypes: readonly string[];
  maxBytes: number;
  /** Presigned multipart is allowed (required above MULTIPART_THRESHOLD_BYTES). */
  multipart: boolean;
  visibility: Visibility;
  /** WebP variants made of image uploads of this purpose. */
  variants: readonly VariantSpec[];
  /** Videos of this purpose are probed (duration, size, codec) and get a poster frame by the worker. */
  probeVideos?: boolean;
  /**
   * Its variants have stable anonymous URLs (`GET /api/v1/public-media/{id}/{variant}`): avatars and
   * logos shown on public tournament and team pages to visitors who are not signed in. Never originals.
   */
  publicVariants?: boolean;
}

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
const VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/webm'] as const;

/** The one table of what each purpose accepts and produces. */
export const MEDIA_RULES: Record<MediaPurpose, PurposeRule> = {
  avatar: {
    contentTypes: IMAGE_TYPES,
    maxBytes: 10 * MiB,
    multipart: false,
    visibility: 'authenticated',
    variants: [
      { name: 'avatar-200', width: 200, height: 200 },
      { name: 'avatar-400', width: 400, height: 400 },
    ],
    publicVariants: true,
  },
  team_logo: {
    contentTypes: IMAGE_TYPES,
    maxBytes: 10 * MiB,
    multipart: false,
    visibility: 'authenticated',
    variants: [
      { name: 'logo-128', width: 128, height: 128 },
      { name: 'logo-512', width: 512, height: 512 },
    ],
    publicVariants: true,
  },
  match_photo: {
    contentTypes: IMAGE_TYPES,
    maxBytes: 25 * MiB,
    multipart: false,
    visibility: 'authenticated',
    variants: [
      { name: 'photo-320', width: 320 },
      { name: 'photo-1080', width: 1080 },
    ],
  },
  match_video: {
    contentTypes: VIDEO_TYPES,
    maxBytes: 2048 * MiB,
    multipart: true,
    visibility: 'authenticated',
    variants: [],
    probeVideos: true,
  },
  chat_attachment: {
    contentTypes: [...IMAGE_TYPES, 'image/gif', 'application/pdf', 'video/mp4'],
    maxBytes: 25 * MiB,
    multipart: false,
    visibility: 'owner',
    variants: [
      { name: 'preview-320', width: 320 },
      { name: 'preview-1080', width: 1080 },
    ],
  },
};

/** The WebP frame of a video (its first second, or its middle when shorter), when ffprobe/ffmpeg are installed. */
export const VIDEO_POSTER: VariantSpec = { name: 'poster', width: 1080 };

export function isVideo(contentType: string): boolean {
  return contentType.startsWith('video/');
}

export function isImage(contentType: string): boolean {
  return (IMAGE_TYPES as readonly string[]).includes(contentType) || contentType === 'image/gif';
}

/** Object key of an original: `{purpose}/{ownerId}/{uuid}`. */
export function originalKey(purpose: MediaPurpose, ownerId: string, id: string): string {
  return `${purpose}/${ownerId}/${id}`;
}

/** Object key of a variant, next to its original: `{purpose}/{ownerId}/{uuid}-{name}.webp`. */
export function variantKey(original: string, variant: string): string {
  return `${original}-${variant}.webp`;
}
