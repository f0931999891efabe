import { describe, expect, it } from 'vitest';
import { canonicalJson, dataHash } from './fingerprint.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and writes what JSON.stringify writes for the rest', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, '10': 2, '9': 3 })).toBe('{"10":2,"9":3,"a":{"c":true,"d":[1,"x",null]},"b":1}');
    expect(canonicalJson({ a: undefined, b: [undefined, () => 1], c: new Date('2025-01-02T03:04:05.000Z'), d: Number.NaN })).toBe(
      '{"b":[null,null],"c":"2025-01-02T03:04:05.000Z","d":null}',
    );
  });

  it('gives the same hash for the same value whatever the key order, and another for other data', () => {
    expect(dataHash({ a: 1, b: { c: 2, d: 3 } })).toBe(dataHash(JSON.parse('{"b":{"d":3,"c":2},"a":1}')));
    expect(dataHash({ a: 1 })).not.toBe(dataHash({ a: 2 }));
    expect(dataHash({ a: 1 })).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses data nested deeper than 64 levels with a typed error', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
