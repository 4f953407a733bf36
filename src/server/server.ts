import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { hasToken } from './auth.js';
import { HttpError, sendJson } from './http-io.js';
import { ROUTES, routeKey, type RouteDeps } from './routes.js';

/** How the decision server is set up. */
export interface ServerOptions extends RouteDeps {
  /** Required as a bearer token when set (always, on TCP). */
  token?: string;
}

/**
 * The HTTP decision server. Bodies stream in asynchronously and decisions are short
 * synchronous steps, so one slow client cannot stall the others; the timeouts drop
 * clients that trickle headers or bodies.
 */
export function createDecisionServer(options: ServerOptions): Server {
  const server = createServer((req, res) => void handle(req, res, options));
  server.headersTimeout = 5_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ServerOptions): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://nomos.invalid');
    const key = routeKey(req.method ?? 'GET', url.pathname);
    const handler = ROUTES[key];
    if (!handler) throw notFound(url.pathname);
    if (key !== 'GET /healthz' && options.token && !hasToken(req, options.token)) {
      return sendJson(res, 401, { error: 'missing or wrong bearer token (Authorization: Bearer <token>)' }, { 'www-authenticate': 'Bearer' });
    }
    await handler(req, res, options, url);
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    const message = error instanceof Error ? error.message : String(error);
    if (!res.headersSent) sendJson(res, status, { error: status === 500 ? `internal error: ${message}` : message }, status === 413 ? { connection: 'close' } : {});
    // An oversized body is not read to its end: close rather than parse the rest as a request.
    if (status === 413) res.once('finish', () => req.destroy());
  }
}

function notFound(path: string): HttpError {
  const known = Object.keys(ROUTES).some((k) => k.endsWith(` ${path}`));
  return known ? new HttpError(405, `wrong method for ${path}`) : new HttpError(404, `no such endpoint: ${path}`);
}
