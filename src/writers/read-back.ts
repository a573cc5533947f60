// Reading a built file back, for `packs diff`: each writer knows how it writes
// its format, so it also reads it back (the facts and the visible text). A
// file to read may be damaged, cut short, or made to exhaust memory (a small
// compressed part that expands to gigabytes), so every reader works within the
// limits here and fails with an UnreadableFile whose message is one plain line.

/** The largest built file read back: the sample packs are 60–140 KB; images may add a few MB each. */
export const MAX_BUILT_FILE_BYTES = 100 * 1024 * 1024;
/** The most a built file's compressed parts may expand to, all together. Our packs' expand to under 2 MB. */
export const MAX_EXPANDED_BYTES = 64 * 1024 * 1024;

/** A built file that cannot be read back; `reason` completes "<file> …". */
export class UnreadableFile extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnreadableFile';
  }
}

export const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MB`;

/** What a compressed part may still expand to; shared by all the parts of one file. */
export class ExpansionBudget {
  private left = MAX_EXPANDED_BYTES;

  /** Inflates with `inflate`, allowed at most what is left (and at most `declared`, when the file declares a size). */
  expand(what: string, inflate: (maxOutputLength: number) => Buffer, declared?: number): Buffer {
    if (declared !== undefined && declared > this.left) {
      throw new UnreadableFile(`cannot be compared: ${what} in it would expand to ${megabytes(declared)}, more than the ${megabytes(MAX_EXPANDED_BYTES)} a built file may hold`);
    }
    const limit = declared ?? this.left;
    let out: Buffer;
    try {
      // zlib stops at maxOutputLength (RangeError ERR_BUFFER_TOO_LARGE), so nothing larger is ever held.
      out = inflate(Math.max(limit, 1));
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new UnreadableFile(
          declared !== undefined
            ? `is damaged: ${what} in it expands to more than the ${declared} bytes it declares`
            : `cannot be compared: ${what} in it expands to more than the ${megabytes(MAX_EXPANDED_BYTES)} a built file may hold`,
        );
      }
      throw new UnreadableFile(`is damaged: ${what} in it is not valid compressed data`);
    }
    if (declared !== undefined && out.length !== declared) throw new UnreadableFile(`is damaged: ${what} in it expands to ${out.length} bytes, not the ${declared} it declares`);
    this.left -= out.length;
    return out;
  }
}

/** Whitespace as a reader sees it: any run of it is one space, none at either end. */
export const normaliseWhitespace = (text: string) => text.replace(/\s+/g, ' ').trim();
