import { describe, expect, it } from 'vitest';
import { autoMapColumns, fieldForHeader, mappingProblem } from './import-mapping';

describe('automatic column mapping', () => {
  it('knows the common spellings, ignoring case, spaces, dashes and underscores', () => {
    expect(fieldForHeader('First Name')).toBe('firstName');
    expect(fieldForHeader('last_name')).toBe('lastName');
    expect(fieldForHeader('E-Mail')).toBe('email');
    expect(fieldForHeader('Mobile Number')).toBe('phone');
    expect(fieldForHeader('DOB')).toBe('dateOfBirth');
    expect(fieldForHeader('Customer ID')).toBe('externalId');
    expect(fieldForHeader('SMS Opt-In Date')).toBe('smsConsentAt');
    expect(fieldForHeader('Accepts Marketing')).toBe('emailConsent');
    expect(fieldForHeader('Notes')).toBeNull();
    expect(fieldForHeader('  ')).toBeNull();
  });

  it('maps each field to the first column naming it, and leaves unknown columns out', () => {
    expect(autoMapColumns(['Email', 'Notes', 'Phone', 'email address', 'Tags'])).toEqual({ email: 0, phone: 2, tags: 4 });
  });
});

describe('mapping problems', () => {
  it('needs a phone, email or external id column', () => {
    expect(mappingProblem({ firstName: 0 }, 2)).toMatch(/phone number, the email or the external id/);
    expect(mappingProblem({ externalId: 0 }, 1)).toBeNull();
  });
  it('refuses a column used twice or past the header', () => {
    expect(mappingProblem({ email: 1, firstName: 1 }, 2)).toBe('Email and First name both use column 2; give each its own column.');
    expect(mappingProblem({ email: 3 }, 2)).toBe('Email points at column 4, but the file has 2 columns.');
  });
});
