// The database servers a client connects to, from its options, its connection string and its environment:
// `psql -h host`, `PGHOST=host psql`, `psql 'postgresql://u@host/db'`, `psql 'host=h dbname=d'` (psql 15 tried each),
// `mysql -h host` / `MYSQL_HOST`, `redis-cli -h host` / `-u redis://host` (redis-cli 7 did), `mongosh mongodb://host`.
// Each is a CONNECT network action, as nc's is; a unix socket directory (`-h /run/postgresql`) is none.
import { parseArgs } from '../flags.js';
import { table } from '../table.js';

interface DbClient {
  /** Options whose value names hosts (comma-separated), and the port. */
  hosts: string[];
  ports: string[];
  /** Variables naming hosts and the port. */
  hostVariables: string[];
  portVariable?: string;
  port: number;
  /** URL schemes of its connection strings. */
  schemes: RegExp;
  /** Options whose value is a user name or password: a word nomos cannot know there changes neither the server nor what runs. */
  credentials: string[];
  /** Of those, the ones whose value is only ever attached (mysql's `-pPASS`: `-p db` asks for the password, db is the database). */
  attached?: string[];
  /** Variables naming a stored service (libpq's pg_service.conf), whose host nomos does not read. */
  serviceVariables?: string[];
  /** Its options end at its first other word, and the words after it are the data of a command the server runs (redis-cli). */
  commandData?: boolean;
}

const POSTGRES: DbClient = {
  hosts: ['-h', '--host'], ports: ['-p', '--port'], hostVariables: ['PGHOST', 'PGHOSTADDR'], portVariable: 'PGPORT', port: 5432, schemes: /^postgres(?:ql)?:\/\//i,
  credentials: ['-U', '--username'], serviceVariables: ['PGSERVICE', 'PGSERVICEFILE', 'PGSYSCONFDIR'],
};
const MYSQL: DbClient = { hosts: ['-h', '--host'], ports: ['-P', '--port'], hostVariables: ['MYSQL_HOST'], portVariable: 'MYSQL_TCP_PORT', port: 3306, schemes: /^mysqlx?:\/\//i, credentials: ['-u', '--user', '-p', '--password'], attached: ['-p', '--password'] };
const MONGO: DbClient = { hosts: ['--host'], ports: ['--port'], hostVariables: [], port: 27017, schemes: /^mongodb(?:\+srv)?:\/\//i, credentials: ['-u', '--username', '-p', '--password'] };
const CLIENTS = table<string, DbClient>({
  psql: POSTGRES, pg_dump: POSTGRES, pg_dumpall: POSTGRES, pg_restore: POSTGRES, pg_isready: POSTGRES, createdb: POSTGRES, dropdb: POSTGRES, pgbench: POSTGRES,
  mysql: MYSQL, mysqldump: MYSQL, mariadb: MYSQL, 'mariadb-dump': MYSQL, mysqladmin: MYSQL,
  'redis-cli': { hosts: ['-h'], ports: ['-p'], hostVariables: [], port: 6379, schemes: /^rediss?:\/\//i, credentials: ['-a', '--user', '--pass'], commandData: true },
  mongosh: MONGO, mongo: MONGO,
});

/** `tcp://host:port` URLs of the servers a database client connects to (undefined for any other program). */
export function databaseHosts(program: string, argv: string[], env: Record<string, string>): string[] | undefined {
  const client = CLIENTS[program];
  if (!client) return undefined;
  const { named, port: given } = serverWords(client, argv);
  const port = given ?? (client.portVariable !== undefined && /^\d+$/.test(env[client.portVariable] ?? '') ? Number(env[client.portVariable]) : client.port);
  for (const variable of client.hostVariables) if (env[variable]) named.push(...env[variable]!.split(','));
  // A value nomos cannot know (`$H`) is no host it can name (databaseHostUnknown makes the command opaque).
  return named.filter((h) => h !== '' && !h.startsWith('/') && !h.startsWith('@') && !h.includes('$')).map((h) => (/:\d+$/.test(h) && !h.startsWith('[') ? `tcp://${h}` : `tcp://${h}:${port}`));
}

/**
 * The argv indices of a database client's words that name its server (`-h host`, `--port=5433`, a
 * connection URL) and nothing else: a host, not a file (`psql -h evil.example` names no file ./evil.example).
 */
export function databaseServerWords(program: string, argv: string[]): Set<number> {
  const client = CLIENTS[program];
  return client ? serverWords(client, argv).words : new Set();
}

/** The hosts and port a client's words name, and which words name them. */
function serverWords(client: DbClient, argv: string[]): { named: string[]; port?: number; words: Set<number> } {
  const named: string[] = [];
  const words = new Set<number>();
  let port: number | undefined;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = eq > 0 ? word.slice(0, eq) : client.hosts.includes(word.slice(0, 2)) || client.ports.includes(word.slice(0, 2)) ? word.slice(0, 2) : word;
    const next = eq < 0 && name === word;
    const value = eq > 0 ? word.slice(eq + 1) : next ? argv[i + 1] : word.slice(2);
    const known = client.hosts.includes(name) || client.ports.includes(name);
    // A unix socket's directory (`-h /run/postgresql`) stays a file the client uses.
    if (known && !value?.includes('/')) words.add(next ? i + 1 : i);
    if (known && next) i++;
    if (client.hosts.includes(name) && value !== undefined) named.push(...value.split(','));
    else if (client.ports.includes(name) && value !== undefined && /^\d+$/.test(value)) port = Number(value);
    // A connection string among its words: a URL (`postgresql://u@h1,h2:5433/db`) or libpq's `host=h` keywords.
    else {
      const hosts = connectionHosts(word, client.schemes);
      // Not one with parameters: `?host=/dir` names a socket's directory.
      if (client.schemes.test(word) && !word.includes('?')) words.add(i);
      named.push(...hosts);
    }
  }
  return { named, ...(port !== undefined ? { port } : {}), words };
}

/** The hosts a connection string names. */
function connectionHosts(word: string, schemes: RegExp): string[] {
  if (schemes.test(word)) {
    const authority = word.replace(schemes, '').split(/[/?#]/)[0]!;
    return authority.slice(authority.lastIndexOf('@') + 1).split(',');
  }
  return [...word.matchAll(/(?:^|\s)host(?:addr)?\s*=\s*'?([^\s']+)/g)].flatMap((m) => m[1]!.split(','));
}

/**
 * Why a database client's server, or what it runs, is one nomos cannot know: a word nomos cannot know (`psql "$DB"`: a
 * connection string naming any host; `psql $OPTS`: any option; `psql -c "$SQL"`: any meta-command), but a user name or
 * password, or a variable naming a host or a stored service (`PGSERVICE`: its host is in a file nomos does not read).
 * A connection nomos cannot place is not a local one (psql 15 connected to the host a variable's connection string named).
 */
export function databaseHostUnknown(program: string, argv: string[], env: Record<string, string>, dynamicEnv: string[], dynamic: (i: number) => boolean): string | undefined {
  const client = CLIENTS[program];
  if (!client) return undefined;
  const variable = client.hostVariables.find((v) => dynamicEnv.includes(v)) ?? client.serviceVariables?.find((v) => Object.hasOwn(env, v) || dynamicEnv.includes(v));
  if (variable !== undefined) return `${program} connects to a server nomos cannot know (${variable})`;
  // `service=name` in a connection string (`psql 'service=prod'`, `postgresql:///?service=prod`): the host is in pg_service.conf.
  const service = client.serviceVariables ? argv.findIndex((w, i) => i > 0 && /(?:^|\s|[?&])service\s*=/.test(w)) : -1;
  if (service > 0) return `${program} connects to a stored service whose host nomos does not read (${argv[service]})`;
  const end = client.commandData ? commandStart(argv) : argv.length;
  const unknown = argv.findIndex((w, i) => i > 0 && i < end && dynamic(i) && !isCredential(client, argv, i));
  if (unknown < 0) return undefined;
  return `${program} is given a word nomos cannot know (${argv[unknown]}): it may name the server (a connection string, an option) or what the client runs`;
}

/** The value of a user-name or password option (`-U "$U"`, `--password=$P`, `-p$P`). */
function isCredential(client: DbClient, argv: string[], i: number): boolean {
  const word = argv[i]!;
  if (client.credentials.includes(argv[i - 1]!) && !client.attached?.includes(argv[i - 1]!)) return true;
  return client.credentials.some((c) => word.startsWith(c.startsWith('--') ? `${c}=` : c) && word.length > c.length + (c.startsWith('--') ? 1 : 0));
}

/** Where redis-cli's command starts: its first word that is neither an option nor an option's value. */
function commandStart(argv: string[]): number {
  const parsed = parseArgs(argv.slice(1), REDIS_OPTIONS);
  return (parsed.positionals[0]?.index ?? argv.length - 1) + 1;
}

/** redis-cli 7's options taking a value (`redis-cli --help`); its options end at the command. */
const REDIS_OPTIONS = {
  shortValues: 'hpsaurindDXt',
  longValues: ['--user', '--pass', '--rdb', '--functions-rdb', '--eval', '--cacert', '--cacertdir', '--cert', '--key', '--sni', '--tls-ciphers', '--tls-ciphersuites', '--pattern', '--quoted-pattern', '--count', '--memkeys-samples', '--replica', '--show-pushes'],
  stopAtPositional: true,
};
