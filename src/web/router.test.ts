import { describe, expect, it } from 'vitest';
import { matchPath } from './router.ts';

describe('matchPath', () => {
  it('names the parts of a path', () => {
    expect(matchPath('/arrangements/:id', '/arrangements/dudley-2018')).toEqual({ id: 'dudley-2018' });
    expect(matchPath('/organisations/:code', '/organisations/M87001/')).toEqual({ code: 'M87001' });
  });
  it('refuses paths of another shape', () => {
    expect(matchPath('/arrangements/:id', '/arrangements')).toBeNull();
    expect(matchPath('/explorer', '/arrangements')).toBeNull();
  });
});
