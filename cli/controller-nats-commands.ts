/**
 * The controller commands that read the state shared in NATS (--state-store nats) directly from
 * JetStream, so they answer while no controller leads: `berth controller status` (the controllers,
 * which one leads, its term and lease age) and `berth controller migrate-state` (the state back
 * into a data dir).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CONTROLLER_DEFAULTS } from '../controller/config.js';
import { BerthError } from '../shared/errors.js';
import { formatAge, renderTable } from './format.js';
import { envOption } from './daemon-options.js';

export interface StatusFlags {
  nats: string;
  dataDir: string;
  json?: boolean;
}

export function registerControllerStatusCommand(controller: Command, runCommand: (work: () => Promise<void>) => void): void {
  controller
    .command('status')
    .description('list the controllers sharing their state in NATS (--state-store nats): which leads, its term and lease age')
    .addOption(envOption('--nats <url>', 'NATS server URL(s), comma-separated', 'BERTH_NATS', CONTROLLER_DEFAULTS.nats))
    .addOption(
      envOption(
        '--data-dir <dir>',
        "a controller's state directory (its NATS credentials, when NATS has authorization)",
        'BERTH_DATA_DIR',
        CONTROLLER_DEFAULTS.dataDir,
      ),
    )
    .option('--json', 'print JSON')
    .action((flags: StatusFlags) =>
      runCommand(async () => {
        const { connectJetStream } = await import('../controller/adapters/nats-jetstream.js');
        const { readControllerStatus } = await import('../controller/adapters/nats-lease.js');
        const { loadNatsAuth } = await import('../controller/adapters/nats-auth.js');
        const auth = await loadNatsAuth(flags.dataDir).catch(() => null);
        const nc = await connectJetStream({ url: flags.nats, creds: auth ? await auth.controllerCreds() : null }, 'berth-controller-status');
        try {
          const status = await readControllerStatus(nc);
          if (flags.json) {
            process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
            return;
          }
          const now = Date.now();
          const rows = status.controllers.map((c) => [
            c.controllerId,
            status.lease?.holder === c.controllerId ? 'leader' : 'follower',
            String(status.lease?.holder === c.controllerId ? status.lease.term : ''),
            c.grpcAddress,
            c.httpAddress,
            c.version,
            formatAge(c.seenAtMs, now),
          ]);
          process.stdout.write(`${renderTable(['CONTROLLER', 'ROLE', 'TERM', 'GRPC', 'HTTP', 'VERSION', 'SEEN'], rows)}\n`);
          process.stdout.write(
            status.lease
              ? `leader: ${status.lease.holder}, term ${status.lease.term}, lease renewed ${(status.lease.ageMs / 1000).toFixed(1)}s ago\n`
              : 'leader: none (no controller holds the lease now)\n',
          );
        } finally {
          await nc.close();
        }
      }),
    );
}

export interface MigrateFlags {
  to: string;
  nats: string;
  dataDir: string;
}

/**
 * `berth controller migrate-state --to json|journal`: the state back from NATS into the data dir
 * (moving in is the first start with --state-store nats). Refused while a controller leads.
 */
export function registerMigrateStateCommand(controller: Command, runCommand: (work: () => Promise<void>) => void): void {
  controller
    .command('migrate-state')
    .description('bring the state back from NATS (--state-store nats) into the data dir as json or journal; stop every controller first')
    .requiredOption('--to <kind>', 'json or journal')
    .addOption(envOption('--nats <url>', 'NATS server URL(s), comma-separated', 'BERTH_NATS', CONTROLLER_DEFAULTS.nats))
    .addOption(envOption('--data-dir <dir>', 'the state directory to write it to', 'BERTH_DATA_DIR', CONTROLLER_DEFAULTS.dataDir))
    .action((flags: MigrateFlags) =>
      runCommand(async () => {
        if (flags.to !== 'json' && flags.to !== 'journal')
          throw new BerthError('INVALID_ARGUMENT', `--to: "${flags.to}" is not json or journal (moving into NATS is the first start with --state-store nats)`);
        const { connectJetStream } = await import('../controller/adapters/nats-jetstream.js');
        const { readControllerStatus } = await import('../controller/adapters/nats-lease.js');
        const { NatsStateStream } = await import('../controller/adapters/nats-state.js');
        const { loadNatsAuth } = await import('../controller/adapters/nats-auth.js');
        const { Store } = await import('../controller/state/store.js');
        const auth = await loadNatsAuth(flags.dataDir).catch(() => null);
        const nc = await connectJetStream({ url: flags.nats, creds: auth ? await auth.controllerCreds() : null }, 'berth-migrate-state');
        try {
          const { lease } = await readControllerStatus(nc);
          if (lease)
            throw new BerthError(
              'FAILED_PRECONDITION',
              `controller ${lease.holder} leads (term ${lease.term}) and would go on writing to NATS: stop every controller first`,
            );
          const { records } = await Store.bringBackFromNats(resolve(flags.dataDir), flags.to, await NatsStateStream.attach(nc));
          process.stdout.write(
            `brought ${records} records back from NATS into ${resolve(flags.dataDir)} as ${flags.to}; start the controller with --state-store ${flags.to}\n`,
          );
        } finally {
          await nc.close();
        }
      }),
    );
}
