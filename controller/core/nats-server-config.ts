/**
 * The nats-server configuration `berth controller nats-config` writes, as text from values: one
 * server, or one node of a cluster (server_name and a cluster block with its routes). Pure: the
 * operator and account JWTs come in as values (adapters/nats-auth.ts signs them), and the cluster
 * flags are checked here, each refusal naming the flag.
 *
 * A cluster node's JetStream stores with `sync_interval: always`: with the default (a flush every
 * two minutes) Jepsen's analysis of NATS 2.12.1 found acknowledged writes lost on power loss. A
 * cluster holds the controllers' shared state, which needs a current nats-server anyway; a single
 * server's configuration leaves the setting out, since Debian's 2.9 refuses it.
 *
 * Routes between the nodes are authorized: each node takes routes only with the cluster's route
 * user and password, and gives them on its own routes. The password is derived from the operator
 * key every node's data dir holds (adapters/nats-auth.ts), so nothing more is copied between them.
 */
import { BerthError } from '../../shared/errors.js';
import { formatHostPort, parseHostPort, type HostPort } from '../../shared/address.js';

/** A node of a cluster: its routes reach the other nodes' cluster ports. */
export interface NatsClusterValues {
  name: string;
  listen: HostPort;
  /** nats-route://host:port, each checked by parseClusterFlags. */
  routes: string[];
}

/** What a route must present, and each node presents on its own routes. */
export interface RouteAuth {
  user: string;
  /** URL-safe (base64url): it goes into the route URLs as is. */
  password: string;
}

export interface NatsServerConfigValues {
  /** Where clients (the controllers, the agents) connect. */
  listen: HostPort;
  /** JetStream's data directory (absolute). */
  storeDir: string;
  serverName?: string;
  cluster?: NatsClusterValues & { auth: RouteAuth };
  /** The decentralized authorization: the operator's JWT, the system account, the accounts preloaded. */
  auth: { operatorJwt: string; systemAccount: string; accounts: Array<{ publicKey: string; jwt: string }> };
}

/** The flags of `berth controller nats-config` for a cluster node, as given. */
export interface NatsClusterFlags {
  serverName?: string;
  clusterName?: string;
  clusterListen?: string;
  /** Comma-separated nats-route://host:port URLs. */
  routes?: string;
}

export const DEFAULT_CLUSTER_NAME = 'berth';

/** What nats-server takes as a server or cluster name, and what reads well in its logs. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const ROUTE = /^nats-route:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*):(\d{1,5})$/;

function invalid(flag: string, message: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', `${flag}: ${message}`, { field: flag });
}

function checkName(flag: string, value: string): string {
  if (!NAME.test(value)) throw invalid(flag, `"${value.slice(0, 80)}" must be 1 to 63 letters, digits, '.', '_' or '-'`);
  return value;
}

/** One route URL: nats-route://host:port, nothing else (no user, no path). */
export function parseRoute(text: string): string {
  const match = ROUTE.exec(text);
  const port = match ? Number(match[2]) : Number.NaN;
  if (!match || port < 1 || port > 65535)
    throw invalid('--routes', `"${text.slice(0, 120)}" is not nats-route://host:port (for example nats-route://10.0.0.6:6222)`);
  return text;
}

/**
 * The cluster part of the configuration from the flags: nothing without --routes (a single
 * server, with --server-name if given); with --routes, a node that needs its own --server-name and
 * --cluster-listen. --cluster-name and --cluster-listen mean nothing without --routes and are refused.
 */
export function parseClusterFlags(flags: NatsClusterFlags): { serverName?: string; cluster?: NatsClusterValues } {
  const serverName = flags.serverName === undefined ? undefined : checkName('--server-name', flags.serverName);
  if (flags.routes === undefined) {
    if (flags.clusterListen !== undefined) throw invalid('--cluster-listen', 'a cluster port needs --routes to the other nodes (nats-route://host:port,…)');
    if (flags.clusterName !== undefined) throw invalid('--cluster-name', 'a cluster name needs --routes to the other nodes (nats-route://host:port,…)');
    return serverName === undefined ? {} : { serverName };
  }
  const routes = flags.routes.split(',').map((r) => r.trim());
  if (routes.every((r) => r === '')) throw invalid('--routes', 'give the other nodes as nats-route://host:port, comma-separated');
  for (const route of routes) {
    if (route === '') throw invalid('--routes', `"${flags.routes.slice(0, 200)}" has an empty entry`);
    parseRoute(route);
  }
  const duplicate = routes.find((r, i) => routes.indexOf(r) !== i);
  if (duplicate) throw invalid('--routes', `${duplicate} is given twice`);
  if (serverName === undefined) throw invalid('--server-name', 'a cluster node needs a name of its own (for example n1), unique in the cluster');
  if (flags.clusterListen === undefined)
    throw invalid('--cluster-listen', "a cluster node needs the address the other nodes' routes reach (for example 10.0.0.5:6222)");
  let listen: HostPort;
  try {
    listen = parseHostPort(flags.clusterListen, '--cluster-listen');
  } catch {
    throw invalid('--cluster-listen', `"${flags.clusterListen.slice(0, 80)}" is not host:port (for example 10.0.0.5:6222)`);
  }
  if (listen.port === 0) throw invalid('--cluster-listen', 'give a port the other nodes can reach (6222 is usual), not 0');
  const name = checkName('--cluster-name', flags.clusterName ?? DEFAULT_CLUSTER_NAME);
  return { serverName, cluster: { name, listen, routes } };
}

/** nats-route://host:port with the route user and password in it. */
function routeWithAuth(route: string, auth: RouteAuth): string {
  return route.replace('nats-route://', `nats-route://${auth.user}:${auth.password}@`);
}

/** A string as nats-server's configuration reads it (its syntax takes JSON's quoted strings). */
const quoted = (text: string) => JSON.stringify(text);

export function renderServerConfig(values: NatsServerConfigValues): string {
  const cluster = values.cluster;
  return [
    '# nats-server configuration written by `berth controller nats-config`.',
    '# Clients authenticate with user JWTs the Berth controller signs: each controller as itself, each',
    '# agent limited to its own task and log subjects. New agents need no change here.',
    ...(values.serverName === undefined ? [] : [`server_name: ${quoted(values.serverName)}`]),
    `host: ${quoted(values.listen.host)}`,
    `port: ${values.listen.port}`,
    // A cluster's every write on disk before JetStream acknowledges it (docs/high-availability.md).
    `jetstream: { store_dir: ${quoted(values.storeDir)}${cluster ? ', sync_interval: always' : ''} }`,
    ...(cluster
      ? [
          '# Routes present the route user and password: the file holds a secret (mode 0600).',
          'cluster {',
          `  name: ${quoted(cluster.name)}`,
          `  listen: ${quoted(formatHostPort(cluster.listen))}`,
          `  authorization: { user: ${quoted(cluster.auth.user)}, password: ${quoted(cluster.auth.password)} }`,
          `  routes: [${cluster.routes.map((r) => quoted(routeWithAuth(r, cluster.auth))).join(', ')}]`,
          '}',
        ]
      : []),
    `operator: ${values.auth.operatorJwt}`,
    `system_account: ${values.auth.systemAccount}`,
    'resolver: MEMORY',
    'resolver_preload: {',
    ...values.auth.accounts.map((a) => `  ${a.publicKey}: ${a.jwt}`),
    '}',
    '',
  ].join('\n');
}
