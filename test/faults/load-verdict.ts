/**
 * What clients saw during a fault, judged from the load generator's records and the deployments
 * it made (pure): every request answered, the old release only until its switch was confirmed
 * plus the drain window, the new release nothing before its switch; a failed deployment leaves
 * only the old release answering. Shared by the zero-downtime files.
 */
import { answeredBy, summarizeLoad, type LoadRecord, type LoadSummary } from '../helpers/load-generator.js';

/** What a verdict needs of a deployment: its end and its transitions, in epoch ms. */
export interface DeploymentTimes {
  state: string;
  history: Array<{ state: string; atMs: number }>;
}

export interface LoadVerdict {
  summary: LoadSummary;
  /** What did not hold, in words; empty: everything held. */
  lost: string[];
  requests: number;
  failed: number;
}

const atOf = (d: DeploymentTimes, state: string) => d.history.find((h) => h.state === state)?.atMs;

/**
 * `before`/`after`: the routed release before the fault and at the end; `deployments`: those it
 * made, oldest first; `drainMs`: the app's drain. A succeeded deployment's old instances stop
 * `drainMs` after its confirmed switch (entering draining), so a websocket may be closed (1001,
 * going away) from then on.
 */
export function judgeLoad(
  records: LoadRecord[],
  startedAtMs: number,
  o: { before: string; after: string; deployments: DeploymentTimes[]; drainMs: number; hostLost?: { atMs: number; windowMs: number } },
): LoadVerdict {
  const succeeded = o.deployments.filter((d) => d.state === 'succeeded');
  const retiredFrom = succeeded.map((d) => (atOf(d, 'draining') ?? 0) + o.drainMs);
  const summary = summarizeLoad(records, {
    originMs: startedAtMs,
    firstFailures: records.length,
    ...(retiredFrom.length ? { allowGoingAwayAfterMs: Math.min(...retiredFrom) } : {}),
  });
  const lost: string[] = [];
  let requests = 0;
  let failed = 0;
  for (const [kind, k] of Object.entries(summary.kinds)) {
    requests += k.sent;
    failed += k.failed;
    if (k.sent === 0) lost.push(`no ${kind} request was sent`);
  }
  // A host lost with its instances: requests sent to it from then until Traefik's health check has
  // taken it out cannot all be saved; failures then are counted, not lost. Any other failure is.
  const lostHost = o.hostLost;
  // Requests in flight at the loss count too: the longest (the 2 s ones) were sent up to 3 s before.
  const atHostLoss = (atMs: number) =>
    lostHost !== undefined && startedAtMs + atMs >= lostHost.atMs - 3000 && startedAtMs + atMs <= lostHost.atMs + lostHost.windowMs;
  const unexcused = summary.failures.filter((f) => !atHostLoss(f.atMs));
  if (unexcused.length)
    lost.push(`${unexcused.length} of ${requests} requests failed${lostHost ? ' outside the host loss' : ''}: ${JSON.stringify(unexcused.slice(0, 20))}`);
  const last = o.deployments.at(-1);
  if (last?.state !== 'succeeded') {
    const answered = [...answeredBy(records, 0)].sort();
    if (answered.join() !== o.before) lost.push(`answered by ${answered.join(', ')} while only ${o.before} was to serve`);
    return { summary, lost, requests, failed };
  }
  const confirmedAt = atOf(last, 'draining') as number;
  const late = [...answeredBy(records, confirmedAt + o.drainMs)].sort();
  if (late.join() !== o.after) lost.push(`after the confirmed switch and the drain window answered by ${late.join(', ') || 'nothing'}, not only ${o.after}`);
  // Routing starts once the postdeploy has succeeded: the new release answers nothing before.
  const routingAt = atOf(last, 'routing') as number;
  if (o.after !== o.before) {
    const early = records.filter((r) => r.ok && r.release === o.after && r.doneAtMs < routingAt).length;
    if (early) lost.push(`${early} answers from ${o.after} before its switch`);
  }
  return { summary, lost, requests, failed };
}
