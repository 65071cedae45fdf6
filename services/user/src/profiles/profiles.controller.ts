import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, type Page } from '@prodvor/platform';
import { CurrentActor, type Actor } from '../common/actor';
import { ProfileDto, PublicProfileDto, PublicProfilePageDto } from './dto/profile.dto';
import { SearchProfilesQueryDto } from './dto/search-profiles.query.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { ProfilesService } from './profiles.service';

@ApiTags('users')
@Controller('api/v1/users')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Authenticated()
  @Get('me')
  @ApiOkResponse({ type: ProfileDto })
  me(@CurrentActor() actor: Actor): Promise<ProfileDto> {
    return this.profiles.me(actor);
  }

  @Authenticated()
  @Patch('me')
  @ApiOkResponse({ type: ProfileDto })
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateProfileDto): Promise<ProfileDto> {
    return this.profiles.update(actor, dto);
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
