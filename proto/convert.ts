import type { Instance } from './gen/berth/v1/Instance.js';
import type { InstanceStatus } from '../shared/instance.js';

/** The domain InstanceStatus in its wire form; the controller reads it back with a zod schema. */
export function instanceToProto(i: InstanceStatus): Instance {
  return { ...i };
}
