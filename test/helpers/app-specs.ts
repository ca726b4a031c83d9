/**
 * App specs for tests, written as typed values: `specText` checks them against the app spec's
 * schema type at compile time (a misspelt field fails tsc, not a test run) and gives the text the
 * controller parses (JSON, which is YAML too).
 */
import type { AppSpecInput } from '../../shared/app-spec.js';

export function specText(spec: AppSpecInput): string {
  return JSON.stringify(spec);
}
