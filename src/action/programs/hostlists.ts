// The hosts a cluster shell reaches, read from its host list: pdsh's hostlist expressions (pdsh(1): `h1,h[2-4,7]`,
// `user@h1`, `-h2` to exclude), ClusterShell's node sets (clush(1): the same ranges, with `!`, `&` and `^` between sets)
// and pssh's entries (`[user@]host[:port]`, between blanks). A group (`@name`), a file (`^file`), a regular expression
// (`/re/`), a connection type (`exec:h` runs the command here, with the host name put into its `%h`) or a list too long
// to name is not a list nomos can read.

/** The most hosts one list is expanded to; beyond it, the list is not read (a decision naming 10,000 hosts helps no one). */
const MAX_HOSTS = 256;

/** `ssh://` URLs of the hosts a list names (a superset: excluded and intersected sets are named too), or why nomos cannot read it. */
export type HostList = { urls: string[] } | { unknown: string };

const NAME = /^(?:([A-Za-z0-9._-]+)@)?([A-Za-z0-9._-]*(?:\[[0-9,-]+\][A-Za-z0-9._-]*)*)$/;

/** pdsh's `-w`, clush's `-w`: comma-separated hostlists (and clush's set operators), each with numeric ranges. */
export function readHostlist(value: string, operators: boolean): HostList {
  const urls: string[] = [];
  for (const part of splitTop(value, operators ? /[,!&^]/ : /,/)) {
    // `-h2` excludes (pdsh), a leading operator continues a clush set expression.
    // A lone `-` reads the list from the input.
    if (part === '-') return { unknown: 'the host list is read from the input' };
    const item = part.replace(/^-/, '');
    if (item === '') continue;
    const m = NAME.exec(item);
    if (!m || m[2] === '') return { unknown: `the host list ${JSON.stringify(value)} names hosts through a group, file, pattern or connection type nomos does not read` };
    const names = expand(m[2]!);
    if (!names || urls.length + names.length > MAX_HOSTS) return { unknown: `the host list ${JSON.stringify(value)} names more hosts than nomos lists` };
    urls.push(...names.map((n) => `ssh://${m[1] ? `${m[1]}@` : ''}${n}`));
  }
  return { urls };
}

/** pssh's `-H`: entries `[user@]host[:port]` between blanks. */
export function readPsshHosts(value: string): HostList {
  const urls: string[] = [];
  for (const entry of value.split(/\s+/).filter(Boolean)) {
    if (!/^(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9._-]+(?::\d+)?$/.test(entry)) return { unknown: `the host entry ${JSON.stringify(entry)} is one nomos does not read` };
    urls.push(`ssh://${entry}`);
  }
  return { urls };
}

/** Splits at separators outside brackets. */
function splitTop(value: string, separator: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (depth === 0 && separator.test(c)) {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out;
}

/** `n[1-3]x[01-02]`: every name, ranges zero-padded as written; undefined past MAX_HOSTS. */
function expand(pattern: string): string[] | undefined {
  const open = pattern.indexOf('[');
  if (open < 0) return [pattern];
  const close = pattern.indexOf(']', open);
  const values: string[] = [];
  for (const range of pattern.slice(open + 1, close).split(',')) {
    const [from = '', to = from] = range.split('-');
    if (!/^\d+$/.test(from) || !/^\d+$/.test(to)) return undefined;
    const width = from.length > 1 && from.startsWith('0') ? from.length : 0;
    if (Number(to) - Number(from) >= MAX_HOSTS) return undefined;
    for (let n = Number(from); n <= Number(to); n++) values.push(String(n).padStart(width, '0'));
  }
  const rest = expand(pattern.slice(close + 1));
  if (!rest || values.length * rest.length > MAX_HOSTS) return undefined;
  return values.flatMap((v) => rest.map((r) => `${pattern.slice(0, open)}${v}${r}`));
}
