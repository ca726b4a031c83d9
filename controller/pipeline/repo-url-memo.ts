/**
 * Normalised repository URLs remembered: every hook compares the payload's URLs with the app's,
 * and parsing them (WHATWG URL) was most of a decision's time. Emptied when full, so it stays
 * bounded whatever URLs senders make up. Owned by the hook receiver.
 */
import { normalizeRepoUrl } from '../core/repo-url.js';

const MAX_URLS = 1024;

export class RepoUrlMemo {
  private readonly normalized = new Map<string, string | null>();

  readonly normalize = (url: string): string | null => {
    let normalized = this.normalized.get(url);
    if (normalized === undefined) {
      if (this.normalized.size >= MAX_URLS) this.normalized.clear();
      normalized = normalizeRepoUrl(url);
      this.normalized.set(url, normalized);
    }
    return normalized;
  };
}
