import type { Address } from '@/domain/common';
import type { BusinessHours } from '@/domain/location';
import type { Role } from '@/domain/roles';

/**
 * The fixed shape of the demo: two fictional dispensaries, their stores and their staff logins.
 * Everything random (customers, orders, products) is generated from these by generate-demo-data.
 */

export interface DemoLocationDefinition {
  id: string;
  name: string;
  address: Address;
  timeZone: string;
  /** Numbers in the 555-01xx range reserved for fiction: shown on screen, never dialled. */
  phone: string;
  businessHours: BusinessHours;
  /** Share of the tenant's customers who call this store home. */
  customerShare: number;
  /** Area codes (with weights) for customers of this store: local numbers, never 555. */
  areaCodes: ReadonlyArray<readonly [code: string, weight: number]>;
}

export interface DemoStaffDefinition {
  uid: string;
  role: Role;
  email: string;
  password: string;
  displayName: string;
}

export interface DemoTenantDefinition {
  id: string;
  name: string;
  /** The public name in customers' links: /join/pinecone. */
  slug: string;
  timeZone: string;
  address: Address;
  contactEmail: string;
  /** Short code used in SKUs, e.g. "PP". */
  skuPrefix: string;
  /** Combined sales and cannabis excise tax, in basis points of the discounted subtotal. */
  taxRateBps: number;
  customerCount: number;
  productCount: number;
  /** Medical patients aged 18 to 20: adult-use marketing must skip them. */
  underageMedicalCount: number;
  locations: DemoLocationDefinition[];
  staff: DemoStaffDefinition[];
}

const hours = (open: string, close: string) => [{ open, close }];

const login = (tenant: string, role: Role, displayName: string): DemoStaffDefinition => ({
  uid: `demo-${tenant}-${role}`,
  role,
  // .example is reserved for documentation (RFC 2606); the Auth emulator accepts it.
  email: `${role}@${tenant}.example`,
  password: `${tenant}-${role}-demo`,
  displayName,
});

export const PINECONE: DemoTenantDefinition = {
  id: 'demo-pinecone',
  slug: 'pinecone',
  name: 'Pinecone Provisions (Demo)',
  timeZone: 'America/Detroit',
  address: { line1: '4410 Woodward Ave', city: 'Detroit', region: 'MI', postalCode: '48201', country: 'US' },
  contactEmail: 'hello@pinecone.example',
  skuPrefix: 'PP',
  // Michigan: 6% sales tax plus the 10% adult-use excise.
  taxRateBps: 1600,
  customerCount: 2600,
  productCount: 150,
  underageMedicalCount: 12,
  locations: [
    {
      id: 'pinecone-detroit',
      name: 'Pinecone Provisions – Midtown Detroit',
      address: { line1: '4410 Woodward Ave', city: 'Detroit', region: 'MI', postalCode: '48201', country: 'US' },
      timeZone: 'America/Detroit',
      phone: '+13135550142',
      businessHours: {
        mon: hours('09:00', '21:00'),
        tue: hours('09:00', '21:00'),
        wed: hours('09:00', '21:00'),
        thu: hours('09:00', '21:00'),
        fri: hours('09:00', '22:00'),
        sat: hours('09:00', '22:00'),
        sun: hours('10:00', '18:00'),
      },
      customerShare: 0.72,
      areaCodes: [
        ['313', 45],
        ['248', 20],
        ['586', 15],
        ['734', 15],
        ['947', 5],
      ],
    },
    {
      id: 'pinecone-iron-mountain',
      name: 'Pinecone Provisions – Iron Mountain',
      address: { line1: '620 S Stephenson Ave', city: 'Iron Mountain', region: 'MI', postalCode: '49801', country: 'US' },
      // The four Michigan counties bordering Wisconsin keep Central time.
      timeZone: 'America/Menominee',
      phone: '+19065550187',
      businessHours: {
        mon: hours('10:00', '20:00'),
        tue: hours('10:00', '20:00'),
        wed: hours('10:00', '20:00'),
        thu: hours('10:00', '20:00'),
        fri: hours('09:00', '21:00'),
        sat: hours('09:00', '21:00'),
        sun: hours('11:00', '17:00'),
      },
      customerShare: 0.28,
      // Many Upper Peninsula shoppers drive in from Wisconsin (715).
      areaCodes: [
        ['906', 85],
        ['715', 15],
      ],
    },
  ],
  staff: [login('pinecone', 'owner', 'Dana Whitfield'), login('pinecone', 'admin', 'Sam Okafor'), login('pinecone', 'budtender', 'Riley Marsh')],
};

export const RIVERBEND: DemoTenantDefinition = {
  id: 'demo-riverbend',
  slug: 'riverbend',
  name: 'Riverbend Remedies (Demo)',
  timeZone: 'America/Chicago',
  address: { line1: '1820 River Dr', city: 'Moline', region: 'IL', postalCode: '61265', country: 'US' },
  contactEmail: 'hello@riverbend.example',
  skuPrefix: 'RR',
  // Illinois: cannabis excise plus state and local sales tax, simplified to one blended rate.
  taxRateBps: 2300,
  customerCount: 60,
  productCount: 25,
  underageMedicalCount: 1,
  locations: [
    {
      id: 'riverbend-moline',
      name: 'Riverbend Remedies – Moline',
      address: { line1: '1820 River Dr', city: 'Moline', region: 'IL', postalCode: '61265', country: 'US' },
      timeZone: 'America/Chicago',
      phone: '+13095550163',
      businessHours: {
        mon: hours('09:00', '21:00'),
        tue: hours('09:00', '21:00'),
        wed: hours('09:00', '21:00'),
        thu: hours('09:00', '21:00'),
        fri: hours('09:00', '21:00'),
        sat: hours('09:00', '21:00'),
        sun: hours('10:00', '19:00'),
      },
      customerShare: 1,
      // Quad Cities: Iowans (563) cross the river to buy in Illinois.
      areaCodes: [
        ['309', 70],
        ['563', 30],
      ],
    },
  ],
  staff: [login('riverbend', 'owner', 'Jordan Reyes'), login('riverbend', 'admin', 'Casey Novak'), login('riverbend', 'budtender', 'Taylor Brooks')],
};

export const DEMO_TENANTS: readonly DemoTenantDefinition[] = [PINECONE, RIVERBEND];

/** The seed every `npm run dev` uses, so every developer sees the same demo. */
export const DEMO_SEED = 20_240_420;

export interface DemoLogin {
  tenantId: string;
  tenantName: string;
  role: Role;
  email: string;
  password: string;
  displayName: string;
  uid: string;
}

export const DEMO_LOGINS: DemoLogin[] = DEMO_TENANTS.flatMap((t) =>
  t.staff.map((s) => ({ tenantId: t.id, tenantName: t.name, role: s.role, email: s.email, password: s.password, displayName: s.displayName, uid: s.uid })),
);
