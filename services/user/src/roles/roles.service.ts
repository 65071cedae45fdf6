import { Inject, Injectable } from '@nestjs/common';
import {
  type AccountActor,
  Clock,
  cursorAfter,
  type CursorPaginationQueryDto,
  idCursor,
  IdGenerator,
  type Page,
  toPage,
} from '@prodvor/platform';
import { IDENTITY_ADMIN, type IdentityAdmin } from '../keycloak/identity-admin';
import { RoleAuditDto } from './dto/role-change.dto';
import { RoleAuditRepository } from './role-audit.repository';
import { RoleErrors } from './roles.errors';

/**
 * Admins grant and revoke `organizer` / `moderator` through the Admin API. Each change that Keycloak
 * accepted is recorded in the append-only audit (the database refuses updates and deletes on it).
 */
@Injectable()
export class RolesService {
  constructor(
    @Inject(IDENTITY_ADMIN) private readonly identity: IdentityAdmin,
    private readonly audit: RoleAuditRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async change(actor: AccountActor, userId: string, role: string, action: 'grant' | 'revoke'): Promise<RoleAuditDto> {
    if (userId === actor.userId) throw RoleErrors.selfChange();
    if (!(await this.identity.accountExists(userId))) throw RoleErrors.userNotFound();
    if (action === 'grant') await this.identity.grantRealmRole(userId, role);
    else await this.identity.revokeRealmRole(userId, role);
    const entry = await this.audit.append({
      id: this.ids.id(),
      targetUserId: userId,
      role,
      action,
      actorId: actor.userId,
      createdAt: this.clock.now(),
    });
    return RoleAuditDto.from(entry);
  }

  async history(userId: string, query: CursorPaginationQueryDto): Promise<Page<RoleAuditDto>> {
    const before = cursorAfter(query.cursor, idCursor)?.id;
    const rows = await this.audit.list(userId, query.limit + 1, before);
    return toPage(rows, query.limit, (row) => ({ id: row.id }), RoleAuditDto.from);
  }
}
