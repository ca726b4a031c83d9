/**
 * The git adapter: the only module in Berth that runs git. git is run with argv arrays (never a
 * shell), without prompts, with a time limit, and its stderr goes into the error message.
 */
import { execFile } from 'node:child_process';
import { BerthError } from '../../shared/errors.js';

const SHA = /^[0-9a-f]{40}$/i;
const LS_REMOTE_TIMEOUT_MS = 60_000;
const CLONE_TIMEOUT_MS = 10 * 60_000;

/** Resolves a ref (a full commit SHA, a branch or a tag) to a commit SHA. */
export async function resolveCommit(repo: string, ref: string): Promise<string> {
  if (SHA.test(ref)) return ref.toLowerCase();
  checkArgs(repo, ref);
  const wanted = ref.startsWith('refs/') ? [ref, `${ref}^{}`] : [`refs/heads/${ref}`, `refs/tags/${ref}^{}`, `refs/tags/${ref}`];
  // The peeled name (the commit of an annotated tag) is listed only when asked for by name.
  const out = await git(`git ls-remote ${redact(repo)}`, ['ls-remote', '--', repo, ...wanted], { timeoutMs: LS_REMOTE_TIMEOUT_MS });
  const found = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [sha, name] = line.trim().split(/\s+/);
    if (sha && name && SHA.test(sha)) found.set(name, sha.toLowerCase());
  }
  // In order of preference: a branch, then the commit an annotated tag points at, then a tag.
  for (const name of wanted) {
    const sha = found.get(name);
    if (sha) return sha;
  }
  throw new BerthError('NOT_FOUND', `ref "${ref}" is neither a branch nor a tag of ${redact(repo)}`, { repo: redact(repo), ref });
}

/** Clones repo into dir (which must not exist or be empty) and checks out commit, detached. */
export async function cloneAt(repo: string, commit: string, dir: string): Promise<void> {
  checkArgs(repo, commit);
  await git(`git clone ${redact(repo)}`, ['clone', '--quiet', '--no-checkout', '--', repo, dir], { timeoutMs: CLONE_TIMEOUT_MS });
  await git(`git checkout ${commit}`, ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--detach', commit, '--'], {
    cwd: dir,
    timeoutMs: CLONE_TIMEOUT_MS,
  });
}

/** Hides passwords and tokens in URLs (user:token@host) before they go into a message. */
export function redact(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}

/** An argument starting with "-" would be read by git as an option. */
function checkArgs(repo: string, ref: string): void {
  if (repo.startsWith('-')) throw new BerthError('INVALID_ARGUMENT', `repository "${redact(repo)}" must not start with "-"`, { repo: redact(repo) });
  if (ref.startsWith('-') || /[\s\0-\x1f\x7f~^:?*[\\]/.test(ref)) throw new BerthError('INVALID_ARGUMENT', `"${ref}" is not a valid git ref`, { ref });
}

function git(what: string, args: string[], options: { cwd?: string; timeoutMs: number }): Promise<string> {
  const env = {
    ...process.env,
    // Fail instead of waiting for a password nobody will type.
    GIT_TERMINAL_PROMPT: '0',
    GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
    // Only transports that move data: "ext::" and the like run commands named in the URL.
    GIT_ALLOW_PROTOCOL: 'file:git:http:https:ssh',
  };
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd: options.cwd, env, timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return reject(new BerthError('FAILED_PRECONDITION', 'git is not installed on this agent (apt-get install -y git)'));
      if (err.killed) return reject(new BerthError('TIMEOUT', `${what} did not finish within ${options.timeoutMs / 1000} s`));
      const detail = redact(stderr.trim() || err.message);
      reject(new BerthError('BUILD_FAILED', `${what} failed: ${detail}`));
    });
  });
}
