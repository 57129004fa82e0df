/**
 * Fuzzing the running mock over real HTTP: random methods, paths, query strings, headers,
 * Content-Types and bodies (wrong shapes, invalid JSON, huge numbers, deep nesting, `__proto__`
 * and `constructor` keys, unicode, invalid UTF-8, empty, multipart forms). Each run starts a fresh
 * server on a manual clock (the clock only moves forward, so a run that moves it must not leak into
 * the next) holding sends, a draft and material, sends a short sequence of requests and checks: no
 * 5xx; every /cgi-bin answer is JSON (or a file where the contract documents one); every 200 on a
 * WeChat path passes validateExchange for its operation; the server still answers health, state
 * and the request journal; nothing polluted Object.prototype. A fixed seed and a bounded number of
 * runs keep it reproducible: a failure prints the seed and the shrunk counterexample.
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { getOperation, operationIds, type OperationId } from '../../contracts/load-spec.js';
import { validateExchange } from '../../contracts/validate-exchange.js';
import { DEFAULT_NEWS_MEDIA_ID } from '../../mock/domain/media-library.js';
import { startMockServer, type MockServer } from '../../mock/start-mock-server.js';
import { FILES, PATHS, T0 } from '../helpers.js';

const SEED = 20261122;
const APPID = 'wx0000000000000001';
const SECRET = 'mocksecret';

/** The WeChat paths of openapi.yaml and the operation each serves (whatever the method). */
const OPERATION_BY_PATH = new Map<string, OperationId>(operationIds.map((id) => [PATHS[id], id]));
const WECHAT_PATHS = [...OPERATION_BY_PATH.keys()];

// ---------------------------------------------------------------- transport

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request on its own connection, so a malformed one cannot poison the next. A body always goes
 * with its Content-Length: node's client would otherwise send a DELETE or OPTIONS body unframed,
 * and the server would read it as the next request.
 */
function send(base: URL, method: string, path: string, headers: Record<string, string>, body: Buffer | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const framed = body === undefined ? headers : { ...headers, 'content-length': String(body.length) };
    const req = request({ host: base.hostname, port: base.port, method, path, headers: framed, agent: false, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within 15 s to ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------- what a request is made of

/** Placeholders filled in at run time with values of the fresh server: real msg_ids and media_ids, deep bodies, prototype keys. */
const KNOWN_MSG_ID = 'KNOWN_MSG_ID';
const KNOWN_OPENID = 'KNOWN_OPENID';
const KNOWN_MEDIA_ID = 'KNOWN_MEDIA_ID';
const DEEP = (depth: number, kind: 'array' | 'object') => `DEEP_${kind}_${depth}`;
const PROTO = 'PROTO_SNIPPET';
const PROTO_JSON = '{"__proto__":{"polluted":"yes","toString":"x"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}';

function deepText(kind: string, depth: number): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Turns the markers left by the arbitraries into raw JSON text no JSON.stringify could produce, and real ids of the fresh server. */
function expandMarkers(text: string, msgIds: number[], openids: string[], mediaIds: string[]): string {
  return text
    .replace(/"KNOWN_OPENID_([0-9])"/g, (_, i: string) => JSON.stringify(openids[Number(i) % openids.length]))
    .replace(/"KNOWN_MEDIA_ID_([0-9])"/g, (_, i: string) => JSON.stringify(mediaIds[Number(i) % mediaIds.length]))
    .replace(/"DEEP_(array|object)_([0-9]+)"/g, (_, kind: string, depth: string) => deepText(kind, Number(depth)))
    .replaceAll(`"${PROTO}"`, PROTO_JSON)
    .replace(/"KNOWN_MSG_ID_([0-9])"/g, (_, i: string) => String(msgIds[Number(i) % msgIds.length]))
    .replace(/"KNOWN_MSG_ID_STR_([0-9])"/g, (_, i: string) => JSON.stringify(String(msgIds[Number(i) % msgIds.length])));
}

const hugeNumberText = fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '9007199254740993', '1e-400', '-0', '0.0000001', '4.0', '1E1', '3147494522.5');

/** Field values: wrong types, loose scalars, huge numbers, deep nesting, prototype keys, unicode. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  {
    arbitrary: fc.constantFrom<unknown>(0, 1, 4, 5, -1, 1.5, '0', '4', ' 1', '1 ', '0x1', '1e3', '', null, true, 'true', 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, 3147494522, '3147494522', '99999999999999999999', 'invalid_media', 'MEDIA_1', 'wxmock-default-news'),
    weight: 4,
  },
  { arbitrary: fc.constantFrom(`${KNOWN_MSG_ID}_0`, `${KNOWN_MSG_ID}_1`, `${KNOWN_MSG_ID}_STR_0`, `${KNOWN_MSG_ID}_STR_1`), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 4 }).map((i) => `${KNOWN_MEDIA_ID}_${i}`), weight: 3 },
  { arbitrary: fc.tuple(fc.constantFrom<'array' | 'object'>('array', 'object'), fc.constantFrom(10, 1000, 5000, 20_000)).map(([kind, depth]) => DEEP(depth, kind)), weight: 1 },
  { arbitrary: fc.constant(PROTO), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 10 }), weight: 1 },
);

/** Followers of the fixture's app, a stranger, and openids of no shape at all. */
const openidValue = fc.oneof(fc.constantFrom(`${KNOWN_OPENID}_0`, `${KNOWN_OPENID}_1`, 'oR5Gjjl_eiZoUpGozMo7dbBJ362A', 'bad openid', ''), anyValue);

const MSGTYPES = ['mpnews', 'text', 'voice', 'music', 'image', 'mpvideo', 'wxcard', 'video', 'news', ''];

/** Bodies shaped like the WeChat and control requests, with every field possibly wrong. */
const shapedBody = fc.record(
  {
    speed: anyValue,
    msg_id: anyValue,
    article_idx: anyValue,
    url: fc.oneof(anyValue, fc.constantFrom('http://mp.weixin.qq.com/s?__biz=mock&mid=KNOWN&idx=1', 'http://mp.weixin.qq.com/s?mid=99999999999999999')),
    filter: fc.oneof(anyValue, fc.record({ is_to_all: anyValue, tag_id: anyValue }, { requiredKeys: [] })),
    msgtype: fc.oneof(fc.constantFrom(...MSGTYPES), anyValue),
    text: fc.oneof(anyValue, fc.record({ content: anyValue }, { requiredKeys: [] })),
    mpnews: fc.oneof(anyValue, fc.record({ media_id: anyValue }, { requiredKeys: [] })),
    mpvideo: fc.record({ media_id: anyValue }, { requiredKeys: [] }),
    images: fc.record({ media_ids: fc.oneof(anyValue, fc.array(anyValue, { maxLength: 3 })) }, { requiredKeys: [] }),
    touser: fc.oneof(anyValue, fc.array(fc.oneof(fc.constantFrom('oR5Gjjl_eiZoUpGozMo7dbBJ362A', 'oR5Gjjo5rXlMUocSEXKT7Q5RQ63Q', 'bad openid', ''), anyValue), { maxLength: 5 })),
    towxname: anyValue,
    clientmsgid: anyValue,
    send_ignore_reprint: anyValue,
    grant_type: fc.oneof(fc.constant('client_credential'), anyValue),
    appid: fc.oneof(fc.constantFrom(APPID, 'wx00000000000000ff'), anyValue),
    secret: fc.oneof(fc.constant(SECRET), anyValue),
    force_refresh: anyValue,
    fans: anyValue,
    tags: fc.oneof(anyValue, fc.array(fc.record({ id: anyValue, name: anyValue, count: anyValue }, { requiredKeys: [] }), { maxLength: 3 })),
    protection: anyValue,
    limits: fc.oneof(anyValue, fc.record({ daily_mass_quota: anyValue, daily_api_quota: anyValue, per_minute: anyValue }, { requiredKeys: [] })),
    push: fc.oneof(anyValue, fc.record({ timeout_ms: anyValue, retry_delay_ms: anyValue }, { requiredKeys: [] })),
    callback_url: fc.constantFrom(null, 'http://127.0.0.1:9/cb', 'not a url', 'ftp://127.0.0.1/', 'http://example.com/cb'),
    advance_ms: fc.oneof(fc.constantFrom(0, 1, 60_000, 7_200_000, 86_400_000, 2 ** 31, 1e15, Number.MAX_SAFE_INTEGER, -1, 1.5), anyValue),
    now: fc.oneof(fc.constantFrom('2026-11-23T00:00:00Z', '1970-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '9999-12-31T23:59:59Z', 'yesterday'), anyValue),
    status: fc.oneof(fc.constantFrom('send fail', 'err(20001)', 'err()', 'ok'), anyValue),
    operation: fc.oneof(fc.constantFrom(...operationIds), anyValue),
  },
  { requiredKeys: [] },
);

/** Small bodies aimed at one endpoint each, so the rarer branches get reached, not only the schema check. */
const small = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields, { requiredKeys: [] });
const appidValue = fc.oneof(fc.constantFrom(APPID, 'wx00000000000000ff', 'wxFFFFFFFFFFFFFFFF', 'wx0000000000000001 ', ''), anyValue);
const speedBody = small({ speed: anyValue });
const msgIdBody = small({ msg_id: anyValue, article_idx: anyValue, url: anyValue });
const sendBody = small({ filter: fc.oneof(anyValue, small({ is_to_all: anyValue, tag_id: anyValue })), msgtype: fc.oneof(fc.constantFrom(...MSGTYPES), anyValue), text: small({ content: anyValue }), mpnews: small({ media_id: anyValue }), clientmsgid: anyValue });
const listBody = small({ touser: fc.oneof(anyValue, fc.array(openidValue, { maxLength: 4 })), msgtype: fc.constantFrom('text', 'mpnews'), text: small({ content: anyValue }), towxname: anyValue });
const articlesBody = small({
  articles: fc.oneof(anyValue, fc.array(small({ title: anyValue, content: anyValue, thumb_media_id: anyValue, author: anyValue, digest: anyValue, show_cover_pic: anyValue, need_open_comment: anyValue }), { maxLength: 10 })),
});
const uploadVideoBody = small({ media_id: anyValue, title: anyValue, description: anyValue });
const tagBody = small({ tag: fc.oneof(anyValue, small({ id: fc.oneof(fc.constantFrom(0, 1, 2, 100, '100', 101, 99), anyValue), name: fc.oneof(fc.constantFrom('广东', '测试组', '星标组', '广'.repeat(11)), anyValue) })) });
const taggingBody = small({ tagid: fc.oneof(fc.constantFrom(0, 2, 100, '100', 150), anyValue), openid_list: fc.oneof(anyValue, fc.array(openidValue, { maxLength: 52 })), openid: openidValue, next_openid: openidValue });
/** Known media_ids (a draft, its cover, an image, a video, a temporary image) most of the time. */
const mediaIdValue = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 4 }).map((i) => `${KNOWN_MEDIA_ID}_${i}`), weight: 3 }, { arbitrary: anyValue, weight: 1 });
/** An article that is well formed with the draft's cover most of the time, each field possibly wrong. */
const articleBody = fc.record(
  {
    title: fc.oneof({ arbitrary: fc.constant('t'), weight: 3 }, { arbitrary: anyValue, weight: 1 }),
    content: fc.oneof(
      { arbitrary: fc.constantFrom('<p>x</p><img src="http://mmbiz.qpic.cn/mmbiz_png/a/0"><img src="http://example.com/x.png">', '<img src=x', '<img>', "<IMG SRC='//mmbiz.qlogo.cn/b'>", '<p>c</p>'), weight: 3 },
      { arbitrary: anyValue, weight: 1 },
    ),
    thumb_media_id: fc.oneof({ arbitrary: fc.constant(`${KNOWN_MEDIA_ID}_1`), weight: 3 }, { arbitrary: mediaIdValue, weight: 1 }),
    need_open_comment: anyValue,
    only_fans_can_comment: anyValue,
  },
  { requiredKeys: ['title', 'content', 'thumb_media_id'] },
);
const mediaIdBody = small({ media_id: mediaIdValue });
/** The fixture's draft most of the time. */
const draftIdBody = small({ media_id: fc.oneof({ arbitrary: fc.constant(`${KNOWN_MEDIA_ID}_0`), weight: 3 }, { arbitrary: mediaIdValue, weight: 1 }) });
const updateDraftBody = small({
  media_id: fc.oneof({ arbitrary: fc.constant(`${KNOWN_MEDIA_ID}_0`), weight: 3 }, { arbitrary: mediaIdValue, weight: 1 }),
  index: fc.oneof({ arbitrary: fc.constantFrom(0, 1, '1'), weight: 4 }, { arbitrary: fc.constantFrom(2, -1), weight: 1 }, { arbitrary: anyValue, weight: 1 }),
  articles: fc.oneof({ arbitrary: articleBody, weight: 6 }, { arbitrary: anyValue, weight: 1 }, { arbitrary: fc.array(articleBody, { maxLength: 2 }), weight: 1 }),
});
const libraryArticlesBody = fc.record({ articles: fc.oneof({ arbitrary: fc.array(articleBody, { minLength: 1, maxLength: 9 }), weight: 3 }, { arbitrary: anyValue, weight: 1 }) });
/** An upload as SDKs send one: the part media with a file of a format its name may or may not tell, of a size a type may or may not take. */
const uploadForm: fc.Arbitrary<Body> = fc
  .record({
    file: fc.constantFrom(FILES.jpeg, FILES.png, FILES.mp4, FILES.amr, { filename: 'a.gif', bytes: Buffer.from('GIF89a') }),
    filename: fc.option(fc.constantFrom('noextension', 'a.txt', 'COVER.JPG', '封面.png', 'clip.mp4'), { nil: undefined, freq: 3 }),
    pad: fc.constantFrom(0, 0, 100, 70_000),
    description: fc.option(fc.constantFrom('{"title":"t","introduction":"i"}', '{}', 'not json'), { nil: undefined }),
  })
  .map(({ file, filename, pad, description }) => {
    const form = formOf({ filename: filename ?? file.filename, bytes: Buffer.concat([file.bytes, Buffer.alloc(pad)]) }, description === undefined ? {} : { description });
    return { kind: 'upload', bytes: [...form.body] };
  });
/** A page of a list: count present and mostly in range, offset mostly small. */
const pageBody = fc.record(
  {
    offset: fc.oneof({ arbitrary: fc.constantFrom(0, 1, 2, '1', 50, -1), weight: 3 }, { arbitrary: anyValue, weight: 1 }),
    count: fc.oneof({ arbitrary: fc.constantFrom(1, 2, 20, '5', 21, 0), weight: 3 }, { arbitrary: anyValue, weight: 1 }),
    no_content: anyValue,
    type: fc.oneof({ arbitrary: fc.constantFrom('image', 'video', 'voice', 'news', 'thumb'), weight: 3 }, { arbitrary: anyValue, weight: 1 }),
  },
  { requiredKeys: ['count'] },
);
const tokenBody = small({ grant_type: fc.oneof(fc.constant('client_credential'), anyValue), appid: appidValue, secret: fc.oneof(fc.constant(SECRET), anyValue), force_refresh: anyValue });
const advanceMs = fc.oneof(fc.constantFrom(0, 1, 60_000, 7_200_000, 86_400_000, 2 ** 31, 1e15, 8.64e15, Number.MAX_SAFE_INTEGER, -1, 1.5), anyValue);
const isoNow = fc.oneof(fc.constantFrom('2026-11-23T00:00:00Z', '1970-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '9999-12-31T23:59:59Z', 'yesterday'), anyValue);
const clockBody = fc.oneof(fc.record({ advance_ms: advanceMs }), fc.record({ now: isoNow }), small({ advance_ms: advanceMs, now: isoNow, appid: appidValue }));
const appBody = small({
  appid: appidValue,
  secret: anyValue,
  fans: fc.oneof(fc.constantFrom(0, 1, 10, 10_000_000, 10_000_000_000, -1), anyValue),
  tags: fc.oneof(anyValue, fc.array(small({ id: anyValue, name: anyValue, count: anyValue }), { maxLength: 3 })),
  protection: anyValue,
  limits: fc.oneof(anyValue, small({ daily_mass_quota: anyValue, daily_api_quota: anyValue, per_minute: anyValue })),
  push: fc.oneof(anyValue, small({ timeout_ms: anyValue, retry_delay_ms: anyValue })),
  callback_url: fc.constantFrom(null, 'http://127.0.0.1:9/cb', 'not a url', 'ftp://127.0.0.1/', 'http://example.com/cb'),
  callback_token: fc.constantFrom(null, 'abc', 'x', 'token123'),
  encoding_aes_key: fc.constantFrom(null, 'a'.repeat(43), 'short'),
});
const failBody = small({ status: fc.oneof(fc.constantFrom('send fail', 'err(20001)', 'err()', 'err(9999999)', 'ok'), anyValue) });
// Faults that answer a WeChat errcode stay inside the contract; http_status, delay_ms and reset are never generated.
const faultBody = small({ operation: fc.oneof(fc.constantFrom(...operationIds), anyValue), appid: appidValue, errcode: fc.oneof(fc.constantFrom(45083, 40059, 45065, -1, 0, 12345), anyValue), times: anyValue });
const aimedBody = fc.oneof(speedBody, msgIdBody, sendBody, listBody, tokenBody, clockBody, appBody, failBody, faultBody);

type Body = { kind: string; text?: string; bytes?: number[]; protoTop?: boolean };
const asBody = (value: fc.Arbitrary<unknown>): fc.Arbitrary<Body> => fc.tuple(value, fc.boolean()).map(([v, protoTop]) => ({ kind: 'aimed', text: JSON.stringify(v), protoTop }));

/** A multipart form with the boundary of contentTypeArb's multipart type: parts well or badly named, files of any name and bytes, torn or not. */
const formPart = fc.record({
  name: fc.constantFrom('media', 'media', 'file', 'description', '__proto__', ''),
  filename: fc.option(fc.constantFrom('a.jpg', 'cover.JPEG', 'a.png', 'a.mp4', 'a.amr', 'noextension', '', '封面.jpg', 'a.jpg"; x="'), { nil: undefined }),
  head: fc.constantFrom<number[]>([0xff, 0xd8, 0xff, 0xe0], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70], [0x23, 0x21, 0x41, 0x4d, 0x52], []),
  tail: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 30 }),
});
const formBody: fc.Arbitrary<Body> = fc.tuple(fc.array(formPart, { maxLength: 3 }), fc.boolean()).map(([parts, torn]) => {
  const chunks: Buffer[] = parts.map((part) => {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    return Buffer.concat([Buffer.from(`--xyz\r\nContent-Disposition: ${disposition}\r\n\r\n`), Buffer.from([...part.head, ...part.tail]), Buffer.from('\r\n')]);
  });
  const bytes = Buffer.concat([...chunks, Buffer.from(torn ? '--xy' : '--xyz--\r\n')]);
  return { kind: 'multipart', bytes: [...bytes] };
});

/** A body as bytes on the wire, and a label for the report. */
const bodyArb: fc.Arbitrary<Body> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'empty', text: '' }), weight: 2 },
  { arbitrary: fc.tuple(aimedBody, fc.boolean()).map(([value, protoTop]) => ({ kind: 'aimed', text: JSON.stringify(value), protoTop })), weight: 8 },
  { arbitrary: fc.tuple(shapedBody, fc.boolean()).map(([value, protoTop]) => ({ kind: 'shaped', text: JSON.stringify(value), protoTop })), weight: 4 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => ({ kind: 'json of any shape', text: JSON.stringify(value) ?? 'null' })), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }).map((text) => ({ kind: 'not json', text })), weight: 3 },
  {
    arbitrary: fc.tuple(fc.constantFrom('speed', 'msg_id', 'article_idx', 'tag_id', 'fans', 'advance_ms'), hugeNumberText).map(([key, num]) => ({ kind: 'huge number', text: `{"${key}":${num},"filter":{"is_to_all":false,"tag_id":${num}},"msgtype":"text","text":{"content":"x"}}` })),
    weight: 2,
  },
  { arbitrary: fc.tuple(fc.constantFrom('array', 'object'), fc.constantFrom(100, 5000, 50_000)).map(([kind, depth]) => ({ kind: 'deep nesting', text: deepText(kind, depth) })), weight: 1 },
  {
    arbitrary: fc.constantFrom(PROTO_JSON, '{"__proto__":{"speed":1,"msg_id":1}}', '{"constructor":{"prototype":{"speed":2}}}', '{"filter":{"__proto__":{"is_to_all":true}},"msgtype":"text","text":{"content":"x"}}', '{"__proto__":null}', '[{"__proto__":{"polluted":"yes"}}]', '{"limits":{"__proto__":{"per_minute":0}}}', '{"push":{"__proto__":{"polluted":"yes"}},"tags":[{"__proto__":{"polluted":"yes"},"id":1,"name":"t","count":1}]}').map((text) => ({ kind: 'prototype keys', text })),
    weight: 2,
  },
  { arbitrary: fc.constantFrom('\uFEFF{"speed":1}', '{"speed":"\uD800"}', '{"text":{"content":"星标组 🎉 \u0000"},"msgtype":"text","filter":{"is_to_all":true}}', 'speed=1&msg_id=2', '<xml><speed>1</speed></xml>', 'null', '{"speed":1}{"speed":2}', '{"speed":1,}', '{"speed":1,"speed":9}', '{"secret":"\\u0073"}').map((text) => ({ kind: 'odd text', text })), weight: 2 },
  { arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }).map((bytes) => ({ kind: 'raw bytes', bytes: [0x7b, 0xff, 0xfe, ...bytes] })), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 300 }).map((kb) => ({ kind: 'large', text: `{"speed":1,"pad":"${'x'.repeat(kb * 1024)}"}` })), weight: 1 },
);

const segment = fc.oneof(
  fc.stringMatching(/^[a-z_]{1,10}$/),
  fc.constantFrom('message', 'mass', 'speed', 'get', 'set', 'token', 'sendall', '..', '.', '%2e%2e', '%00', '%ZZ', '%E4%B8%AD', '~', 'a;b', '', 'GET', 'messages', '3147494522', 'approve', 'reject', 'fail'),
);

const pathArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...WECHAT_PATHS), weight: 10 },
  { arbitrary: fc.array(segment, { maxLength: 4 }).map((parts) => `/cgi-bin/${parts.join('/')}`), weight: 3 },
  {
    arbitrary: fc.constantFrom('/__mock/health', '/__mock/state', '/__mock/apps', '/__mock/clock', '/__mock/reset', '/__mock/requests', '/__mock/', '/__mock', '/__mock/openapi.yaml', '/__mock/control.yaml', '/__mock/faults'),
    weight: 4,
  },
  { arbitrary: fc.tuple(fc.oneof(fc.constant(KNOWN_MSG_ID), segment), fc.constantFrom('approve', 'reject', 'fail', 'retry', '')).map(([id, action]) => `/__mock/messages/${id}/${action}`), weight: 3 },
  { arbitrary: fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `/__mock/${parts.join('/')}`), weight: 2 },
  { arbitrary: fc.constantFrom('/', '/favicon.ico', '//cgi-bin/token', '/cgi-bin', '/CGI-BIN/token', '/cgi-bin/token/', '/cgi-bin%2Ftoken', '/__MOCK/state', '*', 'http://mp.weixin.qq.com/cgi-bin/token'), weight: 1 },
);

const queryArb = fc.record({
  token: fc.constantFrom<'valid' | 'none' | 'garbage' | 'empty' | 'twice' | 'malformed'>('valid', 'valid', 'valid', 'none', 'garbage', 'empty', 'twice', 'malformed'),
  credentials: fc.boolean(),
  extra: fc.array(fc.tuple(fc.oneof(fc.constantFrom('appid', 'secret', 'grant_type', 'messages', 'operation', 'since', 'next_openid', '__proto__', 'constructor', 'access_token[]'), fc.string({ maxLength: 6 })), fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom(APPID, '0', '-1', '%ZZ', '1e400', '2026-11-22T00:00:00Z'))), { maxLength: 3 }),
});

function buildQuery(q: { token: string; credentials: boolean; extra: [string, string][] }, token: string): string {
  const params: string[] = [];
  if (q.token === 'valid') params.push(`access_token=${encodeURIComponent(token)}`);
  if (q.token === 'garbage') params.push('access_token=not-a-token');
  if (q.token === 'empty') params.push('access_token=');
  if (q.token === 'twice') params.push(`access_token=${encodeURIComponent(token)}`, 'access_token=other');
  if (q.token === 'malformed') params.push('access_token=%E0%A4%A', 'access_token=a%20b');
  if (q.credentials) params.push('grant_type=client_credential', `appid=${APPID}`, `secret=${SECRET}`);
  for (const [k, v] of q.extra) params.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return params.length === 0 ? '' : `?${params.join('&')}`;
}

const headerValue = fc
  .oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), fc.integer().map(String), fc.constantFrom('45083', '40059', '45065', '0', '-1', '99999', '1e3', ' 45083', 'gzip', 'deflate', 'bytes=0-1', '*', 'Bearer x'))
  .filter((value) => /^[\t\x20-\x7e]*$/.test(value));
const headersArb = fc.dictionary(
  fc.constantFrom('x-mock-errcode', 'authorization', 'accept', 'accept-encoding', 'content-encoding', 'cookie', 'origin', 'x-forwarded-for', 'x-http-method-override', 'if-none-match', 'range', 'x-random'),
  headerValue,
  { maxKeys: 4 },
);
const contentTypeArb = fc.constantFrom<string | undefined>(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; encoding=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16le',
  'garbage/;;=',
  '*/*',
);
const methodArb = fc.oneof({ arbitrary: fc.constant('POST'), weight: 6 }, { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND'), weight: 3 });

interface FuzzRequest {
  method: string;
  path: string;
  query: { token: 'valid' | 'none' | 'garbage' | 'empty' | 'twice' | 'malformed'; credentials: boolean; extra: [string, string][] };
  headers: Record<string, string>;
  contentType: string | undefined;
  body: Body;
}

/** A control call with a body aimed at it most of the time. */
const controlArb: fc.Arbitrary<FuzzRequest> = fc.oneof(
  ...(
    [
      ['/__mock/clock', clockBody],
      ['/__mock/apps', appBody],
      ['/__mock/faults', faultBody],
      [`/__mock/messages/${KNOWN_MSG_ID}/fail`, failBody],
      [`/__mock/messages/${KNOWN_MSG_ID}/approve`, fc.constant({})],
      [`/__mock/messages/${KNOWN_MSG_ID}/reject`, fc.constant({})],
      ['/__mock/reset', fc.constant({})],
    ] as const
  ).map(([path, body]) => fc.record({ method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'DELETE'), path: fc.constant(path), query: queryArb, headers: headersArb, contentType: contentTypeArb, body: fc.oneof({ arbitrary: asBody(body), weight: 3 }, { arbitrary: bodyArb, weight: 1 }) })),
  fc.record({ method: fc.constantFrom('GET', 'DELETE'), path: fc.constantFrom('/__mock/state', '/__mock/requests', '/__mock/faults', '/__mock/clock'), query: queryArb, headers: headersArb, contentType: contentTypeArb, body: bodyArb }),
);
/** A WeChat call with a body aimed at its operation most of the time. */
const AIMED_BY_OPERATION: Record<OperationId, fc.Arbitrary<Body>> = {
  getAccessToken: asBody(tokenBody),
  getStableAccessToken: asBody(tokenBody),
  setSpeed: asBody(speedBody),
  getSpeed: asBody(speedBody),
  massmsgget: asBody(msgIdBody),
  sendAll: asBody(sendBody),
  massSend: asBody(listBody),
  deleteMassMsg: asBody(msgIdBody),
  previewMassMsg: asBody(fc.oneof(sendBody, listBody)),
  uploadTempMedia: formBody,
  addMaterial: formBody,
  addDraft: asBody(articlesBody),
  uploadNews: asBody(articlesBody),
  uploadVideo: asBody(uploadVideoBody),
  getTags: asBody(taggingBody),
  createTag: asBody(tagBody),
  updateTag: asBody(tagBody),
  deleteTag: asBody(tagBody),
  getTagFans: asBody(taggingBody),
  batchTagging: asBody(taggingBody),
  batchUntagging: asBody(taggingBody),
  getUserTags: asBody(taggingBody),
  getFollowers: asBody(taggingBody),
  getDraft: asBody(draftIdBody),
  // Not aimed at the draft: a run that deletes it first could update it no more.
  deleteDraft: asBody(mediaIdBody),
  updateDraft: asBody(updateDraftBody),
  countDraft: asBody(pageBody),
  batchGetDraft: asBody(pageBody),
  getMaterialCount: asBody(pageBody),
  batchGetMaterial: asBody(pageBody),
  getMaterial: asBody(mediaIdBody),
  deleteMaterial: asBody(mediaIdBody),
  uploadImage: formBody,
  addNews: asBody(articlesBody),
};
const wechatArb: fc.Arbitrary<FuzzRequest> = fc.oneof(
  ...operationIds.map((id) =>
    fc.record({ method: methodArb, path: fc.constant(PATHS[id]), query: queryArb, headers: headersArb, contentType: contentTypeArb, body: fc.oneof({ arbitrary: AIMED_BY_OPERATION[id], weight: 3 }, { arbitrary: bodyArb, weight: 2 }) }),
  ),
);
/** Three kinds of request: anything anywhere; a WeChat call; a control call. */
const requestArb: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.record({ method: methodArb, path: pathArb, query: queryArb, headers: headersArb, contentType: contentTypeArb, body: bodyArb }),
  wechatArb,
  controlArb,
);

// ---------------------------------------------------------------- checks

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
const prototypeDescriptors = new Map(prototypeNames.map((name) => [name, Object.getOwnPropertyDescriptor(Object.prototype, name)]));

function expectPrototypesUntouched(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  for (const name of prototypeNames) expect(Object.getOwnPropertyDescriptor(Object.prototype, name), `Object.prototype.${name}`).toEqual(prototypeDescriptors.get(name));
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
}

function bare(path: string): string {
  const mark = path.indexOf('?');
  return mark === -1 ? path : path.slice(0, mark);
}

/** A 200 that is a file where the operation's contract documents one (getMaterial's image). */
function isFileAnswer(operationId: OperationId | undefined, answer: Answer): boolean {
  const mediaType = String(answer.headers['content-type']).split(';')[0] ?? '';
  return operationId !== undefined && answer.status === 200 && (getOperation(operationId)?.fileMediaTypes ?? []).includes(mediaType);
}

/** Checks one answer; the description names the request for the report. */
function checkAnswer(r: { method: string; path: string }, answer: Answer, what: string): void {
  expect(answer.status, `${what}: a 5xx answer ${answer.body.slice(0, 200)}`).toBeLessThan(500);
  const path = bare(r.path);
  if (!path.startsWith('/cgi-bin')) return;
  const operationId = OPERATION_BY_PATH.get(path);
  if (!isFileAnswer(operationId, answer)) {
    expect(String(answer.headers['content-type']), `${what}: /cgi-bin answers are JSON`).toMatch(/^application\/json\b/);
    if (r.method === 'HEAD') return;
    expect(() => JSON.parse(answer.body), `${what}: /cgi-bin answers are JSON, got ${answer.body.slice(0, 200)}`).not.toThrow();
  }
  if (operationId && answer.status === 200) {
    expect(validateExchange(operationId, { status: answer.status, headers: answer.headers, body: answer.body }), `${what}: ${answer.body.slice(0, 300)}`).toEqual([]);
  }
}

// ---------------------------------------------------------------- the server of one run

interface Fixture {
  server: MockServer;
  base: URL;
  token(): Promise<string>;
  msgIds: number[];
  /** The first followers of the default app, for the KNOWN_OPENID markers. */
  openids: string[];
  /** A draft of two articles, its cover (a thumb), an image and a video material, and a temporary image. */
  mediaIds: string[];
}

/** A multipart body with the file part media, as an SDK uploads one. */
function formOf(file: { filename: string; bytes: Buffer }, fields: Record<string, string> = {}): { contentType: string; body: Buffer } {
  const parts = Object.entries(fields).map(([name, value]) => `--xyz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const head = `${parts.join('')}--xyz\r\nContent-Disposition: form-data; name="media"; filename="${file.filename}"\r\n\r\n`;
  return { contentType: 'multipart/form-data; boundary=xyz', body: Buffer.concat([Buffer.from(head), file.bytes, Buffer.from('\r\n--xyz--\r\n')]) };
}

const open = new Set<MockServer>();
afterAll(async () => {
  for (const server of open) await server.close();
});

async function fixture(): Promise<Fixture> {
  const server = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 7 });
  open.add(server);
  const base = new URL(server.url);
  let latest: string | undefined;
  /** A fresh token; the last one when the run injected a fault into getAccessToken itself. */
  const token = async () => {
    const answer = await send(base, 'GET', `${PATHS.getAccessToken}?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`, {}, undefined);
    const body = JSON.parse(answer.body) as { access_token?: string };
    if (typeof body.access_token === 'string') latest = body.access_token;
    if (latest === undefined) throw new Error(`no token: ${answer.body}`);
    return latest;
  };
  const first = await token();
  const msgIds: number[] = [];
  for (const body of [
    { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: DEFAULT_NEWS_MEDIA_ID } },
    { filter: { is_to_all: false, tag_id: 100 }, msgtype: 'text', text: { content: 'hello' } },
  ]) {
    const answer = await send(base, 'POST', `${PATHS.sendAll}?access_token=${first}`, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(body)));
    msgIds.push((JSON.parse(answer.body) as { msg_id: number }).msg_id);
  }
  const followers = await send(base, 'GET', `${PATHS.getFollowers}?access_token=${first}`, {}, undefined);
  const openids = (JSON.parse(followers.body) as { data: { openid: string[] } }).data.openid.slice(0, 2);
  const mediaId = async (operationId: OperationId, query: string, payload: { contentType: string; body: Buffer }) => {
    const answer = await send(base, 'POST', `${PATHS[operationId]}?access_token=${first}${query}`, { 'content-type': payload.contentType }, payload.body);
    return (JSON.parse(answer.body) as { media_id: string }).media_id;
  };
  const cover = await mediaId('addMaterial', '&type=thumb', formOf(FILES.jpeg));
  const article = { title: 't', content: '<p>c</p>', thumb_media_id: cover };
  const draft = await mediaId('addDraft', '', { contentType: 'application/json', body: Buffer.from(JSON.stringify({ articles: [article, article] })) });
  const image = await mediaId('addMaterial', '&type=image', formOf(FILES.png));
  const video = await mediaId('addMaterial', '&type=video', formOf(FILES.mp4, { description: '{"title":"clip"}' }));
  const temporary = await mediaId('uploadTempMedia', '&type=image', formOf(FILES.png));
  return { server, base, token, msgIds, openids, mediaIds: [draft, cover, image, video, temporary] };
}

async function closeFixture(f: Fixture): Promise<void> {
  open.delete(f.server);
  await f.server.close();
}

function bodyBytes(body: FuzzRequest['body'], f: Fixture): Buffer | undefined {
  if (body.bytes) return Buffer.from(body.bytes);
  let text = expandMarkers(body.text ?? '', f.msgIds, f.openids, f.mediaIds);
  if (body.protoTop && text.startsWith('{') && text.length > 2) text = `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},${text.slice(1)}`;
  return text === '' ? undefined : Buffer.from(text, 'utf8');
}

async function play(f: Fixture, r: FuzzRequest): Promise<Answer> {
  const token = r.query.token === 'valid' || r.query.token === 'twice' ? await f.token() : '';
  const path = r.path.replace(KNOWN_MSG_ID, String(f.msgIds[0])) + buildQuery(r.query, token);
  const headers: Record<string, string> = { ...r.headers };
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  const answer = await send(f.base, r.method, path, headers, bodyBytes(r.body, f));
  checkAnswer(r, answer, `${r.method} ${path} (${r.body.kind} body)`);
  return answer;
}

/** After every run: the server is up, its state reads as JSON, nothing leaked into prototypes. */
async function checkAfter(f: Fixture): Promise<void> {
  const health = await send(f.base, 'GET', '/__mock/health', {}, undefined);
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toEqual({ ok: true });
  const state = await send(f.base, 'GET', '/__mock/state', {}, undefined);
  expect(state.status, `GET /__mock/state after the run: ${state.body.slice(0, 300)}`).toBe(200);
  const parsed = JSON.parse(state.body) as { apps?: unknown };
  expect(Array.isArray(parsed.apps)).toBe(true);
  // The request journal is state too: whatever was recorded must read back.
  const journal = await send(f.base, 'GET', '/__mock/requests', {}, undefined);
  expect(journal.status, `GET /__mock/requests after the run: ${journal.body.slice(0, 300)}`).toBeLessThan(500);
  expect(() => JSON.parse(journal.body), 'GET /__mock/requests answers JSON').not.toThrow();
  expectPrototypesUntouched();
}

// ---------------------------------------------------------------- properties

/** A request as the arbitraries would make it, for the inputs every run checks first. */
function known(method: string, path: string, text: string): FuzzRequest {
  return { method, path, query: { token: 'valid', credentials: false, extra: [] }, headers: {}, contentType: 'application/json', body: { kind: 'known case', text } };
}

/**
 * Cases found by earlier fuzzing, checked first on every run so they stay covered whatever the
 * random draw: the global or one app's clock moved past the last date a JavaScript Date holds
 * (8.64e15 ms); a clientmsgid nested 20,000 deep (sendAll stringifies it); bodies nested 5,000
 * deep that the request journal walks (a secret key) or keeps and serialises on GET /__mock/requests.
 */
const KNOWN_CASES: [FuzzRequest[]][] = [
  [[known('POST', '/__mock/clock', '{"advance_ms":9007199254740991}')]],
  [[known('POST', '/__mock/clock', `{"advance_ms":9007199254740991,"appid":"${APPID}"}`)]],
  [[known('POST', PATHS.sendAll, `{"filter":{"is_to_all":true},"msgtype":"text","text":{"content":"x"},"clientmsgid":${deepText('array', 20_000)}}`)]],
  [[known('POST', PATHS.getStableAccessToken, `{"grant_type":"client_credential","appid":"${APPID}","secret":"${SECRET}","x":${deepText('array', 5000)}}`)]],
  [[known('POST', PATHS.massmsgget, `{"msg_id":${deepText('array', 5000)}}`)]],
];

/** Plays `requests` against a fresh mock, then checks that it is up and its state intact. */
async function playOnFreshMock(requests: FuzzRequest[]): Promise<void> {
  const f = await fixture();
  try {
    for (const r of requests) await play(f, r);
    await checkAfter(f);
  } finally {
    await closeFixture(f);
  }
}

describe('fuzzing the mock over HTTP', () => {
  it('never answers 5xx, answers /cgi-bin in JSON within the contract, and stays up with its state intact, whatever the requests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(requestArb, { minLength: 1, maxLength: 5 }), playOnFreshMock),
      { seed: SEED, numRuns: 220, interruptAfterTimeLimit: 50_000, examples: KNOWN_CASES },
    );
  });

  it('answers every WeChat operation with a valid token within its contract, whatever the body and Content-Type', async () => {
    const wechatRequest = wechatArb.map((r): FuzzRequest => {
      const forced = r.headers['x-mock-errcode'];
      return { ...r, method: 'POST', query: { ...r.query, token: 'valid' }, headers: forced === undefined ? {} : { 'x-mock-errcode': forced } };
    });
    await fc.assert(
      fc.asyncProperty(fc.array(wechatRequest, { minLength: 1, maxLength: 4 }), playOnFreshMock),
      { seed: SEED + 1, numRuns: 150, interruptAfterTimeLimit: 40_000 },
    );
  });

  it('answers the multipart and draft endpoints, and the material ones, within their contract, against real drafts and material, and stays up', async () => {
    const LIBRARY: OperationId[] = ['uploadTempMedia', 'addMaterial', 'uploadImage', 'addDraft', 'uploadNews', 'getDraft', 'updateDraft', 'deleteDraft', 'countDraft', 'batchGetDraft', 'getMaterialCount', 'batchGetMaterial', 'getMaterial', 'deleteMaterial', 'addNews'];
    const multipart = new Set<OperationId>(['uploadTempMedia', 'addMaterial', 'uploadImage']);
    const aimed = (id: OperationId) => (multipart.has(id) ? fc.oneof({ arbitrary: uploadForm, weight: 3 }, { arbitrary: formBody, weight: 1 }) : id === 'addDraft' || id === 'uploadNews' ? asBody(libraryArticlesBody) : AIMED_BY_OPERATION[id]);
    const libraryRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
      ...LIBRARY.map((id) =>
        fc.record({
          method: fc.constantFrom('POST', 'POST', 'POST', 'POST', 'POST', 'GET'),
          path: fc.constant(PATHS[id]),
          query: fc.record({ token: fc.constant<'valid'>('valid'), credentials: fc.constant(false), extra: fc.array(fc.tuple(fc.constant('type'), fc.constantFrom('image', 'voice', 'video', 'thumb', 'news', '')), { minLength: multipart.has(id) ? 1 : 0, maxLength: 1 }) }),
          headers: fc.constant({}),
          contentType: multipart.has(id) ? fc.oneof({ arbitrary: fc.constant('multipart/form-data; boundary=xyz'), weight: 5 }, { arbitrary: contentTypeArb, weight: 1 }) : contentTypeArb,
          body: fc.oneof({ arbitrary: aimed(id), weight: 4 }, { arbitrary: bodyArb, weight: 1 }),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(libraryRequest, { minLength: 1, maxLength: 5 }), playOnFreshMock),
      { seed: SEED + 2, numRuns: 150, interruptAfterTimeLimit: 40_000 },
    );
  });

  it('leaves Object.prototype untouched after every request above', () => {
    expectPrototypesUntouched();
  });
});
