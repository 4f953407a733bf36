import { describe, expect, it } from 'vitest';
import type { ExecAction } from '../../../src/action/types.js';
import { analyseCase, loadBothParsers } from './harness.js';

const parsers = await loadBothParsers();

/** The `expands` of each command a script runs, by program. */
const expands = (script: string) => {
  const out: Record<string, string[] | undefined> = {};
  for (const parser of parsers) {
    const seen = Object.fromEntries(analyseCase(script, parser!).actions.filter((a): a is ExecAction => a.kind === 'exec').map((a) => [a.program, a.expands]));
    Object.assign(out, seen);
    expect(seen, 'both parsers agree').toEqual(out);
  }
  return out;
};

describe('the variables a command expands', () => {
  it('names each variable in its words, quoted or not, resolved or not', () => {
    expect(expands('echo $GITHUB_TOKEN')).toEqual({ echo: ['GITHUB_TOKEN'] });
    expect(expands('printf "%s %s" "key=${API_KEY}" $HOME')).toEqual({ printf: ['API_KEY', 'HOME'] });
    expect(expands('echo ${DB_PASSWORD:-none} pre$A{x,y}')).toEqual({ echo: ['DB_PASSWORD', 'A'] });
  });

  it('names none for literals, lengths, set-tests and special parameters', () => {
    expect(expands("echo '$GITHUB_TOKEN' \\$X ${#TOKEN} ${TOKEN:+set} ${TOKEN+set} $1 $@ ls")).toEqual({ echo: undefined });
  });

  it('names the variables inside an expansion: a default, a replacement, an indirect name', () => {
    expect(expands('echo ${X:-$GITHUB_TOKEN} ${Y//a/$Z} ${!P} ${T:+$SECRET}')).toEqual({ echo: ['X', 'GITHUB_TOKEN', 'Y', 'Z', 'P', 'SECRET'] });
  });

  it('belongs to the command that expands it: a wrapper passes it on, a substitution keeps its own', () => {
    expect(expands('sudo echo $TOKEN')).toMatchObject({ echo: ['TOKEN'] });
    expect(expands("bash -c 'echo $TOKEN'")).toMatchObject({ echo: ['TOKEN'] });
    expect(expands('ls "$(echo $TOKEN)"')).toEqual({ ls: undefined, echo: ['TOKEN'] });
  });

  it('follows a value copied into another variable: an assignment, export, a loop, a chain of them', () => {
    expect(expands('t=$GITHUB_TOKEN; echo $t')).toEqual({ echo: ['t', 'GITHUB_TOKEN'] });
    expect(expands('export K="${AWS_SECRET_ACCESS_KEY}"; printf %s "$K"')).toEqual({ printf: ['K', 'AWS_SECRET_ACCESS_KEY'] });
    expect(expands('a=$TOKEN; b=x$a; c=$b; echo $c')).toEqual({ echo: ['c', 'b', 'a', 'TOKEN'] });
    expect(expands('for t in $API_KEY x; do echo $t; done')).toEqual({ echo: ['t', 'API_KEY'] });
    expect(expands("t=$TOKEN; bash -c 'echo $t'")).toMatchObject({ echo: ['t', 'TOKEN'] });
    expect(expands('a=(x "$API_KEY"); echo "${a[1]}"')).toEqual({ echo: ['a', 'API_KEY'] });
    // Indirection: `${!n}` is the variable n names.
    expect(expands('n=GITHUB_TOKEN; echo "${!n}"')).toEqual({ echo: ['n', 'GITHUB_TOKEN'] });
    expect(expands('n=t; t=$API_KEY; echo ${!n}')).toEqual({ echo: ['n', 't', 'API_KEY'] });
    expect(expands('echo ${!GITHUB*} ${!a[@]}')).toEqual({ echo: ['GITHUB', 'a'] });
    // A later value may be in a branch that did not run; a loop gives each.
    expect(expands('n=GITHUB_TOKEN; if c; then n=HOME; fi; echo "${!n}"')).toEqual({ echo: ['n', 'GITHUB_TOKEN', 'HOME'] });
    expect(expands('for n in HOME API_KEY; do printf %s "${!n}"; done')).toEqual({ printf: ['n', 'HOME', 'API_KEY'] });
  });

  it('keeps what a variable carried (a later assignment may not have run), and keeps a subshell\'s to itself', () => {
    expect(expands('t=$TOKEN; if c; then t=x; fi; echo $t')).toMatchObject({ echo: ['t', 'TOKEN'] });
    expect(expands('(t=$TOKEN); echo $t')).toMatchObject({ echo: ['t'] });
    expect(expands('t=literal; echo $t')).toEqual({ echo: ['t'] });
  });
});
