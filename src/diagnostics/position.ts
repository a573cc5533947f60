// Lines and columns of a text, for printing where a diagnostic is: its span's
// offsets become the 1-based line and column people and editors read. Lines
// end at "\n" (as the YAML parser counts them); a "\r" before it is not shown.

export interface LineAndColumn {
  line: number;
  column: number;
}

export class SourceText {
  /** The offset at which each line starts. */
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** The line and column (1-based) of an offset; an offset past the end is taken as the end. */
  positionOf(offset: number): LineAndColumn {
    const at = Math.max(0, Math.min(offset, this.text.length));
    // The last line that starts at or before the offset.
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: at - this.lineStarts[low]! + 1 };
  }

  /** The offset of a 1-based line and column, as Handlebars and other parsers give them; undefined past the last line. */
  offsetOf(line: number, column: number): number | undefined {
    const start = this.lineStarts[line - 1];
    return start === undefined ? undefined : Math.min(start + Math.max(0, column - 1), this.text.length);
  }

  /** The text of a 1-based line, without its line break; undefined past the last line. */
  lineText(line: number): string | undefined {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return undefined;
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}
