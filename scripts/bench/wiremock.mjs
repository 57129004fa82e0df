/** WireMock standalone: its jar, installed on demand, and static stubs answering as the mock does. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function findJar(cacheDir) {
  const dir = join(cacheDir, 'node_modules/wiremock/build');
  if (!existsSync(dir)) return undefined;
  const jar = readdirSync(dir).find((name) => /^wiremock-standalone-.*\.jar$/.test(name));
  return jar && join(dir, jar);
}

export function wiremockJar(cacheDir) {
  let jar = findJar(cacheDir);
  if (!jar) {
    console.log(`installing WireMock into ${cacheDir} (npm's wiremock package carries the jar)…`);
    mkdirSync(cacheDir, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--prefix', cacheDir, 'wiremock'], { stdio: 'inherit', env: { ...process.env, SCARF_ANALYTICS: 'false' } });
    if (result.status !== 0) throw new Error('npm install wiremock failed');
    jar = findJar(cacheDir);
  }
  if (!jar) throw new Error(`no wiremock-standalone jar under ${cacheDir}`);
  return jar;
}

/** Static stubs answering the same JSON as the mock for the same routes. */
export function writeWiremockStubs(dir, knownIds) {
  const mappings = join(dir, 'mappings');
  mkdirSync(mappings, { recursive: true });
  mkdirSync(join(dir, '__files'), { recursive: true });
  const headers = { 'Content-Type': 'application/json; encoding=utf-8' };
  const stub = (name, mapping) => writeFileSync(join(mappings, `${name}.json`), JSON.stringify(mapping, null, 2));
  const rid = 'rid: 00000000-00000000-00000000';
  stub('token', { request: { method: 'GET', urlPath: '/cgi-bin/token' }, response: { status: 200, headers, body: JSON.stringify({ access_token: 'bench-token', expires_in: 7200 }) } });
  stub('getSpeed', { request: { method: 'POST', urlPath: '/cgi-bin/message/mass/speed/get' }, response: { status: 200, headers, body: JSON.stringify({ speed: 0, realspeed: 80 }) } });
  stub('setSpeed', { request: { method: 'POST', urlPath: '/cgi-bin/message/mass/speed/set' }, response: { status: 200, headers, body: JSON.stringify({ errcode: 0, errmsg: 'ok' }) } });
  for (const id of knownIds) {
    stub(`massmsgget-${id}`, {
      priority: 1,
      request: { method: 'POST', urlPath: '/cgi-bin/message/mass/get', bodyPatterns: [{ equalToJson: { msg_id: id } }] },
      response: { status: 200, headers, body: JSON.stringify({ msg_id: id, msg_status: 'SENDING' }) },
    });
  }
  stub('massmsgget-unknown', { priority: 5, request: { method: 'POST', urlPath: '/cgi-bin/message/mass/get' }, response: { status: 200, headers, body: JSON.stringify({ errcode: 40059, errmsg: `invalid msg id ${rid}` }) } });
}
