import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { ruleFileSchema, type RuleFileSpec } from './schema.js';

/** A rule file's content with where each rule starts. */
export interface ParsedRuleFile {
  file: string;
  spec: RuleFileSpec;
  /** Line and column (1-based) of each rule, by index. */
  ruleLocations: { line: number; col: number }[];
}

/**
 * Parses and validates a rule file's text. Every problem is collected with its
 * `file:line:col`; any problem throws: a policy that does not load never decides.
 */
export function parseRuleFile(text: string, file: string): ParsedRuleFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { file, line: pos.line, col: pos.col, code: 'nomos.rules.yaml', message: e.message.split('\n')[0]! };
  });
  if (problems.length) throw new ConfigError(problems);
  const result = ruleFileSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => {
      const { line, col } = locate(doc, lineCounter, issue.path as (string | number)[]);
      return { file, line, col, code: 'nomos.rules.schema', message: describeIssue(issue) };
    }));
  }
  const ruleLocations = result.data.rules.map((_, i) => locate(doc, lineCounter, ['rules', i]));
  return { file, spec: result.data, ruleLocations };
}

/** The position of the deepest existing node on the path. */
function locate(doc: Document, lc: LineCounter, path: (string | number)[]): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

function describeIssue(issue: { message: string; path: PropertyKey[]; code: string; keys?: string[] }): string {
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys' && issue.keys) return `${where}unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${where}${issue.message}`;
}
