/**
 * Finds a message's row by its msg_id (message-table.ts): open addressing with linear probing over
 * one Int32Array of rows, the ids themselves read from the table's msg_id column, so an entry costs
 * a slot of 4 bytes rather than a Map entry and a boxed id. At most half full; a deletion moves the
 * entries probing past it back, so no tombstones pile up.
 */

/** Where the ids are read: the row a slot names holds the id it was added under. */
export interface IdColumn {
  get(row: number): number;
}

const MIN_SLOTS = 16;
/** 2^32 / φ: Fibonacci hashing spreads sequential ids over the slots. */
const GOLDEN = 0x9e3779b1;

export class MsgIdIndex {
  /** row + 1 per slot; 0 is empty. */
  private slots = new Int32Array(MIN_SLOTS);
  /** 32 - log2(slots): the hash keeps the top bits. */
  private shift = 32 - Math.log2(MIN_SLOTS);
  private count = 0;

  constructor(private readonly ids: IdColumn) {}

  get size(): number {
    return this.count;
  }

  /** The row holding `id`, or -1. */
  rowOf(id: number): number {
    const { slots } = this;
    const mask = slots.length - 1;
    for (let i = this.home(id); ; i = (i + 1) & mask) {
      const slot = slots[i]!;
      if (slot === 0) return -1;
      if (this.ids.get(slot - 1) === id) return slot - 1;
    }
  }

  /** Indexes `row` under `id`, which the index must not hold yet. */
  add(id: number, row: number): void {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    this.place(id, row);
    this.count += 1;
  }

  /** Forgets `id`; false when it was not indexed. Call while its row still holds it. */
  delete(id: number): boolean {
    const { slots } = this;
    const mask = slots.length - 1;
    let hole = this.home(id);
    for (; ; hole = (hole + 1) & mask) {
      const slot = slots[hole]!;
      if (slot === 0) return false;
      if (this.ids.get(slot - 1) === id) break;
    }
    // An entry after the hole moves back into it when the hole lies between its home and where it sits.
    for (let next = (hole + 1) & mask; slots[next] !== 0; next = (next + 1) & mask) {
      const home = this.home(this.ids.get(slots[next]! - 1));
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        slots[hole] = slots[next]!;
        hole = next;
      }
    }
    slots[hole] = 0;
    this.count -= 1;
    return true;
  }

  clear(): void {
    this.slots = new Int32Array(MIN_SLOTS);
    this.shift = 32 - Math.log2(MIN_SLOTS);
    this.count = 0;
  }

  private home(id: number): number {
    // The low and the high 32 bits, so ids past 2^32 (a state file edited by hand) spread too.
    return Math.imul((id >>> 0) ^ Math.floor(id / 0x1_0000_0000), GOLDEN) >>> this.shift;
  }

  private place(id: number, row: number): void {
    const { slots } = this;
    const mask = slots.length - 1;
    let i = this.home(id);
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = row + 1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.shift -= 1;
    for (const slot of old) if (slot !== 0) this.place(this.ids.get(slot - 1), slot - 1);
  }
}
