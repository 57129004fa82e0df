#!/usr/bin/env node
/**
 * The ceiling for Node itself: bare node:http answering the same JSON as the mock for the routes the
 * bench drives (getSpeed, setSpeed, massmsgget, token). Reads and parses the body; nothing else.
 *
 *   node scripts/bench/baselines/bare-http.mjs --port 3101
 *   BENCH_KNOWN_MSG_IDS=3147494522,… (msg_ids answered SENDING; any other answers 40059)
 *   BENCH_ANSWERS={"/cgi-bin/draft/get":"{…}",…} (paths answered with that text, whatever the method:
 *     the later operations' answers, so a bigger answer's cost in node:http itself is measured too)
 *   BENCH_WORK_US=2 (spins that many µs per request before answering: what a little work of its own
 *     costs a server's throughput on this machine, the scale for the mock's ratio to the ceiling)
 */
import { createServer } from 'node:http';

const flag = process.argv.indexOf('--port');
const port = Number((flag === -1 ? undefined : process.argv[flag + 1]) ?? process.env.PORT ?? 3101);
const known = new Set((process.env.BENCH_KNOWN_MSG_IDS ?? '').split(',').filter(Boolean).map(Number));
let speed = 0;
const REALSPEED = [80, 60, 45, 30, 10];
const RID = 'rid: 00000000-00000000-00000000';
const answers = new Map(Object.entries(JSON.parse(process.env.BENCH_ANSWERS ?? '{}')));
const workNs = BigInt(Math.round(Number(process.env.BENCH_WORK_US ?? 0) * 1000));

/** Busy for BENCH_WORK_US, as a handler's own work is: the event loop is held, nothing allocated. */
function work() {
  if (workNs === 0n) return;
  const until = process.hrtime.bigint() + workNs;
  while (process.hrtime.bigint() < until);
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; encoding=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const routes = {
  'GET /cgi-bin/token': () => ({ access_token: 'bench-token', expires_in: 7200 }),
  'POST /cgi-bin/message/mass/speed/get': () => ({ speed, realspeed: REALSPEED[speed] }),
  'POST /cgi-bin/message/mass/speed/set': (body) => {
    const value = Number(body?.speed);
    if (!Number.isInteger(value) || value < 0 || value > 4) return { errcode: 45083, errmsg: `invalid speed ${RID}` };
    speed = value;
    return { errcode: 0, errmsg: 'ok' };
  },
  'POST /cgi-bin/message/mass/get': (body) => {
    const id = Number(body?.msg_id);
    return known.has(id) ? { msg_id: id, msg_status: 'SENDING' } : { errcode: 40059, errmsg: `invalid msg id ${RID}` };
  },
};

function sendText(res, text) {
  res.writeHead(200, { 'Content-Type': 'application/json; encoding=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

createServer((req, res) => {
  work();
  const mark = req.url.indexOf('?');
  const path = mark === -1 ? req.url : req.url.slice(0, mark);
  const answer = answers.get(path);
  if (answer !== undefined) {
    req.on('data', () => {});
    req.on('end', () => sendText(res, answer));
    return;
  }
  const route = routes[`${req.method} ${path}`];
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (!route) return send(res, 404, { error: 'not_found' });
    send(res, 200, route(parse(Buffer.concat(chunks).toString('utf8'))));
  });
}).listen(port, '127.0.0.1', () => console.log(`bare-http listening on http://127.0.0.1:${port}`));
