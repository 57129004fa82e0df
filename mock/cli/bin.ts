#!/usr/bin/env -S node --no-memory-reducer
/**
 * The CLI: flags and environment in, a listening mock out. Exit 0 on shutdown, 2 on bad usage or config, 1 otherwise.
 * The shebang's node flags (npm start passes the same): a process left idle had V8's memory reducer
 * shrink its young generation, which the request path's short-lived objects never grew back, and
 * then answered at 60-80 % of the rate (npm run bench, 2026-11-28).
 */
import { readFileSync } from 'node:fs';
import { packageFile } from '../../contracts/package-file.js';
import { parseCliOptions, UsageError, USAGE } from './parse-cli-options.js';
import { DEFAULT_APPID, DEFAULT_SECRET } from '../domain/app-settings.js';
import { loadConfig } from './load-config.js';
import { CallbackConfigError } from '../push/callback-rules.js';
import { StateFileError } from '../persistence/state-file.js';
import { startMockServer } from '../start-mock-server.js';

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'contract') {
    const { runContractCli } = await import('../../contracts/cli.js');
    return runContractCli(argv.slice(1));
  }
  const options = parseCliOptions(argv, process.env);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.version) {
    console.log((JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version);
    return 0;
  }
  const config = options.config === undefined ? {} : loadConfig(options.config);
  let server;
  try {
    server = await startMockServer({
      port: options.port,
      host: options.host,
      seed: options.seed ?? config.seed,
      apps: config.apps,
      clock: { mode: options.clock, scale: options.timeScale },
      controlToken: options.controlToken,
      allowedHosts: options.allowedHosts,
      allowedOrigins: options.allowedOrigins,
      allowRemoteCallbacks: options.allowRemoteCallbacks,
      stateFile: options.stateFile,
      intercept: options.intercept,
      caDir: options.caDir,
      interceptHosts: options.interceptHosts,
      requestLog: options.logLevel === 'debug' ? (line) => console.log(line) : undefined,
    });
  } catch (err) {
    if (err instanceof CallbackConfigError) throw new UsageError(`config ${options.config ?? ''}: ${err.message}`);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`wechat-mass-mock: port ${options.port} on ${options.host} is already in use; pick another with --port (0 for any free port)`);
      return 1;
    }
    throw err;
  }
  // Handlers first, so a signal sent the moment the ready line appears is still a clean shutdown.
  const stopped = new Promise<number>((resolve) => {
    const stop = () => {
      server.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const info = options.logLevel === 'warn' ? () => undefined : (line: string) => console.log(line);
  info(`wechat-mass-mock listening on ${server.url}`);
  info(`default app: appid ${DEFAULT_APPID}, secret ${DEFAULT_SECRET}`);
  const state = server.app.mock.stateFile;
  if (state) {
    info(`state file ${options.stateFile}: restored ${state.restored.apps} apps and ${state.restored.messages} messages`);
    if (state.recovered) console.error(`wechat-mass-mock: the last record of ${options.stateFile} was torn by a crash and was dropped`);
  }
  const intercept = server.intercept;
  if (intercept) {
    info(`intercept mode: ${server.url} is also the proxy for ${intercept.hosts.join(', ')}; every other host is refused`);
    info(`intercept CA ${intercept.files.ca}: ${intercept.caStatus}`);
    info(`in the client's shell: source ${intercept.files.env}`);
  }
  info(`try: curl "${server.url}/cgi-bin/token?grant_type=client_credential&appid=${DEFAULT_APPID}&secret=${DEFAULT_SECRET}"`);
  return stopped;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof StateFileError) {
      console.error(`wechat-mass-mock: ${err.message}\nRun "wechat-mass-mock --help" for usage.`);
      process.exit(2);
    }
    console.error(`wechat-mass-mock: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
