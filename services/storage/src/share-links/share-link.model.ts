// A share link to a media object (ShareLinksRepository maps rows onto it).

export interface ShareLink {
  id: string;
  mediaId: string;
  createdBy: string;
  tokenHash: string;
  expiresAt: Date;
  maxDownloads: number;
  downloads: number;
  revokedAt: Date | null;
  createdAt: Date;
}
