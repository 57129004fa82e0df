/**
 * A binary min-heap of numeric items ordered by (key, seq): the sends in flight (their msg_ids)
 * ordered by when they end, so a tick takes only those whose time is up instead of visiting them
 * all. Three parallel typed arrays rather than an object per entry, since an app may hold a million
 * sends: their backing stores lie outside the V8 heap, and shrink again once the heap empties. The
 * seq tells entries of equal key apart (in-flight.ts gives each send its own); entries with the same
 * key and seq come out in any order.
 */

const MIN_CAPACITY = 16;

export class MinHeap {
  private keys = new Float64Array(0);
  private seqs = new Float64Array(0);
  private items = new Float64Array(0);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The smallest entry's item, or undefined when empty. */
  peek(): number | undefined {
    return this.count > 0 ? this.items[0] : undefined;
  }

  push(key: number, seq: number, item: number): void {
    if (this.count === this.keys.length) this.resize(Math.max(MIN_CAPACITY, this.count * 2));
    const { keys, seqs, items } = this;
    // Sift up: move parents that do not come before the new entry down into the hole, then drop it in.
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (before(keys[parent]!, seqs[parent]!, key, seq)) break;
      keys[i] = keys[parent]!;
      seqs[i] = seqs[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    keys[i] = key;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Removes the smallest entry and returns its item (undefined when empty). */
  pop(): number | undefined {
    if (this.count === 0) return undefined;
    const top = this.items[0]!;
    const last = --this.count;
    // The last entry fills the hole at the root.
    if (last > 0) this.siftDown(0, this.keys[last]!, this.seqs[last]!, this.items[last]!);
    this.shrinkIfSparse();
    return top;
  }

  /**
   * Removes every entry whose key is ≤ `limit`, calling `take` with each: smallest first when few are
   * taken; when many are (a tick that ends most sends in flight), in storage order, since one pass
   * over the arrays and a rebuild cost less than popping them one by one.
   */
  takeUpTo(limit: number, take: (item: number, seq: number) => void): void {
    const n = this.count;
    let count = this.countUpTo(limit);
    if (count * Math.log2(n + 1) <= n) {
      for (; count > 0; count--) {
        take(this.items[0]!, this.seqs[0]!);
        this.pop();
      }
      return;
    }
    const { keys, seqs, items } = this;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (keys[i]! <= limit) {
        take(items[i]!, seqs[i]!);
        continue;
      }
      keys[kept] = keys[i]!;
      seqs[kept] = seqs[i]!;
      items[kept] = items[i]!;
      kept++;
    }
    this.count = kept;
    // Floyd's heap construction: O(n).
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i, keys[i]!, seqs[i]!, items[i]!);
    this.shrinkIfSparse();
  }

  /** Entries whose key is ≤ `limit`: only their subtrees can hold more, so this visits 2 × count + 1 nodes. */
  private countUpTo(limit: number): number {
    const { keys } = this;
    const n = this.count;
    const stack = [0];
    let count = 0;
    while (stack.length > 0) {
      const i = stack.pop()!;
      // Past the end, or above the limit and so is all below it: nothing to count from here.
      if (i >= n || keys[i]! > limit) continue;
      count++;
      stack.push(2 * i + 1, 2 * i + 2);
    }
    return count;
  }

  /** Places (key, seq, item) at `i` or below: moves smaller children up into the hole until it fits. */
  private siftDown(i: number, key: number, seq: number, item: number): void {
    const { keys, seqs, items } = this;
    const n = this.count;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      // The right child, when there is one and the left does not come before it.
      const right = child + 1;
      if (right < n && !before(keys[child]!, seqs[child]!, keys[right]!, seqs[right]!)) child = right;
      if (before(key, seq, keys[child]!, seqs[child]!)) break;
      keys[i] = keys[child]!;
      seqs[i] = seqs[child]!;
      items[i] = items[child]!;
      i = child;
    }
    keys[i] = key;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Gives back room once three quarters of it stand empty, so a drained heap does not keep a million slots. */
  private shrinkIfSparse(): void {
    const capacity = this.keys.length;
    if (capacity > MIN_CAPACITY && this.count * 4 <= capacity) this.resize(Math.max(MIN_CAPACITY, this.count * 2));
  }

  private resize(capacity: number): void {
    const resized = (values: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(values.subarray(0, this.count));
      return next;
    };
    this.keys = resized(this.keys);
    this.seqs = resized(this.seqs);
    this.items = resized(this.items);
  }
}

/** Whether the entry (key, seq) comes before the entry (otherKey, otherSeq): by key, then by seq. */
function before(key: number, seq: number, otherKey: number, otherSeq: number): boolean {
  return key < otherKey || (key === otherKey && seq < otherSeq);
}
