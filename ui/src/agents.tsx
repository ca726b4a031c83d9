/** Agents: status, heartbeat, resources and instances of each, with drain and undrain for admins. */
import { useState } from 'preact/hooks';
import { call, mayAct, type Me } from './api';
import { Failure, Table } from './table';
import { When } from './time';
import type { AgentSummary } from './types';
import { useCall, useStream } from './use-call';

const gib = (bytes: string) => `${(Number(bytes) / 1024 ** 3).toFixed(1)} GiB`;

export function AgentsPage({ me }: { me: Me }) {
  const [round, setRound] = useState(0);
  const { data, error } = useCall<{ agents: AgentSummary[] }>(me, 'ListAgents', {}, [round]);
  const [actionError, setActionError] = useState<string | null>(null);
  // An agent's status as the controller sees it change (down, back, drained): read again then.
  const events = useStream<{ event: { kind: string } }>(
    'WatchEvents',
    {},
    [],
    ({ event }) => {
      if (event.kind === 'agent') setRound((r) => r + 1);
    },
    me.role !== 'follower',
  );
  const act = (method: 'DrainAgent' | 'UndrainAgent', id: string) =>
    call(me, method, { id }).then(
      () => setRound((r) => r + 1),
      (err: Error) => setActionError(err.message),
    );
  return (
    <section>
      <h1>Agents</h1>
      <Failure message={error ?? actionError ?? events.error} />
      {data && data.agents.length === 0 && <p class="muted">No agents yet: berth agents join-token, then berth agent on each Docker host.</p>}
      {data && data.agents.length > 0 && (
        <Table
          label="agents"
          rows={data.agents}
          rowKey={(a) => a.id}
          columns={[
            {
              title: 'Agent',
              cell: (a) => (
                <>
                  {a.id}
                  <div class="muted">
                    {a.hostname} {a.advertiseAddr} · berth {a.version}
                  </div>
                </>
              ),
            },
            { title: 'Status', cell: (a) => a.status, cellClass: (a) => (a.status === 'ready' ? 'ok' : a.status === 'down' ? 'bad' : 'state-draining') },
            { title: 'Heartbeat', cell: (a) => <When ms={a.lastHeartbeatMs} /> },
            { title: 'Resources', cell: (a) => `${a.cpus} CPUs, ${gib(a.memoryBytes)}` },
            {
              title: 'Instances',
              cell: (a) =>
                a.instances.length === 0 ? (
                  <span class="muted">none</span>
                ) : (
                  a.instances.map((i) => (
                    <div key={i.instanceId}>
                      {i.app}/{i.service} {i.release} <span class={i.health === 'healthy' ? 'ok' : i.health === 'unhealthy' ? 'bad' : 'muted'}>{i.health}</span>
                    </div>
                  ))
                ),
            },
            mayAct(me) && {
              title: 'Action',
              cell: (a) =>
                a.status === 'draining' ? (
                  <button type="button" onClick={() => act('UndrainAgent', a.id)}>
                    Undrain {a.id}
                  </button>
                ) : (
                  <button type="button" onClick={() => act('DrainAgent', a.id)}>
                    Drain {a.id}
                  </button>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
