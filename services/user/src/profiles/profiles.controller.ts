import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AccountActor, Authenticated, CurrentAccountActor, type Page } from '@prodvor/platform';
import { AccountDeletionService } from './account-deletion.service';
import { ProfileDto, PublicProfileDto, PublicProfilePageDto } from './dto/profile.dto';
import { SearchProfilesQueryDto } from './dto/search-profiles.query.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { ProfilesService } from './profiles.service';

@ApiTags('users')
@Controller('api/v1/users')
export class ProfilesController {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly deletion: AccountDeletionService,
  ) {}

  @Authenticated()
  @Get('me')
  @ApiOkResponse({ type: ProfileDto })
  me(@CurrentAccountActor() actor: AccountActor): Promise<ProfileDto> {
    return this.profiles.me(actor);
  }

  @Authenticated()
  @Patch('me')
  @ApiOkResponse({ type: ProfileDto })
  update(@CurrentAccountActor() actor: AccountActor, @Body() dto: UpdateProfileDto): Promise<ProfileDto> {
    return this.profiles.update(actor, dto);
  }

  @Authenticated()
  @Delete('me')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'The account, its profile and notifications are deleted; user.deleted is emitted',
  })
  deleteMe(@CurrentAccountActor() actor: AccountActor): Promise<void> {
    return this.deletion.deleteOwnAccount(actor);
  }

  @Authenticated()
  @Get()
  @ApiOkResponse({ type: PublicProfilePageDto })
  search(@Query() query: SearchProfilesQueryDto): Promise<Page<PublicProfileDto>> {
    return this.profiles.search(query);
  }

  @Authenticated()
  @Get(':userId')
  @ApiOkResponse({ type: PublicProfileDto })
  get(@Param('userId', ParseUUIDPipe) userId: string): Promise<PublicProfileDto> {
    return this.profiles.publicProfile(userId);
  }
}
