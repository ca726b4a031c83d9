/** Runs the built `berth` program as a person would, and collects what it printed. */
import { spawn } from 'node:child_process';
import { CLI } from './cluster.js';

export interface CliExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A settings file that does not exist: the tester's own `berth login` must not leak into tests. */
const NO_CONFIG = '/nonexistent/berth-test/config.json';

export function runBerth(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliExit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, BERTH_CONFIG: NO_CONFIG, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
