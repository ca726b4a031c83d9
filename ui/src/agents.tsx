/** Agents: status, heartbeat, resources and instances of each, with drain and undrain for admins. */
import { useState } from 'preact/hooks';
import { call, type Me } from './api';
import { useCall } from './pages';
import { When } from './time';

interface AgentSummary {
  id: string;
  hostname: string;
  advertiseAddr: string;
  cpus: number;
  memoryBytes: string;
  version: string;
  status: string;
  lastHeartbeatMs: string;
  instances: Array<{ instanceId: string; app: string; service: string; release: string; state: string; health: string }>;
}

const gib = (bytes: string) => `${(Number(bytes) / 1024 ** 3).toFixed(1)} GiB`;

export function AgentsPage({ me }: { me: Me }) {
  const [round, setRound] = useState(0);
  const { data, error } = useCall<{ agents: AgentSummary[] }>(me, 'ListAgents', {}, [round]);
  const [actionError, setActionError] = useState<string | null>(null);
  const act = (method: 'DrainAgent' | 'UndrainAgent', id: string) =>
    call(me, method, { id }).then(
      () => setRound((r) => r + 1),
      (err: Error) => setActionError(err.message),
    );
  return (
    <section>
      <h1>Agents</h1>
      {(error || actionError) && (
        <p class="error" role="alert">
          {error ?? actionError}
        </p>
      )}
      {data && data.agents.length === 0 && <p class="muted">No agents yet: berth agents join-token, then berth agent on each Docker host.</p>}
      {data && data.agents.length > 0 && (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Status</th>
                <th scope="col">Heartbeat</th>
                <th scope="col">Resources</th>
                <th scope="col">Instances</th>
                {me.scope === 'admin' && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {data.agents.map((a) => (
                <tr key={a.id}>
                  <td>
                    {a.id}
                    <div class="muted">
                      {a.hostname} {a.advertiseAddr} · berth {a.version}
                    </div>
                  </td>
                  <td class={a.status === 'ready' ? 'ok' : a.status === 'down' ? 'bad' : 'state-draining'}>{a.status}</td>
                  <td>
                    <When ms={a.lastHeartbeatMs} />
                  </td>
                  <td>
                    {a.cpus} CPUs, {gib(a.memoryBytes)}
                  </td>
                  <td>
                    {a.instances.length === 0 && <span class="muted">none</span>}
                    {a.instances.map((i) => (
                      <div key={i.instanceId}>
                        {i.app}/{i.service} {i.release}{' '}
                        <span class={i.health === 'healthy' ? 'ok' : i.health === 'unhealthy' ? 'bad' : 'muted'}>{i.health}</span>
                      </div>
                    ))}
                  </td>
                  {me.scope === 'admin' && (
                    <td>
                      {a.status === 'draining' ? (
                        <button type="button" onClick={() => act('UndrainAgent', a.id)}>
                          Undrain {a.id}
                        </button>
                      ) : (
                        <button type="button" onClick={() => act('DrainAgent', a.id)}>
                          Drain {a.id}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
