/**
 * The runs a view shows: those of the open project, or every stored run when the user asks for
 * all projects. Without an open project there is nothing to scope to, so every run shows.
 */
import { storeToRefs } from 'pinia';
import { type Ref, computed, ref } from 'vue';
import { useProjectStore } from '../stores/project-store';

/** Scopes `runs` (and the ticked runs' details, if given) to the open project unless `allProjects` is on. */
export function useProjectRuns<R extends { runId: string }, D extends { runId: string }>(
  runs: Ref<readonly R[]>,
  details: Ref<readonly D[]> = ref([]),
) {
  const { project } = storeToRefs(useProjectStore());
  const allProjects = ref(false);
  const mine = computed(() => (project.value ? new Set(project.value.runs.map((r) => r.runId)) : null));
  const keep = (runId: string) => allProjects.value || !mine.value || mine.value.has(runId);
  const shown = computed(() => runs.value.filter((r) => keep(r.runId)));
  const shownDetails = computed(() => details.value.filter((d) => keep(d.runId)));
  const hiddenCount = computed(() => runs.value.length - shown.value.length);
  return { allProjects, shown, shownDetails, hiddenCount };
}
