import { describe, expect, it } from 'vitest';
import { filterValue, type TableState } from './table-state';

function state(params: Record<string, string>): TableState {
  return { page: 1, pageSize: 20, q: '', sort: undefined, order: undefined, get: (name) => params[name] };
}

describe('filterValue', () => {
  it('uses the default while the URL does not name the filter', () => {
    expect(filterValue(state({}), 'status', 'active')).toBe('active');
    expect(filterValue(state({}), 'status')).toBeUndefined();
  });

  it('prefers the URL value, and an empty one clears the default', () => {
    expect(filterValue(state({ status: 'graduated' }), 'status', 'active')).toBe('graduated');
    expect(filterValue(state({ status: '' }), 'status', 'active')).toBeUndefined();
  });
});
