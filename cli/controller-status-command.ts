/**
 * `berth controller status`: the controllers sharing their state in NATS (--state-store nats),
 * which one leads, its term and how long ago it last renewed its lease. Read from JetStream
 * directly, so it answers while no controller leads.
 */
import type { Command } from 'commander';
import { CONTROLLER_DEFAULTS } from '../controller/config.js';
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
