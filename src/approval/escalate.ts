import type { Evaluation } from '../policy/evaluate.js';

/** A human's answer to an `ask`. */
export interface Approval {
  approved: boolean;
  /** Who or what answered: `tty`, `ci`, `no-tty`, `timeout`. */
  by: string;
  reason: string;
}

/** How an `ask` is put to a human; passed in, so the pipeline can be tested without a terminal. */
export interface Escalator {
  ask(evaluation: Evaluation, commandText: string): Promise<Approval>;
}

/** Settings that decide whether a prompt is possible. */
export interface EscalationOptions {
  /** `--no-prompt`, or `CI=true`: ask becomes deny at once. */
  prompt: boolean;
  timeoutMs: number;
}

/**
 * The default escalator: a y/N prompt on /dev/tty (never on the agent's stdout); in CI,
 * with `--no-prompt`, or with no terminal, ask becomes deny (fail closed).
 */
export function createEscalator(options: EscalationOptions): Escalator {
  return {
    async ask(evaluation, commandText) {
      const asked = evaluation.rules.filter((r) => r.decision === 'ask').map((r) => r.id);
      const which = asked.length ? `${asked.join(', ')} asked` : evaluation.reason;
      if (!options.prompt) return { approved: false, by: 'no-prompt', reason: `approval needed (${which}) and prompting is off` };
      const { promptOnTty } = await import('./tty-prompt.js');
      return promptOnTty(evaluation, commandText, options.timeoutMs, which);
    },
  };
}
