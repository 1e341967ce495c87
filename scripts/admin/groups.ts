import { customerCommands } from './customer-commands';
import { playbookCommands, runCommands } from './playbook-commands';
import { apiKeyCommands, deliveryCommands, endpointCommands } from './integration-commands';
import type { CommandGroup } from './registry';
import { rollupCommands } from './rollup-commands';
import { staffCommands, tenantCommands } from './tenant-commands';

/** Every command group, in --help order. Add a group: write its file, list it here. */
export const GROUPS: CommandGroup[] = [
  tenantCommands,
  staffCommands,
  endpointCommands,
  apiKeyCommands,
  deliveryCommands,
  customerCommands,
  playbookCommands,
  runCommands,
  rollupCommands,
];
