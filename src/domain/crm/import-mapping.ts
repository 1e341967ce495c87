import { z } from 'zod';

/**
 * Customer CSV import: the fields a column can fill, the file's limits, and the automatic mapping
 * from header names that staff can then change. Pure; docs/crm.md, Import.
 */

/** 20 MB of CSV, about 100,000 rows of a typical export with names, contacts and consent. */
export const MAX_CUSTOMER_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_CUSTOMER_IMPORT_ROWS = 100_000;

export const CUSTOMER_IMPORT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'dateOfBirth',
  'externalId',
  'tags',
  'emailConsent',
  'emailConsentAt',
  'smsConsent',
  'smsConsentAt',
  'consentSource',
] as const;
export const CustomerImportFieldSchema = z.enum(CUSTOMER_IMPORT_FIELDS);
export type CustomerImportField = z.infer<typeof CustomerImportFieldSchema>;

export const FIELD_LABELS: Record<CustomerImportField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  dateOfBirth: 'Date of birth',
  externalId: 'External id',
  tags: 'Tags',
  emailConsent: 'Email consent',
  emailConsentAt: 'Email consent date',
  smsConsent: 'SMS consent',
  smsConsentAt: 'SMS consent date',
  consentSource: 'Consent source',
};

/** Which column (0-based) fills each field; a field left out is not imported. */
export const ColumnMappingSchema = z.partialRecord(CustomerImportFieldSchema, z.number().int().min(0).max(199));
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** Header spellings from common exports, compared without case, spaces, dashes, dots or underscores. */
const HEADER_ALIASES: Record<CustomerImportField, readonly string[]> = {
  firstName: ['firstname', 'first', 'givenname', 'fname', 'forename'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'lname'],
  email: ['email', 'emailaddress', 'mail'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilenumber', 'mobilephone', 'cell', 'cellphone', 'telephone', 'tel', 'sms'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthday', 'birthdate', 'born'],
  externalId: ['externalid', 'customerid', 'id', 'posid', 'memberid', 'clientid', 'patientid'],
  tags: ['tags', 'tag', 'labels', 'groups'],
  emailConsent: ['emailconsent', 'emailoptin', 'acceptsemail', 'acceptsmarketing', 'emailmarketing', 'emailsubscribed', 'emailsubscription'],
  emailConsentAt: ['emailconsentdate', 'emailconsentat', 'emailoptindate', 'emailoptinat', 'emailsubscribedat', 'emailconsenttime'],
  smsConsent: ['smsconsent', 'smsoptin', 'acceptssms', 'smsmarketing', 'smssubscribed', 'textoptin', 'textconsent'],
  smsConsentAt: ['smsconsentdate', 'smsconsentat', 'smsoptindate', 'smsoptinat', 'smssubscribedat', 'textoptindate', 'smsconsenttime'],
  consentSource: ['consentsource', 'optinsource', 'source', 'signupsource', 'subscriptionsource'],
};

export const squashHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');

export function fieldForHeader(header: string): CustomerImportField | null {
  const h = squashHeader(header);
  if (!h) return null;
  for (const field of CUSTOMER_IMPORT_FIELDS) if (HEADER_ALIASES[field].includes(h)) return field;
  return null;
}

/** The mapping a file's header suggests: each field takes the first column whose name it knows. */
export function autoMapColumns(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((h, i) => {
    const field = fieldForHeader(h);
    if (field && mapping[field] === undefined) mapping[field] = i;
  });
  return mapping;
}

/** Why a mapping cannot be imported (null when it can): one identity column at least, no column twice, none past the header. */
export function mappingProblem(mapping: ColumnMapping, columnCount: number): string | null {
  const used = Object.entries(mapping).filter(([, i]) => i !== undefined) as Array<[CustomerImportField, number]>;
  if (mapping.phone === undefined && mapping.email === undefined && mapping.externalId === undefined)
    return 'Choose the column with the phone number, the email or the external id: customers are matched by one of them.';
  const beyond = used.find(([, i]) => i >= columnCount);
  if (beyond) return `${FIELD_LABELS[beyond[0]]} points at column ${beyond[1] + 1}, but the file has ${columnCount} columns.`;
  const seen = new Map<number, CustomerImportField>();
  for (const [field, i] of used) {
    const other = seen.get(i);
    if (other) return `${FIELD_LABELS[other]} and ${FIELD_LABELS[field]} both use column ${i + 1}; give each its own column.`;
    seen.set(i, field);
  }
  return null;
}
