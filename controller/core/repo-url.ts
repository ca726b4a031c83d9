/**
 * Repository URLs compared the way people mean them: https and ssh forms of one repository are the
 * same (`https://github.com/Acme/Shop.git`, `git@github.com:acme/Shop`,
 * `ssh://git@github.com/acme/Shop`), as are a trailing `.git` or `/` and the case of the host and
 * owner. Pure.
 */

/**
 * Normalised URLs remembered: every hook compares the payload's URLs with the app's, and parsing
 * them (WHATWG URL) was most of a decision's time. Emptied when full, so it stays bounded whatever
 * URLs senders make up.
 */
const NORMALIZED = new Map<string, string | null>();
const NORMALIZED_MAX = 1024;

/** "host/owner/repo" (host and owner lower-case; repo as written), "file:/path" for local repos, or null. */
export function normalizeRepoUrl(url: string): string | null {
  let normalized = NORMALIZED.get(url);
  if (normalized === undefined) {
    if (NORMALIZED.size >= NORMALIZED_MAX) NORMALIZED.clear();
    normalized = normalizeUncached(url);
    NORMALIZED.set(url, normalized);
  }
  return normalized;
}

function normalizeUncached(url: string): string | null {
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
  return path.replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

function join(host: string, path: string): string | null {
  const segments = stripTail(path).split('/').filter(Boolean);
  if (segments.length < 2) return null;
  const repo = segments.pop() as string;
  // Owners and groups (GitLab subgroups too) are case-insensitive on every host; repo names are kept.
  return [host.toLowerCase(), ...segments.map((s) => s.toLowerCase()), repo].join('/');
}

/** Whether two URLs name the same repository. */
export function sameRepository(a: string, b: string): boolean {
  const x = normalizeRepoUrl(a);
  return x !== null && x === normalizeRepoUrl(b);
}
