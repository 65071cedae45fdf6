// What team-service's code knows of a join request (JoinRequestsRepository maps rows onto it).

export interface JoinRequest {
  id: string;
  teamId: string;
  userId: string;
  message: string | null;
  status: JoinRequestStatus;
  decidedBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export type JoinRequestStatus = 'pending' | 'approved' | 'rejected';
