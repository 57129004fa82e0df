/** The built CLI as a child process, with none of the mock's variables inherited from the shell that runs the tests. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../dist/mock/cli/bin.js', import.meta.url));

const CLEARED = ['PORT', 'HOST', 'WXMOCK_SEED', 'WXMOCK_CONFIG', 'WXMOCK_CLOCK', 'WXMOCK_TIME_SCALE', 'WXMOCK_CONTROL_TOKEN', 'WXMOCK_LOG_LEVEL', 'WXMOCK_STATE_FILE', 'WXMOCK_ALLOWED_HOSTS', 'WXMOCK_ALLOWED_ORIGINS', 'WXMOCK_INTERCEPT', 'WXMOCK_CA_DIR', 'WXMOCK_INTERCEPT_HOSTS'];
export const CLI_ENV: NodeJS.ProcessEnv = { ...process.env, ...Object.fromEntries(CLEARED.map((name) => [name, ''])) };

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...CLI_ENV, ...env }, encoding: 'utf8', timeout: 20_000 });
}

/** Starts the CLI; `ready` resolves with its URL once it printed its last start-up line (the curl line). */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...CLI_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /wechat-mass-mock listening on (http:\/\/\S+)/.exec(out);
      if (match && out.includes('curl')) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => out, errors: () => err };
}
