/** Child processes: the servers measured, started and stopped, and one measurement in a fresh node (child.mjs). */
import { closeSync, openSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './paths.mjs';

const CHILD_ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'child.mjs');
const children = new Set();

export function stopAll() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export function startProcess(command, args, { env, log, cwd = ROOT } = {}) {
  const fd = log ? openSync(log, 'a') : 'ignore';
  const child = spawn(command, args, { cwd, env: { ...process.env, SCARF_ANALYTICS: 'false', ...env }, stdio: ['ignore', fd, fd] });
  if (typeof fd === 'number') closeSync(fd);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function stopProcess(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Runs one measurement of child.mjs in a fresh node; its last line of output, parsed. */
export function runChild(kind, args, nodeFlags = []) {
  const out = execFileSync(process.execPath, [...nodeFlags, CHILD_ENTRY, kind, ...args.map(String)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}
