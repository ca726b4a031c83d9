/** `berth apps apply|list|show|delete`: manage app specs through the admin API. */
import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { stringify as stringifyYaml } from 'yaml';
import { BerthError, errorMessage } from '../shared/errors.js';
import { callAdmin, required, type ClientOptions } from './admin-client.js';
import { renderTable } from './format.js';
import { printJson } from './output.js';

type Run = (action: () => Promise<void>) => Promise<void>;

/** The options every client command takes; unset ones fall back to the settings file (berth login). */
export function clientOptions(command: Command): Command {
  return command
    .addOption(new Option('--addr <host:port>', "controller's gRPC address (default 127.0.0.1:7443)").env('BERTH_ADDR'))
    .addOption(new Option('--token <token>', 'API token (admin or read-only)').env('BERTH_TOKEN'))
    .addOption(new Option('--ca <file>', "PEM of the CA that signed the controller's certificate (TLS)").env('BERTH_CA'))
    .addOption(new Option('--tls', "TLS with the system's trusted CAs").env('BERTH_TLS'));
}

async function readSpec(file: string): Promise<string> {
  try {
    return file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (err) {
    throw new BerthError('INVALID_ARGUMENT', `cannot read ${file}: ${errorMessage(err)}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerAppsCommands(program: Command, run: Run): void {
  const apps = program.command('apps').description('create, update, list, show and delete apps');

  clientOptions(apps.command('apply'))
    .description('create or update an app from its spec (YAML or JSON); does not deploy')
    .requiredOption('-f, --file <file>', 'the spec file, or - for standard input')
    .option('--json', 'print JSON')
    .action((flags: ClientOptions & { file: string; json?: boolean }) =>
      run(async () => {
        const text = await readSpec(flags.file);
        const res = await callAdmin(flags, (c) => c.ApplyApp, { specText: text, source: flags.file });
        const app = required(res.app, 'app');
        if (flags.json) return printJson({ name: app.name, outcome: res.outcome, services: app.services, domains: app.domains });
        const domains = app.domains.length ? `; domains: ${app.domains.join(', ')}` : '';
        process.stdout.write(`app ${app.name} ${res.outcome} (services: ${app.services.join(', ')}${domains})\n`);
      }),
    );

  clientOptions(apps.command('list'))
    .description('list apps')
    .option('--json', 'print JSON')
    .action((flags: ClientOptions & { json?: boolean }) =>
      run(async () => {
        const res = await callAdmin(flags, (c) => c.ListApps, {});
        if (flags.json) {
          // The list carries no specs (berth apps show APP --json has one).
          printJson(res.apps.map((a) => ({ name: a.name, services: a.services, domains: a.domains, release: a.release || null })));
        } else if (res.apps.length === 0) {
          process.stdout.write('no apps yet: create one with berth apps apply -f FILE\n');
        } else {
          const rows = res.apps.map((a) => [a.name, a.services.join(','), a.domains.join(',') || '-', a.release || '-']);
          process.stdout.write(`${renderTable(['NAME', 'SERVICES', 'DOMAINS', 'RELEASE'], rows)}\n`);
        }
      }),
    );

  clientOptions(apps.command('show'))
    .description("print an app's spec with every default filled in")
    .argument('<app>')
    .option('--reveal', 'show env values (hidden as *** otherwise)')
    .option('--json', 'print JSON')
    .action((name: string, flags: ClientOptions & { json?: boolean; reveal?: boolean }) =>
      run(async () => {
        const { app } = await callAdmin(flags, (c) => c.GetApp, { name, reveal: flags.reveal ?? false });
        const spec: unknown = JSON.parse(required(app, 'app').specJson);
        if (flags.json) printJson(spec);
        else process.stdout.write(stringifyYaml(spec));
      }),
    );

  clientOptions(apps.command('delete'))
    .description("stop the app's instances, remove its routes and forget it")
    .argument('<app>')
    .option('--json', 'print JSON')
    .action((name: string, flags: ClientOptions & { json?: boolean }) =>
      run(async () => {
        const res = await callAdmin(flags, (c) => c.DeleteApp, { name });
        if (flags.json) return printJson({ name, deleted: true, instancesRemoved: res.instancesRemoved, routesRemoved: res.routesRemoved });
        process.stdout.write(`app ${name} deleted: ${res.instancesRemoved} instance(s) removed, routes ${res.routesRemoved ? 'removed' : 'none'}\n`);
      }),
    );
}
