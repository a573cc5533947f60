// Imported first by the snapshot's entry, while the snapshot is being made.
//
// A TextDecoder holds a native decoder, which a startup snapshot cannot keep,
// and a library may make one as it loads (fflate, inside docx, does). While the
// tool's modules load, TextDecoder is this stand-in, which makes the real one
// when it is first used and lets it go before the snapshot is written; the
// process started from the snapshot makes it again when it first decodes.
import v8 from 'node:v8';

const NativeTextDecoder = globalThis.TextDecoder;
type Native = InstanceType<typeof NativeTextDecoder>;
const standIns: StandInTextDecoder[] = [];

class StandInTextDecoder {
  #native: Native | undefined;
  constructor(private readonly label?: string, private readonly options?: ConstructorParameters<typeof NativeTextDecoder>[1]) {
    standIns.push(this);
  }
  get #decoder(): Native {
    return (this.#native ??= new NativeTextDecoder(this.label, this.options));
  }
  get encoding(): string {
    return this.#decoder.encoding;
  }
  get fatal(): boolean {
    return this.#decoder.fatal;
  }
  get ignoreBOM(): boolean {
    return this.#decoder.ignoreBOM;
  }
  decode(...args: Parameters<Native['decode']>): string {
    return this.#decoder.decode(...args);
  }
  forget(): void {
    this.#native = undefined;
  }
}

globalThis.TextDecoder = StandInTextDecoder as unknown as typeof TextDecoder;

/** Puts Node's TextDecoder back once the tool's modules have loaded. */
export function restoreTextDecoder(): void {
  globalThis.TextDecoder = NativeTextDecoder;
}

v8.startupSnapshot.addSerializeCallback(() => {
  for (const standIn of standIns) standIn.forget();
});
