/** The named examples of openapi.yaml's 200 answers, read straight from the file so the tests do not trust the kit's loader. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { packageFile } from '../../contracts/package-file.js';

export interface NamedExample {
  operationId: string;
  name: string;
  value: unknown;
}

interface Document {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content: Record<string, { examples?: Record<string, { value: unknown }> }> }> }>>;
}

export function namedExamples(): NamedExample[] {
  const doc = parse(readFileSync(packageFile('openapi.yaml'), 'utf8')) as Document;
  return Object.values(doc.paths).flatMap((item) =>
    Object.values(item).flatMap((operation) =>
      Object.values(operation.responses['200']?.content ?? {}).flatMap((media) =>
        Object.entries(media.examples ?? {}).map(([name, example]) => ({ operationId: operation.operationId, name, value: example.value })),
      ),
    ),
  );
}
