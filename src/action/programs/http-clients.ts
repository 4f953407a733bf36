import { httpAction } from '../http.js';
import type { Action, ExecAction } from '../types.js';

const CURL_VALUE_OPTIONS = new Set([
  '-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '-F', '--form',
  '-o', '--output', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar',
  '-T', '--upload-file', '--url', '-x', '--proxy', '-m', '--max-time', '--connect-timeout', '-w', '--write-out',
  '-K', '--config', '-E', '--cert', '--key', '--cacert', '-r', '--range', '-C', '--continue-at', '--retry', '--resolve',
]);

/** `curl [options] URL…`: method from -X, or POST when data is sent. */
export function httpFromCurl(action: ExecAction): Action[] {
  const argv = action.argv.slice(1);
  const urls: string[] = [];
  const headers: Record<string, string> = {};
  let method: string | undefined;
  let data = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (CURL_VALUE_OPTIONS.has(word)) {
      const value = argv[++i] ?? '';
      if (word === '-X' || word === '--request') method = value;
      else if (word === '-H' || word === '--header') addHeader(headers, value);
      else if (word === '--url') urls.push(value);
      else if (/^(-d|--data|-F|--form|-T|--upload-file)/.test(word)) data = true;
    } else if (/^-X./.test(word)) method = word.slice(2);
    else if (/^--request=/.test(word)) method = word.slice(10);
    else if (!word.startsWith('-')) urls.push(word);
  }
  const via = [...action.via, action.program];
  const verb = method ?? (data ? 'POST' : 'GET');
  return urls.flatMap((u) => httpAction(verb, u, via, headers) ?? []);
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

function addHeader(headers: Record<string, string>, raw: string): void {
  const colon = raw.indexOf(':');
  if (colon > 0) headers[raw.slice(0, colon).trim().toLowerCase()] = raw.slice(colon + 1).trim();
}
