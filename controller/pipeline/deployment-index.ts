/**
 * Deployment ids by app, made on first use: finding an app's deployments among every app's history
 * (50 per app by default) cost O(all deployments) at each request and finish. Deleted deployments
 * (deleting an app deletes its own) leave the index when next read.
 */
import type { Store } from '../state/store.js';
import type { DeploymentRecord } from '../core/deployment-record.js';

export class DeploymentIndex {
  private idsByApp: Map<string, Set<string>> | null = null;

  constructor(private readonly store: Store) {}

  /** The app's stored deployments, in no particular order. */
  of(app: string): DeploymentRecord[] {
    if (!this.idsByApp) {
      this.idsByApp = new Map();
      for (const d of Object.values(this.store.data.deployments)) this.remember(d);
    }
    const ids = this.idsByApp.get(app);
    if (!ids) return [];
    const found: DeploymentRecord[] = [];
    for (const id of ids) {
      const d = this.store.data.deployments[id];
      if (d) found.push(d);
      else ids.delete(id);
    }
    return found;
  }

  remember(d: DeploymentRecord): void {
    if (!this.idsByApp) return;
    const ids = this.idsByApp.get(d.app) ?? new Set<string>();
    ids.add(d.id);
    this.idsByApp.set(d.app, ids);
  }
}
