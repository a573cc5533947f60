// Every limit on what a pack may hold, in one place. Each is far above what a
// real pack needs (the figures in brackets are the largest in the sample packs)
// and far below what would make a build crash, hang or run out of memory, so a
// pack over one is a mistake (a paste gone wrong, a runaway script), reported
// with a diagnostic before anything that could break on it runs.

/** A data file's size in bytes (the largest sample file is 25 KB). */
export const MAX_DATA_FILE_BYTES = 1024 * 1024;

/** How many times a data file may expand its aliases (*name); more is a "billion laughs" bomb (none are used). */
export const MAX_ALIASES = 100;

/**
 * How deeply a data file's lists and mappings may nest (6). Reading deeper
 * data walks it recursively in several places; 20 leaves room for any schema.
 */
export const MAX_YAML_DEPTH = 20;

/**
 * How deeply lists and quotes may nest in text, counting each `- `, `1. ` or
 * `> ` at the start of a line and each two spaces of indentation before one (2).
 * Markdown is read recursively: about 2,000 levels overflow the stack, and a
 * few hundred take seconds. A candidate cannot follow more than a few levels.
 */
export const MAX_TEXT_NESTING = 8;

/**
 * The characters in one paragraph (695, about 120 words): 10,000 is about a
 * page and a half of A4 in one paragraph, which no reader gets through, and
 * keeps the time to lay out any paragraph short.
 */
export const MAX_PARAGRAPH_CHARACTERS = 10_000;

/**
 * The characters of a pack's subtitle (47), which every page's footer prints
 * beside the version and the page number: 120 keep the footer within two lines
 * of the bottom margin, which is all the room it has.
 */
export const MAX_SUBTITLE_CHARACTERS = 120;

/** The rows of one table, its header not counted (8): 500 rows is some 20 pages of A4. */
export const MAX_TABLE_ROWS = 500;

/** The columns of one table (3): beyond 10, an A4 page leaves each column too narrow to read. */
export const MAX_TABLE_COLUMNS = 10;

/** An image file's size in bytes. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** An image's pixels: decoded, 25 megapixels is already 100 MB of memory. */
export const MAX_IMAGE_PIXELS = 25_000_000;

/** An SVG logo, in bytes: a logo is a few kilobytes; a larger drawing is refused before it is parsed. */
export const MAX_SVG_BYTES = 512 * 1024;

/** A font file of a theme's own: a text face with Latin, Greek and Cyrillic is well under 2 MB; Chinese ones reach 20. */
export const MAX_FONT_BYTES = 20 * 1024 * 1024;

/**
 * How deeply {{#each}} may nest in a section's template, counting those in the
 * partials it uses (2). Each level multiplies how often the text inside repeats:
 * seven levels over the whole data took seconds, and each more ten times as long.
 */
export const MAX_EACH_NESTING = 4;

/**
 * How many times rendering one section may repeat text: each turn of an
 * {{#each}} and each partial used counts once (95). Everything else in a
 * template runs at most once per repeat, so this bounds the work of a render.
 */
export const MAX_RENDER_REPEATS = 100_000;

/** The characters of Markdown one section may render (14,327): a million is some 300 pages of A4. */
export const MAX_SECTION_CHARACTERS = 1_000_000;
