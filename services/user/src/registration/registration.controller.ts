import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { CorrelationId, Public, RateLimit } from '@prodvor/platform';
import { RegisterDto, RegisteredDto } from './dto/register.dto';
import { RegistrationService } from './registration.service';

@ApiTags('registration')
@Controller('api/v1/register')
export class RegistrationController {
  constructor(private readonly registration: RegistrationService) {}

  @Public()
  @RateLimit({ limit: 10, ttlSeconds: 600 })
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: RegisteredDto,
    description:
      'The account exists and logs in at once; its address is verified by the link e-mailed to it. ' +
      'The same answer when the address belongs to another account (whose owner is told instead).',
  })
  @ApiConflictResponse({ description: 'USERNAME_TAKEN' })
  register(@Body() dto: RegisterDto, @CorrelationId() correlationId: string): Promise<RegisteredDto> {
    return this.registration.register(dto, correlationId);
  }
}
