/** pino `redact` paths: credentials in headers and the usual secret-bearing fields, at any depth we log. */
export const REDACTED_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers["x-userinfo"]',
  'req.headers["x-media-grant"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-userinfo"]',
  'headers["x-media-grant"]',
  'headers.cookie',
  'headers["set-cookie"]',
  ...[
    'password',
    'token',
    'accessToken',
    'refreshToken',
    'idToken',
    'access_token',
    'refresh_token',
    'secret',
    'clientSecret',
  ].flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

export const REDACTION_CENSOR = '[REDACTED]';
