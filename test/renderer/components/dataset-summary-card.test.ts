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

  it('speaks of pairs, sources and targets when the rows are pairs', () => {
    const w = mount(DatasetSummaryCard, {
      props: {
        summary: datasetSummary({ layout: 'single', rows: 8000 }),
        pairs: { source: 'written', target: 'iso' },
      },
    });
    expect(fact(w, 'Layout')?.text()).toContain('Pairs of texts');
    expect(fact(w, 'Pairs')?.text()).toContain('8,000');
    expect(fact(w, 'Sources')?.text()).toContain('written');
    expect(fact(w, 'Targets')?.text()).toContain('iso');
    expect(w.text()).not.toContain('One series');
    expect(fact(w, 'Time column')).toBeUndefined();
    expect(fact(w, 'Gaps')).toBeUndefined();
  });
});
