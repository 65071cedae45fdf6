// A recorded role change (RoleAuditRepository maps rows onto it).

export interface RoleAudit {
  id: string;
  targetUserId: string;
  role: string;
  action: string;
  actorId: string;
  createdAt: Date;
}
