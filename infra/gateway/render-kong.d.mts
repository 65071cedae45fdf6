// Types of render-kong.mjs for the TypeScript callers (dev edge tests, key rotation test).
export declare const REALM_CONSUMER: string;

export interface Jwk {
  kid?: string;
  kty?: string;
  alg?: string;
  use?: string;
  n?: string;
  e?: string;
}
export interface Jwks {
  keys?: Jwk[];
}
export interface RealmKey {
  key: string;
  pem: string;
}

export declare function realmSigningKeys(jwks: Jwks): RealmKey[];
export declare function renderKongConfig(input: {
  template: string;
  issuer: string;
  jwks: Jwks;
  corsOrigins?: string[];
  source?: string;
}): { yaml: string; keyIds: string[] };
export declare function fetchJwks(url: string, waitSeconds?: number): Promise<Jwks>;
export declare function renderKongFile(options: {
  template?: string;
  out: string;
  issuer: string;
  jwksUrl?: string;
  corsOrigins?: string[];
  waitSeconds?: number;
}): Promise<{ file: string; keyIds: string[] }>;
