// Command strings generated from bash's grammar, for differential tests against bash itself.
// Programs are made-up names only (p1 … p9): nothing generated names a real program, and the
// only builtins used (echo, true, :, shopt, alias, eval, set) cannot harm. Wrappers (env,
// nice, nohup, xargs, sudo) are never found either: bash-view.ts follows their command.

/** A small seeded PRNG (mulberry32): the same seed gives the same commands. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The made-up program names; a name bash tries to run that is not one of these is not a finding. */
export const PROGRAM = /^p\d$/;

const KEYWORDS = ['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', 'select', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc'];

class Gen {
  private n = 0;
  /** Here-document bodies owed at the next newline of the current level. */
  private owed: string[] = [];
  constructor(private readonly r: () => number) {}

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  program(): string {
    return `p${1 + Math.floor(this.r() * 9)}`;
  }

  /** A name in command position: plain, quoted, escaped or brace-expanded. */
  name(): string {
    const p = this.program();
    if (this.chance(0.6)) return p;
    return this.pick([`"${p}"`, `'${p}'`, `\\${p}`, `${p[0]}''${p[1]}`, `{${p},x}`, `${p}\\\n `, `$'${p}'`]);
  }

  /** A word in argument position, maybe holding a nested list. */
  word(depth: number): string {
    const inner = () => this.list(depth + 1, true);
    const plain = ['a', '-x', 'x=1', '#c', '"a b"', "'a b'", '${x:-a}', '*.q', '{a,b}', '\\;', '@(a|b)', ...KEYWORDS];
    if (depth > 2 || this.chance(0.7)) return this.pick(plain);
    return this.pick([
      `$(${inner()})`,
      `"$(${inner()})"`,
      `\`${this.simple(depth + 1)}\``,
      `\${x:-$(${inner()})}`,
      `"\${x:-$(${inner()})}"`,
      `<(${inner()})`,
      `>(${inner()})`,
      `$((1+$(${inner()})))`,
      `$(( $(${inner()}) ))`,
      `a$(${inner()})b`,
      `$( ${inner()} )`,
      `$(\n${inner()}\n)`,
      `a#$(${inner()})`,
      `$[1+$(${inner()})]`,
      `"$(${inner()} ")")"`,
      `\${x:-'}'}$(${inner()})`,
      `$(case a in a) ${inner()};; esac)`,
      `"$\\\n(${inner()})"`,
    ]);
  }

  redirect(depth: number): string {
    const r = this.pick(['>o', '2>&1', '<i', '>>o', '&>o', '>|o', '3<>o', '<<<a', '<<<"$(X)"', '<<E', '<<-E', "<<'E'", '<<E2', '>&2', '<&-', '{fd}>o', '0<i', '0>o', '>&-', '2<&-', '{fd}<&-']);
    if (r.includes('X)')) return r.replace('X', () => this.list(depth + 1, true));
    if (r.startsWith('<<') && !r.startsWith('<<<')) {
      const tag = r.includes('E2') ? 'E2' : 'E';
      const body = this.pick(['hi', '$(' + this.simple(depth + 1) + ')', '`' + this.program() + '`', 'a\\', '\tE', "'$(" + this.program() + ")'", '\\', '$\\\n(' + this.program() + ')']);
      this.owed.push(`${body}\n${r.startsWith('<<-') ? '\t' : ''}${tag}`);
    }
    return r;
  }

  simple(depth: number): string {
    const parts: string[] = [];
    if (this.chance(0.2)) parts.push(this.pick(['x=1', 'x=$(' + this.program() + ')', 'a=(1 $(' + this.program() + '))', 'x+=a', 'a[$(' + this.program() + ')]=1']));
    if (this.chance(0.15)) parts.push(this.redirect(depth));
    if (this.chance(0.15)) parts.push(this.pick(['env', 'env x=1', 'env -i', 'nice', 'nohup', 'xargs', 'sudo', 'command', 'coproc', 'exec 3>&1; command']));
    parts.push(this.name());
    const count = Math.floor(this.r() * 3);
    for (let i = 0; i < count; i++) parts.push(this.chance(0.2) ? this.redirect(depth) : this.word(depth));
    return parts.join(' ');
  }

  compound(depth: number): string {
    const l = () => this.list(depth + 1, true);
    const pat = () => this.pick(['a', '(a', '(a|b', '@(a|b)', '*', '"in"', 'esac']);
    const body = this.pick([
      () => `{ ${l()}; }`,
      () => `( ${l()} )`,
      () => `(${l()})`,
      () => `if ${l()}; then ${l()}; fi`,
      () => `if ${l()}; then ${l()}; elif ${l()}; then ${l()}; else ${l()}; fi`,
      () => `if ${l()}\nthen ${l()}\nelse ${l()}\nfi`,
      () => `while ${l()}; do ${l()}; done`,
      () => `until ${l()}; do ${l()}; done`,
      () => `for x in a $(${this.simple(depth + 1)}); do ${l()}; done`,
      () => `for x; do ${l()}; done`,
      () => `for x do ${l()}; done`,
      () => `for x in a; { ${l()}; }`,
      () => `for ((i=0;i<1;i++)); do ${l()}; done`,
      () => `for ((i=$(${this.simple(depth + 1)});i<1;i++)); do ${l()}; done`,
      () => `select x in a; do ${l()}; break; done`,
      () => `case a in ${pat()}) ${l()};; ${pat()}) ${l()};& *) ${l()};;& esac`,
      () => `case $(${this.simple(depth + 1)}) in\n${pat()}) ${l()}\n;;\nesac`,
      () => `f${++this.n}() { ${l()}; }; f${this.n}`,
      () => `function g${++this.n} { ${l()}; }; g${this.n}`,
      () => `function h${++this.n}() ( ${l()} ); h${this.n}`,
      () => `function k${++this.n} ( ${l()} ); k${this.n}`,
      () => `coproc { ${l()}; }`,
      () => `coproc C${++this.n} { ${l()}; }`,
      () => `coproc ${this.simple(depth + 1)}`,
      () => `[[ -n $(${l()}) && a == @(a|b) ]]`,
      () => `(( $(${l()}) ))`,
      () => `((${l()}) && (${l()}))`,
      () => `{ ${l()}\n} # c`,
      () => `eval '${this.simple(depth + 1)}'`,
      () => `shopt -s expand_aliases\nalias al${++this.n}='${this.program()} '\nal${this.n} ${this.simple(depth + 1)}`,
    ])().replace(/\n; /g, '\n');
    return this.chance(0.2) ? `${body} ${this.redirect(depth)}` : body;
  }

  /** A command: a simple or compound one, maybe after `time`, `time -p` or `!`. */
  command(depth: number): string {
    return depth < 3 && this.chance(0.4 - depth * 0.1) ? this.compound(depth) : this.simple(depth);
  }

  pipeline(depth: number): string {
    const prefix = this.pick(['', '', '', '', 'time ', 'time -p ', '! ', 'time ! ', '! time ', 'time -- ']);
    let out = prefix + this.command(depth);
    while (this.chance(0.2)) out += `${this.pick([' | ', ' |& ', '|', ' |\n'])}${this.command(depth)}`;
    return out;
  }

  /** A list at one nesting level; here-document bodies are given at its newlines and at its end. */
  list(depth: number, nested: boolean): string {
    const saved = this.owed;
    this.owed = [];
    let out = this.pipeline(depth);
    while (depth < 3 && this.chance(0.3)) {
      const op = this.pick([' && ', ' || ', '; ', ' & ', '\n', ' \\\n&& ', ' && \n', ' # c\n', ';\n', '\r\n', ' &\n']);
      if (op.includes('\n') && this.owed.length > 0) {
        const at = op.indexOf('\n');
        out += op.slice(0, at + 1) + this.owed.join('\n') + '\n' + op.slice(at + 1);
        this.owed = [];
      } else out += op;
      out += this.pipeline(depth);
    }
    if (this.owed.length > 0) out += '\n' + this.owed.join('\n') + (nested ? '\n' : '');
    this.owed = saved;
    return out;
  }
}

/** One generated command string. */
export function generate(r: () => number): string {
  return new Gen(r).list(0, false);
}
