/** `berth hooks url|rotate|secret|log|test`: an app's redeployment hook through the admin API. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Hook__Output } from '../proto/gen/berth/v1/Hook.js';
import { BerthError, errorMessage } from '../shared/errors.js';
import { callAdmin, required, type ClientOptions } from './admin-client.js';
import { clientOptions } from './apps-command.js';
import { formatAge, renderTable } from './format.js';
import { printJson, printLine } from './output.js';

type Run = (action: () => Promise<void>) => Promise<void>;
type Flags = ClientOptions & { json?: boolean };

function printHook(hook: Hook__Output, json: boolean | undefined): void {
  if (json) printJson({ app: hook.app, url: hook.url, hasSecret: hook.hasSecret });
  else printLine(hook.url);
}

export function registerHooksCommands(program: Command, run: Run): void {
  const hooks = program.command('hooks').description("an app's redeployment hook: URL, token rotation, secret, log, dry runs");

  clientOptions(hooks.command('url'))
    .description('print the hook URL to paste into the git host (POST it, optionally ?services=web)')
    .argument('<app>')
    .option('--json', 'print JSON')
    .action((app: string, flags: Flags) =>
      run(async () => {
        const hook = required((await callAdmin(flags, (c) => c.GetHook, { app })).hook, 'hook');
        printHook(hook, flags.json);
      }),
    );

  clientOptions(hooks.command('rotate'))
    .description('replace the hook token; the old URL stops working at once')
    .argument('<app>')
    .option('--json', 'print JSON')
    .action((app: string, flags: Flags) =>
      run(async () => {
        const hook = required((await callAdmin(flags, (c) => c.RotateHook, { app })).hook, 'hook');
        printHook(hook, flags.json);
      }),
    );

  clientOptions(hooks.command('secret'))
    .description('set the webhook secret requests must be signed with (generated when no --value)')
    .argument('<app>')
    .option('--value <secret>', 'the secret (at least 16 characters)')
    .option('--clear', 'remove the secret: the URL token alone authorises')
    .option('--json', 'print JSON')
    .action((app: string, flags: Flags & { value?: string; clear?: boolean }) =>
      run(async () => {
        const res = await callAdmin(flags, (c) => c.SetHookSecret, { app, value: flags.value ?? '', clear: flags.clear ?? false });
        const hook = required(res.hook, 'hook');
        if (flags.json) return printJson({ app, hasSecret: hook.hasSecret, secret: hook.secret });
        process.stdout.write(hook.hasSecret ? `${hook.secret}\n` : `webhook secret of ${app} removed\n`);
      }),
    );

  clientOptions(hooks.command('log'))
    .description('the recent hook requests of an app and what was decided')
    .argument('<app>')
    .option('--json', 'print JSON')
    .action((app: string, flags: ClientOptions & { json?: boolean }) =>
      run(async () => {
        const log = await callAdmin(flags, (c) => c.ListHookLog, { app });
        if (flags.json) return printJson(log.entries.map((e) => ({ ...e, atMs: Number(e.atMs) })));
        if (log.entries.length === 0) {
          process.stdout.write(`no hook requests for ${app} yet\n`);
          return;
        }
        const rows = [...log.entries]
          .reverse()
          .map((e) => [
            formatAge(Number(e.atMs)),
            e.source,
            e.event,
            e.decision + (e.dryRun ? ' (dry run)' : ''),
            e.deploymentId || '-',
            e.deliveryId || '-',
            e.reason,
          ]);
        process.stdout.write(`${renderTable(['WHEN', 'SOURCE', 'EVENT', 'DECISION', 'DEPLOYMENT', 'DELIVERY', 'REASON'], rows)}\n`);
      }),
    );

  clientOptions(hooks.command('test'))
    .description('show what a payload would deploy, without deploying')
    .argument('<app>')
    .option('--payload <file>', 'the webhook body (JSON); none: an empty POST')
    .option('--event <name>', "the git host's event name (push, ping, Push Hook, repo:push)")
    .option(
      '--source <host>',
      'github, gitlab, bitbucket, bitbucket-server, gitea, forgejo, gogs, azure-devops or generic (default: github with --event; an Azure DevOps body names itself)',
    )
    .option('--services <list>', 'the ?services= modifier')
    .option('--json', 'print JSON')
    .action((app: string, flags: Flags & { payload?: string; event?: string; source?: string; services?: string }) =>
      run(async () => {
        let payload = '';
        if (flags.payload) {
          try {
            payload = await readFile(flags.payload, 'utf8');
          } catch (err) {
            throw new BerthError('INVALID_ARGUMENT', `cannot read ${flags.payload}: ${errorMessage(err)}`);
          }
        }
        const d = await callAdmin(flags, (c) => c.TestHook, {
          app,
          payload,
          event: flags.event ?? '',
          source: flags.source ?? '',
          services: flags.services ?? '',
        });
        if (flags.json)
          return printJson({ source: d.source, event: d.event, decision: d.decision, services: d.services, ref: d.ref || null, reason: d.reason });
        process.stdout.write(
          `${d.decision}${d.services.length ? `: ${d.services.join(', ')}` : ''}${d.ref ? ` at ${d.ref}` : ''}\n${d.reason}\nrecognised: ${d.source} ${d.event}\n`,
        );
      }),
    );
}

export function registerNotifyCommand(program: Command, run: Run): void {
  clientOptions(program.command('notify'))
    .description("an app's deployment notification URLs (signed JSON POST at each state change)")
    .argument('<app>')
    .option('--add <url>', 'add a URL (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--remove <url>', 'remove a URL (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--json', 'print JSON')
    .action((app: string, flags: Flags & { add?: string[]; remove?: string[] }) =>
      run(async () => {
        const res = await callAdmin(flags, (c) => c.SetNotifications, { app, add: flags.add ?? [], remove: flags.remove ?? [] });
        if (flags.json) return printJson({ app, urls: res.urls, secret: res.secret });
        process.stdout.write(res.urls.length ? `${res.urls.join('\n')}\nsigning secret: ${res.secret}\n` : `no notification URLs for ${app}\n`);
      }),
    );
}

export function registerGithubCommand(program: Command, run: Run): void {
  clientOptions(program.command('github'))
    .description('GitHub deployments and statuses for pushes that deploy the app')
    .argument('<app>')
    // --token is the admin token of every command; this one is GitHub's.
    .option('--github-token <token>', 'a GitHub token allowed to create deployments (repo_deployment)')
    .option('--api-url <url>', 'the API base URL (GitHub Enterprise: https://HOST/api/v3)')
    .option('--clear', 'stop reporting to GitHub')
    .option('--json', 'print JSON')
    .action((app: string, flags: Flags & { githubToken?: string; apiUrl?: string; clear?: boolean }) =>
      run(async () => {
        const res = await callAdmin(flags, (c) => c.SetGithub, {
          app,
          token: flags.githubToken ?? '',
          apiUrl: flags.apiUrl ?? '',
          clear: flags.clear ?? false,
        });
        if (flags.json) return printJson({ app, configured: res.configured, apiUrl: res.apiUrl || null });
        process.stdout.write(res.configured ? `GitHub deployments for ${app} via ${res.apiUrl}\n` : `GitHub deployments for ${app} off\n`);
      }),
    );
}
