/**
 * The mock driven through HTTP as a user drives it: the bench's own app (SENDING_APP), the inputs
 * later operations need (fans' openids, a draft with a permanent thumb), and whether answers were
 * successes, asked before a measurement and, from the journal, after it.
 */
import { httpCall } from './http.mjs';
import { SENDING_APP } from './requests.mjs';

const parse = (res) => {
  try {
    return JSON.parse(res.body);
  } catch {
    return undefined;
  }
};

/** A WeChat success: HTTP 200 and errcode 0 or none (getSpeed, a draft, a page answer without one). */
const isSuccess = (res, body = parse(res)) => res.status === 200 && body !== undefined && (body.errcode === undefined || body.errcode === 0);

/** The parsed body of a call that must succeed; throws with the answer otherwise. */
async function succeed(port, method, path, body, options) {
  const res = await httpCall(port, method, path, body, options);
  const parsed = parse(res);
  if (!isSuccess(res, parsed)) throw new Error(`${method} ${path.split('?')[0]} answered ${res.status} ${res.body.slice(0, 200)}`);
  return parsed;
}

/** Creates SENDING_APP in the mock at `port`; its access_token. */
export async function createSendingApp(port) {
  const made = await httpCall(port, 'POST', '/__mock/apps', SENDING_APP);
  if (made.status !== 201) throw new Error(`POST /__mock/apps answered ${made.status} ${made.body.slice(0, 200)}`);
  const { access_token } = await succeed(port, 'GET', `/cgi-bin/token?grant_type=client_credential&appid=${SENDING_APP.appid}&secret=${SENDING_APP.secret}`);
  return access_token;
}

/** A JPEG as the mock judges one: the format's signature is all it reads. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

/** A permanent thumb through material/add_material (multipart part `media`), then a draft with it as cover: the draft's media_id. */
async function addDraft(port, token) {
  const boundary = 'wechat-mass-mock-bench';
  const form = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="cover.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), JPEG, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const thumb = await succeed(port, 'POST', `/cgi-bin/material/add_material?access_token=${token}&type=thumb`, form, { contentType: `multipart/form-data; boundary=${boundary}` });
  const draft = await succeed(port, 'POST', `/cgi-bin/draft/add?access_token=${token}`, { articles: [{ title: 'bench', content: '<p>bench</p>', thumb_media_id: thumb.media_id }] });
  return draft.media_id;
}

/** What laterOperations needs of the app of `token`: the openids of its first 16 fans (GET /cgi-bin/user/get) and a fresh draft. */
export async function laterInputs(port, token) {
  const followers = await succeed(port, 'GET', `/cgi-bin/user/get?access_token=${token}`);
  return { openids: followers.data.openid.slice(0, 16), draft: await addDraft(port, token) };
}

/** Throws unless every request shape of every operation in `ops` answers a success; each path's answer text (its first request's). */
export async function expectSuccesses(port, ops) {
  const answers = {};
  for (const op of Object.values(ops)) {
    for (const r of op.requests) {
      const parsed = await succeed(port, r.method, op.path, r.body);
      answers[op.path.split('?')[0]] ??= JSON.stringify(parsed);
    }
  }
  return answers;
}

/** The journal's entries of `operation` (its newest, up to the ring's 10,000): how many, and how many were not a success. */
export async function journalFailures(port, operation) {
  const { requests } = JSON.parse((await httpCall(port, 'GET', `/__mock/requests?operation=${operation}&appid=${SENDING_APP.appid}`)).body);
  return { checked: requests.length, failed: requests.filter((entry) => entry.errcode !== 0 || entry.status !== undefined).length };
}
