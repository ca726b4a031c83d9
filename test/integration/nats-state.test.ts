/**
 * `--state-store nats` on a real three-node nats-server cluster with JetStream (R3): a data dir
 * moves in at first start, writes survive a node lost and are read back by another controller, a
 * write larger than one message is stored as one atomic batch, snapshots compact the journal, and
 * a controller whose view is stale is fenced: its write is refused and it stops writing; a
 * follower's copy keeps up when the stream's leader moves and when the node it reads from is lost.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { connectJetStream } from '../../controller/adapters/nats-jetstream.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_SUBJECT, NatsStateStream, SNAPSHOT_SUBJECT, STATE_STREAM } from '../../controller/adapters/nats-state.js';
import { tailStateStream } from '../../controller/adapters/nats-state-tail.js';
import { NatsBackend } from '../../controller/state/nats-backend.js';
import { emptyState } from '../../controller/state/schema.js';
import { Store } from '../../controller/state/store.js';
import { runBerth } from '../helpers/berth-cli.js';
import { startNatsCluster, type NatsCluster } from '../helpers/nats-cluster.js';
import { waitFor } from '../helpers/wait-for.js';
import { pino } from 'pino';

let cluster: NatsCluster;
const opened: Store[] = [];
const connections: NatsConnection[] = [];
const dataDir = () => mkdtemp(join(tmpdir(), 'berth-nats-state-'));

/** The state stream as one controller sees it, on its own connection. */
async function openStream(): Promise<NatsStateStream> {
  const nc = await connectJetStream({ url: cluster.urls, creds: null }, 'berth-test');
  connections.push(nc);
  return NatsStateStream.open(nc, 3);
}

async function openNats(dir: string): Promise<Store> {
  const store = await Store.open(dir, 'nats', await openStream());
  opened.push(store);
  return store;
}

/** How many messages each state subject holds now. */
async function subjectCounts(): Promise<{ journal: number; snapshot: number }> {
  const nc = await connect({ servers: cluster.urls.split(',') });
  try {
    const info = await (await jetstreamManager(nc)).streams.info(STATE_STREAM, { subjects_filter: '>' });
    return { journal: info.state.subjects?.[JOURNAL_SUBJECT] ?? 0, snapshot: info.state.subjects?.[SNAPSHOT_SUBJECT] ?? 0 };
  } finally {
    await nc.close();
  }
}

async function purgeState(): Promise<void> {
  const nc = await connect({ servers: cluster.urls.split(',') });
  try {
    await (await jetstreamManager(nc)).streams.purge(STATE_STREAM).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

beforeAll(async () => {
  // A small max_payload so that a write of 300 KB needs several messages.
  cluster = await startNatsCluster({ maxPayload: 64 * 1024 });
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  for (const nc of connections.splice(0)) await nc.close().catch(() => undefined);
  await purgeState();
});

describe('--state-store nats on a three-node cluster (R3)', () => {
  it('moves a data dir in at first start; json on that data dir is refused afterwards', async () => {
    const dir = await dataDir();
    const json = await Store.open(dir, 'json');
    json.update((s) => {
      s.scheduleMarks['shop/nightly'] = { lastFireMs: 42 };
    });
    await json.close();
    const store = await openNats(dir);
    expect(store.data.scheduleMarks['shop/nightly']).toEqual({ lastFireMs: 42 });
    expect(store.path).toContain(STATE_STREAM);
    expect((await readdir(dir)).sort()).toEqual(expect.arrayContaining(['state.in-nats', 'state.json.moved-to-nats']));
    expect(await readdir(dir)).not.toContain('state.json');
    await expect(Store.open(dir, 'json')).rejects.toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringContaining('moved into NATS') });
    store.update((s) => {
      s.scheduleMarks['shop/hourly'] = { lastFireMs: 43 };
    });
    await store.persisted();
    // And back, with no controller leading: the data dir holds the state as json again.
    const back = await runBerth(['controller', 'migrate-state', '--to', 'json', '--nats', cluster.urls, '--data-dir', dir]);
    expect(back.stderr).toBe('');
    expect(back.stdout).toMatch(/^brought \d+ records back from NATS into .* as json/);
    expect(await readdir(dir)).not.toContain('state.in-nats');
    const json2 = await Store.open(dir, 'json');
    expect(json2.data.scheduleMarks).toMatchObject({ 'shop/nightly': { lastFireMs: 42 }, 'shop/hourly': { lastFireMs: 43 } });
    await json2.close();
  });

  it('writes are read back by another controller, also after the node it was connected to is lost', async () => {
    const first = await openNats(await dataDir());
    for (let i = 0; i < 20; i++)
      first.update((s) => {
        s.scheduleMarks[`app/job-${i}`] = { lastFireMs: i };
      });
    await first.persisted();
    // The node this controller is connected to goes: its next write must find another.
    const server = connections.at(-1)?.getServer() ?? '';
    const lost = cluster.nodes.find((n) => n.url.endsWith(`:${server.split(':').at(-1)}`));
    if (!lost) throw new Error(`no node serves ${server}`);
    await lost.stop();
    try {
      first.update((s) => {
        s.scheduleMarks['app/job-5'] = { lastFireMs: 500 };
        delete s.scheduleMarks['app/job-6'];
      });
      await first.persisted();
      await first.close();
      const second = await openNats(await dataDir());
      expect(Object.keys(second.data.scheduleMarks)).toHaveLength(19);
      expect(second.data.scheduleMarks['app/job-5']).toEqual({ lastFireMs: 500 });
      expect(second.data.scheduleMarks['app/job-6']).toBeUndefined();
    } finally {
      await lost.start();
    }
  });

  it('a write larger than one message is stored whole, as one atomic batch', async () => {
    const store = await openNats(await dataDir());
    const before = await subjectCounts();
    store.update((s) => {
      // 300 records of 1 KB: about 300 KB, five times the servers' max_payload.
      for (let i = 0; i < 300; i++) s.scheduleMarks[`big/${i}`] = { lastFireMs: i, pad: 'x'.repeat(1000) } as never;
    });
    await store.persisted();
    const after = await subjectCounts();
    expect(after.journal - before.journal).toBeGreaterThanOrEqual(5);
    await store.close();
    const again = await openNats(await dataDir());
    expect(Object.keys(again.data.scheduleMarks).filter((k) => k.startsWith('big/'))).toHaveLength(300);
  });

  it('a snapshot compacts the journal: older snapshots and journal messages go, the state stays', async () => {
    const stream = await openStream();
    expect(await stream.load()).toBeNull();
    const store = new Store(emptyState(), new NatsBackend(stream, 2000));
    opened.push(store);
    await store.flush(true);
    for (let i = 0; i < 50; i++) {
      store.update((s) => {
        s.scheduleMarks[`c/${i}`] = { lastFireMs: i };
      });
      await store.persisted();
    }
    const counts = await subjectCounts();
    // 50 writes of about 60 bytes each, a snapshot every 2000 bytes: the journal holds what came
    // after the last snapshot (and the message it expects next), never all 50.
    expect(counts.journal).toBeLessThan(50);
    expect(counts.snapshot).toBe(1);
    await store.close();
    const again = await openNats(await dataDir());
    expect(Object.keys(again.data.scheduleMarks)).toHaveLength(50);
  });

  it('a controller whose view is stale is fenced: its write is refused, it stops writing', async () => {
    const a = await openNats(await dataDir());
    a.update((s) => {
      s.scheduleMarks['fence/a'] = { lastFireMs: 1 };
    });
    await a.persisted();
    // B reads the state; its start writes a snapshot, which alone makes A's view stale.
    const b = await openNats(await dataDir());
    a.update((s) => {
      s.scheduleMarks['fence/a-stale'] = { lastFireMs: 0 };
    });
    await expect(a.persisted()).rejects.toMatchObject({ message: expect.stringContaining('another controller has written') });
    b.update((s) => {
      s.scheduleMarks['fence/b'] = { lastFireMs: 2 };
    });
    await b.persisted();
    a.update((s) => {
      s.scheduleMarks['fence/a-late'] = { lastFireMs: 3 };
    });
    await expect(a.persisted()).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED', message: expect.stringContaining('another controller has written') });
    expect(a.healthy()).toBe(false);
    // Refused for good, even for a later write.
    a.update((s) => {
      s.scheduleMarks['fence/a-later'] = { lastFireMs: 4 };
    });
    await expect(a.persisted()).rejects.toMatchObject({ message: expect.stringContaining('another controller has written') });
    const c = await openNats(await dataDir());
    expect(
      Object.keys(c.data.scheduleMarks)
        .filter((k) => k.startsWith('fence/'))
        .sort(),
    ).toEqual(['fence/a', 'fence/b']);
  });

  it("a follower's copy keeps up when the stream's leader moves and when its node is lost", async () => {
    const leader = await openNats(await dataDir());
    leader.update((s) => {
      s.scheduleMarks['mirror/0'] = { lastFireMs: 0 };
    });
    await leader.persisted();
    const mirror = await Store.openMirror(await openStream(), (afterSeq, onWrite) =>
      tailStateStream(connections.at(-1) as NatsConnection, afterSeq, onWrite, pino({ level: 'silent' })),
    );
    opened.push(mirror);
    expect(mirror.data.scheduleMarks['mirror/0']).toEqual({ lastFireMs: 0 });
    /** How long the copy takes to show the leader's next write. */
    const secondsToFollow = async (n: number): Promise<number> => {
      leader.update((s) => {
        s.scheduleMarks[`mirror/${n}`] = { lastFireMs: n };
      });
      await leader.persisted();
      const started = Date.now();
      await waitFor(`the copy to show write ${n}`, () => mirror.data.scheduleMarks[`mirror/${n}`]?.lastFireMs === n, 30_000, 50);
      return (Date.now() - started) / 1000;
    };
    expect(await secondsToFollow(1)).toBeLessThan(2);
    // The stream's leader steps down: another node leads it.
    const nc = connections.at(-1) as NatsConnection;
    const jsm = await jetstreamManager(nc);
    const before = (await jsm.streams.info(STATE_STREAM)).cluster?.leader;
    await nc.request(`$JS.API.STREAM.LEADER.STEPDOWN.${STATE_STREAM}`);
    await waitFor('another node to lead the stream', async () => {
      const now = (await jsm.streams.info(STATE_STREAM).catch(() => null))?.cluster?.leader;
      return now !== undefined && now !== before;
    });
    expect(await secondsToFollow(2)).toBeLessThan(15);
    // The node that holds the copy's consumer (an ordered consumer lives on one node) is lost.
    const consumers = await jsm.consumers.list(STATE_STREAM).next();
    expect(consumers).toHaveLength(1);
    const leading = consumers[0]?.cluster?.leader;
    const lost = cluster.nodes.find((node) => node.name === leading);
    if (!lost) throw new Error(`no node named ${leading}`);
    await lost.stop('SIGKILL');
    try {
      // Three seconds without a heartbeat, and a new consumer on another node: about 4 s here.
      // The client's own recovery waits for the lost node to come back.
      expect(await secondsToFollow(3)).toBeLessThan(15);
    } finally {
      await lost.start();
    }
    expect(Object.keys(mirror.data.scheduleMarks).sort()).toEqual(['mirror/0', 'mirror/1', 'mirror/2', 'mirror/3']);
  });
});
