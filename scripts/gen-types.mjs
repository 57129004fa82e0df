#!/usr/bin/env node
// Writes the openapi-typescript output for openapi.yaml and mock/control.yaml; --check fails when a
// committed file is stale, so the types can never drift from the contract.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('../', import.meta.url);
const targets = [
  { spec: 'openapi.yaml', out: 'contracts/generated/openapi.ts' },
  { spec: 'mock/control.yaml', out: 'mock/generated/control.ts' },
];
const check = process.argv.includes('--check');
let stale = 0;
for (const { spec, out } of targets) {
  const ast = await openapiTS(new URL(spec, root));
  const text = `// Generated from ${spec} by \`npm run gen\` (openapi-typescript). Do not edit.\n\n${astToString(ast)}`;
  const file = new URL(out, root);
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current === text) continue;
  if (check) {
    console.error(`${out} is stale: run \`npm run gen\` and commit the result.`);
    stale += 1;
  } else {
    await writeFile(file, text);
    console.log(`wrote ${out}`);
  }
}
process.exitCode = stale ? 1 : 0;
