/**
 * The entry of the measurements that need a fresh process: `node child.mjs <kind> …args` runs one
 * and prints its result as the last line of JSON (processes.mjs's runChild reads it). It loads only
 * the module of that measurement, so the bench's own code weighs as little as it can on a memory
 * baseline or an import time.
 */
const CHILDREN = {
  memory: async () => (await import('./memory.mjs')).childMemory,
  fans: async () => (await import('./memory.mjs')).childFans,
  audience: async () => (await import('./memory.mjs')).childAudience,
  'inproc-start': async () => (await import('./cold-start.mjs')).childInprocStart,
  compaction: async () => (await import('./state-file.mjs')).childCompaction,
};

const [kind, ...args] = process.argv.slice(2);
if (!Object.hasOwn(CHILDREN, kind)) {
  console.error(`unknown child ${kind}`);
  process.exit(2);
}
(await CHILDREN[kind]())(args).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
