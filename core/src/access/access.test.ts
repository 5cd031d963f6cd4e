import { describe, expect, it } from 'vitest';
import { REGION_PATTERN } from '../ids/region.js';
import { ORG_PATTERN, ROLES, isRole, regionCovers } from './index.js';

describe('regionCovers (GB/T 2260 hierarchy)', () => {
  it.each([
    ['370000', '370000', true],
    ['370000', '370102', true],
    ['370000', '370100', true],
    ['370100', '370102', true],
    ['370100', '370100', true],
    ['370102', '370102', true],
    ['370102', '370103', false],
    ['370100', '370200', false],
    ['370100', '370000', false],
    ['370000', '110000', false],
    ['110000', '110105', true],
  ])('%s covers %s: %s', (holder, target, expected) => {
    expect(regionCovers(holder, target)).toBe(expected);
  });

  it('nests GB/T 2260 regions', () => {
    expect(regionCovers('370000', '370102')).toBe(true);
    expect(regionCovers('370100', '370102')).toBe(true);
    expect(regionCovers('370102', '370102')).toBe(true);
    expect(regionCovers('370100', '370202')).toBe(false);
    expect(regionCovers('370102', '370100')).toBe(false);
    expect(regionCovers('110000', '370102')).toBe(false);
  });

  it('a malformed holder shorter than a prefecture prefix covers only itself', () => {
    expect(regionCovers('100', '100123')).toBe(false);
    expect(regionCovers('00', '001234')).toBe(false);
    expect(regionCovers('00', '00')).toBe(true);
  });
});

describe('roles and claim shapes', () => {
  it('knows the four roles, in the order the chaincode stores them', () => {
    expect(ROLES).toEqual(['bureau', 'vendor', 'arbitration', 'regulator']);
    expect(ROLES.every(isRole)).toBe(true);
    expect(['admin', 'Bureau', '', 'employer'].some(isRole)).toBe(false);
  });

  it('accepts org names of 1-127 letters, digits or ._:- and six-digit regions', () => {
    expect(['a', '91370100MA3C5XXXXX', 'rsj-37', 'org.example:1', 'x'.repeat(127)].every((o) => ORG_PATTERN.test(o))).toBe(true);
    expect(['', 'a b', '-a', 'x'.repeat(128), 'a\n'].some((o) => ORG_PATTERN.test(o))).toBe(false);
    expect(REGION_PATTERN.test('370102')).toBe(true);
    expect(['37', '3701020', '37010a', ''].some((r) => REGION_PATTERN.test(r))).toBe(false);
  });
});
