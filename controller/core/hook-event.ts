/**
 * A redeployment hook's request, reduced to what the decision needs: where it came from, which
 * delivery it is, and what was pushed. Parsing each git host's payload into this lives in
 * hook-payload.ts; deciding what to deploy from it lives in hook-decision.ts. Both pure.
 */
export const HOOK_SOURCES = ['github', 'gitlab', 'bitbucket', 'gitea', 'forgejo', 'gogs', 'bitbucket-server', 'azure-devops', 'generic'] as const;
export type HookSource = (typeof HOOK_SOURCES)[number];

/**
 * Why a hook request was decided as it was, as a stable label (the berth_hook_decisions_total
 * metric); the reason text says the same to a person, with the branch, services and commit.
 */
export const HOOK_REASON_CODES = [
  'matched',
  'no-git-info',
  'branch-not-tracked',
  'tag',
  'branch-deleted',
  'no-new-commit',
  'not-a-branch',
  'event-not-deploying',
  'own-deployment',
  'ping',
  'bad-signature',
  'invalid-request',
] as const;
export type HookReasonCode = (typeof HOOK_REASON_CODES)[number];
/** The codes the parser gives the pushes and events it ignores. */
export type IgnoredCode = Extract<HookReasonCode, 'tag' | 'branch-deleted' | 'no-new-commit' | 'not-a-branch' | 'event-not-deploying' | 'own-deployment'>;

export type HookEvent =
  /** GitHub's ping (sent when a webhook is created): answered 200, nothing deploys. */
  | { kind: 'ping'; source: HookSource; deliveryId: string | null }
  /** No git information at all (an empty POST from CI): every service in S redeploys. */
  | { kind: 'no-git-info'; source: HookSource; deliveryId: string | null }
  | {
      kind: 'push';
      source: HookSource;
      deliveryId: string | null;
      /** Every URL the payload names for the repository (clone, ssh, web); any may match. */
      repositoryUrls: string[];
      /** The pushed branch (refs/heads/ stripped); null when the payload names none. */
      branch: string | null;
      /** The commit the branch now points at; null when the payload names none. */
      commit: string | null;
      /**
       * "project/repository" when the payload names the repository by path only, without a URL
       * (Bitbucket Server's documented push has no clone links): matched against the end of the
       * tracked repository's path, whatever its host.
       */
      repositoryPath?: string;
      /** GitHub's "owner/repo" (repository.full_name), for deployment statuses; absent elsewhere. */
      githubRepository?: string;
    }
  /** Tag pushes, branch deletions, pushes without a new commit, other events: nothing deploys. */
  | { kind: 'ignored'; source: HookSource; deliveryId: string | null; code: IgnoredCode; reason: string };

/** What a hook request looks like to the parser: the raw body and the headers (lower-case names). */
export interface HookRequest {
  headers: Record<string, string | undefined>;
  contentType: string;
  body: Buffer;
}
