import { analyzeArgv } from './argv.js';
import { analyzeShell } from './shell/analyze.js';
import type { SyntaxNode } from './shell/syntax.js';
import type { Analysis, AnalysisContext } from './types.js';

/** What an agent asks for: a shell command string, or an argv to run without a shell. */
export type Request = { kind: 'shell'; command: string } | { kind: 'argv'; argv: string[] };

/** Turns a request into actions. Pure: the parser and context are passed in. */
export function analyzeRequest(request: Request, parse: (s: string) => SyntaxNode, ctx: AnalysisContext): Analysis {
  return request.kind === 'shell' ? analyzeShell(request.command, parse, ctx) : analyzeArgv(request.argv, parse, ctx);
}

/** The request as one line of text, for messages and the audit log. */
export function requestText(request: Request): string {
  return request.kind === 'shell' ? request.command : request.argv.join(' ');
}
