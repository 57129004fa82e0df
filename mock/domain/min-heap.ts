/**
 * A binary min-heap of items ordered by (key, seq): the sends in flight ordered by when they end, so
 * a tick takes only those whose time is up instead of visiting them all. Three parallel arrays rather
 * than an object per entry, since an app may hold a million sends.
 */
export class MinHeap<T> {
  private readonly keys: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  /** The smallest entry's item, or undefined when empty. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(key: number, seq: number, item: T): void {
    const { keys, seqs, items } = this;
    // Sift up: move larger parents down into the hole, then drop the new entry in.
    let i = items.length;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk < key || (pk === key && seqs[parent]! < seq)) break;
      keys[i] = pk;
      seqs[i] = seqs[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    keys[i] = key;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Removes the smallest entry and returns its item. */
  pop(): T | undefined {
    const top = this.items[0];
    const key = this.keys.pop();
    const seq = this.seqs.pop();
    const item = this.items.pop() as T;
    if (this.items.length > 0 && key !== undefined && seq !== undefined) this.siftDown(0, key, seq, item);
    return top;
  }

  /**
   * Removes every entry whose key is ≤ `limit`, calling `take` with each: smallest first when few are
   * taken; when many are (a tick that ends most sends in flight), in storage order, since one pass
   * over the arrays and a rebuild cost less than popping them one by one.
   */
  takeUpTo(limit: number, take: (item: T, seq: number) => void): void {
    const { keys, seqs, items } = this;
    const n = items.length;
    let count = this.countUpTo(limit);
    if (count === 0) return;
    if (count * Math.log2(n + 1) <= n) {
      for (; count > 0; count--) {
        take(items[0]!, seqs[0]!);
        this.pop();
      }
      return;
    }
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
    keys.length = kept;
    seqs.length = kept;
    items.length = kept;
    // Floyd's heap construction: O(n).
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i, keys[i]!, seqs[i]!, items[i]!);
  }

  /** Entries whose key is ≤ `limit`: only their subtrees can hold more, so this visits O(count) nodes. */
  private countUpTo(limit: number): number {
    const { keys } = this;
    if (!(keys.length > 0 && keys[0]! <= limit)) return 0;
    const stack = [0];
    let count = 0;
    while (stack.length > 0) {
      const i = stack.pop()!;
      count++;
      const left = 2 * i + 1;
      if (left < keys.length && keys[left]! <= limit) stack.push(left);
      if (left + 1 < keys.length && keys[left + 1]! <= limit) stack.push(left + 1);
    }
    return count;
  }

  /** Places (key, seq, item) at `i` or below: moves smaller children up into the hole until it fits. */
  private siftDown(i: number, key: number, seq: number, item: T): void {
    const { keys, seqs, items } = this;
    const n = items.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (keys[right]! < keys[child]! || (keys[right] === keys[child] && seqs[right]! < seqs[child]!))) child = right;
      const ck = keys[child]!;
      if (key < ck || (key === ck && seq < seqs[child]!)) break;
      keys[i] = ck;
      seqs[i] = seqs[child]!;
      items[i] = items[child]!;
      i = child;
    }
    keys[i] = key;
    seqs[i] = seq;
    items[i] = item;
  }
}
