/** The cluster's events as they happen (WatchEvents, the source of berth events): deployments, agents, hooks and runs. */
import { useState } from 'preact/hooks';
import { Dash, Failure, Table } from './table';
import { When } from './time';
import type { ClusterEvent } from './types';
import { useStream } from './use-call';

const KEPT_EVENTS = 500;

function subjectLink(e: ClusterEvent) {
  if (e.kind === 'deployment') return <a href={`#/deployments/${e.subject}`}>{e.subject}</a>;
  if (e.kind === 'run') return <a href={`#/runs/${e.subject}`}>{e.subject}</a>;
  if (e.kind === 'hook' && e.app) return <a href={`#/hooks/${encodeURIComponent(e.app)}`}>{e.subject}</a>;
  return e.subject;
}

export function EventsPage({ app }: { app: string }) {
  const [events, setEvents] = useState<Array<ClusterEvent & { n: number }>>([]);
  const watch = useStream<{ event: ClusterEvent }>('WatchEvents', { app }, [app], ({ event }) =>
    setEvents((before) => [{ ...event, n: (before[0]?.n ?? 0) + 1 }, ...before].slice(0, KEPT_EVENTS)),
  );
  return (
    <section>
      <h1>
        {app ? (
          <>
            Events of <a href={`#/apps/${encodeURIComponent(app)}`}>{app}</a>
          </>
        ) : (
          'Events'
        )}
      </h1>
      <p class="muted" data-testid="events-state">
        {watch.ended ? 'The stream ended.' : 'Following live: newest first, from when this page opened.'}
      </p>
      <Failure message={watch.error} />
      {events.length > 0 && (
        <Table
          label="events"
          rows={events}
          rowKey={(e) => String(e.n)}
          columns={[
            { title: 'When', cell: (e) => <When ms={e.atMs} /> },
            { title: 'Kind', cell: (e) => e.kind },
            { title: 'App', cell: (e) => (e.app ? <a href={`#/apps/${encodeURIComponent(e.app)}`}>{e.app}</a> : <Dash />) },
            { title: 'Subject', cell: subjectLink },
            {
              title: 'State',
              cell: (e) => e.state,
              cellClass: (e) => (['succeeded', 'deploy', 'ready'].includes(e.state) ? 'ok' : ['failed', 'down', 'rejected'].includes(e.state) ? 'bad' : ''),
            },
            { title: 'Message', cell: (e) => e.message },
          ]}
        />
      )}
    </section>
  );
}
