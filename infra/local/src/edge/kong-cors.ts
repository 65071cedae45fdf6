// DEVELOPMENT AND TESTS ONLY: Kong 3.9's cors plugin (kong/plugins/cors/handler.lua): a preflight
// (OPTIONS with Origin and Access-Control-Request-Method) is answered 200 by the gateway; every other
// answer gets Access-Control-Allow-Origin for an allowed origin, credentials and exposed headers.
import type { IncomingHttpHeaders } from 'node:http';
import type { CorsSettings } from './kong-config';

type Headers = Record<string, string>;

const ALL_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT';
const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** scheme://host[:port] with the default port dropped, as Kong's normalize_origin. */
function normalizeOrigin(origin: string): { domain: string; host: string } | undefined {
  try {
    const url = new URL(origin);
    return { domain: url.origin, host: url.hostname };
  } catch {
    return undefined;
  }
}

/** configure_origin: sets Access-Control-Allow-Origin (and Vary); true when every origin is allowed. */
function configureOrigin(settings: CorsSettings, origin: string | undefined, out: Headers): boolean {
  const origins = settings.origins;
  if (origins.length === 0 || (origins.length === 1 && origins[0] === '*')) {
    out['Access-Control-Allow-Origin'] = '*';
    return true;
  }
  out.Vary = 'Origin';
  if (origins.length === 1 && /^[A-Za-z0-9.:/-]+$/.test(origins[0])) {
    out['Access-Control-Allow-Origin'] = origins[0];
    return false;
  }
  const requested = origin ? normalizeOrigin(origin) : undefined;
  if (!origin) return false;
  for (const entry of origins) {
    if (entry === '*') {
      out['Access-Control-Allow-Origin'] = '*';
      return true;
    }
    let found = false;
    if (/[^A-Za-z0-9.:/-]/.test(entry)) {
      const source = `${entry.startsWith('^') ? entry.slice(1) : entry}${entry.endsWith('$') ? '' : '$'}`;
      const subject = entry.includes(':') ? requested?.domain : requested?.host;
      found = subject !== undefined && new RegExp(`^(?:${source})`).test(subject);
    } else {
      found = requested !== undefined && normalizeOrigin(entry)?.domain === requested.domain;
    }
    if (found && requested) {
      out['Access-Control-Allow-Origin'] = requested.domain;
      return false;
    }
  }
  return false;
}

function configureCredentials(
  settings: CorsSettings,
  allowAll: boolean,
  origin: string | undefined,
  out: Headers,
): void {
  if (!settings.credentials) return;
  if (!allowAll) {
    out['Access-Control-Allow-Credentials'] = 'true';
    return;
  }
  if (origin) {
    out.Vary = 'Origin';
    out['Access-Control-Allow-Origin'] = origin;
    out['Access-Control-Allow-Credentials'] = 'true';
  }
}

/** The headers of Kong's 200 answer when the request is a preflight it answers itself; undefined otherwise. */
export function corsPreflight(
  settings: CorsSettings,
  method: string,
  headers: IncomingHttpHeaders,
): Headers | undefined {
  const origin = first(headers.origin);
  if (method !== 'OPTIONS' || !origin || !first(headers['access-control-request-method'])) return undefined;
  if (settings.preflightContinue) return undefined;
  const out: Headers = {};
  configureCredentials(settings, configureOrigin(settings, origin, out), origin, out);
  const requested = first(headers['access-control-request-headers']);
  if (settings.headers && settings.headers.length > 0) out['Access-Control-Allow-Headers'] = settings.headers.join(',');
  else if (requested) out['Access-Control-Allow-Headers'] = requested;
  out['Access-Control-Allow-Methods'] = settings.methods ? settings.methods.join(',') : ALL_METHODS;
  if (settings.maxAge !== undefined) out['Access-Control-Max-Age'] = String(settings.maxAge);
  return out;
}

/** header_filter on every other answer (the upstream's, and Kong's own refusals). */
export function corsResponseHeaders(settings: CorsSettings, headers: IncomingHttpHeaders): Headers {
  const origin = first(headers.origin);
  const out: Headers = {};
  configureCredentials(settings, configureOrigin(settings, origin, out), origin, out);
  if (settings.exposedHeaders && settings.exposedHeaders.length > 0)
    out['Access-Control-Expose-Headers'] = settings.exposedHeaders.join(',');
  return out;
}
