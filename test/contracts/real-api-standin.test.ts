/**
 * Against a stand-in for the real API (the mock behind a recording proxy that hides /__mock), the
 * suite must change nothing by default, and with allow-writes must restore the speed it changed,
 * even when a check in between fails.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatSummary } from '../../contracts/reports.js';
import { runContractSuite } from '../../contracts/run-contract-suite.js';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { PATHS } from '../helpers.js';

const APPID = 'wx0000000000000001';
const SECRET = 'mocksecret';
/** Calls that change the account whenever they are authenticated: sends, and what stores or deletes content. */
const WRITE_PATHS = [
  PATHS.sendAll,
  PATHS.massSend,
  PATHS.previewMassMsg,
  PATHS.deleteMassMsg,
  PATHS.uploadTempMedia,
  PATHS.addMaterial,
  PATHS.addDraft,
  PATHS.uploadNews,
  PATHS.uploadVideo,
  PATHS.updateDraft,
  PATHS.deleteDraft,
  PATHS.deleteMaterial,
  PATHS.uploadImage,
  PATHS.addNews,
];
/** The content library's operations, of which only the count and list reads may run against the real API. */
const LIBRARY_OPERATIONS = ['getDraft', 'deleteDraft', 'updateDraft', 'countDraft', 'batchGetDraft', 'getMaterialCount', 'batchGetMaterial', 'getMaterial', 'deleteMaterial', 'uploadImage', 'addNews'] as const;

interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

interface StandIn {
  url: string;
  calls: RecordedCall[];
  /** Tokens the stand-in handed out: a call carrying one of them is authenticated. */
  tokens: Set<string>;
  close(): Promise<void>;
}

/** Forwards everything but /__mock to the mock, as the real API would answer it, and records each call. */
async function startStandIn(mockUrl: string, tamper?: (call: RecordedCall, text: string) => string): Promise<StandIn> {
  const calls: RecordedCall[] = [];
  const tokens = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const call = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString('utf8') };
      calls.push(call);
      if (url.pathname.startsWith('/__mock')) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html>404 Not Found</html>');
        return;
      }
      const answer = await fetch(`${mockUrl}${req.url ?? '/'}`, { method: call.method, headers: { 'content-type': 'application/json' }, body: call.method === 'GET' ? undefined : call.body });
      let text = await answer.text();
      const token = (JSON.parse(text) as { access_token?: unknown }).access_token;
      if (typeof token === 'string') tokens.add(token);
      if (tamper) text = tamper(call, text);
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    tokens,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function setSpeedValue(call: RecordedCall): unknown {
  return call.path === PATHS.setSpeed ? (JSON.parse(call.body || '{}') as { speed?: unknown }).speed : undefined;
}

/** A call that could change the account: a token rotation, a forced refresh, an accepted speed, or an authenticated send. */
function changesState(call: RecordedCall, tokens: Set<string>): boolean {
  if (call.path === PATHS.getAccessToken) return true;
  if (call.path === PATHS.getStableAccessToken) return (JSON.parse(call.body) as { force_refresh?: unknown }).force_refresh === true;
  const authenticated = tokens.has(call.query.get('access_token') ?? '');
  if (!authenticated) return false;
  const speed = setSpeedValue(call);
  if (typeof speed === 'number' && speed >= 0 && speed <= 4) return true;
  return WRITE_PATHS.includes(call.path);
}

async function defaultApp(mock: MockServer) {
  return (await mock.control.state()).apps.find((app) => app.appid === APPID);
}

let mock: MockServer;

beforeEach(async () => {
  mock = await startMockServer({ clock: { mode: 'manual' }, seed: 11 });
  // A speed other than the default, so restoring it is visible.
  const { access_token } = (await (await fetch(`${mock.url}${PATHS.getStableAccessToken}`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET }) })).json()) as { access_token: string };
  await fetch(`${mock.url}${PATHS.setSpeed}?access_token=${access_token}`, { method: 'POST', body: '{"speed":3}' });
});

afterEach(async () => {
  await mock.close();
});

describe('the contract suite against the real API (a recording stand-in)', () => {
  it('treats an unknown server as the real API and passes its safe checks', async () => {
    const standIn = await startStandIn(mock.url);
    const report = await runContractSuite({ url: standIn.url, appid: APPID, secret: SECRET });
    await standIn.close();
    expect(report.target.kind).toBe('real');
    expect(report.failed, formatSummary(report)).toBe(0);
    expect(report.passed).toBeGreaterThanOrEqual(12);
  });

  it('makes no state-changing call by default', async () => {
    const standIn = await startStandIn(mock.url);
    const before = await defaultApp(mock);
    await runContractSuite({ url: standIn.url, appid: APPID, secret: SECRET });
    await standIn.close();
    expect(standIn.calls.filter((call) => changesState(call, standIn.tokens)).map((c) => `${c.method} ${c.path} ${c.body}`)).toEqual([]);
    expect(standIn.calls.some((call) => call.path === PATHS.getAccessToken)).toBe(false);
    const after = await defaultApp(mock);
    expect(after?.speed).toBe(3);
    expect(after?.message_count).toBe(before?.message_count);
  });

  it('runs only the count and list reads of the draft box and the material, with allow-writes too', async () => {
    for (const allowWrites of [false, true]) {
      const standIn = await startStandIn(mock.url);
      const report = await runContractSuite({ url: standIn.url, appid: APPID, secret: SECRET, allowWrites });
      await standIn.close();
      expect(report.failed, formatSummary(report)).toBe(0);
      const libraryPaths = new Map(LIBRARY_OPERATIONS.map((id) => [PATHS[id], id]));
      const authenticated = standIn.calls.filter((call) => standIn.tokens.has(call.query.get('access_token') ?? '') && libraryPaths.has(call.path));
      expect(new Set(authenticated.map((call) => `${call.method} ${libraryPaths.get(call.path)}`))).toEqual(
        new Set(['GET countDraft', 'POST batchGetDraft', 'GET getMaterialCount', 'POST batchGetMaterial']),
      );
      expect(authenticated.filter((call) => call.path === PATHS.batchGetMaterial).map((call) => JSON.parse(call.body).type)).toEqual(['image', 'video', 'voice', 'news']);
    }
  });

  it('with allow-writes changes the speed and restores it', async () => {
    const standIn = await startStandIn(mock.url);
    const report = await runContractSuite({ url: standIn.url, appid: APPID, secret: SECRET, allowWrites: true });
    await standIn.close();
    expect(report.failed, formatSummary(report)).toBe(0);
    const authenticated = standIn.calls.filter((call) => standIn.tokens.has(call.query.get('access_token') ?? ''));
    expect(authenticated.map(setSpeedValue).filter((s) => typeof s === 'number' && s <= 4)).toEqual([4, 3]);
    expect((await defaultApp(mock))?.speed).toBe(3);
  });

  it('with allow-writes restores the speed even when the check in between fails', async () => {
    let wrote = false;
    const standIn = await startStandIn(mock.url, (call, text) => {
      if (setSpeedValue(call) === 4 && text.includes('"errcode":0')) wrote = true;
      // After the write, getSpeed breaks the contract: speed as a string.
      return wrote && call.path === PATHS.getSpeed ? text.replace(/"speed":(\d)/, '"speed":"$1"') : text;
    });
    const report = await runContractSuite({ url: standIn.url, appid: APPID, secret: SECRET, allowWrites: true });
    await standIn.close();
    const failed = report.checks.filter((c) => c.outcome === 'failed');
    expect(failed.map((c) => [c.name, c.violations.map((v) => `${v.check} ${v.where}`)])).toEqual([['getSpeed then answers speed 4', ['schema body.speed']]]);
    expect(report.checks.find((c) => c.name === 'setSpeed restores the original speed 3')?.outcome).toBe('passed');
    expect((await defaultApp(mock))?.speed).toBe(3);
  });

  it('never calls /cgi-bin/token, even with allow-writes', async () => {
    const standIn = await startStandIn(mock.url);
    await runContractSuite({ url: standIn.url, appid: APPID, secret: SECRET, allowWrites: true });
    await standIn.close();
    expect(standIn.calls.map((c) => c.path)).not.toContain(PATHS.getAccessToken);
  });

  it('takes a given token instead of asking stable_token', async () => {
    const standIn = await startStandIn(mock.url);
    const { access_token } = (await (await fetch(`${mock.url}${PATHS.getStableAccessToken}`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET }) })).json()) as { access_token: string };
    const report = await runContractSuite({ url: standIn.url, token: access_token });
    await standIn.close();
    expect(report.failed, formatSummary(report)).toBe(0);
    expect(standIn.calls.map((c) => c.path)).not.toContain(PATHS.getStableAccessToken);
    expect(report.checks.find((c) => c.scenario === 'getStableAccessToken in normal mode answers a token')?.outcome).toBe('skipped');
    expect(JSON.stringify(report)).not.toContain(access_token);
  });
});
