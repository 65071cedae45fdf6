import { Module } from '@nestjs/common';
import { RoleAuditRepository } from './role-audit.repository';
import { RolesController } from './roles.controller';
import { RolesService } from './roles.service';

@Module({ controllers: [RolesController], providers: [RolesService, RoleAuditRepository] })
export class RolesModule {}
