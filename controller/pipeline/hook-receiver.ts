/**
 * Redeployment hooks: POST /hooks/redeploy/APP/TOKEN[?services=...][&dry_run=1]. Checks the token
 * (an unknown app and a wrong token look the same) and the signature when the app has a webhook
 * secret, parses the payload, decides what deploys (core/hook-decision), hands that to the
 * deployment queue and records the decision. The request only queues work, so it answers fast.
 * A redelivery (same delivery id within 24 h) gets the first answer again and deploys nothing, also
 * after a controller restart for the deliveries the stored hook log still holds.
 */
import { errorMessage, toBerthError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../state/store.js';
import type { HookLogEntry } from '../state/schema.js';
import { RepoUrlMemo } from './repo-url-memo.js';
import { decideHook, parseServicesModifier, type HookDecision } from '../core/hook-decision.js';
import type { HookEvent, HookRequest } from '../core/hook-event.js';
import { DeliveryMemory } from '../core/delivery-memory.js';
import { identifyHook, type HookHeaders } from '../core/hook-headers.js';
import { parseHookRequest } from '../core/hook-payload.js';
import { fixedLengthEqual, verifyHookSignature } from '../core/hook-signature.js';
import { getApp } from './app-catalog.js';
import type { DeploymentRunner } from './deployment-runner.js';
import type { GithubReporter } from './github-reporter.js';

export interface HookAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Decisions kept per app for `berth hooks log`. */
export const HOOK_LOG_ENTRIES = 200;
const REDELIVERY_WINDOW_MS = 24 * 3_600_000;
/**
 * Deliveries remembered at most: anyone holding a hook URL can send fresh delivery ids, so the
 * memory is bounded by count as well as by age (the oldest go first).
 */
export const REMEMBERED_DELIVERIES = 10_000;

/** Per host too: two hosts sending to one app each number their own deliveries. */
function deliveryKey(app: string, source: string, deliveryId: string): string {
  return `${app}\0${source}\0${deliveryId}`;
}

/** A decision the delivery memory may hold: one that was answered, not a rehearsal. */
function isRememberable(entry: HookLogEntry): boolean {
  return entry.deliveryId !== null && !entry.dryRun && entry.decision !== 'rejected';
}

/** The answer to a decided hook request (one not rejected). */
function answerOf(entry: HookLogEntry): HookAnswer {
  return {
    status: entry.decision === 'ping' || entry.dryRun ? 200 : 202,
    body: {
      source: entry.source,
      event: entry.event,
      decision: entry.decision === 'ping' ? 'ignored' : entry.decision,
      code: entry.code,
      deployment: entry.deploymentId,
      services: entry.services,
      ref: entry.ref,
      reason: entry.reason,
      ...(entry.dryRun ? { dryRun: true } : {}),
    },
  };
}

const DRY_RUN_VALUES = new Set(['1', 'true', 'yes']);

/** A token nobody has: compared against when the app is unknown, so both cases take the same time. */
const NO_TOKEN = 'x'.repeat(43);

export class HookReceiver {
  /**
   * delivery key → the first answer; kept 24 h. Seeded from the stored hook log at start, so a
   * restarted controller still knows the deliveries that log holds (the last 200 per app).
   */
  private readonly deliveries = new DeliveryMemory<HookAnswer>(REMEMBERED_DELIVERIES, REDELIVERY_WINDOW_MS);
  private readonly decisionListeners: Array<(app: string, entry: HookLogEntry) => void> = [];
  private readonly repoUrls = new RepoUrlMemo();

  constructor(
    private readonly store: Store,
    private readonly runner: DeploymentRunner,
    private readonly log: Logger,
    private readonly github: GithubReporter | null = null,
    now = Date.now(),
  ) {
    const remembered = Object.entries(store.data.hookLog)
      .flatMap(([app, entries]) => entries.filter(isRememberable).map((entry) => ({ app, entry })))
      .sort((a, b) => a.entry.atMs - b.entry.atMs);
    for (const { app, entry } of remembered)
      this.deliveries.remember(deliveryKey(app, entry.source, entry.deliveryId as string), answerOf(entry), Math.min(entry.atMs, now));
  }

  receive(app: string, token: string, query: URLSearchParams, request: HookRequest, now = Date.now()): HookAnswer {
    const record = this.store.data.apps[app];
    const tokenOk = fixedLengthEqual(token, record?.hook.token ?? NO_TOKEN);
    if (!record || !tokenOk)
      return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no such hook: check the URL (berth hooks url APP prints it)' } } };
    const meta = identifyHook(request);
    const { source, deliveryId, event } = meta;
    const dryRun = DRY_RUN_VALUES.has(query.get('dry_run') ?? '');
    const entry = (fields: Pick<HookLogEntry, 'decision' | 'code' | 'reason'> & Partial<HookLogEntry>): HookLogEntry => ({
      atMs: now,
      source,
      event,
      deliveryId,
      services: [],
      ref: null,
      deploymentId: null,
      dryRun,
      ...fields,
    });

    if (record.hook.secret) {
      const check = verifyHookSignature(request.headers, request.body, record.hook.secret);
      if (!check.ok) {
        this.record(app, entry({ decision: 'rejected', code: 'bad-signature', reason: check.reason }));
        return { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: check.reason } } };
      }
    }

    const key = deliveryId ? deliveryKey(app, source, deliveryId) : null;
    const earlier = key ? this.deliveries.recall(key, now) : undefined;
    if (earlier && !dryRun) return { status: earlier.status, body: { ...earlier.body, redelivery: true } };

    let parsed: HookEvent;
    let modifier: string[] | null;
    try {
      parsed = parseHookRequest(request, meta);
      modifier = parseServicesModifier(record.spec, query.get('services'));
    } catch (err) {
      const e = toBerthError(err);
      const status = typeof e.details.status === 'number' ? e.details.status : 400;
      this.record(app, entry({ decision: 'rejected', code: 'invalid-request', reason: e.message }));
      return { status, body: { error: { code: e.code, message: e.message, ...(e.details.services ? { services: e.details.services } : {}) } } };
    }

    const decision = decideHook(record.spec, parsed, modifier, this.repoUrls.normalize);
    let deploymentId: string | null = null;
    if (decision.decision === 'deploy' && !dryRun) {
      try {
        const deployment = this.runner.request(app, { kind: 'deploy', services: decision.services, refs: decision.refs, withPostdeploy: true });
        deploymentId = deployment.id;
        if (parsed.kind === 'push' && parsed.githubRepository && parsed.commit) this.github?.track(deployment, parsed.githubRepository, parsed.commit);
      } catch (err) {
        // The queue refused (the controller is stopping): say so, the sender may retry.
        this.log.warn({ app, err: errorMessage(err) }, 'hook could not queue a deployment');
        return { status: 503, body: { error: { code: toBerthError(err).code, message: errorMessage(err) } } };
      }
    }
    const decided = entry({
      decision: decision.decision,
      code: decision.code,
      reason: decision.reason,
      services: decision.services,
      ref: decision.ref,
      deploymentId,
    });
    const answer = answerOf(decided);
    this.record(app, decided);
    if (key && !dryRun) this.deliveries.remember(key, answer, now);
    this.log.info(
      { app, source, event, deliveryId, decision: decision.decision, code: decision.code, deploymentId, reason: decision.reason, dryRun },
      'redeployment hook',
    );
    return answer;
  }

  /** What a payload would deploy (`berth hooks test`), and from which host and event: no token, no signature, nothing queued. */
  test(app: string, request: HookRequest, services: string | null): HookDecision & Pick<HookHeaders, 'source' | 'event'> {
    const record = getApp(this.store, app);
    const meta = identifyHook(request);
    return {
      ...decideHook(record.spec, parseHookRequest(request, meta), parseServicesModifier(record.spec, services), this.repoUrls.normalize),
      source: meta.source,
      event: meta.event,
    };
  }

  /** Called with every recorded decision (cluster events). */
  onDecision(listener: (app: string, entry: HookLogEntry) => void): void {
    this.decisionListeners.push(listener);
  }

  private record(app: string, entry: HookLogEntry): void {
    for (const listener of this.decisionListeners) listener(app, entry);
    this.store.update((s) => {
      // In place: this runs on every hook request.
      const entries = (s.hookLog[app] ??= []);
      entries.push(entry);
      if (entries.length > HOOK_LOG_ENTRIES) entries.splice(0, entries.length - HOOK_LOG_ENTRIES);
    });
  }
}
