import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalBytes, canonicalJson } from './canonical-json';

describe('canonicalJson: RFC 8785 examples', () => {
  test('§3.2.2: literals, numbers and string escapes', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  test('§3.2.3: members sorted by UTF-16 code units', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  test('§3.2.4: UTF-8 bytes of the sorted example start as the RFC shows', () => {
    const hex = Buffer.from(canonicalBytes({ '\r': 'Carriage Return', '1': 'One' })).toString(
      'hex',
    );
    // {"\r":"Carriage Return","1":"One"}
    expect(hex.startsWith('7b225c72223a22436172726961676520')).toBe(true);
  });

  // Appendix B: IEEE-754 bit patterns and their JCS text.
  test.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('Appendix B: %s → %s', (bits, text) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, BigInt(`0x${bits}`));
    expect(canonicalJson(view.getFloat64(0))).toBe(text);
  });

  test.each([NaN, Infinity, -Infinity])('Appendix B: %s is an error', (n) => {
    expect(() => canonicalJson(n)).toThrow(TypeError);
  });
});

describe('canonicalJson: our decisions', () => {
  test('object members whose value is undefined are left out, at any depth', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: { d: undefined, e: [1] } })).toBe(
      '{"b":1,"c":{"e":[1]}}',
    );
  });

  test('no whitespace; nested objects inside arrays are sorted too', () => {
    expect(canonicalJson([{ z: 1, a: [true, { y: null, x: 'é' }] }])).toBe(
      '[{"a":[true,{"x":"é","y":null}],"z":1}]',
    );
  });

  test('objects without a prototype and shared (non-cyclic) references are fine', () => {
    const bare = Object.create(null) as Record<string, number>;
    bare['k'] = 1;
    const shared = { v: 1 };
    expect(canonicalJson({ bare, p: shared, q: shared })).toBe(
      '{"bare":{"k":1},"p":{"v":1},"q":{"v":1}}',
    );
  });

  class Point {
    constructor(readonly x: number) {}
  }
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  test.each([
    ['undefined at the top', undefined],
    ['undefined in an array', [1, undefined]],
    ['an array hole', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['NaN in an object', { n: NaN }],
    ['a bigint', { n: 1n }],
    ['a function member', { f: () => 1 }],
    ['a symbol', Symbol('s')],
    ['a symbol key', { [Symbol('s')]: 1 }],
    ['a Date', { at: new Date(0) }],
    ['a Map', new Map([[1, 2]])],
    ['a class instance', new Point(1)],
    ['a cycle', cyclic],
    ['a lone high surrogate in a value', { s: 'a\ud800' }],
    ['a lone low surrogate in a key', { '\udc00': 1 }],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  test('-0 is written as 0', () => {
    expect(canonicalJson({ z: -0 })).toBe('{"z":0}');
  });
});

describe('canonicalJson: properties', () => {
  /** The same members, inserted in a shuffled order, at every depth. */
  function reorder(value: unknown, seed: number): unknown {
    if (Array.isArray(value)) return value.map((v, i) => reorder(v, seed + i));
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value);
    const shuffled = entries
      .map((e, i) => ({ e, k: ((i + 1) * 2654435761 * (seed + 7)) % 1000003 }))
      .sort((a, b) => a.k - b.k)
      .map(({ e }) => [e[0], reorder(e[1], seed + 1)] as const);
    return Object.fromEntries(shuffled);
  }

  test('key order does not change the bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        expect(canonicalBytes(reorder(value, seed))).toEqual(canonicalBytes(value));
      }),
      { numRuns: 200 },
    );
  });

  test('is valid JSON for the same value, and canonicalising it again changes nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(text).not.toMatch(/^\s|\s$/);
      }),
      { numRuns: 200 },
    );
  });

  // Object.keys cannot show the text order (it lists integer-like names first), so compare the text.
  test('member names come out sorted by code units', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.integer()), (dict) => {
        const names = Object.keys(dict).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const members = names.map((k) => `${JSON.stringify(k)}:${String(dict[k])}`);
        expect(canonicalJson(dict)).toBe(`{${members.join(',')}}`);
      }),
      { numRuns: 200 },
    );
  });
});
