// What storage-service's code knows of a stored media object (MediaRepository maps rows onto these types,
// so no Prisma type leaves a repository).

export interface Media {
  id: string;
  ownerId: string;
  purpose: MediaPurpose;
  key: string;
  contentType: string;
  size: bigint;
  status: MediaStatus;
  width: number | null;
  height: number | null;
  /** Videos probed by ffprobe: length in milliseconds and the first video stream's codec. */
  durationMs: number | null;
  videoCodec: string | null;
  variants: unknown;
  failureCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type MediaPurpose = 'avatar' | 'team_logo' | 'match_photo' | 'match_video' | 'chat_attachment';

export type MediaStatus = 'processing' | 'ready' | 'failed';
