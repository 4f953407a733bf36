import { table } from './table.js';
import type { ExecAction } from './types.js';

/** Global options (before the subcommand) that take a value, per program. */
const GLOBAL_VALUE_OPTIONS = table<string, string[]>({
  git: ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--super-prefix', '--config-env', '--attr-source'],
  docker: ['-H', '--host', '--context', '-c', '--config', '-l', '--log-level'],
  kubectl: ['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-s', '--server', '--user'],
  npm: ['--prefix', '-C', '-w', '--workspace'],
});

/**
 * The program followed by its positional words, with the program's global options and
 * their values skipped: `git -C dir push -f origin` → `git push origin`. Rules' `command:`
 * matches a prefix of this. Dynamic words keep their argv index so matching can tell.
 */
export function commandWords(action: ExecAction): { word: string; index: number }[] {
  const valueOptions = GLOBAL_VALUE_OPTIONS[action.program] ?? [];
  const out = [{ word: action.program, index: 0 }];
  for (let i = 1; i < action.argv.length; i++) {
    const word = action.argv[i]!;
    if (word === '--') continue;
    if (word.startsWith('-') && word.length > 1) {
      if (valueOptions.includes(word)) i++;
      continue;
    }
    out.push({ word, index: i });
  }
  return out;
}
