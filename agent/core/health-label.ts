/** Reads back the health check a start task stored on its container. */
import { LABELS } from '../../shared/instance.js';
import { HealthCheckSchema, type HealthCheck } from '../../shared/task.js';

export function healthCheckFromLabels(labels: Record<string, string> | null | undefined): HealthCheck | null {
  const text = labels?.[LABELS.health];
  if (!text) return null;
  try {
    const parsed = HealthCheckSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
