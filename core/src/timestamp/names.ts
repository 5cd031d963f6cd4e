// A readable one-line form of an X.501 Name, for reports ("which TSA signed").
import type { RelativeDistinguishedNames } from 'pkijs';

const SHORT: Readonly<Record<string, string>> = Object.freeze({
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'emailAddress',
});

/** "CN=…, O=…" in the order the attributes are encoded; unknown types appear as their OID. */
export function formatName(name: RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const value: unknown = tv.value.valueBlock.value;
      return `${SHORT[tv.type] ?? tv.type}=${typeof value === 'string' ? value : '#'}`;
    })
    .join(', ');
}
