import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs a program with an argv array (never a shell string) and returns its stdout. */
export async function run(file: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<string> {
  const { stdout } = await execFileAsync(file, args, { timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

export async function docker(...args: string[]): Promise<string> {
  return (await run('docker', args)).trim();
}
