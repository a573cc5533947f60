// The output formats, by name. Kept apart from the writers so that naming a
// format (in --help, say) does not load the libraries that write it.
export const formats = ['pdf', 'docx', 'html'] as const;
export type Format = (typeof formats)[number];
