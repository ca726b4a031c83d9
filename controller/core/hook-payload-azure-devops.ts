/** Pushes as Azure DevOps' service hooks describe them (git.push). Pure. */
import { z } from 'zod';
import { invalid, type HookBody as Body } from './hook-body.js';
import type { HookEvent } from './hook-event.js';
import { type Base, ignored, pushOfRefUpdates, textAt, urls, validate, ZERO_SHA } from './hook-fields.js';

const AzureDevopsPush = z.object({
  resource: z.object({
    refUpdates: z.array(z.object({ name: z.string().min(1), newObjectId: z.string() })),
  }),
});

export function parseAzureDevops(base: Base, event: string, body: Body): HookEvent {
  if (event !== 'git.push') return ignored(base, 'event-not-deploying', `azure-devops event "${event}" does not deploy`);
  if (body.kind !== 'json') throw invalid('azure-devops sends JSON', 415);
  const what = 'azure-devops git.push payload';
  const resource = body.value.resource;
  if (typeof resource !== 'object' || resource === null || !('refUpdates' in resource)) {
    // The subscription's "Resource details to send" is Minimal or None: nothing says what moved.
    throw invalid(`${what} has no resource.refUpdates: set the service hook's "Resource details to send" to All`);
  }
  const { refUpdates } = validate(AzureDevopsPush, body.value, what).resource;
  // A deleted branch's newObjectId is all zeros.
  const updates = refUpdates.map((u, i) => ({
    ref: u.name,
    commit: u.newObjectId,
    deleted: ZERO_SHA.test(u.newObjectId),
    refPath: `resource.refUpdates.${i}.name`,
    commitPath: `resource.refUpdates.${i}.newObjectId`,
  }));
  return pushOfRefUpdates(base, updates, urls(...['remoteUrl', 'sshUrl', 'webUrl'].map((key) => textAt(resource, 'repository', key))), what);
}
