import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackUrl, verifyCallbackUrl, type VerifyCallbackOptions } from '../../mock/push/verify-callback.js';
import { startReceiver, unusedPort, type Receiver } from './receiver.js';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function options(url: string, overrides: Partial<VerifyCallbackOptions> = {}): VerifyCallbackOptions {
  return {
    url,
    token: 'AAAAA',
    timeoutMs: 1000,
    nonce: () => '1514711492',
    nowSeconds: () => 1714036504,
    echostr: () => '5837397520665436492',
    ...overrides,
  };
}

describe('verifyCallbackUrl', () => {
  it('passes a handler that checks the signature and echoes echostr', async () => {
    receiver = await startReceiver((request) => {
      const q = request.url.searchParams;
      const expected = createHash('sha1')
        .update(['AAAAA', q.get('timestamp') ?? '', q.get('nonce') ?? ''].sort().join(''))
        .digest('hex');
      return q.get('signature') === expected ? { body: q.get('echostr') ?? '' } : { status: 403, body: 'bad signature' };
    });
    expect(await verifyCallbackUrl(options(receiver.url))).toEqual({ ok: true });
    const request = receiver.received[0];
    expect(request?.method).toBe('GET');
    expect(request?.body).toBe('');
    // The doc's GET example, arriving over the wire.
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({
      signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696',
      timestamp: '1714036504',
      nonce: '1514711492',
      echostr: '5837397520665436492',
    });
  });

  it('fails a handler that answers something other than echostr, quoting both', async () => {
    receiver = await startReceiver(() => ({ body: 'success' }));
    const result = await verifyCallbackUrl(options(receiver.url));
    expect(result).toEqual({
      ok: false,
      reason: `callback URL ${receiver.url} answered "success" instead of echoing echostr "5837397520665436492"`,
    });
  });

  it('fails an echo with a trailing newline, since it must be exact', async () => {
    receiver = await startReceiver((request) => ({ body: `${request.url.searchParams.get('echostr')}\n` }));
    const result = await verifyCallbackUrl(options(receiver.url));
    expect(result.ok).toBe(false);
  });

  it('fails a handler that echoes with an error status', async () => {
    receiver = await startReceiver((request) => ({ status: 500, body: request.url.searchParams.get('echostr') ?? '' }));
    expect(await verifyCallbackUrl(options(receiver.url))).toEqual({
      ok: false,
      reason: `callback URL ${receiver.url} answered HTTP 500 to the verification GET`,
    });
  });

  it('fails an unreachable URL with the connection error', async () => {
    const url = `http://127.0.0.1:${await unusedPort()}/cb`;
    const result = await verifyCallbackUrl(options(url));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(new RegExp(`^callback URL ${url} is unreachable \\(.*ECONNREFUSED.*\\)$`));
  });

  it('fails a handler slower than timeoutMs', async () => {
    receiver = await startReceiver((request) => ({ body: request.url.searchParams.get('echostr') ?? '', delayMs: 400 }));
    expect(await verifyCallbackUrl(options(receiver.url, { timeoutMs: 100 }))).toEqual({
      ok: false,
      reason: `callback URL ${receiver.url} did not answer the verification GET within 100 ms`,
    });
  });

  it('fails a URL that does not parse or is not http(s), without a request', async () => {
    expect(await verifyCallbackUrl(options('not a url'))).toEqual({ ok: false, reason: 'callback URL "not a url" is not a valid URL' });
    expect(await verifyCallbackUrl(options('ftp://127.0.0.1/cb'))).toEqual({
      ok: false,
      reason: 'callback URL must be http or https, got ftp:',
    });
  });
});

describe('isLoopbackUrl', () => {
  it.each([
    'http://127.0.0.1:8080/wechat',
    'https://127.0.0.1/wechat',
    'http://127.255.1.2/',
    'http://127.1/',
    'http://localhost:3000/cb',
    'http://LOCALHOST/cb',
    'http://[::1]:8080/cb',
    'http://[0:0:0:0:0:0:0:1]/cb',
    'http://[::ffff:127.0.0.1]/cb',
  ])('accepts %s', (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
  });

  it.each([
    'http://10.0.0.1/cb',
    'http://192.168.1.10/cb',
    'http://0.0.0.0/cb',
    'http://example.com/cb',
    'http://127.0.0.1.nip.io/cb',
    'http://localhost.example.com/cb',
    'http://[::2]/cb',
    'http://[::ffff:10.0.0.1]/cb',
    'ftp://127.0.0.1/cb',
    'file:///etc/passwd',
    '127.0.0.1:8080/cb',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
  });
});
