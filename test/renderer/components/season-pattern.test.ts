// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import SeasonPattern from '../../../src-renderer/components/results/SeasonPattern.vue';

describe('SeasonPattern', () => {
  it('shows one signed bar per month, scaled to the largest deviation, and the usual change', () => {
    const values = [3, 1.5, 0, -1.5, -3, 0, 0, 0, 0, 0, 0, 0];
    const wrapper = mount(SeasonPattern, {
      props: { profile: { unit: 'month', values, drift: 0.05 }, target: 'sales' },
    });
    const rows = wrapper.findAll('li');
    expect(rows).toHaveLength(12);
    expect(rows[0]!.text()).toContain('Jan');
    expect(rows[0]!.text()).toContain('+3');
    expect(rows[4]!.text()).toContain('May');
    expect(rows[4]!.text()).toContain('-3');
    const bar = (i: number) => rows[i]!.get('.bar').element as HTMLElement;
    expect(bar(0).style.width).toBe('50%');
    expect(bar(0).style.left).toBe('50%');
    expect(bar(1).style.width).toBe('25%');
    expect(bar(4).style.left).toBe('0%');
    expect(bar(4).classList.contains('negative')).toBe(true);
    expect(wrapper.text()).toContain('a usual change of +0.05 per step');
    expect(wrapper.text()).toContain('in sales');
  });

  it('names weekdays, quarters and hours', () => {
    const labels = (unit: 'weekday' | 'quarter' | 'hour', n: number) =>
      mount(SeasonPattern, {
        props: { profile: { unit, values: Array.from({ length: n }, (_, i) => i - n / 2), drift: 0 }, target: 'y' },
      })
        .findAll('.label')
        .map((l) => l.text());
    expect(labels('weekday', 7)).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    expect(labels('quarter', 4)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(labels('hour', 24)[13]).toBe('13h');
  });
});
