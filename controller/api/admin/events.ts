/** Cluster events (deployments, agents, hook decisions) as they happen, for one app or all. */
import type { AdminServiceHandlers } from '../../../proto/gen/berth/v1/AdminService.js';
import { getApp } from '../../pipeline/app-catalog.js';
import type { ClusterEvents } from '../../pipeline/cluster-events.js';
import { clusterEventMessage } from '../proto-mapping.js';
import type { AdminDeps } from './rpc.js';

export interface EventDeps extends AdminDeps {
  events: ClusterEvents;
}

export function eventHandlers({ rpc, store, events }: EventDeps): Pick<AdminServiceHandlers, 'WatchEvents'> {
  return {
    WatchEvents: rpc.serverStream('WatchEvents', (call) => {
      const { app } = call.request;
      if (app) getApp(store, app);
      const stop = events.subscribe((event) => {
        if (!app || event.app === app) call.write({ event: clusterEventMessage(event) });
      });
      call.on('close', stop);
      return stop;
    }),
  };
}
