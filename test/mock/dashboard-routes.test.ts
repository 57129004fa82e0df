import { describe, expect, it } from 'vitest';
import { newMock } from '../helpers.js';

describe('the dashboard routes', () => {
  it('serve the page at /__mock/ and /__mock, with a strict Content-Security-Policy', async () => {
    const { http } = newMock();
    for (const path of ['/__mock/', '/__mock']) {
      const res = await http.get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.text).toContain('data-testid="pending"');
      expect(res.text).toContain('/__mock/dashboard/dashboard.js');
    }
  });

  it('serve the script and stylesheet, and nothing else', async () => {
    const { http } = newMock();
    const js = await http.get('/__mock/dashboard/dashboard.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await http.get('/__mock/dashboard/dashboard.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    for (const path of ['/__mock/dashboard/nope.js', '/__mock/dashboard/..%2F..%2Fpackage.json', '/__mock/dashboard/%2e%2e%2fcontrol.yaml']) {
      const res = await http.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error).toBe('not_found');
    }
  });

  it('need no control token for the page itself, while the API it calls does', async () => {
    const { http } = newMock({ controlToken: 'page-token' });
    expect((await http.get('/__mock/')).status).toBe(200);
    expect((await http.get('/__mock/dashboard/dashboard.js')).status).toBe(200);
    expect((await http.get('/__mock/state')).status).toBe(401);
    expect((await http.get('/__mock/state').set('Authorization', 'Bearer page-token')).status).toBe(200);
  });
});
