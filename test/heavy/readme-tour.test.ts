/**
 * The README's five-minute tour, run as a reader would run it: the built CLI started with the tour's
 * own flags (its seed among them), then each of the tour's shell commands in order, in one bash, in
 * an empty folder. Every answer a command prints must be the one the tour shows under it (or after
 * it on its line), `…` standing for what changes between runs (a rid, the clock's time); a command
 * the tour shows no answer for must print nothing.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/mock/cli/bin.js', import.meta.url));
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** Where the tour says the mock listens; the test's own port replaces it. */
const TOUR_URL = 'http://127.0.0.1:3000';
const STEP_END = '@@tour-step-end@@';

interface Step {
  command: string;
  /** The answer the tour shows, line by line. */
  expected: string[];
}

/** The ```sh blocks of the tour's section, in order. */
function tourBlocks(): string[] {
  const start = README.indexOf('## A five-minute tour');
  const section = README.slice(start, README.indexOf('\n## ', start + 1));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/** A block's commands (a trailing `\` continues one), each with the answers shown for it: a `# {…}` comment line under it, or one on its own line after two spaces. */
function stepsOf(block: string): Step[] {
  const steps: Step[] = [];
  let continuing = false;
  for (const line of block.split('\n')) {
    if (line.startsWith('# ')) {
      const shown = line.slice(2);
      if (/^[{[]/.test(shown)) steps.at(-1)!.expected.push(shown);
      continue;
    }
    if (line.trim() === '') continue;
    const [, code = line, inline] = /^(.*?)\s{2,}# (.*)$/.exec(line) ?? [];
    if (continuing) steps.at(-1)!.command += `\n${code}`;
    else steps.push({ command: code, expected: [] });
    if (inline !== undefined && /^[{[]/.test(inline)) steps.at(-1)!.expected.push(inline);
    continuing = code.endsWith('\\');
  }
  return steps;
}

function matches(actual: string, expected: string[]): boolean {
  const pattern = expected.map((line) => line.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?')).join('\n');
  return new RegExp(`^${pattern}$`).test(actual);
}

const running: { kill(): void }[] = [];
afterAll(() => {
  for (const child of running) child.kill();
});

/** Starts the CLI with `flags` on a free port; resolves to its URL and what it printed up to its ready line. */
function startCli(flags: string[]): Promise<{ url: string; printed: string }> {
  const child = spawn(process.execPath, [BIN, ...flags, '--port', '0'], { env: { ...process.env, PORT: '', WXMOCK_SEED: '', WXMOCK_CLOCK: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let printed = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(printed)?.[1];
      if (url && printed.includes('curl')) resolve({ url, printed });
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited ${code} before it was ready`)));
  });
}

function runBash(script: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', script], { cwd, timeout: 60_000, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

describe('the README tour', () => {
  const [startBlock = '', ...blocks] = tourBlocks();
  const [start] = stepsOf(startBlock);
  const steps = blocks.flatMap(stepsOf);

  it('uploads a cover, makes a draft of it, sends the draft and reads its status, in that order', () => {
    const order = ['/material/add_material', '/draft/add', '/message/mass/sendall', '/message/mass/get'].map((path) => steps.findIndex((step) => step.command.includes(path)));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!)), JSON.stringify(order)).toBe(true);
  });

  it('prints every answer the tour shows, started with the tour’s flags and seed', async () => {
    const flags = /npm start -- (.*)$/m.exec(startBlock)?.[1]?.split(/\s+/) ?? [];
    expect(flags).toContain('--seed');
    const { url, printed } = await startCli(flags);
    const readyLines = startBlock.split('\n').filter((line) => line.startsWith('# ')).map((line) => line.slice(2).replace(TOUR_URL, url));
    for (const line of readyLines) expect(printed).toContain(line);
    expect(start?.command).toMatch(/^npm ci && npm start/);

    const script = steps.map((step) => `${step.command.replace(TOUR_URL, url)}\nprintf '\\n%s\\n' '${STEP_END}'`).join('\n');
    const answers = (await runBash(`set -eu\n${script}`, mkdtempSync(join(tmpdir(), 'wxmock-tour-')))).split(`${STEP_END}\n`).map((answer) => answer.trim());
    expect(answers).toHaveLength(steps.length + 1);
    const report = steps.map((step, i) => ({ command: step.command, shown: step.expected, printed: answers[i]! }));
    const wrong = report.filter(({ shown, printed }) => !matches(printed, shown));
    expect(wrong, JSON.stringify(report, null, 2)).toEqual([]);
  });
});
