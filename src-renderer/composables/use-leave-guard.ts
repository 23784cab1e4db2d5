/**
 * Asks before another project replaces unsaved work (creating, opening a file, a recent project
 * or a sample). The browser's and Electron's own confirm box does the asking, on both hosts.
 */
import { useProjectStore } from '../stores/project-store';

/** The question, or null when nothing would be lost. */
export function discardQuestion(project: { name: string; dirty: boolean } | null): string | null {
  if (!project?.dirty) return null;
  return `“${project.name}” has unsaved changes. Continue and lose them? (Cancel, then Save, to keep them.)`;
}

/** Wraps a project-replacing action so it runs only when nothing unsaved is lost or the user agrees. */
export function useLeaveGuard(ask: (question: string) => boolean = (q) => globalThis.confirm(q)) {
  const projects = useProjectStore();
  return async function leaveThen(action: () => Promise<unknown>): Promise<void> {
    const question = discardQuestion(projects.project);
    if (question && !ask(question)) return;
    await action();
  };
}
