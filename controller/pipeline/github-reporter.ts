/**
 * GitHub deployments for pushes that deploy: when the app has a GitHub token, a hook-triggered
 * deployment creates a GitHub deployment for the pushed commit and posts its statuses (queued,
 * in_progress, success or failure with the postdeploy result). A push merged into a queued
 * deployment gets its own GitHub deployment; when the Berth deployment ends, the commits it did not
 * deploy are marked inactive. Calls run beside the deployment; a failing API is logged, nothing more.
 */
import { KeyedQueue } from '../../shared/keyed-queue.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { createGithubDeployment, createGithubDeploymentStatus, type GithubTarget } from '../adapters/github-api.js';
import type { Store } from '../state/store.js';
import type { DeploymentRecord } from '../core/deployment-record.js';
import { isTerminal } from '../core/deployment-machine.js';
import { githubStatusFor, type GithubStatus } from '../core/github-status.js';
import { releaseKey } from '../core/release.js';

interface Tracked {
  target: GithubTarget;
  sha: string;
  environment: string;
  id: Promise<number | null>;
}

export class GithubReporter {
  private readonly tracked = new Map<string, Tracked[]>();
  /** Per Berth deployment, so statuses reach GitHub in order. */
  private readonly chains = new KeyedQueue();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /** A hook deployed (or queued) `sha` of `repository` as Berth deployment `deployment`. */
  track(deployment: DeploymentRecord, repository: string, sha: string): void {
    const github = this.store.data.apps[deployment.app]?.github;
    if (!github) return;
    const target: GithubTarget = { apiUrl: github.apiUrl, token: github.token, repository };
    const environment = deployment.app;
    const entry: Tracked = {
      target,
      sha,
      environment,
      id: createGithubDeployment(target, {
        ref: sha,
        environment,
        description: `Berth deployment ${deployment.id}`,
        payload: { berth: true, deployment: deployment.id },
      }).catch((err: unknown) => {
        this.log.warn({ app: deployment.app, repository, sha, err: errorMessage(err) }, 'cannot create the GitHub deployment');
        return null;
      }),
    };
    this.tracked.set(deployment.id, [...(this.tracked.get(deployment.id) ?? []), entry]);
    const status = githubStatusFor(deployment);
    if (status) this.post(deployment.id, [entry], status);
  }

  /** Every state change of every deployment. */
  onTransition(d: DeploymentRecord): void {
    const entries = this.tracked.get(d.id);
    if (!entries) return;
    const status = githubStatusFor(d);
    if (!status) return;
    if (isTerminal(d.state)) {
      this.tracked.delete(d.id);
      // Pushes merged into this deployment whose commit it did not build are superseded.
      const deployed = this.deployedCommits(d);
      const superseded = entries.filter((e) => deployed.size > 0 && !deployed.has(e.sha));
      this.post(
        d.id,
        entries.filter((e) => !superseded.includes(e)),
        status,
      );
      this.post(d.id, superseded, { state: 'inactive', description: `superseded: ${d.id} deployed a later commit` });
      return;
    }
    this.post(d.id, entries, status);
  }

  private deployedCommits(d: DeploymentRecord): Set<string> {
    const release = this.store.data.releases[releaseKey(d.app, d.release)];
    return new Set(Object.values(release?.services ?? {}).flatMap((s) => (s.commitSha ? [s.commitSha] : [])));
  }

  private post(deploymentId: string, entries: Tracked[], status: GithubStatus): void {
    if (entries.length === 0) return;
    void this.chains
      .run(deploymentId, async () => {
        for (const entry of entries) {
          const id = await entry.id;
          if (id === null) continue;
          await createGithubDeploymentStatus(entry.target, id, { ...status, environment: entry.environment }).catch((err: unknown) =>
            this.log.warn(
              { repository: entry.target.repository, githubDeployment: id, state: status.state, err: errorMessage(err) },
              'cannot post the GitHub deployment status',
            ),
          );
        }
      })
      .catch((err: unknown) => this.log.warn({ deploymentId, err: errorMessage(err) }, 'cannot post the GitHub deployment statuses'));
  }
}
