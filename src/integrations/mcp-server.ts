import { formatDenial } from '../cli/format.js';
import type { Firewall, RunResult } from './firewall.js';
import type { Performed } from './perform.js';
import type { ToolRequest } from './wire.js';

/** One MCP tool nomos offers: its arguments and the request they stand for. */
interface ToolSpec {
  name: string;
  description: string;
  shape: (z: typeof import('zod').z) => Record<string, import('zod').ZodType>;
  request: (args: Record<string, unknown>) => ToolRequest;
}

const str = (v: unknown) => v as string;

/** The tools of `nomos mcp`: each goes through the whole pipeline (decide, ask, record, run). */
export const MCP_TOOLS: ToolSpec[] = [
  {
    name: 'shell', description: 'Run a bash command line through the nomos firewall; output and exit code come back.',
    shape: (z) => ({ command: z.string().min(1).describe('the command line, run with bash -c') }),
    request: (a) => ({ kind: 'shell', command: str(a.command) }),
  },
  {
    name: 'read_file', description: 'Read a UTF-8 text file through the nomos firewall.',
    shape: (z) => ({ path: z.string().min(1).describe('absolute, or relative to the server cwd') }),
    request: (a) => ({ kind: 'file', op: 'read', path: str(a.path) }),
  },
  {
    name: 'write_file', description: 'Write (replace) a text file through the nomos firewall.',
    shape: (z) => ({ path: z.string().min(1), content: z.string() }),
    request: (a) => ({ kind: 'file', op: 'write', path: str(a.path), content: str(a.content) }),
  },
  {
    name: 'list_dir', description: 'List a directory (directories end in /) through the nomos firewall.',
    shape: (z) => ({ path: z.string().min(1) }),
    request: (a) => ({ kind: 'file', op: 'list', path: str(a.path) }),
  },
  {
    name: 'http_request', description: 'Make an HTTP request through the nomos firewall; redirects are not followed.',
    shape: (z) => ({ url: z.string().min(1), method: z.string().optional(), headers: z.record(z.string(), z.string()).optional(), body: z.string().optional() }),
    request: (a) => ({ kind: 'http', url: str(a.url), ...(a.method ? { method: str(a.method) } : {}), ...(a.headers ? { headers: a.headers as Record<string, string> } : {}), ...(a.body !== undefined ? { body: str(a.body) } : {}) }),
  },
];

/** An MCP tool result: a denial or a failed run is an error (isError) the model can read and adapt to. */
export function toolResult(result: RunResult): { content: { type: 'text'; text: string }[]; isError: boolean } {
  const { verdict, outcome } = result;
  if (!outcome) return { content: [{ type: 'text', text: formatDenial(verdict.evaluation, verdict.approval?.reason) }], isError: true };
  return { content: [{ type: 'text', text: describeOutcome(outcome) }], isError: outcome.exitCode !== 0 };
}

function describeOutcome(o: Performed): string {
  const parts = [o.stdout];
  if (o.stderr) parts.push(`[stderr]\n${o.stderr}`);
  if (o.status !== undefined) parts.unshift(`HTTP ${o.status}\n`);
  if (o.exitCode !== 0) parts.push(`[exit code ${o.exitCode}${o.timedOut ? ', timed out' : ''}]`);
  return parts.filter((p) => p !== '').join('\n');
}

/** Serves the tools over stdio until the client closes; the SDK loads only here (a lazy chunk). */
export async function serveMcp(firewall: Firewall, version: string): Promise<void> {
  const [{ McpServer }, { StdioServerTransport }, { z }] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/mcp.js'),
    import('@modelcontextprotocol/sdk/server/stdio.js'),
    import('zod'),
  ]);
  const server = new McpServer({ name: 'nomos', version });
  for (const tool of MCP_TOOLS) {
    server.registerTool(tool.name, { description: tool.description, inputSchema: tool.shape(z) }, async (args: Record<string, unknown>) => toolResult(await firewall.run(tool.request(args))));
  }
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
  await server.connect(transport);
  process.stdin.once('end', () => void server.close());
  await closed;
}
