// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import DatasetSummaryCard from '../../../src-renderer/components/DatasetSummaryCard.vue';
import { datasetSummary } from '../fixtures';

const fact = (w: ReturnType<typeof mount>, label: string) =>
  w.findAll('.fact').find((f) => f.text().toUpperCase().startsWith(label.toUpperCase()));

describe('DatasetSummaryCard', () => {
  it('counts missing values apart from gaps in time', () => {
    // No missing time step, but two empty cells in volume: "Gaps 0" alone would hide them.
    const w = mount(DatasetSummaryCard, { props: { summary: datasetSummary() } });
    expect(fact(w, 'Gaps')?.text()).toContain('0');
    expect(fact(w, 'Missing values')?.text()).toContain('2');
    expect(fact(w, 'Missing values')?.classes()).toContain('warn');
  });

  it('leaves the time facts out for texts', () => {
    const w = mount(DatasetSummaryCard, {
      props: { summary: datasetSummary({ layout: 'labeled-text', timeColumn: null, frequency: null }) },
    });
    expect(fact(w, 'Layout')?.text()).toContain('Labelled texts');
    expect(fact(w, 'Time column')).toBeUndefined();
    expect(fact(w, 'Frequency')).toBeUndefined();
    expect(fact(w, 'Gaps')).toBeUndefined();
  });
});
