/**
 * What the quickstart prints once the example app is live: pure text from values, so the lines a
 * new user copies (the curl, the Traefik command, the CLI set-up) are tested as they are printed.
 */

export interface StackSummary {
  app: string;
  release: string;
  /** The instances' own URLs (published on 127.0.0.1), as the Traefik file routes them. */
  instanceUrls: string[];
  /** The app's domains (Host rules in the Traefik file). */
  domains: string[];
  traefikDir: string;
  traefikImage: string;
  /** Where Traefik listens when it runs (started here, or by the printed command). */
  traefikPort: number;
  /** Set when the quickstart started Traefik itself (an image was present locally). */
  traefikStarted: boolean;
  adminTokenPath: string;
  grpcAddr: string;
  hookUrl: string;
  cliPath: string;
  stateDir: string;
  logFiles: string[];
}

/** Traefik's own arguments: one entry point on loopback, the file provider watching the directory. */
export function traefikArgs(port: number, dir = '/etc/traefik/dynamic'): string[] {
  return [`--entrypoints.web.address=127.0.0.1:${port}`, `--providers.file.directory=${dir}`, '--providers.file.watch=true'];
}

/** The docker run that routes through the Traefik directory with the file provider watching it. */
export function traefikRunArgs(s: Pick<StackSummary, 'traefikDir' | 'traefikImage' | 'traefikPort'>, name = 'berth-up-traefik'): string[] {
  return [
    'run', '-d', '--rm', '--name', name,
    // Host networking: the instances are published on the host's 127.0.0.1, which is where the
    // file routes; inside a bridge network 127.0.0.1 would be Traefik's own container.
    '--network', 'host',
    '-v', `${s.traefikDir}:/etc/traefik/dynamic:ro`,
    s.traefikImage,
    ...traefikArgs(s.traefikPort),
  ];
}

/** An argv as a line a person can paste into a POSIX shell. */
export function shellLine(argv: string[]): string {
  return argv.map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}

export function renderSummary(s: StackSummary): string {
  const lines: string[] = [];
  const say = (line = '') => lines.push(line);
  say();
  say(`Berth is running, and ${s.app} ${s.release} is live.`);
  say();
  say('The instances answer now:');
  for (const url of s.instanceUrls) say(`  ${url}`);
  say();
  if (s.traefikStarted) {
    say(`Traefik (${s.traefikImage}) routes to them:`);
    for (const domain of s.domains) say(`  http://${domain}:${s.traefikPort}/`);
    say(`  (stop it with: docker stop berth-up-traefik)`);
  } else {
    say(`Traefik routes with the files in ${s.traefikDir}`);
    say('No Traefik image is present here. With one (docker pull ' + s.traefikImage + '), route through it with:');
    say(`  ${shellLine(['docker', ...traefikRunArgs(s)])}`);
    say(`and open ${s.domains.map((d) => `http://${d}:${s.traefikPort}/`).join(' ')}`);
  }
  say();
  say('Deploy again through the app\'s hook (what a git host\'s webhook does on a push):');
  say(`  curl -X POST ${shellLine([s.hookUrl])}`);
  say();
  say('The berth CLI against this controller:');
  say(`  export BERTH_ADDR=${s.grpcAddr} BERTH_TOKEN="$(cat ${shellLine([s.adminTokenPath])})"`);
  say(`  alias berth=${shellLine([`node ${s.cliPath}`])}`);
  say(`  berth apps list; berth deployments ${s.app}; berth logs ${s.app} -f; berth deploy ${s.app} --wait`);
  say(`The admin token is in ${s.adminTokenPath} (mode 0600).`);
  say();
  say(`State: ${s.stateDir}; logs: ${s.logFiles.join(', ')}`);
  say('Ctrl-C stops everything started here (the app\'s containers too); npm run up again reuses the state and deploys anew.');
  return lines.join('\n');
}
