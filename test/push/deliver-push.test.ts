import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverPush, displayUrl, type DeliverPushOptions, type PushAttempt } from '../../mock/push/deliver-push.js';
import { startReceiver, unusedPort, type Answer, type Received, type Receiver } from './receiver.js';

const XML = '<xml><MsgID>3147483661</MsgID><Status><![CDATA[send success]]></Status></xml>';
const sha1Sorted = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function receive(answer: (request: Received, count: number) => Answer): Promise<Receiver> {
  receiver = await startReceiver(answer);
  return receiver;
}

function options(url: string, overrides: Partial<DeliverPushOptions> = {}): DeliverPushOptions {
  let nonces = 0;
  let seconds = 1714037059;
  return {
    url,
    token: 'AAAAA',
    appid: 'wx00000000000000a1',
    toUserName: 'gh_0123456789ab',
    xml: XML,
    timeoutMs: 1000,
    retryDelayMs: 5,
    nonce: () => String(486452656 + nonces++),
    random16: () => Buffer.alloc(16, 7),
    nowSeconds: () => seconds++,
    ...overrides,
  };
}

const outcomes = (attempts: PushAttempt[]) => attempts.map((attempt) => attempt.outcome);

describe('deliverPush', () => {
  it('POSTs the XML as text/xml, signed with signature, timestamp and nonce only', async () => {
    const { url, received } = await receive(() => ({ body: 'success' }));
    const attempts = await deliverPush(options(url));
    expect(outcomes(attempts)).toEqual(['ok']);
    expect(received).toHaveLength(1);
    const request = received[0];
    if (!request) throw new Error('nothing arrived');
    expect(request.method).toBe('POST');
    expect(request.url.pathname).toBe('/wechat/callback');
    expect(request.headers['content-type']).toBe('text/xml');
    expect(request.body).toBe(XML);
    expect([...request.url.searchParams.keys()].sort()).toEqual(['nonce', 'signature', 'timestamp']);
    expect(request.url.searchParams.get('timestamp')).toBe('1714037059');
    expect(request.url.searchParams.get('nonce')).toBe('486452656');
    // The doc's worked example, arriving over the wire.
    expect(request.url.searchParams.get('signature')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
  });

  it('reports an attempt with the fields a journal shows, and never the token', async () => {
    const { url } = await receive(() => ({ body: 'success' }));
    const seen: PushAttempt[] = [];
    const [attempt] = await deliverPush(options(url, { onAttempt: (a) => seen.push(a) }));
    expect(seen).toEqual([attempt]);
    expect(attempt).toMatchObject({
      attempt: 1,
      at: '2024-04-25T09:24:19.000Z',
      method: 'POST',
      url,
      query: { signature: '899cf89e464efb63f54ddac96b0a0a235f53aa78', timestamp: '1714037059', nonce: '486452656' },
      body: XML,
      status: 200,
      reply: 'success',
      outcome: 'ok',
    });
    expect(attempt?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(attempt)).not.toContain('AAAAA');
  });

  it('keeps a query the callback URL already has', async () => {
    const { url, received } = await receive(() => ({ body: '' }));
    await deliverPush(options(`${url}?app=shop`));
    expect(received[0]?.url.searchParams.get('app')).toBe('shop');
    expect(received[0]?.url.searchParams.get('signature')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('makes exactly 4 attempts when the receiver keeps answering "fail"', async () => {
    const { url, received } = await receive(() => ({ body: 'fail' }));
    const attempts = await deliverPush(options(url));
    expect(received).toHaveLength(4);
    expect(outcomes(attempts)).toEqual(['bad_reply', 'bad_reply', 'bad_reply', 'bad_reply']);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    expect(attempts[0]?.reply).toBe('fail');
  });

  it('stops after 2 attempts when the second one answers "success"', async () => {
    const { url, received } = await receive((_request, count) => ({ body: count === 1 ? 'fail' : 'success' }));
    const attempts = await deliverPush(options(url));
    expect(received).toHaveLength(2);
    expect(outcomes(attempts)).toEqual(['bad_reply', 'ok']);
  });

  it('stops at once on an empty 200 reply', async () => {
    const { url, received } = await receive(() => ({ body: '' }));
    const attempts = await deliverPush(options(url));
    expect(received).toHaveLength(1);
    expect(outcomes(attempts)).toEqual(['ok']);
    expect(attempts[0]?.reply).toBe('');
  });

  it('counts a reply slower than timeoutMs as a failure and retries it', async () => {
    const { url, received } = await receive((_request, count) => ({ body: 'success', delayMs: count === 1 ? 400 : 0 }));
    const attempts = await deliverPush(options(url, { timeoutMs: 100 }));
    expect(received).toHaveLength(2);
    expect(outcomes(attempts)).toEqual(['timeout', 'ok']);
    expect(attempts[0]?.error).toMatch(/100 ms/);
    expect(attempts[0]?.duration_ms).toBeGreaterThanOrEqual(90);
    expect(attempts[0]?.duration_ms).toBeLessThan(400);
  });

  it('retries a 500, even one whose body says "success"', async () => {
    const { url, received } = await receive((_request, count) => (count <= 2 ? { status: 500, body: 'success' } : { body: 'success' }));
    const attempts = await deliverPush(options(url));
    expect(received).toHaveLength(3);
    expect(outcomes(attempts)).toEqual(['http_error', 'http_error', 'ok']);
    expect(attempts[0]?.status).toBe(500);
  });

  it('does not follow a redirect, so a push cannot be led off loopback', async () => {
    const { url, received } = await receive(() => ({ status: 302, body: '' }));
    const attempts = await deliverPush(options(url));
    expect(received).toHaveLength(4);
    expect(outcomes(attempts)).toEqual(['http_error', 'http_error', 'http_error', 'http_error']);
    expect(attempts[0]?.status).toBe(302);
  });

  it('accepts "success" with surrounding whitespace', async () => {
    const { url } = await receive(() => ({ body: 'success\r\n' }));
    expect(outcomes(await deliverPush(options(url)))).toEqual(['ok']);
  });

  it('records a refused connection as a network error and retries it', async () => {
    const port = await unusedPort();
    const attempts = await deliverPush(options(`http://127.0.0.1:${port}/cb`));
    expect(outcomes(attempts)).toEqual(['network_error', 'network_error', 'network_error', 'network_error']);
    expect(attempts[0]?.error).toMatch(/ECONNREFUSED/);
    expect(attempts[0]?.status).toBeUndefined();
  });

  it('signs every retry afresh and waits retryDelayMs between attempts', async () => {
    const arrivals: number[] = [];
    const { url, received } = await receive(() => (arrivals.push(performance.now()), { body: 'nope' }));
    await deliverPush(options(url, { retryDelayMs: 60 }));
    const nonces = received.map((r) => r.url.searchParams.get('nonce'));
    expect(new Set(nonces).size).toBe(4);
    for (const request of received) {
      const query = request.url.searchParams;
      expect(query.get('signature')).toBe(sha1Sorted('AAAAA', query.get('timestamp') ?? '', query.get('nonce') ?? ''));
      expect(request.body).toBe(XML);
    }
    for (let i = 1; i < arrivals.length; i += 1) {
      expect((arrivals[i] ?? 0) - (arrivals[i - 1] ?? 0)).toBeGreaterThanOrEqual(50);
    }
  });

  it('truncates a long reply', async () => {
    const { url } = await receive(() => ({ body: 'x'.repeat(5000) }));
    const attempts = await deliverPush(options(url));
    expect(attempts[0]?.reply).toHaveLength(200);
  });

  it('stops retrying once its signal is aborted', async () => {
    const { url, received } = await receive(() => ({ body: 'fail' }));
    const controller = new AbortController();
    const attempts = await deliverPush(
      options(url, { retryDelayMs: 5000, onAttempt: () => controller.abort(), signal: controller.signal }),
    );
    expect(received).toHaveLength(1);
    expect(outcomes(attempts)).toEqual(['bad_reply']);
  });

  it('uses an injected fetch', async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response('success');
    };
    const attempts = await deliverPush(options('http://127.0.0.1:1/cb', { fetch: fakeFetch }));
    expect(outcomes(attempts)).toEqual(['ok']);
    expect(calls[0]).toMatch(/^http:\/\/127\.0\.0\.1:1\/cb\?signature=[0-9a-f]{40}&timestamp=1714037059&nonce=486452656$/);
  });
});

describe('displayUrl', () => {
  it('drops a user and password from the URL', () => {
    expect(displayUrl('http://me:secret@127.0.0.1:8080/cb?x=1')).toBe('http://127.0.0.1:8080/cb?x=1');
  });
});
