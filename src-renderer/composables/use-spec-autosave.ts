/**
 * Sends the form's spec to the open project whenever the user edits it, so the project's
 * autosave always holds the latest settings. Lives in a composable (called once by the app
 * shell) so neither store has to watch the other.
 */
import { watch } from 'vue';
import { useExperimentStore } from '../stores/experiment-store';
import { useProjectStore } from '../stores/project-store';

/** Starts the spec → project sync for the lifetime of the calling component. */
export function useSpecAutosave(): void {
  const experiment = useExperimentStore();
  const project = useProjectStore();
  watch(
    () => experiment.spec,
    (spec) => {
      if (!spec || !project.project) return;
      // A spec that came from the project itself (just opened) has nothing new to record.
      if (JSON.stringify(spec) === JSON.stringify(project.project.spec)) return;
      project.queueSpec(spec);
    },
    { deep: true },
  );
}
