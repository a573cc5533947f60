// The footer of every page prints the pack's subtitle with its version and the
// page number, in the bottom margin, which holds two lines: a longer subtitle
// would run off the foot of the page in the PDF.
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { nodeAt, spanOf } from '../pack/data-file.js';
import { MAX_SUBTITLE_CHARACTERS } from '../pack/limits.js';
import type { LoadedPack } from '../pack/loaded-pack.js';

export function checkFooter(pack: LoadedPack): Diagnostic[] {
  const part = pack.pack;
  const subtitle = (part?.data as { subtitle?: unknown } | undefined)?.subtitle;
  if (!part || typeof subtitle !== 'string' || [...subtitle].length <= MAX_SUBTITLE_CHARACTERS) return [];
  return [
    diagnostic(
      {
        code: 'subtitle-too-long',
        message: `the subtitle is ${[...subtitle].length} characters long; it is printed in every page's footer, so it may have at most ${MAX_SUBTITLE_CHARACTERS}`,
        hint: 'shorten it to the name of the selection process, e.g. "Deputy Assistant Commissioner Selection Process"; the title and the role say the rest',
      },
      part.file.file,
      spanOf(nodeAt(part.file, ['subtitle'])),
    ),
  ];
}
