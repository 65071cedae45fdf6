export * from './access-policy.decorators';
export * from './authenticated-user';
export * from './identity.guard';
export * from './identity.module';
export * from './identity.options';
export * from './route-audit';
export * from './token-verifier';
export * from './service-token.provider';
