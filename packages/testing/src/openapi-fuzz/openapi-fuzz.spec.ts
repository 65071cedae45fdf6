import type { OpenApiDocument } from './document';
import { fuzzOpenApi, fuzzPlan, tokenIdentity, anonymousIdentity, type FuzzRequest } from './run';
import type { FuzzResponse } from './check';

const document: OpenApiDocument = {
  paths: {
    '/api/v1/things': {
      get: {
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'number', minimum: 1, maximum: 100 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
      },
      post: {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/New' } } },
        },
      },
    },
    '/api/v1/things/{thingId}': { delete: { parameters: [{ name: 'thingId', in: 'path', required: true }] } },
  },
  components: {
    schemas: {
      New: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', maxLength: 40 }, tags: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

const problem = (status: number, body: Record<string, unknown> = {}): FuzzResponse => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ status, code: 'X', ...body }),
});

describe('openapi fuzz generator', () => {
  it('is deterministic per seed and covers every kind of hostile input', () => {
    const identity = tokenIdentity(1000);
    const plan = fuzzPlan(document, identity, 7);
    expect(fuzzPlan(document, identity, 7)).toEqual(plan);
    expect(fuzzPlan(document, identity, 8)).not.toEqual(plan);
    const labels = plan.map((c) => c.label);
    for (const expected of [
      'path thingId: not a UUID',
      'path thingId: 100 KB',
      'query limit: not a number',
      'query limit: maximum + 1',
      'query cursor: cursor {"id":"x"}',
      'query cursor: 100 KB',
      'body name: number',
      'body name: 100 KB',
      'body tags: deeply nested array',
      'body: unknown field',
      'invalid JSON: truncated',
      'object nested 10 000 deep',
      'content type text/plain',
      'empty body',
    ]) {
      expect(labels).toContain(expected);
    }
    const deep = plan.find((c) => c.label === 'object nested 10 000 deep')!;
    expect(deep.payload!.startsWith('{"a":'.repeat(10_000))).toBe(true);
  });

  it('keeps every group within a per-operation budget', () => {
    const plan = fuzzPlan(document, anonymousIdentity(10), 7);
    const post = plan.filter((c) => c.route === 'POST /api/v1/things');
    expect(post).toHaveLength(10);
    expect(new Set(post.map((c) => c.group))).toEqual(new Set(['query', 'body', 'transport']));
  });

  it('reports 5xx, non-problem errors and leaked internals, grouped by route with the request', async () => {
    const send = (request: FuzzRequest): Promise<FuzzResponse> => {
      if (request.url.includes('cursor=eyJpZCI6IngifQ')) return Promise.resolve(problem(500));
      if (request.payload === '{') return Promise.resolve({ statusCode: 400, headers: {}, body: 'Bad' });
      if (request.method === 'DELETE' && request.url.endsWith('not-a-uuid')) {
        return Promise.resolve(problem(400, { detail: 'Invalid `prisma.thing.delete()` invocation' }));
      }
      if (request.payload?.includes('"name":123')) {
        return Promise.resolve(problem(400, { detail: 'TypeError: x\n    at Foo.bar (/srv/app/dist/x.js:1:2)' }));
      }
      return Promise.resolve(problem(400));
    };
    const report = await fuzzOpenApi({ document, send, identities: [tokenIdentity(1000)], seed: 7 });
    const reasons = report.failures.map((f) => `${f.case.label} → ${f.problems.join('; ')}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'query cursor: cursor {"id":"x"} → status 500',
        'invalid JSON: open brace → error without problem+json (content-type: none)',
        expect.stringMatching(/^path thingId: not a UUID → Prisma in the body/),
        expect.stringMatching(/^body name: number → stack frame in the body.*file path in the body.*JavaScript error/),
      ]),
    );
    expect(report.summary).toContain('FUZZ_SEED=7');
    expect(report.summary).toContain('GET /api/v1/things (1)');
    expect(report.summary).toContain('    GET /api/v1/things?cursor=eyJpZCI6IngifQ');
  });

  it('passes a service that answers every hostile request with a clean 4xx', async () => {
    const report = await fuzzOpenApi({
      document,
      send: () => Promise.resolve(problem(400, { detail: 'name must be shorter than or equal to 40 characters' })),
      identities: [tokenIdentity(50), anonymousIdentity(20)],
      seed: 7,
    });
    expect(report.failures).toEqual([]);
    expect([...report.sent.keys()].sort()).toEqual([
      'DELETE /api/v1/things/{thingId}',
      'GET /api/v1/things',
      'POST /api/v1/things',
    ]);
  });
});
