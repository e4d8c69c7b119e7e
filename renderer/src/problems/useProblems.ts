// Semantic checks of the open document, recomputed shortly after edits stop (longer pause for big networks so
// typing and dragging stay smooth).
import { useEffect, useState } from 'react';
import { checkTopology, type Problem } from '../../../shared/model/checks';
import type { Topology } from '../../../shared/model/schema';

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3));
}

export function useProblems(doc: Topology | null): Problem[] {
  const [problems, setProblems] = useState<Problem[]>([]);
  useEffect(() => {
    if (!doc) {
      setProblems([]);
      return;
    }
    const delay = doc.devices.length > 300 ? 500 : 120;
    const timer = setTimeout(() => {
      try {
        setProblems(sortProblems(checkTopology(doc)));
      } catch (error) {
        // A checker bug must never take the editor down; show it as one problem instead.
        setProblems([{ code: 'internal', severity: 'error', message: String(error), params: {} } as Problem]);
      }
    }, delay);
    return () => clearTimeout(timer);
  }, [doc]);
  return problems;
}
