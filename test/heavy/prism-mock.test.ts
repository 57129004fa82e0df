/**
 * `prism mock openapi.yaml`, started for real, accepts the spec and serves every named example of
 * every operation; each one passes the contract kit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { validateExchange } from '../../contracts/validate-exchange.js';
import { startPrism, type PrismProcess } from '../prism-process.js';
import { PATHS } from '../helpers.js';

interface Operation {
  operationId: string;
  parameters?: { name?: string; $ref?: string }[];
  requestBody?: { content: { 'application/json': { example: unknown } } };
  responses: { 200: { content: { 'application/json': { examples: Record<string, { value: unknown }> } } } };
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
    expect(prism.output()).not.toMatch(/error/i);
  });

  it.each(cases.map((c) => [c.op.operationId, c.example, c]))('serves %s example %s, and it passes the kit', async (_id, example, c) => {
    const query =
      c.op.operationId === 'getAccessToken'
        ? '?grant_type=client_credential&appid=wx0000000000000001&secret=mocksecret'
        : c.op.operationId === 'getStableAccessToken'
          ? ''
          : '?access_token=ACCESS_TOKEN';
    const res = await fetch(`${prism.url}${c.path}${query}`, {
      method: c.method.toUpperCase(),
      headers: { 'content-type': 'application/json', prefer: `example=${example}` },
      body: c.op.requestBody ? JSON.stringify(c.op.requestBody.content['application/json'].example) : undefined,
    });
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
