import { describe, expect, it } from 'vitest';
import { findOperation, operationIds } from '../../contracts/load-spec.js';
import { ROUTES } from '../../mock/wechat/routes.js';
import { createClock } from '../../mock/domain/clock.js';

describe('the dispatch table', () => {
  it('has one handler for every operation of openapi.yaml, and nothing else', () => {
    const handled = Object.entries(ROUTES).map(([path, route]) => ({ path, operationId: route.operationId }));
    expect(handled.map((r) => r.operationId).sort()).toEqual([...operationIds].sort());
    for (const [path, route] of Object.entries(ROUTES)) {
      // Each method the route answers that openapi.yaml documents names the same operation.
      const documented = route.methods.filter((method) => findOperation(method, path));
      expect(documented.length, path).toBeGreaterThan(0);
      for (const method of documented) expect(findOperation(method, path)?.operationId, `${method} ${path}`).toBe(route.operationId);
    }
  });
});

describe('the clock', () => {
  it('moves the manual clock only when told, and only forward', () => {
    const clock = createClock({ mode: 'manual', start: 1000 });
    expect(clock.now()).toBe(1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
    expect(() => clock.advance(-1)).toThrow(/only moves forward/);
  });

  it('scales the real clock: a real second is a mock minute at scale 60', () => {
    let wall = 0;
    const clock = createClock({ mode: 'real', scale: 60, start: 0, wallNow: () => wall });
    wall = 1000;
    expect(clock.now()).toBe(60_000);
    clock.advance(5);
    expect(clock.now()).toBe(60_005);
  });
});
