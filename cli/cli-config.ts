/**
 * The CLI's own settings file: where the controller is and the token to use, so that neither has
 * to be typed on every command. `berth login ADDR --token T` writes it (mode 0600: it holds a
 * token). Flags win over BERTH_* variables, which win over the file.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { BerthError } from '../shared/errors.js';
import { writeSecretFile } from '../shared/secret-file.js';

const CliConfigSchema = z.strictObject({
  addr: z.string().min(1).optional(),
  token: z.string().min(1).optional(),
  /** A PEM file of the CA that signed the controller's certificate. */
  ca: z.string().min(1).optional(),
  /** TLS with the system's trusted CAs (when there is no `ca`). */
  tls: z.boolean().optional(),
});
export type CliConfig = z.infer<typeof CliConfigSchema>;

export function cliConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BERTH_CONFIG) return env.BERTH_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'berth', 'config.json');
}

/** The settings file, or {} when there is none. Synchronous: every client command reads it first. */
export function readCliConfig(path = cliConfigPath()): CliConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new BerthError('INVALID_CONFIG', `cannot read ${path}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BerthError('INVALID_CONFIG', `${path} is not valid JSON; fix it or run berth login again`);
  }
  const parsed = CliConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BerthError('INVALID_CONFIG', `${path}: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}; fix it or run berth login again`);
  }
  return parsed.data;
}

export async function writeCliConfig(config: CliConfig, path = cliConfigPath()): Promise<void> {
  await writeSecretFile(path, `${JSON.stringify(config, null, 2)}\n`);
}
