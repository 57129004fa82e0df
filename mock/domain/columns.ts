/**
 * The columns of a table whose rows are numbered from 0 (message-table.ts): each keeps one field of
 * every row in a typed array, whose backing store lies outside the V8 heap, so a million rows cost
 * neither a million objects nor the garbage collector's slack. The table decides the capacity.
 */

export interface Column<T> {
  get(row: number): T;
  set(row: number, value: T): void;
  /** Makes room for `capacity` rows, keeping the first `length`. */
  resize(capacity: number, length: number): void;
  /** Row `from`'s value becomes row `to`'s (compaction moves rows down). */
  move(from: number, to: number): void;
}

function resized<A extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(values: A, make: (capacity: number) => A, capacity: number, length: number): A {
  const next = make(capacity);
  next.set(values.subarray(0, Math.min(length, capacity)));
  return next;
}

const float64 = (capacity: number) => new Float64Array(capacity);

/** Numbers as they are. */
export class NumberColumn implements Column<number> {
  private values = new Float64Array(0);

  get(row: number): number {
    return this.values[row]!;
  }

  set(row: number, value: number): void {
    this.values[row] = value;
  }

  resize(capacity: number, length: number): void {
    this.values = resized(this.values, float64, capacity, length);
  }

  move(from: number, to: number): void {
    this.values[to] = this.values[from]!;
  }
}

/** Numbers that may be undefined, kept as NaN (no field a table holds is ever NaN). */
export class OptionalNumberColumn implements Column<number | undefined> {
  private readonly numbers = new NumberColumn();

  get(row: number): number | undefined {
    const value = this.numbers.get(row);
    return Number.isNaN(value) ? undefined : value;
  }

  set(row: number, value: number | undefined): void {
    this.numbers.set(row, value ?? NaN);
  }

  resize(capacity: number, length: number): void {
    this.numbers.resize(capacity, length);
  }

  move(from: number, to: number): void {
    this.numbers.move(from, to);
  }
}

type Codes = Uint8Array | Uint16Array | Uint32Array;

/**
 * Values of a small set (statuses, msgtypes, appids), each kept as its index in the list of values
 * seen so far: a byte a row while fewer than 256 are known, wider once more are.
 */
export class CodeColumn<T> implements Column<T> {
  private codes: Codes = new Uint8Array(0);
  private readonly known: T[] = [];
  private readonly codeOf = new Map<T, number>();

  get(row: number): T {
    return this.known[this.codes[row]!]!;
  }

  set(row: number, value: T): void {
    let code = this.codeOf.get(value);
    if (code === undefined) {
      code = this.known.push(value) - 1;
      this.codeOf.set(value, code);
      this.widenFor(code);
    }
    this.codes[row] = code;
  }

  resize(capacity: number, length: number): void {
    this.codes = resized(this.codes, (size) => this.make(size, this.codes), capacity, length);
  }

  move(from: number, to: number): void {
    this.codes[to] = this.codes[from]!;
  }

  private widenFor(code: number): void {
    const wider = code > 0xffff && !(this.codes instanceof Uint32Array) ? Uint32Array : code > 0xff && this.codes instanceof Uint8Array ? Uint16Array : undefined;
    if (!wider) return;
    const next = new wider(this.codes.length);
    next.set(this.codes);
    this.codes = next;
  }

  private make(capacity: number, like: Codes): Codes {
    return like instanceof Uint32Array ? new Uint32Array(capacity) : like instanceof Uint16Array ? new Uint16Array(capacity) : new Uint8Array(capacity);
  }
}

/**
 * Values that most rows leave at `fallback` (a send's pushes, its deleted articles): only the others
 * are kept, in a Map by row. A value `isFallback` accepts is stored as no value at all.
 */
export class SparseColumn<T> implements Column<T> {
  private readonly values = new Map<number, T>();

  constructor(
    private readonly fallback: T,
    private readonly isFallback: (value: T) => boolean,
  ) {}

  get(row: number): T {
    return this.values.get(row) ?? this.fallback;
  }

  set(row: number, value: T): void {
    if (this.isFallback(value)) this.values.delete(row);
    else this.values.set(row, value);
  }

  resize(_capacity: number, length: number): void {
    for (const row of this.values.keys()) if (row >= length) this.values.delete(row);
  }

  move(from: number, to: number): void {
    this.set(to, this.get(from));
    this.values.delete(from);
  }
}
