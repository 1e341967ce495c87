import type { Role } from '@/domain/roles';
import type { TestTenant } from './tenant';

/** Two tenants and one of A's customers: what every cross-tenant check starts from. */
export interface TenancyFixture {
  a: TestTenant;
  b: TestTenant;
  aCustomerId: string;
}

/** One API route as tests/integration/tenancy.test.ts checks it: 401, 403 by role, and tenant B kept out of A. */
export interface RouteCase {
  route: string;
  handler: unknown;
  roles: readonly Role[];
  request: (fx: TenancyFixture) => { params?: Record<string, string>; body?: unknown; path?: string };
  /** Called with tenant B's session against tenant A's resource: B must not see or change A's data. */
  crossTenant: (fx: TenancyFixture, cookieOfB: string) => Promise<void>;
}
