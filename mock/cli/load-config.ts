/** Reads the --config file and checks it against MockConfig in mock/control.yaml and the tag rules. */
import { readFileSync } from 'node:fs';
import type { components } from '../generated/control.js';
import { checkControlInput } from '../control/check-control-input.js';
import { startupTagsProblem } from '../domain/tag-settings.js';
import { UsageError } from './parse-cli-options.js';

export type MockConfig = components['schemas']['MockConfig'];

export function loadConfig(file: string): MockConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`config ${file} is not JSON: ${(err as Error).message}`);
  }
  const problem = checkControlInput('MockConfig', config, 'config');
  if (problem) throw new UsageError(`config ${file}: ${problem}`);
  const apps = (config as MockConfig).apps ?? [];
  const tagsProblem = startupTagsProblem(apps);
  if (tagsProblem) throw new UsageError(`config ${file}: ${tagsProblem}`);
  const seen = new Set<string>();
  for (const app of apps) {
    if (app.appid === undefined) continue;
    if (seen.has(app.appid)) throw new UsageError(`config ${file}: appid ${app.appid} appears twice`);
    seen.add(app.appid);
  }
  return config as MockConfig;
}
