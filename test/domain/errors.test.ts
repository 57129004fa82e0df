import { describe, expect, it } from 'vitest';
import { WX_ERRORS, errmsgFor, isCatalogued, type WxErrcode } from '../../mock/domain/errors.js';

const codes = Object.keys(WX_ERRORS).map(Number) as WxErrcode[];

describe('the error catalog', () => {
  it('gives every errcode a text of its own, without stray spaces', () => {
    for (const code of codes) {
      const { text } = WX_ERRORS[code];
      expect(typeof text, String(code)).toBe('string');
      expect(text.length, String(code)).toBeGreaterThan(0);
      expect(text.trim(), String(code)).toBe(text);
    }
    expect(new Set(codes.map((code) => WX_ERRORS[code].text)).size).toBe(codes.length);
  });

  it('gives every errcode one of the three rid styles', () => {
    for (const code of codes) expect(['space', 'comma', 'none'], String(code)).toContain(WX_ERRORS[code].rid);
  });

  it('appends the rid with a comma only for 48001, and not at all for 45065', () => {
    const styles = Object.fromEntries(codes.map((code) => [code, WX_ERRORS[code].rid]));
    expect(styles[48001]).toBe('comma');
    expect(styles[45065]).toBe('none');
    const others = codes.filter((code) => code !== 48001 && code !== 45065);
    expect(others.length).toBeGreaterThan(0);
    for (const code of others) expect(styles[code], String(code)).toBe('space');
  });

  it('marks as not seen live exactly the texts no captured answer shows: 40004 and 40006 (WxJava\'s enum), 40035 (inferred) and 45103 (quoted by its call\'s specification)', () => {
    const notLive = codes.filter((code) => 'live' in WX_ERRORS[code]);
    expect(notLive).toEqual([40004, 40006, 40035, 45103]);
    for (const code of notLive) expect((WX_ERRORS[code] as { live?: boolean }).live, String(code)).toBe(false);
  });
});

describe('isCatalogued', () => {
  it.each(codes)('knows %s', (code) => {
    expect(isCatalogued(code)).toBe(true);
  });

  it.each([0, 1, 40000, 99999, -2, 40001.5])('does not know %s', (code) => {
    expect(isCatalogued(code)).toBe(false);
  });
});

describe('errmsgFor', () => {
  it('appends " rid: …" to most texts', () => {
    expect(errmsgFor(40013, '6929a0b1-1c2d3e4f-5a6b7c8d')).toBe(`${WX_ERRORS[40013].text} rid: 6929a0b1-1c2d3e4f-5a6b7c8d`);
    expect(errmsgFor(-1, 'r')).toBe(`${WX_ERRORS[-1].text} rid: r`);
  });

  it('appends ", rid: …" to 48001', () => {
    expect(errmsgFor(48001, 'abc')).toBe(`${WX_ERRORS[48001].text}, rid: abc`);
  });

  it('sends 45065 without any rid', () => {
    expect(errmsgFor(45065, 'abc')).toBe(WX_ERRORS[45065].text);
  });
});
