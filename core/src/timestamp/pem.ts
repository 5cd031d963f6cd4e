// PEM (RFC 7468) <-> DER, browser-safe: textual encoding over core's strict base64.
import { ElcError } from '../errors.js';
import { fromBase64, toBase64 } from '../encoding/index.js';

const LABEL = /^[\x21-\x2c\x2e-\x7e](?:[- ]?[\x21-\x2c\x2e-\x7e])*$/;
const BLOCK = /-----BEGIN ([^-\r\n]*)-----\r?\n([\s\S]*?)-----END ([^-\r\n]*)-----/g;

function checkLabel(label: string): void {
  if (!LABEL.test(label)) throw new ElcError('ENCODING_INVALID_PEM', `invalid PEM label: ${label}`, { field: 'label' });
}

/** Every PEM block with the given label, in order (text between blocks is ignored, RFC 7468 §2). */
export function pemToDerAll(pem: string, label = 'CERTIFICATE'): Uint8Array[] {
  checkLabel(label);
  const out: Uint8Array[] = [];
  for (const m of pem.matchAll(BLOCK)) {
    const [, begin, body, end] = m;
    if (begin !== end) throw new ElcError('ENCODING_INVALID_PEM', 'PEM BEGIN and END labels differ', { field: 'pem' });
    if (begin !== label) continue;
    const der = fromBase64((body ?? '').replace(/\s+/g, ''), 'pem');
    if (der.length === 0) throw new ElcError('ENCODING_INVALID_PEM', 'empty PEM block', { field: 'pem' });
    out.push(der);
  }
  return out;
}

/** The DER bytes of the one PEM block with the given label; ENCODING_INVALID_PEM unless there is exactly one. */
export function pemToDer(pem: string, label = 'CERTIFICATE'): Uint8Array {
  const all = pemToDerAll(pem, label);
  const [first] = all;
  if (first === undefined || all.length !== 1) {
    throw new ElcError('ENCODING_INVALID_PEM', `expected exactly one PEM block "${label}", found ${all.length}`, { field: 'pem' });
  }
  return first;
}

/** RFC 7468 strict form: base64 lines of 64 characters, LF line ends, a final newline. */
export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  checkLabel(label);
  if (!(der instanceof Uint8Array) || der.length === 0) {
    throw new ElcError('ENCODING_INVALID_PEM', 'DER input must be a non-empty Uint8Array', { field: 'der' });
  }
  const b64 = toBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
