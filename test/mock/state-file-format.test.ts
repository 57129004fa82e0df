/**
 * State file format 3: private, small records, bounded by compaction, format 2 still read, and a
 * change the file cannot take is not applied.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp, startMockServer, type MockOptions } from '../../mock/index.js';
import { createClock } from '../../mock/domain/clock.js';
import { WX_ERRORS } from '../../mock/domain/errors.js';
import { setSpeed } from '../../mock/domain/sends.js';
import type { StateFileIo } from '../../mock/persistence/state-log.js';
import { FILES, MPNEWS_TO_ALL, PATHS, T0 } from '../helpers.js';

const tokenQuery = { grant_type: 'client_credential', appid: 'wx0000000000000001', secret: 'mocksecret' };

function stateFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'wxmock-format-')), 'state.jsonl');
}

function open(file: string, options: MockOptions = {}) {
  const warnings: string[] = [];
  const app = createApp({ clock: createClock({ mode: 'manual', start: T0 }), seed: 5, stateFile: file, validateResponses: true, warn: (line) => warnings.push(line), ...options });
  const http = supertest(app);
  const token = async () => (await http.get(PATHS.getAccessToken).query(tokenQuery)).body.access_token as string;
  return { app, http, warnings, token };
}

function lines(file: string): Record<string, any>[] {
  return readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
}

const mode = (file: string) => statSync(file).mode & 0o777;

/** A closed file holding one send of MPNEWS_TO_ALL by the default app, its token and the send's msg_id. */
async function fileWithOneSend(): Promise<{ file: string; token: string; sent: number }> {
  const file = stateFile();
  const seed = open(file);
  const token = await seed.token();
  const sent = (await seed.http.post(PATHS.sendAll).query({ access_token: token }).send(MPNEWS_TO_ALL)).body.msg_id as number;
  seed.app.mock.stateFile!.close();
  return { file, token, sent };
}

/** Writes `file` again with each of its lines (the header first) as `change` makes it, as an older mock would have. */
function rewriteLines(file: string, change: (line: Record<string, any>, index: number) => Record<string, any>): void {
  writeFileSync(file, lines(file).map((line, i) => JSON.stringify(change(line, i))).join('\n') + '\n', { mode: 0o600 });
}

describe('a private file', () => {
  it('is created 0600 and stays 0600 after compaction', async () => {
    const file = stateFile();
    const first = open(file);
    expect(mode(file)).toBe(0o600);
    await first.http.post('/__mock/apps').send({ fans: 10 });
    first.app.mock.stateFile!.close();
    expect(mode(file)).toBe(0o600);
  });

  it('tightens a file others can read, and says so once', () => {
    const file = stateFile();
    open(file).app.mock.stateFile!.close();
    fs.chmodSync(file, 0o644);
    const again = open(file);
    expect(mode(file)).toBe(0o600);
    expect(again.warnings).toEqual([expect.stringMatching(/readable by others \(mode 644\).*now 600/)]);
    again.app.mock.stateFile!.close();
  });
});

describe('format 3', () => {
  it('writes what a change touched, not the whole app', async () => {
    const file = stateFile();
    const mock = open(file);
    const token = await mock.token();
    const before = readFileSync(file).length;
    await mock.http.post(PATHS.setSpeed).query({ access_token: token }).send({ speed: 3 });
    const appended = readFileSync(file).subarray(before).toString('utf8');
    expect(appended.trimEnd().split('\n')).toHaveLength(1);
    const record = JSON.parse(appended) as { t: string; appid: string; set: Record<string, unknown> };
    expect(record).toMatchObject({ t: 'app-set', appid: 'wx0000000000000001', set: { speed: 3 } });
    expect(Object.keys(record.set).every((key) => ['speed', 'work_at', 'work_base'].includes(key))).toBe(true);
    expect(appended.length).toBeLessThan(120);
    mock.app.mock.stateFile!.close();
  });

  it('reads a format 2 file and rewrites it as format 3', async () => {
    const { file, token, sent } = await fileWithOneSend();
    // A compacted file is whole records only: what format 2 held, under a version 2 header.
    rewriteLines(file, (line, i) => (i === 0 ? { ...line, version: 2 } : line));

    const again = open(file);
    expect(again.app.mock.stateFile!.restored).toEqual({ apps: 1, messages: 1 });
    expect(lines(file)[0]).toMatchObject({ format: 'wechat-mass-mock/state', version: 3 });
    expect((await again.http.post(PATHS.massmsgget).query({ access_token: token }).send({ msg_id: sent })).body).toEqual({ msg_id: sent, msg_status: 'SENDING' });
    again.app.mock.stateFile!.close();
  });

  it('refuses a record type it does not know, naming the line, and leaves the file as it was', () => {
    const file = stateFile();
    open(file).app.mock.stateFile!.close();
    fs.appendFileSync(file, '{"t":"hologram","x":1}\n');
    const bytes = readFileSync(file);
    expect(() => open(file)).toThrow(/line 4 is a "hologram" record/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('restores small records over whole ones: speeds, tokens, clientmsgids, statuses, push-free ends', async () => {
    const file = stateFile();
    const first = open(file);
    const token = await first.token();
    await first.http.post(PATHS.setSpeed).query({ access_token: token }).send({ speed: 4 });
    const sent = (await first.http.post(PATHS.sendAll).query({ access_token: token }).send({ ...MPNEWS_TO_ALL, clientmsgid: 'kept' })).body.msg_id as number;
    await first.http.post(`/__mock/messages/${sent}/fail`).send({ status: 'err(20001)' });
    // No close: a kill leaves the log as it is.
    const second = open(file);
    expect((await second.http.post(PATHS.getSpeed).query({ access_token: token })).body).toEqual({ speed: 4, realspeed: 10 });
    expect((await second.http.post(PATHS.massmsgget).query({ access_token: token }).send({ msg_id: sent })).body).toEqual({ msg_id: sent, msg_status: 'SEND_FAIL' });
    second.app.mock.sim.advance(61_000);
    const again = await second.http.post(PATHS.sendAll).query({ access_token: token }).send({ ...MPNEWS_TO_ALL, clientmsgid: 'kept' });
    expect(again.body).toMatchObject({ errcode: 45065, msg_id: sent });
    second.app.mock.stateFile!.close();
  });
});

describe('media and drafts', () => {
  it('writes each upload and draft as one record, and restores them with the media policy, so a draft sends after a restart', async () => {
    const file = stateFile();
    const first = open(file);
    const token = await first.token();
    const before = readFileSync(file).length;
    const thumb = (await first.http.post(PATHS.addMaterial).query({ access_token: token, type: 'thumb' }).attach('media', FILES.jpeg.bytes, FILES.jpeg.filename)).body.media_id as string;
    const draft = (await first.http.post(PATHS.addDraft).query({ access_token: token }).send({ articles: [{ title: 't', content: 'c', thumb_media_id: thumb }] })).body.media_id as string;
    await first.http.patch('/__mock/apps/wx0000000000000001').send({ media: 'any' });
    const appended = readFileSync(file).subarray(before).toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    expect(appended.map((record) => record['t'])).toEqual(['media', 'draft', 'app-set']);
    expect(appended[0]).toEqual({ t: 'media', appid: 'wx0000000000000001', media: expect.objectContaining({ media_id: thumb, file: expect.objectContaining({ filename: 'cover.jpg' }) }) });
    expect(JSON.stringify(appended[0])).not.toContain(FILES.jpeg.bytes.toString('base64'));
    const view = (await first.http.get('/__mock/state')).body.apps[0];

    // No close: a kill leaves the log as it is; then a clean close compacts it, and a third start reads the compacted file.
    const second = open(file);
    expect((await second.http.get('/__mock/state')).body.apps[0]).toMatchObject({ media: 'any', library: view.library, drafts: view.drafts });
    second.app.mock.stateFile!.close();
    const third = open(file);
    expect((await third.http.get('/__mock/state')).body.apps[0]).toMatchObject({ library: view.library, drafts: view.drafts });
    const sent = await third.http.post(PATHS.sendAll).query({ access_token: token }).send({ ...MPNEWS_TO_ALL, mpnews: { media_id: draft } });
    expect(sent.body.errcode).toBe(0);
    third.app.mock.stateFile!.close();
  });

  it('writes an update as the draft again and a delete as a small record, and restores both, killed or closed', async () => {
    const file = stateFile();
    const first = open(file);
    const token = await first.token();
    const post = (path: string, body: object) => first.http.post(path).query({ access_token: token }).send(body);
    const thumb = (await first.http.post(PATHS.addMaterial).query({ access_token: token, type: 'thumb' }).attach('media', FILES.jpeg.bytes, FILES.jpeg.filename)).body.media_id as string;
    const image = (await first.http.post(PATHS.addMaterial).query({ access_token: token, type: 'image' }).attach('media', FILES.png.bytes, FILES.png.filename)).body.media_id as string;
    const [kept, dropped] = [(await post(PATHS.addDraft, { articles: [{ title: 'old', content: 'c', thumb_media_id: thumb }] })).body.media_id as string, (await post(PATHS.addDraft, { articles: [{ title: 'x', content: 'c', thumb_media_id: thumb }] })).body.media_id as string];
    const before = readFileSync(file).length;
    await post(PATHS.updateDraft, { media_id: kept, index: 0, articles: { title: 'new', content: 'c', thumb_media_id: thumb } });
    await post(PATHS.deleteDraft, { media_id: dropped });
    await post(PATHS.deleteMaterial, { media_id: image });
    const appended = readFileSync(file).subarray(before).toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    expect(appended).toEqual([
      { t: 'draft', appid: 'wx0000000000000001', draft: expect.objectContaining({ media_id: kept, updated_at: T0 }) },
      { t: 'draft-del', appid: 'wx0000000000000001', media_id: dropped },
      { t: 'media-del', appid: 'wx0000000000000001', media_id: image },
    ]);
    const view = (await first.http.get('/__mock/state')).body.apps[0];
    expect([view.library.length, view.drafts.length]).toEqual([1, 2]);

    const second = open(file);
    expect((await second.http.get('/__mock/state')).body.apps[0]).toMatchObject({ library: view.library, drafts: view.drafts });
    second.app.mock.stateFile!.close();
    const third = open(file);
    expect((await third.http.get('/__mock/state')).body.apps[0]).toMatchObject({ library: view.library, drafts: view.drafts });
    expect((await third.http.post(PATHS.getDraft).query({ access_token: token }).send({ media_id: kept })).body.news_item[0].title).toBe('new');
    expect((await third.http.post(PATHS.getDraft).query({ access_token: token }).send({ media_id: dropped })).body.errcode).toBe(40007);
    third.app.mock.stateFile!.close();
  });

  it('reads a send written before sends recorded their articles as a send of one', async () => {
    const { file, sent } = await fileWithOneSend();
    rewriteLines(file, (line) => (line['t'] === 'msg' ? { ...line, msg: { ...line['msg'], articles: undefined } } : line));
    const again = open(file);
    expect((await again.http.get('/__mock/state')).body.apps[0].messages).toEqual([expect.objectContaining({ msg_id: sent, articles: 1 })]);
    again.app.mock.stateFile!.close();
  });
});

describe('tags and tagging', () => {
  /** Every fan of tag 100, page by page. */
  async function tagFans(http: ReturnType<typeof open>['http'], token: string): Promise<string[]> {
    const fans: string[] = [];
    let next = '';
    for (;;) {
      const page = (await http.post(PATHS.getTagFans).query({ access_token: token }).send({ tagid: 100, next_openid: next })).body;
      if (page.count === 0) return fans;
      fans.push(...page.data.openid);
      next = page.next_openid;
    }
  }

  it('records a tagging call as the fans it changed, not the tag of 1,000 members, and restores the members from it', async () => {
    const file = stateFile();
    const first = open(file);
    const token = await first.token();
    const followers = (await first.http.get(PATHS.getFollowers).query({ access_token: token })).body.data.openid as string[];
    const members = new Set(await tagFans(first.http, token));
    const outsiders = followers.filter((openid) => !members.has(openid)).slice(0, 3);
    const before = readFileSync(file).length;
    await first.http.post(PATHS.batchTagging).query({ access_token: token }).send({ openid_list: outsiders, tagid: 100 });
    const appended = readFileSync(file).subarray(before).toString('utf8').trimEnd().split('\n');
    expect(appended).toHaveLength(1);
    expect(JSON.parse(appended[0]!)).toEqual({ t: 'tagging', appid: 'wx0000000000000001', tagid: 100, op: 'tag', fans: expect.any(Array) });
    expect(appended[0]!.length).toBeLessThan(120);
    await first.http.post(PATHS.batchUntagging).query({ access_token: token }).send({ openid_list: [...members].slice(0, 2), tagid: 100 });
    const created = (await first.http.post(PATHS.createTag).query({ access_token: token }).send({ tag: { name: '广东' } })).body.tag.id as number;
    const expected = await tagFans(first.http, token);
    expect(expected).toHaveLength(1001);

    // No close: the records as they were appended; then the file that restart compacted.
    for (let start = 0; start < 2; start++) {
      const again = open(file);
      expect(await tagFans(again.http, token)).toEqual(expected);
      const { tags } = (await again.http.get(PATHS.getTags).query({ access_token: token })).body;
      expect(tags.slice(0, 3)).toEqual([{ id: 2, name: '星标组', count: 0 }, { id: 100, name: '测试组', count: 1001 }, { id: created, name: '广东', count: 0 }]);
      // createTag goes on after every id given before the restart.
      const next = (await again.http.post(PATHS.createTag).query({ access_token: token }).send({ tag: { name: `after ${start}` } })).body.tag.id as number;
      expect(next).toBe(tags.at(-1).id + 1);
      again.app.mock.stateFile!.close();
    }
  });

  it('takes back a tagging call whose write failed', async () => {
    const file = stateFile();
    const io = flakyIo();
    const mock = open(file, { stateFileIo: io });
    const token = await mock.token();
    const before = await tagFans(mock.http, token);
    const followers = (await mock.http.get(PATHS.getFollowers).query({ access_token: token })).body.data.openid as string[];
    io.failing = true;
    expect((await mock.http.post(PATHS.batchTagging).query({ access_token: token }).send({ openid_list: followers.slice(0, 50), tagid: 100 })).body.errcode).toBe(-1);
    expect((await mock.http.post(PATHS.batchUntagging).query({ access_token: token }).send({ openid_list: before.slice(0, 50), tagid: 100 })).body.errcode).toBe(-1);
    io.failing = false;
    expect(await tagFans(mock.http, token)).toEqual(before);
    mock.app.mock.stateFile!.close();
  });
});

describe('a bounded file', () => {
  it('stays within max(3 × live, 2 MiB) over 100,000 writes, compacting in the background', async () => {
    const file = stateFile();
    const reopened = open(file);
    const again = reopened.app.mock.sim;
    const target = again.store.apps.get('wx0000000000000001')!;
    // Some live state besides the writes.
    for (let i = 0; i < 200; i++) {
      const created = again.createApp({ fans: 10, tags: Array.from({ length: 20 }, (_, id) => ({ id: id + 100, name: `tag ${id}`, count: 1 })) });
      expect(created.ok).toBe(true);
    }
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      again.unit(() => setSpeed(again.ctx, target, { speed: i % 5 }));
      if (i % 500 === 0) {
        largest = Math.max(largest, statSync(file).size);
        // Lets the background compaction take its slices, as requests between answers would.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    largest = Math.max(largest, statSync(file).size);
    const stats = reopened.app.mock.stateFile!.stats();
    reopened.app.mock.stateFile!.close();
    const live = statSync(file).size;
    expect(stats.compactions).toBeGreaterThan(0);
    expect(largest).toBeLessThanOrEqual(Math.max(3 * live, 2 * 1024 * 1024));
    expect(largest).toBeGreaterThan(1024 * 1024);
  });
});

/** node:fs, except that writes fail (like a full disk) while `failing` is set, after writing `partial` bytes. */
function flakyIo(): StateFileIo & { failing: boolean; partial: number } {
  const io = {
    ...(fs as unknown as StateFileIo),
    failing: false,
    partial: 0,
    writeSync(fd: number, buffer: Buffer, offset: number, length: number): number {
      if (!io.failing) return fs.writeSync(fd, buffer, offset, length);
      if (io.partial > 0 && offset === 0) return fs.writeSync(fd, buffer, 0, Math.min(io.partial, length));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  };
  return io;
}

describe('write, then apply', () => {
  it('answers -1 and applies nothing when the append fails, keeps what was acknowledged, and says why once', async () => {
    const file = stateFile();
    const io = flakyIo();
    const mock = open(file, { stateFileIo: io });
    const token = await mock.token();
    await mock.http.post(PATHS.setSpeed).query({ access_token: token }).send({ speed: 2 });
    const kept = (await mock.http.post(PATHS.sendAll).query({ access_token: token }).send(MPNEWS_TO_ALL)).body.msg_id as number;
    const clockBefore = (await mock.http.get('/__mock/clock')).body.now as string;
    const sizeBefore = readFileSync(file).length;

    io.failing = true;
    io.partial = 7;
    const refused = await mock.http.post(PATHS.setSpeed).query({ access_token: token }).send({ speed: 4 });
    expect(refused.status).toBe(200);
    expect(refused.body.errcode).toBe(-1);
    expect(refused.body.errmsg.startsWith(WX_ERRORS[-1].text)).toBe(true);
    const refusedSend = await mock.http.post(PATHS.sendAll).query({ access_token: token }).send({ ...MPNEWS_TO_ALL, clientmsgid: 'lost' });
    expect(refusedSend.body.errcode).toBe(-1);
    const created = await mock.http.post('/__mock/apps').send({ fans: 5 });
    expect(created.status).toBe(500);
    expect(created.body).toMatchObject({ error: 'state_write_failed', message: expect.stringMatching(/ENOSPC.*not applied/) });
    const moved = await mock.http.post('/__mock/clock').send({ advance_ms: 60_000 });
    expect(moved.body.error).toBe('state_write_failed');
    const approve = await mock.http.post(`/__mock/messages/${kept}/fail`).send({});
    expect(approve.body.error).toBe('state_write_failed');

    // Nothing of it was applied, and the file holds exactly what it held.
    expect((await mock.http.post(PATHS.getSpeed).query({ access_token: token })).body.speed).toBe(2);
    expect(mock.app.mock.sim.store.apps.size).toBe(1);
    expect((await mock.http.get('/__mock/clock')).body.now).toBe(clockBefore);
    expect((await mock.http.post(PATHS.massmsgget).query({ access_token: token }).send({ msg_id: kept })).body.msg_status).toBe('SENDING');
    expect(mock.app.mock.sim.store.apps.get('wx0000000000000001')!.message_ids).toEqual([kept]);
    expect(readFileSync(file).length).toBe(sizeBefore);
    expect(mock.warnings.filter((line) => /could not be written.*ENOSPC/.test(line))).toHaveLength(1);

    io.failing = false;
    await mock.http.post(PATHS.setSpeed).query({ access_token: token }).send({ speed: 1 });
    expect(mock.warnings.at(-1)).toMatch(/is written again/);
    const restarted = open(file);
    expect((await restarted.http.post(PATHS.getSpeed).query({ access_token: token })).body.speed).toBe(1);
    expect(restarted.app.mock.stateFile!.restored).toEqual({ apps: 1, messages: 1 });
    restarted.app.mock.stateFile!.close();
  });

  it('takes back what a failed send created: its message, its clientmsgid and its quota count', async () => {
    const file = stateFile();
    const io = flakyIo();
    const mock = open(file, { stateFileIo: io, apps: [{ appid: 'wxquota0000000001', secret: 's', fans: 50, limits: { daily_mass_quota: 1 } }] });
    const token = (await mock.http.get(PATHS.getAccessToken).query({ ...tokenQuery, appid: 'wxquota0000000001', secret: 's' })).body.access_token as string;
    io.failing = true;
    expect((await mock.http.post(PATHS.sendAll).query({ access_token: token }).send({ ...MPNEWS_TO_ALL, clientmsgid: 'retry-me' })).body.errcode).toBe(-1);
    io.failing = false;
    const retried = await mock.http.post(PATHS.sendAll).query({ access_token: token }).send({ ...MPNEWS_TO_ALL, clientmsgid: 'retry-me' });
    expect(retried.body).toMatchObject({ errcode: 0 });
    expect(mock.app.mock.sim.store.apps.get('wxquota0000000001')!.message_ids).toEqual([retried.body.msg_id]);
    mock.app.mock.stateFile!.close();
  });

  it('puts back a draft update and deletes the file could not take', async () => {
    const file = stateFile();
    const io = flakyIo();
    const mock = open(file, { stateFileIo: io });
    const token = await mock.token();
    const post = (path: string, body: object) => mock.http.post(path).query({ access_token: token }).send(body);
    const thumb = (await mock.http.post(PATHS.addMaterial).query({ access_token: token, type: 'thumb' }).attach('media', FILES.jpeg.bytes, FILES.jpeg.filename)).body.media_id as string;
    const draft = (await post(PATHS.addDraft, { articles: [{ title: 'old', content: 'c', thumb_media_id: thumb }] })).body.media_id as string;
    const app = mock.app.mock.sim.store.apps.get('wx0000000000000001')!;
    const before = { library: [...app.library.values()], drafts: [...app.drafts.values()] };
    io.failing = true;
    expect((await post(PATHS.updateDraft, { media_id: draft, index: 0, articles: { title: 'new', content: 'c', thumb_media_id: thumb } })).body.errcode).toBe(-1);
    expect((await post(PATHS.deleteDraft, { media_id: draft })).body.errcode).toBe(-1);
    expect((await post(PATHS.deleteMaterial, { media_id: thumb })).body.errcode).toBe(-1);
    expect({ library: [...app.library.values()], drafts: [...app.drafts.values()] }).toEqual(before);
    io.failing = false;
    expect((await post(PATHS.getDraft, { media_id: draft })).body.news_item[0].title).toBe('old');
    mock.app.mock.stateFile!.close();
  });

  it('takes back the media and the draft a failed write issued', async () => {
    const file = stateFile();
    const io = flakyIo();
    const mock = open(file, { stateFileIo: io });
    const token = await mock.token();
    const thumb = (await mock.http.post(PATHS.addMaterial).query({ access_token: token, type: 'thumb' }).attach('media', FILES.jpeg.bytes, FILES.jpeg.filename)).body.media_id as string;
    io.failing = true;
    const upload = await mock.http.post(PATHS.uploadTempMedia).query({ access_token: token, type: 'thumb' }).attach('media', FILES.jpeg.bytes, FILES.jpeg.filename);
    expect(upload.body.errcode).toBe(-1);
    const draft = await mock.http.post(PATHS.addDraft).query({ access_token: token }).send({ articles: [{ title: 't', content: 'c', thumb_media_id: thumb }] });
    expect(draft.body.errcode).toBe(-1);
    const app = mock.app.mock.sim.store.apps.get('wx0000000000000001')!;
    expect([...app.library.keys()]).toEqual([thumb]);
    expect(app.drafts.size).toBe(0);
    io.failing = false;
    mock.app.mock.stateFile!.close();
    const restarted = open(file);
    const restored = restarted.app.mock.sim.store.apps.get('wx0000000000000001')!;
    expect([[...restored.library.keys()], restored.drafts.size]).toEqual([[thumb], 0]);
    restarted.app.mock.stateFile!.close();
  });
});

describe('calls answered in one turn', () => {
  /** Sends `requests` pipelined in one TCP write, so the server reads them all in one turn, and returns the JSON bodies in order. */
  async function pipelined(port: number, requests: { path: string; body: unknown }[]): Promise<Record<string, any>[]> {
    const raw = requests
      .map(({ path, body }) => {
        const text = JSON.stringify(body);
        return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
      })
      .join('');
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const bodies = await new Promise<string[]>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('data', (chunk) => {
        received += chunk.toString('utf8');
        const found = [...received.matchAll(/\r\n\r\n(\{[^\r]*?\})(?=HTTP\/1\.1|$)/g)].map((m) => m[1]!);
        if (found.length === requests.length) resolve(found);
      });
      socket.write(raw);
    });
    socket.destroy();
    return bodies.map((text) => JSON.parse(text) as Record<string, any>);
  }

  /** node:fs counting the appends to the state file (compactions write elsewhere), and failing them while `failing`. */
  function countingIo(file: string): StateFileIo & { appends: string[]; failing: boolean } {
    const fds = new Set<number>();
    const io = {
      ...(fs as unknown as StateFileIo),
      appends: [] as string[],
      failing: false,
      openSync(path: string, flags: string, mode?: number): number {
        const fd = fs.openSync(path, flags, mode);
        if (path === file && flags === 'a') fds.add(fd);
        return fd;
      },
      writeSync(fd: number, buffer: Buffer, offset: number, length: number): number {
        if (!fds.has(fd)) return fs.writeSync(fd, buffer, offset, length);
        if (io.failing) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
        io.appends.push(buffer.subarray(offset, offset + length).toString('utf8'));
        return fs.writeSync(fd, buffer, offset, length);
      },
    };
    return io;
  }

  async function started(file: string, io: StateFileIo) {
    const server = await startMockServer({ clock: { mode: 'manual' }, seed: 5, stateFile: file, stateFileIo: io, warn: () => {} });
    const port = Number(new URL(server.url).port);
    const token = (await (await fetch(`${server.url}${PATHS.getAccessToken}?${new URLSearchParams(tokenQuery)}`)).json()).access_token as string;
    const at = (path: string) => `${path}?access_token=${token}`;
    return { server, port, at };
  }

  it('writes their changes with one append, before any of them is answered', async () => {
    const file = stateFile();
    const io = countingIo(file);
    const { server, port, at } = await started(file, io);
    try {
      io.appends.length = 0;
      const answers = await pipelined(port, [
        { path: at(PATHS.setSpeed), body: { speed: 3 } },
        { path: at(PATHS.sendAll), body: MPNEWS_TO_ALL },
        { path: at(PATHS.getSpeed), body: {} },
      ]);
      expect(answers[0]).toMatchObject({ errcode: 0 });
      expect(answers[1]).toMatchObject({ errcode: 0, msg_id: expect.any(Number) });
      expect(answers[2]).toMatchObject({ speed: 3 });
      expect(io.appends).toHaveLength(1);
      const records = io.appends[0]!.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
      expect(records.map((record) => record.t)).toEqual(expect.arrayContaining(['app-set', 'msg']));
      expect(records.find((record) => record.t === 'app-set')?.set.speed).toBe(3);
    } finally {
      await server.close();
    }
    const restarted = open(file);
    expect(restarted.app.mock.sim.store.apps.get('wx0000000000000001')!.speed).toBe(3);
    expect(restarted.app.mock.stateFile!.restored.messages).toBe(1);
    restarted.app.mock.stateFile!.close();
  });

  it('answers them all -1 when that append fails, the read that saw their changes too, and applies none', async () => {
    const file = stateFile();
    const io = countingIo(file);
    const { server, port, at } = await started(file, io);
    try {
      io.failing = true;
      const answers = await pipelined(port, [
        { path: at(PATHS.setSpeed), body: { speed: 3 } },
        { path: at(PATHS.sendAll), body: MPNEWS_TO_ALL },
        { path: at(PATHS.getSpeed), body: {} },
      ]);
      expect(answers.map((answer) => answer.errcode)).toEqual([-1, -1, -1]);
      expect(answers.every((answer) => String(answer.errmsg).startsWith(WX_ERRORS[-1].text))).toBe(true);
      const sim = server.app.mock.sim;
      expect(sim.store.apps.get('wx0000000000000001')!.speed).toBe(0);
      expect(sim.store.messages.size).toBe(0);
      io.failing = false;
      const [after] = await pipelined(port, [{ path: at(PATHS.getSpeed), body: {} }]);
      expect(after).toEqual({ speed: 0, realspeed: 80 });
    } finally {
      await server.close();
    }
  });
});
