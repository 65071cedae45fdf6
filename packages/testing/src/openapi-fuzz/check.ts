import type { FuzzCase } from './cases';

/** What a service answered; `app.inject`'s response fits this shape. */
export interface FuzzResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/** Text a caller must never see: it tells how the service is built or what its database is. */
const LEAKS: { name: string; pattern: RegExp }[] = [
  { name: 'stack frame', pattern: /\bat (?:async )?[^\s()]+ \([^()]*:\d+:\d+\)|\bat [^\s()]+:\d+:\d+/ },
  { name: 'file path', pattern: /(?:\/[\w@.+-]+){2,}\.(?:[cm]?[jt]s)\b|node_modules|node:internal/ },
  {
    name: 'SQL',
    pattern: /\bSELECT\b|\bINSERT\b|\bUPDATE\b\s+"?\w+"?\s+SET\b|\bDELETE FROM\b|syntax error at or near/,
  },
  {
    name: 'database error',
    pattern: /violates \w+ (?:key )?constraint|duplicate key value|relation "\w+" does not exist|invalid input syntax/i,
  },
  { name: 'Prisma', pattern: /prisma|Invalid `[^`]*` invocation/i },
  {
    name: 'JavaScript error',
    pattern: /\b(?:TypeError|ReferenceError|RangeError|SyntaxError)\b|Maximum call stack|Cannot read propert/,
  },
];

function header(response: FuzzResponse, name: string): string {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

/** Why this response is a failure: a 5xx, an error that is not problem+json, internals in the body. */
export function responseProblems(response: FuzzResponse): string[] {
  const problems: string[] = [];
  if (response.statusCode >= 500) problems.push(`status ${response.statusCode}`);
  if (response.statusCode >= 400 && !header(response, 'content-type').includes('application/problem+json')) {
    problems.push(`error without problem+json (content-type: ${header(response, 'content-type') || 'none'})`);
  }
  for (const leak of LEAKS) {
    const match = leak.pattern.exec(response.body);
    if (match) problems.push(`${leak.name} in the body: ${JSON.stringify(match[0])}`);
  }
  return problems;
}

export interface FuzzFailure {
  case: FuzzCase;
  identity: string;
  status: number;
  problems: string[];
  body: string;
}

const clip = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

/** Failures grouped by route, each with the request that caused it, short enough to read in a test log. */
export function formatFuzzFailures(failures: FuzzFailure[], seed: number): string {
  if (!failures.length) return '';
  const byRoute = new Map<string, FuzzFailure[]>();
  for (const failure of failures) {
    byRoute.set(failure.case.route, [...(byRoute.get(failure.case.route) ?? []), failure]);
  }
  const lines = [`${failures.length} hostile requests failed (FUZZ_SEED=${seed}):`];
  for (const [route, list] of byRoute) {
    lines.push('', `${route} (${list.length})`);
    for (const failure of list.slice(0, 10)) {
      const request = failure.case;
      lines.push(
        `  [${request.label}] as ${failure.identity}: ${failure.problems.join('; ')}`,
        `    ${request.method} ${clip(request.url, 160)}  content-type: ${request.headers['content-type'] ?? 'none'}`,
        ...(request.payload !== undefined ? [`    body: ${clip(request.payload, 200)}`] : []),
        `    answer ${failure.status}: ${clip(failure.body, 300)}`,
      );
    }
    if (list.length > 10) lines.push(`  … and ${list.length - 10} more`);
  }
  return lines.join('\n');
}
