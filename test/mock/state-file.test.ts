import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createApp } from '../../mock/index.js';
import { createClock } from '../../mock/domain/clock.js';
import { StateFileError } from '../../mock/persistence/state-file.js';
import { MPNEWS_TO_ALL, PATHS, T0 } from '../helpers.js';

const tokenQuery = { grant_type: 'client_credential', appid: 'wx0000000000000001', secret: 'mocksecret' };

function stateFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'wxmock-state-')), 'state.jsonl');
}

/** A mock on `file`; a new one on the same file without closing the first is what a kill -9 leaves. */
function open(file: string, start = T0) {
  const app = createApp({ clock: createClock({ mode: 'manual', start }), seed: 11, stateFile: file, validateResponses: true });
  return { app, http: supertest(app) };
}

describe('--state-file', () => {
  it('keeps every acknowledged change without a clean shutdown: apps, tokens, speeds, messages, clocks', async () => {
    const file = stateFile();
    const first = open(file);
    const token = (await first.http.get(PATHS.getAccessToken).query(tokenQuery)).body.access_token as string;
    await first.http.post(PATHS.setSpeed).query({ access_token: token }).send({ speed: 3 });
    const created = (await first.http.post('/__mock/apps').send({ fans: 10, protection: true, limits: { daily_mass_quota: 5 } })).body;
    const otherToken = (await first.http.get(PATHS.getAccessToken).query({ ...tokenQuery, appid: created.appid, secret: created.secret })).body.access_token as string;
    const held = (await first.http.post(PATHS.sendAll).query({ access_token: otherToken }).send(MPNEWS_TO_ALL)).body.msg_id as number;
    const sent = (await first.http.post(PATHS.sendAll).query({ access_token: token }).send({ ...MPNEWS_TO_ALL, clientmsgid: 'once' })).body.msg_id as number;
    await first.http.post('/__mock/clock').send({ advance_ms: 60_000 });
    await first.http.post('/__mock/clock').send({ advance_ms: 5_000, appid: created.appid });
    await first.http.post(`/__mock/messages/${held}/approve`);

    const second = open(file);
    const restored = second.app.mock.stateFile!.restored;
    expect(restored).toEqual({ apps: 2, messages: 2 });
    expect((await second.http.get('/__mock/clock')).body.now).toBe(new Date(T0 + 60_000).toISOString());
    expect((await second.http.post(PATHS.getSpeed).query({ access_token: token })).body).toEqual({ speed: 3, realspeed: 30 });
    expect((await second.http.post(PATHS.massmsgget).query({ access_token: otherToken }).send({ msg_id: held })).body.msg_status).toBe('SENDING');
    const state = (await second.http.get('/__mock/state').query({ appid: created.appid })).body.apps[0];
    expect(state).toMatchObject({ fans: 10, protection: true, offset_ms: 5_000, limits: { daily_mass_quota: 5 }, message_count: 1 });
    const again = await second.http.post(PATHS.sendAll).query({ access_token: token }).send({ ...MPNEWS_TO_ALL, clientmsgid: 'once' });
    expect(again.body).toMatchObject({ errcode: 45065, msg_id: sent });
    second.app.mock.stateFile!.close();
  });

  it('restores sends in flight and ended ones with their times: a restart moves no end', async () => {
    const file = stateFile();
    const first = open(file);
    const token = (await first.http.get(PATHS.getAccessToken).query(tokenQuery)).body.access_token as string;
    const send = async (body: object) => (await first.http.post(PATHS.sendAll).query({ access_token: token }).send(body)).body.msg_id as number;
    const tagged = await send({ filter: { is_to_all: false, tag_id: 100 }, msgtype: 'text', text: { content: 'hi' } }); // 1,000 fans: 75 ms
    await first.http.post('/__mock/clock').send({ advance_ms: 1_000 });
    const all = await send(MPNEWS_TO_ALL); // 1,000,000 fans: 75 s at 80 万 a minute
    await first.http.post('/__mock/clock').send({ advance_ms: 30_000 }); // 400,000 sent
    await first.http.post(PATHS.setSpeed).query({ access_token: token }).send({ speed: 4 }); // the rest at 10 万 a minute: 6 minutes

    const second = open(file);
    const messages = (await second.http.get('/__mock/state')).body.apps[0].messages;
    expect(messages).toMatchObject([
      { msg_id: tagged, status: 'SEND_SUCCESS', finished_at: new Date(T0 + 75).toISOString() },
      { msg_id: all, status: 'SENDING', sent: 400_000, due_at: new Date(T0 + 31_000 + 360_000).toISOString() },
    ]);
    await second.http.post('/__mock/clock').send({ advance_ms: 359_999 });
    expect((await second.http.post(PATHS.massmsgget).query({ access_token: token }).send({ msg_id: all })).body.msg_status).toBe('SENDING');
    await second.http.post('/__mock/clock').send({ advance_ms: 1 });
    expect((await second.http.post(PATHS.massmsgget).query({ access_token: token }).send({ msg_id: all })).body.msg_status).toBe('SEND_SUCCESS');
    second.app.mock.stateFile!.close();
  });

  it('hands out new ids after a restart, never the restored ones', async () => {
    const file = stateFile();
    const first = open(file);
    const token = (await first.http.get(PATHS.getAccessToken).query(tokenQuery)).body.access_token as string;
    const a = (await first.http.post(PATHS.sendAll).query({ access_token: token }).send(MPNEWS_TO_ALL)).body.msg_id;
    const appA = (await first.http.post('/__mock/apps').send({})).body.appid;
    first.app.mock.stateFile!.close();
    const second = open(file);
    const b = (await second.http.post(PATHS.sendAll).query({ access_token: token }).send(MPNEWS_TO_ALL)).body.msg_id;
    const appB = (await second.http.post('/__mock/apps').send({})).body.appid;
    expect(b).not.toBe(a);
    expect(appB).not.toBe(appA);
    second.app.mock.stateFile!.close();
  });

  it('recovers from a torn last record', async () => {
    const file = stateFile();
    const first = open(file);
    await first.http.post(PATHS.setSpeed).query({ access_token: (await first.http.get(PATHS.getAccessToken).query(tokenQuery)).body.access_token }).send({ speed: 2 });
    appendFileSync(file, '{"t":"msg","msg":{"msg_id":31');
    const second = open(file);
    expect(second.app.mock.stateFile!.recovered).toBe(true);
    expect(second.app.mock.sim.store.apps.get('wx0000000000000001')!.speed).toBe(2);
    second.app.mock.stateFile!.close();
    expect(readFileSync(file, 'utf8')).not.toContain('"msg_id":31\n');
  });

  it('refuses a corrupt file and leaves it untouched', async () => {
    const file = stateFile();
    const first = open(file);
    await first.http.post('/__mock/apps').send({});
    first.app.mock.stateFile!.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(2, 0, 'this is not json');
    const corrupt = lines.join('\n');
    writeFileSync(file, corrupt);
    expect(() => open(file)).toThrow(StateFileError);
    expect(() => open(file)).toThrow(/line 3 is corrupt; the file was left untouched/);
    expect(readFileSync(file, 'utf8')).toBe(corrupt);
  });

  it('refuses a file that is not a state file and leaves it untouched', () => {
    const file = stateFile();
    writeFileSync(file, '{"name":"my-project","version":"1.0.0"}\n');
    expect(() => open(file)).toThrow(/is not a wechat-mass-mock state file/);
    expect(readFileSync(file, 'utf8')).toBe('{"name":"my-project","version":"1.0.0"}\n');
  });

  it('restores a reset: the apps created before it are gone', async () => {
    const file = stateFile();
    const first = open(file);
    const created = (await first.http.post('/__mock/apps').send({})).body.appid;
    await first.http.post('/__mock/reset');
    const second = open(file);
    expect(second.app.mock.sim.store.apps.has(created)).toBe(false);
    expect(second.app.mock.sim.store.apps.has('wx0000000000000001')).toBe(true);
    second.app.mock.stateFile!.close();
  });
});
