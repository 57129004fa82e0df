/**
 * The one request path: what a request carries, that a read never ends a send (only the clock does),
 * and that each request or clock move is recorded once.
 */
import { request, type IncomingMessage } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../mock/domain/changes.js';
import { wechatRequestOf } from '../../mock/http/serve-wechat.js';
import { markTunnel } from '../../mock/http/tunnel.js';
import type { WechatRequest } from '../../mock/wechat/wechat-request.js';
import { listenLocally } from '../listen-locally.js';
import { MPNEWS_TO_ALL, newMock, PATHS, TEXT_TO_TAG, type TestMock } from '../helpers.js';

/** 1,000 fans at speed 0 (80万 a minute): a send to the default app's tag is due 75 ms after it starts. */
const DUE_MS = 75;

function stateFileIn(): string {
  return join(mkdtempSync(join(tmpdir(), 'wxmock-path-')), 'state.jsonl');
}

async function sendToTag(mock: TestMock): Promise<{ token: string; msgId: number }> {
  const token = await mock.token();
  const res = await mock.post(PATHS.sendAll, token, TEXT_TO_TAG);
  expect(res.body.errcode, JSON.stringify(res.body)).toBe(0);
  return { token, msgId: res.body.msg_id as number };
}

describe('reads do not end sends; the clock does', () => {
  it('shows a due send as ended in massmsgget and the state view, without ending it, pushing or recording it', async () => {
    const file = stateFileIn();
    const mock = newMock({ stateFile: file });
    const { token, msgId } = await sendToTag(mock);
    const { sim } = mock.app.mock;
    const ended: number[] = [];
    sim.onFinish((message) => ended.push(message.msg_id));
    // Moves only the clock object, as the real clock moves between ticks.
    sim.clock.advance(DUE_MS);
    const sizeBefore = readFileSync(file).length;

    expect((await mock.post(PATHS.massmsgget, token, { msg_id: msgId })).body).toEqual({ msg_id: msgId, msg_status: 'SEND_SUCCESS' });
    const view = (await mock.http.get('/__mock/state')).body.apps[0].messages.find((m: { msg_id: number }) => m.msg_id === msgId);
    expect(view).toMatchObject({ status: 'SEND_SUCCESS', sent: 1000, event_status: 'send success' });

    expect(sim.store.messages.get(msgId)?.status).toBe('SENDING');
    expect(ended).toEqual([]);
    expect(readFileSync(file).length).toBe(sizeBefore);

    sim.tick();
    expect(sim.store.messages.get(msgId)?.status).toBe('SEND_SUCCESS');
    expect(ended).toEqual([msgId]);
    const last = readFileSync(file, 'utf8').trimEnd().split('\n').at(-1)!;
    expect(JSON.parse(last)).toEqual({ t: 'msg-set', msg_id: msgId, set: { status: 'SEND_SUCCESS', finished_at: expect.any(Number), event_status: 'send success' } });
    mock.app.mock.stateFile?.close();
  });

  it('ends a due send before a write acts on it: delete finds it sent', async () => {
    const mock = newMock();
    const token = await mock.token();
    const sent = await mock.post(PATHS.sendAll, token, { ...MPNEWS_TO_ALL, filter: { is_to_all: false, tag_id: 100 } });
    mock.app.mock.sim.clock.advance(DUE_MS);
    expect(mock.app.mock.sim.store.messages.get(sent.body.msg_id)?.status).toBe('SENDING');
    expect((await mock.post(PATHS.deleteMassMsg, token, { msg_id: sent.body.msg_id })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(mock.app.mock.sim.store.messages.get(sent.body.msg_id)?.status).toBe('DELETE');
  });
});

describe('one record of changes per unit of work', () => {
  it('commits a request once, with everything it touched, and a read without limits not at all', async () => {
    const mock = newMock();
    const commits: ChangeSet[] = [];
    mock.app.mock.sim.onCommit((changes) => commits.push(changes));
    const { token, msgId } = await sendToTag(mock);
    // The token request, then the send: the app (usage, work count) and the new message together.
    expect(commits).toHaveLength(2);
    expect([...commits[1]!.apps.keys()].map((app) => app.appid)).toEqual(['wx0000000000000001']);
    expect([...commits[1]!.messages.keys()]).toEqual([msgId]);

    await mock.post(PATHS.massmsgget, token, { msg_id: msgId });
    await mock.post(PATHS.getSpeed, token);
    expect(commits).toHaveLength(2);

    // The clock's move is written before it is made; the tick that follows is a unit of its own.
    const before = mock.app.mock.sim.clock.now();
    mock.advance(60_000);
    expect(commits).toHaveLength(4);
    expect(commits[2]).toMatchObject({ clock: before + 60_000 });
    expect([...commits[3]!.messages.keys()].map((id) => mock.app.mock.sim.store.messages.get(id)?.status)).toEqual(['SEND_SUCCESS']);
  });

  it('records a read when the app counts calls for its limits', async () => {
    const mock = newMock();
    const { appid } = await mock.createApp({ limits: { per_minute: 100 } });
    const token = await mock.token(appid);
    const commits: ChangeSet[] = [];
    mock.app.mock.sim.onCommit((changes) => commits.push(changes));
    await mock.post(PATHS.getSpeed, token);
    expect(commits).toHaveLength(1);
    expect([...commits[0]!.apps.keys()][0]?.usage.minute_calls).toBe(2);
  });
});

/** POSTs on a connection of its own, so each request is on a new socket. */
function postAlone(url: string, body: Buffer, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('what a request carries', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('carries the raw body as bytes, its Content-Type, the Host header, and the tunnel host when one was marked', async () => {
    const seen: WechatRequest[] = [];
    const local = await listenLocally((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push(wechatRequestOf(req, '/cgi-bin/media/upload', 'type=image', Buffer.concat(chunks)));
        res.end();
      });
    });
    close = local.close;
    let tunnelled = false;
    local.server.on('connection', (socket) => {
      if (tunnelled) markTunnel(socket, 'api.weixin.qq.com');
    });
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x80]);
    await postAlone(`${local.url}/cgi-bin/media/upload?type=image`, bytes, { 'content-type': 'image/jpeg', 'x-mock-errcode': '40007' });
    tunnelled = true;
    await postAlone(`${local.url}/cgi-bin/media/upload?type=image`, bytes, {});

    expect(seen[0]).toMatchObject({ method: 'POST', path: '/cgi-bin/media/upload', query: 'type=image', contentType: 'image/jpeg', forcedErrcode: '40007', tunnel: undefined });
    expect(seen[0]!.body.equals(bytes)).toBe(true);
    expect(seen[0]!.host).toBe(new URL(local.url).host);
    expect(seen[1]).toMatchObject({ contentType: undefined, forcedErrcode: undefined, tunnel: { host: 'api.weixin.qq.com' } });
  });
});
