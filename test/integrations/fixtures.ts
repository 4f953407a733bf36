import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Sandbox } from '../helpers/cli.js';

const DIR = resolve(import.meta.dirname, '../fixtures/hooks');

/** A recorded hook input, with the sandbox's HOME and cwd put in for `${HOME}` and `${CWD}`. */
export function fixture(agent: 'claude-code' | 'gemini-cli', name: string, sb: Sandbox): string {
  return readFileSync(`${DIR}/${agent}/${name}.json`, 'utf8').replaceAll('${HOME}', sb.home).replaceAll('${CWD}', sb.cwd);
}

/** The audit log's events, parsed. */
export function auditEvents(sb: Sandbox): Record<string, any>[] {
  return readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}
