import { bearerHeaders } from '../test-tokens';
import { operationCases, type FuzzCase, type FuzzGroup, type FuzzMethod } from './cases';
import { formatFuzzFailures, responseProblems, type FuzzFailure, type FuzzResponse } from './check';
import { listOperations, type OpenApiDocument } from './document';
import { hashSeed, randomUuid, seededRandom, type Random } from './random';

/** What `app.inject` takes: `send: (request) => app.inject(request)`. */
export interface FuzzRequest {
  method: FuzzMethod;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Who sends the requests: the identity headers per request, and how many requests per operation. */
export interface FuzzIdentity {
  name: string;
  headers(random: Random): Record<string, string>;
  /** Upper bound of requests per operation for this identity; cases are then drawn across every group. */
  maxPerOperation: number;
}

export const ALL_REALM_ROLES = ['player', 'organizer', 'moderator', 'admin'];

/**
 * A signed-in user with every realm role, with a test access token (`signTestToken`; `issuer` when the
 * service trusts another issuer, see `testIdentityEnv`). A fresh subject per request, so per-user rate
 * limits never turn the rest of a route's cases into 429s before they reach validation.
 */
export function tokenIdentity(
  maxPerOperation: number,
  options: {
    roles?: string[];
    /** A fixed subject (e.g. the owner of `pathValues`' objects). */ sub?: string;
    issuer?: string;
  } = {},
): FuzzIdentity {
  const roles = options.roles ?? ALL_REALM_ROLES;
  return {
    name: `${options.sub ? `user ${options.sub}` : 'a fresh user'} with roles ${roles.join(',')}`,
    maxPerOperation,
    headers: (random) =>
      bearerHeaders({ sub: options.sub ?? randomUuid(random), realm_access: { roles } }, { issuer: options.issuer }),
  };
}

export function anonymousIdentity(maxPerOperation: number): FuzzIdentity {
  return { name: 'anonymous', maxPerOperation, headers: () => ({}) };
}

export interface FuzzOptions {
  document: OpenApiDocument;
  send(request: FuzzRequest): Promise<FuzzResponse>;
  identities: FuzzIdentity[];
  /** Well-formed path values by parameter name (ids of objects the test made), so hostile input reaches rules. */
  pathValues?: Record<string, string>;
  /** Default: FUZZ_SEED from the environment, else a fixed seed; printed with every failure report. */
  seed?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
}

export interface FuzzReport {
  seed: number;
  /** Requests sent per route. */
  sent: Map<string, number>;
  /** How many answers had each status: shows what the requests reached (400s, 404s, 2xx…). */
  statuses: Map<number, number>;
  failures: FuzzFailure[];
  /** '' when nothing failed, otherwise the failures grouped by route with their requests. */
  summary: string;
}

export const DEFAULT_FUZZ_SEED = 17;

export function fuzzSeed(): number {
  const fromEnv = Number(process.env.FUZZ_SEED);
  return Number.isInteger(fromEnv) && process.env.FUZZ_SEED ? fromEnv : DEFAULT_FUZZ_SEED;
}

/** At most `max` cases, taken round-robin across groups (each group shuffled), so none is crowded out. */
export function drawCases(cases: FuzzCase[], max: number, random: Random): FuzzCase[] {
  if (cases.length <= max) return cases;
  const groups = new Map<FuzzGroup, FuzzCase[]>();
  for (const item of cases) groups.set(item.group, [...(groups.get(item.group) ?? []), item]);
  for (const list of groups.values()) {
    for (let i = list.length - 1; i > 0; i -= 1) {
      const j = random.int(i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
  }
  const drawn: FuzzCase[] = [];
  while (drawn.length < max) {
    for (const list of groups.values()) {
      const next = list.shift();
      if (next && drawn.length < max) drawn.push(next);
    }
  }
  return drawn;
}

/** Every request the document yields for this seed and identity, in the order they are sent. */
export function fuzzPlan(
  document: OpenApiDocument,
  identity: FuzzIdentity,
  seed: number,
  pathValues: Record<string, string> = {},
): FuzzCase[] {
  return listOperations(document).flatMap((operation) => {
    const random = seededRandom(hashSeed(seed, operation.route));
    const cases = operationCases(document, operation, random, pathValues);
    return drawCases(
      cases,
      identity.maxPerOperation,
      seededRandom(hashSeed(seed, `${identity.name} ${operation.route}`)),
    );
  });
}

/**
 * Sends every hostile request generated from the service's OpenAPI document as each identity and checks
 * each answer: no 5xx, problem+json for errors, no stack trace, file path, SQL, Prisma or JS error text.
 */
export async function fuzzOpenApi(options: FuzzOptions): Promise<FuzzReport> {
  const seed = options.seed ?? fuzzSeed();
  const sent = new Map<string, number>();
  const statuses = new Map<number, number>();
  const failures: FuzzFailure[] = [];
  const work: { identity: FuzzIdentity; item: FuzzCase; headers: Record<string, string> }[] = [];
  for (const identity of options.identities) {
    const random = seededRandom(hashSeed(seed, identity.name));
    for (const item of fuzzPlan(options.document, identity, seed, options.pathValues)) {
      work.push({ identity, item, headers: identity.headers(random) });
    }
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < work.length) {
      const { identity, item, headers } = work[next++];
      const request: FuzzRequest = {
        method: item.method,
        url: item.url,
        headers: { ...item.headers, ...headers },
        ...(item.payload !== undefined ? { payload: item.payload } : {}),
      };
      const response = await options.send(request).catch((error: unknown): FuzzResponse => ({
        statusCode: 599,
        headers: {},
        body: `send failed: ${String(error)}`,
      }));
      sent.set(item.route, (sent.get(item.route) ?? 0) + 1);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      const problems = responseProblems(response);
      if (problems.length) {
        failures.push({
          case: item,
          identity: identity.name,
          status: response.statusCode,
          problems,
          body: response.body,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return { seed, sent, statuses, failures, summary: formatFuzzFailures(failures, seed) };
}
