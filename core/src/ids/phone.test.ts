import { describe, expect, it } from 'vitest';
import { isValidMainlandMobile, isValidPhone } from './phone.js';

describe('phone numbers', () => {
  it.each(['13800000000', '19912345678', '16600001111'])('mobile %s', (n) => {
    expect(isValidMainlandMobile(n)).toBe(true);
    expect(isValidPhone(n)).toBe(true);
  });

  it.each(['12800000000', '1380000000', '138000000000', '+8613800000000', '138-0000-0000', '１３８００００００００', ''])(
    'not a bare mobile: %j',
    (n) => {
      expect(isValidMainlandMobile(n)).toBe(false);
    },
  );

  it.each([
    '+8613800000000',
    '+86 13800000000',
    '+86-13800000000',
    '010-62345678',
    '01062345678',
    '0531-86123456',
    '0531-8612345',
    '0755-23456789-123',
    '+86 10 62345678',
    '+86-531-86123456',
  ])('phone %s', (n) => {
    expect(isValidPhone(n)).toBe(true);
  });

  it.each([
    '62345678', // no area code
    '010-02345678', // local number starts with 0
    '010-1234567', // Beijing local numbers are 8 digits
    '0531-861234', // too short
    '0531-861234567', // too long
    '+86 010 62345678', // the trunk 0 is dropped after +86
    '400-800-8000',
    '12345',
    '0086 13800000000',
    '138 0000 0000',
    '13800000000 ',
    '',
  ])('not a phone: %j', (n) => {
    expect(isValidPhone(n)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isValidPhone(13800000000 as unknown as string)).toBe(false);
    expect(isValidMainlandMobile(13800000000 as unknown as string)).toBe(false);
  });
});
