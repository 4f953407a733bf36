import type { Readable, Writable } from 'node:stream';
import { HttpRequestError, planHttpRequest, type BodySource, type HttpRequestInput } from '../../action/http-request.js';
import type { Request } from '../../action/request.js';
import type { HttpAction } from '../../action/types.js';
import { analysisContext } from '../../config/context.js';
import { ExitCode, UsageError } from '../../errors.js';
import { streamFile } from '../../execute/fs/content.js';
import { resolveRealPath } from '../../execute/fs/resolve.js';
import { systemResolver } from '../../execute/http/address.js';
import { performHttp, type HttpIo } from '../../execute/http/perform.js';
import { execute, settle, type RunDeps } from '../../pipeline.js';
import { cliStreams, loadActionDeps, type ActionFlags } from '../action-deps.js';
import type { CliEnv } from '../context.js';
import { formatDenial } from '../format.js';
import { parseDuration } from '../options.js';

export interface HttpOptions extends ActionFlags {
  header?: string[];
  data?: string;
  jsonBody?: string;
  dataBinary?: string;
  maxBytes?: string;
  timeout?: string;
  maxRedirects?: string;
  include?: boolean;
  json?: boolean;
  blockPrivate?: boolean;
}

/** `nomos http [METHOD] URL`: decide the request (and any body file read), send it, decide each redirect hop. Returns the exit code. */
export async function runHttp(words: string[], options: HttpOptions, cli: CliEnv): Promise<number> {
  const ctx = analysisContext(cli.cwd, cli.env);
  const plan = toPlan(words, options, ctx);
  // A body file is decided by its real location, like `nomos fs read` (a link into ~/.ssh is ~/.ssh).
  const reads = plan.reads.map((r) => ({ ...r, path: resolveRealPath(r.path, { cwd: cli.cwd, home: ctx.home, followsFinal: true }) }));
  const streams = cliStreams(cli);
  let deps: RunDeps | undefined;
  const io: HttpIo = {
    output: streams.stdout as Writable,
    include: options.include === true,
    json: options.json === true,
    ...(options.maxBytes !== undefined ? { maxBytes: parseCount(options.maxBytes, '--max-bytes') } : {}),
    timeoutMs: parseDuration(options.timeout ?? '30s'),
    maxRedirects: parseCount(options.maxRedirects ?? '10', '--max-redirects'),
    blockPrivate: options.blockPrivate === true || cli.env.NOMOS_HTTP_BLOCK_PRIVATE === '1',
    resolver: systemResolver,
    body: () => openBody(plan.body, reads[0]?.path, streams.stdin as Readable),
    checkHop: async (action) => {
      const verdict = await settle({ kind: 'actions', actions: [action], text: requestText(action) }, deps!);
      const next = verdict.evaluation.actions[0];
      return verdict.decision === 'deny' || next?.kind !== 'http' ? { denial: formatDenial(verdict.evaluation, verdict.approval?.reason) } : { action: next };
    },
  };
  const request: Request = { kind: 'actions', actions: [plan.http, ...reads], text: requestText(plan.http) };
  deps = await loadActionDeps(options, cli, { perform: (decided) => performHttp(decided.find((a) => a.kind === 'http')!, io) }, request);
  const { verdict, outcome } = await execute(request, deps);
  if (!outcome) {
    cli.stderr(`${formatDenial(verdict.evaluation, verdict.approval?.reason)}\n`);
    return ExitCode.denied;
  }
  return outcome.exitCode;
}

function toPlan(words: string[], options: HttpOptions, ctx: { cwd: string; home: string }) {
  const input: HttpRequestInput = {
    words, headers: options.header ?? [],
    ...(options.data !== undefined ? { data: options.data } : {}),
    ...(options.jsonBody !== undefined ? { jsonBody: options.jsonBody } : {}),
    ...(options.dataBinary !== undefined ? { dataBinary: options.dataBinary } : {}),
  };
  try {
    return planHttpRequest(input, ctx);
  } catch (e) {
    if (e instanceof HttpRequestError) throw new UsageError(e.message);
    throw e;
  }
}

/** The body, read only after the decision; a file goes through the same checked open as `nomos fs read`. */
async function openBody(source: BodySource, path: string | undefined, stdin: Readable): Promise<string | Buffer | Readable | undefined> {
  if (source.kind === 'none') return undefined;
  if (source.kind === 'text') return source.text;
  if (source.kind === 'stdin') return stdin;
  const { PassThrough } = await import('node:stream');
  const pipe = new PassThrough();
  streamFile(path!, () => pipe).then(() => pipe.end(), (e: Error) => pipe.destroy(e));
  return pipe;
}

/** Method and URL only: header values and bodies never go into the request text that is logged. */
function requestText(action: HttpAction): string {
  return `nomos http ${action.method} ${action.url}`;
}

function parseCount(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} takes a whole number, not "${text}"`);
  return Number(text);
}

