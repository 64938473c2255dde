import { EVENT_DATA_LIMITS, eventDataProblem } from './event-data';

describe('event data (CNV-9)', () => {
  it('CNV-9: what a workflow attaches is kept as given: text, numbers, lists and nested objects', () => {
    expect(eventDataProblem({ workflow: 'Welcome', step: 3, ratio: 1.7976931348623157e308, tags: ['a', { é: true }], ÿ: null })).toBeNull();
  });

  it('CNV-9: a key with a dot, a leading $ or a NUL is refused, naming its path', () => {
    expect(eventDataProblem({ '.': 1 })).toMatchObject({ field: 'data..' });
    expect(eventDataProblem({ a: { $set: 1 } })).toMatchObject({ field: 'data.a.$set' });
    expect(eventDataProblem({ steps: [{ 'x.y': 1 }] })).toMatchObject({ field: 'data.steps.0.x.y' });
    expect(eventDataProblem({ 'a\u0000b': 1 })).toMatchObject({ field: 'data.a\u0000b' });
    expect(eventDataProblem({ price$: 1 })).toBeNull();
  });

  it('CNV-9: a list directly inside a list is refused, naming it; a list inside an object inside a list is kept', () => {
    expect(eventDataProblem({ '4}': [[]] })).toMatchObject({ field: 'data.4}.0' });
    expect(eventDataProblem({ grid: [1, [2]] })).toMatchObject({ field: 'data.grid.1', message: 'a list must not hold a list directly (wrap it in an object)' });
    expect(eventDataProblem({ rows: [{ cells: [1, 2] }] })).toBeNull();
  });

  it('CNV-9: an empty key is refused', () => {
    expect(eventDataProblem({ '': 1 })).toMatchObject({ field: 'data', message: 'must not have an empty key' });
  });

  it('CNV-9: data too large or too deep is refused', () => {
    expect(eventDataProblem({ text: 'x'.repeat(EVENT_DATA_LIMITS.bytes) })).toMatchObject({ field: 'data' });
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let level = 1; level < EVENT_DATA_LIMITS.depth; level++) deep = { next: deep };
    expect(eventDataProblem(deep)).toBeNull();
    expect(eventDataProblem({ next: deep })).toMatchObject({ message: `must nest at most ${EVENT_DATA_LIMITS.depth} levels` });
  });

  it('CNV-9: a provider\'s channel event names the path where its request carries the data', () => {
    expect(eventDataProblem({ form: { 'e.mail': 'x' } }, 'event.data')).toMatchObject({ field: 'event.data.form.e.mail' });
    expect(eventDataProblem({ text: 'x'.repeat(EVENT_DATA_LIMITS.bytes) }, 'event.data')).toMatchObject({ field: 'event.data' });
  });
});
