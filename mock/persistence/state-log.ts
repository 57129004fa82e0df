/**
 * The state file on disk: appends that are whole or absent, and whole-file rewrites that are never
 * half a file. Every file it creates is private (0600): the state holds app secrets and tokens.
 */
import * as fs from 'node:fs';

/** The file operations the state file uses; tests inject failing ones (a full disk, an I/O error). */
export interface StateFileIo {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Buffer, offset: number, length: number): number;
  ftruncateSync(fd: number, length: number): void;
  fsyncSync(fd: number): void;
  fstatSync(fd: number): { size: number };
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

export const NODE_IO: StateFileIo = fs;

export const PRIVATE_MODE = 0o600;

/** Writes all of `bytes` at the end of `fd`, looping over short writes. */
function writeAll(io: StateFileIo, fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += io.writeSync(fd, bytes, done, bytes.length - done);
}

/** An append-only log: each append is written whole before it returns, or not at all. */
export class StateLog {
  private fd: number;
  private length: number;
  /** Set when a failed append may have left a partial tail that could not be cut off yet. */
  private torn = false;

  constructor(
    private readonly io: StateFileIo,
    path: string,
  ) {
    this.fd = io.openSync(path, 'a', PRIVATE_MODE);
    this.length = io.fstatSync(this.fd).size;
  }

  /** Bytes in the file. */
  get size(): number {
    return this.length;
  }

  /** Appends `text`; on failure cuts the file back to what it held, so what was acknowledged stays readable, and throws. */
  append(text: string): void {
    const bytes = Buffer.from(text);
    if (this.torn) {
      this.io.ftruncateSync(this.fd, this.length);
      this.torn = false;
    }
    try {
      writeAll(this.io, this.fd, bytes);
    } catch (err) {
      try {
        this.io.ftruncateSync(this.fd, this.length);
      } catch {
        this.torn = true;
      }
      throw err;
    }
    this.length += bytes.length;
  }

  close(): void {
    this.io.closeSync(this.fd);
  }
}

/** A rewrite of the whole file, written next to it and renamed over it once complete and on disk. */
export class StateRewrite {
  private readonly fd: number;
  private length = 0;
  private readonly tmp: string;

  constructor(
    private readonly io: StateFileIo,
    private readonly path: string,
  ) {
    this.tmp = `${path}.compacting`;
    // A leftover from a crash mid-rewrite may have other permissions: 'w' would keep them.
    try {
      io.unlinkSync(this.tmp);
    } catch {
      // Usually there is none.
    }
    this.fd = io.openSync(this.tmp, 'w', PRIVATE_MODE);
  }

  get size(): number {
    return this.length;
  }

  write(text: string): void {
    const bytes = Buffer.from(text);
    writeAll(this.io, this.fd, bytes);
    this.length += bytes.length;
  }

  /** Flushes what was written so far to disk without holding the event loop; `done` gets the error, if any. */
  flush(done: (err: unknown) => void): void {
    fs.fsync(this.fd, done);
  }

  /** Puts the rewrite in place of the file, synced first unless `flush` just synced all but its last appends. */
  finish({ synced = false } = {}): void {
    if (!synced) this.io.fsyncSync(this.fd);
    this.io.closeSync(this.fd);
    this.io.renameSync(this.tmp, this.path);
  }

  /** Gives the rewrite up; the file stays as it is. */
  abandon(): void {
    try {
      this.io.closeSync(this.fd);
      this.io.unlinkSync(this.tmp);
    } catch {
      // Nothing more to undo: the file itself was never touched.
    }
  }
}
