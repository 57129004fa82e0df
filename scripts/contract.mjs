#!/usr/bin/env node
// `npm run contract [-- --target URL …]`: the contract suite from the built package. Without
// --target it starts a mock in-process (manual clock) and checks that, so the suite runs offline.
const argv = process.argv.slice(2);
const hasTarget = argv.some((arg) => arg === '--target' || arg.startsWith('--target=') || arg === '--help' || arg === '-h');

let cli;
let mockModule;
try {
  cli = await import('../dist/contracts/cli.js');
  if (!hasTarget) mockModule = await import('../dist/mock/index.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error('wechat-mass-mock contract: dist/ is missing; run "npm run build" first (npm run contract does).');
  process.exit(2);
}

const mock = mockModule ? await mockModule.startMockServer({ clock: { mode: 'manual' } }) : undefined;
try {
  process.exitCode = await cli.runContractCli(mock ? ['--target', mock.url, ...argv] : argv);
} finally {
  await mock?.close();
}
