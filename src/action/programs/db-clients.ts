// The database servers a client connects to, from its options, its connection string and its environment:
// `psql -h host`, `PGHOST=host psql`, `psql 'postgresql://u@host/db'`, `psql 'host=h dbname=d'` (psql 15 tried each),
// `mysql -h host` / `MYSQL_HOST`, `redis-cli -h host` / `-u redis://host` (redis-cli 7 did), `mongosh mongodb://host`.
// Each is a CONNECT network action, as nc's is; a unix socket directory (`-h /run/postgresql`) is none.
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
}

const POSTGRES: DbClient = { hosts: ['-h', '--host'], ports: ['-p', '--port'], hostVariables: ['PGHOST', 'PGHOSTADDR'], portVariable: 'PGPORT', port: 5432, schemes: /^postgres(?:ql)?:\/\//i };
const MYSQL: DbClient = { hosts: ['-h', '--host'], ports: ['-P', '--port'], hostVariables: ['MYSQL_HOST'], portVariable: 'MYSQL_TCP_PORT', port: 3306, schemes: /^mysqlx?:\/\//i };
const CLIENTS = table<string, DbClient>({
  psql: POSTGRES, pg_dump: POSTGRES, pg_dumpall: POSTGRES, pg_restore: POSTGRES, pg_isready: POSTGRES, createdb: POSTGRES, dropdb: POSTGRES, pgbench: POSTGRES,
  mysql: MYSQL, mysqldump: MYSQL, mariadb: MYSQL, 'mariadb-dump': MYSQL, mysqladmin: MYSQL,
  'redis-cli': { hosts: ['-h'], ports: ['-p'], hostVariables: [], port: 6379, schemes: /^rediss?:\/\//i },
  mongosh: { hosts: ['--host'], ports: ['--port'], hostVariables: [], port: 27017, schemes: /^mongodb(?:\+srv)?:\/\//i },
  mongo: { hosts: ['--host'], ports: ['--port'], hostVariables: [], port: 27017, schemes: /^mongodb(?:\+srv)?:\/\//i },
});

/** `tcp://host:port` URLs of the servers a database client connects to (undefined for any other program). */
export function databaseHosts(program: string, argv: string[], env: Record<string, string>): string[] | undefined {
  const client = CLIENTS[program];
  if (!client) return undefined;
  const named: string[] = [];
  let port = client.portVariable !== undefined && /^\d+$/.test(env[client.portVariable] ?? '') ? Number(env[client.portVariable]) : client.port;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = eq > 0 ? word.slice(0, eq) : client.hosts.includes(word.slice(0, 2)) || client.ports.includes(word.slice(0, 2)) ? word.slice(0, 2) : word;
    const next = eq < 0 && name === word;
    const value = eq > 0 ? word.slice(eq + 1) : next ? argv[i + 1] : word.slice(2);
    const known = client.hosts.includes(name) || client.ports.includes(name);
    if (known && next) i++;
    if (client.hosts.includes(name) && value !== undefined) named.push(...value.split(','));
    else if (client.ports.includes(name) && value !== undefined && /^\d+$/.test(value)) port = Number(value);
    // A connection string among its words: a URL (`postgresql://u@h1,h2:5433/db`) or libpq's `host=h` keywords.
    else named.push(...connectionHosts(word, client.schemes));
  }
  for (const variable of client.hostVariables) if (env[variable]) named.push(...env[variable]!.split(','));
  // A value nomos cannot know (`$H`) is no host it can name (databaseHostUnknown makes the command opaque).
  return named.filter((h) => h !== '' && !h.startsWith('/') && !h.startsWith('@') && !h.includes('$')).map((h) => (/:\d+$/.test(h) && !h.startsWith('[') ? `tcp://${h}` : `tcp://${h}:${port}`));
}

/** The hosts a connection string names. */
function connectionHosts(word: string, schemes: RegExp): string[] {
  if (schemes.test(word)) {
    const authority = word.replace(schemes, '').split(/[/?#]/)[0]!;
    return authority.slice(authority.lastIndexOf('@') + 1).split(',');
  }
  return [...word.matchAll(/(?:^|\s)host(?:addr)?\s*=\s*'?([^\s']+)/g)].flatMap((m) => m[1]!.split(','));
}

/** Why a database client's server is one nomos cannot know: a host option or variable set to a word it cannot know. */
export function databaseHostUnknown(program: string, argv: string[], dynamicEnv: string[], dynamic: (i: number) => boolean): string | undefined {
  const client = CLIENTS[program];
  if (!client) return undefined;
  const variable = client.hostVariables.find((v) => dynamicEnv.includes(v));
  const option = argv.findIndex((w, i) => i > 0 && (dynamic(i) && (client.hosts.includes(argv[i - 1]!) || client.hosts.some((h) => w.startsWith(h)) || client.schemes.test(w) || /host/.test(w))));
  if (variable === undefined && option < 0) return undefined;
  return `${program} connects to a server nomos cannot know (${variable ?? argv[option]})`;
}
