import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import type { RoleAudit } from '../role-audit.model';

/** Roles an admin may grant or revoke here; `admin` itself is managed in the Keycloak console only. */
export const GRANTABLE_ROLES = ['organizer', 'moderator'] as const;

export class RoleChangeParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: GRANTABLE_ROLES })
  @IsIn(GRANTABLE_ROLES)
  role!: string;
}

export class RoleAuditDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: GRANTABLE_ROLES }) role!: string;
  @ApiProperty({ enum: ['grant', 'revoke'] }) action!: string;
  @ApiProperty({ format: 'uuid' }) actorId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(row: RoleAudit): RoleAuditDto {
    return {
      id: row.id,
      userId: row.targetUserId,
      role: row.role,
      action: row.action,
      actorId: row.actorId,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

export class RoleAuditPageDto {
  @ApiProperty({ type: [RoleAuditDto] }) items!: RoleAuditDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
