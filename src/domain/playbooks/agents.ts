/** The agents a playbook can belong to (shown on the playbook and in its reports). */
export const PLAYBOOK_AGENTS = ['craig', 'mrs_parker', 'smokey', 'pops'] as const;
export type OwnerAgent = (typeof PLAYBOOK_AGENTS)[number];

export const AGENT_LABELS: Record<OwnerAgent, { name: string; role: string }> = {
  craig: { name: 'Craig', role: 'Marketer' },
  mrs_parker: { name: 'Mrs. Parker', role: 'Loyalty manager' },
  smokey: { name: 'Smokey', role: 'Budtender' },
  pops: { name: 'Pops', role: 'Analyst' },
};

/** The agent as the dashboard names it: "Craig, the AI marketer". Never a staff role on its own. */
export function agentName(agent: OwnerAgent): string {
  const a = AGENT_LABELS[agent];
  return `${a.name}, the AI ${a.role.toLowerCase()}`;
}
