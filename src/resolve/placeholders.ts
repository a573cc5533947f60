// Text from the data that names a value as {{name}}: stage text ({{date}}), a
// benefit's text ({{relocation-maximum}}), the application instructions
// ({{email}}). The value is typed once, in its field, and every sentence that
// mentions it follows. Nothing else in the text is read as a template.

/** A `{{...}}`, with the braces of a triple `{{{...}}}` if it has them, so that one is refused whole rather than filled inside its braces. */
const PLACEHOLDER = /\{?\{\{\s*([^{}]*?)\s*\}\}\}?/g;

export interface PlaceholderProblem {
  /** The name inside the braces. */
  name: string;
  /** The placeholder as the text writes it. */
  written: string;
  /** Whether the name is one the text may say (its value is missing), rather than one it may not. */
  known: boolean;
}

/**
 * The text with each {{name}} replaced by its value, the names it used, and
 * every {{...}} it could not fill (a name it does not know, or one with no
 * value), left as written.
 */
export function fillPlaceholders(
  text: string,
  values: Readonly<Record<string, string | null>>,
): { text: string; used: Set<string>; problems: PlaceholderProblem[] } {
  const used = new Set<string>();
  const problems: PlaceholderProblem[] = [];
  const filled = text.replace(PLACEHOLDER, (whole: string, name: string) => {
    // {{{date}}} is Handlebars' unescaped form: not a placeholder of data text, and not to be filled inside its braces.
    const triple = whole.startsWith('{{{') || whole.endsWith('}}}');
    const known = !triple && Object.hasOwn(values, name);
    const value = known ? values[name]! : null;
    if (value === null) problems.push({ name, written: triple ? whole : `{{${name}}}`, known });
    else used.add(name);
    return value ?? whole;
  });
  return { text: filled, used, problems };
}

/** Markdown that prints `text` exactly as written: every ASCII punctuation mark escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (mark) => `\\${mark}`);
}
