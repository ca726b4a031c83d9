/**
 * Examples for every command's --help, in one table (the test checks every command has some).
 * Keyed by the command path as typed after `berth`.
 */
import type { Command } from 'commander';
import { cliConfigPath } from './cli-config.js';

export const EXAMPLES: Record<string, string[]> = {
  controller: [
    'berth controller --data-dir /var/lib/berth --grpc-addr 0.0.0.0:7443 --http-addr 0.0.0.0:8080',
    'berth controller --tls-cert cert.pem --tls-key key.pem',
  ],
  'controller token': ['berth controller token --data-dir /var/lib/berth'],
  'controller migrate-state': ['berth controller migrate-state --to json --nats nats://n1:4222,nats://n2:4222,nats://n3:4222 --data-dir /var/lib/berth'],
  'controller status': [
    'berth controller status --nats nats://n1:4222,nats://n2:4222,nats://n3:4222 --data-dir /var/lib/berth',
    'berth controller status --json | jq -r .lease.holder',
  ],
  'controller install': [
    'berth controller install --grpc-addr 10.0.0.5:7443 --http-addr 10.0.0.5:8080 --nats nats://127.0.0.1:4222 --public-url https://deploy.example.com',
  ],
  'agent install': [
    'berth agent install --controller 10.0.0.5:7443 --nats nats://10.0.0.5:4222 --advertise-addr 10.0.0.7 --label region=eu --join-token TOKEN',
  ],
  'controller nats-config': [
    'berth controller nats-config --data-dir /var/lib/berth --listen 10.0.0.5:4222 --store-dir /var/lib/nats --out /etc/nats/berth.conf && nats-server -c /etc/nats/berth.conf',
    'berth controller nats-config --listen 10.0.0.5:4222 --server-name a --cluster-listen 10.0.0.5:6222 --routes nats-route://b:6222,nats-route://c:6222 --out /etc/nats/berth.conf',
  ],
  agent: [
    'berth agent --controller 10.0.0.5:7443 --nats nats://10.0.0.5:4222 --advertise-addr 10.0.0.7 --join-token TOKEN --label region=eu',
    'berth agent --controller 10.0.0.5:7443 --nats nats://10.0.0.5:4222 --advertise-addr 10.0.0.7   # later starts: credentials from --data-dir',
  ],
  apps: ['berth apps apply -f shop.yml', 'berth apps list'],
  'apps apply': ['berth apps apply -f shop.yml', 'cat shop.json | berth apps apply -f -'],
  'apps list': ['berth apps list', "berth apps list --json | jq -r '.[].name'"],
  'apps show': ['berth apps show shop', 'berth apps show shop --json --reveal'],
  'apps delete': ['berth apps delete shop'],
  deploy: ['berth deploy shop --wait', 'berth deploy shop --services web --ref 4f2a9c1 --wait'],
  rollback: ['berth rollback shop', 'berth rollback shop --to v3 --wait'],
  scale: ['berth scale shop web=4 worker=1 --wait'],
  releases: ['berth releases shop', 'berth releases shop --json'],
  deployments: ['berth deployments shop', 'berth deployments shop --json | jq ".[0].state"'],
  'deployments show': ['berth deployments show 3f2c1a9b0e7d --wait'],
  'deployments cancel': ['berth deployments cancel 3f2c1a9b0e7d'],
  hooks: ['berth hooks url shop', 'berth hooks secret shop'],
  'hooks url': ['berth hooks url shop', 'curl -X POST "$(berth hooks url shop)?services=web"'],
  'hooks rotate': ['berth hooks rotate shop'],
  'hooks secret': ['berth hooks secret shop', 'berth hooks secret shop --value "$WEBHOOK_SECRET"', 'berth hooks secret shop --clear'],
  'hooks log': ['berth hooks log shop', 'berth hooks log shop --json'],
  'hooks test': ['berth hooks test shop --payload push.json --event push', 'berth hooks test shop --services web     # an empty POST with ?services=web'],
  notify: ['berth notify shop --add https://chat.example.com/hooks/berth', 'berth notify shop --remove https://chat.example.com/hooks/berth'],
  github: ['berth github shop --github-token "$GITHUB_TOKEN"', 'berth github shop --github-token T --api-url https://github.example.com/api/v3'],
  agents: ['berth agents', 'berth agents --json | jq -r \'.[] | select(.status == "down") | .id\''],
  'agents drain': ['berth agents drain host-2'],
  'agents undrain': ['berth agents undrain host-2'],
  'agents remove': ['berth agents remove host-2'],
  'agents join-token': [
    'berth agents join-token --ttl 1h',
    'BERTH_JOIN_TOKEN=$(berth agents join-token) berth agent --controller 10.0.0.5:7443 --nats nats://10.0.0.5:4222',
  ],
  env: ['berth env list shop', 'berth env set shop LOG_LEVEL=debug'],
  'env list': ['berth env list shop', 'berth env list shop --reveal --json'],
  'env set': ['berth env set shop DATABASE_URL=postgres://db/shop LOG_LEVEL=info', 'berth deploy shop --wait     # the new values reach the instances'],
  'env unset': ['berth env unset shop LOG_LEVEL'],
  tokens: ['berth tokens create ci', 'berth tokens list'],
  'tokens create': ['berth tokens create ci', 'berth tokens create dashboard --read-only'],
  'tokens list': ['berth tokens list --json'],
  'tokens revoke': ['berth tokens revoke ci'],
  events: ['berth events', 'berth events --app shop --json | jq .message'],
  logs: [
    'berth logs shop --service web -f',
    'berth logs shop --instance web-2 --since 10m --timestamps',
    'berth logs shop --tail 0 --json | jq -r .text',
    'berth logs shop --run 3f2c1a9b0e7d -f',
  ],
  run: [
    'berth run shop -- rake db:migrate',
    'berth run -it shop -- bin/rails console',
    "berth run shop --service worker --release v12 -- sh -c 'bin/backfill --since 2026-11-01 | tee /tmp/out'",
    'berth run --detach shop --timeout 6h -- bin/reindex',
  ],
  runs: ['berth runs shop', 'berth runs shop --json | jq ".[0].exitCode"'],
  'runs stop': ['berth runs stop 3f2c1a9b0e7d'],
  'agent uninstall': ['berth agent uninstall', 'berth agent uninstall --purge   # drain it first, then remove its containers and data'],
  'controller uninstall': ['berth controller uninstall', 'berth controller uninstall --purge   # and its data dir'],
  doctor: [
    'berth doctor',
    'berth doctor --addr 10.0.0.5:7443 --nats nats://10.0.0.5:4222 --data-dir /var/lib/berth-agent   # on an agent host',
    'berth doctor --ports 7443,8080 --json   # before installing a controller',
  ],
  login: ['berth login 10.0.0.5:7443 --token "$(ssh ctl berth controller token)"', 'berth login berth.example.com:7443 --token T --ca ca.pem'],
  completion: ['eval "$(berth completion bash)"      # in ~/.bashrc', 'eval "$(berth completion zsh)"       # in ~/.zshrc'],
  version: ['berth version'],
};

/** Adds each command's examples to its --help; the settings file's path goes with login. */
export function addExamples(program: Command): void {
  const visit = (command: Command, path: string) => {
    const examples = EXAMPLES[path];
    if (examples) {
      const note = path === 'login' ? `\nThe settings file is ${cliConfigPath()} (BERTH_CONFIG overrides), mode 0600.\n` : '';
      command.addHelpText('after', `${note}\nExamples:\n${examples.map((e) => `  ${e}`).join('\n')}`);
    }
    for (const sub of command.commands) visit(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  for (const sub of program.commands) visit(sub, sub.name());
}

/** Every command path of the program (for the test that each has examples). */
export function commandPaths(program: Command): string[] {
  const paths: string[] = [];
  const visit = (command: Command, path: string) => {
    paths.push(path);
    for (const sub of command.commands) visit(sub, `${path} ${sub.name()}`);
  };
  for (const sub of program.commands) visit(sub, sub.name());
  return paths;
}
