import { parseArgs } from '../flags.js';
import { httpAction } from '../http.js';
import { OPTION_SPECS } from './specs.js';
import { table } from '../table.js';
import type { Action, ExecAction, FileOp } from '../types.js';

/** A file a client reads or writes: its op, the path, and the argv index the path came from. */
export type ClientFile = [op: FileOp, path: string, index: number];

const CURL_VALUE_OPTIONS = new Set([
  '-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '-F', '--form',
  '-o', '--output', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar',
  '-T', '--upload-file', '--url', '-x', '--proxy', '-m', '--max-time', '--connect-timeout', '-w', '--write-out',
  '-K', '--config', '-E', '--cert', '--key', '--cacert', '-r', '--range', '-C', '--continue-at', '--retry', '--resolve',
  '-D', '--dump-header', '--trace', '--trace-ascii', '--stderr', '--libcurl', '--etag-save', '--etag-compare', '--output-dir',
  '--hsts', '--alt-svc', '--netrc-file', '--proxy-cacert', '--proxy-cert', '--proxy-key', '--capath', '--crlfile', '--variable',
  '--url-query', '--proto', '--proto-redir', '--max-filesize', '--retry-delay', '--retry-max-time', '--noproxy', '-Q', '--quote',
  '-z', '--time-cond', '-Y', '--speed-limit', '-y', '--speed-time', '--oauth2-bearer', '--limit-rate', '--interface', '--dns-servers',
  '--connect-to', '--create-file-mode', '--ciphers', '--tls-max', '--expect100-timeout', '--keepalive-time', '--unix-socket', '--abstract-unix-socket',
]);

/** Short curl options that take a value. */
const CURL_SHORT_VALUES = new Set([...CURL_VALUE_OPTIONS].filter((o) => /^-[A-Za-z]$/.test(o)));

/** One curl argument: an option with its value (and the argv index the value came from), or a URL. */
type CurlWord = { option: string; value?: string; index: number } | { url: string };

/**
 * curl's arguments as curl reads them: long options (`--data @f`), short options
 * clustered, with a value attached or in the next word (`-sLo out`, `-d@f`, `-XPOST`).
 */
function curlWords(argv: string[]): CurlWord[] {
  const out: CurlWord[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (word.startsWith('--')) {
      out.push(CURL_VALUE_OPTIONS.has(word) || word === '--json' ? { option: word, value: argv[i + 1], index: ++i } : { option: word, index: i });
    } else if (word.startsWith('-') && word.length > 1) {
      for (let k = 1; k < word.length; k++) {
        const option = `-${word[k]}`;
        if (!CURL_SHORT_VALUES.has(option)) {
          out.push({ option, index: i });
          continue;
        }
        const rest = word.slice(k + 1);
        out.push(rest ? { option, value: rest, index: i } : { option, value: argv[i + 1], index: ++i });
        break;
      }
    } else out.push({ url: word });
  }
  return out;
}

/** `curl [options] URL…`: method from -X, or POST when data is sent. */
export function httpFromCurl(action: ExecAction): Action[] {
  const urls: string[] = [];
  const headers: Record<string, string> = {};
  let method: string | undefined;
  let data = false;
  for (const w of curlWords(action.argv)) {
    if ('url' in w) urls.push(w.url);
    else if (w.option.startsWith('--request=')) method = w.option.slice(10);
    else if (w.value === undefined) continue;
    else if (w.option === '-X' || w.option === '--request') method = w.value;
    else if (w.option === '-H' || w.option === '--header') addHeader(headers, w.value);
    else if (w.option === '--url') urls.push(w.value);
    else if (/^(-d|--data|-F|--form|-T|--upload-file|--json)/.test(w.option)) data = true;
  }
  const via = [...action.via, action.program];
  const verb = method ?? (data ? 'POST' : 'GET');
  return urls.flatMap((u) => httpAction(verb, u, via, headers) ?? []);
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
  return [...words.flatMap((w, i): ClientFile[] => {
    // file:// URLs are local files: read, or written by an upload (-T).
    if ('url' in w) return /^file:\/\//i.test(w.url) ? [[uploads ? 'write' : 'read', fileUrlPath(w.url), urlIndex(action.argv, w.url, i)]] : [];
    if (w.value === undefined) return [];
    const found = curlFile(w.option, w.value);
    return found && found[1] !== '-' && found[1] !== '' ? [[found[0], found[1], w.index] as ClientFile] : [];
  }), ...remoteNames(words, action.argv)];
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
function wgetArgs(action: ExecAction) {
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

function curlFile(option: string, value: string): [FileOp, string] | undefined {
  switch (option) {
    case '-d': case '--data': case '--data-binary': case '--json':
      return value.startsWith('@') ? ['read', value.slice(1)] : undefined;
    case '--data-urlencode': {
      const match = /^[^=@]*@(.*)$/.exec(value);
      return match ? ['read', match[1]!] : undefined;
    }
    case '-F': case '--form': {
      const match = /^[^=]*=[@<]([^;]*)/.exec(value);
      return match ? ['read', match[1]!.replace(/^"(.*)"$/, '$1')] : undefined;
    }
    case '-T': case '--upload-file': case '-K': case '--config': case '--netrc-file': case '--etag-compare':
    case '--key': case '--cacert': case '--proxy-key': case '--proxy-cacert': case '--crlfile':
      return ['read', value];
    case '-E': case '--cert': case '--proxy-cert':
      return ['read', value.replace(/:[^/]*$/, '')]; // `file:password`
    case '-H': case '--header': case '-w': case '--write-out':
      return value.startsWith('@') ? ['read', value.slice(1)] : undefined;
    case '--variable': case '--url-query': {
      const match = /^[^=@]*@(.*)$/.exec(value);
      return match ? ['read', match[1]!] : undefined;
    }
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
