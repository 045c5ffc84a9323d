/**
 * A tiny phrase grammar for the training corpus: `{a|b|c}` picks one alternative (alternatives nest, and an
 * empty one makes the group optional), `$name` expands a named list of the generator (places, times, …).
 * One line of the lexicon thus stands for hundreds of ways of saying the same thing, which is the lexical
 * breadth the classifier needs.
 */
import type { Random } from './random.ts';

/** Named lists a template may refer to with `$name`; each entry is itself a template. */
export type Macros = Record<string, readonly string[]>;

/** Expands `template` with `random`: every `{…|…}` group resolved, every `$name` replaced. */
export function expand(template: string, random: Random, macros: Macros, depth = 0): string {
  if (depth > 8) throw new Error(`template nests too deep: ${template}`);
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '{') {
      const end = matchingBrace(template, i);
      const alternatives = splitTop(template.slice(i + 1, end));
      out += expand(random.pick(alternatives), random, macros, depth + 1);
      i = end + 1;
    } else if (ch === '$') {
      const name = /^\$([a-z]+)/.exec(template.slice(i))?.[1];
      const list = name ? macros[name] : undefined;
      if (!name || !list) throw new Error(`unknown macro at ${i} in ${template}`);
      out += expand(random.pick(list), random, macros, depth + 1);
      i += name.length + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

// The index of the `}` closing the `{` at `start`.
function matchingBrace(text: string, start: number): number {
  let level = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') level++;
    else if (text[i] === '}' && --level === 0) return i;
  }
  throw new Error(`unclosed { in ${text}`);
}

// Splits a group's body at the `|` that are not inside a nested group.
function splitTop(body: string): string[] {
  const parts: string[] = [];
  let level = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '{') level++;
    else if (ch === '}') level--;
    else if (ch === '|' && level === 0) {
      parts.push(body.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(body.slice(from));
  return parts;
}
