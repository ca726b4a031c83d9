/**
 * The results of finished one-off containers, one small file each under the agent's data dir,
 * kept for a day. A run-oneoff delivered again for a one-off that already ran (the controller
 * restarted while it ran and asks again) is answered from here instead of running the command a
 * second time: a migration runs once.
 */
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { replaceFile } from '../../shared/replace-file.js';

export const ONE_OFF_RESULT_KEEP_MS = 24 * 3_600_000;

const OneOffResultSchema = z.object({
  exitCode: z.number().int(),
  message: z.string(),
  outputTail: z.array(z.string()),
  finishedAtMs: z.number(),
});
export type OneOffResult = z.infer<typeof OneOffResultSchema>;

export class OneOffResults {
  constructor(
    private readonly dir: string,
    private readonly keepMs = ONE_OFF_RESULT_KEEP_MS,
  ) {}

  private pathOf(oneOffId: string): string {
    return join(this.dir, `${encodeURIComponent(oneOffId)}.json`);
  }

  /** The recorded result, or null (never ran here, older than a day, or unreadable). */
  async recall(oneOffId: string, now = Date.now()): Promise<OneOffResult | null> {
    const text = await readFile(this.pathOf(oneOffId), 'utf8').catch(() => null);
    if (text === null) return null;
    try {
      const result = OneOffResultSchema.parse(JSON.parse(text));
      return now - result.finishedAtMs <= this.keepMs ? result : null;
    } catch {
      return null;
    }
  }

  /** Records a result (whole or not at all) and forgets those older than a day. */
  async remember(oneOffId: string, result: OneOffResult): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = this.pathOf(oneOffId);
    await replaceFile(path, { temp: `${path}.tmp`, mode: 0o600 }, (file) => file.writeFile(JSON.stringify(result)));
    await this.prune(result.finishedAtMs);
  }

  private async prune(now: number): Promise<void> {
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > this.keepMs) await rm(path, { force: true });
    }
  }
}
