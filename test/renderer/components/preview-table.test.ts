// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PreviewTable from '../../../src-renderer/components/PreviewTable.vue';
import { fileRows } from '../fixtures';

describe('PreviewTable', () => {
  it('puts only the rows in view in the DOM and asks for their range', async () => {
    const total = 100_000;
    const wrapper = mount(PreviewTable, {
      props: {
        columns: ['year', 'volume', 'rain'],
        total,
        rowAt: (i: number) => fileRows(i, 1, total)[0] ?? null,
        version: 0,
        height: 280,
      },
    });
    const rows = wrapper.findAll('tr.row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]!.text()).toContain(fileRows(0, 1, total)[0]![0]);
    const [start, end] = wrapper.emitted('range')![0] as [number, number];
    expect(start).toBe(0);
    expect(end).toBe(rows.length);

    const scroller = wrapper.get('[data-testid="preview-table"]').element as HTMLElement;
    scroller.scrollTop = 28 * 50_000;
    await wrapper.trigger('scroll');
    const after = wrapper.findAll('tr.row');
    const first = Number(after[0]!.find('td').text());
    expect(first).toBeGreaterThan(49_000);
    expect(after.length).toBeLessThan(100);
    const last = wrapper.emitted('range')!.at(-1) as [number, number];
    expect(last[0]).toBe(first - 1);
  });

  it('shows a loading row until the page arrives', () => {
    const wrapper = mount(PreviewTable, {
      props: { columns: ['a'], total: 3, rowAt: () => null, version: 0 },
    });
    expect(wrapper.findAll('td.loading')).toHaveLength(3);
  });
});
