/** Numbers and targets as the console and the report print them. */
import { BARE_WORK_US } from './targets.mjs';

export const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
export const mb = (bytes) => `${fmt(bytes / 2 ** 20, 1)} MB`;
export const x = (r) => (Number.isFinite(r) ? `${fmt(r, 2)}×` : 'n/a');

const LABELS = { mock: 'mock (CLI)', 'mock-state': 'mock (CLI, --state-file)', express: 'minimal Express 5', 'bare-http': 'bare node:http', 'bare-http-work': `bare node:http + ${BARE_WORK_US} µs of work`, prism: 'prism mock', wiremock: 'WireMock, journal and logging off', 'wiremock-default': 'WireMock, defaults', 'mock-inprocess': 'startMockServer in-process' };
export const label = (name) => LABELS[name] ?? name;
