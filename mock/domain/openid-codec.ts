/**
 * Openids derived, not stored. Fan `index` of an app is `o`, five characters every fan of the app
 * shares (as the openids of one real account share a prefix), then 22 characters carrying one
 * AES-128 block of (the app's mark, the index) under the app's key. Key, mark and prefix come from
 * the appid and the app's seeded original id, so the openids are a pure function of (appid, seed,
 * index) that survives a restart with a state file; and the block can be decrypted back, so
 * checking an openid costs O(1) whatever the fans.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import type { App } from './store.js';

const BLOCK_BYTES = 16;
const MARK_BYTES = 8;
const PREFIX_CHARS = 5;
/** 'o', the prefix, and the block in base64url (22 characters for 16 bytes): 28 characters, as real ones. */
const OPENID_LENGTH = 1 + PREFIX_CHARS + 22;
const BODY_CHARS = 22;
const TWO_32 = 2 ** 32;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CODES = Buffer.from(BASE64URL, 'latin1');
/** maps a character code to its base64url value, -1 for any other character. */
const VALUES = new Int8Array(128).fill(-1);
for (let v = 0; v < 64; v++) VALUES[BASE64URL.charCodeAt(v)] = v;

export interface OpenidCodec {
  /** `o` and the five characters every openid of this app starts with. */
  readonly head: string;
  /** The openids of fans `indices`, in that order (one cipher call for the lot). */
  encode(indices: ArrayLike<number>): string[];
  /** The fan index each openid stands for, or undefined where it is not one this app issued. */
  decode(openids: readonly string[]): (number | undefined)[];
}

interface Keys {
  key: Buffer;
  mark: Buffer;
  head: string;
}

function keysOf(app: App): Keys {
  const digest = createHash('sha256').update(`wechat-mass-mock openid\0${app.appid}\0${app.original_id}`).digest();
  return {
    key: digest.subarray(0, BLOCK_BYTES),
    mark: digest.subarray(BLOCK_BYTES, BLOCK_BYTES + MARK_BYTES),
    head: `o${digest.toString('base64url', BLOCK_BYTES + MARK_BYTES, 32).slice(0, PREFIX_CHARS)}`,
  };
}

/**
 * Base64url of one block into `out` at `to`, by hand (a page spells 10,000). 16 bytes fill 21⅓
 * characters, so the 22nd would carry 4 zero bits and come from only four letters, which no real
 * openid shows: they carry the block's first nibble instead, a check the decoder repeats.
 */
function spell(sealed: Buffer, at: number, out: Buffer, to: number): void {
  let o = to;
  for (let i = at; i < at + 15; i += 3) {
    const n = (sealed[i]! << 16) | (sealed[i + 1]! << 8) | sealed[i + 2]!;
    out[o++] = CODES[n >>> 18]!;
    out[o++] = CODES[(n >>> 12) & 63]!;
    out[o++] = CODES[(n >>> 6) & 63]!;
    out[o++] = CODES[n & 63]!;
  }
  const last = sealed[at + 15]!;
  out[o++] = CODES[last >>> 2]!;
  out[o] = CODES[((last & 3) << 4) | (sealed[at]! >>> 4)]!;
}

/** unspell's scratch: one openid's characters as values, reused (the mock is single-threaded). */
const values = new Uint8Array(BODY_CHARS);

/** The block `openid` spells after its head, into `blocks` at `to`; false when it spells none spell() writes. */
function unspell(openid: string, from: number, blocks: Buffer, to: number): boolean {
  for (let c = 0; c < BODY_CHARS; c++) {
    const code = openid.charCodeAt(from + c);
    const value = code < 128 ? VALUES[code]! : -1;
    if (value === -1) return false;
    values[c] = value;
  }
  let o = to;
  for (let c = 0; c < 20; c += 4) {
    const n = (values[c]! << 18) | (values[c + 1]! << 12) | (values[c + 2]! << 6) | values[c + 3]!;
    blocks[o++] = n >>> 16;
    blocks[o++] = (n >>> 8) & 255;
    blocks[o++] = n & 255;
  }
  const tail = values[21]!;
  blocks[o] = (values[20]! << 2) | (tail >>> 4);
  return (tail & 15) === blocks[to]! >>> 4;
}

/**
 * ECB, since each block is one openid on its own: a page of 10,000 is one call. Without padding and
 * chaining, `update` turns whole blocks into whole blocks and leaves nothing pending, so one cipher
 * per direction serves every call (making one costs more than a single openid's work).
 */
function crypter(decrypt: boolean, key: Buffer): (blocks: Buffer) => Buffer {
  const cipher = decrypt ? createDecipheriv('aes-128-ecb', key, null) : createCipheriv('aes-128-ecb', key, null);
  cipher.setAutoPadding(false);
  return (blocks) => cipher.update(blocks);
}

/**
 * How many single openids (getUserTags, a page's next_openid) a codec remembers: the same fans are
 * asked about again and again, and under load a cipher call costs more than the rest of such a call.
 */
const RECENT_LOOKUPS = 1024;

function createCodec({ key, mark, head }: Keys): OpenidCodec {
  const headBytes = Buffer.from(head, 'latin1');
  const seal = crypter(false, key);
  const open = crypter(true, key);
  const recent = new Map<string, number | undefined>();
  const decode = (openids: readonly string[]): (number | undefined)[] => {
    const candidates: number[] = [];
    const blocks = Buffer.allocUnsafe(openids.length * BLOCK_BYTES);
    for (let i = 0; i < openids.length; i++) {
      const openid = openids[i];
      if (typeof openid !== 'string' || openid.length !== OPENID_LENGTH || !openid.startsWith(head)) continue;
      if (unspell(openid, head.length, blocks, candidates.length * BLOCK_BYTES)) candidates.push(i);
    }
    const found = new Array<number | undefined>(openids.length).fill(undefined);
    if (candidates.length === 0) return found;
    const opened = open(blocks.subarray(0, candidates.length * BLOCK_BYTES));
    for (let n = 0; n < candidates.length; n++) {
      const at = n * BLOCK_BYTES;
      if (opened.compare(mark, 0, MARK_BYTES, at, at + MARK_BYTES) !== 0) continue;
      const index = opened.readUInt32BE(at + MARK_BYTES) * TWO_32 + opened.readUInt32BE(at + MARK_BYTES + 4);
      if (Number.isSafeInteger(index)) found[candidates[n]!] = index;
    }
    return found;
  };
  return {
    head,
    encode(indices) {
      const blocks = Buffer.alloc(indices.length * BLOCK_BYTES);
      for (let i = 0; i < indices.length; i++) {
        const at = i * BLOCK_BYTES;
        const index = indices[i]!;
        mark.copy(blocks, at);
        blocks.writeUInt32BE(Math.floor(index / TWO_32), at + MARK_BYTES);
        blocks.writeUInt32BE(index % TWO_32, at + MARK_BYTES + 4);
      }
      const sealed = seal(blocks);
      // One buffer of text for the page, cut into flat strings: no per-openid concatenation.
      const text = Buffer.alloc(indices.length * OPENID_LENGTH);
      const openids = new Array<string>(indices.length);
      for (let i = 0; i < indices.length; i++) {
        const to = i * OPENID_LENGTH;
        headBytes.copy(text, to);
        spell(sealed, i * BLOCK_BYTES, text, to + headBytes.length);
        openids[i] = text.toString('latin1', to, to + OPENID_LENGTH);
      }
      return openids;
    },
    decode(openids) {
      if (openids.length !== 1) return decode(openids);
      const openid = openids[0]!;
      const known = recent.get(openid);
      if (known !== undefined || recent.has(openid)) return [known];
      const found = decode(openids);
      // Emptied when full: cheaper than keeping an order, and the fans asked about come back at once.
      if (recent.size >= RECENT_LOOKUPS) recent.clear();
      recent.set(openid, found[0]);
      return found;
    },
  };
}

const codecs = new WeakMap<App, OpenidCodec>();

/** The app's codec; its appid and original id never change, so it is made once per app. */
export function openidCodec(app: App): OpenidCodec {
  let codec = codecs.get(app);
  if (!codec) {
    codec = createCodec(keysOf(app));
    codecs.set(app, codec);
  }
  return codec;
}
