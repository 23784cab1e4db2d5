// @vitest-environment happy-dom
/** The search panel shows the search's note (why each run trains one network of an ensemble) above its table. */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import SearchPanel from '../../../../src-renderer/components/runs/SearchPanel.vue';
import { useSearchStore } from '../../../../src-renderer/stores/search-store';
import type { SearchState } from '../../../../src-main/shared/types-project';
import { freshExperimentStore } from '../settings/form-stores';

const NOTE = 'The spec asks for an ensemble of 3 networks; each run of the search trains one network.';

function state(extra: Partial<SearchState>): SearchState {
  return {
    searchId: 's',
    status: 'completed',
    total: 0,
    done: 0,
    rows: [],
    metric: 'validation loss (MSE)',
    bestRunId: null,
    ...extra,
  };
}

describe('search note', () => {
  it('shows a plan search’s note, and leaves an automatic verdict to its own card', () => {
    freshExperimentStore();
    const search = useSearchStore();
    search.state = state({ verdict: NOTE });
    const wrapper = mount(SearchPanel);
    expect(wrapper.get('[data-testid="search-note"]').text()).toBe(NOTE);
    wrapper.unmount();

    const automatic = { budgetSeconds: 60 } as SearchState['automatic'];
    search.state = state({ verdict: 'Automatic search (budget 1 min)…', automatic });
    expect(mount(SearchPanel).find('[data-testid="search-note"]').exists()).toBe(false);
  });
});
