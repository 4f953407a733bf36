// What a database client does besides sending SQL that stays in the database: the shell commands it runs here, the files
// it reads and writes, and what nomos does not read. psql 15 ran `psql -c '\! cmd'` (the rest of the string, newlines
// too, through /bin/sh), `-o '|cmd'`, the meta-commands of `-f file`, of its input and of PSQLRC's file (with -c too,
// unless -X), and appended to `-L file`; the server ran `COPY … TO PROGRAM 'cmd'` (as its own user: on a local server,
// this machine). A -c string not starting with a backslash is sent to the server as it is (`select 1 \g |cmd` is SQL).
// mariadb 10.11 ran `-e 'system cmd'` (a client command at a line's start) and `\! cmd` anywhere in a line, `source file`,
// read `LOAD DATA LOCAL INFILE`'s file here and sent it to the server, and the server wrote `SELECT … INTO OUTFILE`'s file.
import { parseArgs } from '../flags.js';
import type { FileOp } from '../types.js';

/** What a database client does beyond its connection. */
export interface DatabaseEffects {
  /** Shell commands it runs on this machine (`psql -c '\! cmd'`, `psql -o '|cmd'`), each with how it runs them. */
  commands: { via: string; command: string }[];
  /** Files it reads, writes or appends to. */
  files: { op: FileOp; path: string }[];
  /** Why it runs what nomos does not read. */
  opaque: string[];
}

/** psql 15's options taking a value (its getopt string `aAbc:d:eEf:F:h:HlL:no:p:P:qR:sStT:U:v:VwWxXz?01`). */
const PSQL = {
  shortValues: 'cdfFhLopPRTUv',
  longValues: ['--command', '--dbname', '--file', '--field-separator', '--host', '--log-file', '--output', '--port', '--pset', '--record-separator', '--table-attr', '--username', '--set', '--variable'],
  longFlags: ['--echo-all', '--no-align', '--echo-errors', '--echo-queries', '--echo-hidden', '--html', '--list', '--no-readline', '--single-transaction', '--quiet', '--single-step',
    '--single-line', '--tuples-only', '--version', '--no-password', '--password', '--expanded', '--no-psqlrc', '--help', '--field-separator-zero', '--record-separator-zero', '--csv'],
};

/**
 * SQL that reaches past the database, as the server's own user (on a local server, this machine): programs (COPY … PROGRAM),
 * the server's files (COPY to or from a file, the file and large-object functions), its settings (ALTER SYSTEM sets
 * archive_command), code it loads (LOAD, CREATE EXTENSION, functions in C or an untrusted language) and other servers (dblink).
 */
const POSTGRES_REACH = /\bprogram\b|\bcopy\b[^;]*\b(?:to|from)\s+e?'|\b(?:pg_read_file|pg_read_binary_file|pg_ls_dir|pg_stat_file|pg_file_write|pg_file_rename|pg_file_unlink|lo_import|lo_export|dblink\w*)\b|\balter\s+system\b|\bload\s+'|\bcreate\s+(?:or\s+replace\s+)?(?:extension|language|server|foreign\s+data)\b|\blanguage\s+'?(?:c|\w+u)'?(?:\s|;|$)/i;

/** The effects of a database client's own words and environment (undefined for a program that is none). */
export function databaseEffects(program: string, argv: string[], env: Record<string, string>, dynamicEnv: string[]): DatabaseEffects | undefined {
  const set = (name: string) => Object.hasOwn(env, name) || dynamicEnv.includes(name);
  switch (program) {
    case 'psql': return psqlEffects(argv, set);
    case 'mysql': case 'mariadb': return mysqlEffects(program, argv);
    case 'pgbench': {
      // pgbench 15 ran a -f script's `\shell touch f` (and `\setshell`): its meta-commands run shell commands.
      const scripts = parseArgs(argv.slice(1), { shortValues: 'IhpbcjstTUfDFMPRL', longValues: ['--file', '--builtin', '--host', '--port', '--username'] }).options.filter((o) => o.name === '-f' || o.name === '--file');
      return { commands: [], files: scripts.map((o) => ({ op: 'read' as const, path: (o.value ?? '').replace(/@\d+$/, '') })), opaque: scripts.length > 0 ? ['pgbench runs the SQL and meta-commands (\\shell runs a shell command) of its script files'] : [] };
    }
    case 'pg_restore': {
      // Into a database (-d), the server runs the SQL an archive holds (COPY … PROGRAM among what it may hold).
      const options = parseArgs(argv.slice(1), { shortValues: 'dfFhIjLnNpPSTtU', longValues: ['--dbname', '--file', '--format', '--host', '--port', '--username'] }).options;
      return { commands: [], files: [], opaque: options.some((o) => o.name === '-d' || o.name === '--dbname') ? ["pg_restore runs the SQL of an archive nomos does not read on the server"] : [] };
    }
    case 'mongosh': case 'mongo': {
      // A JavaScript shell on Node.js (mongosh can load Node's process modules, the legacy shell has run()): its --eval, script files,
      // input and ~/.mongoshrc.js can start programs and touch files here.
      const only = argv.slice(1).every((w) => w === '--version' || w === '--help' || w === '-h');
      return { commands: [], files: [], opaque: argv.length > 1 && only ? [] : [`${program} runs JavaScript (--eval, script files, its input, its rc file) that can start programs and touch files`] };
    }
    default: return undefined;
  }
}

function psqlEffects(argv: string[], set: (name: string) => boolean): DatabaseEffects {
  const out: DatabaseEffects = { commands: [], files: [], opaque: [] };
  const options = parseArgs(argv.slice(1), PSQL).options;
  const names = options.map((o) => o.name);
  // Without -c, -f, -l, --help or --version, psql reads SQL and meta-commands from its input.
  if (!names.some((n) => ['-c', '--command', '-f', '--file', '-l', '--list', '-V', '--version', '-?', '--help'].includes(n))) {
    out.opaque.push('psql reads SQL and meta-commands (\\! runs a shell command) from its input');
  }
  for (const { name, value = '' } of options) {
    if (name === '-c' || name === '--command') psqlCommand(value, out);
    else if (name === '-f' || name === '--file') {
      out.opaque.push(`psql runs the SQL and meta-commands (\\! runs a shell command) of ${value === '-' ? 'its input' : value}`);
      if (value !== '-') out.files.push({ op: 'read', path: value });
    } else if (name === '-o' || name === '--output') {
      if (value.startsWith('|')) out.commands.push({ via: `psql ${name}`, command: value.slice(1) });
      else out.files.push({ op: 'write', path: value });
    } else if (name === '-L' || name === '--log-file') out.files.push({ op: 'append', path: value });
  }
  // PSQLRC's file runs at start, with -c too; ~/.psqlrc is a start-up file rules guard (fs.startup-files).
  if (set('PSQLRC') && !names.includes('-X') && !names.includes('--no-psqlrc')) out.opaque.push("psql runs the meta-commands of PSQLRC's file at start");
  return out;
}

/** One -c string: `\! cmd` runs cmd, any other meta-command is not read, SQL is read for what reaches past the database. */
function psqlCommand(value: string, out: DatabaseEffects): void {
  if (value.startsWith('\\!')) {
    const command = value.slice(2);
    if (command.trim() === '') out.opaque.push('psql \\! starts a shell that reads its input');
    else out.commands.push({ via: 'psql \\!', command });
  } else if (value.startsWith('\\')) out.opaque.push(`psql runs the meta-command ${value.split(/\s/)[0]} (\\o |cmd, \\copy … program, \\i file and the like run and touch what nomos does not read)`);
  else if (POSTGRES_REACH.test(value)) out.opaque.push(`psql's SQL reaches past the database (programs, files, settings or code of the server: on a local server, this machine): ${value}`);
}

/** mariadb 10.11's options taking a value (`mariadb --help`); `--pager[=cmd]` and `--password[=pw]` take one only after `=`. */
const MYSQL = {
  shortValues: 'DehPSu', shortOptional: 'p#',
  longValues: ['--execute', '--init-command', '--tee', '--host', '--port', '--user', '--database', '--socket', '--defaults-file', '--defaults-extra-file', '--login-path',
    '--defaults-group-suffix', '--delimiter', '--prompt', '--default-character-set', '--character-sets-dir', '--plugin-dir', '--protocol', '--bind-address', '--ssl-ca',
    '--ssl-capath', '--ssl-cert', '--ssl-cipher', '--ssl-key', '--ssl-crl', '--ssl-crlpath', '--tls-version', '--connect-timeout', '--max-allowed-packet',
    '--net-buffer-length', '--select-limit', '--max-join-size', '--load-data-local-dir', '--default-auth', '--server-public-key-path'],
  longFlags: ['--pager', '--password', '--help', '--version', '--named-commands', '--batch', '--no-defaults', '--local-infile'],
};

/** Client commands that run, read, write or connect (`system cmd`, `source f`, `tee f`, `pager cmd`, `connect db host`, `edit`). */
const MYSQL_COMMANDS = /^\s*(?:system|source|tee|pager|connect|edit)\b/im;

/** SQL that reaches past the database: files of this machine (LOAD DATA LOCAL) or of the server (INTO OUTFILE, LOAD_FILE), code it loads, other servers. */
const MYSQL_REACH = /\binto\s+(?:out|dump)file\b|\bload\s+(?:data|xml)\b|\bload_file\s*\(|\binstall\s+(?:plugin|soname)\b|\bsoname\b|\bconnection\s*=/i;

function mysqlEffects(program: string, argv: string[]): DatabaseEffects {
  const out: DatabaseEffects = { commands: [], files: [], opaque: [] };
  const options = parseArgs(argv.slice(1), MYSQL).options;
  const names = options.map((o) => o.name);
  if (!names.some((n) => ['-e', '--execute', '-V', '--version', '-?', '-I', '--help'].includes(n))) {
    out.opaque.push(`${program} reads SQL and client commands (system runs a shell command, source a file) from its input`);
  }
  const named = names.includes('-G') || names.includes('--named-commands');
  for (const { name, value = '' } of options) {
    if (name === '-e' || name === '--execute') {
      // `\! cmd` and the other short forms run anywhere in a line; named commands at a line's start (anywhere with -G).
      if (value.includes('\\') || MYSQL_COMMANDS.test(value) || (named && /\b(?:system|source|tee|pager|connect|edit)\b/i.test(value))) {
        out.opaque.push(`${program} runs client commands (system and \\! run a shell command, source reads a file, tee writes one): ${value}`);
      } else if (MYSQL_REACH.test(value)) out.opaque.push(`${program}'s SQL reaches past the database (files here or on the server, code it loads, other servers): ${value}`);
    } else if (name === '--init-command' && MYSQL_REACH.test(value)) out.opaque.push(`${program}'s --init-command reaches past the database: ${value}`);
    else if (name === '--tee') out.files.push({ op: 'append', path: value });
    else if (name === '--pager' && value !== '') out.commands.push({ via: `${program} --pager`, command: value });
    else if (['--defaults-file', '--defaults-extra-file', '--login-path', '--defaults-group-suffix'].includes(name)) {
      out.opaque.push(`${program} reads its options (the server, an --init-command, a pager) from a file nomos does not read (${name})`);
    }
  }
  return out;
}
