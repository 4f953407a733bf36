import { isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { PolicyCase } from './testing.js';

const caseSchema = z.strictObject({
  note: z.string().optional(),
  cmd: z.string().optional(),
  action: z.looseObject({ kind: z.enum(['exec', 'file', 'http', 'mcp']) }).optional(),
  want: z.enum(['allow', 'modify', 'ask', 'deny']),
  rules: z.array(z.string()).optional(),
  session: z.array(z.record(z.string(), z.unknown())).optional(),
  actor: z.string().optional(),
}).refine((c) => (c.cmd === undefined) !== (c.action === undefined), 'a case has either cmd or action')
  .refine((c) => c.action?.kind !== 'mcp' || (isName(c.action.server) && isName(c.action.tool)), 'an mcp action names its server and tool');

const isName = (v: unknown) => typeof v === 'string' && v !== '';

/** Parses a `*.test.yaml` file: a list of cases, each with its position. Any problem throws (exit 78). */
export function parseTestFile(text: string, file: string): PolicyCase[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const at = (offset: number) => {
    const p = lc.linePos(offset);
    return `${file}:${p.line}:${p.col}`;
  };
  if (doc.errors.length) throw new ConfigError(doc.errors.map((e) => ({ file, ...lc.linePos(e.pos[0]), code: 'nomos.test.yaml', message: e.message.split('\n')[0]! })));
  const items = isSeq(doc.contents) ? doc.contents.items : [];
  const parsed = z.array(caseSchema).safeParse(doc.toJS() ?? []);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ file, code: 'nomos.test.schema', message: `${i.path.join('.')}: ${i.message}`, ...lc.linePos((items[i.path[0] as number]?.range?.[0]) ?? 0) })));
  }
  return parsed.data.map((c, i) => ({ ...(c as Omit<PolicyCase, 'source'>), source: at((items[i] as { range?: [number] } | undefined)?.range?.[0] ?? 0) }));
}
