/**
 * A follower's copy of the state (state/mirror-backend.ts): the leader's writes as stored in NATS,
 * applied in order, give the leader's state; the copy is never written; the CLI is sent on to
 * the leader a follower names.
 */
import { describe, expect, it } from 'vitest';
import { followLeader } from '../../cli/admin-client.js';
import { toGrpcError } from '../../controller/api/grpc-status.js';
import { notLeader } from '../../controller/api/follower-admin.js';
import { changedEntries, snapshotEntries } from '../../controller/state/journal.js';
import { applyStateWrite, MirrorBackend, type StateWrite } from '../../controller/state/mirror-backend.js';
import { emptyState, type ControllerState } from '../../controller/state/schema.js';
import { BerthError } from '../../shared/errors.js';

const leaderState = (): ControllerState => emptyState();

describe('applyStateWrite', () => {
  const rows: Array<{ name: string; writes: (s: ControllerState) => StateWrite[]; expect: (s: ControllerState) => unknown; want: unknown }> = [
    {
      name: 'a journal write sets a record',
      writes: () => [{ kind: 'journal', entries: [{ t: 'scheduleMarks', k: 'shop/nightly', v: { lastFireMs: 5 } }] }],
      expect: (s) => s.scheduleMarks,
      want: { 'shop/nightly': { lastFireMs: 5 } },
    },
    {
      name: 'a later journal write removes it',
      writes: () => [
        { kind: 'journal', entries: [{ t: 'scheduleMarks', k: 'shop/nightly', v: { lastFireMs: 5 } }] },
        { kind: 'journal', entries: [{ t: 'scheduleMarks', k: 'shop/nightly', d: 1 }] },
      ],
      expect: (s) => s.scheduleMarks,
      want: {},
    },
    {
      name: 'a whole table (cluster) is replaced',
      writes: () => [{ kind: 'journal', entries: [{ t: 'cluster', v: { adminToken: 'shared' } }] }],
      expect: (s) => s.cluster,
      want: { adminToken: 'shared' },
    },
    {
      name: 'a snapshot replaces everything the copy held, records it no longer has included',
      writes: () => {
        const leader = leaderState();
        leader.scheduleMarks['web/b'] = { lastFireMs: 9 };
        return [
          { kind: 'journal', entries: [{ t: 'scheduleMarks', k: 'web/a', v: { lastFireMs: 1 } }] },
          { kind: 'snapshot', entries: [...snapshotEntries(leader as unknown as Record<string, unknown>)] },
        ];
      },
      expect: (s) => s.scheduleMarks,
      want: { 'web/b': { lastFireMs: 9 } },
    },
    {
      name: 'the changed records of a leader write, applied, give the leader state',
      writes: () => {
        const leader = leaderState();
        leader.cluster = { adminToken: 't' };
        leader.scheduleMarks['x/y'] = { lastFireMs: 3 };
        return [
          {
            kind: 'journal',
            entries: changedEntries(leader, {
              all: false,
              tables: new Map([
                ['scheduleMarks', new Set(['x/y'])],
                ['', new Set(['cluster'])],
              ]),
            }),
          },
        ];
      },
      expect: (s) => ({ marks: s.scheduleMarks, cluster: s.cluster }),
      want: { marks: { 'x/y': { lastFireMs: 3 } }, cluster: { adminToken: 't' } },
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const copy = emptyState();
      for (const write of row.writes(copy)) applyStateWrite(copy, write, 'test');
      expect(row.expect(copy)).toEqual(row.want);
    });
  }
});

describe('a follower', () => {
  it('refuses to write its copy', async () => {
    const backend = new MirrorBackend('nats test stream BERTH_STATE', async () => undefined);
    await expect(backend.write()).rejects.toMatchObject({ code: 'NOT_LEADER' });
  });

  it("names the leader's gRPC address in the status it answers (and its dashboard in the message), and says so when nobody leads", () => {
    const known = toGrpcError(notLeader({ holder: 'ctl-a', term: 4, grpcAddress: '10.0.0.1:7443', httpAddress: '10.0.0.1:8080' }));
    expect(known.metadata?.get('berth-leader')).toEqual(['10.0.0.1:7443']);
    expect(known.details).toContain('ctl-a at 10.0.0.1:7443 (term 4), its dashboard at http://10.0.0.1:8080/ui/');
    const nobody = toGrpcError(notLeader(null));
    expect(nobody.metadata?.get('berth-leader')).toEqual([]);
    expect(nobody.details).toContain('no controller leads right now');
  });
});

describe('followLeader (the CLI)', () => {
  it('calls the leader a follower names, once', async () => {
    const called: Array<string | undefined> = [];
    const answer = await followLeader({ addr: 'follower:7443' }, async (flags) => {
      called.push(flags.addr);
      if (flags.addr === 'follower:7443') throw new BerthError('NOT_LEADER', 'follows', { leader: 'leader:7443' });
      return 'answered';
    });
    expect(answer).toBe('answered');
    expect(called).toEqual(['follower:7443', 'leader:7443']);
  });

  it('gives up with the error when nobody leads, or the leader named refuses too', async () => {
    await expect(followLeader({}, async () => Promise.reject(new BerthError('NOT_LEADER', 'nobody leads')))).rejects.toMatchObject({ code: 'NOT_LEADER' });
    let calls = 0;
    await expect(
      followLeader({}, async () => {
        calls++;
        throw new BerthError('NOT_LEADER', 'follows', { leader: 'elsewhere:7443' });
      }),
    ).rejects.toMatchObject({ code: 'NOT_LEADER' });
    expect(calls).toBe(2);
  });
});
