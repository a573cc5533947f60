// Where a link in a pack may go: a web page (https, http), an email address
// (mailto: with a real address), or a heading of the same document (#id). A
// link anywhere else — a script (javascript:, vbscript:), the reader's files
// (file:, a relative path, a network share \\server\share), inline data — would
// run or open something on a candidate's machine from a document they trust.
import { Lexer, type Token } from 'marked';
import { z } from 'zod';

/** The address part of a mailto: link, checked as the schema checks an email field. */
const address = z.email();

/** Why a link may not be written, in a few words ("a "file:" link"); undefined when it may. */
export function linkProblem(href: string): string | undefined {
  const target = href.trim();
  if (target.startsWith('#')) return target.length > 1 && !/\s/.test(target) ? undefined : 'a link to an empty heading';
  if (target.startsWith('\\\\') || target.startsWith('//')) return 'a link to a network share';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'a link to a file';
  if (scheme === 'mailto') {
    return address.safeParse(target.slice('mailto:'.length)).success ? undefined : 'a mailto: link without a valid email address';
  }
  if (scheme === 'http' || scheme === 'https') {
    // A backslash or space is read differently by different readers; a web address has neither.
    if (!/^https?:\/\/[^\s\\/?#]+[^\s\\]*$/i.test(target) || !URL.canParse(target)) return `a "${scheme}:" link that is not a web address`;
    return undefined;
  }
  return `a "${scheme}:" link`;
}

export const LINK_HINT = 'a link may go to a web page (https://…), an email address (mailto:name@example.org) or a heading of this pack (#heading)';

/** Every link target in some Markdown, as marked reads it: inline and reference links, and autolinks. */
export function linkTargets(markdown: string): string[] {
  const found: string[] = [];
  const walk = (tokens: readonly Token[] | undefined) => {
    for (const token of tokens ?? []) {
      if (token.type === 'link' && typeof token.href === 'string') found.push(token.href);
      const t = token as { tokens?: Token[]; items?: { tokens?: Token[] }[]; header?: { tokens?: Token[] }[]; rows?: { tokens?: Token[] }[][] };
      walk(t.tokens);
      for (const item of t.items ?? []) walk(item.tokens);
      for (const cell of t.header ?? []) walk(cell.tokens);
      for (const row of t.rows ?? []) for (const cell of row) walk(cell.tokens);
    }
  };
  let tokens: Token[];
  try {
    tokens = new Lexer({ gfm: true }).lex(markdown);
  } catch (error) {
    // Text nested thousands of levels deep overflows marked's stack. Such text is refused by the nesting limits
    // (src/load/data-limits.ts, src/compose/text-limits.ts), so no pack that holds it is built, links and all.
    if (error instanceof RangeError) return [];
    throw error;
  }
  walk(tokens);
  return found;
}
