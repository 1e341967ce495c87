import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listLocations } from '@/server/services/locations/list-locations';
import { LocationManager } from '@/ui/features/locations/location-manager';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Locations' };

export default async function LocationsPage() {
  const ctx = await requirePageSession({ roles: rolesFor('settings:manage') });
  const locations = await listLocations(ctx);
  return (
    <>
      <PageHeader
        title="Locations"
        description="Your stores: address, hours and time zone, and the ids your POS and storefront use for them. A customer's home store sets the clock their quiet hours follow."
      />
      <LocationManager
        initial={locations.map((l) => ({
          ...l,
          archivedAt: l.archivedAt?.toISOString() ?? null,
          createdAt: l.createdAt.toISOString(),
          updatedAt: l.updatedAt.toISOString(),
        }))}
      />
    </>
  );
}
