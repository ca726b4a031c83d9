import { describe, expect, it } from 'vitest';
import { decodeTask, encodeTask } from '../../shared/task.js';

const base = { id: 't1', agentId: 'a1', deploymentId: null, createdAtMs: 1, deadlineMs: 2 };
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('decodeTask', () => {
  it('round-trips a start task and fills defaults', () => {
    const task = decodeTask(encodeTask({ ...base, kind: 'start-instance', spec: { instanceId: 'i1', app: 'a', service: 'web', release: 'v1', image: 'img' } }));
    expect(task.kind).toBe('start-instance');
    if (task.kind !== 'start-instance') return;
    expect(task.spec).toMatchObject({ env: {}, labels: {}, limits: {}, restart: 'unless-stopped' });
  });

  it('a task from before the protocol was sent is protocol 1; one that says its protocol keeps it', () => {
    expect(decodeTask(bytes({ ...base, kind: 'noop' })).protocol).toBe(1);
    expect(decodeTask(bytes({ ...base, kind: 'noop', protocol: 3 })).protocol).toBe(3);
  });

  it.each([
    ['binary garbage', new Uint8Array([0xff, 0xfe, 0x00]), /task is not JSON/],
    ['not JSON', bytes('hello'), /task is not JSON/],
    ['no kind', bytes({ ...base }), /task is invalid: kind/],
    ['unknown kind', bytes({ ...base, kind: 'format-disk', spec: {} }), /task is invalid: kind/],
    ['no id', bytes({ ...base, id: undefined, kind: 'noop' }), /task is invalid: id/],
    [
      'bad port',
      bytes({ ...base, kind: 'start-instance', spec: { instanceId: 'i', app: 'a', service: 's', release: 'r', image: 'i', containerPort: 70000 } }),
      /spec\.containerPort/,
    ],
    [
      'bad instance id',
      bytes({ ...base, kind: 'start-instance', spec: { instanceId: '../etc', app: 'a', service: 's', release: 'r', image: 'i' } }),
      /spec\.instanceId/,
    ],
    [
      'command as a string',
      bytes({ ...base, kind: 'start-instance', spec: { instanceId: 'i', app: 'a', service: 's', release: 'r', image: 'i', command: 'rm -rf /' } }),
      /spec\.command/,
    ],
    ['negative grace', bytes({ ...base, kind: 'stop-instance', spec: { instanceId: 'i', graceSeconds: -1 } }), /spec\.graceSeconds/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => decodeTask(input)).toThrowError(message);
  });

  it('refuses with a typed code', () => {
    try {
      decodeTask(bytes('{'));
      expect.unreachable();
    } catch (err) {
      expect((err as { code: string }).code).toBe('INVALID_MESSAGE');
    }
  });

  it('encodeTask refuses an invalid task before it is sent', () => {
    expect(() => encodeTask({ ...base, kind: 'stop-instance', spec: { instanceId: '' } })).toThrowError(/spec\.instanceId/);
  });
});
