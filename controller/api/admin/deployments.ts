/** Deployments: deploy, roll back, scale, cancel, watch (their reads are in reads.ts). */
import type { AdminServiceHandlers } from '../../../proto/gen/berth/v1/AdminService.js';
import { deployChoice, rollbackTarget, scaleChanges } from '../../core/admin-rules.js';
import { isTerminal } from '../../core/deployment-machine.js';
import { getApp } from '../../pipeline/app-catalog.js';
import { appReleases } from '../../pipeline/stored-records.js';
import type { DeploymentRunner } from '../../pipeline/deployment-runner.js';
import { deploymentMessage } from '../proto-mapping.js';
import type { AdminDeps } from './rpc.js';

export interface DeploymentDeps extends AdminDeps {
  runner: DeploymentRunner;
}

export function deploymentHandlers({
  rpc,
  store,
  log,
  runner,
}: DeploymentDeps): Pick<AdminServiceHandlers, 'Deploy' | 'Rollback' | 'Scale' | 'CancelDeployment' | 'WatchDeployment'> {
  return {
    Deploy: rpc.unary('Deploy', (request) => {
      const app = getApp(store, request.app);
      const { services, refs } = deployChoice(request.app, app.spec.services, request.services, request.ref);
      return { deployment: deploymentMessage(runner.request(request.app, { kind: 'deploy', services, refs, withPostdeploy: true })) };
    }),
    Rollback: rpc.unary('Rollback', (request) => {
      const app = getApp(store, request.app);
      const release = rollbackTarget(request.app, request.to, appReleases(store, request.app), app.routed?.release ?? null);
      const deployment = runner.request(request.app, { kind: 'rollback', services: [], refs: {}, withPostdeploy: request.withPostdeploy, release });
      return { deployment: deploymentMessage(deployment) };
    }),
    Scale: rpc.unary('Scale', (request) => {
      const app = getApp(store, request.app);
      const changes = scaleChanges(request.app, Object.keys(app.spec.services), request.scale);
      store.update((s) => {
        const record = s.apps[request.app];
        if (!record) return;
        for (const [service, n] of changes) {
          const svc = record.spec.services[service];
          if (svc) svc.scale = n;
        }
        record.updatedAtMs = Date.now();
      });
      log.info({ app: request.app, scale: request.scale }, 'scale changed');
      // Nothing routed yet: the scale applies at the next deploy.
      if (!store.data.apps[request.app]?.routed) return {};
      return { deployment: deploymentMessage(runner.request(request.app, { kind: 'scale', services: [], refs: {}, withPostdeploy: false })) };
    }),
    CancelDeployment: rpc.unary('CancelDeployment', async (request) => ({ deployment: deploymentMessage(await runner.cancel(request.id)) })),
    WatchDeployment: rpc.serverStream('WatchDeployment', (call) => {
      const first = runner.get(call.request.id);
      call.write({ deployment: deploymentMessage(first), lines: [] });
      if (isTerminal(first.state)) {
        call.end();
        return undefined;
      }
      const stop = runner.watch(call.request.id, ({ deployment, lines }) => {
        call.write({ deployment: deploymentMessage(deployment, false), lines });
        if (isTerminal(deployment.state)) {
          stop();
          call.end();
        }
      });
      return stop;
    }),
  };
}
