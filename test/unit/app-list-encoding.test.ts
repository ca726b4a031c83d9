import { describe, expect, it } from 'vitest';
import { createAppListSerializer } from '../../controller/api/app-list-encoding.js';
import type { AppSummary } from '../../proto/gen/berth/v1/AppSummary.js';
import { loadBerthProto } from '../../proto/load.js';

const v1 = loadBerthProto().berth.v1;
const protobufEncode = (apps: AppSummary[]) => v1.ListAppsResponse.serialize({ apps });

const row = (name: string, release = '', domains = [`${name}.example.com`]): AppSummary => ({ name, services: ['web', 'worker'], domains, release });

describe('createAppListSerializer', () => {
  // The bytes must be protobuf's own, whatever the rows hold: the client decodes them as such.
  it.each([
    ['no apps', []],
    ['one app before its first deploy', [row('shop')]],
    ['several apps with releases', [row('a', 'v1'), row('b', 'v12'), row('c')]],
    // A row over 127 bytes has a two-byte length; over 16,383 a three-byte one.
    [
      'a row needing a two-byte length',
      [
        row(
          'many',
          'v3',
          Array.from({ length: 20 }, (_, i) => `d${i}.example.com`),
        ),
      ],
    ],
    [
      'a row needing a three-byte length',
      [
        row(
          'huge',
          'v3',
          Array.from({ length: 1500 }, (_, i) => `d${i}.example.com`),
        ),
      ],
    ],
    ['names outside ASCII', [row('café-ü', 'v1', ['bücher.example'])]],
  ])('%s: the same bytes as protobufjs', (_label, apps) => {
    const serialize = createAppListSerializer(v1.AppSummary.serialize);
    const bytes = serialize({ apps });
    expect(bytes.equals(protobufEncode(apps))).toBe(true);
    expect(v1.ListAppsResponse.deserialize(bytes).apps.map((a) => a.name)).toEqual(apps.map((a) => a.name));
  });

  it('answers from kept rows and encodes a changed row anew', () => {
    const serialize = createAppListSerializer(v1.AppSummary.serialize);
    const a = row('a', 'v1');
    const b = row('b', 'v1');
    expect(serialize({ apps: [a, b] }).equals(protobufEncode([a, b]))).toBe(true);
    // The admin service replaces a row when its release changes; the answer must carry the new one.
    const b2 = row('b', 'v2');
    const decoded = v1.ListAppsResponse.deserialize(serialize({ apps: [a, b2] }));
    expect(decoded.apps.map((x) => x.release)).toEqual(['v1', 'v2']);
    // And a row dropped from the list (app deleted) is gone from the answer.
    expect(v1.ListAppsResponse.deserialize(serialize({ apps: [b2] })).apps.map((x) => x.name)).toEqual(['b']);
  });
});
