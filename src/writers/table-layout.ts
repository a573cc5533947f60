// How wide table columns are, shared by every writer so that tables look alike
// in every format: two columns are a label and its value (40% / 60%); wider
// tables share the width evenly.
export function columnPercents(columns: number): number[] {
  if (columns === 2) return [40, 60];
  return Array.from({ length: columns }, () => 100 / columns);
}
