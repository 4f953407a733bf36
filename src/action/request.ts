import { analyzeArgv } from './argv.js';
import { analyzeShell } from './shell/analyze.js';
import type { SyntaxNode } from './shell/syntax.js';
import type { Analysis, AnalysisContext } from './types.js';

/**
 * What an agent asks for: a shell command string, an argv to run without a shell, or
 * actions a front end has already derived from an agent's tool call (`analyzed`: a file
 * read, a fetch, an MCP call), evaluated as direct requests.
 */
export type Request =
  | { kind: 'shell'; command: string }
  | { kind: 'argv'; argv: string[] }
  | { kind: 'analyzed'; analysis: Analysis; text: string };

/** Turns a request into actions. Pure: the parser and context are passed in. */
export function analyzeRequest(request: Request, parse: (s: string) => SyntaxNode, ctx: AnalysisContext): Analysis {
  if (request.kind === 'analyzed') return request.analysis;
  return request.kind === 'shell' ? analyzeShell(request.command, parse, ctx) : analyzeArgv(request.argv, parse, ctx);
}

/** The request as one line of text, for messages and the audit log. */
export function requestText(request: Request): string {
  if (request.kind === 'analyzed') return request.text;
  return request.kind === 'shell' ? request.command : request.argv.join(' ');
}
