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
    // `${!P}` with P not set here names a variable nomos cannot tell (`?`): the command is opaque (cases.test).
    expect(expands('echo ${X:-$GITHUB_TOKEN} ${Y//a/$Z} ${!P} ${T:+$SECRET}')).toEqual({ echo: ['X', 'GITHUB_TOKEN', 'Y', 'Z', 'P', '?', 'SECRET'] });
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
    // An element names its array; a transform (`@Q`) is still the variable's value; a chain of references is followed.
    expect(expands('n="GITHUB_TOKEN[0]"; echo "${!n}" "${!n@Q}"')).toEqual({ echo: ['n', 'GITHUB_TOKEN'] });
    expect(expands('declare -n a=GITHUB_TOKEN; declare -n b=a; echo $b')).toEqual({ echo: ['b', 'a', 'GITHUB_TOKEN'] });
    expect(expands('a=(x "$API_KEY"); declare -n r="a[1]"; echo "$r"')).toEqual({ echo: ['r', 'a', 'API_KEY'] });
    // A name built at run time, appended to, or never set here could be any variable.
    expect(expands('n=GITHUB_TOK; n+=EN; echo "${!n}"')).toMatchObject({ echo: ['n', 'GITHUB_TOK', '?'] });
    expect(expands('declare -n r=$(echo GITHUB_TOKEN); echo $r')).toMatchObject({ echo: ['r', '?'] });
    expect(expands('for n in ${!A*}; do printf "%s" "${!n}"; done')).toMatchObject({ printf: ['n', 'A', '?'] });
    expect(expands('echo ${!GITHUB*} ${!GITHUB@} ${!a[@]}')).toEqual({ echo: ['GITHUB', 'a'] });
  });

  it('names what a command reads on stdin from a here-string or an unquoted here-doc', () => {
    expect(expands('cat <<< "$GITHUB_TOKEN"')).toEqual({ cat: ['GITHUB_TOKEN'] });
    expect(expands('base64 <<< x$API_KEY')).toEqual({ base64: ['API_KEY'] });
    expect(expands('cat <<EOF\nkey: ${GITHUB_TOKEN}\nhome: $HOME\nEOF')).toEqual({ cat: ['GITHUB_TOKEN', 'HOME'] });
    expect(expands("cat <<'EOF'\n$GITHUB_TOKEN\nEOF")).toEqual({ cat: undefined });
    expect(expands('t=$TOKEN; tr a-z A-Z <<< "$t"')).toEqual({ tr: ['t', 'TOKEN'] });
  });

  it('names what a compound command\'s here-string or here-doc feeds the commands in it, and here-doc lines that start with blanks', () => {
    expect(expands('if true; then cat; fi <<< "$GITHUB_TOKEN"')).toMatchObject({ cat: ['GITHUB_TOKEN'] });
    expect(expands('until cat; do :; done <<< "$API_KEY"')).toMatchObject({ cat: ['API_KEY'] });
    expect(expands('{ cat; } <<EOF\n$SECRET\nEOF')).toMatchObject({ cat: ['SECRET'] });
    expect(expands('while read -r l; do echo "$l"; done <<< "$TOKEN"')).toMatchObject({ echo: ['l', 'TOKEN'] });
    expect(expands('cat <<EOF\n  $GITHUB_TOKEN\nEOF')).toEqual({ cat: ['GITHUB_TOKEN'] });
    expect(expands('cat <<-EOF\n\t${API_KEY}\n\tEOF')).toEqual({ cat: ['API_KEY'] });
    expect(expands('cat <<EOF\n\\$GITHUB_TOKEN\nEOF')).toEqual({ cat: undefined });
    // The here-string itself is walked once: a substitution in it is one command, not two.
    for (const p of parsers) expect(analyseCase('if true; then :; fi <<< "$(touch x)"', p!).actions.filter((a) => a.kind === 'exec' && a.program === 'touch')).toHaveLength(1);
  });

  it('follows a value read into variables: read, mapfile and readarray from stdin, printf -v', () => {
    expect(expands('read -r <<< "$GITHUB_TOKEN"; echo "$REPLY"')).toMatchObject({ echo: ['REPLY', 'GITHUB_TOKEN'] });
    expect(expands('read x <<< "$GITHUB_TOKEN"; echo $x')).toMatchObject({ echo: ['x', 'GITHUB_TOKEN'] });
    expect(expands('read -r -p "> " a b <<< "x $API_KEY"; echo "$b"')).toMatchObject({ echo: ['b', 'API_KEY'] });
    expect(expands('read -ra parts <<< "$TOKEN"; echo ${parts[0]}')).toMatchObject({ echo: ['parts', 'TOKEN'] });
    expect(expands('mapfile -t lines <<EOF\n$SECRET\nEOF\necho "${lines[0]}"')).toMatchObject({ echo: ['lines', 'SECRET'] });
    expect(expands('readarray <<< "$SECRET"; echo "${MAPFILE[@]}"')).toMatchObject({ echo: ['MAPFILE', 'SECRET'] });
    expect(expands('printf -v out "%s" "$API_KEY"; echo $out')).toMatchObject({ echo: ['out', 'API_KEY'] });
    // The value read comes from elsewhere (a file: its own read is decided), or the variable is a prompt.
    expect(expands('read x < notes.txt; read -p "$PROMPT" y; echo $x $y')).toMatchObject({ echo: ['x', 'y'] });
  });

  it('after set -x, bash prints each command with its values: a `set -x` action names what each expands', () => {
    const traced = (script: string) => parsers.map((p) => analyseCase(script, p!).actions.filter((a): a is ExecAction => a.kind === 'exec' && a.program === 'set' && a.argv.length === 2 && a.expands !== undefined).map((a) => a.expands));
    expect(traced('set -x; git log --author="$GITHUB_TOKEN"')).toEqual([[['GITHUB_TOKEN']], [['GITHUB_TOKEN']]]);
    expect(traced('set -euxo pipefail; curl -H "x: $API_KEY" u')).toEqual([[['API_KEY']], [['API_KEY']]]);
    expect(traced('set -o xtrace; ls $HOME')).toEqual([[['HOME']], [['HOME']]]);
    // A later set +x may not have run; a subshell's set -x stays inside it; without it, nothing is traced.
    expect(traced('set -x; set +x; ls "$T"')).toEqual([[['T']], [['T']]]);
    expect(traced('(set -x); ls "$T"; set -eu; ls "$T"')).toEqual([[], []]);
    // A shell started with -x (or -o xtrace) traces its command string or input.
    expect(traced('bash -x -c \'ls "$T"\'')).toEqual([[['T']], [['T']]]);
    expect(traced('bash -o xtrace -c \'ls "$T"\'; sh -ex <<< \'ls "$U"\'')).toEqual([[['T'], ['U']], [['T'], ['U']]]);
    expect(traced('bash -ec \'ls "$T"\'')).toEqual([[], []]);
  });

  it('follows a name reference (declare -n, typeset -n, local -n) to the variable it stands for', () => {
    expect(expands('declare -n r=GITHUB_TOKEN; echo $r')).toEqual({ echo: ['r', 'GITHUB_TOKEN'] });
    expect(expands('declare -n r; r=API_KEY; printf %s "$r"')).toEqual({ printf: ['r', 'API_KEY'] });
    expect(expands('typeset -rn r=t; t=$SECRET; echo $r')).toEqual({ echo: ['r', 't', 'SECRET'] });
    expect(expands('f() { local -n ref=TOKEN; echo "$ref"; }')).toEqual({ echo: ['ref', 'TOKEN'] });
    expect(expands('declare r=GITHUB_TOKEN; echo $r')).toEqual({ echo: ['r'] });
  });

  it('keeps what a variable carried (a later assignment may not have run), and keeps a subshell\'s to itself', () => {
    expect(expands('t=$TOKEN; if c; then t=x; fi; echo $t')).toMatchObject({ echo: ['t', 'TOKEN'] });
    expect(expands('(t=$TOKEN); echo $t')).toMatchObject({ echo: ['t'] });
    expect(expands('t=literal; echo $t')).toEqual({ echo: ['t'] });
  });
});
