import { parseArgs } from '../flags.js';
import { httpAction } from '../http.js';
import { OPTION_SPECS } from './specs.js';
import { table } from '../table.js';
import type { Action, ExecAction, FileOp } from '../types.js';

/** A file a client reads or writes: its op, the path, and the argv index the path came from. */
export type ClientFile = [op: FileOp, path: string, index: number];

/**
 * curl's long options (`curl --help all` of 7.88, with later additions), split by whether they
 * take a value. curl takes any unique prefix of a name (`--data-bin @f` is `--data-binary`, up to
 * 8.x) and, from 8.16, `--name=value`: a word is read as the option it names, or as no option.
 */
const CURL_LONG_VALUES_TEXT = [
  'abstract-unix-socket alt-svc aws-sigv4 cacert capath cert cert-type ciphers config connect-timeout connect-to ',
  'continue-at cookie cookie-jar create-file-mode crlfile curves data data-ascii data-binary data-raw ',
  'data-urlencode delegation dns-interface dns-ipv4-addr dns-ipv6-addr dns-servers doh-url dump-header ech ',
  'egd-file engine etag-compare etag-save expect100-timeout form form-string ftp-account ftp-alternative-to-user ',
  'ftp-method ftp-port ftp-ssl-ccc-mode happy-eyeballs-timeout-ms header hostpubmd5 hostpubsha256 hsts interface ',
  'ip-tos ipfs-gateway json keepalive-time key key-type knownhosts krb libcurl limit-rate local-port ',
  'login-options mail-auth mail-from mail-rcpt max-filesize max-redirs max-time netrc-file noproxy oauth2-bearer ',
  'output output-dir parallel-max parallel-max-host pass pinnedpubkey preproxy proto proto-default proto-redir ',
  'proxy proxy-cacert proxy-capath proxy-cert proxy-cert-type proxy-ciphers proxy-crlfile proxy-header proxy-key ',
  'proxy-key-type proxy-pass proxy-pinnedpubkey proxy-service-name proxy-tls13-ciphers proxy-tlsauthtype ',
  'proxy-tlspassword proxy-tlsuser proxy-user proxy1.0 pubkey quote random-file range rate referer request ',
  'request-target resolve retry retry-delay retry-max-time sasl-authzid service-name sigalgs socks4 socks4a ',
  'socks5 socks5-gssapi-service socks5-hostname speed-limit speed-time ssl-sessions stderr telnet-option ',
  'tftp-blksize time-cond tls-max tls13-ciphers tlsauthtype tlspassword tlsuser trace trace-ascii trace-config ',
  'unix-socket upload-file upload-flags url url-query user user-agent variable vlan-priority write-out ',
];

const CURL_LONG_FLAGS_TEXT = [
  'alpn anyauth append basic buffer ca-native cert-status clobber compressed compressed-ssh create-dirs crlf ',
  'digest disable disable-eprt disable-epsv disallow-username-in-url doh-cert-status doh-insecure dump-ca-embed ',
  'fail fail-early fail-with-body false-start follow form-escape ftp-create-dirs ftp-pasv ftp-pret ',
  'ftp-skip-pasv-ip ftp-ssl-ccc ftp-ssl-control get globoff haproxy-protocol head help http0.9 http1.0 http1.1 ',
  'http2 http2-prior-knowledge http3 http3-only ignore-content-length include insecure ipv4 ipv6 ',
  'junk-session-cookies keepalive list-only location location-trusted mail-rcpt-allowfails manual metalink mptcp ',
  'negotiate netrc netrc-optional next no-alpn no-buffer no-clobber no-keepalive no-npn no-progress-meter ',
  'no-sessionid npn ntlm ntlm-wb out-null parallel parallel-immediate path-as-is post301 post302 post303 ',
  'progress-bar progress-meter proxy-anyauth proxy-basic proxy-ca-native proxy-digest proxy-http2 proxy-insecure ',
  'proxy-negotiate proxy-ntlm proxy-ssl-allow-beast proxy-ssl-auto-client-cert proxy-tlsv1 proxytunnel raw ',
  'remote-header-name remote-name remote-name-all remote-time remove-on-error retry-all-errors retry-connrefused ',
  'sasl-ir sessionid show-error silent skip-existing socks5-basic socks5-gssapi socks5-gssapi-nec ssl ',
  'ssl-allow-beast ssl-auto-client-cert ssl-no-revoke ssl-reqd ssl-revoke-best-effort sslv2 sslv3 styled-output ',
  'suppress-connect-headers tcp-fastopen tcp-nodelay tftp-no-options tlsv1 tlsv1.0 tlsv1.1 tlsv1.2 tlsv1.3 ',
  'tr-encoding trace-time use-ascii verbose version xattr ',
];

/** The long option names as sets, made on the first curl command: most calls never read them. */
let curlNames: { values: Set<string>; flags: Set<string>; all: string[] } | undefined;
function curlLongNames(): NonNullable<typeof curlNames> {
  if (!curlNames) {
    const values = new Set(CURL_LONG_VALUES_TEXT.join('').trim().split(' '));
    const flags = new Set(CURL_LONG_FLAGS_TEXT.join('').trim().split(' '));
    curlNames = { values, flags, all: [...values, ...flags] };
  }
  return curlNames;
}

/** Short curl options that take a value (`-d x`, `-dx`); the others (`-k`, `-s`, `-L`) are flags. */
const CURL_SHORT_VALUES = 'EKCbcdDFPHmoxUQreXYytzTuAw';

/** One curl argument: an option with its value (and the argv index the value came from), or a URL. */
type CurlWord = { option: string; value?: string; index: number } | { url: string };

/** The option a long word names (`--data-bin` → `--data-binary`) and whether it takes a value. */
function curlLong(word: string): { option: string; takesValue: boolean; value?: string } {
  const eq = word.indexOf('=');
  const written = (eq < 0 ? word : word.slice(0, eq)).slice(2);
  const value = eq < 0 ? {} : { value: word.slice(eq + 1) };
  const names = curlLongNames();
  const exact = names.values.has(written) || names.flags.has(written) ? [written] : undefined;
  // `--no-X` turns a flag off (and is no value option): curl looks X up without the `no-`.
  if (!exact && written.startsWith('no-')) return { option: word, takesValue: false };
  const hits = exact ?? names.all.filter((n) => n.startsWith(written));
  if (hits.length !== 1) return { option: word, takesValue: false };
  return { option: `--${hits[0]}`, takesValue: names.values.has(hits[0]!), ...value };
}

/**
 * curl's arguments as curl reads them: long options by name or unique prefix (`--data @f`,
 * `--data-bin @f`, `--data=@f`), short options clustered, with a value attached or in the next
 * word (`-sLo out`, `-d@f`, `-XPOST`).
 */
export function curlWords(argv: string[]): CurlWord[] {
  const out: CurlWord[] = [];
  let options = true;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (!options || word === '-' || !word.startsWith('-')) out.push({ url: word });
    else if (word === '--') options = false;
    else if (word.startsWith('--')) {
      const long = curlLong(word);
      if (long.value !== undefined) out.push({ option: long.option, value: long.value, index: i });
      else out.push(long.takesValue ? { option: long.option, value: argv[i + 1], index: ++i } : { option: long.option, index: i });
    } else {
      for (let k = 1; k < word.length; k++) {
        const option = `-${word[k]}`;
        if (!CURL_SHORT_VALUES.includes(word[k]!)) {
          out.push({ option, index: i });
          continue;
        }
        const rest = word.slice(k + 1);
        out.push(rest ? { option, value: rest, index: i } : { option, value: argv[i + 1], index: ++i });
        break;
      }
    }
  }
  return out;
}

/**
 * curl options that send a request somewhere other than its URL's host: a proxy, another address,
 * an abstract socket, a DNS server of the agent's choosing (--dns-servers, in c-ares builds), or an
 * alt-svc cache file, whose entries move a host to another (`h1 github.com 443 h1 evil.example 443`).
 */
// (--unix-socket is a write to the socket file: curlFiles.)
const CURL_ROUTING = new Set(['-x', '--proxy', '--preproxy', '--proxy1.0', '--socks4', '--socks4a', '--socks5', '--socks5-hostname', '--resolve', '--connect-to', '--doh-url', '--abstract-unix-socket', '--dns-servers', '--alt-svc']);

/** Whether a routing option's value routes: `--alt-svc ""` turns the cache on without a file (only servers' own Alt-Svc answers then). */
function routes(option: string, value: string | undefined): boolean {
  return option !== '--alt-svc' || value !== '';
}

/** wgetrc commands (`-e cmd=value`; case, `-` and `_` do not matter to wget) that route requests through a proxy. */
const WGET_ROUTING = new Set(['httpproxy', 'httpsproxy', 'ftpproxy', 'useproxy']);

/**
 * Why a curl or wget command's requests may go where nomos does not decide, if they may:
 * a proxy or another address (`curl -x`, `--resolve`, `wget -e http_proxy=…`),
 * URLs read from a file (`wget -i`), or a URL nomos cannot read as the client does
 * (`http://github.com\@evil.example/`: the WHATWG parser takes `\` for `/`, curl and wget do not).
 */
export function clientRouting(action: ExecAction): string | undefined {
  if (action.program === 'curl') {
    const words = curlWords(action.argv);
    const option = words.find((w): w is Extract<CurlWord, { option: string }> => 'option' in w && CURL_ROUTING.has(w.option) && routes(w.option, w.value));
    if (option) return `curl ${option.option} sends the request somewhere other than its URL's host`;
    // curl 8.3+: any option prefixed --expand- has {{name}} replaced by a --variable (or an environment
    // variable, or a file's content): `--variable h=evil.example/? --expand-url https://{{h}}.github.com/`.
    const expanded = words.find((w): w is Extract<CurlWord, { option: string }> => 'option' in w && w.option.startsWith('--expand-'));
    if (expanded) return `curl ${expanded.option.replace(/=.*/, '')} fills in variables nomos does not expand (its URL, output or proxy may be any)`;
    // curl 8.13+: `--url @file` fetches the URLs listed in the file (`--url @github.com` is a file named so).
    if (words.some((w) => 'option' in w && w.option === '--url' && w.value?.startsWith('@'))) return 'curl --url @FILE reads the URLs it fetches from a file';
    const urls = words.flatMap((w) => ('url' in w ? [w.url] : w.option === '--url' && w.value !== undefined ? [w.value] : []));
    const unread = urls.find((u) => !/^file:\/\//i.test(u) && !httpAction('GET', u, []));
    return unread === undefined ? undefined : `curl's URL ${JSON.stringify(unread)} cannot be read as curl reads it`;
  }
  const parsed = wgetArgs(action);
  const wgetrc = (o: { name: string; value?: string }) => ((o.name === '-e' || o.name === '--execute') ? (o.value ?? '').split('=')[0]!.trim().toLowerCase().replace(/[-_]/g, '') : undefined);
  if (parsed.options.some((o) => o.name === '-i' || o.name === '--input-file' || wgetrc(o) === 'input')) return 'wget reads the URLs it fetches from a file';
  const proxy = parsed.options.find((o) => WGET_ROUTING.has(wgetrc(o) ?? ''));
  if (proxy) return `wget -e ${proxy.value} sends requests through a proxy`;
  const unread = parsed.positionals.find((p) => !httpAction('GET', p.value, []));
  return unread === undefined ? undefined : `wget's URL ${JSON.stringify(unread.value)} cannot be read as wget reads it`;
}

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
