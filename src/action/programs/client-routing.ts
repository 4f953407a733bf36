// Where a curl or wget command's requests may go other than the hosts nomos decides (a proxy, a URL file …).
import { httpAction } from '../http.js';
import type { ExecAction } from '../types.js';
import { curlWords, type CurlWord } from './curl-words.js';
import { wgetArgs } from './http-clients.js';

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
