import { Body, Controller, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Public, RateLimit } from '@prodvor/platform';
import { CorrelationId } from '../common/actor';
import { RegisterDto, RegisteredDto } from './dto/register.dto';
import { RegistrationService } from './registration.service';

@ApiTags('registration')
@Controller('api/v1/register')
export class RegistrationController {
  constructor(private readonly registration: RegistrationService) {}

  @Public()
  @RateLimit({ limit: 10, ttlSeconds: 600 })
  @Post()
  @ApiCreatedResponse({ type: RegisteredDto })
  @ApiConflictResponse({ description: 'USER_ALREADY_EXISTS' })
  register(@Body() dto: RegisterDto, @CorrelationId() correlationId: string): Promise<RegisteredDto> {
    return this.registration.register(dto, correlationId);
  }
}
