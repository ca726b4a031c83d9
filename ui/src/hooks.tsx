/** An app's hook log: every delivery with its decision and reason ("why did or didn't this push deploy"). */
import type { Me } from './api';
import { Failure, Table } from './table';
import type { HookLogEntry } from './types';
import { When } from './time';
import { useCall } from './use-call';

export function HookLogPage({ me, app }: { me: Me; app: string }) {
  const { data, error } = useCall<{ entries: HookLogEntry[] }>(me, 'ListHookLog', { app }, [app]);
  return (
    <section>
      <h1>
        Hook log of <a href={`#/apps/${encodeURIComponent(app)}`}>{app}</a>
      </h1>
      <Failure message={error} />
      {data && data.entries.length === 0 && <p class="muted">No hook deliveries yet.</p>}
      {data && data.entries.length > 0 && (
        <Table
          label="hook deliveries"
          rows={[...data.entries].reverse()}
          rowKey={(e) => `${e.deliveryId}-${e.atMs}`}
          columns={[
            { title: 'When', cell: (e) => <When ms={e.atMs} /> },
            {
              title: 'From',
              cell: (e) => (
                <>
                  {e.source} {e.event}
                  {e.dryRun && <span class="muted"> (dry run)</span>}
                  <div class="muted">{e.deliveryId}</div>
                </>
              ),
            },
            {
              title: 'Decision',
              cell: (e) => (
                <>
                  {e.decision}
                  {e.deploymentId && (
                    <div>
                      <a href={`#/deployments/${e.deploymentId}`}>{e.deploymentId}</a>
                    </div>
                  )}
                </>
              ),
              cellClass: (e) => (e.decision === 'deploy' ? 'ok' : e.decision === 'rejected' ? 'bad' : ''),
            },
            { title: 'Why', cell: (e) => e.reason },
          ]}
        />
      )}
    </section>
  );
}
