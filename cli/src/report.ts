// Bilingual (中文 / English) text reports for `elc verify` and `elc audit`: one line per check with
// ✓/✗, its code when it failed, and a one-line meaning in both languages. Pure formatting.

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export interface ReportLine {
  readonly ok: boolean;
  readonly id: string;
  readonly code?: string;
  /** Lower-level code a failure wraps (e.g. TSA_IMPRINT_MISMATCH). */
  readonly cause?: string;
  /** What the check establishes when it passes, or what its failure means. */
  readonly meaning: Bilingual;
  /** Detail from the verifier (English, technical); never parsed. */
  readonly detail: string;
}

export interface TextReport {
  readonly title: Bilingual;
  /** Labelled facts shown above the checks ("合同 Contract: …"). */
  readonly facts: readonly { readonly label: Bilingual; readonly value: string }[];
  readonly lines: readonly ReportLine[];
  readonly unchecked: readonly string[];
  /** Warnings a reader must see even when everything passed (e.g. the LOCAL TSA). */
  readonly warnings: readonly Bilingual[];
  readonly ok: boolean;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Distinct failure codes in check order. */
export function failureCodes(lines: readonly { ok: boolean; code?: string }[]): string[] {
  return [...new Set(lines.flatMap((l) => (l.ok || l.code === undefined ? [] : [l.code])))];
}

export function renderText(r: TextReport): string {
  const out: string[] = [];
  out.push(`${r.title.zh}`, `${r.title.en}`, '');
  for (const f of r.facts) out.push(`${f.label.zh} ${f.label.en}: ${f.value}`);
  if (r.facts.length > 0) out.push('');
  out.push('检查项 Checks:');
  for (const l of r.lines) {
    const mark = l.ok ? '✓' : '✗';
    const code = l.ok ? '' : `  [${l.code ?? 'FAILED'}${l.cause === undefined ? '' : ` ← ${l.cause}`}]`;
    out.push(`${mark} ${l.id}${code}`);
    out.push(`    ${l.meaning.zh}`);
    out.push(`    ${l.meaning.en}`);
    out.push(`    (${l.detail})`);
  }
  if (r.unchecked.length > 0) {
    out.push('', '未检查 Not checked:');
    for (const u of r.unchecked) out.push(`  - ${u}`);
  }
  if (r.warnings.length > 0) {
    out.push('', '注意 Warnings:');
    for (const w of r.warnings) out.push(`  ! ${w.zh}`, `    ${w.en}`);
  }
  out.push('');
  const codes = failureCodes(r.lines);
  out.push(r.ok ? '结果 Result: ✓ 全部通过 PASSED' : `结果 Result: ✗ 未通过 FAILED: ${codes.join(', ')}`);
  return `${out.join('\n')}\n`;
}
