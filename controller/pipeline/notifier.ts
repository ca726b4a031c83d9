/**
 * Notifications: at every state change of a deployment, and when a scheduled run fails, times
 * out or is missed, each of the app's notification URLs gets a signed JSON POST. Deliveries to one URL go out in order, each retried with backoff; they run
 * beside the deployment and never hold it up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../../shared/errors.js';
import { KeyedQueue } from '../../shared/keyed-queue.js';
import type { Logger } from '../../shared/logger.js';
import { postJson } from '../adapters/notify-http.js';
import type { Store } from '../state/store.js';
import { deploymentNotice, NOTICE_RETRY_DELAYS_MS, retryDelay } from '../core/deployment-notice.js';
import type { DeploymentRecord } from '../core/deployment-record.js';
import { runNotice, type RunRecord } from '../core/run.js';
import { hmacSha256Hex } from '../core/hook-signature.js';

export class Notifier {
  /** Per URL, so a receiver gets the notices in order. */
  private readonly queues = new KeyedQueue();
  private readonly stopping = new AbortController();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly options: { timeoutMs: number; delaysMs: number[] } = { timeoutMs: 5000, delaysMs: NOTICE_RETRY_DELAYS_MS },
  ) {}

  notify(d: DeploymentRecord): void {
    this.send(d.app, 'deployment', deploymentNotice(d), { deploymentId: d.id, state: d.state });
  }

  /** A scheduled run that failed, timed out or was missed. */
  notifyRun(r: RunRecord): void {
    this.send(r.app, 'run', runNotice(r), { runId: r.id, state: r.state });
  }

  private send(app: string, event: 'deployment' | 'run', notice: object, about: Record<string, string>): void {
    const notify = this.store.data.apps[app]?.notify;
    if (!notify || notify.urls.length === 0 || this.stopping.signal.aborted) return;
    const body = JSON.stringify(notice);
    const headers = { 'x-berth-event': event, 'x-berth-signature-256': `sha256=${hmacSha256Hex(notify.secret, Buffer.from(body))}` };
    for (const url of notify.urls) {
      void this.queues
        .run(url, () => this.deliver(url, body, headers, { app, ...about }))
        .catch((err: unknown) => this.log.warn({ url, err: errorMessage(err) }, `cannot deliver the ${event} notice`));
    }
  }

  /** Drops what is still waiting; used when the controller stops. */
  stop(): void {
    this.stopping.abort();
  }

  private async deliver(url: string, body: string, headers: Record<string, string>, about: Record<string, string>): Promise<void> {
    for (let attempt = 0; !this.stopping.signal.aborted; attempt++) {
      const result = await postJson(url, body, headers, this.options.timeoutMs);
      if (result.ok) return;
      const delay = retryDelay(attempt, this.options.delaysMs);
      if (delay === null) {
        this.log.warn({ url, ...about, attempts: attempt + 1, detail: result.detail }, 'notification dropped after retries');
        return;
      }
      this.log.info({ url, ...about, attempt: attempt + 1, detail: result.detail, retryInMs: delay }, 'notification failed; retrying');
      await sleep(delay, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }
}
