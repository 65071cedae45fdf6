import { Global, Module } from '@nestjs/common';
import { IDENTITY_ADMIN } from './identity-admin';
import { KeycloakAdminClient } from './keycloak-admin.client';

@Global()
@Module({
  providers: [KeycloakAdminClient, { provide: IDENTITY_ADMIN, useExisting: KeycloakAdminClient }],
  exports: [IDENTITY_ADMIN],
})
export class KeycloakModule {}
