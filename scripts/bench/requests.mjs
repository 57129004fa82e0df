/** What the bench sends: the credentials, the mass-send bodies and the measured operations. */

const APPID = 'wx0000000000000001';
const SECRET = 'mocksecret';
export const TOKEN_QUERY = `grant_type=client_credential&appid=${APPID}&secret=${SECRET}`;

export const TEXT_TO_TAG = { filter: { is_to_all: false, tag_id: 100 }, msgtype: 'text', text: { content: 'bench' } };
export const TEXT_TO_ALL = { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'bench' } };

/** What a bench app needs to send the same body again and again: no daily sendall quota, no deduplication of repeats. */
export const UNLIMITED_SENDS = { limits: { daily_mass_quota: null }, dedupe_without_clientmsgid: false };

/** The app the bench creates through POST /__mock/apps to send to tag 100 as often as it likes. */
export const SENDING_APP = { appid: 'wxbenchsending0001', secret: 'benchsecret', fans: 1000, tags: [{ id: 100, name: 'bench', count: 1000 }], ...UNLIMITED_SENDS };

/** The measured operations: one path each, and the request bodies autocannon cycles through. */
export function operations(token, knownIds) {
  const q = `?access_token=${encodeURIComponent(token)}`;
  const headers = { 'content-type': 'application/json' };
  const unknown = [3147494522, 4000000001, 5123456789, 9999999999].filter((id) => !knownIds.includes(id));
  const mixed = [];
  for (let i = 0; i < Math.max(knownIds.length, unknown.length); i++) {
    if (knownIds[i] !== undefined) mixed.push(i % 2 ? String(knownIds[i]) : knownIds[i]);
    if (unknown[i] !== undefined) mixed.push(unknown[i]);
  }
  return {
    getSpeed: { path: `/cgi-bin/message/mass/speed/get${q}`, requests: [{ method: 'POST', headers, body: '{}' }] },
    setSpeed: { path: `/cgi-bin/message/mass/speed/set${q}`, requests: [1, 0, 2, 0].map((speed) => ({ method: 'POST', headers, body: JSON.stringify({ speed }) })) },
    massmsgget: { path: `/cgi-bin/message/mass/get${q}`, requests: mixed.map((msg_id) => ({ method: 'POST', headers, body: JSON.stringify({ msg_id }) })), note: `${knownIds.length} known + ${unknown.length} unknown msg_ids, alternating` },
  };
}

/** Measured beside the later operations for reference, not held to their 10 %: round one's sendall, which stores a send per call. */
export const REFERENCE_OPS = new Set(['sendAll']);

/**
 * getSpeed and operations added after it that are neither uploads nor list pages, by operationId,
 * for the app of `token`: `openids` some of its fans (getUserTags asks for each in turn), `draft` the
 * media_id of one of its drafts.
 */
export function laterOperations(token, { openids, draft }) {
  const q = `?access_token=${encodeURIComponent(token)}`;
  const get = (path) => ({ path: `${path}${q}`, requests: [{ method: 'GET' }] });
  const post = (path, ...bodies) => ({ path: `${path}${q}`, requests: bodies.map((body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })) });
  return {
    getSpeed: post('/cgi-bin/message/mass/speed/get', {}),
    getTags: get('/cgi-bin/tags/get'),
    getUserTags: post('/cgi-bin/tags/getidlist', ...openids.map((openid) => ({ openid }))),
    countDraft: get('/cgi-bin/draft/count'),
    getMaterialCount: get('/cgi-bin/material/get_materialcount'),
    getDraft: post('/cgi-bin/draft/get', { media_id: draft }),
    sendAll: post('/cgi-bin/message/mass/sendall', TEXT_TO_TAG),
  };
}
