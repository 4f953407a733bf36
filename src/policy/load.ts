import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError, type ConfigProblem } from '../errors.js';
import type { ParsedRuleFile } from './compile.js';
import { ruleFileSchema } from './schema.js';
import { closest, keysAt } from './suggest.js';

export type { ParsedRuleFile } from './compile.js';

/** Where a data path (`["rules", 2, "when"]`) sits in the file, 1-based. */
export type Locate = (path: (string | number)[], at?: 'key') => { line: number; col: number };

/** A rule file read with every problem collected and positions kept, for load and lint. */
export interface RuleFileRead {
  parsed?: ParsedRuleFile;
  problems: ConfigProblem[];
  locate: Locate;
}

/** Parses and validates a rule file's text, collecting every problem with `file:line:col`. */
export function readRuleText(text: string, file: string): RuleFileRead {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate: Locate = (path, at) => locateIn(doc, lineCounter, path, at);
  const problems: ConfigProblem[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { file, line: pos.line, col: pos.col, code: 'nomos.rules.yaml', message: e.message.split('\n')[0]! };
  });
  if (problems.length) return { problems, locate };
  const result = ruleFileSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    return { locate, problems: result.error.issues.flatMap((issue) => toProblems(issue, file, locate)) };
  }
  const ruleLocations = result.data.rules.map((_, i) => locate(['rules', i]));
  return { parsed: { file, spec: result.data, ruleLocations }, problems: [], locate };
}

/** Parses a rule file; any problem throws: a policy that does not load never decides. */
export function parseRuleFile(text: string, file: string): ParsedRuleFile {
  const read = readRuleText(text, file);
  if (!read.parsed) throw new ConfigError(read.problems);
  return read.parsed;
}

/** The position of the value (or with `at: 'key'`, the key) at the end of the path, else of the deepest existing node on it. */
function locateIn(doc: Document, lc: LineCounter, path: (string | number)[], at?: 'key'): { line: number; col: number } {
  const parent = at === 'key' && path.length ? doc.getIn(path.slice(0, -1), true) : undefined;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1));
    if (pair && isNode(pair.key) && pair.key.range) return lc.linePos(pair.key.range[0]);
  }
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

type Issue = { message: string; path: PropertyKey[]; code: string; keys?: string[] };

/** One problem per issue; one per key for unknown keys, at the key, with a suggestion. */
function toProblems(issue: Issue, file: string, locate: Locate): ConfigProblem[] {
  const path = issue.path as (string | number)[];
  const where = path.length ? `${path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    const known = keysAt(ruleFileSchema, path);
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      return { file, ...locate([...path, key], 'key'), code: 'nomos.rules.unknown-key', message: `${where}unknown key "${key}"${guess ? `; did you mean "${guess}"?` : ''}` };
    });
  }
  return [{ file, ...locate(path), code: 'nomos.rules.schema', message: `${where}${issue.message}` }];
}
