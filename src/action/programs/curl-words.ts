// How curl reads its words: long options by unique prefix or `--name=value`, short ones clustered.

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
export type CurlWord = { option: string; value?: string; index: number } | { url: string };

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
