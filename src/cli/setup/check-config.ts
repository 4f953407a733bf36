import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy } from '../../config/load-policy.js';
import { findProjectConfig } from '../../config/search.js';
import { NomosError } from '../../errors.js';
import { hasCommand } from '../completion/model.js';
import { claudeNomosHandlers, nomosCommandsIn, runsNomos } from './agents.js';
import { geminiTrustGap } from './gemini-trust.js';
import { hookCoverageGaps } from './hook-coverage.js';
import { fail, firstLine, ok, warn, type CheckResult, type DoctorContext } from './check.js';

/** A project config is found, the whole policy loads, and (where this version has it) `nomos lint` is clean. */
export async function checkConfig(ctx: DoctorContext): Promise<CheckResult[]> {
  let file: string | undefined;
  try {
    file = (await findProjectConfig(ctx.cwd))?.file;
    const policy = await loadPolicy({ cwd: ctx.cwd, home: ctx.home });
    const where = file ?? 'no project config (shipped packs only)';
    const loaded = ok('config', `${where}: ${policy.rules.length} rules load, default ${policy.default}`);
    if (!file) return [warn('config', `${where}; unmatched commands get ${policy.default}`, 'nomos init --profile balanced')];
    const trust = policy.untrusted
      ? [warn('trust', `${policy.untrusted.file} is not trusted as it is, so what in it would loosen the policy is left out (${policy.untrusted.ignored.join('; ')})`, 'read it, then run  nomos trust')]
      : [];
    return [loaded, ...trust, ...(await lint(ctx))];
  } catch (error) {
    if (!(error instanceof NomosError)) throw error;
    return [fail('config', `${file ?? 'the policy'} does not load: nomos refuses every command (exit 78):\n${error.message}`, 'fix the file at the line and column shown')];
  }
}

async function lint(ctx: DoctorContext): Promise<CheckResult[]> {
  if (!hasCommand(ctx.program, ['lint'])) return [];
  const result = await ctx.runSelf(['lint']);
  if (result.code === 0) return [ok('lint', 'nomos lint finds nothing')];
  return [fail('lint', `nomos lint: ${firstLine(result)}`, 'run nomos lint and fix what it reports')];
}

/** Some agent's settings run nomos (a Claude Code or Gemini CLI hook, or nomos as an MCP server). */
export function checkAgentHook(ctx: DoctorContext): CheckResult {
  const places = [
    join(ctx.home, '.claude', 'settings.json'), join(ctx.cwd, '.claude', 'settings.json'), join(ctx.cwd, '.claude', 'settings.local.json'),
    join(ctx.home, '.gemini', 'settings.json'), join(ctx.cwd, '.gemini', 'settings.json'), join(ctx.cwd, '.mcp.json'),
  ];
  const wired = places.filter((path) => existsSync(path) && runsNomos(parseOrUndefined(readFileSync(path, 'utf8'))));
  const fix = 'nomos init --agent claude-code --write  (or gemini-cli, mcp); or have the agent run every command as  nomos exec -- <command>';
  if (!wired.length) return warn('agent hook', 'no agent settings run nomos, so nothing puts the agent behind it yet', fix);
  const used = wired.flatMap((path) => nomosCommandsIn(parseOrUndefined(readFileSync(path, 'utf8'))));
  const absent = [...new Set(used.filter((command) => !hasCommand(ctx.program, command)).map((c) => c.join(' ')))].map((c) => c.split(' '));
  if (absent.length) {
    const names = absent.map((c) => `nomos ${c.join(' ')}`).join(', ');
    return warn('agent hook', `${wired.join(', ')} run ${names}, which this version of nomos does not have yet`, 'until it does, have the agent run commands as  nomos exec -- <command>');
  }
  // A hook under the wrong event, a narrow matcher, an `if`, `async`, or hooks turned off: some tool calls are never decided.
  const gaps = wired.flatMap((path) => {
    const agent = /\.claude\b/.test(path) ? 'claude-code' : /\.gemini\b/.test(path) ? 'gemini-cli' : undefined;
    return agent ? hookCoverageGaps(parseOrUndefined(readFileSync(path, 'utf8')), agent).map((gap) => `${path} runs nomos hook ${agent}, but ${gap}`) : [];
  });
  const untrusted = geminiTrustGap(ctx.cwd, ctx.home, ctx.env);
  if (untrusted) gaps.push(untrusted);
  if (gaps.length) return warn('agent hook', gaps.join('; '), 'run it under PreToolUse (Claude Code) or BeforeTool (Gemini CLI) with matcher "*", no "if", not async, hooks on (as nomos init --agent … writes it); for Gemini CLI, trust the folder or put the hook in ~/.gemini/settings.json');
  // Claude Code runs the tool when a hook times out or cannot start, unless the hook says otherwise.
  const open = wired.filter((path) => /\.claude\b/.test(path) && claudeNomosHandlers(parseOrUndefined(readFileSync(path, 'utf8'))).some((h) => h.onFailure !== 'block'));
  if (open.length) {
    return warn('agent hook', `${open.join(', ')} run nomos hook claude-code without "onFailure": "block": when the hook times out or cannot start, Claude Code runs the tool`,
      'add "onFailure": "block" to that hook (Claude Code 2.1.295 and later), or run  nomos init --agent claude-code --write');
  }
  return ok('agent hook', `wired in ${wired.join(', ')}`);
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
