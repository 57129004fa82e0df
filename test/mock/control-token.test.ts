/**
 * The control token: only `Authorization: Bearer <token>` carries it, the scheme in any case
 * (RFC 9110), compared in constant time over digests; never a query parameter or a cookie.
 */
import { describe, expect, it } from 'vitest';
import { newMock } from '../helpers.js';

const TOKEN = 's3cret-Token';

describe('the control token', () => {
  it.each([`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER ${TOKEN}`, `Bearer   ${TOKEN}`])('is accepted as %j', async (authorization) => {
    const res = await newMock({ controlToken: TOKEN }).http.get('/__mock/state').set('authorization', authorization);
    expect(res.status).toBe(200);
  });

  it.each(['Bearer s3cret-Toke', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.toLowerCase()}`, `Bearer ${TOKEN.repeat(40)}`, 'Bearer ', 'Bearer', `Basic ${TOKEN}`, TOKEN, `Bearer${TOKEN}`])(
    'is refused as %j with 401, whatever its length',
    async (authorization) => {
      const res = await newMock({ controlToken: TOKEN }).http.get('/__mock/state').set('authorization', authorization);
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('unauthorized');
    },
  );

  it('is never taken from a query string or a cookie', async () => {
    const { http } = newMock({ controlToken: TOKEN });
    for (const name of ['token', 'access_token', 'control_token', 'authorization']) {
      expect((await http.get('/__mock/state').query({ [name]: TOKEN })).status, name).toBe(401);
      expect((await http.get('/__mock/state').query({ [name]: `Bearer ${TOKEN}` })).status, name).toBe(401);
      expect((await http.get('/__mock/state').set('cookie', `${name}=${TOKEN}`)).status, name).toBe(401);
    }
  });

  it('guards writes too, after the Origin check has admitted the page', async () => {
    const { http } = newMock({ controlToken: TOKEN });
    const write = () => http.post('/__mock/clock').set({ host: 'localhost:3000', origin: 'http://localhost:3000' });
    expect((await write().send({ advance_ms: 1 })).status).toBe(401);
    expect((await write().set('authorization', `Bearer ${TOKEN}`).send({ advance_ms: 1 })).status).toBe(200);
  });
});
