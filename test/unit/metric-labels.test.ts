import { describe, expect, it } from 'vitest';
import { phaseDurations } from '../../controller/core/deployment-record.js';
import { hookReasonCode } from '../../controller/core/hook-decision.js';

describe('phaseDurations', () => {
  it.each([
    [[], []],
    [[{ state: 'queued', atMs: 0 }], []],
    [
      [{ state: 'queued', atMs: 0 }, { state: 'building', atMs: 5 }, { state: 'starting', atMs: 105 }, { state: 'failed', atMs: 110 }],
      [{ phase: 'queued', ms: 5 }, { phase: 'building', ms: 100 }, { phase: 'starting', ms: 5 }],
    ],
    // A clock step back never makes a negative duration.
    [[{ state: 'verifying', atMs: 10 }, { state: 'postdeploy', atMs: 7 }], [{ phase: 'verifying', ms: 0 }]],
  ])('%j', (history, expected) => {
    expect(phaseDurations(history)).toEqual(expected);
  });
});

describe('hookReasonCode', () => {
  it.each([
    ['push to main: web at 3f2a1b', 'matched'],
    ['no git information in the request: redeploying web', 'no-git-info'],
    ['no service tracks feature/x', 'branch-not-tracked'],
    ['tag push: v1.2.0', 'tag'],
    ['branch deleted: old', 'branch-deleted'],
    ['push without a new commit: main', 'no-new-commit'],
    ['push to refs/notes/x, which is not a branch', 'not-a-branch'],
    ['github event "issues" does not deploy', 'event-not-deploying'],
    ['gitlab system hook "project_create" does not deploy', 'event-not-deploying'],
    ['a deployment Berth created itself', 'own-deployment'],
    ['x-hub-signature-256 does not match the body signed with the app\'s webhook secret', 'bad-signature'],
    ['ping: the hook is set up', 'ping'],
    ['the body is not valid JSON at position 3', 'other'],
  ])('%s → %s', (reason, code) => {
    expect(hookReasonCode(reason)).toBe(code);
  });
});
