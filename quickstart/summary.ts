/**
 * What the quickstart prints once the example app is live: pure text from values, so the lines a
 * new user copies (the routed URL, the curl lines, the CLI set-up) are tested as they are printed.
 */

export interface TraefikSummary {
  version: string;
  /** The binary the quickstart started (the project's tools directory). */
  binary: string;
  /** Port of the `web` entry point on 127.0.0.1, where the app's domains are routed. */
  webPort: number;
  /** http://127.0.0.1:PORT: Traefik's API, which the controller reads to confirm every switch. */
  apiUrl: string;
  /** The directory its file provider watches (the controller's Traefik files). */
  dir: string;
  log: string;
}

export interface StackSummary {
  app: string;
  release: string;
  /** The instances' own URLs (published on 127.0.0.1), as the Traefik file routes them. */
  instanceUrls: string[];
  /** The app's domains (Host rules in the Traefik file). */
  domains: string[];
  traefik: TraefikSummary;
  adminTokenPath: string;
  grpcAddr: string;
  hookUrl: string;
  cliPath: string;
  stateDir: string;
  logFiles: string[];
}

/** An argv as a line a person can paste into a POSIX shell. */
export function shellLine(argv: string[]): string {
  return argv.map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** The URL a browser (or curl) on this machine opens for a domain: *.localhost is loopback to them. */
export function routedUrl(domain: string, webPort: number): string {
  return `http://${domain}:${webPort}/`;
}

/** The same request for any client: to 127.0.0.1, with the domain as the Host header. */
export function hostCurl(domain: string, webPort: number): string[] {
  return ['curl', '-H', `Host: ${domain}`, `http://127.0.0.1:${webPort}/`];
}

export function renderSummary(s: StackSummary): string {
  const lines: string[] = [];
  const say = (line = '') => lines.push(line);
  const t = s.traefik;
  say();
  say(`Berth is running, and ${s.app} ${s.release} is live.`);
  say();
  say(`Open it through Traefik (curl and browsers resolve *.localhost to 127.0.0.1 themselves):`);
  for (const domain of s.domains) say(`  ${routedUrl(domain, t.webPort)}`);
  say('or, from any client, with the Host header:');
  for (const domain of s.domains) say(`  ${shellLine(hostCurl(domain, t.webPort))}`);
  say();
  say(`Traefik ${t.version} (${t.binary}) routes with the files in ${t.dir}`);
  say(`  its API, where the controller confirms every switch before old instances drain: ${t.apiUrl}/api/http/services`);
  say(`  its log (an access log: every request it routed): ${t.log}`);
  say('The instances it routes to:');
  for (const url of s.instanceUrls) say(`  ${url}`);
  say();
  say("Deploy again through the app's hook (what a git host's webhook does on a push);");
  say(`the URL above then answers with the new release, with no failed request during the switch:`);
  say(`  curl -X POST ${shellLine([s.hookUrl])}`);
  say();
  say('The berth CLI against this controller:');
  say(`  export BERTH_ADDR=${s.grpcAddr} BERTH_TOKEN="$(cat ${shellLine([s.adminTokenPath])})"`);
  say(`  alias berth=${shellLine([`node ${s.cliPath}`])}`);
  say(`  berth apps list; berth deployments ${s.app}; berth logs ${s.app} -f; berth deploy ${s.app} --wait`);
  say(`The admin token is in ${s.adminTokenPath} (mode 0600).`);
  say();
  say(`State: ${s.stateDir}; logs: ${s.logFiles.join(', ')}`);
  say("Ctrl-C stops everything started here (Traefik and the app's containers too); npm run up again reuses the state and deploys anew.");
  return lines.join('\n');
}
