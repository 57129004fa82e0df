import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, formatOfName, isUploadedFile, signatureOf, sniffFormat, type FileFormat } from '../../mock/domain/file-formats.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string, ...after: number[]) => Uint8Array.from([...Buffer.from(text, 'latin1'), ...after]);

describe('formatOfName', () => {
  it.each([
    ['cover.jpg', 'jpeg'],
    ['cover.jpeg', 'jpeg'],
    ['COVER.JPG', 'jpeg'],
    ['a.png', 'png'],
    ['a.gif', 'gif'],
    ['a.bmp', 'bmp'],
    ['v.amr', 'amr'],
    ['v.MP3', 'mp3'],
    ['v.wma', 'wma'],
    ['v.wav', 'wav'],
    ['clip.mp4', 'mp4'],
    ['archive.tar.mp4', 'mp4'],
    ['.png', 'png'],
  ])('reads %s as %s', (name, format) => {
    expect(formatOfName(name)).toBe(format);
  });

  it.each(['cover', 'cover.', 'cover.txt', 'cover.jpg.txt', 'png', 'a.constructor', 'a.toString', 'a.__proto__', 'a.hasOwnProperty', 'a. jpg', ''])('knows no format for %j', (name) => {
    expect(formatOfName(name)).toBeUndefined();
  });
});

describe('sniffFormat', () => {
  it('needs 12 bytes at most', () => {
    expect(SNIFF_BYTES).toBe(12);
  });

  it.each([
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d)],
    ['gif', ascii('GIF87a')],
    ['gif', ascii('GIF89a', 1, 2)],
    ['bmp', ascii('BM', 0x36)],
    ['amr', ascii('#!AMR\n')],
    ['mp3', ascii('ID3', 4, 0)],
    ['mp3', bytes(0xff, 0xfb, 0x90)],
    ['mp3', bytes(0xff, 0xe0)],
    ['wma', bytes(0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9)],
    ['wav', ascii('RIFF', 0x24, 0, 0, 0, ...Buffer.from('WAVE'))],
    ['mp4', bytes(0, 0, 0, 0x18, ...Buffer.from('ftypmp42'))],
  ] as const)('knows %s by its first bytes', (format, head) => {
    expect(sniffFormat(head)).toBe(format);
  });

  it.each([
    ['nothing', bytes()],
    ['a JPEG start cut short', bytes(0xff, 0xd8)],
    ['a PNG signature one byte off', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b)],
    ['GIF88a', ascii('GIF88a')],
    ['B alone', ascii('B')],
    ['#!AM', ascii('#!AM')],
    ['ID', ascii('ID')],
    ['0xff with no sync bits after', bytes(0xff, 0xc0)],
    ['0xff alone', bytes(0xff)],
    ['sync bits with no 0xff before them', bytes(0x00, 0xfb, 0x90)],
    ['a RIFF that is no WAVE', ascii('RIFF', 0, 0, 0, 0, ...Buffer.from('AVI '))],
    ['WAVE without RIFF', ascii('RIFX', 0, 0, 0, 0, ...Buffer.from('WAVE'))],
    ['ftyp at the start', ascii('ftypmp42')],
    ['text', ascii('hello world!')],
    ['an ASF GUID cut short', bytes(0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf)],
  ])('knows no format for %s', (_, head) => {
    expect(sniffFormat(head)).toBeUndefined();
  });
});

describe('signatureOf', () => {
  const FORMATS: FileFormat[] = ['jpeg', 'png', 'gif', 'bmp', 'amr', 'mp3', 'wma', 'wav', 'mp4'];

  it.each(FORMATS)('opens a stand-in %s file with bytes sniffFormat knows it by', (format) => {
    expect(sniffFormat(signatureOf(format))).toBe(format);
  });

  it('spells each format\'s signature as the format does', () => {
    expect(Buffer.from(signatureOf('gif')).toString('latin1')).toBe('GIF89a');
    expect(Buffer.from(signatureOf('wav')).toString('latin1')).toBe('RIFF\0\0\0\0WAVE');
    expect(Buffer.from(signatureOf('mp4')).toString('latin1')).toBe('\0\0\0\x18ftyp');
    expect([...signatureOf('jpeg')]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
  });
});

describe('isUploadedFile', () => {
  it('is true for a file part: an object with a sha256 string', () => {
    expect(isUploadedFile({ filename: 'a.jpg', size: 1, sha256: 'ab', format: 'jpeg' })).toBe(true);
    expect(isUploadedFile({ sha256: '' })).toBe(true);
  });

  it.each([['a.jpg'], [null], [undefined], [42], [{ filename: 'a.jpg', size: 1 }], [{ sha256: 5 }], [['ab']]])('is false for %j', (value) => {
    expect(isUploadedFile(value)).toBe(false);
  });
});
