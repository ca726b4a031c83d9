/**
 * Repository URLs compared the way the git hosts compare them: https and ssh forms of one
 * repository are the same (`https://github.com/Acme/Shop.git`, `git@github.com:acme/shop`,
 * `ssh://git@github.com/acme/Shop`), as are a trailing `.git` or `/` and the case of the host,
 * owner and repository name (GitHub, GitLab, Gitea, Forgejo, Gogs, Bitbucket and Azure DevOps all
 * treat names case-insensitively, and their payloads carry the canonical case, which need not be
 * the case the app was set up with). Azure DevOps names one repository in several forms
 * (`https://dev.azure.com/org/project/_git/repo`, `git@ssh.dev.azure.com:v3/org/project/repo`,
 * `https://org.visualstudio.com/project/_git/repo`); they all become `dev.azure.com/org/project/repo`.
 * A local `file://` path keeps its case, as the filesystem does. Pure.
 */

/** "host/owner/repo" (lower-case), "file:/path" for local repos (as written), or null. */
export function normalizeRepoUrl(url: string): string | null {
  const text = url.trim();
  if (!text) return null;
  if (text.startsWith('file://')) return `file:${stripTail(text.slice('file://'.length))}`;
  // scp-like ssh: [user@]host:owner/repo
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(text);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return join(scp[1] as string, scp[2] as string);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:'].includes(parsed.protocol)) return null;
  return join(parsed.hostname, decodeURIComponent(parsed.pathname));
}

function stripTail(path: string): string {
  return path
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}

function join(host: string, path: string): string | null {
  const [canonicalHost, segments] = azureDevopsForm(host.toLowerCase(), stripTail(path).split('/').filter(Boolean));
  if (segments.length < 2) return null;
  return [canonicalHost, ...segments].join('/').toLowerCase();
}

/**
 * Azure DevOps' https, ssh and legacy visualstudio.com forms as one: dev.azure.com/org/project/repo.
 * Azure DevOps Server (on premises) keeps its host; its https and ssh forms differ only by `_git`.
 */
function azureDevopsForm(host: string, segments: string[]): [string, string[]] {
  const withoutGit = segments.filter((s) => s !== '_git');
  if (host === 'dev.azure.com') return [host, withoutGit];
  if ((host === 'ssh.dev.azure.com' || host === 'vs-ssh.visualstudio.com') && segments[0] === 'v3') return ['dev.azure.com', segments.slice(1)];
  if (host.endsWith('.visualstudio.com')) {
    const org = host.slice(0, -'.visualstudio.com'.length);
    return ['dev.azure.com', [org, ...withoutGit.filter((s) => s.toLowerCase() !== 'defaultcollection')]];
  }
  return segments.includes('_git') ? [host, withoutGit] : [host, segments];
}

/** Whether two URLs name the same repository. */
export function sameRepository(a: string, b: string): boolean {
  const x = normalizeRepoUrl(a);
  return x !== null && x === normalizeRepoUrl(b);
}
