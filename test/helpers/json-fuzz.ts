/**
 * Malformed JSON payloads made from a valid one: a key dropped, a value of the wrong type or far
 * too long, the text cut, bytes flipped (invalid UTF-8 too), deep nesting, random bytes. `isValid`
 * is the receiver's own check: a mutation it would accept is drawn again, so every payload
 * returned is one the receiver must refuse.
 */

const WRONG_VALUES: unknown[] = [null, true, -1, 1.5, 1e309, '', 'x'.repeat(70_000), [], {}, [[[]]], '\u0000', '../../etc', '`{{ }}`', 2 ** 60, { $gt: '' }];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths to every value in the document ([] is the root). */
function pathsOf(value: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(at);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pathsOf(v, [...at, i], out);
  } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function mutateValue(rand: () => number, doc: Json): Json {
  const copy = structuredClone(doc);
  const paths = pathsOf(copy).filter((p) => p.length > 0);
  if (paths.length === 0) return pick(rand, WRONG_VALUES) as Json;
  const path = pick(rand, paths);
  const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string, Json>)[k as string] as Json, copy) as Record<string | number, Json>;
  const key = path.at(-1) as string | number;
  if (rand() < 0.3 && !Array.isArray(parent)) delete parent[key];
  else parent[key] = pick(rand, WRONG_VALUES) as Json;
  return copy;
}

/** One malformed payload derived from `valid`. */
export function malformedJson(rand: () => number, valid: unknown, isValid: (bytes: Uint8Array) => boolean): Uint8Array {
  for (;;) {
    const bytes = candidate(rand, valid as Json);
    if (!isValid(bytes)) return bytes;
  }
}

function candidate(rand: () => number, valid: Json): Uint8Array {
  const text = JSON.stringify(valid);
  const kind = rand();
  if (kind < 0.45) {
    let doc = valid;
    for (let i = 0, n = 1 + Math.floor(rand() * 3); i < n; i++) doc = mutateValue(rand, doc);
    return Buffer.from(JSON.stringify(doc) ?? 'undefined');
  }
  if (kind < 0.6) return Buffer.from(text.slice(0, Math.floor(rand() * text.length)));
  if (kind < 0.72) {
    const bytes = Buffer.from(text);
    for (let i = 0; i < 1 + rand() * 6; i++) bytes[Math.floor(rand() * bytes.length)] = 0x80 + Math.floor(rand() * 128);
    return bytes;
  }
  if (kind < 0.8) return Buffer.from(Array.from({ length: Math.floor(rand() * 2048) }, () => Math.floor(rand() * 256)));
  if (kind < 0.85) {
    const depth = 1000 + Math.floor(rand() * 100_000);
    return Buffer.from('['.repeat(depth) + ']'.repeat(rand() < 0.5 ? depth : 0));
  }
  if (kind < 0.9) return Buffer.from(pick(rand, ['', 'null', '[]', '"x"', '0', 'true', '{}', '{"kind":"noop"}', '\ufeff{}', text + text]));
  // Valid JSON around it, the wrong shape: the document nested or wrapped.
  return Buffer.from(JSON.stringify(pick(rand, [[valid], { task: valid }, { ...(valid as object), extra: 'x'.repeat(600_000) }])));
}
