/** What the bench sends: the credentials, the mass-send bodies and the measured operations. */

const APPID = 'wx0000000000000001';
const SECRET = 'mocksecret';
export const TOKEN_QUERY = `grant_type=client_credential&appid=${APPID}&secret=${SECRET}`;

export const TEXT_TO_TAG = { filter: { is_to_all: false, tag_id: 100 }, msgtype: 'text', text: { content: 'bench' } };
export const TEXT_TO_ALL = { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'bench' } };

/** What a bench app needs to send the same body again and again: no daily sendall quota, no deduplication of repeats. */
export const UNLIMITED_SENDS = { limits: { daily_mass_quota: null }, dedupe_without_clientmsgid: false };

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
