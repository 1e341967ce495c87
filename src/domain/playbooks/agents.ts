/** The agents a playbook can belong to (shown on the playbook and in its reports). */
export const PLAYBOOK_AGENTS = ['craig', 'mrs_parker', 'smokey', 'pops'] as const;
export type OwnerAgent = (typeof PLAYBOOK_AGENTS)[number];

export const AGENT_LABELS: Record<OwnerAgent, { name: string; role: string }> = {
  craig: { name: 'Craig', role: 'Marketer' },
  mrs_parker: { name: 'Mrs. Parker', role: 'Loyalty' },
  smokey: { name: 'Smokey', role: 'Budtender' },
  pops: { name: 'Pops', role: 'Analyst' },
};
