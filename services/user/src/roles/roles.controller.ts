import { Controller, Delete, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AccountActor, CurrentAccountActor, CursorPaginationQueryDto, type Page, Roles } from '@prodvor/platform';
import { RoleAuditDto, RoleAuditPageDto, RoleChangeParamsDto } from './dto/role-change.dto';
import { RolesService } from './roles.service';

@ApiTags('admin')
@Controller('api/v1/admin/users/:userId/roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Roles('admin')
  @Put(':role')
  @ApiOkResponse({ type: RoleAuditDto })
  @ApiForbiddenResponse({ description: 'Caller is not an admin' })
  grant(@CurrentAccountActor() actor: AccountActor, @Param() params: RoleChangeParamsDto): Promise<RoleAuditDto> {
    return this.roles.change(actor, params.userId, params.role, 'grant');
  }

  @Roles('admin')
  @Delete(':role')
  @ApiOkResponse({ type: RoleAuditDto })
  @ApiForbiddenResponse({ description: 'Caller is not an admin' })
  revoke(@CurrentAccountActor() actor: AccountActor, @Param() params: RoleChangeParamsDto): Promise<RoleAuditDto> {
    return this.roles.change(actor, params.userId, params.role, 'revoke');
  }

  @Roles('admin')
  @Get('audit')
  @ApiOkResponse({ type: RoleAuditPageDto })
  history(
    @Param('userId', ParseUUIDPipe) userId: string,
    @Query() query: CursorPaginationQueryDto,
  ): Promise<Page<RoleAuditDto>> {
    return this.roles.history(userId, query);
  }
}
