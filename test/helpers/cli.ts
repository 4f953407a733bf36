import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built launcher, as users run it. */
export const BIN = resolve(import.meta.dirname, '../../bin/nomos.js');

/** A temporary world for one test: HOME, cwd (the workspace), state dir and audit log. */
export interface Sandbox {
  root: string;
  home: string;
  cwd: string;
  state: string;
  audit: string;
  env: NodeJS.ProcessEnv;
  /** Writes a file under the sandbox root and returns its path. */
  write(relative: string, content: string): string;
}

export function makeSandbox(): Sandbox {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'nomos-test-')));
  const home = join(root, 'home');
  const cwd = join(root, 'work');
  const state = join(root, 'state');
  for (const dir of [home, cwd, state]) mkdirSync(dir, { recursive: true });
  const audit = join(root, 'audit.jsonl');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    NOMOS_STATE_DIR: state,
    NOMOS_AUDIT_LOG: audit,
    NOMOS_SESSION: 'test-session',
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.local/state'),
    NO_COLOR: '1',
    // A command that asks with no terminal waits for `nomos approve`; keep that short in tests.
    NOMOS_APPROVAL_TIMEOUT: '3s',
  };
  return {
    root, home, cwd, state, audit, env,
    write(relative, content) {
      const path = join(root, relative);
      mkdirSync(resolve(path, '..'), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
  };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns the built CLI with no stdin and no controlling terminal. */
export function runCli(args: string[], sandbox: Sandbox, options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? sandbox.cwd,
      env: { ...sandbox.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true, // a new session: no controlling terminal, as for an agent
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    // A child that exits without reading its input may close the pipe first (EPIPE under load): its output and code are the result.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** A rule file that allows everything not matched otherwise (for tests of running, not deciding). */
/** The user's own rule that listing and reading the project is fine (docs/integrations.md shows one like it). */
export function allowWorkspaceReads(sandbox: Sandbox): void {
  sandbox.write('home/.config/nomos/config.yaml', `version: 1
rules:
  - id: user.workspace-reads
    match: { file: { op: [read, list], paths: { under: ["\${workspace}"] } } }
    decision: allow
`);
}

export const ALLOW_BY_DEFAULT = 'version: 1\ndefault: allow\nrules: []\n';

/** Rules that allow `charge N` while the session's allowed charges stay within 10,000 (a budget test). */
export const BUDGET = `version: 1
rules:
  - id: t.charge
    match: { command: charge }
    decision: allow
    record: { amount: "=double(int(action.args[0]))" }
  - id: t.budget
    match: { command: charge }
    when: 'session.sum("amount", {"rule": "t.charge", "decision": "allow"}) + double(int(action.args[0])) > 10000.0'
    decision: deny
    message: over budget
`;

/** Runs a hook whose stdout pipe has no reader any more (the agent closed it): its exit code and stderr. */
export function hookWithReaderGone(agent: string, input: string, sandbox: Sandbox, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'hook', agent], { cwd: sandbox.cwd, env: { ...sandbox.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
    child.stdin.end(input);
  });
}


/** Trusts the project config that governs the workspace (or `cwd`) as it is now, as its human would: `nomos trust`. */
export async function trustProject(sandbox: Sandbox, cwd?: string): Promise<void> {
  const r = await runCli(['trust'], sandbox, cwd === undefined ? {} : { cwd });
  if (r.code !== 0) throw new Error(`nomos trust exited ${r.code}: ${r.stderr}`);
}
