/**
 * Reads a hook request's body: application/json (also `+json` types and parameters such as
 * charset), application/x-www-form-urlencoded (GitHub, Gitea and Forgejo put the JSON in a
 * `payload` field; a generic hook sends its fields directly), or an empty body with any content
 * type or none. Errors are BerthError('INVALID_ARGUMENT') with details.status for the HTTP edge:
 * 415 for a body of another type, 400 for bytes that are not UTF-8, JSON that does not parse (with
 * the position, never echoing the body) and a JSON body that is not an object. Pure.
 */
import { BerthError } from '../../shared/errors.js';
import type { HookRequest, HookSource } from './hook-event.js';

export type HookBody = { kind: 'empty' } | { kind: 'json'; value: Record<string, unknown> } | { kind: 'form'; fields: URLSearchParams };

export function invalid(message: string, status = 400): BerthError {
  return new BerthError('INVALID_ARGUMENT', message, { status });
}

export function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

export function isJsonType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Stateless between calls (no `stream` option), so one serves every request. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decodeUtf8(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw invalid('body is not valid UTF-8');
  }
}

export function readHookBody(request: HookRequest): HookBody {
  const text = request.body.length === 0 ? '' : decodeUtf8(request.body);
  if (text.trim() === '') return { kind: 'empty' };
  const type = mediaType(request.contentType);
  if (isJsonType(type)) return { kind: 'json', value: parseJsonObject(text, 'body') };
  if (type === FORM_TYPE) return { kind: 'form', fields: new URLSearchParams(text) };
  const given = type ? `Content-Type ${type}` : 'no Content-Type';
  throw invalid(`hook body has ${given}; send application/json, ${FORM_TYPE}, or an empty body`, 415);
}

/** JSON.parse with a message that always says where the text goes wrong, and never echoes the body. */
function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid(`${what} is not valid JSON: ${jsonErrorWithPosition(text, err instanceof Error ? err.message : String(err))}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw invalid(`${what} must be a JSON object, not ${kind}`);
  }
  return value as Record<string, unknown>;
}

const POSITION = / at position (\d+)/;

function jsonErrorWithPosition(text: string, message: string): string {
  const at = POSITION.exec(message);
  if (at) return message.slice(0, at.index + at[0].length);
  // V8 says `Unexpected token 'x', "<the input>" is not valid JSON` (no position, and it quotes
  // the body) or `Unexpected end of JSON input`; find the position ourselves.
  let reason = message;
  if (reason.startsWith("Unexpected token '")) {
    const close = reason.indexOf("', ", "Unexpected token '".length + 1);
    reason = close > 0 ? reason.slice(0, close + 1) : 'Unexpected token';
  } else if (reason.endsWith('is not valid JSON')) {
    reason = 'Unexpected token';
  }
  const position = reason.startsWith('Unexpected end of JSON input') ? text.length : errorPosition(text);
  return `${reason} at position ${position}`;
}

/**
 * Where JSON.parse gives up on `text`: the length of its longest prefix that is still a possible
 * beginning of a JSON text. Being such a prefix is closed under taking prefixes, so a binary
 * search finds it with O(log n) parses.
 */
function errorPosition(text: string): number {
  const viable = (n: number): boolean => {
    const prefix = text.slice(0, n);
    try {
      JSON.parse(prefix);
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : '';
      if (message.startsWith('Unexpected end of JSON input')) return true;
      const at = POSITION.exec(message);
      return at !== null && Number(at[1]) >= n;
    }
  };
  let lo = 0; // viable
  let hi = text.length; // not viable (the whole text failed)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (viable(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The JSON a git host sent, from a JSON body or the `payload` field of a form body. */
export function hostJson(body: Exclude<HookBody, { kind: 'empty' }>, source: HookSource): Record<string, unknown> {
  if (body.kind === 'json') return body.value;
  const payload = body.fields.get('payload');
  if (payload === null) throw invalid(`${source} form body has no payload field (expected payload=<the JSON payload>)`);
  return parseJsonObject(payload, 'form field payload');
}
