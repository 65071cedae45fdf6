// A batch of media imported from URLs (ImportsRepository maps rows onto it).

import type { MediaPurpose } from '../media/media.model';

export interface ImportBatch {
  id: string;
  requestedBy: string;
  purpose: MediaPurpose;
  urls: unknown;
  status: ImportStatus;
  results: unknown;
  createdAt: Date;
  completedAt: Date | null;
}

export type ImportStatus = 'queued' | 'completed';
