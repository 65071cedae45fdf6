// An upload in progress or done (UploadsRepository maps rows onto it).

import type { MediaPurpose } from '../media/media.model';

export interface Upload {
  id: string;
  ownerId: string;
  purpose: MediaPurpose;
  key: string;
  contentType: string;
  size: bigint;
  mode: UploadMode;
  multipartUploadId: string | null;
  partSize: number | null;
  status: UploadStatus;
  expiresAt: Date;
  createdAt: Date;
}

export type UploadMode = 'single' | 'multipart';

export type UploadStatus = 'pending' | 'completed' | 'rejected' | 'aborted' | 'expired';
