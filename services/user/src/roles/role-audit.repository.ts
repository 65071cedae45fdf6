import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { RoleAudit } from './role-audit.model';

@Injectable()
export class RoleAuditRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  append(entry: RoleAudit): Promise<RoleAudit> {
    return this.prisma.roleAudit.create({ data: entry });
  }

  /** Newest first. */
  list(targetUserId: string, take: number, beforeId?: string): Promise<RoleAudit[]> {
    return this.prisma.roleAudit.findMany({
      where: { targetUserId, ...(beforeId ? { id: { lt: beforeId } } : {}) },
      orderBy: { id: 'desc' },
      take,
    });
  }
}
