/** The machine a run measured, for the report's header. */
import { spawnSync } from 'node:child_process';
import { cpus, platform, release, totalmem } from 'node:os';
import { mb } from './format.mjs';

function javaVersion() {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return (r.stderr || r.stdout || '').split('\n')[0].trim() || 'not found';
}

export function describeMachine() {
  return { node: process.version, platform: `${platform()} ${release()}`, cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`, memory: mb(totalmem()), java: javaVersion() };
}
