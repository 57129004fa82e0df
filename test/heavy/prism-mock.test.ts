/**
 * `prism mock openapi.yaml`, started for real, accepts the spec and serves every named example of
 * every operation; each one passes the contract kit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { validateExchange } from '../../contracts/validate-exchange.js';
import { startPrism, type PrismProcess } from '../prism-process.js';
import { FILES, PATHS } from '../helpers.js';

interface Operation {
  operationId: string;
  parameters?: { name?: string; $ref?: string }[];
  requestBody?: { content: { 'application/json'?: { example: unknown }; 'multipart/form-data'?: unknown } };
  responses: { 200: { content: { 'application/json': { examples: Record<string, { value: unknown }> } } } };
}

/** Well-formed requests only: Prism answers any other with its own 422. An upload sends a JPEG thumb. */
function requestOf(op: Operation): { query: string; headers: Record<string, string>; body: BodyInit | undefined } {
  const content = op.requestBody?.content;
  if (content?.['multipart/form-data']) {
    const form = new FormData();
    form.set('media', new Blob([FILES.jpeg.bytes]), FILES.jpeg.filename);
    return { query: '?access_token=ACCESS_TOKEN&type=thumb', headers: {}, body: form };
  }
  const query =
    op.operationId === 'getAccessToken' ? '?grant_type=client_credential&appid=wx0000000000000001&secret=mocksecret' : op.operationId === 'getStableAccessToken' ? '' : '?access_token=ACCESS_TOKEN';
  return { query, headers: { 'content-type': 'application/json' }, body: content?.['application/json'] ? JSON.stringify(content['application/json'].example) : undefined };
}

const spec = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, Operation>> };
const cases = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).flatMap(([method, op]) =>
    Object.keys(op.responses[200].content['application/json'].examples).map((example) => ({ path, method, op, example })),
  ),
);

let prism: PrismProcess;
beforeAll(async () => {
  prism = await startPrism(['mock']);
});
afterAll(() => prism?.stop());

describe('prism mock openapi.yaml', () => {
  it('starts on the spec without complaint', () => {
    // Prism marks errors ✖ and warnings ⚠; the word "error" may be a faker word in its example URLs.
    expect(prism.output()).not.toMatch(/[✖⚠]/);
  });

  it.each(cases.map((c) => [c.op.operationId, c.example, c]))('serves %s example %s, and it passes the kit', async (_id, example, c) => {
    const { query, headers, body } = requestOf(c.op);
    const res = await fetch(`${prism.url}${c.path}${query}`, { method: c.method.toUpperCase(), headers: { ...headers, prefer: `example=${example}` }, body });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(JSON.parse(text)).toEqual(c.op.responses[200].content['application/json'].examples[example]!.value);
    const violations = validateExchange(c.op.operationId, { status: res.status, headers: res.headers, body: text }, { expect: example === 'success' ? 'success' : 'error' });
    expect(violations).toEqual([]);
  });

  it('answers a request outside the schema (speed 9) with its own 422', async () => {
    const res = await fetch(`${prism.url}${PATHS.setSpeed}?access_token=T`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ speed: 9 }),
    });
    expect(res.status).toBe(422);
  });
});
