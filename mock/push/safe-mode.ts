/**
 * WeChat's "safe mode" (安全模式) body encryption, as its official WXBizMsgCrypt samples and wechatpy
 * do it (wechat-facts §3.1): AES-256-CBC, key = base64(EncodingAESKey + "="), IV = key[:16],
 * plaintext = 16 random bytes + 4-byte big-endian length + message + appid, PKCS#7 padded to a
 * 32-byte block (not AES's 16), then base64. Receivers check the appid suffix, so it must be exact.
 */
import { createCipheriv } from 'node:crypto';
import { cdata } from './job-finish-xml.js';

/** WeChat pads to 32 bytes (wechatpy `pkcs7.py` block_size = 32), so Node's 16-byte auto padding is off. */
const BLOCK_SIZE = 32;

/** An EncodingAESKey is 43 characters of letters and digits; with "=" appended it decodes to 32 bytes. */
export function isEncodingAesKey(key: string): boolean {
  return /^[A-Za-z0-9]{43}$/.test(key);
}

export interface EncryptOptions {
  encodingAesKey: string;
  appid: string;
  /** The 16 random bytes WeChat puts in front; injected so a seed gives the same ciphertext. */
  random16: Buffer;
}

export function encryptForWechat(plaintextXml: string, options: EncryptOptions): string {
  const { encodingAesKey, appid, random16 } = options;
  // Fail loudly: a bad key here is a config bug that should have been refused when the app was set up.
  if (!isEncodingAesKey(encodingAesKey)) {
    throw new RangeError('encodingAesKey must be 43 letters or digits (it decodes to a 32-byte AES key)');
  }
  if (random16.length !== 16) throw new RangeError(`random16 must be 16 bytes, got ${random16.length}`);
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const message = Buffer.from(plaintextXml, 'utf8');
  const length = Buffer.alloc(4);
  // The length counts UTF-8 bytes, not characters: Chinese text in the XML would break a char count.
  length.writeUInt32BE(message.length, 0);
  const plain = Buffer.concat([random16, length, message, Buffer.from(appid, 'utf8')]);
  // PKCS#7: always 1..32 bytes of padding, each holding the pad length (a full block when aligned).
  const padLength = BLOCK_SIZE - (plain.length % BLOCK_SIZE);
  const padded = Buffer.concat([plain, Buffer.alloc(padLength, padLength)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** The body WeChat POSTs in safe mode: only ToUserName stays readable, the rest is in Encrypt. */
export function wrapEncrypted(toUserName: string, encrypt: string): string {
  return `<xml><ToUserName>${cdata(toUserName)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
}
