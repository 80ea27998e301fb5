// Canonical JSON after RFC 8785 (JCS): the bytes that are hashed and signed. The same value must give the
// same bytes on the desk, in Electron and on the hub, whatever order its keys were built in.
//
// - Object members are sorted by their names' UTF-16 code units (plain `<` on JS strings); no whitespace.
// - Strings are escaped as JSON.stringify does in ES2019+, which is exactly the JCS rule.
// - Numbers use the ECMAScript Number-to-String form (JCS §3.2.2.3); -0 becomes 0.
// - An object member whose value is `undefined` is left out, as JSON.stringify does, so optional fields
//   need no special handling.
// Everything else that JSON cannot carry faithfully is a bug and throws a TypeError: `undefined` as a
// top-level value or an array element (JSON.stringify would silently write null), NaN and ±Infinity,
// bigint, functions, symbols, lone surrogates (not I-JSON), cycles, array holes, and objects that are not
// plain (Date, Map, class instances: their JSON form depends on toJSON and would not round-trip).

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function serializeString(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) throw new TypeError(`Lone surrogate in string at ${path}`);
  return JSON.stringify(s);
}

// Compared by shape, not by identity with Object.prototype, so plain objects from another realm (a vm
// context, a worker's structured clone) are accepted too.
function isPlainObject(value: object): boolean {
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function serialize(value: unknown, path: string, stack: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value, path);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Non-finite number at ${path}`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (stack.has(value)) throw new TypeError(`Cycle at ${path}`);
      stack.add(value);
      try {
        if (Array.isArray(value)) return serializeArray(value, path, stack);
        if (!isPlainObject(value)) throw new TypeError(`Not a plain object at ${path}`);
        return serializeObject(value as Record<string, unknown>, path, stack);
      } finally {
        stack.delete(value);
      }
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new TypeError(`${typeof value} is not JSON (at ${path})`);
  }
}

function serializeArray(items: readonly unknown[], path: string, stack: Set<object>): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) {
    if (!(i in items)) throw new TypeError(`Array hole at ${path}[${i}]`);
    parts.push(serialize(items[i], `${path}[${i}]`, stack));
  }
  return `[${parts.join(',')}]`;
}

function serializeObject(obj: Record<string, unknown>, path: string, stack: Set<object>): string {
  if (Object.getOwnPropertySymbols(obj).length > 0) throw new TypeError(`Symbol key at ${path}`);
  const keys = Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: string[] = [];
  for (const key of keys) {
    const member = obj[key];
    if (member === undefined) continue;
    const memberPath = `${path}.${key}`;
    parts.push(`${serializeString(key, memberPath)}:${serialize(member, memberPath, stack)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The canonical JSON text of a value. Throws TypeError for values JSON cannot carry (see above). */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$', new Set());
}

/** UTF-8 bytes of canonicalJson(value): what is hashed and signed. */
export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  // Copied so the type says ArrayBuffer-backed, which WebCrypto's BufferSource requires.
  return new Uint8Array(new TextEncoder().encode(canonicalJson(value)));
}
