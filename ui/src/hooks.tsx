/** An app's hook log: every delivery with its decision and reason ("why did or didn't this push deploy"). */
import type { Me } from './api';
import { useCall } from './pages';
import { When } from './time';

interface HookLogEntry {
  atMs: string;
  source: string;
  event: string;
  deliveryId: string;
  decision: string;
  reason: string;
  ref: string;
  deploymentId: string;
  dryRun: boolean;
}

export function HookLogPage({ me, app }: { me: Me; app: string }) {
  const { data, error } = useCall<{ entries: HookLogEntry[] }>(me, 'ListHookLog', { app }, [app]);
  return (
    <section>
      <h1>
        Hook log of <a href={`#/apps/${encodeURIComponent(app)}`}>{app}</a>
      </h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data && data.entries.length === 0 && <p class="muted">No hook deliveries yet.</p>}
      {data && data.entries.length > 0 && (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">From</th>
                <th scope="col">Decision</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {[...data.entries].reverse().map((e) => (
                <tr key={`${e.deliveryId}-${e.atMs}`}>
                  <td>
                    <When ms={e.atMs} />
                  </td>
                  <td>
                    {e.source} {e.event}
                    {e.dryRun && <span class="muted"> (dry run)</span>}
                    <div class="muted">{e.deliveryId}</div>
                  </td>
                  <td class={e.decision === 'deploy' ? 'ok' : e.decision === 'rejected' ? 'bad' : ''}>
                    {e.decision}
                    {e.deploymentId && (
                      <div>
                        <a href={`#/deployments/${e.deploymentId}`}>{e.deploymentId}</a>
                      </div>
                    )}
                  </td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
