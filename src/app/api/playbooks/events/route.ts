import { z } from 'zod';
import { EVENT_CATALOGUE, listEventNames } from '@/domain/events/catalogue';
import { describeType, typeFromZod, type Type } from '@/domain/playbooks/expression';
import { rolesFor } from '@/domain/roles';
import { stepTypes } from '@/domain/playbooks/steps';
import { withTenant } from '@/server/http/with-tenant';
import { typeEnvForTrigger } from '@/server/services/playbooks/engine/run-data';

function fields(t: Type, prefix: string, out: Array<{ path: string; type: string }>, depth = 0) {
  if (t.kind === 'object' && depth < 3) for (const [k, v] of Object.entries(t.fields)) fields(v, prefix ? `${prefix}.${k}` : k, out, depth + 1);
  else if (prefix) out.push({ path: prefix, type: describeType(t) });
  return out;
}

// GET /api/playbooks/events: the event catalogue and step palette for the builder, with the fields conditions can use
export const GET = withTenant(
  async () => ({
    events: listEventNames().map((name) => {
      const def = EVENT_CATALOGUE[name];
      const env = typeEnvForTrigger({ type: 'event', eventName: name });
      const conditionFields = Object.entries(env).flatMap(([k, t]) => (k === 'vars' || k === 'event' ? [] : fields(t, k, [])));
      return {
        name,
        description: def.description,
        producers: def.producers,
        runKeys: def.runKeys,
        fields: fields(typeFromZod(def.schema as z.ZodType), '', []),
        conditionFields,
      };
    }),
    steps: stepTypes().map((s) => ({ action: s.action, label: s.label, description: s.description, category: s.category, branches: s.branches })),
  }),
  { roles: rolesFor('playbooks:read') },
);
