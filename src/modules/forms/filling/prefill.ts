import { NotFoundError } from '../../../core/errors.ts';
import type { CitizenSubject } from '../../citizen/index.ts';
import type { createRegistryModule, Entity } from '../../registry/index.ts';
import { bindings, type FormField } from '../fields.ts';
import type { FieldProvenance } from './contract.ts';

/** The registry module, whose entities and source names prefill bound fields. */
export type RegistryModule = Pick<ReturnType<typeof createRegistryModule>, 'service' | 'sourcesInfo'>;

/** A bound field's value from the registries and where it came from; value null when the registry has none. */
export type RegistryAnswer = { value: string | null; provenance: FieldProvenance | null };

/** The registry item that is an entity's key: it is the entity's key, not always one of its values. */
const keyItems: Record<string, string> = { population: 'id_number', legal_person: 'credit_code' };

/**
 * The registry values of a form's bound fields for a subject, by field key, each with its provenance in plain
 * words (the department and its resource). `person.*` fields are the acting resident's own entry in the
 * population registry (on a company's form too: the person filling it in); `company.*` fields are the company's
 * entry in the legal-person registry, and have no value on a person's form.
 */
export async function registryAnswers(
  deps: { registry: RegistryModule },
  fields: readonly FormField[],
  subject: CitizenSubject,
): Promise<Map<string, RegistryAnswer>> {
  const keyOf = {
    population: subject.idNumber,
    legal_person: subject.kind === 'company' ? subject.key : null,
  };
  const bound = fields.filter((f) => f.binding);
  const wanted = new Set(bound.map((f) => bindings[f.binding!].registry));
  const entities = new Map<string, Entity | null>();
  for (const registry of wanted) {
    const key = keyOf[registry];
    const entity = key
      ? await deps.registry.service.get(registry, key).catch((error: unknown) => {
          if (error instanceof NotFoundError) return null;
          throw error;
        })
      : null;
    entities.set(registry, entity);
  }
  const sourceOf = (entity: Entity, item: string, value: string) =>
    entity.provenance[item]?.source ??
    entity.sources.find((s) => s.values[item] === value)?.source ??
    entity.sources[0]?.source ??
    null;
  const sources = [...entities.values()].flatMap((e) => (e ? e.sources.map((s) => s.source) : []));
  const info = await deps.registry.sourcesInfo(sources);

  const answers = new Map<string, RegistryAnswer>();
  for (const field of bound) {
    const { registry, item } = bindings[field.binding!];
    const entity = entities.get(registry);
    const value = entity ? (entity.values[item] ?? (keyItems[registry] === item ? entity.key : null)) : null;
    if (!entity || value === null || value === '') {
      answers.set(field.key, { value: null, provenance: null });
      continue;
    }
    const source = sourceOf(entity, item, value);
    const observedAt =
      entity.provenance[item]?.observedAt ??
      entity.sources.find((s) => s.source === source)?.observedAt ??
      null;
    answers.set(field.key, {
      value,
      provenance: {
        department: (source && info.get(source)?.department) ?? null,
        resource: (source && info.get(source)?.name) ?? null,
        observedAt,
      },
    });
  }
  return answers;
}
