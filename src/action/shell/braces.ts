/** One character of a word after quote removal; only unquoted braces and commas are active. */
export interface WordChar {
  c: string;
  active: boolean;
}

/** More words than this from one brace expression: nomos stops and calls the word dynamic. */
export const MAX_BRACE_WORDS = 256;

/**
 * Bash brace expansion on a word whose quoted characters are inactive: `{rm,-rf,/}` is three
 * words, `r{m,x}` two, `{1..3}` three. Returns undefined when it would exceed MAX_BRACE_WORDS.
 */
export function expandBraces(chars: WordChar[]): WordChar[][] | undefined {
  const out: WordChar[][] = [];
  const pending: WordChar[][] = [chars];
  while (pending.length > 0) {
    const word = pending.shift()!;
    const brace = findBrace(word);
    if (!brace) out.push(word);
    else for (const alt of brace.alternatives) pending.push([...word.slice(0, brace.open), ...alt, ...word.slice(brace.close + 1)]);
    if (out.length + pending.length > MAX_BRACE_WORDS) return undefined;
  }
  return out;
}

interface Brace {
  open: number;
  close: number;
  alternatives: WordChar[][];
}

/** The first `{…}` that bash would expand: a comma list or a sequence at depth one. */
function findBrace(word: WordChar[]): Brace | undefined {
  for (let open = 0; open < word.length; open++) {
    if (!isActive(word[open], '{')) continue;
    let depth = 0;
    const commas: number[] = [];
    for (let k = open; k < word.length; k++) {
      if (isActive(word[k], '{')) depth++;
      else if (isActive(word[k], '}') && --depth === 0) {
        const alternatives = commas.length > 0 ? splitAt(word, open, k, commas) : sequence(word.slice(open + 1, k));
        if (alternatives) return { open, close: k, alternatives };
        break;
      } else if (depth === 1 && isActive(word[k], ',')) commas.push(k);
    }
  }
  return undefined;
}

function isActive(ch: WordChar | undefined, c: string): boolean {
  return !!ch && ch.active && ch.c === c;
}

function splitAt(word: WordChar[], open: number, close: number, commas: number[]): WordChar[][] {
  const bounds = [open, ...commas, close];
  return bounds.slice(1).map((end, i) => word.slice(bounds[i]! + 1, end));
}

/** `{1..5}`, `{a..e}`, `{10..1..3}`: bash's sequence expressions. */
function sequence(inner: WordChar[]): WordChar[][] | undefined {
  const text = inner.map((ch) => (ch.active ? ch.c : '\0')).join('');
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(text);
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(text);
  const m = num ?? chr;
  if (!m) return undefined;
  const [from, to] = num ? [Number(m[1]), Number(m[2])] : [m[1]!.charCodeAt(0), m[2]!.charCodeAt(0)];
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  if (Math.abs(to - from) / step > MAX_BRACE_WORDS) return [[], ...Array<WordChar[]>(MAX_BRACE_WORDS).fill([])];
  const values: string[] = [];
  for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
    values.push(num ? String(v) : String.fromCharCode(v));
  }
  return values.map((v) => [...v].map((c) => ({ c, active: false })));
}
