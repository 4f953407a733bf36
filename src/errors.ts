/** Exit codes, the one table (README "Exit codes" mirrors it). A child's own code passes through otherwise. */
export const ExitCode = {
  ok: 0,
  /** `lint`/`test` findings, `audit verify` broken, `session list` found damaged sessions. */
  findings: 1,
  /** `check`: the decision would be ask. */
  wouldAsk: 75,
  /** Denied, or an approval refused or timed out. */
  denied: 77,
  /** Usage error (bad flags, missing command). */
  usage: 64,
  /** Config or rule error: nomos refuses to decide with a policy it cannot read. */
  config: 78,
  /** Internal error (a bug in nomos). */
  internal: 70,
  /** The program to run was not found (as a shell reports it). */
  notFound: 127,
  /** The program was found but could not be executed. */
  notExecutable: 126,
} as const;

/** Where in a file a problem is, 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  col?: number;
}

/** Formats `file:line:col` (only the parts that are known). */
export function formatLocation(loc: SourceLocation): string {
  return [loc.file, loc.line, loc.line !== undefined ? loc.col : undefined].filter((x) => x !== undefined).join(':');
}

/** Base of every error nomos reports: a stable code and the exit code to end with. */
export class NomosError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NomosError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A bad command line. */
export class UsageError extends NomosError {
  constructor(message: string) {
    super('nomos.usage', message, ExitCode.usage);
    this.name = 'UsageError';
  }
}

/** One problem found in a config or rule file. */
export interface ConfigProblem extends SourceLocation {
  message: string;
  code: string;
}

/** A config or rule file that cannot be used; carries every problem found, not just the first. */
export class ConfigError extends NomosError {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[], options?: { cause?: unknown }) {
    const lines = problems.map((p) => `${formatLocation(p)}: ${p.message}`);
    super(problems[0]?.code ?? 'nomos.config.invalid', lines.join('\n'), ExitCode.config, options);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** The action was denied (by a rule, by a human, or by a timeout). */
export class DeniedError extends NomosError {
  constructor(message: string) {
    super('nomos.denied', message, ExitCode.denied);
    this.name = 'DeniedError';
  }
}

/** A program that could not be started. */
export class SpawnError extends NomosError {
  constructor(message: string, exitCode: number, options?: { cause?: unknown }) {
    super('nomos.spawn', message, exitCode, options);
    this.name = 'SpawnError';
  }
}
