import { describe, expect, it } from 'vitest';
import { interactiveMode, runExitCode } from '../../cli/run-command.js';
import { makeRelease } from '../../controller/core/release.js';
import { chooseRunTarget, defaultRunService, endedState, runEnv, runsToForget, type RunRecord } from '../../controller/core/run.js';
import { parseAppSpec } from '../../shared/app-spec.js';

const image = (id: string) => ({ prepared: { image: id, imageId: id, commitSha: '', procfile: {}, fresh: false } });
const release = (yaml: string, number = 1) => {
  const spec = parseAppSpec(yaml);
  return makeRelease(
    { app: spec.name, number, deploymentId: `d${number}`, spec, images: Object.fromEntries(Object.keys(spec.services).map((s) => [s, image(`sha256:${s}`)])) },
    1,
  );
};
const shop = release(`
name: shop
env: { RAILS_ENV: production }
services:
  web: { git: { repo: "file:///srv/shop" }, port: 8080 }
  worker: { image: shop-worker:1, command: ./work }
  clock: { image: shop-clock:1 }
`);

describe('the service a run uses', () => {
  it.each([
    ['the first with a command or image of its own', shop, 'worker'],
    ['else the first', release('name: a\nservices:\n  web: { git: { repo: "file:///srv/a" } }\n  api: { git: { repo: "file:///srv/b" } }'), 'web'],
  ])('%s', (_, r, want) => {
    expect(defaultRunService(r)).toBe(want);
  });
});

describe('chooseRunTarget', () => {
  const input = (fields: Partial<Parameters<typeof chooseRunTarget>[0]>) =>
    chooseRunTarget({ app: 'shop', releaseName: null, service: null, routed: 'v1', findRelease: (n) => (n === 'v1' ? shop : undefined), ...fields });
  it.each([
    ['the routed release and its default service', {}, { ok: true, service: 'worker' }],
    ['a service named', { service: 'web' }, { ok: true, service: 'web' }],
    ['a release named', { releaseName: 'v1', routed: null }, { ok: true, service: 'worker' }],
  ])('%s', (_, fields, want) => {
    expect(input(fields)).toMatchObject(want);
  });
  it.each([
    ['nothing routed', { routed: null }, 'FAILED_PRECONDITION', 'shop has no routed release to run; deploy it first or name one with --release'],
    ['no such release', { releaseName: 'v7' }, 'NOT_FOUND', "shop has no release v7; 'berth releases shop' lists them"],
    ['no such service', { service: 'api' }, 'NOT_FOUND', 'shop v1 has no service api (services: web, worker, clock)'],
  ])('refuses: %s', (_, fields, code, reason) => {
    expect(input(fields)).toEqual({ ok: false, code, reason });
  });
});

describe('a run', () => {
  it("gets the instances' environment with its own CONTAINER and BERTH_RUN_ID", () => {
    expect(runEnv(shop, 'web', 'abc')).toEqual({
      RAILS_ENV: 'production',
      APP: 'shop',
      CONTAINER: 'run-abc',
      CONTAINER_VERSION: 'v1',
      PORT: '8080',
      BERTH_RELEASE: 'v1',
      BERTH_DEPLOYMENT_ID: 'd1',
      BERTH_RUN_ID: 'abc',
    });
  });

  it.each([
    [0, false, 'succeeded', null],
    [3, false, 'failed', 'exited with status 3'],
    [-128, false, 'timed-out', 'stopped at its time limit'],
    [-128, true, 'timed-out', 'stopped at its time limit'],
    [143, true, 'stopped', 'stopped on request'],
    [0, true, 'stopped', 'stopped on request'],
  ])('ends on status %i (stop asked: %s) as %s', (exitCode, stopRequested, state, reason) => {
    expect(endedState({ stopRequested }, exitCode)).toEqual({ state, reason });
  });

  it('keeps the newest ended runs of each app', () => {
    const run = (id: string, app: string, state: RunRecord['state'], createdAtMs: number) => ({ id, app, state, createdAtMs }) as RunRecord;
    const runs = [
      run('a', 'shop', 'succeeded', 1),
      run('b', 'shop', 'failed', 2),
      run('c', 'shop', 'running', 0),
      run('d', 'shop', 'stopped', 3),
      run('e', 'blog', 'failed', 0),
    ];
    expect(runsToForget(runs, 'shop', 2)).toEqual(['a']);
  });
});

describe('berth run exits', () => {
  it.each([
    ['with the status of a command that exited', { state: 'failed', hasExitCode: true, exitCode: 3 }, false, 3],
    ['0 when it succeeded', { state: 'succeeded', hasExitCode: true, exitCode: 0 }, false, 0],
    ['124 at the time limit', { state: 'timed-out', hasExitCode: true, exitCode: -128 }, false, 124],
    ['130 when Ctrl-C stopped it', { state: 'stopped', hasExitCode: true, exitCode: 143 }, true, 130],
    ['1 when it never ran (a lost agent)', { state: 'failed', hasExitCode: false, exitCode: 0 }, false, 1],
  ])('%s', (_, run, interrupted, want) => {
    expect(runExitCode(run, interrupted)).toBe(want);
  });
});

describe('berth run -it', () => {
  it.each([
    [{}, true, false],
    [{ interactive: true, tty: true }, true, true],
  ])('%j with a terminal: %s', (flags, isTty, want) => {
    expect(interactiveMode(flags, isTty)).toBe(want);
  });
  it.each([
    [{ interactive: true }, true, 'use -i and -t together (berth run -it APP -- sh)'],
    [{ tty: true }, true, 'use -i and -t together (berth run -it APP -- sh)'],
    [{ interactive: true, tty: true, detach: true }, true, '-it attaches this terminal; it cannot go with --detach'],
    [{ interactive: true, tty: true }, false, 'berth run -it needs a terminal on stdin; without one, leave out -it'],
  ])('%j (stdin a terminal: %s) is refused', (flags, isTty, message) => {
    expect(() => interactiveMode(flags, isTty)).toThrow(message);
  });
});
