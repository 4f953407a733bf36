// The requests curl and wget make (method, URLs, headers) and the files they read and write.
import { parseArgs } from '../flags.js';
import { httpAction } from '../http.js';
import { OPTION_SPECS } from './specs.js';
import { table } from '../table.js';
import { curlWords, type CurlWord } from './curl-words.js';
import type { Action, ExecAction, FileOp } from '../types.js';

/** A file a client reads or writes: its op, the path, and the argv index the path came from. */
export type ClientFile = [op: FileOp, path: string, index: number];

/**
 * `curl [options] URL…`: the method from -X; else each `-T file` uploads to the next URL with PUT (curl 7.88
 * sent `PUT /a` then `GET /x` for `curl -T f …/a …/x`); else HEAD with -I, POST when data is sent, GET.
 * `-G` (data in the query) stays POST: data leaves, which rules on GET do not expect.
 */
export function httpFromCurl(action: ExecAction): Action[] {
  const urls: string[] = [];
  const headers: Record<string, string> = {};
  let method: string | undefined;
  let data = false;
  let head = false;
  let uploads = 0;
  for (const w of curlWords(action.argv)) {
    if ('url' in w) urls.push(w.url);
    else if (w.option === '-I' || w.option === '--head') head = true;
    else if (w.value === undefined) continue;
    else if (w.option === '-X' || w.option === '--request') method = w.value;
    else if (w.option === '-H' || w.option === '--header') addHeader(headers, w.value);
    else if (w.option === '--url') urls.push(w.value);
    else if (w.option === '-T' || w.option === '--upload-file') uploads++;
    else if (/^(-d|--data|-F|--form|--json)/.test(w.option)) data = true;
  }
  const via = [...action.via, action.program];
  const verb = (i: number) => method ?? (i < uploads ? 'PUT' : data ? 'POST' : head ? 'HEAD' : 'GET');
  return urls.flatMap((u, i) => httpAction(verb(i), u, via, headers) ?? []);
}

/**
 * Files curl reads or writes: `-d/--data/--data-binary/--json @file` and
 * `--data-urlencode [name]@file` (content sent), `-F name=@file` or `name=<file` (a form
 * field from a file), `-T file` (uploaded), `-K file` (options read), `-b file` (cookies
 * read), `-o file` written, `-c file` (cookies written). `-` is stdin or stdout.
 */
export function curlFiles(action: ExecAction): ClientFile[] {
  const words = curlWords(action.argv);
  const uploads = words.some((w) => 'option' in w && (w.option === '-T' || w.option === '--upload-file'));
  const globoff = words.some((w) => 'option' in w && (w.option === '-g' || w.option === '--globoff'));
  return [...words.flatMap((w, i): ClientFile[] => {
    // file:// URLs are local files: read, or written by an upload (-T).
    if ('url' in w) return /^file:\/\//i.test(w.url) ? [[uploads ? 'write' : 'read', fileUrlPath(w.url), urlIndex(action.argv, w.url, i)]] : [];
    if (w.value === undefined) return [];
    // A value built at run time may still become `@file` (`-H "$X"`); one whose written start rules that out may not.
    const found = curlFile(w.option, w.value) ?? (action.dynamic?.includes(w.index) && mayNameFile(w.option, w.value) ? ['read', w.value] as [FileOp, string] : undefined);
    if (!found || found[1] === '-' || found[1] === '') return [];
    // curl expands `{a,b}` in an upload's name itself (without -g): each file it names is read.
    const names = !globoff && (w.option === '-T' || w.option === '--upload-file') ? curlBraces(found[1]) : [found[1]];
    return names.map((name) => [found[0], name, w.index] as ClientFile);
  }), ...remoteNames(words, action.argv)];
}

/** curl's `{a,b}` lists in a name (not nested), expanded: `{x,~/.ssh/id_rsa}` is both files. */
export function curlBraces(value: string): string[] {
  const open = value.indexOf('{');
  const close = open < 0 ? -1 : value.indexOf('}', open);
  if (close < 0) return [value];
  const rest = curlBraces(value.slice(close + 1));
  return value.slice(open + 1, close).split(',').flatMap((part) => rest.map((tail) => `${value.slice(0, open)}${part}${tail}`));
}

/** `-O` / `--remote-name-all`: each URL is saved under its own file name, in `--output-dir` or the cwd. */
function remoteNames(words: CurlWord[], argv: string[]): ClientFile[] {
  const options = words.filter((w): w is Extract<CurlWord, { option: string }> => 'option' in w);
  if (!options.some((w) => w.option === '-O' || w.option === '--remote-name' || w.option === '--remote-name-all')) return [];
  const dir = options.findLast((w) => w.option === '--output-dir')?.value ?? '.';
  return words.flatMap((w, i): ClientFile[] => {
    if (!('url' in w) || /^file:/i.test(w.url)) return [];
    const name = /^[a-z]+:\/\/[^/]*\/(?:[^?#]*\/)?([^/?#]+)/i.exec(w.url)?.[1];
    return name ? [['write', `${dir}/${name}`, urlIndex(argv, w.url, i)]] : [];
  });
}

/** The local path of a file:// URL (`file://localhost/p`, `file:///p`), percent-decoded where it can be. */
function fileUrlPath(url: string): string {
  const rest = url.replace(/^file:\/\/(localhost)?/i, '');
  try {
    return decodeURIComponent(rest) || '/';
  } catch {
    return rest || '/';
  }
}

function urlIndex(argv: string[], url: string, fallback: number): number {
  const at = argv.indexOf(url);
  return at >= 0 ? at : fallback;
}

/** wget's words as getopt reads them (option values are not URLs, and do not hide the options after them). */
export function wgetArgs(action: ExecAction) {
  return parseArgs(action.argv.slice(1), OPTION_SPECS.wget);
}

/** `wget [options] URL…`. */
export function httpFromWget(action: ExecAction): Action[] {
  const parsed = wgetArgs(action);
  const via = [...action.via, action.program];
  const explicit = parsed.options.findLast((o) => o.name === '--method')?.value;
  const posts = parsed.options.some((o) => o.name === '--post-data' || o.name === '--post-file');
  const method = explicit ? explicit.toUpperCase() : posts ? 'POST' : 'GET';
  return parsed.positionals.flatMap((p) => httpAction(method, p.value, via) ?? []);
}

/** Options whose value names a file to read only in an `@` form: `@file`, `name@file`, `name=@file` (or `name=<file`). */
const AT_FORMS = table<string, 'at' | 'name-at' | 'form'>({
  '-d': 'at', '--data': 'at', '--data-ascii': 'at', '--data-binary': 'at', '--json': 'at',
  '-H': 'at', '--header': 'at', '--proxy-header': 'at', '-w': 'at', '--write-out': 'at',
  '--data-urlencode': 'name-at', '--variable': 'name-at', '--url-query': 'name-at',
  '-F': 'form', '--form': 'form',
});

/** The file an `@` form names, if the value is in that form. */
function atFile(form: 'at' | 'name-at' | 'form', value: string): [FileOp, string] | undefined {
  if (form === 'at') return value.startsWith('@') ? ['read', value.slice(1)] : undefined;
  const match = form === 'name-at' ? /^[^=@]*@(.*)$/.exec(value) : /^[^=]*=[@<]([^;]*)/.exec(value);
  return match ? ['read', form === 'form' ? match[1]!.replace(/^"(.*)"$/, '$1') : match[1]!] : undefined;
}

/**
 * Whether a value built at run time could still name a file for `option`: its text before the
 * first expansion (`$`, a backquote) must not rule out the option's `@` form. "Authorization: Bearer $T" cannot.
 */
function mayNameFile(option: string, value: string): boolean {
  const form = AT_FORMS[option];
  const written = value.slice(0, value.search(/[$`]|$/));
  if (form === 'at') return written === '';
  if (form === 'name-at') return !/[=@]/.test(written);
  return form === 'form' && /^[^=]*=?$/.test(written);
}

function curlFile(option: string, value: string): [FileOp, string] | undefined {
  const form = AT_FORMS[option];
  if (form) return atFile(form, value);
  switch (option) {
    case '-T': case '--upload-file': case '-K': case '--config': case '--netrc-file': case '--etag-compare':
    case '--key': case '--cacert': case '--proxy-key': case '--proxy-cacert': case '--crlfile':
      return ['read', value];
    case '-E': case '--cert': case '--proxy-cert':
      return ['read', value.replace(/:[^/]*$/, '')]; // `file:password`
    // A local socket is a service of this machine (docker.sock is root): talking to it writes to it.
    case '--unix-socket': case '--abstract-unix-socket':
    case '-D': case '--dump-header': case '--trace': case '--trace-ascii': case '--stderr': case '--libcurl':
    case '--etag-save': case '--hsts': case '--alt-svc': case '--output-dir':
      return ['write', value];
    case '-b': case '--cookie':
      return value.includes('=') ? undefined : ['read', value];
    case '-o': case '--output':
      return ['write', value];
    case '-c': case '--cookie-jar':
      return ['write', value];
    default:
      return undefined;
  }
}

/** Files wget reads or writes: `--post-file`/`--body-file` and `-i` read, `-O` written, and the like (WGET_FILE_OPTIONS). */
export function wgetFiles(action: ExecAction): ClientFile[] {
  return wgetArgs(action).options.flatMap((o): ClientFile[] => {
    if (o.value === undefined) return [];
    const command = o.name === '-e' || o.name === '--execute' ? wgetrcFile(o.value) : undefined;
    const op = command?.[0] ?? WGET_FILE_OPTIONS[o.name];
    const path = command ? command[1] : o.value;
    // parseArgs indexes the words after the program: argv's index is one more.
    return op && path !== '-' ? [[op, path, o.valueIndex! + 1]] : [];
  });
}

/** wget options whose value is a file, and what wget does to it. */
const WGET_FILE_OPTIONS = table<string, FileOp>({
  '--post-file': 'read', '--body-file': 'read', '-i': 'read', '--input-file': 'read', '--load-cookies': 'read', '--config': 'read',
  '--certificate': 'read', '--private-key': 'read', '--ca-certificate': 'read',
  '-O': 'write', '--output-document': 'write', '-o': 'write', '--output-file': 'write', '--save-cookies': 'write',
  '-P': 'write', '--directory-prefix': 'write', '-a': 'append', '--append-output': 'append', '--rejected-log': 'write', '--warc-file': 'write',
});

/** wgetrc commands named unlike the option they set. */
const WGETRC_ALIASES = table<string, string>({ '--input': '--input-file', '--logfile': '--output-file', '--dir-prefix': '--directory-prefix' });

/** A wgetrc command given with `-e` (`output_document = f`, `post-file=f`) that names a file. */
function wgetrcFile(command: string): [FileOp, string] | undefined {
  const match = /^\s*([A-Za-z_-]+)\s*=\s*(.*?)\s*$/.exec(command);
  if (!match) return undefined;
  const name = `--${match[1]!.toLowerCase().replace(/_/g, '-')}`;
  const op = WGET_FILE_OPTIONS[WGETRC_ALIASES[name] ?? name];
  return op ? [op, match[2]!] : undefined;
}

function addHeader(headers: Record<string, string>, raw: string): void {
  const colon = raw.indexOf(':');
  if (colon > 0) headers[raw.slice(0, colon).trim().toLowerCase()] = raw.slice(colon + 1).trim();
}
