// GB/T 2260 region codes as authority: six digits that nest, province `xx0000`, prefecture
// `xxxx00`, county. Their shape and which codes exist are ids/region.ts's concern.

/**
 * Does an authority of region `holder` cover `target`? A province `xx0000` covers every `xx....`,
 * a prefecture `xxxx00` every `xxxx..`, a county only itself. Prefixes are compared by equality
 * of their slices, so a malformed holder shorter than four characters covers nothing but itself.
 */
export function regionCovers(holder: string, target: string): boolean {
  if (holder.endsWith('0000')) return target.slice(0, 2) === holder.slice(0, 2);
  if (holder.endsWith('00')) return target.slice(0, 4) === holder.slice(0, 4);
  return target === holder;
}
