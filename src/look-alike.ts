// Words that only look like familiar ones: `gіthub.com` and `~/.ssh/іd_rsa` with a Cyrillic і
// read as GitHub and the SSH key, and are neither. A human approving a request reads shapes, so
// the prompt says where a host name or a path word mixes scripts or is spelt in letters that
// pass for ASCII ones. Pure; printable ASCII returns at once (nearly every request).
import { domainToASCII, domainToUnicode } from 'node:url';

/**
 * Letters that read as ASCII ones in common fonts: Greek and Cyrillic capitals and small letters
 * shaped like Latin ones, Armenian օ ո ս, Latin letters with an ASCII twin's shape (dotless ı, ȷ,
 * script ɑ ɡ, small capitals), fullwidth ASCII and mathematical letters and digits.
 */
const CONFUSABLE = new RegExp(
  '[\\u0131\\u0237\\u0251\\u0261\\u0269\\u026a\\u028f\\u1d00-\\u1d2b' +
    '\\u0391\\u0392\\u0395-\\u0397\\u0399\\u039a\\u039c\\u039d\\u039f\\u03a1\\u03a4\\u03a5\\u03a7\\u03b1\\u03b9\\u03bd\\u03bf\\u03c1\\u03c5' +
    '\\u0405\\u0406\\u0408\\u0410\\u0412\\u0415\\u041a\\u041c\\u041d\\u041e\\u0420-\\u0423\\u0425\\u0430\\u0435\\u043e\\u0440\\u0441\\u0443\\u0445' +
    '\\u0455\\u0456\\u0458\\u04bb\\u04c0\\u04cf\\u0501\\u051b\\u051d\\u0578\\u057d\\u0585\\uff10-\\uff19\\uff21-\\uff3a\\uff41-\\uff5a]|[\\u{1d400}-\\u{1d7ff}]',
  'u',
);

/** Scripts whose letters pass for one another's; a word mixing two of them is suspect (Japanese mixing kana and kanji is not). */
const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Cherokee'].map((s) => new RegExp(`\\p{Script=${s}}`, 'u'));

const ASCII = /^[\x00-\x7f]*$/;

/** Whether a word (letters and digits) mixes look-alike scripts or has only look-alike letters beyond ASCII. */
export function isLookAlikeWord(word: string): boolean {
  if (ASCII.test(word)) return false;
  const letters = Array.from(word).filter((c) => /[\p{L}\p{N}]/u.test(c));
  const scripts = SCRIPTS.filter((script) => letters.some((c) => script.test(c)));
  if (scripts.length > 1) return true;
  const beyond = letters.filter((c) => !ASCII.test(c));
  return beyond.length > 0 && beyond.every((c) => CONFUSABLE.test(c));
}

/** Whether any word of a host label, path segment or name is a look-alike (`іd_rsa`: `іd` mixes Cyrillic and Latin). */
export function hasLookAlike(text: string): boolean {
  return !ASCII.test(text) && text.split(/[^\p{L}\p{M}\p{N}]+/u).some(isLookAlikeWord);
}

/** A look-alike host: as written (Unicode) and as it goes on the wire (punycode). */
export interface LookAlikeHost {
  unicode: string;
  ascii: string;
}

/** The host, given either way (`gіthub.com` or `xn--gthub-n2e.com`), if one of its labels is a look-alike. */
export function lookAlikeHost(host: string): LookAlikeHost | undefined {
  const unicode = ASCII.test(host) ? (host.includes('xn--') ? domainToUnicode(host) : host) : host;
  if (!unicode || !hasLookAlike(unicode)) return undefined;
  return { unicode, ascii: domainToASCII(unicode) || host };
}

/** What a word of a request holds that looks like something it is not: hosts of its URLs, and the other words of its paths. */
export function lookAlikesIn(word: string): { hosts: LookAlikeHost[]; paths: string[] } {
  const hosts: LookAlikeHost[] = [];
  const paths: string[] = [];
  if (ASCII.test(word) && !word.includes('xn--')) return { hosts, paths };
  for (const part of word.split(/[\s'"`]+/)) {
    // A URL's host, or ssh's and git's user@host[:path].
    const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]*)(.*)$/i.exec(part) ?? /^[^@/:]+@([^@/:]+)(:.*)?$/.exec(part);
    const host = url ? lookAlikeHost(url[1]!.replace(/^[^@]*@/, '').replace(/:\d*$/, '').toLowerCase()) : undefined;
    if (host) hosts.push(host);
    for (const segment of (url ? url[2] ?? '' : part).split(/[/@:=,?#&]+/)) if (hasLookAlike(segment)) paths.push(segment);
  }
  return { hosts, paths };
}
