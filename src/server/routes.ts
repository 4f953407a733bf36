import type { IncomingMessage, ServerResponse } from 'node:http';
import { evaluationJson } from '../cli/format.js';
import { answerFor } from '../integrations/answer.js';
import type { CallOptions, Firewall, RunResult } from '../integrations/firewall.js';
import { asObject, MalformedInput, optionalString } from '../integrations/input.js';
import { parseToolRequest, type ToolRequest } from '../integrations/wire.js';
import { readRecent } from '../audit/read.js';
import { HttpError, readJsonBody, sendJson } from './http-io.js';

/** What the routes need: the firewall (policy loaded once), the audit log, the body limit. */
export interface RouteDeps {
  firewall: Firewall;
  auditLog: string;
  maxBodyBytes: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, deps: RouteDeps, url: URL) => Promise<void>;

// Approving over HTTP would let any holder of the token (the agent's own process) approve itself;
// until answers can be tied to a human, requests that ask are denied and approvals stay with `nomos approve`.
const NO_QUEUE = 'nomos serve does not queue approvals: a request that needs approval is denied; approve requests of nomos exec with `nomos approve`';

/** The API, by method and path; `/v1/approve/<id>` is matched by prefix. */
export const ROUTES: Record<string, Handler> = {
  'GET /healthz': async (_req, res) => sendJson(res, 200, { ok: true }),
  'POST /v1/check': async (req, res, deps) => {
    const { request, call } = await readCall(req, deps);
    sendJson(res, 200, evaluationJson(await deps.firewall.check(request, call)));
  },
  'POST /v1/exec': async (req, res, deps) => {
    const { request, call } = await readCall(req, deps);
    sendJson(res, 200, execJson(await deps.firewall.run(request, call)));
  },
  'GET /v1/audit': async (_req, res, deps, url) => {
    const limit = Number(url.searchParams.get('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new HttpError(400, 'limit must be an integer from 1 to 10000');
    // The audit module's reader: skips a torn last line and reads across rotated files.
    sendJson(res, 200, { events: readRecent(deps.auditLog, () => true, limit).map((s) => s.event) });
  },
  'GET /v1/pending': async () => {
    throw new HttpError(501, NO_QUEUE);
  },
  'POST /v1/approve': async () => {
    throw new HttpError(501, NO_QUEUE);
  },
};

/** The route key of a request (`POST /v1/approve/42` → `POST /v1/approve`). */
export function routeKey(method: string, path: string): string {
  return `${method} ${path.startsWith('/v1/approve/') ? '/v1/approve' : path}`;
}

async function readCall(req: IncomingMessage, deps: RouteDeps): Promise<{ request: ToolRequest; call: CallOptions }> {
  try {
    const body = asObject(await readJsonBody(req, deps.maxBodyBytes), 'body');
    const session = optionalString(body, 'session');
    const cwd = optionalString(body, 'cwd');
    if (cwd !== undefined && !cwd.startsWith('/')) throw new MalformedInput('cwd must be an absolute path');
    return { request: parseToolRequest(body.request), call: { ...(session ? { session } : {}), ...(cwd ? { cwd } : {}) } };
  } catch (e) {
    if (e instanceof MalformedInput) throw new HttpError(400, e.message);
    throw e;
  }
}

function execJson(result: RunResult): Record<string, unknown> {
  const { outcome } = result;
  return {
    ...answerFor(result.verdict),
    ...(outcome ? {
      outcome: {
        exit_code: outcome.exitCode, stdout: outcome.stdout, stderr: outcome.stderr, duration_ms: outcome.durationMs,
        ...(outcome.status !== undefined ? { status: outcome.status } : {}), ...(outcome.timedOut ? { timed_out: true } : {}),
      },
    } : {}),
  };
}
