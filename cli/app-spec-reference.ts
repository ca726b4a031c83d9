/**
 * The app spec's reference, made from its schema (shared/app-spec.ts): the JSON Schema editors can
 * validate app specs with (docs/reference/app-spec.schema.json) and a page of every field
 * (docs/reference/app-spec.md). `npm run gen:docs` writes both; a unit test fails when they and the
 * schema disagree. Pure.
 */
import { z } from 'zod';
import { AppSpecSchema } from '../shared/app-spec.js';

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
};

/** What a person writes (io: input): defaults may be left out; durations are text or milliseconds. */
export function appSpecJsonSchema(): JsonSchema & Record<string, unknown> {
  return z.toJSONSchema(AppSpecSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema & Record<string, unknown>;
}

function typeOf(schema: JsonSchema): string {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes('array')) return `list of ${schema.items ? typeOf(schema.items) : 'values'}`;
  if (types.includes('object') && !schema.properties && typeof schema.additionalProperties === 'object') return `map of ${typeOf(schema.additionalProperties)}`;
  if (types.length === 2 && types.includes('string') && types.includes('number')) return 'duration';
  const range = schema.minimum !== undefined && schema.maximum !== undefined ? ` (${schema.minimum}–${schema.maximum})` : '';
  return `${types.join(' or ') || 'value'}${range}`;
}

function rows(schema: JsonSchema, path: string, out: string[]): void {
  const required = new Set(schema.required ?? []);
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    const at = path ? `${path}.${key}` : key;
    const fallback = field.default === undefined ? (required.has(key) ? 'required' : '—') : `\`${JSON.stringify(field.default)}\``;
    out.push(`| \`${at}\` | ${typeOf(field)} | ${fallback} | ${field.description ?? ''} |`);
    if (field.properties) rows(field, at, out);
    if (typeof field.additionalProperties === 'object' && field.additionalProperties.properties) rows(field.additionalProperties, `${at}.NAME`, out);
  }
}

export function renderAppSpecReference(): string {
  const out: string[] = [];
  rows(appSpecJsonSchema(), '', out);
  return [
    '# The app spec',
    '',
    '<!-- Generated from shared/app-spec.ts by `npm run gen:docs`; do not edit. -->',
    '',
    'An app spec is YAML or JSON (`berth apps apply -f FILE`). Every problem is reported at once with its path; an invalid spec changes nothing. Editors can check specs with [app-spec.schema.json](app-spec.schema.json) (for YAML: `# yaml-language-server: $schema=…` on the first line).',
    '',
    '```yaml',
    'name: shop',
    'domains: [shop.example.com]',
    'postdeploy: bin/migrate',
    'services:',
    '  web: { git: { repo: https://github.com/acme/shop, branch: main }, port: 8080, scale: 2, health: { path: /healthz } }',
    '  worker: { git: { repo: https://github.com/acme/shop }, command: bin/worker }',
    '```',
    '',
    '| field | type | default | meaning |',
    '| --- | --- | --- | --- |',
    ...out,
    '',
    'Also checked across fields: each service gives either `image` or `git`; `health.path` needs a `port`; app `domains` need a service named `web` with a `port`; a service with `domains` needs a `port`; no domain is routed twice; `postdeployService` names a service.',
    '',
  ].join('\n');
}
