// What team-service's code knows of invitations and invite codes (InvitationsRepository maps rows onto these).

export interface Invitation {
  id: string;
  teamId: string;
  userId: string;
  invitedBy: string;
  status: InvitationStatus;
  expiresAt: Date;
  createdAt: Date;
  respondedAt: Date | null;
}

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';

export interface InviteCode {
  id: string;
  teamId: string;
  code: string;
  createdBy: string;
  maxUses: number | null;
  uses: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}
