import { visible } from '../../visible.js';
import type { Finding } from '../check-rules.js';

/** Output formats of `nomos lint`. */
export type LintFormat = 'human' | 'json' | 'github' | 'sarif';

const where = (f: Finding) => `${f.file}:${f.line ?? 1}:${f.col ?? 1}`;

/** Renders findings: one line each for people and CI annotations, or one JSON/SARIF document. */
export function formatFindings(findings: Finding[], format: LintFormat): string {
  if (format === 'json') return `${JSON.stringify(findings.map((f) => ({ file: f.file, line: f.line ?? 1, col: f.col ?? 1, code: f.code, rule: f.rule ?? null, message: f.message })), null, 2)}\n`;
  if (format === 'sarif') return `${JSON.stringify(toSarif(findings), null, 2)}\n`;
  if (format === 'github') {
    // GitHub workflow commands: the runner reads every line of the log as one, so a file name (a
    // repository's) holding a line break could issue its own. The message escapes %, CR and LF;
    // a property value (file, title) also `:` and `,`, which would end it.
    const esc = (s: string) => s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
    const prop = (s: string) => esc(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
    return findings.map((f) => `::error file=${prop(f.file)},line=${f.line ?? 1},col=${f.col ?? 1},title=${prop(f.code)}::${esc(`${f.rule ? `${f.rule}: ` : ''}${f.message}`)}\n`).join('');
  }
  // Findings quote rule files a repository may bring: each line escaped for the terminal.
  const lines = findings.map((f) => `${visible(`${where(f)}: ${f.code}${f.rule ? ` [${f.rule}]` : ''}: ${f.message}`)}\n`);
  return lines.join('') + (findings.length ? `${findings.length} finding${findings.length === 1 ? '' : 's'}\n` : 'no findings\n');
}

function toSarif(findings: Finding[]): object {
  const codes = [...new Set(findings.map((f) => f.code))];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'nomos', rules: codes.map((id) => ({ id })) } },
      results: findings.map((f) => ({
        ruleId: f.code,
        level: 'error',
        message: { text: `${f.rule ? `${f.rule}: ` : ''}${f.message}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: f.line ?? 1, startColumn: f.col ?? 1 } } }],
      })),
    }],
  };
}
