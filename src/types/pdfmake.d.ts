// pdfmake 0.3 ships no type declarations; this is the part of its Node API we use.
declare module 'pdfmake' {
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    addFonts(fonts: Record<string, Record<string, string | Buffer>>): void;
    setFonts(fonts: Record<string, Record<string, string | Buffer>>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: Record<string, unknown>, options?: Record<string, unknown>): OutputDocument;
    /** pdfmake's in-memory file system: resources named in a definition are looked up here first. */
    virtualfs: { writeFileSync(name: string, data: Buffer | string): void; existsSync(name: string): boolean; readFileSync(name: string): Buffer };
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
