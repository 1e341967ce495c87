import { branchesOf, type Step } from './step-registry';

export interface FlowNode {
  step: Step;
  /** Where to go after this step finishes (null: the run is complete). */
  next: string | null;
  /** For branch steps: the first step of each branch, or the continuation when the branch is empty. */
  branches: Record<string, string | null>;
  /** The id of the branch step this node sits under, if any. */
  parent: string | null;
}

export interface Flow {
  entry: string | null;
  nodes: Map<string, FlowNode>;
}

/**
 * Turns the nested step tree into a graph of next pointers, so a run's cursor is a single step
 * id: after the last step of a branch the run continues after the branch step itself.
 */
export function compileFlow(steps: Step[]): Flow {
  const nodes = new Map<string, FlowNode>();
  const place = (list: Step[], continuation: string | null, parent: string | null): string | null => {
    for (let i = list.length - 1; i >= 0; i--) {
      const step = list[i]!;
      const next = i + 1 < list.length ? list[i + 1]!.id : continuation;
      const branches: Record<string, string | null> = {};
      for (const [name, branch] of Object.entries(branchesOf(step))) branches[name] = place(branch, next, step.id);
      if (nodes.has(step.id)) throw new Error(`Step id ${step.id} appears twice`);
      nodes.set(step.id, { step, next, branches, parent });
    }
    return list[0]?.id ?? continuation;
  };
  const entry = place(steps, null, null);
  return { entry, nodes };
}
