// Table rows taller than a page.
//
// The PDF keeps each table row whole on one page (pdfmake's `dontBreakRows`),
// as the Word file does (`cantSplit`). pdfmake lays such a row out in a block of
// its own, meant to be a page high; but pdfmake 0.3.11 reads that height from a
// field its pages do not have (`getCurrentPage().height` in
// ElementWriter.pushContext), so the block has no bottom, a row taller than a
// page is laid out as one long column, and the block is placed on a page whose
// foot cuts it off: the rest of the row was silently missing from the PDF. (Had
// the height been right, pdfmake would have kept only the block's first page:
// "no support for multi-page unbreakableBlocks".) Word and LibreOffice break a
// row that cannot fit on a page whatever `cantSplit` says.
//
// So a table with a row taller than the room a page has for it is marked here
// as pdfmake lays it out, and the writer lays the document out again with that
// table's rows allowed to break across pages (the header row still repeats on
// each). Tables whose rows all fit look as before, and a document without a tall
// row is laid out once.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Set on a table definition (`table: {...}`) that had a row taller than a page. */
const overflowed = Symbol('recruitment-packs.rowTallerThanAPage');
/** Set on one whose header row was taller than a page, or than half of one: pdfmake keeps a header row whole, always, so it cannot repeat. */
const headerOverflowed = Symbol('recruitment-packs.headerTallerThanAPage');

interface PdfContext {
  y: number;
  pageMargins: { top: number; bottom: number };
  getCurrentPage(): { pageSize: { height: number } } | null;
}

interface PdfWriter {
  /** How many blocks kept whole are open. */
  transactionLevel: number;
  context(): PdfContext;
  /** The contexts under the current one: the document's own first. */
  contextStack: PdfContext[];
  /** What is repeated at the top of each page: a table's header row. */
  repeatables: { height: number }[];
}

interface TableProcessor {
  tableNode: { table: Record<PropertyKey, unknown> };
  /** Room kept under the row being laid out, for its padding and bottom rule. */
  reservedAtBottom: number;
  endRow(rowIndex: number, writer: PdfWriter, pageBreaks: unknown): void;
}

const { default: TableProcessorClass } = require('pdfmake/js/TableProcessor.js') as { default: { prototype: TableProcessor } };
const endRow = TableProcessorClass.prototype.endRow;

/** The height a page has for a table row: the page inside its margins, less the header rows repeated on it. */
function roomForARow(writer: PdfWriter): number | undefined {
  const documentContext = writer.contextStack[0];
  const page = documentContext?.getCurrentPage();
  if (!documentContext || !page) return undefined;
  const repeated = writer.repeatables.reduce((sum, repeatable) => sum + repeatable.height, 0);
  return page.pageSize.height - documentContext.pageMargins.top - documentContext.pageMargins.bottom - repeated;
}

/**
 * The share of a page a header row may take and still be repeated on each page: one taller leaves too
 * little room under it, and pdfmake, finding no page where the next row fits under it, repeats it on
 * page after page and leaves the rows out.
 */
const MAX_HEADER_SHARE = 0.5;

// A row kept whole is laid out in a block of its own, starting at 0: where the
// block has got to when the row ends is the row's height.
TableProcessorClass.prototype.endRow = function (this: TableProcessor, rowIndex, writer, pageBreaks) {
  if (writer.transactionLevel > 0) {
    const room = roomForARow(writer);
    const height = writer.context().y + this.reservedAtBottom;
    const header = rowIndex < Number(this.tableNode.table.headerRows ?? 0);
    if (room !== undefined && (height > room || (header && height > room * MAX_HEADER_SHARE))) {
      this.tableNode.table[overflowed] = true;
      if (header) this.tableNode.table[headerOverflowed] = true;
    }
  }
  endRow.call(this, rowIndex, writer, pageBreaks);
};

/** Whether pdfmake found a row of this table definition taller than a page, the last time it laid it out. */
export function hadRowTallerThanAPage(table: object): boolean {
  return (table as Record<PropertyKey, unknown>)[overflowed] === true;
}

/**
 * Whether that row was its header row. Such a header is laid out again as an ordinary
 * first row, printed once and allowed to break, since pdfmake would leave out all of it.
 */
export function hadHeaderTallerThanAPage(table: object): boolean {
  return (table as Record<PropertyKey, unknown>)[headerOverflowed] === true;
}
