// DEVELOPMENT AND TESTS ONLY: the answers Kong 3.9 gives of its own (kong.response.error and the error
// handler): a body from Kong's error templates in the type the Accept header prefers, with the request id
// Kong also returns in X-Kong-Request-Id.
import { randomBytes } from 'node:crypto';

/** A Kong request id: 32 hex digits. */
export const newRequestId = (): string => randomBytes(16).toString('hex');

type Format = 'json' | 'html' | 'xml' | 'plain';

const MIME: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  plain: 'text/plain; charset=utf-8',
};

// kong/tools/http.lua MIME_TYPES: the exact media types, `application` and `text` wildcards, default JSON.
const BY_MEDIA_TYPE: Record<string, Format> = {
  'application/json': 'json',
  'text/html': 'html',
  'application/xml': 'xml',
  'text/plain': 'plain',
  'application/*': 'json',
  'text/*': 'plain',
};

/** kong.tools.http.get_response_type: the listed type with the highest q wins; unknown ones mean JSON. */
export function errorFormat(accept: string | undefined): Format {
  let format: Format = 'json';
  let best = 0;
  for (const entry of (accept ?? '').split(',')) {
    const [media, ...params] = entry.trim().toLowerCase().split(';');
    if (!/^[a-z0-9*][a-z0-9!#$&^_+.*-]*\/[a-z0-9*][a-z0-9!#$&^_+.*-]*$/.test(media.trim())) continue;
    const q = Number(params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean) ?? 1);
    if (q > best) {
      best = q;
      format = BY_MEDIA_TYPE[media.trim()] ?? 'json';
    }
  }
  return format;
}

/** The status, content type and body Kong's `kong.response.error(status, message)` sends. */
export function kongErrorBody(
  message: string,
  requestId: string,
  accept: string | undefined,
): { contentType: string; body: string } {
  const format = errorFormat(accept);
  const body = {
    json: `{\n  "message":"${message}",\n  "request_id":"${requestId}"\n}`,
    html: `<!doctype html>\n<html>\n  <head>\n    <meta charset="utf-8">\n    <title>Error</title>\n  </head>\n  <body>\n    <h1>Error</h1>\n    <p>${message}.</p>\n    <p>request_id: ${requestId}</p>\n  </body>\n</html>\n`,
    xml: `<?xml version="1.0" encoding="UTF-8"?>\n<error>\n  <message>${message}</message>\n  <requestid>${requestId}</requestid>\n</error>`,
    plain: `${message}\nrequest_id: ${requestId}\n`,
  }[format];
  return { contentType: MIME[format], body };
}
