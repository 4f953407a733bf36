/** What a masked value is replaced with. */
export const MASK = '[REDACTED]';

/**
 * Known token shapes, masked wherever they appear (the name says what it was), each with
 * the literal text it cannot match without: a string holding none of it skips the regex
 * (most strings of an event do, and a regex compiled on first use costs more than a call).
 */
let tokenPatterns: [name: string, pattern: RegExp, needs: string[]][] | undefined;
/** Made on the first string redacted: a call that records nothing (a check) never needs them. */
export const TOKEN_PATTERNS = (): [name: string, pattern: RegExp, needs: string[]][] => (tokenPatterns ??= [
  ['private-key', /-----BEGIN[ A-Z0-9]*PRIVATE KEY-----[\s\S]*?(?:-----END[ A-Z0-9]*PRIVATE KEY-----|$)/g, ['-----BEGIN']],
  ['aws-access-key', /\b(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA)[0-9A-Z]{16}\b/g, ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'AGPA']],
  ['github-token', /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, ['gh', 'github_pat_']],
  ['gitlab-token', /\bgl(?:pat|ptt|rt|dt|oas|cbt|imt|ft|soat|agent)-[A-Za-z0-9_-]{20,}/g, ['gl']],
  ['slack-token', /\bxox[abposre]-[A-Za-z0-9-]{10,}/g, ['xox']],
  ['slack-webhook', /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]+/g, ['hooks.slack.com/']],
  ['openai-key', /\bsk-(?:proj-|ant-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, ['sk-']],
  ['stripe-key', /\b[rsp]k_(?:live|test)_[A-Za-z0-9]{16,}/g, ['k_live_', 'k_test_']],
  ['google-api-key', /\bAIza[0-9A-Za-z_-]{35}/g, ['AIza']],
  ['jwt', /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, ['eyJ']],
]);

const SECRET_WORD = '(?:pass(?:word|wd|phrase)?|secret|token|api[-_]?key|apikey|access[-_]?key|private[-_]?key|credentials?|auth(?!or)|cookie)';
const QUOTED_OR_WORD = `("[^"]*"|'[^']*'|[^\\s"'&;|)]+)`;

/** Names (env variables, flags, query parameters, JSON keys) whose values are secret. */
export const SECRET_NAME = new RegExp(SECRET_WORD, 'i');

/** A bare flag whose next word is a secret (`--password hunter2`); `--auth` is left out, its value is often a scheme. */
export const SECRET_FLAG = /^--?[A-Za-z0-9_-]*(?:pass(?:word|wd|phrase)?|secret|token|api[-_]?key|apikey|access[-_]?key|private[-_]?key|credentials?)[A-Za-z0-9_-]*$/i;

/** Headers whose values are credentials. */
export const SECRET_HEADER = /^(?:(?:proxy-)?authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|x-goog-api-key|x-amz-security-token)$/i;

/** What a secret-named pattern cannot match without, in lower case (SECRET_WORD's words). */
const SECRET_WORD_NEEDS = ['pass', 'secret', 'token', 'key', 'credential', 'auth', 'cookie'];

/**
 * The tests below run their regex only where one of its words appears: most names and words
 * of an event hold none, and a case-insensitive regex costs a quarter of a millisecond to
 * compile on first use, more than the rest of a call's redaction.
 */
const hasSecretWord = (text: string) => holdsAny(text.toLowerCase(), SECRET_WORD_NEEDS);

/** Whether a name (env variable, JSON key, query parameter) says its value is secret: SECRET_NAME. */
export function isSecretName(name: string): boolean {
  return hasSecretWord(name) && SECRET_NAME.test(name);
}

/** Whether a word is a bare flag whose next word is a secret: SECRET_FLAG. */
export function isSecretFlag(word: string): boolean {
  return word.startsWith('-') && hasSecretWord(word) && SECRET_FLAG.test(word);
}

/**
 * Patterns that keep a name and mask the value after it: `[pattern, replacement, needs]`,
 * `needs` as for TOKEN_PATTERNS (`lower`: looked for in the lower-cased string; `all`: each
 * must be in the string as well, as it is).
 */
let contextPatterns: [pattern: RegExp, replacement: string, needs: { any: string[]; lower?: true; all?: string[] }][] | undefined;
/** Made on the first string redacted, as TOKEN_PATTERNS. */
export const CONTEXT_PATTERNS = (): [pattern: RegExp, replacement: string, needs: { any: string[]; lower?: true; all?: string[] }][] => (contextPatterns ??= [
  // -H "Authorization: Bearer …", "Cookie: …" inside a command string.
  // (Every name it matches holds one of `any`, lower-cased: a time or a rule's file:line:col skips it.)
  [/\b((?:proxy-)?authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-access-token|private-token|x-goog-api-key)(\s*:\s*)([^"'\r\n]+)/gi, `$1$2${MASK}`, { any: ['authorization', 'cookie', 'api-key', 'auth-token', 'access-token', 'private-token'], lower: true }],
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${MASK}`, { any: ['Bearer', 'Basic', 'Token'] }],
  // --password=…, --api-key …, -p… is left alone (too ambiguous).
  [new RegExp(`(--?[A-Za-z0-9_-]*${SECRET_WORD}[A-Za-z0-9_-]*)(=|\\s+)${QUOTED_OR_WORD}`, 'gi'), `$1$2${MASK}`, { any: SECRET_WORD_NEEDS, lower: true, all: ['-'] }],
  // NAME=value where the name says secret, anywhere (env assignments, query strings, key=value args).
  [new RegExp(`\\b([A-Za-z0-9_]*${SECRET_WORD}[A-Za-z0-9_]*)=${QUOTED_OR_WORD}`, 'gi'), `$1=${MASK}`, { any: SECRET_WORD_NEEDS, lower: true, all: ['='] }],
  // Environment assignments in front of a command (FOO=… cmd): every value, as for the parsed env.
  [new RegExp(`(^|[\\s;&|(])([A-Z_][A-Z0-9_]*)=${QUOTED_OR_WORD}`, 'g'), `$1$2=${MASK}`, { any: ['='] }],
  // user:password@ in URLs, and curl -u user:password.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)([^\s@/]+)@/gi, `$1${MASK}@`, { any: ['@'] }],
  [/((?:^|\s)(?:-u|--user|--proxy-user)\s+["']?[^\s:"']+:)([^\s"']+)/g, `$1${MASK}`, { any: ['-u'] }],
]);

/**
 * Masks every known secret shape in a string; a pattern runs only where its needed text appears.
 * Indexed loops, no destructuring: a call runs for every string of every event, mostly before V8
 * optimizes it, and iterating the tables allocated about 5 KB a string (250 KB an event).
 */
export function redactText(text: string, extra: RegExp[] = []): string {
  let out = text;
  const tokens = TOKEN_PATTERNS();
  const contexts = CONTEXT_PATTERNS();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (holdsAny(out, token[2])) out = out.replace(token[1], `[REDACTED:${token[0]}]`);
  }
  let lower: string | undefined;
  for (let i = 0; i < contexts.length; i++) {
    const context = contexts[i]!;
    const needs = context[2];
    if (needs.lower) lower ??= out.toLowerCase();
    if (holdsAny(needs.lower ? lower! : out, needs.any) && (!needs.all || holdsAll(out, needs.all))) {
      const next = out.replace(context[0], context[1]);
      if (next !== out) {
        out = next;
        lower = undefined;
      }
    }
  }
  for (let i = 0; i < extra.length; i++) out = out.replace(extra[i]!, MASK);
  return out;
}

function holdsAny(text: string, parts: string[]): boolean {
  for (let i = 0; i < parts.length; i++) if (text.includes(parts[i]!)) return true;
  return false;
}

function holdsAll(text: string, parts: string[]): boolean {
  for (let i = 0; i < parts.length; i++) if (!text.includes(parts[i]!)) return false;
  return true;
}
