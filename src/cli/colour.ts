// Whether to colour what goes to a stream, decided once per stream by the front
// end: NO_COLOR (set and not empty) turns colour off, even against FORCE_COLOR;
// FORCE_COLOR turns it on (unless it is 0 or false); otherwise a stream is
// coloured when it is a terminal that shows colour (its hasColors() also reads TERM).

export function colourFor(stream: { isTTY?: boolean; hasColors?: () => boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && typeof stream.hasColors === 'function' && stream.hasColors();
}
