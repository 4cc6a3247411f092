import { describe, expect, it } from '@jest/globals';
import { catalogue, classifiedFieldsOf } from '@traiettorie/contracts';
import { consentScopeOfHealthEvent, specialCategoryAccess, specialCategoryFieldsFor } from './special-category-access.js';

const withSpecialCategory = catalogue.filter((d) => classifiedFieldsOf(d).some((f) => f.classification === 'special-category'));

describe('what each kind may see of special-category data, from the contracts', () => {
  it('every health-services event with special-category fields is shared under a consent item, and only those are listed', () => {
    const healthTypes = withSpecialCategory.filter((d) => d.context === 'health-services').map((d) => d.type).sort();
    expect(Object.keys(consentScopeOfHealthEvent).sort()).toEqual(healthTypes);
  });

  it('the emitting kind always sees its own special-category fields', () => {
    for (const definition of withSpecialCategory) {
      expect(specialCategoryFieldsFor(definition.context, definition.type).map((s) => s.access.kind)).not.toContain('never');
    }
  });

  it('the employment centre may never learn which specialist service is involved nor the care path, whatever the consent', () => {
    for (const type of ['SpecialistServiceInvolved', 'CarePathStatusChanged']) {
      expect(specialCategoryFieldsFor('employment-centre', type).map((s) => s.access)).toEqual(
        expect.arrayContaining([{ kind: 'never' }]),
      );
      expect(specialCategoryFieldsFor('employment-centre', type).every((s) => s.access.kind === 'never')).toBe(true);
    }
  });

  it('the social service sees a CPS involvement only under consent', () => {
    expect(specialCategoryFieldsFor('social-services', 'SpecialistServiceInvolved').map((s) => [s.field.path, s.access])).toEqual([
      ['$.involvement', { kind: 'under-consent', scope: 'service-category' }],
      ['$.serviceCategory', { kind: 'under-consent', scope: 'service-category' }],
    ]);
  });

  it('a funder sees no special-category field; the auditor every one', () => {
    for (const definition of withSpecialCategory) {
      expect(specialCategoryFieldsFor('funder', definition.type).every((s) => s.access.kind === 'never')).toBe(true);
      expect(specialCategoryFieldsFor('auditor', definition.type).every((s) => s.access.kind === 'sees')).toBe(true);
    }
    expect(specialCategoryAccess.auditor.sees).toBe('every-context');
  });
});
