// A drawing as the document model carries it, and the SVG text around its parts.
// The SVG is built as text, in a fixed order with rounded numbers, so the same
// data always gives the same bytes. It has no <title> of its own: each writer
// gives the drawing its alternative text in its own way.

export interface Drawing {
  svg: string;
  /** Points. */
  width: number;
  height: number;
  alt: string;
}

export function svgDocument(width: number, height: number, parts: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.filter(Boolean).join('')}</svg>`;
}
