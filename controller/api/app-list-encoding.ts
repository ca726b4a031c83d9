/**
 * ListApps answers are encoded from rows that are each encoded once. A list of 1,000 apps is
 * about 48 KB; building and encoding it through protobufjs on every call cost more than everything
 * else the call does, while between two calls nearly every row is the same. So the admin service
 * hands out the same row object while an app's summary is unchanged (see `summarizeApp`), and
 * this serializer keeps each row's bytes beside that object: an answer is then its rows' cached
 * bytes, each behind its field tag and length, which is exactly what protobuf's encoding of
 * `repeated AppSummary apps = 1` is.
 */
import type { AppSummary } from '../../proto/gen/berth/v1/AppSummary.js';
import type { ListAppsResponse } from '../../proto/gen/berth/v1/ListAppsResponse.js';

/** Field 1, wire type 2 (length-delimited): the tag of each `apps` entry. */
const APPS_FIELD_TAG = (1 << 3) | 2;

/** A protobuf varint (lengths here are far below 2^31). */
function encodeVarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** A ListAppsResponse serializer over `encodeRow` (protobuf's own AppSummary encoder). */
export function createAppListSerializer(encodeRow: (row: AppSummary) => Buffer): (response: ListAppsResponse) => Buffer {
  // Weak: a row dropped from every answer (app deleted, release changed) takes its bytes with it.
  const encoded = new WeakMap<AppSummary, Buffer>();
  const TAG = Buffer.from([APPS_FIELD_TAG]);
  return (response) => {
    const parts: Buffer[] = [];
    for (const row of response.apps ?? []) {
      let bytes = encoded.get(row);
      if (!bytes) {
        const body = encodeRow(row);
        bytes = Buffer.concat([TAG, encodeVarint(body.length), body]);
        encoded.set(row, bytes);
      }
      parts.push(bytes);
    }
    return Buffer.concat(parts);
  };
}
