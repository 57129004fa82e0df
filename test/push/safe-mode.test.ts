import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverPush } from '../../mock/push/deliver-push.js';
import { encryptForWechat, isEncodingAesKey, wrapEncrypted } from '../../mock/push/safe-mode.js';
import { startReceiver, type Receiver } from './receiver.js';
import { text } from './xml-fields.js';

/**
 * A receiver's side of safe mode, written from wechat-facts §3.1 and not from the module: what an
 * app's handler (wechatpy, WXBizMsgCrypt) does with the body.
 */
function decrypt(encrypt: string, encodingAesKey: string): { random: Buffer; length: number; message: string; appid: string } {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  expect(key).toHaveLength(32);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  expect(padded.length % 32).toBe(0);
  const pad = padded[padded.length - 1] ?? 0;
  expect(pad).toBeGreaterThanOrEqual(1);
  expect(pad).toBeLessThanOrEqual(32);
  expect([...padded.subarray(padded.length - pad)].every((byte) => byte === pad)).toBe(true);
  const plain = padded.subarray(0, padded.length - pad);
  const length = plain.readUInt32BE(16);
  return {
    random: plain.subarray(0, 16),
    length,
    message: plain.subarray(20, 20 + length).toString('utf8'),
    appid: plain.subarray(20 + length).toString('utf8'),
  };
}

const sha1Sorted = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');

// Tencent's WXBizMsgCrypt Java sample test: key, appid, random prefix, message and expected ciphertext.
const SAMPLE = {
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appid: 'wxb11529c136998cb6',
  random: 'aaaabbbbccccdddd',
  message: '我是中文abcd123',
  encrypt: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
};

const APP = { appid: 'wx00000000000000a1', token: 'cb-token', encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' };
const EVENT_XML =
  '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><MsgID>3147483661</MsgID><Status><![CDATA[send success]]></Status><Note><![CDATA[中文]]></Note></xml>';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('encryptForWechat', () => {
  it("reproduces Tencent's sample ciphertext byte for byte", () => {
    const encrypt = encryptForWechat(SAMPLE.message, {
      encodingAesKey: SAMPLE.encodingAesKey,
      appid: SAMPLE.appid,
      random16: Buffer.from(SAMPLE.random),
    });
    expect(encrypt).toBe(SAMPLE.encrypt);
  });

  it('counts the length prefix in UTF-8 bytes and ends with the appid', () => {
    const random16 = randomBytes(16);
    const encrypt = encryptForWechat(EVENT_XML, { encodingAesKey: APP.encodingAesKey, appid: APP.appid, random16 });
    const opened = decrypt(encrypt, APP.encodingAesKey);
    expect(opened.random.equals(random16)).toBe(true);
    expect(opened.length).toBe(Buffer.byteLength(EVENT_XML));
    expect(opened.length).toBeGreaterThan(EVENT_XML.length);
    expect(opened.message).toBe(EVENT_XML);
    expect(opened.appid).toBe(APP.appid);
  });

  it('pads a full 32-byte block when the plaintext is already aligned', () => {
    // 16 + 4 + 8 + 4 = 32 bytes of plaintext, so PKCS#7 adds a whole block of 32s.
    const encrypt = encryptForWechat('12345678', { encodingAesKey: APP.encodingAesKey, appid: 'wxid', random16: Buffer.alloc(16) });
    expect(Buffer.from(encrypt, 'base64')).toHaveLength(64);
    expect(decrypt(encrypt, APP.encodingAesKey).message).toBe('12345678');
  });

  it('refuses a key that is not 43 letters or digits, and a random prefix that is not 16 bytes', () => {
    expect(isEncodingAesKey(APP.encodingAesKey)).toBe(true);
    expect(isEncodingAesKey(APP.encodingAesKey.slice(1))).toBe(false);
    expect(isEncodingAesKey(`${APP.encodingAesKey.slice(1)}+`)).toBe(false);
    expect(() => encryptForWechat('x', { encodingAesKey: 'short', appid: 'a', random16: Buffer.alloc(16) })).toThrow(/43/);
    expect(() => encryptForWechat('x', { encodingAesKey: APP.encodingAesKey, appid: 'a', random16: Buffer.alloc(15) })).toThrow(
      /16 bytes/,
    );
  });
});

describe('wrapEncrypted', () => {
  it('gives the envelope with only ToUserName and Encrypt', () => {
    expect(wrapEncrypted('gh_0123456789ab', 'QUJD+/==')).toBe(
      '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[QUJD+/==]]></Encrypt></xml>',
    );
  });
});

describe('a push in safe mode', () => {
  it('arrives signed, decrypts to the original XML with the right length and appid', async () => {
    receiver = await startReceiver(() => ({ body: 'success' }));
    const attempts = await deliverPush({
      url: receiver.url,
      token: APP.token,
      encodingAesKey: APP.encodingAesKey,
      appid: APP.appid,
      toUserName: 'gh_0123456789ab',
      xml: EVENT_XML,
      timeoutMs: 2000,
      retryDelayMs: 10,
      nonce: () => '1320562132',
      random16: () => randomBytes(16),
      nowSeconds: () => 1714037059,
    });
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['ok']);

    const [request] = receiver.received;
    if (!request) throw new Error('nothing arrived');
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('text/xml');
    const query = request.url.searchParams;
    const timestamp = query.get('timestamp') ?? '';
    const nonce = query.get('nonce') ?? '';
    expect(timestamp).toBe('1714037059');
    expect(nonce).toBe('1320562132');
    expect(query.get('encrypt_type')).toBe('aes');
    // The plain signature is still there, over token, timestamp, nonce.
    expect(query.get('signature')).toBe(sha1Sorted(APP.token, timestamp, nonce));

    expect(text(request.body, 'ToUserName')).toBe('gh_0123456789ab');
    const encrypt = text(request.body, 'Encrypt') ?? '';
    expect(request.body).not.toContain('MsgID');
    expect(query.get('msg_signature')).toBe(sha1Sorted(APP.token, timestamp, nonce, encrypt));

    const opened = decrypt(encrypt, APP.encodingAesKey);
    expect(opened.length).toBe(Buffer.byteLength(EVENT_XML));
    expect(opened.appid).toBe(APP.appid);
    expect(opened.message).toBe(EVENT_XML);
  });
});
