import { httpAction } from '../http.js';
import type { Action, ExecAction, FileOp } from '../types.js';

/** A file a client reads or writes: its op, the path, and the argv index the path came from. */
export type ClientFile = [op: FileOp, path: string, index: number];

const CURL_VALUE_OPTIONS = new Set([
  '-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '-F', '--form',
  '-o', '--output', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar',
  '-T', '--upload-file', '--url', '-x', '--proxy', '-m', '--max-time', '--connect-timeout', '-w', '--write-out',
  '-K', '--config', '-E', '--cert', '--key', '--cacert', '-r', '--range', '-C', '--continue-at', '--retry', '--resolve',
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
  return curlWords(action.argv).flatMap((w) => {
    if ('url' in w || w.value === undefined) return [];
    const found = curlFile(w.option, w.value);
    return found && found[1] !== '-' && found[1] !== '' ? [[found[0], found[1], w.index] as ClientFile] : [];
  });
}

/** `wget [options] URL…`. */
export function httpFromWget(action: ExecAction): Action[] {
  const argv = action.argv.slice(1);
  const via = [...action.via, action.program];
  let method = 'GET';
  const urls: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word.startsWith('--method=')) method = word.slice(9);
    else if (word.startsWith('--post-data') || word.startsWith('--post-file')) method = 'POST';
    else if (['-O', '-o', '-P', '-U', '--header', '-e', '-t', '-T'].includes(word)) i++;
    else if (!word.startsWith('-')) urls.push(word);
  }
  return urls.flatMap((u) => httpAction(method, u, via) ?? []);
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
    case '-T': case '--upload-file': case '-K': case '--config':
      return ['read', value];
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

/** Files wget reads or writes: `--post-file`/`--body-file` and `-i` read, `-O` written. */
export function wgetFiles(action: ExecAction): ClientFile[] {
  const argv = action.argv;
  const out: ClientFile[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    const eq = word.indexOf('=');
    const [name, value, at] = eq > 0 && word.startsWith('--') ? [word.slice(0, eq), word.slice(eq + 1), i] : [word, argv[i + 1], i + 1];
    const op: FileOp | undefined = ['--post-file', '--body-file', '-i', '--input-file'].includes(name) ? 'read' : ['-O', '--output-document'].includes(name) ? 'write' : undefined;
    if (!op || value === undefined) continue;
    if (at > i) i++;
    if (value !== '-') out.push([op, value, at]);
  }
  return out;
}

function addHeader(headers: Record<string, string>, raw: string): void {
  const colon = raw.indexOf(':');
  if (colon > 0) headers[raw.slice(0, colon).trim().toLowerCase()] = raw.slice(colon + 1).trim();
}
