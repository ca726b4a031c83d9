/**
 * Apps at a glance: the routed release, domains, instance health (from the agents' reports) and
 * the last deployment, whose state follows the controller's events live.
 */
import { useEffect, useState } from 'preact/hooks';
import { call, type Me } from './api';
import { Dash, Failure, Table } from './table';
import type { AgentSummary, AppSummary, ClusterEvent, Deployment } from './types';
import { TERMINAL } from './types';
import { useCall, useStream } from './use-call';

interface Health {
  healthy: number;
  total: number;
}

/** Instances per app across the agents, and how many of them are healthy. */
function healthByApp(agents: AgentSummary[]): Map<string, Health> {
  const byApp = new Map<string, Health>();
  for (const instance of agents.flatMap((a) => a.instances)) {
    const h = byApp.get(instance.app) ?? { healthy: 0, total: 0 };
    h.total += 1;
    if (instance.health === 'healthy') h.healthy += 1;
    byApp.set(instance.app, h);
  }
  return byApp;
}

export function AppsPage({ me }: { me: Me }) {
  const [round, setRound] = useState(0);
  const apps = useCall<{ apps: AppSummary[] }>(me, 'ListApps', {}, [round]);
  const agents = useCall<{ agents: AgentSummary[] }>(me, 'ListAgents', {}, [round]);
  const [last, setLast] = useState<Record<string, { id: string; state: string }>>({});
  useEffect(() => {
    if (!apps.data) return;
    let live = true;
    for (const app of apps.data.apps)
      call<{ deployments: Deployment[] }>(me, 'ListDeployments', { app: app.name }).then(
        ({ deployments }) => {
          const newest = deployments[0];
          if (live && newest) setLast((before) => ({ [app.name]: { id: newest.id, state: newest.state }, ...before }));
        },
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [apps.data]);
  // A deployment's state as it changes; once one ends, the routed release and health are read again.
  const events = useStream<{ event: ClusterEvent }>(
    'WatchEvents',
    {},
    [],
    ({ event }) => {
      if (event.kind !== 'deployment') return;
      setLast((before) => ({ ...before, [event.app]: { id: event.subject, state: event.state } }));
      if (TERMINAL.has(event.state)) setRound((r) => r + 1);
    },
    me.role !== 'follower',
  );
  const health = healthByApp(agents.data?.agents ?? []);
  return (
    <section>
      <h1>Apps</h1>
      <Failure message={apps.error ?? agents.error ?? events.error} />
      {apps.data && apps.data.apps.length === 0 && <p class="muted">No apps yet: berth apps apply -f FILE creates one.</p>}
      {apps.data && apps.data.apps.length > 0 && (
        <Table
          label="apps"
          rows={apps.data.apps}
          rowKey={(a) => a.name}
          columns={[
            { title: 'App', cell: (a) => <a href={`#/apps/${encodeURIComponent(a.name)}`}>{a.name}</a> },
            { title: 'Routed release', cell: (a) => a.release || <span class="muted">not deployed</span> },
            {
              title: 'Instances',
              cell: (a) => {
                const h = health.get(a.name);
                return h ? `${h.healthy}/${h.total} healthy` : <Dash />;
              },
              cellClass: (a) => {
                const h = health.get(a.name);
                return !h ? '' : h.healthy === h.total ? 'ok' : 'bad';
              },
            },
            { title: 'Domains', cell: (a) => a.domains.join(', ') || <Dash /> },
            {
              title: 'Last deployment',
              cell: (a) => {
                const d = last[a.name];
                return d ? (
                  <>
                    <a href={`#/deployments/${d.id}`}>{d.id}</a> <span class={`state-${d.state}`}>{d.state}</span>
                  </>
                ) : (
                  <Dash />
                );
              },
            },
          ]}
        />
      )}
    </section>
  );
}
