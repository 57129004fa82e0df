#!/usr/bin/env node
/**
 * The ceiling for an Express app: a minimal Express 5 handler answering the same JSON as the mock for
 * the routes the bench drives (getSpeed, setSpeed, massmsgget, token), with express.json() parsing
 * every body whatever its Content-Type, as the mock does. No simulation, no checks beyond that.
 *
 *   node scripts/bench/baselines/minimal-express.mjs --port 3100
 *   BENCH_KNOWN_MSG_IDS=3147494522,… (msg_ids answered SENDING; any other answers 40059)
 */
import express from 'express';

const flag = process.argv.indexOf('--port');
const port = Number((flag === -1 ? undefined : process.argv[flag + 1]) ?? process.env.PORT ?? 3100);
const known = new Set((process.env.BENCH_KNOWN_MSG_IDS ?? '').split(',').filter(Boolean).map(Number));
let speed = 0;
const REALSPEED = [80, 60, 45, 30, 10];
const RID = 'rid: 00000000-00000000-00000000';

const app = express();
app.use(express.json({ type: () => true }));
app.get('/cgi-bin/token', (_req, res) => {
  res.json({ access_token: 'bench-token', expires_in: 7200 });
});
app.post('/cgi-bin/message/mass/speed/get', (_req, res) => {
  res.json({ speed, realspeed: REALSPEED[speed] });
});
app.post('/cgi-bin/message/mass/speed/set', (req, res) => {
  const value = Number(req.body?.speed);
  if (!Number.isInteger(value) || value < 0 || value > 4) return res.json({ errcode: 45083, errmsg: `invalid speed ${RID}` });
  speed = value;
  res.json({ errcode: 0, errmsg: 'ok' });
});
app.post('/cgi-bin/message/mass/get', (req, res) => {
  const id = Number(req.body?.msg_id);
  if (known.has(id)) return res.json({ msg_id: id, msg_status: 'SENDING' });
  res.json({ errcode: 40059, errmsg: `invalid msg id ${RID}` });
});

app.listen(port, '127.0.0.1', () => console.log(`minimal-express listening on http://127.0.0.1:${port}`));
