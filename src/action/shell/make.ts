// GNU make: what it runs from its arguments and environment besides the Makefile (which nomos
// does not read). A variable given on the command line overrides the Makefile's; one from the
// environment overrides make's built-in defaults (`CC=x make foo` with foo.c and no Makefile runs x).
import type { ExecAction } from '../types.js';
import { variableCommand } from './command-variables.js';
import type { InnerRun } from './executors.js';
import type { WordValue } from './words.js';

/**
 * Variables whose value starts a recipe line, so names the program it runs: those of make's
 * built-in rules (`make -p -f /dev/null`, GNU make 4.3), `$(MAKE)` of recursive makes, and the
 * GNU coding standards' and autoconf's program variables. A Makefile can run any variable;
 * others are read as data (nomos does not read the Makefile either).
 */
const PROGRAM_VARIABLES = ' AR AS CC CXX CPP FC F77 M2C PC CO GET LEX YACC LINT MAKEINFO TEX TEXI2DVI WEAVE CWEAVE TANGLE CTANGLE RM LD OBJC MAKE '
  + 'CHECKOUT,v INSTALL INSTALL_PROGRAM INSTALL_DATA INSTALL_SCRIPT INSTALL_STRIP_PROGRAM MKDIR_P LN_S RANLIB STRIP NM OBJCOPY OBJDUMP READELF '
  + 'PKG_CONFIG CCLD HOSTCC HOSTCXX HOSTLD PYTHON PERL SED AWK GREP EGREP FGREP BISON FLEX ';
/** The built-in rules' command variables (`COMPILE.c = $(CC) $(CFLAGS) … -c`). */
const PROGRAM_FAMILY = /^(?:LINK|COMPILE|PREPROCESS|LINT|YACC|LEX)\.\w+$/;

/**
 * Text that is make or shell syntax in a recipe line: make expands `$(shell …)` in any variable it
 * uses, and a shell runs the line, so `;`, `|`, `>`, quotes and the like in a value can add commands
 * or redirects (`make 'CFLAGS=; rm -rf ~;' foo` ran rm).
 */
const RECIPE_SYNTAX = /[$`;&|<>()\n'"\\]/;

/** `NAME=value` (also `:=`, `::=`, `:::=`, `+=`, `?=`, `!=`, blanks around the operator), as make reads a word. */
const ASSIGNMENT = /^([^\s:#=]+?)\s*(:{0,3}|[+?!])=\s*([^]*)$/;

/** MAKEFLAGS words that only tune how make runs (`-j8`, `k`, `--no-print-directory`): others may add code, a Makefile or a SHELL. */
const QUIET_MAKEFLAG = /^(?:-?[BdeikLnpqrRsStvwj]*\d*|--(?:jobs|load-average|max-load|output-sync|no-print-directory|print-directory|keep-going|silent|quiet|always-make|warn-undefined-variables|no-builtin-rules|no-builtin-variables|debug|trace|no-silent|no-keep-going|shuffle)(?:=\S*)?|\d+)$/;
const FLAG_VARIABLES = ' MAKEFLAGS GNUMAKEFLAGS MFLAGS MAKEFILES ';

/** .SHELLFLAGS words that only set the shell's options (`-ec`, `-o pipefail -c`): any other is a word the shell runs (`-c rm`). */
const quietShellFlags = (words: string[]) => words.every((w, i) => /^[-+][a-zA-Z]+$/.test(w) || (/^[-+][a-zA-Z]*o$/.test(words[i - 1] ?? '') && /^[a-z]+$/.test(w)));

/** make's options whose value is the next word when not attached (a file or directory, never a variable). */
const VALUE_OPTION = /^(?:-[^-]*[CIoW]|--(?:directory|include-dir|old-file|assume-old|new-file|assume-new|what-if))$/;

/**
 * GNU make: `--eval`/`-E` is Makefile code given inline, `-f -` a Makefile read from its input, and
 * MAKEFLAGS, GNUMAKEFLAGS, MFLAGS or MAKEFILES (as variables or arguments) can bring either: opaque.
 * Variables make gets (arguments, anywhere; the environment) are decided by makeVariable.
 */
export function makeRuns(action: ExecAction, words: WordValue[]): InnerRun[] {
  const runs: InnerRun[] = [];
  for (const name of Object.keys(action.env)) {
    runs.push(...makeVariable(name, '=', { value: action.env[name]!, dynamic: action.dynamicEnv?.includes(name) ?? false }, false));
  }
  let options = true;
  for (let i = 1; i < words.length; i++) {
    const { value: word, dynamic } = words[i]!;
    if (options && word === '--') options = false;
    else if (options && word.startsWith('-') && word !== '-') {
      const eq = word.indexOf('=');
      if (word.startsWith('--') && word.length >= 4 && '--eval'.startsWith(eq < 0 ? word : word.slice(0, eq))) runs.push({ via: 'make --eval', opaque: 'make --eval runs Makefile code given inline' });
      else if (/^-[^-]*E/.test(word)) runs.push({ via: 'make -E', opaque: 'make -E runs Makefile code given inline' });
      else if (/^-[^-]*f$/.test(word) || /^--(?:file|makefile)$/.test(word)) {
        if (words[i + 1]?.value === '-' || words[i + 1]?.value === '/dev/stdin') runs.push({ via: 'make -f', opaque: 'make reads a Makefile from its input' });
        i++;
      } else if (/^-[^-]*f(?:-|\/dev\/stdin)$/.test(word) || /^--(?:file|makefile)=(?:-|\/dev\/stdin)$/.test(word)) runs.push({ via: 'make -f', opaque: 'make reads a Makefile from its input' });
      else if (VALUE_OPTION.test(word)) i++;
    } else {
      const assignment = ASSIGNMENT.exec(word);
      // A word nomos cannot know may be (or split into) an assignment: `make $t` with t='CC=./x foo'.
      if (dynamic && (!assignment || assignment[1]!.includes('$'))) runs.push({ via: 'make', opaque: 'make gets a word nomos cannot know, which may set a variable its recipes run' });
      else if (assignment) runs.push(...makeVariable(assignment[1]!, assignment[2]!, { value: assignment[3]!, dynamic }, true));
    }
  }
  return runs;
}

/**
 * What one variable make gets runs: `X!=cmd` runs cmd at once (and its output becomes recipe text);
 * a program variable (`CC=x`) is a command; SHELL runs every recipe (GNU make takes it from the
 * command line, never from the environment); any value holding make or shell syntax, or (on the
 * command line) one nomos cannot know, may add commands to the recipes that use it.
 */
function makeVariable(name: string, op: string, value: WordValue, argument: boolean): InnerRun[] {
  const via = `make ${name}`;
  if (FLAG_VARIABLES.includes(` ${name} `)) {
    const quiet = !value.dynamic && (name === 'MAKEFILES' ? value.value.trim() === '' : value.value.trim().split(/\s+/).every((w) => w === '' || QUIET_MAKEFLAG.test(w)));
    return quiet ? [] : [{ via, opaque: `${name} can give make code or a Makefile nomos cannot see` }];
  }
  if (op === '!') return [{ via: `make ${name}!=`, shell: value }, { via, opaque: `make ${name}!= makes the output of a command recipe text` }];
  if (name === 'SHELL') {
    const run = argument ? variableCommand('SHELL', value, 'make SHELL') : undefined;
    return run ? [run] : [];
  }
  if (name === '.SHELLFLAGS') {
    const quiet = !value.dynamic && quietShellFlags(value.value.trim().split(/\s+/).filter((w) => w !== ''));
    return quiet ? [] : [{ via, opaque: '.SHELLFLAGS gives the shell that runs each recipe words of its own' }];
  }
  if (!value.dynamic && RECIPE_SYNTAX.test(value.value)) return [{ via, opaque: `make's variable ${name} holds make or shell syntax, which the recipes that use it run` }];
  if (name === 'CROSS_COMPILE' && (value.dynamic || value.value !== '')) return [{ via, opaque: 'CROSS_COMPILE is the start of the names of the programs the Makefile runs' }];
  if (PROGRAM_VARIABLES.includes(` ${name} `) || PROGRAM_FAMILY.test(name)) return [{ via, shell: value }];
  return argument && value.dynamic ? [{ via, opaque: `make's variable ${name} is not known statically, and the recipes that use it run its text` }] : [];
}
