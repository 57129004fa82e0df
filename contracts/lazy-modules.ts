/**
 * ajv, ajv-formats and yaml take about 100 ms to import; they are loaded on first use instead, so
 * the CLI answers its first request sooner. All three are CommonJS, so require() loads them in place.
 */
import { createRequire } from 'node:module';
import type { Ajv, Options } from 'ajv';

const require = createRequire(import.meta.url);

/** A fresh ajv instance with the standard formats (date-time, uri, int64…). */
export function newAjv(options: Options): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
  return addFormats(new AjvClass(options));
}

export function parseYaml(text: string): unknown {
  return (require('yaml') as typeof import('yaml')).parse(text);
}
