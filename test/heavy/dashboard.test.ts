/**
 * The dashboard in a real headless Chromium (Debian's, through playwright-core): a protected send
 * is approved from the page, the clock is moved from the page, and the send is seen to succeed;
 * each app's content (drafts, material, temporary media) is shown and follows the API live.
 * Screenshots land in reports/dashboard.png and reports/dashboard-content.png for CI to keep. Next
 * to them, the attacks the mock must stand in a browser: a page on another site posting to it, and
 * a page on a rebound name.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/index.js';
import type { AppView } from '../../mock/control/views.js';
import { FILES, MPNEWS_TO_ALL, PATHS, T0, type TestFile } from '../helpers.js';
import { listenLocally, type LocalServer } from '../listen-locally.js';
import { startReceiver, type Receiver } from '../push/receiver.js';

/** Names under .invalid that this browser alone resolves to loopback: another site, and a name rebound to the mock. */
const ATTACKER = 'attacker.invalid';
const REBOUND = 'rebound.invalid';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--host-resolver-rules=MAP ${ATTACKER} 127.0.0.1, MAP ${REBOUND} 127.0.0.1`,
];

let browser: Browser;
let mock: MockServer | undefined;
let page: Page | undefined;
let receiver: Receiver | undefined;
let attacker: LocalServer | undefined;
/** Console errors and uncaught exceptions of the page: a dashboard that throws fails its test. */
let pageErrors: string[] = [];

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await page?.close();
  page = undefined;
  await mock?.close();
  mock = undefined;
  await receiver?.close();
  receiver = undefined;
  await attacker?.close();
  attacker = undefined;
});

async function openDashboard(server: MockServer): Promise<Page> {
  pageErrors = [];
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // A 401 before the token is given is expected and logged by Chromium as a failed resource.
    if (message.type() === 'error' && !/401/.test(message.text())) pageErrors.push(message.text());
  });
  await page.goto(`${server.url}/__mock/`);
  return page;
}

async function tokenFor(server: MockServer, app: { appid: string; secret: string }): Promise<string> {
  const res = await fetch(`${server.url}${PATHS.getAccessToken}?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function sendAll(server: MockServer, token: string): Promise<number> {
  const res = await fetch(`${server.url}${PATHS.sendAll}?access_token=${token}`, { method: 'POST', body: JSON.stringify(MPNEWS_TO_ALL) });
  const body = (await res.json()) as { msg_id: number };
  expect(body.msg_id).toBeTypeOf('number');
  return body.msg_id;
}

describe('the dashboard', () => {
  it('approves a protected send, advances the clock and shows SEND_SUCCESS', async () => {
    mock = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 11 });
    // A callback handler that echoes the verification GET and accepts the push.
    receiver = await startReceiver((request) => ({ body: request.method === 'GET' ? (request.url.searchParams.get('echostr') ?? '') : 'success' }));
    const app = (await mock.control.createApp({ protection: true, fans: 2_000_000, callback_url: receiver.url, callback_token: 'dashToken1' })) as AppView;
    const msgId = await sendAll(mock, await tokenFor(mock, app));
    await mock.control.fault({ operation: 'getSpeed', http_status: 503, times: 2 });

    const p = await openDashboard(mock);
    expect(await p.title()).toContain('wechat-mass-mock');
    const pending = p.locator(`[data-testid="pending-row"][data-msg-id="${msgId}"]`);
    await pending.waitFor();
    expect(await p.getByTestId('pending-count').textContent()).toBe('1');
    const appRow = p.locator(`[data-testid="app-row"][data-appid="${app.appid}"]`);
    await appRow.waitFor();
    const status = p.locator(`[data-testid="message-row"][data-msg-id="${msgId}"] [data-testid="message-status"]`);
    await expect.poll(() => status.textContent()).toBe('AWAITING_CONFIRMATION');

    await pending.getByTestId('approve').click();
    await pending.waitFor({ state: 'detached' });
    await expect.poll(() => status.textContent()).toBe('SENDING');
    expect(await p.getByTestId('pending-empty').isVisible()).toBe(true);
    expect(await p.getByTestId('notice').textContent()).toContain(`Approved ${msgId}`);

    // 2,000,000 fans at 80万 a minute take 150 s: move only this app's clock 3 minutes, from the page.
    await p.getByTestId('advance-target').selectOption(app.appid);
    await p.getByTestId('advance-amount').fill('3');
    await p.getByTestId('advance-unit').selectOption({ label: 'minutes' });
    await p.getByTestId('advance-button').click();
    await expect.poll(() => status.textContent()).toBe('SEND_SUCCESS');
    const state = await mock.control.state();
    const after = state.apps.find((a) => a.appid === app.appid);
    expect(after?.offset_ms).toBe(180_000);
    expect(state.now).toBe(new Date(T0).toISOString()); // the global clock did not move
    expect(await p.locator(`[data-testid="message-row"][data-msg-id="${msgId}"] [data-testid="event-status"]`).textContent()).toBe('send success');
    await expect.poll(() => p.locator(`[data-testid="message-row"][data-msg-id="${msgId}"] [data-testid="push-status"]`).textContent()).toBe('delivered (1 attempt)');

    // The speed select is a PATCH: getSpeed shows it.
    await appRow.getByTestId('speed-select').selectOption('3');
    await expect.poll(async () => (await mock!.control.state()).apps.find((a) => a.appid === app.appid)?.speed).toBe(3);

    // The fault is listed; the journal's tail shows the calls made so far.
    await expect.poll(() => p.getByTestId('fault-row').count()).toBe(1);
    expect(await p.getByTestId('fault-row').textContent()).toContain('HTTP 503');
    await expect.poll(() => p.getByTestId('journal-row').count(), { timeout: 5000 }).toBeGreaterThan(0);

    mkdirSync('reports', { recursive: true });
    await p.screenshot({ path: 'reports/dashboard.png', fullPage: true });
    expect(await p.getByTestId('error-banner').isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('shows empty states and rejects from the page', async () => {
    mock = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 12 });
    const p = await openDashboard(mock);
    await p.getByTestId('app-row').first().waitFor();
    expect(await p.getByTestId('messages-empty').isVisible()).toBe(true);
    expect(await p.getByTestId('pending-empty').isVisible()).toBe(true);

    const app = (await mock.control.createApp({ protection: true })) as AppView;
    const msgId = await sendAll(mock, await tokenFor(mock, app));
    const pending = p.locator(`[data-testid="pending-row"][data-msg-id="${msgId}"]`);
    await pending.getByTestId('reject').click();
    const row = p.locator(`[data-testid="message-row"][data-msg-id="${msgId}"]`);
    await expect.poll(() => row.getByTestId('message-status').textContent()).toBe('SEND_FAIL');
    expect(await row.getByTestId('event-status').textContent()).toBe('err(40001)');
    expect(pageErrors).toEqual([]);
  });

  it('shows each app\'s tags with the fans they have now, tagging included', async () => {
    mock = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 15 });
    const app = (await mock.control.createApp({ fans: 5000, tags: [{ id: 2, name: '星标组', count: 12 }, { id: 100, name: 'vip', count: 1500 }] })) as AppView;
    const p = await openDashboard(mock);
    const tags = p.locator(`[data-testid="app-row"][data-appid="${app.appid}"] [data-testid="app-tags"]`);
    await expect.poll(() => tags.textContent()).toBe('2 星标组: 12 · 100 vip: 1,500');
    // Two followers tagged through the API: the page follows the count getTags answers.
    const token = await tokenFor(mock, app);
    const members = await fetch(`${mock.url}${PATHS.getTagFans}?access_token=${token}`, { method: 'POST', body: JSON.stringify({ tagid: 100 }) });
    const inTag = new Set(((await members.json()) as { data: { openid: string[] } }).data.openid);
    const followers = await fetch(`${mock.url}${PATHS.getFollowers}?access_token=${token}`);
    const outsiders = ((await followers.json()) as { data: { openid: string[] } }).data.openid.filter((openid) => !inTag.has(openid)).slice(0, 2);
    await fetch(`${mock.url}${PATHS.batchTagging}?access_token=${token}`, { method: 'POST', body: JSON.stringify({ openid_list: outsiders, tagid: 100 }) });
    await expect.poll(() => tags.textContent()).toBe('2 星标组: 12 · 100 vip: 1,502');
    const defaultTags = p.locator('[data-testid="app-row"][data-appid="wx0000000000000001"] [data-testid="app-tags"]');
    expect(await defaultTags.textContent()).toBe('2 星标组: 0 · 100 测试组: 1,000');
    expect(pageErrors).toEqual([]);
  });

  it('shows the control API\'s error when an action is refused', async () => {
    mock = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 13 });
    const p = await openDashboard(mock);
    await p.getByTestId('app-row').first().waitFor();
    await p.getByTestId('advance-amount').fill('-5');
    await p.getByTestId('advance-button').click();
    // The browser's own validation (min=0) or the page's check stops it; either way nothing moved.
    expect((await mock.control.state()).now).toBe(new Date(T0).toISOString());
    await p.getByTestId('advance-amount').fill('1');
    // A message that no longer waits: approving it answers 409, which the page shows. The page is
    // served a frozen state, so the row stays on screen after the send was rejected behind its back.
    const app = (await mock.control.createApp({ protection: true })) as AppView;
    const msgId = await sendAll(mock, await tokenFor(mock, app));
    const pending = p.locator(`[data-testid="pending-row"][data-msg-id="${msgId}"]`);
    await pending.waitFor();
    let frozen: string | undefined;
    await p.route('**/__mock/state?*', async (route) => {
      frozen ??= await (await route.fetch()).text();
      await route.fulfill({ status: 200, contentType: 'application/json', body: frozen });
    });
    await expect.poll(() => frozen !== undefined).toBe(true);
    await mock.control.reject(msgId);
    await pending.getByTestId('approve').click();
    const banner = p.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(new RegExp(`message ${msgId} is SEND_FAIL: it cannot be approved`));
    await p.unroute('**/__mock/state?*');
    await pending.waitFor({ state: 'detached' });
  });
});

/** A multipart upload of `file` as the part media, the way an SDK posts one. */
async function upload(server: MockServer, token: string, operationId: 'uploadTempMedia' | 'addMaterial', type: string, file: TestFile): Promise<string> {
  const form = new FormData();
  form.set('media', new Blob([new Uint8Array(file.bytes)]), file.filename);
  const res = await fetch(`${server.url}${PATHS[operationId]}?access_token=${token}&type=${type}`, { method: 'POST', body: form });
  const body = (await res.json()) as { media_id: string };
  expect(body.media_id, JSON.stringify(body)).toBeTypeOf('string');
  return body.media_id;
}

async function post(server: MockServer, operationId: keyof typeof PATHS, token: string, body: unknown): Promise<Record<string, unknown>> {
  return (await (await fetch(`${server.url}${PATHS[operationId]}?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) })).json()) as Record<string, unknown>;
}

describe('the content panel', () => {
  it('shows each app’s drafts with their titles, material by type and temporary media with their time left, and follows changes live', async () => {
    mock = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 15 });
    const app = (await mock.control.createApp({})) as AppView;
    const token = await tokenFor(mock, app);
    const cover = await upload(mock, token, 'addMaterial', 'thumb', FILES.jpeg);
    await upload(mock, token, 'addMaterial', 'image', FILES.png);
    await upload(mock, token, 'addMaterial', 'voice', FILES.amr);
    const clip = await upload(mock, token, 'uploadTempMedia', 'video', FILES.mp4);
    await upload(mock, token, 'uploadTempMedia', 'image', FILES.png);
    const article = (title: string) => ({ title, content: `<p>${title}</p>`, thumb_media_id: cover });
    const draft = (await post(mock, 'addDraft', token, { articles: [article('Hello'), article('World')] })).media_id as string;
    const other = (await post(mock, 'addDraft', token, { articles: [article('Another')] })).media_id as string;

    const p = await openDashboard(mock);
    const card = p.locator(`[data-testid="content-app"][data-appid="${app.appid}"]`);
    await card.waitFor();
    const draftRow = card.locator(`[data-testid="draft-row"][data-media-id="${draft}"]`);
    expect(await draftRow.getByTestId('draft-titles').textContent()).toBe('Hello · World');
    expect(await card.getByTestId('drafts-heading').textContent()).toBe('Drafts (2)');
    // Newest first, the default draft last.
    expect(await card.getByTestId('draft-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.mediaId))).toEqual([other, draft, 'wxmock-default-news']);
    const counts = await card.getByTestId('material-count').evaluateAll((chips) => chips.map((chip) => chip.textContent));
    expect(counts).toEqual(['image 1', 'thumb 1', 'voice 1', 'video 0']);
    expect(await card.getByTestId('material-row').count()).toBe(3);
    const clipLeft = card.locator(`[data-testid="temporary-row"][data-media-id="${clip}"] [data-testid="time-left"]`);
    expect(await card.getByTestId('temporary-row').count()).toBe(2);
    expect(await clipLeft.textContent()).toBe('3d 0h left');

    // Live: a draft/update, a draft/delete and two days of the app's clock show without a reload.
    expect((await post(mock, 'updateDraft', token, { media_id: draft, index: 1, articles: article('Again') })).errcode).toBe(0);
    await expect.poll(() => draftRow.getByTestId('draft-titles').textContent()).toBe('Hello · Again');
    expect((await post(mock, 'deleteDraft', token, { media_id: other })).errcode).toBe(0);
    await card.locator(`[data-testid="draft-row"][data-media-id="${other}"]`).waitFor({ state: 'detached' });
    await mock.control.advance(2 * 86_400_000, app.appid);
    await expect.poll(() => clipLeft.textContent()).toBe('1d 0h left');

    mkdirSync('reports', { recursive: true });
    await p.getByTestId('content').screenshot({ path: 'reports/dashboard-content.png' });
    await mock.control.advance(86_400_000, app.appid);
    await expect.poll(() => clipLeft.textContent()).toBe('expired');
    expect(await p.getByTestId('error-banner').isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});

describe('the dashboard with a control token', () => {
  it('asks for the token once, refuses a wrong one, then works and remembers it in the tab', async () => {
    mock = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 14, controlToken: 'dash-secret-42' });
    const app = (await mock.control.createApp({ protection: true })) as AppView;
    const msgId = await sendAll(mock, await tokenFor(mock, app));

    const p = await openDashboard(mock);
    await p.getByTestId('token-panel').waitFor();
    expect(await p.getByTestId('main').isVisible()).toBe(false);

    await p.getByTestId('token-input').fill('wrong-token');
    await p.getByTestId('token-submit').click();
    await expect.poll(() => p.getByTestId('token-error').textContent()).toMatch(/refused/);
    expect(await p.getByTestId('token-panel').isVisible()).toBe(true);

    await p.getByTestId('token-input').fill('dash-secret-42');
    await p.getByTestId('token-submit').click();
    await p.getByTestId('main').waitFor();
    const pending = p.locator(`[data-testid="pending-row"][data-msg-id="${msgId}"]`);
    await pending.getByTestId('approve').click();
    await pending.waitFor({ state: 'detached' });
    const status = p.locator(`[data-testid="message-row"][data-msg-id="${msgId}"] [data-testid="message-status"]`);
    await expect.poll(() => status.textContent()).toBe('SENDING');
    // The global clock this time.
    await p.getByTestId('advance-amount').fill('1');
    await p.getByTestId('advance-unit').selectOption({ label: 'hours' });
    await p.getByTestId('advance-button').click();
    await expect.poll(() => status.textContent()).toBe('SEND_SUCCESS');
    expect((await mock.control.state()).now).toBe(new Date(T0 + 3_600_000).toISOString());

    // Reloading keeps the token (sessionStorage): no second prompt.
    await p.reload();
    await p.getByTestId('main').waitFor();
    expect(await p.getByTestId('token-panel').isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});

describe('the dashboard next to other sites', () => {
  /** A mock that records each request's method, path and status, so a test sees what reached it. */
  async function recordingMock(seed: number): Promise<{ server: MockServer; log: string[] }> {
    const log: string[] = [];
    const server = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed, requestLog: (line) => log.push(line.split(' ').slice(1, 4).join(' ')) });
    return { server, log };
  }

  it.each(['127.0.0.1', 'localhost'])('opened as http://%s:<port>, posts with its own Origin, and the mock accepts the change', async (name) => {
    mock = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 15 });
    const origin = `http://${name}:${new URL(mock.url).port}`;
    pageErrors = [];
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/__mock/`);
    await page.getByTestId('app-row').first().waitFor();
    await page.getByTestId('advance-amount').fill('2');
    await page.getByTestId('advance-unit').selectOption({ label: 'minutes' });
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/__mock/clock'),
      page.getByTestId('advance-button').click(),
    ]);
    expect((await answer.request().allHeaders()).origin).toBe(origin);
    expect(answer.status()).toBe(200);
    expect((await mock.control.state()).now).toBe(new Date(T0 + 120_000).toISOString());
    expect(await page.getByTestId('error-banner').isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('refuses a page on another site that posts a fetch and a form to it, and nothing changes', async () => {
    const recording = await recordingMock(16);
    mock = recording.server;
    const app = (await mock.control.createApp({ protection: true })) as AppView;
    const msgId = await sendAll(mock, await tokenFor(mock, app));
    // Simple requests, so no preflight: a text/plain fetch moving the clock, then a form approving the held send.
    const html = `<!doctype html><form id="f" method="post" action="${mock.url}/__mock/messages/${msgId}/approve"></form>
      <script>fetch('${mock.url}/__mock/clock', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"advance_ms":3600000}' })
        .finally(() => document.getElementById('f').submit());</script>`;
    attacker = await listenLocally((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    page = await browser.newPage();
    await page.goto(`http://${ATTACKER}:${new URL(attacker.url).port}/`);

    await expect.poll(() => recording.log).toEqual(expect.arrayContaining(['POST /__mock/clock 403', `POST /__mock/messages/${msgId}/approve 403`]));
    const state = await mock.control.state();
    expect(state.now).toBe(new Date(T0).toISOString());
    expect(state.apps.find((a) => a.appid === app.appid)?.messages[0]?.status).toBe('AWAITING_CONFIRMATION');
  });

  it('refuses a page on a rebound name: it can neither load the dashboard, read the state nor move the clock', async () => {
    mock = await startMockServer({ clock: { mode: 'manual', start: T0 }, seed: 17 });
    const rebound = `http://${REBOUND}:${new URL(mock.url).port}`;
    page = await browser.newPage();
    expect((await page.goto(`${rebound}/__mock/`))?.status()).toBe(403);
    const state = await page.goto(`${rebound}/__mock/state`);
    expect(state?.status()).toBe(403);
    const body = await state!.text();
    expect(JSON.parse(body).error).toBe('host_not_allowed');
    expect(body).not.toContain('mocksecret');
    // The rebound page's own origin is the mock's name and port: Origin and Host agree, only Host gives it away.
    const moved = await page.evaluate(async () => (await fetch('/__mock/clock', { method: 'POST', body: '{"advance_ms":3600000}' })).status);
    expect(moved).toBe(403);
    expect((await mock.control.state()).now).toBe(new Date(T0).toISOString());
  });
});
