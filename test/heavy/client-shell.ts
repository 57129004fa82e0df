/** Client programs run as a user runs them against intercept mode: in a POSIX shell that sourced env.sh first. */
import { spawnSync } from 'node:child_process';

/** A client's environment: nothing from the test runner's shell but PATH, so only env.sh can point it at the mock. */
export function clientEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' };
}

/**
 * Runs `command` in `sh` after `. envSh`, with `clientEnv(home)`; `after` is shell text run between the
 * source and the command (assignments to prefix it, or `unset NAME &&`). Output and error output together.
 */
export function underEnvSh(envSh: string, home: string, command: string[], after = ''): { status: number | null; out: string } {
  const res = spawnSync('sh', ['-c', `. "$1" && shift && ${after} exec "$@"`, 'sh', envSh, ...command], { env: clientEnv(home), encoding: 'utf8', timeout: 60_000 });
  return { status: res.status, out: `${res.stdout}${res.stderr}`.trim() };
}
